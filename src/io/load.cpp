#include <sroi/io/load.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <new>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <fmt/format.h>

#include "io/input_file.hpp"
#include "io/yaml_reader.hpp"
#include "model/machine.hpp"

namespace sroi {

bool load_report::ok() const noexcept {
    return std::none_of(diagnostics.begin(), diagnostics.end(),
                        [](const diagnostic& d) { return d.level == severity::error; });
}

namespace {

using detail::mapping;
using detail::yaml_node;
using detail::yaml_reader;

// ---------------------------------------------------------------------------------------------
// Files and YAML text

using detail::file_kinds;
using detail::file_text;
using detail::read_text_file;

/// Parses YAML text; reports syntax errors, empty documents and non-text input. Lists longer than
/// `max_list_entries` keep only that many entries (the reader refuses them by their length).
std::optional<detail::yaml_tree> parse_yaml(std::string_view text, const std::string& file,
                                            std::size_t max_bytes, std::vector<diagnostic>& diagnostics,
                                            std::size_t max_list_entries = static_cast<std::size_t>(-1)) {
    const auto fail = [&](int line, int column, std::string message) {
        diagnostics.push_back({severity::error, {file, line, column}, {}, std::move(message)});
        return std::nullopt;
    };
    if (text.size() > max_bytes) {
        return fail(0, 0, fmt::format("file is larger than the limit of {} bytes", max_bytes));
    }
    // A byte that cannot be read is reported at its line and column.
    const auto fail_at_byte = [&](std::size_t offset, std::string message) {
        const source_location at = detail::position_of(text, offset, file);
        return fail(at.line, at.column, std::move(message));
    };
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos)
        return fail_at_byte(nul, "file is not text (it contains NUL bytes)");
    // YAML is Unicode text; bytes that are not UTF-8 (e.g. a Latin-1 export) would reach names and
    // reports that must be valid UTF-8 (JSON): reject them where they stand.
    if (const std::optional<std::size_t> bad = detail::find_invalid_utf8(text)) {
        return fail_at_byte(*bad, fmt::format("file is not UTF-8 text (byte 0x{:02X}); save it as UTF-8",
                                              static_cast<unsigned char>(text[*bad])));
    }
    std::optional<detail::yaml_tree> tree =
        detail::yaml_tree::parse(text, file, "cannot read YAML: ", diagnostics, max_list_entries);
    if (tree && tree->root().IsNull()) return fail(0, 0, "file is empty (expected a YAML mapping)");
    return tree;
}

// ---------------------------------------------------------------------------------------------
// Reading fields into the model: each YAML struct is one table of (key, reader, presence), which
// drives both the unknown-key check and the reads (yaml_reader.hpp). Keys are listed in the order
// messages name them ("expected one of: ...").

using detail::make_fields;
using detail::member;
using detail::presence;
using detail::read_element;
using detail::read_fields;
using detail::read_list;
using detail::read_struct;

/// Checks `sroi: 1` / `sroi-library: 1` (the key is required).
template <class Target>
bool read_format_version(yaml_reader& r, const mapping& f, std::string_view key, Target& /*target*/) {
    const yaml_node* node = f.find(key);
    if (node == nullptr) return true;
    const std::optional<int> version = r.read_integer(*node, f.path_of(key));
    if (version && *version != 1) {
        r.error(*node, f.path_of(key),
                fmt::format("unsupported format version {} (this sroi reads version 1: write `{}: 1`)",
                            *version, key));
    }
    return version.has_value();
}

constexpr std::array<std::string_view, 5> provenance_methods{"unit-cost", "wellbeing", "market",
                                                             "stated-preference", "other"};

/// Provenance keys, in a `provenance:` mapping or beside a proxy's value.
constexpr auto provenance_fields = make_fields<proxy_provenance>({
    {"unit", member<&proxy_provenance::unit>},
    {"source", member<&proxy_provenance::source>},
    {"url", member<&proxy_provenance::url>},
    {"method",
     [](yaml_reader& r, const mapping& f, std::string_view key, proxy_provenance& p) {
         if (const yaml_node* n = f.find(key))
             p.method = r.read_choice(*n, f.path_of(key), provenance_methods).value_or(std::string{});
         return true;
     }},
    {"licence", member<&proxy_provenance::licence>},
    {"note", member<&proxy_provenance::note>},
});

/// A named proxy in library format (also the model's own `proxies:` list). Its value and
/// provenance are read apart, after the other keys (read_named_proxy).
constexpr auto named_proxy_fields = make_fields<proxy>({
    {"id", member<&proxy::id>, presence::required_up_front},
    {"description", member<&proxy::description>},
    {"value"},
    {"low"},
    {"high"},
    {"sd"},
    {"dist"},
    {"unit"},
    {"price_year", member<&proxy::price_year>},
    {"currency", member<&proxy::currency>},
    {"method"},
    {"source"},
    {"url"},
    {"licence"},
    {"note"},
    {"provenance"},
});

/// Reads a named proxy: the table's keys, then the value (a number with low/high/dist/sd beside
/// it, or a mapping), then the `provenance:` mapping and last the provenance keys beside the
/// value, which win.
proxy read_named_proxy(yaml_reader& r, const yaml_node& node, const std::string& path) {
    proxy result;
    const auto f = r.read_mapping(node, path, named_proxy_fields.keys);
    if (!f) return result;
    read_fields(r, *f, named_proxy_fields, result);
    const yaml_node* value = f->find("value");
    if (value != nullptr && value->IsMap()) {
        result.value = r.read_uncertain(*value, f->path_of("value")).value_or(result.value);
        for (std::string_view key : {"low", "high", "sd", "dist"}) {
            if (f->has(key)) {
                r.error(*f->find(key), f->path_of(key),
                        fmt::format("'{}' is given both here and inside 'value'", key));
            }
        }
    } else {
        result.value = r.read_uncertain_fields(*f).value_or(result.value);
    }
    if (const yaml_node* provenance = f->find("provenance")) {
        if (provenance->IsScalar()) {
            result.provenance.note = provenance->Scalar();
        } else {
            read_struct(r, *provenance, f->path_of("provenance"), provenance_fields, result.provenance);
        }
    }
    read_fields(r, *f, provenance_fields, result.provenance);
    return result;
}

constexpr auto index_fields = make_fields<price_index>({
    {"id", member<&price_index::id>, presence::required_up_front},
    {"description", member<&price_index::description>},
    {"base_year", member<&price_index::base_year>},
    {"values",
     [](yaml_reader& r, const mapping& f, std::string_view key, price_index& index) {
         const auto values = r.read_open_mapping(*f.find(key), f.path_of(key));
         if (!values) return false;
         for (const detail::mapping_entry& e : values->entries) {
             const std::string entry_path = values->path_of(e.key);
             const std::optional<int> year = r.read_integer(e.key_node, entry_path);
             const std::optional<double> value = r.read_number(e.value, entry_path);
             if (!year || !value) continue;
             if (!index.values.emplace(*year, *value).second) {
                 r.error(e.key_node, entry_path, fmt::format("year {} is given twice", *year));
             }
         }
         return true;
     },
     presence::required},
    {"source", member<&price_index::source>},
    {"url", member<&price_index::url>},
    {"licence", member<&price_index::licence>},
});

constexpr auto stakeholder_fields = make_fields<stakeholder>({
    {"id", member<&stakeholder::id>, presence::required_up_front},
    {"name", member<&stakeholder::name>},
    {"description", member<&stakeholder::description>},
});

constexpr auto input_fields = make_fields<input>({
    {"id", member<&input::id>, presence::required_up_front},
    {"stakeholder", member<&input::stakeholder>},
    {"description", member<&input::description>},
    {"amount", member<&input::amount>},
    {"quantity", member<&input::quantity>},
    {"unit", member<&input::unit>},
    {"unit_cost", member<&input::unit_cost>},
    {"year", member<&input::year>},
    {"note", member<&input::note>},
});

/// An outcome's own proxy: `ref` and `multiplier` are read apart (a referenced proxy takes nothing
/// else); the provenance keys with provenance_fields.
constexpr auto outcome_proxy_fields = make_fields<outcome_proxy>({
    {"ref"},
    {"multiplier"},
    {"value",
     [](yaml_reader& r, const mapping& f, std::string_view /*key*/, outcome_proxy& p) {
         p.value = r.read_uncertain_fields(f).value_or(p.value);
         return true;
     }},
    {"low"},
    {"high"},
    {"dist"},
    {"sd"},
    {"unit"},
    {"source"},
    {"url"},
    {"price_year", member<&outcome_proxy::price_year>},
    {"method"},
    {"licence"},
    {"note"},
});

outcome_proxy read_outcome_proxy(yaml_reader& r, const yaml_node& node, const std::string& path) {
    outcome_proxy result;
    if (!node.IsMap()) {
        result.value = r.read_uncertain(node, path).value_or(result.value);
        return result;
    }
    const auto f = r.read_mapping(node, path, outcome_proxy_fields.keys);
    if (!f) return result;
    if (const yaml_node* ref = f->find("ref")) {
        detail::read_value(r, *ref, f->path_of("ref"), result.ref);
        if (const yaml_node* multiplier = f->find("multiplier"))
            detail::read_value(r, *multiplier, f->path_of("multiplier"), result.multiplier);
        for (const detail::mapping_entry& e : f->entries) {
            if (e.key != "ref" && e.key != "multiplier") {
                r.error(e.key_node, f->path_of(e.key),
                        fmt::format(
                            "'{}' cannot be combined with 'ref' (a referenced proxy takes only 'multiplier')",
                            e.key));
            }
        }
        return result;
    }
    if (f->has("multiplier")) {
        r.error(*f->find("multiplier"), f->path_of("multiplier"),
                "'multiplier' applies only to a referenced proxy ({ref: <proxy id>, multiplier: x})");
    }
    read_fields(r, *f, outcome_proxy_fields, result);
    read_fields(r, *f, provenance_fields, result.provenance);
    return result;
}

constexpr auto outcome_fields = make_fields<outcome>({
    {"id", member<&outcome::id>, presence::required_up_front},
    {"stakeholder", member<&outcome::stakeholder>},
    {"description", member<&outcome::description>},
    {"indicator", member<&outcome::indicator>},
    {"theme", member<&outcome::theme>},
    {"value_type", member<&outcome::type>},
    {"quantity", member<&outcome::quantity>, presence::required_up_front},
    {"proxy",
     [](yaml_reader& r, const mapping& f, std::string_view key, outcome& o) {
         if (const detail::mapping_entry* e = f.entry(key))
             o.proxy = read_outcome_proxy(r, e->value, e->path);
         return true;
     },
     presence::required_up_front},
    {"deadweight", member<&outcome::deadweight>},
    {"displacement", member<&outcome::displacement>},
    {"attribution", member<&outcome::attribution>},
    {"drop_off", member<&outcome::drop_off>},
    {"duration", member<&outcome::duration>},
    {"start", member<&outcome::start>},
    {"note", member<&outcome::note>},
});

constexpr std::array<std::string_view, 2> recipients{"local", "out_of_area"};

/// One `local_spend:` item (LM3); which form it uses is checked by check_model().
constexpr auto local_spend_fields = make_fields<local_spend>({
    {"id", member<&local_spend::id>, presence::required_up_front},
    {"description", member<&local_spend::description>},
    {"stakeholder", member<&local_spend::stakeholder>},
    {"recipient",
     [](yaml_reader& r, const mapping& f, std::string_view key, local_spend& s) {
         if (const yaml_node* n = f.find(key))
             s.local_recipient = r.read_choice(*n, f.path_of(key), recipients) != "out_of_area";
         return true;
     }},
    {"amount", member<&local_spend::amount>},
    {"local_share", member<&local_spend::local_share>},
    {"respend_share", member<&local_spend::respend_share>},
    {"round1", member<&local_spend::round1>},
    {"round2", member<&local_spend::round2>},
    {"round3", member<&local_spend::round3>},
    {"source", member<&local_spend::source>},
    {"note", member<&local_spend::note>},
});

constexpr auto correlation_fields = make_fields<correlation>({
    {"between",
     [](yaml_reader& r, const mapping& f, std::string_view key, correlation& c) {
         const std::string between_path = f.path_of(key);
         const yaml_node& between = *f.find(key);
         const std::vector<yaml_node> paths = r.read_sequence(between, between_path);
         if (paths.size() == 2) {
             c.first = r.read_text(paths[0], detail::element_path(between_path, 0)).value_or("");
             c.second = r.read_text(paths[1], detail::element_path(between_path, 1)).value_or("");
         } else if (between.IsSequence()) {
             r.error(between, between_path,
                     fmt::format("expected exactly two parameter paths, got {}", paths.size()));
         }
         return true;
     },
     presence::required},
    {"rho", member<&correlation::rho>, presence::required},
});

constexpr auto scenario_fields = make_fields<scenario>({
    {"description", member<&scenario::description>},
    {"set",
     [](yaml_reader& r, const mapping& f, std::string_view key, scenario& s) {
         const auto set = r.read_open_mapping(*f.find(key), f.path_of(key));
         if (!set) return false;
         for (const detail::mapping_entry& e : set->entries) {
             const std::optional<double> v = r.read_number(e.value, e.path);
             if (v) s.set.emplace_back(e.key, *v);
         }
         return true;
     },
     presence::required},
});

constexpr auto project_fields = make_fields<project_info>({
    {"name", member<&project_info::name>},
    {"description", member<&project_info::description>},
    {"currency", member<&project_info::currency>},
    {"price_year", member<&project_info::price_year>},
    {"start_year", member<&project_info::start_year>},
    {"type", member<&project_info::type>},
    {"horizon", member<&project_info::horizon>},
});

constexpr std::array<std::string_view, 3> discount_forms{"rate", "schedule", "rates"};
constexpr std::array<std::string_view, 1> discount_schedules{"green-book"};

/// `discount:` (null is the default); the form is read by the entry of its first key, `rate`.
constexpr auto discount_fields = make_fields<discount_spec>({
    {"rate",
     [](yaml_reader& r, const mapping& f, std::string_view /*key*/, discount_spec& d) {
         std::string first_form;
         for (const detail::mapping_entry& e : f.entries) {
             if (std::find(discount_forms.begin(), discount_forms.end(), e.key) == discount_forms.end())
                 continue;
             if (first_form.empty()) {
                 first_form = e.key;
                 continue;
             }
             r.error(e.key_node, f.path_of(e.key),
                     fmt::format("give only one of rate, schedule and rates ('{}' is already given)",
                                 first_form));
         }
         if (first_form == "rate") {
             d.kind = discount_spec::form::constant;
             detail::read_value(r, *f.find("rate"), f.path_of("rate"), d.rate);
         } else if (first_form == "schedule") {
             d.kind = discount_spec::form::green_book;
             r.read_choice(*f.find("schedule"), f.path_of("schedule"), discount_schedules);
         } else if (first_form == "rates") {
             d.kind = discount_spec::form::per_year;
             const std::string rates_path = f.path_of("rates");
             const std::vector<yaml_node> rates = r.read_sequence(*f.find("rates"), rates_path);
             if (rates.empty()) r.error(*f.find("rates"), rates_path, "the list of rates is empty");
             for (std::size_t i = 0; i < rates.size(); ++i) {
                 d.rates.push_back(
                     r.read_number(rates[i], detail::element_path(rates_path, i)).value_or(0.0));
             }
         }
         return true;
     }},
    {"schedule"},
    {"rates"},
    {"timing", member<&discount_spec::timing>},
});

price_index read_index(yaml_reader& r, const yaml_node& node, const std::string& path) {
    return read_element<price_index, index_fields>(r, node, path);
}

constexpr auto library_fields = make_fields<library>({
    {"sroi-library", read_format_version<library>, presence::required},
    {"name", member<&library::name>},
    {"description", member<&library::description>},
    {"proxies", read_list<read_named_proxy, &library::proxies>},
    {"indices", read_list<read_index, &library::indices>},
});

bool has_key(const yaml_node& map, std::string_view key) {
    for (std::size_t i = 0; i < map.size(); ++i) {
        if (map.key(i).Scalar() == key) return true;
    }
    return false;
}

void read_library_root(yaml_reader& r, const yaml_node& root, library& target) {
    // Content is quoted only from a file that is a library: a file named as one by mistake (say
    // /etc/passwd) is refused without showing what it holds.
    if (!root.IsMap() || !has_key(root, "sroi-library")) {
        r.error(root, {}, "not an sroi library: a library file is a mapping starting with `sroi-library: 1`");
        return;
    }
    read_struct(r, root, {}, library_fields, target);
}

// ---------------------------------------------------------------------------------------------
// Models

/// A library named in `libraries:` (or in the options), to be read after the model itself.
struct pending_library {
    std::string path;          ///< resolved path
    source_location named_at;  ///< where the model names it (file only for extra libraries)
    std::string key_path;      ///< e.g. `libraries[0]` (empty for extra libraries)
};

/// Splits `section[i]rest` into i and rest; nothing when `path` is not inside `section`.
std::optional<std::pair<std::size_t, std::string>> split_element(const std::string& path,
                                                                 std::string_view section) {
    if (path.size() <= section.size() || path.compare(0, section.size(), section) != 0 ||
        path[section.size()] != '[') {
        return std::nullopt;
    }
    const std::size_t open = section.size() + 1;
    const std::size_t close = path.find(']', open);
    if (close == std::string::npos || close == open || close - open > 9) return std::nullopt;
    std::size_t index = 0;
    for (std::size_t i = open; i < close; ++i) {
        if (path[i] < '0' || path[i] > '9') return std::nullopt;
        index = index * 10 + static_cast<std::size_t>(path[i] - '0');
    }
    return std::pair{index, path.substr(close + 1)};
}

/// Where a library's proxies or indices sit in the merged lists of the model.
struct library_span {
    std::string_view section;  ///< `proxies` or `indices`
    std::size_t offset = 0;    ///< merged position of the library's first entry
    std::size_t count = 0;     ///< number of entries
};

/// Re-keys a library's `proxies[i]...` / `indices[i]...` locations to their merged positions.
void merge_locations(const source_map& from, const library_span& span, source_map& into) {
    from.for_each([&](std::string_view path, const source_location& location) {
        if (const auto element = split_element(std::string(path), span.section)) {
            into.insert_or_assign(
                detail::element_path(std::string(span.section), element->first + span.offset) +
                    element->second,
                location);
        }
    });
}

// What a reader may read of a file of `text_bytes` bytes: twice its size plus 1 MiB, so that only
// YAML aliases that multiply the content are refused.
std::size_t reading_budget(std::size_t text_bytes) {
    return 2 * text_bytes + (std::size_t{1} << 20);
}

// The longest list accepted: the option, and no more entries than the machine's memory holds at
// 32 KiB each (loading, checking, evaluating and reporting an outcome take some 20 KiB: 1.85 GiB
// for the 100,000 outcomes of tests/stress/run).
std::size_t list_entry_limit(const load_options& options) {
    const std::uint64_t by_memory = detail::physical_memory_bytes() / 32768;
    return by_memory == 0
               ? options.max_list_entries
               : static_cast<std::size_t>(std::min<std::uint64_t>(options.max_list_entries, by_memory));
}

class model_loader {
    /// The keys of a model file.
    static const auto& fields() {
        static constexpr auto table = make_fields<model_loader>({
            {"sroi", read_format_version<model_loader>, presence::required},
            {"project", detail::read_nested<project_fields, &model_loader::model_, &model::project>},
            {"discount",
             [](yaml_reader& r, const mapping& f, std::string_view key, model_loader& loader) {
                 if (const yaml_node* n = f.find(key))
                     read_struct(r, *n, f.path_of(key), discount_fields, loader.model_.discount, true);
                 return true;
             }},
            {"libraries",
             [](yaml_reader& /*r*/, const mapping& f, std::string_view key, model_loader& loader) {
                 if (const yaml_node* n = f.find(key)) loader.read_library_list(*n, f.path_of(key));
                 return true;
             }},
            {"price_index", member<&model_loader::model_, &model::price_index>},
            {"stakeholders", read_list<read_element<stakeholder, stakeholder_fields>, &model_loader::model_,
                                       &model::stakeholders>},
            {"inputs", read_list<read_element<input, input_fields>, &model_loader::model_, &model::inputs>},
            {"outcomes",
             read_list<read_element<outcome, outcome_fields>, &model_loader::model_, &model::outcomes>},
            {"proxies", read_list<read_named_proxy, &model_loader::model_, &model::proxies>},
            {"indices", read_list<read_index, &model_loader::model_, &model::indices>},
            {"scenarios",
             [](yaml_reader& r, const mapping& f, std::string_view key, model_loader& loader) {
                 const yaml_node* n = f.find(key);
                 if (n == nullptr) return true;
                 const auto all = r.read_open_mapping(*n, f.path_of(key));
                 if (!all) return false;
                 for (const detail::mapping_entry& entry : all->entries) {
                     scenario s;
                     s.name = entry.key;
                     read_struct(r, entry.value, entry.path, scenario_fields, s);
                     loader.model_.scenarios.push_back(std::move(s));
                 }
                 return true;
             }},
            {"correlations", read_list<read_element<correlation, correlation_fields>, &model_loader::model_,
                                       &model::correlations>},
            {"local_spend", read_list<read_element<local_spend, local_spend_fields>, &model_loader::model_,
                                      &model::local_spending>},
        });
        return table;
    }

public:
    model_loader(const std::string& file, std::size_t text_bytes, const load_options& options,
                 std::vector<diagnostic>& diagnostics)
        : options_(options), diagnostics_(diagnostics), reader_(file, diagnostics, model_.locations) {
        model_.file = file;
        reader_.set_limits(reading_budget(text_bytes), list_entry_limit(options));
    }

