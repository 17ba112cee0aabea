// The HTML report: well-formed XHTML-compatible markup (checked with a small XML checker below),
// self-contained (no scripts, nothing fetched), every section and chart present, text from the
// model escaped, negative values drawn, the same page for the same seed.
#include <doctest/doctest.h>

#include <cctype>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <sroi/report/html_report.hpp>
#include <sroi/sroi.hpp>

namespace {

const std::string golden_model = std::string(SROI_TEST_DATA) + "/golden-model.yaml";
const std::string apprenticeships =
    std::string(SROI_SOURCE_DIR) + "/models/examples/local-employment-apprenticeships.yaml";

bool is_name_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' || c == ':';
}
bool is_name_char(char c) {
    return is_name_start(c) || std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.';
}

// Checks an entity or character reference starting at s[i] == '&'; returns its length or 0.
std::size_t reference_length(std::string_view s, std::size_t i) {
    const std::size_t end = s.find(';', i);
    if (end == std::string_view::npos || end - i > 12) return 0;
    const std::string_view name = s.substr(i + 1, end - i - 1);
    static const std::set<std::string_view> predefined = {"amp", "lt", "gt", "quot", "apos"};
    if (predefined.contains(name)) return end - i + 1;
    if (name.size() > 1 && name[0] == '#') {
        const bool hex = name[1] == 'x';
        const std::string_view digits = name.substr(hex ? 2 : 1);
        if (digits.empty()) return 0;
        for (const char c : digits) {
            if (hex ? std::isxdigit(static_cast<unsigned char>(c)) == 0
                    : std::isdigit(static_cast<unsigned char>(c)) == 0)
                return 0;
        }
        return end - i + 1;
    }
    return 0;
}

// A small XML well-formedness checker: one root element, tags nested and closed in order,
// attributes quoted and not repeated, only predefined or numeric references, no '<' in text or
// attribute values. Returns an empty string when well-formed, else what is wrong and where.
std::string xml_problem(std::string_view s) {
    std::vector<std::string> open;
    bool root_seen = false;
    std::size_t i = 0;
    const auto where = [&](const std::string& what) {
        return what + " at offset " + std::to_string(i) + ": '" + std::string(s.substr(i, 60)) + "'";
    };
    const auto skip_space = [&] {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])) != 0)
            ++i;
    };
    const auto read_name = [&] {
        const std::size_t start = i;
        if (i < s.size() && is_name_start(s[i])) {
            while (i < s.size() && is_name_char(s[i]))
                ++i;
        }
        return std::string(s.substr(start, i - start));
    };
    while (i < s.size()) {
        if (s[i] == '&') {
            const std::size_t n = reference_length(s, i);
            if (n == 0) return where("bad reference");
            i += n;
            continue;
        }
        if (s[i] != '<') {
            if (open.empty() && std::isspace(static_cast<unsigned char>(s[i])) == 0)
                return where("text outside the root");
            ++i;
            continue;
        }
        if (s.substr(i, 4) == "<!--") {
            const std::size_t end = s.find("-->", i + 4);
            if (end == std::string_view::npos) return where("unclosed comment");
            i = end + 3;
            continue;
        }
        if (s.substr(i, 9) == "<!DOCTYPE") {
            if (root_seen) return where("DOCTYPE after the root");
            const std::size_t end = s.find('>', i);
            if (end == std::string_view::npos || s.substr(i, end - i).find('[') != std::string_view::npos)
                return where("DOCTYPE with an internal subset or unclosed");
            i = end + 1;
            continue;
        }
        if (s.substr(i, 2) == "</") {
            i += 2;
            const std::string name = read_name();
            skip_space();
            if (i >= s.size() || s[i] != '>') return where("malformed end tag");
            if (open.empty() || open.back() != name)
                return where("end tag </" + name + "> does not match <" + (open.empty() ? "" : open.back()) +
                             ">");
            open.pop_back();
            ++i;
            continue;
        }
        ++i;
        const std::string name = read_name();
        if (name.empty()) return where("'<' that starts no tag");
        if (open.empty() && root_seen) return where("second root element");
        root_seen = true;
        std::set<std::string> attributes;
        while (true) {
            const std::size_t before = i;
            skip_space();
            if (i >= s.size()) return where("unclosed start tag");
            if (s.substr(i, 2) == "/>") {
                i += 2;
                break;
            }
            if (s[i] == '>') {
                open.push_back(name);
                ++i;
                break;
            }
            if (i == before) return where("no space before an attribute");
            const std::string attribute = read_name();
            if (attribute.empty()) return where("bad attribute name");
            if (!attributes.insert(attribute).second) return where("repeated attribute " + attribute);
            skip_space();
            if (i >= s.size() || s[i] != '=') return where("attribute without a value");
            ++i;
            skip_space();
            if (i >= s.size() || (s[i] != '"' && s[i] != '\'')) return where("unquoted attribute");
            const char quote = s[i];
            const std::size_t end = s.find(quote, i + 1);
            if (end == std::string_view::npos) return where("unclosed attribute value");
            for (std::size_t k = i + 1; k < end; ++k) {
                if (s[k] == '<') return where("'<' in an attribute value");
                if (s[k] == '&' && reference_length(s, k) == 0) return where("bad reference in an attribute");
            }
            i = end + 1;
        }
    }
    if (!open.empty()) return "unclosed element <" + open.back() + ">";
    if (!root_seen) return "no root element";
    return "";
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1))
        ++n;
    return n;
}

