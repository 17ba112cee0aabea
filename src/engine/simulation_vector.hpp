// The vector operations that the simulation's kernels are written in, once per instruction set:
// `avx2::ops` (four doubles a vector) and `avx512::ops` (eight). A kernel is written once, in a
// .inl file that names only `ops`, and that file is included in each namespace between
// SROI_AVX2_BEGIN/SROI_AVX2_END and SROI_AVX512_BEGIN/SROI_AVX512_END, which compile what they
// enclose for that instruction set (GCC's target pragma, clang's attribute push): one written
// body per instruction set, as simdjson does. (A plain template over the operations does not
// compile: its instantiation would be code for the default target calling AVX intrinsics, which
// neither compiler inlines.)
//
// Each operation is the one instruction its name says, so both sets do the same arithmetic in the
// same order and give the same bits as the portable code (which uses std::fma where they use FMA).
#pragma once

#if defined(__x86_64__) && defined(__GNUC__)
#define SROI_VECTOR_KERNELS 1

#include <cstddef>
#include <cstdint>

#include <immintrin.h>

#include "engine/simulation_quantile_table.hpp"

#define SROI_ALWAYS_INLINE __attribute__((always_inline)) inline
#if defined(__clang__)
#define SROI_AVX2_BEGIN \
    _Pragma("clang attribute push(__attribute__((target(\"avx2,fma,bmi\"))), apply_to = function)")
#define SROI_AVX2_END _Pragma("clang attribute pop")
#define SROI_AVX512_BEGIN \
    _Pragma(              \
        "clang attribute push(__attribute__((target(\"avx512f,avx512vl,avx512dq,avx2,fma,bmi,popcnt\"))), \
apply_to = function)")
#define SROI_AVX512_END _Pragma("clang attribute pop")
#else
#define SROI_AVX2_BEGIN _Pragma("GCC push_options") _Pragma("GCC target(\"avx2,fma,bmi\")")
#define SROI_AVX2_END _Pragma("GCC pop_options")
// GCC 12's AVX-512 intrinsics build their "undefined" operands from self-initialised variables,
// which -Wuninitialized reports once they are inlined deep enough (a false positive).
#define SROI_AVX512_BEGIN                                                                                \
    _Pragma("GCC push_options") _Pragma("GCC target(\"avx512f,avx512vl,avx512dq,avx2,fma,bmi,popcnt\")") \
        _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wuninitialized\"")
#define SROI_AVX512_END _Pragma("GCC diagnostic pop") _Pragma("GCC pop_options")
#endif

SROI_AVX2_BEGIN
namespace sroi::detail::avx2 {

struct ops {
    using vec = __m256d;
    using mask = __m256d;  // all ones where true
    static constexpr std::size_t width = 4;

