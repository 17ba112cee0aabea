// Pieces shared by the analysis reports (sensitivity, scenarios): the model of a report context
// and the warnings section in each format.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

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

}  // namespace sroi::detail
