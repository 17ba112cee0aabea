// Reliability of model-level checks (issue 13, points 5, 9 and 11): look-ups that stay linear on
// large models (checked for correctness, never timed), suggestions only for the first unknown
// names, every rejection located, and control characters kept out of names and text.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <sroi/analysis/scenarios.hpp>
#include <sroi/engine/evaluate.hpp>
#include <sroi/io/load.hpp>
#include <sroi/io/scenario_file.hpp>
#include <sroi/model/model.hpp>
#include <sroi/model/parameters.hpp>

#include "io/yaml_reader.hpp"
#include "model/suggest.hpp"

namespace {

const std::string source_dir = SROI_SOURCE_DIR;

sroi::load_report load(std::string_view yaml, const sroi::load_options& options = {}) {
    return sroi::load_model_report_from_string(yaml, "m.yaml", options);
}

std::string all_messages(const std::vector<sroi::diagnostic>& diagnostics) {
    std::string out;
    for (const sroi::diagnostic& d : diagnostics)
        out += d.to_string() + "\n";
    return out;
}

std::vector<sroi::diagnostic> errors_of(const std::vector<sroi::diagnostic>& diagnostics) {
    std::vector<sroi::diagnostic> errors;
    for (const sroi::diagnostic& d : diagnostics) {
        if (d.level == sroi::severity::error) errors.push_back(d);
    }
    return errors;
}

/// The only error of a load, which must be at `line`:`column` of m.yaml with key path `path`.
void expect_one_error(const sroi::load_report& report, std::string_view text, int line, int column,
                      std::string_view path) {
    INFO("diagnostics:\n" << all_messages(report.diagnostics));
    const std::vector<sroi::diagnostic> errors = errors_of(report.diagnostics);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find(text) != std::string::npos);
    CHECK(errors[0].location.file == "m.yaml");
    CHECK(errors[0].location.line == line);
    CHECK(errors[0].location.column == column);
    CHECK(errors[0].path == path);
}

/// A model built in code: `stakeholders` stakeholders `group-0` ...; one input of 1000 in year 0;
/// `outcomes` outcomes of quantity 1 x proxy 10 for one year, undiscounted (rate 0): PV 10 each.
sroi::model plain_model(std::size_t stakeholders, std::size_t outcomes) {
    sroi::model m;
    m.project.name = "large";
    m.discount.rate = 0.0;
    for (std::size_t s = 0; s < stakeholders; ++s)
        m.stakeholders.push_back({fmt::format("group-{}", s), {}, {}});
    sroi::input grant;
    grant.id = "grant";
    grant.stakeholder = "group-0";
    grant.amount = 1000.0;
    m.inputs.push_back(grant);
    for (std::size_t o = 0; o < outcomes; ++o) {
        sroi::outcome oc;
        oc.id = fmt::format("outcome-{}", o);
        oc.stakeholder = "group-0";
        oc.quantity = 1.0;
        oc.proxy.value = 10.0;
        m.outcomes.push_back(oc);
    }
    return m;
}

}  // namespace

TEST_CASE("edit distance with a limit stops early but agrees with the full distance within it") {
    using sroi::detail::edit_distance;
    using sroi::detail::edit_distance_within;
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance_within("kitten", "sitting", 3) == 3);
    CHECK(edit_distance_within("kitten", "sitting", 5) == 3);
    CHECK(edit_distance_within("kitten", "sitting", 2) == 3);  // limit + 1: "more than 2"
    CHECK(edit_distance_within("a", "abcdef", 2) == 3);        // five insertions: more than 2
    CHECK(edit_distance_within("", "", 0) == 0);
    CHECK(edit_distance_within("same", "same", 0) == 0);
    CHECK(edit_distance_within("flaw", "lawn", 1) == 2);  // 2 edits: more than 1

    sroi::detail::nearest_word finder("drop_of");
    for (std::string_view candidate : {"deadweight", "drop_off", "drop_ofx", "duration"})
        finder.consider(candidate);
    CHECK(finder.best() == "drop_off");  // the first of the two at distance 1
    sroi::detail::nearest_word none("zzzzzz");
    none.consider("quantity");
    CHECK(none.best().empty());
}

