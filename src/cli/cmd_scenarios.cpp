// sroi scenarios MODEL: the base case and every scenario side by side.
#include <memory>

#include "common.hpp"

namespace sroi::cli {

command register_scenarios(CLI::App& app) {
    struct state {
        std::string file;
        scenario_options scenarios;
        output_options output;
        model_options models;
    };
    auto s = std::make_shared<state>();
    CLI::App* sub = app.add_subcommand(
        "scenarios",
        "The base case and every scenario side by side: PV, inputs, NPV, ratio, change from base");
    sub->add_option("MODEL", s->file, "Model file")->required();
    s->scenarios.add_to(sub);
    sub->get_option("--scenario")->description("Show only this scenario beside the base case");
    s->output.add_to(sub, {"text", "markdown", "json", "csv"});
    s->models.add_to(sub);
    return {sub, [s] {
                return run_guarded(s->file, [&] {
                    const evaluator ev(s->scenarios.load(s->models, s->file));
                    std::vector<scenario> chosen = ev.model().scenarios;
                    if (!s->scenarios.name().empty()) {
                        (void)scenario_values(ev, s->scenarios.name());  // usage error when unknown
                        std::erase_if(chosen,
                                      [&](const scenario& sc) { return sc.name != s->scenarios.name(); });
                    }
                    const scenario_comparison comparison = compare_scenarios(ev, chosen);
                    const report_context context{ev.model(), s->scenarios.name(),
                                                 model_warnings(ev, ev.evaluate())};
                    emit(s->output, render_scenarios(comparison, context, s->output.parsed_format()));
                    return int{exit_ok};
                });
            }};
}

}  // namespace sroi::cli
