/// @file sobol_report.hpp
/// @brief Sobol indices (sobol.hpp) as text, Markdown, JSON and CSV.
#pragma once

#include <string>

#include <sroi/analysis/sobol.hpp>
#include <sroi/engine/evaluate.hpp>
#include <sroi/report/report.hpp>

namespace sroi {

/// Renders Sobol indices (sorted by total order, largest first) as text, Markdown, JSON (spec
/// section 5 fields and more) or CSV. Throws error `report.unsupported` for other formats.
[[nodiscard]] std::string render_sobol(const sobol_result& r, const evaluator& ev, report_format format);

}  // namespace sroi
