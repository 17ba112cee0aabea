// Monte Carlo simulation: generator, tabulated quantiles, closed-form moments, thread-count
// invariance, copula correlation and impossible correlation matrices.
#include <doctest/doctest.h>

#include <Random123/philox.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>
#include <string>

#include <sroi/analysis/simulation.hpp>
#include <sroi/io/load.hpp>
#include <sroi/model/distributions.hpp>

#include "analysis/simulation_floor.hpp"
#include "engine/simulation_engine.hpp"

namespace {

// One outcome: PV = 10 Q with Q ~ uniform[50, 150], inputs 1000 undiscounted, rate 0.
const char* uniform_model = R"(sroi: 1
project: {name: Uniform}
discount: {rate: 0}
stakeholders: [{id: s, name: S}]
inputs: [{id: grant, stakeholder: s, amount: 1000}]
outcomes:
  - id: o
    stakeholder: s
    quantity: {value: 100, dist: uniform, low: 50, high: 150}
    proxy: 10
)";

std::string mixed_model() {
    std::string y = R"(sroi: 1
project: {name: Mixed}
discount: {rate: {value: 0.035, dist: uniform, low: 0.01, high: 0.06}}
stakeholders: [{id: s, name: S}]
inputs:
  - {id: grant, stakeholder: s, amount: {value: 5000, dist: normal, sd: 500}}
  - {id: time, stakeholder: s, quantity: 100, unit_cost: {value: 15, dist: triangular, low: 10, high: 25}, year: 1}
outcomes:
)";
    for (int o = 0; o < 12; ++o) {
        y += "  - id: o" + std::to_string(o) + R"(
    stakeholder: s
    quantity: {value: 20, dist: pert, low: 10, high: 40}
    proxy: {value: 60, dist: lognormal, sd: 20}
    deadweight: {value: 0.2, dist: triangular, low: 0.1, high: 0.4}
    attribution: {value: 0.3, dist: beta, sd: 0.08}
    drop_off: {value: 0.1, dist: uniform, low: 0.05, high: 0.2}
    duration: )" +
             std::to_string(1 + o % 7) + "\n";
    }
    y += R"(correlations:
  - {between: [outcomes.o0.quantity, outcomes.o1.quantity], rho: 0.5}
  - {between: [outcomes.o1.proxy, outcomes.o2.attribution], rho: -0.3}
)";
    return y;
}

// The vector instruction sets of the sampling kernel that this processor runs.
std::vector<sroi::detail::simd_level> vector_levels() {
    using sroi::detail::simd_level;
    std::vector<simd_level> levels;
    for (const simd_level level : {simd_level::avx2, simd_level::avx512})
        if (level <= sroi::detail::best_simd()) levels.push_back(level);
    return levels;
}

bool same_bits(double a, double b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

// Every vector level this processor runs turns `words` into the portable level's bits, in one
// step and in two (tail paths left in a list, then finished, the words overwritten in between:
// the list must carry all that the second step needs).
void require_every_level_portable(const sroi::detail::parameter_sampler& s,
                                  std::vector<std::uint32_t> words) {
    using sroi::detail::simd_level;
    std::vector<double> portable(words.size()), fast(words.size()), two_steps(words.size());
    sroi::detail::transform_words(s, words.data(), portable.data(), simd_level::portable);
    for (const simd_level level : vector_levels()) {
        sroi::detail::transform_words(s, words.data(), fast.data(), level);
        sroi::detail::tail_list tails;
        std::vector<std::uint32_t> scratch = words;
        sroi::detail::transform_words(s, scratch.data(), two_steps.data(), level, tails);
        std::fill(scratch.begin(), scratch.end(), 0x12345678U);
        sroi::detail::finish_tails(s, two_steps.data(), tails, level);
        for (std::size_t d = 0; d < words.size(); ++d) {
            CHECK(same_bits(fast[d], portable[d]));
            CHECK(same_bits(two_steps[d], portable[d]));
        }
    }
}

void require_identical(const sroi::summary_statistics& a, const sroi::summary_statistics& b) {
    CHECK(a.count == b.count);
    for (auto f :
         {&sroi::summary_statistics::mean, &sroi::summary_statistics::sd, &sroi::summary_statistics::min,
          &sroi::summary_statistics::p5, &sroi::summary_statistics::p25, &sroi::summary_statistics::p50,
          &sroi::summary_statistics::p75, &sroi::summary_statistics::p95, &sroi::summary_statistics::max}) {
        CHECK(same_bits(a.*f, b.*f));
    }
}

}  // namespace

