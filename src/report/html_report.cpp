// The analyst's report as one self-contained HTML page (inline CSS and SVG, no scripts).
#include <sroi/report/html_report.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include <sroi/model/version.hpp>

#include "model/id_lookup.hpp"
#include "model/machine.hpp"
#include "report/analysis_report.hpp"
#include "report/svg.hpp"
#include "report/table.hpp"

namespace sroi {

namespace {

using detail::money;
using detail::number;
using detail::percent;
using detail::xml_escape;

std::string e(std::string_view s) {
    return xml_escape(s);
}

// ---------------------------------------------------------------------------------------------
// Small HTML builders

struct html_table {
    std::string caption;
    std::vector<std::string> headers;
    std::vector<bool> numeric;                   // right-aligned columns
    std::vector<std::vector<std::string>> rows;  // cells already escaped (may hold links)
    std::string css_class;
    bool first_column_is_header = true;  // <th scope="row"> for the first cell of each row

    [[nodiscard]] std::string render() const {
        // Tables of more than four columns become one card per row on a phone's screen, each cell
        // under its column's name (data-label, shown by the style sheet).
        const bool stack = headers.size() > 4;
        std::string out = "<div class=\"wide\"><table";
        const std::string classes = css_class + (stack ? (css_class.empty() ? "stack" : " stack") : "");
        if (!classes.empty()) out += " class=\"" + classes + "\"";
        out += ">\n";
        if (!caption.empty()) out += "<caption>" + caption + "</caption>\n";
        out += "<thead><tr>";
        for (std::size_t c = 0; c < headers.size(); ++c) {
            const bool num = c < numeric.size() && numeric[c];
            out += fmt::format("<th scope=\"col\"{}>{}</th>", num ? " class=\"num\"" : "", headers[c]);
        }
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& row : rows) {
            out += "<tr>";
            for (std::size_t c = 0; c < row.size(); ++c) {
                const bool num = c < numeric.size() && numeric[c];
                const char* cls = num ? " class=\"num\"" : "";
                if (c == 0 && first_column_is_header) {
                    out += fmt::format("<th scope=\"row\"{}>{}</th>", cls, row[c]);
                } else if (stack && c < headers.size()) {
                    out += fmt::format("<td{} data-label=\"{}\">{}</td>", cls, headers[c], row[c]);
                } else {
                    out += fmt::format("<td{}>{}</td>", cls, row[c]);
                }
            }
            out += "</tr>\n";
        }
        return out + "</tbody>\n</table></div>\n";
    }
};

// A chart drawn twice: at its own width for wide screens and for print, and compact for a phone's
// screen (labels stacked, text at its own size); the style sheet shows one of the two.
constexpr double compact_chart_width = 360;

std::string charts(const std::function<std::string(const detail::chart_options&)>& draw,
                   const detail::chart_options& o) {
    detail::chart_options compact = o;
    compact.id += "-compact";
    compact.width = compact_chart_width;
    return "<div class=\"chart-wide\">\n" + draw(o) + "</div>\n<div class=\"chart-compact\">\n" +
           draw(compact) + "</div>\n";
}

std::string figure(const std::string& svg, const std::string& caption, const std::string& table = "") {
    return "<figure>\n" + svg + "<figcaption>" + caption + "</figcaption>\n" + table + "</figure>\n";
}

std::string link(const std::string& url) {
    if (url.empty()) return "";
    const bool web = url.starts_with("https://") || url.starts_with("http://");
    if (!web) return e(url);
    return "<a href=\"" + e(url) + "\" class=\"url\">" + e(url) + "</a>";
}

std::string ratio_text(double r) {
    return std::isfinite(r) ? number(r, 2) : "n/a";
}

bool is_share(parameter_kind k) noexcept {
    return k == parameter_kind::outcome_deadweight || k == parameter_kind::outcome_displacement ||
           k == parameter_kind::outcome_attribution || k == parameter_kind::outcome_drop_off ||
           k == parameter_kind::discount_rate;
}

// A parameter value for people: shares as percentages, other numbers with grouping.
std::string parameter_text(parameter_kind k, double v) {
    if (!std::isfinite(v)) return "n/a";
    if (is_share(k)) return fmt::format("{:.3g}%", v * 100.0);
    if (std::fabs(v) >= 100.0) return number(v, std::fabs(v - std::round(v)) < 0.005 ? 0 : 2);
    return fmt::format("{:.4g}", v);
}

std::string stakeholder_name(const detail::id_lookup<stakeholder>& stakeholders, const std::string& id) {
    const stakeholder* s = stakeholders.find(id);
    return s != nullptr && !s->name.empty() ? s->name : id;
}

const char* css = R"css(
:root { color-scheme: light; }
body { font-family: system-ui, "DejaVu Sans", Arial, sans-serif; color: #222; background: #fff;
       max-width: 1200px; margin: 0 auto; padding: 24px; line-height: 1.45; overflow-wrap: break-word; }
h1 { font-size: 1.8em; margin: 0 0 .2em; }
h2 { font-size: 1.35em; border-bottom: 2px solid #0072B2; padding-bottom: 3px; margin-top: 2.2em; }
h3 { font-size: 1.1em; margin-top: 1.5em; }
p.meta { color: #444; margin-top: 0; }
a, code { overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 12px 0; }
.card { border: 1px solid #bbb; border-radius: 6px; padding: 10px 12px; min-width: 0; }
.card.primary { border: 2px solid #0072B2; background: #EEF6FB; }
.card .label { font-size: .85em; color: #444; display: block; }
.card .value { font-size: 1.45em; font-weight: 600; display: block; font-variant-numeric: tabular-nums;
               overflow-wrap: anywhere; }
.card .range { font-size: .85em; color: #333; display: block; }
table { border-collapse: collapse; margin: 8px 0 18px; font-size: .88em; }
caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
th, td { border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top;
         overflow-wrap: break-word; }
td { overflow-wrap: anywhere; }
thead th { background: #F0F0F0; border-bottom: 2px solid #999; hyphens: auto; }
tbody th { font-weight: 500; hyphens: auto; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th.num { white-space: normal; }
table.impact-map { font-size: .8em; width: 100%; }
table.impact-map th, table.impact-map td { padding: 3px 4px; }
.wide { overflow-x: auto; }
figure { margin: 18px 0 26px; }
figcaption { font-size: .9em; color: #444; margin: 4px 0; }
svg.chart { max-width: 100%; height: auto; display: block; }
.chart-compact { display: none; }
.warnings li { margin-bottom: 4px; }
.note { color: #444; font-size: .92em; }
ul.checklist { list-style: none; padding-left: 0; }
ul.checklist li { margin: 6px 0; padding-left: 1.7em; text-indent: -1.7em; }
ul.checklist li::before { content: "\2610\00a0\00a0"; font-size: 1.1em; }
code { font-size: .92em; }
footer { margin-top: 3em; font-size: .85em; color: #555; border-top: 1px solid #ccc; padding-top: 6px; }
/* Narrower than the wide charts: the compact charts, drawn at their own size. */
@media screen and (max-width: 919px) {
  .chart-wide { display: none; }
  .chart-compact { display: block; }
}
/* A phone: less padding; tables of many columns become one card per row, each value under its
   column's name. */
@media screen and (max-width: 640px) {
  body { padding: 12px; }
  table.stack, table.stack tbody, table.stack tr, table.stack td, table.stack tbody th { display: block; }
  table.stack { width: 100%; font-size: .9em; }
  table.stack caption { display: block; }
  table.stack thead { display: none; }
  table.stack tr { border: 1px solid #ccc; border-radius: 4px; margin: 0 0 8px; padding: 4px 0; }
  table.stack tbody th { font-weight: 600; border-bottom: 1px solid #ddd; }
  table.stack td { border: 0; padding: 2px 8px; text-align: left; white-space: normal; }
  table.stack td:empty { display: none; }
  table.stack td[data-label]::before { content: attr(data-label); display: block; font-size: .85em;
                                       color: #555; }
}
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  * { box-shadow: none !important; text-shadow: none !important; }
  body { max-width: none; padding: 0; font-size: 9.5pt; background: none; }
  .card.primary, thead th { background: none; }
  .wide { overflow: visible; }
  table { font-size: 7.5pt; width: 100%; }
  @page landscape { size: A4 landscape; }
  #impact-map { page: landscape; }
  table.impact-map { font-size: 6.5pt; }
  th, td { padding: 2px 3px; }
  thead { display: table-header-group; }
  tr, figure, svg, .cards, .card { break-inside: avoid; page-break-inside: avoid; }
  h2, h3, caption { break-after: avoid; page-break-after: avoid; }
  section { break-before: auto; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .9em; overflow-wrap: anywhere; }
  a.url[href]::after { content: ""; }  /* the link's text is its address */
}
)css";

// ---------------------------------------------------------------------------------------------
// Sections

struct page {
    const html_report_data& d;
    const report_context& c;
    const model& m;
    std::string cur;  // currency symbol
    std::string out;
    detail::id_lookup<stakeholder> stakeholders = detail::stakeholder_lookup(m);  // look-ups in loops
    detail::id_lookup<proxy> proxies = detail::proxy_lookup(m);
};

std::string money_with(const page& p, double v) {
    return money(p.cur, v);
}

void summary_section(page& p) {
    const result& r = p.d.figures;
    const auto& sim = p.d.simulation;
    std::string& o = p.out;
    o += "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n";
    const auto card = [&](const std::string& label, const std::string& value, const std::string& range,
                          bool primary = false) {
        o += fmt::format(
            "<div class=\"card{}\"><span class=\"label\">{}</span><span class=\"value\">{}</span>{}</div>\n",
            primary ? " primary" : "", label, value,
            range.empty() ? "" : "<span class=\"range\">" + range + "</span>");
    };
    std::string ratio_range;
    std::string npv_range;
    if (sim && sim->sroi_ratio.count > 0) {
        ratio_range = fmt::format("Monte Carlo 5th–95th percentile: {} to {}<br/>P(ratio &gt; 1) = {}",
                                  number(sim->sroi_ratio.p5, 2), number(sim->sroi_ratio.p95, 2),
                                  fmt::format("{:.1f}%", 100.0 * sim->probability_ratio_above_1));
        npv_range = fmt::format("5th–95th percentile: {} to {}", e(money_with(p, sim->net_present_value.p5)),
                                e(money_with(p, sim->net_present_value.p95)));
    }
    card("SROI ratio", e(fmt::format("{}{} : {}1", p.cur, number(r.sroi_ratio, 2), p.cur)), ratio_range,
         true);
    card("Present value of outcomes", e(money_with(p, r.present_value)), "");
    card("Total inputs (present value)", e(money_with(p, r.total_inputs)), "");
    card("Net present value", e(money_with(p, r.net_present_value)), npv_range);
    card("Payback", r.payback_months ? e(number(*r.payback_months, 1)) + " months" : "n/a",
         r.payback_months ? "simple: ignores drop-off, duration and discounting"
                          : "no positive annual impact");
    card("Net SROI ratio", e(number(r.net_sroi_ratio, 2)), "");
    o += "</div>\n";

    html_table t;
    t.caption = "How these figures were produced";
    t.headers = {"Item", "Value"};
    t.rows.push_back({"Type", p.m.project.type == study_type::forecast
                                  ? "Forecast (before or during the activity: values are expected)"
                                  : "Evaluative (after the activity: values are observed)"});
    t.rows.push_back(
        {"Prices", p.m.project.price_year
                       ? e(fmt::format("{} prices, {}", *p.m.project.price_year, p.m.project.currency))
                       : e(p.m.project.currency + ", values as given (no price year)")});
    t.rows.push_back({"Discounting", e(describe_discounting(p.m.discount))});
    if (p.m.project.horizon) t.rows.push_back({"Horizon", e(fmt::format("{} years", *p.m.project.horizon))});
    t.rows.push_back({"Years of value",
                      e(fmt::format("{} (year 1{})", r.years.size(),
                                    p.m.project.start_year ? fmt::format(" = {}", *p.m.project.start_year)
                                                           : std::string()))});
    t.rows.push_back({"Case", p.c.scenario.empty() ? "Base case" : "Scenario " + e(p.c.scenario)});
    std::string mc;
    if (sim) {
        mc = e(fmt::format("{} draws, seed {}, {} drawn{}", number(static_cast<double>(sim->draws), 0),
                           sim->seed,
                           detail::drawn_text(sim->sampled.size(), sim->drawn_from_ranges, sim->ranges),
                           sim->correlated ? ", correlated (Gaussian copula)" : ""));
    } else if (!p.d.has_distributions) {
        mc = p.d.options.ranges == range_draw::fixed
                 ? "Not run: no parameter has a distribution, and ranges are held fixed (--ranges fixed)"
                 : "Not run: no parameter has a distribution or a range";
    } else {
        mc = "Not run (--no-simulation)";
    }
    t.rows.push_back({"Monte Carlo", mc});
    o += t.render() + "</section>\n";
}

std::string year_label(const model& m, int year) {
    if (m.project.start_year) return std::to_string(*m.project.start_year + year - 1);
    return fmt::format("Year {}", year);
}

void value_section(page& p) {
    const result& r = p.d.figures;
    std::string& o = p.out;
    o += "<section id=\"value\">\n<h2>Where the value comes from</h2>\n";

    // Value by year, stacked by outcome: the largest outcomes by present value, the rest together.
    constexpr std::size_t shown = 7;
    std::vector<std::size_t> order(r.outcomes.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::fabs(r.outcomes[a].present_value) > std::fabs(r.outcomes[b].present_value);
    });
    const std::size_t named = order.size() <= shown + 1 ? order.size() : shown;
    std::vector<detail::stacked_series> series;
    const auto& palette = detail::chart_palette();
    for (std::size_t k = 0; k < named; ++k) {
        const outcome_result& out = r.outcomes[order[k]];
        series.push_back({out.id, out.values, palette[k % palette.size()]});
    }
    if (named < order.size()) {
        detail::stacked_series other{fmt::format("{} other outcomes", order.size() - named),
                                     std::vector<double>(r.years.size(), 0.0), detail::other_colour};
        for (std::size_t k = named; k < order.size(); ++k) {
            for (std::size_t y = 0; y < r.years.size(); ++y)
                other.values[y] += r.outcomes[order[k]].values[y];
        }
        series.push_back(std::move(other));
    }
    std::vector<std::string> categories;
    for (const int y : r.years)
        categories.push_back(year_label(p.m, y));
    detail::chart_options years;
    years.id = "chart-years";
    years.title = "Value by year, by outcome (undiscounted)";
    years.description = fmt::format(
        "Stacked columns of the undiscounted value of each outcome in each of {} years; the table below "
        "gives the totals per year and their present value.",
        r.years.size());
    years.axis_label = "Value (" + p.m.project.currency + ")";
    html_table yt;
    yt.caption = "Value by year";
    yt.headers = {"Year", e("Value (" + p.cur + ")"), "Discount factor", e("Present value (" + p.cur + ")")};
    yt.numeric = {false, true, true, true};
    for (std::size_t y = 0; y < r.years.size(); ++y) {
        yt.rows.push_back({e(fmt::format("{} ({})", r.years[y], year_label(p.m, r.years[y]))),
                           money(r.value_by_year[y]), number(r.discount_factors[y], 4),
                           money(r.present_value_by_year[y])});
    }
    o += figure(
        charts([&](const auto& co) { return detail::stacked_column_chart(categories, series, co); }, years),
        "Each column is one year's value before discounting; colours are outcomes (largest present "
        "value first). Values below zero are disbenefits.",
        yt.render());

    const auto group_figure = [&](const std::vector<group_result>& groups, const std::string& id,
                                  const std::string& what,
                                  const std::function<std::string(const std::string&)>& name,
                                  bool with_inputs) {
        std::vector<detail::bar_datum> bars;
        html_table t;
        t.caption = "Present value by " + what;
        t.headers = {e(what.substr(0, 1) == "s" ? "Stakeholder"
                       : what == "theme"        ? "Theme"
                                                : "Value type"),
                     e("Present value (" + p.cur + ")"), "Share"};
        t.numeric = {false, true, true};
        if (with_inputs) {
            t.headers.push_back(e("Inputs (" + p.cur + ")"));
            t.numeric.push_back(true);
        }
        for (const group_result& g : groups) {
            const std::string label = name(g.key);
            bars.push_back({label, g.present_value});
            t.rows.push_back({e(label), money(g.present_value),
                              r.present_value != 0
                                  ? fmt::format("{:.1f}%", 100.0 * g.present_value / r.present_value)
                                  : "n/a"});
            if (with_inputs) t.rows.back().push_back(money(g.inputs));
        }
        detail::chart_options co;
        co.id = id;
        co.title = "Present value by " + what;
        co.description = fmt::format(
            "Horizontal bars of the present value for each of {} {} groups; the table "
            "below lists the same figures.",
            groups.size(), what);
        co.axis_label = "Present value (" + p.m.project.currency + ")";
        o += figure(
            charts([&](const auto& c) { return detail::horizontal_bar_chart(bars, c); }, co),
            e("Present value of the outcomes by " + what + ", discounted. Bars left of zero are negative."),
            t.render());
    };
    group_figure(
        r.stakeholders, "chart-stakeholders", "stakeholder",
        [&](const std::string& id) { return stakeholder_name(p.stakeholders, id); }, true);
    group_figure(
        r.themes, "chart-themes", "theme",
        [](const std::string& key) { return key.empty() ? std::string("(no theme)") : key; }, false);
    group_figure(
        r.value_types, "chart-value-types", "value type", [](const std::string& key) { return key; }, false);
    o += "</section>\n";
}

void sensitivity_section(page& p) {
    const sensitivity_result& s = p.d.sensitivity;
    const std::size_t top = std::min(
        p.d.options.tornado_top == 0 ? s.parameters.size() : p.d.options.tornado_top, s.parameters.size());
    std::string& o = p.out;
    o += "<section id=\"sensitivity\">\n<h2>Sensitivity: which estimates matter</h2>\n";
    o += fmt::format(
        "<p>Each estimate was moved on its own to the low and high ends of its range (its own range, else "
        "the 5th and 95th percentiles of its distribution, else ±{} of its value), the others held at their "
        "values. The longest bars are the estimates the result depends on most: check them first.</p>\n",
        percent(s.options.variation));

    std::vector<detail::tornado_datum> ratio_rows;
    for (std::size_t i = 0; i < top; ++i) {
        const parameter_sensitivity& ps = s.parameters[i];
        ratio_rows.push_back({ps.path, ps.low.sroi_ratio, ps.high.sroi_ratio});
    }
    detail::chart_options ro;
    ro.id = "chart-tornado-ratio";
    ro.title = fmt::format("Tornado: SROI ratio (top {} of {} estimates)", top, s.parameters.size());
    ro.description =
        "For each estimate, the SROI ratio with the estimate at its low and at its high value; the "
        "vertical line is the ratio of the case analysed. The table below gives the figures.";
    ro.axis_label = "SROI ratio (value per 1 of input)";
    ro.width = 860;
    ro.format = [](double v) { return number(v, 2); };
    o += figure(
        charts([&](const auto& c) { return detail::tornado_chart(ratio_rows, s.base.sroi_ratio, c); }, ro),
        "One-way sensitivity of the SROI ratio, largest swing first.");

    std::vector<const parameter_sensitivity*> by_npv;
    for (const parameter_sensitivity& ps : s.parameters)
        by_npv.push_back(&ps);
    std::stable_sort(by_npv.begin(), by_npv.end(),
                     [](const parameter_sensitivity* a, const parameter_sensitivity* b) {
                         return a->npv_swing > b->npv_swing;
                     });
    std::vector<detail::tornado_datum> npv_rows;
    for (std::size_t i = 0; i < top; ++i) {
        const parameter_sensitivity& ps = *by_npv[i];
        npv_rows.push_back({ps.path, ps.low.net_present_value, ps.high.net_present_value});
    }
    detail::chart_options no = ro;
    no.id = "chart-tornado-npv";
    no.title = fmt::format("Tornado: net present value (top {} of {} estimates)", top, s.parameters.size());
    no.description =
        "For each estimate, the net present value with the estimate at its low and at its high "
        "value; the vertical line is the NPV of the case analysed.";
    no.axis_label = "Net present value (" + p.m.project.currency + ")";
    no.format = [](double v) { return money(v); };
    html_table t;
    t.caption = "One-way sensitivity: the estimates in the tornadoes";
    t.headers = {"Estimate",
                 "Low",
                 "Base",
                 "High",
                 "Ratio at low",
                 "Ratio at high",
                 e("NPV at low (" + p.cur + ")"),
                 e("NPV at high (" + p.cur + ")")};
    t.numeric = {false, true, true, true, true, true, true, true};
    std::set<std::string> listed;
    const auto add_row = [&](const parameter_sensitivity& ps) {
        if (!listed.insert(ps.path).second) return;
        t.rows.push_back({"<code>" + e(ps.path) + "</code>", e(parameter_text(ps.kind, ps.range.low)),
                          e(parameter_text(ps.kind, ps.base)), e(parameter_text(ps.kind, ps.range.high)),
                          ps.low.sroi_ratio ? number(*ps.low.sroi_ratio, 2) : "n/a",
                          ps.high.sroi_ratio ? number(*ps.high.sroi_ratio, 2) : "n/a",
                          money(ps.low.net_present_value), money(ps.high.net_present_value)});
    };
    for (std::size_t i = 0; i < top; ++i)
        add_row(s.parameters[i]);
    for (std::size_t i = 0; i < top; ++i)
        add_row(*by_npv[i]);
    o += figure(
        charts([&](const auto& c) { return detail::tornado_chart(npv_rows, s.base.net_present_value, c); },
               no),
        "One-way sensitivity of the net present value, largest swing first.", t.render());

    // Switching values: the most fragile first.
    std::vector<const parameter_sensitivity*> switching;
    std::size_t none = 0;
    for (const parameter_sensitivity& ps : s.parameters) {
        if (ps.switching && ps.switching->value) {
            switching.push_back(&ps);
        } else {
            ++none;
        }
    }
    std::stable_sort(switching.begin(), switching.end(),
                     [](const parameter_sensitivity* a, const parameter_sensitivity* b) {
                         const double x = a->switching->relative_change
                                              ? std::fabs(*a->switching->relative_change)
                                              : HUGE_VAL;
                         const double y = b->switching->relative_change
                                              ? std::fabs(*b->switching->relative_change)
                                              : HUGE_VAL;
                         return x < y;
                     });
    constexpr std::size_t switching_shown = 30;
    o += "<h3 id=\"switching-values\">Switching values: how far each estimate must move before the ratio "
         "reaches 1:1</h3>\n";
    o += "<p>The value of one estimate, the others unchanged, at which the SROI ratio is exactly 1 (the net "
         "present value is 0). A small relative change means the conclusion is fragile.</p>\n";
    html_table sw;
    sw.caption = fmt::format("Switching values, smallest change first ({} of {} estimates shown)",
                             std::min(switching.size(), switching_shown), s.parameters.size());
    sw.headers = {"Estimate", "Base", "Switching value", "Change needed", "Note"};
    sw.numeric = {false, true, true, true, false};
    for (std::size_t i = 0; i < switching.size() && i < switching_shown; ++i) {
        const parameter_sensitivity& ps = *switching[i];
        const auto& change = ps.switching->relative_change;
        std::string moved = "n/a";
        if (change && std::isfinite(*change)) {
            moved = fmt::format("{} {}", *change < 0 ? "falls by" : "rises by", percent(std::fabs(*change)));
        }
        sw.rows.push_back({"<code>" + e(ps.path) + "</code>", e(parameter_text(ps.kind, ps.base)),
                           e(parameter_text(ps.kind, *ps.switching->value)), e(moved),
                           e(ps.switching->note)});
    }
    o += sw.render();
    o += fmt::format(
        "<p class=\"note\">{} estimates cannot bring the ratio to 1:1 on their own (no value in their "
        "valid range reaches it){}.</p>\n",
        none,
        switching.size() > switching_shown
            ? fmt::format("; {} more have switching values further away (see <code>sroi "
                          "sensitivity</code>)",
                          switching.size() - switching_shown)
            : std::string());
    o += "</section>\n";
}

void uncertainty_section(page& p) {
    std::string& o = p.out;
    o += "<section id=\"uncertainty\">\n<h2>Uncertainty: Monte Carlo simulation</h2>\n";
    const auto& sim = p.d.simulation;
    if (!sim) {
        o += p.d.has_distributions
                 ? "<p>The simulation was not run for this page (<code>--no-simulation</code>).</p>\n"
             : p.d.options.ranges == range_draw::fixed
                 ? "<p>No estimate in the model is drawn: none has a distribution, and ranges are held at "
                   "their values (<code>--ranges fixed</code>), so there is no simulation and no probability "
                   "of a ratio above 1.</p>\n"
                 : "<p>No estimate in the model is drawn: none has a distribution or a range, so there is no "
                   "simulation and no probability of a ratio above 1. Give the uncertain estimates a range "
                   "or a "
                   "distribution (model format, section 2) to see the spread of the result.</p>\n";
        o += "</section>\n";
        return;
    }
    o += fmt::format(
        "<p>{} draws of every estimate that has a distribution or a range ({}; seed {}). In {:.1f}% of the "
        "draws the SROI ratio is above 1 (the social value exceeds the inputs); the middle 90% of draws lie "
        "between {} and {}.</p>\n",
        number(static_cast<double>(sim->draws), 0),
        detail::drawn_text(sim->sampled.size(), sim->drawn_from_ranges, sim->ranges), sim->seed,
        100.0 * sim->probability_ratio_above_1, number(sim->sroi_ratio.p5, 2),
        number(sim->sroi_ratio.p95, 2));
    const std::vector<double>& ratios = p.d.simulated_ratios;
    if (!ratios.empty()) {
        // 40 bins between the 0.5th and 99.5th percentiles (the extreme tails are in the table).
        const auto at = [&](double q) {
            return ratios[static_cast<std::size_t>(std::lround(q * static_cast<double>(ratios.size() - 1)))];
        };
        double low = at(0.005);
        double high = at(0.995);
        if (high <= low) {
            low -= 0.5;
            high += 0.5;
        }
        const std::vector<double> ticks = detail::nice_ticks(low, high, 40);
        low = ticks.front();
        high = ticks.back();
        const std::size_t bins = ticks.size() - 1;
        std::vector<std::size_t> counts(bins, 0);
        std::size_t outside = 0;
        for (const double r : ratios) {
            if (r < low || r > high) {
                ++outside;
                continue;
            }
            const auto b = std::min(
                bins - 1, static_cast<std::size_t>((r - low) / (high - low) * static_cast<double>(bins)));
            ++counts[b];
        }
        detail::chart_options ho;
        ho.id = "chart-histogram";
        ho.title = "Distribution of the SROI ratio over the draws";
        ho.description = fmt::format(
            "Histogram of the SROI ratio in {} draws, with a dashed line at the break-even ratio of 1. The "
            "5th percentile is {}, the median {}, the 95th percentile {}.",
            ratios.size(), number(sim->sroi_ratio.p5, 2), number(sim->sroi_ratio.p50, 2),
            number(sim->sroi_ratio.p95, 2));
        ho.axis_label = "SROI ratio (value per 1 of input)";
        ho.format = [](double v) { return number(v, 2); };
        o += figure(
            charts(
                [&](const auto& c) {
                    return detail::histogram_chart(low, high, counts, 1.0, "break-even 1:1", c);
                },
                ho),
            e(fmt::format("Draws per ratio band; {} draws in the extreme tails (below the 0.5th or above "
                          "the 99.5th percentile) are not drawn.",
                          outside)));
        detail::chart_options so = ho;
        so.id = "chart-s-curve";
        so.title = "S-curve: chance that the SROI ratio is at or below a value";
        so.description = fmt::format(
            "Cumulative distribution of the SROI ratio over the draws, with a dashed line at the break-even "
            "ratio of 1; {:.1f}% of draws have a ratio above 1.",
            100.0 * sim->probability_ratio_above_1);
        html_table t;
        t.caption = "Monte Carlo statistics";
        t.headers = {"Statistic", "SROI ratio", e("Net present value (" + p.cur + ")")};
        t.numeric = {false, true, true};
        const summary_statistics& a = sim->sroi_ratio;
        const summary_statistics& b = sim->net_present_value;
        const std::pair<const char*, double summary_statistics::*> rows[] = {
            {"Mean", &summary_statistics::mean},           {"Standard deviation", &summary_statistics::sd},
            {"Minimum", &summary_statistics::min},         {"5th percentile", &summary_statistics::p5},
            {"25th percentile", &summary_statistics::p25}, {"Median", &summary_statistics::p50},
            {"75th percentile", &summary_statistics::p75}, {"95th percentile", &summary_statistics::p95},
            {"Maximum", &summary_statistics::max}};
        for (const auto& [name, field] : rows)
            t.rows.push_back({name, ratio_text(a.*field), std::isfinite(b.*field) ? money(b.*field) : "n/a"});
        t.rows.push_back({"P(ratio &gt; 1)", fmt::format("{:.1f}%", 100.0 * sim->probability_ratio_above_1),
                          fmt::format("P(NPV &gt; 0) = {:.1f}%", 100.0 * sim->probability_npv_positive)});
        if (sim->zero_input_draws > 0) {
            t.rows.push_back({"Draws with no inputs (ratio undefined)",
                              number(static_cast<double>(sim->zero_input_draws), 0), ""});
        }
        o += figure(
            charts([&](const auto& c) { return detail::cdf_chart(ratios, 1.0, "break-even 1:1", c); }, so),
            "Read across from a ratio to the share of draws at or below it.", t.render());
    }
    o += "</section>\n";
}

void scenarios_section(page& p) {
    const scenario_comparison& sc = p.d.scenarios;
    std::string& o = p.out;
    o += "<section id=\"scenarios\">\n<h2>Scenarios side by side</h2>\n";
    if (sc.scenarios.empty()) {
        o += "<p>The model defines no scenarios. Add a <code>scenarios:</code> section (e.g. a cautious case "
             "with higher deadweight) to show how the result changes.</p>\n</section>\n";
        return;
    }
    html_table t;
    t.headers = {"Case",
                 "Description",
                 e("Present value (" + p.cur + ")"),
                 e("Inputs (" + p.cur + ")"),
                 e("NPV (" + p.cur + ")"),
                 "SROI ratio",
                 "Ratio change",
                 "Estimates set"};
    t.numeric = {false, false, true, true, true, true, true, false};
    const auto row = [&](const scenario_figures& f) {
        std::string set;
        for (const auto& [path, value] : f.set)
            set += (set.empty() ? "" : "<br/>") +
                   fmt::format("<code>{}</code> = {}", e(path), e(fmt::format("{:.6g}", value)));
        const double change = f.figures.sroi_ratio - sc.base.figures.sroi_ratio;
        t.rows.push_back(
            {e(f.name), e(f.description), money(f.figures.present_value), money(f.figures.total_inputs),
             money(f.figures.net_present_value), ratio_text(f.figures.sroi_ratio),
             &f == &sc.base ? ""
                            : (std::isfinite(change) ? (change > 0 ? "+" : "") + number(change, 2) : "n/a"),
             set});
    };
    row(sc.base);
    for (const scenario_figures& f : sc.scenarios)
        row(f);
    o += t.render() + "</section>\n";
}

void impact_map_section(page& p) {
    const result& r = p.d.figures;
    std::string& o = p.out;
    o += "<section id=\"impact-map\">\n<h2>Impact map</h2>\n";
    o += "<p>The SROI Guide's impact map, one row per outcome (the same columns, in the same order, as "
         "<code>sroi report --format impact-map-csv</code>).</p>\n";
    html_table t;
    t.css_class = "impact-map";
    t.headers = {"Stakeholder",
                 "Outcome (what changes)",
                 "Indicator",
                 "Source",
                 "Quantity",
                 "Duration (years)",
                 "Financial proxy",
                 e("Value (" + p.cur + ")"),
                 "Proxy source",
                 "Deadweight",
                 "Displacement",
                 "Attribution",
                 "Drop-off",
                 e("Impact (" + p.cur + ")"),
                 e("Present value (" + p.cur + ")")};
    t.numeric = {false, false, false, false, true, true, false, true,
                 false, true,  true,  true,  true, true, true};
    for (std::size_t i = 0; i < r.outcomes.size() && i < p.m.outcomes.size(); ++i) {
        const outcome& oc = p.m.outcomes[i];
        const outcome_result& res = r.outcomes[i];
        std::string proxy_name = "inline value";
        std::string source = oc.proxy.provenance.source;
        if (!oc.proxy.ref.empty()) {
            const proxy* px = p.proxies.find(oc.proxy.ref);
            proxy_name = oc.proxy.ref +
                         (oc.proxy.multiplier != 1.0 ? fmt::format(" × {:g}", oc.proxy.multiplier) : "");
            if (px != nullptr) source = px->provenance.source;
        }
        t.rows.push_back({e(stakeholder_name(p.stakeholders, oc.stakeholder)),
                          e(oc.description.empty() ? oc.id : oc.description), e(oc.indicator), e(oc.note),
                          number(res.quantity, res.quantity == std::floor(res.quantity) ? 0 : 2),
                          e(fmt::format("{} from year {}", oc.duration, oc.start)), e(proxy_name),
                          number(res.proxy, 2), e(source), percent(res.deadweight), percent(res.displacement),
                          percent(res.attribution), percent(res.drop_off), money(res.impact),
                          money(res.present_value)});
    }
    o += t.render();

    html_table in;
    in.caption = "Inputs";
    in.headers = {"Input",
                  "Stakeholder",
                  "Description",
                  "Year",
                  e("Value (" + p.cur + ")"),
                  e("Present value (" + p.cur + ")")};
    in.numeric = {false, false, false, true, true, true};
    for (std::size_t i = 0; i < r.inputs.size() && i < p.m.inputs.size(); ++i) {
        const input_result& ir = r.inputs[i];
        in.rows.push_back({e(ir.id), e(stakeholder_name(p.stakeholders, ir.stakeholder)),
                           e(p.m.inputs[i].description), std::to_string(ir.year), money(ir.value),
                           money(ir.present_value)});
    }
    in.rows.push_back({"Total", "", "", "", "", money(r.total_inputs)});
    o += "<h3 id=\"inputs\">Inputs</h3>\n" + in.render() + "</section>\n";
}

void assumptions_section(page& p) {
    std::string& o = p.out;
    o += "<section id=\"assumptions\">\n<h2>Assumptions and sources</h2>\n";
    html_table t;
    t.caption = "Financial proxies used";
    t.headers = {"Proxy",  "Used by", "Value as written", "Unit", "Price year", "Method",
                 "Source", "Link",    "Licence"};
    t.numeric = {false, false, true, false, true, false, false, false, false};
    std::map<std::string, std::vector<std::string>> users;  // named proxy -> outcomes
    std::vector<std::string> order;
    for (const outcome& oc : p.m.outcomes) {
        if (oc.proxy.ref.empty()) continue;
        if (!users.contains(oc.proxy.ref)) order.push_back(oc.proxy.ref);
        users[oc.proxy.ref].push_back(oc.id);
    }
    std::size_t missing_source = 0;
    const auto year_text = [](const std::optional<int>& y) {
        return y ? std::to_string(*y) : std::string("not given");
    };
    for (const std::string& id : order) {
        const proxy* px = p.proxies.find(id);
        if (px == nullptr) continue;
        std::string used;
        for (const std::string& u : users[id])
            used += (used.empty() ? "" : ", ") + u;
        if (px->provenance.source.empty()) ++missing_source;
        t.rows.push_back({e(id) + (px->description.empty()
                                       ? ""
                                       : "<br/><span class=\"note\">" + e(px->description) + "</span>"),
                          e(used), e(fmt::format("{} {}", px->currency, number(px->value.value, 2))),
                          e(px->provenance.unit), e(year_text(px->price_year)), e(px->provenance.method),
                          e(px->provenance.source.empty() ? "not given" : px->provenance.source),
                          link(px->provenance.url), e(px->provenance.licence)});
    }
    for (const outcome& oc : p.m.outcomes) {
        if (!oc.proxy.ref.empty()) continue;
        const proxy_provenance& pv = oc.proxy.provenance;
        if (pv.source.empty()) ++missing_source;
        t.rows.push_back({e("inline (" + oc.id + ")"), e(oc.id), e(number(oc.proxy.value.value, 2)),
                          e(pv.unit), e(year_text(oc.proxy.price_year)), e(pv.method),
                          e(pv.source.empty() ? "not given" : pv.source), link(pv.url), e(pv.licence)});
    }
    o += t.render();
    if (missing_source > 0) {
        o += fmt::format(
            "<p class=\"note\"><strong>{} proxies have no source.</strong> Say where each value "
            "comes from before the report is used.</p>\n",
            missing_source);
    }
    if (const price_index* index = p.m.find_index(p.m.price_index)) {
        o += fmt::format(
            "<p>Proxies are re-based to the project's price year with the price index "
            "<code>{}</code>{}{}{}.</p>\n",
            e(index->id), index->description.empty() ? "" : " (" + e(index->description) + ")",
            index->source.empty() ? "" : "; source: " + e(index->source),
            index->url.empty() ? "" : ", " + link(index->url));
    }
    html_table notes;
    notes.caption = "Notes on outcomes and inputs (where the estimates come from)";
    notes.headers = {"Item", "Note"};
    for (const outcome& oc : p.m.outcomes) {
        if (!oc.note.empty()) notes.rows.push_back({"outcome <code>" + e(oc.id) + "</code>", e(oc.note)});
    }
    for (const input& in : p.m.inputs) {
        if (!in.note.empty()) notes.rows.push_back({"input <code>" + e(in.id) + "</code>", e(in.note)});
    }
    if (!notes.rows.empty()) o += notes.render();
    o += "</section>\n";
}

void local_multiplier_section(page& p) {
    const local_multiplier_result& lm = p.d.local_multiplier;
    if (lm.empty()) return;
    std::string& o = p.out;
    o += "<section id=\"lm3\">\n<h2>Local Multiplier 3 (LM3), beside the SROI figures</h2>\n";
    o += "<p>" + e(local_multiplier_caveat()) + "</p>\n";
    html_table t;
    t.headers = {
        "Local spend",           "Recipient", e("R1 (" + p.cur + ")"),         e("R2 (" + p.cur + ")"),
        e("R3 (" + p.cur + ")"), "LM3",       e("Local value (" + p.cur + ")")};
    t.numeric = {false, false, true, true, true, true, true};
    for (const local_multiplier_item& i : lm.items) {
        t.rows.push_back({e(i.description.empty() ? i.id : i.id + ": " + i.description),
                          i.local_recipient ? "local" : "out of area", money(i.round1), money(i.round2),
                          money(i.round3), number(i.lm3, 2), money(i.local_value)});
    }
    if (lm.lm3) {
        t.rows.push_back({"Total", "", money(lm.round1), money(lm.round2), money(lm.round3),
                          number(*lm.lm3, 2), money(lm.local_value)});
    }
    o += t.render() + "</section>\n";
}

void warnings_section(page& p) {
    std::string& o = p.out;
    o += "<section id=\"warnings\">\n<h2>Warnings</h2>\n";
    if (p.c.warnings.empty()) {
        o += "<p>No warnings: no single outcome dominates, no proxy is badly out of date, and no stakeholder "
             "is valued with both wellbeing and unit-cost proxies.</p>\n</section>\n";
        return;
    }
    o += "<ul class=\"warnings\">\n";
    for (const diagnostic& d : p.c.warnings)
        o += "<li>" + (d.path.empty() ? "" : "<code>" + e(d.path) + "</code>: ") + e(d.message) + "</li>\n";
    o += "</ul>\n</section>\n";
}

void principles_section(page& p) {
    const result& r = p.d.figures;
    std::size_t no_counterfactual = 0;
    std::size_t small = 0;
    std::size_t no_source = 0;
    for (std::size_t i = 0; i < p.m.outcomes.size() && i < r.outcomes.size(); ++i) {
        const outcome_result& res = r.outcomes[i];
        if (res.deadweight == 0 && res.attribution == 0) ++no_counterfactual;
        if (r.present_value != 0 && std::fabs(res.present_value / r.present_value) < 0.01) ++small;
        const outcome& oc = p.m.outcomes[i];
        const proxy* px = oc.proxy.ref.empty() ? nullptr : p.proxies.find(oc.proxy.ref);
        const std::string& source = px != nullptr ? px->provenance.source : oc.proxy.provenance.source;
        if (source.empty()) ++no_source;
    }
    std::string& o = p.out;
    o += "<section id=\"principles\">\n<h2>SROI principles: what the analyst should still check</h2>\n";
    o += "<p>The calculation cannot show whether these were done; tick them off before the report is "
         "used.</p>\n<ul class=\"checklist\">\n";
    o += "<li><strong>Involve stakeholders.</strong> Were the people who experience each outcome asked what "
         "changed for them, and did they help choose the indicators and values?</li>\n";
    o += "<li><strong>Understand what changes.</strong> Does the impact map include unintended and negative "
         "changes as well as the intended ones?</li>\n";
    o += fmt::format(
        "<li><strong>Value the things that matter.</strong> Are the financial proxies credible to "
        "the stakeholders? {}</li>\n",
        no_source > 0 ? fmt::format("{} outcomes use a proxy with no source.", no_source)
                      : "Every proxy has a source.");
    o += fmt::format(
        "<li><strong>Only include what is material.</strong> Is every outcome relevant and "
        "significant? {} outcomes carry under 1% of the present value.</li>\n",
        small);
    o += fmt::format(
        "<li><strong>Do not over-claim.</strong> Are deadweight, displacement, attribution and "
        "drop-off evidenced? {} outcomes have neither deadweight nor attribution.</li>\n",
        no_counterfactual);
    o += "<li><strong>Be transparent.</strong> Is every assumption and its source recorded (above), and are "
         "the sensitivity and the warnings reported with the ratio?</li>\n";
    o +=
        "<li><strong>Verify the result.</strong> Has someone independent checked the model and its evidence, "
        "and have stakeholders seen the result?</li>\n";
    o += "</ul>\n</section>\n";
}

}  // namespace

std::string report_html(const html_report_data& d, const report_context& c) {
    const model& m = c.m;
    page p{d, c, m, detail::currency_symbol(m.project.currency), {}};
    std::string& o = p.out;
    o.reserve(200000);
    o += "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
         "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, "
         "initial-scale=1\"/>\n";
    o += "<title>" + e("SROI report: " + m.project.name) + "</title>\n";
    o += "<style>" + std::string(css) + "</style>\n</head>\n<body>\n<header>\n";
    o += "<h1>" + e("SROI report: " + m.project.name) + "</h1>\n";
    o += fmt::format("<p class=\"meta\">{} SROI · {} · discounting: {}{}</p>\n",
                     m.project.type == study_type::forecast ? "Forecast" : "Evaluative",
                     m.project.price_year
                         ? e(fmt::format("{} prices, {}", *m.project.price_year, m.project.currency))
                         : e(m.project.currency + ", values as given"),
                     e(describe_discounting(m.discount)),
                     c.scenario.empty() ? std::string(" · base case") : " · scenario " + e(c.scenario));
    if (!m.project.description.empty()) o += "<p>" + e(m.project.description) + "</p>\n";
    o += "</header>\n<main>\n";
    summary_section(p);
    value_section(p);
    sensitivity_section(p);
    uncertainty_section(p);
    scenarios_section(p);
    impact_map_section(p);
    assumptions_section(p);
    local_multiplier_section(p);
    warnings_section(p);
    principles_section(p);
    o += "</main>\n<footer>\n";
    o += fmt::format(
        "<p>Written by sroi {}{}. Figures follow the sroi model format's calculation conventions "
        "(section 3). Charts have text alternatives: the tables beside them.</p>\n",
        e(version()),
        m.file.empty() ? std::string() : " from " + e(std::filesystem::path(m.file).filename().string()));
    o += "</footer>\n</body>\n</html>\n";
    return o;
}

}  // namespace sroi