    /// Reads the whole model, then its libraries.
    void read(const yaml_node& root) {
        if (!root.IsMap()) {
            reader_.error(
                root, {},
                "a model file must be a mapping starting with `sroi: 1`, got " + detail::describe(root));
            return;
        }
        if (has_key(root, "sroi-library")) {  // one clear error instead of a dozen unknown keys
            reader_.error(
                root, {},
                "this is a proxy library (sroi-library: 1), not a model: name it under `libraries:` in "
                "a model, list its proxies with `sroi proxies --library FILE`, or check it with `sroi "
                "validate FILE`");
            read_ok_ = false;
            return;
        }
        const auto f = reader_.read_mapping(root, {}, fields().keys);
        if (!f) return;
        reader_.record({}, root);  // where errors about keys that are not written at all are placed
        read_fields(reader_, *f, fields(), *this);
        for (const std::string& extra : options_.extra_libraries) {
            // A library the model already lists (or an earlier extra one) is read once, not reported
            // as a duplicate of itself.
            if (library_files_.insert(file_identity(extra)).second)
                libraries_.push_back({extra, {extra, 0, 0}, {}});
        }
        if (options_.load_libraries) {
            for (const pending_library& library : libraries_)
                load_one_library(library);
        }
        // A file refused part-way (its aliases expand too far) is not checked further.
        read_ok_ = !reader_.exhausted();
    }

