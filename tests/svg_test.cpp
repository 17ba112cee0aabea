// The SVG writer and charts of the HTML report: escaping, number output, axis ticks and the
// geometry of bars for known values, worked out by hand from the layout constants in svg.hpp.
#include <doctest/doctest.h>

#include <string>

#include "report/svg.hpp"

using namespace sroi::detail;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("text from a model is escaped for XML") {
    CHECK(xml_escape("A & B <c> \"d\" 'e'") == "A &amp; B &lt;c&gt; &quot;d&quot; &#39;e&#39;");
    CHECK(xml_escape(std::string("bell\x07"
                                 "end")) == "bellend");  // control characters are not XML
    CHECK(xml_escape("£ café") == "£ café");             // UTF-8 passes through
}

TEST_CASE("coordinates have at most two decimals and no trailing zeros") {
    CHECK(svg_number(300) == "300");
    CHECK(svg_number(132.5) == "132.5");
    CHECK(svg_number(1.0 / 3.0) == "0.33");
    CHECK(svg_number(-0.001) == "0");
}

TEST_CASE("nice ticks cover the range in steps of 1, 2, 2.5 or 5 x 10^k") {
    // [-5, 20]: raw step 25 / 5 = 5, so steps of 5 from -5 to 20.
    CHECK(nice_ticks(-5, 20) == std::vector<double>{-5, 0, 5, 10, 15, 20});
    // [0, 152636]: raw step 30527; 1, 2 and 2.5 x 10^4 are too small, 5 x 10^4 fits.
    CHECK(nice_ticks(0, 152636) == std::vector<double>{0, 50000, 100000, 150000, 200000});
    // A single value is widened so the axis has a length.
    CHECK(nice_ticks(0, 0).size() >= 2);
}

TEST_CASE("horizontal bars of [10, -5, 20] have the exact geometry") {
    // Width 790: plot from label_width 200 to 790 - 90 = 700 (500 px) over the ticks' domain
    // [-5, 20] (25 units, 20 px per unit), so zero is at x = 200 + 5 x 20 = 300.
    // Row i starts at top 40 + 26 i, and the 18 px bar is centred in it: y = 44, 70, 96.
    chart_options o;
    o.id = "t";
    o.title = "T";
    o.width = 790;
    const std::string svg = horizontal_bar_chart({{"a", 10}, {"b", -5}, {"c", 20}}, o);
    CHECK(contains(
        svg, "<rect x=\"300\" y=\"44\" width=\"200\" height=\"18\" fill=\"#0072B2\"><title>a: 10</title>"));
    // The negative bar runs left of zero: from x(-5) = 200 to x(0) = 300, in the second colour.
    CHECK(contains(
        svg, "<rect x=\"200\" y=\"70\" width=\"100\" height=\"18\" fill=\"#D55E00\"><title>b: -5</title>"));
    CHECK(contains(
        svg, "<rect x=\"300\" y=\"96\" width=\"400\" height=\"18\" fill=\"#0072B2\"><title>c: 20</title>"));
    // Height: top 40 + 3 rows x 26 + bottom 46 = 164; size attributes and viewBox agree.
    CHECK(contains(svg,
                   "width=\"790\" height=\"164\" viewBox=\"0 0 790 164\" role=\"img\" "
                   "aria-labelledby=\"t-title t-desc\""));
    // The zero line is the axis colour, the other grid lines light.
    CHECK(contains(svg, "<line x1=\"300\" y1=\"40\" x2=\"300\" y2=\"118\" stroke=\"#333333\""));
}

TEST_CASE("a compact chart stacks each label above its bar and wraps its title") {
    chart_options o;
    o.id = "c";
    o.title = "Present value by stakeholder, a title in two lines";
    o.width = 360;
    REQUIRE(o.compact());
    const std::string svg = horizontal_bar_chart({{"a stakeholder", 10}}, o);
    // The title takes two lines (18 px apart), so the plot starts at 40 + 18 = 58; the row's label
    // line is 16 px, then the bar is centred in a 26 px row: y = 58 + 16 + 4 = 78, from x 40. The
    // label, at x 8, has its baseline 5 px above the bar.
    CHECK(contains(svg, "<text x=\"8\" y=\"38\" font-weight=\"bold\""));
    CHECK(contains(svg, "<text x=\"8\" y=\"73\">a stakeholder</text>"));
    CHECK(contains(svg, "<rect x=\"40\" y=\"78\""));
}

