// sroi portfolio MODEL...: many models side by side and in total.
#include <filesystem>
#include <iostream>
#include <memory>

#include "common.hpp"

namespace sroi::cli {

command register_portfolio(CLI::App& app) {
    struct state {
        std::vector<std::string> paths;
        std::optional<int> price_year;
        unsigned threads = 0;
        output_options output;
        model_options models;
    };
    auto s = std::make_shared<state>();
    CLI::App* sub = app.add_subcommand(
        "portfolio",
        "Many models side by side and in total, with breakdowns by theme, value type and stakeholder");
    sub->add_option("MODEL", s->paths,
                    "Model files, or directories (their *.yaml models, sorted; library files are skipped)")
        ->required();
    sub->add_option(
        "--price-year", s->price_year,
        "Express every figure in this price year (default: the latest among the models); models in "
        "other price years are re-based with their own price index");
    sub->add_option("--threads", s->threads, "Threads that read the models (0: one per hardware thread)");
    s->output.add_to(sub, {"text", "markdown", "json", "csv"});
    s->models.add_to(sub);
    return {sub, [s] {
                return run_guarded({}, [&] {
                    load_options load;
                    load.extra_libraries = s->models.libraries;
                    portfolio_options options;
                    options.price_year = s->price_year;
                    options.threads = s->threads;
                    std::error_code ec;
                    if (std::filesystem::is_regular_file(s->output.output, ec)) {
                        // -o naming a model or a library of the run is refused before any work
                        // (the models are read once more here, without their libraries, for their lists).
                        for (const std::string& library : s->models.libraries)
                            note_input(library);
                        load_options lists_only;
                        lists_only.load_libraries = false;
                        for (const std::string& file : expand_model_paths(s->paths).files) {
                            note_input(file);
                            const load_report listed = load_model_report(file, lists_only);
                            if (listed.model) note_inputs(*listed.model);
                        }
                        check_output(s->output.output, "-o");
                    }
                    const portfolio_result p =
                        evaluate_portfolio(load_portfolio(s->paths, load, options.threads), options);
                    for (const diagnostic& d : p.problems)
                        std::cerr << d.to_string() << '\n';
                    if (p.models.empty()) {
                        std::cerr << "sroi: error: no model could be added to the portfolio\n";
                        return int{exit_model_error};
                    }
                    emit(s->output, render_portfolio(p, s->output.parsed_format()));
                    return p.complete() ? int{exit_ok} : int{exit_model_error};
                });
            }};
}

}  // namespace sroi::cli
