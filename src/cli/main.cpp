// sroi: the command-line tool. A thin shell over the library: parse options, wire the layers.
#include <iostream>
#include <vector>

#include "common.hpp"

int main(int argc, char** argv) {
    using namespace sroi::cli;
    CLI::App app{"sroi: Social Return on Investment analysis of YAML outcome models"};
    app.set_version_flag("--version", std::string("sroi ") + sroi::version());
    app.require_subcommand(1);
    app.failure_message(CLI::FailureMessage::help);

    const std::vector<command> commands = {
        register_validate(app), register_report(app),    register_sensitivity(app), register_scenarios(app),
        register_sweep(app),    register_portfolio(app), register_compare(app),     register_proxies(app),
        register_simulate(app), register_sobol(app),
    };

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? exit_ok : exit_usage_error;
    }
    // SIGINT, SIGTERM or SIGHUP while an output file is written: its temporary file is removed.
    sroi::remove_temporary_files_on_signals();
    for (const command& c : commands) {
        if (c.app->parsed()) return c.run();
    }
    return exit_usage_error;
}
