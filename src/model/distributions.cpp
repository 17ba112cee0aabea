#include <sroi/model/distributions.hpp>
#include <sroi/model/error.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>

#include <fmt/format.h>

namespace sroi {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// Terms of the continued fraction before it is declared not to converge. It needs O(sqrt(max(a, b)))
// of them in the worst case: at most 1,921 for a + b up to 1e8 (ten times max_beta_concentration),
// measured over a sweep of means and probabilities.
constexpr int max_fraction_terms = 20000;

// Continued fraction of the incomplete beta function (modified Lentz), valid and fast for
// x < (a + 1) / (a + b + 2); NaN when it has not converged after max_fraction_terms terms (or a
// shape parameter is not finite).
double beta_continued_fraction(double a, double b, double x) noexcept {
    constexpr double tiny = 1e-300;
    constexpr double epsilon = 1e-16;
    const double qab = a + b;
    const double qap = a + 1.0;
    const double qam = a - 1.0;
    double c = 1.0;
    double d = 1.0 - qab * x / qap;
    if (std::fabs(d) < tiny) d = tiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m <= max_fraction_terms; ++m) {
        const double dm = m;
        const double m2 = 2.0 * dm;
        double aa = dm * (b - dm) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < tiny) d = tiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < tiny) c = tiny;
        d = 1.0 / d;
        h *= d * c;
        aa = -(a + dm) * (qab + dm) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if (std::fabs(d) < tiny) d = tiny;
        c = 1.0 + aa / c;
        if (std::fabs(c) < tiny) c = tiny;
        d = 1.0 / d;
        const double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1.0) < epsilon) return h;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

// log Γ(x) without writing the global `signgam` (std::lgamma does, a data race between threads).
double log_gamma(double x) noexcept {
    int sign = 0;
    return ::lgamma_r(x, &sign);
}

double log_beta(double a, double b) noexcept {
    return log_gamma(a) + log_gamma(b) - log_gamma(a + b);
}

double beta_pdf(double a, double b, double x) noexcept {
    if (x < 0.0 || x > 1.0) return 0.0;
    if (x == 0.0) return a < 1.0 ? infinity : (a == 1.0 ? std::exp(-log_beta(a, b)) : 0.0);
    if (x == 1.0) return b < 1.0 ? infinity : (b == 1.0 ? std::exp(-log_beta(a, b)) : 0.0);
    return std::exp((a - 1.0) * std::log(x) + (b - 1.0) * std::log1p(-x) - log_beta(a, b));
}

// I_x(a, b) with lb = log B(a, b) already known.
double incomplete_beta_with(double a, double b, double x, double lb) noexcept {
    if (!(x > 0.0)) return 0.0;
    if (!(x < 1.0)) return 1.0;
    const double front = std::exp(a * std::log(x) + b * std::log1p(-x) - lb);
    if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
    return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

// Safeguarded Newton for I_x(a, b) = p on the lower half, x in (0, 1/2] (where x has full relative
// precision; the caller mirrors the other half), from `guess` when it lies in (0, 1/2], else from the
// small-x expansion. At most 200 steps: Newton inside the bracket, else bisection of the bracket
// (geometric while it spans more than a factor of two, so that a quantile of 1e-300 takes some
// ten halvings of the exponent, not a thousand of the value). NaN when I_x(a, b) cannot be
// evaluated (the continued fraction does not converge: a shape beyond max_beta_concentration).
double beta_inverse_lower(double a, double b, double p, double guess) noexcept {
    const double lb = log_beta(a, b);
    double x = guess;
    if (!(x > 0.0 && x <= 0.5)) {
        // Start: the small-x expansion I_x ~ x^a / (a B(a, b)). Below the smallest normal double
        // it is the answer to double precision (its relative error is of the order of x).
        const double log_x = (std::log(p) + std::log(a) + lb) / a;
        if (log_x < std::log(std::numeric_limits<double>::min())) return std::exp(log_x);
        x = std::min(std::exp(log_x), 0.5);
        if (!(x > 0.0)) x = 0.5;
    }
    double lo = 0.0;
    double hi = 0.5;
    for (int iteration = 0; iteration < 200; ++iteration) {
        const double f = incomplete_beta_with(a, b, x, lb) - p;
        if (std::isnan(f)) return f;
        if (f == 0.0) return x;
        if (f < 0.0) {
            lo = x;
        } else {
            hi = x;
        }
        const double density = std::exp((a - 1.0) * std::log(x) + (b - 1.0) * std::log1p(-x) - lb);
        double next = x - f / density;
        // Newton converges quadratically: after a step of relative size 1e-9 the error is of the
        // order of 1e-18 relative, so the step can be taken without checking it.
        if (next > lo && next < hi && std::fabs(next - x) <= 1e-9 * x) return next;
        if (!(next > lo && next < hi)) {  // Newton left the bracket: bisect it
            const double floor = std::max(lo, std::numeric_limits<double>::min());
            next = hi > 2.0 * floor ? std::sqrt(floor) * std::sqrt(hi) : 0.5 * (lo + hi);
        }
        if (std::fabs(next - x) <= 4e-16 * x || hi - lo <= 4e-16 * hi) return next;
        x = next;
    }
    return x;
}

// The quantile of Beta(a, b) at p; `lower_mass` = I_{1/2}(a, b) says on which half it lies: p at
// most that is solved for x in (0, 1/2], else 1 - x for Beta(b, a) at 1 - p, so that a quantile near
// 0 keeps its relative precision whatever p (for Beta(0.001, 10) the 0.7 quantile is 1e-131).
double beta_inverse(double a, double b, double p, double guess, double lower_mass) noexcept {
    if (!(p > 0.0)) return 0.0;
    if (!(p < 1.0)) return 1.0;
    if (std::isnan(lower_mass)) return lower_mass;
    if (p > lower_mass) return 1.0 - beta_inverse_lower(b, a, 1.0 - p, 1.0 - guess);
    return beta_inverse_lower(a, b, p, guess);
}

// σ of a lognormal with sd / mean = r: sqrt(ln(1 + r²)), without overflowing r² for r above 1e154.
double lognormal_sigma(double r) noexcept {
    return std::sqrt(r > 1e150 ? 2.0 * std::log(r) : std::log1p(r * r));
}

// How far in standard deviations the most extreme draw goes: the standard normal quantile of 2^-33
// (the smallest probability a 32-bit uniform word gives) is -6.23.
constexpr double extreme_z = 6.3;

[[noreturn]] void invalid(const std::string& message) {
    throw make_error(errors::distribution_invalid, message);
}

}  // namespace

