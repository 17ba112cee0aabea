// The cost floor of a simulation, for the benchmarks and tests: drawing the uniforms alone.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sroi::detail {

/// Draws the uniforms a simulation of `draws` draws of `parameters` sampled parameters needs
/// (same generator and counter layout, same threading) and returns their sum, doing nothing else
/// with them.
[[nodiscard]] double draw_uniforms(std::size_t draws, std::size_t parameters, std::uint64_t seed,
                                   unsigned threads = 0);

}  // namespace sroi::detail
