// A proxy listing as text, Markdown, JSON and CSV (report layer).
#include <sroi/report/proxy_catalogue_report.hpp>

#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/format_dispatch.hpp"
#include "report/table.hpp"

namespace sroi {

namespace {

using detail::number;
using detail::shorten;

std::string value_text(double v) {
    return number(v, v == static_cast<double>(static_cast<long long>(v)) ? 0 : 2);
}

std::string range_text(const uncertain_number& u) {
    if (!u.low && !u.high) return "";
    return fmt::format("{}-{}", u.low ? value_text(*u.low) : "", u.high ? value_text(*u.high) : "");
}

detail::table catalogue_table(const proxy_catalogue& c, std::size_t width) {
    detail::table t;
    t.headers = {"Id", "Description", "Value", "Range", "Unit", "Price year"};
    t.right_aligned = {false, false, true, true, false, true};
    if (c.price_year) {
        t.headers.push_back(fmt::format("In {} prices", *c.price_year));
        t.right_aligned.push_back(true);
    }
    for (const std::string h : {"Currency", "Licence", "Source"}) {
        t.headers.push_back(h);
        t.right_aligned.push_back(false);
    }
    for (const catalogue_entry& e : c.entries) {
        const proxy& p = e.proxy;
        std::vector<std::string> row = {p.id,
                                        shorten(p.description, width),
                                        value_text(p.value.value),
                                        range_text(p.value),
                                        p.provenance.unit,
                                        p.price_year ? std::to_string(*p.price_year) : "n/a"};
        if (c.price_year) row.push_back(e.rebased ? number(*e.rebased, 2) : "n/a");
        row.push_back(p.currency);
        row.push_back(p.provenance.licence);
        row.push_back(shorten(p.provenance.source, width));
        t.rows.push_back(std::move(row));
    }
    return t;
}

std::string heading(const proxy_catalogue& c) {
    std::string s = fmt::format("{} prox{}", c.entries.size(), c.entries.size() == 1 ? "y" : "ies");
    if (!c.search.empty()) s += fmt::format(" matching '{}'", fmt::join(c.search, " "));
    s += fmt::format(" in {}", fmt::join(c.libraries, ", "));
    if (c.price_year) s += fmt::format(" | re-based to {} prices with '{}'", *c.price_year, c.index);
    return s;
}

std::string catalogue_text(const proxy_catalogue& c) {
    std::string out = heading(c) + "\n\n" + catalogue_table(c, 48).to_text();
    for (const catalogue_entry& e : c.entries) {
        if (!e.problem.empty()) out += fmt::format("  {}: not re-based: {}\n", e.proxy.id, e.problem);
    }
    return out;
}

std::string catalogue_markdown(const proxy_catalogue& c) {
    std::string out = "# Proxies\n\n" + heading(c) + "\n\n" + catalogue_table(c, 1000).to_markdown();
    for (const catalogue_entry& e : c.entries) {
        if (!e.problem.empty()) out += fmt::format("\n- `{}`: not re-based: {}", e.proxy.id, e.problem);
    }
    return out + "\n";
}

std::string catalogue_json(const proxy_catalogue& c) {
    using nlohmann::json;
    json proxies = json::array();
    for (const catalogue_entry& e : c.entries) {
        const proxy& p = e.proxy;
        const auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
        proxies.push_back({{"id", p.id},
                           {"description", p.description},
                           {"value", p.value.value},
                           {"low", opt(p.value.low)},
                           {"high", opt(p.value.high)},
                           {"unit", p.provenance.unit},
                           {"price_year", p.price_year ? json(*p.price_year) : json(nullptr)},
                           {"rebased_value", opt(e.rebased)},
                           {"currency", p.currency},
                           {"method", p.provenance.method},
                           {"source", p.provenance.source},
                           {"url", p.provenance.url},
                           {"licence", p.provenance.licence},
                           {"note", p.provenance.note},
                           {"library", p.library},
                           {"problem", e.problem.empty() ? json(nullptr) : json(e.problem)}});
    }
    json j = {{"libraries", c.libraries},
              {"search", c.search},
              {"price_year", c.price_year ? json(*c.price_year) : json(nullptr)},
              {"index", c.index.empty() ? json(nullptr) : json(c.index)},
              {"proxies", proxies}};
    return j.dump(2) + "\n";
}

std::string catalogue_csv(const proxy_catalogue& c) {
    using detail::csv_number;
    std::string out = detail::csv_line({"id", "description", "value", "low", "high", "unit", "price_year",
                                        "rebased_price_year", "rebased_value", "currency", "method", "source",
                                        "url", "licence", "library"});
    for (const catalogue_entry& e : c.entries) {
        const proxy& p = e.proxy;
        out += detail::csv_line({p.id, p.description, csv_number(p.value.value),
                                 p.value.low ? csv_number(*p.value.low) : "NA",
                                 p.value.high ? csv_number(*p.value.high) : "NA", p.provenance.unit,
                                 p.price_year ? std::to_string(*p.price_year) : "NA",
                                 c.price_year ? std::to_string(*c.price_year) : "NA",
                                 e.rebased ? csv_number(*e.rebased) : "NA", p.currency, p.provenance.method,
                                 p.provenance.source, p.provenance.url, p.provenance.licence, p.library});
    }
    return out;
}

}  // namespace

std::string render_proxy_catalogue(const proxy_catalogue& c, report_format format) {
    return detail::render_in(format,
                             {.text = [&] { return catalogue_text(c); },
                              .markdown = [&] { return catalogue_markdown(c); },
                              .json = [&] { return catalogue_json(c); },
                              .csv = [&] { return catalogue_csv(c); }},
                             "the {} format is not available for a proxy listing");
}

}  // namespace sroi
