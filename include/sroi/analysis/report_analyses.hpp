/// @file report_analyses.hpp
/// @brief Every analysis the analyst's HTML report shows, run in one call (html_report.hpp
/// formats the result).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <sroi/analysis/scenarios.hpp>
#include <sroi/analysis/sensitivity.hpp>
#include <sroi/analysis/simulation.hpp>
#include <sroi/engine/evaluate.hpp>
#include <sroi/engine/local_multiplier.hpp>
#include <sroi/engine/result.hpp>

namespace sroi {

/// What the HTML report analyses and how.
struct html_report_options {
    bool simulate = true;          ///< run the Monte Carlo part when the model has distributions
    std::size_t draws = 20000;     ///< Monte Carlo draws
    std::uint64_t seed = 1;        ///< Monte Carlo seed (same seed, same page)
    unsigned threads = 0;          ///< worker threads for the simulation (0: all; no effect on figures)
    std::size_t tornado_top = 15;  ///< parameters shown in each tornado (largest swings)
    range_draw ranges = range_draw::triangular;  ///< how ranges are drawn (spec section 8)
    sensitivity_options sensitivity;             ///< ranges of the one-way analysis
    /// Bytes the simulated ratios kept for the page may take, 8 a draw (0: half of the physical
    /// memory); more is refused before anything is allocated (error `simulation.too_large`).
    std::uint64_t memory_budget = 0;
};

/// Everything the page shows, computed by analyse_for_html().
struct html_report_data {
    result figures;                               ///< the case reported (base or scenario)
    sensitivity_result sensitivity;               ///< one-way analysis around that case
    scenario_comparison scenarios;                ///< base case and every scenario of the model
    std::optional<simulation_result> simulation;  ///< when the model has distributions and it was asked for
    std::vector<double> simulated_ratios;      ///< sorted finite SROI ratios of every draw (for the charts)
    bool has_distributions = false;            ///< some parameter is drawn (a distribution, or a range)
    local_multiplier_result local_multiplier;  ///< LM3 of the model's local spend (may be empty)
    html_report_options options;               ///< the options used
};

/// Runs what the page shows for the evaluator's model at its base values with `fixed` applied
/// (empty for the base case, a scenario's `set` for that scenario): evaluation, one-way
/// sensitivity with switching values, scenario comparison, the simulation (when asked for and
/// the model has distributions; every parameter in `fixed` is held at its value) and LM3.
/// Throws evaluation_error for a path in `fixed` that is not a parameter or a value outside its
/// domain.
[[nodiscard]] html_report_data analyse_for_html(const evaluator& ev, const parameter_overrides& fixed,
                                                const html_report_options& options = {});

}  // namespace sroi
