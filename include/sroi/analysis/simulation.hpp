/// @file simulation.hpp
/// @brief Monte Carlo simulation of a model's uncertain parameters (spec sections 2 and 5).
///
/// Every parameter with a distribution is drawn by inversion from a counter-based generator
/// (Philox4x32-10, keyed by the seed; the counter is built from the draw index and the parameter
/// position), so a draw's values depend only on (seed, draw, parameter): the same seed gives
/// byte-identical results with any number of threads. Correlations use a Gaussian copula.
///
/// Memory does not grow with the number of draws: statistics are merged block by block in draw
/// order (Chan et al.'s pairwise update), and percentiles come from the sorted values when there
/// are at most simulation_options::exact_percentile_draws draws, else from a fine histogram
/// (16,384 bins over a range that widens by doubling) whose bin width is reported with the result
/// and is at most 4 x (max - min) / 16,384, i.e. 0.025 % of the range.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <sroi/engine/evaluate.hpp>
#include <sroi/model/distributions.hpp>

namespace sroi {

/// A block of consecutive draws, as passed to simulation_options::on_block.
struct simulation_block {
    std::size_t first_draw = 0;                 ///< index of the first draw of the block
    std::size_t size = 0;                       ///< number of draws in the block
    std::span<const double> sroi_ratio;         ///< per draw (NaN when the inputs are 0)
    std::span<const double> net_present_value;  ///< per draw
    std::span<const double> present_value;      ///< per draw
    std::span<const double> total_inputs;       ///< per draw
    /// Sampled values: values[k * size + d] is parameter simulation_result::sampled[k] in draw d.
    std::span<const double> values;
};

/// Options of a Monte Carlo run.
struct simulation_options {
    std::size_t draws = 10000;  ///< number of draws (>= 1)
    std::uint64_t seed = 1;     ///< generator key: same seed, same results
    /// Worker threads; 0 = all hardware threads. At most one per block of draws and 256; a
    /// thread the system refuses leaves its share to the others (same figures).
    unsigned threads = 0;
    bool keep_draws = false;  ///< keep every draw's figures and sampled values in the result
    /// Bytes keep_draws may hold (0: half of the physical memory); more is refused before
    /// anything is allocated (error `simulation.too_large`).
    std::uint64_t memory_budget = 0;
    /// Parameters held at the given values instead of being sampled, by path (e.g. a scenario's
    /// `set`). Each one listed is held, whether or not its value differs from the base value;
    /// every other parameter is sampled when it has a distribution, else at its base value.
    parameter_overrides fixed;
    /// How parameters written as ranges (low/high, no dist) are drawn (spec section 8);
    /// range_draw::fixed holds them at their values.
    range_draw ranges = range_draw::triangular;
    /// With more draws than this, percentiles come from the histogram (see the file comment).
    std::size_t exact_percentile_draws = 65536;
    /// Called now and then from the calling thread with (draws done, draws in total).
    std::function<void(std::size_t, std::size_t)> progress;
    /// Called in draw order with each block of draws (see simulation_block); lets a caller
    /// stream every draw to a file without keeping them in memory.
    std::function<void(const simulation_block&)> on_block;
};

/// Mean, spread and percentiles of one figure over the draws.
struct summary_statistics {
    std::size_t count = 0;             ///< draws summarised
    double mean = 0;                   ///< arithmetic mean
    double sd = 0;                     ///< sample standard deviation (n - 1 denominator)
    double min = 0;                    ///< smallest value
    double p5 = 0;                     ///< 5th percentile (linear interpolation between order statistics)
    double p25 = 0;                    ///< 25th percentile
    double p50 = 0;                    ///< median
    double p75 = 0;                    ///< 75th percentile
    double p95 = 0;                    ///< 95th percentile
    double max = 0;                    ///< largest value
    double percentile_resolution = 0;  ///< bound on a percentile's error (0 when exact)
};

/// A histogram of one figure, for reports.
struct histogram {
    double low = 0;                   ///< left edge of the first bin
    double high = 0;                  ///< right edge of the last bin
    std::vector<std::size_t> counts;  ///< draws per equal-width bin
};

/// What a simulation produces.
struct simulation_result {
    std::size_t draws = 0;                       ///< draws made
    std::uint64_t seed = 0;                      ///< seed used
    std::string generator;                       ///< generator and counter layout, e.g. `philox4x32-10`
    unsigned threads = 1;                        ///< worker threads used (does not change any figure)
    std::vector<std::size_t> sampled;            ///< positions of the sampled parameters, in order
    std::size_t drawn_from_ranges = 0;           ///< how many of them are ranges drawn by `ranges`
    range_draw ranges = range_draw::triangular;  ///< the shape ranges were drawn from
    bool correlated = false;                     ///< a Gaussian copula correlated some parameters

    summary_statistics sroi_ratio;         ///< over draws with positive inputs
    summary_statistics net_present_value;  ///< over all valid draws
    summary_statistics present_value;      ///< over all valid draws
    summary_statistics total_inputs;       ///< over all valid draws (count, mean, sd, min, max only)
    double probability_ratio_above_1 = 0;  ///< share of valid draws with ratio > 1
    double probability_npv_positive = 0;   ///< share of valid draws with NPV > 0
    std::size_t zero_input_draws =
        0;  ///< draws whose inputs were <= 0: ratio undefined, left out of its statistics
    std::size_t invalid_draws = 0;  ///< draws whose figures overflowed: left out of every statistic
    histogram ratio_histogram;      ///< 20 bins between the ratio's min and max
    histogram npv_histogram;        ///< 20 bins between the NPV's min and max

    /// Per draw, when simulation_options::keep_draws (else empty).
    std::vector<double> draw_sroi_ratio;         ///< ratio of each draw (NaN when inputs are 0)
    std::vector<double> draw_net_present_value;  ///< NPV of each draw
    std::vector<double> draw_present_value;      ///< PV of each draw
    /// Sampled values, draw-major: draw_values[d * sampled.size() + k] (keep_draws only).
    std::vector<double> draw_values;
};

/// Runs a Monte Carlo simulation of the evaluator's model (throws model_error for an impossible
/// correlation matrix, error `simulation.options` for zero draws, evaluation_error for a path in
/// simulation_options::fixed that is not a parameter or a value outside its domain).
[[nodiscard]] simulation_result simulate(const evaluator& ev, const simulation_options& options = {});

/// Positions of the parameters a simulation with these options samples (the order of
/// simulation_result::sampled and of simulation_block::values).
[[nodiscard]] std::vector<std::size_t> sampled_parameters(const evaluator& ev,
                                                          const simulation_options& options);

}  // namespace sroi