TEST_CASE("stacked columns put positive parts above zero and negative parts below") {
    // Width 400: plot from x 90 to 380, two bands of 145 px, columns min(0.7 x 145, 60) = 60 px wide
    // at x = 90 + 42.5 = 132.5 and 277.5. Stacks: year 1 = 10 + 5 = 15 up; year 2 = -5 down.
    // Ticks of [-5, 15] are -5..15 in steps of 5; the 260 px plot (y 40..300) is 13 px per unit,
    // so y(v) = 300 - 13 (v + 5): y(0) = 235, y(10) = 105, y(15) = 40, y(-5) = 300.
    chart_options o;
    o.id = "s";
    o.title = "S";
    o.width = 400;
    const std::string svg =
        stacked_column_chart({"1", "2"}, {{"A", {10, -5}, "#111111"}, {"B", {5, 0}, "#222222"}}, o);
    CHECK(contains(svg, "<rect x=\"132.5\" y=\"105\" width=\"60\" height=\"130\" fill=\"#111111\""));
    CHECK(contains(svg, "<rect x=\"132.5\" y=\"40\" width=\"60\" height=\"65\" fill=\"#222222\""));
    CHECK(contains(svg, "<rect x=\"277.5\" y=\"235\" width=\"60\" height=\"65\" fill=\"#111111\""));
    CHECK_FALSE(
        contains(svg, "<rect x=\"277.5\" y=\"235\" width=\"60\" height=\"0\""));  // zero parts are skipped
}

TEST_CASE("tornado bars start at the base value") {
    // Width 680: plot from 300 + 50 = 350 to 680 - 70 = 610 (260 px); values 1..3 around base 2
    // give ticks 1, 1.5, .., 3 (steps of 0.5), 130 px per unit: x(1) = 350, x(2) = 480, x(3) = 610.
    chart_options o;
    o.id = "tn";
    o.title = "T";
    o.width = 680;
    const std::string svg = tornado_chart({{"p", 1.0, 3.0}, {"q", std::nullopt, 2.5}}, 2.0, o);
    // Row 0 at y = 58 + 4: low half from x(1) = 350 to the base at 480, high half from 480 to 610.
    CHECK(contains(svg, "<rect x=\"350\" y=\"62\" width=\"130\" height=\"11\" fill=\"#56B4E9\""));
    CHECK(contains(svg, "<rect x=\"480\" y=\"73\" width=\"130\" height=\"11\" fill=\"#E69F00\""));
    CHECK(contains(svg, ">undefined</text>"));  // an undefined ratio is said, not drawn
}

TEST_CASE("the histogram marks break-even, and says so when it is off the axis") {
    chart_options o;
    o.id = "h";
    o.title = "H";
    o.width = 600;
    // Bins over [0.5, 2.5]: the marker at 1 is inside, drawn as a dashed line.
    const std::string inside = histogram_chart(0.5, 2.5, {1, 3, 2, 1}, 1.0, "break-even 1:1", o);
    CHECK(contains(inside, "stroke-dasharray=\"6 4\""));
    CHECK(contains(inside, ">break-even 1:1</text>"));
    // Bins over [30, 40]: 1 is more than the axis width away, so it is named instead.
    const std::string outside = histogram_chart(30, 40, {1, 3, 2, 1}, 1.0, "break-even 1:1", o);
    CHECK_FALSE(contains(outside, "stroke-dasharray=\"6 4\""));
    CHECK(contains(outside, "break-even 1:1 is left of the axis"));
}

TEST_CASE("chart titles from the model are escaped") {
    chart_options o;
    o.id = "x";
    o.title = "Value <by> \"stakeholder\" & theme";
    const std::string svg = horizontal_bar_chart({{"<b>&", 1}}, o);
    CHECK(
        contains(svg, "<title id=\"x-title\">Value &lt;by&gt; &quot;stakeholder&quot; &amp; theme</title>"));
    CHECK(contains(svg, "&lt;b&gt;&amp;"));
    CHECK_FALSE(contains(svg, "<b>"));
}
