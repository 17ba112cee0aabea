#include "yaml_tree.hpp"

#include <algorithm>
#include <istream>
#include <limits>
#include <new>
#include <stdexcept>
#include <streambuf>
#include <utility>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace sroi::detail {

namespace {

enum class node_kind : std::uint8_t { null, scalar, sequence, map };

constexpr std::uint8_t quoted_flag = 1;  // non-specific tag "!": a quoted scalar
constexpr std::uint8_t tagged_flag = 2;  // an explicit tag, kept in yaml_tree_data::tags
constexpr std::uint8_t cut_flag = 4;  // a sequence with entries left out, counted in yaml_tree_data::left_out

/// One node: 20 bytes.
struct node_record {
    std::int32_t line = -1;    ///< 0-based, -1 when yaml-cpp gave no place
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
    // yaml-cpp resolves `!!x` to the YAML core schema's long form: show it as written.
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

/// Builds the tree from yaml-cpp's events; notes how far into the text the parser has come (one
/// past the start of the last node it reported).
class tree_builder final : public YAML::EventHandler {
public:
    tree_builder(yaml_tree_data& tree, std::size_t& parsed_to, std::size_t max_list_entries)
        : tree_(tree), parsed_to_(parsed_to), max_list_entries_(max_list_entries) {}

    void OnDocumentStart(const YAML::Mark& /*mark*/) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        if (leave_out(mark)) return;
        attach(add(mark, node_kind::null, "?", anchor));
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        if (leave_out(mark)) return;
        note(mark);
        // yaml-cpp has already refused an alias of an unknown anchor; an anchor in entries left
        // out reads as null.
        const bool known = anchor < anchors_.size() && anchors_[anchor] != no_node;
        attach(known ? anchors_[anchor] : add(mark, node_kind::null, "?", 0));
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        if (leave_out(mark)) return;
        const std::uint32_t index = add(mark, node_kind::scalar, tag, anchor);
        node_record& r = tree_.nodes[index];
        r.begin = to_index(tree_.text.size());
        r.size = to_index(tree_.text.size() + value.size()) - r.begin;
        tree_.text += value;
        attach(index);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value /*style*/) override {
        start_collection(mark, node_kind::sequence, tag, anchor);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value /*style*/) override {
        start_collection(mark, node_kind::map, tag, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    struct open_collection {
        std::uint32_t index;       ///< the collection's node
        std::size_t first_child;   ///< where its children start in pending_
        std::size_t left_out = 0;  ///< entries of a sequence past max_list_entries_
    };

    /// True when a node starting here is left out: it is inside an entry left out, or it is an
    /// entry of a sequence that already has max_list_entries_ (then it is counted).
    bool leave_out(const YAML::Mark& mark) {
        if (skipped_depth_ > 0) return true;
        if (open_.empty() || tree_.nodes[open_.back().index].kind != node_kind::sequence ||
            pending_.size() - open_.back().first_child < max_list_entries_) {
            return false;
        }
        note(mark);
        ++open_.back().left_out;
        return true;
    }

    /// The parser has taken the text up to the start of this node: what is held starts after it.
    void note(const YAML::Mark& mark) {
        if (mark.pos >= 0) parsed_to_ = std::max(parsed_to_, static_cast<std::size_t>(mark.pos) + 1);
    }

    std::uint32_t add(const YAML::Mark& mark, node_kind kind, const std::string& tag, YAML::anchor_t anchor) {
        note(mark);
        const std::uint32_t index = to_index(tree_.nodes.size());
        node_record r;
        r.line = mark.line;
        r.column = mark.column;
        r.kind = kind;
        if (tag == "!") {
            r.flags = quoted_flag;
        } else if (!tag.empty() && tag != "?") {
            r.flags = tagged_flag;
            tree_.tags.emplace_back(index, tag);
        }
        tree_.nodes.push_back(r);
        if (anchor != 0) {
            if (anchor >= anchors_.size()) anchors_.resize(anchor + 1, no_node);
            anchors_[anchor] = index;
        }
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
    void start_collection(const YAML::Mark& mark, node_kind kind, const std::string& tag,
                          YAML::anchor_t anchor) {
        if (leave_out(mark)) {
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
    std::size_t& parsed_to_;
    std::vector<open_collection> open_;
    std::vector<std::uint32_t> pending_;  ///< children of the open collections, innermost last
    std::vector<std::uint32_t> anchors_;  ///< node of each anchor (yaml-cpp numbers them from 1)
    std::size_t max_list_entries_;
    std::size_t skipped_depth_ = 0;  ///< collections open inside an entry left out
};

/// Thrown at the start of a second document.
struct second_document {
    YAML::Mark mark;
};

/// Stops the parser at the start of a second document.
class second_document_finder final : public YAML::EventHandler {
public:
    void OnDocumentStart(const YAML::Mark& mark) override { throw second_document{mark}; }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& /*mark*/, YAML::anchor_t /*anchor*/) override {}
    void OnAlias(const YAML::Mark& /*mark*/, YAML::anchor_t /*anchor*/) override {}
    void OnScalar(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                  const std::string& /*value*/) override {}
    void OnSequenceStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                         YAML::EmitterStyle::value /*style*/) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark& /*mark*/, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                    YAML::EmitterStyle::value /*style*/) override {}
    void OnMapEnd() override {}
};

/// Thrown when yaml-cpp's scanner would hold too much of the text unparsed.
struct too_much_pending {
    std::size_t offset;  ///< where the held text starts
};

bool is_flow_indicator(char c) {
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

std::size_t count_flow_indicators(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), is_flow_indicator));
}

/// Hands the text to yaml-cpp in chunks and keeps count of the commas and brackets between the
/// last event and what it has handed out. yaml-cpp's scanner turns all of them into tokens, and
/// keeps them until the parser takes them; the parser takes nothing while a possible simple key
/// is pending (a flow collection at a line's start or inside a flow list is held to its end).
/// Past max_pending_flow_indicators it stops the parse (too_much_pending) before memory runs out.
class watched_text final : public std::streambuf {
public:
    watched_text(std::string_view text, const std::size_t& parsed_to) : text_(text), parsed_to_(parsed_to) {
        char* const base = data();
        setg(base, base, base);
    }

protected:
    int_type underflow() override {
        const std::size_t handed = static_cast<std::size_t>(egptr() - data());
        if (handed >= text_.size()) return traits_type::eof();
        const std::size_t end = std::min(text_.size(), handed + chunk_bytes);
        // Forget what the parser has taken, then count what it gets now.
        const std::size_t taken = std::min(parsed_to_, handed);
        if (taken > held_from_) {
            held_ -= count_flow_indicators(text_.substr(held_from_, taken - held_from_));
            held_from_ = taken;
        }
        held_ += count_flow_indicators(text_.substr(handed, end - handed));
        if (held_ > max_pending_flow_indicators) throw too_much_pending{held_from_};
        char* const base = data();
        setg(base, base + handed, base + end);
        return traits_type::to_int_type(*gptr());
    }

private:
    static constexpr std::size_t chunk_bytes = 16384;

