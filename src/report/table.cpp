#include "report/table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace sroi::detail {

std::size_t display_width(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s) {
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
    }
    return n;
}

std::string shorten(const std::string& s, std::size_t width) {
    if (display_width(s) <= width) return s;
    std::string out;
    std::size_t n = 0;
    for (const char c : s) {
        const bool starts_character = (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
        if (starts_character && ++n > width - 1) break;
        out += c;
    }
    return out + "…";
}

namespace {

std::string pad(const std::string& s, std::size_t width, bool right) {
    const std::size_t w = display_width(s);
    if (w >= width) return s;
    const std::string fill(width - w, ' ');
    return right ? fill + s : s + fill;
}

std::string group_thousands(const std::string& digits) {
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[i];
        if ((n - i - 1) % 3 == 0 && i + 1 < n) out += ',';
    }
    return out;
}

}  // namespace

std::string table::to_text(int indent) const {
    std::vector<std::size_t> widths(headers.size(), 0);
    for (std::size_t c = 0; c < headers.size(); ++c)
        widths[c] = display_width(headers[c]);
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
            widths[c] = std::max(widths[c], display_width(row[c]));
        }
    }
    const std::string margin(static_cast<std::size_t>(std::max(indent, 0)), ' ');
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out = margin;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            const std::string cell = c < cells.size() ? cells[c] : "";
            const bool right = c < right_aligned.size() && right_aligned[c];
            out += pad(cell, widths[c], right);
            if (c + 1 < widths.size()) out += "  ";
        }
        while (!out.empty() && out.back() == ' ')
            out.pop_back();
        return out + "\n";
    };
    std::string out = line(headers);
    std::string rule = margin;
    for (std::size_t c = 0; c < widths.size(); ++c) {
        rule += std::string(widths[c], '-');
        if (c + 1 < widths.size()) rule += "  ";
    }
    out += rule + "\n";
    for (const auto& row : rows)
        out += line(row);
    return out;
}

std::string table::to_markdown() const {
    auto escape = [](const std::string& s) {
        std::string out;
        for (const char c : s) {
            if (c == '|') out += '\\';
            out += c == '\n' ? ' ' : c;
        }
        return out;
    };
    std::string out = "|";
    for (const auto& h : headers)
        out += " " + escape(h) + " |";
    out += "\n|";
    for (std::size_t c = 0; c < headers.size(); ++c) {
        out += (c < right_aligned.size() && right_aligned[c]) ? "---:|" : "---|";
    }
    out += "\n";
    for (const auto& row : rows) {
        out += "|";
        for (std::size_t c = 0; c < headers.size(); ++c)
            out += " " + escape(c < row.size() ? row[c] : "") + " |";
        out += "\n";
    }
    return out;
}

std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string csv_line(const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += ',';
        out += csv_field(fields[i]);
    }
    return out + "\n";
}

std::string csv_number(double v) {
    if (!std::isfinite(v)) return "NA";
    if (v == 0.0) return "0";
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    return ec == std::errc{} ? std::string(buffer, end) : fmt::format("{}", v);
}

std::string number(double v, int decimals) {
    if (!std::isfinite(v)) return "n/a";
    std::string text = fmt::format("{:.{}f}", std::fabs(v), decimals);
    const std::size_t dot = text.find('.');
    std::string whole = text.substr(0, dot);
    const std::string fraction = dot == std::string::npos ? "" : text.substr(dot);
    const bool negative = v < 0 && text.find_first_not_of("0.") != std::string::npos;
    return (negative ? "-" : "") + group_thousands(whole) + fraction;
}

std::string money(double v) {
    return number(v, 0);
}

std::string money(std::string_view symbol, double v) {
    const std::string digits = number(v, 0);
    if (!digits.empty() && digits.front() == '-') return "-" + std::string(symbol) + digits.substr(1);
    return std::string(symbol) + digits;
}

std::string percent(double fraction) {
    if (!std::isfinite(fraction)) return "n/a";
    std::string s = fmt::format("{:.1f}", fraction * 100.0);
    if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
    if (s == "-0") s = "0";
    return s + "%";
}

std::string currency_symbol(std::string_view code) {
    if (code == "GBP") return "£";
    if (code == "EUR") return "€";
    if (code == "USD") return "$";
    return std::string(code) + " ";
}

}  // namespace sroi::detail
