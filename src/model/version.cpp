#include <sroi/model/version.hpp>

namespace sroi {

const char* version() noexcept {
    return SROI_VERSION;
}

}  // namespace sroi
