// The public API for building and analysing models in code: the uncertain-number factories, and
// the parameters simulate(), sobol_indices() and analyse_for_html() hold fixed.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <sroi/sroi.hpp>

#include "fixtures.hpp"

namespace {

bool same(const sroi::uncertain_number& a, const sroi::uncertain_number& b) {
    return a.value == b.value && a.low == b.low && a.high == b.high && a.sd == b.sd && a.dist == b.dist;
}

// Every form of the model format once (spec section 2), as YAML.
constexpr const char* every_form = R"(sroi: 1
project: {name: Every form}
stakeholders: [{id: s, name: S}]
inputs: [{id: grant, stakeholder: s, amount: {value: 1000, dist: lognormal, sd: 120}}]
outcomes:
  - id: o
    stakeholder: s
    quantity: {value: 100, dist: pert, low: 70, high: 120}
    proxy: {value: 500, dist: normal, sd: 60, low: 0}
    deadweight: {value: 0.2, dist: triangular, low: 0.1, high: 0.4}
    displacement: {value: 0.1, low: 0.05, high: 0.2}
    attribution: {value: 0.3, dist: beta, sd: 0.08}
    drop_off: {value: 0.1, dist: uniform, low: 0.05, high: 0.2}
)";

// The worked example (fixtures.hpp) with a PERT quantity around its base value 10 and a uniform
// attribution around its base value 0.25.
sroi::evaluator uncertain_worked_example() {
    sroi::model m = sroi::testing::worked_example();
    m.outcomes[0].quantity = sroi::pert(8, 10, 12);
    m.outcomes[0].attribution = sroi::uniform(0.25, 0.2, 0.3);
    return sroi::evaluator(m);
}

constexpr const char* quantity = "outcomes.wellbeing.quantity";
constexpr const char* attribution = "outcomes.wellbeing.attribution";

}  // namespace

TEST_CASE("the factories give what the model format gives for each form") {
    const sroi::model loaded = sroi::load_model_from_string(every_form);
    const sroi::outcome& o = loaded.outcomes[0];
    CHECK(same(sroi::pert(70, 100, 120), o.quantity));
    CHECK(same(sroi::normal(500, 60, 0.0), o.proxy.value));
    CHECK(same(sroi::triangular(0.1, 0.2, 0.4), o.deadweight));
    CHECK(same(sroi::range(0.1, 0.05, 0.2), o.displacement));
    CHECK(same(sroi::beta(0.3, 0.08), o.attribution));
    CHECK(same(sroi::uniform(0.1, 0.05, 0.2), o.drop_off));
    CHECK(same(sroi::lognormal(1000, 120), *loaded.inputs[0].amount));
    CHECK_FALSE(sroi::range(0.1, 0.05, 0.2).is_random());
    CHECK_FALSE(sroi::normal(1, 2).low.has_value());
    CHECK_FALSE(sroi::normal(1, 2).high.has_value());

    // The same model built with the factories simulates to the same bits.
    sroi::model built = loaded;
    built.inputs[0].amount = sroi::lognormal(1000, 120);
    built.outcomes[0].quantity = sroi::pert(70, 100, 120);
    built.outcomes[0].proxy.value = sroi::normal(500, 60, 0.0);
    built.outcomes[0].deadweight = sroi::triangular(0.1, 0.2, 0.4);
    built.outcomes[0].displacement = sroi::range(0.1, 0.05, 0.2);
    built.outcomes[0].attribution = sroi::beta(0.3, 0.08);
    built.outcomes[0].drop_off = sroi::uniform(0.1, 0.05, 0.2);
    sroi::simulation_options options;
    options.draws = 1000;
    const sroi::simulation_result a = sroi::simulate(sroi::evaluator(loaded), options);
    const sroi::simulation_result b = sroi::simulate(sroi::evaluator(built), options);
    // Six distributions and the displacement's range, drawn as triangular(0.05, 0.1, 0.2) by default.
    CHECK(a.sampled.size() == 7);
    CHECK(a.drawn_from_ranges == 1);
    CHECK(a.sroi_ratio.mean == b.sroi_ratio.mean);
    CHECK(a.net_present_value.sd == b.net_present_value.sd);
}

