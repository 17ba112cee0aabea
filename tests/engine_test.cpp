// The calculation conventions of spec section 3, each checked against a hand-worked number.
#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include <sroi/sroi.hpp>

#include "engine/evaluator_internals.hpp"
#include "fixtures.hpp"

namespace {

// The shared worked example (tests/fixtures.hpp): one input of 1,000 now, one outcome of
// 10 x 100 with DW 20 %, DS 10 %, AT 25 %, drop-off 10 %, three years from year 1.
using sroi::testing::worked_example;

constexpr double df1 = 1 / 1.035;            // 0.966183574879...
constexpr double df2 = 1 / (1.035 * 1.035);  // 0.933510700366...
constexpr double df3 = df2 / 1.035;          // 0.901942705668...

}  // namespace

TEST_CASE("impact multiplies the reductions and drop-off starts in the second year of value") {
    // I = 10 x 100 x 0.8 x 0.9 x 0.75 = 540; values 540, 540 x 0.9 = 486, 486 x 0.9 = 437.4
    const sroi::result r = sroi::evaluate(worked_example());
    REQUIRE(r.outcomes.size() == 1);
    CHECK(r.outcomes[0].impact == doctest::Approx(540.0).epsilon(1e-12));
    REQUIRE(r.years == std::vector<int>{1, 2, 3});
    CHECK(r.outcomes[0].values[0] == doctest::Approx(540.0).epsilon(1e-12));
    CHECK(r.outcomes[0].values[1] == doctest::Approx(486.0).epsilon(1e-12));
    CHECK(r.outcomes[0].values[2] == doctest::Approx(437.4).epsilon(1e-12));
    // PV = 540/1.035 + 486/1.035^2 + 437.4/1.035^3 = 521.7391 + 453.6862 + 394.5097 = 1369.93507027
    CHECK(r.present_value == doctest::Approx(1369.9350702720476).epsilon(1e-12));
    CHECK(r.total_inputs == doctest::Approx(1000.0));
    CHECK(r.net_present_value == doctest::Approx(369.9350702720476).epsilon(1e-12));
    CHECK(r.sroi_ratio == doctest::Approx(1.3699350702720476).epsilon(1e-12));
    CHECK(r.net_sroi_ratio == doctest::Approx(0.3699350702720476).epsilon(1e-12));
    CHECK(r.discount_factors[0] == doctest::Approx(df1).epsilon(1e-14));
    CHECK(r.discount_factors[2] == doctest::Approx(df3).epsilon(1e-14));
}

TEST_CASE("payback is inputs over a twelfth of the annual impact") {
    // 1000 / (540 / 12) = 22.222... months
    const sroi::result r = sroi::evaluate(worked_example());
    REQUIRE(r.payback_months.has_value());
    CHECK(*r.payback_months == doctest::Approx(1000.0 / 45.0).epsilon(1e-12));

    sroi::model negative = worked_example();
    negative.outcomes[0].proxy.value = -100.0;  // a disbenefit: no payback
    CHECK_FALSE(sroi::evaluate(negative).payback_months.has_value());
}

TEST_CASE("a start lag leaves earlier years at zero and still lists them") {
    sroi::model m = worked_example();
    m.outcomes[0].start = 3;
    m.outcomes[0].duration = 2;
    const sroi::result r = sroi::evaluate(m);
    // years 1..4; values 0, 0, 540, 486; PV = 540/1.035^3 + 486/1.035^4
    REQUIRE(r.years == std::vector<int>{1, 2, 3, 4});
    CHECK(r.outcomes[0].values[0] == 0.0);
    CHECK(r.outcomes[0].values[1] == 0.0);
    CHECK(r.outcomes[0].values[2] == doctest::Approx(540.0));
    CHECK(r.outcomes[0].values[3] == doctest::Approx(486.0));
    CHECK(r.present_value == doctest::Approx(540.0 * df3 + 486.0 * df3 / 1.035).epsilon(1e-12));
}

TEST_CASE("the horizon drops later years and payback counts only outcomes inside it") {
    sroi::model m = worked_example();
    m.project.horizon = 2;
    sroi::outcome late = m.outcomes[0];
    late.id = "late";
    late.start = 3;  // entirely after the horizon
    m.outcomes.push_back(late);
    const sroi::result r = sroi::evaluate(m);
    REQUIRE(r.years == std::vector<int>{1, 2});
    // PV = 540/1.035 + 486/1.035^2 only; the late outcome adds nothing
    CHECK(r.present_value == doctest::Approx(540.0 * df1 + 486.0 * df2).epsilon(1e-12));
    CHECK(r.outcomes[1].present_value == 0.0);
    CHECK(*r.payback_months == doctest::Approx(1000.0 / 45.0));
}

