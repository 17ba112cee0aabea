/// @file model.hpp
/// @brief The SROI model as plain data: what the YAML loader produces and what code may build.
///
/// Nothing here knows about YAML. Field meanings and defaults follow the model format
/// specification (spec/model-format.md, sections 1, 2 and 4).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sroi/model/error.hpp>
#include <sroi/model/source_map.hpp>

namespace sroi {

/// Probability distribution of an uncertain number (spec section 2).
enum class distribution {
    fixed,       ///< no distribution: the number is known (low/high may still give a range)
    uniform,     ///< uniform on [low, high]
    triangular,  ///< triangular on [low, high] with mode = value
    pert,        ///< PERT (lambda 4) on [low, high] with mode = value
    normal,      ///< normal with mean = value and sd; low/high (if given) truncate
    lognormal,   ///< lognormal with mean = value and sd on the natural scale
    beta,        ///< beta with mean = value and sd, support [0, 1]
};

/// Spelling of a distribution in the model format (`pert`, `normal`, ...; `fixed` for none).
[[nodiscard]] const char* to_string(distribution d) noexcept;

/// A number that may carry a range and a distribution.
///
/// The deterministic result always uses `value`. `low`/`high` give the one-way sensitivity
/// range and, for uniform, triangular and PERT, the support; for normal they truncate.
struct uncertain_number {
    double value = 0.0;                       ///< central (deterministic) value
    std::optional<double> low;                ///< lower end of the range
    std::optional<double> high;               ///< upper end of the range
    std::optional<double> sd;                 ///< standard deviation (normal, lognormal, beta)
    distribution dist = distribution::fixed;  ///< distribution used by simulation

