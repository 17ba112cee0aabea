/// @file portfolio_report.hpp
/// @brief A portfolio (portfolio.hpp) as text, Markdown, JSON and CSV.
#pragma once

#include <string>

#include <sroi/analysis/portfolio.hpp>
#include <sroi/report/report.hpp>

namespace sroi {

/// A portfolio as aligned text.
[[nodiscard]] std::string portfolio_text(const portfolio_result& p);
/// A portfolio as a Markdown document.
[[nodiscard]] std::string portfolio_markdown(const portfolio_result& p);
/// A portfolio as JSON: `models` and `total` with the fields of spec section 5, and more.
[[nodiscard]] std::string portfolio_json(const portfolio_result& p);
/// A portfolio as tidy CSV: one row per model, then one `total` row.
[[nodiscard]] std::string portfolio_csv(const portfolio_result& p);
/// Dispatches on `format` (text, markdown, json, csv; error `report.unsupported` otherwise).
[[nodiscard]] std::string render_portfolio(const portfolio_result& p, report_format format);

}  // namespace sroi
