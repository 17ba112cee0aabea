// sroi report MODEL: the impact map and results in one of several formats.
#include <cstdint>
#include <memory>

#include <fmt/format.h>

#include <sroi/report/html_report.hpp>

#include "../model/machine.hpp"  // the library's memory budget (detail::require_memory)
#include "common.hpp"

namespace sroi::cli {

namespace {

// Peak bytes a report takes per cell of its year-by-year table (outcomes x years), measured with
// /usr/bin/time -v on a model of 26,000 outcomes x 1,000 years (the evaluation's own tables,
// 16 bytes a cell, included): text and Markdown 27, HTML 44, JSON 94 (its document tree and
// text), CSV 153 (one line per outcome and year, built in memory).
double report_bytes_per_cell(report_format format) {
    switch (format) {
        case report_format::json:
            return 94.0;
        case report_format::csv:
            return 153.0;
        case report_format::html:
            return 44.0;
        default:
            return 27.0;
    }
}

// Refuses, before evaluating, a report whose tables would not fit in the memory budget.
void require_report_memory(const evaluator& ev, report_format format, std::uint64_t budget) {
    const double cells =
        static_cast<double>(ev.model().outcomes.size()) * static_cast<double>(ev.last_year());
    detail::require_memory(cells * report_bytes_per_cell(format), budget, errors::report_too_large,
                           fmt::format("a {} report of {} outcomes over {} years", to_string(format),
                                       ev.model().outcomes.size(), ev.last_year()),
                           "shorten durations or the horizon, split the model, or use a format with "
                           "smaller tables (text or markdown)");
}

}  // namespace

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
        ->check(seed_range())
        ->capture_default_str();
    sub->add_flag("--no-simulation", s->no_simulation,
                  "html format: leave out the Monte Carlo part (quicker)");
    add_ranges_option(sub, s->html.ranges);
    sub->add_option("--memory-budget", s->html.memory_budget,
                    "Bytes the report may take for what grows with the model and --draws (default: half "
                    "of this machine's memory); more is refused before it is allocated");
    return {sub, [s] {
                return run_guarded(s->file, [&] {
                    const evaluator ev(s->models.load(s->file));
                    const std::vector<double> values = scenario_values(ev, s->scenario);
                    const report_format format = s->output.parsed_format();
                    require_report_memory(ev, format, s->html.memory_budget);
                    if (format == report_format::html) {
                        const result r = ev.evaluate(values);
                        s->html.simulate = !s->no_simulation;
                        report_context context{ev.model(), s->scenario, model_warnings(ev, r)};
                        emit(s->output,
                             report_html(analyse_for_html(ev, scenario_overrides(ev, s->scenario), s->html),
                                         context));
                        return int{exit_ok};
                    }
                    // The base case's warnings: from the reported result when it is the base case (no
                    // second evaluation of a large model); for a scenario, from an evaluation of the base
                    // case made first, so that its year-by-year tables are gone before the reported
                    // case's are built.
                    std::vector<diagnostic> warnings;
                    if (!s->scenario.empty()) warnings = model_warnings(ev.model());
                    const result r = ev.evaluate(values);
                    if (s->scenario.empty()) warnings = model_warnings(ev, r);
                    report_context context{ev.model(), s->scenario, std::move(warnings)};
                    emit(s->output, render_report(r, context, format));
                    return int{exit_ok};
                });
            }};
}

}  // namespace sroi::cli
