// Issue 13, data races: eight threads run evaluate, sensitivity, simulate (itself on two worker
// threads) and sobol on one shared model at the same time, and every figure must equal, bit for
// bit, what one thread alone computes. Under ThreadSanitizer (CMake option SROI_SANITIZE_THREAD,
// run by .ci/run) any race in these paths (e.g. the global `signgam` that std::lgamma writes)
// fails the run; in the ordinary build it is a determinism check.
#include <doctest/doctest.h>

#include <bit>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <sroi/analysis/sensitivity.hpp>
#include <sroi/analysis/simulation.hpp>
#include <sroi/analysis/sobol.hpp>
#include <sroi/engine/evaluate.hpp>
#include <sroi/io/load.hpp>

namespace {

// Every family of spec section 2 (pert and beta need the incomplete beta function and so
// log-gamma), and a correlation (the copula's normal table).
constexpr const char* model_text = R"(sroi: 1
project: {name: Threads}
discount: {rate: {value: 0.035, low: 0.015, high: 0.05}}
stakeholders: [{id: s, name: S}]
inputs:
  - {id: grant, stakeholder: s, amount: {value: 50000, dist: normal, sd: 5000, low: 30000}}
outcomes:
  - id: jobs
    stakeholder: s
    quantity: {value: 40, dist: pert, low: 25, high: 60}
    proxy: {value: 1500, dist: lognormal, sd: 300}
    deadweight: {value: 0.2, dist: beta, sd: 0.05}
    attribution: {value: 0.1, dist: triangular, low: 0.05, high: 0.2}
    drop_off: {value: 0.1, dist: uniform, low: 0.05, high: 0.2}
    duration: 3
  - id: wellbeing
    stakeholder: s
    quantity: {value: 120, dist: pert, low: 80, high: 150}
    proxy: {value: 300, dist: normal, sd: 40, low: 0}
    displacement: {value: 0.3, dist: beta, sd: 0.1}
    duration: 2
correlations:
  - between: [outcomes.jobs.quantity, outcomes.wellbeing.quantity]
    rho: 0.5
)";

struct fingerprint {
    std::vector<std::uint64_t> bits;
    void add(double x) { bits.push_back(std::bit_cast<std::uint64_t>(x)); }
    void add(const std::optional<double>& x) { add(x.value_or(-1.0)); }
    void add(const sroi::summary_statistics& s) {
        for (const double x : {s.mean, s.sd, s.min, s.p5, s.p25, s.p50, s.p75, s.p95, s.max})
            add(x);
    }
};

// Everything the four analyses compute, as bits.
fingerprint analyse(const sroi::evaluator& ev) {
    fingerprint f;
    const sroi::result r = ev.evaluate();
    for (const double x : {r.present_value, r.total_inputs, r.net_present_value, r.sroi_ratio})
        f.add(x);
    for (const double x : r.value_by_year)
        f.add(x);

    const sroi::sensitivity_result s = sroi::one_way_sensitivity(ev);
    for (const sroi::parameter_sensitivity& p : s.parameters) {
        for (const auto* end : {&p.low, &p.high}) {
            f.add(end->value);
            f.add(end->present_value);
            f.add(end->net_present_value);
            f.add(end->sroi_ratio);
        }
        f.add(p.swing);
    }

    sroi::simulation_options so;
    so.draws = 3000;
    so.threads = 2;
    const sroi::simulation_result m = sroi::simulate(ev, so);
    f.add(m.sroi_ratio);
    f.add(m.net_present_value);
    f.add(m.present_value);
    f.add(m.probability_ratio_above_1);
    f.add(static_cast<double>(m.invalid_draws));

    sroi::sobol_options bo;
    bo.samples = 256;
    bo.threads = 1;
    const sroi::sobol_result b = sroi::sobol_indices(ev, bo);
    for (const sroi::sobol_index& i : b.indices) {
        for (const double x : {i.first_order, i.total_order, i.npv_first_order, i.npv_total_order})
            f.add(x);
    }
    return f;
}

}  // namespace

TEST_CASE("eight threads analysing one model get the bits of a single-threaded run") {
    const sroi::model m = sroi::load_model_from_string(model_text, "threads.yaml");
    const sroi::evaluator ev(m);
    const fingerprint alone = analyse(ev);
    REQUIRE(alone.bits.size() > 50);

    constexpr int n = 8;
    std::vector<fingerprint> got(n);
    std::vector<std::string> failures(n);
    std::vector<std::thread> threads;
    threads.reserve(n);
    for (int t = 0; t < n; ++t) {
        threads.emplace_back([&, t] {
            try {
                got[static_cast<std::size_t>(t)] = analyse(ev);
            } catch (const std::exception& e) {
                failures[static_cast<std::size_t>(t)] = e.what();
            }
        });
    }
    for (auto& t : threads)
        t.join();
    for (int t = 0; t < n; ++t) {
        INFO("thread " << t << ": " << failures[static_cast<std::size_t>(t)]);
        CHECK(failures[static_cast<std::size_t>(t)].empty());
        CHECK(got[static_cast<std::size_t>(t)].bits == alone.bits);
    }
}
