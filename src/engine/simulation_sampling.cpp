// The sampling kernels (see simulation_sampling.hpp): the portable transforms, the tail list that
// the vector body passes fill, the vector kernels (one written body, simulation_sampling_kernels.inl,
// compiled for AVX2 and for AVX-512) and the run-time choice among them.
#include "engine/simulation_sampling.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "engine/simulation_vector.hpp"

namespace sroi::detail {

namespace {

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

}  // namespace

#if SROI_VECTOR_KERNELS
SROI_AVX2_BEGIN
namespace avx2 {
#include "engine/simulation_sampling_kernels.inl"
}  // namespace avx2
SROI_AVX2_END

SROI_AVX512_BEGIN
namespace avx512 {
#include "engine/simulation_sampling_kernels.inl"

// Word that an unused lane of the tail pass evaluates: u = 1/4, the tail table's first
// row (always the same row, so it stays in cache).
constexpr std::uint32_t spare_word = 0x40000000U;

// The tail pass is written for AVX-512 only, not over `ops`: it relies on the unsigned 64-bit
// minimum, mask registers and a scatter, which AVX2 does not have; AVX2 finishes the list one
// word at a time (finish_tails_scalar).
//
// Eight words' tail-table values (NaN for a failed interval): the same operations as the scalar
// tail-table evaluation (no FMA), so the same bits.
SROI_ALWAYS_INLINE __m512d tail_lanes(const double* tail, __m256i r) noexcept {
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
    const auto [c0, c1, c2, c3] =
        ops::columns(ops::row_pair(tail, at[0], at[1]), ops::row_pair(tail, at[2], at[3]),
                     ops::row_pair(tail, at[4], at[5]), ops::row_pair(tail, at[6], at[7]));
    return _mm512_add_pd(
        c0, _mm512_mul_pd(t, _mm512_add_pd(c1, _mm512_mul_pd(t, _mm512_add_pd(c2, _mm512_mul_pd(t, c3))))));
}

// The tail pass of the table transform with AVX-512: the listed words eight at a time (lanes
// past the list's end evaluate spare_word and store nothing); words that need the exact quantile
// the slow way.
void finish_tails(const parameter_sampler& p, double* out, const tail_list& tails) noexcept {
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
        const __m512d v = tail_lanes(table.tail_coefficients(), r);
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

}  // namespace avx512
SROI_AVX512_END
#endif

void transform_words(const parameter_sampler& s, const std::uint32_t* words, double* out,
                     simd_level level) noexcept {
#if SROI_VECTOR_KERNELS
    if (s.how == parameter_sampler::method::table && level != simd_level::portable) {
        tail_list tails;
        transform_words(s, words, out, level, tails);
        finish_tails(s, out, tails, level);
        return;
    }
    const bool vectorised =
        s.how == parameter_sampler::method::uniform || s.how == parameter_sampler::method::triangular;
    if (vectorised && level == simd_level::avx512) {
        avx512::transform_closed_form(s, words, out);
        return;
    }
    if (vectorised && level == simd_level::avx2) {
        avx2::transform_closed_form(s, words, out);
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
#if SROI_VECTOR_KERNELS
    if (s.how == parameter_sampler::method::table && level != simd_level::portable) {
        if (level == simd_level::avx512)
            avx512::table_body(s, words, out, tails);
        else
            avx2::table_body(s, words, out, tails);
        return;
    }
#endif
    transform_words(s, words, out, level);
}

void finish_tails(const parameter_sampler& s, double* out, const tail_list& tails,
                  simd_level level) noexcept {
    if (tails.count == 0) return;
#if SROI_VECTOR_KERNELS
    if (level == simd_level::avx512) {
        avx512::finish_tails(s, out, tails);
        return;
    }
#else
    (void)level;
#endif
    finish_tails_scalar(s, out, tails);
}

}  // namespace sroi::detail
