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

void chart_title(svg_writer& svg, const chart_options& o) {
    svg.text(8, title_y, o.title, "start", "font-weight=\"bold\" font-size=\"14\"");
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
    const double rows = static_cast<double>(std::max<std::size_t>(data.size(), 1));
    const double height = L::top + rows * L::row + L::bottom;
    svg_writer svg(o.width, height, o.id, o.title, o.description);
    chart_title(svg, o);
    double low = 0;
    double high = 0;
    for (const bar_datum& d : data) {
        if (!std::isfinite(d.value)) continue;
        low = std::min(low, d.value);
        high = std::max(high, d.value);
    }
    const std::vector<double> ticks = nice_ticks(low, high);
    const linear_scale x{ticks.front(), ticks.back(), L::label_width, o.width - L::right_margin};
    const double plot_bottom = L::top + rows * L::row;
    value_axis_x(svg, ticks, x, L::top, plot_bottom, o);
    const number_format format = formatter(o);
    const double zero = x(0);
    for (std::size_t i = 0; i < data.size(); ++i) {
        const bar_datum& d = data[i];
        const double y = L::top + static_cast<double>(i) * L::row + (L::row - L::bar) / 2;
        const double v = std::isfinite(d.value) ? d.value : 0.0;
        const double end = x(v);
        const std::string label = format(v);
        svg.rect(std::min(zero, end), y, std::fabs(end - zero), L::bar, v < 0 ? "#D55E00" : "#0072B2",
                 d.label + ": " + label);
        svg.text(L::label_width - 8, y + L::bar / 2 + 4, shorten(d.label, 30), "end");
        const double w = text_width(label, 11);
        if (v >= 0) {
            svg.text(end + 4, y + L::bar / 2 + 4, label, "start", "font-size=\"11\"");
        } else if (end - L::label_width >= w + 6) {
            svg.text(end - 4, y + L::bar / 2 + 4, label, "end", "font-size=\"11\"");
        } else {  // no room left of the bar: right of zero, where this row is empty
            svg.text(zero + 4, y + L::bar / 2 + 4, label, "start", "font-size=\"11\"");
        }
    }
    return svg.finish();
}

std::string stacked_column_chart(const std::vector<std::string>& categories,
                                 const std::vector<stacked_series>& series, const chart_options& o) {
    const double left = 90;
    const double right = 20;
    const double top = 40;
    const double plot_height = 260;
    const std::size_t legend_columns = 3;
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

    const double legend_width = (o.width - left - right) / static_cast<double>(legend_columns);
    for (std::size_t i = 0; i < series.size(); ++i) {
        const double lx = left + legend_width * static_cast<double>(i % legend_columns);
        const std::size_t row = i / legend_columns;  // whole rows above this entry
        const double ly = legend_top + legend_row * static_cast<double>(row);
        svg.rect(lx, ly - 10, 12, 12, series[i].colour);
        svg.text(lx + 17, ly, shorten(series[i].name, 34), "start", "font-size=\"11\"");
    }
    return svg.finish();
}

