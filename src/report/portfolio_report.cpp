// Rendering a portfolio (sroi portfolio) as text, Markdown, JSON and CSV.
#include <sroi/report/portfolio_report.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <sroi/engine/local_multiplier.hpp>

#include "report/format_dispatch.hpp"
#include "report/table.hpp"

namespace sroi {

namespace {

using detail::money;
using detail::number;
using detail::percent;

std::string ratio_text(const std::string& cur, double ratio) {
    return fmt::format("{}{} : {}1", cur, number(ratio, 2), cur);
}

std::string payback_text(const std::optional<double>& months) {
    return months ? number(*months, 1) + " months" : "n/a";
}

std::string price_basis(const portfolio_result& p) {
    if (p.price_year) return fmt::format("{} prices, {}", *p.price_year, p.currency);
    return fmt::format("{}, values as given (no price year)", p.currency);
}

detail::table models_table(const portfolio_result& p, const std::string& cur) {
    detail::table t;
    t.headers = {"File", "Name", "Type", "Present value", "Inputs", "NPV", "Ratio", "Payback", "Top outcome"};
    t.right_aligned = {false, false, false, true, true, true, true, true, false};
    for (const portfolio_model& m : p.models) {
        std::string top = m.top_outcome;
        if (!top.empty() && m.present_value != 0.0) {
            top += fmt::format(" ({})", percent(m.top_outcome_present_value / m.present_value));
        }
        std::string type = to_string(m.type);
        if (m.rebase_factor != 1.0 && m.price_year) type += fmt::format(", {} re-based", *m.price_year);
        t.rows.push_back({m.file, m.name, type, money(m.present_value), money(m.total_inputs),
                          money(m.net_present_value), ratio_text(cur, m.sroi_ratio),
                          payback_text(m.payback_months), top});
    }
    return t;
}

detail::table groups_table(const std::vector<portfolio_group>& groups, const std::string& title, double total,
                           bool with_inputs) {
    detail::table t;
    t.headers = {title, "Present value", "Share", "Models"};
    t.right_aligned = {false, true, true, true};
    if (with_inputs) {
        t.headers.push_back("Inputs");
        t.right_aligned.push_back(true);
    }
    for (const portfolio_group& g : groups) {
        t.rows.push_back({g.key, money(g.present_value),
                          total != 0.0 ? percent(g.present_value / total) : "n/a", std::to_string(g.models)});
        if (with_inputs) t.rows.back().push_back(money(g.inputs));
    }
    return t;
}

detail::table local_multiplier_table(const portfolio_result& p, const std::string& cur) {
    detail::table t;
    t.headers = {"File", "Items", "Local spend R1 (" + cur + ")", "Local value", "Value per " + cur + "1"};
    t.right_aligned = {false, true, true, true, true};
    for (const portfolio_model& m : p.models) {
        if (m.local_spend_items == 0) continue;
        t.rows.push_back({m.file, std::to_string(m.local_spend_items), money(m.local_spend),
                          money(m.local_value), number(m.local_value / m.local_spend, 2)});
    }
    t.rows.push_back({"Total", "", money(p.local_spend), money(p.local_value),
                      p.local_spend > 0.0 ? number(p.local_value / p.local_spend, 2) : "n/a"});
    return t;
}

struct headline_row {
    std::string label;
    std::string value;
};

std::vector<headline_row> headline(const portfolio_result& p, const std::string& cur) {
    const portfolio_totals& t = p.total;
    const bool defined = t.total_inputs > 0.0;
    return {{"Models in the totals", std::to_string(p.models.size())},
            {"Present value of outcomes", money(cur, t.present_value)},
            {"Total inputs (present value)", money(cur, t.total_inputs)},
            {"Net present value", money(cur, t.net_present_value)},
            {"SROI ratio (total PV / inputs)", defined ? ratio_text(cur, t.sroi_ratio) : "n/a"},
            {"Net SROI ratio", defined ? number(t.net_sroi_ratio, 2) : "n/a"},
            {"Payback", payback_text(t.payback_months)}};
}

std::string note_text(const diagnostic& d) {
    std::string s = d.location.file.empty() ? "" : d.location.file + ": ";
    return s + (d.path.empty() ? "" : d.path + ": ") + d.message;
}

}  // namespace

std::string portfolio_text(const portfolio_result& p) {
    const std::string cur = detail::currency_symbol(p.currency);
    std::string out = fmt::format("SROI portfolio: {} models | {}\n\n", p.models.size(), price_basis(p));
    out += "Models\n" + models_table(p, cur).to_text();
    out += "\nTotal\n";
    for (const auto& [label, value] : headline(p, cur))
        out += fmt::format("  {:<32} {}\n", label, value);
    out += "\nBy theme\n" + groups_table(p.themes, "Theme", p.total.present_value, false).to_text();
    out += "\nBy value type\n" +
           groups_table(p.value_types, "Value type", p.total.present_value, false).to_text();
    out += "\nBy stakeholder\n" +
           groups_table(p.stakeholders, "Stakeholder", p.total.present_value, true).to_text();
    if (p.local_multiplier) {
        out +=
            "\nLocal Multiplier 3 (LM3), beside the SROI totals\n" + local_multiplier_table(p, cur).to_text();
        out += fmt::format("  LM3 of all local spend: {}\n  {}\n", number(*p.local_multiplier, 2),
                           local_multiplier_caveat());
    }
    if (!p.excluded.empty()) {
        out += "\nNot in the totals\n";
        for (const portfolio_exclusion& e : p.excluded)
            out += fmt::format("  - {}: {}\n", e.file, e.reason);
    }
    if (!p.notes.empty()) {
        out += "\nNotes\n";
        for (const diagnostic& d : p.notes)
            out += "  - " + note_text(d) + "\n";
    }
    return out;
}

std::string portfolio_markdown(const portfolio_result& p) {
    const std::string cur = detail::currency_symbol(p.currency);
    std::string out = fmt::format("# SROI portfolio\n\n{} models | {}\n\n", p.models.size(), price_basis(p));
    out += "## Models\n\n" + models_table(p, cur).to_markdown();
    out += "\n## Total\n\n| Figure | Value |\n|---|---:|\n";
    for (const auto& [label, value] : headline(p, cur))
        out += fmt::format("| {} | {} |\n", label, value);
    out += "\n## By theme\n\n" + groups_table(p.themes, "Theme", p.total.present_value, false).to_markdown();
    out += "\n## By value type\n\n" +
           groups_table(p.value_types, "Value type", p.total.present_value, false).to_markdown();
    out += "\n## By stakeholder\n\n" +
           groups_table(p.stakeholders, "Stakeholder", p.total.present_value, true).to_markdown();
    if (p.local_multiplier) {
        out += "\n## Local Multiplier 3 (LM3), beside the SROI totals\n\n" +
               local_multiplier_table(p, cur).to_markdown();
        out += fmt::format("\nLM3 of all local spend: {}. {}\n", number(*p.local_multiplier, 2),
                           local_multiplier_caveat());
    }
    if (!p.excluded.empty()) {
        out += "\n## Not in the totals\n\n";
        for (const portfolio_exclusion& e : p.excluded)
            out += fmt::format("- `{}`: {}\n", e.file, e.reason);
    }
    if (!p.notes.empty()) {
        out += "\n## Notes\n\n";
        for (const diagnostic& d : p.notes)
            out += "- " + note_text(d) + "\n";
    }
    return out;
}

std::string portfolio_json(const portfolio_result& p) {
    using nlohmann::json;
    const auto optional_number = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
    const bool defined = p.total.total_inputs > 0.0;
    json j;
    j["currency"] = p.currency;
    j["price_year"] = p.price_year ? json(*p.price_year) : json(nullptr);
    json models = json::array();
    for (const portfolio_model& m : p.models) {
        models.push_back({{"file", m.file},
                          {"name", m.name},
                          {"type", to_string(m.type)},
                          {"price_year", m.price_year ? json(*m.price_year) : json(nullptr)},
                          {"rebase_factor", m.rebase_factor},
                          {"present_value", m.present_value},
                          {"total_inputs", m.total_inputs},
                          {"net_present_value", m.net_present_value},
                          {"sroi_ratio", m.sroi_ratio},
                          {"payback_months", optional_number(m.payback_months)},
                          {"top_outcome", m.top_outcome.empty() ? json(nullptr) : json(m.top_outcome)},
                          {"top_outcome_present_value", m.top_outcome_present_value},
                          {"local_spend", m.local_spend},
                          {"local_value", m.local_value}});
    }
    j["models"] = models;
    j["total"] = {{"models", p.models.size()},
                  {"present_value", p.total.present_value},
                  {"total_inputs", p.total.total_inputs},
                  {"net_present_value", p.total.net_present_value},
                  {"sroi_ratio", defined ? json(p.total.sroi_ratio) : json(nullptr)},
                  {"net_sroi_ratio", defined ? json(p.total.net_sroi_ratio) : json(nullptr)},
                  {"payback_months", optional_number(p.total.payback_months)},
                  {"annual_impact", p.total.annual_impact}};
    const auto groups = [](const std::vector<portfolio_group>& gs, const char* key, bool with_inputs) {
        json a = json::array();
        for (const portfolio_group& g : gs) {
            json e = {{key, g.key}, {"present_value", g.present_value}, {"models", g.models}};
            if (with_inputs) e["inputs"] = g.inputs;
            a.push_back(e);
        }
        return a;
    };
    j["themes"] = groups(p.themes, "theme", false);
    j["value_types"] = groups(p.value_types, "value_type", false);
    j["stakeholders"] = groups(p.stakeholders, "id", true);
    j["local_multiplier"] = {{"local_spend", p.local_spend},
                             {"local_value", p.local_value},
                             {"lm3", optional_number(p.local_multiplier)},
                             {"included_in_sroi", false}};
    json excluded = json::array();
    for (const portfolio_exclusion& e : p.excluded)
        excluded.push_back({{"file", e.file}, {"name", e.name}, {"reason", e.reason}});
    j["excluded"] = excluded;
    json notes = json::array();
    for (const diagnostic& d : p.notes)
        notes.push_back({{"file", d.location.file}, {"message", d.message}});
    j["notes"] = notes;
    return j.dump(2) + "\n";
}

std::string portfolio_csv(const portfolio_result& p) {
    using detail::csv_number;
    std::string out =
        detail::csv_line({"row", "file", "name", "type", "currency", "price_year", "rebase_factor",
                          "present_value", "total_inputs", "net_present_value", "sroi_ratio",
                          "payback_months", "top_outcome", "local_spend", "local_value"});
    const auto year = [](const std::optional<int>& y) { return y ? std::to_string(*y) : std::string("NA"); };
    const auto months = [](const std::optional<double>& m) { return m ? csv_number(*m) : std::string("NA"); };
    for (const portfolio_model& m : p.models) {
        out += detail::csv_line({"model", m.file, m.name, to_string(m.type), p.currency, year(m.price_year),
                                 csv_number(m.rebase_factor), csv_number(m.present_value),
                                 csv_number(m.total_inputs), csv_number(m.net_present_value),
                                 csv_number(m.sroi_ratio), months(m.payback_months), m.top_outcome,
                                 csv_number(m.local_spend), csv_number(m.local_value)});
    }
    const bool defined = p.total.total_inputs > 0.0;
    out += detail::csv_line({"total", "", "", "", p.currency, year(p.price_year), "1",
                             csv_number(p.total.present_value), csv_number(p.total.total_inputs),
                             csv_number(p.total.net_present_value),
                             defined ? csv_number(p.total.sroi_ratio) : "NA", months(p.total.payback_months),
                             "", csv_number(p.local_spend), csv_number(p.local_value)});
    return out;
}

std::string render_portfolio(const portfolio_result& p, report_format format) {
    return detail::render_in(format,
                             {.text = [&] { return portfolio_text(p); },
                              .markdown = [&] { return portfolio_markdown(p); },
                              .json = [&] { return portfolio_json(p); },
                              .csv = [&] { return portfolio_csv(p); }},
                             "the {} format is not available for a portfolio");
}

}  // namespace sroi
