#include "report/svg.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "report/table.hpp"

namespace sroi::detail {

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20U && c != '\n' && c != '\t') break;
                out += c;
        }
    }
    return out;
}

std::string svg_number(double v) {
    if (!std::isfinite(v)) return "0";
    std::string s = fmt::format("{:.2f}", v);
    while (s.back() == '0')
        s.pop_back();
    if (s.back() == '.') s.pop_back();
    if (s == "-0") s = "0";
    return s;
}

const std::vector<std::string>& chart_palette() {
    static const std::vector<std::string> palette = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                                     "#56B4E9", "#D55E00", "#F0E442", "#000000"};
    return palette;
}

std::vector<double> nice_ticks(double low, double high, int target) {
    if (!std::isfinite(low) || !std::isfinite(high)) return {0, 1};
    if (low > high) std::swap(low, high);
    if (high - low < 1e-12 * std::max({1.0, std::fabs(low), std::fabs(high)})) {
        const double pad = low == 0 ? 1.0 : std::fabs(low) * 0.1;
        low -= pad;
        high += pad;
    }
    const double raw = (high - low) / std::max(target, 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        step = m * magnitude;
        if (step >= raw * (1 - 1e-9)) break;
    }
    const double first = std::floor(low / step + 1e-9) * step;
    const double last = std::ceil(high / step - 1e-9) * step;
    std::vector<double> ticks;
    const auto n = static_cast<long>(std::lround((last - first) / step));
    for (long i = 0; i <= n; ++i) {
        const double t = first + static_cast<double>(i) * step;
        ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
    }
    return ticks;
}

svg_writer::svg_writer(double width, double height, std::string_view id, std::string_view title,
                       std::string_view description) {
    head_ = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{0}\" height=\"{1}\" "
        "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-labelledby=\"{2}-title {2}-desc\" "
        "font-family=\"system-ui, 'DejaVu Sans', Arial, sans-serif\" font-size=\"12\">\n"
        "<title id=\"{2}-title\">{3}</title>\n<desc id=\"{2}-desc\">{4}</desc>\n",
        svg_number(width), svg_number(height), xml_escape(id), xml_escape(title), xml_escape(description));
}

void svg_writer::rect(double x, double y, double width, double height, std::string_view fill,
                      std::string_view tooltip, std::string_view extra) {
    body_ += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"{}{}", svg_number(x),
                         svg_number(y), svg_number(width), svg_number(height), fill, extra.empty() ? "" : " ",
                         extra);
    if (tooltip.empty()) {
        body_ += "/>\n";
    } else {
        body_ += "><title>" + xml_escape(tooltip) + "</title></rect>\n";
    }
}

void svg_writer::line(double x1, double y1, double x2, double y2, std::string_view stroke,
                      double stroke_width, std::string_view dash) {
    body_ += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}/>\n",
        svg_number(x1), svg_number(y1), svg_number(x2), svg_number(y2), stroke, svg_number(stroke_width),
        dash.empty() ? std::string() : fmt::format(" stroke-dasharray=\"{}\"", dash));
}

void svg_writer::text(double x, double y, std::string_view content, std::string_view anchor,
                      std::string_view extra) {
    body_ += fmt::format("<text x=\"{}\" y=\"{}\"{}{}{}>{}</text>\n", svg_number(x), svg_number(y),
                         anchor == "start" ? std::string() : fmt::format(" text-anchor=\"{}\"", anchor),
                         extra.empty() ? "" : " ", extra, xml_escape(content));
}

void svg_writer::polyline(const std::vector<std::pair<double, double>>& points, std::string_view stroke,
                          double stroke_width) {
    std::string list;
    for (const auto& [x, y] : points)
        list += (list.empty() ? "" : " ") + svg_number(x) + "," + svg_number(y);
    body_ += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"/>\n", list,
                         stroke, svg_number(stroke_width));
}

void svg_writer::raw(std::string_view markup) {
    body_ += markup;
}

std::string svg_writer::finish() const {
    return head_ + body_ + "</svg>\n";
}

