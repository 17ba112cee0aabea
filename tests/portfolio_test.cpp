// Portfolio: totals of hand-worked models, the ratio of totals, breakdowns, price years,
// currencies, directory expansion, bad models among good ones, and the file side apart from the
// analysis.
#include <doctest/doctest.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <sroi/analysis/portfolio.hpp>
#include <sroi/engine/evaluate.hpp>
#include <sroi/io/load.hpp>
#include <sroi/io/portfolio_files.hpp>
#include <sroi/report/portfolio_report.hpp>

namespace {

const std::string data_dir = SROI_TEST_DATA;

// Model A (tests/data/portfolio/a.yaml): impact 10 x 500 x 0.8 = 4,000, then 2,000 in year 2,
// at 5 %: PV = 4,000 / 1.05 + 2,000 / 1.05^2 = 5,623.582766; inputs 1,000.
constexpr double pv_a = 4000.0 / 1.05 + 2000.0 / (1.05 * 1.05);
// Model B: 2 x 5,000 x 0.5 + 20 x 100 = 7,000 undiscounted; inputs 3,000 + 100 x 10 = 4,000.
constexpr double pv_b = 7000.0;

sroi::portfolio_member member(const std::string& file, const std::string& yaml = {}) {
    sroi::model m = yaml.empty() ? sroi::load_model(file) : sroi::load_model_from_string(yaml, file);
    sroi::result r = sroi::evaluate(m);
    return {file, std::move(m), std::move(r)};
}

const sroi::portfolio_group* find(const std::vector<sroi::portfolio_group>& groups, const std::string& key) {
    for (const auto& g : groups) {
        if (g.key == key) return &g;
    }
    return nullptr;
}

// Model B again, in another price year or currency, with the deflator inline.
std::string model_b_variant(const std::string& project_lines) {
    return "sroi: 1\nproject:\n  name: Variant\n" + project_lines +
           "discount: {rate: 0}\n"
           "price_index: uk-gdp-deflator\n"
           "indices:\n  - id: uk-gdp-deflator\n    values: {2019: 81.1085, 2024: 100.0}\n"
           "inputs:\n  - id: grant\n    amount: 4000\n"
           "outcomes:\n  - id: b\n    quantity: 70\n    proxy: 100\n";
}

}  // namespace

