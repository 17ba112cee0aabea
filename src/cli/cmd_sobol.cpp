// sroi sobol MODEL: first- and total-order Sobol indices of the SROI ratio.
#include <memory>

#include <sroi/analysis/sobol.hpp>

#include "common.hpp"

namespace sroi::cli {

command register_sobol(CLI::App& app) {
    struct state {
        std::string file;
        std::string scenario;
        std::string group_by = "parameter";
        sobol_options options;
        output_options output;
        model_options models;
    };
    auto s = std::make_shared<state>();
    CLI::App* sub = app.add_subcommand("sobol", "Global sensitivity: Sobol indices of the SROI ratio");
    sub->add_option("MODEL", s->file, "Model file")->required();
    sub->add_option("--samples,-n", s->options.samples,
                    "Base samples N (cost: N x (parameters + 2) evaluations)")
        ->check(CLI::Range(std::size_t{2}, std::size_t{1} << 32))
        ->capture_default_str();
    sub->add_option("--seed", s->options.seed, "Seed of the generator")
        ->check(seed_range())
        ->capture_default_str();
    sub->add_option("--threads,-j", s->options.threads,
                    "Worker threads (default: all cores; results do not depend on it)");
    sub->add_option("--group-by", s->group_by,
                    "Vary parameters together: parameter|outcome|stakeholder|theme")
        ->check(CLI::IsMember({"parameter", "outcome", "stakeholder", "theme"}))
        ->capture_default_str();
    s->options.bootstrap = 200;  // spec section 8: intervals unless asked not to
    sub->add_option("--bootstrap", s->options.bootstrap,
                    "Bootstrap resamples for 95% confidence intervals (0: none)")
        ->check(CLI::Range(std::size_t{0}, std::size_t{100000}))
        ->capture_default_str();
    add_ranges_option(sub, s->options.ranges);
    sub->add_option("--scenario,-s", s->scenario,
                    "Hold the parameters the named scenario sets at its values");
    s->output.add_to(sub, {"text", "markdown", "json", "csv"});
    s->models.add_to(sub);
    return {sub, [s] {
                return run_guarded(s->file, [&] {
                    const evaluator ev(s->models.load(s->file));
                    sobol_options options = s->options;
                    options.group_by = *parse_sobol_grouping(s->group_by);
                    options.fixed = scenario_overrides(ev, s->scenario);
                    const sobol_result r = sobol_indices(ev, options);
                    emit(s->output, render_sobol(r, ev, s->output.parsed_format()));
                    return int{exit_ok};
                });
            }};
}

}  // namespace sroi::cli
