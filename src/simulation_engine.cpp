#include "simulation_engine.hpp"

#include "parallel.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <limits>
#include <string_view>

#include <fmt/format.h>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include <Eigen/Cholesky>
#include <Eigen/Core>

namespace sroi::detail {

namespace {

constexpr std::uint32_t philox_m0 = 0xD2511F53U;
constexpr std::uint32_t philox_m1 = 0xCD9E8D57U;
constexpr std::uint32_t philox_w0 = 0x9E3779B9U;
constexpr std::uint32_t philox_w1 = 0xBB67AE85U;
constexpr std::size_t quads = granule / 4;

}  // namespace

std::array<std::uint32_t, 4> philox_block(std::array<std::uint32_t, 4> c,
                                          std::array<std::uint32_t, 2> key) noexcept {
    std::uint32_t k0 = key[0];
    std::uint32_t k1 = key[1];
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            k0 += philox_w0;
            k1 += philox_w1;
        }
        const std::uint64_t p0 = std::uint64_t{philox_m0} * c[0];
        const std::uint64_t p1 = std::uint64_t{philox_m1} * c[2];
        c = {static_cast<std::uint32_t>(p1 >> 32) ^ c[1] ^ k0, static_cast<std::uint32_t>(p1),
             static_cast<std::uint32_t>(p0 >> 32) ^ c[3] ^ k1, static_cast<std::uint32_t>(p0)};
    }
    return c;
}

SROI_TARGET_CLONES void philox_granule(std::uint64_t first, std::uint32_t parameter, std::uint32_t stream,
                                       std::uint64_t seed, std::uint32_t* out) noexcept {
    // Lane i of the granule holds counter q0 + i; its four words are draws i, i + 64, i + 128, i + 192.
    alignas(64) std::uint32_t c0[quads];
    alignas(64) std::uint32_t c1[quads];
    alignas(64) std::uint32_t c2[quads];
    alignas(64) std::uint32_t c3[quads];
    const std::uint64_t q0 = first / granule * quads;
    for (std::size_t i = 0; i < quads; ++i) {
        c0[i] = static_cast<std::uint32_t>(q0 + i);
        c1[i] = static_cast<std::uint32_t>((q0 + i) >> 32);
        c2[i] = parameter;
        c3[i] = stream;
    }
    std::uint32_t k0 = static_cast<std::uint32_t>(seed);
    std::uint32_t k1 = static_cast<std::uint32_t>(seed >> 32);
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            k0 += philox_w0;
            k1 += philox_w1;
        }
        for (std::size_t i = 0; i < quads; ++i) {
            const std::uint64_t p0 = std::uint64_t{philox_m0} * c0[i];
            const std::uint64_t p1 = std::uint64_t{philox_m1} * c2[i];
            const auto n0 = static_cast<std::uint32_t>(p1 >> 32) ^ c1[i] ^ k0;
            const auto n2 = static_cast<std::uint32_t>(p0 >> 32) ^ c3[i] ^ k1;
            c1[i] = static_cast<std::uint32_t>(p1);
            c3[i] = static_cast<std::uint32_t>(p0);
            c0[i] = n0;
            c2[i] = n2;
        }
    }
    for (std::size_t i = 0; i < quads; ++i) {
        out[i] = c0[i];
        out[quads + i] = c1[i];
        out[2 * quads + i] = c2[i];
        out[3 * quads + i] = c3[i];
    }
}

// ---- quantile table -------------------------------------------------------------------------

simd_level best_simd() noexcept {
#if defined(__x86_64__) && defined(__GNUC__)
    // The AVX2 kernels use FMA and BMI too (every processor with AVX2 and FMA has BMI; checked
    // all the same); the AVX-512 ones need F, VL and DQ.
    // SROI_SIMD=avx2 or SROI_SIMD=portable caps the level (every level gives the same bits; this
    // is for measuring what a processor without the wider instructions would do).
    static const simd_level level = [] {
        simd_level best = simd_level::portable;
        if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi"))
            best = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
                           __builtin_cpu_supports("avx512dq")
                       ? simd_level::avx512
                       : simd_level::avx2;
        const char* cap = std::getenv("SROI_SIMD");
        const std::string_view wanted = cap == nullptr ? std::string_view{} : std::string_view{cap};
        if (wanted == "portable") return simd_level::portable;
        if (wanted == "avx2") return std::min(best, simd_level::avx2);
        return best;
    }();
    return level;
#else
    return simd_level::portable;
#endif
}