TEST_CASE("our Philox4x32-10 is Random123's, and the granule layout maps draws to counters") {
    const std::array<std::uint32_t, 4> counter{7, 1, 42, 0};
    const std::array<std::uint32_t, 2> key{0xDEADBEEF, 12};
    r123::Philox4x32 reference;
    const r123::Philox4x32::ctr_type c = {{7, 1, 42, 0}};
    const r123::Philox4x32::key_type k = {{0xDEADBEEF, 12}};
    const auto expected = reference(c, k);
    const auto ours = sroi::detail::philox_block(counter, key);
    for (int i = 0; i < 4; ++i)
        CHECK(ours[static_cast<std::size_t>(i)] == expected.v[i]);
    // Draw 256 * 3 + 64 * 2 + 5 of parameter 9 is word 2 of counter q = 3 * 64 + 5.
    std::uint32_t words[sroi::detail::granule];
    const std::uint64_t seed = (std::uint64_t{12} << 32) | 0xDEADBEEF;
    sroi::detail::philox_granule(3 * 256, 9, 0, seed, words);
    const auto direct = sroi::detail::philox_block({3 * 64 + 5, 0, 9, 0}, key);
    CHECK(words[2 * 64 + 5] == direct[2]);
}

TEST_CASE("tabulated quantiles agree with the exact ones") {
    using sroi::distribution;
    auto make = [](double v, distribution d, std::optional<double> lo, std::optional<double> hi,
                   std::optional<double> sd) {
        sroi::uncertain_number u(v);
        u.dist = d;
        u.low = lo;
        u.high = hi;
        u.sd = sd;
        return u;
    };
    const sroi::marginal_distribution shapes[] = {
        sroi::marginal_distribution(make(100, distribution::pert, 70.0, 120.0, {})),
        sroi::marginal_distribution(make(0.3, distribution::beta, {}, {}, 0.08), 0.0, 1.0),
        sroi::marginal_distribution(make(0.05, distribution::beta, {}, {}, 0.1), 0.0, 1.0),  // α < 1
        sroi::marginal_distribution(make(500, distribution::lognormal, {}, {}, 125.0), 0.0),
        sroi::marginal_distribution(make(500, distribution::normal, 400.0, {}, 60.0)),
    };
    for (const auto& d : shapes) {
        const sroi::detail::quantile_table table(d);
        const double range = d.standard_quantile(0.95) - d.standard_quantile(0.05);
        double worst = 0.0;
        std::uint32_t r = 12345;
        for (int i = 0; i < 200000; ++i) {
            r = r * 1664525U + 1013904223U;
            worst = std::max(worst, std::fabs(table(r) - d.standard_quantile(sroi::detail::to_unit(r))));
        }
        CHECK(worst <= 2e-9 * range);
    }
}

