// Scenario files (`sroi-scenarios: 1`): a study design kept apart from the model.
#include <sroi/scenario_file.hpp>

#include <algorithm>
#include <iterator>
#include <new>

#include <fmt/format.h>

#include <sroi/parameters.hpp>

#include "input_file.hpp"
#include "yaml_reader.hpp"

namespace sroi {

namespace {

constexpr std::size_t max_scenario_file_bytes = std::size_t{16} << 20;

/// Errors of a file before which unknown parameter paths get a "did you mean" suggestion.
constexpr std::size_t max_suggestions = 20;

[[noreturn]] void fail(const std::string& file, int line, int column, std::string message) {
    throw model_error({file, line, column}, {}, std::move(message));
}

scenario read_one(detail::yaml_reader& reader, const detail::mapping_entry& entry, const std::string& path,
                  const parameter_set& parameters) {
    scenario s;
    s.name = entry.key;
    if (s.name == base_case_name) {
        reader.error(
            entry.key_node, path,
            fmt::format("a scenario cannot be named '{}': reports show the base case under that name "
                        "beside the scenarios",
                        base_case_name));
    }
    const auto fields = reader.read_mapping(entry.value, path, {"description", "set"});
    if (!fields) return s;
    if (const detail::yaml_node* d = fields->find("description")) {
        s.description = reader.read_text(*d, fields->path_of("description")).value_or("");
    }
    if (!reader.require(*fields, "set")) return s;
    const auto set = reader.read_open_mapping(*fields->find("set"), fields->path_of("set"));
    if (!set) return s;
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
        s.set.emplace_back(e.key, *v);
    }
    return s;
}

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
        if (const auto top = reader.read_mapping(root, "", {"sroi-scenarios", "scenarios"})) {
            if (const detail::yaml_node* version = top->find("sroi-scenarios")) {
                const std::optional<int> v = reader.read_integer(*version, "sroi-scenarios");
                if (v && *v != 1) {
                    reader.error(*version, "sroi-scenarios",
                                 fmt::format("unsupported scenario file version {} (this sroi reads 1)", *v));
                }
            }
            if (reader.require(*top, "scenarios")) {
                if (const auto all = reader.read_open_mapping(*top->find("scenarios"), "scenarios")) {
                    for (const detail::mapping_entry& entry : all->entries)
                        scenarios.push_back(read_one(reader, entry, all->path_of(entry.key), parameters));
                }
            }
        }
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
