#include <sroi/model/error.hpp>
#include <sroi/model/parameters.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "model/id_lookup.hpp"
#include "model/suggest.hpp"

namespace sroi {

double parameter::domain_low() const noexcept {
    return domain == parameter_domain::real ? -std::numeric_limits<double>::infinity() : 0.0;
}

double parameter::domain_high() const noexcept {
    return domain == parameter_domain::fraction ? 1.0 : std::numeric_limits<double>::infinity();
}

bool parameter::in_domain(double v) const noexcept {
    return std::isfinite(v) && v >= domain_low() && v <= domain_high();
}

const char* to_string(parameter_domain d) noexcept {
    switch (d) {
        case parameter_domain::non_negative:
            return "[0, inf)";
        case parameter_domain::fraction:
            return "[0, 1]";
        case parameter_domain::real:
            return "(-inf, inf)";
    }
    return "?";
}

namespace {

std::uint32_t path_hash(std::string_view path) noexcept {
    return static_cast<std::uint32_t>(std::hash<std::string_view>{}(path));
}

}  // namespace

void parameter_set::add(parameter p) {
    const std::uint32_t hash = path_hash(p.path);
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    for (; slots_[i] != 0; i = (i + 1) & mask) {
        const std::uint64_t slot = slots_[i];
        if (static_cast<std::uint32_t>(slot >> 32) == hash &&
            parameters_[static_cast<std::size_t>(slot & 0xFFFFFFFFU) - 1].path == p.path)
            return;  // a path already present comes from a duplicate id, which check_model reports
    }
    slots_[i] = (std::uint64_t{hash} << 32) | (parameters_.size() + 1);
    parameters_.push_back(std::move(p));
}

parameter_set::parameter_set(const model& m) {
    auto add = [this](std::string path, parameter_kind kind, std::size_t owner, const uncertain_number& spec,
                      parameter_domain domain) {
        this->add({std::move(path), kind, owner, spec, domain});
    };
    // At most 6 per outcome, 2 per input, 1 per proxy and discount.rate.
    const std::size_t most = 6 * m.outcomes.size() + 2 * m.inputs.size() + m.proxies.size() + 1;
    if (most >= 0xFFFFFFFFU) throw std::length_error("a model with more than 4 billion parameters");
    parameters_.reserve(most);
    std::size_t slots = 8;  // a power of two with at most three quarters of it used
    while (3 * slots < 4 * most)
        slots *= 2;
    slots_.assign(slots, 0);
    std::vector<bool> proxy_used(m.proxies.size(), false);
    const detail::id_lookup<proxy> proxies = detail::proxy_lookup(m);
    for (std::size_t o = 0; o < m.outcomes.size(); ++o) {
        const outcome& oc = m.outcomes[o];
        const std::string base = "outcomes." + oc.id + ".";
        add(base + "quantity", parameter_kind::outcome_quantity, o, oc.quantity,
            parameter_domain::non_negative);
        if (oc.proxy.ref.empty()) {
            add(base + "proxy", parameter_kind::outcome_proxy, o, oc.proxy.value, parameter_domain::real);
        } else {
            // The first proxy of an id, as model::find_proxy() gives (a repeated id is reported by
            // check_model).
            if (const std::optional<std::size_t> p = proxies.position(oc.proxy.ref)) proxy_used[*p] = true;
        }
        add(base + "deadweight", parameter_kind::outcome_deadweight, o, oc.deadweight,
            parameter_domain::fraction);
        add(base + "displacement", parameter_kind::outcome_displacement, o, oc.displacement,
            parameter_domain::fraction);
        add(base + "attribution", parameter_kind::outcome_attribution, o, oc.attribution,
            parameter_domain::fraction);
        add(base + "drop_off", parameter_kind::outcome_drop_off, o, oc.drop_off, parameter_domain::fraction);
    }
    for (std::size_t i = 0; i < m.inputs.size(); ++i) {
        const input& in = m.inputs[i];
        const std::string base = "inputs." + in.id + ".";
        if (in.amount) {
            add(base + "amount", parameter_kind::input_amount, i, *in.amount, parameter_domain::non_negative);
        } else {
            add(base + "quantity", parameter_kind::input_quantity, i, in.quantity.value_or(0.0),
                parameter_domain::non_negative);
            add(base + "unit_cost", parameter_kind::input_unit_cost, i, in.unit_cost.value_or(0.0),
                parameter_domain::non_negative);
        }
    }
    for (std::size_t p = 0; p < m.proxies.size(); ++p) {
        if (proxy_used[p]) {
            add("proxies." + m.proxies[p].id, parameter_kind::named_proxy, p, m.proxies[p].value,
                parameter_domain::real);
        }
    }
    if (m.discount.kind == discount_spec::form::constant) {
        add("discount.rate", parameter_kind::discount_rate, 0, m.discount.rate, parameter_domain::fraction);
    }
}

std::optional<std::size_t> parameter_set::find(std::string_view path) const {
    if (slots_.empty()) return std::nullopt;
    const std::uint32_t hash = path_hash(path);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask; slots_[i] != 0; i = (i + 1) & mask) {
        const std::uint64_t slot = slots_[i];
        if (static_cast<std::uint32_t>(slot >> 32) != hash) continue;
        const std::size_t position = static_cast<std::size_t>(slot & 0xFFFFFFFFU) - 1;
        if (parameters_[position].path == path) return position;
    }
    return std::nullopt;
}

std::string parameter_set::suggest(std::string_view path) const {
    detail::nearest_word finder(path);
    for (const auto& p : parameters_)
        finder.consider(p.path);
    return finder.best();
}

std::size_t parameter_set::index_of(std::string_view path) const {
    if (const auto i = find(path)) return *i;
    std::string message = fmt::format("'{}' is not a parameter of this model", path);
    if (const std::string near = suggest(path); !near.empty()) {
        message += fmt::format(" (did you mean '{}'?)", near);
    }
    throw make_error(errors::parameter_unknown, message);
}

std::vector<double> parameter_set::base_values() const {
    std::vector<double> values;
    values.reserve(parameters_.size());
    for (const auto& p : parameters_)
        values.push_back(p.spec.value);
    return values;
}

std::vector<double> apply_overrides(const parameter_set& parameters, const parameter_overrides& overrides,
                                    std::string_view origin) {
    std::vector<double> values = parameters.base_values();
    for (const auto& [path, value] : overrides) {
        const std::size_t i = parameters.index_of(path);
        if (!parameters[i].in_domain(value)) {
            throw make_error(errors::parameter_out_of_domain,
                             fmt::format("{}: {} = {} is outside {}", origin, path, value,
                                         to_string(parameters[i].domain)));
        }
        values[i] = value;
    }
    return values;
}

std::vector<double> apply_scenario(const parameter_set& parameters, const scenario& s) {
    return apply_overrides(parameters, s.set, fmt::format("scenario '{}'", s.name));
}

std::vector<bool> overridden(const parameter_set& parameters, const parameter_overrides& overrides) {
    std::vector<bool> set(parameters.size(), false);
    for (const auto& entry : overrides)
        set[parameters.index_of(entry.first)] = true;
    return set;
}

}  // namespace sroi
