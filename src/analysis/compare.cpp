#include <sroi/analysis/compare.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include <sroi/engine/evaluate.hpp>

#include "engine/finite.hpp"
#include "model/id_lookup.hpp"

namespace sroi {

const char* to_string(match_status s) noexcept {
    switch (s) {
        case match_status::matched:
            return "matched";
        case match_status::added:
            return "added";
        case match_status::dropped:
            return "dropped";
    }
    return "matched";
}

namespace {

forecast_actual pair_of(double forecast, double actual) {
    return {forecast, actual, actual - forecast};
}

/// Factor putting the forecast's money in the evaluative model's price year.
double forecast_rebase_factor(const model& forecast, const model& actual, std::vector<diagnostic>& notes) {
    const std::optional<int> from = forecast.project.price_year;
    const std::optional<int> to = actual.project.price_year;
    if (!from && !to) {
        notes.push_back({severity::warning,
                         {},
                         {},
                         "neither model states project.price_year: money values are compared as given"});
        return 1.0;
    }
    if (!from || !to) {
        throw make_error(
            errors::compare_price_year,
            fmt::format("{} does not state project.price_year but {} does ({}): set it in both so that "
                        "their money values can be compared in one price base",
                        from ? actual.file : forecast.file, from ? forecast.file : actual.file,
                        from ? *from : *to));
    }
    if (*from == *to) return 1.0;
    std::string why;
    for (const model* m : {&forecast, &actual}) {
        const sroi::price_index* index = m->price_index.empty() ? nullptr : m->find_index(m->price_index);
        if (index == nullptr) continue;
        try {
            const double factor = rebase_factor(*index, *from, *to);
            notes.push_back(
                {severity::warning,
                 {},
                 {},
                 fmt::format("the forecast's money values are re-based from {} to {} prices with '{}' "
                             "(x {:.6f})",
                             *from, *to, index->id, factor)});
            return factor;
        } catch (const evaluation_error& e) {
            why = e.what();
        }
    }
    throw make_error(
        errors::compare_price_year,
        fmt::format(
            "the forecast ({}) is in {} prices and the evaluative model ({}) in {} prices, and neither "
            "model's price_index can re-base one to the other{}",
            forecast.file, *from, actual.file, *to, why.empty() ? std::string{} : " (" + why + ")"));
}

template <typename Item, typename Comparison, typename Fill>
std::vector<Comparison> match(const std::vector<Item>& forecast, const std::vector<Item>& actual, Fill fill) {
    std::vector<Comparison> out;
    out.reserve(forecast.size() + actual.size());
    const detail::id_lookup<Item> actual_ids(actual, &Item::id);
    const detail::id_lookup<Item> forecast_ids(forecast, &Item::id);
    for (const Item& f : forecast)
        out.push_back(fill(&f, actual_ids.find(f.id)));
    for (const Item& a : actual) {
        if (forecast_ids.find(a.id) == nullptr) out.push_back(fill(nullptr, &a));
    }
    return out;
}

match_status status_of(const void* forecast, const void* actual) {
    if (forecast == nullptr) return match_status::added;
    if (actual == nullptr) return match_status::dropped;
    return match_status::matched;
}

}  // namespace

comparison compare(const model& forecast, const result& forecast_result, const model& actual,
                   const result& actual_result) {
    if (forecast.project.currency != actual.project.currency) {
        throw make_error(
            errors::compare_currency,
            fmt::format("the forecast ({}) is in {} and the evaluative model ({}) in {}: sroi does not "
                        "convert currencies",
                        forecast.file, forecast.project.currency, actual.file, actual.project.currency));
    }
    comparison c;
    c.forecast_name = forecast.project.name;
    c.actual_name = actual.project.name;
    c.forecast_file = forecast.file;
    c.actual_file = actual.file;
    c.currency = actual.project.currency;
    c.price_year = actual.project.price_year;
    if (forecast.project.type != study_type::forecast) {
        c.notes.push_back({severity::warning,
                           {forecast.file, 0, 0},
                           "project.type",
                           "the first model is marked 'evaluative'; it is used as the forecast"});
    }
    if (actual.project.type != study_type::evaluative) {
        c.notes.push_back(
            {severity::warning,
             {actual.file, 0, 0},
             "project.type",
             "the second model is marked 'forecast'; it is used as the actual (evaluative) one"});
    }
    const double k = forecast_rebase_factor(forecast, actual, c.notes);
    c.forecast_rebase_factor = k;

    c.outcomes = match<outcome_result, outcome_comparison>(
        forecast_result.outcomes, actual_result.outcomes,
        [&](const outcome_result* f, const outcome_result* a) {
            outcome_comparison o;
            o.id = a != nullptr ? a->id : f->id;
            o.stakeholder = a != nullptr ? a->stakeholder : f->stakeholder;
            o.status = status_of(f, a);
            const auto get = [](const outcome_result* x, double outcome_result::*field, double scale) {
                return x != nullptr ? x->*field * scale : 0.0;
            };
            o.quantity =
                pair_of(get(f, &outcome_result::quantity, 1.0), get(a, &outcome_result::quantity, 1.0));
            o.proxy = pair_of(get(f, &outcome_result::proxy, k), get(a, &outcome_result::proxy, 1.0));
            o.impact = pair_of(get(f, &outcome_result::impact, k), get(a, &outcome_result::impact, 1.0));
            o.present_value = pair_of(get(f, &outcome_result::present_value, k),
                                      get(a, &outcome_result::present_value, 1.0));
            return o;
        });
    c.inputs = match<input_result, input_comparison>(
        forecast_result.inputs, actual_result.inputs, [&](const input_result* f, const input_result* a) {
            input_comparison in;
            in.id = a != nullptr ? a->id : f->id;
            in.stakeholder = a != nullptr ? a->stakeholder : f->stakeholder;
            in.status = status_of(f, a);
            in.value = pair_of(f != nullptr ? f->value * k : 0.0, a != nullptr ? a->value : 0.0);
            in.present_value =
                pair_of(f != nullptr ? f->present_value * k : 0.0, a != nullptr ? a->present_value : 0.0);
            return in;
        });
    c.present_value = pair_of(forecast_result.present_value * k, actual_result.present_value);
    c.total_inputs = pair_of(forecast_result.total_inputs * k, actual_result.total_inputs);
    c.net_present_value = pair_of(forecast_result.net_present_value * k, actual_result.net_present_value);
    c.sroi_ratio = pair_of(forecast_result.sroi_ratio, actual_result.sroi_ratio);
    // Each model's figures are finite; re-basing and differences of them can still overflow.
    const auto check = [](const forecast_actual& v, const std::string& what) {
        detail::require_finite(v.forecast, what + " of the forecast (re-based)");
        detail::require_finite(v.difference, what + ": its difference (actual - forecast)");
        if (const std::optional<double> r = v.relative())
            detail::require_finite(*r, what + ": its relative change");
    };
    for (const outcome_comparison& o : c.outcomes) {
        for (const auto& [v, figure] :
             {std::pair{&o.quantity, "quantity"}, std::pair{&o.proxy, "proxy"},
              std::pair{&o.impact, "impact"}, std::pair{&o.present_value, "present value"}})
            check(*v, fmt::format("the {} of outcomes.{}", figure, o.id));
    }
    for (const input_comparison& in : c.inputs) {
        check(in.value, fmt::format("the value of inputs.{}", in.id));
        check(in.present_value, fmt::format("the present value of inputs.{}", in.id));
    }
    check(c.present_value, "the present value");
    check(c.total_inputs, "the total inputs");
    check(c.net_present_value, "the net present value");
    check(c.sroi_ratio, "the SROI ratio");
    return c;
}

}  // namespace sroi
