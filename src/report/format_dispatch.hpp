// One report's renderers, chosen by format: the single place where a report_format picks a
// renderer, so that each report lists what it can write instead of repeating the switch.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include <sroi/model/error.hpp>
#include <sroi/report/report.hpp>

namespace sroi::detail {

/// The renderers of one report by format; one left empty is a format the report cannot write.
struct format_renderers {
    std::function<std::string()> text = nullptr;
    std::function<std::string()> markdown = nullptr;
    std::function<std::string()> json = nullptr;
    std::function<std::string()> csv = nullptr;
    std::function<std::string()> impact_map_csv = nullptr;
};

/// The report in `format`; otherwise error report.unsupported whose message is `unsupported` with
/// the format's name in place of its "{}".
inline std::string render_in(report_format format, const format_renderers& renderers,
                             std::string_view unsupported) {
    const std::function<std::string()>* chosen = nullptr;
    switch (format) {
        case report_format::text:
            chosen = &renderers.text;
            break;
        case report_format::markdown:
            chosen = &renderers.markdown;
            break;
        case report_format::json:
            chosen = &renderers.json;
            break;
        case report_format::csv:
            chosen = &renderers.csv;
            break;
        case report_format::impact_map_csv:
            chosen = &renderers.impact_map_csv;
            break;
        case report_format::html:
            break;
    }
    if (chosen == nullptr || !*chosen)
        throw make_error(errors::report_unsupported,
                         fmt::format(fmt::runtime(unsupported), to_string(format)));
    return (*chosen)();
}

}  // namespace sroi::detail