TEST_CASE("a parameter held fixed at its base value is not sampled") {
    // Before the fixed set was explicit, a value equal to the base value was sampled.
    const sroi::evaluator ev = uncertain_worked_example();
    sroi::simulation_options options;
    options.draws = 500;
    options.fixed = {{quantity, 10.0}};
    const sroi::simulation_result r = sroi::simulate(ev, options);
    CHECK(r.sampled == std::vector<std::size_t>{ev.parameters().index_of(attribution)});
    CHECK(sroi::sampled_parameters(ev, options) == r.sampled);

    sroi::sobol_options sobol;
    sobol.samples = 64;
    sobol.fixed = {{quantity, 10.0}};
    const sroi::sobol_result s = sroi::sobol_indices(ev, sobol);
    REQUIRE(s.indices.size() == 1);
    CHECK(s.indices[0].path == attribution);
}

TEST_CASE("with every uncertain parameter held, each draw is the fixed case") {
    const sroi::evaluator ev = uncertain_worked_example();
    // Quantity 12 instead of 10 scales the worked example's PV by 1.2; inputs stay 1,000.
    const sroi::parameter_overrides fixed = {{quantity, 12.0}, {attribution, 0.25}};
    const double ratio = 1.2 * sroi::testing::worked_example_pv / 1000.0;  // 1.6439220843264571
    sroi::simulation_options options;
    options.draws = 300;
    options.fixed = fixed;
    const sroi::simulation_result r = sroi::simulate(ev, options);
    CHECK(r.sampled.empty());
    CHECK(r.sroi_ratio.mean == doctest::Approx(ratio).epsilon(1e-12));
    CHECK(r.sroi_ratio.sd == doctest::Approx(0.0));

    sroi::sobol_options sobol;
    sobol.fixed = fixed;
    try {
        (void)sroi::sobol_indices(ev, sobol);
        FAIL("expected error sobol.options");
    } catch (const sroi::error& e) {
        CHECK(std::string(e.id()) == "sobol.options");
    }

    sroi::html_report_options html;
    html.draws = 256;
    const sroi::html_report_data data = sroi::analyse_for_html(ev, fixed, html);
    CHECK(data.figures.sroi_ratio == doctest::Approx(ratio).epsilon(1e-12));
    // Nothing is drawn, so the page has no simulation and no probabilities (issue 15).
    CHECK_FALSE(data.has_distributions);
    CHECK_FALSE(data.simulation.has_value());
}

TEST_CASE("a fixed path that is not a parameter, or a value outside its domain, is refused") {
    const sroi::evaluator ev = uncertain_worked_example();
    sroi::simulation_options options;
    options.draws = 10;
    options.fixed = {{"outcomes.wellbeing.quantiy", 10.0}};
    CHECK_THROWS_WITH_AS((void)sroi::simulate(ev, options),
                         doctest::Contains("did you mean 'outcomes.wellbeing.quantity'"),
                         sroi::evaluation_error);
    options.fixed = {{attribution, 1.5}};
    CHECK_THROWS_WITH_AS((void)sroi::simulate(ev, options), doctest::Contains("is outside [0, 1]"),
                         sroi::evaluation_error);
}

TEST_CASE("evaluate_totals checks the number of values") {
    const sroi::evaluator ev(sroi::testing::worked_example());
    const std::vector<double> short_values(ev.parameters().size() - 1, 0.0);
    CHECK_THROWS_WITH_AS((void)ev.evaluate_totals(short_values), doctest::Contains("parameter values, got"),
                         sroi::evaluation_error);
    CHECK(ev.evaluate_totals(ev.base_values()).present_value ==
          doctest::Approx(sroi::testing::worked_example_pv).epsilon(1e-14));
}
