// Issue 13, numerics: every iterative routine is bounded and defined at extreme shapes, shapes a
// double cannot hold are rejected (by the model checker with file:line:column), and log-gamma
// leaves the global `signgam` alone. Reference values: closed forms worked out by hand, and
// quantiles from mpmath at 40 digits (incomplete beta by quadrature of the density; noted at each).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include <math.h>  // NOLINT(modernize-deprecated-headers): signgam is not in <cmath>

#include <sroi/analysis/sensitivity.hpp>
#include <sroi/analysis/simulation.hpp>
#include <sroi/engine/evaluate.hpp>
#include <sroi/io/load.hpp>
#include <sroi/model/distributions.hpp>
#include <sroi/model/error.hpp>

#include "distribution_spec.hpp"
#include "engine/simulation_engine.hpp"

namespace {

using sroi::testing::spec;

constexpr double infinity = std::numeric_limits<double>::infinity();

// Largest |table - exact| over many words, as a share of the shape's 5-95 % range.
double table_error(const sroi::marginal_distribution& d) {
    const sroi::detail::quantile_table table(d);
    double worst = 0.0;
    std::uint32_t r = 2463534242U;
    for (int i = 0; i < 20000; ++i) {
        r ^= r << 13;
        r ^= r >> 17;
        r ^= r << 5;
        const double exact = d.standard_quantile(sroi::detail::to_unit(r));
        REQUIRE(std::isfinite(exact));
        worst = std::max(worst, std::fabs(table(r) - exact));
    }
    return worst / (d.standard_quantile(0.95) - d.standard_quantile(0.05));
}

}  // namespace

TEST_CASE("a PERT whose 4 (high - low) overflows has the exact Beta(1, 5) shape and a finite table") {
    // The model: value 6000 in [3000, 1e308]. α = 1 + 4 (3000 / (1e308 - 3000)) = 1 to double
    // precision and β = 1 + 4 (1e308 - 6000) / (1e308 - 3000) = 5, so the quantile is
    // 3000 + (1e308 - 3000) (1 - (1 - p)^(1/5)) (Beta(1, 5): I_x = 1 - (1 - x)^5). Before the fix
    // β was inf and the table build looped in the continued fraction.
    const sroi::marginal_distribution d(spec(6000, sroi::distribution::pert, 3000.0, 1e308), 0.0);
    CHECK(d.shape_a() == 1.0);
    CHECK(d.shape_b() == doctest::Approx(5.0).epsilon(1e-15));
    for (const double p : {0x1.0p-33, 0.05, 0.5, 0.95, 1.0 - 0x1.0p-33}) {
        const double expected = 3000.0 + (1e308 - 3000.0) * -std::expm1(std::log1p(-p) / 5.0);
        CHECK(d.quantile(p) == doctest::Approx(expected).epsilon(1e-12));
    }
    CHECK(table_error(d) <= 2e-9);
}

TEST_CASE("simulating a PERT on [3000, 1e308] gives its closed-form mean and median") {
    // The PERT with a proxy of 1e-300 so that no figure overflows. Present value is linear
    // in the quantity: E[PV] = PV(6000) E[Q] / 6000 with E[Q] = (3000 + 4 x 6000 + 1e308) / 6, and
    // the median quantity is 3000 + (1e308 - 3000) (1 - 0.5^(1/5)). Standard errors with 20,000
    // draws: sd(Q) / sqrt(n), sd(Q) = sqrt((E[Q] - 3000) (1e308 - E[Q]) / 7) (PERT variance); the
    // median's sqrt(1/4n) / density, density 5 0.5^(4/5) / 1e308.
    const sroi::model m = sroi::load_model_from_string(
        "sroi: 1\n"
        "project: {name: Wide PERT}\n"
        "stakeholders: [{id: s, name: S}]\n"
        "inputs: [{id: grant, stakeholder: s, amount: 1000}]\n"
        "outcomes:\n"
        "  - {id: a, stakeholder: s, quantity: {value: 6000, dist: pert, low: 3000, high: 1e308}, proxy: "
        "1e-300}\n",
        "wide.yaml");
    const sroi::evaluator ev(m);
    const double per_unit = ev.evaluate().present_value / 6000.0;
    sroi::simulation_options options;
    options.draws = 20000;
    options.threads = 2;
    const sroi::simulation_result r = sroi::simulate(ev, options);
    CHECK(r.invalid_draws == 0);
    const double mean_q = (3000.0 + 4.0 * 6000.0 + 1e308) / 6.0;
    const double sd_q = std::sqrt((mean_q - 3000.0) * (1e308 - mean_q) / 7.0);
    CHECK(std::fabs(r.present_value.mean - per_unit * mean_q) <= 5.0 * per_unit * sd_q / std::sqrt(20000.0));
    const double median_q = 3000.0 + (1e308 - 3000.0) * (1.0 - std::pow(0.5, 0.2));
    const double median_se = std::sqrt(0.25 / 20000.0) / (5.0 * std::pow(0.5, 0.8) / 1e308);
    CHECK(std::fabs(r.present_value.p50 - per_unit * median_q) <= 5.0 * per_unit * median_se);
}

