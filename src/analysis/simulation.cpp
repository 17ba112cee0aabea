#include <sroi/analysis/simulation.hpp>
#include <sroi/model/error.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <optional>

#include <fmt/format.h>

#include "analysis/simulation_floor.hpp"
#include "engine/finite.hpp"
#include "engine/simulation_engine.hpp"
#include "model/machine.hpp"
#include "model/parallel.hpp"

namespace sroi {

namespace {

using detail::granule;
constexpr double infinity = std::numeric_limits<double>::infinity();

// Count, mean, sum of squared deviations, min and max; merged with Chan et al.'s update.
struct moments {
    std::size_t n = 0;
    double mean = 0.0;
    double m2 = 0.0;
    double min = infinity;
    double max = -infinity;

    // Two-pass moments of a block.
    static moments of(const double* x, std::size_t n) noexcept {
        moments m;
        if (n == 0) return m;
        double sum = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            sum += x[i];
            m.min = std::min(m.min, x[i]);
            m.max = std::max(m.max, x[i]);
        }
        m.n = n;
        m.mean = sum / static_cast<double>(n);
        for (std::size_t i = 0; i < n; ++i)
            m.m2 += (x[i] - m.mean) * (x[i] - m.mean);
        return m;
    }
    void merge(const moments& b) noexcept {
        if (b.n == 0) return;
        if (n == 0) {
            *this = b;
            return;
        }
        const double total = static_cast<double>(n + b.n);
        const double delta = b.mean - mean;
        mean += delta * static_cast<double>(b.n) / total;
        m2 += b.m2 + delta * delta * static_cast<double>(n) * static_cast<double>(b.n) / total;
        n += b.n;
        min = std::min(min, b.min);
        max = std::max(max, b.max);
    }
};

// Histogram of 16,384 bins centred on `center` (small enough to stay in cache); bin i of level L covers
// [center + ((i - 8192) << L) h0, center + ((i - 8191) << L) h0). A value's level-0 index is
// computed once, so the bin it lands in at any level is exact integer arithmetic: merging
// histograms of any levels gives the same counts as binning everything at the final level.
// Workers count in 32 bits (three histograms of 64 KiB stay in cache next to the quantile
// tables; a round of phase 2 is at most 2^32 - 1 draws), the merged total in 64 bits.
template <typename Count>
class dyadic_histogram {
public:
    static constexpr std::int64_t bins = 1 << 14;

    dyadic_histogram() = default;
    dyadic_histogram(double center, double half_width)
        : center_(center), h0_(2.0 * half_width / static_cast<double>(bins)), counts_(bins, 0) {}

    void add(double x) {
        const double k = std::floor((x - center_) / h0_);
        const auto k0 = static_cast<std::int64_t>(std::clamp(k, -0x1.0p61, 0x1.0p61));
        for (;;) {
            const std::int64_t i = (k0 >> level_) + bins / 2;
            if (i >= 0 && i < bins) {
                ++counts_[static_cast<std::size_t>(i)];
                return;
            }
            coarsen();
        }
    }
    template <typename Other>
    void merge(dyadic_histogram<Other> other) {
        while (level_ < other.level_)
            coarsen();
        while (other.level_ < level_)
            other.coarsen();
        for (std::size_t i = 0; i < counts_.size(); ++i)
            counts_[i] += other.counts_[i];
    }
    [[nodiscard]] double width() const noexcept { return std::ldexp(h0_, level_); }
    [[nodiscard]] double left(std::int64_t i) const noexcept {
        const std::int64_t half = bins / 2;  // bins is even: the centre is a bin edge
        return center_ + static_cast<double>(i - half) * width();
    }
    // Estimated value of the order statistic of 0-based rank k: spread evenly inside its bin.
    [[nodiscard]] double order_statistic(std::size_t k) const noexcept {
        std::size_t before = 0;
        for (std::int64_t i = 0; i < bins; ++i) {
            const std::size_t c = counts_[static_cast<std::size_t>(i)];
            if (before + c > k) {
                return left(i) + (static_cast<double>(k - before) + 0.5) / static_cast<double>(c) * width();
            }
            before += c;
        }
        return left(bins);
    }
    [[nodiscard]] std::size_t count_below(double x) const noexcept {
        std::size_t total = 0;
        for (std::int64_t i = 0; i < bins && left(i + 1) <= x; ++i)
            total += counts_[static_cast<std::size_t>(i)];
        return total;
    }

private:
    template <typename>
    friend class dyadic_histogram;

