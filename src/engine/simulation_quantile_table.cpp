// Building the quantile tables (see simulation_quantile_table.hpp) and their scalar evaluation:
// the portable path, and the tail path that the vector kernels finish with.
#include "engine/simulation_quantile_table.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>

namespace sroi::detail {

namespace {

constexpr int body_shift = quantile_table::body_shift;
constexpr std::uint32_t body_mask = quantile_table::body_mask;
constexpr double body_t_scale = quantile_table::body_t_scale;

// Cubic Hermite coefficients of one interval from the values and slopes (per unit t) at its ends,
// checked at the midpoint (probability u_middle) against the exact quantile; an interval that
// misses by more than `tolerance`, or is not finite, is marked with NaN so that it takes the slower
// path.
bool hermite(double* c, double q_left, double slope_left, double q_right, double slope_right,
             const marginal_distribution& d, double u_middle, double tolerance) noexcept {
    c[0] = q_left;
    c[1] = slope_left;
    c[2] = 3.0 * (q_right - q_left) - 2.0 * slope_left - slope_right;
    c[3] = 2.0 * (q_left - q_right) + slope_left + slope_right;
    const double middle = c[0] + 0.5 * (c[1] + 0.5 * (c[2] + 0.5 * c[3]));
    if (std::isfinite(middle) && std::fabs(middle - d.standard_quantile(u_middle, middle)) <= tolerance)
        return true;
    c[0] = c[1] = c[2] = c[3] = std::numeric_limits<double>::quiet_NaN();
    return false;
}

// For a body interval [u_left, u_left + width] that fails the Hermite check: the cubic through
// the quantile at the four Chebyshev points of the interval, whose error (for a quantile whose
// fourth derivative varies little over the interval) is about an eighth of the Hermite cubic's.
// Checked where that error peaks: both ends and the three interior extrema of the Chebyshev
// polynomial; c is left unchanged (NaN) when it misses by more than `tolerance` anywhere.
bool chebyshev(double* c, const marginal_distribution& d, double u_left, double width, double q_left,
               double q_right, double tolerance) noexcept {
    constexpr double pi = 3.141592653589793;
    double t[4];
    double y[4];
    for (int j = 0; j < 4; ++j) {
        t[j] = 0.5 - 0.5 * std::cos((2 * j + 1) * pi / 8.0);
        y[j] = d.standard_quantile(u_left + t[j] * width, q_left + t[j] * (q_right - q_left));
    }
    // Newton's divided differences, then the monomial coefficients.
    const double d01 = (y[1] - y[0]) / (t[1] - t[0]);
    const double d12 = (y[2] - y[1]) / (t[2] - t[1]);
    const double d23 = (y[3] - y[2]) / (t[3] - t[2]);
    const double d012 = (d12 - d01) / (t[2] - t[0]);
    const double d123 = (d23 - d12) / (t[3] - t[1]);
    const double a3 = (d123 - d012) / (t[3] - t[0]);
    const double fit[4] = {
        y[0] - d01 * t[0] + d012 * t[0] * t[1] - a3 * t[0] * t[1] * t[2],
        d01 - d012 * (t[0] + t[1]) + a3 * (t[0] * t[1] + t[0] * t[2] + t[1] * t[2]),
        d012 - a3 * (t[0] + t[1] + t[2]),
        a3,
    };
    auto value = [&fit](double x) {
        return std::fma(std::fma(std::fma(fit[3], x, fit[2]), x, fit[1]), x, fit[0]);
    };
    auto close = [tolerance](double v, double exact) {
        return std::isfinite(v) && std::fabs(v - exact) <= tolerance;
    };
    if (!close(value(0.0), q_left) || !close(value(1.0), q_right)) return false;
    for (int k = 1; k < 4; ++k) {
        const double x = 0.5 - 0.5 * std::cos(k * pi / 4.0);
        const double v = value(x);
        if (!close(v, d.standard_quantile(u_left + x * width, v))) return false;
    }
    std::copy(fit, fit + 4, c);
    return true;
}

// The quantile at u, the iteration started from the previous node extrapolated by its slope.
double next_node(const marginal_distribution& d, double u, double q_previous,
                 double slope_previous) noexcept {
    return d.standard_quantile(u, q_previous + slope_previous);
}

// Body value of one uniform word (NaN when its interval takes the tail path). t is exact: the
// low bits of r plus one half, scaled by a power of two.
inline double body_value(const double* coefficients, std::uint32_t r) noexcept {
    const double* c = coefficients + static_cast<std::size_t>(r >> body_shift) * 4;
    const double t =
        static_cast<double>(static_cast<std::int32_t>(r & body_mask)) * body_t_scale + 0.5 * body_t_scale;
    return std::fma(std::fma(std::fma(c[3], t, c[2]), t, c[1]), t, c[0]);
}

}  // namespace

quantile_table::quantile_table(const marginal_distribution& d) : dist_(d) {
    constexpr std::size_t n_body = std::size_t{1} << body_bits;
    constexpr int per_octave = 1 << sub_bits;
    const std::size_t per_tail = static_cast<std::size_t>(octaves) * per_octave;
    // Four spare doubles so that every interval's coefficients start on a 32-byte boundary.
    storage_.assign(n_body * 4 + 2 * per_tail * 4 + 4, 0.0);
    const auto misalignment = reinterpret_cast<std::uintptr_t>(storage_.data()) % 32;
    body_ = storage_.data() + (misalignment == 0 ? 0 : (32 - misalignment) / sizeof(double));
    tail_ = body_ + n_body * 4;
    const double tolerance = 1e-9 * std::max(d.standard_quantile(0.95) - d.standard_quantile(0.05), 1e-300);

    // Body: node i at u = i / n_body; the two end intervals always take the tail path.
    const double width = 1.0 / static_cast<double>(n_body);
    std::vector<double> q(n_body + 1), slope(n_body + 1);
    for (std::size_t i = 1; i < n_body; ++i) {
        const double u = static_cast<double>(i) * width;
        q[i] = i == 1 ? d.standard_quantile(u) : next_node(d, u, q[i - 1], slope[i - 1]);
        slope[i] = width / d.standard_pdf(q[i]);
    }
    for (std::size_t i = 0; i < n_body; ++i) {
        double* c = body_ + i * 4;
        const bool end = i == 0 || i + 1 == n_body;
        if (end || (!hermite(c, q[i], slope[i], q[i + 1], slope[i + 1], d,
                             (static_cast<double>(i) + 0.5) * width, tolerance) &&
                    !chebyshev(c, d, static_cast<double>(i) * width, width, q[i], q[i + 1], tolerance))) {
            c[0] = c[1] = c[2] = c[3] = std::numeric_limits<double>::quiet_NaN();
            ++tail_intervals_;
        }
    }

    // The tail table, octave by octave, where a body interval on the tail path needs it: body
    // interval i of the lower half covers s in [i, i + 1) * 2^(32 - body_bits), and its mirror
    // image the same s on the upper side. Octaves no word reaches stay NaN (the exact quantile).
    std::fill(tail_, tail_ + 2 * per_tail * 4, std::numeric_limits<double>::quiet_NaN());
    std::array<std::array<bool, octaves>, 2> needed{};
    for (std::size_t i = 0; i < n_body; ++i) {
        if (!std::isnan(body_[i * 4])) continue;
        const int tail = i < n_body / 2 ? 0 : 1;
        const double j = static_cast<double>(tail == 0 ? i : n_body - 1 - i);
        const double s_low = std::ldexp(j, body_shift);
        const double s_high = std::ldexp(j + 1.0, body_shift);
        for (int e = 0; e < octaves; ++e)
            needed[static_cast<std::size_t>(tail)][static_cast<std::size_t>(e)] |=
                s_low < std::ldexp(1.0, 31 - e) && s_high > std::ldexp(1.0, 30 - e);
    }
    for (int tail = 0; tail < 2; ++tail) {
        // Node j of octave e sits at s = (2^sub_bits + j) << (30 - e - sub_bits); u = s / 2^32 (lower) or 1 -
        // s / 2^32.
        auto u_of = [tail](double s) { return tail == 0 ? s * 0x1.0p-32 : 1.0 - s * 0x1.0p-32; };
        const double sign = tail == 0 ? 1.0 : -1.0;
        for (int e = 0; e < octaves; ++e) {
            if (!needed[static_cast<std::size_t>(tail)][static_cast<std::size_t>(e)]) continue;
            const double step = std::ldexp(1.0, 30 - e - sub_bits);
            double s_left = std::ldexp(1.0, 30 - e);
            double q_left = d.standard_quantile(u_of(s_left));
            double slope_left = sign * step * 0x1.0p-32 / d.standard_pdf(q_left);
            for (int j = 0; j < per_octave; ++j) {
                const double s_right = s_left + step;
                const double q_right = next_node(d, u_of(s_right), q_left, slope_left);
                const double slope_right = sign * step * 0x1.0p-32 / d.standard_pdf(q_right);
                double* c = tail_ + (static_cast<std::size_t>(tail) * per_tail +
                                     static_cast<std::size_t>(e * per_octave + j)) *
                                        4;
                if (!hermite(c, q_left, slope_left, q_right, slope_right, d, u_of(s_left + 0.5 * step),
                             tolerance))
                    ++exact_intervals_;
                s_left = s_right;
                q_left = q_right;
                slope_left = slope_right;
            }
        }
    }
}

namespace {

// The tail table's value for the word r: its octave, interval and position inside it are read off
// the bits of the double s + 0.5 (s = distance of r from the nearer end): the exponent gives the
// octave, the next sub_bits mantissa bits the interval, the rest t. NaN for an interval that
// failed the build-time check. For s < exact_below (which take the exact quantile) the octave is
// clamped, so that the row read is still inside the table.
inline std::size_t tail_row(std::uint32_t r, double& t) noexcept {
    constexpr int sb = quantile_table::sub_bits;
    const auto sign = (0U - (r >> 31));
    const std::uint32_t s = r ^ sign;
    const double x = static_cast<double>(static_cast<std::int32_t>(s)) + 0.5;
    const auto bits = std::bit_cast<std::uint64_t>(x);
    const auto octave =
        std::min<std::uint64_t>(static_cast<std::uint64_t>(1053 - static_cast<std::int64_t>(bits >> 52)),
                                quantile_table::octaves - 1);
    const std::uint64_t j = (bits >> (52 - sb)) & ((std::uint64_t{1} << sb) - 1);
    t = std::bit_cast<double>(((bits << sb) & 0x000FFFFFFFFFFFFFULL) | 0x3FF0000000000000ULL) - 1.0;
    return static_cast<std::size_t>((((sign & quantile_table::octaves) + octave) << sb | j) * 4);
}
inline double tail_table_value(const double* tail, std::uint32_t r) noexcept {
    double t = 0.0;
    const double* c = tail + tail_row(r, t);
    return c[0] + t * (c[1] + t * (c[2] + t * c[3]));
}

}  // namespace

// The tail path: the tail table; the extreme tails and intervals that failed the build-time check
// use the exact quantile.
double quantile_table::tail(std::uint32_t r) const noexcept {
    if ((r ^ (0U - (r >> 31))) < exact_below) return exact(r);
    const double v = tail_table_value(tail_, r);
    return std::isnan(v) ? exact(r) : v;
}

double quantile_table::operator()(std::uint32_t r) const noexcept {
    const double v = body_value(body_, r);
    return std::isnan(v) ? tail(r) : v;
}

void quantile_table::fill(const std::uint32_t* words, std::size_t n, double* out) const noexcept {
    for (std::size_t d = 0; d < n; ++d)
        out[d] = (*this)(words[d]);
}

}  // namespace sroi::detail
