/// @file result.hpp
/// @brief What an evaluation of a model produces.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <sroi/model/model.hpp>

namespace sroi {

/// One outcome's contribution.
struct outcome_result {
    std::string id;                              ///< outcome id
    std::string stakeholder;                     ///< stakeholder id
    std::string theme;                           ///< theme tag (may be empty)
    sroi::value_type type = value_type::social;  ///< value type
    double quantity = 0;                         ///< quantity used
    double proxy = 0;         ///< value of one unit used, re-based to the project's price year (x multiplier)
    double deadweight = 0;    ///< deadweight used
    double displacement = 0;  ///< displacement used
    double attribution = 0;   ///< attribution used
    double drop_off = 0;      ///< drop-off used
    double impact = 0;        ///< Q * P * (1-DW) * (1-DS) * (1-AT): value of the first year of value
    std::vector<double> values;  ///< undiscounted value of each year in result::years
    double present_value = 0;    ///< sum of values x discount factors
};

/// One input's contribution.
struct input_result {
    std::string id;            ///< input id
    std::string stakeholder;   ///< stakeholder id
    int year = 0;              ///< year spent
    double value = 0;          ///< undiscounted amount (amount, or quantity x unit cost)
    double present_value = 0;  ///< value x discount factor of its year
};

/// Present value and inputs of one group (a stakeholder, theme or value type).
struct group_result {
    std::string key;           ///< stakeholder id, theme, or value type name
    double present_value = 0;  ///< value created for / attributed to the group
    double inputs = 0;         ///< present value of the inputs the group contributed
};

/// The four headline figures, cheap to compute (used by analyses that evaluate many times).
struct totals {
    double present_value = 0;      ///< PV of all outcomes
    double total_inputs = 0;       ///< PV of all inputs
    double net_present_value = 0;  ///< PV - inputs
    double sroi_ratio = 0;         ///< PV / inputs
};

/// Full result of evaluating a model (spec section 3 and the JSON fields of section 5).
struct result {
    double present_value = 0;              ///< PV of all outcomes
    double total_inputs = 0;               ///< PV of all inputs
    double net_present_value = 0;          ///< PV - inputs
    double sroi_ratio = 0;                 ///< PV / inputs
    double net_sroi_ratio = 0;             ///< NPV / inputs
    std::optional<double> payback_months;  ///< inputs / (annual impact / 12); empty when impact <= 0
    double annual_impact = 0;              ///< sum of impacts of outcomes active inside the horizon

    std::vector<int> years;                     ///< 1 .. last active year (capped by the horizon)
    std::vector<double> discount_factors;       ///< factor applied to each year's values (follows timing)
    std::vector<double> value_by_year;          ///< per year, the sum of the outcomes' values
    std::vector<double> present_value_by_year;  ///< value_by_year x discount factor

    std::vector<outcome_result> outcomes;    ///< in model order
    std::vector<input_result> inputs;        ///< in model order
    std::vector<group_result> stakeholders;  ///< in model order of stakeholders
    std::vector<group_result> themes;        ///< in order of first appearance
    std::vector<group_result> value_types;   ///< fiscal, economic, social, wellbeing (those present)

    /// The headline figures only.
    [[nodiscard]] totals headline() const noexcept {
        return {present_value, total_inputs, net_present_value, sroi_ratio};
    }
};

}  // namespace sroi
