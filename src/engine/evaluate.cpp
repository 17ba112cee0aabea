#include <sroi/engine/evaluate.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>
#include <Eigen/Core>

#include "engine/evaluator_internals.hpp"
#include "engine/finite.hpp"
#include "model/id_lookup.hpp"

namespace sroi {

double rebase_factor(const price_index& index, int from_year, int to_year) {
    if (from_year == to_year) return 1.0;
    const auto from = index.values.find(from_year);
    const auto to = index.values.find(to_year);
    if (from == index.values.end() || to == index.values.end()) {
        const int missing = from == index.values.end() ? from_year : to_year;
        throw make_error(errors::price_index_missing_year,
                         fmt::format("price index '{}' has no value for {}", index.id, missing));
    }
    return to->second / from->second;
}

namespace {

// Re-basing factor for a value written in `price_year` prices (1 when no re-basing applies).
double rebase_to_project(const model& m, const std::optional<int>& price_year) {
    if (!m.project.price_year || !price_year || *price_year == *m.project.price_year) return 1.0;
    const price_index* index = m.find_index(m.price_index);
    if (index == nullptr) {
        throw make_error(errors::price_index_missing,
                         fmt::format("a proxy in {} prices needs a price_index to re-base it to {}",
                                     *price_year, *m.project.price_year));
    }
    return rebase_factor(*index, *price_year, *m.project.price_year);
}

/// Largest year-by-year table evaluate() builds: outcomes x years cells, each held twice (the
/// matrix and each outcome's own values), 16 bytes a cell: 4 GiB. Larger models are refused
/// before anything is allocated rather than exhausting memory.
constexpr std::size_t max_result_cells = std::size_t{1} << 28;

/// Where the model writes element `i` of a section, e.g. `outcomes[3]`.
source_location element_location(const model& m, std::string_view section, std::size_t i) {
    return m.locate(fmt::format("{}[{}]", section, i));
}

/// Sums into groups in first-seen order, looking keys up by hash (a model may have 100,000 stakeholders).
class group_index {
public:
    explicit group_index(std::vector<group_result>& groups) : groups_(groups) {
        for (std::size_t i = 0; i < groups_.size(); ++i)
            positions_.emplace(groups_[i].key, i);
    }

