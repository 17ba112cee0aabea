// Scenarios side by side: the base case and each scenario evaluated (analysis layer).
#include <sroi/analysis/scenarios.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include <sroi/model/parameters.hpp>

#include "engine/finite.hpp"

namespace sroi {

scenario_comparison compare_scenarios(const evaluator& ev, std::span<const scenario> scenarios) {
    scenario_comparison c;
    c.base.name = base_case_name;
    c.base.description = "Base case";
    c.base.figures = ev.evaluate_totals(ev.base_values());
    c.scenarios.reserve(scenarios.size());
    for (const scenario& s : scenarios) {
        std::vector<double> values;
        try {
            values = apply_scenario(ev.parameters(), s);
        } catch (const evaluation_error& e) {
            const std::string what = e.what();
            throw evaluation_error(e.id(), what.starts_with("scenario '")
                                               ? what
                                               : fmt::format("scenario '{}': {}", s.name, what));
        }
        c.scenarios.push_back({s.name, s.description, s.set, ev.evaluate_totals(values)});
    }
    // Every figure shown, changes against the base included, is finite (a ratio is left out only
    // where the inputs are not positive: undefined, not overflowed).
    const totals& b = c.base.figures;
    detail::require_finite(b, "the base case");
    for (const scenario_figures& s : c.scenarios) {
        const totals& f = s.figures;
        const std::string what = fmt::format("scenario '{}'", s.name);
        detail::require_finite(f, what);
        detail::require_finite(f.present_value - b.present_value, what + ": the change in present value");
        detail::require_finite(f.total_inputs - b.total_inputs, what + ": the change in inputs");
        detail::require_finite(f.net_present_value - b.net_present_value, what + ": the change in NPV");
        if (f.total_inputs > 0.0 && b.total_inputs > 0.0) {
            const double change = f.sroi_ratio - b.sroi_ratio;
            detail::require_finite(change, what + ": the change in SROI ratio");
            if (b.sroi_ratio != 0.0) {
                detail::require_finite(change / std::fabs(b.sroi_ratio),
                                       what + ": the relative change in SROI ratio");
            }
        }
    }
    return c;
}

scenario_comparison compare_scenarios(const evaluator& ev) {
    return compare_scenarios(ev, ev.model().scenarios);
}

std::vector<scenario> merge_scenarios(const std::vector<scenario>& model_scenarios,
                                      const std::vector<scenario>& extra) {
    std::vector<scenario> all = model_scenarios;
    std::unordered_map<std::string, std::size_t> position;  // name -> place in `all`
    for (std::size_t i = 0; i < all.size(); ++i)
        position.emplace(all[i].name, i);
    for (const scenario& s : extra) {
        const auto [it, added] = position.emplace(s.name, all.size());
        if (added) {
            all.push_back(s);
        } else {
            all[it->second] = s;
        }
    }
    return all;
}

}  // namespace sroi
