#include <sroi/analysis/sensitivity.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <sroi/model/distributions.hpp>

#include "engine/finite.hpp"
#include "engine/local_evaluation.hpp"
#include "model/id_lookup.hpp"
#include "model/machine.hpp"

namespace sroi {

const char* to_string(range_source s) noexcept {
    switch (s) {
        case range_source::explicit_range:
            return "explicit";
        case range_source::percentile:
            return "percentile";
        case range_source::variation:
            return "variation";
    }
    return "?";
}

// ---------------------------------------------------------------------------------------------
// Ranges

std::optional<double> distribution_quantile(const uncertain_number& n, double probability,
                                            parameter_domain domain) {
    if (n.dist == distribution::fixed || !(probability > 0.0 && probability < 1.0)) return std::nullopt;
    const parameter probe{{}, parameter_kind::outcome_quantity, 0, n, domain};
    try {
        const double q =
            marginal_distribution(n, probe.domain_low(), probe.domain_high()).quantile(probability);
        if (!std::isfinite(q)) return std::nullopt;
        return std::clamp(q, probe.domain_low(), probe.domain_high());
    } catch (const error&) {  // a specification that describes no distribution (unchecked model)
        return std::nullopt;
    }
}

parameter_range sensitivity_range(const parameter& p, double base, const sensitivity_options& options) {
    if (!std::isfinite(options.variation) || options.variation < 0.0) {
        throw make_error(errors::sensitivity_variation,
                         fmt::format("the variation must be a fraction >= 0, not {}", options.variation));
    }
    const uncertain_number& spec = p.spec;
    // A normal's low/high truncate it; the ends of uniform/triangular/PERT are their support,
    // which the spec's rule uses as the range unless percentiles are asked for.
    const bool explicit_ends =
        spec.dist == distribution::fixed ||
        (options.ranges == range_rule::explicit_first && spec.dist != distribution::normal);
    std::optional<double> low;
    std::optional<double> high;
    parameter_range r;
    if (explicit_ends) {
        low = spec.low;
        high = spec.high;
        r.low_source = r.high_source = range_source::explicit_range;
    }
    if (!low && spec.is_random()) {
        low = distribution_quantile(spec, options.low_percentile, p.domain);
        r.low_source = range_source::percentile;
    }
    if (!high && spec.is_random()) {
        high = distribution_quantile(spec, options.high_percentile, p.domain);
        r.high_source = range_source::percentile;
    }
    const double delta = options.variation * std::fabs(base);
    if (!low) {
        low = base - delta;
        r.low_source = range_source::variation;
    }
    if (!high) {
        high = base + delta;
        r.high_source = range_source::variation;
    }
    r.low = std::clamp(*low, p.domain_low(), p.domain_high());
    r.high = std::clamp(*high, p.domain_low(), p.domain_high());
    for (const auto& [end, name, sign] : {std::tuple{r.low, "low", '-'}, std::tuple{r.high, "high", '+'}}) {
        detail::require_finite(end,
                               fmt::format("{}: the {} end of its range (base {:.6g} {} variation {:.6g} "
                                           "x |base|)",
                                           p.path, name, base, sign, options.variation));
    }
    return r;
}

// ---------------------------------------------------------------------------------------------
// Switching values

namespace {

bool is_affine(parameter_kind k) noexcept {
    return k != parameter_kind::outcome_drop_off && k != parameter_kind::discount_rate;
}

std::string format_value(double v) {
    return fmt::format("{:.6g}", v);
}

// A sign change of f on a grid over [lo, hi], refined by bisection; roots are checked against the
// scale of the figures so that a discontinuity is never reported as a root.
template <class Npv, class Scale>
std::vector<double> bracketed_roots(const Npv& npv, const Scale& scale, double lo, double hi, double base,
                                    int intervals) {
    std::vector<double> grid;
    grid.reserve(static_cast<std::size_t>(intervals) + 2);
    for (int k = 0; k <= intervals; ++k)
        grid.push_back(lo + (hi - lo) * k / intervals);
    if (base > lo && base < hi) grid.push_back(base);
    std::sort(grid.begin(), grid.end());
    grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
    std::vector<double> f(grid.size());
    for (std::size_t k = 0; k < grid.size(); ++k)
        f[k] = npv(grid[k]);

    const auto verified = [&](double x) {
        const double value = npv(x);
        return std::isfinite(value) && std::fabs(value) <= 1e-9 * scale(x);
    };
    std::vector<double> roots;
    const auto add = [&](double x) {
        if (verified(x) && (roots.empty() || std::fabs(x - roots.back()) > 1e-9)) roots.push_back(x);
    };
    for (std::size_t k = 0; k < grid.size(); ++k) {
        if (f[k] == 0.0) {
            add(grid[k]);
            continue;
        }
        if (k + 1 == grid.size() || f[k + 1] == 0.0) continue;
        if (!std::isfinite(f[k]) || !std::isfinite(f[k + 1]) || (f[k] < 0.0) == (f[k + 1] < 0.0)) continue;
        double a = grid[k];
        double b = grid[k + 1];
        double fa = f[k];
        for (int iteration = 0; iteration < 200 && b - a > 1e-14; ++iteration) {
            const double m = 0.5 * (a + b);
            const double fm = npv(m);
            if (fm == 0.0) {
                a = b = m;
                break;
            }
            if ((fm < 0.0) == (fa < 0.0)) {
                a = m;
                fa = fm;
            } else {
                b = m;
            }
        }
        // The end with the smaller |NPV| is the better estimate of the root.
        const double fa_end = npv(a);
        const double fb_end = npv(b);
        add(std::fabs(fa_end) <= std::fabs(fb_end) ? a : b);
    }
    return roots;
}

// Switching value of parameter `p` (NPV = 0, the others at the base values of `local`).
switching_value switching_of(const detail::local_evaluation& local, std::size_t p) {
    const parameter& par = local.parameters()[p];
    const double base = local.base_value(p);
    const totals& base_totals = local.base();
    const double npv0 = base_totals.net_present_value;
    switching_value s;
    const auto finish = [&](double v) {
        s.value = v;
        if (base != 0.0) s.relative_change = (v - base) / std::fabs(base);
        return s;
    };
    const double lo = par.domain_low();
    const double hi = par.domain_high();

    if (is_affine(par.kind)) {
        s.method = switching_method::closed_form;
        // NPV(v) = NPV(base) + slope x (v - base), slope from this parameter's own items only.
        const double slope = local.own_net_value(p, 1.0) - local.own_net_value(p, 0.0);
        if (npv0 == 0.0) {
            s.roots = 1;
            return finish(base);
        }
        if (slope == 0.0 || !std::isfinite(slope)) {
            s.note = fmt::format("NPV does not change with this parameter (it stays {})",
                                 npv0 > 0 ? "positive" : "negative");
            return s;
        }
        double v = base - npv0 / slope;
        // Rounding may put a root on the domain's edge just outside it.
        if (v < lo && v >= lo - 1e-12 * std::max(1.0, std::fabs(lo))) v = lo;
        if (v > hi && v <= hi + 1e-12 * std::max(1.0, std::fabs(hi))) v = hi;
        if (!std::isfinite(v) || v < lo || v > hi) {
            s.note =
                fmt::format("NPV reaches 0 only at {}, outside {}", format_value(v), to_string(par.domain));
            return s;
        }
        const totals t = local.with(p, v);
        const double scale = std::fabs(t.present_value) + std::fabs(t.total_inputs) + std::fabs(npv0);
        if (!(std::fabs(t.net_present_value) <= 1e-9 * scale)) {
            s.note = "no value reaches NPV = 0 (the closed form did not verify)";
            return s;
        }
        s.roots = 1;
        return finish(v);
    }

    s.method = switching_method::root_search;
    std::vector<double> roots;
    if (par.kind == parameter_kind::outcome_drop_off) {
        const auto npv = [&](double d) { return local.drop_off_net_value(p, d); };
        const auto scale = [&](double d) {
            return std::fabs(base_totals.present_value) + std::fabs(base_totals.total_inputs) +
                   std::fabs(npv(d) - npv0);
        };
        roots = bracketed_roots(npv, scale, lo, hi, base, 64);
    } else {
        const auto npv = [&](double r) { return local.with(p, r).net_present_value; };
        const auto scale = [&](double r) {
            const totals t = local.with(p, r);
            return std::fabs(t.present_value) + std::fabs(t.total_inputs);
        };
        roots = bracketed_roots(npv, scale, lo, hi, base, 200);
    }
    s.roots = static_cast<int>(roots.size());
    if (roots.empty()) {
        s.note = fmt::format("NPV stays {} for every value in {}", npv0 >= 0 ? "positive" : "negative",
                             to_string(par.domain));
        return s;
    }
    const double nearest = *std::min_element(roots.begin(), roots.end(), [&](double a, double b) {
        return std::fabs(a - base) < std::fabs(b - base);
    });
    if (roots.size() > 1) {
        std::string all;
        for (const double r : roots)
            all += (all.empty() ? "" : ", ") + format_value(r);
        s.note =
            fmt::format("NPV = 0 at {} values ({}); the one nearest the base is shown", roots.size(), all);
    }
    return finish(nearest);
}

}  // namespace

switching_value find_switching_value(const evaluator& ev, std::size_t index,
                                     std::span<const double> base_values) {
    if (index >= ev.parameters().size()) {
        throw make_error(errors::parameter_unknown, fmt::format("no parameter at position {}", index));
    }
    return switching_of(detail::local_evaluation(ev, base_values), index);
}

switching_value find_switching_value(const evaluator& ev, std::string_view path) {
    return find_switching_value(ev, ev.parameters().index_of(path), ev.base_values());
}

// ---------------------------------------------------------------------------------------------
// One-way sensitivity

namespace {

sensitivity_end end_of(double value, const totals& t) {
    sensitivity_end e;
    e.value = value;
    e.present_value = t.present_value;
    e.total_inputs = t.total_inputs;
    e.net_present_value = t.net_present_value;
    if (t.total_inputs > 0.0 && std::isfinite(t.sroi_ratio)) e.sroi_ratio = t.sroi_ratio;
    return e;
}

}  // namespace

sensitivity_result one_way_sensitivity(const evaluator& ev, std::span<const double> base_values,
                                       const sensitivity_options& options) {
    const detail::local_evaluation local(ev, base_values);
    sensitivity_result out;
    out.options = options;
    out.base = local.base();
    if (!(out.base.total_inputs > 0.0)) {
        throw make_error(errors::evaluation_no_inputs, "total inputs are 0: the SROI ratio is undefined");
    }
    detail::require_finite(out.base, "the base case");
    const parameter_set& parameters = ev.parameters();
    out.parameters.reserve(parameters.size());
    for (std::size_t p = 0; p < parameters.size(); ++p) {
        const parameter& par = parameters[p];
        parameter_sensitivity ps;
        ps.path = par.path;
        ps.kind = par.kind;
        ps.base = base_values[p];
        ps.range = sensitivity_range(par, ps.base, options);
        for (auto [end, value, name] :
             {std::tuple{&ps.low, ps.range.low, "low"}, std::tuple{&ps.high, ps.range.high, "high"}}) {
            const totals t = local.with(p, value);
            detail::require_finite(t,
                                   fmt::format("{} at its {} end ({})", par.path, name, format_value(value)));
            *end = end_of(value, t);
        }
        if (ps.low.sroi_ratio && ps.high.sroi_ratio) {
            ps.swing = std::fabs(*ps.high.sroi_ratio - *ps.low.sroi_ratio);
            detail::require_finite(*ps.swing, par.path + ": the swing of the SROI ratio (high - low)");
        }
        ps.npv_swing = std::fabs(ps.high.net_present_value - ps.low.net_present_value);
        detail::require_finite(ps.npv_swing, par.path + ": the swing of the NPV (high - low)");
        for (const auto& [end, name] : {std::pair{&ps.low, "low"}, std::pair{&ps.high, "high"}}) {
            if (!end->sroi_ratio) {
                ps.notes.push_back(
                    fmt::format("total inputs reach 0 at the {} end ({}): the SROI ratio is undefined", name,
                                format_value(end->value)));
            }
        }
        if (ps.base == 0.0 && ps.range.low_source == range_source::variation &&
            ps.range.high_source == range_source::variation) {
            ps.notes.push_back("the base value is 0, so a relative variation gives no range; give low/high");
        }
        if (options.switching_values) {
            ps.switching = switching_of(local, p);
            if (ps.switching->relative_change) {
                detail::require_finite(*ps.switching->relative_change,
                                       par.path + ": the switching value's change from base");
            }
        }
        out.parameters.push_back(std::move(ps));
    }
    const auto swing_key = [](const parameter_sensitivity& ps) {
        return ps.swing.value_or(std::numeric_limits<double>::infinity());
    };
    std::sort(out.parameters.begin(), out.parameters.end(),
              [&](const parameter_sensitivity& a, const parameter_sensitivity& b) {
                  const double sa = swing_key(a);
                  const double sb = swing_key(b);
                  if (sa != sb) return sa > sb;
                  return a.path < b.path;
              });
    return out;
}

sensitivity_result one_way_sensitivity(const evaluator& ev, const sensitivity_options& options) {
    return one_way_sensitivity(ev, ev.base_values(), options);
}

// ---------------------------------------------------------------------------------------------
// Sweeps

namespace {

std::optional<double> parse_double(std::string_view text) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    double v = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(v)) {
        return std::nullopt;
    }
    return v;
}

