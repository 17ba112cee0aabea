#include "model_generator.hpp"

#include <fmt/format.h>

namespace sroi::bench {

std::string generate_model_yaml(std::size_t outcomes) {
    std::string y = fmt::format(
        "sroi: 1\nproject:\n  name: Generated model with {} outcomes\n  price_year: 2024\n"
        "discount:\n  rate: 0.035\nstakeholders:\n",
        outcomes);
    for (int s = 0; s < 10; ++s)
        y += fmt::format("  - id: group-{}\n    name: Group {}\n", s, s);
    y += "inputs:\n";
    for (int i = 0; i < 3; ++i) {
        y += fmt::format("  - id: grant-{}\n    stakeholder: group-{}\n    amount: {}\n    year: {}\n", i, i,
                         2000.0 * static_cast<double>(outcomes), i);
    }
    y += "outcomes:\n";
    for (std::size_t o = 0; o < outcomes; ++o) {
        const double q = 50.0 + static_cast<double>(o % 37);
        const double p = 300.0 + 10.0 * static_cast<double>(o % 53);
        y += fmt::format(
            "  - id: outcome-{}\n    stakeholder: group-{}\n    theme: theme-{}\n"
            "    quantity: {{value: {}, dist: pert, low: {}, high: {}}}\n"
            "    proxy: {{value: {}, dist: lognormal, sd: {}}}\n"
            "    deadweight: {{value: 0.2, dist: triangular, low: 0.1, high: 0.4}}\n"
            "    attribution: {{value: 0.3, dist: beta, sd: 0.08}}\n"
            "    drop_off: {{value: 0.1, dist: uniform, low: 0.05, high: 0.2}}\n"
            "    duration: {}\n",
            o, o % 10, o % 5, q, 0.7 * q, 1.2 * q, p, 0.25 * p, 5 + o % 6);
    }
    return y;
}

}  // namespace sroi::bench
