// Proxy library listing: search and re-basing with the GDP deflator.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <sroi/analysis/proxy_catalogue.hpp>
#include <sroi/io/load.hpp>
#include <sroi/report/proxy_catalogue_report.hpp>

namespace {

const std::string library_file = std::string(SROI_SOURCE_DIR) + "/models/proxies/uk-open.yaml";

}  // namespace

TEST_CASE("proxies re-based to another price year with the library's index") {
    const std::vector<sroi::library> libraries = {sroi::load_library(library_file)};
    sroi::catalogue_options options;
    options.search = {"wellby"};
    options.price_year = 2024;
    const sroi::proxy_catalogue c = sroi::list_proxies(libraries, options);
    REQUIRE(c.entries.size() == 1);
    CHECK(c.entries[0].proxy.id == "wellby");
    CHECK(c.index == "uk-gdp-deflator");
    // 13,000 in 2019 prices x 100 / 81.1085 = 16,027.907 (16,027.91) in 2024 prices.
    REQUIRE(c.entries[0].rebased);
    CHECK(*c.entries[0].rebased == doctest::Approx(13000.0 * 100.0 / 81.1085).epsilon(1e-12));
    CHECK(*c.entries[0].rebased == doctest::Approx(16027.91).epsilon(1e-6));
    CHECK(sroi::render_proxy_catalogue(c, sroi::report_format::text).find("16,027.91") != std::string::npos);
    CHECK(c.complete());
}

TEST_CASE("proxy search is case-insensitive and needs every word") {
    const std::vector<sroi::library> libraries = {sroi::load_library(library_file)};
    sroi::catalogue_options options;
    options.search = {"CARBON"};
    CHECK(sroi::list_proxies(libraries, options).entries.size() == 3);
    options.search = {"carbon", "2030"};
    CHECK(sroi::list_proxies(libraries, options).entries.size() == 1);
    options.search = {"no-such-thing"};
    CHECK(sroi::list_proxies(libraries, options).entries.empty());
    CHECK(sroi::list_proxies(libraries, {}).entries.size() == 4);
}

TEST_CASE("re-basing to a year the index lacks is an error") {
    const std::vector<sroi::library> libraries = {sroi::load_library(library_file)};
    sroi::catalogue_options options;
    options.price_year = 1990;
    CHECK_THROWS_AS((void)sroi::list_proxies(libraries, options), sroi::evaluation_error);
    options.price_year = 2024;
    options.index = "no-such-index";
    CHECK_THROWS_AS((void)sroi::list_proxies(libraries, options), sroi::evaluation_error);
}
