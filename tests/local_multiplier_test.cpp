// Local Multiplier 3: the NEF formula worked by hand, the published Northumberland figures,
// strict loading, and that LM3 never changes the SROI figures.
#include <doctest/doctest.h>

#include <string>

#include <sroi/engine/evaluate.hpp>
#include <sroi/engine/local_multiplier.hpp>
#include <sroi/io/load.hpp>
#include <sroi/report/report.hpp>

namespace {

const std::string base_model =
    "sroi: 1\nproject:\n  name: LM3 test\n  price_year: 2024\n"
    "inputs:\n  - id: grant\n    amount: 1000\n"
    "outcomes:\n  - id: o\n    quantity: 1\n    proxy: 3000\n";

sroi::load_report load(const std::string& local_spend_yaml) {
    return sroi::load_model_report_from_string(base_model + local_spend_yaml, "m.yaml");
}

std::string errors(const sroi::load_report& r) {
    std::string out;
    for (const auto& d : r.diagnostics)
        out += d.to_string() + "\n";
    return out;
}

}  // namespace

TEST_CASE("LM3 = (R1 + R2 + R3) / R1, worked by hand") {
    sroi::local_spend s;
    s.id = "catering";
    s.amount = 1000.0;
    s.local_share = 0.5;     // R2 = 1,000 x 0.5 = 500
    s.respend_share = 0.52;  // R3 = 500 x 0.52 = 260
    const sroi::local_multiplier_item i = sroi::evaluate_local_spend(s);
    CHECK(i.round1 == 1000.0);
    CHECK(i.round2 == doctest::Approx(500.0));
    CHECK(i.round3 == doctest::Approx(260.0));
    CHECK(i.lm3 == doctest::Approx(1.76));  // (1,000 + 500 + 260) / 1,000
    CHECK(i.local_value == doctest::Approx(1760.0));

    SUBCASE("rounds given as amounts") {
        sroi::local_spend r;
        r.id = "r";
        r.round1 = 200.0;
        r.round2 = 80.0;
        r.round3 = 40.0;
        CHECK(sroi::evaluate_local_spend(r).lm3 == doctest::Approx(1.6));  // 320 / 200
    }
    SUBCASE("a first round of 0 has no LM3") {
        sroi::local_spend z;
        z.amount = 0.0;
        CHECK_THROWS_AS((void)sroi::evaluate_local_spend(z), sroi::evaluation_error);
    }
}

TEST_CASE("NEF for Northumberland (2005): GBP 1 spent locally is worth 1.76, out of the area 0.36") {
    // Local supplier: the GBP 1 stays (R1), 50p is spent locally (R2) and 26p re-spent (R3).
    // Out-of-area supplier: the GBP 1 leaves; 20p comes back in local wages (R2), 16p is re-spent (R3).
    const sroi::load_report r = load(
        "local_spend:\n"
        "  - id: local_supplier\n    amount: 1\n    local_share: 0.5\n    respend_share: 0.52\n"
        "  - id: distant_supplier\n    recipient: out_of_area\n    amount: 1\n    local_share: 20%\n"
        "    respend_share: 0.8\n");
    INFO(errors(r));
    REQUIRE(r.ok());
    const sroi::local_multiplier_result lm = sroi::evaluate_local_multiplier(*r.model);
    REQUIRE(lm.items.size() == 2);
    CHECK(lm.items[0].local_value_per_unit == doctest::Approx(1.76));
    CHECK(lm.items[1].local_value_per_unit == doctest::Approx(0.36));
    CHECK_FALSE(lm.items[1].local_recipient);
    CHECK(lm.items[1].lm3 == doctest::Approx(1.36));  // the formula itself counts R1
    // Moving GBP 1 from the distant to the local supplier adds 1.76 - 0.36 = 1.40 locally.
    CHECK(lm.items[0].local_value - lm.items[1].local_value == doctest::Approx(1.40));
    CHECK(lm.local_value == doctest::Approx(2.12));
    CHECK(*lm.lm3 == doctest::Approx((2.0 + 0.7 + 0.42) / 2.0));
}

