// Writes the benchmark model (bench/model_generator.cpp) with N outcomes to standard output, to
// time the sroi tool on it:
//   build/bench/generate_model 100 > model.yaml && time build/sroi simulate model.yaml --draws 1000000
#include <cstdio>
#include <cstdlib>
#include <string>

#include "model_generator.hpp"

int main(int argc, char** argv) {
    const unsigned long outcomes = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100;
    if (outcomes == 0 || outcomes > 10'000'000) {
        std::fputs("usage: generate_model [OUTCOMES]   (1 to 10,000,000; default 100)\n", stderr);
        return 2;
    }
    const std::string yaml = sroi::bench::generate_model_yaml(outcomes);
    return std::fwrite(yaml.data(), 1, yaml.size(), stdout) == yaml.size() ? 0 : 1;
}
