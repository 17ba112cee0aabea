// Tests of check_model() and validate() on models built in code (no YAML, no locations).
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include <sroi/model/error.hpp>
#include <sroi/model/model.hpp>

namespace {

sroi::model valid_model() {
    sroi::model m;
    m.project.name = "Built in code";
    m.stakeholders.push_back({"people", "People", ""});
    sroi::input grant;
    grant.id = "grant";
    grant.stakeholder = "people";
    grant.amount = 1000.0;
    m.inputs.push_back(grant);
    sroi::outcome jobs;
    jobs.id = "jobs";
    jobs.stakeholder = "people";
    jobs.quantity = 10.0;
    jobs.proxy.value = 500.0;
    jobs.deadweight = 0.2;
    m.outcomes.push_back(jobs);
    return m;
}

std::string listing(const std::vector<sroi::diagnostic>& diagnostics) {
    std::string out;
    for (const sroi::diagnostic& d : diagnostics)
        out += d.to_string() + "\n";
    return out;
}

/// True when some diagnostic of `level` has key path `path` and a message containing `text`.
bool has(const std::vector<sroi::diagnostic>& diagnostics, std::string_view path, std::string_view text,
         sroi::severity level = sroi::severity::error) {
    for (const sroi::diagnostic& d : diagnostics) {
        if (d.level == level && d.path == path && d.message.find(text) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("a valid model built in code has no diagnostics") {
    const auto diagnostics = sroi::check_model(valid_model());
    INFO(listing(diagnostics));
    CHECK(diagnostics.empty());
    CHECK(sroi::validate(valid_model()).empty());
}

TEST_CASE("diagnostic::to_string leaves out unknown parts") {
    sroi::diagnostic d{
        sroi::severity::error, {"m.yaml", 14, 17}, "outcomes[2].deadweight", "1.4 is outside [0, 1]"};
    CHECK(d.to_string() == "m.yaml:14:17: error: outcomes[2].deadweight: 1.4 is outside [0, 1]");
    d.location = {"m.yaml", 0, 0};
    d.level = sroi::severity::warning;
    CHECK(d.to_string() == "m.yaml: warning: outcomes[2].deadweight: 1.4 is outside [0, 1]");
    d.location = {};
    d.path.clear();
    CHECK(d.to_string() == "warning: 1.4 is outside [0, 1]");
}

TEST_CASE("locate falls back to the longest recorded prefix, then the file") {
    sroi::model m;
    m.file = "m.yaml";
    m.locations["outcomes"] = {"m.yaml", 3, 1};
    m.locations["outcomes[2]"] = {"m.yaml", 9, 5};
    CHECK(m.locate("outcomes[2].deadweight").line == 9);
    CHECK(m.locate("outcomes[3].deadweight").line == 3);
    CHECK(m.locate("inputs[0]").line == 0);
    CHECK(m.locate("inputs[0]").file == "m.yaml");
}

TEST_CASE("required fields, ids and references") {
    sroi::model m = valid_model();
    m.project.name.clear();
    m.outcomes.push_back(m.outcomes[0]);
    m.outcomes[1].stakeholder = "peeple";
    m.outcomes[1].proxy.ref = "nothing";
    m.inputs[0].id = "Grant";
    m.price_index = "deflator";
    const auto d = sroi::check_model(m);
    INFO(listing(d));
    CHECK(has(d, "project.name", "needs a name"));
    CHECK(has(d, "outcomes[1].id", "duplicate outcome id 'jobs' (first defined at outcomes[0].id)"));
    CHECK(has(d, "outcomes[1].stakeholder", "unknown stakeholder 'peeple' (did you mean 'people'?)"));
    CHECK(has(d, "outcomes[1].proxy.ref", "unknown proxy 'nothing'"));
    CHECK(has(d, "inputs[0].id", "'Grant' is not a valid id"));
    CHECK(has(d, "price_index", "unknown price index 'deflator'"));
    CHECK_THROWS_AS((void)sroi::validate(m), sroi::model_error);
}

TEST_CASE("ranges of fractions, quantities, years and rates") {
    sroi::model m = valid_model();
    sroi::outcome& o = m.outcomes[0];
    o.attribution = 1.5;
    o.quantity = -1.0;
    o.duration = 0;
    o.start = 1001;
    m.inputs[0].year = -1;
    m.discount.rate = 1.2;
    m.project.horizon = 0;
    const auto d = sroi::check_model(m);
    INFO(listing(d));
    CHECK(has(d, "outcomes[0].attribution", "1.5 is outside [0, 1]"));
    CHECK(has(d, "outcomes[0].quantity", "-1 is outside [0, inf)"));
    CHECK(has(d, "outcomes[0].duration", "must be at least 1, got 0"));
    CHECK(has(d, "outcomes[0].start", "1001 is more than 1,000 years"));
    CHECK(has(d, "inputs[0].year", "must be at least 0, got -1"));
    CHECK(has(d, "discount.rate", "1.2 is outside [0, 1]"));
    CHECK(has(d, "project.horizon", "must be at least 1, got 0"));
}

TEST_CASE("uncertain numbers: ranges and distributions") {
    sroi::model m = valid_model();
    sroi::outcome& o = m.outcomes[0];
    o.deadweight.low = 0.3;  // above the value 0.2
    o.quantity.dist = sroi::distribution::pert;
    o.quantity.low = 5.0;                             // no high
    o.proxy.value.dist = sroi::distribution::normal;  // no sd
    o.displacement = 0.5;
    o.displacement.dist = sroi::distribution::beta;
    o.displacement.sd = 0.5;  // sd^2 = 0.25 = 0.5 * (1 - 0.5): too large
    o.drop_off = 0.1;
    o.drop_off.dist = sroi::distribution::uniform;
    o.drop_off.low = -0.1;  // outside [0, 1]
    o.drop_off.high = 0.2;
    const auto d = sroi::check_model(m);
    INFO(listing(d));
    CHECK(has(d, "outcomes[0].deadweight.low", "low 0.3 is above the value 0.2"));
    CHECK(has(d, "outcomes[0].quantity.dist", "a pert distribution needs both low and high"));
    CHECK(has(d, "outcomes[0].proxy.dist", "a normal distribution needs sd > 0"));
    CHECK(has(d, "outcomes[0].displacement.sd", "too large for a beta with this mean"));
    CHECK(has(d, "outcomes[0].drop_off.low", "low -0.1 is outside [0, 1]"));

    // A normal on a bounded domain is truncated, not an error; beta on a quantity is.
    sroi::model ok = valid_model();
    ok.outcomes[0].deadweight.dist = sroi::distribution::normal;
    ok.outcomes[0].deadweight.sd = 0.5;
    CHECK(sroi::check_model(ok).empty());
    ok.outcomes[0].quantity.dist = sroi::distribution::beta;
    ok.outcomes[0].quantity.sd = 1.0;
    CHECK(has(sroi::check_model(ok), "outcomes[0].quantity.dist", "only describe a fraction"));
}

TEST_CASE("proxies and indices of libraries are checked too") {
    sroi::model m = valid_model();
    sroi::proxy p;
    p.id = "lib-proxy";
    p.value = 5.0;
    p.value.dist = sroi::distribution::lognormal;  // no sd
    p.library = "lib.yaml";
    m.proxies.push_back(p);
    sroi::price_index index;
    index.id = "deflator";
    index.values = {{2020, 0.0}};
    m.indices.push_back(index);
    const auto d = sroi::check_model(m);
    INFO(listing(d));
    CHECK(has(d, "proxies[0].dist", "a lognormal distribution needs sd > 0"));
    CHECK(has(d, "indices[0].values.2020", "index value 0 must be > 0"));
}

TEST_CASE("price years: re-basing needs an index holding both years") {
    sroi::model m = valid_model();
    m.project.price_year = 2024;
    m.outcomes[0].proxy.price_year = 2019;
    CHECK(has(sroi::check_model(m), "outcomes[0].proxy", "no price_index is set"));
    sroi::price_index index;
    index.id = "deflator";
    index.values = {{2024, 100.0}};
    m.indices.push_back(index);
    m.price_index = "deflator";
    CHECK(has(sroi::check_model(m), "outcomes[0].proxy", "price index 'deflator' has no value for 2019"));
    m.indices[0].values[2019] = 80.0;
    CHECK(sroi::check_model(m).empty());

    // Without project.price_year, differing proxy price years only warn.
    sroi::model w = valid_model();
    w.outcomes.push_back(w.outcomes[0]);
    w.outcomes[1].id = "more";
    w.outcomes[0].proxy.price_year = 2019;
    w.outcomes[1].proxy.price_year = 2021;
    const auto d = sroi::check_model(w);
    INFO(listing(d));
    CHECK(has(d, "project.price_year", "different price years (2019, 2021)", sroi::severity::warning));
    CHECK(sroi::validate(w).size() == 1);
}

TEST_CASE("inputs: totals of zero, and amount versus quantity x unit_cost") {
    sroi::model m = valid_model();
    m.inputs[0].amount = 0.0;
    CHECK(has(sroi::check_model(m), "inputs", "total inputs are 0: the SROI ratio is undefined"));
    m.inputs.clear();
    CHECK(has(sroi::check_model(m), "inputs", "total inputs are 0"));

    sroi::model q = valid_model();
    q.inputs[0].amount.reset();
    q.inputs[0].quantity = 3.0;
    CHECK(has(sroi::check_model(q), "inputs[0].quantity", "a quantity needs a unit_cost"));
    q.inputs[0].unit_cost = 10.0;
    CHECK(sroi::check_model(q).empty());
}

TEST_CASE("no outcomes is a warning, an unreferenced stakeholder is fine") {
    sroi::model m = valid_model();
    m.outcomes.clear();
    m.stakeholders.push_back({"nobody", "Nobody", ""});
    const auto d = sroi::check_model(m);
    INFO(listing(d));
    REQUIRE(d.size() == 1);
    CHECK(has(d, "outcomes", "no outcomes", sroi::severity::warning));
}

TEST_CASE("scenarios and correlations refer to parameters by path") {
    sroi::model m = valid_model();
    m.outcomes[0].quantity.dist = sroi::distribution::uniform;
    m.outcomes[0].quantity.low = 5.0;
    m.outcomes[0].quantity.high = 15.0;
    m.scenarios.push_back({"bad", "", {{"outcomes.jobs.deadweight", 1.5}, {"outcomes.job.quantity", 1.0}}});
    m.correlations.push_back(
        {"outcomes.jobs.quantity", "outcomes.jobs.deadweight", 0.5});  // deadweight is fixed
    m.correlations.push_back({"outcomes.jobs.quantity", "outcomes.jobs.quantity", 1.5});
    const auto d = sroi::check_model(m);
    INFO(listing(d));
    CHECK(has(d, "scenarios.bad.set.outcomes.jobs.deadweight", "1.5 is outside [0, 1]"));
    CHECK(
        has(d, "scenarios.bad.set.outcomes.job.quantity", "unknown parameter path 'outcomes.job.quantity'"));
    CHECK(has(d, "correlations[0].between[1]", "has no distribution"));
    CHECK(has(d, "correlations[1].between", "cannot be correlated with itself"));
    CHECK(has(d, "correlations[1].rho", "rho 1.5 is outside [-1, 1]"));

    sroi::model twice = valid_model();
    for (sroi::uncertain_number* u : {&twice.outcomes[0].quantity, &twice.outcomes[0].deadweight}) {
        u->dist = sroi::distribution::normal;
        u->sd = 0.1;
    }
    twice.correlations.push_back({"outcomes.jobs.quantity", "outcomes.jobs.deadweight", 0.5});
    twice.correlations.push_back({"outcomes.jobs.deadweight", "outcomes.jobs.quantity", 0.2});
    const auto t = sroi::check_model(twice);
    INFO(listing(t));
    REQUIRE(t.size() == 1);
    CHECK(has(t, "correlations[1].between", "already correlated at correlations[0]"));
}
