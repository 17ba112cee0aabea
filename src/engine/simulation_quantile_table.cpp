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

// The quantile as the solution of an ODE (Steinbrecher and Shaw, "Quantile mechanics"): in a
// variable y (the shape itself for pert, beta and normal; the normal z of a lognormal, whose shape
// is exp(σz - σ²/2)), dy/du = 1 / p(y) with p the density of y, and every higher derivative of y
// is y' to a power times a polynomial in g = (ln p)' and its derivatives, which are rational in y
// (beta: (α-1)/y - (β-1)/(1-y); normal: -y). So one density evaluation at a node gives the Taylor
// expansion of the quantile there to fifth order, without the incomplete beta function or the
// normal cdf; the table builder steps from node to node with it between exact quantiles (see
// build_run).
class quantile_ode {
public:
    struct point {
        double y = 0.0;
        double d[5] = {};  // the first five derivatives of y (per unit u)
    };

    explicit quantile_ode(const marginal_distribution& d) : dist_(d) {
        switch (d.kind()) {
            case distribution::pert:
            case distribution::beta:
                form_ = form::beta;
                a1_ = d.shape_a() - 1.0;
                b1_ = d.shape_b() - 1.0;
                log_beta_ =
                    log_gamma(d.shape_a()) + log_gamma(d.shape_b()) - log_gamma(d.shape_a() + d.shape_b());
                break;
            case distribution::normal:
                form_ = form::normal;
                break;
            case distribution::lognormal:
                form_ = form::lognormal;
                sigma_ = d.shape_a();
                break;
            default:
                form_ = form::none;
        }
    }
    /// Whether the shape has an ODE here (else every quantile is exact).
    [[nodiscard]] bool usable() const noexcept { return form_ != form::none; }
    /// The exact y at u (`guess`: a y near it).
    [[nodiscard]] double exact(double u, double guess) const noexcept {
        if (form_ == form::lognormal) return normal_quantile(u);
        return dist_.standard_quantile(u, guess);
    }
    /// The standardised shape of y.
    [[nodiscard]] double value(double y) const noexcept {
        return form_ == form::lognormal ? std::exp(sigma_ * y - 0.5 * sigma_ * sigma_) : y;
    }
    /// d(shape)/du at the point.
    [[nodiscard]] double slope(const point& p) const noexcept {
        return form_ == form::lognormal ? sigma_ * value(p.y) * p.d[0] : p.d[0];
    }
    /// The derivatives of y at y.
    [[nodiscard]] point expand(double y) const noexcept {
        point p;
        p.y = y;
        double g0 = 0.0, g1 = 0.0, g2 = 0.0, g3 = 0.0;
        if (form_ == form::beta) {
            const double ix = 1.0 / y;
            const double iw = 1.0 / (1.0 - y);
            const double ax = a1_ * ix;
            const double bw = b1_ * iw;
            g0 = ax - bw;
            g1 = -ax * ix - bw * iw;
            g2 = 2.0 * (ax * ix * ix - bw * iw * iw);
            g3 = -6.0 * (ax * ix * ix * ix + bw * iw * iw * iw);
            // 1 / density, its normalising constant B(α, β) computed once.
            p.d[0] = y > 0.0 && y < 1.0 ? std::exp(log_beta_ - a1_ * std::log(y) - b1_ * std::log1p(-y))
                                        : std::numeric_limits<double>::quiet_NaN();
        } else if (form_ == form::normal) {
            g0 = -y;
            g1 = -1.0;
            p.d[0] = 1.0 / dist_.standard_pdf(y);
        } else {
            g0 = -y;
            g1 = -1.0;
            p.d[0] = 1.0 / normal_pdf(y);
        }
        const double d1 = p.d[0];
        const double d2 = d1 * d1;
        const double d3 = d2 * d1;
        const double poly4 = -6.0 * g0 * g0 * g0 + 7.0 * g0 * g1 - g2;
        const double poly4_prime = -18.0 * g0 * g0 * g1 + 7.0 * g1 * g1 + 7.0 * g0 * g2 - g3;
        p.d[1] = -g0 * d2;
        p.d[2] = d3 * (2.0 * g0 * g0 - g1);
        p.d[3] = d3 * d1 * poly4;
        p.d[4] = d3 * d2 * (poly4_prime - 4.0 * g0 * poly4);
        return p;
    }
    /// y at u + delta by the point's Taylor polynomial.
    [[nodiscard]] static double at(const point& p, double delta) noexcept {
        const double* d = p.d;
        return p.y +
               delta *
                   (d[0] + delta * (d[1] / 2.0 +
                                    delta * (d[2] / 6.0 + delta * (d[3] / 24.0 + delta * (d[4] / 120.0)))));
    }

private:
    enum class form { none, beta, normal, lognormal };
    const marginal_distribution& dist_;
    form form_ = form::none;
    double a1_ = 0.0;
    double b1_ = 0.0;
    double sigma_ = 0.0;
    double log_beta_ = 0.0;

