#pragma once
// A snapshot with what issue 7 adds, made up so the tests know every number: app alerts at three
// ages, the crimes so far by reporting channel and per hour, and the insecurity per district, per
// hour and per group. Until the engine fills these, the visualiser's tests draw from this.
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/city/city.hpp"
#include "viz/core/frame_snapshot.hpp"

namespace streetwise::test {

// The alerts: a fresh one to peers within 200 m (15 minutes old: fully spread), one to trusted
// contacts only (40 minutes old), and one of 100 minutes ago that the map no longer draws.
inline constexpr std::size_t peers_alert = 0, contacts_alert = 1, old_alert = 2;
// District 0 has insecurity 10, district 1 has 90, the others 50.
inline constexpr float calm_district_index = 10, fearful_district_index = 90, other_district_index = 50;

// `hours` hours of data (the clock at their end), on a run of twice as many.
inline viz::FrameSnapshot reporting_insecurity_snapshot(const City& city, std::size_t hours = 10) {
    using namespace streetwise::viz;
    FrameSnapshot s;
    s.step_s = 60;
    s.step = static_cast<std::int64_t>(hours) * 60;
    s.total_steps = 2 * s.step;
    s.night = s.is_night_at(static_cast<double>(hours));
    s.residents_total = 100;
    s.segment_crimes.assign(city.segment_count(), 0);
    s.segment_crimes[3] = 4;  // some crime heat, which the insecurity layer must cover
    s.crimes_by_type.assign(6, 0);
    s.crimes_by_type[0] = 4;
    s.crime_total = 4;
    s.hourly_by_type.assign(6, std::vector<double>(hours, 0.0));

    const auto at = [&](std::uint32_t segment) {
        const std::uint32_t node = city.segment_from()[segment];
        return std::pair{static_cast<float>(city.node_x_m()[node]), static_cast<float>(city.node_y_m()[node])};
    };
    s.reporting_apps = true;
    s.app_names = {"SafeWalk", "Neighbours"};
    const auto [x0, y0] = at(10);
    const auto [x1, y1] = at(city.segment_count() / 2);
    const auto [x2, y2] = at(city.segment_count() - 5);
    s.recent_alerts.push_back({x0, y0, s.step - 15, 200.0f, 12, 3, 0, 0});
    s.recent_alerts.push_back({x1, y1, s.step - 40, 0.0f, 3, 1, 1, 1});
    s.recent_alerts.push_back({x2, y2, s.step - 100, 150.0f, 8, 0, 0, 0});

    // Per hour: police only 2, app only 1, both 1, nobody 4 (the dark figure: half).
    const double per_hour[reporting_channel_count] = {2, 1, 1, 4};
    for (const double v : per_hour) s.hourly_by_channel.push_back(std::vector<double>(hours, v));
    for (const double v : per_hour) s.crimes_by_channel.push_back(static_cast<std::uint64_t>(v) * hours);

    s.district_insecurity.assign(city.districts().size(), other_district_index);
    s.district_insecurity.at(0) = calm_district_index;
    s.district_insecurity.at(1) = fearful_district_index;
    s.insecurity_groups = {"women", "men"};
    s.insecurity_hourly_by_group.assign(2, {});
    for (std::size_t h = 0; h < hours; ++h) {
        // Higher after dark, and for women more than for men.
        const double night = s.is_night_at(static_cast<double>(h) + 0.5) ? 15.0 : 0.0;
        s.insecurity_hourly_by_group[0].push_back(40.0 + night);
        s.insecurity_hourly_by_group[1].push_back(20.0 + night);
        s.insecurity_hourly.push_back(30.0 + night);
    }
    s.unsafe_after_dark_percent = {47.0, 16.0};
    return s;
}

}  // namespace streetwise::test
