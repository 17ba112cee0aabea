// CPU dispatch (see simulation_simd.hpp): the processor's features, capped by SROI_SIMD.
#include "engine/simulation_simd.hpp"

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace sroi::detail {

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

}  // namespace sroi::detail