TEST_CASE("a linear model reproduces the closed-form moments and percentiles") {
    const sroi::evaluator ev(sroi::load_model_from_string(uniform_model));
    // ratio = Q / 100, Q ~ U[50, 150]: mean 1, sd 1/sqrt(12) = 0.288675, p5 = 0.55, p95 = 1.45,
    // P(ratio > 1) = 1/2. Standard errors with n = 200,000: mean 0.00065, p5 ~ 0.0005, P 0.0011.
    sroi::simulation_options options;
    options.draws = 200000;
    options.seed = 7;
    const sroi::simulation_result r = sroi::simulate(ev, options);
    CHECK(r.sroi_ratio.count == 200000);
    CHECK(r.sroi_ratio.mean == doctest::Approx(1.0).epsilon(0.003));
    CHECK(r.sroi_ratio.sd == doctest::Approx(1.0 / std::sqrt(12.0)).epsilon(0.005));
    CHECK(r.sroi_ratio.p5 == doctest::Approx(0.55).epsilon(0.005));
    CHECK(r.sroi_ratio.p50 == doctest::Approx(1.0).epsilon(0.005));
    CHECK(r.sroi_ratio.p95 == doctest::Approx(1.45).epsilon(0.005));
    CHECK(r.sroi_ratio.min >= 0.5);
    CHECK(r.sroi_ratio.max <= 1.5);
    CHECK(r.probability_ratio_above_1 == doctest::Approx(0.5).epsilon(0.01));
    // NPV = 10 Q - 1000 = 1000 (ratio - 1).
    CHECK(r.net_present_value.p95 == doctest::Approx(450.0).epsilon(0.01));
    // PV = 10 Q: p5 = 550, quartiles 750 and 1250, p95 = 1450; each percentile is the NPV's plus
    // the fixed inputs (1000), up to the histograms' resolution.
    CHECK(r.present_value.p5 == doctest::Approx(550.0).epsilon(0.005));
    CHECK(r.present_value.p25 == doctest::Approx(750.0).epsilon(0.005));
    CHECK(r.present_value.p75 == doctest::Approx(1250.0).epsilon(0.005));
    CHECK(r.present_value.p95 == doctest::Approx(1450.0).epsilon(0.005));
    CHECK(std::fabs(r.present_value.p50 - (r.net_present_value.p50 + 1000.0)) <=
          r.present_value.percentile_resolution + r.net_present_value.percentile_resolution);
    CHECK(r.present_value.percentile_resolution > 0.0);
    CHECK(r.sroi_ratio.percentile_resolution > 0.0);
    CHECK(r.sroi_ratio.percentile_resolution < 1e-3 * (r.sroi_ratio.max - r.sroi_ratio.min));
}

TEST_CASE("results are byte-identical for 1, 2 and 3 threads") {
    const sroi::evaluator ev(sroi::load_model_from_string(mixed_model()));
    for (std::size_t draws : {std::size_t{3000}, std::size_t{70001}}) {
        sroi::simulation_options options;
        options.draws = draws;
        options.seed = 99;
        options.threads = 1;
        const auto one = sroi::simulate(ev, options);
        for (unsigned threads : {2U, 3U}) {
            options.threads = threads;
            const auto other = sroi::simulate(ev, options);
            require_identical(one.sroi_ratio, other.sroi_ratio);
            require_identical(one.net_present_value, other.net_present_value);
            CHECK(same_bits(one.present_value.mean, other.present_value.mean));
            CHECK(one.probability_ratio_above_1 == other.probability_ratio_above_1);
            CHECK(one.ratio_histogram.counts == other.ratio_histogram.counts);
        }
        CHECK(std::isfinite(one.sroi_ratio.mean));
    }
}