    /// True when the file was a mapping read to its end, so that a model (maybe with errors) was built.
    [[nodiscard]] bool built() const noexcept { return read_ok_; }
    [[nodiscard]] model& result() noexcept { return model_; }

    /// Gives diagnostics about library entries the key paths they have in their own file.
    void localize(std::vector<diagnostic>& diagnostics) const {
        for (diagnostic& d : diagnostics) {
            for (const library_span& span : spans_) {
                const auto element = split_element(d.path, span.section);
                if (element && element->first >= span.offset && element->first < span.offset + span.count) {
                    d.path = detail::element_path(std::string(span.section), element->first - span.offset) +
                             element->second;
                    break;
                }
            }
        }
    }

private:
    void read_library_list(const yaml_node& node, const std::string& path) {
        namespace fs = std::filesystem;
        const std::vector<yaml_node> entries = reader_.read_sequence(node, path);
        const fs::path base = fs::path(model_.file).parent_path();
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const std::string entry_path = detail::element_path(path, i);
            const std::optional<std::string> name = reader_.read_text(entries[i], entry_path);
            if (!name) continue;
            if (name->empty()) {
                reader_.error(entries[i], entry_path, "empty library path");
                continue;
            }
            const fs::path given(*name);
            const std::string resolved =
                (given.is_absolute() ? given : base / given).lexically_normal().string();
            if (!library_files_.insert(file_identity(resolved)).second) {
                reader_.error(entries[i], entry_path, fmt::format("library '{}' is listed twice", *name));
                continue;
            }
            model_.libraries.push_back(resolved);
            libraries_.push_back({resolved, reader_.where(entries[i]), entry_path});
        }
    }