namespace {

constexpr int body_shift = 32 - quantile_table::body_bits;
constexpr std::uint32_t body_mask = (std::uint32_t{1} << body_shift) - 1;
constexpr double body_t_scale = 1.0 / static_cast<double>(std::uint64_t{1} << body_shift);

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

// Word that an unused lane of the tail pass evaluates: u = 1/4, the tail table's first
// row (always the same row, so it stays in cache).
constexpr std::uint32_t spare_word = 0x40000000U;

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

// The words that the vector body passes marked (one bit per word in each block of 64), listed
// with their positions: up to four per block (a block has one or two on average), without
// branches on where they fall. Further marks in a block (rare) are finished here, the slow way.
__attribute__((always_inline)) inline void list_tails(const parameter_sampler& p, const std::uint32_t* words,
                                                      std::uint64_t* marks, double* out,
                                                      tail_list& tails) noexcept {
    std::size_t n = 0;
    std::uint64_t left = 0;
    for (std::size_t b = 0; b < granule / 64; ++b) {
        std::uint64_t m = marks[b];
        for (std::size_t k = 0; k < tail_list::per_block; ++k) {
            // countr_zero(0) is 64: the entry then names the block's first word, and n does not
            // move on, so the next one overwrites it.
            const auto at = static_cast<std::uint32_t>(b * 64 + (std::countr_zero(m) & 63));
            tails.at[n] = at;
            tails.word[n] = words[at];
            n += static_cast<std::size_t>(m != 0);
            m &= m - 1;
        }
        marks[b] = m;
        left |= m;
    }
    tails.count = n;
    if (left != 0) [[unlikely]] {
        for (std::size_t b = 0; b < granule / 64; ++b) {
            for (std::uint64_t m = marks[b]; m != 0; m &= m - 1) {
                const std::size_t d = b * 64 + static_cast<std::size_t>(std::countr_zero(m));
                out[d] = std::clamp(std::fma(p.scale, p.table->tail(words[d]), p.location), p.low, p.high);
            }
        }
    }
}

// The listed words' tail path, one by one.
void finish_tails_scalar(const parameter_sampler& p, double* out, const tail_list& tails) noexcept {
    for (std::size_t i = 0; i < tails.count; ++i)
        out[tails.at[i]] =
            std::clamp(std::fma(p.scale, p.table->tail(tails.word[i]), p.location), p.low, p.high);
}

#if defined(__x86_64__) && defined(__GNUC__)
// The four coefficients of four draws' intervals (one 32-byte row each), transposed to lanes.
struct lanes4 {
    __m256d c0, c1, c2, c3;
};
__attribute__((target("avx2,fma"), always_inline)) inline lanes4 coefficient_lanes(const double* a,
                                                                                   const double* b,
                                                                                   const double* c,
                                                                                   const double* d) noexcept {
    const __m256d v0 = _mm256_load_pd(a);
    const __m256d v1 = _mm256_load_pd(b);
    const __m256d v2 = _mm256_load_pd(c);
    const __m256d v3 = _mm256_load_pd(d);
    const __m256d t0 = _mm256_unpacklo_pd(v0, v1);
    const __m256d t1 = _mm256_unpackhi_pd(v0, v1);
    const __m256d t2 = _mm256_unpacklo_pd(v2, v3);
    const __m256d t3 = _mm256_unpackhi_pd(v2, v3);
    const __m256d c0 = _mm256_permute2f128_pd(t0, t2, 0x20);
    const __m256d c1 = _mm256_permute2f128_pd(t1, t3, 0x20);
    const __m256d c2 = _mm256_permute2f128_pd(t0, t2, 0x31);
    const __m256d c3 = _mm256_permute2f128_pd(t1, t3, 0x31);
    return {c0, c1, c2, c3};
}

// Four draws' body values (NaN where the tail path is needed): the same operations as
// body_value(), with FMA, so the results are bit-identical to the portable pass.
__attribute__((target("avx2,fma"), always_inline)) inline __m256d body_lanes(
    const double* coefficients, const std::uint32_t* w) noexcept {
    const __m128i r = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w));
    const __m128i low_bits = _mm_and_si128(r, _mm_set1_epi32(static_cast<int>(body_mask)));
    const __m256d t = _mm256_fmadd_pd(_mm256_cvtepi32_pd(low_bits), _mm256_set1_pd(body_t_scale),
                                      _mm256_set1_pd(0.5 * body_t_scale));
    const auto [c0, c1, c2, c3] =
        coefficient_lanes(coefficients + static_cast<std::size_t>(w[0] >> body_shift) * 4,
                          coefficients + static_cast<std::size_t>(w[1] >> body_shift) * 4,
                          coefficients + static_cast<std::size_t>(w[2] >> body_shift) * 4,
                          coefficients + static_cast<std::size_t>(w[3] >> body_shift) * 4);
    return _mm256_fmadd_pd(_mm256_fmadd_pd(_mm256_fmadd_pd(c3, t, c2), t, c1), t, c0);
}

// u = (r + 0.5) / 2^32 for four words, exactly as to_unit().
__attribute__((target("avx2,fma"), always_inline)) inline __m256d unit_lanes(__m128i r) noexcept {
    const __m128i flipped = _mm_xor_si128(r, _mm_set1_epi32(static_cast<int>(0x80000000U)));
    return _mm256_add_pd(_mm256_mul_pd(_mm256_cvtepi32_pd(flipped), _mm256_set1_pd(0x1.0p-32)),
                         _mm256_set1_pd(0.5 + 0.5 * 0x1.0p-32));
}

// ---- AVX-512: eight values per instruction; the same operations, so the same bits ----------------

#define SROI_AVX512 __attribute__((target("avx512f,avx512vl,avx512dq,avx2,fma,bmi,popcnt")))
// GCC 12's AVX-512 intrinsics build their "undefined" operands from self-initialised variables,
// which -Wuninitialized reports once they are inlined deep enough (a false positive).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

// Two rows of coefficients (at the given offsets, in doubles) in one register.
SROI_AVX512 __attribute__((always_inline)) inline __m512d row_pair(const double* coefficients,
                                                                   std::size_t first,
                                                                   std::size_t second) noexcept {
    return _mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_load_pd(coefficients + first)),
                              _mm256_load_pd(coefficients + second), 1);
}

// The four coefficients of eight rows (two per register) as columns: [c0 | c1] and [c2 | c3] of
// rows 0-3 and of rows 4-7, then the columns.
struct lanes8 {
    __m512d c0, c1, c2, c3;
};
SROI_AVX512 __attribute__((always_inline)) inline lanes8 columns(__m512d a, __m512d b, __m512d c,
                                                                 __m512d d) noexcept {
    // In-lane unpacks first: low_ab = [0.c0 2.c0 0.c2 2.c2 1.c0 3.c0 1.c2 3.c2] (row.column),
    // high_ab the same for c1 and c3; then one two-source permute per column.
    const __m512d low_ab = _mm512_unpacklo_pd(a, b);
    const __m512d high_ab = _mm512_unpackhi_pd(a, b);
    const __m512d low_cd = _mm512_unpacklo_pd(c, d);
    const __m512d high_cd = _mm512_unpackhi_pd(c, d);
    const __m512i first = _mm512_setr_epi64(0, 4, 1, 5, 8, 12, 9, 13);
    const __m512i second = _mm512_setr_epi64(2, 6, 3, 7, 10, 14, 11, 15);
    return {_mm512_permutex2var_pd(low_ab, first, low_cd), _mm512_permutex2var_pd(high_ab, first, high_cd),
            _mm512_permutex2var_pd(low_ab, second, low_cd), _mm512_permutex2var_pd(high_ab, second, high_cd)};
}

