/// @file error.hpp
/// @brief The sroi exception hierarchy and source-located diagnostics.
///
/// Every exception the library throws derives from sroi::error. Each carries a stable
/// identifier (error::id()) that callers can match on without parsing messages.
#pragma once

#include <stdexcept>
#include <string>
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

}  // namespace sroi