std::string page_for(const sroi::model& m, const sroi::html_report_options& options = {}) {
    const sroi::evaluator ev(m);
    const sroi::result r = ev.evaluate();
    sroi::report_context context{ev.model(), "", sroi::analysis_warnings(ev, r)};
    return sroi::report_html(sroi::analyse_for_html(ev, {}, options), context);
}

}  // namespace

TEST_CASE("the XML checker itself tells well-formed from malformed markup") {
    CHECK(xml_problem("<!DOCTYPE html>\n<a x=\"1\"><b/>t &amp; &#39; &#x2610;</a>\n").empty());
    CHECK_FALSE(xml_problem("<a><b></a></b>").empty());
    CHECK_FALSE(xml_problem("<a x=\"1\" x=\"2\"/>").empty());
    CHECK_FALSE(xml_problem("<a>&nbsp;</a>").empty());  // not predefined in XML
    CHECK_FALSE(xml_problem("<a>1 < 2</a>").empty());
    CHECK_FALSE(xml_problem("<a x=1/>").empty());
    CHECK_FALSE(xml_problem("<a/><b/>").empty());
    CHECK_FALSE(xml_problem("<a>").empty());
}

TEST_CASE("the page of a model with distributions is complete, well-formed and self-contained") {
    sroi::html_report_options options;
    options.draws = 2000;
    const std::string html = page_for(sroi::load_model(apprenticeships), options);
    const std::string problem = xml_problem(html);
    CHECK_MESSAGE(problem.empty(), "the page is not well-formed XML: " << problem);

    for (const char* id : {"summary", "value", "sensitivity", "switching-values", "uncertainty", "scenarios",
                           "impact-map", "inputs", "assumptions", "warnings", "principles"}) {
        CHECK_MESSAGE(html.find(std::string("id=\"") + id + "\"") != std::string::npos,
                      "section " << id << " missing");
    }
    // Charts: years, stakeholders, themes, value types, two tornadoes, histogram, S-curve; each
    // drawn wide and compact (the style sheet shows one of the two).
    CHECK(count(html, "<svg ") == 16);
    CHECK(count(html, "role=\"img\"") == 16);
    CHECK(count(html, "<div class=\"chart-compact\">") == 8);
    CHECK(count(html, "<figure>") == 8);
    CHECK(count(html, "<figcaption>") == 8);
    const std::regex svg_size("<svg [^>]*width=\"([0-9.]+)\" height=\"([0-9.]+)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), svg_size); it != std::sregex_iterator();
         ++it) {
        CHECK(std::stod((*it)[1]) > 0);
        CHECK(std::stod((*it)[2]) > 0);
    }
    // Self-contained: no scripts, no external style sheets, images, fonts or frames.
    for (const char* banned :
         {"<script", "<link", "<img", "<iframe", "@import", "url(", " src=", "@font-face"}) {
        CHECK_MESSAGE(html.find(banned) == std::string::npos, "the page contains " << banned);
    }
    // Headings: one h1, then h2 sections; tables have column headers with scope.
    CHECK(count(html, "<h1>") == 1);
    CHECK(count(html, "<th scope=\"col\"") > 20);
    // The Monte Carlo range and P(ratio > 1) sit beside the point estimate.
    CHECK(html.find("Monte Carlo 5th–95th percentile") != std::string::npos);
    CHECK(html.find("P(ratio &gt; 1) = ") != std::string::npos);
    CHECK(html.find("break-even 1:1") != std::string::npos);
    // Proxy sources appear with their links.
    CHECK(html.find("<a href=\"https://") != std::string::npos);
}

