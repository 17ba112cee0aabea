#include "common.hpp"

#include <sys/stat.h>
#include <map>

#include <charconv>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <limits>
#include <new>
#include <optional>
#include <utility>

#include <fmt/format.h>

namespace sroi::cli {

void output_options::add_to(CLI::App* app, const std::vector<std::string>& formats) {
    std::string list;
    for (const auto& f : formats)
        list += (list.empty() ? "" : "|") + f;
    app->add_option("--format,-f", format, "Output format: " + list)
        ->check(CLI::IsMember(formats))
        ->capture_default_str();
    app->add_option("-o,--output", output, "Write to FILE (atomically) instead of standard output");
}

report_format output_options::parsed_format() const {
    if (const auto f = parse_report_format(format)) return *f;
    throw usage_error("unknown format '" + format + "'");
}

void emit(const output_options& options, const std::string& content) {
    if (options.output.empty() || options.output == "-") {
        std::cout << content;
        std::cout.flush();
        return;
    }
    check_output(options.output, "-o");
    write_file_atomically(options.output, content);
}

namespace {

std::vector<std::string>& run_inputs() {
    static std::vector<std::string> inputs;
    return inputs;
}

/// Device and inode of a regular file (following links); nullopt for anything else. Pipes and
/// devices (`/dev/null` as both input and output) are not files one could overwrite.
std::optional<std::pair<dev_t, ino_t>> regular_file_identity(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    return std::pair{st.st_dev, st.st_ino};
}

}  // namespace

void note_input(const std::string& path) {
    run_inputs().push_back(path);
}

void note_inputs(const model& m) {
    note_input(m.file);
    for (const std::string& library : m.libraries)
        note_input(library);
}

void check_output(const std::string& output, const std::string& option) {
    if (output.empty() || output == "-") return;
    const auto identity = regular_file_identity(output);
    if (!identity) return;  // a new file cannot be an input
    for (const std::string& input : run_inputs()) {
        if (regular_file_identity(input) == identity) {
            throw usage_error(fmt::format("{} {}: this is an input of the run ({}); it would be overwritten",
                                          option, output, input));
        }
    }
}

void check_distinct_outputs(const std::string& first, const std::string& first_option,
                            const std::string& second, const std::string& second_option) {
    namespace fs = std::filesystem;
    if (first.empty() || second.empty() || first == "-" || second == "-") return;
    const auto a = regular_file_identity(first);
    const auto b = regular_file_identity(second);
    bool same = a && a == b;
    if (!a && !b) {  // neither exists yet (or neither is a regular file): compare where they lead
        std::error_code ec_a;
        std::error_code ec_b;
        const fs::path pa = fs::weakly_canonical(fs::absolute(first, ec_a), ec_a);
        const fs::path pb = fs::weakly_canonical(fs::absolute(second, ec_b), ec_b);
        struct stat st {};
        const bool regular_or_new = ::stat(first.c_str(), &st) != 0 || S_ISREG(st.st_mode);
        same = !ec_a && !ec_b && pa == pb && regular_or_new;
    }
    if (same) {
        throw usage_error(fmt::format("{} {} and {} {} are the same file: one would overwrite the other",
                                      first_option, first, second_option, second));
    }
}

void add_ranges_option(CLI::App* sub, range_draw& ranges) {
    const std::map<std::string, range_draw> names{{"triangular", range_draw::triangular},
                                                  {"pert", range_draw::pert},
                                                  {"uniform", range_draw::uniform},
                                                  {"fixed", range_draw::fixed}};
    sub->add_option("--ranges", ranges,
                    "How parameters given as a range (low/high, no dist) are drawn: triangular (low, value, "
                    "high), pert, uniform, or fixed (held at their value)")
        ->transform(CLI::CheckedTransformer(names, CLI::ignore_case))
        ->default_str("triangular");
}

CLI::Validator seed_range() {
    return CLI::Validator(
        [](const std::string& text) -> std::string {
            std::uint64_t value = 0;
            const char* end = text.data() + text.size();
            const auto [stop, problem] = std::from_chars(text.data(), end, value);
            if (text.empty() || problem != std::errc{} || stop != end) {
                return fmt::format("the seed must be an integer from 0 to {}, got '{}'",
                                   std::numeric_limits<std::uint64_t>::max(), text);
            }
            return {};
        },
        "UINT64");
}

void model_options::add_to(CLI::App* app) {
    app->add_option("--library", libraries,
                    "Extra proxy/index library file (repeatable), e.g. your own licensed values")
        ->allow_extra_args(false);  // `--library FILE MODEL` must leave MODEL to the command
}

model model_options::load(const std::string& path) const {
    load_options options;
    options.extra_libraries = libraries;
    note_input(path);
    for (const std::string& library : libraries)
        note_input(library);
    model m = load_model(path, options);
    note_inputs(m);
    return m;
}

std::vector<diagnostic> model_warnings(const model& m) {
    std::vector<diagnostic> warnings;
    for (auto& d : check_model(m)) {
        if (d.level == severity::warning) warnings.push_back(std::move(d));
    }
    try {  // the analysis warnings of the base case; a model that cannot be evaluated has none
        const evaluator ev(m);
        for (auto& d : analysis_warnings(ev, ev.evaluate()))
            warnings.push_back(std::move(d));
    } catch (const sroi::error&) {
    }
    return warnings;
}

std::vector<diagnostic> model_warnings(const evaluator& ev, const result& r) {
    std::vector<diagnostic> warnings;
    for (auto& d : check_model(ev.model())) {
        if (d.level == severity::warning) warnings.push_back(std::move(d));
    }
    for (auto& d : analysis_warnings(ev, r))
        warnings.push_back(std::move(d));
    return warnings;
}

namespace {
// The model's scenario named `name` (not empty); an unknown name is a usage_error listing the names.
const scenario& named_scenario(const evaluator& ev, const std::string& name) {
    const scenario* s = ev.model().find_scenario(name);
    if (s == nullptr) {
        std::string names;
        for (const auto& sc : ev.model().scenarios)
            names += (names.empty() ? "" : ", ") + sc.name;
        throw usage_error(fmt::format("--scenario: the model has no scenario named '{}' (it has: {})", name,
                                      names.empty() ? "none" : names));
    }
    return *s;
}
}  // namespace

std::vector<double> scenario_values(const evaluator& ev, const std::string& scenario) {
    if (scenario.empty()) return ev.base_values();
    return apply_scenario(ev.parameters(), named_scenario(ev, scenario));
}

parameter_overrides scenario_overrides(const evaluator& ev, const std::string& scenario) {
    if (scenario.empty()) return {};
    return named_scenario(ev, scenario).set;
}

int run_guarded(const std::string& context_file, const std::function<int()>& body) {
    const std::string prefix = context_file.empty() ? "sroi" : context_file;
    try {
        return body();
    } catch (const model_error& e) {
        for (const auto& d : e.diagnostics())
            std::cerr << d.to_string() << '\n';
        return exit_model_error;
    } catch (const usage_error& e) {
        std::cerr << "sroi: error: " << e.what() << '\n';
        return exit_usage_error;
    } catch (const evaluation_error& e) {  // e.g. an overflow, at the outcome or input it names
        source_location at = e.location();
        if (at.file.empty()) at.file = prefix;
        std::cerr << diagnostic{severity::error, std::move(at), {}, e.what()}.to_string() << '\n';
        return exit_model_error;
    } catch (const sroi::error& e) {
        std::cerr << prefix << ": error: " << e.what() << '\n';
        return exit_model_error;
    } catch (const std::bad_alloc&) {
        std::cerr << prefix << ": error: out of memory\n";
        return exit_model_error;
    } catch (const std::exception& e) {
        std::cerr << prefix << ": error: " << e.what() << '\n';
        return exit_model_error;
    }
}

}  // namespace sroi::cli
