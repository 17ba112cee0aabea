#include <sroi/proxy_catalogue.hpp>

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <sroi/evaluate.hpp>

#include "finite.hpp"
#include "table.hpp"

namespace sroi {

bool proxy_catalogue::complete() const noexcept {
    return std::none_of(entries.begin(), entries.end(),
                        [](const catalogue_entry& e) { return !e.problem.empty(); });
}

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool matches(const proxy& p, const std::vector<std::string>& words) {
    const std::string haystack =
        lower(p.id + " " + p.description + " " + p.provenance.unit + " " + p.provenance.method + " " +
              p.provenance.source + " " + p.provenance.licence);
    return std::all_of(words.begin(), words.end(),
                       [&](const std::string& w) { return haystack.find(lower(w)) != std::string::npos; });
}

const price_index* choose_index(std::span<const library> libraries, const std::string& wanted) {
    std::vector<const price_index*> all;
    for (const library& lib : libraries) {
        for (const price_index& index : lib.indices) {
            if (!wanted.empty() && index.id == wanted) return &index;
            const bool seen =
                std::any_of(all.begin(), all.end(), [&](const price_index* i) { return i->id == index.id; });
            if (!seen) all.push_back(&index);
        }
    }
    std::string ids;
    for (const price_index* i : all)
        ids += (ids.empty() ? "" : ", ") + i->id;
    if (!wanted.empty()) {
        throw make_error(errors::proxies_index,
                         fmt::format("no price index '{}' in the libraries (they have: {})", wanted,
                                     ids.empty() ? "none" : ids));
    }
    if (all.size() == 1) return all.front();
    throw make_error(errors::proxies_index,
                     all.empty() ? std::string("re-basing needs a price index, and the libraries have none")
                                 : fmt::format("the libraries have several price indices ({}): choose one "
                                               "with --index",
                                               ids));
}

}  // namespace

proxy_catalogue list_proxies(std::span<const library> libraries, const catalogue_options& options) {
    proxy_catalogue c;
    c.price_year = options.price_year;
    c.search = options.search;
    const price_index* index = nullptr;
    if (options.price_year) {
        index = choose_index(libraries, options.index);
        c.index = index->id;
        if (index->values.count(*options.price_year) == 0) {
            throw make_error(errors::proxies_price_year,
                             fmt::format("price index '{}' has no value for {} (it covers {} to {})",
                                         index->id, *options.price_year, index->values.begin()->first,
                                         index->values.rbegin()->first));
        }
    }
    for (const library& lib : libraries) {
        c.libraries.push_back(lib.file);
        for (const proxy& p : lib.proxies) {
            if (!matches(p, options.search)) continue;
            catalogue_entry e{p, std::nullopt, {}};
            if (e.proxy.library.empty()) e.proxy.library = lib.file;
            if (index != nullptr) {
                if (!p.price_year) {
                    e.problem = "it has no price_year, so it cannot be re-based";
                } else {
                    try {
                        e.rebased = p.value.value * rebase_factor(*index, *p.price_year, *options.price_year);
                    } catch (const evaluation_error& err) {
                        e.problem = err.what();
                    }
                    if (e.rebased) {
                        detail::require_finite(
                            *e.rebased,
                            fmt::format("proxy '{}' ({}) re-based from {} to {} prices with '{}'", p.id,
                                        lib.file, *p.price_year, *options.price_year, index->id));
                    }
                }
            }
            c.entries.push_back(std::move(e));
        }
    }
    return c;
}

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

}  // namespace

std::string render_proxy_catalogue(const proxy_catalogue& c, report_format format) {
    using detail::csv_number;
    switch (format) {
        case report_format::text: {
            std::string out = heading(c) + "\n\n" + catalogue_table(c, 48).to_text();
            for (const catalogue_entry& e : c.entries) {
                if (!e.problem.empty()) out += fmt::format("  {}: not re-based: {}\n", e.proxy.id, e.problem);
            }
            return out;
        }
        case report_format::markdown: {
            std::string out = "# Proxies\n\n" + heading(c) + "\n\n" + catalogue_table(c, 1000).to_markdown();
            for (const catalogue_entry& e : c.entries) {
                if (!e.problem.empty())
                    out += fmt::format("\n- `{}`: not re-based: {}", e.proxy.id, e.problem);
            }
            return out + "\n";
        }
        case report_format::json: {
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
        case report_format::csv: {
            std::string out = detail::csv_line({"id", "description", "value", "low", "high", "unit",
                                                "price_year", "rebased_price_year", "rebased_value",
                                                "currency", "method", "source", "url", "licence", "library"});
            for (const catalogue_entry& e : c.entries) {
                const proxy& p = e.proxy;
                out += detail::csv_line({p.id, p.description, csv_number(p.value.value),
                                         p.value.low ? csv_number(*p.value.low) : "NA",
                                         p.value.high ? csv_number(*p.value.high) : "NA", p.provenance.unit,
                                         p.price_year ? std::to_string(*p.price_year) : "NA",
                                         c.price_year ? std::to_string(*c.price_year) : "NA",
                                         e.rebased ? csv_number(*e.rebased) : "NA", p.currency,
                                         p.provenance.method, p.provenance.source, p.provenance.url,
                                         p.provenance.licence, p.library});
            }
            return out;
        }
        case report_format::html:
        case report_format::impact_map_csv:
            break;
    }
    throw make_error(errors::report_unsupported,
                     fmt::format("the {} format is not available for a proxy listing", to_string(format)));
}

}  // namespace sroi
