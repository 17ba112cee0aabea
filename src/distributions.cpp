#include <sroi/distributions.hpp>
#include <sroi/error.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include <fmt/format.h>

namespace sroi {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// Continued fraction of the incomplete beta function (modified Lentz), valid and fast for
// x < (a + 1) / (a + b + 2).
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
    for (int m = 1; m <= 10000; ++m) {
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
        if (std::fabs(delta - 1.0) < epsilon) break;
    }
    return h;
}

double log_beta(double a, double b) noexcept {
    return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
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

// Safeguarded Newton for I_x(a, b) = p with p <= 0.5 (the lower half, where x is well conditioned),
// from `guess` when it lies in (0, 1), else from the small-x expansion.
double beta_inverse_lower(double a, double b, double p, double guess) noexcept {
    const double lb = log_beta(a, b);
    const double mean = a / (a + b);
    double x = guess;
    if (!(x > 0.0 && x < 1.0)) {
        // Start: the small-x expansion I_x ~ x^a / (a B(a, b)), capped at the mean.
        x = std::exp((std::log(p) + std::log(a) + lb) / a);
        if (!(x > 0.0) || x > mean) x = mean;
    }
    double lo = 0.0;
    double hi = 1.0;
    for (int iteration = 0; iteration < 200; ++iteration) {
        const double f = incomplete_beta_with(a, b, x, lb) - p;
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
        if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);  // Newton left the bracket: bisect
        if (std::fabs(next - x) <= 4e-16 * x || hi - lo <= 4e-16 * hi) return next;
        x = next;
    }
    return x;
}

double beta_inverse(double a, double b, double p, double guess) noexcept {
    if (!(p > 0.0)) return 0.0;
    if (!(p < 1.0)) return 1.0;
    if (p > 0.5) return 1.0 - beta_inverse_lower(b, a, 1.0 - p, 1.0 - guess);
    return beta_inverse_lower(a, b, p, guess);
}

[[noreturn]] void invalid(const std::string& message) {
    throw error("distribution.invalid", message);
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
    return beta_inverse(a, b, p, std::numeric_limits<double>::quiet_NaN());
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
            a_ = 1.0 + 4.0 * (v - low_) / scale_;
            b_ = 1.0 + 4.0 * (high_ - v) / scale_;
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
            a_ = std::sqrt(std::log1p((sd / v) * (sd / v)));
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
            return incomplete_beta_inverse(a_, b_, p);
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
    return beta_inverse(a_, b_, std::clamp(p, 0.0, 1.0), guess);
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

}  // namespace sroi
