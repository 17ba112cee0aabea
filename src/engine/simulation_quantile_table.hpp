// Tabulated quantiles of the simulation's standardised shapes (PERT, beta, normal, lognormal).
//
// The table is piecewise cubic: first on 2,048 equal intervals of u (the body: the interval is the
// top 11 bits of the uniform word, so a value costs one row load and three fused multiply-adds),
// each a Hermite cubic with exact values and slopes at the nodes, checked at its midpoint against
// the exact quantile when the table is built; a body interval off by more than 1e-9 of the shape's
// 5-95% range gets the cubic through the quantile at its four Chebyshev points instead (about
// eight times more accurate), checked at both ends and at its three interior error peaks; if that
// also misses, and for the body's two end intervals, the word takes the tail path: a grid uniform
// within each octave of the tail probability (built for the octaves that such body intervals
// reach), with the exact quantile for a tail interval that misses too and for the extreme tails
// (probability < 2^-20 each side). 1e-9 of the range is some six orders of magnitude below the
// sampling error of a million draws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <sroi/model/distributions.hpp>

#include "engine/simulation_philox.hpp"

namespace sroi::detail {

/// Tabulated quantile of a standardised shape (see the file comment).
class quantile_table {
public:
    static constexpr int body_bits = 11;                ///< 2,048 equal intervals of u in the body
    static constexpr int sub_bits = 7;                  ///< tail table: 128 intervals per octave
    static constexpr int octaves = 19;                  ///< tail probabilities 2^-21 .. 2^-1 each side
    static constexpr std::uint32_t exact_below = 4096;  ///< s < 2^12: exact quantile
    /// A word's body interval is r >> body_shift; its position in it (r & body_mask) * body_t_scale.
    static constexpr int body_shift = 32 - body_bits;
    static constexpr std::uint32_t body_mask = (std::uint32_t{1} << body_shift) - 1;
    static constexpr double body_t_scale = 1.0 / static_cast<double>(std::uint64_t{1} << body_shift);

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

}  // namespace sroi::detail
