/// @file yaml_reader.hpp
/// @brief Strict, location-keeping reading of YAML nodes (private to the library).
///
/// The reader walks only the schema it is asked for: it never recurses into content it does not
/// know. YAML aliases can still make a small file read as a huge one (a list of a million aliases
/// of one outcome), so the reader keeps a budget of what it reads (keys, elements and scalar text)
/// and refuses a file whose content expands beyond it, and caps the length of every list.
/// Every problem becomes a diagnostic with the file, the 1-based line and column of the offending
/// node and its key path; reading goes on so that one pass reports every error of a file.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <sroi/model/error.hpp>
#include <sroi/model/model.hpp>

#include "io/yaml_tree.hpp"

namespace sroi::detail {

/// The line that ends the errors listed for a file when more were found.
inline constexpr std::string_view too_many_errors = "too many errors; the rest are not listed";

/// A number read from text, or why it is not one.
struct parsed_number {
    std::optional<double> value;  ///< the number, when the text is one
    std::string problem;          ///< why it is not (empty when it is)
};

/// Parses a decimal number strictly: the whole text must be a finite decimal number (optional
/// sign, digits, fraction, exponent), or such a number followed by `%` (divided by 100).
/// Hex, NaN, infinities, overflow, underflow, booleans and empty text are rejected.
parsed_number parse_number(std::string_view text);

/// Offset of the first byte of `text` that is not part of well-formed UTF-8 (overlong forms,
/// surrogates and code points above U+10FFFF included), or nothing when all of it is.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

/// Where byte `offset` of `text` stands: 1-based line and column (in bytes) in `file`.
source_location position_of(std::string_view text, std::size_t offset, const std::string& file);

/// One entry of a YAML mapping.
struct mapping_entry {
    std::string key;     ///< key text
    yaml_node key_node;  ///< the key, for its location
    yaml_node value;     ///< the value
    std::string path;    ///< its key path, e.g. `outcomes[2].deadweight`
};

/// The entries of a mapping that passed the key checks, first occurrence of each key, in order.
class mapping {
public:
    /// Key path of the mapping itself (e.g. `outcomes[2]`; empty for the document root).
    std::string path;
    /// The mapping node itself, for its location.
    yaml_node node;
    /// The accepted entries.
    std::vector<mapping_entry> entries;

    /// The entry of `key`, or nullptr when it is absent.
    [[nodiscard]] const mapping_entry* entry(std::string_view key) const;
    /// The value of `key`, or nullptr when it is absent.
    [[nodiscard]] const yaml_node* find(std::string_view key) const {
        const mapping_entry* e = entry(key);
        return e == nullptr ? nullptr : &e->value;
    }
    /// True when `key` is present.
    [[nodiscard]] bool has(std::string_view key) const { return find(key) != nullptr; }
    /// Key path of one of its keys, e.g. `outcomes[2].deadweight`.
    [[nodiscard]] std::string path_of(std::string_view key) const;
};

/// Key path of list element `index` under `path`, e.g. `outcomes[2]`.
std::string element_path(const std::string& path, std::size_t index);

/// Reads YAML nodes of one file, recording diagnostics and the locations of what it reads.
class yaml_reader {
public:
    /// @param file        file name used in diagnostics
    /// @param diagnostics where problems are appended
    /// @param locations   where the location of every key path read is recorded
    yaml_reader(std::string file, std::vector<diagnostic>& diagnostics, source_map& locations);

    /// File name used in diagnostics.
    [[nodiscard]] const std::string& file() const noexcept { return file_; }
    /// Number of errors this reader has reported.
    [[nodiscard]] std::size_t error_count() const noexcept { return errors_; }
    /// Limits what the reader reads in all to `bytes` (each key, list element and scalar costs its
    /// text plus one) and every list to `elements` entries; past either it reports one error and
    /// then reads nothing more.
    void set_limits(std::size_t bytes, std::size_t elements) noexcept {
        budget_ = bytes;
        budget_limit_ = bytes;
        max_elements_ = elements;
    }
    /// True once the reading budget has run out.
    [[nodiscard]] bool exhausted() const noexcept { return exhausted_; }

