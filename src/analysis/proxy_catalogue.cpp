#include <sroi/analysis/proxy_catalogue.hpp>

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include <sroi/engine/evaluate.hpp>

#include "engine/finite.hpp"

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

}  // namespace sroi
