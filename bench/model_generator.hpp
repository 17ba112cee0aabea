// Synthetic models of a chosen size for benchmarks (and stress tests).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sroi::bench {

/// YAML text of a model with `outcomes` outcomes spread over 10 stakeholders, each with
/// uncertain quantity (PERT), proxy (lognormal), deadweight (triangular), attribution (beta) and
/// drop-off (uniform), durations of 5-10 years, and 3 inputs. Deterministic for a given size.
std::string generate_model_yaml(std::size_t outcomes);

/// Shapes of models: distinct_shapes is the benchmark model with a shape of its own for every
/// tabulated parameter, as real models have; the others are large models that stress the look-ups
/// of loading and checking (ids, references, suggestions, scenarios) rather than the arithmetic,
/// each with `n` plain outcomes and one input.
enum class model_shape {
    standard,              ///< generate_model_yaml(n)
    distinct_shapes,       ///< generate_model_yaml(n), but each outcome's PERT range, lognormal sd
                           ///< and beta mean and sd are its own, so its 3 tabulated shapes are too
    many_stakeholders,     ///< n stakeholders; every outcome names the last one
    unknown_stakeholders,  ///< n stakeholders; outcome i names the unknown stakeholder `absent-i`
    proxy_refs,            ///< n named proxies; outcome i references proxy n-1-i
    scenarios,             ///< n scenarios; scenario i sets the quantity of outcome i
};

/// The shape named `name` (`standard`, `distinct-shapes`, `many-stakeholders`, `unknown-stakeholders`,
/// `proxy-refs`, `scenarios`), or nothing.
std::optional<model_shape> parse_model_shape(std::string_view name);

/// YAML text of a model of `shape` with `n` outcomes. Deterministic for a given shape and size.
std::string generate_model_yaml(model_shape shape, std::size_t n);

}  // namespace sroi::bench
