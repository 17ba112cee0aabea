// Distributions of spec section 2: quantiles, CDFs and moments against closed forms, and the
// sample moments of inversion sampling against the exact ones.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include <sroi/model/distributions.hpp>
#include <sroi/model/error.hpp>

#include "distribution_spec.hpp"

namespace {

using sroi::testing::spec;

// Stratified-free plain Monte Carlo with a fixed low-discrepancy-free LCG: u_i uniform on (0, 1).
struct lcg {
    std::uint64_t state = 0x2545F4914F6CDD1DULL;
    double next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return (static_cast<double>(state >> 11) + 0.5) * 0x1.0p-53;
    }
};

// Sample mean and variance of n inversion draws must lie within 5 standard errors of the exact
// moments (SE of the mean = sd / sqrt(n); SE of the variance ~ sd^2 sqrt((kurtosis - 1) / n),
// bounded here by 4 sd^2 / sqrt(n) for these light-tailed shapes).
void check_sample_moments(const sroi::marginal_distribution& d) {
    constexpr int n = 200000;
    lcg g;
    double sum = 0.0;
    double sum2 = 0.0;
    for (int i = 0; i < n; ++i) {
        const double x = d.quantile(g.next());
        REQUIRE(std::isfinite(x));
        sum += x;
        sum2 += x * x;
    }
    const double mean = sum / n;
    const double variance = sum2 / n - mean * mean;
    const double sd = std::sqrt(d.variance());
    CHECK(std::fabs(mean - d.mean()) < 5.0 * sd / std::sqrt(double{n}));
    CHECK(std::fabs(variance - d.variance()) < 5.0 * 4.0 * d.variance() / std::sqrt(double{n}));
}

}  // namespace

TEST_CASE("normal quantile matches tabulated values to full precision") {
    // Φ^-1(0.975) = 1.959963984540054, Φ^-1(0.95) = 1.6448536269514722, Φ^-1(1e-10) = -6.361340902404056.
    CHECK(sroi::normal_quantile(0.975) == doctest::Approx(1.959963984540054).epsilon(1e-14));
    CHECK(sroi::normal_quantile(0.95) == doctest::Approx(1.6448536269514722).epsilon(1e-14));
    CHECK(sroi::normal_quantile(0.5) == doctest::Approx(0.0).epsilon(1e-15));
    CHECK(sroi::normal_quantile(1e-10) == doctest::Approx(-6.361340902404056).epsilon(1e-13));
    CHECK(sroi::normal_quantile(0.0) == -std::numeric_limits<double>::infinity());
    for (double p : {1e-300, 1e-20, 0.001, 0.1, 0.3, 0.7, 0.999}) {
        CHECK(sroi::normal_cdf(sroi::normal_quantile(p)) == doctest::Approx(p).epsilon(1e-13));
    }
}

TEST_CASE("incomplete beta against closed forms") {
    // Beta(2, 2): I_x = 3x^2 - 2x^3; Beta(a, 1): I_x = x^a; Beta(1, 1): I_x = x.
    for (double x : {0.01, 0.2, 0.5, 0.77, 0.999}) {
        CHECK(sroi::incomplete_beta(2, 2, x) == doctest::Approx(3 * x * x - 2 * x * x * x).epsilon(1e-13));
        CHECK(sroi::incomplete_beta(3.5, 1, x) == doctest::Approx(std::pow(x, 3.5)).epsilon(1e-13));
        CHECK(sroi::incomplete_beta(1, 1, x) == doctest::Approx(x).epsilon(1e-13));
    }
    // Inverse of Beta(2, 2) at 0.5 is 0.5 by symmetry; at p = 0.104 it is 0.2 (3(0.04) - 2(0.008) = 0.104).
    CHECK(sroi::incomplete_beta_inverse(2, 2, 0.5) == doctest::Approx(0.5).epsilon(1e-14));
    CHECK(sroi::incomplete_beta_inverse(2, 2, 0.104) == doctest::Approx(0.2).epsilon(1e-13));
    // Beta(a, 1) inverse is p^(1/a).
    CHECK(sroi::incomplete_beta_inverse(0.3, 1, 1e-6) ==
          doctest::Approx(std::pow(1e-6, 1 / 0.3)).epsilon(1e-12));
    for (double a : {0.4, 1.0, 2.6, 30.0}) {
        for (double b : {0.7, 3.0, 45.0}) {
            for (double p : {1e-9, 0.01, 0.3, 0.5, 0.9, 0.999999}) {
                const double x = sroi::incomplete_beta_inverse(a, b, p);
                CHECK(sroi::incomplete_beta(a, b, x) == doctest::Approx(p).epsilon(1e-11));
            }
        }
    }
}

