#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <optional>
#include <random>
#include <sroi/io/output_file.hpp>
#include <sroi/model/error.hpp>

#include <fmt/format.h>

namespace sroi {

namespace {

// ---------------------------------------------------------------------------------------------
// Temporary files a signal must remove. Fixed storage written before a file exists and read by
// the signal handler with lock-free atomics only; unlink() is async-signal-safe.

constexpr std::size_t temporary_slots = 32;
constexpr std::size_t temporary_path_capacity = 4096;

enum slot_state : int { slot_free = 0, slot_filling = 1, slot_ready = 2 };

struct temporary_slot {
    std::atomic<int> state{slot_free};
    std::array<char, temporary_path_capacity> path{};
};

std::array<temporary_slot, temporary_slots> registered_temporaries;
std::atomic<int> holding_signals{0};  // > 0 while a file is being put in place
std::atomic<int> held_signal{0};      // a signal that arrived meanwhile

/// Registers `path`; returns its slot, or -1 when every slot is taken or the path is too long
/// (the file is then only removed by the ordinary paths, not by a signal).
int register_temporary(const std::string& path) {
    if (path.size() >= temporary_path_capacity) return -1;
    for (std::size_t i = 0; i < registered_temporaries.size(); ++i) {
        temporary_slot& slot = registered_temporaries[i];
        int expected = slot_free;
        if (!slot.state.compare_exchange_strong(expected, slot_filling)) continue;
        std::memcpy(slot.path.data(), path.c_str(), path.size() + 1);
        slot.state.store(slot_ready);
        return static_cast<int>(i);
    }
    return -1;
}

void unregister_temporary(int slot) {
    if (slot >= 0) registered_temporaries[static_cast<std::size_t>(slot)].state.store(slot_free);
}

void remove_registered_temporaries() noexcept {
    for (temporary_slot& slot : registered_temporaries) {
        if (slot.state.load() == slot_ready) ::unlink(slot.path.data());
    }
}

void end_by_signal(int signal_number) noexcept {
    remove_registered_temporaries();
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    ::sigaction(signal_number, &default_action, nullptr);
    ::raise(signal_number);  // delivered when the handler returns (or at once outside one)
}

void on_signal(int signal_number) {
    if (holding_signals.load() > 0) {
        held_signal.store(signal_number);
        return;
    }
    end_by_signal(signal_number);
}

/// Holds SIGINT/SIGTERM/SIGHUP (as far as our handlers go) while a file is put in place.
class signal_hold {
public:
    signal_hold() { holding_signals.fetch_add(1); }
    ~signal_hold() {
        if (holding_signals.fetch_sub(1) == 1) {
            if (const int signal_number = held_signal.exchange(0); signal_number != 0)
                end_by_signal(signal_number);
        }
    }
    signal_hold(const signal_hold&) = delete;
    signal_hold& operator=(const signal_hold&) = delete;
};

// ---------------------------------------------------------------------------------------------
// Paths and descriptors

[[noreturn]] void fail(const std::string& path, int error_number) {
    throw make_error(errors::io_write,
                     fmt::format("{}: cannot write: {}", path, std::strerror(error_number)));
}

[[noreturn]] void fail(const std::string& path, const std::string& why) {
    throw make_error(errors::io_write, fmt::format("{}: cannot write: {}", path, why));
}

/// N when `path` names this process's descriptor N (`/dev/fd/N`, `/proc/self/fd/N`,
/// `/proc/PID/fd/N` with our PID), which a symlink such as `/dev/stdout` leads to.
std::optional<int> own_descriptor(const std::string& path) {
    const std::string own_proc = fmt::format("/proc/{}/fd/", ::getpid());
    for (const std::string_view prefix :
         {std::string_view("/dev/fd/"), std::string_view("/proc/self/fd/"), std::string_view(own_proc)}) {
        if (!path.starts_with(prefix)) continue;
        const std::string_view digits = std::string_view(path).substr(prefix.size());
        if (digits.empty() || digits.size() > 9) return std::nullopt;
        int n = 0;
        for (const char c : digits) {
            if (c < '0' || c > '9') return std::nullopt;
            n = n * 10 + (c - '0');
        }
        return n;
    }
    return std::nullopt;
}

/// Where the content goes once symbolic links are followed.
struct destination {
    std::string path;                     ///< the final target
    std::optional<int> own;               ///< our own descriptor (e.g. via /dev/stdout)
    std::optional<struct stat> existing;  ///< what is there now (not a symlink), if anything
};

destination resolve(const std::string& path) {
    namespace fs = std::filesystem;
    constexpr int max_links = 40;  // as the kernel's own limit
    std::string current = path;
    for (int links = 0;; ++links) {
        if (const std::optional<int> fd = own_descriptor(current)) return {current, *fd, std::nullopt};
        struct stat st {};
        if (::lstat(current.c_str(), &st) != 0) {
            if (errno == ENOENT) return {current, std::nullopt, std::nullopt};
            fail(path, errno);
        }
        if (!S_ISLNK(st.st_mode)) return {current, std::nullopt, st};
        if (links == max_links) fail(path, ELOOP);
        std::error_code ec;
        const fs::path target = fs::read_symlink(current, ec);
        if (ec) fail(path, ec.message());
        current =
            target.is_absolute() ? target.string() : (fs::path(current).parent_path() / target).string();
    }
}

void write_all(int fd, std::string_view data, const std::string& path) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(path, errno);
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

void close_checked(int& fd, const std::string& path) {
    const int closing = fd;
    fd = -1;
    if (::close(closing) != 0 && errno != EINTR) fail(path, errno);
}

}  // namespace

// ---------------------------------------------------------------------------------------------

struct output_file::state {
    enum class way { replace, in_place, direct };

