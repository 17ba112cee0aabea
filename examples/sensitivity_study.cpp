// Which assumptions drive an SROI result, and how far would each have to move before the
// investment stops paying for itself? One-way sensitivity, switching values, a scenario and a
// sweep, scripted with the C++ API on a model built in code.
#include <cstdio>
#include <exception>
#include <vector>

#include <sroi/sroi.hpp>

namespace {

sroi::model mentoring_model() {
    sroi::model m;
    m.project.name = "Youth mentoring programme";
    m.stakeholders = {{"young_people", "Young people", ""}, {"council", "The council", ""}};

    sroi::input grant;
    grant.id = "grant";
    grant.stakeholder = "council";
    grant.amount = 60000.0;
    m.inputs.push_back(grant);

    sroi::outcome employment;
    employment.id = "employment";
    employment.stakeholder = "young_people";
    employment.type = sroi::value_type::economic;
    employment.quantity = {12.0};
    employment.quantity.low = 8.0;  // the range the analyst believes
    employment.quantity.high = 15.0;
    employment.proxy.value = 7500.0;
    employment.deadweight = 0.3;
    employment.attribution = 0.2;
    employment.drop_off = 0.25;
    employment.duration = 3;
    m.outcomes.push_back(employment);

    sroi::outcome confidence;
    confidence.id = "confidence";
    confidence.stakeholder = "young_people";
    confidence.type = sroi::value_type::wellbeing;
    confidence.quantity = 40.0;
    confidence.proxy.value = {900.0};
    confidence.proxy.value.dist = sroi::distribution::triangular;  // mode 900
    confidence.proxy.value.low = 500.0;
    confidence.proxy.value.high = 1100.0;
    confidence.deadweight = 0.25;
    confidence.drop_off = 0.5;
    confidence.duration = 2;
    m.outcomes.push_back(confidence);

    m.scenarios.push_back(
        {"cautious",
         "Fewer jobs, more deadweight",
         {{"outcomes.employment.quantity", 9.0}, {"outcomes.employment.deadweight", 0.45}}});
    return m;
}

}  // namespace

int main() {
    try {
        const sroi::evaluator ev(mentoring_model());

        // 1. One-way sensitivity around the base case: ranges from the model, else +/-20 %.
        const sroi::sensitivity_result s = sroi::one_way_sensitivity(ev);
        std::printf("Base: SROI %.2f : 1, NPV %.0f\n", s.base.sroi_ratio, s.base.net_present_value);
        std::printf("%-36s %8s %8s %8s %12s\n", "parameter", "low", "high", "swing", "switching");
        for (std::size_t i = 0; i < 5 && i < s.parameters.size(); ++i) {
            const sroi::parameter_sensitivity& p = s.parameters[i];
            std::printf("%-36s %8.2f %8.2f %8.3f", p.path.c_str(), p.low.sroi_ratio.value_or(0.0),
                        p.high.sroi_ratio.value_or(0.0), p.swing.value_or(0.0));
            if (p.switching && p.switching->value) {
                std::printf(" %12.4g (%+.0f%%)\n", *p.switching->value,
                            100.0 * p.switching->relative_change.value_or(0));
            } else {
                std::printf(" %12s\n", "none");
            }
        }

        // 2. One switching value on its own: how low may the employment proxy fall?
        const sroi::switching_value proxy = sroi::find_switching_value(ev, "outcomes.employment.proxy");
        if (proxy.value) std::printf("Employment proxy breaks even at %.0f\n", *proxy.value);

        // 3. The base case beside the cautious scenario, then sensitivity around the scenario.
        const sroi::scenario_comparison c = sroi::compare_scenarios(ev);
        for (const auto& sc : c.scenarios) {
            std::printf("Scenario %s: SROI %.2f : 1 (base %.2f)\n", sc.name.c_str(), sc.figures.sroi_ratio,
                        c.base.figures.sroi_ratio);
        }
        const std::vector<double> cautious = sroi::apply_scenario(ev.parameters(), ev.model().scenarios[0]);
        const sroi::sensitivity_result around = sroi::one_way_sensitivity(ev, cautious);
        std::printf("Largest swing in the cautious case: %s\n", around.parameters.front().path.c_str());

        // 4. A two-way sweep as tidy CSV, ready for R or pandas.
        const std::vector<sroi::sweep_axis> axes{{"outcomes.employment.quantity", 6.0, 15.0, 3.0},
                                                 {"outcomes.employment.deadweight", 0.2, 0.4, 0.1}};
        std::printf("%s", sroi::sweep_csv(sroi::sweep(ev, ev.base_values(), axes)).c_str());

        // 5. The warnings every analysis should show.
        for (const sroi::diagnostic& d : sroi::analysis_warnings(ev, ev.evaluate()))
            std::printf("warning: %s: %s\n", d.path.c_str(), d.message.c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