// Eight words' body values (NaN where the tail path is needed), as body_lanes() does four.
SROI_AVX512 __attribute__((always_inline)) inline __m512d body_lanes8(const double* coefficients,
                                                                      const std::uint32_t* w) noexcept {
    const __m256i r = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w));
    const __m256i low_bits = _mm256_and_si256(r, _mm256_set1_epi32(static_cast<int>(body_mask)));
    const __m512d t = _mm512_fmadd_pd(_mm512_cvtepi32_pd(low_bits), _mm512_set1_pd(body_t_scale),
                                      _mm512_set1_pd(0.5 * body_t_scale));
    auto row = [w](int k) { return static_cast<std::size_t>(w[k] >> body_shift) * 4; };
    const auto [c0, c1, c2, c3] =
        columns(row_pair(coefficients, row(0), row(1)), row_pair(coefficients, row(2), row(3)),
                row_pair(coefficients, row(4), row(5)), row_pair(coefficients, row(6), row(7)));
    return _mm512_fmadd_pd(_mm512_fmadd_pd(_mm512_fmadd_pd(c3, t, c2), t, c1), t, c0);
}

// u = (r + 0.5) / 2^32 for eight words, exactly as to_unit().
SROI_AVX512 __attribute__((always_inline)) inline __m512d unit_lanes8(const std::uint32_t* w) noexcept {
    const __m256i r = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w));
    const __m256i flipped = _mm256_xor_si256(r, _mm256_set1_epi32(static_cast<int>(0x80000000U)));
    return _mm512_add_pd(_mm512_mul_pd(_mm512_cvtepi32_pd(flipped), _mm512_set1_pd(0x1.0p-32)),
                         _mm512_set1_pd(0.5 + 0.5 * 0x1.0p-32));
}

// Eight words' tail-table values (NaN for a failed interval): the same operations as
// tail_table_value() (no FMA), so the same bits.
SROI_AVX512 __attribute__((always_inline)) inline __m512d tail_lanes8(const double* tail,
                                                                      __m256i r) noexcept {
    constexpr int sb = quantile_table::sub_bits;
    const __m256i sign = _mm256_srai_epi32(r, 31);
    const __m512d x = _mm512_add_pd(_mm512_cvtepi32_pd(_mm256_xor_si256(r, sign)), _mm512_set1_pd(0.5));
    const __m512i bits = _mm512_castpd_si512(x);
    const __m512i octave =
        _mm512_min_epu64(_mm512_sub_epi64(_mm512_set1_epi64(1053), _mm512_srli_epi64(bits, 52)),
                         _mm512_set1_epi64(quantile_table::octaves - 1));
    const __m512i j = _mm512_and_si512(_mm512_srli_epi64(bits, 52 - sb), _mm512_set1_epi64((1 << sb) - 1));
    const __m512d t = _mm512_sub_pd(
        _mm512_castsi512_pd(_mm512_or_si512(
            _mm512_and_si512(_mm512_slli_epi64(bits, sb), _mm512_set1_epi64(0x000FFFFFFFFFFFFFLL)),
            _mm512_set1_epi64(0x3FF0000000000000LL))),
        _mm512_set1_pd(1.0));
    const __m512i upper =
        _mm512_and_si512(_mm512_cvtepi32_epi64(sign), _mm512_set1_epi64(quantile_table::octaves));
    alignas(64) std::uint64_t at[8];
    _mm512_store_si512(
        at, _mm512_slli_epi64(_mm512_or_si512(_mm512_slli_epi64(_mm512_add_epi64(upper, octave), sb), j), 2));
    const auto [c0, c1, c2, c3] = columns(row_pair(tail, at[0], at[1]), row_pair(tail, at[2], at[3]),
                                          row_pair(tail, at[4], at[5]), row_pair(tail, at[6], at[7]));
    return _mm512_add_pd(
        c0, _mm512_mul_pd(t, _mm512_add_pd(c1, _mm512_mul_pd(t, _mm512_add_pd(c2, _mm512_mul_pd(t, c3))))));
}

// The body pass of the table transform with AVX-512: body values with location, scale and
// support; NaN (the tail path) passes through max and min (their second operand), and the words
// that need the tail path are marked, one bit per word in each block of 64, and listed in `tails`.
SROI_AVX512 void table_body_avx512(const parameter_sampler& p, const std::uint32_t* words, double* out,
                                   tail_list& tails) noexcept {
    std::uint64_t marks[granule / 64];
    const __m512d location = _mm512_set1_pd(p.location);
    const __m512d scale = _mm512_set1_pd(p.scale);
    const __m512d low = _mm512_set1_pd(p.low);
    const __m512d high = _mm512_set1_pd(p.high);
    const double* coefficients = p.table->coefficients();
    for (std::size_t d0 = 0; d0 < granule; d0 += 64) {
        std::uint64_t m = 0;
        for (std::size_t d = d0; d < d0 + 64; d += 8) {
            const __m512d v = body_lanes8(coefficients, words + d);
            m |= static_cast<std::uint64_t>(_mm512_cmp_pd_mask(v, v, _CMP_UNORD_Q)) << (d - d0);
            _mm512_storeu_pd(out + d,
                             _mm512_min_pd(high, _mm512_max_pd(low, _mm512_fmadd_pd(scale, v, location))));
        }
        marks[d0 / 64] = m;
    }
    list_tails(p, words, marks, out, tails);
}

