// The model-level work of `sroi validate` and `sroi report` on the large shapes of
// bench/model_generator.hpp (issue 13, point 5), apart from the YAML parse that yaml-cpp does:
//   yaml_parse      the yaml-cpp parse alone (another part of the loader)
//   load            parse + reading into a model + check_model (what `validate` does)
//   check           check_model on the loaded model (hash look-ups, capped suggestions)
//   report          evaluator (checks again) + evaluation + warnings + the text report
// The shape is the first argument (0 many-stakeholders, 1 unknown-stakeholders, 2 proxy-refs,
// 3 scenarios), the outcome count the second. The issue asks for validate and report under 2 s each:
//   build/bench/bench_model_checks --benchmark_filter='/100000'
#include <benchmark/benchmark.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <string>

#include <sroi/sroi.hpp>

#include "model_generator.hpp"

namespace {

using sroi::bench::model_shape;

constexpr std::array<model_shape, 4> shapes{model_shape::many_stakeholders, model_shape::unknown_stakeholders,
                                            model_shape::proxy_refs, model_shape::scenarios};

std::string yaml_of(const benchmark::State& state) {
    return sroi::bench::generate_model_yaml(shapes.at(static_cast<std::size_t>(state.range(0))),
                                            static_cast<std::size_t>(state.range(1)));
}

void yaml_parse(benchmark::State& state) {
    const std::string yaml = yaml_of(state);
    for (auto _ : state)
        benchmark::DoNotOptimize(YAML::Load(yaml));
}

void load(benchmark::State& state) {
    const std::string yaml = yaml_of(state);
    std::size_t diagnostics = 0;
    for (auto _ : state)
        diagnostics = sroi::load_model_report_from_string(yaml, "m.yaml").diagnostics.size();
    state.counters["diagnostics"] = static_cast<double>(diagnostics);
}

/// A loaded model; for the unknown-stakeholders shape (which does not load) the many-stakeholders
/// model with its stakeholder references changed to unknown ones after loading.
sroi::model model_of(const benchmark::State& state) {
    const auto shape = shapes.at(static_cast<std::size_t>(state.range(0)));
    if (shape != model_shape::unknown_stakeholders)
        return sroi::load_model_from_string(yaml_of(state), "m.yaml");
    sroi::model m = sroi::load_model_from_string(
        sroi::bench::generate_model_yaml(model_shape::many_stakeholders,
                                         static_cast<std::size_t>(state.range(1))),
        "m.yaml");
    for (std::size_t o = 0; o < m.outcomes.size(); ++o)
        m.outcomes[o].stakeholder = "absent-" + std::to_string(o);
    return m;
}

void check(benchmark::State& state) {
    const sroi::model m = model_of(state);
    std::size_t diagnostics = 0;
    for (auto _ : state)
        diagnostics = sroi::check_model(m).size();
    state.counters["diagnostics"] = static_cast<double>(diagnostics);
}

void report(benchmark::State& state) {
    if (shapes.at(static_cast<std::size_t>(state.range(0))) == model_shape::unknown_stakeholders) {
        state.SkipWithError("this shape has no report: it does not load");
        return;
    }
    const sroi::model m = model_of(state);
    std::size_t bytes = 0;
    for (auto _ : state) {
        const sroi::evaluator ev(m);
        const sroi::result r = ev.evaluate();
        const sroi::report_context context{ev.model(), "", sroi::analysis_warnings(ev, r)};
        bytes = sroi::render_report(r, context, sroi::report_format::text).size();
    }
    state.counters["report_bytes"] = static_cast<double>(bytes);
}

void shapes_and_sizes(benchmark::internal::Benchmark* b) {
    for (int shape = 0; shape < 4; ++shape) {
        for (int outcomes : {10'000, 100'000})
            b->Args({shape, outcomes});
    }
    b->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
}

}  // namespace

BENCHMARK(yaml_parse)->Apply(shapes_and_sizes);
BENCHMARK(load)->Apply(shapes_and_sizes);
BENCHMARK(check)->Apply(shapes_and_sizes);
BENCHMARK(report)->Apply(shapes_and_sizes);

BENCHMARK_MAIN();
