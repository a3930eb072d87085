#include "sim/core/sanitizer_thread_pool.hpp"

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace streetwise {

namespace {

struct Batch {
    const std::function<void(std::size_t)>* piece = nullptr;
    std::size_t remaining = 0;  // pieces handed to the pool and not finished
    std::vector<std::exception_ptr> errors;
};

struct Task {
    Batch* batch;
    std::size_t index;
};

class SanitizerThreadPool {
public:
    ~SanitizerThreadPool() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        work_.notify_all();
        for (std::thread& worker : workers_) worker.join();
    }

    void run(std::size_t pieces, const std::function<void(std::size_t)>& piece) {
        Batch batch;
        batch.piece = &piece;
        batch.remaining = pieces - 1;
        batch.errors.resize(pieces);
        {
            std::lock_guard lock(mutex_);
            for (std::size_t k = 1; k < pieces; ++k) queue_.push_back(Task{&batch, k});
            // Enough workers for this batch even when every other worker is busy in an outer one.
            while (workers_.size() < max_workers && idle_ < pieces - 1) {
                workers_.emplace_back([this] { work_loop(); });
                ++idle_;
            }
        }
        work_.notify_all();
        execute(Task{&batch, 0}, false);
        std::unique_lock lock(mutex_);
        while (batch.remaining > 0) {
            if (!queue_.empty()) {
                const Task task = queue_.front();
                queue_.pop_front();
                lock.unlock();
                execute(task, true);
                lock.lock();
            } else {
                done_.wait(lock);
            }
        }
        lock.unlock();
        for (const std::exception_ptr& error : batch.errors)
            if (error) std::rethrow_exception(error);
    }

private:
    static constexpr std::size_t max_workers = 16;

    void execute(const Task& task, bool pooled) {
        try {
            (*task.batch->piece)(task.index);
        } catch (...) {
            task.batch->errors[task.index] = std::current_exception();
        }
        if (!pooled) return;
        {
            std::lock_guard lock(mutex_);
            --task.batch->remaining;
        }
        done_.notify_all();
    }

    void work_loop() {
        std::unique_lock lock(mutex_);
        for (;;) {
            work_.wait(lock, [&] { return stop_ || !queue_.empty(); });
            if (stop_) return;
            const Task task = queue_.front();
            queue_.pop_front();
            --idle_;
            lock.unlock();
            execute(task, true);
            lock.lock();
            ++idle_;
        }
    }

    std::mutex mutex_;
    std::condition_variable work_;  // a task was queued, or stop
    std::condition_variable done_;  // a pooled task finished
    std::deque<Task> queue_;
    std::vector<std::thread> workers_;
    std::size_t idle_ = 0;
    bool stop_ = false;
};

}  // namespace

std::size_t sanitizer_pool_threads() {
    const std::size_t limit = tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
    const auto arena = static_cast<std::size_t>(std::max(1, tbb::this_task_arena::max_concurrency()));
    return std::max<std::size_t>(1, std::min(limit, arena));
}

void run_on_sanitizer_pool(std::size_t pieces, const std::function<void(std::size_t)>& piece) {
    if (pieces <= 1) {
        if (pieces == 1) piece(0);
        return;
    }
    static SanitizerThreadPool pool;
    pool.run(pieces, piece);
}

}  // namespace streetwise
