/// @file scenarios.hpp
/// @brief Scenarios side by side, and scenarios kept in a file of their own.
///
/// A scenario is a named set of parameter values (by spec path) that replace the base values.
/// Scenarios come from the model's `scenarios:` section or from a separate scenario file:
///
/// ```yaml
/// sroi-scenarios: 1            # optional; any other value is an error
/// scenarios:
///   cautious:
///     description: Higher deadweight
///     set:
///       outcomes.jobs.deadweight: 0.4
/// ```
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sroi/evaluate.hpp>
#include <sroi/model.hpp>
#include <sroi/report.hpp>
#include <sroi/result.hpp>

namespace sroi {

/// The name under which reports show the base case beside the scenarios: no scenario may take it
/// (check_model() and scenario files reject it).
inline constexpr std::string_view base_case_name = "base";

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

/// Reads a scenario file and checks it against model `m`: unknown top-level keys, unknown
/// parameter paths (with the nearest valid path suggested), values outside a parameter's domain
/// and duplicate names are errors carrying file, line and column. Throws model_error listing them.
[[nodiscard]] std::vector<scenario> load_scenario_file(const std::string& path, const model& m);
/// Like load_scenario_file() but from YAML text; `file_name` is used in messages.
[[nodiscard]] std::vector<scenario> load_scenarios_from_string(std::string_view yaml,
                                                               const std::string& file_name, const model& m);

/// The model's scenarios followed by `extra`; a scenario of `extra` with the name of one of the
/// model's replaces it in place.
[[nodiscard]] std::vector<scenario> merge_scenarios(const std::vector<scenario>& model_scenarios,
                                                    const std::vector<scenario>& extra);

/// The base case and scenarios side by side as aligned text (PV, inputs, NPV, ratio and the
/// change of NPV and ratio from the base case), with the context's warnings.
[[nodiscard]] std::string scenarios_text(const scenario_comparison& c, const report_context& context);
/// The same as Markdown.
[[nodiscard]] std::string scenarios_markdown(const scenario_comparison& c, const report_context& context);
/// JSON: `base` and `scenarios[]`, each with name, description, set, present_value,
/// total_inputs, net_present_value, sroi_ratio (null when undefined) and `change` from base.
[[nodiscard]] std::string scenarios_json(const scenario_comparison& c, const report_context& context);
/// Tidy CSV, one row per case (base first).
[[nodiscard]] std::string scenarios_csv(const scenario_comparison& c, const report_context& context);
/// Dispatches on `format` (text, markdown, json, csv; others throw error `report.unsupported`).
[[nodiscard]] std::string render_scenarios(const scenario_comparison& c, const report_context& context,
                                           report_format format);

}  // namespace sroi