TEST_CASE("quantiles of each family against closed forms") {
    using sroi::distribution;
    // uniform [2, 6]: Q(p) = 2 + 4p.
    const sroi::marginal_distribution uniform(spec(3, distribution::uniform, 2.0, 6.0));
    CHECK(uniform.quantile(0.25) == doctest::Approx(3.0));
    // triangular (0, 1, 4): F(1) = 1/4; Q(p) = sqrt(4p) below, 4 - sqrt(12(1-p)) above.
    const sroi::marginal_distribution tri(spec(1, distribution::triangular, 0.0, 4.0));
    CHECK(tri.quantile(0.25) == doctest::Approx(1.0));
    CHECK(tri.quantile(0.01) == doctest::Approx(std::sqrt(0.04)));
    CHECK(tri.quantile(0.75) == doctest::Approx(4.0 - std::sqrt(3.0)));
    // PERT (0, 5, 10) is 10 x Beta(3, 3): median 5; mean (0 + 20 + 10)/6 = 5; var 100 x 9/(36 x 7).
    const sroi::marginal_distribution pert(spec(5, distribution::pert, 0.0, 10.0));
    CHECK(pert.quantile(0.5) == doctest::Approx(5.0).epsilon(1e-13));
    CHECK(pert.mean() == doctest::Approx(5.0));
    CHECK(pert.variance() == doctest::Approx(100.0 * 9.0 / (36.0 * 7.0)));
    // PERT (70, 100, 120): α = 1 + 4(30/50) = 3.4, β = 1 + 4(20/50) = 2.6, mean (70+400+120)/6.
    const sroi::marginal_distribution pert2(spec(100, distribution::pert, 70.0, 120.0));
    CHECK(pert2.shape_a() == doctest::Approx(3.4));
    CHECK(pert2.shape_b() == doctest::Approx(2.6));
    CHECK(pert2.mean() == doctest::Approx(590.0 / 6.0));
    // normal(500, 60): 97.5% point 500 + 60 x 1.959963984540054.
    const sroi::marginal_distribution normal(spec(500, distribution::normal, {}, {}, 60.0));
    CHECK(normal.quantile(0.975) == doctest::Approx(500 + 60 * 1.959963984540054).epsilon(1e-13));
    // beta mean 0.5 sd sqrt(1/20): k = 0.25 x 20 - 1 = 4, α = β = 2, so Beta(2, 2).
    const sroi::marginal_distribution beta(spec(0.5, distribution::beta, {}, {}, std::sqrt(0.05)), 0.0, 1.0);
    CHECK(beta.shape_a() == doctest::Approx(2.0));
    CHECK(beta.quantile(0.104) == doctest::Approx(0.2).epsilon(1e-12));
    // lognormal mean 500 sd 120: σ² = ln(1 + 0.0576), μ = ln 500 - σ²/2; median exp(μ).
    const sroi::marginal_distribution logn(spec(500, distribution::lognormal, {}, {}, 120.0), 0.0);
    const double s2 = std::log1p(0.0576);
    CHECK(logn.quantile(0.5) == doctest::Approx(std::exp(std::log(500.0) - s2 / 2)).epsilon(1e-13));
    CHECK(logn.variance() == doctest::Approx(120.0 * 120.0));
    for (double p : {0.05, 0.3, 0.95}) {
        CHECK(logn.cdf(logn.quantile(p)) == doctest::Approx(p).epsilon(1e-12));
        CHECK(pert2.cdf(pert2.quantile(p)) == doctest::Approx(p).epsilon(1e-12));
        CHECK(tri.cdf(tri.quantile(p)) == doctest::Approx(p).epsilon(1e-12));
    }
}