TEST_CASE("start_of_year timing discounts year t by DF(t-1)") {
    sroi::model m = worked_example();
    m.discount.timing = sroi::discount_timing::start_of_year;
    const sroi::result r = sroi::evaluate(m);
    // PV = 540 x 1 + 486 / 1.035 + 437.4 / 1.035^2 = 540 + 469.5652 + 408.3176 = 1417.88279773
    CHECK(r.discount_factors == std::vector<double>{1.0, df1, df2});
    CHECK(r.present_value == doctest::Approx(540.0 + 486.0 * df1 + 437.4 * df2).epsilon(1e-12));
    CHECK(r.present_value == doctest::Approx(1417.8827977).epsilon(1e-9));
}

TEST_CASE("the Green Book schedule steps from 3.5 % to 3 % between years 30 and 31") {
    const sroi::discount_curve gb = sroi::discount_curve::green_book();
    CHECK(gb.rate(30) == 0.035);
    CHECK(gb.rate(31) == 0.030);
    CHECK(gb.rate(75) == 0.030);
    CHECK(gb.rate(76) == 0.025);
    CHECK(gb.rate(126) == 0.020);
    CHECK(gb.rate(201) == 0.015);
    CHECK(gb.rate(301) == 0.010);
    // DF(30) = 1.035^-30 = 0.356278410602; DF(31) = DF(30) / 1.03 = 0.345901369517
    CHECK(gb.factor(30) == doctest::Approx(0.35627841060230236).epsilon(1e-12));
    CHECK(gb.factor(31) == doctest::Approx(0.3459013695167984).epsilon(1e-12));
    // DF(75) = 1.035^-30 x 1.03^-45 = 0.094213772577; DF(76) = DF(75) / 1.025
    CHECK(gb.factor(75) == doctest::Approx(0.09421377257669152).epsilon(1e-11));
    CHECK(gb.factor(76) == doctest::Approx(0.0919158756845771).epsilon(1e-11));

    sroi::model m = worked_example();
    m.discount.kind = sroi::discount_spec::form::green_book;
    m.outcomes[0].start = 30;
    m.outcomes[0].duration = 2;
    m.outcomes[0].drop_off = 0.0;
    const sroi::result r = sroi::evaluate(m);
    CHECK(r.present_value ==
          doctest::Approx(540.0 * (0.35627841060230236 + 0.3459013695167984)).epsilon(1e-12));
}

TEST_CASE("a rates list applies year by year and its last rate repeats") {
    sroi::model m = worked_example();
    m.discount.kind = sroi::discount_spec::form::per_year;
    m.discount.rates = {0.05, 0.04};
    const sroi::result r = sroi::evaluate(m);
    // DF1 = 1/1.05 = 0.952381; DF2 = DF1/1.04 = 0.915751; DF3 = DF2/1.04 (0.04 repeats) = 0.880530
    const double d1 = 1 / 1.05;
    const double d2 = d1 / 1.04;
    const double d3 = d2 / 1.04;
    CHECK(r.discount_factors[0] == doctest::Approx(d1).epsilon(1e-14));
    CHECK(r.discount_factors[1] == doctest::Approx(d2).epsilon(1e-14));
    CHECK(r.discount_factors[2] == doctest::Approx(d3).epsilon(1e-14));
    CHECK(r.present_value == doctest::Approx(540 * d1 + 486 * d2 + 437.4 * d3).epsilon(1e-12));
}

TEST_CASE("inputs in later years are discounted by DF(year) whatever the timing") {
    sroi::model m = worked_example();
    sroi::input staff;
    staff.id = "staff";
    staff.stakeholder = "people";
    staff.quantity = 100.0;
    staff.unit_cost = 20.0;
    staff.year = 2;
    m.inputs.push_back(staff);
    // inputs = 1000 + 100 x 20 / 1.035^2 = 1000 + 1867.0214 = 2867.02140073
    const double expected = 1000.0 + 2000.0 * df2;
    CHECK(sroi::evaluate(m).total_inputs == doctest::Approx(expected).epsilon(1e-12));
    m.discount.timing = sroi::discount_timing::start_of_year;
    CHECK(sroi::evaluate(m).total_inputs == doctest::Approx(expected).epsilon(1e-12));
}

TEST_CASE("a proxy in another price year is re-based with the price index") {
    sroi::model m = worked_example();
    m.project.price_year = 2024;
    m.price_index = "deflator";
    sroi::price_index index;
    index.id = "deflator";
    index.values = {{2019, 81.1085}, {2024, 100.0}};
    m.indices.push_back(index);
    sroi::proxy wellby;
    wellby.id = "wellby";
    wellby.value = 13000.0;
    wellby.price_year = 2019;
    m.proxies.push_back(wellby);
    m.outcomes[0].proxy.ref = "wellby";
    m.outcomes[0].proxy.multiplier = 0.1;
    m.outcomes[0].duration = 1;
    const sroi::result r = sroi::evaluate(m);
    // 13,000 x 100 / 81.1085 = 16,027.9132 (data/README's worked check: 16,028); x 0.1 = 1,602.79132
    CHECK(r.outcomes[0].proxy == doctest::Approx(1602.7913227343619).epsilon(1e-12));
    // impact = 10 x 1,602.79132 x 0.54 = 8,655.0731
    CHECK(r.outcomes[0].impact == doctest::Approx(16027.913227343619 * 0.54).epsilon(1e-12));

    sroi::evaluator ev(m);
    const std::size_t p = ev.parameters().index_of("proxies.wellby");
    CHECK(ev.parameters()[p].spec.value == 13000.0);  // parameters stay in the proxy's own price year
}

