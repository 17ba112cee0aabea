// An uncertain number written in code, for the distribution tests.
#pragma once

#include <optional>

#include <sroi/model/model.hpp>

namespace sroi::testing {

inline uncertain_number spec(double value, distribution d, std::optional<double> low,
                             std::optional<double> high, std::optional<double> sd = {}) {
    return detail::make_uncertain(value, low, high, sd, d);
}

}  // namespace sroi::testing
