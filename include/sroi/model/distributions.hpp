/// @file distributions.hpp
/// @brief The distributions of spec section 2: quantile, CDF, density and moments.
///
/// Every distribution is sampled by inversion (x = quantile(u) for u uniform on (0, 1)), so one
/// uniform number gives one value and a Gaussian copula can correlate any two marginals. The
/// parameterisations are those of the model format:
///
/// | dist        | parameters                       | support                               |
/// |-------------|----------------------------------|---------------------------------------|
/// | uniform     | low, high                        | [low, high]                           |
/// | triangular  | low, mode = value, high          | [low, high]                           |
/// | pert        | low, mode = value, high; lambda 4| [low, high]: low + (high-low) Beta(α, β), α = 1 + 4
/// (mode-low)/(high-low), β = 1 + 4 (high-mode)/(high-low) | | normal      | mean = value, sd; low/high
/// truncate | [low, high], also cut to the parameter's domain | | lognormal   | mean = value, sd on the
/// natural scale | (0, inf): σ² = ln(1 + sd²/value²), μ = ln(value) - σ²/2 | | beta        | mean = value, sd
/// | [0, 1]: α = value k, β = (1 - value) k, k = value (1-value)/sd² - 1 |
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <sroi/model/model.hpp>
#include <sroi/model/parameters.hpp>

namespace sroi {

/// Standard normal cumulative distribution function Φ(x).
[[nodiscard]] double normal_cdf(double x) noexcept;
/// Standard normal density φ(x).
[[nodiscard]] double normal_pdf(double x) noexcept;
/// Inverse of Φ: the x with Φ(x) = p, to full double precision; -inf for p <= 0, +inf for p >= 1.
[[nodiscard]] double normal_quantile(double p) noexcept;

/// Regularised incomplete beta function I_x(a, b) for a, b > 0 and x in [0, 1]. NaN when its
/// continued fraction does not converge within a fixed number of terms, which does not happen for
/// a + b up to max_beta_concentration (tests/reliability_numerics_test.cpp).
[[nodiscard]] double incomplete_beta(double a, double b, double x) noexcept;
/// Inverse of I_x(a, b) in x: the x in [0, 1] with I_x(a, b) = p (relative accuracy ~1e-14), in at
/// most 200 Newton or bisection steps; NaN when I_x(a, b) cannot be evaluated.
[[nodiscard]] double incomplete_beta_inverse(double a, double b, double p) noexcept;

/// Largest alpha + beta of a beta distribution: beyond it log B(alpha, beta) from log-gamma loses
/// some 1e-9 to cancellation, more than the quantile table's tolerance, so that the table falls
/// back to the exact quantile for ever more draws (10^5 draws at 1e8: 1.75 s instead of 0.04 s at
/// 1e7). For a mean of 0.5 it means an sd of at least 1.6e-4.
inline constexpr double max_beta_concentration = 1e7;

/// A distribution that the model format can write but a double cannot represent.
struct representation_issue {
    std::string field;    ///< the key at fault: `high` or `sd`
    std::string message;  ///< what is wrong, and the limit
};

/// Why `spec` (truncated to [domain_low, domain_high]) cannot be represented, if so: a range whose
/// width high - low overflows; a normal or lognormal whose most extreme draws (6.3 sd: a 32-bit
/// uniform word reaches probability 2^-33) overflow; a normal truncated to under 1e-6 sd (flat
/// there: a uniform; low = high is an exact point mass); a beta with alpha + beta above
/// max_beta_concentration (e.g. sd 1e-100), or whose sd squared underflows. Other mistakes (a
/// missing sd, low > high) are not looked at here: marginal_distribution and the model checker
/// report them.
[[nodiscard]] std::optional<representation_issue> representation_problem(
    const uncertain_number& spec, double domain_low = -std::numeric_limits<double>::infinity(),
    double domain_high = std::numeric_limits<double>::infinity());

/// One parameter's marginal distribution, resolved from its uncertain_number and validated.
///
/// A `fixed` number is a point mass at its value. Construction throws sroi::error with id
/// `distribution.invalid` when the specification cannot describe a distribution (e.g. a beta
/// whose sd is too large for its mean); the model checker reports the same problems with file
/// and line first, so a checked model never throws here.
class marginal_distribution {
public:
    /// A point mass at 0.
    marginal_distribution() = default;
    /// Resolves `spec`; values are kept inside [domain_low, domain_high] (a normal is truncated
    /// there as well as at its own low/high).
    explicit marginal_distribution(const uncertain_number& spec,
                                   double domain_low = -std::numeric_limits<double>::infinity(),
                                   double domain_high = std::numeric_limits<double>::infinity());
    /// Resolves a model parameter (its spec, truncated to its domain).
    explicit marginal_distribution(const parameter& p);

