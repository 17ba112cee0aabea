/// @file portfolio.hpp
/// @brief Many models side by side and in total (`sroi portfolio`, spec section 5).
///
/// A portfolio adds up models that a council runs at the same time. Money can only be added
/// when it is in one currency and one price base, so:
///
/// - the portfolio's currency is that of its first model; a model in another currency is left
///   out of the totals with an error (sroi never converts currencies);
/// - when the models' price years differ, every model is re-based to the portfolio's price year
///   (`portfolio_options::price_year`, else the latest price year among the models) with the
///   model's own `price_index`; a model that cannot be re-based (no `project.price_year`, no
///   `price_index`, or a year missing from the index) is left out of the totals with an error.
///   Ratios do not change with re-basing; present values and inputs do.
///
/// The total SROI ratio is total present value / total inputs, never the mean of the ratios.
/// Local Multiplier 3 figures are summed beside the SROI totals, never into them.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <sroi/engine/result.hpp>
#include <sroi/model/error.hpp>
#include <sroi/model/model.hpp>
#include <sroi/model/model_files.hpp>

namespace sroi {

/// A loaded model and its evaluation, as handed to summarise_portfolio().
struct portfolio_member {
    std::string file;     ///< file it came from (shown in reports)
    sroi::model model;    ///< the model
    sroi::result result;  ///< its evaluation (base case or a scenario)
};

/// How a portfolio is put on one price base.
struct portfolio_options {
    /// Price year to express every model in; empty: the latest price year among the models.
    std::optional<int> price_year;
    /// Threads evaluate_portfolio() evaluates models on (and load_portfolio() reads them on);
    /// 0: one per hardware thread. The result is the same whatever the number.
    unsigned threads = 0;
};

/// One model's row of a portfolio, in the portfolio's price year.
struct portfolio_model {
    std::string file;                        ///< file it came from
    std::string name;                        ///< project name
    study_type type = study_type::forecast;  ///< forecast or evaluative
    std::optional<int> price_year;           ///< the model's own price year
    double rebase_factor = 1.0;              ///< factor that put its money in the portfolio's price year
    double present_value = 0;                ///< PV of outcomes (re-based)
    double total_inputs = 0;                 ///< PV of inputs (re-based)
    double net_present_value = 0;            ///< PV - inputs (re-based)
    double sroi_ratio = 0;                   ///< PV / inputs (unchanged by re-basing)
    std::optional<double> payback_months;    ///< the model's payback, empty when not defined
    std::string top_outcome;                 ///< id of the outcome with the largest PV (empty: none)
    double top_outcome_present_value = 0;    ///< its PV (re-based)
    std::size_t local_spend_items = 0;       ///< number of `local_spend` items (LM3)
    double local_spend = 0;                  ///< sum of R1 over its local spend (re-based)
    double local_value = 0;                  ///< local economic value of that spend (re-based)
};

/// A model read or evaluated but left out of the totals, and why.
struct portfolio_exclusion {
    std::string file;    ///< file
    std::string name;    ///< project name when the model could be read
    std::string reason;  ///< one-line reason, e.g. `is in EUR but the portfolio is in GBP`
};

/// Present value and inputs of a theme, value type or stakeholder across the portfolio.
struct portfolio_group {
    std::string key;           ///< theme, value type name or stakeholder id
    double present_value = 0;  ///< PV across the models (re-based)
    double inputs = 0;         ///< inputs across the models (stakeholders only; re-based)
    std::size_t models = 0;    ///< number of models contributing to the group
};

/// The portfolio's totals (fields as in spec section 5, plus extras).
struct portfolio_totals {
    double present_value = 0;              ///< sum of the models' PV
    double total_inputs = 0;               ///< sum of the models' inputs
    double net_present_value = 0;          ///< present_value - total_inputs
    double sroi_ratio = 0;                 ///< present_value / total_inputs (not a mean of ratios)
    double net_sroi_ratio = 0;             ///< net_present_value / total_inputs
    std::optional<double> payback_months;  ///< total inputs / (sum of annual impacts / 12)
    double annual_impact = 0;              ///< sum of the models' annual impact (re-based)
};

/// Everything `sroi portfolio` reports.
struct portfolio_result {
    std::string currency;                       ///< currency of every figure
    std::optional<int> price_year;              ///< price base of every figure (empty: none given)
    std::vector<portfolio_model> models;        ///< models in the totals, in the order given
    std::vector<portfolio_exclusion> excluded;  ///< models left out, in the order given
    portfolio_totals total;                     ///< totals of `models`
    std::vector<portfolio_group> themes;        ///< by theme, in order of first appearance
    std::vector<portfolio_group> value_types;   ///< fiscal, economic, social, wellbeing (those present)
    std::vector<portfolio_group> stakeholders;  ///< by stakeholder id, in order of first appearance
    double local_spend = 0;                     ///< LM3: sum of R1 over all models (not in the SROI totals)
    double local_value = 0;                     ///< LM3: local economic value of that spend
    std::optional<double> local_multiplier;     ///< LM3 of all local spend together; empty without any
    std::vector<diagnostic> problems;           ///< errors: unreadable models and exclusions
    std::vector<diagnostic> notes;              ///< warnings: re-basing applied, files skipped, ...

    /// True when every model given is in the totals.
    [[nodiscard]] bool complete() const noexcept { return problems.empty(); }
};

/// Puts already evaluated models side by side and adds them up (see the file comment for the
/// rules on currencies and price years). Never throws for a model it cannot add: it is listed in
/// `excluded` and `problems` instead.
[[nodiscard]] portfolio_result summarise_portfolio(std::span<const portfolio_member> members,
                                                   const portfolio_options& options = {});

/// Evaluates the models of `models` (read by load_portfolio()) and summarises them. Every file
/// without a model, or whose model cannot be evaluated, is reported in `problems` with its file,
/// line and column, and left out; the others are still summarised. Problems, exclusions and the
/// notes of `models` keep the order the files were named in.
[[nodiscard]] portfolio_result evaluate_portfolio(model_file_set models,
                                                  const portfolio_options& options = {});

}  // namespace sroi