    /// Where a node stands (1-based), or just the file when it has no place.
    [[nodiscard]] source_location where(const yaml_node& node) const;
    /// Reports an error at a node.
    void error(const yaml_node& node, const std::string& path, std::string message);
    /// Reports an error at a location.
    void error_at(source_location location, const std::string& path, std::string message);
    /// Records where `path` was written.
    void record(const std::string& path, const yaml_node& node);
    /// Records where `path` was written.
    void record(const std::string& path, const source_location& location);

    /// Checks that `node` is a mapping whose keys are plain scalars from `allowed`, each once, and
    /// records the location of every value. A null node is an empty mapping when `null_is_empty`.
    /// Returns nothing when the node is not a mapping (after reporting it). An unknown key is
    /// reported with the nearest allowed key, else with all of them in the order given.
    std::optional<mapping> read_mapping(const yaml_node& node, const std::string& path,
                                        std::span<const std::string_view> allowed,
                                        bool null_is_empty = false);
    /// Like read_mapping() but accepts any key (for user-named entries such as scenarios).
    std::optional<mapping> read_open_mapping(const yaml_node& node, const std::string& path);
    /// The elements of a sequence (a null node is empty), recording `path[i]` for each.
    std::vector<yaml_node> read_sequence(const yaml_node& node, const std::string& path);

    /// A scalar as text (null reads as empty text).
    std::optional<std::string> read_text(const yaml_node& node, const std::string& path);
    /// A number written as a plain scalar, or a percent string (quoted or not).
    std::optional<double> read_number(const yaml_node& node, const std::string& path);
    /// A whole number that fits an int.
    std::optional<int> read_integer(const yaml_node& node, const std::string& path);
    /// A number, or a mapping {value, low, high, dist, sd}.
    std::optional<uncertain_number> read_uncertain(const yaml_node& node, const std::string& path);
    /// The fields value (required), low, high, dist and sd of a mapping already read, which may
    /// hold other keys too (a proxy's provenance).
    std::optional<uncertain_number> read_uncertain_fields(const mapping& fields);
    /// True when `key` is present; otherwise reports it missing at the mapping.
    bool require(const mapping& fields, std::string_view key);
    /// One of `choices`, reported with a suggestion otherwise.
    std::optional<std::string> read_choice(const yaml_node& node, const std::string& path,
                                           std::span<const std::string_view> choices);

private:
    std::optional<mapping> read_mapping_impl(const yaml_node& node, const std::string& path,
                                             const std::span<const std::string_view>* allowed,
                                             bool null_is_empty);
    bool is_text_scalar(const yaml_node& node, const std::string& path, std::string_view expected);
    /// Takes `cost` from the budget; false (after reporting it once) when it has run out.
    bool spend(const yaml_node& node, const std::string& path, std::size_t cost);

