/// @file error.hpp
/// @brief The sroi exception hierarchy and source-located diagnostics.
///
/// Every exception the library throws derives from sroi::error. Each carries a stable
/// identifier (error::id()) that callers can match on without parsing messages; every identifier
/// is listed, with its meaning and the class it is thrown as, in the catalogue at the end of this
/// header (sroi::errors, sroi::error_catalogue).
#pragma once

#include <array>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace sroi {

/// Where something stands in a source file. Lines and columns are 1-based; 0 means unknown.
struct source_location {
    std::string file;  ///< path as given by the user (may be empty for models built in code)
    int line = 0;      ///< 1-based line, 0 when unknown
    int column = 0;    ///< 1-based column, 0 when unknown
};

/// How serious a diagnostic is.
enum class severity { error, warning };

/// One message about a model: where, which key path, and what is wrong.
struct diagnostic {
    severity level = severity::error;  ///< error or warning
    source_location location;          ///< where in which file (may be unknown)
    std::string path;                  ///< key path such as `outcomes[2].deadweight`
    std::string message;               ///< what is wrong, without location prefix

    /// Formats as `FILE:LINE:COL: error: PATH: MESSAGE` (parts that are unknown are left out).
    [[nodiscard]] std::string to_string() const;
};

/// Root of every exception thrown by sroi.
class error : public std::runtime_error {
public:
    /// @param id stable identifier such as `model.invalid` or `evaluation.no_inputs`
    /// @param message human-readable explanation
    error(std::string id, const std::string& message);
    /// Stable identifier of the kind of failure (e.g. `model.invalid`).
    [[nodiscard]] const std::string& id() const noexcept { return id_; }

private:
    std::string id_;
};

/// A model (or library, or scenario file) is malformed or inconsistent.
///
/// Holds every error found, each with file, line, column and key path; what() lists them all,
/// one per line. The first one is also available through file(), line(), column() and path().
class model_error : public error {
public:
    /// Builds from one or more diagnostics (at least one must be an error).
    explicit model_error(std::vector<diagnostic> diagnostics);
    /// Convenience: a single error.
    model_error(source_location location, std::string path, std::string message);

    /// Every diagnostic (errors and warnings) that led to the failure.
    [[nodiscard]] const std::vector<diagnostic>& diagnostics() const noexcept { return diagnostics_; }
    /// File of the first error.
    [[nodiscard]] const std::string& file() const noexcept { return first().location.file; }
    /// 1-based line of the first error (0 when unknown).
    [[nodiscard]] int line() const noexcept { return first().location.line; }
    /// 1-based column of the first error (0 when unknown).
    [[nodiscard]] int column() const noexcept { return first().location.column; }
    /// Key path of the first error, e.g. `outcomes[2].deadweight`.
    [[nodiscard]] const std::string& path() const noexcept { return first().path; }

private:
    [[nodiscard]] const diagnostic& first() const noexcept;
    std::vector<diagnostic> diagnostics_;
};

/// A calculation cannot be carried out (e.g. total inputs of zero, an unknown parameter path,
/// a value outside its domain, or a non-finite result).
class evaluation_error : public error {
public:
    /// @param id stable identifier, e.g. `evaluation.no_inputs`
    /// @param message explanation naming the parameter or quantity involved
    /// @param where where the model writes that quantity (e.g. the outcome whose value overflows),
    ///              when it has one
    evaluation_error(std::string id, const std::string& message, source_location where = {})
        : error(std::move(id), message), location_(std::move(where)) {}
    /// Where the model writes the quantity involved; line 0 when unknown or not one place.
    [[nodiscard]] const source_location& location() const noexcept { return location_; }

private:
    source_location location_;
};

// ---------------------------------------------------------------------------------------------
// The catalogue of error ids

/// One kind of failure: its stable id and what it means. The type says which exception class it
/// is thrown as (error, model_error or evaluation_error); make_error() builds that exception.
template <class Exception>
struct error_kind {
    std::string_view id;       ///< stable identifier, `area.name`; error::id() returns it
    std::string_view meaning;  ///< when it is thrown
};

/// Exception classes an error id can be thrown as.
enum class error_class { error, model_error, evaluation_error };

/// An error_kind with its class written out, as listed in error_catalogue.
struct error_catalogue_entry {
    std::string_view id;       ///< stable identifier
    error_class thrown_as;     ///< the exception class thrown with this id
    std::string_view meaning;  ///< when it is thrown
};

/// The exception of a kind thrown as sroi::error, e.g. `throw make_error(errors::io_write, why)`.
[[nodiscard]] inline error make_error(const error_kind<error>& kind, const std::string& message) {
    return {std::string(kind.id), message};
}

/// The exception of a kind thrown as sroi::evaluation_error, with where the model writes the
/// quantity involved when it has one place.
[[nodiscard]] inline evaluation_error make_error(const error_kind<evaluation_error>& kind,
                                                 const std::string& message, source_location where = {}) {
    return {std::string(kind.id), message, std::move(where)};
}