// The tail pass of the table transform with AVX-512: the listed words eight at a time (lanes
// past the list's end evaluate spare_word and store nothing); words that need the exact quantile
// the slow way.
SROI_AVX512 void finish_tails_avx512(const parameter_sampler& p, double* out,
                                     const tail_list& tails) noexcept {
    const __m512d location = _mm512_set1_pd(p.location);
    const __m512d scale = _mm512_set1_pd(p.scale);
    const __m512d low = _mm512_set1_pd(p.low);
    const __m512d high = _mm512_set1_pd(p.high);
    const quantile_table& table = *p.table;
    static_assert(tail_list::capacity % 8 == 0, "the list is read eight entries at a time");
    const std::size_t n = tails.count;
    for (std::size_t i = 0; i < n; i += 8) {
        const auto valid = static_cast<__mmask8>(n - i >= 8 ? 0xFF : (1U << (n - i)) - 1);
        const __m256i r = _mm256_mask_loadu_epi32(_mm256_set1_epi32(static_cast<int>(spare_word)), valid,
                                                  tails.word.data() + i);
        const __m512d v = tail_lanes8(table.tail_coefficients(), r);
        const __m256i s = _mm256_xor_si256(r, _mm256_srai_epi32(r, 31));
        const __mmask8 exact =
            valid &
            (_mm256_cmplt_epu32_mask(s, _mm256_set1_epi32(static_cast<int>(quantile_table::exact_below))) |
             _mm512_cmp_pd_mask(v, v, _CMP_UNORD_Q));
        _mm512_mask_i32scatter_pd(
            out, valid, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(tails.at.data() + i)),
            _mm512_min_pd(high, _mm512_max_pd(low, _mm512_fmadd_pd(scale, v, location))), 8);
        if (exact != 0) [[unlikely]] {
            for (std::size_t k = 0; k < 8; ++k) {
                if ((exact >> k & 1) != 0)
                    out[tails.at[i + k]] = std::clamp(
                        std::fma(p.scale, table.exact(tails.word[i + k]), p.location), p.low, p.high);
            }
        }
    }
}

// transform() for uniform and triangular samplers with AVX-512 (tables: table_body_avx512).
SROI_AVX512 void transform_avx512(const parameter_sampler& p, const std::uint32_t* words,
                                  double* out) noexcept {
    const __m512d location = _mm512_set1_pd(p.location);
    const __m512d scale = _mm512_set1_pd(p.scale);
    const __m512d one = _mm512_set1_pd(1.0);
    switch (p.how) {
        case parameter_sampler::method::uniform:
            for (std::size_t d = 0; d < granule; d += 8)
                _mm512_storeu_pd(out + d, _mm512_fmadd_pd(scale, unit_lanes8(words + d), location));
            return;
        case parameter_sampler::method::triangular: {
            const __m512d mode = _mm512_set1_pd(p.mode);
            const __m512d rest = _mm512_set1_pd(1.0 - p.mode);
            for (std::size_t d = 0; d < granule; d += 8) {
                const __m512d u = unit_lanes8(words + d);
                const __mmask8 below = _mm512_cmp_pd_mask(u, mode, _CMP_LT_OQ);
                const __m512d root = _mm512_sqrt_pd(_mm512_mask_blend_pd(
                    below, _mm512_mul_pd(_mm512_sub_pd(one, u), rest), _mm512_mul_pd(u, mode)));
                const __m512d x = _mm512_mask_blend_pd(below, _mm512_sub_pd(one, root), root);
                _mm512_storeu_pd(out + d, _mm512_fmadd_pd(scale, x, location));
            }
            return;
        }
        default:
            return;
    }
}

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#undef SROI_AVX512

// The body pass of the table transform with AVX2: body values with location, scale and support;
// NaN (the tail path) passes through max and min (their second operand), and the words that need
// the tail path are marked, one bit per word in each block of 64, and listed in `tails`.
__attribute__((target("avx2,fma,bmi"))) void table_body_avx2(const parameter_sampler& p,
                                                             const std::uint32_t* words, double* out,
                                                             tail_list& tails) noexcept {
    std::uint64_t marks[granule / 64];
    const __m256d location = _mm256_set1_pd(p.location);
    const __m256d scale = _mm256_set1_pd(p.scale);
    const __m256d low = _mm256_set1_pd(p.low);
    const __m256d high = _mm256_set1_pd(p.high);
    const double* coefficients = p.table->coefficients();
    for (std::size_t d0 = 0; d0 < granule; d0 += 64) {
        std::uint64_t m = 0;
        for (std::size_t d = d0; d < d0 + 64; d += 4) {
            const __m256d v = body_lanes(coefficients, words + d);
            m |= static_cast<std::uint64_t>(_mm256_movemask_pd(_mm256_cmp_pd(v, v, _CMP_UNORD_Q)))
                 << (d - d0);
            _mm256_storeu_pd(out + d,
                             _mm256_min_pd(high, _mm256_max_pd(low, _mm256_fmadd_pd(scale, v, location))));
        }
        marks[d0 / 64] = m;
    }
    list_tails(p, words, marks, out, tails);
}

