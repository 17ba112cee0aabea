// The fused outcome pass (see simulation_outcome.hpp): portable, and one written body
// (simulation_outcome_kernel.inl) compiled for AVX2 and for AVX-512.
#include "engine/simulation_outcome.hpp"

#include <algorithm>
#include <array>

#include "engine/simulation_vector.hpp"

namespace sroi::detail {

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

}  // namespace

#if SROI_VECTOR_KERNELS
SROI_AVX2_BEGIN
namespace avx2 {
#include "engine/simulation_outcome_kernel.inl"
}  // namespace avx2
SROI_AVX2_END

SROI_AVX512_BEGIN
namespace avx512 {
#include "engine/simulation_outcome_kernel.inl"
}  // namespace avx512
SROI_AVX512_END
#endif

namespace {

void outcome_kernel(simd_level level, std::size_t n, double constant, const double* q, const double* p,
                    const double* dw, const double* ds, const double* at, const double* dr, const double* h,
                    std::size_t years, double* acc) noexcept {
#if SROI_VECTOR_KERNELS
    if (level == simd_level::avx512) {
        // n (a multiple of 16) rounded up to whole blocks of 32; scratch rows hold a full granule.
        avx512::outcome_kernel(std::min(granule, (n + 31) / 32 * 32), constant, q, p, dw, ds, at, dr, h,
                               years, acc);
        return;
    }
    if (level == simd_level::avx2) {
        avx2::outcome_kernel(n, constant, q, p, dw, ds, at, dr, h, years, acc);
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

}  // namespace sroi::detail