    group_result& operator[](const std::string& key) {
        const auto [it, inserted] = positions_.emplace(key, groups_.size());
        if (inserted) groups_.push_back({key, 0.0, 0.0});
        return groups_[it->second];
    }

private:
    std::vector<group_result>& groups_;
    std::unordered_map<std::string, std::size_t> positions_;
};

std::vector<std::size_t> all_indices(std::size_t n) {
    std::vector<std::size_t> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = i;
    return v;
}

}  // namespace

namespace detail {

void require_finite(double value, const std::string& what, const source_location& where) {
    if (!std::isfinite(value)) {
        throw make_error(errors::evaluation_not_finite,
                         fmt::format("{} overflows (it is not a finite number); check the sizes of the "
                                     "quantities, proxies and inputs",
                                     what),
                         where);
    }
}

void require_finite(const totals& t, const std::string& what) {
    require_finite(t.present_value, what + ": the present value");
    require_finite(t.total_inputs, what + ": the total inputs");
    require_finite(t.net_present_value, what + ": the net present value (present value - inputs)");
    if (t.total_inputs > 0.0)
        require_finite(t.sroi_ratio, what + ": the SROI ratio (present value / inputs)");
}

}  // namespace detail

using detail::require_finite;

evaluator::evaluator(sroi::model m) : model_(std::move(m)) {
    validate(model_);
    parameters_ = parameter_set(model_);
    base_ = parameters_.base_values();

    const int horizon = model_.project.horizon.value_or(std::numeric_limits<int>::max());
    outcomes_.reserve(model_.outcomes.size());
    const detail::id_lookup<proxy> proxies = detail::proxy_lookup(model_);
    for (std::size_t o = 0; o < model_.outcomes.size(); ++o) {
        const outcome& oc = model_.outcomes[o];
        const std::string base = "outcomes." + oc.id + ".";
        detail::compiled_outcome c;
        c.quantity = parameters_.index_of(base + "quantity");
        if (oc.proxy.ref.empty()) {
            c.proxy = parameters_.index_of(base + "proxy");
            c.proxy_scale = rebase_to_project(model_, oc.proxy.price_year);
        } else {
            c.proxy = parameters_.index_of("proxies." + oc.proxy.ref);
            const proxy* named = proxies.find(oc.proxy.ref);
            c.proxy_scale = oc.proxy.multiplier * rebase_to_project(model_, named->price_year);
        }
        if (!std::isfinite(c.proxy_scale)) {  // the message and its place are only made when needed
            require_finite(c.proxy_scale, "outcomes." + oc.id + ".proxy: the re-basing factor (x multiplier)",
                           model_.locate(fmt::format("outcomes[{}].proxy", o)));
        }
        c.deadweight = parameters_.index_of(base + "deadweight");
        c.displacement = parameters_.index_of(base + "displacement");
        c.attribution = parameters_.index_of(base + "attribution");
        c.drop_off = parameters_.index_of(base + "drop_off");
        c.start = oc.start;
        c.last = std::min(oc.start + oc.duration - 1, horizon);
        if (c.last >= c.start) last_year_ = std::max(last_year_, c.last);
        outcomes_.push_back(c);
    }
    last_discount_year_ = last_year_;
    inputs_.reserve(model_.inputs.size());
    for (const input& in : model_.inputs) {
        const std::string base = "inputs." + in.id + ".";
        detail::compiled_input c;
        if (in.amount) {
            c.amount = parameters_.index_of(base + "amount");
        } else {
            c.quantity = parameters_.index_of(base + "quantity");
            c.unit_cost = parameters_.index_of(base + "unit_cost");
        }
        c.year = in.year;
        last_discount_year_ = std::max(last_discount_year_, in.year);
        inputs_.push_back(c);
    }
    rate_ = parameters_.find("discount.rate");
    base_table_ = detail::internals(*this).discount_factors(base_);
}

namespace detail {

discount_table evaluator_internals::discount_factors(std::span<const double> values) const {
    const evaluator& e = *ev_;
    if (!e.base_table_.by_year.empty() && (!e.rate_ || values[*e.rate_] == e.base_[*e.rate_])) {
        return e.base_table_;
    }
    const discount_curve curve =
        e.rate_ ? discount_curve::constant(values[*e.rate_]) : discount_curve::from_spec(e.model_.discount);
    discount_table table;
    table.by_year = curve.factors(e.last_discount_year_);
    table.for_values.assign(static_cast<std::size_t>(e.last_year_) + 1, 1.0);
    const bool start_of_year = e.model_.discount.timing == discount_timing::start_of_year;
    for (std::size_t t = 1; t < table.for_values.size(); ++t) {
        table.for_values[t] = table.by_year[start_of_year ? t - 1 : t];
    }
    return table;
}

double evaluator_internals::outcome_impact(std::size_t o, std::span<const double> values) const noexcept {
    const compiled_outcome& c = ev_->outcomes_[o];
    return values[c.quantity] * values[c.proxy] * c.proxy_scale * (1.0 - values[c.deadweight]) *
           (1.0 - values[c.displacement]) * (1.0 - values[c.attribution]);
}

double evaluator_internals::outcome_annuity(std::size_t o, double drop_off,
                                            const discount_table& table) const noexcept {
    const compiled_outcome& c = ev_->outcomes_[o];
    const double keep = 1.0 - drop_off;
    double weight = 1.0;
    double sum = 0.0;
    for (int t = c.start; t <= c.last; ++t) {
        sum += weight * table.for_values[static_cast<std::size_t>(t)];
        weight *= keep;
    }
    return sum;
}

double evaluator_internals::outcome_present_value(std::size_t o, std::span<const double> values,
                                                  const discount_table& table) const noexcept {
    const compiled_outcome& c = ev_->outcomes_[o];
    if (c.last < c.start) return 0.0;
    return outcome_impact(o, values) * outcome_annuity(o, values[c.drop_off], table);
}

double evaluator_internals::input_value(std::size_t i, std::span<const double> values) const noexcept {
    const compiled_input& c = ev_->inputs_[i];
    if (c.amount) return values[*c.amount];
    return values[*c.quantity] * values[*c.unit_cost];
}

double evaluator_internals::input_present_value(std::size_t i, std::span<const double> values,
                                                const discount_table& table) const noexcept {
    return input_value(i, values) * table.by_year[static_cast<std::size_t>(ev_->inputs_[i].year)];
}

std::vector<std::size_t> evaluator_internals::outcomes_using(std::size_t p) const {
    const auto& outcomes = ev_->outcomes_;
    if (ev_->rate_ && p == *ev_->rate_) return all_indices(outcomes.size());
    std::vector<std::size_t> used;
    for (std::size_t o = 0; o < outcomes.size(); ++o) {
        const compiled_outcome& c = outcomes[o];
        const std::array<std::size_t, 6> own{c.quantity,     c.proxy,       c.deadweight,
                                             c.displacement, c.attribution, c.drop_off};
        if (std::find(own.begin(), own.end(), p) != own.end()) used.push_back(o);
    }
    return used;
}

std::vector<std::size_t> evaluator_internals::inputs_using(std::size_t p) const {
    const auto& inputs = ev_->inputs_;
    if (ev_->rate_ && p == *ev_->rate_) return all_indices(inputs.size());
    std::vector<std::size_t> used;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const compiled_input& c = inputs[i];
        if (c.amount == p || c.quantity == p || c.unit_cost == p) used.push_back(i);
    }
    return used;
}

}  // namespace detail