    // The get area is only read from: std::streambuf merely spells it without const.
    char* data() const {
        return const_cast<char*>(text_.data());
    }  // NOLINT(cppcoreguidelines-pro-type-const-cast)

    std::string_view text_;
    const std::size_t& parsed_to_;
    std::size_t held_from_ = 0;  ///< start of what the parser has not taken
    std::size_t held_ = 0;       ///< commas and brackets from held_from_ to what has been handed out
};

/// 1-based line and column of byte `offset` of `text`.
std::pair<int, int> place_of(std::string_view text, std::size_t offset) {
    const std::string_view before = text.substr(0, offset);
    const std::size_t last_newline = before.rfind('\n');
    const std::size_t column = last_newline == std::string_view::npos ? offset : offset - last_newline - 1;
    return {static_cast<int>(std::count(before.begin(), before.end(), '\n') + 1),
            static_cast<int>(column + 1)};
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
    const auto fail = [&](int line, int column, std::string message) {
        diagnostics.push_back({severity::error, {file, line, column}, {}, std::move(message)});
        return std::nullopt;
    };
    yaml_tree tree;
    std::size_t parsed_to = 0;
    watched_text buffer(text, parsed_to);
    std::istream in(&buffer);
    in.exceptions(std::ios::badbit);  // let the buffer's exception through istream functions
    try {
        YAML::Parser parser(in);
        tree_builder builder(*tree.data_, parsed_to, max_list_entries);
        if (!parser.HandleNextDocument(builder)) return tree;
        second_document_finder finder;
        parser.HandleNextDocument(finder);
    } catch (const second_document& second) {
        return fail(second.mark.line + 1, second.mark.column + 1,
                    "a second YAML document starts here; a file holds one document (remove it, with the "
                    "'---' or '...' line before it, or move it to a file of its own)");
    } catch (const too_much_pending& pending) {
        // Point at the first bracket of what is held: the collection that is still open.
        const std::size_t held = text.find_first_of("[{", pending.offset);
        const auto [line, column] = place_of(text, held == std::string_view::npos ? pending.offset : held);
        return fail(
            line, column,
            fmt::format("this flow collection ('[...]' or '{{...}}') runs past {} commas and brackets, "
                        "which the YAML parser would hold in memory all at once; write a long list as a "
                        "block list, one '- entry' per line",
                        max_pending_flow_indicators));
    } catch (const YAML::ParserException& e) {  // includes YAML::DeepRecursion
        const bool known = !e.mark.is_null() && e.mark.line >= 0;
        return fail(known ? e.mark.line + 1 : 0, known ? e.mark.column + 1 : 0,
                    "YAML syntax error: " + e.msg);
    } catch (const YAML::Exception& e) {
        return fail(0, 0, std::string(failure_prefix) + e.what());
    } catch (const std::bad_alloc&) {
        return fail(0, 0, std::string(failure_prefix) + "out of memory");
    } catch (const std::length_error& e) {
        return fail(0, 0, std::string(failure_prefix) + e.what());
    }
    return tree;
}

}  // namespace sroi::detail
