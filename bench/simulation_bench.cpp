// Monte Carlo and Sobol on the benchmark model (100 outcomes x 5 uncertain parameters,
// durations 5-10 years), against the floor of merely drawing the uniforms they need; Monte Carlo
// also on the distinct-shape model (the same, but each of its 300 tabulated parameters has a shape
// of its own, as in real models; 256 draws time mostly the set-up, its quantile tables).
//   build/bench/bench_simulation --benchmark_filter=. --benchmark_min_time=1
#include <benchmark/benchmark.h>

#include <thread>

#include <sroi/analysis/simulation.hpp>
#include <sroi/analysis/sobol.hpp>
#include <sroi/sroi.hpp>

#include "analysis/simulation_floor.hpp"
#include "model_generator.hpp"

namespace {

const sroi::evaluator& benchmark_model() {
    static const sroi::evaluator ev(sroi::load_model_from_string(sroi::bench::generate_model_yaml(100)));
    return ev;
}

const sroi::evaluator& distinct_shape_model() {
    static const sroi::evaluator ev(sroi::load_model_from_string(
        sroi::bench::generate_model_yaml(sroi::bench::model_shape::distinct_shapes, 100)));
    return ev;
}

// state.range(0) draws of `ev` (1,000,000 draws x 500 sampled parameters), all hardware threads.
void simulate(benchmark::State& state, const sroi::evaluator& ev) {
    sroi::simulation_options options;
    options.draws = static_cast<std::size_t>(state.range(0));
    options.seed = 42;
    for (auto _ : state) {
        const sroi::simulation_result r = sroi::simulate(ev, options);
        benchmark::DoNotOptimize(r.sroi_ratio.mean);
    }
    state.counters["draws/s"] =
        benchmark::Counter(static_cast<double>(options.draws), benchmark::Counter::kIsIterationInvariantRate);
}
void simulate_1m(benchmark::State& state) {
    simulate(state, benchmark_model());
}
BENCHMARK(simulate_1m)->Arg(1000000)->Arg(256)->Unit(benchmark::kMillisecond)->UseRealTime();
void simulate_distinct_shapes(benchmark::State& state) {
    simulate(state, distinct_shape_model());
}
BENCHMARK(simulate_distinct_shapes)->Arg(1000000)->Arg(256)->Unit(benchmark::kMillisecond)->UseRealTime();

// The floor: the 5 x 10^8 uniforms alone (same generator, layout and threads).
void uniforms_only(benchmark::State& state) {
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            sroi::detail::draw_uniforms(static_cast<std::size_t>(state.range(0)), 500, 42));
    }
}
BENCHMARK(uniforms_only)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime();

// Sobol indices with 4,096 base samples on the same model.
void sobol_4096(benchmark::State& state) {
    const sroi::evaluator& ev = benchmark_model();
    sroi::sobol_options options;
    options.samples = static_cast<std::size_t>(state.range(0));
    for (auto _ : state) {
        const sroi::sobol_result r = sroi::sobol_indices(ev, options);
        benchmark::DoNotOptimize(r.indices.data());
    }
}
BENCHMARK(sobol_4096)->Arg(4096)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