TEST_CASE("beta quantiles at tiny shapes keep their relative precision on both sides of p = 1/2") {
    // Beta(0.001, 10) (a fraction with value 1e-4 and sd 0.003): nearly all mass at 0, so quantiles
    // above p = 1/2 are still tiny. Before the fix, p > 1/2 was solved as 1 - x and the 0.7
    // quantile came out as 3.3e-16, the 0.3 quantile as 6.2e-65 (where I_x = 0.87), the bisection
    // running out of steps. mpmath (findroot on betainc in log x, 50 digits):
    //   p = 0.5 -> 5.5173840753724120e-303, p = 0.7 -> 7.4091586670778825e-157,
    //   p = 0.95 -> 3.1284856689183480e-24; Beta(10, 0.001) at p = 1e-6 -> 0.58425665520993000.
    // The quantile's condition number is 1/α = 1000, hence the tolerances.
    CHECK(sroi::incomplete_beta_inverse(0.001, 10, 0.5) ==
          doctest::Approx(5.5173840753724120e-303).epsilon(1e-9));
    CHECK(sroi::incomplete_beta_inverse(0.001, 10, 0.7) ==
          doctest::Approx(7.4091586670778825e-157).epsilon(1e-9));
    CHECK(sroi::incomplete_beta_inverse(0.001, 10, 0.95) ==
          doctest::Approx(3.1284856689183480e-24).epsilon(1e-9));
    CHECK(sroi::incomplete_beta_inverse(10, 0.001, 1e-6) ==
          doctest::Approx(0.58425665520993000).epsilon(1e-10));
    // Below the smallest normal double the quantile is 0 (to double precision), never garbage.
    CHECK(sroi::incomplete_beta_inverse(0.001, 10, 0.3) == 0.0);
    // A nearly two-point beta (α = β = 1e-10): 0 below p = 1/2, 1 above it, 1/2 at it.
    CHECK(sroi::incomplete_beta_inverse(1e-10, 1e-10, 0.25) == 0.0);
    CHECK(sroi::incomplete_beta_inverse(1e-10, 1e-10, 0.75) == 1.0);
    CHECK(sroi::incomplete_beta_inverse(1e-10, 1e-10, 0.5) == doctest::Approx(0.5).epsilon(1e-15));
}

TEST_CASE("beta quantiles up to ten times the concentration limit agree with mpmath") {
    // α + β = 1e8 = 10 max_beta_concentration, and 1e6. mpmath, 40 digits, I_x by quadrature of the density:
    //   Beta(3e7, 7e7): p = 0.05 -> 0.2999246256119215761, p = 2^-33 -> 0.2997096105410576687;
    //   Beta(5e7, 5e7): p = 0.3 -> 0.4999737799743170739; Beta(3e5, 7e5): p = 0.05 ->
    //   0.29924646117054837246. Log-gamma's cancellation leaves ~1e-11 here: within 1e-6 sd.
    struct reference {
        double a, b, p, x;
    };
    for (const reference& r : {reference{3e7, 7e7, 0.05, 0.2999246256119215761},
                               reference{3e7, 7e7, 0x1.0p-33, 0.2997096105410576687},
                               reference{5e7, 5e7, 0.3, 0.4999737799743170739},
                               reference{3e5, 7e5, 0.05, 0.29924646117054837246}}) {
        const double c = r.a + r.b;
        const double sd = std::sqrt(r.a * r.b / (c * c * (c + 1.0)));
        INFO("Beta(" << r.a << ", " << r.b << ") at " << r.p);
        CHECK(std::fabs(sroi::incomplete_beta_inverse(r.a, r.b, r.p) - r.x) <= 1e-6 * sd);
    }
}

