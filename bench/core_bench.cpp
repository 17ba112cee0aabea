// Loading, validating and reporting generated models: the path `sroi report` takes.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <sroi/sroi.hpp>

#include "model_generator.hpp"

namespace {

std::string write_model(std::size_t outcomes) {
    const auto path =
        std::filesystem::temp_directory_path() / ("sroi-bench-" + std::to_string(outcomes) + ".yaml");
    std::ofstream(path) << sroi::bench::generate_model_yaml(outcomes);
    return path.string();
}

// load + check + evaluate + text report, from a file on disk.
void load_validate_report(benchmark::State& state) {
    const std::string path = write_model(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        const sroi::evaluator ev(sroi::load_model(path));
        const sroi::result r = ev.evaluate();
        sroi::report_context context{&ev.model(), "", {}};
        std::string text = sroi::report_text(r, context);
        benchmark::DoNotOptimize(text.data());
    }
    std::filesystem::remove(path);
}
BENCHMARK(load_validate_report)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

// Re-evaluating the headline figures after changing parameters: the analyses' inner loop.
void evaluate_totals(benchmark::State& state) {
    const sroi::evaluator ev(sroi::load_model_from_string(
        sroi::bench::generate_model_yaml(static_cast<std::size_t>(state.range(0)))));
    std::vector<double> values = ev.base_values();
    for (auto _ : state) {
        values[0] += 1e-9;
        benchmark::DoNotOptimize(ev.evaluate_totals(values));
    }
}
BENCHMARK(evaluate_totals)->Arg(1000);

}  // namespace

BENCHMARK_MAIN();
