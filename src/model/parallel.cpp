#include "model/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace sroi::detail {

bool (*spawn_hook)(unsigned worker) = nullptr;

unsigned thread_count(unsigned requested, std::size_t items) noexcept {
    const unsigned wanted = requested != 0 ? requested : std::max(1U, std::thread::hardware_concurrency());
    return static_cast<unsigned>(
        std::max<std::size_t>(1, std::min<std::size_t>({wanted, items, max_threads})));
}

unsigned parallel_for(std::size_t items, unsigned threads,
                      const std::function<void(std::size_t item, unsigned worker)>& body) {
    const unsigned wanted = thread_count(threads, items);
    std::mutex mutex;
    std::condition_variable ready;
    unsigned workers = 0;  // 0 until every thread that could be created has been
    std::exception_ptr failure;
    std::atomic<bool> stop{false};

    auto run = [&](unsigned worker, unsigned count) {
        try {
            for (std::size_t i = worker; i < items && !stop.load(std::memory_order_relaxed); i += count)
                body(i, worker);
        } catch (...) {
            const std::lock_guard lock(mutex);
            if (!failure) failure = std::current_exception();
            stop = true;
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < wanted; ++t) {
        if (spawn_hook != nullptr && !spawn_hook(t)) break;
        try {
            pool.emplace_back([&, t] {
                std::unique_lock lock(mutex);
                ready.wait(lock, [&] { return workers != 0; });
                const unsigned count = workers;
                lock.unlock();
                run(t, count);
            });
        } catch (...) {
            break;  // std::system_error, or no memory for the thread or its handle: go on with those running
        }
    }
    const auto started = static_cast<unsigned>(pool.size() + 1);
    {
        const std::lock_guard lock(mutex);
        workers = started;
    }
    ready.notify_all();
    run(0, started);
    for (std::thread& t : pool)
        t.join();
    if (failure) std::rethrow_exception(failure);
    return started;
}

}  // namespace sroi::detail