TEST_CASE("the incomplete beta function and its inverse are bounded and defined everywhere") {
    // Shapes far beyond what a model may hold: the continued fraction stops after a fixed number of
    // terms and says so with NaN; the inverse stops after 200 steps. Each call here takes
    // microseconds to milliseconds; before the fix a NaN shape ran every call to its limits.
    CHECK(std::isnan(sroi::incomplete_beta(infinity, 5.0, 0.3)));
    CHECK(std::isnan(sroi::incomplete_beta_inverse(1.0, infinity, 0.3)));
    CHECK(std::isnan(sroi::incomplete_beta_inverse(1.25e199, 1.25e199, 0.3)));
    CHECK(sroi::incomplete_beta(2.0, 3.0, 0.0) == 0.0);
    CHECK(sroi::incomplete_beta(2.0, 3.0, 1.0) == 1.0);
    // A sweep up to the concentration limit: every quantile finite, in [0, 1], and inverted back.
    for (const double k : {1e-3, 1.0, 1e3, 1e6, 1e8}) {
        for (const double v : {1e-9, 1e-3, 0.3, 0.5, 0.999}) {
            for (const double p : {0x1.0p-33, 0.05, 0.5, 0.95, 1.0 - 0x1.0p-33}) {
                const double x = sroi::incomplete_beta_inverse(v * k, (1.0 - v) * k, p);
                INFO("Beta(" << v * k << ", " << (1.0 - v) * k << ") at " << p << ": " << x);
                REQUIRE((x >= 0.0 && x <= 1.0));
                if (x > 1e-300 && x < 1.0 - 1e-15)
                    CHECK(std::fabs(sroi::incomplete_beta(v * k, (1.0 - v) * k, x) - p) <=
                          1e-7 * std::min(p, 1 - p) + 1e-13);
            }
        }
    }
}

TEST_CASE("shapes a double cannot hold are named, with the key at fault") {
    using sroi::distribution;
    struct bad {
        sroi::uncertain_number u;
        double domain_low;
        double domain_high;
        const char* field;
        const char* says;
    };
    const bad cases[] = {
        // high - low = 2e308 overflows.
        {spec(0, distribution::uniform, -1e308, 1e308), -infinity, infinity, "high",
         "wider than the largest"},
        {spec(0, distribution::triangular, -1e308, 1e308), -infinity, infinity, "high",
         "wider than the largest"},
        {spec(0, distribution::pert, -1e308, 1e308), -infinity, infinity, "high", "wider than the largest"},
        // 6.3 sd above the mean overflows.
        {spec(0, distribution::normal, {}, {}, 1e308), -infinity, infinity, "sd", "would overflow"},
        {spec(1e308, distribution::normal, {}, {}, 2e307), 0.0, infinity, "sd", "would overflow"},
        // Truncated to under 1e-6 sd: Φ(b) - Φ(a) was 0 and the normal a point mass at the value,
        // where it is a uniform on [-1, 1]; a normal on a fraction with sd 1e7 likewise.
        {spec(0, distribution::normal, -1.0, 1.0, 1e300), -infinity, infinity, "sd", "use dist: uniform"},
        {spec(0.5, distribution::normal, {}, {}, 1e7), 0.0, 1.0, "sd", "flat there"},
        // σ = sqrt(ln(1 + 1e16)) = 6.07: 1e300 e^(6.07 x 6.3 - 18.4) = 1e300 e^19.8 = 4e308.
        {spec(1e300, distribution::lognormal, {}, {}, 1e308), 0.0, infinity, "sd", "would overflow"},
        // The betas: α + β = 2.5e199, and sd² underflowing to 0 (α + β = inf).
        {spec(0.5, distribution::beta, {}, {}, 1e-100), 0.0, 1.0, "sd", "too small for a beta"},
        {spec(0.5, distribution::beta, {}, {}, 1e-170), 0.0, 1.0, "sd", "too small for a beta"},
        {spec(0.5, distribution::beta, {}, {}, 1.5e-4), 0.0, 1.0, "sd", "use sd >= 0.000158"},  // 1.1e7
    };
    for (const bad& c : cases) {
        INFO(std::string(sroi::to_string(c.u.dist)) << " value " << c.u.value);
        const auto problem = sroi::representation_problem(c.u, c.domain_low, c.domain_high);
        REQUIRE(problem.has_value());
        INFO(problem->message);
        CHECK(problem->field == c.field);
        CHECK(problem->message.find(c.says) != std::string::npos);
        CHECK_THROWS_AS(sroi::marginal_distribution(c.u, c.domain_low, c.domain_high), sroi::error);
    }
    // Just inside the limits: representable, and the distribution is built.
    const sroi::uncertain_number fine[] = {
        spec(0, distribution::uniform, -0.8e308, 0.8e308),
        spec(6000, distribution::pert, 3000.0, 1e308),
        spec(0, distribution::normal, {}, {}, 2e307),
        spec(0, distribution::normal, -1.0, 1.0, 1e5),     // 2e-5 sd wide
        spec(3, distribution::normal, 3.0, 3.0, 1.0),      // a point mass
        spec(0.5, distribution::beta, {}, {}, 1.5812e-4),  // α + β = 9.9992e6
        spec(1e-9, distribution::beta, {}, {}, 1.2e-8),    // α + β = 6.9e6
        spec(1, distribution::lognormal, {}, {}, 1e100),
    };
    for (const auto& u : fine) {
        CHECK_FALSE(sroi::representation_problem(u, -infinity, infinity).has_value());
        CHECK_NOTHROW((void)sroi::marginal_distribution(u, u.dist == distribution::beta ? 0.0 : -infinity,
                                                        u.dist == distribution::beta ? 1.0 : infinity));
    }
}

