// One-way sensitivity, switching values, percentile ranges, warnings: each against a number
// worked out by hand (or by an independent method) in the comment beside it.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>
#include <sroi/sroi.hpp>

#include "fixtures.hpp"

namespace {

// The worked example (fixtures.hpp): PV = 1369.9350702720476.
using sroi::testing::worked_example;

constexpr double pv = sroi::testing::worked_example_pv;
constexpr double df1 = 1 / 1.035;
constexpr double df2 = df1 / 1.035;
constexpr double df3 = df2 / 1.035;

}  // namespace

TEST_CASE("switching values of affine parameters match the closed form") {
    const sroi::evaluator ev(worked_example());
    // NPV is proportional to Q, P, (1-DW), (1-DS), (1-AT); it is 0 where PV = 1000.
    // Q* = 10 x 1000 / PV = 7.29961...; P* = 100 x 1000 / PV
    const double share = 1000.0 / pv;
    auto q = sroi::find_switching_value(ev, "outcomes.wellbeing.quantity");
    REQUIRE(q.value.has_value());
    CHECK(*q.value == doctest::Approx(10.0 * share).epsilon(1e-12));
    CHECK(q.method == sroi::switching_method::closed_form);
    // how far it must move: (Q* - 10) / 10 = share - 1 = -27.0 %
    REQUIRE(q.relative_change.has_value());
    CHECK(*q.relative_change == doctest::Approx(share - 1.0).epsilon(1e-12));

    auto p = sroi::find_switching_value(ev, "outcomes.wellbeing.proxy");
    CHECK(*p.value == doctest::Approx(100.0 * share).epsilon(1e-12));
    // 1 - DW* = 0.8 x share -> DW* = 1 - 0.8 x 0.729961 = 0.416031
    CHECK(*sroi::find_switching_value(ev, "outcomes.wellbeing.deadweight").value ==
          doctest::Approx(1.0 - 0.8 * share).epsilon(1e-12));
    CHECK(*sroi::find_switching_value(ev, "outcomes.wellbeing.displacement").value ==
          doctest::Approx(1.0 - 0.9 * share).epsilon(1e-12));
    CHECK(*sroi::find_switching_value(ev, "outcomes.wellbeing.attribution").value ==
          doctest::Approx(1.0 - 0.75 * share).epsilon(1e-12));
    // The input must rise to the PV itself: 1369.935..., +37.0 %
    auto a = sroi::find_switching_value(ev, "inputs.grant.amount");
    CHECK(*a.value == doctest::Approx(pv).epsilon(1e-12));
    CHECK(*a.relative_change == doctest::Approx(pv / 1000.0 - 1.0).epsilon(1e-12));
}

TEST_CASE("input quantity and unit cost, and a named proxy shared by two outcomes") {
    sroi::model m = worked_example();
    m.inputs[0].amount.reset();
    m.inputs[0].quantity = 100.0;  // 100 hours x 10 = 1,000
    m.inputs[0].unit_cost = 10.0;
    sroi::proxy named;
    named.id = "value";
    named.value = 50.0;
    m.proxies.push_back(named);
    sroi::outcome second;
    second.id = "second";
    second.stakeholder = "people";
    second.quantity = 4.0;
    second.proxy.ref = "value";
    second.proxy.multiplier = 2.0;
    m.outcomes.push_back(second);
    m.outcomes[0].proxy = {};
    m.outcomes[0].proxy.ref = "value";
    m.outcomes[0].proxy.multiplier = 2.0;  // 2 x 50 = 100 as before
    const sroi::evaluator ev(m);
    // PV = 1369.935 (first) + 4 x 100 / 1.035 (second: one year, no reductions) = 1369.935 + 386.473
    const double second_pv = 400.0 / 1.035;
    const double total = pv + second_pv;
    CHECK(ev.evaluate().present_value == doctest::Approx(total).epsilon(1e-12));
    // unit cost* = PV / 100 hours; hours* = PV / 10
    CHECK(*sroi::find_switching_value(ev, "inputs.grant.unit_cost").value ==
          doctest::Approx(total / 100).epsilon(1e-12));
    CHECK(*sroi::find_switching_value(ev, "inputs.grant.quantity").value ==
          doctest::Approx(total / 10).epsilon(1e-12));
    // PV is proportional to the named proxy: value* = 50 x 1000 / total
    CHECK(*sroi::find_switching_value(ev, "proxies.value").value ==
          doctest::Approx(50.0 * 1000.0 / total).epsilon(1e-12));
}

