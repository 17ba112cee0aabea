// The smallest valid model as YAML text, shared by the loader tests: tests append or replace parts
// of it.
#pragma once

#include <string_view>

namespace sroi::testing {

inline constexpr std::string_view minimal_model = R"(sroi: 1
project: {name: test}
inputs: [{id: a, amount: 100}]
outcomes: [{id: o, quantity: 1, proxy: 10}]
)";

}  // namespace sroi::testing
