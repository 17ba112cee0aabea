#include <sroi/report/report.hpp>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <sroi/engine/local_multiplier.hpp>

#include "model/id_lookup.hpp"
#include "report/format_dispatch.hpp"
#include "report/table.hpp"

namespace sroi {

using detail::money;
using detail::number;
using detail::percent;
using detail::shorten;

std::optional<report_format> parse_report_format(std::string_view name) {
    if (name == "text") return report_format::text;
    if (name == "markdown" || name == "md") return report_format::markdown;
    if (name == "json") return report_format::json;
    if (name == "csv") return report_format::csv;
    if (name == "html") return report_format::html;
    if (name == "impact-map-csv") return report_format::impact_map_csv;
    return std::nullopt;
}

const char* to_string(report_format f) noexcept {
    switch (f) {
        case report_format::text:
            return "text";
        case report_format::markdown:
            return "markdown";
        case report_format::json:
            return "json";
        case report_format::csv:
            return "csv";
        case report_format::html:
            return "html";
        case report_format::impact_map_csv:
            return "impact-map-csv";
    }
    return "?";
}

std::string describe_discounting(const discount_spec& spec) {
    const char* timing = spec.timing == discount_timing::end_of_year ? "end of year" : "start of year";
    switch (spec.kind) {
        case discount_spec::form::constant:
            return fmt::format("{} constant, {}", percent(spec.rate.value), timing);
        case discount_spec::form::green_book:
            return fmt::format("HM Treasury Green Book declining schedule (3.5% years 1-30), {}", timing);
        case discount_spec::form::per_year: {
            std::string rates;
            for (const double r : spec.rates)
                rates += (rates.empty() ? "" : ", ") + percent(r);
            return fmt::format("per-year rates {} (last repeats), {}", rates, timing);
        }
    }
    return "";
}

namespace {

// Where an outcome's proxy comes from, for the impact map.
std::string proxy_source(const detail::id_lookup<proxy>& proxies, const outcome& o) {
    if (!o.proxy.ref.empty()) {
        const proxy* p = proxies.find(o.proxy.ref);
        std::string s = o.proxy.ref;
        if (o.proxy.multiplier != 1.0) s += fmt::format(" x {}", o.proxy.multiplier);
        if (p != nullptr && !p->provenance.source.empty()) s += " (" + p->provenance.source + ")";
        return s;
    }
    return o.proxy.provenance.source.empty() ? "(model)" : o.proxy.provenance.source;
}

std::optional<int> proxy_price_year(const detail::id_lookup<proxy>& proxies, const outcome& o) {
    if (!o.proxy.ref.empty()) {
        const proxy* p = proxies.find(o.proxy.ref);
        return p != nullptr ? p->price_year : std::nullopt;
    }
    return o.proxy.price_year;
}

std::string year_label(const model& m, int year) {
    if (m.project.start_year) return fmt::format("{} ({})", year, *m.project.start_year + year - 1);
    return std::to_string(year);
}

std::string payback_text(const result& r) {
    return r.payback_months ? number(*r.payback_months, 1) + " months" : "n/a (no positive annual impact)";
}

// A part of a whole as a percentage with one decimal, e.g. `46.0%`.
std::string share(double part, double whole) {
    if (whole == 0 || !std::isfinite(part / whole)) return "n/a";
    return fmt::format("{:.1f}%", 100.0 * part / whole);
}

detail::table impact_map_table(const result& r, const model& m, const std::string& cur,
                               std::size_t source_width) {
    detail::table t;
    t.headers = {
        "Stakeholder",  "Outcome",    "Indicator",    "Quantity",    "Duration", "Proxy (" + cur + ")",
        "Proxy source", "Deadweight", "Displacement", "Attribution", "Drop-off", "Impact"};
    t.right_aligned = {false, false, false, true, true, true, false, true, true, true, true, true};
    const detail::id_lookup<proxy> proxies = detail::proxy_lookup(m);
    for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
        const outcome& o = m.outcomes[i];
        const outcome_result& res = r.outcomes[i];
        t.rows.push_back({o.stakeholder, o.id, shorten(o.indicator, source_width),
                          number(res.quantity, res.quantity == std::floor(res.quantity) ? 0 : 2),
                          fmt::format("{}y from y{}", o.duration, o.start), number(res.proxy, 2),
                          shorten(proxy_source(proxies, o), source_width), percent(res.deadweight),
                          percent(res.displacement), percent(res.attribution), percent(res.drop_off),
                          money(res.impact)});
    }
    return t;
}

detail::table years_table(const result& r, const model& m) {
    detail::table t;
    t.headers = {"Year", "Value", "Discount factor", "Present value"};
    t.right_aligned = {false, true, true, true};
    for (std::size_t y = 0; y < r.years.size(); ++y) {
        t.rows.push_back({year_label(m, r.years[y]), money(r.value_by_year[y]),
                          number(r.discount_factors[y], 4), money(r.present_value_by_year[y])});
    }
    return t;
}

detail::table outcomes_table(const result& r) {
    detail::table t;
    t.headers = {"Outcome", "Stakeholder", "Theme", "Value type", "Present value", "Share"};
    t.right_aligned = {false, false, false, false, true, true};
    for (const outcome_result& o : r.outcomes) {
        t.rows.push_back({o.id, o.stakeholder, o.theme, to_string(o.type), money(o.present_value),
                          share(o.present_value, r.present_value)});
    }
    return t;
}

detail::table groups_table(const std::vector<group_result>& groups, const std::string& title,
                           bool with_inputs, double total) {
    detail::table t;
    t.headers = {title, "Present value", "Share"};
    t.right_aligned = {false, true, true};
    if (with_inputs) {
        t.headers.push_back("Inputs");
        t.right_aligned.push_back(true);
    }
    for (const group_result& g : groups) {
        t.rows.push_back({g.key, money(g.present_value), share(g.present_value, total)});
        if (with_inputs) t.rows.back().push_back(money(g.inputs));
    }
    return t;
}

detail::table inputs_table(const result& r, const model& m) {
    detail::table t;
    t.headers = {"Input", "Stakeholder", "Year", "Value", "Present value"};
    t.right_aligned = {false, false, true, true, true};
    for (std::size_t i = 0; i < r.inputs.size(); ++i) {
        const input_result& in = r.inputs[i];
        t.rows.push_back(
            {in.id, in.stakeholder, std::to_string(in.year), money(in.value), money(in.present_value)});
        (void)m;
    }
    return t;
}

/// The LM3 items of a model and their total (spend-weighted LM3), beside the SROI figures.
detail::table local_multiplier_table(const local_multiplier_result& lm, const std::string& cur) {
    detail::table t;
    t.headers = {"Local spend", "Recipient", "R1 (" + cur + ")", "R2", "R3", "LM3", "Local value"};
    t.right_aligned = {false, false, true, true, true, true, true};
    for (const local_multiplier_item& i : lm.items) {
        t.rows.push_back({i.id, i.local_recipient ? "local" : "out of area", money(i.round1), money(i.round2),
                          money(i.round3), number(i.lm3, 2), money(i.local_value)});
    }
    if (lm.lm3) {
        t.rows.push_back({"Total", "", money(lm.round1), money(lm.round2), money(lm.round3),
                          number(*lm.lm3, 2), money(lm.local_value)});
    }
    return t;
}

struct headline_row {
    std::string label;
    std::string value;
};

std::vector<headline_row> headline(const result& r, const model& m) {
    const std::string cur = detail::currency_symbol(m.project.currency);
    return {{"Present value of outcomes", money(cur, r.present_value)},
            {"Total inputs (present value)", money(cur, r.total_inputs)},
            {"Net present value", money(cur, r.net_present_value)},
            {"SROI ratio", fmt::format("{}{} : {}1", cur, number(r.sroi_ratio, 2), cur)},
            {"Net SROI ratio", number(r.net_sroi_ratio, 2)},
            {"Payback", payback_text(r)}};
}

// What the simple payback counts, said beside it (SROI Guide's payback: inputs over the first
// year's impact).
constexpr const char* payback_note =
    "Payback: months until the first year's impact repays the inputs; it ignores drop-off, duration and "
    "discounting.";

std::string subtitle(const model& m, const std::string& scenario) {
    std::string s = m.project.type == study_type::forecast ? "Forecast" : "Evaluative";
    s += " SROI";
    if (m.project.price_year)
        s += fmt::format(" | {} prices, {}", *m.project.price_year, m.project.currency);
    else
        s += fmt::format(" | {} (values as given; no price year)", m.project.currency);
    s += " | discounting: " + describe_discounting(m.discount);
    if (m.project.horizon) s += fmt::format(" | horizon {} years", *m.project.horizon);
    s += " | scenario: " + (scenario.empty() ? std::string("base case") : scenario);
    return s;
}

}  // namespace

