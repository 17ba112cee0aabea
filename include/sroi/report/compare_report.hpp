/// @file compare_report.hpp
/// @brief Forecast against actual (a comparison from compare.hpp) as text, Markdown, JSON and CSV.
#pragma once

#include <string>

#include <sroi/analysis/compare.hpp>
#include <sroi/report/report.hpp>

namespace sroi {

/// The comparison as aligned text.
[[nodiscard]] std::string comparison_text(const comparison& c);
/// The comparison as a Markdown document.
[[nodiscard]] std::string comparison_markdown(const comparison& c);
/// The comparison as JSON.
[[nodiscard]] std::string comparison_json(const comparison& c);
/// The comparison as tidy long CSV: one row per item and figure.
[[nodiscard]] std::string comparison_csv(const comparison& c);
/// Dispatches on `format` (text, markdown, json, csv; error `report.unsupported` otherwise).
[[nodiscard]] std::string render_comparison(const comparison& c, report_format format);

}  // namespace sroi
