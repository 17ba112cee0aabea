#include "io/yaml_tree.hpp"

#include <algorithm>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>
#include <yaml.h>

namespace sroi::detail {

namespace {

enum class node_kind : std::uint8_t { null, scalar, sequence, map };

constexpr std::uint8_t quoted_flag = 1;  // non-specific tag "!": a quoted scalar
constexpr std::uint8_t tagged_flag = 2;  // an explicit tag, kept in yaml_tree_data::tags
constexpr std::uint8_t cut_flag = 4;  // a sequence with entries left out, counted in yaml_tree_data::left_out

/// One node: 20 bytes.
struct node_record {
    std::int32_t line = -1;    ///< 0-based, -1 when the node has no place
    std::int32_t column = -1;  ///< 0-based
    std::uint32_t begin = 0;   ///< scalar: offset of its text; collection: first child slot
    std::uint32_t size = 0;    ///< scalar: text length; sequence: entries; mapping: 2 x pairs
    node_kind kind = node_kind::null;
    std::uint8_t flags = 0;
};

constexpr std::uint32_t no_node = std::numeric_limits<std::uint32_t>::max();

/// Converts a count to a 32-bit index, refusing (as out of memory would) what does not fit.
std::uint32_t to_index(std::size_t n) {
    if (n >= no_node) throw std::length_error("the YAML document has more than 4 billion nodes or bytes");
    return static_cast<std::uint32_t>(n);
}

}  // namespace

struct yaml_tree_data {
    std::vector<node_record> nodes;
    std::vector<std::uint32_t> children;  ///< child node indices; a mapping's are key, value, key, ...
    std::string text;                     ///< the text of every scalar, one after the other
    std::vector<std::pair<std::uint32_t, std::string>> tags;  ///< explicit tags by node, in node order
    std::vector<std::pair<std::uint32_t, std::size_t>>
        left_out;  ///< entries not kept, by node, in node order
    std::uint32_t root = no_node;
};

// ---------------------------------------------------------------------------------------------
// yaml_node

bool yaml_node::IsNull() const noexcept {
    return tree_ == nullptr || tree_->nodes[index_].kind == node_kind::null;
}

bool yaml_node::IsScalar() const noexcept {
    return tree_ != nullptr && tree_->nodes[index_].kind == node_kind::scalar;
}

bool yaml_node::IsSequence() const noexcept {
    return tree_ != nullptr && tree_->nodes[index_].kind == node_kind::sequence;
}

bool yaml_node::IsMap() const noexcept {
    return tree_ != nullptr && tree_->nodes[index_].kind == node_kind::map;
}

std::string_view yaml_node::Scalar() const noexcept {
    if (!IsScalar()) return {};
    const node_record& r = tree_->nodes[index_];
    return std::string_view(tree_->text).substr(r.begin, r.size);
}

namespace {

/// The entry of `list` (sorted by node) for node `index`, or nullptr.
template <typename T>
const std::pair<std::uint32_t, T>* find_by_node(const std::vector<std::pair<std::uint32_t, T>>& list,
                                                std::uint32_t index) {
    const auto found = std::lower_bound(list.begin(), list.end(), index,
                                        [](const auto& entry, std::uint32_t i) { return entry.first < i; });
    return found == list.end() || found->first != index ? nullptr : &*found;
}

}  // namespace

std::size_t yaml_node::size() const noexcept {
    if (tree_ == nullptr) return 0;
    const node_record& r = tree_->nodes[index_];
    switch (r.kind) {
        case node_kind::sequence:
            if ((r.flags & cut_flag) != 0) {
                if (const auto* cut = find_by_node(tree_->left_out, index_)) return r.size + cut->second;
            }
            return r.size;
        case node_kind::map:
            return r.size / 2;
        case node_kind::null:
        case node_kind::scalar:
            break;
    }
    return 0;
}

yaml_node yaml_node::child(std::size_t slot) const noexcept {
    if (!IsSequence() && !IsMap()) return {};
    const node_record& r = tree_->nodes[index_];
    if (slot >= r.size) return {};  // past the end, or an entry not kept
    return {tree_, tree_->children[r.begin + slot]};
}

yaml_node yaml_node::element(std::size_t i) const noexcept {
    return child(i);
}
yaml_node yaml_node::key(std::size_t i) const noexcept {
    return child(2 * i);
}
yaml_node yaml_node::value(std::size_t i) const noexcept {
    return child(2 * i + 1);
}

bool yaml_node::quoted() const noexcept {
    return tree_ != nullptr && (tree_->nodes[index_].flags & quoted_flag) != 0;
}

std::string yaml_node::tag() const {
    if (tree_ == nullptr || (tree_->nodes[index_].flags & tagged_flag) == 0) return {};
    const auto* found = find_by_node(tree_->tags, index_);
    if (found == nullptr) return {};
    // The parser resolves `!!x` to the YAML core schema's long form: show it as written.
    constexpr std::string_view core = "tag:yaml.org,2002:";
    const std::string& tag = found->second;
    return tag.rfind(core, 0) == 0 ? "!!" + tag.substr(core.size()) : tag;
}

std::optional<std::pair<int, int>> yaml_node::place() const noexcept {
    if (tree_ == nullptr) return std::nullopt;
    const node_record& r = tree_->nodes[index_];
    if (r.line < 0 || r.column < 0) return std::nullopt;
    return std::pair{r.line, r.column};
}

// ---------------------------------------------------------------------------------------------
// Building

namespace {

/// A libyaml parser over a string, deleted with its scope.
class event_parser {
public:
    explicit event_parser(std::string_view text) {
        if (yaml_parser_initialize(&parser_) == 0) throw std::bad_alloc();
        // libyaml reads the bytes where they are: no copy of the text.
        yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                     text.size());
    }
    event_parser(const event_parser&) = delete;
    event_parser& operator=(const event_parser&) = delete;
    ~event_parser() { yaml_parser_delete(&parser_); }

