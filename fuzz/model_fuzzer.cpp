// libFuzzer target: the model loader, the evaluator and the reports on arbitrary bytes.
// Built with -DSROI_BUILD_FUZZERS=ON (clang only); run with fuzz/run.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_entry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): libFuzzer hands over raw bytes
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    sroi::fuzz::run_model_input(text, SROI_FUZZ_LIBRARY);
    return 0;
}