TEST_CASE("drop-off switching value solves the quadratic worked by hand") {
    const sroi::evaluator ev(worked_example());
    // NPV(d) = 540 (DF1 + k DF2 + k^2 DF3) - 1000 with k = 1 - d: a quadratic a k^2 + b k + c = 0,
    // a = 540 DF3 = 487.049, b = 540 DF2 = 504.096, c = 540 DF1 - 1000 = -478.261.
    // k = (-b + sqrt(b^2 - 4ac)) / 2a = 0.6011..., so d* = 0.3988...
    const double a = 540 * df3;
    const double b = 540 * df2;
    const double c = 540 * df1 - 1000;
    const double k = (-b + std::sqrt(b * b - 4 * a * c)) / (2 * a);
    const auto s = sroi::find_switching_value(ev, "outcomes.wellbeing.drop_off");
    REQUIRE(s.value.has_value());
    CHECK(s.method == sroi::switching_method::root_search);
    CHECK(s.roots == 1);
    CHECK(*s.value == doctest::Approx(1.0 - k).epsilon(1e-10));
    CHECK(std::fabs(*s.value - (1.0 - k)) < 1e-11);
}

TEST_CASE("discount-rate switching value solves the two-year quadratic worked by hand") {
    // One outcome of 6 x 100 for two years, no reductions or drop-off; input 1,000 now.
    // NPV(r) = 600 x + 600 x^2 - 1000 with x = 1/(1+r): x^2 + x - 5/3 = 0,
    // x = (-1 + sqrt(1 + 20/3)) / 2 = 0.884437..., r* = 1/x - 1 = 0.130663...
    sroi::model m = worked_example();
    m.outcomes[0].quantity = 6.0;
    m.outcomes[0].deadweight = 0.0;
    m.outcomes[0].displacement = 0.0;
    m.outcomes[0].attribution = 0.0;
    m.outcomes[0].drop_off = 0.0;
    m.outcomes[0].duration = 2;
    const sroi::evaluator ev(m);
    const double x = (-1.0 + std::sqrt(1.0 + 20.0 / 3.0)) / 2.0;
    const auto s = sroi::find_switching_value(ev, "discount.rate");
    REQUIRE(s.value.has_value());
    CHECK(s.method == sroi::switching_method::root_search);
    CHECK(*s.value == doctest::Approx(1.0 / x - 1.0).epsilon(1e-10));
    CHECK(*s.relative_change == doctest::Approx((1.0 / x - 1.0 - 0.035) / 0.035).epsilon(1e-9));
}

TEST_CASE("a discount rate with two roots reports the one nearest the base and says so") {
    // Cash flows -2000 (year 0), +5200 (year 1), -3300 (year 2): NPV = -3300 (x - 1/1.1)(x - 1/1.5)
    // in x = 1/(1+r), so NPV = 0 at r = 0.1 and r = 0.5. The base 3.5 % is nearer 0.1.
    sroi::model m = worked_example();
    m.inputs[0].amount = 2000.0;
    sroi::input later;
    later.id = "later";
    later.stakeholder = "people";
    later.amount = 3300.0;
    later.year = 2;
    m.inputs.push_back(later);
    m.outcomes[0] = {};
    m.outcomes[0].id = "once";
    m.outcomes[0].stakeholder = "people";
    m.outcomes[0].quantity = 52.0;
    m.outcomes[0].proxy.value = 100.0;
    const sroi::evaluator ev(m);
    const auto s = sroi::find_switching_value(ev, "discount.rate");
    REQUIRE(s.value.has_value());
    CHECK(s.roots == 2);
    CHECK(*s.value == doctest::Approx(0.1).epsilon(1e-10));
    CHECK(s.note.find("nearest the base") != std::string::npos);
}

