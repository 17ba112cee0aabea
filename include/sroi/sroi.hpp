/// @file sroi.hpp
/// @brief Umbrella header: everything a program needs to load, evaluate and analyse SROI models.
#pragma once

#include <span>
#include <string>

#include <sroi/analysis/compare.hpp>
#include <sroi/analysis/portfolio.hpp>
#include <sroi/analysis/proxy_catalogue.hpp>
#include <sroi/analysis/report_analyses.hpp>
#include <sroi/analysis/scenarios.hpp>
#include <sroi/analysis/sensitivity.hpp>
#include <sroi/analysis/simulation.hpp>
#include <sroi/analysis/sobol.hpp>
#include <sroi/engine/discount.hpp>
#include <sroi/engine/evaluate.hpp>
#include <sroi/engine/local_multiplier.hpp>
#include <sroi/engine/result.hpp>
#include <sroi/io/load.hpp>
#include <sroi/io/output_file.hpp>
#include <sroi/io/portfolio_files.hpp>
#include <sroi/io/scenario_file.hpp>
#include <sroi/model/distributions.hpp>
#include <sroi/model/error.hpp>
#include <sroi/model/model.hpp>
#include <sroi/model/model_files.hpp>
#include <sroi/model/parameters.hpp>
#include <sroi/model/source_map.hpp>
#include <sroi/model/version.hpp>
#include <sroi/report/compare_report.hpp>
#include <sroi/report/html_report.hpp>
#include <sroi/report/portfolio_report.hpp>
#include <sroi/report/proxy_catalogue_report.hpp>
#include <sroi/report/report.hpp>
#include <sroi/report/scenarios_report.hpp>
#include <sroi/report/sensitivity_report.hpp>
#include <sroi/report/simulation_report.hpp>
#include <sroi/report/sobol_report.hpp>

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
