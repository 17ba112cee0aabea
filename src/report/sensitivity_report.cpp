// Rendering one-way sensitivity: terminal tornadoes, Markdown, JSON (spec section 5) and CSV.
#include <sroi/report/sensitivity_report.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

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

bool is_fraction(parameter_kind k) noexcept {
    switch (k) {
        case parameter_kind::outcome_deadweight:
        case parameter_kind::outcome_displacement:
        case parameter_kind::outcome_attribution:
        case parameter_kind::outcome_drop_off:
        case parameter_kind::discount_rate:
            return true;
        default:
            return false;
    }
}

const char* kind_name(parameter_kind k) noexcept {
    switch (k) {
        case parameter_kind::outcome_quantity:
            return "quantity";
        case parameter_kind::outcome_proxy:
            return "proxy";
        case parameter_kind::outcome_deadweight:
            return "deadweight";
        case parameter_kind::outcome_displacement:
            return "displacement";
        case parameter_kind::outcome_attribution:
            return "attribution";
        case parameter_kind::outcome_drop_off:
            return "drop_off";
        case parameter_kind::input_amount:
            return "input_amount";
        case parameter_kind::input_quantity:
            return "input_quantity";
        case parameter_kind::input_unit_cost:
            return "input_unit_cost";
        case parameter_kind::named_proxy:
            return "named_proxy";
        case parameter_kind::discount_rate:
            return "discount_rate";
    }
    return "?";
}

const char* method_name(switching_method m) noexcept {
    return m == switching_method::closed_form ? "closed_form" : "root_search";
}

// A parameter value for people: fractions as percentages, other numbers with grouping.
std::string parameter_value(parameter_kind k, double v) {
    if (!std::isfinite(v)) return "n/a";
    if (is_fraction(k)) {
        const std::string p = fmt::format("{:.4g}", v * 100.0);
        return p + "%";
    }
    if (std::fabs(v) >= 1000.0) return number(v, std::fabs(v - std::round(v)) < 0.005 ? 0 : 2);
    return fmt::format("{:.4g}", v);
}

std::string ratio_text(const std::optional<double>& r) {
    return r ? number(*r, 2) : "n/a";
}

std::string signed_percent(const std::optional<double>& change) {
    if (!change || !std::isfinite(*change)) return "n/a";
    const std::string p = percent(*change);
    return *change > 0 ? "+" + p : p;
}

std::string switching_text(const parameter_sensitivity& p) {
    if (!p.switching) return "";
    if (!p.switching->value) return "none";
    return parameter_value(p.kind, *p.switching->value);
}

// ---------------------------------------------------------------------------------------------
// Tornado

struct tornado_row {
    std::string path;
    parameter_kind kind;
    double low_input;
    double high_input;
    double at_low;   // figure with the parameter at its low value (inf when undefined)
    double at_high;  // figure with the parameter at its high value
};

constexpr int half_width = 24;
const char* const low_mark = "░";
const char* const high_mark = "█";

