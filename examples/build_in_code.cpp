// Builds an SROI model in code, with no YAML at all, and prints its headline figures.
//
// An integrator's procurement system can do the same with the figures a supplier commits to.
#include <cstdio>
#include <exception>

#include <sroi/sroi.hpp>

int main() {
    try {
        sroi::model m;
        m.project = {.name = "Supplier social value commitment", .price_year = 2024};
        m.stakeholders = {{.id = "residents", .name = "Local residents"},
                          {.id = "council", .name = "The council"}};
        m.inputs.push_back({
            .id = "premium",
            .stakeholder = "council",
            .amount = 50000.0,  // extra cost of the social value clauses
        });
        m.outcomes.push_back({
            .id = "local_jobs",
            .stakeholder = "residents",
            .indicator = "Residents employed on the contract for 12 months",
            .theme = "jobs",
            .type = sroi::value_type::economic,
            .quantity = 6.0,
            .proxy = {.value = 9000.0},                // illustrative: net gain in income per person-year
            .deadweight = sroi::range(0.3, 0.2, 0.4),  // the range feeds a sensitivity analysis
            .attribution = 0.1,
            .drop_off = 0.2,
            .duration = 3,
        });

        const sroi::result r = sroi::evaluate(m);
        std::printf("%s\n", m.project.name.c_str());
        std::printf("  present value   %12.2f\n", r.present_value);
        std::printf("  inputs          %12.2f\n", r.total_inputs);
        std::printf("  net value       %12.2f\n", r.net_present_value);
        std::printf("  SROI ratio      %12.2f : 1\n", r.sroi_ratio);
        for (std::size_t y = 0; y < r.years.size(); ++y) {
            std::printf("  year %d value %10.2f x DF %.4f\n", r.years[y], r.value_by_year[y],
                        r.discount_factors[y]);
        }
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
