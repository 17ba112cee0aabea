/// @file fuzz_entry.hpp
/// @brief The one function the model fuzzer and its regression test both run on an input.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace sroi::fuzz {

/// A broken invariant found while running an input: a bug, never an expected rejection.
class fuzz_finding : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

/// Runs the model pipeline on `data` as a user's YAML file would go through it: load and check it
/// (libraries named in the file are not read; the open UK library at `library_path`, when not
/// empty, is merged in so that `{ref: ...}` proxies resolve), and when it loads, evaluate the
/// base case and every scenario and render every report format.
///
/// Model errors and evaluation errors (`sroi::error`) are expected outcomes and return normally.
/// Throws fuzz_finding when an invariant is broken: a non-finite number in a result, or the
/// loader turning an unexpected exception into a diagnostic. Anything else that escapes (another
/// exception, a crash, a sanitizer report) is a bug too.
void run_model_input(std::string_view data, const std::string& library_path);

}  // namespace sroi::fuzz
