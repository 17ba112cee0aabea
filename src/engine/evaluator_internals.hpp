// The engine's view of an evaluator: the compiled model and the per-outcome evaluation that the
// analyses (sensitivity, scenarios, simulation, Sobol) build on. Private to the library.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include <sroi/engine/evaluate.hpp>

namespace sroi::detail {

/// Read access to an evaluator's compiled model; see internals().
class evaluator_internals {
public:
    explicit evaluator_internals(const evaluator& ev) noexcept : ev_(&ev) {}

    /// Outcomes reduced to parameter positions, in model order.
    [[nodiscard]] const std::vector<compiled_outcome>& outcomes() const noexcept { return ev_->outcomes_; }
    /// Inputs reduced to parameter positions, in model order.
    [[nodiscard]] const std::vector<compiled_input>& inputs() const noexcept { return ev_->inputs_; }
    /// Position of `discount.rate`, when the model has a constant rate.
    [[nodiscard]] std::optional<std::size_t> discount_rate_parameter() const noexcept { return ev_->rate_; }
    /// Last year any input or outcome needs a factor for.
    [[nodiscard]] int last_discount_year() const noexcept { return ev_->last_discount_year_; }
    /// The precomputed table at the base discount rate.
    [[nodiscard]] const discount_table& base_discount_factors() const noexcept { return ev_->base_table_; }

    /// Discount factors for the given values (the base table unless discount.rate differs).
    [[nodiscard]] discount_table discount_factors(std::span<const double> values) const;
    /// Impact of outcome `o`: Q x P x (1-DW) x (1-DS) x (1-AT), P re-based and scaled.
    [[nodiscard]] double outcome_impact(std::size_t o, std::span<const double> values) const noexcept;
    /// Present value of outcome `o`.
    [[nodiscard]] double outcome_present_value(std::size_t o, std::span<const double> values,
                                               const discount_table& table) const noexcept;
    /// Sum over the outcome's years of (1-DO)^(t-S) x factor(t): its PV per unit of impact.
    [[nodiscard]] double outcome_annuity(std::size_t o, double drop_off,
                                         const discount_table& table) const noexcept;
    /// Undiscounted value of input `i`.
    [[nodiscard]] double input_value(std::size_t i, std::span<const double> values) const noexcept;
    /// Present value of input `i`.
    [[nodiscard]] double input_present_value(std::size_t i, std::span<const double> values,
                                             const discount_table& table) const noexcept;
    /// Outcomes whose value changes when parameter `p` changes (all of them for discount.rate).
    [[nodiscard]] std::vector<std::size_t> outcomes_using(std::size_t p) const;
    /// Inputs whose value changes when parameter `p` changes (all of them for discount.rate).
    [[nodiscard]] std::vector<std::size_t> inputs_using(std::size_t p) const;

private:
    const evaluator* ev_;
};

/// The engine's view of `ev` (a small handle: take it by value, keep `ev` alive).
[[nodiscard]] inline evaluator_internals internals(const evaluator& ev) noexcept {
    return evaluator_internals(ev);
}

}  // namespace sroi::detail