std::string report_text(const result& r, const report_context& c) {
    const model& m = c.m;
    const std::string cur = detail::currency_symbol(m.project.currency);
    std::string out = fmt::format("SROI report: {}\n{}\n\n", m.project.name, subtitle(m, c.scenario));
    out += "Headline\n";
    for (const auto& [label, value] : headline(r, m))
        out += fmt::format("  {:<30} {}\n", label, value);
    out += fmt::format("  {}\n", payback_note);
    out += "\nImpact map\n" + impact_map_table(r, m, cur, 48).to_text();
    out += "\nValue by year (undiscounted, then discounted)\n" + years_table(r, m).to_text();
    out += "\nPresent value by outcome\n" + outcomes_table(r).to_text();
    out +=
        "\nBy stakeholder\n" + groups_table(r.stakeholders, "Stakeholder", true, r.present_value).to_text();
    out += "\nBy theme\n" + groups_table(r.themes, "Theme", false, r.present_value).to_text();
    out += "\nBy value type\n" + groups_table(r.value_types, "Value type", false, r.present_value).to_text();
    out += "\nInputs\n" + inputs_table(r, m).to_text();
    if (!m.local_spending.empty()) {
        out += "\nLocal Multiplier 3 (LM3), beside the SROI figures\n" +
               local_multiplier_table(evaluate_local_multiplier(m), cur).to_text();
        out += fmt::format("  {}\n", local_multiplier_caveat());
    }
    if (!c.warnings.empty()) {
        out += "\nWarnings\n";
        for (const diagnostic& d : c.warnings)
            out += "  - " + (d.path.empty() ? "" : d.path + ": ") + d.message + "\n";
    }
    return out;
}