TEST_CASE("printable escapes control characters; find_control_character finds them") {
    using sroi::detail::find_control_character;
    using sroi::detail::printable;
    CHECK(printable("plain £ text") == "plain £ text");
    CHECK(printable("a\x1b[31mred") == "a\\x1B[31mred");
    CHECK(printable(std::string_view("nul\0!", 5)) == "nul\\x00!");
    CHECK(printable("c1 \xC2\x9B here") == "c1 \\u009B here");
    CHECK(printable("del\x7F") == "del\\x7F");
    CHECK(find_control_character("line one\nline\ttwo", true) == std::string_view::npos);
    CHECK(find_control_character("line one\nline two", false) == 8);
    CHECK(find_control_character("tab\there", false) == 3);
    CHECK(find_control_character("cr\r", true) == 2);
    CHECK(find_control_character("\xC2\xA3 pound", false) == std::string_view::npos);  // U+00A3 is text
    CHECK(find_control_character("x\xC2\x85", true) == 1);                             // U+0085 (NEL)
}

TEST_CASE("40,000 stakeholders, every outcome naming the last: no error, and the breakdown is right") {
    constexpr std::size_t n = 40'000;
    sroi::model m = plain_model(n, n);
    for (sroi::outcome& oc : m.outcomes)
        oc.stakeholder = fmt::format("group-{}", n - 1);
    CHECK(errors_of(sroi::check_model(m)).empty());
    const sroi::result r = sroi::evaluate(m);
    CHECK(r.present_value == doctest::Approx(10.0 * n));  // 40,000 x 1 x 10, undiscounted
    REQUIRE(r.stakeholders.size() == n);                  // one row each, in model order
    CHECK(r.stakeholders.front().key == "group-0");
    CHECK(r.stakeholders.front().inputs == doctest::Approx(1000.0));
    CHECK(r.stakeholders.back().key == fmt::format("group-{}", n - 1));
    CHECK(r.stakeholders.back().present_value == doctest::Approx(10.0 * n));
    CHECK(r.stakeholders[n / 2].present_value == 0.0);
}

TEST_CASE("40,000 outcomes referencing 40,000 named proxies: every proxy is a parameter, in order") {
    constexpr std::size_t n = 40'000;
    sroi::model m = plain_model(1, n);
    for (std::size_t p = 0; p < n; ++p) {
        sroi::proxy px;
        px.id = fmt::format("proxy-{}", p);
        px.value = static_cast<double>(p % 7);
        m.proxies.push_back(px);
        m.outcomes[p].proxy.ref = fmt::format("proxy-{}", n - 1 - p);  // outcome p uses proxy n-1-p
    }
    CHECK(errors_of(sroi::check_model(m)).empty());
    const sroi::parameter_set parameters(m);
    // 5 per outcome (quantity, deadweight, displacement, attribution, drop-off), the input's amount,
    // then the proxies in their list order, then discount.rate.
    REQUIRE(parameters.size() == 5 * n + 1 + n + 1);
    CHECK(parameters[5 * n].path == "inputs.grant.amount");
    CHECK(parameters[5 * n + 1].path == "proxies.proxy-0");
    CHECK(parameters[5 * n + 1].owner == 0);
    CHECK(parameters[6 * n].path == fmt::format("proxies.proxy-{}", n - 1));
    CHECK(parameters[6 * n].owner == n - 1);
    const sroi::result r = sroi::evaluate(m);
    // sum over p of (p mod 7): 5,714 full cycles of 0..6 (21 each) and 0 + 1 = 1 for the last two.
    CHECK(r.present_value == doctest::Approx(5714.0 * 21.0 + 1.0));
    CHECK(r.outcomes[0].proxy == doctest::Approx(static_cast<double>((n - 1) % 7)));
}

