// Pieces shared by the sroi commands: output, model loading, errors and exit codes.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <sroi/sroi.hpp>

namespace sroi::cli {

/// Exit statuses of spec section 5.
enum exit_status : int { exit_ok = 0, exit_model_error = 1, exit_usage_error = 2 };

/// A bad command line found after parsing (exit status 2).
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// One registered subcommand: its CLI11 app and what to run when it was chosen.
struct command {
    CLI::App* app = nullptr;
    std::function<int()> run;
};

/// `--format` and `-o/--output`, shared by every command that writes a report.
struct output_options {
    std::string format = "text";
    std::string output;  ///< empty: standard output

    /// Adds `--format` (restricted to `formats`) and `-o/--output` to `app`.
    void add_to(CLI::App* app, const std::vector<std::string>& formats);
    /// The parsed format.
    [[nodiscard]] report_format parsed_format() const;
};

/// Writes `content` to the output file (sroi::output_file) or to standard output; an output file
/// that is one of the run's inputs is a usage_error.
void emit(const output_options& options, const std::string& content);

/// Records a file the run reads (a model, a library, a scenario file): an output naming it is refused.
void note_input(const std::string& path);
/// Records a model's file and every library it lists.
void note_inputs(const model& m);
/// Throws usage_error when `output` (given as `option`) is the same file as an input of the run
/// (compared by device and inode, whatever the spelling or links), e.g. `-o MODEL.yaml`.
void check_output(const std::string& output, const std::string& option);
/// Throws usage_error when two outputs name the same file (e.g. `--samples-out` and `-o`).
void check_distinct_outputs(const std::string& first, const std::string& first_option,
                            const std::string& second, const std::string& second_option);

/// `--seed`: an integer from 0 to 2^64-1; anything else (-1, 2^64) is a usage error.
[[nodiscard]] CLI::Validator seed_range();
/// Adds `--ranges triangular|pert|uniform|fixed` (spec section 8) writing into `ranges`.
void add_ranges_option(CLI::App* sub, range_draw& ranges);

/// Options that choose how a model is read: extra libraries.
struct model_options {
    std::vector<std::string> libraries;  ///< `--library FILE`, repeatable

    /// Adds `--library` to `app`.
    void add_to(CLI::App* app);
    /// Loads a model with these options (throws model_error).
    [[nodiscard]] model load(const std::string& path) const;
};

/// The warnings check_model() finds, for a report's warnings section.
[[nodiscard]] std::vector<diagnostic> model_warnings(const model& m);

/// Parameter values of a scenario, or the base values when `scenario` is empty;
/// an unknown scenario name is a usage_error listing the names.
[[nodiscard]] std::vector<double> scenario_values(const evaluator& ev, const std::string& scenario);
/// The overrides a scenario sets (what the analyses hold fixed), none when `scenario` is empty;
/// an unknown scenario name is a usage_error listing the names.
[[nodiscard]] parameter_overrides scenario_overrides(const evaluator& ev, const std::string& scenario);

/// `--scenario NAME` and `--scenarios FILE`, shared by the analysis commands (scenario_options.cpp).
struct scenario_options {
    std::string scenario;  ///< scenario to analyse around; empty for the base case
    std::string file;      ///< scenario file (`sroi-scenarios: 1`); empty for none

    /// Adds `--scenario` and `--scenarios` to `app`.
    void add_to(CLI::App* app);
    /// Loads the model and merges the scenario file's scenarios into it (throws model_error).
    [[nodiscard]] model load(const model_options& models, const std::string& path) const;
    /// Name shown in reports: the scenario, or empty for the base case.
    [[nodiscard]] const std::string& name() const noexcept { return scenario; }
};

/// The check_model() warnings plus analysis_warnings() of a result of `ev`.
[[nodiscard]] std::vector<diagnostic> model_warnings(const evaluator& ev, const result& r);

/// Runs `body`, turning exceptions into messages on stderr and exit statuses.
int run_guarded(const std::string& context_file, const std::function<int()>& body);

// Every command registers itself through one of these (defined in cmd_*.cpp).
command register_validate(CLI::App& app);
command register_report(CLI::App& app);
command register_simulate(CLI::App& app);
command register_sobol(CLI::App& app);
command register_sensitivity(CLI::App& app);
command register_scenarios(CLI::App& app);
command register_sweep(CLI::App& app);
command register_portfolio(CLI::App& app);
command register_compare(CLI::App& app);
command register_proxies(CLI::App& app);

/// The bundled open proxy library (models/proxies/uk-open.yaml): looked for in $SROI_DATA_DIR,
/// beside the installed tool (<prefix>/share/sroi/models/proxies) and in the source tree above a
/// build directory; empty when not found (data_files.cpp).
[[nodiscard]] std::string find_bundled_library();

}  // namespace sroi::cli
