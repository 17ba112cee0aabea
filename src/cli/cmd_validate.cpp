// sroi validate MODEL...: check models (and library files), print every diagnostic.
#include <iostream>
#include <memory>

#include "common.hpp"

namespace sroi::cli {

command register_validate(CLI::App& app) {
    struct state {
        std::vector<std::string> files;
        model_options models;
        bool quiet = false;
    };
    auto s = std::make_shared<state>();
    CLI::App* sub =
        app.add_subcommand("validate", "Check models; print every error and warning; exit 1 if any error");
    sub->add_option("MODEL", s->files, "Model or library files")->required();
    s->models.add_to(sub);
    sub->add_flag("-q,--quiet", s->quiet, "Print only problems, not the 'ok' lines");
    return {sub, [s] {
                int status = exit_ok;
                for (const std::string& file : s->files) {
                    const int one = run_guarded(file, [&] {
                        load_options options;
                        if (is_library_file(file)) {
                            const library lib = load_library(file, options);
                            if (!s->quiet) {
                                std::cout << file << ": ok (library: " << lib.proxies.size() << " proxies, "
                                          << lib.indices.size() << " indices)\n";
                            }
                            return int{exit_ok};
                        }
                        options.extra_libraries = s->models.libraries;
                        const load_report report = load_model_report(file, options);
                        for (const auto& d : report.diagnostics)
                            std::cerr << d.to_string() << '\n';
                        if (!report.ok()) return int{exit_model_error};
                        if (!s->quiet) std::cout << file << ": ok\n";
                        return int{exit_ok};
                    });
                    if (one != exit_ok) status = one;
                }
                return status;
            }};
}

}  // namespace sroi::cli
