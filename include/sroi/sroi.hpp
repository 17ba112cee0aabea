/// @file sroi.hpp
/// @brief Umbrella header: everything a program needs to load, evaluate and analyse SROI models.
#pragma once

#include <span>
#include <string>

#include <sroi/compare.hpp>
#include <sroi/compare_report.hpp>
#include <sroi/discount.hpp>
#include <sroi/distributions.hpp>
#include <sroi/error.hpp>
#include <sroi/evaluate.hpp>
#include <sroi/html_report.hpp>
#include <sroi/load.hpp>
#include <sroi/local_multiplier.hpp>
#include <sroi/model.hpp>
#include <sroi/model_files.hpp>
#include <sroi/output_file.hpp>
#include <sroi/parameters.hpp>
#include <sroi/portfolio.hpp>
#include <sroi/portfolio_files.hpp>
#include <sroi/portfolio_report.hpp>
#include <sroi/proxy_catalogue.hpp>
#include <sroi/proxy_catalogue_report.hpp>
#include <sroi/report.hpp>
#include <sroi/report_analyses.hpp>
#include <sroi/result.hpp>
#include <sroi/scenario_file.hpp>
#include <sroi/scenarios.hpp>
#include <sroi/scenarios_report.hpp>
#include <sroi/sensitivity.hpp>
#include <sroi/sensitivity_report.hpp>
#include <sroi/simulation.hpp>
#include <sroi/simulation_report.hpp>
#include <sroi/sobol.hpp>
#include <sroi/sobol_report.hpp>
#include <sroi/version.hpp>

namespace sroi {

/// Reads, evaluates and summarises the models named by `paths` (files or directories): the file
/// side and the analysis in one call, kept for existing callers.
[[deprecated(
    "use evaluate_portfolio(load_portfolio(paths, load, threads), "
    "options)")]] [[nodiscard]] inline portfolio_result
evaluate_portfolio(std::span<const std::string> paths, const load_options& load = {},
                   const portfolio_options& options = {}) {
    return evaluate_portfolio(load_portfolio(paths, load, options.threads), options);
}

}  // namespace sroi
