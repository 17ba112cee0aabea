// Sobol indices against exact values for an additive model and a model with an interaction.
#include <doctest/doctest.h>

#include <string>

#include <sroi/analysis/sobol.hpp>
#include <sroi/io/load.hpp>

namespace {

// PV = 10 Q1 + 20 Q2 with Q1 ~ U[0, 100] and Q2 ~ U[0, 60] (rate 0, one year each), inputs 1000:
// ratio = (10 Q1 + 20 Q2) / 1000. Var(10 Q1) = 100 x 100^2 / 12, Var(20 Q2) = 400 x 60^2 / 12, so
// S1 = 1e6 / (1e6 + 1.44e6) = 0.409836 and S2 = 0.590164; additive, so ST = S.
const char* additive = R"(sroi: 1
project: {name: Additive}
discount: {rate: 0}
stakeholders: [{id: s, name: S}, {id: t, name: T}]
inputs: [{id: grant, stakeholder: s, amount: 1000}]
outcomes:
  - {id: a, stakeholder: s, quantity: {value: 50, dist: uniform, low: 0, high: 100}, proxy: 10}
  - {id: b, stakeholder: t, quantity: {value: 30, dist: uniform, low: 0, high: 60}, proxy: 20}
)";

// PV = Q x P with Q, P ~ U[0, 2] independent, inputs 1: Y = X1 X2. E X = 1, Var X = 1/3,
// Var Y = E X1^2 E X2^2 - 1 = 16/9 - 1 = 7/9; Var E[Y|X1] = Var X1 = 1/3, so S1 = S2 = 3/7 and
// ST1 = ST2 = 1 - 3/7 = 4/7 (the interaction carries 1/7 of the variance).
const char* product = R"(sroi: 1
project: {name: Product}
discount: {rate: 0}
stakeholders: [{id: s, name: S}]
inputs: [{id: grant, stakeholder: s, amount: 1}]
outcomes:
  - id: o
    stakeholder: s
    quantity: {value: 1, dist: uniform, low: 0, high: 2}
    proxy: {value: 1, dist: uniform, low: 0, high: 2}
)";

}  // namespace

TEST_CASE("additive model: first = total order = share of variance") {
    const sroi::evaluator ev(sroi::load_model_from_string(additive));
    sroi::sobol_options options;
    options.samples = 16384;
    options.seed = 3;
    const sroi::sobol_result r = sroi::sobol_indices(ev, options);
    REQUIRE(r.indices.size() == 2);
    CHECK(r.indices[0].path == "outcomes.a.quantity");
    CHECK(r.indices[0].first_order == doctest::Approx(0.409836).epsilon(0.05));
    CHECK(r.indices[1].first_order == doctest::Approx(0.590164).epsilon(0.05));
    CHECK(r.indices[0].total_order == doctest::Approx(0.409836).epsilon(0.05));
    CHECK(r.indices[1].total_order == doctest::Approx(0.590164).epsilon(0.05));
    // The NPV is 1000 (ratio - 1): the same indices.
    CHECK(r.indices[0].npv_first_order == doctest::Approx(r.indices[0].first_order).epsilon(1e-6));
    CHECK_FALSE(r.correlations_ignored);
    // Cost: 2 base evaluations of 2 outcomes plus one outcome per parameter, per sample.
    CHECK(r.evaluations == options.samples * (2 * 2 + 2));
}

TEST_CASE("product model: the interaction shows in the total-order indices") {
    const sroi::evaluator ev(sroi::load_model_from_string(product));
    sroi::sobol_options options;
    options.samples = 32768;
    options.seed = 11;
    options.threads = 2;
    const sroi::sobol_result r = sroi::sobol_indices(ev, options);
    REQUIRE(r.indices.size() == 2);
    for (const auto& index : r.indices) {
        CHECK(index.first_order == doctest::Approx(3.0 / 7.0).epsilon(0.06));
        CHECK(index.total_order == doctest::Approx(4.0 / 7.0).epsilon(0.06));
    }
}

TEST_CASE("grouping, bootstrap intervals and thread invariance") {
    const sroi::evaluator ev(sroi::load_model_from_string(product));
    sroi::sobol_options options;
    options.samples = 4000;
    options.group_by = sroi::sobol_grouping::outcome;
    options.bootstrap = 100;
    options.threads = 1;
    const sroi::sobol_result one = sroi::sobol_indices(ev, options);
    // One group holding both parameters: it explains all the variance.
    REQUIRE(one.indices.size() == 1);
    CHECK(one.indices[0].path == "outcomes.o");
    CHECK(one.indices[0].first_order == doctest::Approx(1.0).epsilon(0.02));
    CHECK(one.indices[0].total_order == doctest::Approx(1.0).epsilon(0.02));
    REQUIRE(one.indices[0].first_order_low.has_value());
    CHECK(*one.indices[0].first_order_low <= one.indices[0].first_order + 1e-12);
    CHECK(*one.indices[0].first_order_high >= one.indices[0].first_order - 1e-12);
    options.threads = 3;
    const sroi::sobol_result three = sroi::sobol_indices(ev, options);
    CHECK(three.indices[0].first_order == one.indices[0].first_order);
    CHECK(three.indices[0].total_order_high == one.indices[0].total_order_high);
}
