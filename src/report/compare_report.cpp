// Forecast against actual as text, Markdown, JSON and CSV (report layer: formats a comparison,
// computes nothing).
#include <sroi/report/compare_report.hpp>

#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/format_dispatch.hpp"
#include "report/table.hpp"

namespace sroi {

// ---------------------------------------------------------------------------------------------
// Rendering

namespace {

using detail::money;
using detail::number;
using detail::percent;

std::string change_text(const forecast_actual& v) {
    const std::optional<double> r = v.relative();
    return r ? (*r > 0 ? "+" : "") + percent(*r) : "n/a";
}

std::string signed_money(double v) {
    return (v > 0 ? "+" : "") + money(v);
}

detail::table outcomes_table(const comparison& c) {
    detail::table t;
    t.headers = {"Outcome",    "Status", "Quantity (F)", "Quantity (A)",  "Impact (F)",
                 "Impact (A)", "PV (F)", "PV (A)",       "PV difference", "Change"};
    t.right_aligned = {false, false, true, true, true, true, true, true, true, true};
    for (const outcome_comparison& o : c.outcomes) {
        t.rows.push_back({o.id, to_string(o.status), number(o.quantity.forecast, 1),
                          number(o.quantity.actual, 1), money(o.impact.forecast), money(o.impact.actual),
                          money(o.present_value.forecast), money(o.present_value.actual),
                          signed_money(o.present_value.difference), change_text(o.present_value)});
    }
    return t;
}

detail::table inputs_table(const comparison& c) {
    detail::table t;
    t.headers = {"Input", "Status", "Value (F)", "Value (A)", "PV (F)", "PV (A)", "PV difference", "Change"};
    t.right_aligned = {false, false, true, true, true, true, true, true};
    for (const input_comparison& in : c.inputs) {
        t.rows.push_back({in.id, to_string(in.status), money(in.value.forecast), money(in.value.actual),
                          money(in.present_value.forecast), money(in.present_value.actual),
                          signed_money(in.present_value.difference), change_text(in.present_value)});
    }
    return t;
}

detail::table totals_table(const comparison& c, const std::string& cur) {
    detail::table t;
    t.headers = {"Figure", "Forecast", "Actual", "Difference", "Change"};
    t.right_aligned = {false, true, true, true, true};
    const auto row = [&](const char* label, const forecast_actual& v) {
        t.rows.push_back({label, money(cur, v.forecast), money(cur, v.actual), signed_money(v.difference),
                          change_text(v)});
    };
    row("Present value of outcomes", c.present_value);
    row("Total inputs (present value)", c.total_inputs);
    row("Net present value", c.net_present_value);
    t.rows.push_back({"SROI ratio", number(c.sroi_ratio.forecast, 2), number(c.sroi_ratio.actual, 2),
                      (c.sroi_ratio.difference > 0 ? "+" : "") + number(c.sroi_ratio.difference, 2),
                      change_text(c.sroi_ratio)});
    return t;
}

std::string lists(const comparison& c) {
    std::string added;
    std::string dropped;
    for (const outcome_comparison& o : c.outcomes) {
        if (o.status == match_status::added) added += (added.empty() ? "" : ", ") + o.id;
        if (o.status == match_status::dropped) dropped += (dropped.empty() ? "" : ", ") + o.id;
    }
    return fmt::format(
        "Outcomes added (only in the actual): {}\nOutcomes dropped (only in the forecast): {}\n",
        added.empty() ? "none" : added, dropped.empty() ? "none" : dropped);
}

std::string basis(const comparison& c) {
    if (c.price_year) return fmt::format("{} prices, {}", *c.price_year, c.currency);
    return fmt::format("{}, values as given (no price year)", c.currency);
}

}  // namespace

std::string comparison_text(const comparison& c) {
    const std::string cur = detail::currency_symbol(c.currency);
    std::string out =
        fmt::format("Forecast against actual\n  forecast (F): {}{}\n  actual (A):   {}{}\n  {}\n\n",
                    c.forecast_name, c.forecast_file.empty() ? "" : " [" + c.forecast_file + "]",
                    c.actual_name, c.actual_file.empty() ? "" : " [" + c.actual_file + "]", basis(c));
    out += "Totals\n" + totals_table(c, cur).to_text();
    out += "\nOutcomes (impact = value of the first year of value)\n" + outcomes_table(c).to_text();
    out += "\nInputs\n" + inputs_table(c).to_text();
    out += "\n" + lists(c);
    if (!c.notes.empty()) {
        out += "\nNotes\n";
        for (const diagnostic& d : c.notes)
            out += "  - " + (d.location.file.empty() ? "" : d.location.file + ": ") + d.message + "\n";
    }
    return out;
}

std::string comparison_markdown(const comparison& c) {
    const std::string cur = detail::currency_symbol(c.currency);
    std::string out =
        fmt::format("# Forecast against actual\n\n- Forecast (F): {}\n- Actual (A): {}\n- {}\n\n",
                    c.forecast_name, c.actual_name, basis(c));
    out += "## Totals\n\n" + totals_table(c, cur).to_markdown();
    out += "\n## Outcomes\n\n" + outcomes_table(c).to_markdown();
    out += "\n## Inputs\n\n" + inputs_table(c).to_markdown();
    std::string l = lists(c);
    out += "\n";
    for (std::size_t start = 0, end; start < l.size(); start = end + 1) {
        end = l.find('\n', start);
        out += "- " + l.substr(start, end - start) + "\n";
    }
    if (!c.notes.empty()) {
        out += "\n## Notes\n\n";
        for (const diagnostic& d : c.notes)
            out += "- " + d.message + "\n";
    }
    return out;
}

std::string comparison_json(const comparison& c) {
    using nlohmann::json;
    const auto pair = [](const forecast_actual& v) {
        const std::optional<double> r = v.relative();
        return json{{"forecast", v.forecast},
                    {"actual", v.actual},
                    {"difference", v.difference},
                    {"relative_difference", r ? json(*r) : json(nullptr)}};
    };
    json j;
    j["forecast"] = {
        {"name", c.forecast_name}, {"file", c.forecast_file}, {"rebase_factor", c.forecast_rebase_factor}};
    j["actual"] = {{"name", c.actual_name}, {"file", c.actual_file}};
    j["currency"] = c.currency;
    j["price_year"] = c.price_year ? json(*c.price_year) : json(nullptr);
    j["total"] = {{"present_value", pair(c.present_value)},
                  {"total_inputs", pair(c.total_inputs)},
                  {"net_present_value", pair(c.net_present_value)},
                  {"sroi_ratio", pair(c.sroi_ratio)}};
    json outcomes = json::array();
    for (const outcome_comparison& o : c.outcomes) {
        outcomes.push_back({{"id", o.id},
                            {"stakeholder", o.stakeholder},
                            {"status", to_string(o.status)},
                            {"quantity", pair(o.quantity)},
                            {"proxy", pair(o.proxy)},
                            {"impact", pair(o.impact)},
                            {"present_value", pair(o.present_value)}});
    }
    j["outcomes"] = outcomes;
    json inputs = json::array();
    for (const input_comparison& in : c.inputs) {
        inputs.push_back({{"id", in.id},
                          {"stakeholder", in.stakeholder},
                          {"status", to_string(in.status)},
                          {"value", pair(in.value)},
                          {"present_value", pair(in.present_value)}});
    }
    j["inputs"] = inputs;
    json notes = json::array();
    for (const diagnostic& d : c.notes)
        notes.push_back(d.message);
    j["notes"] = notes;
    return j.dump(2) + "\n";
}

std::string comparison_csv(const comparison& c) {
    using detail::csv_number;
    std::string out = detail::csv_line(
        {"kind", "id", "stakeholder", "status", "figure", "forecast", "actual", "difference"});
    const auto line = [&](const char* kind, const std::string& id, const std::string& stakeholder,
                          const char* status, const char* figure, const forecast_actual& v) {
        out += detail::csv_line({kind, id, stakeholder, status, figure, csv_number(v.forecast),
                                 csv_number(v.actual), csv_number(v.difference)});
    };
    line("total", "", "", "", "present_value", c.present_value);
    line("total", "", "", "", "total_inputs", c.total_inputs);
    line("total", "", "", "", "net_present_value", c.net_present_value);
    line("total", "", "", "", "sroi_ratio", c.sroi_ratio);
    for (const outcome_comparison& o : c.outcomes) {
        const char* s = to_string(o.status);
        line("outcome", o.id, o.stakeholder, s, "quantity", o.quantity);
        line("outcome", o.id, o.stakeholder, s, "proxy", o.proxy);
        line("outcome", o.id, o.stakeholder, s, "impact", o.impact);
        line("outcome", o.id, o.stakeholder, s, "present_value", o.present_value);
    }
    for (const input_comparison& in : c.inputs) {
        const char* s = to_string(in.status);
        line("input", in.id, in.stakeholder, s, "value", in.value);
        line("input", in.id, in.stakeholder, s, "present_value", in.present_value);
    }
    return out;
}

std::string render_comparison(const comparison& c, report_format format) {
    return detail::render_in(format,
                             {.text = [&] { return comparison_text(c); },
                              .markdown = [&] { return comparison_markdown(c); },
                              .json = [&] { return comparison_json(c); },
                              .csv = [&] { return comparison_csv(c); }},
                             "the {} format is not available for a comparison");
}

}  // namespace sroi
