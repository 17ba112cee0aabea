#include "model_generator.hpp"

#include <array>
#include <utility>

#include <fmt/format.h>

namespace sroi::bench {

namespace {

// The benchmark model of generate_model_yaml(); with `distinct`, each outcome's PERT range,
// lognormal spread and beta mean and spread are its own (see model_shape::distinct_shapes).
std::string uncertain_model_yaml(std::size_t outcomes, bool distinct) {
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
        // Fractions in [0, 1) that differ from outcome to outcome (a multiplier prime to 100).
        auto spread = [o](std::size_t multiplier) {
            return static_cast<double>(o * multiplier % 100) / 100.0;
        };
        const double low = distinct ? (0.55 + 0.25 * spread(37)) * q : 0.7 * q;
        const double high = distinct ? (1.1 + 0.5 * spread(59)) * q : 1.2 * q;
        const double sd = distinct ? (0.1 + 0.3 * spread(41)) * p : 0.25 * p;
        const double attribution = distinct ? 0.15 + 0.3 * spread(73) : 0.3;
        const double attribution_sd = distinct ? 0.04 + 0.04 * spread(29) : 0.08;
        y += fmt::format(
            "  - id: outcome-{}\n    stakeholder: group-{}\n    theme: theme-{}\n"
            "    quantity: {{value: {}, dist: pert, low: {}, high: {}}}\n"
            "    proxy: {{value: {}, dist: lognormal, sd: {}}}\n"
            "    deadweight: {{value: 0.2, dist: triangular, low: 0.1, high: 0.4}}\n"
            "    attribution: {{value: {}, dist: beta, sd: {}}}\n"
            "    drop_off: {{value: 0.1, dist: uniform, low: 0.05, high: 0.2}}\n"
            "    duration: {}\n",
            o, o % 10, o % 5, q, low, high, p, sd, attribution, attribution_sd, 5 + o % 6);
    }
    return y;
}

}  // namespace

std::string generate_model_yaml(std::size_t outcomes) {
    return uncertain_model_yaml(outcomes, false);
}

std::optional<model_shape> parse_model_shape(std::string_view name) {
    constexpr std::array<std::pair<std::string_view, model_shape>, 6> shapes{{
        {"standard", model_shape::standard},
        {"distinct-shapes", model_shape::distinct_shapes},
        {"many-stakeholders", model_shape::many_stakeholders},
        {"unknown-stakeholders", model_shape::unknown_stakeholders},
        {"proxy-refs", model_shape::proxy_refs},
        {"scenarios", model_shape::scenarios},
    }};
    for (const auto& [spelling, shape] : shapes) {
        if (spelling == name) return shape;
    }
    return std::nullopt;
}

std::string generate_model_yaml(model_shape shape, std::size_t n) {
    if (shape == model_shape::standard) return generate_model_yaml(n);
    if (shape == model_shape::distinct_shapes) return uncertain_model_yaml(n, true);
    std::string y =
        fmt::format("sroi: 1\nproject:\n  name: Generated model with {} outcomes\nstakeholders:\n", n);
    const bool many = shape == model_shape::many_stakeholders || shape == model_shape::unknown_stakeholders;
    const std::size_t stakeholders = many ? n : 10;
    for (std::size_t s = 0; s < stakeholders; ++s)
        y += fmt::format("  - id: group-{}\n", s);
    y += fmt::format("inputs:\n  - id: grant\n    stakeholder: group-0\n    amount: {}\n",
                     1000.0 * static_cast<double>(n));
    if (shape == model_shape::proxy_refs) {
        y += "proxies:\n";
        for (std::size_t p = 0; p < n; ++p)
            y += fmt::format("  - id: proxy-{}\n    value: {}\n", p, 100 + p % 50);
    }
    y += "outcomes:\n";
    for (std::size_t o = 0; o < n; ++o) {
        std::string stakeholder = fmt::format("group-{}", o % 10);
        if (shape == model_shape::many_stakeholders) stakeholder = fmt::format("group-{}", n - 1);
        if (shape == model_shape::unknown_stakeholders) stakeholder = fmt::format("absent-{}", o);
        const std::string proxy = shape == model_shape::proxy_refs
                                      ? fmt::format("{{ref: proxy-{}}}", n - 1 - o)
                                      : fmt::format("{}", 200 + o % 30);
        y += fmt::format(
            "  - id: outcome-{}\n    stakeholder: {}\n    quantity: {}\n    proxy: {}\n"
            "    deadweight: 0.2\n    duration: {}\n",
            o, stakeholder, 10 + o % 7, proxy, 1 + o % 5);
    }
    if (shape == model_shape::scenarios) {
        y += "scenarios:\n";
        for (std::size_t s = 0; s < n; ++s)
            y += fmt::format("  case-{}:\n    set:\n      outcomes.outcome-{}.quantity: {}\n", s, s,
                             5 + s % 9);
    }
    return y;
}

}  // namespace sroi::bench