namespace {

constexpr const char* grid_colour = "#DDDDDD";
constexpr const char* axis_colour = "#333333";
constexpr double title_y = 20;

std::string default_format(double v) {
    const double a = std::fabs(v);
    if (a >= 100 || v == std::round(v)) return number(v, 0);
    if (a >= 10) return number(v, 1);
    return number(v, 2);
}

number_format formatter(const chart_options& o) {
    return o.format ? o.format : number_format(default_format);
}

// Rough width of 12 px text, for placing labels.
double text_width(std::string_view s, double size = 12) {
    return static_cast<double>(display_width(s)) * size * 0.58;
}

// `s` shortened (with an ellipsis) to fit `room` pixels at `size` px.
std::string fit(const std::string& s, double room, double size = 12) {
    return shorten(s, static_cast<std::size_t>(std::max(4.0, std::floor(room / (size * 0.62)))));
}

constexpr double title_line = 18;

// The title's lines: one, or in a compact chart as many as its words need (at most three).
std::vector<std::string> title_lines(const chart_options& o) {
    if (!o.compact()) return {o.title};
    const auto room = static_cast<std::size_t>((o.width - 16) / (14 * 0.62));
    std::vector<std::string> lines{""};
    std::size_t from = 0;
    while (from < o.title.size()) {
        std::size_t to = o.title.find(' ', from);
        if (to == std::string::npos) to = o.title.size();
        const std::string word = o.title.substr(from, to - from);
        from = to + 1;
        if (!lines.back().empty() && display_width(lines.back()) + 1 + display_width(word) > room) {
            if (lines.size() == 3) {
                lines.back() = shorten(lines.back() + " " + word, room);
                break;
            }
            lines.emplace_back();
        }
        lines.back() += (lines.back().empty() ? "" : " ") + word;
    }
    for (std::string& line : lines)
        line = shorten(line, room);
    return lines;
}

// Extra height the title takes beyond its first line.
double title_extra(const chart_options& o) {
    return static_cast<double>(title_lines(o).size() - 1) * title_line;
}

void chart_title(svg_writer& svg, const chart_options& o) {
    const std::vector<std::string> lines = title_lines(o);
    for (std::size_t i = 0; i < lines.size(); ++i)
        svg.text(8, title_y + title_line * static_cast<double>(i), lines[i], "start",
                 "font-weight=\"bold\" font-size=\"14\"");
}

// Vertical grid lines and tick labels of a horizontal value axis, and its title.
void value_axis_x(svg_writer& svg, const std::vector<double>& ticks, const linear_scale& x, double top,
                  double bottom, const chart_options& o) {
    const number_format format = formatter(o);
    for (const double t : ticks) {
        svg.line(x(t), top, x(t), bottom, t == 0 ? axis_colour : grid_colour, t == 0 ? 1.5 : 1);
        svg.text(x(t), bottom + 15, format(t), "middle", "font-size=\"11\"");
    }
    svg.text((x.r0 + x.r1) / 2, bottom + 34, o.axis_label, "middle", "font-size=\"12\"");
}

// Horizontal grid lines and tick labels of a vertical value axis, and its title (rotated).
void value_axis_y(svg_writer& svg, const std::vector<double>& ticks, const linear_scale& y, double left,
                  double right, const number_format& format, std::string_view label) {
    for (const double t : ticks) {
        svg.line(left, y(t), right, y(t), t == 0 ? axis_colour : grid_colour, t == 0 ? 1.5 : 1);
        svg.text(left - 6, y(t) + 4, format(t), "end", "font-size=\"11\"");
    }
    const double middle = (y.r0 + y.r1) / 2;
    svg.text(14, middle, label, "middle",
             fmt::format("transform=\"rotate(-90 14 {})\" font-size=\"12\"", svg_number(middle)));
}

}  // namespace