TEST_CASE("a parameter that cannot reach NPV = 0 in its domain has no switching value") {
    sroi::model m = worked_example();
    m.inputs[0].amount = 400.0;
    const sroi::evaluator ev(m);
    // Even at drop-off 1 the first year is worth 540 / 1.035 = 521.74 > 400: NPV stays positive.
    const auto d = sroi::find_switching_value(ev, "outcomes.wellbeing.drop_off");
    CHECK_FALSE(d.value.has_value());
    CHECK_FALSE(d.relative_change.has_value());
    CHECK(d.roots == 0);
    CHECK(d.note.find("positive") != std::string::npos);
    // At r = 1: 540/2 + 486/4 + 437.4/8 = 446.175 > 400: no rate in [0, 1] reaches it either.
    CHECK_FALSE(sroi::find_switching_value(ev, "discount.rate").value.has_value());
    // With inputs of 2,000 the deadweight would have to be negative: 1 - DW* = 0.8 x 2000 / 1369.935
    // = 1.168, so DW* = -0.168, outside [0, 1].
    m.inputs[0].amount = 2000.0;
    const sroi::evaluator ev2(m);
    const auto dw = sroi::find_switching_value(ev2, "outcomes.wellbeing.deadweight");
    CHECK_FALSE(dw.value.has_value());
    CHECK(dw.note.find("outside [0, 1]") != std::string::npos);
    CHECK(dw.note.find("-0.16") != std::string::npos);
}

TEST_CASE("one-way sensitivity is sorted by swing of the ratio, ties by path") {
    const sroi::evaluator ev(worked_example());
    const sroi::sensitivity_result s = sroi::one_way_sensitivity(ev);
    // +/-20 % (no ranges given). Swings of the ratio, by hand (base ratio R = 1.369935):
    //   inputs.grant.amount   PV/800 - PV/1200          = 1369.935 x (1/800 - 1/1200) = 0.570806
    //   outcomes...proxy      0.4 R                                                   = 0.547974
    //   outcomes...quantity   0.4 R (same products, exactly: 8 x 100 = 10 x 80)      = 0.547974
    //   attribution 0.2..0.3  R x 0.1 / 0.75                                          = 0.182658
    //   deadweight 0.16..0.24 R x 0.08 / 0.8                                          = 0.136994
    //   displacement .08-.12  R x 0.04 / 0.9                                          = 0.060886
    //   drop_off 0.08..0.12   0.54 x ((0.92-0.88) DF2 + (0.92^2-0.88^2) DF3)          = 0.055231
    //   discount.rate 2.8..4.2 %  (about |dPV/dr| x 0.014 / 1000)                     ~ 0.035
    REQUIRE(s.parameters.size() == 8);
    const char* order[] = {"inputs.grant.amount",           "outcomes.wellbeing.proxy",
                           "outcomes.wellbeing.quantity",   "outcomes.wellbeing.attribution",
                           "outcomes.wellbeing.deadweight", "outcomes.wellbeing.displacement",
                           "outcomes.wellbeing.drop_off",   "discount.rate"};
    for (std::size_t i = 0; i < 8; ++i)
        CHECK(s.parameters[i].path == order[i]);
    const double R = pv / 1000.0;
    CHECK(*s.parameters[0].swing == doctest::Approx(pv * (1.0 / 800 - 1.0 / 1200)).epsilon(1e-12));
    CHECK(*s.parameters[1].swing == doctest::Approx(0.4 * R).epsilon(1e-12));
    CHECK(*s.parameters[3].swing == doctest::Approx(R * 0.1 / 0.75).epsilon(1e-12));
    CHECK(*s.parameters[4].swing == doctest::Approx(R * 0.08 / 0.8).epsilon(1e-12));
    CHECK(*s.parameters[5].swing == doctest::Approx(R * 0.04 / 0.9).epsilon(1e-12));
    CHECK(*s.parameters[6].swing ==
          doctest::Approx(0.54 * (0.04 * df2 + (0.92 * 0.92 - 0.88 * 0.88) * df3)).epsilon(1e-12));
    // Ends of the quantity: 8 and 12, ratio 0.8 R and 1.2 R, NPV 0.8 PV - 1000 and 1.2 PV - 1000.
    const auto& q = s.parameters[2];
    CHECK(q.low.value == 8.0);
    CHECK(q.high.value == 12.0);
    CHECK(*q.low.sroi_ratio == doctest::Approx(0.8 * R).epsilon(1e-12));
    CHECK(q.high.net_present_value == doctest::Approx(1.2 * pv - 1000).epsilon(1e-12));
    CHECK(q.range.low_source == sroi::range_source::variation);
    // The discount rate re-evaluates everything: compare with a full evaluation at 4.2 %.
    sroi::model at_high = worked_example();
    at_high.discount.rate = 0.035 * 1.2;
    CHECK(s.parameters[7].high.net_present_value ==
          doctest::Approx(sroi::evaluate(at_high).net_present_value).epsilon(1e-12));
}

