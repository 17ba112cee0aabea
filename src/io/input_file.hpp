/// @file input_file.hpp
/// @brief Reading input files with bounds (private to the library): never more than a limit,
/// and, where only regular files make sense (libraries), never blocking on a pipe or a device.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace sroi::detail {

/// The text of a file, or why it could not be read.
struct file_text {
    std::optional<std::string> text;  ///< contents, when readable
    std::string problem;              ///< why not, e.g. "no such file"
};

/// Which kinds of file a reader accepts.
enum class file_kinds {
    any,          ///< also pipes and devices (e.g. a model given as `/dev/stdin`), read up to the limit
    regular_only  ///< regular files only; anything else is refused without being opened for long
};

/// Reads the whole file, refusing one larger than `max_bytes` (reading at most one byte more).
[[nodiscard]] file_text read_text_file(const std::string& path, std::size_t max_bytes, file_kinds kinds);

/// The first `max_bytes` (or fewer) of a regular file; nullopt for anything else (a pipe, a
/// device, a directory, a missing or unreadable file). Never blocks on a pipe.
[[nodiscard]] std::optional<std::string> read_regular_file_head(const std::string& path,
                                                                std::size_t max_bytes);

}  // namespace sroi::detail
