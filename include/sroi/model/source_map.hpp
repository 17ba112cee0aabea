/// @file source_map.hpp
/// @brief Where each key path of a model was written: a compact table filled in by the loader.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sroi/model/error.hpp>

namespace sroi {

/// Key path (e.g. `outcomes[2].deadweight`) -> where it was written.
///
/// The loader records every key path of a file, some 27 for each outcome: 2.7 million for a
/// 100,000-outcome model. So the table is laid out for that: the paths one after the other in one
/// buffer, each entry 24 bytes (where its path is, an index into a table of file names kept once,
/// line and column), found through an open-addressing hash table of entry numbers. Entries keep the
/// order in which their paths were first recorded.
class source_map {
public:
    /// What `map[path] = location` assigns through (as with a std::map). Holds `path` as given:
    /// use it in the expression that makes it.
    class assignment {
    public:
        assignment(const assignment&) = delete;
        assignment& operator=(const assignment&) = delete;
        ~assignment() = default;
        /// Records `location` for the path.
        assignment& operator=(const source_location& location) {
            map_.insert_or_assign(path_, location);
            return *this;
        }

    private:
        friend class source_map;
        assignment(source_map& map, std::string_view path) noexcept : map_(map), path_(path) {}
        source_map& map_;
        std::string_view path_;
    };

    /// Records where `path` was written, replacing what was recorded for it before.
    void insert_or_assign(std::string_view path, const source_location& location);
    /// Records where `path` was written: line and column in the file numbered `file` (file_id()).
    void insert_or_assign(std::string_view path, std::uint32_t file, int line, int column);
    /// `map[path] = location` records `location` for `path`.
    [[nodiscard]] assignment operator[](std::string_view path) noexcept { return {*this, path}; }

    /// The number under which entries refer to `file` (added to the table of files if new).
    [[nodiscard]] std::uint32_t file_id(std::string_view file);

    /// Where `path` was written, or nothing when it was not recorded.
    [[nodiscard]] std::optional<source_location> find(std::string_view path) const;
    /// True when `path` was recorded.
    [[nodiscard]] bool contains(std::string_view path) const noexcept { return lookup(path) != nullptr; }
    /// Number of paths recorded.
    [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
    /// True when no path is recorded.
    [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }
    /// Forgets every path (and file).
    void clear() noexcept;
    /// Bytes the table holds, for measurements.
    [[nodiscard]] std::size_t memory_bytes() const noexcept;

    /// Calls `visit(path, location)` for every path recorded, in the order they were first recorded.
    template <class Visit>
    void for_each(Visit&& visit) const {
        for (const entry& e : entries_)
            visit(key_of(e), source_location{files_[e.file], e.line, e.column});
    }

private:
    struct entry {
        std::uint64_t key_begin = 0;  ///< offset of the path in keys_
        std::uint32_t key_size = 0;   ///< its length
        std::uint32_t file = 0;       ///< index in files_
        std::int32_t line = 0;
        std::int32_t column = 0;
    };

    [[nodiscard]] std::string_view key_of(const entry& e) const noexcept {
        return std::string_view(keys_).substr(e.key_begin, e.key_size);
    }
    [[nodiscard]] const entry* lookup(std::string_view path) const noexcept;
    void grow();

    std::string keys_;                  ///< every path, one after the other
    std::vector<entry> entries_;        ///< in the order paths were first recorded
    std::vector<std::uint64_t> slots_;  ///< 0: empty; else hash's top 32 bits << 32 | entry index + 1
    std::vector<std::string> files_;    ///< file names, each once
    std::uint32_t last_file_ = 0;       ///< the file file_id() found last
};

}  // namespace sroi
