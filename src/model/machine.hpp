// Facts about the machine the library runs on, for limits that are estimated before allocating.
#pragma once

#include <cstdint>
#include <string>

#include <sroi/model/error.hpp>

namespace sroi::detail {

/// Physical memory in bytes, or 0 when the system does not say.
[[nodiscard]] std::uint64_t physical_memory_bytes() noexcept;

/// The bytes an analysis may allocate for what its input sizes: `budget` when it is not 0 (an
/// option of the analysis, e.g. for tests or an embedding application), else half of the
/// physical memory; 0 (no limit) when neither is known.
[[nodiscard]] std::uint64_t memory_budget(std::uint64_t budget) noexcept;

/// Throws the error of `kind` when `bytes` are more than memory_budget(budget), before anything is
/// allocated. The message says what needs them (`what`, e.g. "keeping 10 draws"), how much, the
/// budget, and what to do instead (`remedy`).
void require_memory(double bytes, std::uint64_t budget, const error_kind<error>& kind,
                    const std::string& what, const std::string& remedy);

}  // namespace sroi::detail