TEST_CASE("20,000 unknown stakeholders: each is an error, the first 20 with a suggestion, the rest without") {
    constexpr std::size_t n = 20'000;
    sroi::model m = plain_model(10, n);
    for (std::size_t o = 0; o < n; ++o)
        m.outcomes[o].stakeholder = fmt::format("group-{}", 10 + o);  // group-10 is 1 edit from group-1
    const std::vector<sroi::diagnostic> errors = errors_of(sroi::check_model(m));
    REQUIRE(errors.size() == n);
    std::size_t suggested = 0;
    for (std::size_t o = 0; o < n; ++o) {
        const sroi::diagnostic& d = errors[o];
        CHECK(d.path == fmt::format("outcomes[{}].stakeholder", o));
        const std::string unknown = fmt::format("unknown stakeholder 'group-{}'", 10 + o);
        if (o < 20) {
            // group-XY is one deletion from group-X and from group-Y: the first listed of the two.
            const std::size_t tens = (10 + o) / 10;
            const std::size_t units = (10 + o) % 10;
            CHECK(d.message == fmt::format("{} (did you mean 'group-{}'?)", unknown, std::min(tens, units)));
            ++suggested;
        } else if (d.message != unknown) {
            FAIL_CHECK("outcome " << o << ": " << d.message);
        }
    }
    CHECK(suggested == 20);
}

TEST_CASE("unknown parameter paths in scenarios get suggestions only while they last") {
    sroi::model m = plain_model(1, 1);
    for (int s = 0; s < 30; ++s) {
        sroi::scenario sc;
        sc.name = fmt::format("case-{}", s);
        sc.set.emplace_back("outcomes.outcome-0.quantty", 2.0);
        m.scenarios.push_back(sc);
    }
    const std::vector<sroi::diagnostic> errors = errors_of(sroi::check_model(m));
    REQUIRE(errors.size() == 30);
    CHECK(
        errors[0].message ==
        "unknown parameter path 'outcomes.outcome-0.quantty' (did you mean 'outcomes.outcome-0.quantity'?)");
    CHECK(errors[19].message.find("did you mean") != std::string::npos);
    CHECK(errors[20].message == "unknown parameter path 'outcomes.outcome-0.quantty'");
    CHECK(errors[29].message == "unknown parameter path 'outcomes.outcome-0.quantty'");
}

