// Every example model in models/examples/ (and its subfolders) validates, evaluates to a
// finite positive ratio in the base case and every scenario, and renders every report.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <sroi/analysis/portfolio.hpp>
#include <sroi/engine/evaluate.hpp>
#include <sroi/engine/local_multiplier.hpp>
#include <sroi/io/load.hpp>
#include <sroi/io/portfolio_files.hpp>
#include <sroi/model/parameters.hpp>
#include <sroi/report/portfolio_report.hpp>
#include <sroi/report/report.hpp>

namespace {

std::vector<std::string> example_files() {
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    for (const auto& entry :
         fs::recursive_directory_iterator(std::string(SROI_SOURCE_DIR) + "/models/examples")) {
        if (entry.path().extension() == ".yaml" && !sroi::is_library_file(entry.path().string()))
            files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("every example model validates, evaluates and reports") {
    const std::vector<std::string> files = example_files();
    CHECK(files.size() >= 10);
    for (const std::string& file : files) {
        INFO(file);
        const sroi::load_report report = sroi::load_model_report(file);
        std::string messages;
        for (const auto& d : report.diagnostics)
            messages += d.to_string() + "\n";
        INFO(messages);
        REQUIRE(report.ok());
        const sroi::model& m = *report.model;
        // What the examples README promises of each model.
        CHECK_FALSE(m.project.name.empty());
        CHECK_FALSE(m.scenarios.empty());
        CHECK_FALSE(m.correlations.empty());
        const sroi::evaluator ev(m);
        const sroi::result r = ev.evaluate();
        CHECK(std::isfinite(r.sroi_ratio));
        CHECK(r.sroi_ratio > 0.0);
        for (const sroi::scenario& s : m.scenarios) {
            INFO("scenario " << s.name);
            const sroi::result rs = ev.evaluate(sroi::apply_scenario(ev.parameters(), s));
            CHECK(std::isfinite(rs.sroi_ratio));
            CHECK(rs.sroi_ratio > 0.0);
        }
        const sroi::report_context context{m, {}, {}};
        for (const auto format : {sroi::report_format::text, sroi::report_format::markdown,
                                  sroi::report_format::json, sroi::report_format::csv}) {
            CHECK_FALSE(sroi::render_report(r, context, format).empty());
        }
        if (!m.local_spending.empty()) {
            const sroi::local_multiplier_result lm = sroi::evaluate_local_multiplier(m);
            CHECK(*lm.lm3 >= 1.0);
            CHECK(*lm.lm3 <= 3.0);
        }
    }
}

TEST_CASE("the example folder adds up as a portfolio") {
    const std::vector<std::string> paths = {std::string(SROI_SOURCE_DIR) + "/models/examples"};
    const sroi::portfolio_result p = sroi::evaluate_portfolio(sroi::load_portfolio(paths));
    INFO(sroi::portfolio_text(p));
    CHECK(p.complete());
    CHECK(p.models.size() >= 10);
    CHECK(p.total.sroi_ratio > 0.0);
}
