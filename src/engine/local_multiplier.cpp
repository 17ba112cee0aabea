#include <sroi/engine/local_multiplier.hpp>

#include <cmath>

#include <fmt/format.h>

#include "engine/finite.hpp"

namespace sroi {

local_multiplier_item evaluate_local_spend(const local_spend& spend) {
    local_multiplier_item item;
    item.id = spend.id;
    item.description = spend.description;
    item.local_recipient = spend.local_recipient;
    if (spend.round1) {
        item.round1 = *spend.round1;
        item.round2 = spend.round2.value_or(0.0);
        item.round3 = spend.round3.value_or(0.0);
    } else {
        item.round1 = spend.amount.value_or(0.0);
        item.round2 = item.round1 * spend.local_share.value_or(0.0);
        item.round3 = item.round2 * spend.respend_share.value_or(0.0);
    }
    if (!(item.round1 > 0.0) || !std::isfinite(item.round1)) {
        throw make_error(errors::evaluation_local_spend,
                         fmt::format("local_spend '{}': the initial spend (round 1) must be a positive "
                                     "number, got {}",
                                     spend.id, item.round1));
    }
    const double circulated = item.round1 + item.round2 + item.round3;
    item.lm3 = circulated / item.round1;
    item.local_value = item.local_recipient ? circulated : item.round2 + item.round3;
    item.local_value_per_unit = item.local_value / item.round1;
    const std::string what = fmt::format("local_spend '{}'", spend.id);
    detail::require_finite(item.round2, what + ": round 2");
    detail::require_finite(item.round3, what + ": round 3");
    detail::require_finite(circulated, what + ": the money circulated (R1 + R2 + R3)");
    detail::require_finite(item.lm3, what + ": its LM3 ((R1 + R2 + R3) / R1)");
    detail::require_finite(item.local_value, what + ": its local value");
    detail::require_finite(item.local_value_per_unit, what + ": its local value per unit spent");
    return item;
}

local_multiplier_result evaluate_local_multiplier(const model& m) {
    local_multiplier_result result;
    for (const local_spend& spend : m.local_spending) {
        local_multiplier_item item = evaluate_local_spend(spend);
        result.round1 += item.round1;
        result.round2 += item.round2;
        result.round3 += item.round3;
        result.local_value += item.local_value;
        result.items.push_back(std::move(item));
    }
    if (!result.items.empty()) result.lm3 = (result.round1 + result.round2 + result.round3) / result.round1;
    detail::require_finite(result.round1, "the local spend's round 1 in total");
    detail::require_finite(result.round2, "the local spend's round 2 in total");
    detail::require_finite(result.round3, "the local spend's round 3 in total");
    detail::require_finite(result.local_value, "the local spend's local value in total");
    if (result.lm3)
        detail::require_finite(*result.lm3, "the model's LM3 ((R1 + R2 + R3) / R1 over all local spend)");
    return result;
}

const char* local_multiplier_caveat() noexcept {
    return "LM3 (NEF Local Multiplier 3) counts money circulating in the local economy; it is a different "
           "measure from SROI and is NOT included in the present value, the inputs or the SROI ratio. "
           "Adding it would double count outcomes valued from the same spend (e.g. local jobs).";
}

}  // namespace sroi
