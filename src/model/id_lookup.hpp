// Hash look-ups of a model's ids for code that looks ids up in a loop: model::find_stakeholder()
// and the like scan their list, which is quadratic over a model's outcomes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <sroi/model/model.hpp>

namespace sroi::detail {

/// Position of each id of a list (the first of repeated ids, as model::find_* give). Refers to
/// the list's strings: the list must outlive the look-up and not change while it is used.
template <typename T>
class id_lookup {
public:
    id_lookup(const std::vector<T>& items, std::string T::*key) : items_(&items) {
        positions_.reserve(items.size());
        for (std::size_t i = 0; i < items.size(); ++i)
            positions_.emplace(items[i].*key, i);
    }

    /// Position of `id` in the list, or nothing.
    [[nodiscard]] std::optional<std::size_t> position(std::string_view id) const {
        const auto it = positions_.find(id);
        if (it == positions_.end()) return std::nullopt;
        return it->second;
    }

    /// The item with `id`, or nullptr.
    [[nodiscard]] const T* find(std::string_view id) const {
        const std::optional<std::size_t> i = position(id);
        return i ? &(*items_)[*i] : nullptr;
    }

private:
    const std::vector<T>* items_;
    std::unordered_map<std::string_view, std::size_t> positions_;
};

inline id_lookup<stakeholder> stakeholder_lookup(const model& m) {
    return {m.stakeholders, &stakeholder::id};
}

inline id_lookup<proxy> proxy_lookup(const model& m) {
    return {m.proxies, &proxy::id};
}

}  // namespace sroi::detail