TEST_CASE("the same seed gives the same page; no simulation when asked or without distributions") {
    const sroi::model m = sroi::load_model(apprenticeships);
    sroi::html_report_options options;
    options.draws = 1000;
    options.seed = 7;
    CHECK(page_for(m, options) == page_for(m, options));
    options.simulate = false;
    const std::string quick = page_for(m, options);
    CHECK(quick.find("--no-simulation") != std::string::npos);
    CHECK(count(quick, "<svg ") == 12);  // six charts, wide and compact
    // The golden model has ranges but no distribution: drawn by default, held with --ranges fixed,
    // and then the page has no simulation and no probability (issue 15).
    sroi::html_report_options held;
    held.ranges = sroi::range_draw::fixed;
    const std::string fixed = page_for(sroi::load_model(golden_model), held);
    CHECK(fixed.find("No estimate in the model is drawn") != std::string::npos);
    CHECK(fixed.find("P(") == std::string::npos);
    CHECK(fixed.find("of the draws the SROI ratio is above 1") == std::string::npos);
    CHECK(xml_problem(fixed).empty());
    const std::string drawn = page_for(sroi::load_model(golden_model));
    CHECK(drawn.find("drawn as triangular(low, value, high)") != std::string::npos);
    CHECK(drawn.find("of the draws the SROI ratio is above 1") != std::string::npos);
}

TEST_CASE("text from the model is escaped everywhere, and negative values are drawn left of zero") {
    sroi::model m = sroi::load_model(golden_model);
    m.project.name = "<script>alert('x')</script> & \"Co\"";
    m.project.description = "Fish & chips <b>bold</b>";
    m.stakeholders[0].name = "Council <Health & Care>";
    m.outcomes[0].description = "Life satisfaction > 7 & <rising>";
    m.outcomes[0].indicator = "ONS4 'happy' \"yesterday\"";
    m.outcomes[1].proxy.value = -2000;  // the fiscal outcome becomes a cost to the council
    m.outcomes[1].theme = "costs & <savings>";
    const std::string html = page_for(m);
    const std::string problem = xml_problem(html);
    CHECK_MESSAGE(problem.empty(), "not well-formed: " << problem);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<b>bold") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;") !=
          std::string::npos);
    CHECK(html.find("Council &lt;Health &amp; Care&gt;") != std::string::npos);
    // The council's present value is negative: its bar is drawn in the negative colour.
    CHECK(html.find("fill=\"#D55E00\"><title>Council &lt;Health &amp; Care&gt;: -") != std::string::npos);
}

TEST_CASE("the html format is the page of analyses run beforehand, never run by render_report") {
    const sroi::evaluator ev(sroi::load_model(golden_model));
    const sroi::report_context context{ev.model(), "", {}};
    const std::string html = sroi::report_html(sroi::analyse_for_html(ev, {}), context);
    CHECK(html.starts_with("<!DOCTYPE html>"));
    CHECK(xml_problem(html).empty());
    // The report layer formats; it has no result of the analyses the page needs to run them itself.
    CHECK_THROWS_AS((void)sroi::render_report(ev.evaluate(), context, sroi::report_format::html),
                    sroi::error);
}
