#pragma once
// Simulated time as people read it: "day 3 (Wed) 22:15".
#include <cstdint>
#include <string>

namespace streetwise::viz {


// `step` steps of `step_s` seconds after 00:00 of day 0, whose weekday is start_weekday (0 = Monday).
std::string clock_text(std::int64_t step, int step_s, int start_weekday);
const char* weekday_name(int weekday);  // 0 = "Mon"

// The clock of a snapshot: clock_text for the street model, "t = 200.00 (step 20,000)" for models
// with their own time unit (FrameSnapshot::model_time_per_step > 0).
struct FrameSnapshot;
std::string snapshot_clock_text(const FrameSnapshot& snapshot, int start_weekday);

// The step at which day `day` (from 0), hour `hour` (0-23) starts.
std::int64_t step_at(int day, int hour, int step_s);

}  // namespace streetwise::viz
