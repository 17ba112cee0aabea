#include <sroi/model/source_map.hpp>

#include <functional>
#include <limits>
#include <stdexcept>

namespace sroi {

namespace {

/// Slots hold the low 32 bits of a path's hash (which also place it: the table never has more
/// than 2^32 slots, so growing needs no hashing) and the entry's index plus one.
std::uint32_t hash_of(std::string_view path) noexcept {
    return static_cast<std::uint32_t>(std::hash<std::string_view>{}(path));
}

constexpr std::uint64_t make_slot(std::uint32_t hash, std::size_t index) noexcept {
    return (std::uint64_t{hash} << 32) | (static_cast<std::uint64_t>(index) + 1);
}
constexpr std::uint32_t slot_hash(std::uint64_t slot) noexcept {
    return static_cast<std::uint32_t>(slot >> 32);
}
constexpr std::size_t slot_index(std::uint64_t slot) noexcept {
    return static_cast<std::size_t>(slot & 0xFFFFFFFFU) - 1;
}

constexpr std::size_t first_capacity = 64;  // slots; a power of two

}  // namespace

std::uint32_t source_map::file_id(std::string_view file) {
    if (last_file_ < files_.size() && files_[last_file_] == file) return last_file_;
    for (std::size_t i = 0; i < files_.size(); ++i) {
        if (files_[i] == file) {
            last_file_ = static_cast<std::uint32_t>(i);
            return last_file_;
        }
    }
    if (files_.size() >= std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("too many files in a source map");
    files_.emplace_back(file);
    last_file_ = static_cast<std::uint32_t>(files_.size() - 1);
    return last_file_;
}

const source_map::entry* source_map::lookup(std::string_view path) const noexcept {
    if (slots_.empty()) return nullptr;
    const std::uint32_t hash = hash_of(path);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
        const std::uint64_t slot = slots_[i];
        if (slot == 0) return nullptr;
        if (slot_hash(slot) == hash) {
            const entry& e = entries_[slot_index(slot)];
            if (key_of(e) == path) return &e;
        }
    }
}

void source_map::grow() {
    const std::size_t capacity = slots_.empty() ? first_capacity : 2 * slots_.size();
    if (capacity - 1 > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("too many paths in a source map");
    std::vector<std::uint64_t> slots(capacity, 0);
    const std::size_t mask = capacity - 1;
    for (const std::uint64_t slot : slots_) {
        if (slot == 0) continue;
        std::size_t i = slot_hash(slot) & mask;
        while (slots[i] != 0)
            i = (i + 1) & mask;
        slots[i] = slot;
    }
    slots_ = std::move(slots);
}

void source_map::insert_or_assign(std::string_view path, const source_location& location) {
    insert_or_assign(path, file_id(location.file), location.line, location.column);
}

void source_map::insert_or_assign(std::string_view path, std::uint32_t file, int line, int column) {
    // At most three quarters of the slots are taken.
    if (4 * (entries_.size() + 1) > 3 * slots_.size()) grow();
    const std::uint32_t hash = hash_of(path);
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    for (; slots_[i] != 0; i = (i + 1) & mask) {
        if (slot_hash(slots_[i]) != hash) continue;
        entry& e = entries_[slot_index(slots_[i])];
        if (key_of(e) != path) continue;
        e.file = file;
        e.line = line;
        e.column = column;
        return;
    }
    if (path.size() > std::numeric_limits<std::uint32_t>::max())
        throw std::length_error("a key path longer than 4 GiB");
    entry e;
    e.key_begin = keys_.size();
    e.key_size = static_cast<std::uint32_t>(path.size());
    e.file = file;
    e.line = line;
    e.column = column;
    keys_.append(path);
    entries_.push_back(e);
    slots_[i] = make_slot(hash, entries_.size() - 1);
}

std::optional<source_location> source_map::find(std::string_view path) const {
    const entry* e = lookup(path);
    if (e == nullptr) return std::nullopt;
    return source_location{files_[e->file], e->line, e->column};
}

void source_map::clear() noexcept {
    keys_.clear();
    entries_.clear();
    slots_.clear();
    files_.clear();
    last_file_ = 0;
}

std::size_t source_map::memory_bytes() const noexcept {
    std::size_t bytes = keys_.capacity() + entries_.capacity() * sizeof(entry) +
                        slots_.capacity() * sizeof(std::uint64_t) + files_.capacity() * sizeof(std::string);
    for (const std::string& f : files_)
        bytes += f.capacity();
    return bytes;
}

}  // namespace sroi
