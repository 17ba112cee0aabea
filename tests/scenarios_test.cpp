// Scenarios: side by side, and from a file of their own.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>
#include <sroi/sroi.hpp>

#include "fixtures.hpp"

namespace {

// The worked example (fixtures.hpp) with a scenario: PV = 1369.9350702720476.
sroi::model basic_model() {
    sroi::model m = sroi::testing::worked_example();
    m.scenarios.push_back({"pessimistic",
                           "Higher deadweight, fewer people, dearer money",
                           {{"outcomes.wellbeing.deadweight", 0.4},
                            {"outcomes.wellbeing.quantity", 12.0},
                            {"discount.rate", 0.05}}});
    return m;
}

}  // namespace

TEST_CASE("a scenario gives exactly the numbers of the hand-edited model") {
    const sroi::evaluator ev(basic_model());
    sroi::model edited = basic_model();
    edited.scenarios.clear();
    edited.outcomes[0].deadweight = 0.4;
    edited.outcomes[0].quantity = 12.0;
    edited.discount.rate = 0.05;
    const sroi::evaluator hand(edited);

    const sroi::scenario_comparison c = sroi::compare_scenarios(ev);
    REQUIRE(c.scenarios.size() == 1);
    const sroi::totals expected = hand.evaluate_totals(hand.base_values());
    CHECK(c.scenarios[0].figures.present_value == expected.present_value);
    CHECK(c.scenarios[0].figures.total_inputs == expected.total_inputs);
    CHECK(c.scenarios[0].figures.net_present_value == expected.net_present_value);
    CHECK(c.scenarios[0].figures.sroi_ratio == expected.sroi_ratio);
    // The full result too, and the value worked by hand: I = 12 x 100 x 0.6 x 0.9 x 0.75 = 486;
    // PV = 486/1.05 + 437.4/1.05^2 + 393.66/1.05^3 = 462.857 + 396.735 + 340.063 = 1199.655
    const sroi::result full = sroi::evaluate(basic_model(), "pessimistic");
    const sroi::result by_hand = sroi::evaluate(edited);
    CHECK(full.present_value == by_hand.present_value);
    CHECK(full.sroi_ratio == by_hand.sroi_ratio);
    CHECK(full.present_value ==
          doctest::Approx(486 / 1.05 + 437.4 / (1.05 * 1.05) + 393.66 / (1.05 * 1.05 * 1.05)).epsilon(1e-12));
    CHECK(c.base.figures.present_value == doctest::Approx(1369.9350702720476).epsilon(1e-12));

    // Sensitivity around the scenario starts from the scenario's numbers.
    const auto values = sroi::apply_scenario(ev.parameters(), ev.model().scenarios[0]);
    const auto s = sroi::one_way_sensitivity(ev, values);
    CHECK(s.base.net_present_value == doctest::Approx(by_hand.net_present_value).epsilon(1e-12));
    for (const auto& p : s.parameters) {
        if (p.path == "outcomes.wellbeing.quantity") {
            CHECK(p.base == 12.0);
            CHECK(p.low.value == doctest::Approx(9.6));
            // Q* = 12 x 1000 / 1199.655
            CHECK(*p.switching->value ==
                  doctest::Approx(12.0 * 1000.0 / by_hand.present_value).epsilon(1e-12));
        }
    }
}

TEST_CASE("scenario reports show the change from base") {
    const sroi::evaluator ev(basic_model());
    const auto c = sroi::compare_scenarios(ev);
    const sroi::report_context context{ev.model(), "", {}};
    const auto j = nlohmann::json::parse(sroi::scenarios_json(c, context));
    CHECK(j["base"]["name"] == "base");
    CHECK(j["scenarios"][0]["name"] == "pessimistic");
    const double npv_change = c.scenarios[0].figures.net_present_value - c.base.figures.net_present_value;
    CHECK(j["scenarios"][0]["change"]["net_present_value"].get<double>() == doctest::Approx(npv_change));
    CHECK(j["scenarios"][0]["set"]["discount.rate"].get<double>() == 0.05);
    const std::string csv = sroi::scenarios_csv(c, context);
    CHECK(csv.starts_with("scenario,description,present_value,total_inputs,net_present_value,sroi_ratio,"));
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 3);
    const std::string text = sroi::scenarios_text(c, context);
    CHECK(text.find("pessimistic") != std::string::npos);
    CHECK(text.find("outcomes.wellbeing.deadweight = 0.4") != std::string::npos);
}

TEST_CASE("a scenario file adds scenarios and reports mistakes with line and column") {
    const sroi::model m = basic_model();
    const auto good = sroi::load_scenarios_from_string(
        "sroi-scenarios: 1\n"
        "scenarios:\n"
        "  cautious:\n"
        "    description: Lower quantity\n"
        "    set:\n"
        "      outcomes.wellbeing.quantity: 8\n"
        "      outcomes.wellbeing.attribution: 30%\n"
        "  pessimistic:\n"
        "    set: {inputs.grant.amount: 1200}\n",
        "study.yaml", m);
    REQUIRE(good.size() == 2);
    CHECK(good[0].name == "cautious");
    CHECK(good[0].description == "Lower quantity");
    REQUIRE(good[0].set.size() == 2);
    CHECK(good[0].set[1].first == "outcomes.wellbeing.attribution");
    CHECK(good[0].set[1].second == doctest::Approx(0.3));
    const auto merged = sroi::merge_scenarios(m.scenarios, good);
    REQUIRE(merged.size() == 2);
    CHECK(merged[0].name == "pessimistic");  // replaced in place by the file's
    CHECK(merged[0].set.size() == 1);
    CHECK(merged[1].name == "cautious");

    try {
        (void)sroi::load_scenarios_from_string(
            "scenarios:\n"
            "  cautious:\n"
            "    set:\n"
            "      outcomes.wellbeing.quantiy: 8\n"
            "      outcomes.wellbeing.deadweight: 1.5\n",
            "study.yaml", m);
        FAIL("expected a model_error");
    } catch (const sroi::model_error& e) {
        REQUIRE(e.diagnostics().size() == 2);
        CHECK(e.file() == "study.yaml");
        CHECK(e.line() == 4);
        CHECK(e.column() == 7);
        CHECK(e.diagnostics()[0].message.find("did you mean 'outcomes.wellbeing.quantity'") !=
              std::string::npos);
        CHECK(e.diagnostics()[1].location.line == 5);
        CHECK(e.diagnostics()[1].location.column == 38);
        CHECK(e.diagnostics()[1].message.find("outside [0, 1]") != std::string::npos);
    }
    CHECK_THROWS_AS((void)sroi::load_scenarios_from_string("sroi-scenarios: 2\nscenarios: {}\n", "v.yaml", m),
                    sroi::model_error);
    CHECK_THROWS_AS((void)sroi::load_scenarios_from_string("senarios: {}\n", "k.yaml", m), sroi::model_error);
    CHECK_THROWS_AS((void)sroi::load_scenarios_from_string("scenarios: [\n", "y.yaml", m), sroi::model_error);
    CHECK_THROWS_AS((void)sroi::load_scenario_file("no-such-file.yaml", m), sroi::model_error);
}