    /// The next event into `event` (which the caller deletes), or false on an error.
    bool next(yaml_event_t& event) { return yaml_parser_parse(&parser_, &event) != 0; }
    [[nodiscard]] const yaml_parser_t& state() const noexcept { return parser_; }

private:
    yaml_parser_t parser_{};
};

/// One event, deleted with its scope.
struct event_holder {
    yaml_event_t event{};
    bool held = false;
    event_holder() = default;
    event_holder(const event_holder&) = delete;
    event_holder& operator=(const event_holder&) = delete;
    ~event_holder() {
        if (held) yaml_event_delete(&event);
    }
};

/// A located failure of the parse (line and column 1-based).
struct parse_failure {
    int line;
    int column;
    std::string message;
};

std::string_view text_of(const yaml_char_t* text) {
    return text == nullptr ? std::string_view{} : std::string_view(reinterpret_cast<const char*>(text));
}

/// A plain, untagged scalar YAML reads as null (the empty one stands for a missing node).
bool is_null_text(std::string_view text) {
    return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

/// Builds the tree from libyaml's events, one node of the first document at a time.
class tree_builder {
public:
    tree_builder(yaml_tree_data& tree, std::size_t max_list_entries)
        : tree_(tree), max_list_entries_(max_list_entries) {}

    /// Takes one node event (scalar, alias, collection start or end).
    void take(const yaml_event_t& event) {
        const yaml_mark_t& mark = event.start_mark;
        switch (event.type) {
            case YAML_SCALAR_EVENT: {
                const auto& s = event.data.scalar;
                if (leave_out(s.anchor)) break;
                const std::string_view tag = text_of(s.tag);
                const std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
                const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE || s.style == YAML_ANY_SCALAR_STYLE;
                if (plain && tag.empty() && is_null_text(value)) {
                    attach(add(mark, node_kind::null, {}, s.anchor));
                    break;
                }
                // A scalar in quotes (or a block scalar) without a tag of its own is a string,
                // as the non-specific tag `!` says.
                const std::uint32_t index =
                    add(mark, node_kind::scalar, tag.empty() && !plain ? "!" : tag, s.anchor);
                node_record& r = tree_.nodes[index];
                r.begin = to_index(tree_.text.size());
                r.size = to_index(tree_.text.size() + value.size()) - r.begin;
                tree_.text += value;
                attach(index);
                break;
            }
            case YAML_ALIAS_EVENT: {
                if (leave_out(nullptr)) break;
                const std::string_view name = text_of(event.data.alias.anchor);
                const auto found = anchors_.find(std::string(name));
                if (found == anchors_.end()) {
                    throw parse_failure{static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1,
                                        fmt::format("YAML syntax error: the alias '*{}' names no anchor "
                                                    "defined before it",
                                                    name)};
                }
                // An anchor inside entries left out reads as null.
                attach(found->second != no_node ? found->second : add(mark, node_kind::null, {}, nullptr));
                break;
            }
            case YAML_SEQUENCE_START_EVENT:
                start_collection(mark, node_kind::sequence, text_of(event.data.sequence_start.tag),
                                 event.data.sequence_start.anchor);
                break;
            case YAML_MAPPING_START_EVENT:
                start_collection(mark, node_kind::map, text_of(event.data.mapping_start.tag),
                                 event.data.mapping_start.anchor);
                break;
            case YAML_SEQUENCE_END_EVENT:
            case YAML_MAPPING_END_EVENT:
                close();
                break;
            default:
                break;
        }
    }

private:
    struct open_collection {
        std::uint32_t index;       ///< the collection's node
        std::size_t first_child;   ///< where its children start in pending_
        std::size_t left_out = 0;  ///< entries of a sequence past max_list_entries_
    };

    /// True when a node starting here is left out: it is inside an entry left out, or it is an
    /// entry of a sequence that already has max_list_entries_ (then it is counted). An anchor
    /// on a node left out is known, as a null.
    bool leave_out(const yaml_char_t* anchor) {
        bool out = skipped_depth_ > 0;
        if (!out && !open_.empty() && tree_.nodes[open_.back().index].kind == node_kind::sequence &&
            pending_.size() - open_.back().first_child >= max_list_entries_) {
            ++open_.back().left_out;
            out = true;
        }
        if (out && anchor != nullptr) anchors_[std::string(text_of(anchor))] = no_node;
        return out;
    }

    std::uint32_t add(const yaml_mark_t& mark, node_kind kind, std::string_view tag,
                      const yaml_char_t* anchor) {
        const std::uint32_t index = to_index(tree_.nodes.size());
        node_record r;
        r.line = static_cast<std::int32_t>(
            std::min<std::size_t>(mark.line, std::numeric_limits<std::int32_t>::max()));
        r.column = static_cast<std::int32_t>(
            std::min<std::size_t>(mark.column, std::numeric_limits<std::int32_t>::max()));
        r.kind = kind;
        if (tag == "!") {
            r.flags = quoted_flag;
        } else if (!tag.empty()) {
            r.flags = tagged_flag;
            tree_.tags.emplace_back(index, std::string(tag));
        }
        tree_.nodes.push_back(r);
        if (anchor != nullptr) anchors_[std::string(text_of(anchor))] = index;
        return index;
    }

    void attach(std::uint32_t index) {
        if (open_.empty()) {
            if (tree_.root == no_node) tree_.root = index;
            return;
        }
        pending_.push_back(index);
    }

    /// A sequence or mapping starts: a node whose children come until close().
    void start_collection(const yaml_mark_t& mark, node_kind kind, std::string_view tag,
                          const yaml_char_t* anchor) {
        if (open_.size() + skipped_depth_ >= max_nesting_depth) {
            throw parse_failure{
                static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1,
                fmt::format("YAML syntax error: collections nested more than {} deep", max_nesting_depth)};
        }
        if (leave_out(anchor)) {
            ++skipped_depth_;
            return;
        }
        open_.push_back({add(mark, kind, tag, anchor), pending_.size()});
    }

    void close() {
        if (skipped_depth_ > 0) {
            --skipped_depth_;
            return;
        }
        const open_collection done = open_.back();
        open_.pop_back();
        const auto first = pending_.begin() + static_cast<std::ptrdiff_t>(done.first_child);
        node_record& r = tree_.nodes[done.index];
        if (done.left_out > 0) {
            r.flags |= cut_flag;
            tree_.left_out.emplace_back(done.index, done.left_out);
        }
        r.begin = to_index(tree_.children.size());
        r.size = to_index(pending_.size() - done.first_child);
        tree_.children.insert(tree_.children.end(), first, pending_.end());
        pending_.erase(first, pending_.end());
        attach(done.index);
    }

    yaml_tree_data& tree_;
    std::vector<open_collection> open_;
    std::vector<std::uint32_t> pending_;  ///< children of the open collections, innermost last
    std::unordered_map<std::string, std::uint32_t> anchors_;  ///< node of each anchor (no_node: left out)
    std::size_t max_list_entries_;
    std::size_t skipped_depth_ = 0;  ///< collections open inside an entry left out
};

/// 1-based line and column of byte `offset` of `text`.
std::pair<int, int> place_of(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    const std::string_view before = text.substr(0, offset);
    const std::size_t last_newline = before.rfind('\n');
    const std::size_t column = last_newline == std::string_view::npos ? offset : offset - last_newline - 1;
    return {static_cast<int>(std::count(before.begin(), before.end(), '\n') + 1),
            static_cast<int>(column + 1)};
}

/// The located message of libyaml's error.
parse_failure failure_of(const yaml_parser_t& parser, std::string_view text) {
    if (parser.error == YAML_MEMORY_ERROR) throw std::bad_alloc();
    std::string message = "YAML syntax error: ";
    message += parser.problem != nullptr ? parser.problem : "the text cannot be parsed";
    if (parser.error == YAML_READER_ERROR) {
        // An encoding problem: libyaml gives the byte offset (and the offending value).
        const auto [line, column] = place_of(text, parser.problem_offset);
        if (parser.problem_value >= 0) message += fmt::format(" (byte 0x{:02x})", parser.problem_value);
        return {line, column, message};
    }
    if (parser.context != nullptr) {
        message += fmt::format(" ({} at line {}, column {})", parser.context, parser.context_mark.line + 1,
                               parser.context_mark.column + 1);
    }
    return {static_cast<int>(parser.problem_mark.line) + 1, static_cast<int>(parser.problem_mark.column) + 1,
            message};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// yaml_tree

yaml_tree::yaml_tree() : data_(std::make_unique<yaml_tree_data>()) {}
yaml_tree::yaml_tree(yaml_tree&&) noexcept = default;
yaml_tree& yaml_tree::operator=(yaml_tree&&) noexcept = default;
yaml_tree::~yaml_tree() = default;

yaml_node yaml_tree::root() const noexcept {
    if (!data_ || data_->root == no_node) return {};
    return {data_.get(), data_->root};
}

std::size_t yaml_tree::memory_bytes() const noexcept {
    if (!data_) return 0;
    return data_->nodes.capacity() * sizeof(node_record) +
           data_->children.capacity() * sizeof(std::uint32_t) + data_->text.capacity();
}

std::optional<yaml_tree> yaml_tree::parse(std::string_view text, const std::string& file,
                                          std::string_view failure_prefix,
                                          std::vector<diagnostic>& diagnostics,
                                          std::size_t max_list_entries) {
    const auto fail = [&](int line, int column, std::string_view message) {
        diagnostics.push_back({severity::error, {file, line, column}, {}, std::string(message)});
        return std::nullopt;
    };
    constexpr std::string_view second_document_message =
        "a second YAML document starts here; a file holds one document (remove it, with the '---' or "
        "'...' line before it, or move it to a file of its own)";
    yaml_tree tree;
    try {
        event_parser parser(text);
        tree_builder builder(*tree.data_, max_list_entries);
        // Stream start, then the first document (if any): its start, its nodes, its end; then
        // the stream's end, or a second document, which is refused.
        int documents = 0;
        bool in_document = false;
        for (;;) {
            event_holder e;
            if (!parser.next(e.event)) {
                const auto [line, column, message] = failure_of(parser.state(), text);
                // Text after the end of the first document (after `...`) is a second one.
                if (documents > 0 && !in_document) return fail(line, column, second_document_message);
                return fail(line, column, message);
            }
            e.held = true;
            const yaml_event_type_t type = e.event.type;
            if (type == YAML_STREAM_END_EVENT) break;
            if (type == YAML_STREAM_START_EVENT) continue;
            if (type == YAML_DOCUMENT_START_EVENT) {
                if (++documents > 1) {
                    return fail(static_cast<int>(e.event.start_mark.line) + 1,
                                static_cast<int>(e.event.start_mark.column) + 1, second_document_message);
                }
                in_document = true;
                continue;
            }
            if (type == YAML_DOCUMENT_END_EVENT) {
                in_document = false;
                continue;
            }
            if (in_document) builder.take(e.event);
        }
    } catch (const parse_failure& failure) {
        return fail(failure.line, failure.column, failure.message);
    } catch (const std::bad_alloc&) {
        return fail(0, 0, std::string(failure_prefix) + "out of memory");
    } catch (const std::length_error& e) {
        return fail(0, 0, std::string(failure_prefix) + e.what());
    }
    return tree;
}

}  // namespace sroi::detail
