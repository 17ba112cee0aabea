#include "model/suggest.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

namespace sroi::detail {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    return edit_distance_within(a, b, std::max(a.size(), b.size()));
}

std::size_t edit_distance_within(std::string_view a, std::string_view b, std::size_t limit) {
    const std::size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
    if (gap > limit) return limit + 1;  // at least `gap` insertions or deletions
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        std::size_t row_min = row[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
            row_min = std::min(row_min, row[j]);
        }
        if (row_min > limit) return limit + 1;  // every later row is at least this row's minimum
    }
    return std::min(row[b.size()], limit + 1);
}

nearest_word::nearest_word(std::string_view word)
    : word_(word), best_distance_(std::max<std::size_t>(2, word.size() / 3) + 1) {}

void nearest_word::consider(std::string_view candidate) {
    const std::size_t d = edit_distance_within(word_, candidate, best_distance_ - 1);
    if (d < best_distance_) {
        best_distance_ = d;
        best_ = candidate;
    }
}

std::string nearest(std::string_view word, const std::vector<std::string>& candidates) {
    nearest_word finder(word);
    for (const auto& candidate : candidates)
        finder.consider(candidate);
    return finder.best();
}

namespace {

/// Length of the C1 control character (U+0080-U+009F, UTF-8 C2 80-C2 9F) at `i`, or 0.
std::size_t c1_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    return byte(i) == 0xC2U && i + 1 < text.size() && byte(i + 1) >= 0x80U && byte(i + 1) <= 0x9FU ? 2 : 0;
}

bool is_c0_or_del(unsigned char c) {
    return c < 0x20U || c == 0x7FU;
}

}  // namespace

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (is_c0_or_del(c)) {
            out += fmt::format("\\x{:02X}", c);
        } else if (c1_length(text, i) != 0) {
            out += fmt::format("\\u{:04X}", static_cast<unsigned char>(text[i + 1]));
            ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::size_t find_control_character(std::string_view text, bool multi_line) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (multi_line && (c == '\n' || c == '\t')) continue;
        if (is_c0_or_del(c) || c1_length(text, i) != 0) return i;
    }
    return std::string_view::npos;
}

}  // namespace sroi::detail
