// sroi simulate MODEL: Monte Carlo simulation of the model's uncertain parameters.
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <sroi/analysis/simulation.hpp>

#include "common.hpp"

namespace sroi::cli {

namespace {

// A progress bar on stderr. `auto`: only when stderr is a terminal and the run has taken over a
// second; `always`: from the start, wherever stderr goes (each update on its own line when stderr
// is not a terminal); `never`.
class progress_bar {
public:
    explicit progress_bar(const std::string& mode)
        : terminal_(isatty(STDERR_FILENO) != 0),
          enabled_(mode == "always" || (mode == "auto" && terminal_)),
          immediate_(mode == "always"),
          started_(std::chrono::steady_clock::now()) {}
    void operator()(std::size_t done, std::size_t total) {
        if (!enabled_) return;
        const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
        if (elapsed < 1.0 && !shown_ && !immediate_) return;
        shown_ = true;
        const double share = total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
        const auto filled = static_cast<std::size_t>(share * 40.0);
        const std::string bar = fmt::format("[{:<40}] {:3.0f}% {} / {} draws", std::string(filled, '#'),
                                            100.0 * share, done, total);
        std::cerr << (terminal_ ? "\r" + bar : bar + "\n") << std::flush;
    }
    ~progress_bar() {
        if (shown_ && terminal_) std::cerr << "\r" << std::string(80, ' ') << "\r" << std::flush;
    }
    progress_bar(const progress_bar&) = delete;
    progress_bar& operator=(const progress_bar&) = delete;

private:
    bool terminal_;
    bool enabled_;
    bool immediate_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point started_;
};

}  // namespace

command register_simulate(CLI::App& app) {
    struct state {
        std::string file;
        std::string scenario;
        std::size_t draws = 10000;
        std::uint64_t seed = 1;
        unsigned threads = 0;
        std::string samples_out;
        std::string progress = "auto";
        range_draw ranges = range_draw::triangular;
        output_options output;
        model_options models;
    };
    auto s = std::make_shared<state>();
    CLI::App* sub =
        app.add_subcommand("simulate", "Monte Carlo simulation: distribution of the SROI ratio and NPV");
    sub->add_option("MODEL", s->file, "Model file")->required();
    sub->add_option("--draws,-n", s->draws, "Number of draws")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 40))
        ->capture_default_str();
    sub->add_option("--seed", s->seed, "Seed of the generator (same seed, same results)")
        ->check(seed_range())
        ->capture_default_str();
    sub->add_option("--threads,-j", s->threads,
                    "Worker threads (default: all cores; results do not depend on it)");
    sub->add_option("--samples-out", s->samples_out,
                    "Also write every draw (figures and sampled values) to FILE as CSV");
    sub->add_option("--scenario,-s", s->scenario,
                    "Hold the parameters the named scenario sets at its values");
    sub->add_option("--progress", s->progress,
                    "Progress bar on stderr: auto (when stderr is a terminal and the run takes over a "
                    "second), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    add_ranges_option(sub, s->ranges);
    s->output.add_to(sub, {"text", "markdown", "json", "csv"});
    s->models.add_to(sub);
    return {sub, [s] {
                return run_guarded(s->file, [&] {
                    const evaluator ev(s->models.load(s->file));
                    simulation_options options;
                    options.draws = s->draws;
                    options.seed = s->seed;
                    options.threads = s->threads;
                    options.ranges = s->ranges;
                    options.fixed = scenario_overrides(ev, s->scenario);
                    progress_bar bar(s->progress);
                    options.progress = [&bar](std::size_t done, std::size_t total) { bar(done, total); };
                    check_output(s->output.output, "-o");
                    check_output(s->samples_out, "--samples-out");
                    check_distinct_outputs(s->samples_out, "--samples-out", s->output.output, "-o");
                    // Streamed to a temporary file, put in place only when the run succeeds.
                    std::unique_ptr<output_file> samples;
                    if (!s->samples_out.empty()) {
                        samples = std::make_unique<output_file>(s->samples_out);
                        const std::vector<std::size_t> sampled = sampled_parameters(ev, options);
                        samples->write(simulation_samples_header(ev, sampled));
                        options.on_block = [&samples, k = sampled.size()](const simulation_block& block) {
                            samples->write(simulation_samples_rows(block, k));
                        };
                    }
                    const simulation_result r = simulate(ev, options);
                    const std::string text = render_simulation(r, ev, s->output.parsed_format(), s->scenario);
                    if (samples) samples->commit();
                    emit(s->output, text);
                    return int{exit_ok};
                });
            }};
}

}  // namespace sroi::cli
