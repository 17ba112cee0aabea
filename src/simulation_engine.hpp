// The sampling and block-evaluation kernel shared by simulation and Sobol analysis.
//
// Random numbers: Philox4x32-10 (Salmon et al. 2011, the Random123 generator; the code below is
// checked bit for bit against Random123 in tests/simulation_test.cpp), keyed by the seed. The
// uniform for (draw d, parameter j, stream s) is output word k of the counter
// {q, q >> 32, j, s} with q = (d / 256) * 64 + d % 64 and k = (d % 256) / 64: a fixed function of
// the draw and the parameter, so results never depend on how draws are split among threads.
//
// Marginals are sampled by inversion. Uniform and triangular use their closed forms; PERT, beta,
// normal and lognormal use a tabulated quantile of their standardised shape (quantile_table),
// one table per shape (shapes equal to 40 bits share one). The table is piecewise cubic: first
// on 2,048 equal intervals of u (the body: the interval is the top 11 bits of the uniform word,
// so a value costs one row load and three fused multiply-adds), each a Hermite cubic with exact
// values and slopes at the nodes, checked at its midpoint against the exact quantile when the
// table is built; a body interval off by more than 1e-9 of the shape's 5-95% range gets the cubic
// through the quantile at its four Chebyshev points instead (about eight times more accurate),
// checked at both ends and at its three interior error peaks; if that also misses, and for the
// body's two end intervals, the word takes the tail path: a grid uniform within each octave of the
// tail probability (built for the octaves that such body intervals reach), with the exact quantile
// for a tail interval that misses too and for the extreme tails (probability < 2^-20 each side).
// 1e-9 of the range is some six orders of magnitude below the sampling error of a million draws.
//
// Each kernel (the transforms, the tail path, the outcome pass) has an AVX-512, an AVX2 and a
// portable version, chosen at run time (best_simd()); they do the same operations in the same
// order, so they give the same bits (tests/simulation_test.cpp compares every level the
// processor has). The vector table passes mark the words on the tail path and list them, up to
// four per block of 64 words and without branches on where they fall; the list is finished after
// the body pass (AVX-512: eight at a time; AVX2: one by one), in simulate() after the body passes
// of the outcome's other parameters too, so that their memory waits overlap.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include <sroi/distributions.hpp>
#include <sroi/evaluate.hpp>

#include "evaluator_internals.hpp"

// Function multi-versioning for the widest vectors the processor has: GCC and clang emit an ifunc
// whose resolver picks a clone when the program is loaded. Under ThreadSanitizer (CMake option
// SROI_SANITIZE_THREAD defines SROI_NO_IFUNC) that resolver runs before the TSan runtime is
// initialised and crashes, so the functions are then compiled once, portable (same results: the
// clones differ only in instruction set); the kernels best_simd() picks at run time are unaffected.
#if defined(SROI_NO_IFUNC) || !(defined(__x86_64__) && defined(__GNUC__))
#define SROI_TARGET_CLONES
#else
#define SROI_TARGET_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#endif

namespace sroi::detail {

/// Draws are generated in granules of this many (the counter layout repeats every granule).
inline constexpr std::size_t granule = 256;

/// Philox4x32-10 outputs for one parameter over draws [first, first + granule), first a multiple
/// of `granule`: out[w] is the 32-bit uniform of draw first + w.
void philox_granule(std::uint64_t first, std::uint32_t parameter, std::uint32_t stream, std::uint64_t seed,
                    std::uint32_t* out) noexcept;

/// Reference Philox4x32-10 of one counter (for tests).
std::array<std::uint32_t, 4> philox_block(std::array<std::uint32_t, 4> counter,
                                          std::array<std::uint32_t, 2> key) noexcept;

/// 32-bit uniform word -> u in (0, 1): (r + 0.5) / 2^32.
inline double to_unit(std::uint32_t r) noexcept {
    return static_cast<double>(static_cast<std::int32_t>(r ^ 0x80000000U)) * 0x1.0p-32 +
           (0.5 + 0.5 * 0x1.0p-32);
}

/// Tabulated quantile of a standardised shape (see the file comment).
class quantile_table {
public:
    static constexpr int body_bits = 11;                ///< 2,048 equal intervals of u in the body
    static constexpr int sub_bits = 7;                  ///< tail table: 128 intervals per octave
    static constexpr int octaves = 19;                  ///< tail probabilities 2^-21 .. 2^-1 each side
    static constexpr std::uint32_t exact_below = 4096;  ///< s < 2^12: exact quantile