TEST_CASE("explicit ranges, domain clamping and an undefined ratio at zero inputs") {
    sroi::model m = worked_example();
    m.outcomes[0].deadweight = {0.2};
    m.outcomes[0].deadweight.low = 0.1;
    m.outcomes[0].deadweight.high = 0.35;
    m.inputs[0].amount = {1000.0};
    m.inputs[0].amount->low = 0.0;  // the funder might pay nothing: inputs 0, ratio undefined
    const sroi::evaluator ev(m);
    sroi::sensitivity_options options;
    options.variation = 0.9;  // attribution 0.25 -/+ 0.225 -> [0.025, 0.475]; drop-off 0.1 -> [0.01, 0.19]
    const auto s = sroi::one_way_sensitivity(ev, options);
    const auto find = [&](const std::string& path) -> const sroi::parameter_sensitivity& {
        for (const auto& p : s.parameters) {
            if (p.path == path) return p;
        }
        FAIL("no " << path);
        return s.parameters.front();
    };
    const auto& dw = find("outcomes.wellbeing.deadweight");
    CHECK(dw.range.low == 0.1);
    CHECK(dw.range.high == 0.35);
    CHECK(dw.range.low_source == sroi::range_source::explicit_range);
    // ratio at DW 0.35: R x 0.65 / 0.8
    CHECK(*dw.high.sroi_ratio == doctest::Approx(pv / 1000 * 0.65 / 0.8).epsilon(1e-12));

    const auto& amount = find("inputs.grant.amount");
    CHECK(amount.low.value == 0.0);
    CHECK(amount.range.low_source == sroi::range_source::explicit_range);
    CHECK(amount.range.high_source == sroi::range_source::variation);  // 1000 + 0.9 x 1000
    CHECK(amount.high.value == doctest::Approx(1900.0));
    CHECK_FALSE(amount.low.sroi_ratio.has_value());
    CHECK(amount.low.net_present_value == doctest::Approx(pv).epsilon(1e-12));
    CHECK_FALSE(amount.swing.has_value());
    CHECK(s.parameters.front().path == "inputs.grant.amount");  // an undefined swing sorts first
    REQUIRE_FALSE(amount.notes.empty());
    CHECK(amount.notes[0].find("undefined") != std::string::npos);

    // JSON: the spec's fields, null (not NaN) for the undefined ratio.
    const sroi::report_context context{ev.model(), "", {}};
    const auto j = nlohmann::json::parse(sroi::sensitivity_json(s, context));
    CHECK(j["base"]["sroi_ratio"].get<double>() == doctest::Approx(pv / 1000).epsilon(1e-12));
    const auto& first = j["parameters"][0];
    CHECK(first["path"] == "inputs.grant.amount");
    CHECK(first["sroi_ratio_low"].is_null());
    for (const char* key : {"path", "base", "low", "high", "sroi_ratio_low", "sroi_ratio_high", "npv_low",
                            "npv_high", "switching_value"}) {
        CHECK_MESSAGE(first.contains(key), key);
    }
    CHECK(j["parameters"].size() == s.parameters.size());
    // Every format renders without a NaN or inf anywhere.
    for (const auto format : {sroi::report_format::text, sroi::report_format::markdown,
                              sroi::report_format::json, sroi::report_format::csv}) {
        const std::string out = sroi::render_sensitivity(s, context, format);
        CHECK(out.find("nan") == std::string::npos);
        CHECK(out.find("inf") == std::string::npos);
    }
}

TEST_CASE("the text report draws a tornado per figure, widest bar first") {
    const sroi::evaluator ev(worked_example());
    const auto s = sroi::one_way_sensitivity(ev);
    const std::string text = sroi::sensitivity_text(s, {ev.model(), "", {}}, 3);
    CHECK(text.find("Tornado: SROI ratio") != std::string::npos);
    CHECK(text.find("Tornado: net present value") != std::string::npos);
    CHECK(text.find("largest 3 of 8 swings") != std::string::npos);
    // The widest row spans the full bar (24 cells each side for the amount: 1.71 and 1.14).
    const std::size_t row = text.find("  inputs.grant.amount");
    REQUIRE(row != std::string::npos);
    const std::string line = text.substr(row, text.find('\n', row) - row);
    CHECK(line.find("[1,200] 1.14") != std::string::npos);  // the high input gives the low ratio
    CHECK(line.find("1.71 [800]") != std::string::npos);
    CHECK(line.find("│") != std::string::npos);
}

