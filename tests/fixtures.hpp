// The models the tests share, so that no test file keeps its own copy of them.
//
// worked_example(): one input of 1,000 now; one outcome of 10 x 100 with DW 20 %, DS 10 %,
// AT 25 %, drop-off 10 %, three years from year 1, discounted at 3.5 %.
//   I = 10 x 100 x 0.8 x 0.9 x 0.75 = 540; values 540, 486, 437.4;
//   PV = 540/1.035 + 486/1.035^2 + 437.4/1.035^3 = 1369.9350702720476; NPV = 369.935...
// minimal_model: the smallest valid model as YAML text; the loader tests append or replace parts.
#pragma once

#include <string_view>

#include <sroi/model/model.hpp>

namespace sroi::testing {

inline constexpr double worked_example_pv = 1369.9350702720476;

inline model worked_example() {
    model m;
    m.project.name = "Worked example";
    m.stakeholders.push_back({"people", "People", ""});
    input in;
    in.id = "grant";
    in.stakeholder = "people";
    in.amount = 1000.0;
    m.inputs.push_back(in);
    outcome o;
    o.id = "wellbeing";
    o.stakeholder = "people";
    o.quantity = 10.0;
    o.proxy.value = 100.0;
    o.deadweight = 0.2;
    o.displacement = 0.1;
    o.attribution = 0.25;
    o.drop_off = 0.1;
    o.duration = 3;
    m.outcomes.push_back(o);
    return m;
}

inline constexpr std::string_view minimal_model = R"(sroi: 1
project: {name: test}
inputs: [{id: a, amount: 100}]
outcomes: [{id: o, quantity: 1, proxy: 10}]
)";

}  // namespace sroi::testing
