#include <sroi/analysis/portfolio.hpp>

#include <algorithm>
#include <array>
#include <exception>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include <sroi/engine/evaluate.hpp>
#include <sroi/engine/local_multiplier.hpp>

#include "engine/finite.hpp"
#include "model/parallel.hpp"

namespace sroi {

namespace {

/// Groups keyed by text, in order of first appearance, with a count of contributing models.
class group_sums {
public:
    void add(const std::string& key, double present_value, double inputs, std::size_t model) {
        auto [it, inserted] = positions_.try_emplace(key, groups_.size());
        if (inserted) {
            groups_.push_back({key, 0.0, 0.0, 0});
            last_model_.push_back(model);
            groups_.back().models = 1;
        } else if (last_model_[it->second] != model) {
            last_model_[it->second] = model;
            ++groups_[it->second].models;
        }
        groups_[it->second].present_value += present_value;
        groups_[it->second].inputs += inputs;
    }

    [[nodiscard]] std::vector<portfolio_group> take() { return std::move(groups_); }

private:
    std::vector<portfolio_group> groups_;
    std::vector<std::size_t> last_model_;
    std::unordered_map<std::string, std::size_t> positions_;
};

/// The price year every figure is put in: the one asked for, else the latest among the models
/// in the portfolio's currency (empty when none states one).
std::optional<int> target_price_year(std::span<const portfolio_member> members, const std::string& currency,
                                     const portfolio_options& options) {
    if (options.price_year) return options.price_year;
    std::optional<int> latest;
    for (const portfolio_member& member : members) {
        const project_info& p = member.model.project;
        if (p.currency == currency && p.price_year && (!latest || *p.price_year > *latest))
            latest = p.price_year;
    }
    return latest;
}

bool mixed_price_years(std::span<const portfolio_member> members, const std::string& currency) {
    std::set<std::optional<int>> years;
    for (const portfolio_member& member : members) {
        if (member.model.project.currency == currency) years.insert(member.model.project.price_year);
    }
    return years.size() > 1;
}

/// Every figure of the portfolio is finite (each model's own figures are; re-basing and adding
/// them up can still overflow).
void require_finite_figures(const portfolio_result& p) {
    using detail::require_finite;
    for (const portfolio_model& row : p.models) {
        const std::string what = fmt::format("portfolio model '{}' ({})", row.name, row.file);
        require_finite(row.present_value, what + ": the re-based present value");
        require_finite(row.total_inputs, what + ": the re-based inputs");
        require_finite(row.net_present_value, what + ": the re-based net present value");
        require_finite(row.top_outcome_present_value,
                       what + ": the re-based present value of its top outcome");
        require_finite(row.local_spend, what + ": the re-based local spend");
        require_finite(row.local_value, what + ": the re-based local value");
    }
    const portfolio_totals& t = p.total;
    require_finite(t.present_value, "the portfolio's total present value");
    require_finite(t.total_inputs, "the portfolio's total inputs");
    require_finite(t.net_present_value, "the portfolio's net present value");
    require_finite(t.sroi_ratio, "the portfolio's SROI ratio");
    require_finite(t.net_sroi_ratio, "the portfolio's net SROI ratio");
    require_finite(t.annual_impact, "the portfolio's annual impact");
    if (t.payback_months) require_finite(*t.payback_months, "the portfolio's payback period");
    require_finite(p.local_spend, "the portfolio's local spend");
    require_finite(p.local_value, "the portfolio's local value");
    if (p.local_multiplier) require_finite(*p.local_multiplier, "the portfolio's local multiplier (LM3)");
    for (const auto& [groups, kind] :
         {std::pair{&p.themes, "theme"}, std::pair{&p.stakeholders, "stakeholder"},
          std::pair{&p.value_types, "value type"}}) {
        for (const portfolio_group& g : *groups) {
            require_finite(g.present_value,
                           fmt::format("the portfolio's present value of {} '{}'", kind, g.key));
            require_finite(g.inputs, fmt::format("the portfolio's inputs of {} '{}'", kind, g.key));
        }
    }
}

}  // namespace

portfolio_result summarise_portfolio(std::span<const portfolio_member> members,
                                     const portfolio_options& options) {
    portfolio_result p;
    if (members.empty()) return p;
    p.currency = members.front().model.project.currency;
    p.price_year = target_price_year(members, p.currency, options);
    if (!p.price_year) {
        p.notes.push_back({severity::warning,
                           {},
                           {},
                           "no model states project.price_year: money values are added as given, each in "
                           "its own (unstated) prices"});
    } else if (mixed_price_years(members, p.currency) || options.price_year) {
        p.notes.push_back(
            {severity::warning,
             {},
             {},
             fmt::format("every figure is in {} prices: models in other price years are re-based "
                         "with their own price index (ratios are unchanged)",
                         *p.price_year)});
    }

    group_sums themes;
    group_sums stakeholders;
    std::array<group_sums, 4> value_types;  // indexed by value_type, so that the order is fixed
    std::array<bool, 4> value_type_used{};
    double circulated = 0.0;  // LM3: R1 + R2 + R3 over every model

    for (std::size_t i = 0; i < members.size(); ++i) {
        const portfolio_member& member = members[i];
        const model& m = member.model;
        const result& r = member.result;
        const auto exclude = [&](const std::string& path, const std::string& reason) {
            p.excluded.push_back({member.file, m.project.name, reason});
            source_location at = m.locate(path);
            if (at.file.empty()) at.file = member.file;
            p.problems.push_back({severity::error, at, path, "left out of the portfolio totals: " + reason});
        };
        if (m.project.currency != p.currency) {
            exclude("project.currency",
                    fmt::format("the model is in {} but the portfolio is in {} (the first model's currency); "
                                "sroi never converts currencies",
                                m.project.currency, p.currency));
            continue;
        }
        double factor = 1.0;
        if (p.price_year) {
            const std::optional<int> own = m.project.price_year;
            if (!own) {
                exclude("project.price_year",
                        fmt::format("it has no project.price_year, so its values cannot be put in {} prices",
                                    *p.price_year));
                continue;
            }
            if (*own != *p.price_year) {
                const sroi::price_index* index =
                    m.price_index.empty() ? nullptr : m.find_index(m.price_index);
                if (index == nullptr) {
                    exclude(
                        "project.price_year",
                        fmt::format("it is in {} prices and has no price_index to re-base it to {} prices",
                                    *own, *p.price_year));
                    continue;
                }
                try {
                    factor = rebase_factor(*index, *own, *p.price_year);
                } catch (const evaluation_error& e) {
                    exclude("price_index", e.what());
                    continue;
                }
                p.notes.push_back({severity::warning,
                                   {member.file, 0, 0},
                                   {},
                                   fmt::format("re-based from {} to {} prices with '{}' (x {:.6f})", *own,
                                               *p.price_year, index->id, factor)});
            }
        }

        portfolio_model row;
        row.file = member.file;
        row.name = m.project.name;
        row.type = m.project.type;
        row.price_year = m.project.price_year;
        row.rebase_factor = factor;
        row.present_value = r.present_value * factor;
        row.total_inputs = r.total_inputs * factor;
        row.net_present_value = r.net_present_value * factor;
        row.sroi_ratio = r.sroi_ratio;
        row.payback_months = r.payback_months;
        const auto top = std::max_element(r.outcomes.begin(), r.outcomes.end(),
                                          [](const outcome_result& a, const outcome_result& b) {
                                              return a.present_value < b.present_value;
                                          });
        if (top != r.outcomes.end()) {
            row.top_outcome = top->id;
            row.top_outcome_present_value = top->present_value * factor;
        }
        if (!m.local_spending.empty()) {
            const local_multiplier_result lm = evaluate_local_multiplier(m);
            row.local_spend_items = lm.items.size();
            row.local_spend = lm.round1 * factor;
            row.local_value = lm.local_value * factor;
            p.local_spend += row.local_spend;
            p.local_value += row.local_value;
            circulated += (lm.round1 + lm.round2 + lm.round3) * factor;
        }

        const std::size_t position = p.models.size();
        for (const group_result& g : r.themes)
            themes.add(g.key, g.present_value * factor, 0.0, position);
        for (const group_result& g : r.stakeholders)
            stakeholders.add(g.key, g.present_value * factor, g.inputs * factor, position);
        for (const group_result& g : r.value_types) {
            for (const value_type v :
                 {value_type::fiscal, value_type::economic, value_type::social, value_type::wellbeing}) {
                if (g.key != to_string(v)) continue;
                value_types[static_cast<std::size_t>(v)].add(g.key, g.present_value * factor, 0.0, position);
                value_type_used[static_cast<std::size_t>(v)] = true;
            }
        }
        p.total.present_value += row.present_value;
        p.total.total_inputs += row.total_inputs;
        p.total.annual_impact += r.annual_impact * factor;
        p.models.push_back(std::move(row));
    }

    portfolio_totals& t = p.total;
    t.net_present_value = t.present_value - t.total_inputs;
    if (t.total_inputs > 0.0) {
        t.sroi_ratio = t.present_value / t.total_inputs;
        t.net_sroi_ratio = t.net_present_value / t.total_inputs;
    }
    if (t.annual_impact > 0.0) t.payback_months = t.total_inputs / (t.annual_impact / 12.0);
    if (p.local_spend > 0.0) p.local_multiplier = circulated / p.local_spend;
    p.themes = themes.take();
    p.stakeholders = stakeholders.take();
    for (std::size_t v = 0; v < value_types.size(); ++v) {
        if (!value_type_used[v]) continue;
        for (portfolio_group& g : value_types[v].take())
            p.value_types.push_back(std::move(g));
    }
    require_finite_figures(p);
    return p;
}

portfolio_result evaluate_portfolio(model_file_set models, const portfolio_options& options) {
    std::vector<model_file>& files = models.files;
    const std::size_t count = files.size();

    // Evaluate the models on several threads; each file has its own slot, so the result does not
    // depend on the number of threads.
    std::vector<std::optional<result>> results(count);
    const auto evaluate_one = [&](std::size_t i) {
        model_file& file = files[i];
        if (!file.model) return;
        try {
            results[i] = evaluate(*file.model);
        } catch (const model_error& e) {
            file.fail(e.diagnostics());
        } catch (const std::exception& e) {
            file.fail({{severity::error, {file.file, 0, 0}, {}, e.what()}});
        }
    };
    // At most one thread per 8 files.
    const unsigned threads = detail::thread_count(options.threads, std::max<std::size_t>(count / 8, 1));
    detail::parallel_for(count, threads, [&](std::size_t i, unsigned) { evaluate_one(i); });

    std::vector<portfolio_member> members;
    members.reserve(count);
    std::vector<diagnostic> problems;
    std::vector<portfolio_exclusion> failed;
    for (std::size_t i = 0; i < count; ++i) {
        if (files[i].model && results[i]) {
            members.push_back({files[i].file, std::move(*files[i].model), std::move(*results[i])});
            continue;
        }
        const diagnostic& first = files[i].errors.front();
        failed.push_back({files[i].file, {}, (first.path.empty() ? "" : first.path + ": ") + first.message});
        for (diagnostic& d : files[i].errors)
            problems.push_back(std::move(d));
    }
    results.clear();
    portfolio_result p = summarise_portfolio(members, options);

    // Keep problems and exclusions in the order the files were given.
    std::unordered_map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < files.size(); ++i)
        position.emplace(files[i].file, i);
    const auto rank = [&](const std::string& file) {
        const auto it = position.find(file);
        return it == position.end() ? files.size() : it->second;
    };
    problems.insert(problems.end(), std::make_move_iterator(p.problems.begin()),
                    std::make_move_iterator(p.problems.end()));
    std::stable_sort(problems.begin(), problems.end(), [&](const diagnostic& a, const diagnostic& b) {
        return rank(a.location.file) < rank(b.location.file);
    });
    p.problems = std::move(problems);
    failed.insert(failed.end(), p.excluded.begin(), p.excluded.end());
    std::stable_sort(failed.begin(), failed.end(),
                     [&](const portfolio_exclusion& a, const portfolio_exclusion& b) {
                         return rank(a.file) < rank(b.file);
                     });
    p.excluded = std::move(failed);
    std::vector<diagnostic> notes;
    for (diagnostic& d : models.notes)
        (d.level == severity::error ? p.problems : notes).push_back(std::move(d));
    notes.insert(notes.end(), std::make_move_iterator(p.notes.begin()),
                 std::make_move_iterator(p.notes.end()));
    p.notes = std::move(notes);
    return p;
}

}  // namespace sroi