    std::string path;       ///< as given, for messages
    std::string target;     ///< after symbolic links
    std::string temporary;  ///< beside the target (not for `direct`)
    int slot = -1;
    int fd = -1;
    way how = way::replace;
    std::optional<struct stat> existing;
    std::string buffer;
    bool committed = false;

    void flush() {
        write_all(fd, buffer, path);
        buffer.clear();
    }

    void open_temporary() {
        namespace fs = std::filesystem;
        fs::path dir = fs::path(target).parent_path();
        if (dir.empty()) dir = ".";
        std::random_device device;
        for (int attempt = 0; attempt < 100; ++attempt) {
            // Short and independent of the target's name: a name as long as the file system
            // allows still has a temporary beside it.
            temporary = (dir / fmt::format(".sroi-{:08x}.tmp", device())).string();
            slot = register_temporary(temporary);  // before the file exists: no window for a signal
            // Over an existing file, private until it takes that file's mode (a 0600 file's new
            // content is never readable by others); a new file gets 0666 less the umask.
            const mode_t mode = existing ? S_IRUSR | S_IWUSR : 0666;
            fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
            if (fd >= 0) return;
            const int error_number = errno;
            unregister_temporary(slot);
            slot = -1;
            if (error_number != EEXIST) fail(path, error_number);
        }
        fail(path, "no free temporary file name beside it");
    }

    /// Gives the temporary the existing file's owner and mode; false when that is not allowed.
    [[nodiscard]] bool take_over_owner_and_mode() const {
        struct stat now {};
        if (::fstat(fd, &now) != 0) return false;
        if ((now.st_uid != existing->st_uid || now.st_gid != existing->st_gid) &&
            ::fchown(fd, existing->st_uid, existing->st_gid) != 0) {
            return false;
        }
        return ::fchmod(fd, existing->st_mode & 07777) == 0;  // after fchown, which clears set-id bits
    }

    /// Makes the rename durable (best effort: some file systems cannot sync a directory).
    void sync_directory() const {
        const std::string dir = std::filesystem::path(temporary).parent_path().string();
        const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir_fd < 0) return;
        ::fsync(dir_fd);
        ::close(dir_fd);
    }