TEST_CASE("LM3 is reported beside the SROI figures and never changes them") {
    const sroi::load_report without = sroi::load_model_report_from_string(base_model, "m.yaml");
    const sroi::load_report with =
        load("local_spend:\n  - id: s\n    amount: 5000\n    local_share: 0.5\n    respend_share: 0.52\n");
    REQUIRE(with.ok());
    const sroi::result a = sroi::evaluate(*without.model);
    const sroi::result b = sroi::evaluate(*with.model);
    CHECK(a.present_value == b.present_value);
    CHECK(a.total_inputs == b.total_inputs);
    CHECK(a.sroi_ratio == b.sroi_ratio);
    const sroi::report_context context{*with.model, {}, {}};
    const std::string text = sroi::report_text(b, context);
    CHECK(text.find("Local Multiplier 3") != std::string::npos);
    CHECK(text.find("NOT included") != std::string::npos);
    const std::string json = sroi::report_json(b, context);
    CHECK(json.find("\"local_multiplier\"") != std::string::npos);
    CHECK(json.find("\"included_in_sroi\": false") != std::string::npos);
    CHECK(json.find("\"lm3\": 1.76") != std::string::npos);
    CHECK(sroi::report_markdown(b, context).find("## Local Multiplier 3") != std::string::npos);
    // A model without local spend has no LM3 section.
    const sroi::report_context plain{*without.model, {}, {}};
    CHECK(sroi::report_json(a, plain).find("local_multiplier") == std::string::npos);
}

TEST_CASE("local_spend is read strictly, with locations") {
    const auto expect = [](const sroi::load_report& r, const std::string& text, int line,
                           const std::string& path) {
        INFO(errors(r));
        CHECK_FALSE(r.ok());
        bool found = false;
        for (const auto& d : r.diagnostics) {
            if (d.message.find(text) != std::string::npos) {
                found = true;
                CHECK(d.location.line == line);
                CHECK(d.path == path);
            }
        }
        CHECK_MESSAGE(found, text);
    };
    // base_model has 11 lines; `local_spend:` is line 12, the first item starts on line 13 (its
    // first key), so its second key is on line 14 and its third on line 15.
    expect(load("local_spend:\n  - id: s\n    amount: 100\n    local_share: 1.2\n    respend_share: 0.5\n"),
           "outside [0, 1]", 15, "local_spend[0].local_share");
    expect(load("local_spend:\n  - id: s\n    amount: 100\n    local_shares: 0.2\n    respend_share: 0.5\n"),
           "did you mean 'local_share'", 15, "local_spend[0].local_shares");
    expect(load("local_spend:\n  - id: s\n    round1: 100\n    round2: 120\n    round3: 10\n"),
           "must be in [0, round1", 15, "local_spend[0].round2");
    expect(load("local_spend:\n  - id: s\n    amount: 100\n    round2: 10\n"), "not both", 13,
           "local_spend[0]");
    expect(load("local_spend:\n  - id: s\n    amount: 100\n    local_share: 0.5\n"),
           "'respend_share' is missing", 13, "local_spend[0]");
    expect(load("local_spend:\n  - id: s\n    amount: 0\n    local_share: 0.5\n    respend_share: 0.5\n"),
           "must be > 0", 14, "local_spend[0].amount");
    expect(load("local_spend:\n  - id: s\n    stakeholder: nobody\n    amount: 1\n    local_share: 0.5\n"
                "    respend_share: 0.5\n"),
           "unknown stakeholder", 14, "local_spend[0].stakeholder");
    expect(load("local_spend:\n  - id: s\n    recipient: abroad\n    amount: 1\n    local_share: 0.5\n"
                "    respend_share: 0.5\n"),
           "abroad", 14, "local_spend[0].recipient");
}