    explicit quantile_table(const marginal_distribution& d);
    quantile_table(const quantile_table&) = delete;
    quantile_table& operator=(const quantile_table&) = delete;
    /// Standardised quantile of the uniform word r.
    [[nodiscard]] double operator()(std::uint32_t r) const noexcept;
    /// Standardised quantiles of n uniform words (the portable path, word by word).
    void fill(const std::uint32_t* words, std::size_t n, double* out) const noexcept;
    /// The tail path (for words whose body interval is marked): tail table, else exact.
    [[nodiscard]] double tail(std::uint32_t r) const noexcept;
    /// The exact standardised quantile of the uniform word r (the slow path).
    [[nodiscard]] double exact(std::uint32_t r) const noexcept { return dist_.standard_quantile(to_unit(r)); }
    /// Body coefficients, 4 per interval, 32-byte aligned; NaN marks an interval on the tail path.
    [[nodiscard]] const double* coefficients() const noexcept { return body_; }
    /// Tail-table coefficients, 4 per interval (lower tail, then upper), 32-byte aligned.
    [[nodiscard]] const double* tail_coefficients() const noexcept { return tail_; }
    /// Body intervals on the tail path (at least the two end ones).
    [[nodiscard]] std::size_t tail_intervals() const noexcept { return tail_intervals_; }
    /// Tail-table intervals that fall back to the exact quantile.
    [[nodiscard]] std::size_t exact_intervals() const noexcept { return exact_intervals_; }

private:
    marginal_distribution dist_;
    std::vector<double> storage_;
    double* body_ = nullptr;  // 4 per interval (32-byte aligned)
    double* tail_ = nullptr;  // 4 per interval: lower tail, then upper tail
    std::size_t tail_intervals_ = 0;
    std::size_t exact_intervals_ = 0;
};

/// Instruction sets of the sampling kernel: every level gives the same bits.
enum class simd_level { portable, avx2, avx512 };
/// The widest level this processor runs (AVX-512 needs F, VL and DQ; AVX2 needs FMA too), capped
/// by the environment variable SROI_SIMD=avx2 or SROI_SIMD=portable, read once.
simd_level best_simd() noexcept;

struct parameter_sampler;
/// Turns a granule of uniform words into values of a sampler's distribution, with the
/// instructions of `level` (at most best_simd()).
void transform_words(const parameter_sampler& s, const std::uint32_t* words, double* out,
                     simd_level level) noexcept;

/// Words of a granule left for the tail path of a tabulated sampler (vector levels only).
struct tail_list {
    static constexpr std::size_t per_block = 4;  ///< listed per block of 64 words; more go the slow way
    static constexpr std::size_t capacity = granule / 64 * per_block;  ///< a multiple of eight
    std::size_t count = 0;
    std::array<std::uint32_t, capacity> at{};    ///< positions in the granule
    std::array<std::uint32_t, capacity> word{};  ///< their uniform words
};
/// transform_words() in two steps, so that the tail paths of several parameters can run together
/// (they then wait on memory at the same time, not one after another): the values, except that
/// words on the tail path may be left in `tails`; then finish_tails() completes them. Both give
/// the same bits as transform_words().
void transform_words(const parameter_sampler& s, const std::uint32_t* words, double* out, simd_level level,
                     tail_list& tails) noexcept;
void finish_tails(const parameter_sampler& s, double* out, const tail_list& tails, simd_level level) noexcept;

/// How one parameter's values are produced.
struct parameter_sampler {
    enum class method { fixed, uniform, triangular, table, exact };
    method how = method::fixed;
    double value = 0.0;  ///< fixed value
    double location = 0.0;
    double scale = 0.0;
    double mode = 0.0;  ///< triangular mode on [0, 1]
    double low = 0.0;   ///< support (values are clamped to it)
    double high = 0.0;
    const quantile_table* table = nullptr;
    marginal_distribution dist;
};

/// A model compiled for block evaluation.
struct block_model {
    const evaluator* ev = nullptr;
    std::vector<double> base;                 ///< values of parameters that are not sampled
    std::vector<parameter_sampler> samplers;  ///< one per parameter
    std::vector<std::size_t> random;          ///< positions of sampled parameters
    std::vector<bool> is_random;              ///< per parameter
    std::vector<bool> outcome_owned;          ///< sampled, owned by one outcome, not in a copula
    std::vector<std::vector<double>> horner;  ///< per outcome: factors of its years, last first
    std::vector<std::size_t> correlated;      ///< sampled parameters in a copula, in parameter order
    std::vector<std::vector<std::size_t>> copula_groups;  ///< indices into `correlated`, per component
    std::vector<std::vector<double>> cholesky;            ///< per component: lower factor, row major
    bool random_rate = false;
    std::map<std::tuple<int, double, double>, std::unique_ptr<quantile_table>> tables;

