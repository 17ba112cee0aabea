// Pieces shared by the analysis reports (sensitivity, scenarios, simulation, the page): the model of a report
// context and the warnings section in each format.
#pragma once

#include <string>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <sroi/model/distributions.hpp>
#include <sroi/model/error.hpp>
#include <sroi/report/report.hpp>

namespace sroi::detail {

/// The model a report describes.
inline const model& report_model(const report_context& c) noexcept {
    return c.m;
}

/// The context's warnings as a text or Markdown section (empty when there are none).
inline std::string warnings_section(const report_context& c, bool markdown) {
    if (c.warnings.empty()) return "";
    std::string out = markdown ? "\n## Warnings\n\n" : "\nWarnings\n";
    for (const diagnostic& d : c.warnings) {
        if (markdown) {
            out += "- " + (d.path.empty() ? "" : "`" + d.path + "`: ") + d.message + "\n";
        } else {
            out += "  - " + (d.path.empty() ? "" : d.path + ": ") + d.message + "\n";
        }
    }
    return out;
}

/// The context's warnings as a JSON array of {path, message}.
inline nlohmann::json warnings_json(const report_context& c) {
    nlohmann::json warnings = nlohmann::json::array();
    for (const diagnostic& d : c.warnings)
        warnings.push_back({{"path", d.path}, {"message", d.message}});
    return warnings;
}

// What was drawn, as the outputs state it (spec section 8): "12 uncertain parameters (3 of them
// ranges, drawn as triangular(low, value, high))".
inline std::string drawn_text(std::size_t drawn, std::size_t from_ranges, range_draw ranges) {
    std::string out = fmt::format("{} uncertain parameter{}", drawn, drawn == 1 ? "" : "s");
    if (from_ranges > 0) {
        const char* shape = ranges == range_draw::triangular ? "triangular(low, value, high)"
                            : ranges == range_draw::pert     ? "pert(low, value, high)"
                                                             : "uniform(low, high)";
        out += fmt::format(" ({} of them {}, drawn as {})", from_ranges,
                           from_ranges == 1 ? "a range" : "ranges", shape);
    }
    return out;
}

}  // namespace sroi::detail