TEST_CASE("a model whose inputs total 0 is an error") {
    sroi::model m = worked_example();
    m.inputs[0].amount = 0.0;
    CHECK_THROWS_AS((void)sroi::evaluate(m), sroi::model_error);
}

TEST_CASE("breakdowns add up to the totals") {
    sroi::model m = worked_example();
    m.stakeholders.push_back({"council", "Council", ""});
    sroi::outcome o = m.outcomes[0];
    o.id = "savings";
    o.stakeholder = "council";
    o.theme = "fiscal";
    o.type = sroi::value_type::fiscal;
    m.outcomes.push_back(o);
    const sroi::result r = sroi::evaluate(m);
    double stakeholders = 0, themes = 0, types = 0, years = 0;
    for (const auto& g : r.stakeholders)
        stakeholders += g.present_value;
    for (const auto& g : r.themes)
        themes += g.present_value;
    for (const auto& g : r.value_types)
        types += g.present_value;
    for (double v : r.present_value_by_year)
        years += v;
    CHECK(stakeholders == doctest::Approx(r.present_value));
    CHECK(themes == doctest::Approx(r.present_value));
    CHECK(types == doctest::Approx(r.present_value));
    CHECK(years == doctest::Approx(r.present_value));
    REQUIRE(r.outcomes.size() == 2);
    CHECK(r.outcomes[0].values.size() == 3);
    CHECK(r.outcomes[1].values.size() == 3);
}

TEST_CASE("parameter overrides: a scenario gives the numbers of the hand-edited model") {
    sroi::model m = worked_example();
    m.scenarios.push_back(
        {"pessimistic", "", {{"outcomes.wellbeing.deadweight", 0.4}, {"discount.rate", 0.05}}});
    sroi::model edited = worked_example();
    edited.outcomes[0].deadweight = 0.4;
    edited.discount.rate = 0.05;
    const sroi::result a = sroi::evaluate(m, "pessimistic");
    const sroi::result b = sroi::evaluate(edited);
    CHECK(a.present_value == doctest::Approx(b.present_value).epsilon(1e-14));
    CHECK(a.sroi_ratio == doctest::Approx(b.sroi_ratio).epsilon(1e-14));
    CHECK_THROWS_AS((void)sroi::evaluate(m, "optimistic"), sroi::evaluation_error);
}

TEST_CASE("evaluate_totals and the per-outcome seam agree with the full evaluation") {
    sroi::model m = worked_example();
    sroi::outcome o = m.outcomes[0];
    o.id = "second";
    o.start = 2;
    m.outcomes.push_back(o);
    const sroi::evaluator ev(m);
    std::vector<double> values = ev.base_values();
    values[ev.parameters().index_of("outcomes.second.quantity")] = 25.0;
    const sroi::totals fast = ev.evaluate_totals(values);
    const sroi::result full = ev.evaluate(values);
    CHECK(fast.present_value == doctest::Approx(full.present_value).epsilon(1e-14));
    CHECK(fast.sroi_ratio == doctest::Approx(full.sroi_ratio).epsilon(1e-14));
    const auto used =
        sroi::detail::internals(ev).outcomes_using(ev.parameters().index_of("outcomes.second.quantity"));
    CHECK(used == std::vector<std::size_t>{1});
    values[ev.parameters().index_of("discount.rate")] = 0.05;
    CHECK(ev.evaluate_totals(values).present_value == doctest::Approx(ev.evaluate(values).present_value));
}

TEST_CASE("property: the ratio never rises when deadweight, displacement or attribution rise") {
    std::mt19937_64 rng(12345);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (int trial = 0; trial < 200; ++trial) {
        sroi::model m = worked_example();
        m.outcomes[0].quantity = 1 + 100 * u(rng);
        m.outcomes[0].proxy.value = 10 + 1000 * u(rng);
        m.outcomes[0].drop_off = u(rng);
        m.outcomes[0].duration = 1 + static_cast<int>(10 * u(rng));
        const sroi::evaluator ev(m);
        for (const char* field : {"deadweight", "displacement", "attribution", "drop_off"}) {
            std::vector<double> values = ev.base_values();
            const std::size_t p = ev.parameters().index_of(std::string("outcomes.wellbeing.") + field);
            values[p] = 0.3 * u(rng);
            const double before = ev.evaluate_totals(values).sroi_ratio;
            values[p] += 0.5 * u(rng);
            const double after = ev.evaluate_totals(values).sroi_ratio;
            CHECK_MESSAGE(after <= before + 1e-12, "raising " << field << " raised the ratio");
        }
    }
}