TEST_CASE("percentile ranges match the closed forms") {
    sroi::sensitivity_options percentiles;
    percentiles.ranges = sroi::range_rule::percentiles;
    const auto fraction = sroi::parameter_domain::fraction;
    const auto real = sroi::parameter_domain::real;

    // Triangular(0.1, 0.2, 0.4): F(mode) = 1/3. 5 %: 0.1 + sqrt(0.05 x 0.3 x 0.1) = 0.138730;
    // 95 %: 0.4 - sqrt(0.05 x 0.3 x 0.2) = 0.345228.
    sroi::parameter tri{
        "outcomes.x.deadweight", sroi::parameter_kind::outcome_deadweight, 0, {0.2}, fraction};
    tri.spec.dist = sroi::distribution::triangular;
    tri.spec.low = 0.1;
    tri.spec.high = 0.4;
    auto r = sroi::sensitivity_range(tri, 0.2, percentiles);
    CHECK(r.low == doctest::Approx(0.1 + std::sqrt(0.0015)).epsilon(1e-13));
    CHECK(r.high == doctest::Approx(0.4 - std::sqrt(0.003)).epsilon(1e-13));
    CHECK(r.low_source == sroi::range_source::percentile);
    // The spec's default rule uses the written low/high.
    r = sroi::sensitivity_range(tri, 0.2);
    CHECK(r.low == 0.1);
    CHECK(r.high == 0.4);
    CHECK(r.low_source == sroi::range_source::explicit_range);

    // Uniform(0.05, 0.2): 0.05 + 0.05 x 0.15 = 0.0575 and 0.05 + 0.95 x 0.15 = 0.1925.
    sroi::parameter uni = tri;
    uni.spec = {0.1};
    uni.spec.dist = sroi::distribution::uniform;
    uni.spec.low = 0.05;
    uni.spec.high = 0.2;
    r = sroi::sensitivity_range(uni, 0.1, percentiles);
    CHECK(r.low == doctest::Approx(0.0575).epsilon(1e-13));
    CHECK(r.high == doctest::Approx(0.1925).epsilon(1e-13));

    // Normal(500, 60) on a real domain: 500 -/+ 1.6448536269514722 x 60. The default rule uses
    // percentiles for a normal even with low given, since low only truncates it.
    sroi::parameter normal{"outcomes.x.proxy", sroi::parameter_kind::outcome_proxy, 0, {500.0}, real};
    normal.spec.dist = sroi::distribution::normal;
    normal.spec.sd = 60.0;
    normal.spec.low = 0.0;  // 8.3 sd below the mean: changes nothing visible
    r = sroi::sensitivity_range(normal, 500.0);
    CHECK(r.low == doctest::Approx(500 - 1.6448536269514722 * 60).epsilon(1e-12));
    CHECK(r.high == doctest::Approx(500 + 1.6448536269514722 * 60).epsilon(1e-12));
    CHECK(r.low_source == sroi::range_source::percentile);
    // Half-normal: N(0, 1) truncated to [0, inf) by the domain of a quantity: quantile p is
    // Phi^-1(0.5 + p/2); 5 %: Phi^-1(0.525) = 0.0627067779432; 95 %: Phi^-1(0.975) = 1.95996398454.
    sroi::uncertain_number half{0.0};
    half.dist = sroi::distribution::normal;
    half.sd = 1.0;
    const auto non_negative = sroi::parameter_domain::non_negative;
    CHECK(*sroi::distribution_quantile(half, 0.05, non_negative) ==
          doctest::Approx(0.0627067779432).epsilon(1e-10));
    CHECK(*sroi::distribution_quantile(half, 0.95, non_negative) ==
          doctest::Approx(1.95996398454).epsilon(1e-10));

    // Lognormal, mean 500, sd 120: sigma^2 = ln(1 + 0.0576), mu = ln 500 - sigma^2 / 2,
    // 5 %: exp(mu - 1.6448536269514722 sigma).
    sroi::parameter logn = normal;
    logn.spec = {500.0};
    logn.spec.dist = sroi::distribution::lognormal;
    logn.spec.sd = 120.0;
    const double s2 = std::log(1.0576);
    r = sroi::sensitivity_range(logn, 500.0);
    CHECK(r.low == doctest::Approx(std::exp(std::log(500.0) - s2 / 2 - 1.6448536269514722 * std::sqrt(s2)))
                       .epsilon(1e-12));

    // PERT(0, 0.5, 1) is Beta(3, 3): I_x(3, 3) = 10x^3 - 15x^4 + 6x^5 (the binomial sum), so the
    // 5 % point x satisfies that polynomial = 0.05; by symmetry the 95 % point is 1 - x.
    sroi::uncertain_number pert{0.5};
    pert.dist = sroi::distribution::pert;
    pert.low = 0.0;
    pert.high = 1.0;
    const double x05 = *sroi::distribution_quantile(pert, 0.05, fraction);
    CHECK(10 * std::pow(x05, 3) - 15 * std::pow(x05, 4) + 6 * std::pow(x05, 5) ==
          doctest::Approx(0.05).epsilon(1e-12));
    CHECK(*sroi::distribution_quantile(pert, 0.95, fraction) == doctest::Approx(1.0 - x05).epsilon(1e-12));

    // Beta with mean 0.3, sd 0.08 (alpha = 9.54375, beta = 22.26875): the 5 % point checked by
    // Simpson integration of the density, independently of the incomplete beta function.
    sroi::uncertain_number beta{0.3};
    beta.dist = sroi::distribution::beta;
    beta.sd = 0.08;
    const double q = *sroi::distribution_quantile(beta, 0.05, fraction);
    const double nu = 0.3 * 0.7 / (0.08 * 0.08) - 1.0;
    const double a = 0.3 * nu;
    const double b = 0.7 * nu;
    const double log_b = std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
    const auto density = [&](double t) {
        return t <= 0 ? 0.0 : std::exp((a - 1) * std::log(t) + (b - 1) * std::log1p(-t) - log_b);
    };
    const int n = 20000;
    double integral = density(0) + density(q);
    for (int i = 1; i < n; ++i)
        integral += (i % 2 ? 4 : 2) * density(q * i / n);
    integral *= q / n / 3;
    CHECK(integral == doctest::Approx(0.05).epsilon(1e-9));

    // A fixed number has no percentiles; a parameter without a range varies by +/- variation.
    CHECK_FALSE(sroi::distribution_quantile(sroi::uncertain_number{3.0}, 0.05, real).has_value());
    sroi::parameter plain{"inputs.x.amount", sroi::parameter_kind::input_amount, 0, {100.0}, non_negative};
    sroi::sensitivity_options wide;
    wide.variation = 1.5;  // 100 -/+ 150, clamped to [0, inf)
    r = sroi::sensitivity_range(plain, 100.0, wide);
    CHECK(r.low == 0.0);
    CHECK(r.high == 250.0);
    wide.variation = -0.1;
    CHECK_THROWS_AS((void)sroi::sensitivity_range(plain, 100.0, wide), sroi::evaluation_error);
}