// transform() for uniform and triangular samplers with AVX2 (tables: table_body_avx2); bit-identical
// results.
__attribute__((target("avx2,fma"))) void transform_avx2(const parameter_sampler& p,
                                                        const std::uint32_t* words, double* out) noexcept {
    const __m256d location = _mm256_set1_pd(p.location);
    const __m256d scale = _mm256_set1_pd(p.scale);
    const __m256d one = _mm256_set1_pd(1.0);
    switch (p.how) {
        case parameter_sampler::method::uniform:
            for (std::size_t d = 0; d < granule; d += 4) {
                const __m256d u = unit_lanes(_mm_loadu_si128(reinterpret_cast<const __m128i*>(words + d)));
                _mm256_storeu_pd(out + d, _mm256_fmadd_pd(scale, u, location));
            }
            return;
        case parameter_sampler::method::triangular: {
            const __m256d mode = _mm256_set1_pd(p.mode);
            const __m256d rest = _mm256_set1_pd(1.0 - p.mode);
            for (std::size_t d = 0; d < granule; d += 4) {
                const __m256d u = unit_lanes(_mm_loadu_si128(reinterpret_cast<const __m128i*>(words + d)));
                const __m256d below = _mm256_cmp_pd(u, mode, _CMP_LT_OQ);
                const __m256d root = _mm256_sqrt_pd(_mm256_blendv_pd(
                    _mm256_mul_pd(_mm256_sub_pd(one, u), rest), _mm256_mul_pd(u, mode), below));
                const __m256d x = _mm256_blendv_pd(_mm256_sub_pd(one, root), root, below);
                _mm256_storeu_pd(out + d, _mm256_fmadd_pd(scale, x, location));
            }
            return;
        }
        default:
            return;
    }
}

#endif

// ---- block model ----------------------------------------------------------------------------

namespace {
// Shapes whose parameters agree to 40 significant bits (about 12 digits) share one table: a
// model's ranges often give one shape up to rounding (e.g. low = 0.7 q and high = 1.2 q for every
// q), and a difference in the 13th digit of a shape parameter moves its quantiles far less than
// the table's tolerance.
double shape_digits(double x) noexcept {
    if (x == 0.0 || !std::isfinite(x)) return x;
    int exponent = 0;
    const double mantissa = std::frexp(x, &exponent);
    return std::ldexp(std::round(std::ldexp(mantissa, 40)), exponent - 40);
}
std::tuple<int, double, double> table_key(int dist, const marginal_distribution& d) {
    return {dist, shape_digits(d.shape_a()), shape_digits(d.shape_b())};
}
}  // namespace

block_model::block_model(const evaluator& e, std::vector<double> base_values,
                         const std::vector<bool>& held_fixed, bool with_correlations, unsigned threads)
    : ev(&e), base(std::move(base_values)) {
    const parameter_set& parameters = e.parameters();
    samplers.resize(parameters.size());
    is_random.assign(parameters.size(), false);
    for (std::size_t p = 0; p < parameters.size(); ++p) {
        parameter_sampler& s = samplers[p];
        s.value = base[p];
        const parameter& par = parameters[p];
        if (!par.spec.is_random() || (p < held_fixed.size() && held_fixed[p])) continue;
        s.dist = marginal_distribution(par);
        s.location = s.dist.location();
        s.scale = s.dist.scale();
        s.low = s.dist.support_low();
        s.high = s.dist.support_high();
        switch (par.spec.dist) {
            case distribution::uniform:
                s.how = parameter_sampler::method::uniform;
                break;
            case distribution::triangular:
                s.how = parameter_sampler::method::triangular;
                s.mode = s.dist.shape_a();
                break;
            default:
                s.how = parameter_sampler::method::table;
                break;
        }
        is_random[p] = true;
        random.push_back(p);
    }
    // One table per distinct standardised shape, built in parallel (each takes thousands of
    // exact quantile evaluations).
    std::vector<std::pair<std::tuple<int, double, double>, const marginal_distribution*>> todo;
    for (std::size_t p : random) {
        parameter_sampler& s = samplers[p];
        if (s.how != parameter_sampler::method::table) continue;
        const auto key = table_key(static_cast<int>(parameters[p].spec.dist), s.dist);
        if (tables.try_emplace(key).second) todo.emplace_back(key, &s.dist);
    }
    {
        std::vector<std::unique_ptr<quantile_table>> built(todo.size());
        detail::parallel_for(todo.size(), threads, [&](std::size_t i, unsigned) {
            built[i] = std::make_unique<quantile_table>(*todo[i].second);
        });
        for (std::size_t i = 0; i < todo.size(); ++i)
            tables[todo[i].first] = std::move(built[i]);
    }
    for (std::size_t p : random) {
        parameter_sampler& s = samplers[p];
        if (s.how != parameter_sampler::method::table) continue;
        s.table = tables.at(table_key(static_cast<int>(parameters[p].spec.dist), s.dist)).get();
    }
    if (const auto rate = internals(e).discount_rate_parameter()) random_rate = is_random[*rate];
    outcome_owned.assign(parameters.size(), false);
    for (std::size_t p : random) {
        switch (parameters[p].kind) {
            case parameter_kind::outcome_quantity:
            case parameter_kind::outcome_proxy:
            case parameter_kind::outcome_deadweight:
            case parameter_kind::outcome_displacement:
            case parameter_kind::outcome_attribution:
            case parameter_kind::outcome_drop_off:
                outcome_owned[p] = true;
                break;
            default:
                break;
        }
    }

    const auto& table = internals(e).base_discount_factors().for_values;
    horner.resize(internals(e).outcomes().size());
    for (std::size_t o = 0; o < internals(e).outcomes().size(); ++o) {
        const compiled_outcome& c = internals(e).outcomes()[o];
        for (int t = c.last; t >= c.start; --t)
            horner[o].push_back(table[static_cast<std::size_t>(t)]);
    }

    if (!with_correlations) return;
    // Components of the correlation graph among sampled parameters; one Cholesky factor each.
    const model& m = e.model();
    std::vector<std::pair<std::pair<std::size_t, std::size_t>, double>> pairs;
    for (const correlation& c : m.correlations) {
        const auto a = parameters.find(c.first);
        const auto b = parameters.find(c.second);
        if (!a || !b || !is_random[*a] || !is_random[*b] || c.rho == 0.0) continue;
        pairs.push_back({{*a, *b}, c.rho});
    }
    if (pairs.empty()) return;
    std::vector<std::size_t> component(parameters.size());
    for (std::size_t p = 0; p < component.size(); ++p)
        component[p] = p;
    auto find = [&](std::size_t x) {
        while (component[x] != x)
            x = component[x] = component[component[x]];
        return x;
    };
    for (const auto& [ab, rho] : pairs)
        component[find(ab.first)] = find(ab.second);
    std::map<std::size_t, std::vector<std::size_t>> members;
    for (const auto& [ab, rho] : pairs) {
        members[find(ab.first)];
        (void)rho;
    }
    for (std::size_t p = 0; p < parameters.size(); ++p) {
        if (is_random[p] && members.contains(find(p))) correlated.push_back(p);
    }
    for (std::size_t k = 0; k < correlated.size(); ++k) {
        members[find(correlated[k])].push_back(k);
        outcome_owned[correlated[k]] = false;
    }
    for (auto& [root, group] : members) {
        const auto n = static_cast<Eigen::Index>(group.size());
        Eigen::MatrixXd matrix = Eigen::MatrixXd::Identity(n, n);
        for (const auto& [ab, rho] : pairs) {
            if (find(ab.first) != root) continue;
            Eigen::Index i = 0;
            Eigen::Index j = 0;
            for (Eigen::Index k = 0; k < n; ++k) {
                if (correlated[group[static_cast<std::size_t>(k)]] == ab.first) i = k;
                if (correlated[group[static_cast<std::size_t>(k)]] == ab.second) j = k;
            }
            matrix(i, j) = matrix(j, i) = rho;
        }
        const Eigen::LLT<Eigen::MatrixXd> llt(matrix);
        const Eigen::MatrixXd lower = llt.matrixL();
        bool ok = llt.info() == Eigen::Success;
        for (Eigen::Index k = 0; ok && k < n; ++k)
            ok = lower(k, k) > 1e-10;
        if (!ok) {
            std::string names;
            for (std::size_t k : group)
                names += (names.empty() ? "" : ", ") + parameters[correlated[k]].path;
            throw model_error(m.locate("correlations"), "correlations",
                              fmt::format("the correlations among {} cannot hold together: their correlation "
                                          "matrix is not positive definite",
                                          names));
        }
        std::vector<double> factor(static_cast<std::size_t>(n * n));
        for (Eigen::Index i = 0; i < n; ++i) {
            for (Eigen::Index j = 0; j < n; ++j)
                factor[static_cast<std::size_t>(i * n + j)] = lower(i, j);
        }
        copula_groups.push_back(group);
        cholesky.push_back(std::move(factor));
    }
    // The copula needs the standard normal quantile of each correlated parameter's uniform.
    uncertain_number standard_normal(0.0);
    standard_normal.dist = distribution::normal;
    standard_normal.sd = 1.0;
    tables[std::tuple{-1, 0.0, 0.0}] =
        std::make_unique<quantile_table>(marginal_distribution(standard_normal));
}

