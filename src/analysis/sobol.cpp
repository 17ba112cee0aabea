#include <sroi/analysis/sobol.hpp>
#include <sroi/model/error.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include <fmt/format.h>

#include "engine/finite.hpp"
#include "engine/simulation_engine.hpp"
#include "model/machine.hpp"
#include "model/parallel.hpp"

namespace sroi {

namespace {

using detail::granule;

struct group {
    std::string path;
    std::vector<std::size_t> parameters;  // sampled parameter positions
    std::vector<std::size_t> outcomes;    // outcomes whose value changes
    bool inputs = false;                  // inputs change
    bool rate = false;                    // the discount rate is in the group
};

struct estimates {
    double v = 0, v_npv = 0;
    std::vector<double> s1, st, s1_npv, st_npv;
};

// Saltelli 2010 / Jansen estimators over the samples listed in `rows` (all when empty).
estimates estimate(std::size_t n_groups, std::size_t n, const std::vector<double>& fa,
                   const std::vector<double>& fb, const std::vector<double>& fab,
                   const std::vector<double>& na, const std::vector<double>& nb,
                   const std::vector<double>& nab, const std::vector<bool>& ok,
                   const std::vector<std::size_t>& rows) {
    estimates e;
    const std::size_t m = rows.empty() ? n : rows.size();
    auto row = [&](std::size_t i) { return rows.empty() ? i : rows[i]; };
    auto variance = [&](const std::vector<double>& a, const std::vector<double>& b, bool use_ok,
                        std::size_t& count, double& mean) {
        double sum = 0;
        count = 0;
        for (std::size_t i = 0; i < m; ++i) {
            const std::size_t r = row(i);
            if (use_ok && !ok[r]) continue;
            sum += a[r] + b[r];
            count += 2;
        }
        if (count < 2) return 0.0;
        mean = sum / static_cast<double>(count);
        double squares = 0;
        for (std::size_t i = 0; i < m; ++i) {
            const std::size_t r = row(i);
            if (use_ok && !ok[r]) continue;
            squares += (a[r] - mean) * (a[r] - mean) + (b[r] - mean) * (b[r] - mean);
        }
        return squares / static_cast<double>(count);
    };
    std::size_t count = 0, count_npv = 0;
    double mean = 0, mean_npv = 0;
    e.v = variance(fa, fb, true, count, mean);
    e.v_npv = variance(na, nb, false, count_npv, mean_npv);
    const auto ratio_pairs = count / 2;  // whole pairs of estimates
    const auto npv_pairs = count_npv / 2;
    const double ratio_samples = static_cast<double>(ratio_pairs);
    const double npv_samples = static_cast<double>(npv_pairs);
    for (std::size_t g = 0; g < n_groups; ++g) {
        const double* ab = &fab[g * n];
        const double* nab_g = &nab[g * n];
        double s1 = 0, st = 0, s1n = 0, stn = 0;
        for (std::size_t i = 0; i < m; ++i) {
            const std::size_t r = row(i);
            s1n += (nb[r] - mean_npv) * (nab_g[r] - na[r]);
            stn += (na[r] - nab_g[r]) * (na[r] - nab_g[r]);
            if (!ok[r]) continue;
            s1 += (fb[r] - mean) * (ab[r] - fa[r]);
            st += (fa[r] - ab[r]) * (fa[r] - ab[r]);
        }
        e.s1.push_back(e.v > 0 ? s1 / ratio_samples / e.v : 0.0);
        e.st.push_back(e.v > 0 ? st / ratio_samples / (2.0 * e.v) : 0.0);
        e.s1_npv.push_back(e.v_npv > 0 ? s1n / npv_samples / e.v_npv : 0.0);
        e.st_npv.push_back(e.v_npv > 0 ? stn / npv_samples / (2.0 * e.v_npv) : 0.0);
    }
    return e;
}

// The groups, and each sampled parameter's group in `group_of` (one entry per parameter, not one
// flag per group and parameter, which grows with their product).
std::vector<group> make_groups(const evaluator& ev, const detail::block_model& bm, sobol_grouping by,
                               std::vector<std::size_t>& group_of) {
    const parameter_set& ps = ev.parameters();
    const model& m = ev.model();
    std::vector<group> groups;
    std::map<std::string, std::size_t> by_key;
    for (std::size_t p : bm.random) {
        const parameter& par = ps[p];
        std::string key = par.path;
        const bool outcome_owned =
            par.kind != parameter_kind::named_proxy && par.kind != parameter_kind::discount_rate &&
            par.kind != parameter_kind::input_amount && par.kind != parameter_kind::input_quantity &&
            par.kind != parameter_kind::input_unit_cost;
        const bool input_owned = par.kind == parameter_kind::input_amount ||
                                 par.kind == parameter_kind::input_quantity ||
                                 par.kind == parameter_kind::input_unit_cost;
        if (by == sobol_grouping::outcome && outcome_owned) key = "outcomes." + m.outcomes[par.owner].id;
        if (by == sobol_grouping::stakeholder && outcome_owned)
            key = "stakeholders." + m.outcomes[par.owner].stakeholder;
        if (by == sobol_grouping::stakeholder && input_owned)
            key = "stakeholders." + m.inputs[par.owner].stakeholder;
        if (by == sobol_grouping::theme && outcome_owned) {
            const std::string& theme = m.outcomes[par.owner].theme;
            key = "themes." + (theme.empty() ? std::string("(none)") : theme);
        }
        auto [it, added] = by_key.emplace(key, groups.size());
        if (added) {
            groups.push_back({key, {}, {}, false, false});
        }
        group& g = groups[it->second];
        g.parameters.push_back(p);
        group_of[p] = it->second;
        for (std::size_t o : detail::internals(ev).outcomes_using(p))
            g.outcomes.push_back(o);
        if (!detail::internals(ev).inputs_using(p).empty()) g.inputs = true;
        if (detail::internals(ev).discount_rate_parameter() == p) g.rate = true;
    }
    for (group& g : groups) {
        std::sort(g.outcomes.begin(), g.outcomes.end());
        g.outcomes.erase(std::unique(g.outcomes.begin(), g.outcomes.end()), g.outcomes.end());
    }
    return groups;
}

}  // namespace

std::optional<sobol_grouping> parse_sobol_grouping(const std::string& name) {
    if (name == "parameter") return sobol_grouping::parameter;
    if (name == "outcome") return sobol_grouping::outcome;
    if (name == "stakeholder") return sobol_grouping::stakeholder;
    if (name == "theme") return sobol_grouping::theme;
    return std::nullopt;
}

sobol_result sobol_indices(const evaluator& ev, const sobol_options& options) {
    if (options.samples < 2) throw make_error(errors::sobol_options, "at least 2 samples are needed");
    const detail::block_model bm(ev, apply_overrides(ev.parameters(), options.fixed, "sobol_options::fixed"),
                                 overridden(ev.parameters(), options.fixed), false, options.threads,
                                 options.ranges);
    if (bm.random.empty()) {
        throw make_error(errors::sobol_options,
                         options.ranges == range_draw::fixed
                             ? "the model has no parameter with a distribution (ranges are held fixed)"
                             : "the model has no parameter with a distribution or a range");
    }
    std::vector<std::size_t> group_of(ev.parameters().size(), std::numeric_limits<std::size_t>::max());
    const std::vector<group> groups = make_groups(ev, bm, options.group_by, group_of);

    const std::size_t n = options.samples;
    const std::size_t n_groups = groups.size();
    const std::size_t n_outcomes = detail::internals(ev).outcomes().size();
    const std::size_t granules = (n + granule - 1) / granule;
    const unsigned threads = detail::thread_count(options.threads, granules);
    {
        // Per sample: f and NPV of A, B and each group's AB (8 bytes each), a flag, and a bootstrap
        // row; per worker: both matrices' values of a granule and each outcome's own PVs.
        const auto per_sample =
            static_cast<double>(4 + 2 * n_groups + (options.bootstrap > 0 ? 1 : 0)) * 8.0 + 1.0;
        const auto per_worker =
            static_cast<double>(2 * bm.random.size() + n_outcomes + 12) * static_cast<double>(granule) * 8.0;
        detail::require_memory(
            static_cast<double>(n) * per_sample + static_cast<double>(threads) * per_worker,
            options.memory_budget, errors::sobol_too_large,
            fmt::format("{} samples of {} groups of parameters ({} outcomes, {} threads)", n, n_groups,
                        n_outcomes, threads),
            "ask for fewer samples (--samples) or group the parameters (--group-by)");
    }
    std::vector<double> fa(n), fb(n), fab(n_groups * n), na(n), nb(n), nab(n_groups * n);
    std::vector<bool> ok_flags(n, true);
    std::vector<char> ok(n, 1);
    const std::optional<std::size_t> rate = detail::internals(ev).discount_rate_parameter();
    // Per worker: its scratch, made on first use by the worker.
    struct worker_scratch {
        explicit worker_scratch(const detail::block_model& m, std::size_t n_outcomes)
            : sa(m), sb(m), pva(n_outcomes * granule) {}
        detail::block_scratch sa, sb;
        std::vector<double> pva, tmp = std::vector<double>(granule), pv = std::vector<double>(granule),
                                 in = std::vector<double>(granule);
        std::vector<double> pv_a = std::vector<double>(granule), pv_b = std::vector<double>(granule),
                            in_a = std::vector<double>(granule), in_b = std::vector<double>(granule);
        std::size_t evaluations = 0;
    };
    std::vector<std::optional<worker_scratch>> scratch(threads);

    detail::parallel_for(granules, threads, [&](std::size_t g, unsigned t) {
        if (!scratch[t]) scratch[t].emplace(bm, n_outcomes);
        worker_scratch& w = *scratch[t];
        detail::block_scratch& sa = w.sa;
        detail::block_scratch& sb = w.sb;
        std::vector<double>&pva = w.pva, &tmp = w.tmp, &pv = w.pv, &in = w.in;
        std::vector<double>&pv_a = w.pv_a, &pv_b = w.pv_b, &in_a = w.in_a, &in_b = w.in_b;
        const std::size_t first = g * granule;
        const std::size_t count = std::min(granule, n - first);
        detail::sample_granule(bm, first, 1, options.seed, sa, true);
        detail::sample_granule(bm, first, 2, options.seed, sb, true);
        if (bm.random_rate) {
            detail::granule_factors(bm, sa.values[*rate], count, sa);
            detail::granule_factors(bm, sb.values[*rate], count, sb);
        }
        auto of_a = [&](std::size_t p) -> const double* {
            return bm.is_random[p] ? sa.values[p].data() : nullptr;
        };
        auto of_b = [&](std::size_t p) -> const double* {
            return bm.is_random[p] ? sb.values[p].data() : nullptr;
        };
        std::fill(pv_a.begin(), pv_a.end(), 0.0);
        std::fill(pv_b.begin(), pv_b.end(), 0.0);
        for (std::size_t o = 0; o < n_outcomes; ++o) {
            double* own = &pva[o * granule];
            detail::outcome_present_values(bm, o, count, of_a, sa, own);
            detail::outcome_present_values(bm, o, count, of_b, sb, tmp.data());
            for (std::size_t d = 0; d < count; ++d) {
                pv_a[d] += own[d];
                pv_b[d] += tmp[d];
            }
        }
        w.evaluations += 2 * n_outcomes * count;
        detail::input_present_values(bm, count, of_a, sa, in_a.data());
        detail::input_present_values(bm, count, of_b, sb, in_b.data());
        for (std::size_t d = 0; d < count; ++d) {
            fa[first + d] = pv_a[d] / in_a[d];
            fb[first + d] = pv_b[d] / in_b[d];
            na[first + d] = pv_a[d] - in_a[d];
            nb[first + d] = pv_b[d] - in_b[d];
            if (!(in_a[d] > 0.0 && in_b[d] > 0.0 && std::isfinite(fa[first + d]) &&
                  std::isfinite(fb[first + d]))) {
                ok[first + d] = 0;
            }
        }
        for (std::size_t k = 0; k < n_groups; ++k) {
            const group& gr = groups[k];
            auto of_ab = [&](std::size_t p) -> const double* {
                if (!bm.is_random[p]) return nullptr;
                return group_of[p] == k ? sb.values[p].data() : sa.values[p].data();
            };
            const detail::block_scratch& factors = gr.rate ? sb : sa;
            std::copy_n(pv_a.begin(), count, pv.begin());
            for (std::size_t o : gr.outcomes) {
                detail::outcome_present_values(bm, o, count, of_ab, factors, tmp.data());
                const double* own = &pva[o * granule];
                for (std::size_t d = 0; d < count; ++d)
                    pv[d] += tmp[d] - own[d];
            }
            w.evaluations += gr.outcomes.size() * count;
            if (gr.inputs || gr.rate) {
                detail::input_present_values(bm, count, of_ab, factors, in.data());
            } else {
                std::copy_n(in_a.begin(), count, in.begin());
            }
            for (std::size_t d = 0; d < count; ++d) {
                fab[k * n + first + d] = pv[d] / in[d];
                nab[k * n + first + d] = pv[d] - in[d];
                if (!(in[d] > 0.0) || !std::isfinite(fab[k * n + first + d])) ok[first + d] = 0;
            }
        }
    });
    std::size_t evaluations = 0;
    for (const auto& s : scratch)
        evaluations += s ? s->evaluations : 0;

    // Left-out samples get finite placeholders so no NaN reaches the NPV sums.
    std::size_t excluded = 0;
    for (std::size_t i = 0; i < n; ++i) {
        ok_flags[i] = ok[i] != 0;
        if (ok_flags[i]) continue;
        ++excluded;
        fa[i] = fb[i] = 0.0;
        for (std::size_t k = 0; k < n_groups; ++k)
            fab[k * n + i] = 0.0;
    }
    const estimates e = estimate(n_groups, n, fa, fb, fab, na, nb, nab, ok_flags, {});
    // The samples' figures are finite; their variances need not be (values near 1e200 square past
    // the largest double), and an index over an infinite variance is not a number.
    detail::require_finite(e.v, "the variance of the SROI ratio over the Sobol samples");
    detail::require_finite(e.v_npv, "the variance of the NPV over the Sobol samples");
    for (std::size_t k = 0; k < n_groups; ++k) {
        for (const double index : {e.s1[k], e.st[k], e.s1_npv[k], e.st_npv[k]})
            detail::require_finite(index, fmt::format("a Sobol index of {}", groups[k].path));
    }

    sobol_result r;
    r.samples = n;
    r.parameters_drawn = bm.random.size();
    r.ranges = options.ranges;
    r.drawn_from_ranges = bm.from_ranges;
    r.seed = options.seed;
    r.generator = "philox4x32-10 (Random123 layout; counter: sample, parameter, matrix; key: seed)";
    r.group_by = options.group_by;
    r.correlations_ignored = !ev.model().correlations.empty();
    r.evaluations = evaluations;
    r.excluded_samples = excluded;
    r.ratio_variance = e.v;
    r.npv_variance = e.v_npv;
    r.bootstrap = options.bootstrap;
    r.confidence = options.confidence;
    for (std::size_t k = 0; k < n_groups; ++k) {
        sobol_index index;
        index.path = groups[k].path;
        for (std::size_t p : groups[k].parameters)
            index.parameters.push_back(ev.parameters()[p].path);
        index.first_order = e.s1[k];
        index.total_order = e.st[k];
        index.npv_first_order = e.s1_npv[k];
        index.npv_total_order = e.st_npv[k];
        r.indices.push_back(std::move(index));
    }
    if (options.bootstrap > 0) {
        // Resample rows with replacement (Philox stream 3), percentile intervals.
        std::vector<std::vector<double>> s1(n_groups), st(n_groups);
        std::vector<std::size_t> rows(n);
        std::uint32_t words[granule];
        for (std::size_t b = 0; b < options.bootstrap; ++b) {
            for (std::size_t i = 0; i < n; i += granule) {
                detail::philox_granule(i, static_cast<std::uint32_t>(b), 3, options.seed, words);
                for (std::size_t d = 0; d < granule && i + d < n; ++d) {
                    rows[i + d] =
                        static_cast<std::size_t>(detail::to_unit(words[d]) * static_cast<double>(n));
                }
            }
            const estimates eb = estimate(n_groups, n, fa, fb, fab, na, nb, nab, ok_flags, rows);
            for (std::size_t k = 0; k < n_groups; ++k) {
                s1[k].push_back(eb.s1[k]);
                st[k].push_back(eb.st[k]);
            }
        }
        const double tail = 0.5 * (1.0 - options.confidence);
        auto at = [&](std::vector<double>& v, double p) {
            std::sort(v.begin(), v.end());
            const double h = static_cast<double>(v.size() - 1) * p;
            const auto i = static_cast<std::size_t>(h);
            return i + 1 < v.size() ? v[i] + (h - static_cast<double>(i)) * (v[i + 1] - v[i]) : v.back();
        };
        for (std::size_t k = 0; k < n_groups; ++k) {
            r.indices[k].first_order_low = at(s1[k], tail);
            r.indices[k].first_order_high = at(s1[k], 1.0 - tail);
            r.indices[k].total_order_low = at(st[k], tail);
            r.indices[k].total_order_high = at(st[k], 1.0 - tail);
        }
    }
    return r;
}

}  // namespace sroi