    /// Compiles `ev` with `base` for the parameters that are not sampled; parameters in
    /// `held_fixed` are not sampled either. Throws model_error for a correlation matrix that is
    /// not positive definite. Quantile tables are built on `threads` threads (0: one per hardware
    /// thread; see parallel_for).
    block_model(const evaluator& ev, std::vector<double> base, const std::vector<bool>& held_fixed,
                bool with_correlations, unsigned threads = 0);
};

/// Per-thread scratch for one granule of draws.
struct block_scratch {
    explicit block_scratch(const block_model& m);
    std::vector<std::vector<double>> values;   ///< [parameter][draw]; sampled parameters only
    std::vector<double> pv;                    ///< outcomes' present value per draw
    std::vector<double> inputs;                ///< inputs' present value per draw
    std::vector<std::vector<double>> factors;  ///< [year][draw] discount factors (random rate only)
    std::vector<double> tmp;
    std::vector<std::uint32_t> words;
};

/// Samples parameter p (not in a copula) for draws [first, first + granule) of `stream` into out.
void sample_parameter(const block_model& m, std::size_t p, std::uint64_t first, std::uint32_t stream,
                      std::uint64_t seed, block_scratch& s, double* out);
/// sample_parameter() that may leave words on the tail path in `tails` (see transform_words()).
void sample_parameter(const block_model& m, std::size_t p, std::uint64_t first, std::uint32_t stream,
                      std::uint64_t seed, block_scratch& s, double* out, tail_list& tails);
/// Samples into s.values every sampled parameter that is shared (not owned by one outcome) or in a
/// copula, or, with `all`, every sampled parameter.
void sample_granule(const block_model& m, std::uint64_t first, std::uint32_t stream, std::uint64_t seed,
                    block_scratch& s, bool all);

/// Discount factor table of the granule (only when the rate is sampled): s.factors[t][d] = DF(t).
void granule_factors(const block_model& m, const std::vector<double>& rate, std::size_t n, block_scratch& s);

/// Present value of outcome `o` for n draws, its parameter values read through `value(p)`
/// (a pointer to n values, or nullptr for a parameter held at its base value).
template <typename ValueOf>
void outcome_present_values(const block_model& m, std::size_t o, std::size_t n, const ValueOf& value_of,
                            const block_scratch& s, double* out) noexcept;

/// Adds outcome `o`'s present value for draws [0, n) to acc[d], its parameter values read from
/// where[p] (n values, or nullptr for a parameter held at its base value). Gives the same bits as
/// outcome_present_values followed by the addition, in one vectorised pass; needs a discount rate
/// that is not sampled. May also write acc[d] for d in [n, granule). Every `level` (at most
/// best_simd()) gives the same bits.
void add_outcome_present_values(const block_model& m, std::size_t o, std::size_t n,
                                const double* const* where, double* acc,
                                simd_level level = best_simd()) noexcept;

/// Input present values summed, same conventions.
template <typename ValueOf>
void input_present_values(const block_model& m, std::size_t n, const ValueOf& value_of,
                          const block_scratch& s, double* out) noexcept;

// ---- template definitions -------------------------------------------------------------------

template <typename ValueOf>
void outcome_present_values(const block_model& m, std::size_t o, std::size_t n, const ValueOf& value_of,
                            const block_scratch& s, double* out) noexcept {
    const compiled_outcome& c = internals(*m.ev).outcomes()[o];
    if (c.last < c.start) {
        for (std::size_t d = 0; d < n; ++d)
            out[d] = 0.0;
        return;
    }
    const double* q = value_of(c.quantity);
    const double* p = value_of(c.proxy);
    const double* dw = value_of(c.deadweight);
    const double* ds = value_of(c.displacement);
    const double* at = value_of(c.attribution);
    const double* dr = value_of(c.drop_off);
    // Fixed factors folded into one constant.
    double constant = c.proxy_scale;
    if (q == nullptr) constant *= m.base[c.quantity];
    if (p == nullptr) constant *= m.base[c.proxy];
    if (dw == nullptr) constant *= 1.0 - m.base[c.deadweight];
    if (ds == nullptr) constant *= 1.0 - m.base[c.displacement];
    if (at == nullptr) constant *= 1.0 - m.base[c.attribution];
    for (std::size_t d = 0; d < n; ++d)
        out[d] = constant;
    if (q != nullptr)
        for (std::size_t d = 0; d < n; ++d)
            out[d] *= q[d];
    if (p != nullptr)
        for (std::size_t d = 0; d < n; ++d)
            out[d] *= p[d];
    if (dw != nullptr)
        for (std::size_t d = 0; d < n; ++d)
            out[d] *= 1.0 - dw[d];
    if (ds != nullptr)
        for (std::size_t d = 0; d < n; ++d)
            out[d] *= 1.0 - ds[d];
    if (at != nullptr)
        for (std::size_t d = 0; d < n; ++d)
            out[d] *= 1.0 - at[d];
    // Annuity: sum over k of (1 - DO)^k F(S + k), by Horner in (1 - DO).
    const std::vector<double>& h = m.horner[o];
    if (!m.random_rate) {
        if (dr == nullptr) {
            const double keep = 1.0 - m.base[c.drop_off];
            double a = 0.0;
            for (double f : h)
                a = a * keep + f;
            for (std::size_t d = 0; d < n; ++d)
                out[d] *= a;
        } else {
            // Horner across the granule, one year at a time, so the loops vectorise.
            alignas(64) double keep[granule];
            alignas(64) double a[granule];
            for (std::size_t d = 0; d < n; ++d) {
                keep[d] = 1.0 - dr[d];
                a[d] = h[0];
            }
            for (std::size_t k = 1; k < h.size(); ++k) {
                const double f = h[k];
                for (std::size_t d = 0; d < n; ++d)
                    a[d] = a[d] * keep[d] + f;
            }
            for (std::size_t d = 0; d < n; ++d)
                out[d] *= a[d];
        }
        return;
    }
    const bool start_of_year = m.ev->model().discount.timing == discount_timing::start_of_year;
    for (std::size_t d = 0; d < n; ++d) {
        const double keep = 1.0 - (dr == nullptr ? m.base[c.drop_off] : dr[d]);
        double a = 0.0;
        for (int t = c.last; t >= c.start; --t) {
            a = a * keep + s.factors[static_cast<std::size_t>(start_of_year ? t - 1 : t)][d];
        }
        out[d] *= a;
    }
}

template <typename ValueOf>
void input_present_values(const block_model& m, std::size_t n, const ValueOf& value_of,
                          const block_scratch& s, double* out) noexcept {
    for (std::size_t d = 0; d < n; ++d)
        out[d] = 0.0;
    const auto& inputs = internals(*m.ev).inputs();
    const auto& by_year = internals(*m.ev).base_discount_factors().by_year;
    for (const compiled_input& c : inputs) {
        const auto y = static_cast<std::size_t>(c.year);
        auto get = [&](std::size_t p, std::size_t d) {
            const double* v = value_of(p);
            return v == nullptr ? m.base[p] : v[d];
        };
        for (std::size_t d = 0; d < n; ++d) {
            const double value = c.amount ? get(*c.amount, d) : get(*c.quantity, d) * get(*c.unit_cost, d);
            out[d] += value * (m.random_rate ? s.factors[y][d] : by_year[y]);
        }
    }
}

}  // namespace sroi::detail
