#pragma once
// ChartPanel: crimes per hour by crime type, drawn with ImGui's draw list: axes with units, day
// ticks, a legend with totals, a cursor showing the hour under the mouse, and the "now" line.
#include <string>
#include <vector>

#include "sim/io/run_result.hpp"
#include "viz/core/frame_snapshot.hpp"
#include "viz/ui/theme.hpp"

namespace streetwise::viz {

// The snapshot's hourly counts as run-file style columns (name "crimes_<type>", unit
// "crimes/h"), for CSV export: what the chart shows, nothing more.
std::vector<TimeSeriesColumn> chart_columns(const FrameSnapshot& snapshot, const std::vector<std::string>& type_names);

// What the response-time chart says in numbers: arrivals so far and their medians (seconds; -1
// when none). A replay has no per-report times: its police median is that of the hourly means.
struct ResponseSummary {
    std::size_t police_arrivals = 0;
    double police_median_s = -1;
    std::size_t drone_arrivals = 0;
    double drone_median_s = -1;
    bool from_hourly_means = false;
};
ResponseSummary response_summary(const FrameSnapshot& snapshot);

// A duration for people: "45 s" under two minutes, else "6.5 min".
std::string format_duration(double seconds);

class ChartPanel {
public:
    enum class View { crimes, responses };

    // Draws into the current window, filling its available region: the crimes per hour, or the
    // response times when chosen and the run has a police force or drones.
    void show(const FrameSnapshot& snapshot, const std::vector<std::string>& type_names, const Theme& theme,
              const FrameSnapshot* compare = nullptr);
    // What show() draws for `snapshot` now.
    View showing(const FrameSnapshot& snapshot) const {
        return view == View::responses && snapshot.has_responses_chart() ? View::responses : View::crimes;
    }

    View view = View::crimes;
    bool stacked = false;       // stack the types into a total
    bool last_two_days = false; // zoom on the last 48 hours

private:
    void show_crimes(const FrameSnapshot& snapshot, const std::vector<std::string>& type_names, const Theme& theme,
                     const FrameSnapshot* compare);
    void show_responses(const FrameSnapshot& snapshot, const Theme& theme);
    std::vector<double> hour_sum_s_, hour_count_;  // scratch: the police hourly means
};

}  // namespace streetwise::viz
