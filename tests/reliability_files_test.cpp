// Files (issue 13): output files that keep what they should (mode, links, other content), are
// never half-written, and input files read with bounds (a FIFO never blocks, a huge line is never
// read whole). The CLI side is in tests/cli/files.cmake.
#include <doctest/doctest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <sroi/io/load.hpp>
#include <sroi/io/output_file.hpp>
#include <sroi/io/scenario_file.hpp>

namespace {

namespace fs = std::filesystem;

/// A fresh, empty directory for one test case.
fs::path fresh_dir(const std::string& name) {
    const fs::path dir = fs::path(SROI_BINARY_DIR) / "reliability-files" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

std::size_t entries_in(const fs::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir))
        ++n;
    return n;
}

/// Peak resident memory of this process so far, in KiB.
long peak_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

}  // namespace

TEST_CASE("is_library_file reads a bounded head: a 100 MB file without a newline is not read whole") {
    const fs::path dir = fresh_dir("huge-line");
    const fs::path huge = dir / "huge.yaml";
    constexpr std::uintmax_t size = std::uintmax_t{100} << 20;
    write_text(huge, "");
    fs::resize_file(huge, size);  // sparse: 100 MB of NUL bytes, no newline
    const long before = peak_kib();
    CHECK_FALSE(sroi::is_library_file(huge.string()));
    // Reading the line whole (the old getline) grew the process by at least the file's 100 MB.
    CHECK(peak_kib() - before < 16 * 1024);

    // A library tag at the start is found however long the rest of the line is.
    const fs::path tagged = dir / "tagged.yaml";
    write_text(tagged, "sroi-library: 1\nname: ");
    fs::resize_file(tagged, size);
    CHECK(sroi::is_library_file(tagged.string()));
    CHECK(peak_kib() - before < 16 * 1024);
}

TEST_CASE("is_library_file and load_library never open a FIFO for reading (it would block)") {
    const fs::path dir = fresh_dir("fifo");
    const fs::path fifo = dir / "lib.yaml";
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    // No writer ever opens it: opening it to read would block until the test's timeout.
    CHECK_FALSE(sroi::is_library_file(fifo.string()));
    try {
        (void)sroi::load_library(fifo.string());
        FAIL("a FIFO was accepted as a library");
    } catch (const sroi::model_error& e) {
        CHECK(std::string(e.what()).find("it is a pipe, not a regular file") != std::string::npos);
    }
}

TEST_CASE("output_file: nothing appears before commit, and abandoning it leaves the path as it was") {
    const fs::path dir = fresh_dir("abandon");
    const fs::path target = dir / "out.csv";
    write_text(target, "old");
    {
        sroi::output_file file(target.string());
        file.write("new content");
        CHECK(read_file(target) == "old");
        CHECK(entries_in(dir) == 2);  // the target and one temporary
    }
    CHECK(read_file(target) == "old");
    CHECK(entries_in(dir) == 1);
    {
        sroi::output_file file(target.string());
        file.write(std::string(3u << 20, 'x'));  // past the buffer: written to the temporary
        file.write("end");
        file.commit();
    }
    CHECK(fs::file_size(target) == (3u << 20) + 3);
    CHECK(entries_in(dir) == 1);
}

TEST_CASE("output_file: the new content of a private file is never readable by others, even while written") {
    const fs::path dir = fresh_dir("private-temporary");
    const fs::path target = dir / "private.txt";
    write_text(target, "old");
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write);
    sroi::output_file file(target.string());
    file.write("new secret");
    std::size_t temporaries = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path() == target) continue;
        ++temporaries;
        CHECK((entry.status().permissions() & (fs::perms::group_all | fs::perms::others_all)) ==
              fs::perms::none);
    }
    CHECK(temporaries == 1);
    file.commit();
    CHECK(read_file(target) == "new secret");
    CHECK(fs::status(target).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("write_file_atomically keeps an existing file's mode, and a hard-linked file stays one file") {
    const fs::path dir = fresh_dir("mode-and-links");
    const fs::path target = dir / "private.txt";
    write_text(target, "old");
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    sroi::write_file_atomically(target.string(), "new");
    CHECK(read_file(target) == "new");
    CHECK(fs::status(target).permissions() ==
          (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));

    const fs::path other = dir / "other-link.txt";
    fs::create_hard_link(target, other);
    sroi::write_file_atomically(target.string(), "through one link");
    CHECK(read_file(other) == "through one link");
    CHECK(fs::hard_link_count(target) == 2);
    CHECK(fs::equivalent(target, other));
    CHECK(entries_in(dir) == 2);
}

TEST_CASE("write_file_atomically: a symbolic link stays a link, its target is replaced") {
    const fs::path dir = fresh_dir("symlink");
    write_text(dir / "real.txt", "old");
    fs::create_symlink("real.txt", dir / "link.txt");
    sroi::write_file_atomically((dir / "link.txt").string(), "new");
    CHECK(fs::is_symlink(dir / "link.txt"));
    CHECK(read_file(dir / "real.txt") == "new");
    // a loop of links is an error, not a hang
    fs::create_symlink("loop-b", dir / "loop-a");
    fs::create_symlink("loop-a", dir / "loop-b");
    CHECK_THROWS_AS(sroi::write_file_atomically((dir / "loop-a").string(), "x"), sroi::error);
    CHECK(entries_in(dir) == 4);
}

TEST_CASE("write_file_atomically: a name of 255 bytes, the most most file systems allow") {
    const fs::path dir = fresh_dir("long-name");
    const fs::path target = dir / std::string(255, 'n');
    sroi::write_file_atomically(target.string(), "long");
    CHECK(read_file(target) == "long");
    CHECK(entries_in(dir) == 1);
}

TEST_CASE("a scenario file that is a directory or missing is refused by name") {
    const fs::path dir = fresh_dir("scenarios");
    const sroi::model m;
    try {
        (void)sroi::load_scenario_file(dir.string(), m);
        FAIL("a directory was read as a scenario file");
    } catch (const sroi::model_error& e) {
        CHECK(e.file() == dir.string());
        CHECK(std::string(e.what()).find("it is a directory") != std::string::npos);
    }
}