    static SROI_ALWAYS_INLINE vec set1(double x) noexcept { return _mm256_set1_pd(x); }
    static SROI_ALWAYS_INLINE vec load(const double* p) noexcept { return _mm256_loadu_pd(p); }
    static SROI_ALWAYS_INLINE void store(double* p, vec v) noexcept { _mm256_storeu_pd(p, v); }
    static SROI_ALWAYS_INLINE vec add(vec a, vec b) noexcept { return _mm256_add_pd(a, b); }
    static SROI_ALWAYS_INLINE vec sub(vec a, vec b) noexcept { return _mm256_sub_pd(a, b); }
    static SROI_ALWAYS_INLINE vec mul(vec a, vec b) noexcept { return _mm256_mul_pd(a, b); }
    /// a * b + c, rounded once.
    static SROI_ALWAYS_INLINE vec fmadd(vec a, vec b, vec c) noexcept { return _mm256_fmadd_pd(a, b, c); }
    /// The instructions' own min and max: the second operand where either is NaN.
    static SROI_ALWAYS_INLINE vec min(vec a, vec b) noexcept { return _mm256_min_pd(a, b); }
    static SROI_ALWAYS_INLINE vec max(vec a, vec b) noexcept { return _mm256_max_pd(a, b); }
    static SROI_ALWAYS_INLINE vec sqrt(vec a) noexcept { return _mm256_sqrt_pd(a); }
    static SROI_ALWAYS_INLINE mask less(vec a, vec b) noexcept { return _mm256_cmp_pd(a, b, _CMP_LT_OQ); }
    static SROI_ALWAYS_INLINE vec select(mask m, vec if_true, vec if_false) noexcept {
        return _mm256_blendv_pd(if_false, if_true, m);
    }
    /// Bit k set where lane k is NaN.
    static SROI_ALWAYS_INLINE std::uint64_t nan_bits(vec v) noexcept {
        return static_cast<std::uint64_t>(_mm256_movemask_pd(_mm256_cmp_pd(v, v, _CMP_UNORD_Q)));
    }
    /// u = (r + 0.5) / 2^32 of the next `width` words, exactly as to_unit().
    static SROI_ALWAYS_INLINE vec unit(const std::uint32_t* w) noexcept {
        const __m128i r = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w));
        const __m128i flipped = _mm_xor_si128(r, _mm_set1_epi32(static_cast<int>(0x80000000U)));
        return _mm256_add_pd(_mm256_mul_pd(_mm256_cvtepi32_pd(flipped), _mm256_set1_pd(0x1.0p-32)),
                             _mm256_set1_pd(0.5 + 0.5 * 0x1.0p-32));
    }
    /// Body values of the next `width` words (NaN where the tail path is needed): the operations
    /// of the portable body evaluation, with FMA. Each word's row (32 bytes) is loaded, and the
    /// four rows transposed so that lane k holds word k's coefficients.
    static SROI_ALWAYS_INLINE vec body(const double* coefficients, const std::uint32_t* w) noexcept {
        const __m128i r = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w));
        const __m128i low_bits =
            _mm_and_si128(r, _mm_set1_epi32(static_cast<int>(quantile_table::body_mask)));
        const __m256d t =
            _mm256_fmadd_pd(_mm256_cvtepi32_pd(low_bits), _mm256_set1_pd(quantile_table::body_t_scale),
                            _mm256_set1_pd(0.5 * quantile_table::body_t_scale));
        const __m256d v0 = _mm256_load_pd(coefficients + row(w[0]));
        const __m256d v1 = _mm256_load_pd(coefficients + row(w[1]));
        const __m256d v2 = _mm256_load_pd(coefficients + row(w[2]));
        const __m256d v3 = _mm256_load_pd(coefficients + row(w[3]));
        const __m256d t0 = _mm256_unpacklo_pd(v0, v1);
        const __m256d t1 = _mm256_unpackhi_pd(v0, v1);
        const __m256d t2 = _mm256_unpacklo_pd(v2, v3);
        const __m256d t3 = _mm256_unpackhi_pd(v2, v3);
        const __m256d c0 = _mm256_permute2f128_pd(t0, t2, 0x20);
        const __m256d c1 = _mm256_permute2f128_pd(t1, t3, 0x20);
        const __m256d c2 = _mm256_permute2f128_pd(t0, t2, 0x31);
        const __m256d c3 = _mm256_permute2f128_pd(t1, t3, 0x31);
        return _mm256_fmadd_pd(_mm256_fmadd_pd(_mm256_fmadd_pd(c3, t, c2), t, c1), t, c0);
    }
    /// Offset (in doubles) of the body row of word r.
    static SROI_ALWAYS_INLINE std::size_t row(std::uint32_t r) noexcept {
        return static_cast<std::size_t>(r >> quantile_table::body_shift) * 4;
    }
};

}  // namespace sroi::detail::avx2
SROI_AVX2_END

SROI_AVX512_BEGIN
namespace sroi::detail::avx512 {

struct ops {
    using vec = __m512d;
    using mask = __mmask8;
    static constexpr std::size_t width = 8;

