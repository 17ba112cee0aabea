// Reading, evaluating and reporting a portfolio of many models: the path `sroi portfolio DIR`
// takes. The target is 2,000 models in under 5 s.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <sroi/sroi.hpp>

#include "model_generator.hpp"

namespace {

/// A temporary folder of `count` generated models of `outcomes` outcomes each.
std::filesystem::path write_models(std::size_t count, std::size_t outcomes) {
    const auto dir = std::filesystem::temp_directory_path() / fmt::format("sroi-portfolio-bench-{}", count);
    std::filesystem::create_directories(dir);
    const std::string yaml = sroi::bench::generate_model_yaml(outcomes);
    for (std::size_t i = 0; i < count; ++i)
        std::ofstream(dir / fmt::format("model-{:05}.yaml", i)) << yaml;
    return dir;
}

// expand the folder + load + check + evaluate every model + summarise + text report.
void portfolio_of_models(benchmark::State& state) {
    const auto dir = write_models(static_cast<std::size_t>(state.range(0)), 20);
    const std::vector<std::string> paths = {dir.string()};
    for (auto _ : state) {
        const sroi::portfolio_result p = sroi::evaluate_portfolio(sroi::load_portfolio(paths));
        std::string text = sroi::portfolio_text(p);
        benchmark::DoNotOptimize(text.data());
    }
    std::filesystem::remove_all(dir);
}
BENCHMARK(portfolio_of_models)->Arg(200)->Arg(2000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
