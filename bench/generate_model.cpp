// Writes a benchmark model (bench/model_generator.cpp) with N outcomes to standard output, to
// time the sroi tool on it:
//   build/bench/generate_model 100 > model.yaml && time build/sroi simulate model.yaml --draws 1000000
//   build/bench/generate_model --shape distinct-shapes 100 > d.yaml   (a shape of its own per parameter)
//   build/bench/generate_model --shape many-stakeholders 100000 > m.yaml && time build/sroi validate m.yaml
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "model_generator.hpp"

namespace {

int usage() {
    std::fputs(
        "usage: generate_model [--shape SHAPE] [OUTCOMES]   (1 to 10,000,000; default 100)\n"
        "  SHAPE: standard (default), distinct-shapes, many-stakeholders, unknown-stakeholders, proxy-refs,\n"
        "         scenarios\n",
        stderr);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    sroi::bench::model_shape shape = sroi::bench::model_shape::standard;
    int next = 1;
    if (argc > 2 && std::string_view(argv[1]) == "--shape") {
        const std::optional<sroi::bench::model_shape> parsed = sroi::bench::parse_model_shape(argv[2]);
        if (!parsed) return usage();
        shape = *parsed;
        next = 3;
    }
    if (argc > next + 1) return usage();
    const unsigned long outcomes = argc > next ? std::strtoul(argv[next], nullptr, 10) : 100;
    if (outcomes == 0 || outcomes > 10'000'000) return usage();
    const std::string yaml = sroi::bench::generate_model_yaml(shape, outcomes);
    return std::fwrite(yaml.data(), 1, yaml.size(), stdout) == yaml.size() ? 0 : 1;
}