std::string tornado(const std::vector<tornado_row>& rows, double base,
                    const std::function<std::string(double)>& show) {
    double widest = 0.0;
    for (const tornado_row& r : rows) {
        for (const double x : {r.at_low, r.at_high}) {
            if (std::isfinite(x)) widest = std::max(widest, std::fabs(x - base));
        }
    }
    const auto offset = [&](double x) {
        if (!std::isfinite(x)) return x > 0 ? half_width : -half_width;
        if (widest == 0.0 || x == base) return 0;
        const int o = static_cast<int>(std::lround((x - base) / widest * half_width));
        if (o == 0) return x > base ? 1 : -1;  // a visible sliver for a small change
        return std::clamp(o, -half_width, half_width);
    };
    std::size_t path_width = 9;
    std::size_t left_width = 0;
    std::vector<std::string> lefts;
    std::vector<std::string> rights;
    std::vector<std::string> bars;
    for (const tornado_row& r : rows) {
        path_width = std::max(path_width, detail::display_width(r.path));
        const int lo = offset(r.at_low);
        const int hi = offset(r.at_high);
        std::vector<std::string> cells(2 * half_width + 1, " ");
        cells[half_width] = "│";
        // The end further from the base first, so that the nearer one stays visible on its side.
        const bool low_first = std::abs(lo) >= std::abs(hi);
        for (int pass = 0; pass < 2; ++pass) {
            const bool is_low = (pass == 0) == low_first;
            const int o = is_low ? lo : hi;
            for (int k = 1; k <= std::abs(o); ++k) {
                const int cell = half_width + (o > 0 ? k : -k);
                cells[static_cast<std::size_t>(cell)] = is_low ? low_mark : high_mark;
            }
        }
        std::string bar;
        for (const auto& c : cells)
            bar += c;
        bars.push_back(std::move(bar));
        // Label each end of the bar with the figure there and the parameter value giving it.
        const bool low_left = !(r.at_low > r.at_high);
        const double left_fig = low_left ? r.at_low : r.at_high;
        const double right_fig = low_left ? r.at_high : r.at_low;
        const double left_in = low_left ? r.low_input : r.high_input;
        const double right_in = low_left ? r.high_input : r.low_input;
        lefts.push_back(fmt::format("[{}] {}", parameter_value(r.kind, left_in), show(left_fig)));
        rights.push_back(fmt::format("{} [{}]", show(right_fig), parameter_value(r.kind, right_in)));
        left_width = std::max(left_width, detail::display_width(lefts.back()));
    }
    std::string out;
    // Axis: the figure at each edge and at the base, over the bars.
    const std::size_t width = 2 * half_width + 1;
    const std::string axis_left = widest > 0.0 ? show(base - widest) : "";
    const std::string axis_right = widest > 0.0 ? show(base + widest) : "";
    const std::string base_label = show(base);
    std::string axis = axis_left;
    std::size_t used = detail::display_width(axis_left);
    const std::size_t base_start =
        half_width - std::min<std::size_t>(detail::display_width(base_label) / 2, half_width);
    if (axis.empty() || base_start > used + 1) {
        axis += std::string(base_start - std::min(base_start, used), ' ') + base_label;
        used = std::max(base_start, used) + detail::display_width(base_label);
    }
    const std::size_t right_start = width - std::min(width, detail::display_width(axis_right));
    if (right_start > used + 1) axis += std::string(right_start - used, ' ') + axis_right;
    out += fmt::format("  {:<{}}  {:>{}} {}\n", "parameter", path_width, "", left_width, axis);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::string pad_path(path_width - detail::display_width(rows[i].path), ' ');
        const std::string pad_left(left_width - detail::display_width(lefts[i]), ' ');
        std::string line = "  ";
        line.append(rows[i].path).append(pad_path).append("  ").append(pad_left);
        line.append(lefts[i]).append(" ").append(bars[i]).append(" ").append(rights[i]);
        out += line + "\n";
    }
    return out;
}

std::vector<const parameter_sensitivity*> shown(const sensitivity_result& s, std::size_t top, bool by_npv) {
    std::vector<const parameter_sensitivity*> rows;
    for (const auto& p : s.parameters)
        rows.push_back(&p);
    if (by_npv) {
        std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
            if (a->npv_swing != b->npv_swing) return a->npv_swing > b->npv_swing;
            return a->path < b->path;
        });
    }
    if (top > 0 && rows.size() > top) rows.resize(top);
    return rows;
}

std::string ratio_tornado(const sensitivity_result& s, std::size_t top) {
    std::vector<tornado_row> rows;
    const double inf = std::numeric_limits<double>::infinity();
    for (const auto* p : shown(s, top, false)) {
        rows.push_back({p->path, p->kind, p->low.value, p->high.value, p->low.sroi_ratio.value_or(inf),
                        p->high.sroi_ratio.value_or(inf)});
    }
    return tornado(rows, s.base.sroi_ratio, [](double v) { return std::isfinite(v) ? number(v, 2) : "n/a"; });
}

