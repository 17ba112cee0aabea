// One-way sensitivity with switching values on generated models: the path `sroi sensitivity`
// takes after loading. Run e.g. build/bench/bench_sensitivity --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include <sroi/sroi.hpp>

#include "model_generator.hpp"

namespace {

// One-way analysis of every parameter (six per outcome, three inputs, discount.rate) plus the
// switching value of each: closed form for affine parameters, root search for drop-off and rate.
void one_way_with_switching_values(benchmark::State& state) {
    const sroi::evaluator ev(sroi::load_model_from_string(
        sroi::bench::generate_model_yaml(static_cast<std::size_t>(state.range(0)))));
    for (auto _ : state) {
        const sroi::sensitivity_result s = sroi::one_way_sensitivity(ev);
        benchmark::DoNotOptimize(s.parameters.data());
    }
    state.counters["parameters"] = static_cast<double>(ev.parameters().size());
}
BENCHMARK(one_way_with_switching_values)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

// The same plus the text report with both tornadoes and the full table.
void one_way_and_text_report(benchmark::State& state) {
    const sroi::evaluator ev(sroi::load_model_from_string(
        sroi::bench::generate_model_yaml(static_cast<std::size_t>(state.range(0)))));
    const sroi::report_context context{ev.model(), "", {}};
    for (auto _ : state) {
        const std::string text = sroi::sensitivity_text(sroi::one_way_sensitivity(ev), context);
        benchmark::DoNotOptimize(text.data());
    }
}
BENCHMARK(one_way_and_text_report)->Arg(1000)->Unit(benchmark::kMillisecond);

// A 101 x 101 two-way sweep (one outcome's quantity and deadweight).
void two_way_sweep(benchmark::State& state) {
    const sroi::evaluator ev(sroi::load_model_from_string(sroi::bench::generate_model_yaml(1000)));
    const std::vector<sroi::sweep_axis> axes{{"outcomes.outcome-7.quantity", 0.0, 100.0, 1.0},
                                             {"outcomes.outcome-7.deadweight", 0.0, 1.0, 0.01}};
    for (auto _ : state)
        benchmark::DoNotOptimize(sroi::sweep(ev, ev.base_values(), axes).figures.data());
}
BENCHMARK(two_way_sweep)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
