/// @file scenarios_report.hpp
/// @brief The base case and scenarios side by side (scenarios.hpp) as text, Markdown, JSON and CSV.
#pragma once

#include <string>

#include <sroi/analysis/scenarios.hpp>
#include <sroi/report/report.hpp>

namespace sroi {

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