TEST_CASE("sample mean and variance of each family match the closed forms") {
    using sroi::distribution;
    check_sample_moments(sroi::marginal_distribution(spec(0.1, distribution::uniform, 0.05, 0.2)));
    check_sample_moments(sroi::marginal_distribution(spec(0.2, distribution::triangular, 0.1, 0.4)));
    check_sample_moments(sroi::marginal_distribution(spec(100, distribution::pert, 70.0, 120.0)));
    check_sample_moments(sroi::marginal_distribution(spec(500, distribution::normal, {}, {}, 60.0)));
    check_sample_moments(sroi::marginal_distribution(spec(500, distribution::normal, 450.0, 700.0, 60.0)));
    check_sample_moments(sroi::marginal_distribution(spec(500, distribution::lognormal, {}, {}, 120.0), 0.0));
    check_sample_moments(sroi::marginal_distribution(spec(0.3, distribution::beta, {}, {}, 0.08), 0.0, 1.0));
    check_sample_moments(sroi::marginal_distribution(spec(0.1, distribution::beta, {}, {}, 0.25), 0.0, 1.0));
}

TEST_CASE("truncation is respected, also by the parameter's domain") {
    using sroi::distribution;
    // normal(10, 20) truncated at 5 by low and at 0 by the non-negative domain: support [5, inf).
    const sroi::marginal_distribution d(spec(10, distribution::normal, 5.0, {}, 20.0), 0.0);
    CHECK(d.support_low() == 5.0);
    for (double p : {0.0, 1e-12, 0.01, 0.5})
        CHECK(d.quantile(p) >= 5.0);
    // fraction domain: normal(0.9, 0.3) kept in [0, 1].
    const sroi::marginal_distribution f(spec(0.9, distribution::normal, {}, {}, 0.3), 0.0, 1.0);
    CHECK(f.quantile(0.999999) <= 1.0);
    CHECK(f.quantile(1e-9) >= 0.0);
    // Both bounds in the upper tail: normal(0, 1) on [5, 6] is computed without cancellation.
    const sroi::marginal_distribution tail(spec(5.5, distribution::normal, 5.0, 6.0, 1.0));
    (void)tail;
    sroi::uncertain_number far = spec(0, distribution::normal, -1.0, 1.0, 0.1);
    far.value = 0.95;
    const sroi::marginal_distribution skewed(far);  // mean 0.95 sd 0.1 on [-1, 1]: a = -19.5, b = 0.5
    CHECK(skewed.quantile(0.5) < 0.95);
    CHECK(skewed.quantile(0.999999) <= 1.0);
}

TEST_CASE("invalid specifications are errors, never NaN") {
    using sroi::distribution;
    CHECK_THROWS_AS(sroi::marginal_distribution(spec(0.5, distribution::beta, {}, {}, 0.6), 0.0, 1.0),
                    sroi::error);
    CHECK_THROWS_AS(sroi::marginal_distribution(spec(1, distribution::pert, 2.0, 3.0)), sroi::error);
    CHECK_THROWS_AS(sroi::marginal_distribution(spec(1, distribution::normal, {}, {}, 0.0)), sroi::error);
    CHECK_THROWS_AS(sroi::marginal_distribution(spec(-1, distribution::lognormal, {}, {}, 1.0)), sroi::error);
}
