#include <sroi/model/model.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>
#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include <sroi/model/distributions.hpp>
#include <sroi/model/parameters.hpp>

#include "model/id_lookup.hpp"
#include "model/suggest.hpp"

namespace sroi {

const char* to_string(distribution d) noexcept {
    switch (d) {
        case distribution::fixed:
            return "fixed";
        case distribution::uniform:
            return "uniform";
        case distribution::triangular:
            return "triangular";
        case distribution::pert:
            return "pert";
        case distribution::normal:
            return "normal";
        case distribution::lognormal:
            return "lognormal";
        case distribution::beta:
            return "beta";
    }
    return "fixed";
}

const char* to_string(value_type v) noexcept {
    switch (v) {
        case value_type::fiscal:
            return "fiscal";
        case value_type::economic:
            return "economic";
        case value_type::social:
            return "social";
        case value_type::wellbeing:
            return "wellbeing";
    }
    return "social";
}

const char* to_string(study_type t) noexcept {
    return t == study_type::evaluative ? "evaluative" : "forecast";
}

const char* to_string(discount_timing t) noexcept {
    return t == discount_timing::start_of_year ? "start_of_year" : "end_of_year";
}

namespace {

template <typename T, typename Key>
const T* find_by(const std::vector<T>& items, const std::string& key, Key key_of) {
    const auto it =
        std::find_if(items.begin(), items.end(), [&](const T& item) { return key_of(item) == key; });
    return it == items.end() ? nullptr : &*it;
}

}  // namespace

const stakeholder* model::find_stakeholder(const std::string& id) const {
    return find_by(stakeholders, id, [](const stakeholder& s) { return s.id; });
}

const proxy* model::find_proxy(const std::string& id) const {
    return find_by(proxies, id, [](const proxy& p) { return p.id; });
}

const sroi::price_index* model::find_index(const std::string& id) const {
    return find_by(indices, id, [](const sroi::price_index& i) { return i.id; });
}

const scenario* model::find_scenario(const std::string& name) const {
    return find_by(scenarios, name, [](const scenario& s) { return s.name; });
}

source_location model::locate(const std::string& path) const {
    std::string_view key = path;
    while (!key.empty()) {
        if (std::optional<source_location> at = locations.find(key)) return std::move(*at);
        const std::size_t cut = key.find_last_of(".[");
        if (cut == std::string_view::npos || cut == 0) break;
        key = key.substr(0, cut);
    }
    return {file, 0, 0};
}

namespace {

/// Counts, years and durations above this are certainly mistakes.
constexpr int max_years = 1000;

bool is_valid_id(const std::string& id) {
    const auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    };
    return !id.empty() && id.front() != '_' && id.front() != '-' &&
           std::all_of(id.begin(), id.end(), allowed);
}

/// Unknown names that get a "did you mean" suggestion in one check: each one compares the name
/// with every candidate, so a model naming 100,000 unknown ids would otherwise take minutes.
constexpr std::size_t max_suggestions = 20;

std::string domain_text(parameter_domain d) {
    switch (d) {
        case parameter_domain::fraction:
            return "[0, 1]";
        case parameter_domain::non_negative:
            return "[0, inf)";
        case parameter_domain::real:
            break;
    }
    return "(-inf, inf)";
}

bool inside(double v, parameter_domain d) {
    switch (d) {
        case parameter_domain::fraction:
            return v >= 0.0 && v <= 1.0;
        case parameter_domain::non_negative:
            return v >= 0.0;
        case parameter_domain::real:
            break;
    }
    return std::isfinite(v);
}

/// A key path made only when a message needs it: `base`, or `base.field` when a field is named
/// (most checks pass, so most paths are never made).
struct lazy_path {
    std::string_view base;
    std::string_view field;
    lazy_path(const std::string& path) noexcept : base(path) {}  // NOLINT(google-explicit-constructor)
    lazy_path(const char* path) noexcept : base(path) {}         // NOLINT(google-explicit-constructor)
    lazy_path(std::string_view b, std::string_view f) noexcept : base(b), field(f) {}
    [[nodiscard]] std::string str() const {
        std::string path(base);
        if (!field.empty()) {
            path += '.';
            path += field;
        }
        return path;
    }
};

/// Runs every check of check_model() over one model.
class checker {
public:
    explicit checker(const model& m)
        : m_(m), stakeholders_(detail::stakeholder_lookup(m)), proxies_(detail::proxy_lookup(m)) {}

