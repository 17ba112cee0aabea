/// @file scenarios.hpp
/// @brief Scenarios side by side: the base case and each scenario evaluated with one evaluator.
///
/// A scenario is a named set of parameter values (by spec path) that replace the base values.
/// Scenarios come from the model's `scenarios:` section or from a separate scenario file
/// (scenario_file.hpp); scenarios_report.hpp renders a comparison.
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include <sroi/engine/evaluate.hpp>
#include <sroi/engine/result.hpp>
#include <sroi/model/model.hpp>

namespace sroi {

/// Headline figures of one case (the base case or a scenario).
struct scenario_figures {
    std::string name;                                 ///< scenario name (`base` for the base case)
    std::string description;                          ///< free text
    std::vector<std::pair<std::string, double>> set;  ///< the overrides applied (empty for base)
    totals figures;  ///< PV, inputs, NPV, ratio (the ratio is NaN/inf when inputs are not positive)
};

/// The base case and scenarios, evaluated with the same evaluator.
struct scenario_comparison {
    scenario_figures base;                    ///< the base case
    std::vector<scenario_figures> scenarios;  ///< in the order given
};

/// Evaluates the base case and each of `scenarios` (throws evaluation_error for an unknown path
/// or a value outside a parameter's domain, naming the scenario).
[[nodiscard]] scenario_comparison compare_scenarios(const evaluator& ev, std::span<const scenario> scenarios);
/// Evaluates the base case and every scenario of the model.
[[nodiscard]] scenario_comparison compare_scenarios(const evaluator& ev);

/// The model's scenarios followed by `extra`; a scenario of `extra` with the name of one of the
/// model's replaces it in place.
[[nodiscard]] std::vector<scenario> merge_scenarios(const std::vector<scenario>& model_scenarios,
                                                    const std::vector<scenario>& extra);

}  // namespace sroi
