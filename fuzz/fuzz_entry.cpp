#include "fuzz_entry.hpp"

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <sroi/engine/evaluate.hpp>
#include <sroi/engine/result.hpp>
#include <sroi/io/load.hpp>
#include <sroi/model/distributions.hpp>
#include <sroi/model/error.hpp>
#include <sroi/model/model.hpp>
#include <sroi/model/parameters.hpp>
#include <sroi/report/report.hpp>

namespace sroi::fuzz {

namespace {

void require_finite(double value, const std::string& what) {
    if (!std::isfinite(value)) throw fuzz_finding("non-finite number in the result: " + what);
}

/// Every number of a result must be finite (spec: no NaN or infinity escapes into a result).
void require_finite(const result& r) {
    require_finite(r.present_value, "present_value");
    require_finite(r.total_inputs, "total_inputs");
    require_finite(r.net_present_value, "net_present_value");
    require_finite(r.sroi_ratio, "sroi_ratio");
    require_finite(r.net_sroi_ratio, "net_sroi_ratio");
    if (r.payback_months) require_finite(*r.payback_months, "payback_months");
    require_finite(r.annual_impact, "annual_impact");
    for (const double v : r.discount_factors)
        require_finite(v, "discount_factors");
    for (const double v : r.value_by_year)
        require_finite(v, "value_by_year");
    for (const double v : r.present_value_by_year)
        require_finite(v, "present_value_by_year");
    for (const outcome_result& o : r.outcomes) {
        for (const double v : {o.quantity, o.proxy, o.impact, o.present_value})
            require_finite(v, "outcomes." + o.id);
        for (const double v : o.values)
            require_finite(v, "outcomes." + o.id + ".values");
    }
    for (const input_result& in : r.inputs) {
        require_finite(in.value, "inputs." + in.id + ".value");
        require_finite(in.present_value, "inputs." + in.id + ".present_value");
    }
    for (const auto* groups : {&r.stakeholders, &r.themes, &r.value_types}) {
        for (const group_result& g : *groups) {
            require_finite(g.present_value, "group " + g.key);
            require_finite(g.inputs, "group " + g.key);
        }
    }
}

/// Every distribution of an accepted model has finite quantiles out to the most extreme draw
/// (probability 2^-33 each side), in bounded time (the models that hung a quantile-table build).
void require_finite_quantiles(const parameter_set& parameters) {
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        if (!parameters[i].spec.is_random()) continue;
        const marginal_distribution d(parameters[i]);
        for (const double p : {0x1.0p-33, 0.05, 0.5, 0.95, 1.0 - 0x1.0p-33})
            require_finite(d.quantile(p), "quantile of " + parameters[i].path);
    }
}

void render_all(const result& r, const report_context& context) {
    for (const report_format format : {report_format::text, report_format::markdown, report_format::json,
                                       report_format::csv, report_format::impact_map_csv}) {
        const std::string text = render_report(r, context, format);
        if (text.empty()) throw fuzz_finding(std::string("empty report: ") + to_string(format));
    }
}

}  // namespace

void run_model_input(std::string_view data, const std::string& library_path) {
    load_options options;
    options.load_libraries = false;  // a fuzzed path could name a pipe or a device
    if (!library_path.empty()) options.extra_libraries.push_back(library_path);
    const load_report report = load_model_report_from_string(data, "fuzz.yaml", options);
    for (const diagnostic& d : report.diagnostics) {
        // The loader's last-resort catch: an exception from inside it is a bug, not a diagnostic.
        if (d.message.rfind("cannot read model: ", 0) == 0) throw fuzz_finding(d.to_string());
    }
    if (!report.model) return;
    try {
        const evaluator ev(*report.model);
        std::vector<diagnostic> warnings;
        for (const diagnostic& d : check_model(ev.model())) {
            if (d.level == severity::warning) warnings.push_back(d);
        }
        const result base = ev.evaluate();
        require_finite(base);
        require_finite_quantiles(ev.parameters());
        render_all(base, {ev.model(), {}, warnings});
        for (const scenario& s : ev.model().scenarios) {
            std::optional<result> with_scenario;
            try {
                with_scenario = ev.evaluate(apply_scenario(ev.parameters(), s));
            } catch (const evaluation_error&) {
                continue;  // e.g. a scenario whose inputs total 0
            }
            require_finite(*with_scenario);
            render_all(*with_scenario, {ev.model(), s.name, warnings});
        }
    } catch (const evaluation_error&) {
        // An expected rejection, e.g. total inputs of 0 or an overflowing value.
    } catch (const model_error&) {
        // Cannot happen after a clean load, but is a proper rejection if it does.
    }
}

}  // namespace sroi::fuzz
