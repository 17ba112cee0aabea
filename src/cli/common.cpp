#include "common.hpp"

#include <iostream>
#include <new>

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
    write_file_atomically(options.output, content);
}

void model_options::add_to(CLI::App* app) {
    app->add_option("--library", libraries,
                    "Extra proxy/index library file (repeatable), e.g. your own licensed values")
        ->allow_extra_args(false);  // `--library FILE MODEL` must leave MODEL to the command
}

model model_options::load(const std::string& path) const {
    load_options options;
    options.extra_libraries = libraries;
    return load_model(path, options);
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

std::vector<double> scenario_values(const evaluator& ev, const std::string& scenario) {
    if (scenario.empty()) return ev.base_values();
    const sroi::scenario* s = ev.model().find_scenario(scenario);
    if (s == nullptr) {
        std::string names;
        for (const auto& sc : ev.model().scenarios)
            names += (names.empty() ? "" : ", ") + sc.name;
        throw usage_error(fmt::format("--scenario: the model has no scenario named '{}' (it has: {})",
                                      scenario, names.empty() ? "none" : names));
    }
    return apply_scenario(ev.parameters(), *s);
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
