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

class ChartPanel {
public:
    // Draws into the current window, filling its available region.
    void show(const FrameSnapshot& snapshot, const std::vector<std::string>& type_names, const Theme& theme,
              const FrameSnapshot* compare = nullptr);

    bool stacked = false;       // stack the types into a total
    bool last_two_days = false; // zoom on the last 48 hours
};

}  // namespace streetwise::viz
