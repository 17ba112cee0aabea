// Re-evaluation around fixed base values when only a few parameters change (engine layer): only
// the outcomes and inputs those parameters touch are recomputed.
#include "engine/local_evaluation.hpp"

#include <algorithm>

#include <fmt/format.h>

#include <sroi/model/error.hpp>

namespace sroi {

namespace detail {

local_evaluation::local_evaluation(const evaluator& ev, std::span<const double> base_values)
    : ev_(ev), engine_(internals(ev)), values_(base_values.begin(), base_values.end()) {
    if (values_.size() != ev.parameters().size()) {
        throw make_error(errors::parameter_count, fmt::format("expected {} parameter values, got {}",
                                                              ev.parameters().size(), values_.size()));
    }
    for (std::size_t p = 0; p < values_.size(); ++p) {
        const parameter& par = ev.parameters()[p];
        if (!par.in_domain(values_[p])) {
            throw make_error(errors::parameter_out_of_domain, fmt::format("{} = {} is outside {}", par.path,
                                                                          values_[p], to_string(par.domain)));
        }
    }
    const std::size_t n = values_.size();
    outcomes_of_.resize(n);
    inputs_of_.resize(n);
    for (std::size_t o = 0; o < engine_.outcomes().size(); ++o) {
        const compiled_outcome& c = engine_.outcomes()[o];
        for (const std::size_t p :
             {c.quantity, c.proxy, c.deadweight, c.displacement, c.attribution, c.drop_off})
            outcomes_of_[p].push_back(o);
    }
    for (std::size_t i = 0; i < engine_.inputs().size(); ++i) {
        const compiled_input& c = engine_.inputs()[i];
        for (const auto& p : {c.amount, c.quantity, c.unit_cost}) {
            if (p) inputs_of_[*p].push_back(i);
        }
    }
    table_ = engine_.discount_factors(values_);
    outcome_pv_.resize(engine_.outcomes().size());
    input_pv_.resize(engine_.inputs().size());
    for (std::size_t o = 0; o < outcome_pv_.size(); ++o) {
        outcome_pv_[o] = engine_.outcome_present_value(o, values_, table_);
        base_.present_value += outcome_pv_[o];
    }
    for (std::size_t i = 0; i < input_pv_.size(); ++i) {
        input_pv_[i] = engine_.input_present_value(i, values_, table_);
        base_.total_inputs += input_pv_[i];
    }
    base_.net_present_value = base_.present_value - base_.total_inputs;
    base_.sroi_ratio = base_.present_value / base_.total_inputs;
}

bool local_evaluation::is_discount_rate(std::size_t p) const noexcept {
    return engine_.discount_rate_parameter() == p;
}

totals local_evaluation::evaluate_changed(std::span<const std::size_t> changed) const {
    for (const std::size_t p : changed) {
        if (is_discount_rate(p)) return ev_.evaluate_totals(values_);
    }
    totals t = base_;
    // Parameters of one outcome share it; a named proxy may share outcomes with another change.
    auto seen = [&](std::size_t k, std::size_t item, bool outcome) {
        for (std::size_t j = 0; j < k; ++j) {
            const auto& list = outcome ? outcomes_of_[changed[j]] : inputs_of_[changed[j]];
            if (std::find(list.begin(), list.end(), item) != list.end()) return true;
        }
        return false;
    };
    for (std::size_t k = 0; k < changed.size(); ++k) {
        for (const std::size_t o : outcomes_of_[changed[k]]) {
            if (!seen(k, o, true))
                t.present_value += engine_.outcome_present_value(o, values_, table_) - outcome_pv_[o];
        }
        for (const std::size_t i : inputs_of_[changed[k]]) {
            if (!seen(k, i, false))
                t.total_inputs += engine_.input_present_value(i, values_, table_) - input_pv_[i];
        }
    }
    t.net_present_value = t.present_value - t.total_inputs;
    t.sroi_ratio = t.present_value / t.total_inputs;
    return t;
}

totals local_evaluation::with(std::size_t p, double v) const {
    const double saved = values_[p];
    values_[p] = v;
    const std::size_t changed[] = {p};
    const totals t = evaluate_changed(changed);
    values_[p] = saved;
    return t;
}

double local_evaluation::own_net_value(std::size_t p, double v) const {
    const double saved = values_[p];
    values_[p] = v;
    double net = 0.0;
    for (const std::size_t o : outcomes_of_[p])
        net += engine_.outcome_present_value(o, values_, table_);
    for (const std::size_t i : inputs_of_[p])
        net -= engine_.input_present_value(i, values_, table_);
    values_[p] = saved;
    return net;
}

double local_evaluation::drop_off_net_value(std::size_t p, double v) const {
    // NPV(d) = NPV_base - PV_o(base) + I_o x annuity_o(d), for each outcome using drop-off p.
    double npv = base_.net_present_value;
    for (const std::size_t o : outcomes_of_[p]) {
        const compiled_outcome& c = engine_.outcomes()[o];
        if (c.last < c.start) continue;
        npv += engine_.outcome_impact(o, values_) * engine_.outcome_annuity(o, v, table_) - outcome_pv_[o];
    }
    return npv;
}

}  // namespace detail

}  // namespace sroi