    std::vector<diagnostic> run() {
        check_project();
        check_discount();
        check_ids(m_.stakeholders, "stakeholders", "stakeholder");
        check_inputs();
        check_outcomes();
        check_ids(m_.proxies, "proxies", "proxy");
        for (std::size_t i = 0; i < m_.proxies.size(); ++i) {
            check_uncertain(m_.proxies[i].value, element("proxies", i), parameter_domain::real);
        }
        check_indices();
        check_price_years();
        check_scenarios_and_correlations();
        check_total_inputs();
        check_local_spending();
        check_texts();
        return std::move(out_);
    }

private:
    /// Paths may hold user-written keys (scenario names): control characters in them are shown escaped.
    void error(const std::string& path, std::string message) {
        out_.push_back({severity::error, located(path), detail::printable(path), std::move(message)});
    }

    void warning(const std::string& path, std::string message) {
        out_.push_back({severity::warning, located(path), path, std::move(message)});
    }

    /// Where a key path was written; a key that is not written at all (e.g. a missing `project:`)
    /// is placed at the document's mapping, which the loader records under the empty path.
    [[nodiscard]] source_location located(const std::string& path) const {
        source_location at = m_.locate(path);
        if (at.line > 0) return at;
        std::optional<source_location> root = m_.locations.find({});
        return root ? std::move(*root) : at;
    }

    /// True while unknown names still get suggestions (see max_suggestions); uses one up.
    bool take_suggestion() {
        if (suggestions_left_ == 0) return false;
        --suggestions_left_;
        return true;
    }

    /// " (did you mean 'x'?)" with the `key` of the closest of `items`, while suggestions last.
    template <typename T>
    std::string did_you_mean(std::string_view word, const std::vector<T>& items, std::string T::*key) {
        if (!take_suggestion()) return {};
        detail::nearest_word finder(word);
        for (const T& item : items)
            finder.consider(item.*key);
        return finder.best().empty() ? std::string{} : " (did you mean '" + finder.best() + "'?)";
    }

    static std::string element(std::string_view section, std::size_t i) {
        return fmt::format("{}[{}]", section, i);
    }

    /// `path.value` when the number was written as a mapping, else `path` itself.
    [[nodiscard]] std::string value_path(const std::string& path) const {
        std::string with_value = path + ".value";
        return m_.locations.contains(with_value) ? with_value : path;
    }

    /// "file:line:col" of a key path when known, else the path itself.
    [[nodiscard]] std::string place(const std::string& path) const {
        const source_location at = m_.locate(path);
        if (at.line <= 0) return path;
        if (at.file.empty()) return fmt::format("line {}", at.line);
        return fmt::format("{}:{}:{}", at.file, at.line, at.column);
    }

    void check_years(int years, lazy_path path, int minimum) {
        if (years < minimum) {
            error(path.str(), fmt::format("must be at least {}, got {}", minimum, years));
        } else if (years > max_years) {
            error(path.str(), fmt::format("{} is more than 1,000 years", years));
        }
    }

    /// Where a model's named proxies come from, for the message about a ref that names none of them.
    [[nodiscard]] std::string where_proxies_come_from() const {
        std::vector<std::string> loaded = m_.libraries;  // listed in the model, then given on the side
        for (const proxy& p : m_.proxies) {
            if (!p.library.empty() && std::find(loaded.begin(), loaded.end(), p.library) == loaded.end())
                loaded.push_back(p.library);
        }
        if (loaded.empty()) {
            return "; the model loads no library: name one under `libraries:` (e.g. the bundled "
                   "models/proxies/uk-open.yaml) or define the proxy under `proxies:`";
        }
        std::string files;
        for (const std::string& f : loaded)
            files += (files.empty() ? "" : ", ") + f;
        return fmt::format("; the proxies are the model's own and those of {}", files);
    }

    /// For a share written as a percentage number (25 for 25 %): the two ways to write it.
    static std::string percent_hint(double v, parameter_domain d) {
        if (d != parameter_domain::fraction || !(v > 1.0 && v <= 100.0)) return "";
        return fmt::format(" (did you mean {} or \"{}%\"?)", v / 100.0, v);
    }

    void check_bound(double v, lazy_path path, std::string_view what, parameter_domain d) {
        if (!inside(v, d))
            error(path.str(),
                  fmt::format("{}{} is outside {}{}", what, v, domain_text(d), percent_hint(v, d)));
    }

    /// Checks an uncertain number; its paths (and where it was written) are only looked up for a message.
    void check_uncertain(const uncertain_number& u, lazy_path at, parameter_domain d) {
        const bool plain = std::isfinite(u.value) && inside(u.value, d) && !u.low && !u.high && !u.sd &&
                           u.dist == distribution::fixed;
        if (plain) return;  // nothing below can fail
        check_uncertain_at(u, at.str(), d);
    }