block_scratch::block_scratch(const block_model& m)
    : values(m.samplers.size()), pv(granule), inputs(granule), tmp(granule), words(granule) {
    for (std::size_t p : m.random)
        values[p].resize(granule);
    if (m.random_rate)
        factors.assign(static_cast<std::size_t>(internals(*m.ev).last_discount_year()) + 1,
                       std::vector<double>(granule));
}

void transform_words(const parameter_sampler& s, const std::uint32_t* words, double* out,
                     simd_level level) noexcept {
#if defined(__x86_64__) && defined(__GNUC__)
    if (s.how == parameter_sampler::method::table && level != simd_level::portable) {
        tail_list tails;
        transform_words(s, words, out, level, tails);
        finish_tails(s, out, tails, level);
        return;
    }
    const bool vectorised =
        s.how == parameter_sampler::method::uniform || s.how == parameter_sampler::method::triangular;
    if (vectorised && level == simd_level::avx512) {
        transform_avx512(s, words, out);
        return;
    }
    if (vectorised && level == simd_level::avx2) {
        transform_avx2(s, words, out);
        return;
    }
#else
    (void)level;
#endif
    switch (s.how) {
        case parameter_sampler::method::fixed:
            for (std::size_t d = 0; d < granule; ++d)
                out[d] = s.value;
            break;
        case parameter_sampler::method::uniform:
            for (std::size_t d = 0; d < granule; ++d)
                out[d] = std::fma(s.scale, to_unit(words[d]), s.location);
            break;
        case parameter_sampler::method::triangular:
            for (std::size_t d = 0; d < granule; ++d) {
                const double u = to_unit(words[d]);
                const double root = std::sqrt(u < s.mode ? u * s.mode : (1.0 - u) * (1.0 - s.mode));
                const double x = u < s.mode ? root : 1.0 - root;
                out[d] = std::fma(s.scale, x, s.location);
            }
            break;
        case parameter_sampler::method::table:
            s.table->fill(words, granule, out);
            for (std::size_t d = 0; d < granule; ++d)
                out[d] = std::clamp(std::fma(s.scale, out[d], s.location), s.low, s.high);
            break;
        case parameter_sampler::method::exact:
            for (std::size_t d = 0; d < granule; ++d)
                out[d] = s.dist.quantile(to_unit(words[d]));
            break;
    }
}

void transform_words(const parameter_sampler& s, const std::uint32_t* words, double* out, simd_level level,
                     tail_list& tails) noexcept {
    tails.count = 0;
#if defined(__x86_64__) && defined(__GNUC__)
    if (s.how == parameter_sampler::method::table && level != simd_level::portable) {
        if (level == simd_level::avx512)
            table_body_avx512(s, words, out, tails);
        else
            table_body_avx2(s, words, out, tails);
        return;
    }
#endif
    transform_words(s, words, out, level);
}

