// A program outside the sroi tree: builds a model in code and prints its SROI ratio.
#include <iostream>

#include <sroi/sroi.hpp>

// sroi's headers need no other library's headers. Debian puts Eigen's under include/eigen3, so
// <Eigen/Core> is found only when a -I that sroi hands its users adds that directory.
#if __has_include(<Eigen/Core>)
#error "Eigen is on the consumer's include path: sroi should not export it"
#endif

int main() {
    sroi::model m;
    m.project.name = "Consumer check";
    m.stakeholders.push_back({"people", "People", ""});
    sroi::input grant;
    grant.id = "grant";
    grant.stakeholder = "people";
    grant.amount = 1000.0;
    m.inputs.push_back(grant);
    sroi::outcome o;
    o.id = "jobs";
    o.stakeholder = "people";
    o.quantity = 2.0;
    o.proxy.value = 1035.0;  // one year of value at 3.5 %: PV = 2 x 1035 / 1.035 = 2000
    m.outcomes.push_back(o);
    const sroi::result r = sroi::evaluate(m);
    std::cout << "sroi " << sroi::version() << " ratio " << r.sroi_ratio << '\n';
    return (r.sroi_ratio > 1.999999 && r.sroi_ratio < 2.000001) ? 0 : 1;
}