std::string report_markdown(const result& r, const report_context& c) {
    const model& m = c.m;
    const std::string cur = detail::currency_symbol(m.project.currency);
    std::string out = fmt::format("# SROI report: {}\n\n{}\n\n", m.project.name, subtitle(m, c.scenario));
    if (!m.project.description.empty()) out += m.project.description + "\n\n";
    out += "## Headline\n\n| Figure | Value |\n|---|---:|\n";
    for (const auto& [label, value] : headline(r, m))
        out += fmt::format("| {} | {} |\n", label, value);
    out += fmt::format("\n{}\n", payback_note);
    out += "\n## Impact map\n\n" + impact_map_table(r, m, cur, 1000).to_markdown();
    out += "\n## Value by year\n\n" + years_table(r, m).to_markdown();
    out += "\n## Present value by outcome\n\n" + outcomes_table(r).to_markdown();
    out += "\n## By stakeholder\n\n" +
           groups_table(r.stakeholders, "Stakeholder", true, r.present_value).to_markdown();
    out += "\n## By theme\n\n" + groups_table(r.themes, "Theme", false, r.present_value).to_markdown();
    out += "\n## By value type\n\n" +
           groups_table(r.value_types, "Value type", false, r.present_value).to_markdown();
    out += "\n## Inputs\n\n" + inputs_table(r, m).to_markdown();
    if (!m.local_spending.empty()) {
        out += "\n## Local Multiplier 3 (LM3), beside the SROI figures\n\n" +
               local_multiplier_table(evaluate_local_multiplier(m), cur).to_markdown();
        out += fmt::format("\n{}\n", local_multiplier_caveat());
    }
    if (!c.warnings.empty()) {
        out += "\n## Warnings\n\n";
        for (const diagnostic& d : c.warnings)
            out += "- " + (d.path.empty() ? "" : "`" + d.path + "`: ") + d.message + "\n";
    }
    return out;
}

