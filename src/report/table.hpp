// Plain tables rendered as aligned text, Markdown or CSV, and number formatting for reports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sroi::detail {

/// A table of already-formatted cells.
struct table {
    std::vector<std::string> headers;            ///< column titles
    std::vector<bool> right_aligned;             ///< per column; numbers are right-aligned
    std::vector<std::vector<std::string>> rows;  ///< cells, one vector per row

    /// Aligned plain text with a rule under the header, each line indented by `indent` spaces.
    [[nodiscard]] std::string to_text(int indent = 2) const;
    /// GitHub-flavoured Markdown table (pipes in cells escaped).
    [[nodiscard]] std::string to_markdown() const;
};

/// CSV field quoted per RFC 4180 when it needs to be.
std::string csv_field(std::string_view s);
/// A CSV line (with trailing newline) from fields.
std::string csv_line(const std::vector<std::string>& fields);
/// A number for CSV: shortest text that reads back to the same double ("NA" when not finite).
std::string csv_number(double v);

/// Money with thousands separators and no decimals, e.g. `1,234,567` (`-` sign kept).
std::string money(double v);
/// An amount with its currency symbol, the sign first: `-£617,831` (never `£-617,831`).
std::string money(std::string_view symbol, double v);
/// Number with thousands separators and `decimals` decimals.
std::string number(double v, int decimals);
/// Percentage of a fraction with up to one decimal, e.g. `25%`, `3.5%`.
std::string percent(double fraction);
/// Currency symbol for an ISO code (`£` for GBP, `€`, `$`), or the code and a space.
std::string currency_symbol(std::string_view code);
/// Display width of UTF-8 text (counts code points).
std::size_t display_width(std::string_view s);
/// Text cut to `width` display characters, the last one an ellipsis, when it is wider.
std::string shorten(const std::string& s, std::size_t width);

}  // namespace sroi::detail
