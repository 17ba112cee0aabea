// Tests of the YAML loader: every class of error with its file, line, column and key path, the
// robustness cases (syntax errors, deep nesting, alias bombs, empty and oversized files) and a
// full model that uses every key of the format.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <string_view>

#include <sroi/io/load.hpp>

#include "fixtures.hpp"
#include "io/yaml_reader.hpp"

namespace {

const std::string data_dir = SROI_TEST_DATA;

sroi::load_report load(std::string_view yaml, const sroi::load_options& options = {}) {
    return sroi::load_model_report_from_string(yaml, "m.yaml", options);
}

std::string all_messages(const sroi::load_report& report) {
    std::string out;
    for (const sroi::diagnostic& d : report.diagnostics)
        out += d.to_string() + "\n";
    return out;
}

/// The first error whose message contains `text`, or nullptr.
const sroi::diagnostic* find_error(const sroi::load_report& report, std::string_view text) {
    for (const sroi::diagnostic& d : report.diagnostics) {
        if (d.level == sroi::severity::error && d.message.find(text) != std::string::npos) return &d;
    }
    return nullptr;
}

/// Expects an error containing `text` at `file`:`line`:`column` with key path `path`.
void expect_error(const sroi::load_report& report, std::string_view text, int line, int column,
                  std::string_view path, std::string_view file = "m.yaml") {
    INFO("diagnostics:\n" << all_messages(report));
    INFO("expected an error containing '" << text << "' at " << file << ":" << line << ":" << column);
    CHECK_FALSE(report.ok());
    CHECK_FALSE(report.model.has_value());
    const sroi::diagnostic* d = find_error(report, text);
    REQUIRE(d != nullptr);
    CHECK(d->location.file == file);
    CHECK(d->location.line == line);
    CHECK(d->location.column == column);
    CHECK(d->path == path);
}

constexpr std::string_view minimal = sroi::testing::minimal_model;

}  // namespace

TEST_CASE("the minimal model loads") {
    const auto report = load(minimal);
    INFO(all_messages(report));
    REQUIRE(report.ok());
    REQUIRE(report.model.has_value());
    CHECK(report.model->outcomes.at(0).proxy.value.value == 10.0);
}

TEST_CASE("unknown key: error at the key, with the nearest valid key suggested") {
    const auto report = load(R"(sroi: 1
project: {name: test}
inputs: [{id: a, amount: 100}]
outcomes:
  - id: o
    quantity: 1
    proxy: 10
    dropoff: 0.1
)");
    expect_error(report, "unknown key 'dropoff' (did you mean 'drop_off'?)", 8, 5, "outcomes[0].dropoff");
    // Far from every valid key: the valid keys are listed instead.
    const auto far = load(std::string(minimal) + "colour: red\n");
    expect_error(far, "unknown key 'colour'; expected one of: sroi, project", 5, 1, "colour");
}

TEST_CASE("duplicate key: error at the second one, naming the line of the first") {
    const auto report = load(R"(sroi: 1
project:
  name: test
  name: again
inputs: [{id: a, amount: 100}]
outcomes: [{id: o, quantity: 1, proxy: 10}]
)");
    expect_error(report, "duplicate key 'name' (first given at line 3)", 4, 3, "project.name");
}

TEST_CASE("wrong type: a list where a number is expected, a scalar where a mapping is expected") {
    const auto report = load(R"(sroi: 1
project: {name: test}
inputs: [{id: a, amount: [1, 2]}]
outcomes: [{id: o, quantity: 1, proxy: 10}]
discount: fast
)");
    expect_error(report, "expected a number, got a list", 3, 26, "inputs[0].amount");
    expect_error(report, "expected a mapping, got 'fast'", 5, 11, "discount");
    // Booleans and words are not numbers.
    expect_error(load(std::string(minimal) + "discount: {rate: true}\n"), "expected a number, got 'true'", 5,
                 18, "discount.rate");
}

