/// @file local_multiplier.hpp
/// @brief NEF Local Multiplier 3 (LM3): how much of a spend circulates in the local economy.
///
/// LM3 (New Economics Foundation, "The Money Trail", 2002) follows money for three rounds:
/// R1 is the initial spend (e.g. a council contract), R2 the part of it the recipient spends
/// locally (local suppliers and the wages of local staff), and R3 the part of R2 that those
/// local suppliers and staff re-spend locally. `LM3 = (R1 + R2 + R3) / R1`.
///
/// LM3 is a different measure from SROI: it counts money changing hands, not changes in people's
/// lives valued with proxies. Its figures are reported *beside* the SROI results and are never
/// added to the present value, the inputs or the ratio: an outcome valued from the same spend
/// (local jobs, local re-spending) would otherwise be counted twice.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <sroi/model/model.hpp>

namespace sroi {

/// LM3 figures of one `local_spend` item.
struct local_multiplier_item {
    std::string id;               ///< item id
    std::string description;      ///< what the spend is
    bool local_recipient = true;  ///< false when the first recipient is outside the area
    double round1 = 0;            ///< R1: the initial spend
    double round2 = 0;            ///< R2: the part of R1 spent locally by its recipient
    double round3 = 0;            ///< R3: the part of R2 re-spent locally
    double lm3 = 0;               ///< (R1 + R2 + R3) / R1
    /// Money reaching the local economy: R1 + R2 + R3 for a local recipient; R2 + R3 when the
    /// recipient is outside the area (R1 itself leaves the area).
    double local_value = 0;
    /// local_value / R1: the value to the local economy of each unit of currency spent
    /// (NEF's "every GBP 1 spent locally is worth GBP 1.76").
    double local_value_per_unit = 0;
};

/// LM3 figures of a whole model: every item and the totals.
struct local_multiplier_result {
    std::vector<local_multiplier_item> items;  ///< in model order
    double round1 = 0;                         ///< sum of R1
    double round2 = 0;                         ///< sum of R2
    double round3 = 0;                         ///< sum of R3
    double local_value = 0;                    ///< sum of the items' local value
    /// Spend-weighted LM3 of all items, (sum R1 + sum R2 + sum R3) / sum R1; empty without items.
    std::optional<double> lm3;

    /// True when the model describes no local spend.
    [[nodiscard]] bool empty() const noexcept { return items.empty(); }
};

/// Rounds R1, R2, R3 of one item: from the amounts when given, else R2 = R1 x local_share and
/// R3 = R2 x respend_share. Throws evaluation_error when R1 is not positive.
[[nodiscard]] local_multiplier_item evaluate_local_spend(const local_spend& spend);

/// LM3 of every `local_spend` item of a model, and the totals. Never touches the SROI figures.
[[nodiscard]] local_multiplier_result evaluate_local_multiplier(const model& m);

/// The explanation reports print beside LM3 figures: LM3 is not part of the SROI ratio.
[[nodiscard]] const char* local_multiplier_caveat() noexcept;

}  // namespace sroi
