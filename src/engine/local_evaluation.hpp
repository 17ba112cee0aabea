// Engine layer. Re-evaluation around a fixed set of base values when only a few parameters change: only the
// outcomes and inputs those parameters touch are recomputed (all of them for discount.rate).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include <sroi/engine/evaluate.hpp>
#include <sroi/engine/result.hpp>

#include "engine/evaluator_internals.hpp"

namespace sroi::detail {

class local_evaluation {
public:
    /// Checks that `base_values` has one in-domain value per parameter (throws evaluation_error).
    local_evaluation(const evaluator& ev, std::span<const double> base_values);

    /// Headline figures at the base values.
    [[nodiscard]] const totals& base() const noexcept { return base_; }
    /// Headline figures with parameter `p` at `v`, the others at base.
    [[nodiscard]] totals with(std::size_t p, double v) const;
    /// Headline figures with parameters `ps[k]` at `vs[k]`, the others at base.
    template <class Indices, class Values>
    [[nodiscard]] totals with_all(const Indices& ps, const Values& vs) const {
        std::vector<double> saved(ps.size());
        for (std::size_t k = 0; k < ps.size(); ++k) {
            saved[k] = values_[ps[k]];
            values_[ps[k]] = vs[k];
        }
        const totals t = evaluate_changed(std::span<const std::size_t>(ps.data(), ps.size()));
        for (std::size_t k = ps.size(); k-- > 0;)
            values_[ps[k]] = saved[k];
        return t;
    }
    /// PV of the outcomes minus PV of the inputs that parameter `p` touches, with `p` at `v`.
    [[nodiscard]] double own_net_value(std::size_t p, double v) const;
    /// NPV with drop-off parameter `p` at `v` (only the annuity of its outcomes changes).
    [[nodiscard]] double drop_off_net_value(std::size_t p, double v) const;
    /// The parameters of the model evaluated.
    [[nodiscard]] const parameter_set& parameters() const noexcept { return ev_.parameters(); }
    /// Base value of parameter `p`.
    [[nodiscard]] double base_value(std::size_t p) const noexcept { return values_[p]; }

private:
    [[nodiscard]] bool is_discount_rate(std::size_t p) const noexcept;
    [[nodiscard]] totals evaluate_changed(std::span<const std::size_t> changed) const;

    const evaluator& ev_;
    evaluator_internals engine_;
    mutable std::vector<double> values_;  // base values; changed temporarily and restored
    std::vector<std::vector<std::size_t>> outcomes_of_;
    std::vector<std::vector<std::size_t>> inputs_of_;
    discount_table table_;
    std::vector<double> outcome_pv_;
    std::vector<double> input_pv_;
    totals base_;
};

}  // namespace sroi::detail
