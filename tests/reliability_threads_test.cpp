// Reliability (issue 13), threads: the one thread pool (parallel_for), thread counts capped, a
// thread the system refuses is a fallback to fewer threads (never an abort), first exception wins,
// and every analysis gives the same bits whatever the number of threads that ran.
#include <doctest/doctest.h>

#include <atomic>
#include <cstring>
#include <initializer_list>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <sroi/analysis/sensitivity.hpp>
#include <sroi/analysis/simulation.hpp>
#include <sroi/analysis/sobol.hpp>
#include <sroi/io/load.hpp>
#include <sroi/report/html_report.hpp>

#include "engine/simulation_engine.hpp"
#include "model/parallel.hpp"

namespace {

// Workers from `limit` on cannot be created, as if the system had run out of threads.
unsigned spawn_limit = 0;
std::atomic<unsigned> spawn_attempts{0};
bool refuse_from_limit(unsigned worker) {
    ++spawn_attempts;
    return worker < spawn_limit;
}

// Installs the hook for one test and removes it on the way out.
struct refuse_threads {
    explicit refuse_threads(unsigned from) {
        spawn_limit = from;
        spawn_attempts = 0;
        sroi::detail::spawn_hook = refuse_from_limit;
    }
    ~refuse_threads() { sroi::detail::spawn_hook = nullptr; }
    refuse_threads(const refuse_threads&) = delete;
    refuse_threads& operator=(const refuse_threads&) = delete;
};

// Every item's worker, checking that each item runs exactly once.
std::vector<unsigned> workers_of(std::size_t items, unsigned threads, unsigned* used) {
    std::vector<unsigned> worker(items, 9999);
    std::vector<std::atomic<int>> runs(items);
    *used = sroi::detail::parallel_for(items, threads, [&](std::size_t i, unsigned w) {
        worker[i] = w;
        ++runs[i];
    });
    for (std::size_t i = 0; i < items; ++i)
        REQUIRE(runs[i].load() == 1);
    return worker;
}

// Two sampled parameters; PV = 10 Q (1 - A), inputs 1000: enough to tell any change of bits.
const char* model_text = R"(sroi: 1
project: {name: Threads}
discount: {rate: 0}
stakeholders: [{id: s, name: S}]
inputs: [{id: grant, stakeholder: s, amount: 1000}]
outcomes:
  - id: o
    stakeholder: s
    quantity: {value: 100, dist: pert, low: 50, high: 150}
    proxy: {value: 10, dist: lognormal, sd: 2}
    attribution: {value: 0.2, dist: beta, sd: 0.05}
)";

sroi::evaluator model() {
    return sroi::evaluator(sroi::load_model_from_string(model_text));
}

bool same_bits(double a, double b) {
    return std::memcmp(&a, &b, sizeof a) == 0;
}

}  // namespace

TEST_CASE("thread counts are capped by the work items and by max_threads") {
    using sroi::detail::max_threads;
    using sroi::detail::thread_count;
    CHECK(thread_count(40000, 10) == 10);
    CHECK(thread_count(40000, 1000000) == max_threads);
    CHECK(thread_count(3, 1000000) == 3);
    CHECK(thread_count(5, 0) == 1);
    CHECK(thread_count(0, 1) == 1);
    const unsigned hardware = std::max(1U, std::thread::hardware_concurrency());
    CHECK(thread_count(0, 1000000) == std::min(hardware, max_threads));
}

TEST_CASE("parallel_for: item i runs once, on worker i % workers") {
    unsigned used = 0;
    const std::vector<unsigned> worker = workers_of(1000, 4, &used);
    CHECK(used == 4);
    for (std::size_t i = 0; i < worker.size(); ++i)
        CHECK(worker[i] == i % 4);

    const std::vector<unsigned> capped = workers_of(3, 40000, &used);
    CHECK(used == 3);
    CHECK(capped == std::vector<unsigned>{0, 1, 2});

    CHECK(workers_of(0, 8, &used).empty());
    CHECK(used == 1);
}