TEST_CASE("draws taken outcome by outcome over a chunk of granules give the bits of granule by granule") {
    // Every sampled parameter belongs to one outcome (no copula, fixed rate and inputs), and each
    // outcome's three tabulated parameters have shapes of their own: phase 2 then takes chunks of
    // granules outcome by outcome, unless the draws are passed on, which goes granule by granule.
    std::string y = R"(sroi: 1
project: {name: Own shapes}
discount: {rate: 0.035}
stakeholders: [{id: s, name: S}]
inputs: [{id: grant, stakeholder: s, amount: 20000}]
outcomes:
)";
    for (int o = 0; o < 6; ++o) {
        y += fmt::format(R"(  - id: o{}
    stakeholder: s
    quantity: {{value: 20, dist: pert, low: {}, high: {}}}
    proxy: {{value: 60, dist: lognormal, sd: {}}}
    deadweight: {{value: 0.2, dist: triangular, low: 0.1, high: 0.4}}
    attribution: {{value: {}, dist: beta, sd: 0.06}}
    drop_off: {{value: 0.1, dist: uniform, low: 0.05, high: 0.2}}
    duration: {}
)",
                         o, 10 + o, 40 + 3 * o, 10 + 4 * o, 0.2 + 0.05 * o, 1 + o % 4);
    }
    const sroi::evaluator ev(sroi::load_model_from_string(y));
    sroi::simulation_options options;
    options.draws = 100001;  // 391 granules: chunks of 32 on either thread count below
    options.seed = 7;
    for (unsigned threads : {1U, 2U}) {
        options.threads = threads;
        options.on_block = nullptr;
        const auto chunked = sroi::simulate(ev, options);
        std::size_t passed = 0;
        options.on_block = [&passed](const sroi::simulation_block& b) { passed += b.size; };
        const auto granules = sroi::simulate(ev, options);
        CHECK(passed == options.draws);
        require_identical(chunked.sroi_ratio, granules.sroi_ratio);
        require_identical(chunked.net_present_value, granules.net_present_value);
        CHECK(same_bits(chunked.present_value.mean, granules.present_value.mean));
        CHECK(same_bits(chunked.present_value.sd, granules.present_value.sd));
        CHECK(chunked.probability_ratio_above_1 == granules.probability_ratio_above_1);
        CHECK(chunked.ratio_histogram.counts == granules.ratio_histogram.counts);
        CHECK(chunked.npv_histogram.counts == granules.npv_histogram.counts);
        CHECK(chunked.threads == threads);
    }
}

TEST_CASE("per-draw values match a direct evaluation, and the copula recovers rho") {
    const sroi::evaluator ev(sroi::load_model_from_string(mixed_model()));
    sroi::simulation_options options;
    options.draws = 40000;
    options.keep_draws = true;
    options.threads = 2;
    const auto r = sroi::simulate(ev, options);
    REQUIRE(r.correlated);
    const std::size_t k = r.sampled.size();
    REQUIRE(r.draw_values.size() == k * options.draws);
    // Draw 123 evaluated by the plain evaluator gives the same figures.
    std::vector<double> values = ev.base_values();
    for (std::size_t j = 0; j < k; ++j)
        values[r.sampled[j]] = r.draw_values[123 * k + j];
    const sroi::totals t = ev.evaluate_totals(values);
    CHECK(r.draw_sroi_ratio[123] == doctest::Approx(t.sroi_ratio).epsilon(1e-12));
    // Correlation of the normal scores of the two quantities: rho = 0.5, SE (1 - rho^2)/sqrt(n) = 0.004.
    const auto q0 = ev.parameters().index_of("outcomes.o0.quantity");
    const auto q1 = ev.parameters().index_of("outcomes.o1.quantity");
    const sroi::marginal_distribution d0(ev.parameters()[q0]);
    std::size_t j0 = 0, j1 = 0;
    for (std::size_t j = 0; j < k; ++j) {
        if (r.sampled[j] == q0) j0 = j;
        if (r.sampled[j] == q1) j1 = j;
    }
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t d = 0; d < options.draws; ++d) {
        const double x = sroi::normal_quantile(d0.cdf(r.draw_values[d * k + j0]));
        const double y = sroi::normal_quantile(d0.cdf(r.draw_values[d * k + j1]));
        sxy += x * y;
        sxx += x * x;
        syy += y * y;
    }
    CHECK(sxy / std::sqrt(sxx * syy) == doctest::Approx(0.5).epsilon(0.03));
}