    uncertain_number() = default;
    /// A fixed number (implicit, so `o.quantity = 18;` reads naturally).
    uncertain_number(double v) : value(v) {}  // NOLINT(google-explicit-constructor)
    /// True when the number has a distribution (it takes part in simulation).
    [[nodiscard]] bool is_random() const noexcept { return dist != distribution::fixed; }
};

// Uncertain numbers in code, one factory per form of the model format (spec section 2), e.g.
// `o.quantity = sroi::pert(70, 100, 120);`. They check nothing: check_model() does, as for a
// model read from YAML.

namespace detail {
/// An uncertain number from every field (the factories below name what each field means).
[[nodiscard]] inline uncertain_number make_uncertain(double value, std::optional<double> low,
                                                     std::optional<double> high, std::optional<double> sd,
                                                     distribution dist) {
    uncertain_number u(value);
    u.low = low;
    u.high = high;
    u.sd = sd;
    u.dist = dist;
    return u;
}
}  // namespace detail

/// A known `value` with a one-way sensitivity range [low, high] and no distribution.
[[nodiscard]] inline uncertain_number range(double value, double low, double high) {
    return detail::make_uncertain(value, low, high, std::nullopt, distribution::fixed);
}
/// Uniform on [low, high]; the deterministic result uses `value`.
[[nodiscard]] inline uncertain_number uniform(double value, double low, double high) {
    return detail::make_uncertain(value, low, high, std::nullopt, distribution::uniform);
}
/// Triangular on [low, high]; the deterministic result uses the mode.
[[nodiscard]] inline uncertain_number triangular(double low, double mode, double high) {
    return detail::make_uncertain(mode, low, high, std::nullopt, distribution::triangular);
}
/// PERT (lambda 4) on [low, high]; the deterministic result uses the mode.
[[nodiscard]] inline uncertain_number pert(double low, double mode, double high) {
    return detail::make_uncertain(mode, low, high, std::nullopt, distribution::pert);
}
/// Normal with `mean` and `sd`, truncated to [low, high] at the ends given.
[[nodiscard]] inline uncertain_number normal(double mean, double sd, std::optional<double> low = std::nullopt,
                                             std::optional<double> high = std::nullopt) {
    return detail::make_uncertain(mean, low, high, sd, distribution::normal);
}
/// Lognormal with `mean` and `sd` on the natural scale.
[[nodiscard]] inline uncertain_number lognormal(double mean, double sd) {
    return detail::make_uncertain(mean, std::nullopt, std::nullopt, sd, distribution::lognormal);
}
/// Beta on [0, 1] with `mean` and `sd`.
[[nodiscard]] inline uncertain_number beta(double mean, double sd) {
    return detail::make_uncertain(mean, std::nullopt, std::nullopt, sd, distribution::beta);
}

/// Forecast (before the activity) or evaluative (after it) SROI.
enum class study_type { forecast, evaluative };

/// How an outcome's value is classified for breakdowns.
enum class value_type { fiscal, economic, social, wellbeing };

/// Spelling of a value type in the model format (`fiscal`, `economic`, `social`, `wellbeing`).
[[nodiscard]] const char* to_string(value_type v) noexcept;
/// Spelling of a study type (`forecast`, `evaluative`).
[[nodiscard]] const char* to_string(study_type t) noexcept;

/// The `project:` section.
struct project_info {
    std::string name;                        ///< required
    std::string description;                 ///< free text
    std::string currency = "GBP";            ///< ISO 4217 code
    std::optional<int> price_year;           ///< price base of every money value in the report
    std::optional<int> start_year;           ///< calendar year of "year 1", for labels only
    study_type type = study_type::forecast;  ///< forecast or evaluative
    std::optional<int> horizon;              ///< values after this year are dropped
};

/// When in a year its value is discounted.
enum class discount_timing {
    end_of_year,    ///< year t discounted t periods
    start_of_year,  ///< year t discounted t-1 periods
};

/// Spelling of a discount timing in the model format (`end_of_year`, `start_of_year`).
[[nodiscard]] const char* to_string(discount_timing t) noexcept;

/// The `discount:` section. Exactly one of the three forms is used.
struct discount_spec {
    /// Which rate form is in use.
    enum class form { constant, per_year, green_book };
    form kind = form::constant;     ///< which form
    uncertain_number rate = 0.035;  ///< the constant rate (form::constant)
    std::vector<double> rates;      ///< rate of year 1, 2, ... (last repeats; form::per_year)
    discount_timing timing = discount_timing::end_of_year;  ///< when values are discounted
};

/// Someone who experiences change or contributes inputs.
struct stakeholder {
    std::string id;           ///< `[a-z0-9][a-z0-9_-]*`, unique
    std::string name;         ///< display name
    std::string description;  ///< free text
};

/// An investment: money, or quantity x unit cost, spent in a given year.
struct input {
    std::string id;                             ///< unique id
    std::string stakeholder;                    ///< id of the stakeholder who contributes it
    std::string description;                    ///< free text
    std::optional<uncertain_number> amount;     ///< money (use this, or quantity x unit_cost)
    std::optional<uncertain_number> quantity;   ///< e.g. hours
    std::optional<uncertain_number> unit_cost;  ///< money per unit
    std::string unit;                           ///< unit of quantity, e.g. `hours`
    int year = 0;                               ///< year spent; 0 is not discounted
    std::string note;                           ///< where the figure comes from
};

/// Provenance of a financial proxy value.
struct proxy_provenance {
    std::string unit;     ///< e.g. `per person per year`
    std::string source;   ///< publication the value comes from
    std::string url;      ///< where to read it
    std::string method;   ///< unit-cost | wellbeing | market | stated-preference | other
    std::string licence;  ///< e.g. `OGL-3.0`
    std::string note;     ///< anything else (e.g. how directly it was read)
};

/// A named financial proxy, from a library or from the model's own `proxies:` list.
struct proxy {
    std::string id;                 ///< unique across the model and its libraries
    std::string description;        ///< what one unit is worth
    uncertain_number value;         ///< value per unit, in `currency` at `price_year` prices
    std::optional<int> price_year;  ///< price base of `value`
    std::string currency = "GBP";   ///< ISO 4217 code
    proxy_provenance provenance;    ///< unit, source, url, method, licence, note
    std::string library;            ///< file it came from (empty when defined in the model)
};

/// The proxy an outcome uses: an inline value, or a reference to a named proxy.
struct outcome_proxy {
    std::string ref;                ///< id of a named proxy; empty for an inline value
    double multiplier = 1.0;        ///< scale applied to a referenced proxy
    uncertain_number value;         ///< inline value (unused when `ref` is set)
    std::optional<int> price_year;  ///< price base of an inline value
    proxy_provenance provenance;    ///< provenance of an inline value
};

/// A change experienced by a stakeholder, valued with a financial proxy.
struct outcome {
    std::string id;                              ///< unique id
    std::string stakeholder;                     ///< id of the stakeholder who experiences it
    std::string description;                     ///< what changes
    std::string indicator;                       ///< how the change is measured
    std::string theme;                           ///< free tag for breakdowns (jobs, growth, social, ...)
    sroi::value_type type = value_type::social;  ///< fiscal | economic | social | wellbeing
    uncertain_number quantity;                   ///< how many units of change
    outcome_proxy proxy;                         ///< value of one unit
    uncertain_number deadweight = 0.0;           ///< share that would have happened anyway, [0, 1]
    uncertain_number displacement = 0.0;         ///< share displaced from elsewhere, [0, 1]
    uncertain_number attribution = 0.0;          ///< share due to others, [0, 1]
    uncertain_number drop_off = 0.0;             ///< yearly decline after the first year, [0, 1]
    int duration = 1;                            ///< whole years the outcome lasts, >= 1
    int start = 1;                               ///< year the outcome first produces value, >= 1
    std::string note;                            ///< where the assumptions come from
};

/// Local spend for the NEF Local Multiplier 3 (`local_spend:`; see local_multiplier.hpp).
///
/// Give either `amount` (R1) with `local_share` and `respend_share`, or the three rounds as
/// amounts (`round1`, `round2`, `round3`). Money is in the project's currency and price year,
/// undiscounted. LM3 figures are reported beside the SROI results, never added to them.
struct local_spend {
    std::string id;                       ///< unique id
    std::string description;              ///< what the spend is, e.g. `Catering contract`
    std::string stakeholder;              ///< optional id of the stakeholder who receives it
    bool local_recipient = true;          ///< `recipient: local` (default) or `out_of_area`
    std::optional<double> amount;         ///< R1, the initial spend (with the two shares)
    std::optional<double> local_share;    ///< share of R1 the recipient spends locally: R2 = R1 x share
    std::optional<double> respend_share;  ///< share of R2 re-spent locally: R3 = R2 x share
    std::optional<double> round1;         ///< R1 as an amount (with round2 and round3)
    std::optional<double> round2;         ///< R2 as an amount, in [0, R1]
    std::optional<double> round3;         ///< R3 as an amount, in [0, R2]
    std::string source;                   ///< where the shares or rounds come from (e.g. a supplier survey)
    std::string note;                     ///< anything else
};

/// A price index (e.g. the GDP deflator) used to re-base proxies to one price year.
struct price_index {
    std::string id;                ///< e.g. `uk-gdp-deflator`
    std::string description;       ///< what it measures
    std::optional<int> base_year;  ///< year whose value is 100
    std::map<int, double> values;  ///< year -> index value (> 0)
    std::string source;            ///< publication
    std::string url;               ///< where to read it
    std::string licence;           ///< e.g. `OGL-3.0`
    std::string library;           ///< file it came from (empty when defined in the model)
};

/// A proxy/index library file (`sroi-library: 1`).
struct library {
    std::string name;                  ///< display name
    std::string description;           ///< free text
    std::vector<proxy> proxies;        ///< named proxies
    std::vector<price_index> indices;  ///< price indices
    std::string file;                  ///< path it was read from
};

/// Parameter values by path (e.g. `outcomes.jobs.quantity`), in the order given.
using parameter_overrides = std::vector<std::pair<std::string, double>>;

/// A named set of parameter overrides (`scenarios:`).
struct scenario {
    std::string name;         ///< key in `scenarios:`
    std::string description;  ///< free text
    parameter_overrides set;  ///< parameter path -> value, in file order
};

/// The name under which reports show the base case beside the scenarios: no scenario may take it
/// (check_model() and scenario files reject it).
inline constexpr std::string_view base_case_name = "base";

/// A Gaussian-copula correlation between two uncertain parameters.
struct correlation {
    std::string first;   ///< parameter path
    std::string second;  ///< parameter path
    double rho = 0.0;    ///< correlation in [-1, 1]
};

/// A whole SROI model. Build it in code or with load_model().
struct model {
    project_info project;                     ///< the `project:` section
    discount_spec discount;                   ///< the `discount:` section
    std::string price_index;                  ///< id of the index used to re-base proxies
    std::vector<stakeholder> stakeholders;    ///< in file order
    std::vector<input> inputs;                ///< in file order
    std::vector<outcome> outcomes;            ///< in file order
    std::vector<proxy> proxies;               ///< the model's own and every library's, merged
    std::vector<sroi::price_index> indices;   ///< the model's own and every library's, merged
    std::vector<scenario> scenarios;          ///< in file order
    std::vector<correlation> correlations;    ///< in file order
    std::vector<local_spend> local_spending;  ///< `local_spend:` items for LM3, in file order
    std::vector<std::string> libraries;       ///< library files as resolved paths
    std::string file;                         ///< file the model was loaded from (may be empty)
    source_map locations;                     ///< where each key path was written (may be empty)

    /// The stakeholder with this id, or nullptr.
    [[nodiscard]] const stakeholder* find_stakeholder(const std::string& id) const;
    /// The named proxy with this id, or nullptr.
    [[nodiscard]] const proxy* find_proxy(const std::string& id) const;
    /// The price index with this id, or nullptr.
    [[nodiscard]] const sroi::price_index* find_index(const std::string& id) const;
    /// The scenario with this name, or nullptr.
    [[nodiscard]] const scenario* find_scenario(const std::string& name) const;
    /// Where a key path was written: the longest written prefix of `path`, else just the file.
    [[nodiscard]] source_location locate(const std::string& path) const;
};

/// Checks a model's consistency (ids, references, ranges, distributions, price years, inputs).
///
/// Returns every problem found, errors and warnings, with key paths such as
/// `outcomes[2].deadweight` and the locations recorded in `m.locations`. Does not throw.
[[nodiscard]] std::vector<diagnostic> check_model(const model& m);

/// Throws model_error with every error of check_model(); returns its warnings otherwise.
std::vector<diagnostic> validate(const model& m);

}  // namespace sroi