double normal_pdf(double x) noexcept {
    return std::exp(-0.5 * x * x) / std::sqrt(2.0 * std::numbers::pi);
}

double normal_cdf(double x) noexcept {
    return 0.5 * std::erfc(-x / std::numbers::sqrt2);
}

double normal_quantile(double p) noexcept {
    if (!(p > 0.0)) return -infinity;
    if (!(p < 1.0)) return infinity;
    if (p > 0.5) return -normal_quantile(1.0 - p);  // 1 - p is exact for p in [0.5, 1]
    // Abramowitz & Stegun 26.2.23 (absolute error < 4.5e-4), then Halley steps on Φ(x) - p,
    // each of which roughly cubes the relative error.
    const double t = std::sqrt(-2.0 * std::log(p));
    double x = -(t - (2.515517 + t * (0.802853 + t * 0.010328)) /
                         (1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
    for (int step = 0; step < 3; ++step) {
        const double e = normal_cdf(x) - p;
        const double u = e * std::sqrt(2.0 * std::numbers::pi) * std::exp(0.5 * x * x);
        if (!std::isfinite(u)) break;
        const double next = x - u / (1.0 + 0.5 * x * u);
        if (next == x) break;
        x = next;
    }
    return x;
}

double incomplete_beta(double a, double b, double x) noexcept {
    return incomplete_beta_with(a, b, x, log_beta(a, b));
}

double incomplete_beta_inverse(double a, double b, double p) noexcept {
    return beta_inverse(a, b, p, std::numeric_limits<double>::quiet_NaN(), incomplete_beta(a, b, 0.5));
}

std::optional<representation_issue> representation_problem(const uncertain_number& spec, double domain_low,
                                                           double domain_high) {
    const double v = spec.value;
    const bool sd_positive = spec.sd && *spec.sd > 0.0 && std::isfinite(*spec.sd);
    switch (spec.dist) {
        case distribution::fixed:
            break;
        case distribution::uniform:
        case distribution::triangular:
        case distribution::pert:
            if (spec.low && spec.high && std::isfinite(*spec.low) && std::isfinite(*spec.high) &&
                !std::isfinite(*spec.high - *spec.low)) {
                return representation_issue{
                    "high", fmt::format("the range [{}, {}] is wider than the largest number (1.8e308): its "
                                        "width high - low overflows",
                                        *spec.low, *spec.high)};
            }
            break;
        case distribution::normal: {
            if (!sd_positive || !std::isfinite(v)) break;
            const double sd = *spec.sd;
            const double low = std::max(spec.low.value_or(-infinity), domain_low);
            const double high = std::min(spec.high.value_or(infinity), domain_high);
            // Φ(b) - Φ(a) of a truncation [a, b] narrower than 1e-6 sd around the mean keeps
            // fewer than ten digits (at 1e-16 sd it is 0 and the normal became a point mass): the
            // density is flat there to 1e-12, a uniform. (low = high is an exact point mass.)
            if (high > low && (high - low) / sd < 1e-6) {
                return representation_issue{
                    "sd", fmt::format("sd {} is so large against the truncation [{}, {}] that the normal is "
                                      "flat there (the range is under 1e-6 sd): use dist: uniform",
                                      sd, low, high)};
            }
            if (!std::isfinite(extreme_z * sd) || (std::isinf(high) && !std::isfinite(v + extreme_z * sd)) ||
                (std::isinf(low) && !std::isfinite(v - extreme_z * sd))) {
                return representation_issue{
                    "sd", fmt::format("sd {} is too large: the values drawn (up to {} sd from the mean {}) "
                                      "would overflow",
                                      sd, extreme_z, v)};
            }
            break;
        }
        case distribution::lognormal: {
            if (!sd_positive || !(v > 0.0) || !std::isfinite(v)) break;
            const double sigma = lognormal_sigma(*spec.sd / v);
            if (!std::isfinite(sigma) ||
                !std::isfinite(v * std::exp(sigma * extreme_z - 0.5 * sigma * sigma))) {
                return representation_issue{
                    "sd",
                    fmt::format("sd {} is too large for a lognormal with mean {}: the values drawn would "
                                "overflow",
                                *spec.sd, v)};
            }
            break;
        }
        case distribution::beta: {
            if (!sd_positive || !(v > 0.0 && v < 1.0)) break;
            const double sd = *spec.sd;
            const double k = v * (1.0 - v) / (sd * sd) - 1.0;
            if (!(k <= max_beta_concentration)) {
                // The smallest sd with alpha + beta at most the limit: v (1 - v) / sd² - 1 <= limit.
                return representation_issue{
                    "sd",
                    fmt::format("sd {} is too small for a beta with mean {}: alpha + beta = {:.3g} is above "
                                "{:.0e}, where the beta's quantiles cannot be computed accurately; use sd >= "
                                "{:.3g}, or a fixed value",
                                sd, v, k, max_beta_concentration,
                                std::sqrt(v * (1.0 - v) / (max_beta_concentration + 1.0)) * (1.0 + 1e-12))};
            }
            break;
        }
    }
    return std::nullopt;
}

marginal_distribution::marginal_distribution(const parameter& p)
    : marginal_distribution(p.spec, p.domain_low(), p.domain_high()) {}

marginal_distribution::marginal_distribution(const uncertain_number& spec, double domain_low,
                                             double domain_high)
    : kind_(spec.dist),
      value_(spec.value),
      low_(spec.value),
      high_(spec.value),
      location_(spec.value),
      scale_(0.0) {
    const double v = spec.value;
    if (!std::isfinite(v)) invalid("the value is not a finite number");
    if (const auto problem = representation_problem(spec, domain_low, domain_high)) invalid(problem->message);
    auto need_range = [&](const char* name) {
        if (!spec.low || !spec.high) invalid(fmt::format("a {} distribution needs both low and high", name));
        const double lo = *spec.low;
        const double hi = *spec.high;
        if (!(std::isfinite(lo) && std::isfinite(hi) && lo < hi)) {
            invalid(fmt::format("a {} distribution needs finite low < high (got {} and {})", name, lo, hi));
        }
        if (!(lo <= v && v <= hi)) invalid(fmt::format("the value {} is outside [{}, {}]", v, lo, hi));
        low_ = lo;
        high_ = hi;
        location_ = lo;
        scale_ = hi - lo;
    };
    auto need_sd = [&](const char* name) {
        if (!spec.sd || !(*spec.sd > 0.0) || !std::isfinite(*spec.sd))
            invalid(fmt::format("a {} distribution needs sd > 0", name));
        return *spec.sd;
    };
    switch (kind_) {
        case distribution::fixed:
            break;
        case distribution::uniform:
            need_range("uniform");
            break;
        case distribution::triangular:
            need_range("triangular");
            a_ = (v - low_) / scale_;  // mode on [0, 1]
            break;
        case distribution::pert:
            need_range("pert");
            // Divided first: 4 (high - value) overflows for a support of width above 4.5e307.
            a_ = 1.0 + 4.0 * ((v - low_) / scale_);
            b_ = 1.0 + 4.0 * ((high_ - v) / scale_);
            lower_mass_ = incomplete_beta(a_, b_, 0.5);
            break;
        case distribution::normal: {
            const double sd = need_sd("normal");
            low_ = std::max(spec.low.value_or(-infinity), domain_low);
            high_ = std::min(spec.high.value_or(infinity), domain_high);
            if (!(low_ <= v && v <= high_))
                invalid(fmt::format("the mean {} is outside the truncation [{}, {}]", v, low_, high_));
            location_ = v;
            scale_ = sd;
            a_ = (low_ - v) / sd;
            b_ = (high_ - v) / sd;
            cdf_a_ = normal_cdf(a_);
            mass_ = normal_cdf(b_) - cdf_a_;
            break;
        }
        case distribution::lognormal: {
            const double sd = need_sd("lognormal");
            if (!(v > 0.0)) invalid(fmt::format("a lognormal distribution needs a value > 0 (got {})", v));
            if (domain_low > 0.0 || domain_high < infinity)
                invalid("a lognormal distribution cannot describe a bounded quantity");
            a_ = lognormal_sigma(sd / v);
            location_ = 0.0;
            scale_ = v;
            low_ = 0.0;
            high_ = infinity;
            break;
        }
        case distribution::beta: {
            const double sd = need_sd("beta");
            if (!(v > 0.0 && v < 1.0))
                invalid(fmt::format("a beta distribution needs 0 < value < 1 (got {})", v));
            if (!(sd * sd < v * (1.0 - v))) {
                invalid(fmt::format("sd {} is too large for a beta with mean {}: it must be below {:.4g}", sd,
                                    v, std::sqrt(v * (1.0 - v))));
            }
            if (domain_low > 0.0 || domain_high < 1.0)
                invalid("a beta distribution needs a fraction in [0, 1]");
            const double k = v * (1.0 - v) / (sd * sd) - 1.0;
            a_ = v * k;
            b_ = (1.0 - v) * k;
            lower_mass_ = incomplete_beta(a_, b_, 0.5);
            low_ = 0.0;
            high_ = 1.0;
            location_ = 0.0;
            scale_ = 1.0;
            break;
        }
    }
}

double marginal_distribution::standard_quantile(double p) const noexcept {
    p = std::clamp(p, 0.0, 1.0);
    switch (kind_) {
        case distribution::fixed:
            return 0.0;
        case distribution::uniform:
            return p;
        case distribution::triangular:
            return p < a_ ? std::sqrt(p * a_) : 1.0 - std::sqrt((1.0 - p) * (1.0 - a_));
        case distribution::pert:
        case distribution::beta:
            return beta_inverse(a_, b_, p, std::numeric_limits<double>::quiet_NaN(), lower_mass_);
        case distribution::normal: {
            if (!(mass_ > 0.0)) return 0.0;  // truncation to a single point (low = value = high)
            // In the upper tail Φ loses precision: invert the mirrored survival function instead.
            if (a_ > 0.0) {
                const double upper = normal_cdf(-b_);
                return std::clamp(-normal_quantile(upper + (1.0 - p) * (normal_cdf(-a_) - upper)), a_, b_);
            }
            return std::clamp(normal_quantile(cdf_a_ + p * mass_), a_, b_);
        }
        case distribution::lognormal:
            return std::exp(a_ * normal_quantile(p) - 0.5 * a_ * a_);
    }
    return 0.0;
}

double marginal_distribution::standard_quantile(double p, double guess) const noexcept {
    if (kind_ != distribution::pert && kind_ != distribution::beta) return standard_quantile(p);
    return beta_inverse(a_, b_, std::clamp(p, 0.0, 1.0), guess, lower_mass_);
}

double marginal_distribution::standard_pdf(double s) const noexcept {
    switch (kind_) {
        case distribution::fixed:
            return 0.0;
        case distribution::uniform:
            return s >= 0.0 && s <= 1.0 ? 1.0 : 0.0;
        case distribution::triangular:
            if (s < 0.0 || s > 1.0) return 0.0;
            return s < a_ ? 2.0 * s / a_ : 2.0 * (1.0 - s) / (1.0 - a_);
        case distribution::pert:
        case distribution::beta:
            return beta_pdf(a_, b_, s);
        case distribution::normal:
            if (s < a_ || s > b_ || !(mass_ > 0.0)) return 0.0;
            return normal_pdf(s) / mass_;
        case distribution::lognormal: {
            if (!(s > 0.0)) return 0.0;
            const double z = (std::log(s) + 0.5 * a_ * a_) / a_;
            return normal_pdf(z) / (a_ * s);
        }
    }
    return 0.0;
}

double marginal_distribution::quantile(double p) const noexcept {
    if (kind_ == distribution::fixed) return value_;
    if (kind_ == distribution::lognormal && !(p < 1.0)) return infinity;
    return std::clamp(location_ + scale_ * standard_quantile(p), low_, high_);
}

double marginal_distribution::cdf(double x) const noexcept {
    if (kind_ == distribution::fixed) return x >= value_ ? 1.0 : 0.0;
    if (x <= low_) return 0.0;
    if (x >= high_) return 1.0;
    const double s = (x - location_) / scale_;
    switch (kind_) {
        case distribution::uniform:
            return s;
        case distribution::triangular:
            return s < a_ ? s * s / a_ : 1.0 - (1.0 - s) * (1.0 - s) / (1.0 - a_);
        case distribution::pert:
        case distribution::beta:
            return incomplete_beta(a_, b_, s);
        case distribution::normal:
            if (!(mass_ > 0.0)) return 1.0;
            return std::clamp((normal_cdf(s) - normal_cdf(a_)) / mass_, 0.0, 1.0);
        case distribution::lognormal:
            return normal_cdf((std::log(s) + 0.5 * a_ * a_) / a_);
        case distribution::fixed:
            break;
    }
    return 0.0;
}

double marginal_distribution::pdf(double x) const noexcept {
    if (kind_ == distribution::fixed) return 0.0;
    return standard_pdf((x - location_) / scale_) / scale_;
}

double marginal_distribution::mean() const noexcept {
    switch (kind_) {
        case distribution::fixed:
            return value_;
        case distribution::uniform:
            return 0.5 * (low_ + high_);
        case distribution::triangular:
            return (low_ + high_ + value_) / 3.0;
        case distribution::pert:
        case distribution::beta:
            return location_ + scale_ * a_ / (a_ + b_);
        case distribution::normal: {
            if (!(mass_ > 0.0)) return value_;
            const double pa = std::isfinite(a_) ? normal_pdf(a_) : 0.0;
            const double pb = std::isfinite(b_) ? normal_pdf(b_) : 0.0;
            return location_ + scale_ * (pa - pb) / mass_;
        }
        case distribution::lognormal:
            return value_;
    }
    return value_;
}

double marginal_distribution::variance() const noexcept {
    switch (kind_) {
        case distribution::fixed:
            return 0.0;
        case distribution::uniform:
            return scale_ * scale_ / 12.0;
        case distribution::triangular: {
            const double a = low_;
            const double b = high_;
            const double c = value_;
            return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
        }
        case distribution::pert:
        case distribution::beta: {
            const double s = a_ + b_;
            return scale_ * scale_ * a_ * b_ / (s * s * (s + 1.0));
        }
        case distribution::normal: {
            if (!(mass_ > 0.0)) return 0.0;
            const double pa = std::isfinite(a_) ? normal_pdf(a_) : 0.0;
            const double pb = std::isfinite(b_) ? normal_pdf(b_) : 0.0;
            const double apa = std::isfinite(a_) ? a_ * pa : 0.0;
            const double bpb = std::isfinite(b_) ? b_ * pb : 0.0;
            const double shift = (pa - pb) / mass_;
            return scale_ * scale_ * (1.0 + (apa - bpb) / mass_ - shift * shift);
        }
        case distribution::lognormal:
            return value_ * value_ * std::expm1(a_ * a_);
    }
    return 0.0;
}

double parameter_quantile(const parameter& p, double probability) {
    return marginal_distribution(p).quantile(probability);
}

const char* to_string(range_draw r) noexcept {
    switch (r) {
        case range_draw::triangular:
            return "triangular";
        case range_draw::pert:
            return "pert";
        case range_draw::uniform:
            return "uniform";
        case range_draw::fixed:
            return "fixed";
    }
    return "?";
}

std::optional<range_draw> parse_range_draw(std::string_view name) noexcept {
    for (const range_draw r :
         {range_draw::triangular, range_draw::pert, range_draw::uniform, range_draw::fixed}) {
        if (name == to_string(r)) return r;
    }
    return std::nullopt;
}

bool is_range(const uncertain_number& spec) noexcept {
    return !spec.is_random() && spec.low && spec.high && *spec.low < *spec.high;
}

uncertain_number drawn_spec(const uncertain_number& spec, range_draw ranges) noexcept {
    if (!is_range(spec)) return spec;
    uncertain_number drawn = spec;
    switch (ranges) {
        case range_draw::triangular:
            drawn.dist = distribution::triangular;
            break;
        case range_draw::pert:
            drawn.dist = distribution::pert;
            break;
        case range_draw::uniform:
            drawn.dist = distribution::uniform;
            break;
        case range_draw::fixed:
            break;
    }
    return drawn;
}

}  // namespace sroi