std::string horizontal_bar_chart(const std::vector<bar_datum>& data, const chart_options& o) {
    using L = bar_layout;
    // Compact: each label on its own line above its bar, the bars across the whole width.
    const bool compact = o.compact();
    const double rows = static_cast<double>(std::max<std::size_t>(data.size(), 1));
    const double row = compact ? L::row + 16 : L::row;
    const double top = L::top + title_extra(o);
    const double left = compact ? 40 : L::label_width;
    const double right = compact ? 70 : L::right_margin;
    const double height = top + rows * row + L::bottom;
    svg_writer svg(o.width, height, o.id, o.title, o.description);
    chart_title(svg, o);
    double low = 0;
    double high = 0;
    for (const bar_datum& d : data) {
        if (!std::isfinite(d.value)) continue;
        low = std::min(low, d.value);
        high = std::max(high, d.value);
    }
    const std::vector<double> ticks = nice_ticks(low, high, compact ? 3 : 5);
    const linear_scale x{ticks.front(), ticks.back(), left, o.width - right};
    const double plot_bottom = top + rows * row;
    value_axis_x(svg, ticks, x, top, plot_bottom, o);
    const number_format format = formatter(o);
    const double zero = x(0);
    for (std::size_t i = 0; i < data.size(); ++i) {
        const bar_datum& d = data[i];
        const double y = top + static_cast<double>(i) * row + (compact ? 16 : 0) + (L::row - L::bar) / 2;
        const double v = std::isfinite(d.value) ? d.value : 0.0;
        const double end = x(v);
        const std::string label = format(v);
        svg.rect(std::min(zero, end), y, std::fabs(end - zero), L::bar, v < 0 ? "#D55E00" : "#0072B2",
                 d.label + ": " + label);
        if (compact) {
            svg.text(8, y - 5, fit(d.label, o.width - 16), "start");
        } else {
            svg.text(L::label_width - 8, y + L::bar / 2 + 4, fit(d.label, L::label_width - 16), "end");
        }
        const double w = text_width(label, 11);
        if (v >= 0) {
            svg.text(end + 4, y + L::bar / 2 + 4, label, "start", "font-size=\"11\"");
        } else if (end - left >= w + 6) {
            svg.text(end - 4, y + L::bar / 2 + 4, label, "end", "font-size=\"11\"");
        } else {  // no room left of the bar: right of zero, where this row is empty
            svg.text(zero + 4, y + L::bar / 2 + 4, label, "start", "font-size=\"11\"");
        }
    }
    return svg.finish();
}

std::string stacked_column_chart(const std::vector<std::string>& categories,
                                 const std::vector<stacked_series>& series, const chart_options& o) {
    // Compact: a lower plot and the legend in one column.
    const bool compact = o.compact();
    const double left = compact ? 72 : 90;
    const double right = compact ? 12 : 20;
    const double top = 40 + title_extra(o);
    const double plot_height = compact ? 200 : 260;
    const std::size_t legend_columns = compact ? 1 : 3;
    const double legend_row = 18;
    const std::size_t legend_rows = (series.size() + legend_columns - 1) / legend_columns;
    const double legend_top = top + plot_height + 60;
    const double height = legend_top + static_cast<double>(legend_rows) * legend_row + 10;
    svg_writer svg(o.width, height, o.id, o.title, o.description);
    chart_title(svg, o);

    std::vector<double> positive(categories.size(), 0.0);
    std::vector<double> negative(categories.size(), 0.0);
    for (const stacked_series& s : series) {
        for (std::size_t c = 0; c < categories.size() && c < s.values.size(); ++c) {
            if (!std::isfinite(s.values[c])) continue;
            (s.values[c] >= 0 ? positive[c] : negative[c]) += s.values[c];
        }
    }
    double low = 0;
    double high = 0;
    for (std::size_t c = 0; c < categories.size(); ++c) {
        high = std::max(high, positive[c]);
        low = std::min(low, negative[c]);
    }
    const std::vector<double> ticks = nice_ticks(low, high);
    const linear_scale y{ticks.front(), ticks.back(), top + plot_height, top};
    const number_format format = formatter(o);
    value_axis_y(svg, ticks, y, left, o.width - right, format, o.axis_label);

    const double band =
        (o.width - left - right) / static_cast<double>(std::max<std::size_t>(categories.size(), 1));
    const double column = std::min(band * 0.7, 60.0);
    for (std::size_t c = 0; c < categories.size(); ++c) {
        const double x = left + band * static_cast<double>(c) + (band - column) / 2;
        double up = 0;
        double down = 0;
        for (const stacked_series& s : series) {
            const double v = c < s.values.size() && std::isfinite(s.values[c]) ? s.values[c] : 0.0;
            if (v == 0) continue;
            double& base = v > 0 ? up : down;
            const double y0 = y(base);
            const double y1 = y(base + v);
            base += v;
            svg.rect(x, std::min(y0, y1), column, std::fabs(y1 - y0), s.colour,
                     fmt::format("{}, {}: {}", s.name, categories[c], format(v)),
                     "stroke=\"#FFFFFF\" stroke-width=\"0.5\"");
        }
        // Every `skip`-th category label, so long horizons stay legible.
        const std::size_t skip = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(60.0 / band)));
        if (c % skip == 0)
            svg.text(x + column / 2, top + plot_height + 16, categories[c], "middle", "font-size=\"11\"");
    }
    svg.line(left, y(0), o.width - right, y(0), axis_colour, 1.5);
    svg.text((left + o.width - right) / 2, top + plot_height + 34, "Year", "middle");

    const double legend_left = compact ? 8 : left;
    const double legend_width = (o.width - legend_left - right) / static_cast<double>(legend_columns);
    for (std::size_t i = 0; i < series.size(); ++i) {
        const double lx = legend_left + legend_width * static_cast<double>(i % legend_columns);
        const std::size_t row = i / legend_columns;  // whole rows above this entry
        const double ly = legend_top + legend_row * static_cast<double>(row);
        svg.rect(lx, ly - 10, 12, 12, series[i].colour);
        svg.text(lx + 17, ly, fit(series[i].name, legend_width - 23, 11), "start", "font-size=\"11\"");
    }
    return svg.finish();
}

