// Model files as read (model layer: plain data).
#include <sroi/model/model_files.hpp>

#include <utility>

namespace sroi {

void model_file::fail(std::vector<diagnostic> diagnostics) {
    model.reset();
    for (diagnostic& d : diagnostics) {
        if (d.level == severity::error) errors.push_back(std::move(d));
    }
    if (errors.empty()) errors.push_back({severity::error, {file, 0, 0}, {}, "cannot be read"});
}

}  // namespace sroi
