// CPU dispatch of the simulation kernels: which instruction set the sampling and outcome kernels
// use, chosen once at run time. Every level gives the same bits.
#pragma once

namespace sroi::detail {

/// Instruction sets of the sampling kernel: every level gives the same bits.
enum class simd_level { portable, avx2, avx512 };
/// The widest level this processor runs (AVX-512 needs F, VL and DQ; AVX2 needs FMA too), capped
/// by the environment variable SROI_SIMD=avx2 or SROI_SIMD=portable, read once.
simd_level best_simd() noexcept;

}  // namespace sroi::detail