std::string tornado_chart(const std::vector<tornado_datum>& rows, double base, const chart_options& o) {
    const double label_width = 300;
    const double left = label_width + 50;
    const double right = 70;
    const double top = 58;
    const double row = 30;
    const double half = 11;
    const double plot_bottom = top + static_cast<double>(std::max<std::size_t>(rows.size(), 1)) * row;
    const double height = plot_bottom + 46;
    svg_writer svg(o.width, height, o.id, o.title, o.description);
    chart_title(svg, o);
    const char* low_colour = "#56B4E9";
    const char* high_colour = "#E69F00";
    svg.rect(8, 30, 12, 12, low_colour);
    svg.text(25, 40, "parameter at its low value", "start", "font-size=\"11\"");
    svg.rect(220, 30, 12, 12, high_colour);
    svg.text(237, 40, "parameter at its high value", "start", "font-size=\"11\"");

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
    const std::vector<double> ticks = nice_ticks(low, high);
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
        const double y = top + static_cast<double>(i) * row + (row - 2 * half) / 2;
        svg.text(label_width, y + half + 4, shorten(r.label, 44), "end", "font-size=\"11\"");
        const std::pair<const std::optional<double>*, double> ends[] = {{&r.at_low, y},
                                                                        {&r.at_high, y + half}};
        for (std::size_t k = 0; k < 2; ++k) {
            const auto& [value, top_y] = ends[k];
            const char* colour = k == 0 ? low_colour : high_colour;
            const char* which = k == 0 ? "low" : "high";
            if (!*value || !std::isfinite(**value)) {
                svg.text(b + 4, top_y + half - 2, "undefined", "start",
                         "font-size=\"10\" font-style=\"italic\"");
                continue;
            }
            const double e = x(**value);
            const std::string label = format(**value);
            svg.rect(std::min(b, e), top_y, std::max(std::fabs(e - b), 0.5), half, colour,
                     fmt::format("{} at its {} value: {}", r.label, which, label));
            if (e >= b) {
                svg.text(std::max(e, b) + 3, top_y + half - 2, label, "start", "font-size=\"10\"");
            } else {
                svg.text(e - 3, top_y + half - 2, label, "end", "font-size=\"10\"");
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

void marker_line(svg_writer& svg, const linear_scale& x, double top, double bottom,
                 std::optional<double> marker, std::string_view label, double right_edge) {
    if (!marker) return;
    if (*marker >= x.d0 && *marker <= x.d1) {
        const double mx = x(*marker);
        svg.line(mx, top, mx, bottom, "#D55E00", 2, "6 4");
        const bool room_right = mx + text_width(label, 11) + 6 < right_edge;
        svg.text(room_right ? mx + 5 : mx - 5, top + 12, label, room_right ? "start" : "end",
                 "font-size=\"11\" fill=\"#A04000\"");
    } else {
        svg.text(right_edge, top + 12,
                 fmt::format("{} is {} the axis", label, *marker < x.d0 ? "left of" : "right of"), "end",
                 "font-size=\"11\" fill=\"#A04000\"");
    }
}

// Layout of the histogram and the S-curve.
constexpr double dist_left = 70;
constexpr double dist_right = 20;
constexpr double dist_top = 40;
constexpr double dist_plot_height = 240;
constexpr double dist_height = dist_top + dist_plot_height + 50;

// The value axis of a distribution chart over [low, high], widened to take in `marker`: tick
// labels under the plot and the axis title.
linear_scale distribution_x_axis(svg_writer& svg, double low, double high, std::optional<double> marker,
                                 const chart_options& o) {
    include_marker(low, high, marker);
    const std::vector<double> ticks = nice_ticks(low, high, 8);
    const linear_scale x{ticks.front(), ticks.back(), dist_left, o.width - dist_right};
    const number_format format = formatter(o);
    for (const double t : ticks)
        svg.text(x(t), dist_top + dist_plot_height + 15, format(t), "middle", "font-size=\"11\"");
    svg.text((dist_left + o.width - dist_right) / 2, dist_top + dist_plot_height + 36, o.axis_label,
             "middle");
    return x;
}

}  // namespace

std::string histogram_chart(double low, double high, const std::vector<std::size_t>& counts,
                            std::optional<double> marker, std::string_view marker_label,
                            const chart_options& o) {
    const double left = dist_left;
    const double right = dist_right;
    const double top = dist_top;
    const double plot_height = dist_plot_height;
    svg_writer svg(o.width, dist_height, o.id, o.title, o.description);
    chart_title(svg, o);
    const linear_scale x = distribution_x_axis(svg, low, high, marker, o);
    const std::size_t peak =
        counts.empty() ? 1 : std::max<std::size_t>(1, *std::max_element(counts.begin(), counts.end()));
    const std::vector<double> yt = nice_ticks(0, static_cast<double>(peak), 4);
    const linear_scale y{0, yt.back(), top + plot_height, top};
    value_axis_y(
        svg, yt, y, left, o.width - right, [](double v) { return number(v, 0); }, "Draws");
    const number_format format = formatter(o);
    const double bin = counts.empty() ? 0 : (high - low) / static_cast<double>(counts.size());
    for (std::size_t b = 0; b < counts.size(); ++b) {
        const double from = low + bin * static_cast<double>(b);
        const double x0 = x(from);
        const double x1 = x(from + bin);
        const double y1 = y(static_cast<double>(counts[b]));
        svg.rect(x0, y1, std::max(x1 - x0 - 1, 0.5), top + plot_height - y1, "#0072B2",
                 fmt::format("{} to {}: {} draws", format(from), format(from + bin), counts[b]));
    }
    svg.line(left, top + plot_height, o.width - right, top + plot_height, axis_colour, 1.5);
    marker_line(svg, x, top, top + plot_height, marker, marker_label, o.width - right);
    return svg.finish();
}

std::string cdf_chart(const std::vector<double>& sorted, std::optional<double> marker,
                      std::string_view marker_label, const chart_options& o) {
    const double left = dist_left;
    const double right = dist_right;
    const double top = dist_top;
    const double plot_height = dist_plot_height;
    svg_writer svg(o.width, dist_height, o.id, o.title, o.description);
    chart_title(svg, o);
    if (sorted.empty()) return svg.finish();
    const auto quantile = [&](double q) {
        const double position = q * static_cast<double>(sorted.size() - 1);
        return sorted[static_cast<std::size_t>(std::lround(position))];
    };
    // The axis spans the 0.5th to 99.5th percentiles (the tails would squeeze the curve).
    const linear_scale x = distribution_x_axis(svg, quantile(0.005), quantile(0.995), marker, o);
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
    marker_line(svg, x, top, top + plot_height, marker, marker_label, o.width - right);
    if (marker && *marker >= x.d0 && *marker <= x.d1) {
        const double share =
            static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), *marker) - sorted.begin()) /
            static_cast<double>(n);
        svg.line(left, y(share), x(*marker), y(share), "#A04000", 1, "2 3");
        svg.text(left + 4, y(share) - 4, fmt::format("{:.1f}% at or below", share * 100), "start",
                 "font-size=\"11\" fill=\"#A04000\"");
    }
    return svg.finish();
}

}  // namespace sroi::detail