    /// What names one library file however it is written (`lib.yaml`, `./lib.yaml`, an absolute
    /// path, a symbolic link): its canonical path when it can be resolved, else the path as given.
    static std::string file_identity(const std::string& path) {
        std::error_code ec;
        const std::filesystem::path canonical = std::filesystem::weakly_canonical(path, ec);
        return ec ? path : canonical.string();
    }

    void load_one_library(const pending_library& pending) {
        // Libraries must be regular files: a pipe or device named as one is refused, never read.
        const file_text text =
            read_text_file(pending.path, options_.max_file_bytes, file_kinds::regular_only);
        if (!text.text) {
            reader_.error_at(pending.named_at, pending.key_path,
                             fmt::format("cannot read library '{}': {}", pending.path, text.problem));
            return;
        }
        const std::optional<detail::yaml_tree> tree = parse_yaml(
            *text.text, pending.path, options_.max_file_bytes, diagnostics_, list_entry_limit(options_));
        if (!tree) return;
        library lib;
        source_map locations;
        yaml_reader library_reader(pending.path, diagnostics_, locations);
        library_reader.set_limits(reading_budget(text.text->size()), list_entry_limit(options_));
        read_library_root(library_reader, tree->root(), lib);
        for (const library_span& span :
             {library_span{"proxies", model_.proxies.size(), lib.proxies.size()},
              library_span{"indices", model_.indices.size(), lib.indices.size()}}) {
            merge_locations(locations, span, model_.locations);
            spans_.push_back(span);
        }
        for (proxy& p : lib.proxies) {
            p.library = pending.path;
            model_.proxies.push_back(std::move(p));
        }
        for (price_index& index : lib.indices) {
            index.library = pending.path;
            model_.indices.push_back(std::move(index));
        }
    }

