// sroi report MODEL: the impact map and results in one of several formats.
#include <memory>

#include "common.hpp"

namespace sroi::cli {

command register_report(CLI::App& app) {
    struct state {
        std::string file;
        std::string scenario;
        output_options output;
        model_options models;
    };
    auto s = std::make_shared<state>();
    CLI::App* sub =
        app.add_subcommand("report", "Impact map, year-by-year values, SROI ratio and breakdowns");
    sub->add_option("MODEL", s->file, "Model file")->required();
    sub->add_option("--scenario,-s", s->scenario, "Apply the named scenario of the model");
    s->output.add_to(sub, {"text", "markdown", "json", "csv", "impact-map-csv"});
    s->models.add_to(sub);
    return {sub, [s] {
                return run_guarded(s->file, [&] {
                    const evaluator ev(s->models.load(s->file));
                    const result r = ev.evaluate(scenario_values(ev, s->scenario));
                    report_context context{&ev.model(), s->scenario, model_warnings(ev.model())};
                    emit(s->output, render_report(r, context, s->output.parsed_format()));
                    return int{exit_ok};
                });
            }};
}

}  // namespace sroi::cli
