// sroi sensitivity MODEL: one-way sensitivity with tornadoes and switching values.
#include <cmath>
#include <memory>

#include <fmt/format.h>

#include "common.hpp"

namespace sroi::cli {

command register_sensitivity(CLI::App& app) {
    struct state {
        std::string file;
        double variation = 0.2;
        std::size_t top = 15;
        bool percentiles = false;
        bool no_switching = false;
        scenario_options scenarios;
        output_options output;
        model_options models;
    };
    auto s = std::make_shared<state>();
    CLI::App* sub = app.add_subcommand(
        "sensitivity",
        "One-way sensitivity of every parameter: tornado on the SROI ratio and NPV, switching values");
    sub->add_option("MODEL", s->file, "Model file")->required();
    sub->add_option("--variation", s->variation,
                    "Fraction of the base value, in (0, 1), for parameters without a range or distribution "
                    "(0.2: +/-20 %)")
        ->capture_default_str();
    sub->add_option("--top", s->top, "Rows drawn in each tornado (0: all)")->capture_default_str();
    sub->add_flag("--percentiles", s->percentiles,
                  "Use the 5th/95th percentiles of every distribution (uniform, triangular and PERT too) "
                  "instead of their low/high");
    sub->add_flag("--no-switching-values", s->no_switching, "Skip the switching values");
    s->scenarios.add_to(sub);
    s->output.add_to(sub, {"text", "markdown", "json", "csv"});
    s->models.add_to(sub);
    return {sub, [s] {
                return run_guarded(s->file, [&] {
                    // A fraction strictly between 0 and 1: "--variation 20" meant 20 %, not 2,000 %.
                    if (!(s->variation > 0.0 && s->variation < 1.0)) {
                        throw usage_error(
                            fmt::format("--variation {} is outside (0, 1): it is a fraction, "
                                        "e.g. 0.2 for 20 %",
                                        s->variation));
                    }
                    const evaluator ev(s->scenarios.load(s->models, s->file));
                    const std::vector<double> values = scenario_values(ev, s->scenarios.name());
                    sensitivity_options options;
                    options.variation = s->variation;
                    options.ranges = s->percentiles ? range_rule::percentiles : range_rule::explicit_first;
                    options.switching_values = !s->no_switching;
                    const sensitivity_result result = one_way_sensitivity(ev, values, options);
                    const report_context context{ev.model(), s->scenarios.name(),
                                                 model_warnings(ev, ev.evaluate(values))};
                    emit(s->output, render_sensitivity(result, context, s->output.parsed_format(), s->top));
                    return int{exit_ok};
                });
            }};
}

}  // namespace sroi::cli