    const load_options& options_;
    std::vector<diagnostic>& diagnostics_;
    model model_;
    yaml_reader reader_;
    std::vector<pending_library> libraries_;
    std::unordered_set<std::string> library_files_;  ///< file_identity() of every library in libraries_
    std::vector<library_span> spans_;
    bool read_ok_ = false;
};

/// True when `path` is `prefix` or lies inside it (`prefix.x`, `prefix[0]`).
bool is_within(const std::string& path, const std::string& prefix) {
    if (path.rfind(prefix, 0) != 0) return false;
    return path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[';
}

/// Adds the semantic checks' diagnostics, leaving out those about values the reader already
/// reported (an unreadable value is left at its default, which must not cause a second error).
void add_checks(std::vector<diagnostic> checks, std::vector<diagnostic>& diagnostics) {
    // Key paths of the errors already reported, each with its file: `file NUL path`, looked up for
    // every prefix of a check's path (is_within() against each one would be quadratic).
    const auto key = [](const std::string& file, std::string_view path) {
        std::string k = file;
        k += '\0';
        k += path;
        return k;
    };
    std::unordered_set<std::string> reported;
    std::unordered_set<std::string> files_with_input_errors;
    for (const diagnostic& d : diagnostics) {
        if (d.level != severity::error) continue;
        reported.insert(key(d.location.file, d.path));
        if (is_within(d.path, "inputs")) files_with_input_errors.insert(d.location.file);
    }
    const auto repeated = [&](const diagnostic& d) {
        if (d.path == "inputs" && files_with_input_errors.count(d.location.file) != 0) return true;
        for (std::size_t end = 0; end <= d.path.size(); ++end) {
            const bool prefix_end = end == d.path.size() || d.path[end] == '.' || d.path[end] == '[';
            if (prefix_end &&
                reported.count(key(d.location.file, std::string_view(d.path).substr(0, end))) != 0)
                return true;
        }
        return false;
    };
    // As the reader does, list at most 200 errors of the checks (a million duplicate ids would
    // otherwise print a million lines).
    constexpr std::size_t max_listed = 200;
    std::size_t listed = 0;
    for (diagnostic& d : checks) {
        if (repeated(d)) continue;
        if (d.level == severity::error && ++listed > max_listed) {
            if (listed == max_listed + 1) {
                diagnostics.push_back(
                    {severity::error, {d.location.file, 0, 0}, {}, std::string(detail::too_many_errors)});
            }
            continue;
        }
        diagnostics.push_back(std::move(d));
    }
}

/// Orders diagnostics by file (in the order files were read), then line and column; the "too many
/// errors" lines come last, after the errors they count.
void sort_by_place(std::vector<diagnostic>& diagnostics) {
    std::unordered_map<std::string, std::size_t> files;
    for (const diagnostic& d : diagnostics)
        files.emplace(d.location.file, files.size());
    const auto is_too_many = [](const diagnostic& d) {
        return d.location.line == 0 && d.path.empty() && d.message == detail::too_many_errors;
    };
    const auto rank = [&](const diagnostic& d) {
        return std::tuple(is_too_many(d), files.at(d.location.file), d.location.line, d.location.column);
    };
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [&](const diagnostic& a, const diagnostic& b) { return rank(a) < rank(b); });
    // The reader and the checks may each have counted past their limit: one line per file.
    std::unordered_set<std::string> counted;
    std::erase_if(diagnostics, [&](const diagnostic& d) {
        return is_too_many(d) && !counted.insert(d.location.file).second;
    });
}

