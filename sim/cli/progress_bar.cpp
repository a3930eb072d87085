#include "sim/cli/progress_bar.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace streetwise {

namespace {
constexpr double show_after_s = 2.0;  // short runs finish before a bar would help
constexpr int bar_width = 30;
}  // namespace

ProgressBar::ProgressBar(bool enabled)
    : enabled_(enabled && isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(std::int64_t done, std::int64_t total, int steps_per_day) {
    if (!enabled_ || total <= 0) return;
    const auto now = std::chrono::steady_clock::now();
    const double elapsed_s = std::chrono::duration<double>(now - start_).count();
    if (elapsed_s < show_after_s || std::chrono::duration<double>(now - last_draw_).count() < 0.2) return;
    last_draw_ = now;
    const double fraction = static_cast<double>(done) / static_cast<double>(total);
    const int filled = static_cast<int>(fraction * bar_width);
    const double remaining_s = fraction > 0 ? elapsed_s * (1.0 - fraction) / fraction : 0.0;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(bar_width, '.');
    std::fprintf(stderr, "\r[%s] %3.0f%%  day %lld of %lld  ~%.0f s left ", bar.c_str(), fraction * 100.0,
                 static_cast<long long>(done / steps_per_day + (done < total ? 1 : 0)),
                 static_cast<long long>((total + steps_per_day - 1) / steps_per_day), remaining_s);
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::finish() {
    if (drawn_) {
        std::fprintf(stderr, "\r%*s\r", bar_width + 40, "");
        std::fflush(stderr);
        drawn_ = false;
    }
}

}  // namespace streetwise
