// Every analysis the analyst's HTML report shows, run in one call (analysis layer).
#include <sroi/analysis/report_analyses.hpp>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "model/machine.hpp"

namespace sroi {

html_report_data analyse_for_html(const evaluator& ev, const parameter_overrides& fixed,
                                  const html_report_options& options) {
    const std::vector<double> values = apply_overrides(ev.parameters(), fixed, "the case reported");
    html_report_data data;
    data.options = options;
    data.figures = ev.evaluate(values);
    sensitivity_options sensitivity = options.sensitivity;
    sensitivity.switching_values = true;
    data.sensitivity = one_way_sensitivity(ev, values, sensitivity);
    data.scenarios = compare_scenarios(ev);
    simulation_options so;
    so.draws = options.draws;
    so.seed = options.seed;
    so.threads = options.threads;
    so.fixed = fixed;
    so.ranges = options.ranges;
    data.has_distributions = !sampled_parameters(ev, so).empty();
    if (options.simulate && data.has_distributions) {
        std::vector<double>& ratios = data.simulated_ratios;
        detail::require_memory(static_cast<double>(options.draws) * sizeof(double), options.memory_budget,
                               errors::simulation_too_large,
                               fmt::format("keeping the SROI ratios of {} draws for the page", options.draws),
                               "ask for fewer draws");
        ratios.reserve(options.draws);
        so.on_block = [&ratios](const simulation_block& block) {
            for (const double r : block.sroi_ratio) {
                if (std::isfinite(r)) ratios.push_back(r);
            }
        };
        data.simulation = simulate(ev, so);
        std::sort(ratios.begin(), ratios.end());
    }
    if (!ev.model().local_spending.empty()) data.local_multiplier = evaluate_local_multiplier(ev.model());
    return data;
}

}  // namespace sroi