TEST_CASE("parallel_for: a thread the system refuses leaves its share to those running") {
    unsigned used = 0;
    {
        const refuse_threads refuse(3);  // workers 1 and 2 start, 3 does not
        const std::vector<unsigned> worker = workers_of(1000, 8, &used);
        CHECK(used == 3);
        CHECK(spawn_attempts.load() == 3);  // no further attempt after the first refusal
        for (std::size_t i = 0; i < worker.size(); ++i)
            CHECK(worker[i] == i % 3);
    }
    {
        const refuse_threads refuse(1);  // not one extra thread: all on the calling thread
        const std::vector<unsigned> worker = workers_of(100, 8, &used);
        CHECK(used == 1);
        CHECK(std::set<unsigned>(worker.begin(), worker.end()) == std::set<unsigned>{0});
    }
}

TEST_CASE("parallel_for: the first exception wins and stops the other workers") {
    std::atomic<std::size_t> ran{0};
    bool caught = false;
    try {
        sroi::detail::parallel_for(100000, 4, [&](std::size_t i, unsigned) {
            ++ran;
            if (i == 10) throw std::runtime_error("item 10 failed");
        });
    } catch (const std::runtime_error& e) {
        caught = std::string(e.what()) == "item 10 failed";
    }
    CHECK(caught);
    CHECK(ran.load() < 100000);  // the workers stopped early

    // Only one exception leaves, even when every item throws.
    std::string message;
    try {
        sroi::detail::parallel_for(
            64, 4, [&](std::size_t i, unsigned) { throw std::runtime_error("item " + std::to_string(i)); });
    } catch (const std::runtime_error& e) {
        message = e.what();
    }
    CHECK(message.starts_with("item "));
}

TEST_CASE("simulate and sobol: same bits when threads are refused, capped or many") {
    const sroi::evaluator ev = model();
    sroi::simulation_options so;
    so.draws = 70000;  // past the exact-percentile pilot, so the histograms of the workers merge
    so.seed = 7;
    so.threads = 1;
    const sroi::simulation_result one = sroi::simulate(ev, so);
    CHECK(one.threads == 1);
    sroi::simulation_result refused;
    {
        const refuse_threads refuse(2);
        so.threads = 40000;
        refused = sroi::simulate(ev, so);
    }
    CHECK(refused.threads == 2);
    so.threads = 40000;
    const sroi::simulation_result many = sroi::simulate(ev, so);
    // 70000 draws are 274 granules of 256: the pilot's 256 granules (65536 draws) run on 256
    // threads (the cap), the remaining 18 on 18; the least is reported.
    static_assert(sroi::detail::granule == 256);
    CHECK(many.threads == 18);
    for (const sroi::simulation_result* r :
         std::initializer_list<const sroi::simulation_result*>{&refused, &many}) {
        CHECK(same_bits(r->sroi_ratio.mean, one.sroi_ratio.mean));
        CHECK(same_bits(r->sroi_ratio.sd, one.sroi_ratio.sd));
        CHECK(same_bits(r->sroi_ratio.p5, one.sroi_ratio.p5));
        CHECK(same_bits(r->sroi_ratio.p95, one.sroi_ratio.p95));
        CHECK(same_bits(r->net_present_value.p50, one.net_present_value.p50));
        CHECK(r->ratio_histogram.counts == one.ratio_histogram.counts);
    }

    sroi::sobol_options o;
    o.samples = 5000;
    o.bootstrap = 0;
    o.threads = 1;
    const sroi::sobol_result s1 = sroi::sobol_indices(ev, o);
    sroi::sobol_result s_refused;
    {
        const refuse_threads refuse(3);
        o.threads = 40000;
        s_refused = sroi::sobol_indices(ev, o);
    }
    REQUIRE(s_refused.indices.size() == s1.indices.size());
    CHECK(s_refused.evaluations == s1.evaluations);
    for (std::size_t k = 0; k < s1.indices.size(); ++k) {
        CHECK(same_bits(s_refused.indices[k].first_order, s1.indices[k].first_order));
        CHECK(same_bits(s_refused.indices[k].total_order, s1.indices[k].total_order));
    }
}

TEST_CASE("quantile tables are built on the caller's threads only (threads = 1: no thread)") {
    const sroi::evaluator ev = model();
    {
        const refuse_threads refuse(1000);  // counts attempts, refuses none
        const sroi::detail::block_model one(ev, ev.base_values(), {}, false, 1);
        CHECK(spawn_attempts.load() == 0);
        CHECK(!one.tables.empty());
    }
    {
        const refuse_threads refuse(1000);
        const sroi::detail::block_model two(ev, ev.base_values(), {}, false, 2);
        CHECK(spawn_attempts.load() == std::min<std::size_t>(two.tables.size(), 2) - 1);
    }
}

