// The one thread pool of the library: every analysis that runs on several threads goes through
// parallel_for, and no other code of the library creates threads.
#pragma once

#include <cstddef>
#include <functional>

namespace sroi::detail {

/// The most worker threads any analysis uses, whatever is asked for: far more than the cores of
/// any machine this runs on, and few enough that their stacks fit in a small address space.
inline constexpr unsigned max_threads = 256;

/// Worker threads for `items` work items when `requested` are asked for (0: one per hardware
/// thread): at least 1, at most `items` and at most max_threads.
[[nodiscard]] unsigned thread_count(unsigned requested, std::size_t items) noexcept;

/// For tests: when set, called on the calling thread before worker thread `worker` (>= 1) is
/// created; returning false makes that creation fail as if the system had refused it.
extern bool (*spawn_hook)(unsigned worker);

/// Runs body(item, worker) for every item in [0, items) on thread_count(threads, items) workers,
/// worker 0 being the calling thread. The partition is fixed: with w workers, item i goes to
/// worker i % w, and each worker takes its items in increasing order. When a thread cannot be
/// created, w is the number that were: the same items run on fewer threads, never an abort.
/// The first exception a body throws stops every worker from taking another item, and is
/// rethrown once all have stopped. Returns w.
unsigned parallel_for(std::size_t items, unsigned threads,
                      const std::function<void(std::size_t item, unsigned worker)>& body);

}  // namespace sroi::detail