TEST_CASE("portfolio totals of two hand-worked models") {
    const std::vector<sroi::portfolio_member> members = {member(data_dir + "/portfolio/a.yaml"),
                                                         member(data_dir + "/portfolio/b.yaml")};
    const sroi::portfolio_result p = sroi::summarise_portfolio(members);
    REQUIRE(p.models.size() == 2);
    CHECK(p.complete());
    CHECK(p.currency == "GBP");
    CHECK(p.price_year == 2024);
    CHECK(p.models[0].present_value == doctest::Approx(5623.582766).epsilon(1e-9));
    CHECK(p.models[1].present_value == doctest::Approx(pv_b));
    // Totals are hand sums: PV 5,623.58 + 7,000 = 12,623.58; inputs 1,000 + 4,000 = 5,000.
    CHECK(p.total.present_value == doctest::Approx(pv_a + pv_b).epsilon(1e-12));
    CHECK(p.total.total_inputs == doctest::Approx(5000.0));
    CHECK(p.total.net_present_value == doctest::Approx(pv_a + pv_b - 5000.0).epsilon(1e-12));
    // The ratio of totals, 12,623.58 / 5,000 = 2.5247, not the mean of 5.6236 and 1.75 (3.6868).
    CHECK(p.total.sroi_ratio == doctest::Approx((pv_a + pv_b) / 5000.0).epsilon(1e-12));
    CHECK(p.total.sroi_ratio == doctest::Approx(2.524716553).epsilon(1e-9));
    const double mean_of_ratios = (p.models[0].sroi_ratio + p.models[1].sroi_ratio) / 2.0;
    CHECK(std::abs(p.total.sroi_ratio - mean_of_ratios) > 1.0);
    // Payback: inputs 5,000 / ((4,000 + 5,000 + 2,000) / 12) = 5.4545 months.
    REQUIRE(p.total.payback_months);
    CHECK(*p.total.payback_months == doctest::Approx(5000.0 / (11000.0 / 12.0)));
    CHECK(p.models[0].top_outcome == "a_wellbeing");
    CHECK(p.models[1].top_outcome == "b_jobs");

    SUBCASE("breakdowns by theme, value type and stakeholder") {
        REQUIRE(p.themes.size() == 2);
        CHECK(p.themes[0].key == "social");  // A's only theme comes first
        CHECK(p.themes[0].present_value == doctest::Approx(pv_a + 2000.0).epsilon(1e-12));
        CHECK(p.themes[0].models == 2);
        CHECK(find(p.themes, "jobs")->present_value == doctest::Approx(5000.0));
        REQUIRE(p.value_types.size() == 3);  // fixed order: fiscal, economic, (social,) wellbeing
        CHECK(p.value_types[0].key == "fiscal");
        CHECK(p.value_types[0].present_value == doctest::Approx(2000.0));
        CHECK(p.value_types[1].key == "economic");
        CHECK(p.value_types[2].key == "wellbeing");
        CHECK(p.value_types[2].present_value == doctest::Approx(pv_a).epsilon(1e-12));
        const auto* council = find(p.stakeholders, "council");
        REQUIRE(council != nullptr);
        CHECK(council->present_value == doctest::Approx(2000.0));
        CHECK(council->inputs == doctest::Approx(4000.0));  // 1,000 in A + 3,000 in B
        CHECK(council->models == 2);
        CHECK(find(p.stakeholders, "residents")->present_value ==
              doctest::Approx(pv_a + 5000.0).epsilon(1e-12));
        CHECK(find(p.stakeholders, "volunteers")->inputs == doctest::Approx(1000.0));
    }

    SUBCASE("JSON has the spec's fields") {
        const std::string json = sroi::portfolio_json(p);
        for (const char* field : {"\"models\"", "\"total\"", "\"present_value\"", "\"total_inputs\"",
                                  "\"net_present_value\"", "\"sroi_ratio\"", "\"file\"", "\"name\""}) {
            CHECK_MESSAGE(json.find(field) != std::string::npos, field);
        }
        CHECK(json.find("\"sroi_ratio\": 2.52471655") != std::string::npos);
    }
}

TEST_CASE("different price years are re-based to the latest, never summed as they are") {
    // The variant is B in 2019 prices: PV 7,000, inputs 4,000; in 2024 prices x 100 / 81.1085.
    const double factor = 100.0 / 81.1085;
    const std::vector<sroi::portfolio_member> members = {
        member(data_dir + "/portfolio/a.yaml"), member("v.yaml", model_b_variant("  price_year: 2019\n"))};
    const sroi::portfolio_result p = sroi::summarise_portfolio(members);
    CHECK(p.complete());
    CHECK(p.price_year == 2024);
    REQUIRE(p.models.size() == 2);
    CHECK(p.models[1].rebase_factor == doctest::Approx(factor).epsilon(1e-12));
    CHECK(p.models[1].present_value == doctest::Approx(7000.0 * factor).epsilon(1e-12));
    CHECK(p.models[1].sroi_ratio == doctest::Approx(1.75));  // ratios do not change
    CHECK(p.total.present_value == doctest::Approx(pv_a + 7000.0 * factor).epsilon(1e-12));
    CHECK(p.total.total_inputs == doctest::Approx(1000.0 + 4000.0 * factor).epsilon(1e-12));
    CHECK_FALSE(p.notes.empty());

    SUBCASE("an explicit price year re-bases every model") {
        // Both variants carry the deflator; A has no price index, so it cannot be re-based.
        const std::vector<sroi::portfolio_member> variants = {
            member("v2024.yaml", model_b_variant("  price_year: 2024\n")),
            member("v2019.yaml", model_b_variant("  price_year: 2019\n"))};
        const sroi::portfolio_result q = sroi::summarise_portfolio(variants, {2019});
        CHECK(q.complete());
        CHECK(q.price_year == 2019);
        REQUIRE(q.models.size() == 2);
        CHECK(q.models[0].present_value == doctest::Approx(7000.0 / factor).epsilon(1e-12));
        CHECK(q.models[1].present_value == doctest::Approx(7000.0));
        const sroi::portfolio_result r = sroi::summarise_portfolio(members, {2019});
        CHECK_FALSE(r.complete());
        REQUIRE(r.excluded.size() == 1);
        CHECK(r.excluded[0].reason.find("no price_index") != std::string::npos);
    }
    SUBCASE("a model that cannot be re-based is left out, with an error") {
        std::vector<sroi::portfolio_member> with_gap = members;
        with_gap.push_back(member("no-year.yaml", model_b_variant("")));
        const sroi::portfolio_result q = sroi::summarise_portfolio(with_gap);
        CHECK_FALSE(q.complete());
        CHECK(q.models.size() == 2);
        REQUIRE(q.excluded.size() == 1);
        CHECK(q.excluded[0].file == "no-year.yaml");
        CHECK(q.excluded[0].reason.find("no project.price_year") != std::string::npos);
        CHECK(q.total.present_value == doctest::Approx(p.total.present_value));
    }
    SUBCASE("a price year missing from the model's index is an error") {
        const sroi::portfolio_result q = sroi::summarise_portfolio(members, {2030});
        CHECK_FALSE(q.complete());
        CHECK(q.models.empty());  // A has no price index; the variant's index has no 2030
        CHECK(q.excluded.size() == 2);
    }
}