    static double log_gamma(double x) noexcept {  // without writing the global signgam
        int sign = 0;
        return ::lgamma_r(x, &sign);
    }
};

// The nodes of one run of equal steps: node k at u(k) = u0 + k du (du < 0 for an upper tail),
// k = 0..n, at distance dist(k) from the nearer end of (0, 1). A node within 16 steps of that end
// is exact: there the quantile's Taylor series (whose radius is about that distance) converges too
// slowly. The others are taken in stretches of `stretch` nodes between exact anchors: stepped from
// the left anchor by the Taylor polynomial (in substeps of at most 1/128 of the distance to the
// end), and kept if the stepped value reaches the right anchor to within `limit`; a stretch that
// misses is computed exact node by node. An interval [k, k+1] is `trusted` when both ends come
// from an accepted stretch: its interior values can then be taken from the nearer node's Taylor
// polynomial, whose error (over at most half a step) is below the stretch's.
struct run {
    std::vector<quantile_ode::point> p;
    std::vector<double> q;               // the shape at the nodes
    std::vector<double> slope;           // d(shape)/du at the nodes
    std::vector<unsigned char> trusted;  // per interval
};

template <class U, class Dist>
void build_run(const quantile_ode& ode, std::size_t n, U u, double du, Dist dist, double limit, run& r) {
    r.p.assign(n + 1, {});
    r.q.assign(n + 1, 0.0);
    r.slope.assign(n + 1, 0.0);
    r.trusted.assign(n, 0);
    constexpr std::size_t stretch = 32;
    constexpr double near_end = 16.0;
    auto set = [&](std::size_t k, double y) {
        r.p[k] = ode.expand(y);
        r.q[k] = ode.value(y);
        r.slope[k] = ode.slope(r.p[k]);
    };
    auto guess = [&](std::size_t k) {  // y at node k from node k - 1
        return k == 0 ? std::numeric_limits<double>::quiet_NaN() : quantile_ode::at(r.p[k - 1], du);
    };
    auto exact_node = [&](std::size_t k) {
        const double g = guess(k);
        set(k, ode.exact(u(k), std::isfinite(g) ? g : std::numeric_limits<double>::quiet_NaN()));
    };
    const double step = std::fabs(du);
    std::size_t k = 0;
    set(0, ode.exact(u(0), std::numeric_limits<double>::quiet_NaN()));
    auto smooth = [&](std::size_t j) { return ode.usable() && dist(j) >= near_end * step; };
    while (k < n) {
        if (!smooth(k + 1)) {  // near an end: exact
            ++k;
            exact_node(k);
            continue;
        }
        std::size_t end = k + 1;
        while (end < std::min(k + stretch, n) && smooth(end + 1))
            ++end;
        // Step from node k to node end.
        quantile_ode::point cur = r.p[k];
        for (std::size_t j = k; j < end; ++j) {
            const double nearest = std::min(dist(j), dist(j + 1));
            const int substeps = static_cast<int>(std::ceil(128.0 * step / nearest));
            const double h = du / substeps;
            for (int s = 0; s < substeps; ++s)
                cur = ode.expand(quantile_ode::at(cur, h));
            if (j + 1 < end) {
                r.p[j + 1] = cur;
                r.q[j + 1] = ode.value(cur.y);
                r.slope[j + 1] = ode.slope(cur);
            }
        }
        set(end, ode.exact(u(end), cur.y));
        const bool accepted = std::fabs(ode.value(cur.y) - r.q[end]) <= limit;
        for (std::size_t j = k; j < end; ++j) {
            if (!accepted && j > k) exact_node(j);
            r.trusted[j] = accepted ? 1 : 0;
        }
        k = end;
    }
}

// The shape at u = u(k) + t du inside interval [k, k+1] of a run: from the nearer node's Taylor
// polynomial on a trusted interval, else exact (its iteration started from `guess`).
template <class U>
double shape_at(const quantile_ode& ode, const run& r, std::size_t k, double t, U u, double du,
                const marginal_distribution& d, double guess) noexcept {
    if (r.trusted[k]) {
        return t <= 0.5 ? ode.value(quantile_ode::at(r.p[k], t * du))
                        : ode.value(quantile_ode::at(r.p[k + 1], (t - 1.0) * du));
    }
    return d.standard_quantile(u(k) + t * du, guess);
}

