// sroi proxies [SEARCH]: list and search proxy libraries, re-basing values to a price year.
#include <iostream>
#include <memory>

#include "common.hpp"

namespace sroi::cli {

command register_proxies(CLI::App& app) {
    struct state {
        std::vector<std::string> search;
        std::vector<std::string> libraries;
        std::optional<int> price_year;
        std::string index;
        output_options output;
    };
    auto s = std::make_shared<state>();
    CLI::App* sub = app.add_subcommand(
        "proxies",
        "List and search proxy libraries: value, unit, price year, re-based value, source, licence");
    sub->add_option(
        "SEARCH", s->search,
        "Words that must all appear in a proxy's id, description, unit, method, source or licence");
    sub->add_option("--library", s->libraries,
                    "Library file to list (repeatable; default: the bundled models/proxies/uk-open.yaml)")
        ->allow_extra_args(false);
    sub->add_option("--price-year", s->price_year, "Also show each value re-based to this price year");
    sub->add_option("--index", s->index,
                    "Price index used to re-base (default: the only one in the libraries)");
    s->output.add_to(sub, {"text", "markdown", "json", "csv"});
    return {sub, [s] {
                return run_guarded({}, [&] {
                    std::vector<std::string> files = s->libraries;
                    if (files.empty()) {
                        const std::string bundled = find_bundled_library();
                        if (bundled.empty()) {
                            throw usage_error(
                                "cannot find the bundled library models/proxies/uk-open.yaml: name a library "
                                "with "
                                "--library FILE, or set SROI_DATA_DIR to the folder holding models/ (e.g. "
                                "<prefix>/share/sroi)");
                        }
                        files.push_back(bundled);
                    }
                    std::vector<library> libraries;
                    libraries.reserve(files.size());
                    for (const std::string& file : files) {
                        note_input(file);
                        libraries.push_back(load_library(file));
                    }
                    catalogue_options options;
                    options.search = s->search;
                    options.price_year = s->price_year;
                    options.index = s->index;
                    const proxy_catalogue c = list_proxies(libraries, options);
                    for (const catalogue_entry& e : c.entries) {
                        if (!e.problem.empty()) {
                            std::cerr << e.proxy.library << ": error: proxy '" << e.proxy.id
                                      << "' cannot be re-based: " << e.problem << '\n';
                        }
                    }
                    emit(s->output, render_proxy_catalogue(c, s->output.parsed_format()));
                    return c.complete() ? int{exit_ok} : int{exit_model_error};
                });
            }};
}

}  // namespace sroi::cli
