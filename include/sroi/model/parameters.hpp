/// @file parameters.hpp
/// @brief Every number that analysis can vary, addressable by its spec path.
///
/// Paths (spec section 1): `outcomes.<id>.quantity|proxy|deadweight|displacement|attribution|
/// drop_off`, `inputs.<id>.amount` (or `.quantity`, `.unit_cost`), `proxies.<id>` (a named proxy
/// used by at least one outcome) and `discount.rate` (models with a constant rate).
///
/// Proxy values are in the proxy's own price year, as written; re-basing to the project's price
/// year is applied by the evaluator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <sroi/model/model.hpp>

namespace sroi {

/// What a parameter is, and so which part of the model it changes.
enum class parameter_kind {
    outcome_quantity,      ///< outcomes.<id>.quantity
    outcome_proxy,         ///< outcomes.<id>.proxy (inline proxies only)
    outcome_deadweight,    ///< outcomes.<id>.deadweight
    outcome_displacement,  ///< outcomes.<id>.displacement
    outcome_attribution,   ///< outcomes.<id>.attribution
    outcome_drop_off,      ///< outcomes.<id>.drop_off
    input_amount,          ///< inputs.<id>.amount
    input_quantity,        ///< inputs.<id>.quantity
    input_unit_cost,       ///< inputs.<id>.unit_cost
    named_proxy,           ///< proxies.<id>: changes every outcome that references it
    discount_rate,         ///< discount.rate
};

/// The values a parameter may take.
enum class parameter_domain {
    non_negative,  ///< quantities and money: [0, inf)
    fraction,      ///< shares and rates: [0, 1]
    real,          ///< a proxy may be negative: (-inf, inf)
};

/// One variable number of a model.
struct parameter {
    std::string path;         ///< e.g. `outcomes.jobs.deadweight`
    parameter_kind kind;      ///< what it changes
    std::size_t owner = 0;    ///< index of its outcome, input or proxy in the model (0 for discount.rate)
    uncertain_number spec;    ///< value, range and distribution as written in the model
    parameter_domain domain;  ///< valid values

    /// Lowest valid value (-inf for real).
    [[nodiscard]] double domain_low() const noexcept;
    /// Highest valid value (+inf unless a fraction).
    [[nodiscard]] double domain_high() const noexcept;
    /// True when `v` is finite and inside the domain.
    [[nodiscard]] bool in_domain(double v) const noexcept;
};

/// Spelling of a domain for messages, e.g. `[0, 1]`.
[[nodiscard]] const char* to_string(parameter_domain d) noexcept;

/// The ordered list of a model's parameters: outcomes (in model order, six each, proxy omitted
/// when referenced), then inputs, then referenced named proxies, then discount.rate.
class parameter_set {
public:
    parameter_set() = default;
    /// Enumerates the parameters of `m` (works on an unchecked model; dangling refs are skipped).
    explicit parameter_set(const model& m);

    /// Number of parameters.
    [[nodiscard]] std::size_t size() const noexcept { return parameters_.size(); }
    /// Parameter by position.
    [[nodiscard]] const parameter& operator[](std::size_t i) const { return parameters_[i]; }
    /// All parameters, in order.
    [[nodiscard]] const std::vector<parameter>& all() const noexcept { return parameters_; }
    /// Position of a path, or nothing.
    [[nodiscard]] std::optional<std::size_t> find(std::string_view path) const;
    /// Position of a path; throws evaluation_error (`parameter.unknown`) with the nearest valid path.
    [[nodiscard]] std::size_t index_of(std::string_view path) const;
    /// The `value` of every parameter, in order: the base case.
    [[nodiscard]] std::vector<double> base_values() const;
    /// The valid path closest to `path` (edit distance), or empty when none is close.
    [[nodiscard]] std::string suggest(std::string_view path) const;

private:
    std::vector<parameter> parameters_;
    /// Open-addressing index of the paths (a model may have 600,000 parameters): each slot holds
    /// the low 32 bits of a path's hash << 32 | its position + 1, 0 when empty.
    std::vector<std::uint64_t> slots_;
    /// Adds `p` unless its path is already there (a duplicate id, which check_model reports).
    void add(parameter p);
};

/// Base values with a scenario's overrides applied; throws evaluation_error for an unknown path
/// or a value outside the parameter's domain.
[[nodiscard]] std::vector<double> apply_scenario(const parameter_set& parameters, const scenario& s);
/// Base values with `overrides` applied; throws evaluation_error for an unknown path or a value
/// outside the parameter's domain, naming `origin` (e.g. `scenario 'low'`) in the message.
[[nodiscard]] std::vector<double> apply_overrides(const parameter_set& parameters,
                                                  const parameter_overrides& overrides,
                                                  std::string_view origin);
/// Per parameter, whether `overrides` sets it (throws evaluation_error for an unknown path).
[[nodiscard]] std::vector<bool> overridden(const parameter_set& parameters,
                                           const parameter_overrides& overrides);

}  // namespace sroi
