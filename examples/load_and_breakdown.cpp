// Loads a YAML model and prints where its value goes: by stakeholder, theme and value type.
//
// Usage: example_load_and_breakdown MODEL.yaml
#include <cstdio>
#include <exception>

#include <sroi/sroi.hpp>

namespace {

void print_groups(const char* title, const std::vector<sroi::group_result>& groups, double total) {
    std::printf("%s\n", title);
    for (const auto& g : groups) {
        std::printf("  %-28s %14.2f  %5.1f%%\n", g.key.c_str(), g.present_value,
                    total != 0 ? 100.0 * g.present_value / total : 0.0);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s MODEL.yaml\n", argv[0]);
        return 2;
    }
    try {
        const sroi::model m = sroi::load_model(argv[1]);
        const sroi::result r = sroi::evaluate(m);
        std::printf("%s: SROI %.2f : 1 (present value %.2f on inputs of %.2f)\n", m.project.name.c_str(),
                    r.sroi_ratio, r.present_value, r.total_inputs);
        print_groups("By stakeholder", r.stakeholders, r.present_value);
        print_groups("By theme", r.themes, r.present_value);
        print_groups("By value type", r.value_types, r.present_value);
        return 0;
    } catch (const sroi::model_error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