    static SROI_ALWAYS_INLINE vec set1(double x) noexcept { return _mm512_set1_pd(x); }
    static SROI_ALWAYS_INLINE vec load(const double* p) noexcept { return _mm512_loadu_pd(p); }
    static SROI_ALWAYS_INLINE void store(double* p, vec v) noexcept { _mm512_storeu_pd(p, v); }
    static SROI_ALWAYS_INLINE vec add(vec a, vec b) noexcept { return _mm512_add_pd(a, b); }
    static SROI_ALWAYS_INLINE vec sub(vec a, vec b) noexcept { return _mm512_sub_pd(a, b); }
    static SROI_ALWAYS_INLINE vec mul(vec a, vec b) noexcept { return _mm512_mul_pd(a, b); }
    static SROI_ALWAYS_INLINE vec fmadd(vec a, vec b, vec c) noexcept { return _mm512_fmadd_pd(a, b, c); }
    static SROI_ALWAYS_INLINE vec min(vec a, vec b) noexcept { return _mm512_min_pd(a, b); }
    static SROI_ALWAYS_INLINE vec max(vec a, vec b) noexcept { return _mm512_max_pd(a, b); }
    static SROI_ALWAYS_INLINE vec sqrt(vec a) noexcept { return _mm512_sqrt_pd(a); }
    static SROI_ALWAYS_INLINE mask less(vec a, vec b) noexcept {
        return _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ);
    }
    static SROI_ALWAYS_INLINE vec select(mask m, vec if_true, vec if_false) noexcept {
        return _mm512_mask_blend_pd(m, if_false, if_true);
    }
    static SROI_ALWAYS_INLINE std::uint64_t nan_bits(vec v) noexcept {
        return static_cast<std::uint64_t>(_mm512_cmp_pd_mask(v, v, _CMP_UNORD_Q));
    }
    static SROI_ALWAYS_INLINE vec unit(const std::uint32_t* w) noexcept {
        const __m256i r = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w));
        const __m256i flipped = _mm256_xor_si256(r, _mm256_set1_epi32(static_cast<int>(0x80000000U)));
        return _mm512_add_pd(_mm512_mul_pd(_mm512_cvtepi32_pd(flipped), _mm512_set1_pd(0x1.0p-32)),
                             _mm512_set1_pd(0.5 + 0.5 * 0x1.0p-32));
    }
    /// Two rows of coefficients (at the given offsets, in doubles) in one register.
    static SROI_ALWAYS_INLINE vec row_pair(const double* coefficients, std::size_t first,
                                           std::size_t second) noexcept {
        return _mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_load_pd(coefficients + first)),
                                  _mm256_load_pd(coefficients + second), 1);
    }
    /// The four coefficients of eight rows (two per register) as columns c0..c3.
    struct columns_of {
        vec c0, c1, c2, c3;
    };
    static SROI_ALWAYS_INLINE columns_of columns(vec a, vec b, vec c, vec d) noexcept {
        // In-lane unpacks first: low_ab = [0.c0 2.c0 0.c2 2.c2 1.c0 3.c0 1.c2 3.c2] (row.column),
        // high_ab the same for c1 and c3; then one two-source permute per column.
        const __m512d low_ab = _mm512_unpacklo_pd(a, b);
        const __m512d high_ab = _mm512_unpackhi_pd(a, b);
        const __m512d low_cd = _mm512_unpacklo_pd(c, d);
        const __m512d high_cd = _mm512_unpackhi_pd(c, d);
        const __m512i first = _mm512_setr_epi64(0, 4, 1, 5, 8, 12, 9, 13);
        const __m512i second = _mm512_setr_epi64(2, 6, 3, 7, 10, 14, 11, 15);
        return {
            _mm512_permutex2var_pd(low_ab, first, low_cd), _mm512_permutex2var_pd(high_ab, first, high_cd),
            _mm512_permutex2var_pd(low_ab, second, low_cd), _mm512_permutex2var_pd(high_ab, second, high_cd)};
    }
    static SROI_ALWAYS_INLINE std::size_t row(std::uint32_t r) noexcept {
        return static_cast<std::size_t>(r >> quantile_table::body_shift) * 4;
    }
    static SROI_ALWAYS_INLINE vec body(const double* coefficients, const std::uint32_t* w) noexcept {
        const __m256i r = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w));
        const __m256i low_bits =
            _mm256_and_si256(r, _mm256_set1_epi32(static_cast<int>(quantile_table::body_mask)));
        const __m512d t =
            _mm512_fmadd_pd(_mm512_cvtepi32_pd(low_bits), _mm512_set1_pd(quantile_table::body_t_scale),
                            _mm512_set1_pd(0.5 * quantile_table::body_t_scale));
        const auto [c0, c1, c2, c3] = columns(
            row_pair(coefficients, row(w[0]), row(w[1])), row_pair(coefficients, row(w[2]), row(w[3])),
            row_pair(coefficients, row(w[4]), row(w[5])), row_pair(coefficients, row(w[6]), row(w[7])));
        return _mm512_fmadd_pd(_mm512_fmadd_pd(_mm512_fmadd_pd(c3, t, c2), t, c1), t, c0);
    }
};

}  // namespace sroi::detail::avx512
SROI_AVX512_END

#endif
