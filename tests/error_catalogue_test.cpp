// The catalogue of error ids (include/sroi/model/error.hpp): every id once, each with its meaning, each
// thrown as the class its entry names and thrown somewhere in src/, and no throw in src/ that
// spells an id itself.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <sroi/analysis/simulation.hpp>
#include <sroi/engine/evaluate.hpp>
#include <sroi/io/load.hpp>
#include <sroi/model/error.hpp>

#include "fixtures.hpp"

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// `area.name`: lower-case words of letters and underscores joined by one dot.
bool is_id_shaped(std::string_view id) {
    const std::size_t dot = id.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == id.size()) return false;
    if (id.find('.', dot + 1) != std::string_view::npos) return false;
    for (const char c : id) {
        if (c != '.' && c != '_' && (std::islower(static_cast<unsigned char>(c)) == 0)) return false;
    }
    return true;
}

// Names of the entries declared in namespace sroi::errors, read from the header's text.
std::vector<std::string> declared_entries() {
    const std::string text =
        read_file(fs::path(SROI_SOURCE_DIR) / "include" / "sroi" / "model" / "error.hpp");
    constexpr std::string_view marker = "inline constexpr error_kind<";
    std::vector<std::string> names;
    for (std::size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, at + 1)) {
        const std::size_t name_start = text.find("> ", at) + 2;
        const std::size_t name_end = text.find('{', name_start);
        names.push_back(text.substr(name_start, name_end - name_start));
    }
    return names;
}

// Offset just after `word` when it stands at `at` as a whole word, else npos.
std::size_t after_word(const std::string& text, std::size_t at, std::string_view word) {
    if (text.compare(at, word.size(), word) != 0) return std::string::npos;
    const auto is_name = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
    if (at > 0 && is_name(text[at - 1])) return std::string::npos;
    const std::size_t end = at + word.size();
    if (end < text.size() && is_name(text[end])) return std::string::npos;
    return end;
}

std::size_t skip_space(const std::string& text, std::size_t at) {
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at])) != 0)
        ++at;
    return at;
}

// True when a `throw` at `at` builds an exception from a string literal id:
// `throw [sroi::]error("...", ...)` or `throw [sroi::]evaluation_error("...", ...)`.
bool throws_bare_id(const std::string& text, std::size_t at) {
    std::size_t p = after_word(text, at, "throw");
    if (p == std::string::npos) return false;
    p = skip_space(text, p);
    if (text.compare(p, 6, "sroi::") == 0) p += 6;
    for (const std::string_view cls : {"evaluation_error", "error"}) {
        const std::size_t end = after_word(text, p, cls);
        if (end == std::string::npos) continue;
        std::size_t q = skip_space(text, end);
        if (q >= text.size() || text[q] != '(') return false;
        q = skip_space(text, q + 1);
        return q < text.size() && text[q] == '"';
    }
    return false;
}

std::vector<fs::path> library_sources() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(SROI_SOURCE_DIR) / "src")) {
        const std::string ext = entry.path().extension().string();
        if (entry.is_regular_file() && (ext == ".cpp" || ext == ".hpp")) files.push_back(entry.path());
    }
    return files;
}

}  // namespace

TEST_CASE("every error id is listed once, shaped area.name, with its meaning") {
    std::set<std::string_view> ids;
    for (const sroi::error_catalogue_entry& e : sroi::error_catalogue) {
        INFO("id: " << e.id);
        CHECK(is_id_shaped(e.id));
        CHECK(ids.insert(e.id).second);  // unique
        // Documented: a meaning of its own, longer than a few words.
        CHECK(e.meaning.size() >= 20);
        CHECK(e.meaning != e.id);
    }
    // Every entry declared in sroi::errors is in the catalogue, and the catalogue has no other.
    const std::vector<std::string> declared = declared_entries();
    CHECK(declared.size() == sroi::error_catalogue.size());
    CHECK(declared.size() >= 25);  // 26 when this test was written; the header scan found them
}