double round_significant(double v) {
    if (v == 0.0 || !std::isfinite(v)) return v;
    return std::stod(fmt::format("{:.15g}", v));
}

// "PATH = VALUE, PATH = VALUE" of one point of a grid.
std::string sweep_point(const std::vector<std::string>& paths, const std::vector<double>& point) {
    std::string out;
    for (std::size_t a = 0; a < paths.size(); ++a)
        out += fmt::format("{}{} = {}", a == 0 ? "" : ", ", paths[a], format_value(point[a]));
    return out;
}

}  // namespace

sweep_axis parse_sweep_axis(std::string_view text) {
    const auto bad = [&](const std::string& why) {
        return make_error(errors::sweep_syntax,
                          fmt::format("--param '{}': {} (expected PATH=FROM:TO:STEP, e.g. "
                                      "outcomes.jobs.deadweight=0:0.5:0.05)",
                                      text, why));
    };
    const std::size_t eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0) throw bad("no PATH= before the range");
    sweep_axis axis;
    axis.path = std::string(text.substr(0, eq));
    std::string_view rest = text.substr(eq + 1);
    double* targets[] = {&axis.from, &axis.to, &axis.step};
    const char* names[] = {"FROM", "TO", "STEP"};
    for (int k = 0; k < 3; ++k) {
        const std::size_t colon = k < 2 ? rest.find(':') : rest.size();
        if (colon == std::string_view::npos) throw bad("the range needs three numbers separated by ':'");
        const auto v = parse_double(rest.substr(0, colon));
        if (!v) throw bad(fmt::format("{} '{}' is not a finite number", names[k], rest.substr(0, colon)));
        *targets[k] = *v;
        rest = colon < rest.size() ? rest.substr(colon + 1) : std::string_view{};
        if (k == 2 && colon != rest.size() && rest.find(':') != std::string_view::npos) {
            throw bad("too many ':'");
        }
    }
    return axis;
}