// Cubic Hermite coefficients of one interval from the values and slopes (per unit t) at its ends,
// checked at the midpoint against the quantile there (`middle_of(guess)`); an interval that misses
// by more than `tolerance`, or is not finite, is marked with NaN so that it takes the slower path.
template <class Middle>
bool hermite(double* c, double q_left, double slope_left, double q_right, double slope_right,
             Middle middle_of, double tolerance) noexcept {
    c[0] = q_left;
    c[1] = slope_left;
    c[2] = 3.0 * (q_right - q_left) - 2.0 * slope_left - slope_right;
    c[3] = 2.0 * (q_left - q_right) + slope_left + slope_right;
    const double middle = c[0] + 0.5 * (c[1] + 0.5 * (c[2] + 0.5 * c[3]));
    if (std::isfinite(middle) && std::fabs(middle - middle_of(middle)) <= tolerance) return true;
    c[0] = c[1] = c[2] = c[3] = std::numeric_limits<double>::quiet_NaN();
    return false;
}

// For a body interval that fails the Hermite check: the cubic through the quantile at the four
// Chebyshev points of the interval (`at(t, guess)`: the quantile at position t in it), whose error
// (for a quantile whose fourth derivative varies little over the interval) is about an eighth of
// the Hermite cubic's. Checked where that error peaks: both ends and the three interior extrema of
// the Chebyshev polynomial; c is left unchanged (NaN) when it misses by more than `tolerance`
// anywhere.
template <class At>
bool chebyshev(double* c, At at, double q_left, double q_right, double tolerance) noexcept {
    constexpr double pi = 3.141592653589793;
    double t[4];
    double y[4];
    for (int j = 0; j < 4; ++j) {
        t[j] = 0.5 - 0.5 * std::cos((2 * j + 1) * pi / 8.0);
        y[j] = at(t[j], q_left + t[j] * (q_right - q_left));
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
        if (!close(v, at(x, v))) return false;
    }
    std::copy(fit, fit + 4, c);
    return true;
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

    // Body: node i at u = i / n_body; the two end intervals always take the tail path. Nodes and
    // the checks' reference values come from the Taylor stepping of build_run, whose stretches
    // must meet their exact anchors to within a thousandth of the tolerance.
    const quantile_ode ode(d);
    const double width = 1.0 / static_cast<double>(n_body);
    auto body_u = [width](std::size_t k) { return static_cast<double>(k + 1) * width; };
    auto body_dist = [width](std::size_t k) {
        const double u = static_cast<double>(k + 1) * width;
        return std::min(u, 1.0 - u);
    };
    run body;  // node k is node k + 1 of the table: u = 1/n_body .. (n_body - 1)/n_body
    build_run(ode, n_body - 2, body_u, width, body_dist, 1e-3 * tolerance, body);
    for (std::size_t i = 0; i < n_body; ++i) {
        double* c = body_ + i * 4;
        const bool end = i == 0 || i + 1 == n_body;
        bool ok = false;
        if (!end) {
            const std::size_t k = i - 1;
            auto at = [&](double t, double guess) {
                return shape_at(ode, body, k, t, body_u, width, d, guess);
            };
            ok = hermite(
                     c, body.q[k], width * body.slope[k], body.q[k + 1], width * body.slope[k + 1],
                     [&](double guess) { return at(0.5, guess); }, tolerance) ||
                 chebyshev(c, at, body.q[k], body.q[k + 1], tolerance);
        }
        if (!ok) {
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
    run octave;
    for (int tail = 0; tail < 2; ++tail) {
        // Node j of octave e sits at s = (2^sub_bits + j) << (30 - e - sub_bits); u = s / 2^32 (lower) or
        // 1 - s / 2^32, at distance s / 2^32 from the end.
        auto u_of = [tail](double s) { return tail == 0 ? s * 0x1.0p-32 : 1.0 - s * 0x1.0p-32; };
        const double sign = tail == 0 ? 1.0 : -1.0;
        for (int e = 0; e < octaves; ++e) {
            if (!needed[static_cast<std::size_t>(tail)][static_cast<std::size_t>(e)]) continue;
            const double step = std::ldexp(1.0, 30 - e - sub_bits);
            const double s0 = std::ldexp(1.0, 30 - e);
            auto s_of = [s0, step](std::size_t j) { return s0 + static_cast<double>(j) * step; };
            auto u = [&](std::size_t j) { return u_of(s_of(j)); };
            auto dist = [&](std::size_t j) { return s_of(j) * 0x1.0p-32; };
            const double du = sign * step * 0x1.0p-32;
            build_run(ode, per_octave, u, du, dist, 1e-3 * tolerance, octave);
            for (int j = 0; j < per_octave; ++j) {
                const auto k = static_cast<std::size_t>(j);
                double* c = tail_ + (static_cast<std::size_t>(tail) * per_tail +
                                     static_cast<std::size_t>(e * per_octave + j)) *
                                        4;
                if (!hermite(
                        c, octave.q[k], du * octave.slope[k], octave.q[k + 1], du * octave.slope[k + 1],
                        [&](double guess) { return shape_at(ode, octave, k, 0.5, u, du, d, guess); },
                        tolerance))
                    ++exact_intervals_;
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