load_report load_text(std::string_view text, const std::string& file, const load_options& options) {
    load_report report;
    try {
        const std::optional<detail::yaml_tree> tree =
            parse_yaml(text, file, options.max_file_bytes, report.diagnostics, list_entry_limit(options));
        if (tree) {
            model_loader loader(file, text.size(), options, report.diagnostics);
            loader.read(tree->root());
            if (loader.built()) {
                std::vector<diagnostic> checks = check_model(loader.result());
                loader.localize(checks);
                add_checks(std::move(checks), report.diagnostics);
                if (report.ok()) report.model = std::move(loader.result());
            }
        }
    } catch (const std::bad_alloc&) {
        report.diagnostics.push_back({severity::error, {file, 0, 0}, {}, "cannot read model: out of memory"});
    } catch (const std::exception& e) {
        // The tree or the reader may throw (out of memory, say) on inputs the parser accepted;
        // never let that escape.
        report.diagnostics.push_back(
            {severity::error, {file, 0, 0}, {}, std::string("cannot read model: ") + e.what()});
    }
    sort_by_place(report.diagnostics);
    return report;
}

model model_or_throw(load_report report) {
    if (!report.ok() || !report.model) throw model_error(std::move(report.diagnostics));
    return std::move(*report.model);
}

}  // namespace