void finish_tails(const parameter_sampler& s, double* out, const tail_list& tails,
                  simd_level level) noexcept {
    if (tails.count == 0) return;
#if defined(__x86_64__) && defined(__GNUC__)
    if (level == simd_level::avx512) {
        finish_tails_avx512(s, out, tails);
        return;
    }
#else
    (void)level;
#endif
    finish_tails_scalar(s, out, tails);
}

void sample_parameter(const block_model& m, std::size_t p, std::uint64_t first, std::uint32_t stream,
                      std::uint64_t seed, block_scratch& s, double* out) {
    philox_granule(first, static_cast<std::uint32_t>(p), stream, seed, s.words.data());
    transform_words(m.samplers[p], s.words.data(), out, best_simd());
}

void sample_parameter(const block_model& m, std::size_t p, std::uint64_t first, std::uint32_t stream,
                      std::uint64_t seed, block_scratch& s, double* out, tail_list& tails) {
    philox_granule(first, static_cast<std::uint32_t>(p), stream, seed, s.words.data());
    transform_words(m.samplers[p], s.words.data(), out, best_simd(), tails);
}

void sample_granule(const block_model& m, std::uint64_t first, std::uint32_t stream, std::uint64_t seed,
                    block_scratch& s, bool all) {
    for (std::size_t p : m.random) {
        if (m.outcome_owned[p] && !all) continue;
        if (std::binary_search(m.correlated.begin(), m.correlated.end(), p)) continue;
        sample_parameter(m, p, first, stream, seed, s, s.values[p].data());
    }
    if (m.copula_groups.empty()) return;
    // Gaussian copula: z = Φ^-1(u) (independent), z' = L z, x = F^-1(Φ(z')).
    const quantile_table& normal = *m.tables.at(std::tuple{-1, 0.0, 0.0});
    std::vector<double> z;
    std::vector<double> correlated_z;
    for (std::size_t g = 0; g < m.copula_groups.size(); ++g) {
        const auto& group = m.copula_groups[g];
        const std::size_t n = group.size();
        const double* lower = m.cholesky[g].data();
        std::vector<std::vector<double>> zs(n, std::vector<double>(granule));
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t p = m.correlated[group[k]];
            philox_granule(first, static_cast<std::uint32_t>(p), stream, seed, s.words.data());
            for (std::size_t d = 0; d < granule; ++d)
                zs[k][d] = normal(s.words[d]);
        }
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t p = m.correlated[group[k]];
            const parameter_sampler& sampler = m.samplers[p];
            for (std::size_t d = 0; d < granule; ++d) {
                double value = 0.0;
                for (std::size_t i = 0; i <= k; ++i)
                    value += lower[k * n + i] * zs[i][d];
                const double u = std::clamp(normal_cdf(value), 0x1.0p-53, 1.0 - 0x1.0p-53);
                if (sampler.how == parameter_sampler::method::table) {
                    // Through the same table as an independent parameter, u rounded to 32 bits like
                    // every other uniform (the exact inversion costs a microsecond for a beta).
                    const auto r = static_cast<std::uint32_t>(std::min(u * 0x1.0p32, 0x1.0p32 - 1.0));
                    s.values[p][d] =
                        std::clamp(std::fma(sampler.scale, (*sampler.table)(r), sampler.location),
                                   sampler.low, sampler.high);
                } else {
                    s.values[p][d] = sampler.dist.quantile(u);
                }
            }
        }
    }
}