    void check_uncertain_at(const uncertain_number& u, const std::string& path, parameter_domain d) {
        const auto value_at = [&] { return value_path(path); };
        bool finite = std::isfinite(u.value);
        if (!finite) error(value_at(), "the value is not a finite number");
        for (const auto& [part, number] :
             {std::pair{"low", u.low}, std::pair{"high", u.high}, std::pair{"sd", u.sd}}) {
            if (number && !std::isfinite(*number)) {
                error(path + "." + part, fmt::format("{} is not a finite number", part));
                finite = false;
            }
        }
        if (!finite) return;
        if (!inside(u.value, d))
            error(value_at(),
                  fmt::format("{} is outside {}{}", u.value, domain_text(d), percent_hint(u.value, d)));
        if (u.low) check_bound(*u.low, {path, "low"}, "low ", d);
        if (u.high) check_bound(*u.high, {path, "high"}, "high ", d);
        if (u.low && *u.low > u.value)
            error(path + ".low", fmt::format("low {} is above the value {}", *u.low, u.value));
        if (u.high && *u.high < u.value) {
            error(path + ".high", fmt::format("high {} is below the value {}", *u.high, u.value));
        }
        if (u.sd && *u.sd < 0.0) error(path + ".sd", fmt::format("sd {} is negative", *u.sd));
        check_distribution(u, path, d);
    }

    void check_distribution(const uncertain_number& u, const std::string& path, parameter_domain d) {
        const auto dist_at = [&] { return path + ".dist"; };
        const char* name = to_string(u.dist);
        const bool positive_sd = u.sd && *u.sd > 0.0;
        switch (u.dist) {
            case distribution::fixed:
                break;
            case distribution::uniform:
            case distribution::triangular:
            case distribution::pert:
                if (!u.low || !u.high) {
                    error(dist_at(), fmt::format("a {} distribution needs both low and high", name));
                } else if (!(*u.low < *u.high)) {
                    error(dist_at(), fmt::format("a {} distribution needs low < high", name));
                }
                break;
            case distribution::normal:
                if (!positive_sd) error(dist_at(), "a normal distribution needs sd > 0");
                break;
            case distribution::lognormal:
                if (d == parameter_domain::fraction) {
                    error(dist_at(), "a lognormal distribution cannot describe a fraction (use beta)");
                }
                if (!positive_sd) error(dist_at(), "a lognormal distribution needs sd > 0");
                if (!(u.value > 0.0)) error(dist_at(), "a lognormal distribution needs a value > 0");
                break;
            case distribution::beta:
                if (d != parameter_domain::fraction) {
                    error(dist_at(), "a beta distribution can only describe a fraction in [0, 1]");
                    break;
                }
                if (!positive_sd) {
                    error(dist_at(), "a beta distribution needs sd > 0");
                } else if (!(u.value > 0.0 && u.value < 1.0)) {
                    error(dist_at(), "a beta distribution needs 0 < value < 1");
                } else if (*u.sd * *u.sd >= u.value * (1.0 - u.value)) {
                    error(path + ".sd",
                          fmt::format("sd {} is too large for a beta with this mean ({}): it must be "
                                      "below sqrt(value * (1 - value)) = {:.4g}",
                                      *u.sd, u.value, std::sqrt(u.value * (1.0 - u.value))));
                }
                break;
        }
        // Shapes a double cannot hold (a range wider than 1.8e308, a beta with sd 1e-100, ...).
        const double infinity = std::numeric_limits<double>::infinity();
        // A range is checked as the triangular that simulate draws from it by default (the width is
        // what can overflow, whatever the shape).
        if (const auto problem = representation_problem(drawn_spec(u, range_draw::triangular),
                                                        d == parameter_domain::real ? -infinity : 0.0,
                                                        d == parameter_domain::fraction ? 1.0 : infinity))
            error(path + "." + problem->field, problem->message);
    }

    template <typename T>
    void check_ids(const std::vector<T>& items, std::string_view section, std::string_view noun) {
        std::unordered_map<std::string_view, std::size_t> first;
        first.reserve(items.size());
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto path = [&] { return element(section, i) + ".id"; };
            const std::string& id = items[i].id;
            if (id.empty()) {
                error(path(), fmt::format("every {} needs an id", noun));
                continue;
            }
            if (!is_valid_id(id)) {
                error(path(),
                      fmt::format("'{}' is not a valid id: use lower-case letters, digits, '_' and '-', "
                                  "starting with a letter or digit",
                                  detail::printable(id)));
            }
            const auto [it, inserted] = first.emplace(id, i);
            if (!inserted) {
                error(path(),
                      fmt::format("duplicate {} id '{}' (first defined at {})", noun, detail::printable(id),
                                  place(element(section, it->second) + ".id")));
            }
        }
    }