load_report load_model_report_from_string(std::string_view yaml, const std::string& file_name,
                                          const load_options& options) {
    return load_text(yaml, file_name, options);
}

load_report load_model_report(const std::string& path, const load_options& options) {
    // A model may be a pipe or a device (README: read only up to the size limit).
    file_text text = read_text_file(path, options.max_file_bytes, file_kinds::any);
    if (!text.text) {
        load_report report;
        report.diagnostics.push_back(
            {severity::error, {path, 0, 0}, {}, "cannot read model: " + text.problem});
        return report;
    }
    return load_text(*text.text, path, options);
}

model load_model(const std::string& path, const load_options& options) {
    return model_or_throw(load_model_report(path, options));
}

model load_model_from_string(std::string_view yaml, const std::string& file_name,
                             const load_options& options) {
    return model_or_throw(load_model_report_from_string(yaml, file_name, options));
}

bool is_library_file(const std::string& path) {
    // Only the head of a regular file: never a pipe (which reading would consume or block on), and
    // never more than 64 KiB, however long its lines.
    constexpr std::size_t head_bytes = std::size_t{64} << 10;
    constexpr int head_lines = 200;
    const std::optional<std::string> head = detail::read_regular_file_head(path, head_bytes);
    if (!head) return false;
    constexpr std::string_view key = "sroi-library";
    std::string_view rest = *head;
    for (int n = 0; n < head_lines && !rest.empty(); ++n) {
        const std::size_t end = rest.find('\n');
        const std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        if (!line.starts_with(key)) continue;
        const std::size_t colon = line.find_first_not_of(" \t", key.size());
        if (colon != std::string_view::npos && line[colon] == ':') return true;
    }
    return false;
}

