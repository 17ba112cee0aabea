/// @file evaluate.hpp
/// @brief The SROI engine: model + parameter values + discount curve -> result.
///
/// Conventions follow spec section 3 exactly. An `evaluator` checks a model once and compiles it
/// into a form that analyses (sensitivity, simulation, Sobol) can re-evaluate cheaply: every
/// outcome depends only on its own parameters, the named proxy it references, and the discount
/// rate, so changing one outcome's parameter needs only that outcome re-evaluated.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <sroi/engine/discount.hpp>
#include <sroi/engine/result.hpp>
#include <sroi/model/model.hpp>
#include <sroi/model/parameters.hpp>

namespace sroi {

namespace detail {

// The engine's compiled form of a model. Not part of the API: the library's analyses reach it
// through src/evaluator_internals.hpp; it is declared here only because an evaluator holds it.

/// Discount factors for one evaluation.
struct discount_table {
    std::vector<double> by_year;     ///< DF(t) for t = 0..last year: applied to inputs of year t
    std::vector<double> for_values;  ///< factor applied to outcome values of year t (follows timing)
};

/// An outcome reduced to parameter positions and fixed numbers.
struct compiled_outcome {
    std::size_t quantity = 0;      ///< parameter position of the quantity
    std::size_t proxy = 0;         ///< parameter position of its proxy (inline or named)
    std::size_t deadweight = 0;    ///< parameter position
    std::size_t displacement = 0;  ///< parameter position
    std::size_t attribution = 0;   ///< parameter position
    std::size_t drop_off = 0;      ///< parameter position
    double proxy_scale = 1.0;      ///< multiplier x price re-basing factor applied to the proxy value
    int start = 1;                 ///< first year of value
    int last = 1;                  ///< last year of value inside the horizon (< start: none)
};

/// An input reduced to parameter positions.
struct compiled_input {
    std::optional<std::size_t> amount;     ///< parameter position of the amount, or
    std::optional<std::size_t> quantity;   ///< parameter position of the quantity, and
    std::optional<std::size_t> unit_cost;  ///< parameter position of the unit cost
    int year = 0;                          ///< year spent
};

class evaluator_internals;

}  // namespace detail

/// A checked, compiled model that can be evaluated many times with different parameter values
/// (one value per parameter, in the order of parameters()).
class evaluator {
public:
    /// Checks the model (throws model_error listing every error) and compiles it.
    explicit evaluator(sroi::model m);

    /// The model as given.
    [[nodiscard]] const sroi::model& model() const noexcept { return model_; }
    /// Its parameters, in order.
    [[nodiscard]] const parameter_set& parameters() const noexcept { return parameters_; }
    /// Base values of every parameter.
    [[nodiscard]] const std::vector<double>& base_values() const noexcept { return base_; }
    /// Last year any outcome has value in (0 when none): the number of years of a result.
    [[nodiscard]] int last_year() const noexcept { return last_year_; }

    /// Full evaluation at the base values.
    [[nodiscard]] result evaluate() const;
    /// Full evaluation at the given values (one per parameter); throws evaluation_error for a
    /// wrong number of values (`parameter.count`) or one outside its domain, when total inputs
    /// are not positive or a figure is not finite.
    [[nodiscard]] result evaluate(std::span<const double> values) const;
    /// Headline figures only, for analyses that evaluate many times: checks the number of values
    /// (evaluation_error `parameter.count`) but neither their domains nor the figures (a ratio
    /// may be inf or NaN when inputs are 0).
    [[nodiscard]] totals evaluate_totals(std::span<const double> values) const;

private:
    friend class detail::evaluator_internals;
    void require_count(std::span<const double> values) const;

    sroi::model model_;
    parameter_set parameters_;
    std::vector<double> base_;
    std::vector<detail::compiled_outcome> outcomes_;
    std::vector<detail::compiled_input> inputs_;
    std::optional<std::size_t> rate_;
    int last_year_ = 0;
    int last_discount_year_ = 0;
    detail::discount_table base_table_;
};

/// Evaluates a model at its base values (checks it first; throws model_error or evaluation_error).
[[nodiscard]] result evaluate(const model& m);
/// Evaluates a model under one of its scenarios (throws evaluation_error for an unknown name).
[[nodiscard]] result evaluate(const model& m, const std::string& scenario_name);

/// Price re-basing factor from `from_year` prices to `to_year` prices with `index`;
/// throws evaluation_error naming the missing year.
[[nodiscard]] double rebase_factor(const price_index& index, int from_year, int to_year);

}  // namespace sroi
