// Scenarios side by side as text, Markdown, JSON and CSV (report layer).
#include <sroi/report/scenarios_report.hpp>

#include <cmath>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/analysis_report.hpp"
#include "report/format_dispatch.hpp"
#include "report/table.hpp"

namespace sroi {

namespace {

using detail::csv_number;
using detail::money;
using detail::number;
using detail::percent;

bool ratio_defined(const totals& t) {
    return t.total_inputs > 0.0 && std::isfinite(t.sroi_ratio);
}

std::vector<const scenario_figures*> cases(const scenario_comparison& c) {
    std::vector<const scenario_figures*> all{&c.base};
    for (const auto& s : c.scenarios)
        all.push_back(&s);
    return all;
}

std::string settings(const scenario_figures& s) {
    std::string out;
    for (const auto& [path, value] : s.set)
        out += (out.empty() ? "" : ", ") + fmt::format("{} = {:g}", path, value);
    return out;
}

detail::table comparison_table(const scenario_comparison& c, const std::string& cur) {
    const auto cash = [&](double v) { return money(cur, v); };
    const auto signed_cash = [&](double v) { return v > 0 ? "+" + cash(v) : cash(v); };
    detail::table t;
    t.headers = {"Case",       "Present value", "Inputs",       "NPV",
                 "SROI ratio", "NPV change",    "Ratio change", "Ratio change %"};
    t.right_aligned = {false, true, true, true, true, true, true, true};
    const totals& b = c.base.figures;
    for (const scenario_figures* s : cases(c)) {
        const totals& f = s->figures;
        const bool defined = ratio_defined(f) && ratio_defined(b);
        const bool is_base = s == &c.base;
        const double d_ratio = f.sroi_ratio - b.sroi_ratio;
        t.rows.push_back({s->name, cash(f.present_value), cash(f.total_inputs), cash(f.net_present_value),
                          ratio_defined(f) ? number(f.sroi_ratio, 2) : "n/a",
                          is_base ? "" : signed_cash(f.net_present_value - b.net_present_value),
                          is_base ? "" : (defined ? (d_ratio > 0 ? "+" : "") + number(d_ratio, 2) : "n/a"),
                          is_base
                              ? ""
                              : (defined && b.sroi_ratio != 0.0
                                     ? (d_ratio > 0 ? "+" : "") + percent(d_ratio / std::fabs(b.sroi_ratio))
                                     : "n/a")});
    }
    return t;
}

}  // namespace

std::string scenarios_text(const scenario_comparison& c, const report_context& context) {
    const model& m = detail::report_model(context);
    const std::string cur = detail::currency_symbol(m.project.currency);
    std::string out = fmt::format("Scenarios: {}\n\n", m.project.name);
    out += comparison_table(c, cur).to_text();
    if (!c.scenarios.empty()) {
        out += "\nWhat each scenario changes\n";
        for (const scenario_figures& s : c.scenarios) {
            out += "  " + s.name + (s.description.empty() ? "" : " (" + s.description + ")") + ": " +
                   (s.set.empty() ? std::string("nothing") : settings(s)) + "\n";
        }
    } else {
        out += "\nThe model has no scenarios.\n";
    }
    return out + detail::warnings_section(context, false);
}

std::string scenarios_markdown(const scenario_comparison& c, const report_context& context) {
    const model& m = detail::report_model(context);
    const std::string cur = detail::currency_symbol(m.project.currency);
    std::string out = fmt::format("# Scenarios: {}\n\n", m.project.name);
    out += comparison_table(c, cur).to_markdown();
    if (!c.scenarios.empty()) {
        out += "\n## What each scenario changes\n\n";
        for (const scenario_figures& s : c.scenarios) {
            out += "- **" + s.name + "**" + (s.description.empty() ? "" : " (" + s.description + ")") + ": ";
            std::string set;
            for (const auto& [path, value] : s.set)
                set += (set.empty() ? "" : ", ") + fmt::format("`{}` = {:g}", path, value);
            out += (set.empty() ? std::string("nothing") : set) + "\n";
        }
    }
    return out + detail::warnings_section(context, true);
}

std::string scenarios_json(const scenario_comparison& c, const report_context& context) {
    const model& m = detail::report_model(context);
    using nlohmann::json;
    const auto num = [](double v) { return std::isfinite(v) ? json(v) : json(nullptr); };
    const totals& b = c.base.figures;
    const auto figures = [&](const scenario_figures& s, bool with_change) {
        const totals& f = s.figures;
        json set = json::object();
        for (const auto& [path, value] : s.set)
            set[path] = value;
        json e = {{"name", s.name},
                  {"description", s.description},
                  {"set", set},
                  {"present_value", num(f.present_value)},
                  {"total_inputs", num(f.total_inputs)},
                  {"net_present_value", num(f.net_present_value)},
                  {"sroi_ratio", ratio_defined(f) ? num(f.sroi_ratio) : json(nullptr)}};
        if (with_change) {
            const bool defined = ratio_defined(f) && ratio_defined(b);
            e["change"] = {
                {"present_value", num(f.present_value - b.present_value)},
                {"total_inputs", num(f.total_inputs - b.total_inputs)},
                {"net_present_value", num(f.net_present_value - b.net_present_value)},
                {"sroi_ratio", defined ? num(f.sroi_ratio - b.sroi_ratio) : json(nullptr)},
                {"sroi_ratio_relative", defined && b.sroi_ratio != 0.0
                                            ? num((f.sroi_ratio - b.sroi_ratio) / std::fabs(b.sroi_ratio))
                                            : json(nullptr)}};
        }
        return e;
    };
    json j;
    j["project"] = {{"name", m.project.name}, {"currency", m.project.currency}};
    j["base"] = figures(c.base, false);
    json list = json::array();
    for (const scenario_figures& s : c.scenarios)
        list.push_back(figures(s, true));
    j["scenarios"] = std::move(list);
    j["warnings"] = detail::warnings_json(context);
    return j.dump(2) + "\n";
}

std::string scenarios_csv(const scenario_comparison& c, const report_context& context) {
    (void)detail::report_model(context);
    std::string out =
        detail::csv_line({"scenario", "description", "present_value", "total_inputs", "net_present_value",
                          "sroi_ratio", "npv_change", "sroi_ratio_change"});
    const totals& b = c.base.figures;
    for (const scenario_figures* s : cases(c)) {
        const totals& f = s->figures;
        const bool defined = ratio_defined(f) && ratio_defined(b);
        out += detail::csv_line({s->name, s->description, csv_number(f.present_value),
                                 csv_number(f.total_inputs), csv_number(f.net_present_value),
                                 ratio_defined(f) ? csv_number(f.sroi_ratio) : "NA",
                                 csv_number(f.net_present_value - b.net_present_value),
                                 defined ? csv_number(f.sroi_ratio - b.sroi_ratio) : "NA"});
    }
    return out;
}

std::string render_scenarios(const scenario_comparison& c, const report_context& context,
                             report_format format) {
    return detail::render_in(format,
                             {.text = [&] { return scenarios_text(c, context); },
                              .markdown = [&] { return scenarios_markdown(c, context); },
                              .json = [&] { return scenarios_json(c, context); },
                              .csv = [&] { return scenarios_csv(c, context); }},
                             "the {} format is not available for scenarios");
}

}  // namespace sroi