namespace {

nlohmann::json local_multiplier_json(const local_multiplier_result& lm) {
    using nlohmann::json;
    json items = json::array();
    for (const local_multiplier_item& i : lm.items) {
        items.push_back({{"id", i.id},
                         {"description", i.description},
                         {"recipient", i.local_recipient ? "local" : "out_of_area"},
                         {"round1", i.round1},
                         {"round2", i.round2},
                         {"round3", i.round3},
                         {"lm3", i.lm3},
                         {"local_value", i.local_value},
                         {"local_value_per_unit", i.local_value_per_unit}});
    }
    return {{"items", items},
            {"total",
             {{"round1", lm.round1},
              {"round2", lm.round2},
              {"round3", lm.round3},
              {"lm3", lm.lm3 ? json(*lm.lm3) : json(nullptr)},
              {"local_value", lm.local_value}}},
            {"included_in_sroi", false},
            {"note", local_multiplier_caveat()}};
}

}  // namespace

std::string report_json(const result& r, const report_context& c) {
    const model& m = c.m;
    using nlohmann::json;
    json j;
    j["project"] = {{"name", m.project.name},
                    {"currency", m.project.currency},
                    {"price_year", m.project.price_year ? json(*m.project.price_year) : json(nullptr)},
                    {"start_year", m.project.start_year ? json(*m.project.start_year) : json(nullptr)},
                    {"type", to_string(m.project.type)}};
    j["scenario"] = c.scenario.empty() ? json(nullptr) : json(c.scenario);
    j["discounting"] = describe_discounting(m.discount);
    j["present_value"] = r.present_value;
    j["total_inputs"] = r.total_inputs;
    j["net_present_value"] = r.net_present_value;
    j["sroi_ratio"] = r.sroi_ratio;
    j["net_sroi_ratio"] = r.net_sroi_ratio;
    j["payback_months"] = r.payback_months ? json(*r.payback_months) : json(nullptr);
    j["annual_impact"] = r.annual_impact;
    j["years"] = r.years;
    j["discount_factors"] = r.discount_factors;
    j["value_by_year"] = r.value_by_year;
    j["present_value_by_year"] = r.present_value_by_year;
    json outcomes = json::array();
    for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
        const outcome_result& o = r.outcomes[i];
        outcomes.push_back({{"id", o.id},
                            {"stakeholder", o.stakeholder},
                            {"theme", o.theme},
                            {"value_type", to_string(o.type)},
                            {"quantity", o.quantity},
                            {"proxy", o.proxy},
                            {"deadweight", o.deadweight},
                            {"displacement", o.displacement},
                            {"attribution", o.attribution},
                            {"drop_off", o.drop_off},
                            {"impact", o.impact},
                            {"values", o.values},
                            {"present_value", o.present_value}});
    }
    j["outcomes"] = outcomes;
    json inputs = json::array();
    for (const input_result& in : r.inputs) {
        inputs.push_back({{"id", in.id},
                          {"stakeholder", in.stakeholder},
                          {"year", in.year},
                          {"value", in.value},
                          {"present_value", in.present_value}});
    }
    j["inputs"] = inputs;
    auto groups = [](const std::vector<group_result>& gs, bool with_inputs, const char* key) {
        json a = json::array();
        for (const group_result& g : gs) {
            json e = {{key, g.key}, {"present_value", g.present_value}};
            if (with_inputs) e["inputs"] = g.inputs;
            a.push_back(e);
        }
        return a;
    };
    j["stakeholders"] = groups(r.stakeholders, true, "id");
    j["themes"] = groups(r.themes, false, "theme");
    j["value_types"] = groups(r.value_types, false, "value_type");
    if (!m.local_spending.empty())
        j["local_multiplier"] = local_multiplier_json(evaluate_local_multiplier(m));
    json warnings = json::array();
    for (const diagnostic& d : c.warnings)
        warnings.push_back({{"path", d.path}, {"message", d.message}});
    j["warnings"] = warnings;
    return j.dump(2) + "\n";
}

