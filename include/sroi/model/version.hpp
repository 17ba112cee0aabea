/// @file version.hpp
/// @brief Library version.
#pragma once

namespace sroi {

/// The library version, e.g. "0.1.0".
[[nodiscard]] const char* version() noexcept;

}  // namespace sroi
