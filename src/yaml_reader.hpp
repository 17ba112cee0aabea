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

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sroi/error.hpp>
#include <sroi/model.hpp>

#include "yaml_tree.hpp"

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

    /// The value of `key`, or nullptr when it is absent.
    [[nodiscard]] const yaml_node* find(std::string_view key) const;
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
    /// Returns nothing when the node is not a mapping (after reporting it).
    std::optional<mapping> read_mapping(const yaml_node& node, const std::string& path,
                                        std::initializer_list<std::string_view> allowed,
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
    /// The fields value/low/high/dist/sd of a mapping already read (value required when asked).
    std::optional<uncertain_number> read_uncertain_fields(const mapping& fields, bool value_required);
    /// True when `key` is present; otherwise reports it missing at the mapping.
    bool require(const mapping& fields, std::string_view key);
    /// One of `choices`, reported with a suggestion otherwise.
    std::optional<std::string> read_choice(const yaml_node& node, const std::string& path,
                                           std::initializer_list<std::string_view> choices);

private:
    std::optional<mapping> read_mapping_impl(const yaml_node& node, const std::string& path,
                                             std::initializer_list<std::string_view>* allowed,
                                             bool null_is_empty);
    bool is_text_scalar(const yaml_node& node, const std::string& path, std::string_view expected);
    /// Takes `cost` from the budget; false (after reporting it once) when it has run out.
    bool spend(const yaml_node& node, const std::string& path, std::size_t cost);

    std::string file_;
    std::vector<diagnostic>& diagnostics_;
    source_map& locations_;
    std::size_t errors_ = 0;
    std::size_t budget_ = static_cast<std::size_t>(-1);
    std::size_t budget_limit_ = static_cast<std::size_t>(-1);
    std::size_t max_elements_ = static_cast<std::size_t>(-1);
    bool exhausted_ = false;
};

/// How a node's kind reads in messages ("a list", "a mapping", "nothing", ...).
std::string describe(const yaml_node& node);

}  // namespace sroi::detail
