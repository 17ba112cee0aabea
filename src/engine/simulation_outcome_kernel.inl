// The fused outcome pass, written once over `ops` (simulation_vector.hpp) and included by
// simulation_outcome.cpp in namespace avx2 and in namespace avx512, each compiled for its
// instruction set. Not a header of its own: it has no include guard on purpose.

// The operations of outcome_kernel_scalar in the same order, 4 x ops::width draws at a time (four
// independent chains); n is a multiple of 4 x ops::width.
inline void outcome_kernel(std::size_t n, double constant, const double* q, const double* p, const double* dw,
                           const double* ds, const double* at, const double* dr, const double* h,
                           std::size_t years, double* acc) noexcept {
    constexpr std::size_t chains = 4;
    constexpr std::size_t w = ops::width;
    const ops::vec one = ops::set1(1.0);
    const ops::vec c = ops::set1(constant);
    for (std::size_t d0 = 0; d0 < n; d0 += w * chains) {
        ops::vec v[chains];
        ops::vec keep[chains];
        ops::vec a[chains];
        for (std::size_t j = 0; j < chains; ++j) {
            const std::size_t d = d0 + w * j;
            ops::vec x = ops::mul(c, ops::load(q + d));
            x = ops::mul(x, ops::load(p + d));
            x = ops::mul(x, ops::sub(one, ops::load(dw + d)));
            x = ops::mul(x, ops::sub(one, ops::load(ds + d)));
            v[j] = ops::mul(x, ops::sub(one, ops::load(at + d)));
            keep[j] = ops::sub(one, ops::load(dr + d));
            a[j] = ops::set1(h[0]);
        }
        for (std::size_t k = 1; k < years; ++k) {
            const ops::vec f = ops::set1(h[k]);
            for (std::size_t j = 0; j < chains; ++j)
                a[j] = ops::add(ops::mul(a[j], keep[j]), f);
        }
        for (std::size_t j = 0; j < chains; ++j) {
            double* out = acc + d0 + w * j;
            ops::store(out, ops::add(ops::load(out), ops::mul(v[j], a[j])));
        }
    }
}
