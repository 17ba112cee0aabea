// Outcome kernels: present values of a granule of draws from its sampled parameter values (an
// outcome's factors, then its annuity by Horner in 1 - drop-off over its discounted years), and
// of the inputs. add_outcome_present_values() is the fused pass of the simulation, with an
// AVX-512, an AVX2 and a portable version that give the same bits.
#pragma once

#include <cstddef>
#include <vector>

#include <sroi/engine/evaluate.hpp>

#include "engine/evaluator_internals.hpp"
#include "engine/simulation_block_model.hpp"
#include "engine/simulation_philox.hpp"
#include "engine/simulation_simd.hpp"

namespace sroi::detail {

/// Present value of outcome `o` for n draws, its parameter values read through `value(p)`
/// (a pointer to n values, or nullptr for a parameter held at its base value).
template <typename ValueOf>
void outcome_present_values(const block_model& m, std::size_t o, std::size_t n, const ValueOf& value_of,
                            const block_scratch& s, double* out) noexcept;

/// Adds outcome `o`'s present value for draws [0, n) to acc[d], its parameter values read from
/// where[p] (n values, or nullptr for a parameter held at its base value). Gives the same bits as
/// outcome_present_values followed by the addition, in one vectorised pass; needs a discount rate
/// that is not sampled. May also write acc[d] for d in [n, granule). Every `level` (at most
/// best_simd()) gives the same bits.
void add_outcome_present_values(const block_model& m, std::size_t o, std::size_t n,
                                const double* const* where, double* acc,
                                simd_level level = best_simd()) noexcept;

/// Input present values summed, same conventions.
template <typename ValueOf>
void input_present_values(const block_model& m, std::size_t n, const ValueOf& value_of,
                          const block_scratch& s, double* out) noexcept;

// ---- template definitions -------------------------------------------------------------------

template <typename ValueOf>
void outcome_present_values(const block_model& m, std::size_t o, std::size_t n, const ValueOf& value_of,
                            const block_scratch& s, double* out) noexcept {
    const compiled_outcome& c = internals(*m.ev).outcomes()[o];
    if (c.last < c.start) {
        for (std::size_t d = 0; d < n; ++d)
            out[d] = 0.0;
        return;
    }
    const double* q = value_of(c.quantity);
    const double* p = value_of(c.proxy);
    const double* dw = value_of(c.deadweight);
    const double* ds = value_of(c.displacement);
    const double* at = value_of(c.attribution);
    const double* dr = value_of(c.drop_off);
    // Fixed factors folded into one constant.
    double constant = c.proxy_scale;
    if (q == nullptr) constant *= m.base[c.quantity];
    if (p == nullptr) constant *= m.base[c.proxy];
    if (dw == nullptr) constant *= 1.0 - m.base[c.deadweight];
    if (ds == nullptr) constant *= 1.0 - m.base[c.displacement];
    if (at == nullptr) constant *= 1.0 - m.base[c.attribution];
    for (std::size_t d = 0; d < n; ++d)
        out[d] = constant;
    if (q != nullptr)
        for (std::size_t d = 0; d < n; ++d)
            out[d] *= q[d];
    if (p != nullptr)
        for (std::size_t d = 0; d < n; ++d)
            out[d] *= p[d];
    if (dw != nullptr)
        for (std::size_t d = 0; d < n; ++d)
            out[d] *= 1.0 - dw[d];
    if (ds != nullptr)
        for (std::size_t d = 0; d < n; ++d)
            out[d] *= 1.0 - ds[d];
    if (at != nullptr)
        for (std::size_t d = 0; d < n; ++d)
            out[d] *= 1.0 - at[d];
    // Annuity: sum over k of (1 - DO)^k F(S + k), by Horner in (1 - DO).
    const std::vector<double>& h = m.horner[o];
    if (!m.random_rate) {
        if (dr == nullptr) {
            const double keep = 1.0 - m.base[c.drop_off];
            double a = 0.0;
            for (double f : h)
                a = a * keep + f;
            for (std::size_t d = 0; d < n; ++d)
                out[d] *= a;
        } else {
            // Horner across the granule, one year at a time, so the loops vectorise.
            alignas(64) double keep[granule];
            alignas(64) double a[granule];
            for (std::size_t d = 0; d < n; ++d) {
                keep[d] = 1.0 - dr[d];
                a[d] = h[0];
            }
            for (std::size_t k = 1; k < h.size(); ++k) {
                const double f = h[k];
                for (std::size_t d = 0; d < n; ++d)
                    a[d] = a[d] * keep[d] + f;
            }
            for (std::size_t d = 0; d < n; ++d)
                out[d] *= a[d];
        }
        return;
    }
    const bool start_of_year = m.ev->model().discount.timing == discount_timing::start_of_year;
    for (std::size_t d = 0; d < n; ++d) {
        const double keep = 1.0 - (dr == nullptr ? m.base[c.drop_off] : dr[d]);
        double a = 0.0;
        for (int t = c.last; t >= c.start; --t) {
            a = a * keep + s.factors[static_cast<std::size_t>(start_of_year ? t - 1 : t)][d];
        }
        out[d] *= a;
    }
}

template <typename ValueOf>
void input_present_values(const block_model& m, std::size_t n, const ValueOf& value_of,
                          const block_scratch& s, double* out) noexcept {
    for (std::size_t d = 0; d < n; ++d)
        out[d] = 0.0;
    const auto& inputs = internals(*m.ev).inputs();
    const auto& by_year = internals(*m.ev).base_discount_factors().by_year;
    for (const compiled_input& c : inputs) {
        const auto y = static_cast<std::size_t>(c.year);
        auto get = [&](std::size_t p, std::size_t d) {
            const double* v = value_of(p);
            return v == nullptr ? m.base[p] : v[d];
        };
        for (std::size_t d = 0; d < n; ++d) {
            const double value = c.amount ? get(*c.amount, d) : get(*c.quantity, d) * get(*c.unit_cost, d);
            out[d] += value * (m.random_rate ? s.factors[y][d] : by_year[y]);
        }
    }
}

}  // namespace sroi::detail