TEST_CASE("quoted numbers: only percent strings may be quoted") {
    // Consistent rule: "25%" and 25% are 0.25, but "0.25" is a quoted string and an error.
    const auto quoted = load(std::string(minimal) + "discount: {rate: \"0.05\"}\n");
    expect_error(quoted, "expected a number, got the quoted string '0.05'", 5, 18, "discount.rate");
    const auto percent = load(std::string(minimal) + "discount: {rate: \"5%\"}\n");
    REQUIRE(percent.ok());
    CHECK(percent.model->discount.rate.value == doctest::Approx(0.05));
}

TEST_CASE("NaN, infinities, overflow and hex are not numbers") {
    for (const char* text : {".nan", "nan", ".inf", "-.Inf", "inf"}) {
        const auto report = load(std::string(minimal) + "discount: {rate: " + text + "}\n");
        INFO(text);
        expect_error(report, "expected a finite number", 5, 18, "discount.rate");
    }
    expect_error(load(std::string(minimal) + "discount: {rate: 1e400}\n"), "out of the range", 5, 18,
                 "discount.rate");
    expect_error(load(std::string(minimal) + "discount: {rate: 0x10}\n"), "expected a number, got '0x10'", 5,
                 18, "discount.rate");
    expect_error(load(std::string(minimal) + "discount: {rate: }\n"), "expected a number, got nothing", 5, 12,
                 "discount.rate");
}

TEST_CASE("parse_number is strict") {
    using sroi::detail::parse_number;
    CHECK(parse_number("25%").value == 0.25);
    CHECK(parse_number("12.5 %").value == 0.125);
    CHECK(parse_number("+3").value == 3.0);
    CHECK(parse_number("-1.5e2").value == -150.0);
    CHECK(parse_number(".5").value == 0.5);
    for (const char* bad :
         {"", "%", "+", "+-1", "1.2.3", "1e", "0x1A", "1_000", "yes", "12abc", " 1", "1e400"}) {
        INFO(bad);
        CHECK_FALSE(parse_number(bad).value.has_value());
    }
}

TEST_CASE("out-of-range values are reported at the value") {
    const auto report = load(R"(sroi: 1
project: {name: test}
inputs: [{id: a, amount: 100}]
outcomes:
  - id: o
    quantity: 1
    proxy: 10
    deadweight: 1.4
)");
    expect_error(report, "1.4 is outside [0, 1]", 8, 17, "outcomes[0].deadweight");
    // The same, written as a mapping: the path names the `value` key.
    const auto mapping = load(R"(sroi: 1
project: {name: test}
inputs: [{id: a, amount: 100}]
outcomes: [{id: o, quantity: 1, proxy: 10, drop_off: {value: -0.5}}]
)");
    expect_error(mapping, "-0.5 is outside [0, 1]", 4, 62, "outcomes[0].drop_off.value");
}

TEST_CASE("whole-number fields reject fractions; absurd sizes are errors") {
    const auto report = load(R"(sroi: 1
project: {name: test, horizon: 5000}
inputs: [{id: a, amount: 100}]
outcomes: [{id: o, quantity: 1, proxy: 10, duration: 3.5}]
)");
    expect_error(report, "must be a whole number, got 3.5", 4, 54, "outcomes[0].duration");
    expect_error(report, "5000 is more than 1,000 years", 2, 32, "project.horizon");
}

TEST_CASE("duplicate ids: error at the second, naming the first") {
    const auto report = load(R"(sroi: 1
project: {name: test}
inputs: [{id: a, amount: 100}]
outcomes:
  - {id: o, quantity: 1, proxy: 10}
  - {id: o, quantity: 2, proxy: 10}
)");
    expect_error(report, "duplicate outcome id 'o' (first defined at m.yaml:5:10)", 6, 10, "outcomes[1].id");
    expect_error(load(std::string(minimal) + "stakeholders: [{id: Bad Id}]\n"), "'Bad Id' is not a valid id",
                 5, 21, "stakeholders[0].id");
}