TEST_CASE("every entry of the catalogue is used by the library") {
    // An id nothing throws is not listed: each entry is named (errors::NAME) somewhere in src/.
    std::string sources;
    for (const fs::path& file : library_sources())
        sources += read_file(file);
    for (const std::string& name : declared_entries()) {
        INFO("entry: errors::" << name);
        const std::string use = "errors::" + name;
        bool used = false;
        for (std::size_t at = sources.find(use); at != std::string::npos && !used;
             at = sources.find(use, at + 1))
            used = after_word(sources, at + 8, name) != std::string::npos;  // not a longer name
        CHECK(used);
    }
}

TEST_CASE("an entry decides the class it is thrown as") {
    using sroi::error_class;
    // make_error builds the class of the entry's type, with the entry's id and the message given.
    const sroi::evaluation_error sweep = sroi::make_error(sroi::errors::sweep_range, "a");
    CHECK(sweep.id() == "sweep.range");
    CHECK(std::string(sweep.what()) == "a");
    const sroi::error io = sroi::make_error(sroi::errors::io_write, "b");
    CHECK(io.id() == "io.write");
    // The catalogue writes the class out: these are the choices tests and CLI exit codes rely on.
    const auto class_of = [](std::string_view id) {
        for (const sroi::error_catalogue_entry& e : sroi::error_catalogue) {
            if (e.id == id) return e.thrown_as;
        }
        FAIL("no id " << id);
        return error_class::error;
    };
    CHECK(class_of("model.invalid") == error_class::model_error);
    CHECK(class_of("sweep.range") == error_class::evaluation_error);
    CHECK(class_of("simulation.options") == error_class::evaluation_error);
    CHECK(class_of("sobol.options") == error_class::evaluation_error);
    CHECK(class_of("io.write") == error_class::error);
    CHECK(class_of("simulation.too_large") == error_class::error);
    // model_error carries the model.invalid id.
    const sroi::model_error invalid({"m.yaml", 1, 1}, "project", "x");
    CHECK(invalid.id() == sroi::errors::model_invalid.id);
}

TEST_CASE("simulation options are refused as an evaluation error with their catalogue id") {
    const sroi::model m = sroi::load_model_from_string(sroi::testing::minimal_model, "m.yaml");
    const sroi::evaluator ev(m);
    sroi::simulation_options options;
    options.draws = 0;  // at least 1 draw is needed
    try {
        (void)sroi::simulate(ev, options);
        FAIL("0 draws were accepted");
    } catch (const sroi::evaluation_error& e) {
        CHECK(e.id() == sroi::errors::simulation_options.id);
    }
}

TEST_CASE("no throw in src/ spells an error id itself") {
    const std::vector<fs::path> files = library_sources();
    REQUIRE(files.size() > 20);
    for (const fs::path& file : files) {
        const std::string text = read_file(file);
        INFO("file: " << file.string());
        // A catalogue id written as a string literal anywhere in the library: it must name the
        // entry (errors::...) instead.
        for (const sroi::error_catalogue_entry& e : sroi::error_catalogue) {
            const std::string literal = "\"" + std::string(e.id) + "\"";
            INFO("id: " << e.id);
            CHECK(text.find(literal) == std::string::npos);
        }
        // A throw that builds an exception from a literal id (one not in the catalogue either).
        for (std::size_t at = text.find("throw"); at != std::string::npos; at = text.find("throw", at + 1)) {
            if (throws_bare_id(text, at)) {
                const auto line =
                    1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
                FAIL_CHECK("a throw with a bare string id at line " << line);
            }
        }
        // An entry made up at the call site: make_error({"area.name", ...}, ...).
        for (std::size_t at = text.find("make_error"); at != std::string::npos;
             at = text.find("make_error", at + 1)) {
            const std::size_t open = skip_space(text, at + 10);
            CHECK_FALSE((open < text.size() && text[open] == '(' && text[skip_space(text, open + 1)] == '{'));
        }
    }
}
