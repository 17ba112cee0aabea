// sroi report MODEL: the impact map and results in one of several formats.
#include <memory>

#include <sroi/html_report.hpp>

#include "common.hpp"

namespace sroi::cli {

command register_report(CLI::App& app) {
    struct state {
        std::string file;
        std::string scenario;
        output_options output;
        model_options models;
        html_report_options html;
        bool no_simulation = false;
    };
    auto s = std::make_shared<state>();
    CLI::App* sub =
        app.add_subcommand("report", "Impact map, year-by-year values, SROI ratio and breakdowns");
    sub->add_option("MODEL", s->file, "Model file")->required();
    sub->add_option("--scenario,-s", s->scenario, "Apply the named scenario of the model");
    s->output.add_to(sub, {"text", "markdown", "json", "csv", "html", "impact-map-csv"});
    s->models.add_to(sub);
    sub->add_option("--draws,-n", s->html.draws, "Monte Carlo draws for the html format")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40))
        ->capture_default_str();
    sub->add_option("--seed", s->html.seed, "Monte Carlo seed for the html format (same seed, same page)")
        ->capture_default_str();
    sub->add_flag("--no-simulation", s->no_simulation,
                  "html format: leave out the Monte Carlo part (quicker)");
    return {sub, [s] {
                return run_guarded(s->file, [&] {
                    const evaluator ev(s->models.load(s->file));
                    const std::vector<double> values = scenario_values(ev, s->scenario);
                    const report_format format = s->output.parsed_format();
                    if (format == report_format::html) {
                        const result r = ev.evaluate(values);
                        s->html.simulate = !s->no_simulation;
                        report_context context{&ev.model(), s->scenario, model_warnings(ev, r)};
                        emit(s->output, report_html(analyse_for_html(ev, values, s->html), context));
                        return int{exit_ok};
                    }
                    // The warnings evaluate the base case on their own: done first, so that its
                    // year-by-year tables are gone before the reported case's are built.
                    report_context context{&ev.model(), s->scenario, model_warnings(ev.model())};
                    const result r = ev.evaluate(values);
                    emit(s->output, render_report(r, context, format));
                    return int{exit_ok};
                });
            }};
}

}  // namespace sroi::cli