    /// The distribution family.
    [[nodiscard]] distribution kind() const noexcept { return kind_; }
    /// The value x with P(X <= x) = p. p is clamped to [0, 1]; quantile(0) and quantile(1) are
    /// the ends of the support (which may be infinite for a normal without bounds or a lognormal).
    [[nodiscard]] double quantile(double p) const noexcept;
    /// P(X <= x).
    [[nodiscard]] double cdf(double x) const noexcept;
    /// Density at x (0 outside the support; for `fixed`, 0 everywhere).
    [[nodiscard]] double pdf(double x) const noexcept;
    /// Exact mean (for a truncated normal, the truncated mean).
    [[nodiscard]] double mean() const noexcept;
    /// Exact variance.
    [[nodiscard]] double variance() const noexcept;
    /// Lower end of the support.
    [[nodiscard]] double support_low() const noexcept { return low_; }
    /// Upper end of the support.
    [[nodiscard]] double support_high() const noexcept { return high_; }

    /// Location and scale of the standardised shape: X = location + scale x S, where S is
    /// a beta variate (pert, beta), a standard normal truncated to [shape_a, shape_b] (normal),
    /// or exp(σ Z - σ²/2) (lognormal, σ = shape_a). Used by fast samplers that tabulate S.
    [[nodiscard]] double location() const noexcept { return location_; }
    /// See location().
    [[nodiscard]] double scale() const noexcept { return scale_; }
    /// First shape parameter: α (pert, beta), lower standardised bound (normal), σ (lognormal).
    [[nodiscard]] double shape_a() const noexcept { return a_; }
    /// Second shape parameter: β (pert, beta), upper standardised bound (normal).
    [[nodiscard]] double shape_b() const noexcept { return b_; }
    /// Quantile of the standardised shape S (see location()); for uniform and triangular the
    /// shape is the distribution itself on [0, 1] (triangular mode at shape_a).
    [[nodiscard]] double standard_quantile(double p) const noexcept;
    /// The same, starting the iteration (pert, beta) from `guess`, a value near the answer such
    /// as a neighbouring quantile: fewer steps when tabulating many quantiles; the result agrees
    /// with standard_quantile(p) to within the iteration's tolerance (a few units in the last place).
    [[nodiscard]] double standard_quantile(double p, double guess) const noexcept;
    /// Density of the standardised shape S at s.
    [[nodiscard]] double standard_pdf(double s) const noexcept;

private:
    distribution kind_ = distribution::fixed;
    double value_ = 0.0;
    double low_ = 0.0;
    double high_ = 0.0;
    double location_ = 0.0;
    double scale_ = 1.0;
    double a_ = 0.0;
    double b_ = 0.0;
    double cdf_a_ = 0.0;       // normal: Φ(lower standardised bound)
    double mass_ = 1.0;        // normal: Φ(b) - Φ(a)
    double lower_mass_ = 0.5;  // pert, beta: I_{1/2}(α, β), which half a quantile lies on
};

/// How `simulate`, `sobol` and the HTML report draw a range: a parameter written with `low` and
/// `high` but no `dist` (spec section 8). `fixed` holds it at its value (the behaviour of v1).
enum class range_draw { triangular, pert, uniform, fixed };

/// The option's spelling: `triangular`, `pert`, `uniform` or `fixed`.
[[nodiscard]] const char* to_string(range_draw r) noexcept;
/// The range_draw spelled `name`, or nothing.
[[nodiscard]] std::optional<range_draw> parse_range_draw(std::string_view name) noexcept;

/// True when `spec` is a range: no distribution, and a `low` below a `high`.
[[nodiscard]] bool is_range(const uncertain_number& spec) noexcept;

/// What the analyses draw `spec` from: its own distribution when it has one; a range as
/// `triangular(low, value, high)`, `pert(low, value, high)` or `uniform(low, high)` by `ranges`;
/// otherwise (or with range_draw::fixed) the number itself, held at its value.
[[nodiscard]] uncertain_number drawn_spec(const uncertain_number& spec, range_draw ranges) noexcept;

/// The `p` quantile of a parameter's distribution (its value when fixed): e.g. the 5th and 95th
/// percentiles used as a sensitivity range.
[[nodiscard]] double parameter_quantile(const parameter& p, double probability);

}  // namespace sroi