TEST_CASE("a correlation matrix that is not positive definite is a model error naming the parameters") {
    std::string y = mixed_model();
    y += "  - {between: [outcomes.o0.quantity, outcomes.o3.quantity], rho: 0.9}\n"
         "  - {between: [outcomes.o1.quantity, outcomes.o3.quantity], rho: -0.9}\n";
    // The check is the model's own (issue 15): validate, report and the evaluator refuse it too,
    // before any simulation.
    try {
        const sroi::evaluator ev(sroi::load_model_from_string(y));
        FAIL("expected a model_error");
    } catch (const sroi::model_error& e) {
        const std::string what = e.what();
        CHECK(what.find("outcomes.o3.quantity") != std::string::npos);
        CHECK(what.find("positive definite") != std::string::npos);
        CHECK(e.path() == "correlations");
    }
}

TEST_CASE("validate gives the smallest eigenvalue of a correlation set that cannot hold together") {
    // o4-o5 0.9 and o5-o6 0.9 with o4-o6 unlisted (0): the matrix [[1, .9, 0], [.9, 1, .9], [0, .9, 1]]
    // has eigenvalues 1 and 1 +/- 0.9 sqrt(2); the smallest is 1 - 1.2728 = -0.2728.
    std::string y = mixed_model();
    y += "  - {between: [outcomes.o4.quantity, outcomes.o5.quantity], rho: 0.9}\n"
         "  - {between: [outcomes.o5.quantity, outcomes.o6.quantity], rho: 0.9}\n";
    try {
        (void)sroi::load_model_from_string(y);
        FAIL("expected a model_error");
    } catch (const sroi::model_error& e) {
        REQUIRE(e.diagnostics().size() == 1);
        const sroi::diagnostic& d = e.diagnostics()[0];
        INFO(d.message);
        CHECK(d.path == "correlations");
        CHECK(d.message.find("outcomes.o4.quantity, outcomes.o5.quantity, outcomes.o6.quantity") !=
              std::string::npos);
        CHECK(d.message.find("smallest eigenvalue -0.2728") != std::string::npos);
        CHECK(d.message.find("where the pair not listed is taken as 0") != std::string::npos);
    }
    // With the third pair listed at a value that fits, the set holds together.
    y += "  - {between: [outcomes.o4.quantity, outcomes.o6.quantity], rho: 0.7}\n";
    CHECK_NOTHROW((void)sroi::load_model_from_string(y));
}

TEST_CASE("the AVX-512, AVX2 and portable samplers give identical bits") {
    const sroi::evaluator ev(sroi::load_model_from_string(mixed_model()));
    const sroi::detail::block_model bm(ev, ev.base_values(), {}, false);
    std::vector<std::uint32_t> words(sroi::detail::granule);
    for (std::size_t p : bm.random) {
        sroi::detail::philox_granule(512, static_cast<std::uint32_t>(p), 0, 5, words.data());
        words[3] = 7;            // extreme lower tail: exact path
        words[4] = 0xFFFFFFF0U;  // extreme upper tail
        for (std::uint32_t k = 0; k < 8; ++k)
            words[64 + k] = (k + 1) << 18;  // eight tail words in one block of 64: more than its slots
        require_every_level_portable(bm.samplers[p], words);
    }
}

