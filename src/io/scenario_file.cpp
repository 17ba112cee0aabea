// Scenario files (`sroi-scenarios: 1`): a study design kept apart from the model.
#include <sroi/io/scenario_file.hpp>

#include <algorithm>
#include <iterator>
#include <new>

#include <fmt/format.h>

#include <sroi/model/parameters.hpp>

#include "io/input_file.hpp"
#include "io/yaml_reader.hpp"

namespace sroi {

namespace {

constexpr std::size_t max_scenario_file_bytes = std::size_t{16} << 20;

/// Errors of a file before which unknown parameter paths get a "did you mean" suggestion.
constexpr std::size_t max_suggestions = 20;

[[noreturn]] void fail(const std::string& file, int line, int column, std::string message) {
    throw model_error({file, line, column}, {}, std::move(message));
}

using detail::mapping;
using detail::presence;
using detail::yaml_reader;

/// What a scenario file is read into: the scenarios, checked against the model's parameters.
struct scenario_file_draft {
    const parameter_set* parameters = nullptr;
    std::vector<scenario> scenarios;
};

/// One scenario being read, with the parameters its values are checked against.
struct scenario_draft {
    const parameter_set* parameters = nullptr;
    scenario s;
};

/// `set:` of one scenario: every path a parameter of the model, every value inside its domain.
bool read_checked_set(yaml_reader& reader, const mapping& fields, std::string_view key,
                      scenario_draft& draft) {
    const auto set = reader.read_open_mapping(*fields.find(key), fields.path_of(key));
    if (!set) return false;
    const parameter_set& parameters = *draft.parameters;
    for (const detail::mapping_entry& e : set->entries) {
        const std::string at = set->path_of(e.key);
        const std::optional<std::size_t> index = parameters.find(e.key);
        if (!index) {
            std::string message = fmt::format("'{}' is not a parameter of this model", e.key);
            // Suggestions for the first unknown paths only: each compares the path with every parameter.
            const std::string near = reader.error_count() < max_suggestions ? parameters.suggest(e.key) : "";
            if (!near.empty()) {
                message += fmt::format(" (did you mean '{}'?)", near);
            }
            reader.error(e.key_node, at, message);
            continue;
        }
        const std::optional<double> v = reader.read_number(e.value, at);
        if (!v) continue;
        const parameter& p = parameters[*index];
        if (!p.in_domain(*v)) {
            reader.error(e.value, at, fmt::format("{} is outside {}", *v, to_string(p.domain)));
            continue;
        }
        draft.s.set.emplace_back(e.key, *v);
    }
    return true;
}

constexpr auto scenario_fields = detail::make_fields<scenario_draft>({
    {"description", detail::member<&scenario_draft::s, &scenario::description>},
    {"set", read_checked_set, presence::required},
});

bool read_scenario_list(yaml_reader& reader, const mapping& fields, std::string_view key,
                        scenario_file_draft& file) {
    const auto all = reader.read_open_mapping(*fields.find(key), fields.path_of(key));
    if (!all) return false;
    for (const detail::mapping_entry& entry : all->entries) {
        const std::string path = all->path_of(entry.key);
        scenario_draft draft{file.parameters, {}};
        draft.s.name = entry.key;
        if (draft.s.name == base_case_name) {
            reader.error(
                entry.key_node, path,
                fmt::format("a scenario cannot be named '{}': reports show the base case under that name "
                            "beside the scenarios",
                            base_case_name));
        }
        detail::read_struct(reader, entry.value, path, scenario_fields, draft);
        file.scenarios.push_back(std::move(draft.s));
    }
    return true;
}

constexpr auto scenario_file_fields = detail::make_fields<scenario_file_draft>({
    {"sroi-scenarios",
     [](yaml_reader& reader, const mapping& fields, std::string_view key, scenario_file_draft& /*file*/) {
         const detail::yaml_node* version = fields.find(key);
         if (version == nullptr) return true;
         const std::optional<int> v = reader.read_integer(*version, fields.path_of(key));
         if (v && *v != 1) {
             reader.error(*version, fields.path_of(key),
                          fmt::format("unsupported scenario file version {} (this sroi reads 1)", *v));
         }
         return v.has_value();
     }},
    {"scenarios", read_scenario_list, presence::required},
});

}  // namespace

std::vector<scenario> load_scenarios_from_string(std::string_view yaml, const std::string& file_name,
                                                 const model& m) {
    if (yaml.size() > max_scenario_file_bytes) {
        fail(file_name, 0, 0,
             fmt::format("file is larger than the limit of {} bytes", max_scenario_file_bytes));
    }
    if (const std::size_t nul = yaml.find('\0'); nul != std::string_view::npos) {
        const source_location at = detail::position_of(yaml, nul, file_name);
        fail(file_name, at.line, at.column, "file is not text (it contains NUL bytes)");
    }
    std::vector<diagnostic> diagnostics;
    source_map locations;
    std::vector<scenario> scenarios;
    const std::optional<detail::yaml_tree> tree =
        detail::yaml_tree::parse(yaml, file_name, "cannot read scenarios: ", diagnostics);
    if (!tree) throw model_error(std::move(diagnostics));
    const detail::yaml_node root = tree->root();
    if (root.IsNull()) fail(file_name, 0, 0, "file is empty (expected a mapping with 'scenarios:')");
    try {
        const parameter_set parameters(m);
        detail::yaml_reader reader(file_name, diagnostics, locations);
        scenario_file_draft file{&parameters, {}};
        detail::read_struct(reader, root, "", scenario_file_fields, file);
        scenarios = std::move(file.scenarios);
    } catch (const std::bad_alloc&) {
        fail(file_name, 0, 0, "cannot read scenarios: out of memory");
    }
    const bool failed = std::any_of(diagnostics.begin(), diagnostics.end(),
                                    [](const diagnostic& d) { return d.level == severity::error; });
    if (failed) throw model_error(std::move(diagnostics));
    return scenarios;
}

std::vector<scenario> load_scenario_file(const std::string& path, const model& m) {
    // Like a model, a scenario file may be a pipe or a device: read at most one byte past the limit.
    detail::file_text text = detail::read_text_file(path, max_scenario_file_bytes, detail::file_kinds::any);
    if (!text.text) fail(path, 0, 0, "cannot read scenarios: " + text.problem);
    return load_scenarios_from_string(*text.text, path, m);
}

}  // namespace sroi