TEST_CASE("the model checker reports an unrepresentable shape at its file, line and column") {
    const std::string text =
        "sroi: 1\n"
        "project: {name: Numerics}\n"
        "stakeholders: [{id: s, name: S}]\n"
        "inputs: [{id: grant, stakeholder: s, amount: 1000}]\n"
        "outcomes:\n"
        "  - {id: a, stakeholder: s, quantity: 100, proxy: 10,\n"
        "     attribution: {value: 0.5, dist: beta, sd: 1e-100}}\n"
        "  - {id: b, stakeholder: s, quantity: {value: 0, dist: uniform, low: -1e308, high: 1e308}, proxy: "
        "1}\n";
    const sroi::load_report report = sroi::load_model_report_from_string(text, "numerics.yaml");
    CHECK_FALSE(report.model.has_value());
    std::string all;
    for (const auto& d : report.diagnostics)
        all += d.to_string() + "\n";
    INFO(all);
    CHECK(all.find("numerics.yaml:7:48: error: outcomes[0].attribution.sd: sd 1e-100 is too small") !=
          std::string::npos);
    CHECK(all.find("numerics.yaml:8:84: error: outcomes[1].quantity.high: the range") != std::string::npos);
}

TEST_CASE("log-gamma does not write the global signgam (a data race between threads)") {
    // std::lgamma sets signgam, which every thread shares; sroi uses lgamma_r. Γ(2.5) > 0, so
    // lgamma would set signgam to 1.
    signgam = -7;
    CHECK(std::isfinite(sroi::incomplete_beta(2.5, 3.5, 0.4)));
    const sroi::marginal_distribution d(spec(0.3, sroi::distribution::beta, {}, {}, 0.08), 0.0, 1.0);
    CHECK(std::isfinite(d.quantile(0.7)));
    CHECK(signgam == -7);
}

TEST_CASE("one-way sensitivity with a huge variation reports the overflow, in the library") {
    // The tool refuses --variation outside (0, 1); the library still guards its arithmetic.
    const sroi::evaluator ev(
        sroi::load_model(std::string(SROI_SOURCE_DIR) + "/tests/data/reliability/overflow-sweep.yaml"));
    sroi::sensitivity_options options;
    options.variation = 1e308;
    CHECK_THROWS_WITH(
        static_cast<void>(sroi::one_way_sensitivity(ev, options)),
        doctest::Contains("the high end of its range (base 10 + variation 1e+308 x |base|) overflows"));
    options.variation = 1e298;
    CHECK_THROWS_WITH(static_cast<void>(sroi::one_way_sensitivity(ev, options)),
                      doctest::Contains("at its high end (1e+299): the present value overflows"));
}