TEST_CASE("dangling stakeholder and proxy references") {
    const auto report = load(R"(sroi: 1
project: {name: test}
stakeholders: [{id: learners}]
inputs: [{id: a, amount: 100, stakeholder: lerners}]
outcomes: [{id: o, quantity: 1, proxy: {ref: nowhere}}]
)");
    expect_error(report, "unknown stakeholder 'lerners' (did you mean 'learners'?)", 4, 44,
                 "inputs[0].stakeholder");
    expect_error(report, "unknown proxy 'nowhere'", 5, 46, "outcomes[0].proxy.ref");
}

TEST_CASE("a missing library file is reported where the model names it") {
    const std::string file = data_dir + "/errors/missing-library.yaml";
    const auto report = sroi::load_model_report(file);
    expect_error(report, "nowhere.yaml': no such file", 5, 5, "libraries[1]", file);
}

TEST_CASE("an error inside a library is reported with the library's file and line") {
    const std::string file = data_dir + "/errors/library-error.yaml";
    const auto report = sroi::load_model_report(file);
    INFO(all_messages(report));
    const sroi::diagnostic* d = find_error(report, "unknown key 'colour'");
    REQUIRE(d != nullptr);
    CHECK(d->location.file.ends_with("lib/bad.yaml"));
    CHECK(d->location.line == 8);
    CHECK(d->location.column == 5);
    CHECK(d->path == "proxies[1].colour");
    CHECK_THROWS_AS((void)sroi::load_library(data_dir + "/lib/bad.yaml"), sroi::model_error);
}

TEST_CASE("a proxy defined in the model and in a library is an error naming both") {
    const std::string yaml = R"(sroi: 1
project: {name: test}
libraries: [lib/open.yaml]
inputs: [{id: a, amount: 100}]
outcomes: [{id: o, quantity: 1, proxy: {ref: wellby}}]
proxies: [{id: wellby, value: 1}]
)";
    const auto report = sroi::load_model_report_from_string(yaml, data_dir + "/inline.yaml");
    INFO(all_messages(report));
    const sroi::diagnostic* d = find_error(report, "duplicate proxy id 'wellby' (first defined at");
    REQUIRE(d != nullptr);
    CHECK(d->message.find("inline.yaml:6:") != std::string::npos);
    CHECK(d->location.file.ends_with("lib/open.yaml"));
    CHECK(d->location.line == 5);
    CHECK(d->path == "proxies[0].id");
}

TEST_CASE("inputs totalling 0 are an error") {
    const auto report = load(R"(sroi: 1
project: {name: test}
inputs:
  - {id: a, amount: 0}
  - {id: b, quantity: 0, unit_cost: 10}
outcomes: [{id: o, quantity: 1, proxy: 10}]
)");
    expect_error(report, "total inputs are 0: the SROI ratio is undefined", 4, 3, "inputs");
    const auto both = load(R"(sroi: 1
project: {name: test}
inputs: [{id: a, amount: 5, quantity: 1, unit_cost: 5}]
outcomes: [{id: o, quantity: 1, proxy: 10}]
)");
    expect_error(both, "either amount or quantity x unit_cost, not both", 3, 10, "inputs[0]");
}

TEST_CASE("bad distributions") {
    const auto report = load(R"(sroi: 1
project: {name: test}
inputs: [{id: a, amount: 100}]
outcomes:
  - id: o
    quantity: {value: 5, dist: triangular, low: 1}
    proxy: 10
    attribution: {value: 0.5, dist: beta, sd: 0.6}
    deadweight: {value: 0.5, dist: lognormal, sd: 0.1}
    drop_off: {value: 0.1, dist: gamma}
)");
    expect_error(report, "a triangular distribution needs both low and high", 6, 32,
                 "outcomes[0].quantity.dist");
    expect_error(report, "sd 0.6 is too large for a beta with this mean", 8, 47,
                 "outcomes[0].attribution.sd");
    expect_error(report, "lognormal distribution cannot describe a fraction", 9, 36,
                 "outcomes[0].deadweight.dist");
    expect_error(report, "'gamma' is not one of: fixed, uniform", 10, 34, "outcomes[0].drop_off.dist");
}

