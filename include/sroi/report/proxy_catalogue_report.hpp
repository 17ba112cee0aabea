/// @file proxy_catalogue_report.hpp
/// @brief A proxy listing (proxy_catalogue.hpp) as text, Markdown, JSON and CSV.
#pragma once

#include <string>

#include <sroi/analysis/proxy_catalogue.hpp>
#include <sroi/report/report.hpp>

namespace sroi {

/// Renders a listing as text, Markdown, JSON or CSV (error `report.unsupported` otherwise).
[[nodiscard]] std::string render_proxy_catalogue(const proxy_catalogue& c, report_format format);

}  // namespace sroi