std::string npv_tornado(const sensitivity_result& s, std::size_t top, const std::string& cur) {
    std::vector<tornado_row> rows;
    for (const auto* p : shown(s, top, true)) {
        rows.push_back({p->path, p->kind, p->low.value, p->high.value, p->low.net_present_value,
                        p->high.net_present_value});
    }
    return tornado(rows, s.base.net_present_value, [&](double v) { return money(cur, v); });
}

std::string legend(std::size_t shown_rows, std::size_t all) {
    return fmt::format(
        "  {} parameter at its low value, {} at its high value, │ the base case; [x] is the "
        "parameter's value at that end{}\n",
        low_mark, high_mark,
        shown_rows < all ? fmt::format("; largest {} of {} swings", shown_rows, all) : "");
}

detail::table parameters_table(const sensitivity_result& s, const std::string& cur) {
    detail::table t;
    t.headers = {"#",
                 "Parameter",
                 "Base",
                 "Low",
                 "High",
                 "Range from",
                 "Ratio at low",
                 "Ratio at high",
                 "Swing",
                 "NPV at low",
                 "NPV at high",
                 "Switching value",
                 "Change from base"};
    t.right_aligned = {true, false, true, true, true, false, true, true, true, true, true, true, true};
    std::size_t rank = 0;
    const auto cash = [&](double v) { return money(cur, v); };
    for (const parameter_sensitivity& p : s.parameters) {
        const std::string from =
            p.range.low_source == p.range.high_source
                ? to_string(p.range.low_source)
                : fmt::format("{}/{}", to_string(p.range.low_source), to_string(p.range.high_source));
        t.rows.push_back({std::to_string(++rank), p.path, parameter_value(p.kind, p.base),
                          parameter_value(p.kind, p.low.value), parameter_value(p.kind, p.high.value), from,
                          ratio_text(p.low.sroi_ratio), ratio_text(p.high.sroi_ratio),
                          p.swing ? number(*p.swing, 2) : "n/a", cash(p.low.net_present_value),
                          cash(p.high.net_present_value), switching_text(p),
                          p.switching ? signed_percent(p.switching->relative_change) : ""});
    }
    return t;
}

std::vector<std::string> notes_of(const parameter_sensitivity& p) {
    std::vector<std::string> notes = p.notes;
    if (p.switching && !p.switching->note.empty()) notes.push_back("switching value: " + p.switching->note);
    return notes;
}

std::string heading(const sensitivity_result& s, const model& m, const std::string& scenario) {
    std::string h =
        fmt::format("{} | case: {}", m.project.name, scenario.empty() ? std::string("base") : scenario);
    h += fmt::format(" | ranges: own low/high, else {:g}th/{:g}th percentiles, else +/-{}",
                     s.options.low_percentile * 100, s.options.high_percentile * 100,
                     percent(s.options.variation));
    if (s.options.ranges == range_rule::percentiles) h += " (percentiles for every distribution)";
    return h;
}

}  // namespace

std::string sensitivity_text(const sensitivity_result& s, const report_context& c, std::size_t top) {
    const model& m = detail::report_model(c);
    const std::string cur = detail::currency_symbol(m.project.currency);
    std::string out = fmt::format("One-way sensitivity: {}\n\n", heading(s, m, c.scenario));
    out += fmt::format("  {:<28} {}\n", "SROI ratio (base)", number(s.base.sroi_ratio, 2) + " : 1");
    out += fmt::format("  {:<28} {}\n", "Net present value (base)", money(cur, s.base.net_present_value));
    out += fmt::format("  {:<28} {}\n", "Parameters", s.parameters.size());
    if (!s.parameters.empty()) {
        const std::size_t n = top == 0 ? s.parameters.size() : std::min(top, s.parameters.size());
        out += "\nTornado: SROI ratio\n" + ratio_tornado(s, top) + legend(n, s.parameters.size());
        out += "\nTornado: net present value\n" + npv_tornado(s, top, cur) + legend(n, s.parameters.size());
        out +=
            "\nEvery parameter, largest swing of the ratio first (switching value: NPV = 0, others at "
            "base)\n";
        out += parameters_table(s, cur).to_text();
        std::string notes;
        for (const parameter_sensitivity& p : s.parameters) {
            for (const std::string& n_text : notes_of(p))
                notes += "  - " + p.path + ": " + n_text + "\n";
        }
        if (!notes.empty()) out += "\nNotes\n" + notes;
    }
    return out + detail::warnings_section(c, false);
}

