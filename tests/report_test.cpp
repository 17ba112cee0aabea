// Reports of the hand-worked golden model: figures against the hand calculation in
// tests/data/golden-model.yaml, and every format against its golden file in tests/golden/.
//
// To regenerate the golden files after an intended change of layout:
//   SROI_UPDATE_GOLDEN=1 build/tests/test_report   (then review the diff before committing)
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <sroi/sroi.hpp>

namespace {

const std::string golden_model = std::string(SROI_TEST_DATA) + "/golden-model.yaml";

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void check_golden(const std::string& name, const std::string& actual) {
    const std::filesystem::path path = std::filesystem::path(SROI_SOURCE_DIR) / "tests" / "golden" / name;
    if (std::getenv("SROI_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(path, std::ios::binary) << actual;
        MESSAGE("updated " << name);
        return;
    }
    REQUIRE_MESSAGE(std::filesystem::exists(path), "golden file missing: " << name);
    const std::string expected = read_file(path);
    CHECK_MESSAGE(actual == expected, name << " differs from its golden file; if the change is intended, "
                                              "regenerate with SROI_UPDATE_GOLDEN=1 and review the diff");
}

struct golden_fixture {
    sroi::evaluator ev{sroi::load_model(golden_model)};
    sroi::result r = ev.evaluate();
    sroi::report_context context{ev.model(), "", {}};
};

}  // namespace

TEST_CASE_FIXTURE(golden_fixture, "the golden model's figures match the hand calculation") {
    // Worked in the header of tests/data/golden-model.yaml with exact rational arithmetic.
    CHECK(r.present_value == doctest::Approx(152636.233807).epsilon(1e-11));
    CHECK(r.total_inputs == doctest::Approx(45797.101449).epsilon(1e-11));
    CHECK(r.net_present_value == doctest::Approx(106839.132357).epsilon(1e-11));
    CHECK(r.sroi_ratio == doctest::Approx(3.3328797888).epsilon(1e-10));
    CHECK(r.net_sroi_ratio == doctest::Approx(2.3328797888).epsilon(1e-10));
    REQUIRE(r.payback_months.has_value());
    CHECK(*r.payback_months == doctest::Approx(8.6202686110).epsilon(1e-10));
}

TEST_CASE_FIXTURE(golden_fixture, "JSON has the spec's fields with the evaluated numbers") {
    const auto j = nlohmann::json::parse(sroi::report_json(r, context));
    for (const char* key :
         {"project", "present_value", "total_inputs", "net_present_value", "sroi_ratio", "net_sroi_ratio",
          "payback_months", "years", "discount_factors", "outcomes", "inputs", "stakeholders"}) {
        CHECK_MESSAGE(j.contains(key), "missing field " << key);
    }
    CHECK(j["project"]["currency"] == "GBP");
    CHECK(j["project"]["price_year"] == 2024);
    CHECK(j["present_value"].get<double>() == r.present_value);  // full precision round trip
    CHECK(j["years"] == nlohmann::json::array({1, 2, 3, 4}));
    CHECK(j["discount_factors"][0].get<double>() == doctest::Approx(1 / 1.035).epsilon(1e-15));
    const auto& first = j["outcomes"][0];
    for (const char* key : {"id", "stakeholder", "impact", "values", "present_value"})
        CHECK(first.contains(key));
    CHECK(first["values"].size() == 4);
    for (const char* key : {"id", "stakeholder", "value", "present_value"})
        CHECK(j["inputs"][0].contains(key));
    for (const char* key : {"id", "present_value", "inputs"})
        CHECK(j["stakeholders"][0].contains(key));
}

TEST_CASE_FIXTURE(golden_fixture, "tidy CSV has one row per outcome and year that sum to the PV") {
    const std::string csv = sroi::report_csv(r, context);
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    CHECK(line ==
          "scenario,outcome,stakeholder,theme,value_type,year,calendar_year,value,discount_factor,"
          "present_value");
    int rows = 0;
    double total = 0;
    while (std::getline(in, line)) {
        ++rows;
        total += std::stod(line.substr(line.rfind(',') + 1));
    }
    CHECK(rows == 3 * 4);  // 3 outcomes x 4 years
    CHECK(total == doctest::Approx(r.present_value).epsilon(1e-12));
}

TEST_CASE_FIXTURE(golden_fixture, "every report format matches its golden file") {
    check_golden("golden-model.txt", sroi::report_text(r, context));
    check_golden("golden-model.md", sroi::report_markdown(r, context));
    check_golden("golden-model.csv", sroi::report_csv(r, context));
    check_golden("golden-model.impact-map.csv", sroi::report_impact_map_csv(r, context));
    // JSON: the library's file path is machine-independent, numbers are full precision
    check_golden("golden-model.json", sroi::report_json(r, context));
}

TEST_CASE("write_file_atomically replaces the file whole and leaves nothing behind on failure") {
    const auto dir = std::filesystem::path(SROI_BINARY_DIR) / "atomic-write-test";
    std::filesystem::create_directories(dir);
    const auto target = dir / "out.txt";
    sroi::write_file_atomically(target.string(), "first");
    sroi::write_file_atomically(target.string(), "second");
    CHECK(read_file(target) == "second");
    CHECK_THROWS_AS(sroi::write_file_atomically((dir / "no-such-dir" / "x.txt").string(), "x"), sroi::error);
    int files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir))
        ++files;
    CHECK(files == 1);  // no temporary left over
}