std::vector<double> sweep_values(const sweep_axis& axis, std::size_t max_points) {
    const auto bad = [&](const std::string& why) {
        return make_error(errors::sweep_range,
                          fmt::format("{}={}:{}:{}: {}", axis.path, format_value(axis.from),
                                      format_value(axis.to), format_value(axis.step), why));
    };
    if (!std::isfinite(axis.from) || !std::isfinite(axis.to) || !std::isfinite(axis.step)) {
        throw bad("every number must be finite");
    }
    if (axis.step == 0.0) throw bad("the step is 0");
    const double span = axis.to - axis.from;
    if (span != 0.0 && (span > 0.0) != (axis.step > 0.0)) {
        throw bad(fmt::format("the step goes {} but TO is {} FROM", axis.step > 0 ? "up" : "down",
                              span > 0 ? "above" : "below"));
    }
    // Steps that land within a whisker of TO count as reaching it (0.1 x 3 is 0.30000000000000004).
    const double exact = span / axis.step;
    if (!std::isfinite(exact) || exact + 1.0 > static_cast<double>(max_points)) {
        throw bad(fmt::format("too many points (the limit is {})", max_points));
    }
    const auto steps = static_cast<std::size_t>(std::floor(exact + 1e-9));
    std::vector<double> values;
    values.reserve(steps + 1);
    for (std::size_t k = 0; k <= steps; ++k) {
        const double v = k == steps && std::fabs(exact - static_cast<double>(steps)) <= 1e-9
                             ? axis.to
                             : axis.from + static_cast<double>(k) * axis.step;
        values.push_back(round_significant(v));
    }
    return values;
}