std::string report_csv(const result& r, const report_context& c) {
    const model& m = c.m;
    using detail::csv_number;
    std::string out = detail::csv_line({"scenario", "outcome", "stakeholder", "theme", "value_type", "year",
                                        "calendar_year", "value", "discount_factor", "present_value"});
    const std::string scenario = c.scenario.empty() ? "base" : c.scenario;
    for (const outcome_result& o : r.outcomes) {
        for (std::size_t y = 0; y < r.years.size(); ++y) {
            const double v = o.values[y];
            out += detail::csv_line(
                {scenario, o.id, o.stakeholder, o.theme, to_string(o.type), std::to_string(r.years[y]),
                 m.project.start_year ? std::to_string(*m.project.start_year + r.years[y] - 1) : "NA",
                 csv_number(v), csv_number(r.discount_factors[y]), csv_number(v * r.discount_factors[y])});
        }
    }
    return out;
}

std::string report_impact_map_csv(const result& r, const report_context& c) {
    const model& m = c.m;
    using detail::csv_number;
    // The SROI Guide's impact map columns in its order: stakeholder; the outcome (description,
    // indicator, source, quantity, duration); financial proxy, value, source; deadweight,
    // displacement, attribution, drop-off; impact. `start`, the proxy's price year and the present
    // value are extras, each beside the column it qualifies.
    std::string out = detail::csv_line(
        {"stakeholder", "outcome", "description", "indicator", "indicator_source", "quantity", "duration",
         "start", "financial_proxy", "proxy_value", "proxy_source", "proxy_price_year", "deadweight",
         "displacement", "attribution", "drop_off", "impact", "present_value"});
    const detail::id_lookup<proxy> proxies = detail::proxy_lookup(m);
    for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
        const outcome& o = m.outcomes[i];
        const outcome_result& res = r.outcomes[i];
        const auto year = proxy_price_year(proxies, o);
        std::string proxy_name = "inline";
        std::string source = o.proxy.provenance.source;
        if (!o.proxy.ref.empty()) {
            proxy_name = o.proxy.ref;
            if (o.proxy.multiplier != 1.0) proxy_name += fmt::format(" x {}", o.proxy.multiplier);
            const proxy* p = proxies.find(o.proxy.ref);
            source = p != nullptr ? p->provenance.source : "";
        }
        out += detail::csv_line(
            {o.stakeholder, o.id, o.description, o.indicator, o.note, csv_number(res.quantity),
             std::to_string(o.duration), std::to_string(o.start), proxy_name, csv_number(res.proxy), source,
             year ? std::to_string(*year) : "NA", csv_number(res.deadweight), csv_number(res.displacement),
             csv_number(res.attribution), csv_number(res.drop_off), csv_number(res.impact),
             csv_number(res.present_value)});
    }
    return out;
}

std::string render_report(const result& r, const report_context& context, report_format format) {
    if (format == report_format::html) {  // a report never runs analyses: the caller does
        throw make_error(
            errors::report_unsupported,
            "the html report shows analyses run beforehand: use report_html(analyse_for_html(...))");
    }
    return detail::render_in(format,
                             {.text = [&] { return report_text(r, context); },
                              .markdown = [&] { return report_markdown(r, context); },
                              .json = [&] { return report_json(r, context); },
                              .csv = [&] { return report_csv(r, context); },
                              .impact_map_csv = [&] { return report_impact_map_csv(r, context); }},
                             "the {} format is not available here");
}

}  // namespace sroi
