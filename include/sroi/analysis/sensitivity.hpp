/// @file sensitivity.hpp
/// @brief One-way sensitivity, switching values, parameter sweeps and analysis warnings.
///
/// Every analysis here varies parameter values (by their spec paths) around a set of base values
/// (the model's own, or a scenario's) and re-evaluates the model through an `evaluator`. A
/// parameter of one outcome changes only that outcome, so only that outcome is re-evaluated; a
/// named proxy re-evaluates the outcomes that reference it, and `discount.rate` everything.
///
/// Conventions follow spec section 5 (`sroi sensitivity`): the range of a parameter is its own
/// `low`/`high` when given, else the 5th and 95th percentiles of its distribution, else base -/+
/// a variation (a fraction of the base value), always clamped to the parameter's domain. The
/// switching value is the value of one parameter, the others at base, at which NPV = 0.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <sroi/engine/evaluate.hpp>
#include <sroi/engine/result.hpp>
#include <sroi/model/error.hpp>
#include <sroi/model/parameters.hpp>

namespace sroi {

// ---------------------------------------------------------------------------------------------
// Ranges

/// How the low and high ends of a parameter's one-way range are chosen.
enum class range_rule {
    /// Spec section 5: the parameter's own `low`/`high` when given, else the 5th/95th
    /// percentiles of its distribution, else base -/+ variation. For a normal distribution
    /// `low`/`high` only truncate it, so its percentiles are used.
    explicit_first,
    /// Every parameter with a distribution uses its 5th/95th percentiles (uniform, triangular and
    /// PERT included); the others as in `explicit_first`.
    percentiles,
};

/// Where a range end came from.
enum class range_source {
    explicit_range,  ///< the parameter's own `low`/`high`
    percentile,      ///< a percentile of its distribution
    variation,       ///< base -/+ variation x |base|, clamped to the domain
};

/// Spelling of a range source (`explicit`, `percentile`, `variation`).
[[nodiscard]] const char* to_string(range_source s) noexcept;

/// Options shared by the one-way analysis and its ranges.
struct sensitivity_options {
    double variation = 0.2;                          ///< fraction of the base value for ranges without one
    double low_percentile = 0.05;                    ///< probability of the low end of a distribution
    double high_percentile = 0.95;                   ///< probability of the high end of a distribution
    range_rule ranges = range_rule::explicit_first;  ///< which rule picks the ends
    bool switching_values = true;                    ///< also compute switching values
};

/// The one-way range of one parameter.
struct parameter_range {
    double low = 0.0;                                    ///< low end, inside the domain
    double high = 0.0;                                   ///< high end, inside the domain
    range_source low_source = range_source::variation;   ///< where `low` came from
    range_source high_source = range_source::variation;  ///< where `high` came from
};

/// The one-way range of `p` around `base` (its value in the case analysed) under `options`.
///
/// Percentiles are those of the distribution as written in the model (mode or mean `value`), so
/// they do not move with a scenario; a variation range is taken around `base`. Throws
/// evaluation_error (`sensitivity.variation`) for a negative or non-finite variation.
[[nodiscard]] parameter_range sensitivity_range(const parameter& p, double base,
                                                const sensitivity_options& options = {});

/// Quantile (inverse CDF) of an uncertain number's distribution at probability `probability` in
/// (0, 1), restricted to the domain `domain` (a normal is truncated to `low`/`high` and the
/// domain). Empty for `distribution::fixed` or when the distribution is not usable (e.g. a
/// lognormal with a value <= 0).
[[nodiscard]] std::optional<double> distribution_quantile(const uncertain_number& number, double probability,
                                                          parameter_domain domain);

// ---------------------------------------------------------------------------------------------
// Switching values

/// How a switching value was found.
enum class switching_method {
    closed_form,  ///< NPV is affine in the parameter: solved from two evaluations
    root_search,  ///< NPV is not affine (drop-off, discount rate): grid scan, then bisection
};

/// The value of one parameter, the others at base, at which NPV = 0 (SROI ratio = 1).
struct switching_value {
    std::optional<double> value;            ///< the value; empty when none in the domain reaches NPV = 0
    std::optional<double> relative_change;  ///< (value - base) / |base|; empty when base is 0 or no value
    switching_method method = switching_method::closed_form;  ///< how it was found
    int roots = 0;     ///< roots found in the domain (the one nearest the base is reported)
    std::string note;  ///< why there is none, or that several roots exist, or empty
};

/// Switching value of parameter `index` around `base_values` (one value per parameter).
[[nodiscard]] switching_value find_switching_value(const evaluator& ev, std::size_t index,
                                                   std::span<const double> base_values);
/// Switching value of the parameter at `path` around the model's base values; throws
/// evaluation_error (`parameter.unknown`) for an unknown path.
[[nodiscard]] switching_value find_switching_value(const evaluator& ev, std::string_view path);

// ---------------------------------------------------------------------------------------------
// One-way sensitivity

/// Headline figures at one end of a parameter's range. The ratio is empty when total inputs are
/// not positive there (it is undefined).
struct sensitivity_end {
    double value = 0.0;                ///< parameter value
    double present_value = 0.0;        ///< PV of all outcomes
    double total_inputs = 0.0;         ///< PV of all inputs
    double net_present_value = 0.0;    ///< PV - inputs
    std::optional<double> sroi_ratio;  ///< PV / inputs, when inputs are positive
};

/// One parameter's one-way result.
struct parameter_sensitivity {
    std::string path;                                        ///< spec path, e.g. `outcomes.jobs.deadweight`
    parameter_kind kind = parameter_kind::outcome_quantity;  ///< what it changes
    double base = 0.0;                                       ///< value in the case analysed
    parameter_range range;                                   ///< low/high and where they came from
    sensitivity_end low;                                     ///< figures with the parameter at `range.low`
    sensitivity_end high;                                    ///< figures with the parameter at `range.high`
    /// |ratio_high - ratio_low|; empty when a ratio is undefined (sorted as the largest swing).
    std::optional<double> swing;
    double npv_swing = 0.0;                          ///< |npv_high - npv_low|
    std::optional<sroi::switching_value> switching;  ///< when switching values were asked for
    std::vector<std::string> notes;                  ///< e.g. "total inputs reach 0 at low: ratio undefined"
};

/// The whole one-way analysis.
struct sensitivity_result {
    totals base;                                    ///< headline figures of the case analysed
    std::vector<parameter_sensitivity> parameters;  ///< every parameter, largest swing first
    sensitivity_options options;                    ///< the options used
};

/// One-way sensitivity of every parameter around `base_values` (one value per parameter, e.g.
/// `ev.base_values()` or apply_scenario()), sorted by swing of the SROI ratio, largest first
/// (undefined swings first, ties by path). Throws evaluation_error when the base case itself
/// has no positive inputs.
[[nodiscard]] sensitivity_result one_way_sensitivity(const evaluator& ev, std::span<const double> base_values,
                                                     const sensitivity_options& options = {});
/// One-way sensitivity around the model's base values.
[[nodiscard]] sensitivity_result one_way_sensitivity(const evaluator& ev,
                                                     const sensitivity_options& options = {});

// ---------------------------------------------------------------------------------------------
// Sweeps

/// One axis of a sweep: `path` from `from` to `to` in steps of `step` (`PATH=FROM:TO:STEP`).
struct sweep_axis {
    std::string path;  ///< parameter path
    double from = 0;   ///< first value
    double to = 0;     ///< last value (reached when (to - from) / step is whole)
    double step = 0;   ///< non-zero, with the sign of to - from (any when from == to)
};

/// Parses `PATH=FROM:TO:STEP`; throws evaluation_error (`sweep.syntax`) when malformed.
[[nodiscard]] sweep_axis parse_sweep_axis(std::string_view text);

/// The values of an axis: `from + k * step` for k = 0, 1, ... while not past `to`, each rounded to
/// 15 significant digits (so 0.1 + 2 x 0.1 is 0.3). Throws evaluation_error (`sweep.range`) for a
/// zero or non-finite step, a step pointing away from `to`, or more than `max_points` values.
[[nodiscard]] std::vector<double> sweep_values(const sweep_axis& axis, std::size_t max_points = 1000000);

/// A grid of evaluations: one row per combination of axis values, the first axis outermost.
struct sweep_result {
    std::vector<std::string> paths;           ///< one per axis
    std::vector<std::vector<double>> points;  ///< per row: the value of each axis
    std::vector<totals> figures;              ///< per row: headline figures (ratio NaN/inf when inputs are 0)
};

/// Evaluates the grid of `axes` (one or more) around `base_values`. Throws evaluation_error:
/// `parameter.unknown` for an unknown path, `sweep.range` for a bad range, a value outside the
/// parameter's domain, a path given twice, or more than `max_points` rows in all, or more rows
/// than `memory_budget` bytes hold (0: half of the physical memory; a row and its CSV line take
/// about 56 + 8 x axes + 25 x (axes + 4) bytes), checked before the grid is allocated.
[[nodiscard]] sweep_result sweep(const evaluator& ev, std::span<const double> base_values,
                                 std::span<const sweep_axis> axes, std::size_t max_points = 1000000,
                                 std::uint64_t memory_budget = 0);

// ---------------------------------------------------------------------------------------------
// Warnings

/// Warnings about the analysis of an evaluated model (shown, never fatal): an outcome that
/// contributes more than half the present value; a proxy whose price year is more than 10 years
/// older than the project's price year; a stakeholder valued with both wellbeing and unit-cost
/// proxies (a double-counting risk). `r` is a result of `ev` (base case or a scenario).
[[nodiscard]] std::vector<diagnostic> analysis_warnings(const evaluator& ev, const result& r);

}  // namespace sroi
