/// @file yaml_tree.hpp
/// @brief A compact, read-only YAML tree built from libyaml's event parser (private to the library).
///
/// libyaml (the YAML reference parser in C) reads the text as a stream of events and holds only a
/// bounded look-ahead: an implicit key is looked for over at most 1,024 characters of one line, so
/// no input makes the parser itself hold the text. This tree keeps what the reader needs of each
/// node in 20 bytes (kind, quoted or tagged, line and column, and either its text, held in one
/// buffer, or the range of its children in one list of indices). An alias is the index of its
/// anchored node, so an alias costs 4 bytes and is never copied. Parsing refuses, with a located
/// error, nesting deeper than max_nesting_depth and a second document in the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sroi/model/error.hpp>

namespace sroi::detail {

struct yaml_tree_data;

/// A handle to one node of a yaml_tree (cheap to copy; valid while its tree lives). A
/// default-constructed handle stands for an absent node: null, without a place. The names of
/// the members (IsNull, Scalar, ...) follow yaml-cpp's YAML::Node, which this replaced.
class yaml_node {
public:
    yaml_node() = default;

    [[nodiscard]] bool IsNull() const noexcept;
    [[nodiscard]] bool IsScalar() const noexcept;
    [[nodiscard]] bool IsSequence() const noexcept;
    [[nodiscard]] bool IsMap() const noexcept;
    /// The text of a scalar (empty for other nodes).
    [[nodiscard]] std::string_view Scalar() const noexcept;
    /// Entries of a sequence, key/value pairs of a mapping, 0 for other nodes. For a sequence
    /// longer than the parse's `max_list_entries` this is its length in the file, but only the
    /// first `max_list_entries` entries are kept.
    [[nodiscard]] std::size_t size() const noexcept;
    /// Entry `i` of a sequence; an absent node past the entries kept (and for other nodes).
    [[nodiscard]] yaml_node element(std::size_t i) const noexcept;
    /// Key of pair `i` of a mapping (i < size()).
    [[nodiscard]] yaml_node key(std::size_t i) const noexcept;
    /// Value of pair `i` of a mapping (i < size()).
    [[nodiscard]] yaml_node value(std::size_t i) const noexcept;
    /// True for a scalar written in quotes (or with the non-specific tag `!`).
    [[nodiscard]] bool quoted() const noexcept;
    /// The node's explicit tag as written in short form (`!!str`, `!foo`), empty when it has none.
    [[nodiscard]] std::string tag() const;
    /// 0-based line and column of the node's start as the parser marks it (a column counts
    /// characters), or nothing when it has no place.
    [[nodiscard]] std::optional<std::pair<int, int>> place() const noexcept;

private:
    friend class yaml_tree;
    yaml_node(const yaml_tree_data* tree, std::uint32_t index) noexcept : tree_(tree), index_(index) {}
    [[nodiscard]] yaml_node child(std::size_t slot) const noexcept;

    const yaml_tree_data* tree_ = nullptr;
    std::uint32_t index_ = 0;
};

/// The one document of a YAML text, as a compact tree.
class yaml_tree {
public:
    yaml_tree();
    yaml_tree(yaml_tree&&) noexcept;
    yaml_tree& operator=(yaml_tree&&) noexcept;
    yaml_tree(const yaml_tree&) = delete;
    yaml_tree& operator=(const yaml_tree&) = delete;
    ~yaml_tree();

    /// The root of the document (null when the text holds no document or an empty one).
    [[nodiscard]] yaml_node root() const noexcept;
    /// Bytes the tree holds (nodes, child indices and text), for measurements.
    [[nodiscard]] std::size_t memory_bytes() const noexcept;

    /// Parses `text`, keeping at most `max_list_entries` entries of each sequence (the rest are
    /// counted, not kept: a caller refuses such a list). On a syntax error or a refused input, appends one
    /// error diagnostic for `file` (syntax errors read "YAML syntax error: <the parser's message>"; other
    /// failures `failure_prefix` followed by the reason) and returns nothing.
    static std::optional<yaml_tree> parse(std::string_view text, const std::string& file,
                                          std::string_view failure_prefix,
                                          std::vector<diagnostic>& diagnostics,
                                          std::size_t max_list_entries = static_cast<std::size_t>(-1));

private:
    std::unique_ptr<yaml_tree_data> data_;
};

/// Deepest nesting of collections a YAML text may have (a model needs fewer than ten levels);
/// past it the parse stops with a located error, before the parser's stacks grow with the input.
inline constexpr std::size_t max_nesting_depth = 1'000;

}  // namespace sroi::detail
