// Nearest-word suggestions for "did you mean ...?" messages.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sroi::detail {

/// Levenshtein distance between two strings (case-sensitive).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The Levenshtein distance when it is at most `limit`, else `limit + 1`. Stops as soon as the
/// distance must exceed `limit`, so a scan of many distant candidates costs little per candidate.
std::size_t edit_distance_within(std::string_view a, std::string_view b, std::size_t limit);

/// Finds the candidate closest to a word among candidates offered one at a time (no list to build):
/// within a third of the word's length (at least 2); the first of equally close ones wins.
class nearest_word {
public:
    explicit nearest_word(std::string_view word);
    /// Offers one candidate.
    void consider(std::string_view candidate);
    /// The closest candidate offered, or empty when none is close.
    [[nodiscard]] const std::string& best() const noexcept { return best_; }

private:
    std::string_view word_;
    std::size_t best_distance_;
    std::string best_;
};

/// The candidate closest to `word`, or empty when none is within a third of its length (at least 2).
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

/// `text` with control characters (C0, DEL and C1) written as `\xNN` / `\u00NN`, for quoting
/// user-written text in messages without sending raw escape sequences to a terminal.
std::string printable(std::string_view text);

/// Offset of the first control character of `text` (C0 other than the tab and line feed allowed
/// in free text when `multi_line`, DEL, and the C1 range U+0080-U+009F), or npos.
std::size_t find_control_character(std::string_view text, bool multi_line);

}  // namespace sroi::detail
