/// @file simulation_report.hpp
/// @brief A Monte Carlo simulation (simulation.hpp) as text, Markdown, JSON and CSV, and its draws as CSV.
#pragma once

#include <string>

#include <sroi/analysis/simulation.hpp>
#include <sroi/engine/evaluate.hpp>
#include <sroi/report/report.hpp>

namespace sroi {

/// Renders a simulation as text (with a histogram of the ratio), Markdown, JSON (the fields of
/// spec section 5 and more) or tidy CSV (figure, statistic, value); `scenario` is shown when set.
/// Throws error `report.unsupported` for other formats.
[[nodiscard]] std::string render_simulation(const simulation_result& r, const evaluator& ev,
                                            report_format format, const std::string& scenario = "");
/// CSV header line for every draw: draw, sroi_ratio, net_present_value, present_value,
/// total_inputs, then one column per sampled parameter (its path).
[[nodiscard]] std::string simulation_samples_header(const evaluator& ev,
                                                    const std::vector<std::size_t>& sampled);
/// CSV lines of a block of draws (ratio empty when the inputs were 0).
[[nodiscard]] std::string simulation_samples_rows(const simulation_block& block, std::size_t sampled_count);

}  // namespace sroi
