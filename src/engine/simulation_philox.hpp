// The counter-based generator of the simulation: Philox4x32-10 (Salmon et al. 2011, the Random123
// generator; checked bit for bit against Random123 in tests/simulation_test.cpp), keyed by the
// seed. The uniform for (draw d, parameter j, stream s) is output word k of the counter
// {q, q >> 32, j, s} with q = (d / 256) * 64 + d % 64 and k = (d % 256) / 64: a fixed function of
// the draw and the parameter, so results never depend on how draws are split among threads.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

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

}  // namespace sroi::detail