std::string sensitivity_markdown(const sensitivity_result& s, const report_context& c, std::size_t top) {
    const model& m = detail::report_model(c);
    const std::string cur = detail::currency_symbol(m.project.currency);
    std::string out =
        fmt::format("# One-way sensitivity: {}\n\n{}\n\n", m.project.name, heading(s, m, c.scenario));
    out += "| Figure | Base |\n|---|---:|\n";
    out += fmt::format("| SROI ratio | {} : 1 |\n", number(s.base.sroi_ratio, 2));
    out += fmt::format("| Net present value | {} |\n", money(cur, s.base.net_present_value));
    if (!s.parameters.empty()) {
        const std::size_t n = top == 0 ? s.parameters.size() : std::min(top, s.parameters.size());
        out += "\n## Tornado: SROI ratio\n\n```\n" + ratio_tornado(s, top) + legend(n, s.parameters.size()) +
               "```\n";
        out += "\n## Tornado: net present value\n\n```\n" + npv_tornado(s, top, cur) +
               legend(n, s.parameters.size()) + "```\n";
        out +=
            "\n## Parameters and switching values\n\n"
            "Largest swing of the SROI ratio first. The switching value is the value of that parameter, the "
            "others at base, at which the net present value is 0 (SROI ratio 1 : 1).\n\n";
        out += parameters_table(s, cur).to_markdown();
        std::string notes;
        for (const parameter_sensitivity& p : s.parameters) {
            for (const std::string& n_text : notes_of(p))
                notes += "- `" + p.path + "`: " + n_text + "\n";
        }
        if (!notes.empty()) out += "\n## Notes\n\n" + notes;
    }
    return out + detail::warnings_section(c, true);
}

std::string sensitivity_json(const sensitivity_result& s, const report_context& c) {
    const model& m = detail::report_model(c);
    using nlohmann::json;
    const auto num = [](double v) { return std::isfinite(v) ? json(v) : json(nullptr); };
    const auto opt = [&](const std::optional<double>& v) { return v ? num(*v) : json(nullptr); };
    json j;
    j["project"] = {{"name", m.project.name}, {"currency", m.project.currency}};
    j["scenario"] = c.scenario.empty() ? json(nullptr) : json(c.scenario);
    j["variation"] = s.options.variation;
    j["range_rule"] = s.options.ranges == range_rule::explicit_first ? "explicit_first" : "percentiles";
    j["base"] = {{"sroi_ratio", num(s.base.sroi_ratio)},
                 {"net_present_value", num(s.base.net_present_value)},
                 {"present_value", num(s.base.present_value)},
                 {"total_inputs", num(s.base.total_inputs)}};
    json parameters = json::array();
    for (const parameter_sensitivity& p : s.parameters) {
        json e = {{"path", p.path},
                  {"base", num(p.base)},
                  {"low", num(p.low.value)},
                  {"high", num(p.high.value)},
                  {"sroi_ratio_low", opt(p.low.sroi_ratio)},
                  {"sroi_ratio_high", opt(p.high.sroi_ratio)},
                  {"npv_low", num(p.low.net_present_value)},
                  {"npv_high", num(p.high.net_present_value)},
                  {"switching_value", p.switching ? opt(p.switching->value) : json(nullptr)},
                  {"kind", kind_name(p.kind)},
                  {"low_source", to_string(p.range.low_source)},
                  {"high_source", to_string(p.range.high_source)},
                  {"swing", opt(p.swing)},
                  {"npv_swing", num(p.npv_swing)},
                  {"present_value_low", num(p.low.present_value)},
                  {"present_value_high", num(p.high.present_value)},
                  {"total_inputs_low", num(p.low.total_inputs)},
                  {"total_inputs_high", num(p.high.total_inputs)}};
        if (p.switching) {
            e["switching_value_relative_change"] = opt(p.switching->relative_change);
            e["switching_value_method"] = method_name(p.switching->method);
            e["switching_value_roots"] = p.switching->roots;
        }
        e["notes"] = notes_of(p);
        parameters.push_back(std::move(e));
    }
    j["parameters"] = std::move(parameters);
    j["warnings"] = detail::warnings_json(c);
    return j.dump(2) + "\n";
}