    std::string file_;
    std::vector<diagnostic>& diagnostics_;
    source_map& locations_;
    std::uint32_t file_id_;  ///< file_ in locations_
    std::size_t errors_ = 0;
    std::size_t budget_ = static_cast<std::size_t>(-1);
    std::size_t budget_limit_ = static_cast<std::size_t>(-1);
    std::size_t max_elements_ = static_cast<std::size_t>(-1);
    bool exhausted_ = false;
};

/// How a node's kind reads in messages ("a list", "a mapping", "nothing", ...).
std::string describe(const yaml_node& node);

// ---------------------------------------------------------------------------------------------
// Tables of keys: each YAML struct is described once, by a table of (key, reader, presence) that
// drives both the unknown-key check (with its suggestions, in the table's order) and the reads.

/// Whether a key must be written, and when its absence is reported.
enum class presence {
    optional,           ///< may be left out
    required,           ///< reported missing in its turn, as the table is read in order
    required_up_front,  ///< reported missing before any value of the mapping is read
};

/// Reads key `key` of `fields` (present or not) into `target`; false when a value is given but
/// cannot be read (it has been reported).
template <class Target>
using field_reader = bool (*)(yaml_reader& reader, const mapping& fields, std::string_view key,
                              Target& target);

/// One key of a YAML struct.
template <class Target>
struct field {
    std::string_view key;                 ///< the key as written in YAML
    field_reader<Target> read = nullptr;  ///< nullptr: accepted, read by another key's reader
    presence rule = presence::optional;   ///< whether it must be given
};

/// The keys of a YAML struct in the order they are read and listed in messages.
template <class Target, std::size_t N>
struct field_table {
    std::array<field<Target>, N> fields;   ///< the keys with their readers
    std::array<std::string_view, N> keys;  ///< the keys alone, for the unknown-key check
};

/// A table from a list of fields: `make_fields<input>({{"id", member<&input::id>}, ...})`.
template <class Target, std::size_t N>
consteval field_table<Target, N> make_fields(const field<Target> (&list)[N]) {
    field_table<Target, N> table{};
    for (std::size_t i = 0; i < N; ++i) {
        table.fields[i] = list[i];
        table.keys[i] = list[i].key;
    }
    return table;
}

/// Reads the values of a mapping read with `table`'s keys, in the table's order, reporting missing
/// required keys; false when something could not be read.
template <class Target, std::size_t N>
bool read_fields(yaml_reader& reader, const mapping& fields, const field_table<Target, N>& table,
                 Target& target) {
    for (const field<Target>& f : table.fields) {
        if (f.rule == presence::required_up_front) reader.require(fields, f.key);
    }
    bool ok = true;
    for (const field<Target>& f : table.fields) {
        if (f.rule == presence::required && !reader.require(fields, f.key)) {
            ok = false;
            continue;
        }
        if (f.read != nullptr && !f.read(reader, fields, f.key, target)) ok = false;
    }
    return ok;
}

/// Reads `node` as a mapping of `table`'s keys into `target`; returns the mapping (nothing when
/// the node is not a mapping) for keys that need more than their readers.
template <class Target, std::size_t N>
std::optional<mapping> read_struct(yaml_reader& reader, const yaml_node& node, const std::string& path,
                                   const field_table<Target, N>& table, Target& target,
                                   bool null_is_empty = false) {
    std::optional<mapping> fields = reader.read_mapping(node, path, table.keys, null_is_empty);
    if (fields) read_fields(reader, *fields, table, target);
    return fields;
}

// Reading one value into a member, chosen by the member's type. Each returns false when the value
// cannot be read (after reporting it); the member then keeps its value, except an optional one,
// which is set all the same (std::optional<int> to nothing, the others to 0) so that later checks
// see the key given.
bool read_value(yaml_reader& reader, const yaml_node& node, const std::string& path, std::string& target);
bool read_value(yaml_reader& reader, const yaml_node& node, const std::string& path, int& target);
bool read_value(yaml_reader& reader, const yaml_node& node, const std::string& path,
                std::optional<int>& target);
bool read_value(yaml_reader& reader, const yaml_node& node, const std::string& path, double& target);
bool read_value(yaml_reader& reader, const yaml_node& node, const std::string& path,
                std::optional<double>& target);
bool read_value(yaml_reader& reader, const yaml_node& node, const std::string& path,
                uncertain_number& target);
bool read_value(yaml_reader& reader, const yaml_node& node, const std::string& path,
                std::optional<uncertain_number>& target);

/// The enumerators of an enum the loader reads; each is written as its to_string().
template <class Enum>
struct enumerators;
template <>
struct enumerators<distribution> {
    static constexpr std::array values{distribution::fixed, distribution::uniform, distribution::triangular,
                                       distribution::pert,  distribution::normal,  distribution::lognormal,
                                       distribution::beta};
};
template <>
struct enumerators<value_type> {
    static constexpr std::array values{value_type::fiscal, value_type::economic, value_type::social,
                                       value_type::wellbeing};
};
template <>
struct enumerators<study_type> {
    static constexpr std::array values{study_type::forecast, study_type::evaluative};
};
template <>
struct enumerators<discount_timing> {
    static constexpr std::array values{discount_timing::end_of_year, discount_timing::start_of_year};
};

/// An enum whose enumerators are listed in enumerators<Enum>.
template <class Enum>
concept listed_enum = std::is_enum_v<Enum> && requires {
    enumerators<Enum>::values;
};

/// Reads an enum by the inverse of its to_string(): the choices are the spellings of its
/// enumerators, in their order. Leaves `target` as it was when the value is not one of them.
template <listed_enum Enum>
bool read_value(yaml_reader& reader, const yaml_node& node, const std::string& path, Enum& target) {
    constexpr auto& values = enumerators<Enum>::values;
    std::array<std::string_view, values.size()> names{};
    for (std::size_t i = 0; i < values.size(); ++i)
        names[i] = to_string(values[i]);
    const std::optional<std::string> chosen = reader.read_choice(node, path, names);
    if (!chosen) return false;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (names[i] == *chosen) target = values[i];
    }
    return true;
}

