// Facts about the machine the library runs on, for limits that are estimated before allocating.
#pragma once

#include <cstdint>

namespace sroi::detail {

/// Physical memory in bytes, or 0 when the system does not say.
[[nodiscard]] std::uint64_t physical_memory_bytes() noexcept;

}  // namespace sroi::detail