TEST_CASE("a proxy price year missing from the price index") {
    const std::string yaml = R"(sroi: 1
project: {name: test, price_year: 2023}
libraries: [lib/open.yaml]
price_index: deflator
inputs: [{id: a, amount: 100}]
outcomes: [{id: o, quantity: 1, proxy: {ref: wellby}}]
)";
    const auto report = sroi::load_model_report_from_string(yaml, data_dir + "/inline.yaml");
    expect_error(report, "price index 'deflator' has no value for 2023", 6, 40, "outcomes[0].proxy",
                 data_dir + "/inline.yaml");
}

TEST_CASE("the format version must be 1") {
    expect_error(load("sroi: 2\nproject: {name: x}\n"), "unsupported format version 2", 1, 7, "sroi");
    expect_error(load("project: {name: x}\n"), "missing required key 'sroi'", 1, 1, "sroi");
    expect_error(load("sroi: 1.5\n"), "must be a whole number", 1, 7, "sroi");
}

TEST_CASE("YAML syntax errors carry the parser's line and column") {
    const auto report = load("sroi: 1\nproject: {name: [x\n");
    INFO(all_messages(report));
    REQUIRE(report.diagnostics.size() == 1);
    CHECK(report.diagnostics[0].message.find("YAML syntax error") != std::string::npos);
    CHECK(report.diagnostics[0].location.line >= 2);
    CHECK(report.diagnostics[0].location.column >= 1);
    CHECK_THROWS_AS((void)sroi::load_model_from_string("a: [", "x.yaml"), sroi::model_error);
}

TEST_CASE("deep nesting is an error, not a crash") {
    const std::string deep(100000, '[');
    const auto report = load(deep);
    INFO(all_messages(report));
    CHECK_FALSE(report.ok());
    REQUIRE_FALSE(report.diagnostics.empty());
    CHECK(report.diagnostics[0].location.file == "m.yaml");
    const auto nested_map = load("sroi: 1\nproject: " + std::string(100000, '{'));
    CHECK_FALSE(nested_map.ok());
}

TEST_CASE("an alias bomb costs nothing: only the schema is walked") {
    // "Billion laughs": each level refers to the previous one nine times (9^9 leaves if expanded).
    std::string yaml = "a0: &a0 [lol]\n";
    for (int i = 1; i <= 9; ++i) {
        yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
        for (int j = 0; j < 9; ++j)
            yaml += std::string(j == 0 ? "" : ", ") + "*a" + std::to_string(i - 1);
        yaml += "]\n";
    }
    yaml += "sroi: 1\nstakeholders: *a9\n";
    const auto report = load(yaml);
    CHECK_FALSE(report.ok());
    expect_error(report, "unknown key 'a0'", 1, 1, "a0");
    // The nine elements of a9 are lists, not stakeholders: one error each, no expansion.
    CHECK(report.diagnostics.size() < 40);
}

TEST_CASE("empty files, scalars, lists, binary junk, directories and missing files fail cleanly") {
    expect_error(load(""), "file is empty", 0, 0, "");
    expect_error(load("# only a comment\n"), "file is empty", 0, 0, "");
    expect_error(load("just text"), "must be a mapping starting with `sroi: 1`, got 'just text'", 1, 1, "");
    expect_error(load("- 1\n- 2\n"), "got a list", 1, 1, "");
    expect_error(load(std::string("\x7f\x45\x4c\x46\x02\x00\x01", 7)), "not text", 1, 6,
                 "");  // the NUL byte at its place
    CHECK_FALSE(load("\xff\xfe\x01\x02{[}]").ok());

    const std::string empty = data_dir + "/errors/empty.yaml";
    expect_error(sroi::load_model_report(empty), "file is empty", 0, 0, "", empty);
    expect_error(sroi::load_model_report(data_dir), "is a directory", 0, 0, "", data_dir);
    const std::string missing = data_dir + "/no-such-file.yaml";
    expect_error(sroi::load_model_report(missing), "no such file", 0, 0, "", missing);
    try {
        (void)sroi::load_model(missing);
        FAIL("expected model_error");
    } catch (const sroi::model_error& e) {
        CHECK(e.file() == missing);
        CHECK(e.id() == "model.invalid");
        CHECK(std::string(e.what()) == missing + ": error: cannot read model: no such file");
    }
}