/// The class a pointer to member belongs to.
template <class MemberPointer>
struct member_owner;
template <class Class, class Member>
struct member_owner<Member Class::*> {
    using type = Class;
};
template <auto First, auto... Rest>
struct first_member_owner {
    using type = typename member_owner<decltype(First)>::type;
};
/// The class the first member of a path of members belongs to.
template <auto... Path>
using path_owner = typename first_member_owner<Path...>::type;

/// The member of `t` reached by following the member pointers `First, Rest...` in turn (a plain
/// recursion rather than the fold `(t .* ... .* Path)`, which cppcheck 2.10 cannot parse).
template <class T>
T& follow_members(T& t) {
    return t;
}
template <auto First, auto... Rest, class T>
auto& follow_members(T& t) {
    return follow_members<Rest...>(t.*First);
}

/// Reads key `key`, when present, into the member reached by `Path` (`&proxy::provenance,
/// &proxy_provenance::unit` reads into `target.provenance.unit`).
template <auto... Path>
bool read_member(yaml_reader& reader, const mapping& fields, std::string_view key,
                 path_owner<Path...>& target) {
    const mapping_entry* e = fields.entry(key);
    return e == nullptr || read_value(reader, e->value, e->path, follow_members<Path...>(target));
}

/// The reader of a member (or of a member of a member): `member<&input::id>`.
template <auto... Path>
inline constexpr field_reader<path_owner<Path...>> member = &read_member<Path...>;

/// The reader of a mapping described by `Table`, read into the member reached by `Path`.
template <const auto& Table, auto... Path>
bool read_nested(yaml_reader& reader, const mapping& fields, std::string_view key,
                 path_owner<Path...>& target) {
    if (const mapping_entry* e = fields.entry(key))
        read_struct(reader, e->value, e->path, Table, follow_members<Path...>(target));
    return true;
}

/// The reader of a list, into the vector reached by `Path`, whose elements `ReadOne(reader, node,
/// path)` reads: an unreadable element still takes its place, so that later key paths keep their
/// index.
template <auto ReadOne, auto... Path>
bool read_list(yaml_reader& reader, const mapping& fields, std::string_view key,
               path_owner<Path...>& target) {
    const mapping_entry* e = fields.entry(key);
    if (e == nullptr) return true;
    const std::string& path = e->path;
    const std::vector<yaml_node> elements = reader.read_sequence(e->value, path);
    auto& list = follow_members<Path...>(target);
    list.reserve(list.size() + elements.size());
    for (std::size_t i = 0; i < elements.size(); ++i)
        list.push_back(ReadOne(reader, elements[i], element_path(path, i)));
    return true;
}

/// Reads one element described by `Table` (the ReadOne of read_list for plain structs).
template <class Target, const auto& Table>
Target read_element(yaml_reader& reader, const yaml_node& node, const std::string& path) {
    Target result;
    read_struct(reader, node, path, Table, result);
    return result;
}

}  // namespace sroi::detail
