// Sampling kernels: a granule of uniform words -> values of one parameter's distribution, by
// inversion (closed forms for uniform and triangular, the quantile tables for the rest). Each has
// an AVX-512, an AVX2 and a portable version, chosen at run time (best_simd()); they do the same
// operations in the same order, so they give the same bits (tests/simulation_test.cpp compares
// every level the processor has). The vector table passes mark the words on the tail path and list
// them, up to four per block of 64 words and without branches on where they fall; the list is
// finished after the body pass (AVX-512: eight at a time; AVX2: one by one), in simulate() after
// the body passes of the outcome's other parameters too, so that their memory waits overlap.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include <sroi/model/distributions.hpp>

#include "engine/simulation_philox.hpp"
#include "engine/simulation_quantile_table.hpp"
#include "engine/simulation_simd.hpp"

namespace sroi::detail {

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

}  // namespace sroi::detail