TEST_CASE("files larger than max_file_bytes are rejected") {
    sroi::load_options options;
    options.max_file_bytes = 16;
    expect_error(load(minimal, options), "larger than the limit of 16 bytes", 0, 0, "");
    const std::string file = data_dir + "/valid/full.yaml";
    expect_error(sroi::load_model_report(file, options), "larger than the limit of 16 bytes", 0, 0, "", file);
}

TEST_CASE("a full model with every key loads with the expected values") {
    const std::string file = data_dir + "/valid/full.yaml";
    const auto report = sroi::load_model_report(file);
    INFO(all_messages(report));
    REQUIRE(report.ok());
    const sroi::model& m = *report.model;
    CHECK(m.project.name == "Full model");
    CHECK(m.project.currency == "GBP");
    CHECK(m.project.price_year == 2024);
    CHECK(m.project.start_year == 2025);
    CHECK(m.project.type == sroi::study_type::evaluative);
    CHECK(m.project.horizon == 10);
    // rates: [0.035, "3%", 2.5%]: a quoted and a plain percent string.
    CHECK(m.discount.kind == sroi::discount_spec::form::per_year);
    REQUIRE(m.discount.rates.size() == 3);
    CHECK(m.discount.rates[1] == doctest::Approx(0.03));
    CHECK(m.discount.rates[2] == doctest::Approx(0.025));
    CHECK(m.discount.timing == sroi::discount_timing::start_of_year);
    CHECK(m.price_index == "deflator");
    REQUIRE(m.libraries.size() == 1);
    CHECK(m.libraries[0].ends_with("lib/open.yaml"));
    CHECK(m.stakeholders.size() == 2);

    REQUIRE(m.inputs.size() == 2);
    CHECK(m.inputs[0].amount->value == 1000.0);
    CHECK(m.inputs[0].amount->low == 800.0);
    CHECK(m.inputs[0].note == "from the budget");
    CHECK(m.inputs[1].quantity->value == 10.0);
    CHECK(m.inputs[1].unit_cost->value == 20.0);
    CHECK(m.inputs[1].unit == "hours");
    CHECK(m.inputs[1].year == 1);

    REQUIRE(m.outcomes.size() == 2);
    const sroi::outcome& w = m.outcomes[0];
    CHECK(w.type == sroi::value_type::wellbeing);
    CHECK(w.theme == "social");
    CHECK(w.indicator == "Life satisfaction");
    CHECK(w.quantity.dist == sroi::distribution::pert);
    CHECK(w.proxy.ref == "wellby");
    CHECK(w.proxy.multiplier == 0.2);
    CHECK(w.deadweight.value == 0.25);    // 25%
    CHECK(w.displacement.value == 0.05);  // "5%"
    CHECK(w.attribution.dist == sroi::distribution::beta);
    CHECK(w.attribution.sd == 0.05);
    CHECK(w.drop_off.dist == sroi::distribution::uniform);
    CHECK(w.duration == 3);
    CHECK(w.start == 2);
    const sroi::outcome& jobs = m.outcomes[1];
    CHECK(jobs.type == sroi::value_type::economic);
    CHECK(jobs.proxy.value.value == 500.0);
    CHECK(jobs.proxy.value.dist == sroi::distribution::normal);
    CHECK(jobs.proxy.price_year == 2024);
    CHECK(jobs.proxy.provenance.method == "market");
    CHECK(jobs.proxy.provenance.unit == "per job");

    // The model's own proxy comes first, then the library's (with its file recorded).
    REQUIRE(m.proxies.size() == 2);
    CHECK(m.proxies[0].id == "own");
    CHECK(m.proxies[0].value.dist == sroi::distribution::lognormal);
    CHECK(m.proxies[0].library.empty());
    const sroi::proxy* wellby = m.find_proxy("wellby");
    REQUIRE(wellby != nullptr);
    CHECK(wellby->value.value == 13000.0);
    CHECK(wellby->value.high == 16000.0);
    CHECK(wellby->price_year == 2019);
    CHECK(wellby->provenance.licence == "OGL-3.0");
    CHECK(wellby->library.ends_with("lib/open.yaml"));
    const sroi::price_index* deflator = m.find_index("deflator");
    REQUIRE(deflator != nullptr);
    CHECK(deflator->values.at(2019) == 80.0);
    CHECK(deflator->base_year == 2024);

    REQUIRE(m.scenarios.size() == 1);
    CHECK(m.scenarios[0].name == "pessimistic");
    REQUIRE(m.scenarios[0].set.size() == 2);
    CHECK(m.scenarios[0].set[0].first == "outcomes.wellbeing.deadweight");
    CHECK(m.scenarios[0].set[0].second == 0.4);
    REQUIRE(m.correlations.size() == 1);
    CHECK(m.correlations[0].rho == 0.5);

    // Locations are 1-based and point at values.
    const sroi::source_location at = m.locate("outcomes[0].deadweight");
    CHECK(at.line == 42);
    CHECK(at.column == 17);
    CHECK(m.locate("outcomes[0].deadweight.low").line == 42);  // longest recorded prefix
    CHECK(m.locate("nothing.here").line == 0);
}