    /// Copies the complete temporary into the target itself (every hard link sees it).
    void copy_in_place() {
        if (::lseek(fd, 0, SEEK_SET) != 0) fail(path, errno);
        const int out = ::open(target.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (out < 0) fail(path, errno);
        int closing = out;
        try {
            std::string chunk(std::size_t{1} << 20, '\0');
            for (;;) {
                const ssize_t n = ::read(fd, chunk.data(), chunk.size());
                if (n < 0 && errno == EINTR) continue;
                if (n < 0) fail(path, errno);
                if (n == 0) break;
                write_all(out, std::string_view(chunk.data(), static_cast<std::size_t>(n)), path);
            }
            if (::fsync(out) != 0 && errno != EINVAL) fail(path, errno);
            close_checked(closing, path);
        } catch (...) {
            if (closing >= 0) ::close(closing);
            throw;
        }
    }

    void commit() {
        flush();
        if (how == way::direct) {
            close_checked(fd, path);
            committed = true;
            return;
        }
        if (::fsync(fd) != 0) fail(path, errno);
        if (how == way::replace && existing && !take_over_owner_and_mode()) how = way::in_place;
        const signal_hold hold;
        if (how == way::replace) {
            close_checked(fd, path);
            if (::rename(temporary.c_str(), target.c_str()) != 0) fail(path, errno);
            sync_directory();
        } else {
            close_checked(fd, path);  // written write-only: read it back through a new descriptor
            fd = ::open(temporary.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd < 0) fail(path, errno);
            copy_in_place();
            close_checked(fd, path);
            ::unlink(temporary.c_str());
        }
        unregister_temporary(slot);
        slot = -1;
        committed = true;
    }

    void abandon() noexcept {
        if (fd >= 0) ::close(fd);
        fd = -1;
        if (!temporary.empty()) {
            ::unlink(temporary.c_str());
            unregister_temporary(slot);
        }
    }
};

output_file::output_file(const std::string& path) : state_(std::make_unique<state>()) {
    state& s = *state_;
    s.path = path;
    if (path.empty()) fail(path, "empty file name");
    destination d = resolve(path);
    s.target = std::move(d.path);
    s.existing = d.existing;
    if (d.own) {
        s.how = state::way::direct;
        s.fd = ::fcntl(*d.own, F_DUPFD_CLOEXEC, 0);
        if (s.fd < 0) fail(path, errno);
        return;
    }
    if (s.existing && S_ISDIR(s.existing->st_mode)) fail(path, "it is a directory");
    if (s.existing && !S_ISREG(s.existing->st_mode)) {  // a pipe, a device, a socket: as `>` would
        s.how = state::way::direct;
        s.fd = ::open(s.target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
        if (s.fd < 0) fail(path, errno);
        return;
    }
    s.how = s.existing && s.existing->st_nlink > 1 ? state::way::in_place : state::way::replace;
    s.open_temporary();
}

output_file::~output_file() {
    if (!state_->committed) state_->abandon();
}

void output_file::write(std::string_view data) {
    constexpr std::size_t flush_at = std::size_t{1} << 20;
    state_->buffer.append(data);
    if (state_->buffer.size() >= flush_at) state_->flush();
}

void output_file::commit() {
    if (state_->committed) return;
    state_->commit();
}

void write_file_atomically(const std::string& path, std::string_view content) {
    output_file file(path);
    file.write(content);
    file.commit();
}

void remove_temporary_files_on_signals() {
    for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
        struct sigaction previous {};
        if (::sigaction(signal_number, nullptr, &previous) != 0) continue;
        if (previous.sa_handler == SIG_IGN) continue;  // e.g. a background job, or under nohup
        struct sigaction action {};
        action.sa_handler = on_signal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        ::sigaction(signal_number, &action, nullptr);
    }
}

}  // namespace sroi