library load_library(const std::string& path, const load_options& options) {
    std::vector<diagnostic> diagnostics;
    library result;
    result.file = path;
    const file_text text = read_text_file(path, options.max_file_bytes, file_kinds::regular_only);
    if (!text.text) throw model_error({path, 0, 0}, {}, "cannot read library: " + text.problem);
    try {
        if (const std::optional<detail::yaml_tree> tree =
                parse_yaml(*text.text, path, options.max_file_bytes, diagnostics)) {
            model holder;
            holder.file = path;
            yaml_reader reader(path, diagnostics, holder.locations);
            read_library_root(reader, tree->root(), result);
            // Check the proxies and indices as part of an otherwise empty model: only their diagnostics
            // count.
            holder.proxies = result.proxies;
            holder.indices = result.indices;
            std::vector<diagnostic> checks = check_model(holder);
            std::erase_if(checks, [](const diagnostic& d) {
                return !is_within(d.path, "proxies") && !is_within(d.path, "indices");
            });
            add_checks(std::move(checks), diagnostics);
        }
    } catch (const std::exception& e) {
        diagnostics.push_back(
            {severity::error, {path, 0, 0}, {}, std::string("cannot read library: ") + e.what()});
    }
    sort_by_place(diagnostics);
    const bool failed = std::any_of(diagnostics.begin(), diagnostics.end(),
                                    [](const diagnostic& d) { return d.level == severity::error; });
    if (failed) throw model_error(std::move(diagnostics));
    for (proxy& p : result.proxies)
        p.library = path;
    for (price_index& index : result.indices)
        index.library = path;
    return result;
}

}  // namespace sroi
