// Forecast against actual: a small forecast and its evaluation, worked by hand.
#include <doctest/doctest.h>

#include <string>

#include <sroi/analysis/compare.hpp>
#include <sroi/engine/evaluate.hpp>
#include <sroi/io/load.hpp>
#include <sroi/report/compare_report.hpp>

namespace {

const std::string data_dir = SROI_TEST_DATA;

}  // namespace

TEST_CASE("compare a forecast and an evaluative version of a small model") {
    const sroi::model f = sroi::load_model(data_dir + "/compare/forecast.yaml");
    const sroi::model a = sroi::load_model(data_dir + "/compare/evaluative.yaml");
    const sroi::comparison c = sroi::compare(f, sroi::evaluate(f), a, sroi::evaluate(a));
    CHECK(c.notes.empty());
    CHECK(c.forecast_rebase_factor == 1.0);
    // Totals: forecast PV 24,000 + 10,000 = 34,000, inputs 12,000; actual 19,200 + 2,000 = 21,200, 11,500.
    CHECK(c.present_value.forecast == doctest::Approx(34000.0));
    CHECK(c.present_value.actual == doctest::Approx(21200.0));
    CHECK(c.present_value.difference == doctest::Approx(-12800.0));
    CHECK(c.total_inputs.forecast == doctest::Approx(12000.0));
    CHECK(c.total_inputs.actual == doctest::Approx(11500.0));
    CHECK(c.net_present_value.difference == doctest::Approx((21200.0 - 11500.0) - (34000.0 - 12000.0)));
    CHECK(c.sroi_ratio.forecast == doctest::Approx(34000.0 / 12000.0));
    CHECK(c.sroi_ratio.actual == doctest::Approx(21200.0 / 11500.0));

    REQUIRE(c.outcomes.size() == 3);  // jobs, wellbeing (dropped), then volunteering (added)
    const sroi::outcome_comparison& jobs = c.outcomes[0];
    CHECK(jobs.id == "jobs");
    CHECK(jobs.status == sroi::match_status::matched);
    CHECK(jobs.quantity.forecast == 10.0);
    CHECK(jobs.quantity.actual == 8.0);
    CHECK(jobs.quantity.difference == -2.0);
    // impact 10 x 3,000 x 0.8 = 24,000 against 8 x 3,000 x 0.8 = 19,200
    CHECK(jobs.impact.forecast == doctest::Approx(24000.0));
    CHECK(jobs.impact.actual == doctest::Approx(19200.0));
    CHECK(jobs.present_value.difference == doctest::Approx(-4800.0));
    CHECK(*jobs.present_value.relative() == doctest::Approx(-0.2));
    CHECK(c.outcomes[1].id == "wellbeing");
    CHECK(c.outcomes[1].status == sroi::match_status::dropped);
    CHECK(c.outcomes[1].present_value.actual == 0.0);
    CHECK(c.outcomes[1].present_value.difference == doctest::Approx(-10000.0));
    CHECK(c.outcomes[2].id == "volunteering");
    CHECK(c.outcomes[2].status == sroi::match_status::added);
    CHECK(c.outcomes[2].present_value.forecast == 0.0);
    CHECK(c.outcomes[2].present_value.actual == doctest::Approx(2000.0));
    CHECK_FALSE(c.outcomes[2].present_value.relative());

    REQUIRE(c.inputs.size() == 3);  // grant, staff (dropped), venue (added)
    CHECK(c.inputs[0].value.difference == doctest::Approx(1000.0));
    CHECK(c.inputs[1].status == sroi::match_status::dropped);
    CHECK(c.inputs[2].status == sroi::match_status::added);
    CHECK(c.inputs[2].present_value.actual == doctest::Approx(500.0));

    const std::string text = sroi::comparison_text(c);
    CHECK(text.find("Outcomes added (only in the actual): volunteering") != std::string::npos);
    CHECK(text.find("Outcomes dropped (only in the forecast): wellbeing") != std::string::npos);
    CHECK(sroi::comparison_json(c).find("\"status\": \"added\"") != std::string::npos);
}

TEST_CASE("compare re-bases the forecast to the evaluative price year, and refuses mixed currencies") {
    const auto model = [](const std::string& project) {
        return sroi::load_model_from_string("sroi: 1\nproject:\n  name: x\n" + project +
                                                "discount: {rate: 0}\nprice_index: d\nindices:\n  - id: d\n  "
                                                "  values: {2019: 81.1085, 2024: 100}\n"
                                                "inputs:\n  - id: grant\n    amount: 1000\noutcomes:\n  - "
                                                "id: o\n    quantity: 1\n    proxy: 3000\n",
                                            "m.yaml");
    };
    const sroi::model f = model("  price_year: 2019\n");
    const sroi::model a = model("  price_year: 2024\n  type: evaluative\n");
    const sroi::comparison c = sroi::compare(f, sroi::evaluate(f), a, sroi::evaluate(a));
    // 3,000 in 2019 prices is 3,000 x 100 / 81.1085 = 3,698.76 in 2024 prices.
    CHECK(c.present_value.forecast == doctest::Approx(3000.0 * 100.0 / 81.1085).epsilon(1e-12));
    CHECK(c.present_value.actual == doctest::Approx(3000.0));
    CHECK(c.sroi_ratio.difference == doctest::Approx(0.0));  // ratios are not re-based
    CHECK_FALSE(c.notes.empty());

    const sroi::model eur = model("  price_year: 2024\n  currency: EUR\n");
    CHECK_THROWS_AS((void)sroi::compare(f, sroi::evaluate(f), eur, sroi::evaluate(eur)),
                    sroi::evaluation_error);
    const sroi::model no_year = model("");
    CHECK_THROWS_AS((void)sroi::compare(no_year, sroi::evaluate(no_year), a, sroi::evaluate(a)),
                    sroi::evaluation_error);
}
