// Numeric safety and limits (issue 7): overflowing values are errors naming what overflowed,
// absurd durations are rejected, and a year-by-year table too large for memory is refused
// before it is allocated.
#include <doctest/doctest.h>

#include <string>

#include <sroi/error.hpp>
#include <sroi/evaluate.hpp>
#include <sroi/load.hpp>
#include <sroi/model.hpp>

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