TEST_CASE("merge_scenarios replaces by name and appends new ones, in order, on many scenarios") {
    std::vector<sroi::scenario> model_scenarios;
    std::vector<sroi::scenario> extra;
    for (int s = 0; s < 30'000; ++s)
        model_scenarios.push_back({fmt::format("s{}", s), "model", {}});
    for (int s = 29'999; s >= 20'000; --s)
        extra.push_back({fmt::format("s{}", s), "file", {}});  // replaces the last 10,000
    for (int s = 0; s < 5; ++s)
        extra.push_back({fmt::format("new{}", s), "file", {}});
    const std::vector<sroi::scenario> all = sroi::merge_scenarios(model_scenarios, extra);
    REQUIRE(all.size() == 30'005);
    CHECK(all[19'999].description == "model");
    CHECK(all[20'000].name == "s20000");
    CHECK(all[20'000].description == "file");
    CHECK(all[30'000].name == "new0");
    CHECK(all[30'004].name == "new4");
}

TEST_CASE("more than 200 errors: the 'too many errors' line comes after the listed errors") {
    std::string yaml =
        "sroi: 1\nproject: {name: t}\nstakeholders: [{id: s}]\n"
        "inputs: [{id: a, stakeholder: s, amount: 100}]\noutcomes:\n";
    for (int o = 0; o < 250; ++o)
        yaml += fmt::format("  - {{id: o{}, stakeholder: nobody-{}, quantity: 1, proxy: 10}}\n", o, o);
    const sroi::load_report report = load(yaml);
    INFO(all_messages(report.diagnostics));
    REQUIRE(report.diagnostics.size() == 201);
    for (std::size_t i = 0; i < 200; ++i) {
        CHECK(report.diagnostics[i].location.line == static_cast<int>(6 + i));  // in file order
        CHECK(report.diagnostics[i].message.find("unknown stakeholder") == 0);
    }
    CHECK(report.diagnostics.back().message == sroi::detail::too_many_errors);
    CHECK(report.diagnostics.back().location.file == "m.yaml");
}

TEST_CASE("a missing project or inputs section is reported at the document's mapping") {
    expect_one_error(
        load("sroi: 1\ninputs: [{id: a, amount: 100}]\noutcomes: [{id: o, quantity: 1, proxy: 10}]\n"),
        "the project needs a name", 1, 1, "project.name");
    // After a comment, the mapping starts on line 2.
    expect_one_error(
        load("# no inputs\nsroi: 1\nproject: {name: t}\noutcomes: [{id: o, quantity: 1, proxy: 10}]\n"),
        "total inputs are 0", 2, 1, "inputs");
}

TEST_CASE("a NUL byte is reported at its line and column") {
    using namespace std::string_literals;
    const std::string yaml = "sroi: 1\nproject: {name: ab\0c}\n"s;
    const sroi::load_report report = load(yaml);
    REQUIRE(report.diagnostics.size() == 1);
    CHECK(report.diagnostics[0].message == "file is not text (it contains NUL bytes)");
    CHECK(report.diagnostics[0].location.line == 2);
    CHECK(report.diagnostics[0].location.column == 19);
    const sroi::model m = sroi::load_model_from_string(
        "sroi: 1\nproject: {name: t}\ninputs: [{id: a, amount: 1}]\n"
        "outcomes: [{id: o, quantity: 1, proxy: 10}]\n",
        "m.yaml");
    try {
        (void)sroi::load_scenarios_from_string("scenarios:\n  x:\n\0"s, "s.yaml", m);
        FAIL("expected a model_error");
    } catch (const sroi::model_error& e) {
        CHECK(e.line() == 3);
        CHECK(e.column() == 1);
    }
}

TEST_CASE("an overflowing outcome or input names its place in the model") {
    const sroi::model m = sroi::load_model_from_string(R"(sroi: 1
project: {name: Overflow}
stakeholders: [{id: s}]
inputs: [{id: grant, stakeholder: s, amount: 1000}]
outcomes:
  - {id: fine, stakeholder: s, quantity: 1, proxy: 10}
  - {id: huge, stakeholder: s, quantity: 1e300, proxy: 1e300}
)",
                                                       "m.yaml");
    try {
        (void)sroi::evaluate(m);
        FAIL("expected an evaluation_error");
    } catch (const sroi::evaluation_error& e) {
        CHECK(e.id() == "evaluation.not_finite");
        CHECK(std::string(e.what()).find("outcomes.huge") == 0);
        CHECK(e.location().file == "m.yaml");
        CHECK(e.location().line == 7);
        CHECK(e.location().column == 5);
    }
    const sroi::model inputs = sroi::load_model_from_string(R"(sroi: 1
project: {name: Overflow}
inputs:
  - {id: small, amount: 1}
  - {id: huge, quantity: 1e300, unit_cost: 1e300}
outcomes: [{id: o, quantity: 1, proxy: 10}]
)",
                                                            "m.yaml");
    try {
        (void)sroi::evaluate(inputs);
        FAIL("expected an evaluation_error");
    } catch (const sroi::evaluation_error& e) {
        CHECK(std::string(e.what()).find("inputs.huge") == 0);
        CHECK(e.location().line == 5);
        CHECK(e.location().column == 5);
    }
}

TEST_CASE("control characters in names and text are rejected where they are written") {
    // A raw escape sequence in a stakeholder's name (YAML's \e is ESC).
    std::string yaml = R"(sroi: 1
project: {name: t}
stakeholders: [{id: s, name: "Red \e[31mteam"}]
inputs: [{id: a, stakeholder: s, amount: 100}]
outcomes: [{id: o, stakeholder: s, quantity: 1, proxy: 10}]
)";
    expect_one_error(load(yaml), "contains the control character \\x1B", 3, 30, "stakeholders[0].name");
    // A NUL written as an escape in a description; line breaks and tabs are allowed there.
    yaml = R"(sroi: 1
project: {name: t, description: "two\nlines\tand a tab"}
inputs: [{id: a, amount: 100, note: "x\0y"}]
outcomes: [{id: o, quantity: 1, proxy: 10}]
)";
    expect_one_error(load(yaml), "contains the control character \\x00", 3, 37, "inputs[0].note");
    // A line break in a name is not allowed.
    expect_one_error(load("sroi: 1\nproject: {name: \"a\\nb\"}\ninputs: [{id: a, amount: 100}]\n"
                          "outcomes: [{id: o, quantity: 1, proxy: 10}]\n"),
                     "contains the control character \\x0A", 2, 17, "project.name");
    // Text quoted back in a message is escaped too.
    expect_one_error(load("sroi: 1\nproject: {name: t}\ninputs: [{id: a, amount: 100}]\n"
                          "outcomes: [{id: o, quantity: \"1\\e[2J\", proxy: 10}]\n"),
                     "got the quoted string '1\\x1B[2J'", 4, 30, "outcomes[0].quantity");
    // In a scenario's name, the key path of the message shows it escaped.
    yaml = R"(sroi: 1
project: {name: t}
inputs: [{id: a, amount: 100}]
outcomes: [{id: o, quantity: 1, proxy: 10}]
scenarios:
  "bad\e[2J": {set: {outcomes.o.quantity: 2}}
)";
    const sroi::load_report report = load(yaml);
    expect_one_error(report, "contains the control character \\x1B", 6, 15, "scenarios.bad\\x1B[2J");
    CHECK(report.diagnostics[0].to_string().find('\x1b') == std::string::npos);
}

TEST_CASE("a scenario cannot be named 'base', in the model or in a scenario file") {
    const std::string model_yaml = R"(sroi: 1
project: {name: t}
inputs: [{id: a, amount: 100}]
outcomes: [{id: o, quantity: 1, proxy: 10}]
)";
    expect_one_error(load(model_yaml + "scenarios:\n  base: {set: {outcomes.o.quantity: 2}}\n"),
                     "a scenario cannot be named 'base'", 6, 9, "scenarios.base");
    const sroi::model m = sroi::load_model_from_string(model_yaml, "m.yaml");
    try {
        (void)sroi::load_scenarios_from_string("scenarios:\n  base:\n    set: {outcomes.o.quantity: 2}\n",
                                               "s.yaml", m);
        FAIL("expected a model_error");
    } catch (const sroi::model_error& e) {
        CHECK(std::string(e.what()).find("a scenario cannot be named 'base'") != std::string::npos);
        CHECK(e.line() == 2);
        CHECK(e.column() == 3);
        CHECK(e.path() == "scenarios.base");
    }
}

TEST_CASE("a library given with --library and listed by the model is read once") {
    namespace fs = std::filesystem;
    const std::string model_file = source_dir + "/models/examples/childrens-early-help.yaml";
    const sroi::model plain = sroi::load_model(model_file);
    sroi::load_options options;
    // The same file, spelt differently from the model's `../proxies/uk-open.yaml`.
    options.extra_libraries = {source_dir + "/models/examples/../proxies/./uk-open.yaml"};
    const sroi::load_report report = sroi::load_model_report(model_file, options);
    INFO(all_messages(report.diagnostics));
    REQUIRE(report.ok());
    CHECK(report.model->proxies.size() == plain.proxies.size());
    CHECK(report.model->indices.size() == plain.indices.size());

    // Through a symbolic link, it is still the same file.
    const fs::path dir = fs::temp_directory_path() / "sroi-reliability-model-link";
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::create_symlink(fs::absolute(source_dir + "/models/proxies/uk-open.yaml"), dir / "linked.yaml");
    options.extra_libraries = {(dir / "linked.yaml").string()};
    const sroi::load_report linked = sroi::load_model_report(model_file, options);
    INFO(all_messages(linked.diagnostics));
    CHECK(linked.ok());
    // Listed twice in the model itself (once through the link): an error at the second entry.
    const std::string yaml = fmt::format(R"(sroi: 1
project: {{name: t}}
libraries: ["{}", "{}"]
inputs: [{{id: a, amount: 100}}]
outcomes: [{{id: o, quantity: 1, proxy: 10}}]
)",
                                         fs::absolute(source_dir + "/models/proxies/uk-open.yaml").string(),
                                         (dir / "linked.yaml").string());
    const sroi::load_report twice = load(yaml);
    INFO(all_messages(twice.diagnostics));
    const std::vector<sroi::diagnostic> errors = errors_of(twice.diagnostics);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].path == "libraries[1]");
    CHECK(errors[0].message.find("is listed twice") != std::string::npos);
    fs::remove_all(dir);
}
