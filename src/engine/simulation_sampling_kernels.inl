// The vector sampling kernels, written once over `ops` (simulation_vector.hpp) and included by
// simulation_sampling.cpp in namespace avx2 and in namespace avx512, each compiled for its
// instruction set. Not a header of its own: it has no include guard on purpose.

// The body pass of the table transform: body values with location, scale and support; NaN (the
// tail path) passes through max and min (their second operand), and the words that need the tail
// path are marked, one bit per word in each block of 64, and listed in `tails`.
inline void table_body(const parameter_sampler& p, const std::uint32_t* words, double* out,
                       tail_list& tails) noexcept {
    std::uint64_t marks[granule / 64];
    const ops::vec location = ops::set1(p.location);
    const ops::vec scale = ops::set1(p.scale);
    const ops::vec low = ops::set1(p.low);
    const ops::vec high = ops::set1(p.high);
    const double* coefficients = p.table->coefficients();
    for (std::size_t d0 = 0; d0 < granule; d0 += 64) {
        std::uint64_t m = 0;
        for (std::size_t d = d0; d < d0 + 64; d += ops::width) {
            const ops::vec v = ops::body(coefficients, words + d);
            m |= ops::nan_bits(v) << (d - d0);
            ops::store(out + d, ops::min(high, ops::max(low, ops::fmadd(scale, v, location))));
        }
        marks[d0 / 64] = m;
    }
    list_tails(p, words, marks, out, tails);
}

// transform_words() for uniform and triangular samplers (tables: table_body).
inline void transform_closed_form(const parameter_sampler& p, const std::uint32_t* words,
                                  double* out) noexcept {
    const ops::vec location = ops::set1(p.location);
    const ops::vec scale = ops::set1(p.scale);
    const ops::vec one = ops::set1(1.0);
    switch (p.how) {
        case parameter_sampler::method::uniform:
            for (std::size_t d = 0; d < granule; d += ops::width)
                ops::store(out + d, ops::fmadd(scale, ops::unit(words + d), location));
            return;
        case parameter_sampler::method::triangular: {
            const ops::vec mode = ops::set1(p.mode);
            const ops::vec rest = ops::set1(1.0 - p.mode);
            for (std::size_t d = 0; d < granule; d += ops::width) {
                const ops::vec u = ops::unit(words + d);
                const ops::mask below = ops::less(u, mode);
                const ops::vec root =
                    ops::sqrt(ops::select(below, ops::mul(u, mode), ops::mul(ops::sub(one, u), rest)));
                const ops::vec x = ops::select(below, root, ops::sub(one, root));
                ops::store(out + d, ops::fmadd(scale, x, location));
            }
            return;
        }
        default:
            return;
    }
}
