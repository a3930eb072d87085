#include "viz/core/clock_text.hpp"

#include <cstdio>

#include "viz/core/frame_snapshot.hpp"

namespace streetwise::viz {

const char* weekday_name(int weekday) {
    static const char* names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    return names[((weekday % 7) + 7) % 7];
}

std::string clock_text(std::int64_t step, int step_s, int start_weekday) {
    const std::int64_t seconds = step * step_s;
    const std::int64_t day = seconds / 86400;
    const std::int64_t second_of_day = seconds % 86400;
    char text[64];
    std::snprintf(text, sizeof text, "day %lld (%s) %02lld:%02lld", static_cast<long long>(day),
                  weekday_name(static_cast<int>((start_weekday + day) % 7)), static_cast<long long>(second_of_day / 3600),
                  static_cast<long long>((second_of_day % 3600) / 60));
    return text;
}

std::string snapshot_clock_text(const FrameSnapshot& snapshot, int start_weekday) {
    if (snapshot.model_time_per_step <= 0) return clock_text(snapshot.step, snapshot.step_s, start_weekday);
    char text[80];
    std::snprintf(text, sizeof text, "t = %.2f model time units (step %lld)",
                  static_cast<double>(snapshot.step) * snapshot.model_time_per_step, static_cast<long long>(snapshot.step));
    return text;
}

std::int64_t step_at(int day, int hour, int step_s) {
    return (static_cast<std::int64_t>(day) * 86400 + static_cast<std::int64_t>(hour) * 3600) / step_s;
}

}  // namespace streetwise::viz