TEST_CASE("a model in another currency is left out of the totals with an error") {
    const std::vector<sroi::portfolio_member> members = {
        member(data_dir + "/portfolio/b.yaml"),
        member("eur.yaml", model_b_variant("  currency: EUR\n  price_year: 2024\n"))};
    const sroi::portfolio_result p = sroi::summarise_portfolio(members);
    CHECK(p.currency == "GBP");
    CHECK_FALSE(p.complete());
    REQUIRE(p.models.size() == 1);
    CHECK(p.total.present_value == doctest::Approx(pv_b));
    REQUIRE(p.problems.size() == 1);
    CHECK(p.problems[0].location.file == "eur.yaml");
    CHECK(p.problems[0].location.line == 4);  // `currency: EUR`
    CHECK(p.problems[0].message.find("EUR") != std::string::npos);
}

TEST_CASE("directories expand to their models, sorted, without library files") {
    const std::vector<std::string> paths = {data_dir + "/portfolio", data_dir + "/portfolio/a.yaml"};
    const sroi::model_file_list list = sroi::expand_model_paths(paths);
    REQUIRE(list.files.size() == 2);
    CHECK(list.files[0].find("a.yaml") != std::string::npos);
    CHECK(list.files[1].find("b.yaml") != std::string::npos);
    REQUIRE(list.notes.size() == 1);  // a.yaml named twice: counted once
    CHECK(list.notes[0].message.find("once") != std::string::npos);
    CHECK(sroi::is_library_file(data_dir + "/portfolio/deflator.yaml"));
    CHECK_FALSE(sroi::is_library_file(data_dir + "/portfolio/a.yaml"));
}

TEST_CASE("a bad model among good ones is reported with its location and the others are summed") {
    const std::vector<std::string> paths = {
        data_dir + "/portfolio/a.yaml", data_dir + "/portfolio-bad/bad.yaml", data_dir + "/portfolio/b.yaml"};
    const sroi::portfolio_result p = sroi::evaluate_portfolio(sroi::load_portfolio(paths));
    CHECK_FALSE(p.complete());
    REQUIRE(p.models.size() == 2);
    CHECK(p.total.present_value == doctest::Approx(pv_a + pv_b).epsilon(1e-12));
    REQUIRE(p.problems.size() == 1);
    CHECK(p.problems[0].location.line == 11);
    CHECK(p.problems[0].location.column == 17);
    CHECK(p.problems[0].path == "outcomes[0].deadweight");
    REQUIRE(p.excluded.size() == 1);
    CHECK(p.excluded[0].file.find("bad.yaml") != std::string::npos);
    CHECK(sroi::portfolio_text(p).find("Not in the totals") != std::string::npos);
}

