/// @file portfolio_files.hpp
/// @brief Finding and reading the model files of a portfolio (`sroi portfolio FILE|DIR...`).
///
/// The file side of a portfolio: evaluate_portfolio() (portfolio.hpp) takes what load_portfolio()
/// read and never opens a file itself.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <sroi/io/load.hpp>
#include <sroi/model/error.hpp>
#include <sroi/model/model_files.hpp>

namespace sroi {

/// The model files named by `paths`: a file stands for itself; a directory for the `*.yaml` and
/// `*.yml` files directly inside it, sorted by name, leaving out proxy/index libraries
/// (is_library_file()). A file named twice is kept once (with a note in `notes`).
struct model_file_list {
    std::vector<std::string> files;  ///< files to read, in order
    std::vector<diagnostic> notes;   ///< warnings: libraries skipped, duplicates, empty directories
};

/// Expands files and directories into model files (see model_file_list).
[[nodiscard]] model_file_list expand_model_paths(std::span<const std::string> paths);

/// Reads and checks the models named by `paths` (files or directories, see expand_model_paths())
/// on `threads` threads (0: one per hardware thread; at most one per 8 files). A file that cannot
/// be read or checked keeps its errors instead of a model. The result is the same whatever the
/// number of threads; the notes are those of expand_model_paths().
[[nodiscard]] model_file_set load_portfolio(std::span<const std::string> paths, const load_options& load = {},
                                            unsigned threads = 0);

}  // namespace sroi
