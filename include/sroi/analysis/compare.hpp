/// @file compare.hpp
/// @brief Forecast against actual (`sroi compare`): what was promised and what was delivered.
///
/// A forecast SROI (e.g. from a tender) and an evaluative SROI of the same activity are matched
/// outcome by outcome and input by input on their ids. Each figure is given for both, with the
/// difference actual - forecast; outcomes and inputs found in only one model are marked added
/// (only in the evaluative model) or dropped (only in the forecast) and count as 0 on the other
/// side. Money is compared in the evaluative model's price year: when the two price years
/// differ, the forecast's money figures are re-based with the forecast's price index (or the
/// evaluative model's when the forecast has none). Different currencies cannot be compared.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <sroi/engine/result.hpp>
#include <sroi/model/error.hpp>
#include <sroi/model/model.hpp>

namespace sroi {

/// One figure, forecast and actual.
struct forecast_actual {
    double forecast = 0;    ///< in the forecast (0 when the item is not in it), re-based when money
    double actual = 0;      ///< in the evaluative model (0 when the item is not in it)
    double difference = 0;  ///< actual - forecast
    /// difference / forecast, empty when the forecast is 0.
    [[nodiscard]] std::optional<double> relative() const noexcept {
        if (forecast == 0.0) return std::nullopt;
        return difference / forecast;
    }
};

/// Whether an outcome or input is in both models or only one.
enum class match_status {
    matched,  ///< in both
    added,    ///< only in the evaluative model
    dropped,  ///< only in the forecast
};

/// Spelling of a match status (`matched`, `added`, `dropped`).
[[nodiscard]] const char* to_string(match_status s) noexcept;

/// One outcome, forecast against actual.
struct outcome_comparison {
    std::string id;                               ///< outcome id
    std::string stakeholder;                      ///< stakeholder id (the evaluative model's when in both)
    match_status status = match_status::matched;  ///< in both, added or dropped
    forecast_actual quantity;                     ///< quantity of change
    forecast_actual proxy;                        ///< value of one unit used (re-based, x multiplier)
    forecast_actual impact;                       ///< impact: the value of its first year of value
    forecast_actual present_value;                ///< present value
};

/// One input, forecast against actual.
struct input_comparison {
    std::string id;                               ///< input id
    std::string stakeholder;                      ///< stakeholder id
    match_status status = match_status::matched;  ///< in both, added or dropped
    forecast_actual value;                        ///< undiscounted value
    forecast_actual present_value;                ///< present value
};

/// A forecast and an evaluative model compared.
struct comparison {
    std::string forecast_name;                 ///< project name of the forecast
    std::string actual_name;                   ///< project name of the evaluative model
    std::string forecast_file;                 ///< file of the forecast (may be empty)
    std::string actual_file;                   ///< file of the evaluative model (may be empty)
    std::string currency;                      ///< currency of both
    std::optional<int> price_year;             ///< price year of every money figure (the evaluative model's)
    double forecast_rebase_factor = 1.0;       ///< factor applied to the forecast's money figures
    std::vector<outcome_comparison> outcomes;  ///< forecast order, then added outcomes
    std::vector<input_comparison> inputs;      ///< forecast order, then added inputs
    forecast_actual present_value;             ///< total PV of outcomes
    forecast_actual total_inputs;              ///< total inputs (PV)
    forecast_actual net_present_value;         ///< NPV
    forecast_actual sroi_ratio;                ///< PV / inputs (not re-based: ratios have no price year)
    std::vector<diagnostic> notes;             ///< warnings, e.g. the forecast is marked evaluative
};

/// Compares a forecast and an evaluative model with their results. Throws evaluation_error
/// `compare.currency` when the currencies differ and `compare.price_year` when the price years
/// differ and neither model's price index can re-base the forecast.
[[nodiscard]] comparison compare(const model& forecast, const result& forecast_result, const model& actual,
                                 const result& actual_result);

}  // namespace sroi