    void check_stakeholder_ref(const std::string& id, lazy_path path) {
        if (id.empty() || stakeholders_.find(id) != nullptr) return;
        error(path.str(), fmt::format("unknown stakeholder '{}'{}", detail::printable(id),
                                      did_you_mean(id, m_.stakeholders, &stakeholder::id)));
    }

    void check_project() {
        const project_info& p = m_.project;
        if (p.name.empty()) error("project.name", "the project needs a name");
        const bool iso_code =
            p.currency.size() == 3 &&
            std::all_of(p.currency.begin(), p.currency.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
        if (!iso_code) {
            error("project.currency",
                  fmt::format("'{}' is not an ISO 4217 currency code such as GBP", p.currency));
        }
        if (p.horizon) check_years(*p.horizon, "project.horizon", 1);
        if (!m_.price_index.empty() && m_.find_index(m_.price_index) == nullptr) {
            error("price_index",
                  fmt::format("unknown price index '{}'{}", detail::printable(m_.price_index),
                              did_you_mean(m_.price_index, m_.indices, &sroi::price_index::id)));
        }
    }

    void check_discount() {
        const discount_spec& d = m_.discount;
        switch (d.kind) {
            case discount_spec::form::constant:
                check_uncertain(d.rate, "discount.rate", parameter_domain::fraction);
                break;
            case discount_spec::form::per_year:
                if (d.rates.empty()) error("discount.rates", "the list of rates is empty");
                for (std::size_t i = 0; i < d.rates.size(); ++i) {
                    check_bound(d.rates[i], element("discount.rates", i), "", parameter_domain::fraction);
                }
                break;
            case discount_spec::form::green_book:
                break;
        }
    }

    void check_inputs() {
        check_ids(m_.inputs, "inputs", "input");
        for (std::size_t i = 0; i < m_.inputs.size(); ++i) {
            const input& in = m_.inputs[i];
            const std::string path = element("inputs", i);
            check_stakeholder_ref(in.stakeholder, path + ".stakeholder");
            if (in.amount && (in.quantity || in.unit_cost)) {
                error(path, "give either amount or quantity x unit_cost, not both");
            } else if (!in.amount && !in.quantity && !in.unit_cost) {
                error(path, "needs an amount, or a quantity and a unit_cost");
            } else if (!in.amount && !in.unit_cost) {
                error(path + ".quantity", "a quantity needs a unit_cost");
            } else if (!in.amount && !in.quantity) {
                error(path + ".unit_cost", "a unit_cost needs a quantity");
            }
            if (in.amount) check_uncertain(*in.amount, {path, "amount"}, parameter_domain::non_negative);
            if (in.quantity)
                check_uncertain(*in.quantity, {path, "quantity"}, parameter_domain::non_negative);
            if (in.unit_cost)
                check_uncertain(*in.unit_cost, {path, "unit_cost"}, parameter_domain::non_negative);
            check_years(in.year, path + ".year", 0);
        }
    }

    void check_outcomes() {
        if (m_.outcomes.empty()) warning("outcomes", "the model has no outcomes: its present value is 0");
        check_ids(m_.outcomes, "outcomes", "outcome");
        for (std::size_t i = 0; i < m_.outcomes.size(); ++i) {
            const outcome& o = m_.outcomes[i];
            const std::string path = element("outcomes", i);
            check_stakeholder_ref(o.stakeholder, {path, "stakeholder"});
            check_uncertain(o.quantity, {path, "quantity"}, parameter_domain::non_negative);
            if (!o.proxy.ref.empty()) {
                if (proxies_.find(o.proxy.ref) == nullptr) {
                    error(path + ".proxy.ref",
                          fmt::format("unknown proxy '{}'{}{}", detail::printable(o.proxy.ref),
                                      did_you_mean(o.proxy.ref, m_.proxies, &proxy::id),
                                      where_proxies_come_from()));
                }
                if (!std::isfinite(o.proxy.multiplier))
                    error(path + ".proxy.multiplier", "not a finite number");
            } else {
                check_uncertain(o.proxy.value, {path, "proxy"}, parameter_domain::real);
            }
            check_uncertain(o.deadweight, {path, "deadweight"}, parameter_domain::fraction);
            check_uncertain(o.displacement, {path, "displacement"}, parameter_domain::fraction);
            check_uncertain(o.attribution, {path, "attribution"}, parameter_domain::fraction);
            check_uncertain(o.drop_off, {path, "drop_off"}, parameter_domain::fraction);
            check_years(o.duration, {path, "duration"}, 1);
            check_years(o.start, {path, "start"}, 1);
        }
    }

    void check_indices() {
        check_ids(m_.indices, "indices", "price index");
        for (std::size_t i = 0; i < m_.indices.size(); ++i) {
            const std::string path = element("indices", i);
            if (m_.indices[i].values.empty())
                error(path + ".values", "a price index needs at least one value");
            for (const auto& [year, value] : m_.indices[i].values) {
                if (!(std::isfinite(value) && value > 0.0)) {
                    error(fmt::format("{}.values.{}", path, year),
                          fmt::format("index value {} must be > 0", value));
                }
            }
        }
    }

    /// Price year of the proxy an outcome uses, with a name for messages; nothing for a dangling ref.
    struct used_proxy {
        std::optional<int> price_year;
        std::string label;
        std::string currency;
    };

    [[nodiscard]] std::optional<used_proxy> proxy_of(const outcome& o) const {
        if (o.proxy.ref.empty()) return used_proxy{o.proxy.price_year, "the proxy", m_.project.currency};
        const proxy* p = proxies_.find(o.proxy.ref);
        if (p == nullptr) return std::nullopt;
        return used_proxy{p->price_year, fmt::format("proxy '{}'", p->id), p->currency};
    }

    void check_price_years() {
        const std::optional<int> target = m_.project.price_year;
        const sroi::price_index* index = m_.price_index.empty() ? nullptr : m_.find_index(m_.price_index);
        std::set<std::string> reported_refs;
        std::set<int> years;
        for (std::size_t i = 0; i < m_.outcomes.size(); ++i) {
            const outcome& o = m_.outcomes[i];
            const std::optional<used_proxy> used = proxy_of(o);
            if (!used || (!o.proxy.ref.empty() && !reported_refs.insert(o.proxy.ref).second)) continue;
            const std::string path = element("outcomes", i) + ".proxy";
            if (used->currency != m_.project.currency) {
                warning(path, fmt::format("{} is in {} but the project currency is {}; it is used as given",
                                          used->label, used->currency, m_.project.currency));
            }
            if (!used->price_year) continue;
            years.insert(*used->price_year);
            if (!target || *used->price_year == *target) continue;
            if (m_.price_index.empty()) {
                error(path,
                      fmt::format("{} is in {} prices but project.price_year is {} and no price_index is set "
                                  "to re-base it",
                                  used->label, *used->price_year, *target));
                continue;
            }
            if (index == nullptr) continue;  // the unknown index is reported at price_index
            for (const int year : {*used->price_year, *target}) {
                if (index->values.count(year) == 0) {
                    error(path,
                          fmt::format("price index '{}' has no value for {} (needed to re-base {} from {} to "
                                      "{} prices)",
                                      index->id, year, used->label, *used->price_year, *target));
                }
            }
        }
        if (!target && years.size() > 1) {
            warning("project.price_year",
                    fmt::format("proxies carry different price years ({}) but project.price_year is not set: "
                                "values are used as given, without re-basing",
                                fmt::join(years, ", ")));
        }
    }

    void check_scenarios_and_correlations() {
        if (m_.scenarios.empty() && m_.correlations.empty()) return;
        parameter_set parameters;
        try {
            parameters = parameter_set(m_);
        } catch (const std::exception& e) {
            error({}, std::string("cannot list the model's parameters: ") + e.what());
            return;
        }
        const auto unknown_path = [&](const std::string& at, const std::string& p) {
            const std::string nearest = take_suggestion() ? parameters.suggest(p) : std::string{};
            error(at, fmt::format("unknown parameter path '{}'{}", detail::printable(p),
                                  nearest.empty() ? std::string{} : " (did you mean '" + nearest + "'?)"));
        };
        std::unordered_set<std::string_view> names;
        names.reserve(m_.scenarios.size());
        for (const scenario& s : m_.scenarios) {
            const std::string path = "scenarios." + s.name;
            if (s.name.empty()) error("scenarios", "every scenario needs a name");
            if (s.name == base_case_name) {
                error(path,
                      fmt::format("a scenario cannot be named '{}': reports show the base case under that "
                                  "name beside the scenarios",
                                  base_case_name));
            }
            if (!names.insert(s.name).second) {
                error(path, fmt::format("duplicate scenario '{}'", detail::printable(s.name)));
            }
            std::unordered_set<std::string_view> seen;
            for (const auto& [p, value] : s.set) {
                const auto at = [&, &p = p] { return fmt::format("{}.set.{}", path, p); };
                if (!seen.insert(p).second) error(at(), fmt::format("'{}' is set twice", p));
                const std::optional<std::size_t> found = parameters.find(p);
                if (!found) {
                    unknown_path(at(), p);
                } else if (!parameters[*found].in_domain(value)) {
                    error(at(), fmt::format("{} is outside {}, the valid range of '{}'", value,
                                            domain_text(parameters[*found].domain), p));
                }
            }
        }
        std::map<std::pair<std::string, std::string>, std::size_t> pairs;
        std::vector<std::size_t> usable;  // correlations whose two paths and rho are valid
        for (std::size_t i = 0; i < m_.correlations.size(); ++i) {
            const correlation& c = m_.correlations[i];
            const std::string path = element("correlations", i);
            int known = 0;  // of the two paths, those naming an uncertain parameter
            for (const auto& [j, p] : {std::pair{0, &c.first}, std::pair{1, &c.second}}) {
                const std::string at = fmt::format("{}.between[{}]", path, j);
                if (p->empty()) {
                    error(at, "missing parameter path");
                } else if (const std::optional<std::size_t> found = parameters.find(*p); !found) {
                    unknown_path(at, *p);
                } else if (!parameters[*found].spec.is_random()) {
                    error(at,
                          fmt::format(
                              "'{}' has no distribution: a correlation needs two uncertain parameters", *p));
                } else {
                    ++known;
                }
            }
            bool duplicate = false;
            if (!c.first.empty() && c.first == c.second) {
                error(path + ".between", "a parameter cannot be correlated with itself");
            } else if (!c.first.empty() && !c.second.empty()) {
                const auto key = std::minmax(c.first, c.second);
                const auto [it, inserted] = pairs.emplace(std::pair{key.first, key.second}, i);
                duplicate = !inserted;
                if (!inserted) {
                    error(path + ".between", fmt::format("this pair is already correlated at {}",
                                                         place(element("correlations", it->second))));
                }
            }
            const bool rho_valid = std::isfinite(c.rho) && c.rho >= -1.0 && c.rho <= 1.0;
            if (!rho_valid) error(path + ".rho", fmt::format("rho {} is outside [-1, 1]", c.rho));
            if (known == 2 && rho_valid && !duplicate && c.first != c.second) usable.push_back(i);
        }
        check_correlations_hold_together(parameters, usable);
    }

    /// The correlations of each connected set of parameters must form a positive definite matrix
    /// (the copula of `simulate` and `sobol` factors it): the same test as theirs (a Cholesky
    /// factor whose diagonal stays above 1e-10), so that validate passes exactly what they accept.
    void check_correlations_hold_together(const parameter_set& parameters,
                                          const std::vector<std::size_t>& usable) {
        // Union-find over parameter indices; groups keyed by their smallest index.
        std::map<std::size_t, std::size_t> parent;
        const auto root = [&](std::size_t p) {
            while (parent.at(p) != p)
                p = parent.at(p);
            return p;
        };
        const auto index_of = [&](const std::string& path) { return *parameters.find(path); };
        for (std::size_t i : usable) {
            const std::size_t a = index_of(m_.correlations[i].first);
            const std::size_t b = index_of(m_.correlations[i].second);
            parent.emplace(a, a);
            parent.emplace(b, b);
            const std::size_t ra = root(a);
            const std::size_t rb = root(b);
            if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);
        }
        std::map<std::size_t, std::vector<std::size_t>> groups;  // root -> members, in model order
        for (const auto& entry : parent)
            groups[root(entry.first)].push_back(entry.first);
        // Named, not a structured binding: clang 14 cannot capture one in a lambda.
        for (const auto& group : groups) {
            const std::size_t group_root = group.first;
            const std::vector<std::size_t>& members = group.second;
            const auto n = static_cast<Eigen::Index>(members.size());
            const auto position = [&](std::size_t p) {
                return static_cast<Eigen::Index>(std::lower_bound(members.begin(), members.end(), p) -
                                                 members.begin());
            };
            Eigen::MatrixXd matrix = Eigen::MatrixXd::Identity(n, n);
            std::size_t listed = 0;
            for (std::size_t i : usable) {
                const correlation& c = m_.correlations[i];
                if (root(index_of(c.first)) != group_root) continue;
                const Eigen::Index a = position(index_of(c.first));
                const Eigen::Index b = position(index_of(c.second));
                matrix(a, b) = matrix(b, a) = c.rho;
                ++listed;
            }
            const Eigen::LLT<Eigen::MatrixXd> llt(matrix);
            bool ok = llt.info() == Eigen::Success;
            const Eigen::MatrixXd lower = llt.matrixL();
            for (Eigen::Index k = 0; ok && k < n; ++k)
                ok = lower(k, k) > 1e-10;
            if (ok) continue;
            const double smallest =
                Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(matrix, Eigen::EigenvaluesOnly)
                    .eigenvalues()
                    .minCoeff();
            std::string names;
            for (std::size_t p : members)
                names += (names.empty() ? "" : ", ") + parameters[p].path;
            const std::size_t pairs = members.size() * (members.size() - 1) / 2;
            error("correlations",
                  fmt::format(
                      "the correlations among {} cannot hold together: their correlation matrix is not "
                      "positive definite (smallest eigenvalue {:.4g}){}; lower the correlations or "
                      "list the missing pairs with values that fit",
                      names, smallest,
                      pairs - listed == 1 ? ", where the pair not listed is taken as 0"
                      : listed < pairs
                          ? fmt::format(", where the {} pairs not listed are taken as 0", pairs - listed)
                          : ""));
        }
    }

