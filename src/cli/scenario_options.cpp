// `--scenario NAME` and `--scenarios FILE` for the analysis commands.
#include "common.hpp"

namespace sroi::cli {

void scenario_options::add_to(CLI::App* app) {
    app->add_option("--scenario,-s", scenario, "Analyse around the named scenario instead of the base case");
    app->add_option("--scenarios", file,
                    "Scenario file (sroi-scenarios: 1) whose scenarios are added to the model's; one with "
                    "the name of a model scenario replaces it");
}

model scenario_options::load(const model_options& models, const std::string& path) const {
    model m = models.load(path);
    if (!file.empty()) {
        note_input(file);
        m.scenarios = merge_scenarios(m.scenarios, load_scenario_file(file, m));
    }
    return m;
}

}  // namespace sroi::cli
