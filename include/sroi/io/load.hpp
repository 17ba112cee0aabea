/// @file load.hpp
/// @brief Reading models and proxy/index libraries from YAML files, with source locations.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sroi/model/error.hpp>
#include <sroi/model/model.hpp>

namespace sroi {

/// Limits and switches for the loader.
struct load_options {
    bool load_libraries = true;                         ///< read the files named in `libraries:`
    std::size_t max_file_bytes = std::size_t{1} << 26;  ///< larger files are rejected (64 MiB)
    /// Longest list (outcomes, inputs, proxies, ...) accepted; longer ones are refused before
    /// anything is read from them. The loader also caps it by the machine's memory (at some 32 KiB
    /// per entry, which covers loading, checking and evaluating an outcome).
    std::size_t max_list_entries = 1'000'000;
    std::vector<std::string> extra_libraries;  ///< more library files to merge (e.g. licensed values)
};

/// Everything the loader found: the model (when it could be built) and every diagnostic.
struct load_report {
    std::optional<sroi::model> model;     ///< present only when there were no errors
    std::vector<diagnostic> diagnostics;  ///< errors and warnings, in file order

    /// True when no diagnostic is an error.
    [[nodiscard]] bool ok() const noexcept;
};

/// Reads, checks and returns a model; throws model_error listing every error found.
///
/// Library paths are resolved relative to the model file. Warnings are not thrown; get them
/// from check_model() or load_model_report().
[[nodiscard]] model load_model(const std::string& path, const load_options& options = {});

/// Like load_model() but from YAML text; `file_name` is used in messages and to resolve libraries.
[[nodiscard]] model load_model_from_string(std::string_view yaml, const std::string& file_name = "<string>",
                                           const load_options& options = {});

/// Reads and checks a model without throwing model_error: every error and warning is returned.
[[nodiscard]] load_report load_model_report(const std::string& path, const load_options& options = {});

/// Like load_model_report() but from YAML text.
[[nodiscard]] load_report load_model_report_from_string(std::string_view yaml, const std::string& file_name,
                                                        const load_options& options = {});

/// True when the file looks like a proxy/index library: one of its first 200 lines starts with
/// the top-level key `sroi-library:`. Reads only those lines; an unreadable file is not a library.
[[nodiscard]] bool is_library_file(const std::string& path);

/// Reads and checks a library file; throws model_error listing every error found.
[[nodiscard]] library load_library(const std::string& path, const load_options& options = {});

}  // namespace sroi
