#include "viz/core/frame_snapshot.hpp"

#include <algorithm>
#include <cmath>

namespace streetwise::viz {

std::vector<std::uint32_t> FrameSnapshot::segment_crimes_of_types(const std::vector<bool>& shown) const {
    const std::size_t types = crimes_by_type.size();
    if (shown.empty() || types == 0 || segment_crimes_by_type.size() != segment_crimes.size() * types) return segment_crimes;
    std::vector<std::uint32_t> counts(segment_crimes.size(), 0);
    for (std::size_t s = 0; s < counts.size(); ++s)
        for (std::size_t t = 0; t < types && t < shown.size(); ++t)
            if (shown[t]) counts[s] += segment_crimes_by_type[s * types + t];
    return counts;
}

std::vector<std::uint64_t> FrameSnapshot::channel_totals() const {
    if (!crimes_by_channel.empty()) return crimes_by_channel;
    std::vector<std::uint64_t> totals;
    for (const auto& hours : hourly_by_channel) {
        double sum = 0;
        for (const double v : hours) sum += v;
        totals.push_back(static_cast<std::uint64_t>(std::llround(sum)));
    }
    return totals;
}

std::size_t FrameSnapshot::alerts_in_last_hour(const std::vector<bool>& shown) const {
    const std::int64_t hour_steps = 3600 / std::max(1, step_s);
    std::size_t n = 0;
    for (const AlertMark& a : recent_alerts)
        n += step - a.step <= hour_steps && !(a.type < shown.size() && !shown[a.type]);
    return n;
}

bool FrameSnapshot::is_night_at(double hour) const {
    const double of_day = hour - 24.0 * std::floor(hour / 24.0);
    return of_day < sunrise_h || of_day >= sunset_h;
}

const char* to_string(AgentKind kind) {
    switch (kind) {
        case AgentKind::resident: return "resident";
        case AgentKind::offender: return "offender";
        case AgentKind::police: return "police";
        case AgentKind::patrol: return "patrol";
        case AgentKind::police_car: return "police car";
        case AgentKind::drone: return "drone";
    }
    return "agent";
}

const char* to_string(ReportingChannel channel) {
    switch (channel) {
        case ReportingChannel::police_only: return "police only";
        case ReportingChannel::app_only: return "app only";
        case ReportingChannel::police_and_app: return "police and app";
        case ReportingChannel::nobody: return "nobody";
    }
    return "channel";
}

}  // namespace streetwise::viz
