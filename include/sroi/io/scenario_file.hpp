/// @file scenario_file.hpp
/// @brief Scenarios kept in a file of their own (reading and checking them against a model).
///
/// ```yaml
/// sroi-scenarios: 1            # optional; any other value is an error
/// scenarios:
///   cautious:
///     description: Higher deadweight
///     set:
///       outcomes.jobs.deadweight: 0.4
/// ```
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <sroi/model/model.hpp>

namespace sroi {

/// Reads a scenario file and checks it against model `m`: unknown top-level keys, unknown
/// parameter paths (with the nearest valid path suggested), values outside a parameter's domain
/// and duplicate names are errors carrying file, line and column. Throws model_error listing them.
[[nodiscard]] std::vector<scenario> load_scenario_file(const std::string& path, const model& m);
/// Like load_scenario_file() but from YAML text; `file_name` is used in messages.
[[nodiscard]] std::vector<scenario> load_scenarios_from_string(std::string_view yaml,
                                                               const std::string& file_name, const model& m);

}  // namespace sroi