    /// `local_spend:` (LM3): one of the two forms, R1 > 0, shares in [0, 1], R3 <= R2 <= R1.
    void check_local_spending() {
        check_ids(m_.local_spending, "local_spend", "local spend item");
        for (std::size_t i = 0; i < m_.local_spending.size(); ++i) {
            const local_spend& ls = m_.local_spending[i];
            const std::string path = element("local_spend", i);
            check_stakeholder_ref(ls.stakeholder, path + ".stakeholder");
            const bool shares = ls.amount || ls.local_share || ls.respend_share;
            const bool rounds = ls.round1 || ls.round2 || ls.round3;
            if (shares && rounds) {
                error(path,
                      "give either amount, local_share and respend_share, or round1, round2 and round3, "
                      "not both");
                continue;
            }
            if (!shares && !rounds) {
                error(path, "needs amount, local_share and respend_share (or round1, round2 and round3)");
                continue;
            }
            const auto require = [&](const std::optional<double>& v, std::string_view key) {
                if (!v) error(path, fmt::format("'{}' is missing", key));
                return v.has_value();
            };
            const auto finite = [&](double v, std::string_view key) {
                if (std::isfinite(v)) return true;
                error(path + "." + std::string(key), "not a finite number");
                return false;
            };
            const auto positive_first_round = [&](double r1, std::string_view key) {
                if (finite(r1, key) && !(r1 > 0.0)) {
                    error(path + "." + std::string(key),
                          fmt::format("the initial spend must be > 0 (LM3 divides by it), got {}", r1));
                }
            };
            if (shares) {
                if (require(ls.amount, "amount")) positive_first_round(*ls.amount, "amount");
                for (const auto& [v, key] : {std::pair{&ls.local_share, "local_share"},
                                             std::pair{&ls.respend_share, "respend_share"}}) {
                    if (require(*v, key) && finite(**v, key)) {
                        check_bound(**v, path + "." + key, "", parameter_domain::fraction);
                    }
                }
                continue;
            }
            const bool has_round1 = require(ls.round1, "round1");
            const bool has_round2 = require(ls.round2, "round2");
            const bool has_round3 = require(ls.round3, "round3");
            if (!has_round1 || !has_round2 || !has_round3) continue;
            positive_first_round(*ls.round1, "round1");
            if (finite(*ls.round2, "round2") && (*ls.round2 < 0.0 || *ls.round2 > *ls.round1)) {
                error(path + ".round2",
                      fmt::format(
                          "round2 {} must be in [0, round1 = {}]: it is the part of round 1 spent locally",
                          *ls.round2, *ls.round1));
            }
            if (finite(*ls.round3, "round3") && (*ls.round3 < 0.0 || *ls.round3 > *ls.round2)) {
                error(path + ".round3",
                      fmt::format("round3 {} must be in [0, round2 = {}]: it is the part of round 2 re-spent "
                                  "locally",
                                  *ls.round3, *ls.round2));
            }
        }
    }

