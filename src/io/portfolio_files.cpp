// Finding and reading a portfolio's model files (io layer).
#include <sroi/io/portfolio_files.hpp>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <set>
#include <utility>

#include "model/parallel.hpp"

namespace sroi {

model_file_list expand_model_paths(std::span<const std::string> paths) {
    namespace fs = std::filesystem;
    model_file_list list;
    std::set<std::string> seen;
    const auto note = [&](const std::string& file, std::string message) {
        list.notes.push_back({severity::warning, {file, 0, 0}, {}, std::move(message)});
    };
    const auto add = [&](const std::string& file) {
        std::error_code ec;
        fs::path canonical = fs::weakly_canonical(file, ec);
        const std::string key = ec ? file : canonical.string();
        if (!seen.insert(key).second) {
            note(file, "named more than once: counted once");
            return;
        }
        list.files.push_back(file);
    };
    for (const std::string& path : paths) {
        std::error_code ec;
        if (!fs::is_directory(path, ec)) {
            if (is_library_file(path)) {
                note(path, "skipped: a proxy/index library (sroi-library), not a model");
            } else {
                add(path);  // a missing or unreadable file is reported when it is read
            }
            continue;
        }
        std::vector<fs::path> entries;
        std::vector<fs::path> not_regular;  // a pipe or device is never opened (it could block)
        for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
            std::error_code entry_ec;
            const std::string extension = it->path().extension().string();
            if (extension != ".yaml" && extension != ".yml") continue;
            const fs::file_status status = it->status(entry_ec);
            if (fs::is_regular_file(status)) {
                entries.push_back(it->path());
            } else if (fs::exists(status) && !fs::is_directory(status)) {
                not_regular.push_back(it->path());
            }
        }
        std::sort(not_regular.begin(), not_regular.end());
        for (const fs::path& entry : not_regular)
            note(entry.string(), "skipped: not a regular file (a pipe, device or socket)");
        if (ec) {
            list.notes.push_back(
                {severity::error, {path, 0, 0}, {}, "cannot read directory: " + ec.message()});
            continue;
        }
        std::sort(entries.begin(), entries.end(),
                  [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
        std::size_t models = 0;
        for (const fs::path& entry : entries) {
            if (is_library_file(entry.string())) continue;  // libraries beside models are expected
            add(entry.string());
            ++models;
        }
        if (models == 0) note(path, "directory holds no model files (*.yaml, *.yml)");
    }
    return list;
}

model_file_set load_portfolio(std::span<const std::string> paths, const load_options& load,
                              unsigned threads) {
    model_file_list list = expand_model_paths(paths);
    const std::size_t count = list.files.size();
    model_file_set out;
    out.notes = std::move(list.notes);
    out.files.resize(count);
    // Read the models on several threads (parsing and checking dominate); each file has its own slot,
    // so the result does not depend on the number of threads.
    const auto read_one = [&](std::size_t i) {
        model_file& slot = out.files[i];
        slot.file = list.files[i];
        try {
            load_report report = load_model_report(slot.file, load);
            if (!report.ok() || !report.model) {
                slot.fail(std::move(report.diagnostics));
                return;
            }
            slot.model = std::move(report.model);
        } catch (const model_error& e) {
            slot.fail(e.diagnostics());
        } catch (const std::exception& e) {
            slot.fail({{severity::error, {slot.file, 0, 0}, {}, e.what()}});
        }
    };
    // At most one thread per 8 files.
    const unsigned workers = detail::thread_count(threads, std::max<std::size_t>(count / 8, 1));
    detail::parallel_for(count, workers, [&](std::size_t i, unsigned) { read_one(i); });
    return out;
}

}  // namespace sroi
