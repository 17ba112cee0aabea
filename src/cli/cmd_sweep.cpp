// sroi sweep MODEL --param PATH=FROM:TO:STEP [--param ...]: a grid of evaluations as tidy CSV.
#include <iostream>
#include <memory>

#include "common.hpp"

namespace sroi::cli {

command register_sweep(CLI::App& app) {
    struct state {
        std::string file;
        std::vector<std::string> params;
        std::size_t max_points = 1000000;
        scenario_options scenarios;
        std::string output;
        model_options models;
    };
    auto s = std::make_shared<state>();
    CLI::App* sub = app.add_subcommand(
        "sweep",
        "One- or two-way parameter grid as tidy CSV (parameter values, sroi_ratio, NPV, present value)");
    sub->add_option("MODEL", s->file, "Model file")->required();
    sub->add_option("--param,-p", s->params,
                    "PATH=FROM:TO:STEP, e.g. outcomes.jobs.deadweight=0:0.5:0.05 (repeatable)")
        ->required();
    sub->add_option("--max-points", s->max_points, "Largest grid accepted")->capture_default_str();
    s->scenarios.add_to(sub);
    sub->add_option("-o,--output", s->output, "Write to FILE (atomically) instead of standard output");
    s->models.add_to(sub);
    return {sub, [s] {
                return run_guarded(s->file, [&] {
                    std::vector<sweep_axis> axes;
                    for (const std::string& p : s->params) {
                        try {
                            axes.push_back(parse_sweep_axis(p));
                        } catch (const sroi::error& e) {
                            throw usage_error(e.what());
                        }
                    }
                    const evaluator ev(s->scenarios.load(s->models, s->file));
                    const std::vector<double> values = scenario_values(ev, s->scenarios.name());
                    sweep_result grid;
                    try {
                        grid = sweep(ev, values, axes, s->max_points);
                    } catch (const evaluation_error& e) {
                        if (e.id() == errors::sweep_syntax.id || e.id() == errors::sweep_range.id ||
                            e.id() == errors::parameter_unknown.id) {
                            throw usage_error(std::string("--param ") + e.what());
                        }
                        throw;
                    }
                    for (const diagnostic& d : model_warnings(ev, ev.evaluate(values)))
                        std::cerr << d.to_string() << '\n';  // stderr: the CSV stays tidy
                    output_options out;
                    out.format = "csv";
                    out.output = s->output;
                    emit(out, sweep_csv(grid));
                    return int{exit_ok};
                });
            }};
}

}  // namespace sroi::cli
