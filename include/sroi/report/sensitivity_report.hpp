/// @file sensitivity_report.hpp
/// @brief One-way sensitivity and sweeps (sensitivity.hpp) as text, Markdown, JSON and CSV.
#pragma once

#include <string>

#include <sroi/analysis/sensitivity.hpp>
#include <sroi/report/report.hpp>

namespace sroi {

/// Text report: headline, a terminal tornado on the SROI ratio and one on NPV (the `top`
/// largest swings; 0 for all), the full table with switching values, and the context's warnings.
[[nodiscard]] std::string sensitivity_text(const sensitivity_result& s, const report_context& context,
                                           std::size_t top = 15);
/// The same as Markdown (tornadoes in code blocks, tables as Markdown tables).
[[nodiscard]] std::string sensitivity_markdown(const sensitivity_result& s, const report_context& context,
                                               std::size_t top = 15);
/// JSON with the fields of spec section 5 (`base`, `parameters[]`), plus extras: ranges'
/// sources, swings, switching-value method, relative change and notes; undefined numbers are null.
[[nodiscard]] std::string sensitivity_json(const sensitivity_result& s, const report_context& context);
/// Tidy CSV, one row per parameter in swing order (`NA` for undefined numbers).
[[nodiscard]] std::string sensitivity_csv(const sensitivity_result& s, const report_context& context);
/// Dispatches on `format` (text, markdown, json, csv; others throw error `report.unsupported`).
[[nodiscard]] std::string render_sensitivity(const sensitivity_result& s, const report_context& context,
                                             report_format format, std::size_t top = 15);

/// Tidy CSV of a sweep: one column per parameter path, then `sroi_ratio`, `net_present_value`,
/// `present_value`, `total_inputs`; one row per grid point (`NA` for an undefined ratio).
[[nodiscard]] std::string sweep_csv(const sweep_result& s);

}  // namespace sroi
