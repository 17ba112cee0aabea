// Runs a Monte Carlo simulation of a model built in code and prints a summary: how likely is it
// that the programme pays back, and how wide is the range of its SROI ratio?
#include <cstdio>

#include <sroi/sroi.hpp>

int main() {
    sroi::model m;
    m.project.name = "Befriending service";
    m.stakeholders = {{"older-people", "Older people", ""}, {"council", "Council", ""}};

    sroi::input grant;
    grant.id = "grant";
    grant.stakeholder = "council";
    grant.amount = 60000.0;
    m.inputs.push_back(grant);

    sroi::outcome lonely;
    lonely.id = "less-lonely";
    lonely.stakeholder = "older-people";
    lonely.quantity = 40.0;
    lonely.quantity.dist = sroi::distribution::pert;  // most likely 40, between 25 and 50
    lonely.quantity.low = 25.0;
    lonely.quantity.high = 50.0;
    lonely.proxy.value = 1500.0;
    lonely.proxy.value.dist = sroi::distribution::lognormal;  // mean 1,500, sd 400
    lonely.proxy.value.sd = 400.0;
    lonely.attribution = 0.25;
    lonely.attribution.dist = sroi::distribution::beta;  // mean 25 %, sd 8 %
    lonely.attribution.sd = 0.08;
    lonely.duration = 2;
    m.outcomes.push_back(lonely);

    const sroi::evaluator ev(m);
    sroi::simulation_options options;
    options.draws = 200000;
    options.seed = 2025;
    const sroi::simulation_result r = sroi::simulate(ev, options);

    std::printf("base case SROI ratio      %.2f\n", ev.evaluate().sroi_ratio);
    std::printf("simulated mean (sd)       %.2f (%.2f)\n", r.sroi_ratio.mean, r.sroi_ratio.sd);
    std::printf("90%% interval              %.2f to %.2f\n", r.sroi_ratio.p5, r.sroi_ratio.p95);
    std::printf("P(ratio > 1)              %.3f\n", r.probability_ratio_above_1);
    return r.sroi_ratio.count == options.draws ? 0 : 1;
}