std::string sensitivity_csv(const sensitivity_result& s, const report_context& c) {
    (void)detail::report_model(c);
    const auto opt = [](const std::optional<double>& v) { return v ? csv_number(*v) : std::string("NA"); };
    std::string out = detail::csv_line(
        {"scenario", "rank", "path", "kind", "base", "low", "high", "low_source", "high_source",
         "sroi_ratio_low", "sroi_ratio_high", "swing", "npv_low", "npv_high", "npv_swing", "switching_value",
         "switching_value_relative_change", "switching_value_method", "notes"});
    const std::string scenario = c.scenario.empty() ? "base" : c.scenario;
    std::size_t rank = 0;
    for (const parameter_sensitivity& p : s.parameters) {
        std::string notes;
        for (const std::string& n : notes_of(p))
            notes += (notes.empty() ? "" : "; ") + n;
        out += detail::csv_line({scenario, std::to_string(++rank), p.path, kind_name(p.kind),
                                 csv_number(p.base), csv_number(p.low.value), csv_number(p.high.value),
                                 to_string(p.range.low_source), to_string(p.range.high_source),
                                 opt(p.low.sroi_ratio), opt(p.high.sroi_ratio), opt(p.swing),
                                 csv_number(p.low.net_present_value), csv_number(p.high.net_present_value),
                                 csv_number(p.npv_swing), p.switching ? opt(p.switching->value) : "NA",
                                 p.switching ? opt(p.switching->relative_change) : "NA",
                                 p.switching ? method_name(p.switching->method) : "NA", notes});
    }
    return out;
}

std::string render_sensitivity(const sensitivity_result& s, const report_context& context,
                               report_format format, std::size_t top) {
    return detail::render_in(format,
                             {.text = [&] { return sensitivity_text(s, context, top); },
                              .markdown = [&] { return sensitivity_markdown(s, context, top); },
                              .json = [&] { return sensitivity_json(s, context); },
                              .csv = [&] { return sensitivity_csv(s, context); }},
                             "the {} format is not available for sensitivity");
}

// ---------------------------------------------------------------------------------------------
// Sweep CSV

std::string sweep_csv(const sweep_result& s) {
    std::vector<std::string> header = s.paths;
    for (const char* h : {"sroi_ratio", "net_present_value", "present_value", "total_inputs"})
        header.emplace_back(h);
    std::string out = detail::csv_line(header);
    std::vector<std::string> fields;
    for (std::size_t row = 0; row < s.points.size(); ++row) {
        fields.clear();
        for (const double v : s.points[row])
            fields.push_back(csv_number(v));
        const totals& t = s.figures[row];
        fields.push_back(t.total_inputs > 0.0 ? csv_number(t.sroi_ratio) : "NA");
        fields.push_back(csv_number(t.net_present_value));
        fields.push_back(csv_number(t.present_value));
        fields.push_back(csv_number(t.total_inputs));
        out += detail::csv_line(fields);
    }
    return out;
}

}  // namespace sroi
