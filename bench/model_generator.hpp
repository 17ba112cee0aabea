// Synthetic models of a chosen size for benchmarks (and stress tests).
#pragma once

#include <cstddef>
#include <string>

namespace sroi::bench {

/// YAML text of a model with `outcomes` outcomes spread over 10 stakeholders, each with
/// uncertain quantity (PERT), proxy (lognormal), deadweight (triangular), attribution (beta) and
/// drop-off (uniform), durations of 5-10 years, and 3 inputs. Deterministic for a given size.
std::string generate_model_yaml(std::size_t outcomes);

}  // namespace sroi::bench