namespace {

alignas(64) constexpr std::array<double, granule> zeros{};
constexpr std::array<double, granule> filled(double v) {
    std::array<double, granule> a{};
    for (double& x : a)
        x = v;
    return a;
}
alignas(64) constexpr std::array<double, granule> ones = filled(1.0);

// The fused pass of add_outcome_present_values: the factors in the order outcome_present_values
// applies them, then Horner over the years in (1 - drop-off); n is a multiple of 16.
void outcome_kernel_scalar(std::size_t n, double constant, const double* q, const double* p, const double* dw,
                           const double* ds, const double* at, const double* dr, const double* h,
                           std::size_t years, double* acc) noexcept {
    for (std::size_t d = 0; d < n; ++d) {
        const double v = constant * q[d] * p[d] * (1.0 - dw[d]) * (1.0 - ds[d]) * (1.0 - at[d]);
        const double keep = 1.0 - dr[d];
        double a = h[0];
        for (std::size_t k = 1; k < years; ++k)
            a = a * keep + h[k];
        acc[d] += v * a;
    }
}

#if defined(__x86_64__) && defined(__GNUC__)
// The same operations in the same order, sixteen draws at a time (four independent chains).
__attribute__((target("avx2,fma"))) void outcome_kernel_avx2(std::size_t n, double constant, const double* q,
                                                             const double* p, const double* dw,
                                                             const double* ds, const double* at,
                                                             const double* dr, const double* h,
                                                             std::size_t years, double* acc) noexcept {
    constexpr std::size_t lanes = 4;
    const __m256d one = _mm256_set1_pd(1.0);
    const __m256d c = _mm256_set1_pd(constant);
    for (std::size_t d0 = 0; d0 < n; d0 += 4 * lanes) {
        __m256d v[lanes];
        __m256d keep[lanes];
        __m256d a[lanes];
        for (std::size_t j = 0; j < lanes; ++j) {
            const std::size_t d = d0 + 4 * j;
            __m256d x = _mm256_mul_pd(c, _mm256_loadu_pd(q + d));
            x = _mm256_mul_pd(x, _mm256_loadu_pd(p + d));
            x = _mm256_mul_pd(x, _mm256_sub_pd(one, _mm256_loadu_pd(dw + d)));
            x = _mm256_mul_pd(x, _mm256_sub_pd(one, _mm256_loadu_pd(ds + d)));
            v[j] = _mm256_mul_pd(x, _mm256_sub_pd(one, _mm256_loadu_pd(at + d)));
            keep[j] = _mm256_sub_pd(one, _mm256_loadu_pd(dr + d));
            a[j] = _mm256_set1_pd(h[0]);
        }
        for (std::size_t k = 1; k < years; ++k) {
            const __m256d f = _mm256_set1_pd(h[k]);
            for (std::size_t j = 0; j < lanes; ++j)
                a[j] = _mm256_add_pd(_mm256_mul_pd(a[j], keep[j]), f);
        }
        for (std::size_t j = 0; j < lanes; ++j) {
            double* out = acc + d0 + 4 * j;
            _mm256_storeu_pd(out, _mm256_add_pd(_mm256_loadu_pd(out), _mm256_mul_pd(v[j], a[j])));
        }
    }
}

// The same operations in the same order with AVX-512, 32 draws at a time (four chains of eight);
// n is rounded up to a multiple of 32 (at most granule).
__attribute__((target("avx512f,avx512vl,avx512dq,avx2,fma"))) void outcome_kernel_avx512(
    std::size_t n, double constant, const double* q, const double* p, const double* dw, const double* ds,
    const double* at, const double* dr, const double* h, std::size_t years, double* acc) noexcept {
    constexpr std::size_t lanes = 4;
    const __m512d one = _mm512_set1_pd(1.0);
    const __m512d c = _mm512_set1_pd(constant);
    for (std::size_t d0 = 0; d0 < n; d0 += 8 * lanes) {
        __m512d v[lanes];
        __m512d keep[lanes];
        __m512d a[lanes];
        for (std::size_t j = 0; j < lanes; ++j) {
            const std::size_t d = d0 + 8 * j;
            __m512d x = _mm512_mul_pd(c, _mm512_loadu_pd(q + d));
            x = _mm512_mul_pd(x, _mm512_loadu_pd(p + d));
            x = _mm512_mul_pd(x, _mm512_sub_pd(one, _mm512_loadu_pd(dw + d)));
            x = _mm512_mul_pd(x, _mm512_sub_pd(one, _mm512_loadu_pd(ds + d)));
            v[j] = _mm512_mul_pd(x, _mm512_sub_pd(one, _mm512_loadu_pd(at + d)));
            keep[j] = _mm512_sub_pd(one, _mm512_loadu_pd(dr + d));
            a[j] = _mm512_set1_pd(h[0]);
        }
        for (std::size_t k = 1; k < years; ++k) {
            const __m512d f = _mm512_set1_pd(h[k]);
            for (std::size_t j = 0; j < lanes; ++j)
                a[j] = _mm512_add_pd(_mm512_mul_pd(a[j], keep[j]), f);
        }
        for (std::size_t j = 0; j < lanes; ++j) {
            double* out = acc + d0 + 8 * j;
            _mm512_storeu_pd(out, _mm512_add_pd(_mm512_loadu_pd(out), _mm512_mul_pd(v[j], a[j])));
        }
    }
}
#endif

void outcome_kernel(simd_level level, std::size_t n, double constant, const double* q, const double* p,
                    const double* dw, const double* ds, const double* at, const double* dr, const double* h,
                    std::size_t years, double* acc) noexcept {
#if defined(__x86_64__) && defined(__GNUC__)
    if (level == simd_level::avx512) {
        outcome_kernel_avx512(std::min(granule, (n + 31) / 32 * 32), constant, q, p, dw, ds, at, dr, h, years,
                              acc);
        return;
    }
    if (level == simd_level::avx2) {
        outcome_kernel_avx2(n, constant, q, p, dw, ds, at, dr, h, years, acc);
        return;
    }
#else
    (void)level;
#endif
    outcome_kernel_scalar(n, constant, q, p, dw, ds, at, dr, h, years, acc);
}

}  // namespace

void add_outcome_present_values(const block_model& m, std::size_t o, std::size_t n,
                                const double* const* where, double* acc, simd_level level) noexcept {
    const compiled_outcome& c = internals(*m.ev).outcomes()[o];
    if (c.last < c.start) return;
    double constant = c.proxy_scale;
    auto factor = [&](std::size_t p, bool complement, const double* neutral) {
        if (where[p] != nullptr) return where[p];
        constant *= complement ? 1.0 - m.base[p] : m.base[p];
        return neutral;
    };
    const double* q = factor(c.quantity, false, ones.data());
    const double* p = factor(c.proxy, false, ones.data());
    const double* dw = factor(c.deadweight, true, zeros.data());
    const double* ds = factor(c.displacement, true, zeros.data());
    const double* at = factor(c.attribution, true, zeros.data());
    const std::vector<double>& h = m.horner[o];
    const std::size_t rounded = std::min(granule, (n + 15) / 16 * 16);
    if (where[c.drop_off] != nullptr) {
        outcome_kernel(level, rounded, constant, q, p, dw, ds, at, where[c.drop_off], h.data(), h.size(),
                       acc);
        return;
    }
    const double keep = 1.0 - m.base[c.drop_off];
    double a = 0.0;
    for (double f : h)
        a = a * keep + f;
    outcome_kernel(level, rounded, constant, q, p, dw, ds, at, zeros.data(), &a, 1, acc);
}

void granule_factors(const block_model& m, const std::vector<double>& rate, std::size_t n, block_scratch& s) {
    for (std::size_t d = 0; d < n; ++d) {
        const double v = 1.0 / (1.0 + rate[d]);
        double f = 1.0;
        s.factors[0][d] = 1.0;
        for (std::size_t t = 1; t < s.factors.size(); ++t) {
            f *= v;
            s.factors[t][d] = f;
        }
    }
    (void)m;
}

}  // namespace sroi::detail