    void coarsen() {
        std::vector<Count> next(counts_.size(), 0);
        for (std::size_t i = 0; i < counts_.size(); ++i)
            next[(i >> 1) + bins / 4] += counts_[i];
        counts_ = std::move(next);
        ++level_;
    }
    double center_ = 0.0;
    double h0_ = 1.0;
    int level_ = 0;
    std::vector<Count> counts_;
};
using worker_histogram = dyadic_histogram<std::uint32_t>;
using total_histogram = dyadic_histogram<std::size_t>;

struct figure_sets {
    moments ratio, npv, pv, inputs;
};

struct block_result {
    figure_sets m;
    std::size_t above_one = 0;
    std::size_t npv_positive = 0;
    std::size_t zero_inputs = 0;
    std::size_t invalid = 0;
    std::size_t first = 0;
    std::size_t size = 0;
    std::vector<double> ratio, npv, pv, inputs, values;  // only when draws are passed on
};

double type7(const std::vector<double>& sorted, double p) {
    const double h = static_cast<double>(sorted.size() - 1) * p;
    const auto k = static_cast<std::size_t>(std::floor(h));
    if (k + 1 >= sorted.size()) return sorted.back();
    return sorted[k] + (h - static_cast<double>(k)) * (sorted[k + 1] - sorted[k]);
}

void fill_percentiles(summary_statistics& s, const moments& m, std::vector<double>* exact,
                      const total_histogram* hist) {
    s.count = m.n;
    if (m.n == 0) return;
    s.mean = m.mean;
    s.sd = m.n > 1 ? std::sqrt(m.m2 / static_cast<double>(m.n - 1)) : 0.0;
    s.min = m.min;
    s.max = m.max;
    const double ps[] = {0.05, 0.25, 0.5, 0.75, 0.95};
    double* outs[] = {&s.p5, &s.p25, &s.p50, &s.p75, &s.p95};
    if (exact != nullptr) {
        std::sort(exact->begin(), exact->end());
        for (int i = 0; i < 5; ++i)
            *outs[i] = type7(*exact, ps[i]);
        s.percentile_resolution = 0.0;
        return;
    }
    for (int i = 0; i < 5; ++i) {
        const double h = static_cast<double>(m.n - 1) * ps[i];
        const auto k = static_cast<std::size_t>(std::floor(h));
        const double lo = hist->order_statistic(k);
        const double hi = k + 1 < m.n ? hist->order_statistic(k + 1) : lo;
        *outs[i] = std::clamp(lo + (h - static_cast<double>(k)) * (hi - lo), m.min, m.max);
    }
    s.percentile_resolution = hist->width();
}

histogram coarse_histogram(const moments& m, const std::vector<double>* exact, const total_histogram* fine) {
    histogram h;
    if (m.n == 0) return h;
    h.low = m.min;
    h.high = m.max;
    constexpr std::size_t n_bins = 20;
    h.counts.assign(n_bins, 0);
    const double w = (h.high - h.low) / n_bins;
    if (!(w > 0.0)) {
        h.counts[0] = m.n;
        return h;
    }
    if (exact != nullptr) {
        for (double x : *exact)
            ++h.counts[std::min(n_bins - 1, static_cast<std::size_t>((x - h.low) / w))];
        return h;
    }
    std::size_t previous = 0;
    for (std::size_t b = 0; b < n_bins; ++b) {
        const std::size_t below =
            b + 1 == n_bins ? m.n : fine->count_below(h.low + w * static_cast<double>(b + 1));
        h.counts[b] = below - std::min(below, previous);
        previous = std::max(previous, below);
    }
    return h;
}

}  // namespace

