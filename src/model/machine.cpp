#include "model/machine.hpp"

#include <fmt/format.h>

#include <sroi/model/error.hpp>

#if __has_include(<unistd.h>)
#include <unistd.h>
#endif

namespace sroi::detail {

std::uint64_t physical_memory_bytes() noexcept {
#if defined(_SC_PHYS_PAGES) && defined(_SC_PAGE_SIZE)
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long page = sysconf(_SC_PAGE_SIZE);
    if (pages > 0 && page > 0) return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
#endif
    return 0;
}

std::uint64_t memory_budget(std::uint64_t budget) noexcept {
    return budget != 0 ? budget : physical_memory_bytes() / 2;
}

namespace {
std::string bytes_text(double bytes) {
    if (bytes >= 0x1.0p30) return fmt::format("{:.1f} GiB", bytes / 0x1.0p30);
    if (bytes >= 0x1.0p20) return fmt::format("{:.1f} MiB", bytes / 0x1.0p20);
    return fmt::format("{:.0f} bytes", bytes);
}
}  // namespace

void require_memory(double bytes, std::uint64_t budget, const error_kind<error>& kind,
                    const std::string& what, const std::string& remedy) {
    const std::uint64_t limit = memory_budget(budget);
    if (limit == 0 || !(bytes > static_cast<double>(limit))) return;
    throw make_error(kind, fmt::format("{} needs {}, more than the memory budget of {} ({}); {}", what,
                                       bytes_text(bytes), bytes_text(static_cast<double>(limit)),
                                       budget != 0 ? "as set" : "half of this machine's memory", remedy));
}

}  // namespace sroi::detail
