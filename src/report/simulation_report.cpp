// Reports of Monte Carlo simulations and Sobol indices: text, Markdown, JSON and CSV.
#include <sroi/report/simulation_report.hpp>
#include <sroi/report/sobol_report.hpp>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/analysis_report.hpp"
#include "report/format_dispatch.hpp"
#include "report/table.hpp"

namespace sroi {

namespace {

using nlohmann::ordered_json;

// A finite number, or null (never NaN or inf in JSON).
ordered_json number_or_null(double v) {
    return std::isfinite(v) ? ordered_json(v) : ordered_json(nullptr);
}

ordered_json statistics_json(const summary_statistics& s, bool percentiles) {
    ordered_json j = ordered_json::object();
    const bool any = s.count > 0;
    auto put = [&](const char* key, double v) { j[key] = any ? number_or_null(v) : ordered_json(nullptr); };
    put("mean", s.mean);
    put("sd", s.sd);
    put("min", s.min);
    if (percentiles) {
        put("p5", s.p5);
        put("p25", s.p25);
        put("p50", s.p50);
        put("p75", s.p75);
        put("p95", s.p95);
    }
    put("max", s.max);
    j["count"] = s.count;
    return j;
}

std::string ratio_text(double v) {
    return std::isfinite(v) ? detail::number(v, 2) : std::string("-");
}
std::string money_text(double v) {
    return std::isfinite(v) ? detail::money(v) : std::string("-");
}

detail::table statistics_table(const simulation_result& r, const std::string& currency) {
    detail::table t;
    t.headers = {"statistic", "SROI ratio", "NPV (" + currency + ")", "present value (" + currency + ")"};
    t.right_aligned = {false, true, true, true};
    const summary_statistics& a = r.sroi_ratio;
    const summary_statistics& b = r.net_present_value;
    const summary_statistics& c = r.present_value;
    const std::pair<const char*, double summary_statistics::*> rows[] = {
        {"mean", &summary_statistics::mean}, {"sd", &summary_statistics::sd},
        {"min", &summary_statistics::min},   {"5%", &summary_statistics::p5},
        {"25%", &summary_statistics::p25},   {"median", &summary_statistics::p50},
        {"75%", &summary_statistics::p75},   {"95%", &summary_statistics::p95},
        {"max", &summary_statistics::max},
    };
    for (const auto& [name, field] : rows) {
        t.rows.push_back({name, a.count > 0 ? ratio_text(a.*field) : "-",
                          b.count > 0 ? money_text(b.*field) : "-",
                          c.count > 0 ? money_text(c.*field) : "-"});
    }
    return t;
}

std::string histogram_text(const histogram& h) {
    if (h.counts.empty()) return "";
    const std::size_t peak = *std::max_element(h.counts.begin(), h.counts.end());
    const double width = (h.high - h.low) / static_cast<double>(h.counts.size());
    std::string out;
    for (std::size_t b = 0; b < h.counts.size(); ++b) {
        const double left = h.low + width * static_cast<double>(b);
        const std::size_t bar = peak == 0 ? 0 : (h.counts[b] * 40 + peak / 2) / peak;
        out += fmt::format("  {:>8.3f} - {:<8.3f} |{:<40}| {}\n", left, left + width, std::string(bar, '#'),
                           h.counts[b]);
    }
    return out;
}

std::vector<std::string> notes(const simulation_result& r) {
    std::vector<std::string> out;
    if (r.sroi_ratio.percentile_resolution > 0.0) {
        out.push_back(fmt::format(
            "Percentiles come from a histogram: each is within {:.3g} (ratio), {:.3g} (NPV) and {:.3g} "
            "(present value) of the exact order statistic.",
            r.sroi_ratio.percentile_resolution, r.net_present_value.percentile_resolution,
            r.present_value.percentile_resolution));
    }
    if (r.zero_input_draws > 0) {
        out.push_back(fmt::format(
            "{} draws had total inputs of 0 or less: their SROI ratio is undefined and left out of "
            "the ratio's statistics.",
            r.zero_input_draws));
    }
    if (r.invalid_draws > 0) {
        out.push_back(
            fmt::format("{} draws overflowed and are left out of every statistic.", r.invalid_draws));
    }
    if (r.correlated) out.push_back("Correlated parameters are drawn through a Gaussian copula.");
    return out;
}

// The warning of every format when nothing is drawn: the figures are then the base case repeated.
std::string nothing_drawn_warning(range_draw ranges) {
    return ranges == range_draw::fixed
               ? "no parameter is drawn: none has a distribution and ranges are held fixed (--ranges fixed), "
                 "so "
                 "every draw is the base case and the spread and probabilities say nothing"
               : "no parameter is drawn: none has a distribution or a range, so every draw is the base case "
                 "and "
                 "the spread and probabilities say nothing";
}

std::string simulation_text(const simulation_result& r, const evaluator& ev, const std::string& scenario,
                            bool markdown) {
    const model& m = ev.model();
    std::string out;
    const std::string title = fmt::format("Monte Carlo simulation: {}", m.project.name);
    if (markdown) {
        out += "# " + title + "\n\n";
    } else {
        out += title + "\n" + std::string(detail::display_width(title), '=') + "\n\n";
    }
    out += fmt::format("{} draws of {}, seed {}{}\n", r.draws,
                       detail::drawn_text(r.sampled.size(), r.drawn_from_ranges, r.ranges), r.seed,
                       scenario.empty() ? "" : ", scenario " + scenario);
    if (r.sampled.empty())
        out += (markdown ? "\n**Warning**: " : "Warning: ") + nothing_drawn_warning(r.ranges) + "\n";
    out += fmt::format("Generator: {}\n\n", r.generator);
    const detail::table t = statistics_table(r, m.project.currency);
    out += markdown ? t.to_markdown() : t.to_text();
    out += "\n";
    out += fmt::format("P(SROI ratio > 1) = {:.4f}\n", r.probability_ratio_above_1);
    out += fmt::format("P(NPV > 0)        = {:.4f}\n", r.probability_npv_positive);
    out += fmt::format("Total inputs: mean {}, sd {}\n\n", money_text(r.total_inputs.mean),
                       money_text(r.total_inputs.sd));
    if (!r.ratio_histogram.counts.empty()) {
        out += markdown ? "## Distribution of the SROI ratio\n\n```\n" : "Distribution of the SROI ratio\n";
        out += histogram_text(r.ratio_histogram);
        out += markdown ? "```\n\n" : "\n";
    }
    for (const std::string& n : notes(r))
        out += (markdown ? "- " : "Note: ") + n + "\n";
    return out;
}

std::string simulation_json(const simulation_result& r, const evaluator& ev, const std::string& scenario) {
    ordered_json j;
    j["draws"] = r.draws;
    j["seed"] = r.seed;
    j["sroi_ratio"] = statistics_json(r.sroi_ratio, true);
    j["net_present_value"] = statistics_json(r.net_present_value, true);
    j["probability_ratio_above_1"] = r.probability_ratio_above_1;
    j["probability_npv_positive"] = r.probability_npv_positive;
    j["present_value"] = statistics_json(r.present_value, true);
    j["total_inputs"] = statistics_json(r.total_inputs, false);
    j["generator"] = r.generator;
    j["scenario"] = scenario.empty() ? ordered_json(nullptr) : ordered_json(scenario);
    j["zero_input_draws"] = r.zero_input_draws;
    j["invalid_draws"] = r.invalid_draws;
    j["percentile_resolution"] = {{"sroi_ratio", r.sroi_ratio.percentile_resolution},
                                  {"net_present_value", r.net_present_value.percentile_resolution},
                                  {"present_value", r.present_value.percentile_resolution}};
    j["correlated"] = r.correlated;
    j["parameters_drawn"] = r.sampled.size();
    j["drawn_from_ranges"] = r.drawn_from_ranges;
    j["range_shape"] = to_string(r.ranges);
    j["warnings"] =
        r.sampled.empty() ? ordered_json::array({nothing_drawn_warning(r.ranges)}) : ordered_json::array();
    ordered_json paths = ordered_json::array();
    for (std::size_t p : r.sampled)
        paths.push_back(ev.parameters()[p].path);
    j["sampled_parameters"] = paths;
    auto hist = [](const histogram& h) {
        return ordered_json{
            {"low", number_or_null(h.low)}, {"high", number_or_null(h.high)}, {"counts", h.counts}};
    };
    j["histograms"] = {{"sroi_ratio", hist(r.ratio_histogram)}, {"net_present_value", hist(r.npv_histogram)}};
    return j.dump(2) + "\n";
}

std::string simulation_csv(const simulation_result& r) {
    std::string out = detail::csv_line({"figure", "statistic", "value"});
    auto put = [&](const char* figure, const summary_statistics& s, bool percentiles) {
        const std::pair<const char*, double> rows[] = {{"mean", s.mean}, {"sd", s.sd},   {"min", s.min},
                                                       {"p5", s.p5},     {"p25", s.p25}, {"p50", s.p50},
                                                       {"p75", s.p75},   {"p95", s.p95}, {"max", s.max}};
        for (const auto& [name, v] : rows) {
            const bool percentile = name[0] == 'p';
            if (percentile && !percentiles) continue;
            out += detail::csv_line({figure, name, s.count > 0 ? detail::csv_number(v) : "NA"});
        }
        out += detail::csv_line({figure, "count", std::to_string(s.count)});
    };
    put("sroi_ratio", r.sroi_ratio, true);
    put("net_present_value", r.net_present_value, true);
    put("present_value", r.present_value, true);
    put("total_inputs", r.total_inputs, false);
    out += detail::csv_line(
        {"sroi_ratio", "probability_above_1", detail::csv_number(r.probability_ratio_above_1)});
    out += detail::csv_line(
        {"net_present_value", "probability_positive", detail::csv_number(r.probability_npv_positive)});
    out += detail::csv_line({"draws", "count", std::to_string(r.draws)});
    out += detail::csv_line({"draws", "seed", std::to_string(r.seed)});
    out += detail::csv_line({"draws", "zero_inputs", std::to_string(r.zero_input_draws)});
    out += detail::csv_line({"parameters", "drawn", std::to_string(r.sampled.size())});
    out += detail::csv_line({"parameters", "drawn_from_ranges", std::to_string(r.drawn_from_ranges)});
    out += detail::csv_line({"parameters", "range_shape", to_string(r.ranges)});
    if (r.sampled.empty())
        out += detail::csv_line({"warning", "nothing_drawn", nothing_drawn_warning(r.ranges)});
    return out;
}

const char* correlation_note =
    "The model has correlations; Sobol indices assume independent inputs, so the correlations are ignored "
    "here.";

}  // namespace

std::string render_simulation(const simulation_result& r, const evaluator& ev, report_format format,
                              const std::string& scenario) {
    return detail::render_in(format,
                             {.text = [&] { return simulation_text(r, ev, scenario, false); },
                              .markdown = [&] { return simulation_text(r, ev, scenario, true); },
                              .json = [&] { return simulation_json(r, ev, scenario); },
                              .csv = [&] { return simulation_csv(r); }},
                             "simulate cannot write {} output");
}

std::string simulation_samples_header(const evaluator& ev, const std::vector<std::size_t>& sampled) {
    std::vector<std::string> fields{"draw", "sroi_ratio", "net_present_value", "present_value",
                                    "total_inputs"};
    for (std::size_t p : sampled)
        fields.push_back(ev.parameters()[p].path);
    return detail::csv_line(fields);
}

std::string simulation_samples_rows(const simulation_block& block, std::size_t sampled_count) {
    std::string out;
    std::vector<std::string> fields;
    for (std::size_t d = 0; d < block.size; ++d) {
        fields.clear();
        fields.push_back(std::to_string(block.first_draw + d));
        fields.push_back(std::isfinite(block.sroi_ratio[d]) ? detail::csv_number(block.sroi_ratio[d]) : "NA");
        fields.push_back(detail::csv_number(block.net_present_value[d]));
        fields.push_back(detail::csv_number(block.present_value[d]));
        fields.push_back(detail::csv_number(block.total_inputs[d]));
        for (std::size_t k = 0; k < sampled_count; ++k)
            fields.push_back(detail::csv_number(block.values[k * block.size + d]));
        out += detail::csv_line(fields);
    }
    return out;
}

const char* to_string(sobol_grouping g) noexcept {
    switch (g) {
        case sobol_grouping::parameter:
            return "parameter";
        case sobol_grouping::outcome:
            return "outcome";
        case sobol_grouping::stakeholder:
            return "stakeholder";
        case sobol_grouping::theme:
            return "theme";
    }
    return "?";
}

std::string render_sobol(const sobol_result& r, const evaluator& ev, report_format format) {
    std::vector<const sobol_index*> order;
    for (const sobol_index& i : r.indices)
        order.push_back(&i);
    std::stable_sort(order.begin(), order.end(), [](const sobol_index* a, const sobol_index* b) {
        return a->total_order > b->total_order;
    });
    const bool intervals = r.bootstrap > 0;
    // Neighbours in the ranking whose total-order intervals overlap: their order is not settled.
    std::vector<std::pair<const sobol_index*, const sobol_index*>> unsettled;
    if (intervals) {
        for (std::size_t k = 0; k + 1 < order.size(); ++k) {
            const sobol_index& a = *order[k];
            const sobol_index& b = *order[k + 1];
            if (a.total_order_low && b.total_order_high && *a.total_order_low <= *b.total_order_high)
                unsettled.emplace_back(&a, &b);
        }
    }
    const auto unsettled_text = [](const sobol_index& a, const sobol_index& b) {
        return fmt::format("the order of {} and {} is not settled: their total-order intervals overlap",
                           a.path, b.path);
    };
    if (format == report_format::json) {
        ordered_json j;
        j["samples"] = r.samples;
        j["seed"] = r.seed;
        ordered_json list = ordered_json::array();
        for (const sobol_index* i : order) {
            ordered_json e{{"path", i->path},
                           {"first_order", number_or_null(i->first_order)},
                           {"total_order", number_or_null(i->total_order)},
                           {"npv_first_order", number_or_null(i->npv_first_order)},
                           {"npv_total_order", number_or_null(i->npv_total_order)}};
            if (intervals) {
                e["first_order_interval"] = {number_or_null(*i->first_order_low),
                                             number_or_null(*i->first_order_high)};
                e["total_order_interval"] = {number_or_null(*i->total_order_low),
                                             number_or_null(*i->total_order_high)};
                e["first_order_ci"] = e["first_order_interval"];
                e["total_order_ci"] = e["total_order_interval"];
            }
            if (r.group_by != sobol_grouping::parameter) e["parameters"] = i->parameters;
            list.push_back(std::move(e));
        }
        j["parameters"] = std::move(list);
        j["group_by"] = to_string(r.group_by);
        j["generator"] = r.generator;
        j["output"] = "sroi_ratio";
        j["ratio_variance"] = number_or_null(r.ratio_variance);
        j["npv_variance"] = number_or_null(r.npv_variance);
        j["evaluations"] = r.evaluations;
        j["excluded_samples"] = r.excluded_samples;
        if (intervals) {
            j["bootstrap"] = r.bootstrap;
            j["confidence"] = r.confidence;
        }
        j["parameters_drawn"] = r.parameters_drawn;
        j["drawn_from_ranges"] = r.drawn_from_ranges;
        j["range_shape"] = to_string(r.ranges);
        ordered_json order_notes = ordered_json::array();
        for (const auto& [a, b] : unsettled)
            order_notes.push_back(unsettled_text(*a, *b));
        j["order_not_settled"] = std::move(order_notes);
        j["correlations_ignored"] = r.correlations_ignored;
        if (r.correlations_ignored) j["note"] = correlation_note;
        return j.dump(2) + "\n";
    }
    detail::table t;
    t.headers = {r.group_by == sobol_grouping::parameter ? "parameter" : "group", "first order",
                 "total order"};
    t.right_aligned = {false, true, true};
    if (intervals) {
        t.headers.insert(t.headers.end(), {"first order interval", "total order interval"});
        t.right_aligned.insert(t.right_aligned.end(), {true, true});
    }
    auto fixed = [](double v) { return std::isfinite(v) ? fmt::format("{:.3f}", v) : std::string("-"); };
    for (const sobol_index* i : order) {
        std::vector<std::string> row{i->path, fixed(i->first_order), fixed(i->total_order)};
        if (intervals) {
            row.push_back(fmt::format("{} - {}", fixed(*i->first_order_low), fixed(*i->first_order_high)));
            row.push_back(fmt::format("{} - {}", fixed(*i->total_order_low), fixed(*i->total_order_high)));
        }
        t.rows.push_back(std::move(row));
    }
    if (format == report_format::csv) {
        std::string out =
            detail::csv_line({"path", "first_order", "total_order", "npv_first_order", "npv_total_order",
                              "first_order_low", "first_order_high", "total_order_low", "total_order_high"});
        for (const sobol_index* i : order) {
            auto opt = [](const std::optional<double>& v) {
                return v ? detail::csv_number(*v) : std::string("NA");
            };
            out += detail::csv_line(
                {i->path, detail::csv_number(i->first_order), detail::csv_number(i->total_order),
                 detail::csv_number(i->npv_first_order), detail::csv_number(i->npv_total_order),
                 opt(i->first_order_low), opt(i->first_order_high), opt(i->total_order_low),
                 opt(i->total_order_high)});
        }
        return out;
    }
    if (format != report_format::text && format != report_format::markdown) {
        throw make_error(errors::report_unsupported,
                         fmt::format("sobol cannot write {} output", to_string(format)));
    }
    const bool markdown = format == report_format::markdown;
    const std::string title = fmt::format("Sobol indices of the SROI ratio: {}", ev.model().project.name);
    std::string out = markdown ? "# " + title + "\n\n"
                               : title + "\n" + std::string(detail::display_width(title), '=') + "\n\n";
    out += fmt::format("{} base samples ({} outcome evaluations) of {}, seed {}, grouped by {}\n", r.samples,
                       r.evaluations, detail::drawn_text(r.parameters_drawn, r.drawn_from_ranges, r.ranges),
                       r.seed, to_string(r.group_by));
    out += intervals ? fmt::format("Intervals: {:.0f} % bootstrap intervals from {} resamples\n\n",
                                   100.0 * r.confidence, r.bootstrap)
                     : std::string("\n");
    out += markdown ? t.to_markdown() : t.to_text();
    out +=
        "\nFirst order: share of the ratio's variance due to the parameter alone; total order: including its "
        "interactions.\n";
    if (r.correlations_ignored) out += std::string(markdown ? "\n> " : "\nNote: ") + correlation_note + "\n";
    if (r.excluded_samples > 0) {
        out += fmt::format("{} samples with total inputs of 0 were left out of the ratio's indices.\n",
                           r.excluded_samples);
    }
    for (const auto& [a, b] : unsettled)
        out += std::string(markdown ? "\n> " : "Note: ") + unsettled_text(*a, *b) + ".\n";
    if (intervals) {
        for (const sobol_index* i : order) {
            if (std::isfinite(i->first_order) && std::isfinite(i->total_order) &&
                i->first_order > i->total_order)
                out += fmt::format(
                    "{}{}: the first-order index is above the total-order one, which cannot be "
                    "exactly: the difference is sampling error (see the intervals).\n",
                    markdown ? "\n> " : "Note: ", i->path);
        }
    }
    return out;
}

}  // namespace sroi