TEST_CASE("discount forms: constant with a distribution, green-book, and only one form at a time") {
    const auto rate =
        load(std::string(minimal) + "discount: {rate: {value: 0.035, low: 0.01, high: 0.05}}\n");
    REQUIRE(rate.ok());
    CHECK(rate.model->discount.kind == sroi::discount_spec::form::constant);
    CHECK(rate.model->discount.rate.high == 0.05);
    const auto green = load(std::string(minimal) + "discount: {schedule: green-book}\n");
    REQUIRE(green.ok());
    CHECK(green.model->discount.kind == sroi::discount_spec::form::green_book);
    expect_error(load(std::string(minimal) + "discount: {rate: 0.03, rates: [0.03]}\n"),
                 "give only one of rate, schedule and rates", 5, 24, "discount.rates");
    expect_error(load(std::string(minimal) + "discount: {schedule: greenbook}\n"),
                 "'greenbook' is not one of: green-book (did you mean 'green-book'?)", 5, 22,
                 "discount.schedule");
}

TEST_CASE("load_model throws model_error listing every error of the file") {
    const std::string file = data_dir + "/errors/several.yaml";
    try {
        (void)sroi::load_model(file);
        FAIL("expected model_error");
    } catch (const sroi::model_error& e) {
        const std::string what = e.what();
        INFO(what);
        CHECK(e.diagnostics().size() >= 5);
        CHECK(e.line() == 11);  // the first error in file order: the unknown key
        CHECK(e.path() == "outcomes[0].dropoff");
        CHECK(what.find(":12:17: error: outcomes[0].deadweight: 1.4 is outside [0, 1]") != std::string::npos);
        CHECK(what.find("duplicate outcome id 'o'") != std::string::npos);
        CHECK(what.find("outcomes[1].quantity: -2 is outside [0, inf)") != std::string::npos);
        CHECK(what.find("outcomes[1].duration: must be at least 1, got 0") != std::string::npos);
    }
}

TEST_CASE("scenarios and correlations are read and checked") {
    const auto report = load(std::string(minimal) + R"(scenarios:
  low:
    set: {outcomes.o.deadwieght: 0.5, outcomes.o.quantity: -1}
correlations:
  - {between: [outcomes.o.quantity], rho: 2}
)");
    expect_error(report,
                 "unknown parameter path 'outcomes.o.deadwieght' (did you mean 'outcomes.o.deadweight'?)", 7,
                 34, "scenarios.low.set.outcomes.o.deadwieght");
    expect_error(report, "-1 is outside [0, inf)", 7, 60, "scenarios.low.set.outcomes.o.quantity");
    expect_error(report, "expected exactly two parameter paths, got 1", 9, 15, "correlations[0].between");
}