std::string tornado_chart(const std::vector<tornado_datum>& rows, double base, const chart_options& o) {
    // Compact: each label on its own line above its bars, the legend in two lines.
    const bool compact = o.compact();
    const double extra = title_extra(o);
    const double label_width = 300;
    const double left = compact ? 64 : label_width + 50;
    const double right = compact ? 64 : 70;
    const double legend_y = 30 + extra;
    const double top = (compact ? 84 : 58) + extra;
    const double label_row = compact ? 16 : 0;
    const double row = compact ? 46 : 30;
    const double half = 11;
    const double plot_bottom = top + static_cast<double>(std::max<std::size_t>(rows.size(), 1)) * row;
    const double height = plot_bottom + 46;
    svg_writer svg(o.width, height, o.id, o.title, o.description);
    chart_title(svg, o);
    const char* low_colour = "#56B4E9";
    const char* high_colour = "#E69F00";
    svg.rect(8, legend_y, 12, 12, low_colour);
    svg.text(25, legend_y + 10, "parameter at its low value", "start", "font-size=\"11\"");
    const double high_x = compact ? 8 : 220;
    const double high_y = compact ? legend_y + 18 : legend_y;
    svg.rect(high_x, high_y, 12, 12, high_colour);
    svg.text(high_x + 17, high_y + 10, "parameter at its high value", "start", "font-size=\"11\"");

    double low = base;
    double high = base;
    for (const tornado_datum& r : rows) {
        for (const auto& v : {r.at_low, r.at_high}) {
            if (v && std::isfinite(*v)) {
                low = std::min(low, *v);
                high = std::max(high, *v);
            }
        }
    }
    const std::vector<double> ticks = nice_ticks(low, high, compact ? 3 : 5);
    const linear_scale x{ticks.front(), ticks.back(), left, o.width - right};
    const number_format format = formatter(o);
    for (const double t : ticks) {
        svg.line(x(t), top, x(t), plot_bottom, grid_colour, 1);
        svg.text(x(t), plot_bottom + 15, format(t), "middle", "font-size=\"11\"");
    }
    svg.text((left + o.width - right) / 2, plot_bottom + 34, o.axis_label, "middle");
    const double b = x(base);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const tornado_datum& r = rows[i];
        const double y = top + static_cast<double>(i) * row + label_row + (row - label_row - 2 * half) / 2;
        if (compact) {
            svg.text(8, y - 4, fit(r.label, o.width - 16, 11), "start", "font-size=\"11\"");
        } else {
            svg.text(label_width, y + half + 4, shorten(r.label, 44), "end", "font-size=\"11\"");
        }
        const std::pair<const std::optional<double>*, double> ends[] = {{&r.at_low, y},
                                                                        {&r.at_high, y + half}};
        for (std::size_t k = 0; k < 2; ++k) {
            const auto& [value, top_y] = ends[k];
            const char* colour = k == 0 ? low_colour : high_colour;
            const char* which = k == 0 ? "low" : "high";
            if (!*value || !std::isfinite(**value)) {
                svg.text(b + 4, top_y + half - 2, "undefined", "start",
                         "font-size=\"11\" font-style=\"italic\"");
                continue;
            }
            const double e = x(**value);
            const std::string label = format(**value);
            svg.rect(std::min(b, e), top_y, std::max(std::fabs(e - b), 0.5), half, colour,
                     fmt::format("{} at its {} value: {}", r.label, which, label));
            if (e >= b) {
                svg.text(std::max(e, b) + 3, top_y + half - 2, label, "start", "font-size=\"11\"");
            } else {
                svg.text(e - 3, top_y + half - 2, label, "end", "font-size=\"11\"");
            }
        }
    }
    svg.line(b, top - 4, b, plot_bottom, axis_colour, 1.5);
    svg.text(b, top - 6, "base " + format(base), "middle", "font-size=\"11\"");
    return svg.finish();
}

