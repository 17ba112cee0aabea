/// @file html_report.hpp
/// @brief The analyst's report: one self-contained HTML page with charts and tables.
///
/// The page has inline CSS and inline SVG charts, no scripts and nothing fetched from the
/// network; it is written as XHTML-compatible markup (well-formed XML) and prints on A4. It shows
/// the headline figures (with the Monte Carlo range when the model has distributions), the value
/// by year, by stakeholder, theme and value type, the one-way tornadoes, switching values,
/// scenarios, the impact map, every assumption with its source, the analysis warnings, LM3 when
/// the model has local spend, and a checklist of the SROI principles the analyst should check.
///
/// Building the page is two steps, so that the formatting never recomputes a figure:
/// analyse_for_html() (report_analyses.hpp) runs the analyses, report_html() formats what they
/// produced.
#pragma once

#include <string>

#include <sroi/analysis/report_analyses.hpp>
#include <sroi/report/report.hpp>

namespace sroi {

/// The page for `data`; `context` gives the model, the scenario name and the warnings to show.
/// Every text from the model is escaped.
[[nodiscard]] std::string report_html(const html_report_data& data, const report_context& context);

}  // namespace sroi
