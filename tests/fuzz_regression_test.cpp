// Replays every input the model fuzzer ever crashed on (tests/data/fuzz-regressions/), and the
// fuzzer's seed corpus, through the fuzzer's own entry function (fuzz/fuzz_entry.cpp): each must
// be accepted or rejected cleanly, never crash, and never put a NaN or an infinity in a result.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_entry.hpp"

namespace {

namespace fs = std::filesystem;

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Regular files under `dir` (recursively when asked) except README.md, sorted for stable output.
std::vector<fs::path> files_in(const fs::path& dir, bool recursive) {
    std::vector<fs::path> files;
    const auto keep = [&](const fs::directory_entry& e) {
        if (e.is_regular_file() && e.path().filename() != "README.md") files.push_back(e.path());
    };
    if (recursive) {
        for (const auto& e : fs::recursive_directory_iterator(dir))
            keep(e);
    } else {
        for (const auto& e : fs::directory_iterator(dir))
            keep(e);
    }
    std::sort(files.begin(), files.end());
    return files;
}

void replay(const fs::path& file) {
    INFO("input: " << file.string());
    CHECK_NOTHROW(sroi::fuzz::run_model_input(read_bytes(file), SROI_FUZZ_LIBRARY));
}

}  // namespace

TEST_CASE("every input the fuzzer ever found is handled cleanly") {
    const std::vector<fs::path> files = files_in(fs::path(SROI_TEST_DATA) / "fuzz-regressions", false);
    REQUIRE_FALSE(files.empty());
    for (const fs::path& file : files)
        replay(file);
}

TEST_CASE("the fuzzer's seed corpus is handled cleanly") {
    std::vector<fs::path> files = files_in(fs::path(SROI_SOURCE_DIR) / "models" / "examples", false);
    for (const fs::path& file : files_in(SROI_TEST_DATA, true)) {
        if (file.extension() == ".yaml") files.push_back(file);
    }
    std::erase_if(files, [](const fs::path& file) { return file.extension() != ".yaml"; });
    REQUIRE(files.size() > 6);
    for (const fs::path& file : files)
        replay(file);
}

TEST_CASE("the entry function reports a broken invariant as a finding") {
    // A valid model goes through without a finding; the finding type is what the fuzzer and this
    // test rely on to tell a bug from a rejection.
    const std::string model = R"(sroi: 1
project: {name: P}
stakeholders: [{id: s, name: S}]
inputs: [{id: i, stakeholder: s, amount: 100}]
outcomes: [{id: o, stakeholder: s, quantity: 2, proxy: 75}]
)";
    CHECK_NOTHROW(sroi::fuzz::run_model_input(model, SROI_FUZZ_LIBRARY));
}