TEST_CASE("analysis warnings: dominant outcome, old price year, wellbeing beside unit cost") {
    sroi::model m = worked_example();
    m.project.price_year = 2024;
    m.price_index = "deflator";
    sroi::price_index index;
    index.id = "deflator";
    index.values = {{2010, 75.0}, {2024, 100.0}};
    m.indices.push_back(index);
    m.outcomes[0].proxy.price_year = 2010;  // 14 years older
    m.outcomes[0].proxy.provenance.method = "wellbeing";
    sroi::outcome costs;
    costs.id = "costs_avoided";
    costs.stakeholder = "people";
    costs.quantity = 1.0;
    costs.proxy.value = 10.0;
    costs.proxy.provenance.method = "unit-cost";
    m.outcomes.push_back(costs);
    const sroi::evaluator ev(m);
    const auto warnings = sroi::analysis_warnings(ev, ev.evaluate());
    std::string all;
    for (const auto& d : warnings)
        all += d.path + ": " + d.message + "\n";
    CHECK(warnings.size() == 3);
    CHECK(all.find("outcomes.wellbeing: contributes 99% of the present value") != std::string::npos);
    CHECK(all.find("2010 prices, 14 years older") != std::string::npos);
    CHECK(
        all.find("stakeholders.people: valued with both wellbeing proxies (wellbeing) and unit-cost proxies "
                 "(costs_avoided)") != std::string::npos);
    for (const auto& d : warnings)
        CHECK(d.level == sroi::severity::warning);

    // 10 years is not "more than 10"; the share of a single outcome is not worth a warning.
    m.outcomes[0].proxy.price_year = 2014;
    m.indices[0].values[2014] = 80.0;
    m.outcomes.pop_back();
    const sroi::evaluator quiet(m);
    CHECK(sroi::analysis_warnings(quiet, quiet.evaluate()).empty());
}
