// Loading, validating and reporting generated models: the path `sroi report` takes.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <iterator>
#include <string>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>
#include <yaml.h>
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
        sroi::report_context context{ev.model(), "", {}};
        std::string text = sroi::report_text(r, context);
        benchmark::DoNotOptimize(text.data());
    }
    std::filesystem::remove(path);
}
BENCHMARK(load_validate_report)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

// load + check only: what `sroi validate` does.
void load_validate(benchmark::State& state) {
    const std::string path = write_model(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        sroi::load_report report = sroi::load_model_report(path);
        benchmark::DoNotOptimize(report.model);
    }
    std::filesystem::remove(path);
}
BENCHMARK(load_validate)->Arg(1000)->Unit(benchmark::kMillisecond);

// The yardsticks: yaml-cpp's node tree (YAML::LoadFile, what the loader used before) and its
// event parser alone (what the loader's tree is built from), on the same file.
void yaml_cpp_load_file(benchmark::State& state) {
    const std::string path = write_model(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        YAML::Node root = YAML::LoadFile(path);
        benchmark::DoNotOptimize(root);
    }
    std::filesystem::remove(path);
}
BENCHMARK(yaml_cpp_load_file)->Arg(1000)->Unit(benchmark::kMillisecond);

/// Counts yaml-cpp's events.
class event_counter final : public YAML::EventHandler {
public:
    std::size_t events = 0;
    void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& /*mark*/, YAML::anchor_t /*anchor*/) override { ++events; }
    void OnAlias(const YAML::Mark& /*mark*/, YAML::anchor_t /*anchor*/) override { ++events; }
    void OnScalar(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                  const std::string& /*value*/) override {
        ++events;
    }
    void OnSequenceStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                         YAML::EmitterStyle::value /*style*/) override {
        ++events;
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                    YAML::EmitterStyle::value /*style*/) override {
        ++events;
    }
    void OnMapEnd() override {}
};

void yaml_cpp_events(benchmark::State& state) {
    const std::string path = write_model(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        std::ifstream in(path, std::ios::binary);
        YAML::Parser parser(in);
        event_counter counter;
        parser.HandleNextDocument(counter);
        benchmark::DoNotOptimize(counter.events);
    }
    std::filesystem::remove(path);
}
BENCHMARK(yaml_cpp_events)->Arg(1000)->Unit(benchmark::kMillisecond);

// libyaml's event parser alone (what the loader's tree is built from now), reading the file.
void libyaml_events(benchmark::State& state) {
    const std::string path = write_model(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        std::ifstream in(path, std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        yaml_parser_t parser;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                                     text.size());
        std::size_t events = 0;
        yaml_event_t event;
        while (yaml_parser_parse(&parser, &event) != 0) {
            const bool end = event.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&event);
            ++events;
            if (end) break;
        }
        yaml_parser_delete(&parser);
        benchmark::DoNotOptimize(events);
    }
    std::filesystem::remove(path);
}
BENCHMARK(libyaml_events)->Arg(1000)->Unit(benchmark::kMillisecond);

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