simulation_result simulate(const evaluator& ev, const simulation_options& options) {
    if (options.draws == 0)
        throw make_error(errors::simulation_options, "the number of draws must be at least 1");
    const detail::block_model bm(
        ev, apply_overrides(ev.parameters(), options.fixed, "simulation_options::fixed"),
        overridden(ev.parameters(), options.fixed), true, options.threads, options.ranges);

    simulation_result result;
    result.draws = options.draws;
    result.seed = options.seed;
    result.generator = "philox4x32-10 (Random123 layout; counter: draw, parameter; key: seed)";
    result.sampled = bm.random;
    result.ranges = options.ranges;
    result.drawn_from_ranges = bm.from_ranges;
    result.correlated = !bm.correlated.empty();
    const std::size_t granules = (options.draws + granule - 1) / granule;
    const unsigned threads = detail::thread_count(options.threads, granules);
    result.threads = threads;
    const bool pass_on = options.keep_draws || static_cast<bool>(options.on_block);
    const std::size_t k_sampled = bm.random.size();
    if (options.keep_draws) {
        // Refused before anything is allocated when the kept draws would not fit in memory.
        detail::require_memory(
            static_cast<double>(options.draws) * static_cast<double>(3 + k_sampled) * sizeof(double),
            options.memory_budget, errors::simulation_too_large,
            fmt::format("keeping all {} draws of {} sampled parameters", options.draws, k_sampled),
            "stream them with on_block instead");
    }
    const std::optional<std::size_t> rate = detail::internals(ev).discount_rate_parameter();

    // Phase 1 keeps the values of the first draws (all of them for a small run: exact percentiles;
    // otherwise they set the histogram's range). Phase 2 bins the rest into per-thread histograms.
    const std::size_t pilot_granules = std::min(
        granules, (std::max<std::size_t>(options.exact_percentile_draws, granule) + granule - 1) / granule);
    const std::size_t pilot_draws = std::min(options.draws, pilot_granules * granule);
    const bool exact = pilot_draws == options.draws;
    std::vector<double> pilot_ratio(pilot_draws, std::numeric_limits<double>::quiet_NaN());
    std::vector<double> pilot_npv(pilot_draws, std::numeric_limits<double>::quiet_NaN());
    std::vector<double> pilot_pv(pilot_draws, std::numeric_limits<double>::quiet_NaN());

    std::mutex merge_mutex;
    std::map<std::size_t, block_result> pending;
    std::size_t next_block = 0;
    figure_sets total;
    std::size_t above_one = 0, npv_positive = 0, zero_inputs = 0, invalid = 0;
    std::atomic<std::size_t> done{0};

    auto deliver = [&](block_result& b) {
        total.ratio.merge(b.m.ratio);
        total.npv.merge(b.m.npv);
        total.pv.merge(b.m.pv);
        total.inputs.merge(b.m.inputs);
        above_one += b.above_one;
        npv_positive += b.npv_positive;
        zero_inputs += b.zero_inputs;
        invalid += b.invalid;
        if (!pass_on) return;
        simulation_block view{b.first, b.size, b.ratio, b.npv, b.pv, b.inputs, b.values};
        if (options.keep_draws) {
            result.draw_sroi_ratio.insert(result.draw_sroi_ratio.end(), b.ratio.begin(), b.ratio.end());
            result.draw_net_present_value.insert(result.draw_net_present_value.end(), b.npv.begin(),
                                                 b.npv.end());
            result.draw_present_value.insert(result.draw_present_value.end(), b.pv.begin(), b.pv.end());
            for (std::size_t d = 0; d < b.size; ++d) {
                for (std::size_t k = 0; k < k_sampled; ++k)
                    result.draw_values.push_back(b.values[k * b.size + d]);
            }
        }
        if (options.on_block) options.on_block(view);
    };

    // An outcome's own sampled parameters for draws [first, first + granule) into six reused
    // buffers, where[p] pointing to them; the tail paths after all their body passes, so that
    // they overlap.
    auto sample_own = [&](const detail::compiled_outcome& c, std::uint64_t first, detail::block_scratch& s,
                          std::vector<std::vector<double>>& own, std::vector<const double*>& where) {
        thread_local std::array<detail::tail_list, 6> tails;
        std::array<std::size_t, 6> owner{};
        std::size_t slot = 0;
        for (std::size_t p : {c.quantity, c.proxy, c.deadweight, c.displacement, c.attribution, c.drop_off}) {
            if (!bm.outcome_owned[p]) continue;
            detail::sample_parameter(bm, p, first, 0, options.seed, s, own[slot].data(), tails[slot]);
            owner[slot] = p;
            where[p] = own[slot++].data();
        }
        for (std::size_t k = 0; k < slot; ++k)
            detail::finish_tails(bm.samplers[owner[k]], own[k].data(), tails[k], detail::best_simd());
    };

    // One granule: sample, evaluate, summarise; histogram (phase 2) or pilot arrays (phase 1).
    // hists: the ratio's, NPV's and PV's histograms (phase 2), or nullptr (phase 1). chunk_pv:
    // the granule's outcome present values when run_chunk has worked them out, else nullptr.
    auto run_granule = [&](std::size_t g, detail::block_scratch& s, worker_histogram* hists,
                           const double* chunk_pv) {
        const std::size_t first = g * granule;
        const std::size_t n = std::min(granule, options.draws - first);
        // Sampled values by parameter; an outcome's own parameters go to six reused buffers
        // unless every draw is passed on.
        thread_local std::vector<const double*> where;
        thread_local std::vector<std::vector<double>> own(6, std::vector<double>(granule));
        where.assign(bm.samplers.size(), nullptr);
        auto value_of = [&](std::size_t p) -> const double* { return where[p]; };
        if (chunk_pv != nullptr) {
            std::copy_n(chunk_pv, granule, s.pv.begin());
        } else {
            detail::sample_granule(bm, first, 0, options.seed, s, pass_on);
            if (bm.random_rate) detail::granule_factors(bm, s.values[*rate], n, s);
            for (std::size_t p : bm.random)
                where[p] = s.values[p].data();
            std::fill(s.pv.begin(), s.pv.end(), 0.0);
            double* outcome_pv = s.tmp.data();
            for (std::size_t o = 0; o < detail::internals(ev).outcomes().size(); ++o) {
                if (!pass_on) sample_own(detail::internals(ev).outcomes()[o], first, s, own, where);
                if (bm.random_rate) {
                    detail::outcome_present_values(bm, o, n, value_of, s, outcome_pv);
                    for (std::size_t d = 0; d < n; ++d)
                        s.pv[d] += outcome_pv[d];
                } else {
                    detail::add_outcome_present_values(bm, o, n, where.data(), s.pv.data());
                }
            }
        }
        detail::input_present_values(bm, n, value_of, s, s.inputs.data());

        block_result b;
        b.first = first;
        b.size = n;
        thread_local std::vector<double> ratio(granule), npv(granule), pv(granule), inputs(granule);
        std::size_t n_valid = 0, n_ratio = 0;
        if (pass_on) {
            b.ratio.resize(n);
            b.npv.resize(n);
            b.pv.assign(s.pv.begin(), s.pv.begin() + static_cast<std::ptrdiff_t>(n));
            b.inputs.assign(s.inputs.begin(), s.inputs.begin() + static_cast<std::ptrdiff_t>(n));
            b.values.resize(k_sampled * n);
            for (std::size_t k = 0; k < k_sampled; ++k) {
                std::copy_n(s.values[bm.random[k]].begin(), n,
                            b.values.begin() + static_cast<std::ptrdiff_t>(k * n));
            }
        }
        for (std::size_t d = 0; d < n; ++d) {
            const double present = s.pv[d];
            const double in = s.inputs[d];
            const double net = present - in;
            double r = std::numeric_limits<double>::quiet_NaN();
            if (!std::isfinite(present) || !std::isfinite(in) || !std::isfinite(net)) {
                ++b.invalid;
            } else {
                pv[n_valid] = present;
                inputs[n_valid] = in;
                npv[n_valid++] = net;
                if (net > 0.0) ++b.npv_positive;
                if (in > 0.0 && std::isfinite(present / in)) {
                    r = present / in;
                    ratio[n_ratio++] = r;
                    if (r > 1.0) ++b.above_one;
                } else {
                    ++b.zero_inputs;
                }
            }
            if (pass_on) {
                b.ratio[d] = r;
                b.npv[d] = net;
            }
            if (first + d < pilot_draws) {
                pilot_ratio[first + d] = r;
                const bool valid = std::isfinite(present) && std::isfinite(in) && std::isfinite(net);
                pilot_npv[first + d] = valid ? net : std::numeric_limits<double>::quiet_NaN();
                pilot_pv[first + d] = valid ? present : std::numeric_limits<double>::quiet_NaN();
            }
        }
        b.m.ratio = moments::of(ratio.data(), n_ratio);
        b.m.npv = moments::of(npv.data(), n_valid);
        b.m.pv = moments::of(pv.data(), n_valid);
        b.m.inputs = moments::of(inputs.data(), n_valid);
        if (hists != nullptr) {
            for (std::size_t i = 0; i < n_ratio; ++i)
                hists[0].add(ratio[i]);
            for (std::size_t i = 0; i < n_valid; ++i)
                hists[1].add(npv[i]);
            for (std::size_t i = 0; i < n_valid; ++i)
                hists[2].add(pv[i]);
        }
        const std::lock_guard lock(merge_mutex);
        pending.emplace(g, std::move(b));
        while (!pending.empty() && pending.begin()->first == next_block) {
            deliver(pending.begin()->second);
            pending.erase(pending.begin());
            ++next_block;
        }
    };

    // Granules [g0, g1) outcome by outcome, then summarised one by one: each outcome's quantile
    // tables then serve all the chunk's draws while they are in cache (a granule at a time, a
    // model whose parameters each have a table of their own would cycle through all its tables
    // between two uses of one). Each draw still adds the outcomes in the same order, so the bits
    // are run_granule's. Only when every sampled parameter belongs to one outcome (no copula, no
    // sampled rate or input) and no draw is passed on.
    const bool chunked = !pass_on && !bm.random_rate &&
                         std::all_of(bm.random.begin(), bm.random.end(),
                                     [&](std::size_t p) { return static_cast<bool>(bm.outcome_owned[p]); });
    constexpr std::size_t chunk_granules = 32;
    auto run_chunk = [&](std::size_t g0, std::size_t g1, detail::block_scratch& s, worker_histogram* hists) {
        thread_local std::vector<double> present;
        thread_local std::vector<const double*> where;
        thread_local std::vector<std::vector<double>> own(6, std::vector<double>(granule));
        present.assign((g1 - g0) * granule, 0.0);
        where.assign(bm.samplers.size(), nullptr);
        for (std::size_t o = 0; o < detail::internals(ev).outcomes().size(); ++o) {
            for (std::size_t g = g0; g < g1; ++g) {
                const std::size_t first = g * granule;
                sample_own(detail::internals(ev).outcomes()[o], first, s, own, where);
                detail::add_outcome_present_values(bm, o, std::min(granule, options.draws - first),
                                                   where.data(), present.data() + (g - g0) * granule);
            }
        }
        for (std::size_t g = g0; g < g1; ++g)
            run_granule(g, s, hists, present.data() + (g - g0) * granule);
    };

    // Per worker: its scratch (made on first use, by the worker) and when it last reported progress.
    std::vector<std::optional<detail::block_scratch>> scratch(threads);
    auto run_phase = [&](std::size_t begin, std::size_t end,
                         std::vector<std::array<worker_histogram, 3>>* hists) {
        auto last_report = std::chrono::steady_clock::now();
        // Chunks only where every thread gets at least one (the threads used are reported).
        const std::size_t per_item = chunked && end - begin >= chunk_granules * threads ? chunk_granules : 1;
        const std::size_t items = (end - begin + per_item - 1) / per_item;
        const unsigned used = detail::parallel_for(items, threads, [&](std::size_t i, unsigned t) {
            const std::size_t g0 = begin + i * per_item;
            const std::size_t g1 = std::min(end, g0 + per_item);
            if (!scratch[t]) scratch[t].emplace(bm);
            worker_histogram* h = hists != nullptr ? (*hists)[t].data() : nullptr;
            if (per_item == 1)
                run_granule(g0, *scratch[t], h, nullptr);
            else
                run_chunk(g0, g1, *scratch[t], h);
            done.fetch_add(std::min(g1 * granule, options.draws) - g0 * granule);
            if (t == 0 && options.progress) {
                const auto now = std::chrono::steady_clock::now();
                if (now - last_report > std::chrono::milliseconds(100)) {
                    options.progress(done.load(), options.draws);
                    last_report = now;
                }
            }
        });
        result.threads = std::min(result.threads, used);
    };

    run_phase(0, pilot_granules, nullptr);
    std::vector<double> exact_ratio, exact_npv, exact_pv;
    for (std::size_t d = 0; d < pilot_draws; ++d) {
        if (!std::isnan(pilot_ratio[d])) exact_ratio.push_back(pilot_ratio[d]);
        if (!std::isnan(pilot_npv[d])) exact_npv.push_back(pilot_npv[d]);
        if (!std::isnan(pilot_pv[d])) exact_pv.push_back(pilot_pv[d]);
    }
    total_histogram ratio_hist, npv_hist, pv_hist;
    if (!exact) {
        auto make = []<typename H>(const std::vector<double>& v, H) {
            if (v.empty()) return H(0.0, 1.0);
            const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
            const double center = 0.5 * (*lo + *hi);
            double half = 0.625 * (*hi - *lo);
            if (!(half > 0.0)) half = std::max(std::fabs(center) * 0x1.0p-40, 1e-300);
            return H(center, half);
        };
        ratio_hist = make(exact_ratio, total_histogram{});
        npv_hist = make(exact_npv, total_histogram{});
        pv_hist = make(exact_pv, total_histogram{});
        for (double x : exact_ratio)
            ratio_hist.add(x);
        for (double x : exact_npv)
            npv_hist.add(x);
        for (double x : exact_pv)
            pv_hist.add(x);
        // Rounds of at most 2^32 - 1 draws, so that no worker's 32-bit count can overflow.
        constexpr std::size_t round_granules = ((std::size_t{1} << 32) - 1) / granule;
        for (std::size_t begin = pilot_granules; begin < granules; begin += round_granules) {
            std::vector<std::array<worker_histogram, 3>> hists(threads);
            for (unsigned t = 0; t < threads; ++t) {
                hists[t] = {make(exact_ratio, worker_histogram{}), make(exact_npv, worker_histogram{}),
                            make(exact_pv, worker_histogram{})};
            }
            run_phase(begin, std::min(granules, begin + round_granules), &hists);
            for (unsigned t = 0; t < threads; ++t) {
                ratio_hist.merge(std::move(hists[t][0]));
                npv_hist.merge(std::move(hists[t][1]));
                pv_hist.merge(std::move(hists[t][2]));
            }
        }
    }
    if (options.progress) options.progress(options.draws, options.draws);

    fill_percentiles(result.sroi_ratio, total.ratio, exact ? &exact_ratio : nullptr, &ratio_hist);
    fill_percentiles(result.net_present_value, total.npv, exact ? &exact_npv : nullptr, &npv_hist);
    fill_percentiles(result.present_value, total.pv, exact ? &exact_pv : nullptr, &pv_hist);
    result.ratio_histogram = coarse_histogram(total.ratio, exact ? &exact_ratio : nullptr, &ratio_hist);
    result.npv_histogram = coarse_histogram(total.npv, exact ? &exact_npv : nullptr, &npv_hist);
    // Inputs: mean, sd, min and max (their percentiles are not tracked).
    result.total_inputs.count = total.inputs.n;
    if (total.inputs.n > 0) {
        const moments& m = total.inputs;
        result.total_inputs.mean = m.mean;
        result.total_inputs.sd = m.n > 1 ? std::sqrt(m.m2 / static_cast<double>(m.n - 1)) : 0.0;
        result.total_inputs.min = m.min;
        result.total_inputs.max = m.max;
    }
    // Each draw's figures are finite; their spread need not be (values near 1e200 square past the
    // largest double): no statistic may reach a report as infinity.
    for (const auto& [s, figure] : {std::pair{&result.sroi_ratio, "SROI ratio"},
                                    std::pair{&result.net_present_value, "net present value"},
                                    std::pair{&result.present_value, "present value"},
                                    std::pair{&result.total_inputs, "total inputs"}}) {
        for (const auto& [v, statistic] :
             {std::pair{s->mean, "mean"}, std::pair{s->sd, "standard deviation"},
              std::pair{s->min, "minimum"}, std::pair{s->p5, "5th percentile"},
              std::pair{s->p25, "25th percentile"}, std::pair{s->p50, "median"},
              std::pair{s->p75, "75th percentile"}, std::pair{s->p95, "95th percentile"},
              std::pair{s->max, "maximum"}}) {
            detail::require_finite(v, fmt::format("the simulated {} of the {}", statistic, figure));
        }
    }
    const std::size_t valid = options.draws - invalid;
    result.zero_input_draws = zero_inputs;
    result.invalid_draws = invalid;
    result.probability_ratio_above_1 =
        valid > 0 ? static_cast<double>(above_one) / static_cast<double>(valid) : 0.0;
    result.probability_npv_positive =
        valid > 0 ? static_cast<double>(npv_positive) / static_cast<double>(valid) : 0.0;
    return result;
}

