/// @file output_file.hpp
/// @brief Writing output files without clobbering what they should not, and without leaving
/// temporary files behind.
///
/// What happens at the path:
/// - a symbolic link is followed (up to 40 links) and its final target is written; the link stays;
/// - a regular file (or a new one) is written to a temporary file beside it, named independently of
///   the target's name (so that a name as long as the file system allows still works), flushed to
///   disk, then renamed over the target; an existing file keeps its mode and, when the process may
///   set it, its owner and group (otherwise it is rewritten in place, like a file with several hard
///   links);
/// - a regular file with more than one hard link is rewritten in place once the content is
///   complete, so that every link sees the new content, as with an ordinary write;
/// - anything else (a pipe, a character device such as `/dev/null`, `/dev/stdout`) is written
///   directly, as a shell redirection would; `/dev/stdout`, `/dev/stderr` and `/dev/fd/N` write to
///   the process's own descriptor.
/// Temporary files are registered so that remove_temporary_files_on_signals() can remove them
/// when SIGINT, SIGTERM or SIGHUP ends the process.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace sroi {

/// An output file being written; nothing is visible at the path until commit(), except when the
/// path is not a regular file (written as the content comes). Destroying it without commit()
/// removes the temporary file and leaves the path as it was. Errors throw sroi::error `io.write`.
class output_file {
public:
    /// Opens `path` for writing (see the file comment for what happens at each kind of path).
    explicit output_file(const std::string& path);
    ~output_file();
    output_file(const output_file&) = delete;
    output_file& operator=(const output_file&) = delete;
    output_file(output_file&&) = delete;
    output_file& operator=(output_file&&) = delete;

    /// Appends `data` (buffered).
    void write(std::string_view data);
    /// Completes the file: the content becomes visible at the path.
    void commit();

private:
    struct state;
    std::unique_ptr<state> state_;
};

/// Writes `content` to `path` as output_file does: never a partial file at a regular path.
void write_file_atomically(const std::string& path, std::string_view content);

/// Installs handlers of SIGINT, SIGTERM and SIGHUP (unless the signal is ignored) that remove the
/// temporary files of every output_file not yet committed, then end the process by the same
/// signal (exit status 128 + N in a shell). A signal that arrives while a file is being put in
/// place is held until that is done. For programs, such as the sroi tool; the library never installs
/// signal handlers by itself.
void remove_temporary_files_on_signals();

}  // namespace sroi
