// Nearest-word suggestions for "did you mean ...?" messages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sroi::detail {

/// Levenshtein distance between two strings (case-sensitive).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, or empty when none is within a third of its length (at least 2).
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace sroi::detail
