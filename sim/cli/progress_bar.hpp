#pragma once
// A one-line progress bar on stderr for runs that take more than a few seconds. Silent when
// stderr is not a terminal (CI logs, pipes) and for short runs.
#include <chrono>
#include <cstdint>

namespace streetwise {

class ProgressBar {
public:
    explicit ProgressBar(bool enabled);
    ~ProgressBar();
    void update(std::int64_t done, std::int64_t total, int steps_per_day);
    void finish();

private:
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace streetwise
