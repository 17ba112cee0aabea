#include <sroi/model/error.hpp>

#include <utility>

namespace sroi {

std::string diagnostic::to_string() const {
    std::string out;
    if (!location.file.empty()) {
        out += location.file;
        out += ':';
    }
    if (location.line > 0) {
        out += std::to_string(location.line);
        out += ':';
        if (location.column > 0) {
            out += std::to_string(location.column);
            out += ':';
        }
    }
    if (!out.empty()) out += ' ';
    out += level == severity::warning ? "warning: " : "error: ";
    if (!path.empty()) {
        out += path;
        out += ": ";
    }
    out += message;
    return out;
}

error::error(std::string id, const std::string& message) : std::runtime_error(message), id_(std::move(id)) {}

namespace {

std::string join_diagnostics(const std::vector<diagnostic>& diagnostics) {
    if (diagnostics.empty()) return "invalid model";
    std::string out;
    for (const diagnostic& d : diagnostics) {
        if (!out.empty()) out += '\n';
        out += d.to_string();
    }
    return out;
}

}  // namespace

model_error::model_error(std::vector<diagnostic> diagnostics)
    : error(std::string(errors::model_invalid.id), join_diagnostics(diagnostics)),
      diagnostics_(std::move(diagnostics)) {}

model_error::model_error(source_location location, std::string path, std::string message)
    : model_error(std::vector<diagnostic>{
          diagnostic{severity::error, std::move(location), std::move(path), std::move(message)}}) {}

const diagnostic& model_error::first() const noexcept {
    static const diagnostic none{};
    for (const diagnostic& d : diagnostics_) {
        if (d.level == severity::error) return d;
    }
    return diagnostics_.empty() ? none : diagnostics_.front();
}

}  // namespace sroi
