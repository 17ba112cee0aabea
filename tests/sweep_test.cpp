// Parameter sweeps: grid values by integer steps, tidy CSV, and bad ranges rejected.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include <sroi/sroi.hpp>

#include "fixtures.hpp"

namespace {

// The worked example (fixtures.hpp): PV = 1369.9350702720476.
using sroi::testing::worked_example;

constexpr double pv = sroi::testing::worked_example_pv;

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

}  // namespace

TEST_CASE("axis values come from integer step counts") {
    // 0 + 3 x 0.1 is 0.30000000000000004 in floating point; the axis gives 0.3.
    const auto v = sroi::sweep_values({"x", 0.0, 0.3, 0.1});
    REQUIRE(v.size() == 4);
    CHECK(v[1] == 0.1);
    CHECK(v[2] == 0.2);
    CHECK(v[3] == 0.3);
    // Downwards, and a last step that stops short of TO: 1, 0.75, 0.5, 0.25 (0 is not reached by 0.3s
    // from 1: 1, 0.7, 0.4, 0.1).
    CHECK(sroi::sweep_values({"x", 1.0, 0.0, -0.25}) == std::vector<double>{1.0, 0.75, 0.5, 0.25, 0.0});
    CHECK(sroi::sweep_values({"x", 1.0, 0.0, -0.3}) == std::vector<double>{1.0, 0.7, 0.4, 0.1});
    CHECK(sroi::sweep_values({"x", 5.0, 5.0, 1.0}) == std::vector<double>{5.0});
    // 1000 steps of 0.001: the last is exactly 1.
    const auto fine = sroi::sweep_values({"x", 0.0, 1.0, 0.001});
    CHECK(fine.size() == 1001);
    CHECK(fine[700] == 0.7);
    CHECK(fine.back() == 1.0);
}

TEST_CASE("bad ranges are errors") {
    CHECK_THROWS_WITH_AS((void)sroi::sweep_values({"x", 0.0, 1.0, 0.0}), doctest::Contains("the step is 0"),
                         sroi::evaluation_error);
    CHECK_THROWS_WITH_AS((void)sroi::sweep_values({"x", 0.0, 1.0, -0.1}), doctest::Contains("step goes down"),
                         sroi::evaluation_error);
    CHECK_THROWS_WITH_AS((void)sroi::sweep_values({"x", 0.0, 1.0, 1e-7}),
                         doctest::Contains("too many points"), sroi::evaluation_error);
    CHECK_THROWS_AS((void)sroi::parse_sweep_axis("outcomes.x.quantity"), sroi::evaluation_error);
    CHECK_THROWS_AS((void)sroi::parse_sweep_axis("=0:1:0.1"), sroi::evaluation_error);
    CHECK_THROWS_AS((void)sroi::parse_sweep_axis("p=0:1"), sroi::evaluation_error);
    CHECK_THROWS_AS((void)sroi::parse_sweep_axis("p=0:1:x"), sroi::evaluation_error);
    CHECK_THROWS_AS((void)sroi::parse_sweep_axis("p=0:1:0.1:2"), sroi::evaluation_error);
    CHECK_THROWS_AS((void)sroi::parse_sweep_axis("p=nan:1:0.1"), sroi::evaluation_error);
    const auto axis = sroi::parse_sweep_axis("outcomes.wellbeing.deadweight=0:0.5:0.05");
    CHECK(axis.path == "outcomes.wellbeing.deadweight");
    CHECK(axis.to == 0.5);
    CHECK(axis.step == 0.05);

    const sroi::evaluator ev(worked_example());
    const std::vector<sroi::sweep_axis> outside{{"outcomes.wellbeing.deadweight", 0.0, 1.5, 0.5}};
    CHECK_THROWS_WITH_AS((void)sroi::sweep(ev, ev.base_values(), outside),
                         doctest::Contains("outside [0, 1]"), sroi::evaluation_error);
    const std::vector<sroi::sweep_axis> unknown{{"outcomes.wellbeing.deadwieght", 0.0, 0.5, 0.5}};
    CHECK_THROWS_WITH_AS((void)sroi::sweep(ev, ev.base_values(), unknown), doctest::Contains("did you mean"),
                         sroi::evaluation_error);
    const std::vector<sroi::sweep_axis> twice{{"discount.rate", 0.0, 0.1, 0.05},
                                              {"discount.rate", 0.0, 0.1, 0.05}};
    CHECK_THROWS_AS((void)sroi::sweep(ev, ev.base_values(), twice), sroi::evaluation_error);
    const std::vector<sroi::sweep_axis> big{{"outcomes.wellbeing.quantity", 0.0, 999.0, 1.0},
                                            {"outcomes.wellbeing.proxy", 0.0, 999.0, 1.0},
                                            {"inputs.grant.amount", 1.0, 2.0, 1.0}};
    CHECK_THROWS_WITH_AS((void)sroi::sweep(ev, ev.base_values(), big), doctest::Contains("more than 1000000"),
                         sroi::evaluation_error);
}