void evaluator::require_count(std::span<const double> values) const {
    if (values.size() != parameters_.size()) {
        throw make_error(errors::parameter_count, fmt::format("expected {} parameter values, got {}",
                                                              parameters_.size(), values.size()));
    }
}

totals evaluator::evaluate_totals(std::span<const double> values) const {
    require_count(values);
    const detail::evaluator_internals engine = detail::internals(*this);
    const bool base_rate = !rate_ || values[*rate_] == base_[*rate_];
    detail::discount_table other;
    if (!base_rate) other = engine.discount_factors(values);
    const detail::discount_table& table = base_rate ? base_table_ : other;
    totals t;
    for (std::size_t o = 0; o < outcomes_.size(); ++o)
        t.present_value += engine.outcome_present_value(o, values, table);
    for (std::size_t i = 0; i < inputs_.size(); ++i)
        t.total_inputs += engine.input_present_value(i, values, table);
    t.net_present_value = t.present_value - t.total_inputs;
    t.sroi_ratio = t.present_value / t.total_inputs;
    return t;
}

result evaluator::evaluate() const {
    return evaluate(base_);
}

result evaluator::evaluate(std::span<const double> values) const {
    require_count(values);
    for (std::size_t p = 0; p < values.size(); ++p) {
        if (!parameters_[p].in_domain(values[p])) {
            throw make_error(errors::parameter_out_of_domain,
                             fmt::format("{} = {} is outside {}", parameters_[p].path, values[p],
                                         to_string(parameters_[p].domain)));
        }
    }
    const detail::evaluator_internals engine = detail::internals(*this);
    const detail::discount_table table = engine.discount_factors(values);
    const auto n_years = static_cast<std::size_t>(last_year_);
    if (n_years != 0 && outcomes_.size() > max_result_cells / n_years) {
        throw make_error(
            errors::evaluation_too_large,
            fmt::format("{} outcomes over {} years need {:.1f} GiB for their year-by-year values, more than "
                        "the limit of {} GiB: shorten durations or the horizon, or split the model",
                        outcomes_.size(), n_years,
                        static_cast<double>(outcomes_.size()) * static_cast<double>(n_years) * 16.0 /
                            static_cast<double>(std::size_t{1} << 30),
                        (max_result_cells * 16) >> 30));
    }
    result r;
    r.years.resize(n_years);
    r.discount_factors.resize(n_years);
    for (std::size_t y = 0; y < n_years; ++y) {
        r.years[y] = static_cast<int>(y) + 1;
        r.discount_factors[y] = table.for_values[y + 1];
    }
    r.outcomes.reserve(outcomes_.size());
    for (std::size_t o = 0; o < outcomes_.size(); ++o) {
        const detail::compiled_outcome& c = outcomes_[o];
        const outcome& oc = model_.outcomes[o];
        outcome_result out;
        out.id = oc.id;
        out.stakeholder = oc.stakeholder;
        out.theme = oc.theme;
        out.type = oc.type;
        out.quantity = values[c.quantity];
        out.proxy = values[c.proxy] * c.proxy_scale;
        out.deadweight = values[c.deadweight];
        out.displacement = values[c.displacement];
        out.attribution = values[c.attribution];
        out.drop_off = values[c.drop_off];
        out.impact = engine.outcome_impact(o, values);
        out.values.assign(n_years, 0.0);
        double weight = 1.0;
        for (int t = c.start; t <= c.last; ++t) {
            const double v = out.impact * weight;
            out.values[static_cast<std::size_t>(t - 1)] = v;
            out.present_value += v * table.for_values[static_cast<std::size_t>(t)];
            weight *= 1.0 - values[c.drop_off];
        }
        if (c.last >= c.start) r.annual_impact += out.impact;
        if (!std::isfinite(out.impact) || !std::isfinite(out.present_value)) {
            throw make_error(errors::evaluation_not_finite,
                             fmt::format("outcomes.{}: its value overflows (quantity {} x proxy {}); "
                                         "check these parameters",
                                         oc.id, out.quantity, out.proxy),
                             element_location(model_, "outcomes", o));
        }
        r.present_value += out.present_value;
        r.outcomes.push_back(std::move(out));
    }
    r.inputs.reserve(inputs_.size());
    for (std::size_t i = 0; i < inputs_.size(); ++i) {
        input_result in;
        in.id = model_.inputs[i].id;
        in.stakeholder = model_.inputs[i].stakeholder;
        in.year = inputs_[i].year;
        in.value = engine.input_value(i, values);
        in.present_value = engine.input_present_value(i, values, table);
        if (!std::isfinite(in.present_value)) {
            throw make_error(errors::evaluation_not_finite,
                             fmt::format("inputs.{}: its value overflows", in.id),
                             element_location(model_, "inputs", i));
        }
        r.total_inputs += in.present_value;
        r.inputs.push_back(std::move(in));
    }
    if (!(r.total_inputs > 0.0)) {
        throw make_error(errors::evaluation_no_inputs, "total inputs are 0: the SROI ratio is undefined");
    }
    if (!std::isfinite(r.present_value) || !std::isfinite(r.total_inputs)) {
        throw make_error(errors::evaluation_not_finite, "the present value overflows");
    }
    r.net_present_value = r.present_value - r.total_inputs;
    r.sroi_ratio = r.present_value / r.total_inputs;
    r.net_sroi_ratio = r.net_present_value / r.total_inputs;
    if (r.annual_impact > 0.0) r.payback_months = r.total_inputs / (r.annual_impact / 12.0);
    // Each figure below is finite on its own inputs but can still overflow (e.g. PV - inputs
    // with both near the largest double, or a ratio over tiny inputs): none may reach a report.
    require_finite(r.net_present_value, "the net present value (present value - inputs)");
    require_finite(r.sroi_ratio, "the SROI ratio (present value / inputs)");
    require_finite(r.net_sroi_ratio, "the net SROI ratio (net present value / inputs)");
    require_finite(r.annual_impact, "the annual impact (sum of the outcomes' impacts)");
    if (r.payback_months) require_finite(*r.payback_months, "the payback period (inputs / annual impact)");

    // The year totals are summed as column sums of an outcomes x years Eigen matrix: Eigen adds a
    // column in vector-sized partial sums, and reports record those bits, which a plain loop over
    // the outcomes would change in the last place.
    Eigen::MatrixXd by_outcome = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(outcomes_.size()),
                                                       static_cast<Eigen::Index>(n_years));
    for (std::size_t o = 0; o < r.outcomes.size(); ++o) {
        for (std::size_t y = 0; y < n_years; ++y)
            by_outcome(static_cast<Eigen::Index>(o), static_cast<Eigen::Index>(y)) = r.outcomes[o].values[y];
    }
    r.value_by_year.assign(n_years, 0.0);
    r.present_value_by_year.assign(n_years, 0.0);
    for (std::size_t y = 0; y < n_years; ++y) {
        r.value_by_year[y] = by_outcome.col(static_cast<Eigen::Index>(y)).sum();
        r.present_value_by_year[y] = r.value_by_year[y] * r.discount_factors[y];
        require_finite(r.value_by_year[y], fmt::format("the total value of year {}", y + 1));
        require_finite(r.present_value_by_year[y], fmt::format("the present value of year {}", y + 1));
    }

    // Breakdowns.
    for (const stakeholder& s : model_.stakeholders)
        r.stakeholders.push_back({s.id, 0.0, 0.0});
    group_index by_stakeholder(r.stakeholders);
    group_index by_theme(r.themes);
    for (const outcome_result& o : r.outcomes) {
        by_stakeholder[o.stakeholder].present_value += o.present_value;
        by_theme[o.theme.empty() ? std::string("(none)") : o.theme].present_value += o.present_value;
    }
    for (const input_result& in : r.inputs)
        by_stakeholder[in.stakeholder].inputs += in.present_value;
    for (value_type v :
         {value_type::fiscal, value_type::economic, value_type::social, value_type::wellbeing}) {
        double pv = 0.0;
        bool present = false;
        for (const outcome_result& o : r.outcomes) {
            if (o.type == v) {
                pv += o.present_value;
                present = true;
            }
        }
        if (present) r.value_types.push_back({to_string(v), pv, 0.0});
    }
    for (const auto& [groups, kind] :
         {std::pair{&r.stakeholders, "stakeholder"}, std::pair{&r.themes, "theme"},
          std::pair{&r.value_types, "value type"}}) {
        for (const group_result& g : *groups) {
            require_finite(g.present_value, fmt::format("the present value of {} '{}'", kind, g.key));
            require_finite(g.inputs, fmt::format("the inputs of {} '{}'", kind, g.key));
        }
    }
    return r;
}

result evaluate(const model& m) {
    return evaluator(m).evaluate();
}

result evaluate(const model& m, const std::string& scenario_name) {
    const evaluator ev(m);
    const scenario* s = ev.model().find_scenario(scenario_name);
    if (s == nullptr) {
        std::string names;
        for (const scenario& sc : ev.model().scenarios)
            names += (names.empty() ? "" : ", ") + sc.name;
        throw make_error(errors::scenario_unknown,
                         fmt::format("no scenario named '{}' (the model has: {})", scenario_name,
                                     names.empty() ? "none" : names));
    }
    return ev.evaluate(apply_scenario(ev.parameters(), *s));
}

}  // namespace sroi
