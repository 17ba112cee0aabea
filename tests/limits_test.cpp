// Numeric safety and limits (issue 7): overflowing values are errors naming what overflowed,
// absurd durations are rejected, and a year-by-year table too large for memory is refused
// before it is allocated.
#include <doctest/doctest.h>

#include <string>

#include <sroi/engine/evaluate.hpp>
#include <sroi/io/load.hpp>
#include <sroi/model/error.hpp>
#include <sroi/model/model.hpp>

namespace {

const std::string regressions = std::string(SROI_TEST_DATA) + "/fuzz-regressions/";

/// The id and message of the evaluation_error evaluating `file` throws ("" when none).
std::pair<std::string, std::string> evaluation_failure(const std::string& file) {
    try {
        (void)sroi::evaluate(sroi::load_model(regressions + file));
    } catch (const sroi::evaluation_error& e) {
        return {e.id(), e.what()};
    }
    return {};
}

}  // namespace

TEST_CASE("overflowing values are evaluation errors naming what overflowed") {
    struct expectation {
        const char* file;
        const char* names;  // part of the message
    };
    for (const expectation& x : {
             // 1e300 x 1e300: the impact of outcome 'huge'
             expectation{"overflow-quantity-times-proxy.yaml", "outcomes.huge"},
             // -0.966e308 - 1.7e308 = -2.67e308 < -DBL_MAX
             expectation{"overflow-net-present-value.yaml", "net present value"},
             // about 3e11 / 1e-300
             expectation{"overflow-ratio-over-tiny-inputs.yaml", "SROI ratio"},
             // 1e308 + 1e308
             expectation{"overflow-annual-impact.yaml", "annual impact"},
             expectation{"overflow-year-total.yaml", "overflows"},
             // 1e300 / 1e-300 = inf
             expectation{"overflow-rebasing.yaml", "outcomes.a.proxy"},
         }) {
        INFO(x.file);
        const auto [id, message] = evaluation_failure(x.file);
        CHECK(id == "evaluation.not_finite");
        CHECK(message.find(x.names) != std::string::npos);
    }
}

TEST_CASE("durations, starts, years and horizons above 1,000 years are model errors") {
    const sroi::load_report report = sroi::load_model_report(regressions + "limits-thousand-years.yaml");
    REQUIRE_FALSE(report.ok());
    std::string paths;
    for (const sroi::diagnostic& d : report.diagnostics) {
        if (d.message.find("more than 1,000 years") != std::string::npos) paths += d.path + " ";
    }
    CHECK(paths.find("project.horizon") != std::string::npos);
    CHECK(paths.find("inputs[0].year") != std::string::npos);
    CHECK(paths.find("outcomes[0].duration") != std::string::npos);
    CHECK(paths.find("outcomes[0].start") != std::string::npos);
}

TEST_CASE("a year-by-year table larger than the memory limit is refused before it is allocated") {
    // 140,000 outcomes x 1,999 years = 2.8e8 cells > 2^28 (4 GiB at 16 bytes a cell). Built in
    // code, so the test costs only the model, not the table.
    sroi::model m;
    m.project.name = "Too large";
    m.stakeholders.push_back({"s", "S", {}});
    sroi::input grant;
    grant.id = "grant";
    grant.stakeholder = "s";
    grant.amount = sroi::uncertain_number(1000.0);
    m.inputs.push_back(grant);
    sroi::outcome o;
    o.stakeholder = "s";
    o.quantity = sroi::uncertain_number(1.0);
    o.proxy.value = sroi::uncertain_number(1.0);
    o.start = 1000;
    o.duration = 1000;
    constexpr int n = 140000;
    m.outcomes.reserve(n);
    for (int i = 0; i < n; ++i) {
        o.id = "o" + std::to_string(i);
        m.outcomes.push_back(o);
    }
    const sroi::evaluator ev(std::move(m));
    CHECK(ev.last_year() == 1999);
    try {
        (void)ev.evaluate();
        FAIL("expected evaluation.too_large");
    } catch (const sroi::evaluation_error& e) {
        CHECK(e.id() == std::string("evaluation.too_large"));
        CHECK(std::string(e.what()).find("140000 outcomes over 1999 years") != std::string::npos);
    }
}

namespace {

std::string model_head() {
    return "sroi: 1\nproject: {name: X}\nstakeholders: [{id: s, name: S}]\n"
           "inputs: [{id: i, stakeholder: s, amount: 1}]\n";
}

std::size_t error_count(const sroi::load_report& report) {
    std::size_t n = 0;
    for (const sroi::diagnostic& d : report.diagnostics)
        n += d.level == sroi::severity::error ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("a list longer than the limit is refused at its place before it is read") {
    std::string y = model_head() + "outcomes:\n";
    for (int o = 0; o < 6; ++o)
        y += "  - {id: o" + std::to_string(o) + ", stakeholder: s, quantity: 1, proxy: 1}\n";
    sroi::load_options options;
    options.max_list_entries = 5;
    const sroi::load_report report = sroi::load_model_report_from_string(y, "long.yaml", options);
    REQUIRE(error_count(report) == 1);
    const sroi::diagnostic& d = report.diagnostics.front();
    CHECK(d.path == "outcomes");
    CHECK(d.location.line == 6);
    CHECK(d.location.column == 3);
    CHECK(d.message.find("a list of 6 entries is more than the limit of 5") != std::string::npos);
    options.max_list_entries = 6;
    CHECK(sroi::load_model_report_from_string(y, "long.yaml", options).ok());
}

TEST_CASE("aliases that expand a file far beyond its size are refused with one error") {
    // One outcome with a 20,000-byte description, then 100 aliases of it: about 2 MB to read from
    // a file of about 20 kB, against a budget of twice the size plus 1 MiB.
    std::string y = model_head() +
                    "outcomes:\n  - &o {id: o, stakeholder: s, quantity: 1, proxy: 1, description: " +
                    std::string(20000, 'x') + "}\n";
    for (int k = 0; k < 100; ++k)
        y += "  - *o\n";
    const sroi::load_report report = sroi::load_model_report_from_string(y, "aliases.yaml");
    REQUIRE(error_count(report) == 1);  // nothing more: the partial model is not checked
    const sroi::diagnostic& d = report.diagnostics.front();
    CHECK(d.message.find("with its YAML aliases expanded, is more than") != std::string::npos);
    // (2 x size + 1 MiB) / 20,000 bytes per outcome: the budget runs out near outcome 54.
    CHECK(d.path.rfind("outcomes[5", 0) == 0);
    CHECK(d.path.find(".description") != std::string::npos);
    CHECK(d.location.line == 6);
    // A few aliases cost nothing special.
    std::string few = model_head() + "outcomes:\n  - &o {id: o, stakeholder: s, quantity: 1, proxy: 1}\n";
    few += "  - {id: p, stakeholder: s, quantity: &q 3, proxy: *q}\n";
    CHECK(sroi::load_model_report_from_string(few, "few.yaml").ok());
}

TEST_CASE("at most 200 errors are listed, then one line says the rest are not") {
    std::string y = model_head() + "outcomes:\n";
    for (int o = 0; o < 300; ++o)
        y += "  - {id: same, stakeholder: s, quantity: 1, proxy: 1}\n";
    const sroi::load_report report = sroi::load_model_report_from_string(y, "many.yaml");
    CHECK(error_count(report) == 201);
    bool told = false;
    for (const sroi::diagnostic& d : report.diagnostics)
        told = told || d.message == "too many errors; the rest are not listed";
    CHECK(told);
}
