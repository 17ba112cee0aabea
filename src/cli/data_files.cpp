// Finding the data files that ship with sroi (the open proxy library).
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "common.hpp"

namespace sroi::cli {

namespace {

namespace fs = std::filesystem;

/// The running executable, when the platform tells us (Linux /proc; elsewhere nothing).
fs::path executable_path() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : exe;
}

bool is_file(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

}  // namespace

std::string find_bundled_library() {
    const fs::path relative = fs::path("models") / "proxies" / "uk-open.yaml";
    if (const char* dir = std::getenv("SROI_DATA_DIR"); dir != nullptr && *dir != '\0') {
        if (is_file(fs::path(dir) / relative)) return (fs::path(dir) / relative).string();
    }
    const fs::path exe = executable_path();
    if (!exe.empty()) {
        const fs::path bin = exe.parent_path();
        // Installed: <prefix>/bin/sroi and <prefix>/share/sroi/models (cmake/sroi_install.cmake).
        const fs::path installed = bin.parent_path() / "share" / "sroi" / relative;
        if (is_file(installed)) return installed.lexically_normal().string();
        // Built in the source tree: <source>/<build>[/<config>]/sroi.
        fs::path dir = bin;
        for (int up = 0; up < 3 && dir.has_parent_path() && dir != dir.parent_path(); ++up) {
            dir = dir.parent_path();
            if (is_file(dir / relative) && is_file(dir / "CMakeLists.txt")) return (dir / relative).string();
        }
    }
    return {};
}

}  // namespace sroi::cli
