/// @file sobol.hpp
/// @brief Global sensitivity: first- and total-order Sobol indices of the SROI ratio and NPV.
///
/// Saltelli sampling: two independent sample matrices A and B (N rows each, Philox streams 1
/// and 2 keyed by the seed) and, for each parameter (or group) i, the matrix A_B^i equal to A with
/// the columns of i taken from B. Estimators (Saltelli et al. 2010, Table 2): first order
/// S_i = mean(f(B) (f(A_B^i) - f(A))) / V and total order (Jansen 1999)
/// ST_i = mean((f(A) - f(A_B^i))^2) / (2 V), with V the variance of f over A and B together.
///
/// The model's structure keeps the cost at (parameters x samples) outcome evaluations: changing
/// parameters of one outcome changes only that outcome's present value, so
/// PV(A_B^i) = PV(A) - PV_o(A) + PV_o(A_B^i). Named proxies and the discount rate re-evaluate
/// the outcomes that use them.
///
/// The estimators assume independent inputs: correlations in the model are ignored here and the
/// result says so (sobol_result::correlations_ignored).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <sroi/engine/evaluate.hpp>
#include <sroi/model/distributions.hpp>

namespace sroi {

/// How parameters are grouped (a group's parameters vary together).
enum class sobol_grouping {
    parameter,    ///< every sampled parameter on its own
    outcome,      ///< the sampled parameters of each outcome together (shared ones on their own)
    stakeholder,  ///< outcomes and inputs of each stakeholder together
    theme,        ///< outcomes of each theme together
};

/// Parses `parameter`, `outcome`, `stakeholder` or `theme`.
[[nodiscard]] std::optional<sobol_grouping> parse_sobol_grouping(const std::string& name);

/// Options of a Sobol analysis.
struct sobol_options {
    std::size_t samples = 4096;  ///< base samples N (cost: N x (groups + 2) evaluations)
    std::uint64_t seed = 1;      ///< generator key
    unsigned threads = 0;        ///< worker threads; 0 = all hardware threads (at most 256)
    sobol_grouping group_by = sobol_grouping::parameter;  ///< grouping of parameters
    std::size_t bootstrap = 0;  ///< bootstrap resamples for confidence intervals (0: none)
    double confidence = 0.95;   ///< level of the bootstrap intervals
    /// Parameters held at the given values instead of being sampled, by path (e.g. a scenario's
    /// `set`), whether or not a value differs from the base value.
    parameter_overrides fixed;
    /// How parameters written as ranges (low/high, no dist) are drawn (spec section 8).
    range_draw ranges = range_draw::triangular;
    /// Bytes the analysis may allocate (0: half of the physical memory): its tables grow with
    /// samples x groups; more is refused before they are allocated (error `sobol.too_large`).
    std::uint64_t memory_budget = 0;
};

/// Indices of one parameter or group.
struct sobol_index {
    std::string path;  ///< parameter path, or group (`outcomes.<id>`, `stakeholders.<id>`, `themes.<name>`)
    std::vector<std::string> parameters;  ///< the parameters of the group
    double first_order = 0;               ///< S_i of the SROI ratio
    double total_order = 0;               ///< ST_i of the SROI ratio
    double npv_first_order = 0;           ///< S_i of the NPV
    double npv_total_order = 0;           ///< ST_i of the NPV
    /// Bootstrap percentile intervals of first_order and total_order (when bootstrap > 0).
    std::optional<double> first_order_low, first_order_high, total_order_low, total_order_high;
};

/// What a Sobol analysis produces.
struct sobol_result {
    std::size_t samples = 0;                              ///< base samples N
    std::uint64_t seed = 0;                               ///< seed used
    std::string generator;                                ///< generator description
    sobol_grouping group_by = sobol_grouping::parameter;  ///< grouping used
    bool correlations_ignored = false;           ///< the model has correlations, which the indices ignore
    std::size_t evaluations = 0;                 ///< outcome evaluations made
    std::size_t excluded_samples = 0;            ///< samples left out of the ratio's indices (inputs 0)
    double ratio_variance = 0;                   ///< V of the SROI ratio
    double npv_variance = 0;                     ///< V of the NPV
    std::size_t bootstrap = 0;                   ///< bootstrap resamples
    double confidence = 0.95;                    ///< level of the intervals
    std::vector<sobol_index> indices;            ///< in parameter order
    std::size_t parameters_drawn = 0;            ///< parameters sampled
    std::size_t drawn_from_ranges = 0;           ///< how many of them are ranges drawn by `ranges`
    range_draw ranges = range_draw::triangular;  ///< the shape ranges were drawn from
};

/// Computes first- and total-order Sobol indices (throws error `sobol.options` for fewer than
/// 2 samples or a model with no sampled parameter, evaluation_error for a path in
/// sobol_options::fixed that is not a parameter or a value outside its domain).
[[nodiscard]] sobol_result sobol_indices(const evaluator& ev, const sobol_options& options = {});

/// Spelling of a grouping.
[[nodiscard]] const char* to_string(sobol_grouping g) noexcept;

}  // namespace sroi