TEST_CASE("the fused outcome pass gives the bits of the per-factor pass") {
    // mixed_model() with a fixed discount rate; one outcome's drop-off held fixed too.
    std::string y = mixed_model();
    y.replace(y.find("{rate: {value: 0.035, dist: uniform, low: 0.01, high: 0.06}}"),
              std::string("{rate: {value: 0.035, dist: uniform, low: 0.01, high: 0.06}}").size(),
              "{rate: 0.035}");
    const sroi::evaluator ev(sroi::load_model_from_string(y));
    std::vector<bool> held(ev.parameters().size(), false);
    held[*ev.parameters().find("outcomes.o3.drop_off")] = true;
    held[*ev.parameters().find("outcomes.o4.quantity")] = true;
    const sroi::detail::block_model bm(ev, ev.base_values(), held, false);
    REQUIRE_FALSE(bm.random_rate);
    sroi::detail::block_scratch s(bm);
    sroi::detail::sample_granule(bm, 1024, 0, 17, s, true);
    std::vector<const double*> where(bm.samplers.size(), nullptr);
    for (std::size_t p : bm.random)
        where[p] = s.values[p].data();
    auto value_of = [&](std::size_t p) { return where[p]; };
    using sroi::detail::simd_level;
    std::vector<simd_level> levels = vector_levels();
    levels.insert(levels.begin(), simd_level::portable);
    for (const simd_level level : levels)
        for (std::size_t n : {std::size_t{256}, std::size_t{37}}) {
            std::vector<double> fused(sroi::detail::granule, 0.0), separate(sroi::detail::granule, 0.0);
            std::vector<double> one(sroi::detail::granule);
            for (std::size_t o = 0; o < ev.model().outcomes.size(); ++o) {
                sroi::detail::add_outcome_present_values(bm, o, n, where.data(), fused.data(), level);
                sroi::detail::outcome_present_values(bm, o, n, value_of, s, one.data());
                for (std::size_t d = 0; d < n; ++d)
                    separate[d] += one[d];
            }
            for (std::size_t d = 0; d < n; ++d)
                CHECK(same_bits(fused[d], separate[d]));
        }
}

TEST_CASE("keeping more draws than memory holds is refused before allocating") {
    const sroi::evaluator ev(sroi::load_model_from_string(uniform_model));
    sroi::simulation_options options;
    options.draws = std::size_t{1} << 50;  // 2^50 x 4 doubles: 32 PiB
    options.keep_draws = true;
    try {
        (void)sroi::simulate(ev, options);
        FAIL("expected an error");
    } catch (const sroi::error& e) {
        CHECK(std::string(e.id()) == "simulation.too_large");
        CHECK(std::string(e.what()).find("GiB") != std::string::npos);
    }
}

TEST_CASE("shapes that differ only by rounding share one table") {
    // PERT on [0.7 q, 1.2 q] with mode q has the shape alpha = 3.4, beta = 2.6 for every q, up to
    // the rounding of 0.7 q and 1.2 q (which differs with q); a beta with another sd does not.
    std::string y = R"(sroi: 1
project: {name: Shapes}
stakeholders: [{id: s, name: S}]
inputs: [{id: grant, stakeholder: s, amount: 1000}]
outcomes:
)";
    for (int q = 50; q < 90; ++q) {
        const std::string v = std::to_string(q);
        y += "  - {id: o" + v + ", stakeholder: s, proxy: 10, quantity: {value: " + v +
             ", dist: pert, low: " + fmt::format("{}", 0.7 * q) + ", high: " + fmt::format("{}", 1.2 * q) +
             "}, attribution: {value: 0.3, dist: beta, sd: " + (q % 2 == 0 ? "0.08" : "0.09") + "}}\n";
    }
    const sroi::evaluator ev(sroi::load_model_from_string(y));
    const sroi::detail::block_model bm(ev, ev.base_values(), {}, false);
    std::set<double> alphas;
    for (std::size_t p : bm.random) {
        if (ev.parameters()[p].spec.dist == sroi::distribution::pert)
            alphas.insert(bm.samplers[p].dist.shape_a());
    }
    CHECK(alphas.size() > 1);      // the shapes do differ in their last bits
    CHECK(bm.tables.size() == 3);  // one PERT shape, two beta shapes
}

TEST_CASE("the benchmark floor sums the simulation's own uniforms") {
    // Three granules of draws of two parameters, summed word by word from the reference generator.
    const std::size_t draws = 3 * sroi::detail::granule;
    double expected = 0.0;
    for (std::uint32_t p = 0; p < 2; ++p) {
        for (std::size_t g = 0; g < 3; ++g) {
            std::vector<std::uint32_t> words(sroi::detail::granule);
            sroi::detail::philox_granule(g * sroi::detail::granule, p, 0, 11, words.data());
            for (std::uint32_t w : words)
                expected += sroi::detail::to_unit(w);
        }
    }
    CHECK(expected == doctest::Approx(0.5 * 2.0 * static_cast<double>(draws)).epsilon(0.03));
    for (unsigned threads : {1U, 2U})
        CHECK(sroi::detail::draw_uniforms(draws, 2, 11, threads) == doctest::Approx(expected).epsilon(1e-12));
}

