#include "io/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

namespace sroi::detail {

namespace {

std::string_view kind_of(mode_t mode) {
    if (S_ISFIFO(mode)) return "a pipe";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

/// Closes a descriptor when it goes out of scope.
class descriptor {
public:
    explicit descriptor(int fd) : fd_(fd) {}
    ~descriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    descriptor(const descriptor&) = delete;
    descriptor& operator=(const descriptor&) = delete;
    [[nodiscard]] int get() const noexcept { return fd_; }

private:
    int fd_;
};

/// Opens `path` for reading; with `regular_only`, O_NONBLOCK so that a pipe swapped in after a
/// stat() cannot block, and the opened file is checked again.
file_text open_for_reading(const std::string& path, file_kinds kinds, int& fd) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) return {std::nullopt, "no such file"};
        return {std::nullopt, fmt::format("it cannot be opened for reading ({})", std::strerror(errno))};
    }
    if (S_ISDIR(st.st_mode)) return {std::nullopt, "it is a directory, not a file"};
    const bool regular_only = kinds == file_kinds::regular_only;
    if (regular_only && !S_ISREG(st.st_mode)) {
        return {std::nullopt, fmt::format("it is {}, not a regular file", kind_of(st.st_mode))};
    }
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | (regular_only ? O_NONBLOCK : 0));
    if (fd < 0) {
        return {std::nullopt, fmt::format("it cannot be opened for reading ({})", std::strerror(errno))};
    }
    if (regular_only && (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
        return {std::nullopt, "it is not a regular file"};
    }
    return {std::string{}, {}};
}

/// Reads up to `limit` bytes; false on a read error.
bool read_up_to(int fd, std::size_t limit, std::string& text) {
    constexpr std::size_t chunk = 65536;
    while (text.size() < limit) {
        const std::size_t start = text.size();
        text.resize(start + std::min(chunk, limit - start));
        const ssize_t n = ::read(fd, text.data() + start, text.size() - start);
        if (n < 0 && errno == EINTR) {
            text.resize(start);
            continue;
        }
        text.resize(start + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
        if (n < 0) return false;
        if (n == 0) break;
    }
    return true;
}

}  // namespace

file_text read_text_file(const std::string& path, std::size_t max_bytes, file_kinds kinds) {
    int fd = -1;
    file_text opened = open_for_reading(path, kinds, fd);
    const descriptor guard(fd);
    if (!opened.text) return opened;
    std::string text;
    if (!read_up_to(fd, max_bytes + 1, text)) return {std::nullopt, "it could not be read"};
    if (text.size() > max_bytes) {
        return {std::nullopt, fmt::format("it is larger than the limit of {} bytes", max_bytes)};
    }
    return {std::move(text), {}};
}

std::optional<std::string> read_regular_file_head(const std::string& path, std::size_t max_bytes) {
    int fd = -1;
    const file_text opened = open_for_reading(path, file_kinds::regular_only, fd);
    const descriptor guard(fd);
    if (!opened.text) return std::nullopt;
    std::string text;
    if (!read_up_to(fd, max_bytes, text)) return std::nullopt;
    return text;
}

}  // namespace sroi::detail