// Memory budgets: a request above the budget is refused before anything is allocated (the budgets
// here are tiny, so nothing near them is ever allocated).
TEST_CASE("sobol refuses samples whose tables exceed the memory budget") {
    const sroi::evaluator ev = model();
    sroi::sobol_options o;
    o.samples = 100000;
    o.threads = 1;
    // 3 groups: per sample (4 + 2 x 3) x 8 + 1 = 81 bytes: 8.1 MB; a worker's granule buffers
    // (2 x 3 sampled + 1 outcome + 12) x 256 x 8 = 38,912 bytes.
    o.memory_budget = 8000000;
    try {
        (void)sroi::sobol_indices(ev, o);
        FAIL("expected sobol.too_large");
    } catch (const sroi::error& e) {
        CHECK(std::string(e.id()) == "sobol.too_large");
        CHECK(std::string(e.what()).find("100000 samples of 3 groups") != std::string::npos);
        CHECK(std::string(e.what()).find("needs 7.8 MiB, more than the memory budget of 7.6 MiB") !=
              std::string::npos);
    }
    o.memory_budget = 100000 * 81 + 38912 - 1;  // one byte short
    CHECK_THROWS_AS((void)sroi::sobol_indices(ev, o), sroi::error);
    o.memory_budget += 1;  // exactly enough
    o.samples = 100000;
    CHECK(sroi::sobol_indices(ev, o).samples == 100000);
}

TEST_CASE("keeping draws beyond the memory budget is refused") {
    const sroi::evaluator ev = model();
    sroi::simulation_options so;
    so.draws = 1000;
    so.keep_draws = true;
    so.memory_budget = 1000 * 6 * 8 - 1;  // (3 figures + 3 sampled values) x 8 bytes a draw
    try {
        (void)sroi::simulate(ev, so);
        FAIL("expected simulation.too_large");
    } catch (const sroi::error& e) {
        CHECK(std::string(e.id()) == "simulation.too_large");
    }
    so.memory_budget += 1;
    CHECK(sroi::simulate(ev, so).draw_sroi_ratio.size() == 1000);
}

TEST_CASE("the html report's kept ratios are checked against the memory budget") {
    const sroi::evaluator ev = model();
    sroi::html_report_options o;
    o.draws = 5000;
    o.threads = 1;
    o.memory_budget = 5000 * 8 - 1;
    try {
        (void)sroi::analyse_for_html(ev, {}, o);
        FAIL("expected simulation.too_large");
    } catch (const sroi::error& e) {
        CHECK(std::string(e.id()) == "simulation.too_large");
        CHECK(std::string(e.what()).find("ratios of 5000 draws") != std::string::npos);
    }
    o.memory_budget += 1;
    CHECK(sroi::analyse_for_html(ev, {}, o).simulated_ratios.size() == 5000);
}

TEST_CASE("a sweep holds no more rows than the memory budget") {
    const sroi::evaluator ev = model();
    // One axis: a row takes 24 (its point's vector) + 32 (figures) + 8 (the value) + 5 x 25 (its
    // CSV line) = 189 bytes; 1,000 bytes hold 5 rows.
    const std::vector<sroi::sweep_axis> six{sroi::parse_sweep_axis("outcomes.o.quantity=50:100:10")};
    const std::vector<sroi::sweep_axis> five{sroi::parse_sweep_axis("outcomes.o.quantity=50:90:10")};
    CHECK_THROWS_WITH_AS((void)sroi::sweep(ev, ev.base_values(), six, 1000000, 1000),
                         doctest::Contains("the limit is 5"), sroi::evaluation_error);
    CHECK(sroi::sweep(ev, ev.base_values(), five, 1000000, 1000).figures.size() == 5);
    // Two axes: rows of 24 + 32 + 16 + 6 x 25 = 222 bytes; 2,000 bytes hold 9 rows, 2 x 5 do not fit.
    const std::vector<sroi::sweep_axis> grid{sroi::parse_sweep_axis("outcomes.o.quantity=50:60:10"),
                                             sroi::parse_sweep_axis("outcomes.o.proxy=1:5:1")};
    CHECK_THROWS_WITH_AS((void)sroi::sweep(ev, ev.base_values(), grid, 1000000, 2000),
                         doctest::Contains("the grid has more than 9 points (what the memory budget holds)"),
                         sroi::evaluation_error);
}