    void check_total_inputs() {
        double total = 0.0;
        for (const input& in : m_.inputs) {
            if (in.amount) {
                total += in.amount->value;
            } else if (in.quantity && in.unit_cost) {
                total += in.quantity->value * in.unit_cost->value;
            }
        }
        if (std::isfinite(total) && total == 0.0) {
            error("inputs", m_.inputs.empty()
                                ? "total inputs are 0: the SROI ratio is undefined (there are no inputs)"
                                : "total inputs are 0: the SROI ratio is undefined");
        }
    }

    /// Reports a control character (a raw escape sequence, NUL, ...) in a name or other text that
    /// reaches reports; free text (`multi_line`) may hold tabs and line breaks.
    void check_text(lazy_path path, std::string_view text, bool multi_line = true) {
        const std::size_t at = detail::find_control_character(text, multi_line);
        if (at == std::string_view::npos) return;
        const std::size_t length = static_cast<unsigned char>(text[at]) < 0x80U ? 1 : 2;  // C1: 2 bytes
        error(path.str(),
              fmt::format("contains the control character {}; names and text that reach reports must "
                          "be printable{}",
                          detail::printable(text.substr(at, length)),
                          multi_line ? " (tabs and line breaks are allowed)" : ""));
    }

    void check_provenance(const proxy_provenance& p, lazy_path at) {
        const bool printable = [&] {
            for (const auto& [text, multi_line] :
                 {std::pair{&p.unit, false}, std::pair{&p.source, true}, std::pair{&p.url, false},
                  std::pair{&p.licence, false}, std::pair{&p.note, true}}) {
                if (detail::find_control_character(*text, multi_line) != std::string_view::npos) return false;
            }
            return true;
        }();
        if (printable) return;
        const std::string path = at.str();
        check_text({path, "unit"}, p.unit, false);
        check_text({path, "source"}, p.source);
        check_text({path, "url"}, p.url, false);
        check_text({path, "licence"}, p.licence, false);
        check_text({path, "note"}, p.note);
    }