std::vector<std::size_t> sampled_parameters(const evaluator& ev, const simulation_options& options) {
    std::vector<std::size_t> sampled;
    const std::vector<bool> held = overridden(ev.parameters(), options.fixed);
    for (std::size_t p = 0; p < ev.parameters().size(); ++p) {
        if (drawn_spec(ev.parameters()[p].spec, options.ranges).is_random() && !held[p]) sampled.push_back(p);
    }
    return sampled;
}

namespace {
// The granule's words as uniforms in (0, 1), summed (the least use that keeps them from being
// optimised away), with the widest vectors the processor has.
SROI_TARGET_CLONES double sum_of_units(const std::uint32_t* words) noexcept {
    double sum[16] = {};  // independent accumulators: the additions are not one dependency chain
    for (std::size_t d = 0; d < granule; d += 16) {
        for (std::size_t k = 0; k < 16; ++k)
            sum[k] += detail::to_unit(words[d + k]);
    }
    double total = 0.0;
    for (double x : sum)
        total += x;
    return total;
}
}  // namespace

double detail::draw_uniforms(std::size_t draws, std::size_t parameters, std::uint64_t seed,
                             unsigned threads) {
    const std::size_t granules = (draws + granule - 1) / granule;
    threads = detail::thread_count(threads, granules);
    std::vector<double> sums(threads, 0.0);
    detail::parallel_for(granules, threads, [&](std::size_t g, unsigned t) {
        std::uint32_t words[granule];
        double sum = 0.0;
        for (std::size_t p = 0; p < parameters; ++p) {
            detail::philox_granule(g * granule, static_cast<std::uint32_t>(p), 0, seed, words);
            sum += sum_of_units(words);
        }
        sums[t] += sum;
    });
    double total = 0.0;
    for (double s : sums)
        total += s;
    return total;
}

}  // namespace sroi
