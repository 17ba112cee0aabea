// The block model of the simulation: a model compiled for evaluation a granule of draws at a time
// (which parameters are sampled and how, one quantile table per distinct shape, the Gaussian
// copula's components and Cholesky factors, each outcome's discount factors for Horner), the
// per-thread scratch of a granule, and sampling a granule's parameters (independent or through
// the copula).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <tuple>
#include <vector>

#include <sroi/engine/evaluate.hpp>
#include <sroi/model/distributions.hpp>

#include "engine/simulation_philox.hpp"
#include "engine/simulation_quantile_table.hpp"
#include "engine/simulation_sampling.hpp"

namespace sroi::detail {

/// A model compiled for block evaluation.
struct block_model {
    const evaluator* ev = nullptr;
    std::vector<double> base;                 ///< values of parameters that are not sampled
    std::vector<parameter_sampler> samplers;  ///< one per parameter
    std::vector<std::size_t> random;          ///< positions of sampled parameters
    std::vector<bool> is_random;              ///< per parameter
    std::vector<distribution> drawn_dist;     ///< per parameter: the distribution it is drawn from
    std::size_t from_ranges = 0;              ///< sampled parameters that are ranges (no dist of their own)
    std::vector<bool> outcome_owned;          ///< sampled, owned by one outcome, not in a copula
    std::vector<std::vector<double>> horner;  ///< per outcome: factors of its years, last first
    std::vector<std::size_t> correlated;      ///< sampled parameters in a copula, in parameter order
    std::vector<std::vector<std::size_t>> copula_groups;  ///< indices into `correlated`, per component
    std::vector<std::vector<double>> cholesky;            ///< per component: lower factor, row major
    bool random_rate = false;
    std::map<std::tuple<int, double, double>, std::unique_ptr<quantile_table>> tables;

    /// Compiles `ev` with `base` for the parameters that are not sampled; parameters in
    /// `held_fixed` are not sampled either. Throws model_error for a correlation matrix that is
    /// not positive definite. Quantile tables are built on `threads` threads (0: one per hardware
    /// thread; see parallel_for).
    /// Parameters written as ranges (low/high, no dist) are drawn as `ranges` says.
    block_model(const evaluator& ev, std::vector<double> base, const std::vector<bool>& held_fixed,
                bool with_correlations, unsigned threads = 0, range_draw ranges = range_draw::fixed);
};

/// Per-thread scratch for one granule of draws.
struct block_scratch {
    explicit block_scratch(const block_model& m);
    std::vector<std::vector<double>> values;   ///< [parameter][draw]; sampled parameters only
    std::vector<double> pv;                    ///< outcomes' present value per draw
    std::vector<double> inputs;                ///< inputs' present value per draw
    std::vector<std::vector<double>> factors;  ///< [year][draw] discount factors (random rate only)
    std::vector<double> tmp;
    std::vector<std::uint32_t> words;
};

/// Samples parameter p (not in a copula) for draws [first, first + granule) of `stream` into out.
void sample_parameter(const block_model& m, std::size_t p, std::uint64_t first, std::uint32_t stream,
                      std::uint64_t seed, block_scratch& s, double* out);
/// sample_parameter() that may leave words on the tail path in `tails` (see transform_words()).
void sample_parameter(const block_model& m, std::size_t p, std::uint64_t first, std::uint32_t stream,
                      std::uint64_t seed, block_scratch& s, double* out, tail_list& tails);
/// Samples into s.values every sampled parameter that is shared (not owned by one outcome) or in a
/// copula, or, with `all`, every sampled parameter.
void sample_granule(const block_model& m, std::uint64_t first, std::uint32_t stream, std::uint64_t seed,
                    block_scratch& s, bool all);

/// Discount factor table of the granule (only when the rate is sampled): s.factors[t][d] = DF(t).
void granule_factors(const block_model& m, const std::vector<double>& rate, std::size_t n, block_scratch& s);

}  // namespace sroi::detail
