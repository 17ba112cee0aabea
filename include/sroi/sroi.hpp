/// @file sroi.hpp
/// @brief Umbrella header: everything a program needs to load, evaluate and analyse SROI models.
#pragma once

#include <sroi/compare.hpp>
#include <sroi/discount.hpp>
#include <sroi/distributions.hpp>
#include <sroi/error.hpp>
#include <sroi/evaluate.hpp>
#include <sroi/html_report.hpp>
#include <sroi/load.hpp>
#include <sroi/local_multiplier.hpp>
#include <sroi/model.hpp>
#include <sroi/output_file.hpp>
#include <sroi/parameters.hpp>
#include <sroi/portfolio.hpp>
#include <sroi/proxy_catalogue.hpp>
#include <sroi/report.hpp>
#include <sroi/result.hpp>
#include <sroi/scenarios.hpp>
#include <sroi/sensitivity.hpp>
#include <sroi/simulation.hpp>
#include <sroi/sobol.hpp>
#include <sroi/version.hpp>