TEST_CASE("all instruction sets agree on shapes with many words on the tail path") {
    // A beta with alpha < 1 (infinite density at 0), a PERT with its mode at the minimum, a
    // lognormal with sd twice its mean and a truncated normal: many body intervals fail the
    // table's check, so a granule has many tail words.
    const char* y = R"(sroi: 1
project: {name: Tails}
stakeholders: [{id: s, name: S}]
inputs: [{id: grant, stakeholder: s, amount: 1000}]
outcomes:
  - id: o
    stakeholder: s
    quantity: {value: 10, dist: pert, low: 10, high: 40}
    proxy: {value: 60, dist: lognormal, sd: 120}
    deadweight: {value: 0.05, dist: beta, sd: 0.1}
    attribution: {value: 0.3, dist: normal, sd: 0.2, low: 0, high: 1}
)";
    const sroi::evaluator ev(sroi::load_model_from_string(y));
    const sroi::detail::block_model bm(ev, ev.base_values(), {}, false);
    REQUIRE(bm.random.size() == 4);
    std::vector<std::uint32_t> words(sroi::detail::granule);
    for (std::size_t p : bm.random) {
        for (std::uint64_t first : {0U, 256U, 512U, 768U}) {
            sroi::detail::philox_granule(first, static_cast<std::uint32_t>(p), 0, 3, words.data());
            for (std::size_t d = 0; d < words.size(); d += 3)
                words[d] >>= 6;  // a third of the words within 2^26 of the lower end
            require_every_level_portable(bm.samplers[p], words);
        }
    }
}

TEST_CASE("a range is drawn as triangular, PERT or uniform, with the means of those shapes") {
    // quantity {18, low 12, high 22} x proxy 10, one year, no discount, inputs 100: ratio = q / 10.
    // Means by hand: triangular (12 + 18 + 22) / 3 = 17.333, PERT (12 + 4 x 18 + 22) / 6 = 17.667,
    // uniform (12 + 22) / 2 = 17; sd of the uniform 10 / sqrt(12) = 2.887 (ratio: / 10).
    const sroi::evaluator ev(sroi::load_model(std::string(SROI_SOURCE_DIR) + "/tests/data/ranges-only.yaml"));
    sroi::simulation_options options;
    options.draws = 200000;
    const auto mean_for = [&](sroi::range_draw shape) {
        options.ranges = shape;
        const sroi::simulation_result r = sroi::simulate(ev, options);
        CHECK(r.ranges == shape);
        return r;
    };
    const sroi::simulation_result triangular = mean_for(sroi::range_draw::triangular);
    CHECK(triangular.sampled.size() == 1);
    CHECK(triangular.drawn_from_ranges == 1);
    CHECK(triangular.sroi_ratio.mean == doctest::Approx(52.0 / 30.0).epsilon(2e-3));
    CHECK(mean_for(sroi::range_draw::pert).sroi_ratio.mean == doctest::Approx(106.0 / 60.0).epsilon(2e-3));
    const sroi::simulation_result uniform = mean_for(sroi::range_draw::uniform);
    CHECK(uniform.sroi_ratio.mean == doctest::Approx(1.7).epsilon(2e-3));
    CHECK(uniform.sroi_ratio.sd == doctest::Approx(1.0 / std::sqrt(12.0)).epsilon(1e-2));
    CHECK(uniform.sroi_ratio.min >= 1.2);
    CHECK(uniform.sroi_ratio.max <= 2.2);
    const sroi::simulation_result held = mean_for(sroi::range_draw::fixed);
    CHECK(held.sampled.empty());
    CHECK(held.sroi_ratio.sd < 1e-12);  // the base case repeated (up to rounding in the running sums)
    CHECK(held.sroi_ratio.mean == doctest::Approx(1.8));
}
