#pragma once
// ChartPanel: crimes per hour by crime type, drawn with ImGui's draw list: axes with units, day
// ticks, a legend with totals, a cursor showing the hour under the mouse, and the "now" line. For
// runs that have them, the same panel shows response times, reporting channels or insecurity.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/run_result.hpp"
#include "viz/core/frame_snapshot.hpp"
#include "viz/ui/theme.hpp"

namespace streetwise::viz {

// The snapshot's hourly counts as run-file style columns (name "crimes_<type>", unit
// "crimes/h"), for CSV export: what the chart shows, nothing more.
std::vector<TimeSeriesColumn> chart_columns(const FrameSnapshot& snapshot, const std::vector<std::string>& type_names);

// The reporting-channel chart's series (issue 7) as columns "channel_<channel>" (crimes/h), in
// ReportingChannel order, padded with zeros to the longest; empty when the run has none.
std::vector<TimeSeriesColumn> channel_chart_columns(const FrameSnapshot& snapshot);
// The insecurity chart's series: "insecurity_everyone" then "insecurity_<group>" per group (index
// 0-100, hourly mean), padded with zeros to the longest; empty when the run does not measure it.
std::vector<TimeSeriesColumn> insecurity_chart_columns(const FrameSnapshot& snapshot);

// What the reporting-channel chart says in numbers: crimes so far per channel, their sum, and the
// dark figure (the share of those crimes nobody reported, in percent; -1 with no crime yet).
struct ChannelSummary {
    std::vector<std::uint64_t> crimes;  // index = ReportingChannel
    std::uint64_t total = 0;
    double dark_figure_percent = -1;
};
ChannelSummary channel_summary(const FrameSnapshot& snapshot);

// The ONS 2021 share of people who feel unsafe walking alone after dark on a quiet street near
// their home, for an insecurity group named "women" or "men" (49% and 15%), else -1.
double ons_unsafe_after_dark_percent(const std::string& group);

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
    enum class View { crimes, responses, reporting, insecurity };

    // Whether `snapshot` has what `chosen` shows: the crimes always; the response times with a police
    // force or drones; the reporting channels and the insecurity when the run measures them.
    static bool offered(View chosen, const FrameSnapshot& snapshot);
    // The chart window's title for a view ("Crimes per hour", ...).
    static const char* title(View shown);

    // Draws into the current window, filling its available region: the view chosen when the run
    // offers it, else the crimes per hour; with a choice of the views offered above it.
    void show(const FrameSnapshot& snapshot, const std::vector<std::string>& type_names, const Theme& theme,
              const FrameSnapshot* compare = nullptr);
    // What show() draws for `snapshot` now.
    View showing(const FrameSnapshot& snapshot) const { return offered(view, snapshot) ? view : View::crimes; }
    // The series of what show() draws now, for CSV export: the crime types' for the crimes and the
    // response times (the response chart has no hourly series of its own), else the view's own.
    std::vector<TimeSeriesColumn> columns(const FrameSnapshot& snapshot, const std::vector<std::string>& type_names) const;

    View view = View::crimes;
    bool stacked = false;       // stack the types into a total
    bool channels_stacked = true;  // the reporting channels as stacked bars (the mix reads at a glance), else lines
    bool last_two_days = false; // zoom on the last 48 hours

private:
    void show_crimes(const FrameSnapshot& snapshot, const std::vector<std::string>& type_names, const Theme& theme,
                     const FrameSnapshot* compare);
    void show_responses(const FrameSnapshot& snapshot, const Theme& theme);
    void show_reporting(const FrameSnapshot& snapshot, const Theme& theme);
    void show_insecurity(const FrameSnapshot& snapshot, const Theme& theme);
    std::vector<double> hour_sum_s_, hour_count_;  // scratch: the police hourly means
};

}  // namespace streetwise::viz