sweep_result sweep(const evaluator& ev, std::span<const double> base_values, std::span<const sweep_axis> axes,
                   std::size_t max_points, std::uint64_t memory_budget) {
    if (axes.empty()) throw make_error(errors::sweep_range, "a sweep needs at least one --param");
    // A row: its point (a vector of one value per axis), its figures, and its CSV line (up to 25
    // characters a number and a separator); the grid is refused before it is allocated when the
    // rows the memory budget holds are fewer than max_points.
    const double row_bytes = static_cast<double>(sizeof(std::vector<double>) + sizeof(totals)) +
                             static_cast<double>(axes.size()) * 8.0 +
                             static_cast<double>(axes.size() + 4) * 25.0;
    const auto budget = static_cast<double>(detail::memory_budget(memory_budget));
    const bool memory_bound = budget > 0.0 && budget / row_bytes < static_cast<double>(max_points);
    if (memory_bound) max_points = static_cast<std::size_t>(budget / row_bytes);
    const detail::local_evaluation local(ev, base_values);
    sweep_result out;
    std::vector<std::size_t> index;
    std::vector<std::vector<double>> grids;
    std::size_t rows = 1;
    for (const sweep_axis& axis : axes) {
        const std::size_t p = ev.parameters().index_of(axis.path);
        if (std::find(index.begin(), index.end(), p) != index.end()) {
            throw make_error(errors::sweep_range, fmt::format("{} is swept twice", axis.path));
        }
        const parameter& par = ev.parameters()[p];
        std::vector<double> values = sweep_values(axis, max_points);
        for (const double v : {values.front(), values.back()}) {
            if (!par.in_domain(v)) {
                throw make_error(errors::sweep_range, fmt::format("{}: {} is outside {}", axis.path,
                                                                  format_value(v), to_string(par.domain)));
            }
        }
        rows *= values.size();
        if (rows > max_points) {
            throw make_error(errors::sweep_range,
                             fmt::format("the grid has more than {} points{}", max_points,
                                         memory_bound ? " (what the memory budget holds)" : ""));
        }
        index.push_back(p);
        grids.push_back(std::move(values));
        out.paths.push_back(axis.path);
    }
    out.points.reserve(rows);
    out.figures.reserve(rows);
    std::vector<std::size_t> position(axes.size(), 0);
    std::vector<double> point(axes.size());
    for (std::size_t row = 0; row < rows; ++row) {
        for (std::size_t a = 0; a < axes.size(); ++a)
            point[a] = grids[a][position[a]];
        out.points.push_back(point);
        out.figures.push_back(local.with_all(index, point));
        detail::require_finite(out.figures.back(),
                               fmt::format("the sweep point {}", sweep_point(out.paths, point)));
        for (std::size_t a = axes.size(); a-- > 0;) {  // last axis innermost
            if (++position[a] < grids[a].size()) break;
            position[a] = 0;
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Warnings

std::vector<diagnostic> analysis_warnings(const evaluator& ev, const result& r) {
    const model& m = ev.model();
    std::vector<diagnostic> out;
    const auto warn = [&](const std::string& located_at, std::string path, std::string message) {
        out.push_back({severity::warning, m.locate(located_at), std::move(path), std::move(message)});
    };

    if (r.present_value > 0.0) {
        for (std::size_t o = 0; o < r.outcomes.size() && o < m.outcomes.size(); ++o) {
            const double share = r.outcomes[o].present_value / r.present_value;
            if (share > 0.5 && r.outcomes.size() > 1) {
                warn(fmt::format("outcomes[{}]", o), "outcomes." + m.outcomes[o].id,
                     fmt::format(
                         "contributes {:.0f}% of the present value: the result rests on this one outcome, "
                         "so test its assumptions (sroi sensitivity)",
                         share * 100.0));
            }
        }
    }

    const detail::id_lookup<proxy> proxies = detail::proxy_lookup(m);
    if (m.project.price_year) {
        const int project_year = *m.project.price_year;
        std::unordered_set<std::string> reported;
        for (std::size_t o = 0; o < m.outcomes.size(); ++o) {
            const outcome& oc = m.outcomes[o];
            std::optional<int> year = oc.proxy.price_year;
            std::string path = "outcomes." + oc.id + ".proxy";
            std::string at = fmt::format("outcomes[{}].proxy", o);
            std::string label = "its proxy";
            if (!oc.proxy.ref.empty()) {
                const proxy* named = proxies.find(oc.proxy.ref);
                if (named == nullptr || !reported.insert(oc.proxy.ref).second) continue;
                year = named->price_year;
                path = "proxies." + oc.proxy.ref;
                label = fmt::format("proxy '{}'", oc.proxy.ref);
            }
            if (year && project_year - *year > 10) {
                warn(at, path,
                     fmt::format("{} is in {} prices, {} years older than the project's {} prices: re-basing "
                                 "with a price index does not bring what was valued up to date; look for a "
                                 "more recent source",
                                 label, *year, project_year - *year, project_year));
            }
        }
    }

    // Each stakeholder's outcomes valued with wellbeing and with unit-cost proxies, in model order.
    const detail::id_lookup<stakeholder> stakeholders = detail::stakeholder_lookup(m);
    std::unordered_map<std::size_t, std::pair<std::vector<std::string>, std::vector<std::string>>> methods;
    for (const outcome& oc : m.outcomes) {
        const std::optional<std::size_t> s = stakeholders.position(oc.stakeholder);
        if (!s) continue;
        std::string method = oc.proxy.provenance.method;
        if (!oc.proxy.ref.empty()) {
            if (const proxy* named = proxies.find(oc.proxy.ref)) method = named->provenance.method;
        }
        if (method == "wellbeing" || (method.empty() && oc.type == value_type::wellbeing)) {
            methods[*s].first.push_back(oc.id);
        } else if (method == "unit-cost") {
            methods[*s].second.push_back(oc.id);
        }
    }
    for (std::size_t s = 0; s < m.stakeholders.size(); ++s) {
        const auto found = methods.find(s);
        if (found == methods.end()) continue;
        const auto& [wellbeing, unit_cost] = found->second;
        if (!wellbeing.empty() && !unit_cost.empty()) {
            warn(
                fmt::format("stakeholders[{}]", s), "stakeholders." + m.stakeholders[s].id,
                fmt::format("valued with both wellbeing proxies ({}) and unit-cost proxies ({}): a wellbeing "
                            "value may already include what the unit costs count (double counting); check "
                            "that they value different changes",
                            fmt::join(wellbeing, ", "), fmt::join(unit_cost, ", ")));
        }
    }
    return out;
}

}  // namespace sroi