namespace {

// Extends [low, high] to take in `marker` when that at most doubles the width.
void include_marker(double& low, double& high, std::optional<double> marker) {
    if (!marker || !std::isfinite(*marker)) return;
    const double width = std::max(high - low, 1e-12);
    if (*marker < low && low - *marker <= width) low = *marker;
    if (*marker > high && *marker - high <= width) high = *marker;
}

// A label's box as drawn: `size` px text with its baseline at y.
struct label_box {
    double x0, y0, x1, y1;
};

label_box box_of(double x, double y, std::string_view text, std::string_view anchor, double size) {
    const double w = text_width(text, size);
    const double x0 = anchor == "end" ? x - w : anchor == "middle" ? x - w / 2 : x;
    return {x0 - 3, y - size - 2, x0 + w + 3, y + size * 0.3 + 2};
}

bool overlaps(const label_box& a, const label_box& b) {
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

// Whether the line through `points` (in chart pixels) crosses the box.
bool crosses(const label_box& b, const std::vector<std::pair<double, double>>& points) {
    for (std::size_t k = 0; k < points.size(); ++k) {
        const auto [x0, y0] = points[k == 0 ? 0 : k - 1];
        const auto [x1, y1] = points[k];
        const int steps = std::max(1, static_cast<int>(std::ceil(std::hypot(x1 - x0, y1 - y0))));
        for (int j = 0; j <= steps; ++j) {
            const double t = static_cast<double>(j) / steps;
            const double x = x0 + (x1 - x0) * t;
            const double y = y0 + (y1 - y0) * t;
            if (x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1) return true;
        }
    }
    return false;
}

struct placed_label {
    double x, y;
    std::string_view anchor;
};

// The first of the candidate places where the label stays inside the plot, crosses none of
// the `avoid` lines and no box in `taken`; the first candidate when every one does.
placed_label place_label(const std::vector<placed_label>& candidates, std::string_view text, double size,
                         const label_box& plot,
                         const std::vector<const std::vector<std::pair<double, double>>*>& avoid,
                         std::vector<label_box>& taken) {
    for (const placed_label& c : candidates) {
        const label_box b = box_of(c.x, c.y, text, c.anchor, size);
        if (b.x0 < plot.x0 - 3 || b.x1 > plot.x1 + 3 || b.y0 < plot.y0 - 3 || b.y1 > plot.y1 + 3) continue;
        bool free =
            std::none_of(taken.begin(), taken.end(), [&](const label_box& t) { return overlaps(b, t); });
        for (const auto* line : avoid)
            free = free && !crosses(b, *line);
        if (free) {
            taken.push_back(b);
            return c;
        }
    }
    taken.push_back(
        box_of(candidates.front().x, candidates.front().y, text, candidates.front().anchor, size));
    return candidates.front();
}

// The dashed marker line (e.g. break-even) and its label, placed at the top or the bottom of the
// plot, right or left of the line, where it crosses none of the `avoid` lines (the drawn data).
void marker_line(svg_writer& svg, const linear_scale& x, double top, double bottom,
                 std::optional<double> marker, std::string_view label, double right_edge,
                 const std::vector<const std::vector<std::pair<double, double>>*>& avoid,
                 std::vector<label_box>& taken) {
    if (!marker) return;
    const char* style = "font-size=\"11\" fill=\"#A04000\"";
    if (*marker >= x.d0 && *marker <= x.d1) {
        const double mx = x(*marker);
        svg.line(mx, top, mx, bottom, "#D55E00", 2, "6 4");
        const placed_label at = place_label({{mx + 5, top + 12, "start"},
                                             {mx - 5, top + 12, "end"},
                                             {mx + 5, bottom - 6, "start"},
                                             {mx - 5, bottom - 6, "end"},
                                             {mx + 5, (top + bottom) / 2, "start"},
                                             {mx - 5, (top + bottom) / 2, "end"}},
                                            label, 11, {x.r0, top, right_edge, bottom}, avoid, taken);
        svg.text(at.x, at.y, label, at.anchor, style);
    } else {
        svg.text(right_edge, top + 12,
                 fmt::format("{} is {} the axis", label, *marker < x.d0 ? "left of" : "right of"), "end",
                 style);
    }
}

// Layout of the histogram and the S-curve.
constexpr double dist_left = 70;
constexpr double dist_right = 20;
constexpr double dist_top = 40;
constexpr double dist_plot_height = 240;
constexpr double dist_height = dist_top + dist_plot_height + 50;

// The value axis of a distribution chart over [low, high], widened to take in `marker`: tick
// labels under the plot (`top` is the plot's top) and the axis title.
linear_scale distribution_x_axis(svg_writer& svg, double low, double high, std::optional<double> marker,
                                 double top, const chart_options& o) {
    include_marker(low, high, marker);
    const std::vector<double> ticks = nice_ticks(low, high, o.compact() ? 4 : 8);
    const linear_scale x{ticks.front(), ticks.back(), dist_left, o.width - dist_right};
    const number_format format = formatter(o);
    for (const double t : ticks)
        svg.text(x(t), top + dist_plot_height + 15, format(t), "middle", "font-size=\"11\"");
    svg.text((dist_left + o.width - dist_right) / 2, top + dist_plot_height + 36, o.axis_label, "middle");
    return x;
}

}  // namespace

std::string histogram_chart(double low, double high, const std::vector<std::size_t>& counts,
                            std::optional<double> marker, std::string_view marker_label,
                            const chart_options& o) {
    const double left = dist_left;
    const double right = dist_right;
    const double top = dist_top + title_extra(o);
    const double plot_height = dist_plot_height;
    svg_writer svg(o.width, dist_height + title_extra(o), o.id, o.title, o.description);
    chart_title(svg, o);
    const linear_scale x = distribution_x_axis(svg, low, high, marker, top, o);
    const std::size_t peak =
        counts.empty() ? 1 : std::max<std::size_t>(1, *std::max_element(counts.begin(), counts.end()));
    const std::vector<double> yt = nice_ticks(0, static_cast<double>(peak), 4);
    const linear_scale y{0, yt.back(), top + plot_height, top};
    value_axis_y(
        svg, yt, y, left, o.width - right, [](double v) { return number(v, 0); }, "Draws");
    const number_format format = formatter(o);
    const double bin = counts.empty() ? 0 : (high - low) / static_cast<double>(counts.size());
    std::vector<std::pair<double, double>> skyline;  // the bars' outline, for placing the label
    for (std::size_t b = 0; b < counts.size(); ++b) {
        const double from = low + bin * static_cast<double>(b);
        const double x0 = x(from);
        const double x1 = x(from + bin);
        const double y1 = y(static_cast<double>(counts[b]));
        svg.rect(x0, y1, std::max(x1 - x0 - 1, 0.5), top + plot_height - y1, "#0072B2",
                 fmt::format("{} to {}: {} draws", format(from), format(from + bin), counts[b]));
        skyline.emplace_back(x0, top + plot_height);
        skyline.emplace_back(x0, y1);
        skyline.emplace_back(x1, y1);
        skyline.emplace_back(x1, top + plot_height);
    }
    svg.line(left, top + plot_height, o.width - right, top + plot_height, axis_colour, 1.5);
    std::vector<label_box> taken;
    marker_line(svg, x, top, top + plot_height, marker, marker_label, o.width - right, {&skyline}, taken);
    return svg.finish();
}

std::string cdf_chart(const std::vector<double>& sorted, std::optional<double> marker,
                      std::string_view marker_label, const chart_options& o) {
    const double left = dist_left;
    const double right = dist_right;
    const double top = dist_top + title_extra(o);
    const double plot_height = dist_plot_height;
    svg_writer svg(o.width, dist_height + title_extra(o), o.id, o.title, o.description);
    chart_title(svg, o);
    if (sorted.empty()) return svg.finish();
    const auto quantile = [&](double q) {
        const double position = q * static_cast<double>(sorted.size() - 1);
        return sorted[static_cast<std::size_t>(std::lround(position))];
    };
    // The axis spans the 0.5th to 99.5th percentiles (the tails would squeeze the curve).
    const linear_scale x = distribution_x_axis(svg, quantile(0.005), quantile(0.995), marker, top, o);
    const linear_scale y{0, 1, top + plot_height, top};
    value_axis_y(
        svg, {0, 0.25, 0.5, 0.75, 1.0}, y, left, o.width - right,
        [](double v) { return fmt::format("{:.0f}%", v * 100); }, "Share of draws at or below");
    std::vector<std::pair<double, double>> points;
    const std::size_t n = sorted.size();
    const std::size_t steps = std::min<std::size_t>(n, 400);
    for (std::size_t k = 0; k < steps; ++k) {
        const std::size_t i = steps == 1 ? 0 : k * (n - 1) / (steps - 1);
        const double v = std::clamp(sorted[i], x.d0, x.d1);
        points.emplace_back(x(v), y(static_cast<double>(i + 1) / static_cast<double>(n)));
    }
    svg.polyline(points, "#0072B2", 2.5);
    std::vector<label_box> taken;
    if (marker && *marker >= x.d0 && *marker <= x.d1) {
        // The share at the marker, read off along a dotted line; its label above or below the line.
        const double share =
            static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), *marker) - sorted.begin()) /
            static_cast<double>(n);
        const double mx = x(*marker);
        const double sy = y(share);
        svg.line(left, sy, mx, sy, "#A04000", 1, "2 3");
        const std::vector<std::pair<double, double>> reading{{left, sy}, {mx, sy}};
        const std::string text = fmt::format("{:.1f}% at or below", share * 100);
        const placed_label at =
            place_label({{left + 4, sy - 4, "start"},
                         {left + 4, sy + 14, "start"},
                         {mx + 5, sy + 14, "start"},
                         {mx - 5, sy - 4, "end"},
                         {mx + 5, sy - 4, "start"},
                         {left + 4, sy - 18, "start"},
                         {mx + 5, sy - 18, "start"},
                         {o.width - right - 4, sy - 4, "end"},  // far right, under the curve
                         {o.width - right - 4, sy - 18, "end"}},
                        text, 11, {left, top, o.width - right, top + plot_height}, {&points}, taken);
        svg.text(at.x, at.y, text, at.anchor, "font-size=\"11\" fill=\"#A04000\"");
        marker_line(svg, x, top, top + plot_height, marker, marker_label, o.width - right,
                    {&points, &reading}, taken);
    } else {
        marker_line(svg, x, top, top + plot_height, marker, marker_label, o.width - right, {&points}, taken);
    }
    return svg.finish();
}

}  // namespace sroi::detail
