// sroi compare FORECAST EVALUATIVE: what was promised against what was delivered.
#include <memory>

#include "common.hpp"

namespace sroi::cli {

command register_compare(CLI::App& app) {
    struct state {
        std::string forecast;
        std::string actual;
        output_options output;
        model_options models;
    };
    auto s = std::make_shared<state>();
    CLI::App* sub = app.add_subcommand(
        "compare", "Forecast against actual: outcomes and inputs matched by id, with the differences");
    sub->add_option("FORECAST", s->forecast, "Forecast model (e.g. the tender's)")->required();
    sub->add_option("EVALUATIVE", s->actual, "Evaluative model of the same activity (what was delivered)")
        ->required();
    s->output.add_to(sub, {"text", "markdown", "json", "csv"});
    s->models.add_to(sub);
    return {sub, [s] {
                return run_guarded({}, [&] {
                    const model forecast = s->models.load(s->forecast);
                    const model actual = s->models.load(s->actual);
                    // A model that cannot be evaluated is named (compare() names both in its own errors).
                    const auto evaluate_named = [](const model& m) {
                        try {
                            return evaluate(m);
                        } catch (const evaluation_error& e) {
                            throw model_error({m.file, 0, 0}, {}, e.what());
                        }
                    };
                    const comparison c =
                        compare(forecast, evaluate_named(forecast), actual, evaluate_named(actual));
                    emit(s->output, render_comparison(c, s->output.parsed_format()));
                    return int{exit_ok};
                });
            }};
}

}  // namespace sroi::cli