    /// Names and free text of every part of the model (ids are checked by check_ids()).
    void check_texts() {
        check_text("project.name", m_.project.name, false);
        check_text("project.description", m_.project.description);
        for (std::size_t i = 0; i < m_.stakeholders.size(); ++i) {
            const std::string path = element("stakeholders", i);
            check_text({path, "name"}, m_.stakeholders[i].name, false);
            check_text({path, "description"}, m_.stakeholders[i].description);
        }
        for (std::size_t i = 0; i < m_.inputs.size(); ++i) {
            const std::string path = element("inputs", i);
            check_text({path, "description"}, m_.inputs[i].description);
            check_text({path, "unit"}, m_.inputs[i].unit, false);
            check_text({path, "note"}, m_.inputs[i].note);
        }
        for (std::size_t i = 0; i < m_.outcomes.size(); ++i) {
            const outcome& o = m_.outcomes[i];
            const std::string path = element("outcomes", i);
            check_text({path, "description"}, o.description);
            check_text({path, "indicator"}, o.indicator);
            check_text({path, "theme"}, o.theme, false);
            check_text({path, "note"}, o.note);
            check_provenance(o.proxy.provenance, {path, "proxy"});
        }
        for (std::size_t i = 0; i < m_.proxies.size(); ++i) {
            const std::string path = element("proxies", i);
            check_text({path, "description"}, m_.proxies[i].description);
            check_text({path, "currency"}, m_.proxies[i].currency, false);
            check_provenance(m_.proxies[i].provenance, path);
        }
        for (std::size_t i = 0; i < m_.indices.size(); ++i) {
            const std::string path = element("indices", i);
            check_text({path, "description"}, m_.indices[i].description);
            check_text({path, "source"}, m_.indices[i].source);
            check_text({path, "url"}, m_.indices[i].url, false);
            check_text({path, "licence"}, m_.indices[i].licence, false);
        }
        for (const scenario& s : m_.scenarios) {
            check_text({"scenarios", s.name}, s.name, false);
            check_text("scenarios." + s.name + ".description", s.description);
        }
        for (std::size_t i = 0; i < m_.local_spending.size(); ++i) {
            const std::string path = element("local_spend", i);
            check_text({path, "description"}, m_.local_spending[i].description);
            check_text({path, "source"}, m_.local_spending[i].source);
            check_text({path, "note"}, m_.local_spending[i].note);
        }
    }

    const model& m_;
    detail::id_lookup<stakeholder> stakeholders_;
    detail::id_lookup<proxy> proxies_;
    std::size_t suggestions_left_ = max_suggestions;
    std::vector<diagnostic> out_;
};

}  // namespace

std::vector<diagnostic> check_model(const model& m) {
    return checker(m).run();
}

std::vector<diagnostic> validate(const model& m) {
    std::vector<diagnostic> diagnostics = check_model(m);
    std::vector<diagnostic> errors;
    std::vector<diagnostic> warnings;
    for (diagnostic& d : diagnostics)
        (d.level == severity::error ? errors : warnings).push_back(std::move(d));
    if (!errors.empty()) throw model_error(std::move(errors));
    return warnings;
}

}  // namespace sroi
