/// @file report.hpp
/// @brief Rendering results as text, Markdown, JSON and CSV (files are written by output_file.hpp).
///
/// The report layer: every `*_report.hpp` header renders the data of one analysis with the
/// formats and context declared here.
///
/// Reports only format what the evaluator computed; they never recompute a figure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sroi/engine/result.hpp>
#include <sroi/model/error.hpp>
#include <sroi/model/model.hpp>

namespace sroi {

/// Output formats of `sroi report` and the analysis commands.
enum class report_format { text, markdown, json, csv, html, impact_map_csv };

/// Parses `text`, `markdown` (or `md`), `json`, `csv`, `html`, `impact-map-csv`.
[[nodiscard]] std::optional<report_format> parse_report_format(std::string_view name);
/// Spelling of a format.
[[nodiscard]] const char* to_string(report_format f) noexcept;

/// What a report shows besides the result itself.
struct report_context {
    const model& m;                    ///< the model evaluated
    std::string scenario;              ///< scenario applied, empty for the base case
    std::vector<diagnostic> warnings;  ///< warnings to show (e.g. from check_model)
};

/// The impact map, year-by-year values, headline figures and breakdowns as aligned text.
[[nodiscard]] std::string report_text(const result& r, const report_context& context);
/// The same as a Markdown document.
[[nodiscard]] std::string report_markdown(const result& r, const report_context& context);
/// JSON with the fields of spec section 5 (and more), pretty-printed.
[[nodiscard]] std::string report_json(const result& r, const report_context& context);
/// Tidy long CSV: one row per outcome and year.
[[nodiscard]] std::string report_csv(const result& r, const report_context& context);
/// The SROI Guide's impact map as CSV, one row per outcome, columns in the guide's order.
[[nodiscard]] std::string report_impact_map_csv(const result& r, const report_context& context);
/// Dispatches on `format` (throws error `report.unsupported` for a format not offered here, and
/// for html, whose analyses the caller runs: report_html(analyse_for_html(...)), html_report.hpp).
[[nodiscard]] std::string render_report(const result& r, const report_context& context, report_format format);

/// Human description of a model's discounting, e.g. `3.5% constant, end of year`.
[[nodiscard]] std::string describe_discounting(const discount_spec& spec);

}  // namespace sroi