TEST_CASE("a one-way sweep as tidy CSV") {
    const sroi::evaluator ev(worked_example());
    const std::vector<sroi::sweep_axis> axes{{"outcomes.wellbeing.quantity", 0.0, 20.0, 5.0}};
    const auto s = sroi::sweep(ev, ev.base_values(), axes);
    const auto rows = lines(sroi::sweep_csv(s));
    REQUIRE(rows.size() == 6);
    CHECK(rows[0] == "outcomes.wellbeing.quantity,sroi_ratio,net_present_value,present_value,total_inputs");
    // PV is proportional to Q: PV(Q) = Q x 136.99350702720476; at Q = 0 the ratio is 0, NPV -1000.
    CHECK(rows[1] == "0,0,-1000,0,1000");
    for (std::size_t k = 0; k < 5; ++k) {
        const double q = 5.0 * static_cast<double>(k);
        CHECK(s.points[k][0] == q);
        CHECK(s.figures[k].present_value == doctest::Approx(pv * q / 10).epsilon(1e-12));
        CHECK(s.figures[k].sroi_ratio == doctest::Approx(pv * q / 10 / 1000).epsilon(1e-12));
    }
    CHECK(rows[3].starts_with("10,1.36993507027"));
}

TEST_CASE("a two-way sweep has one row per grid point, the first axis outermost") {
    const sroi::evaluator ev(worked_example());
    const std::vector<sroi::sweep_axis> axes{{"outcomes.wellbeing.quantity", 5.0, 10.0, 5.0},
                                             {"outcomes.wellbeing.deadweight", 0.0, 0.5, 0.25}};
    const auto s = sroi::sweep(ev, ev.base_values(), axes);
    REQUIRE(s.points.size() == 6);
    const auto rows = lines(sroi::sweep_csv(s));
    CHECK(rows[0] ==
          "outcomes.wellbeing.quantity,outcomes.wellbeing.deadweight,sroi_ratio,net_present_value,present_"
          "value,"
          "total_inputs");
    CHECK(rows.size() == 7);
    const double expected_points[6][2] = {{5, 0}, {5, 0.25}, {5, 0.5}, {10, 0}, {10, 0.25}, {10, 0.5}};
    for (std::size_t k = 0; k < 6; ++k) {
        CHECK(s.points[k][0] == expected_points[k][0]);
        CHECK(s.points[k][1] == expected_points[k][1]);
        // PV = 1369.935 x (Q / 10) x (1 - DW) / 0.8
        const double expected = pv * expected_points[k][0] / 10 * (1 - expected_points[k][1]) / 0.8;
        CHECK(s.figures[k].present_value == doctest::Approx(expected).epsilon(1e-12));
    }
    // Sweeping the rate re-evaluates everything: at 0 % PV = 540 + 486 + 437.4 = 1463.4.
    const std::vector<sroi::sweep_axis> rate{{"discount.rate", 0.0, 0.035, 0.035}};
    const auto r = sroi::sweep(ev, ev.base_values(), rate);
    CHECK(r.figures[0].present_value == doctest::Approx(1463.4).epsilon(1e-12));
    CHECK(r.figures[1].present_value == doctest::Approx(pv).epsilon(1e-12));
    // Zero inputs give an NA ratio, never inf.
    const std::vector<sroi::sweep_axis> inputs{{"inputs.grant.amount", 0.0, 1000.0, 1000.0}};
    const auto csv = sroi::sweep_csv(sroi::sweep(ev, ev.base_values(), inputs));
    // (the fast path sums impact x annuity, so the last digit may differ from the full evaluation)
    CHECK(lines(csv)[1].starts_with("0,NA,1369.93507027204"));
    CHECK(lines(csv)[1].ends_with(",0"));
}