/// Every error id the library throws. Match on them with `e.id() == sroi::errors::sweep_range.id`.
namespace errors {

// Each entry is an id and its meaning: this list is the documentation of the ids.

// Models and files
inline constexpr error_kind<model_error> model_invalid{
    "model.invalid", "a model, library or scenario file is malformed or inconsistent"};
inline constexpr error_kind<error> io_write{"io.write", "an output file cannot be written"};

// Evaluation
inline constexpr error_kind<evaluation_error> evaluation_no_inputs{
    "evaluation.no_inputs", "total inputs are 0: the SROI ratio is undefined"};
inline constexpr error_kind<evaluation_error> evaluation_not_finite{
    "evaluation.not_finite", "a figure of the evaluation overflows or is not a finite number"};
inline constexpr error_kind<evaluation_error> evaluation_too_large{
    "evaluation.too_large", "the year-by-year values of the model exceed the evaluator's size limit"};
inline constexpr error_kind<evaluation_error> evaluation_local_spend{
    "evaluation.local_spend", "a local_spend item has no positive initial spend (round 1)"};
inline constexpr error_kind<evaluation_error> price_index_missing{
    "price_index.missing", "a value must be re-based but the model has no price_index"};
inline constexpr error_kind<evaluation_error> price_index_missing_year{
    "price_index.missing_year", "a price index has no value for a year a re-basing needs"};
inline constexpr error_kind<error> distribution_invalid{
    "distribution.invalid", "an uncertain number's parameters describe no distribution"};

// Parameters and scenarios
inline constexpr error_kind<evaluation_error> parameter_count{
    "parameter.count", "a list of parameter values does not have one value per model parameter"};
inline constexpr error_kind<evaluation_error> parameter_out_of_domain{
    "parameter.out_of_domain", "a parameter value lies outside its domain"};
inline constexpr error_kind<evaluation_error> parameter_unknown{
    "parameter.unknown", "no parameter has the given path or position"};
inline constexpr error_kind<evaluation_error> scenario_unknown{"scenario.unknown",
                                                               "the model has no scenario of the given name"};

// Analyses: their options are arguments of a calculation, hence evaluation errors
inline constexpr error_kind<evaluation_error> sensitivity_variation{
    "sensitivity.variation", "the sensitivity variation is not a finite fraction >= 0"};
inline constexpr error_kind<evaluation_error> sweep_syntax{"sweep.syntax",
                                                           "a sweep axis is not written PATH=FROM:TO:STEP"};
inline constexpr error_kind<evaluation_error> sweep_range{
    "sweep.range",
    "a sweep axis's range is unusable (step, order, domain, points) or an axis is missing or twice"};
inline constexpr error_kind<evaluation_error> simulation_options{
    "simulation.options", "simulation options are unusable (0 draws asked for)"};
inline constexpr error_kind<error> simulation_too_large{
    "simulation.too_large", "what a simulation keeps needs more than the memory budget"};
inline constexpr error_kind<evaluation_error> sobol_options{
    "sobol.options",
    "Sobol options are unusable (fewer than 2 samples, or no parameter with a distribution)"};
inline constexpr error_kind<error> sobol_too_large{"sobol.too_large",
                                                   "a Sobol analysis needs more than the memory budget"};
inline constexpr error_kind<evaluation_error> compare_currency{
    "compare.currency", "the compared models are in different currencies"};
inline constexpr error_kind<evaluation_error> compare_price_year{
    "compare.price_year", "the compared models' price bases cannot be brought to one"};
inline constexpr error_kind<evaluation_error> proxies_index{
    "proxies.index", "no single price index to re-base the listed proxies with"};
inline constexpr error_kind<evaluation_error> proxies_price_year{
    "proxies.price_year", "the price index has no value for the price year asked for"};

// Reports
inline constexpr error_kind<error> report_unsupported{"report.unsupported",
                                                      "the report is not available in the format asked for"};
inline constexpr error_kind<error> report_too_large{"report.too_large",
                                                    "a report's tables need more than the memory budget"};

}  // namespace errors

namespace detail {

template <class Exception>
constexpr error_catalogue_entry catalogue_entry(const error_kind<Exception>& kind) noexcept {
    if constexpr (std::is_same_v<Exception, model_error>) {
        return {kind.id, error_class::model_error, kind.meaning};
    } else if constexpr (std::is_same_v<Exception, evaluation_error>) {
        return {kind.id, error_class::evaluation_error, kind.meaning};
    } else {
        return {kind.id, error_class::error, kind.meaning};
    }
}

}  // namespace detail

/// Every entry of sroi::errors, for listing them (e.g. in documentation) or checking an id.
inline constexpr std::array error_catalogue{
    detail::catalogue_entry(errors::model_invalid),
    detail::catalogue_entry(errors::io_write),
    detail::catalogue_entry(errors::evaluation_no_inputs),
    detail::catalogue_entry(errors::evaluation_not_finite),
    detail::catalogue_entry(errors::evaluation_too_large),
    detail::catalogue_entry(errors::evaluation_local_spend),
    detail::catalogue_entry(errors::price_index_missing),
    detail::catalogue_entry(errors::price_index_missing_year),
    detail::catalogue_entry(errors::distribution_invalid),
    detail::catalogue_entry(errors::parameter_count),
    detail::catalogue_entry(errors::parameter_out_of_domain),
    detail::catalogue_entry(errors::parameter_unknown),
    detail::catalogue_entry(errors::scenario_unknown),
    detail::catalogue_entry(errors::sensitivity_variation),
    detail::catalogue_entry(errors::sweep_syntax),
    detail::catalogue_entry(errors::sweep_range),
    detail::catalogue_entry(errors::simulation_options),
    detail::catalogue_entry(errors::simulation_too_large),
    detail::catalogue_entry(errors::sobol_options),
    detail::catalogue_entry(errors::sobol_too_large),
    detail::catalogue_entry(errors::compare_currency),
    detail::catalogue_entry(errors::compare_price_year),
    detail::catalogue_entry(errors::proxies_index),
    detail::catalogue_entry(errors::proxies_price_year),
    detail::catalogue_entry(errors::report_unsupported),
    detail::catalogue_entry(errors::report_too_large),
};

}  // namespace sroi