TEST_CASE("CSV has one row per model and a total row") {
    const std::vector<sroi::portfolio_member> members = {member(data_dir + "/portfolio/a.yaml"),
                                                         member(data_dir + "/portfolio/b.yaml")};
    const std::string csv = sroi::portfolio_csv(sroi::summarise_portfolio(members));
    CHECK(csv.rfind("row,file,name,", 0) == 0);
    CHECK(csv.find("\ntotal,,,,GBP,2024,1,12623.58") != std::string::npos);
}

TEST_CASE("the number of threads that read the models does not change the portfolio") {
    const std::vector<std::string> paths = {std::string(SROI_SOURCE_DIR) + "/models/examples",
                                            data_dir + "/portfolio", data_dir + "/portfolio-bad/bad.yaml"};
    sroi::portfolio_options one;
    one.threads = 1;
    sroi::portfolio_options three;
    three.threads = 3;
    const sroi::portfolio_result a =
        sroi::evaluate_portfolio(sroi::load_portfolio(paths, {}, one.threads), one);
    const sroi::portfolio_result b =
        sroi::evaluate_portfolio(sroi::load_portfolio(paths, {}, three.threads), three);
    CHECK(sroi::portfolio_json(a) == sroi::portfolio_json(b));
    CHECK(a.problems.size() == b.problems.size());
    CHECK(a.models.size() >= 12);
}

TEST_CASE("evaluate_portfolio takes models already read and opens no file") {
    // Model A by its text, under a file name that does not exist: the analysis never reads it.
    sroi::model_file_set set;
    set.files.push_back({"in-memory-a.yaml", sroi::load_model(data_dir + "/portfolio/a.yaml"), {}});
    sroi::model_file unread{"unread.yaml", std::nullopt, {}};
    unread.fail({{sroi::severity::warning, {"unread.yaml", 1, 1}, {}, "only a warning"}});
    set.files.push_back(unread);
    set.notes.push_back({sroi::severity::warning, {"dir", 0, 0}, {}, "a note from finding the files"});
    const sroi::portfolio_result p = sroi::evaluate_portfolio(set);
    REQUIRE(p.models.size() == 1);
    CHECK(p.models[0].file == "in-memory-a.yaml");
    CHECK(p.total.present_value == doctest::Approx(pv_a).epsilon(1e-12));
    CHECK(p.total.total_inputs == doctest::Approx(1000.0).epsilon(1e-12));
    // No error among the diagnostics: the file is still out, as one that cannot be read.
    REQUIRE(p.excluded.size() == 1);
    CHECK(p.excluded[0].file == "unread.yaml");
    CHECK(p.excluded[0].reason == "cannot be read");
    REQUIRE(p.problems.size() == 1);
    CHECK(p.problems[0].location.file == "unread.yaml");
    REQUIRE_FALSE(p.notes.empty());
    CHECK(p.notes[0].message == "a note from finding the files");
}

TEST_CASE("load_portfolio reads each model named, in order, keeping errors in place of a bad one") {
    const std::vector<std::string> paths = {data_dir + "/portfolio", data_dir + "/portfolio-bad/bad.yaml"};
    const sroi::model_file_set set = sroi::load_portfolio(paths);
    // The directory holds a.yaml, b.yaml and a library (deflator.yaml, skipped); then bad.yaml.
    REQUIRE(set.files.size() == 3);
    CHECK(set.files[0].file.ends_with("a.yaml"));
    CHECK(set.files[1].file.ends_with("b.yaml"));
    CHECK(set.files[2].file.ends_with("bad.yaml"));
    CHECK(set.files[0].model.has_value());
    CHECK(set.files[1].model.has_value());
    CHECK_FALSE(set.files[2].model.has_value());
    REQUIRE_FALSE(set.files[2].errors.empty());
    CHECK(set.files[2].errors[0].location.line == 11);  // the deadweight of tests/data/portfolio-bad/bad.yaml
}
