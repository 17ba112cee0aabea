/// @file model_files.hpp
/// @brief Model files as read, before any evaluation: the data the file side (portfolio_files.hpp)
/// hands to the analyses (portfolio.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <sroi/model/error.hpp>
#include <sroi/model/model.hpp>

namespace sroi {

/// One model file as read: its model, or the errors that kept it from being read.
struct model_file {
    std::string file;                  ///< path as named (or as found in a directory)
    std::optional<sroi::model> model;  ///< present when the file was read and checked without errors
    std::vector<diagnostic> errors;    ///< why there is no model (empty when there is one)

    /// Drops the model and keeps the errors among `diagnostics` as the reason (`cannot be read`
    /// when none of them is an error).
    void fail(std::vector<diagnostic> diagnostics);
};

/// Model files read together (e.g. for a portfolio), in the order they were named.
struct model_file_set {
    std::vector<model_file> files;  ///< every file named, read or not
    std::vector<diagnostic> notes;  ///< what finding the files said: skipped libraries, duplicates, ...
};

}  // namespace sroi
