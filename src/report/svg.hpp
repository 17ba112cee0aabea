// A small SVG writer and the charts of the HTML report: horizontal bars, stacked columns,
// tornadoes, a histogram and an S-curve. Private to the library (namespace detail).
//
// Every chart is a complete <svg> element with role="img", a <title> and a <desc> referenced by
// aria-labelledby, explicit width/height attributes and a viewBox (so CSS can scale it down for
// print), axes with tick labels, and an axis title carrying the unit. Text from the model is
// XML-escaped. Coordinates are written with at most two decimals, so geometry is reproducible.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sroi::detail {

/// Text escaped for XML and HTML element content and attribute values (`&`, `<`, `>`, `"`, `'`),
/// with control characters other than tab and newline removed (they are not allowed in XML 1.0).
std::string xml_escape(std::string_view text);

/// A coordinate or length for an attribute: rounded to two decimals, trailing zeros dropped.
std::string svg_number(double v);

/// Okabe-Ito colours (safe for the common kinds of colour blindness), in the order used.
const std::vector<std::string>& chart_palette();
/// Colour of the "everything else" series.
inline constexpr const char* other_colour = "#BBBBBB";

/// "Nice" axis ticks covering [low, high]: steps of 1, 2, 2.5 or 5 x 10^k, about `target` of
/// them; the first tick is <= low and the last >= high. A degenerate range is widened.
std::vector<double> nice_ticks(double low, double high, int target = 5);

/// Maps a domain [d0, d1] to a range [r0, r1] linearly.
struct linear_scale {
    double d0 = 0, d1 = 1, r0 = 0, r1 = 1;
    [[nodiscard]] double operator()(double v) const noexcept {
        return d1 == d0 ? r0 : r0 + (v - d0) / (d1 - d0) * (r1 - r0);
    }
};

/// Builds one <svg> element.
class svg_writer {
public:
    /// `id` prefixes the ids of the title and description (must be unique in the page).
    svg_writer(double width, double height, std::string_view id, std::string_view title,
               std::string_view description);

    /// A rectangle; `tooltip` (escaped) becomes a <title> child when not empty.
    void rect(double x, double y, double width, double height, std::string_view fill,
              std::string_view tooltip = "", std::string_view extra = "");
    /// A straight line.
    void line(double x1, double y1, double x2, double y2, std::string_view stroke, double stroke_width = 1,
              std::string_view dash = "");
    /// Text (escaped); `anchor` is start, middle or end.
    void text(double x, double y, std::string_view content, std::string_view anchor = "start",
              std::string_view extra = "");
    /// An open polyline through the points.
    void polyline(const std::vector<std::pair<double, double>>& points, std::string_view stroke,
                  double stroke_width = 2);
    /// Raw markup appended as is (for groups); the caller escapes.
    void raw(std::string_view markup);
    /// The finished element.
    [[nodiscard]] std::string finish() const;

private:
    std::string head_;
    std::string body_;
};

/// Formats numbers on axes and labels.
using number_format = std::function<std::string(double)>;

/// What every chart needs besides its data.
struct chart_options {
    std::string id;           ///< unique id in the page, e.g. `chart-stakeholders`
    std::string title;        ///< shown above the chart and read by screen readers
    std::string description;  ///< text alternative (the figures are also in a table beside it)
    std::string axis_label;   ///< value axis title with its unit, e.g. `Present value (£)`
    double width = 760;       ///< pixels
    number_format format;     ///< value formatting (default: thousands separators, adaptive decimals)

    /// Narrower than `compact_width`: the chart is for a phone's screen, drawn at its own size,
    /// with labels stacked above their bars, fewer ticks and the title wrapped.
    [[nodiscard]] bool compact() const noexcept { return width < compact_width; }
    static constexpr double compact_width = 400;
};

/// One bar of a horizontal bar chart.
struct bar_datum {
    std::string label;  ///< category
    double value = 0;   ///< may be negative: the bar then runs left of zero
};

/// Layout constants of the horizontal bar chart, public for the geometry tests.
struct bar_layout {
    static constexpr double label_width = 200;  ///< left margin for category labels
    static constexpr double right_margin = 90;  ///< room for value labels
    static constexpr double top = 40;           ///< room for the title
    static constexpr double row = 26;           ///< height per bar
    static constexpr double bar = 18;           ///< bar thickness
    static constexpr double bottom = 46;        ///< axis ticks and title
};

/// Horizontal bars from zero, one per datum, value labels at the bar ends.
std::string horizontal_bar_chart(const std::vector<bar_datum>& data, const chart_options& options);

/// One series of a stacked column chart.
struct stacked_series {
    std::string name;            ///< legend text
    std::vector<double> values;  ///< one per category
    std::string colour;          ///< fill
};

/// Columns per category with the series stacked: positive parts upwards from zero, negative
/// parts downwards; a line marks zero and a legend names the series.
std::string stacked_column_chart(const std::vector<std::string>& categories,
                                 const std::vector<stacked_series>& series, const chart_options& options);

/// One row of a tornado chart: the figure with a parameter at its low and at its high value.
struct tornado_datum {
    std::string label;              ///< parameter
    std::optional<double> at_low;   ///< figure at the low value (empty when undefined)
    std::optional<double> at_high;  ///< figure at the high value (empty when undefined)
};

/// A tornado around `base`: per row two half-height bars from the base value, the upper for the
/// parameter's low value and the lower for its high value, with a legend.
std::string tornado_chart(const std::vector<tornado_datum>& rows, double base, const chart_options& options);

/// Vertical bars of a histogram with equal-width bins over [low, high]; `marker` draws a dashed
/// vertical line (e.g. break-even at ratio 1) labelled `marker_label` when inside the axis.
std::string histogram_chart(double low, double high, const std::vector<std::size_t>& counts,
                            std::optional<double> marker, std::string_view marker_label,
                            const chart_options& options);

/// The empirical cumulative distribution (S-curve) of sorted values, with a dashed vertical line at
/// `marker` and the share of values <= marker read off at it.
std::string cdf_chart(const std::vector<double>& sorted_values, std::optional<double> marker,
                      std::string_view marker_label, const chart_options& options);

}  // namespace sroi::detail
