#include "viz/core/snapshot_builder.hpp"

#include <algorithm>

#include "sim/city/city.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/model/crime_type.hpp"
#include "sim/model/intervention.hpp"
#include "viz/core/attractiveness_layer.hpp"

namespace streetwise::viz {

namespace {

// Where a random walker (offender, police) stands: on its node, or part-way along the arc it walks.
AgentPoint random_walker_point(const City& city, const RandomWalkers& walkers, std::uint32_t w, AgentKind kind) {
    const auto& xs = city.node_x_m();
    const auto& ys = city.node_y_m();
    const std::uint32_t from = walkers.node(w);
    double x = xs[from];
    double y = ys[from];
    const std::uint32_t arc = walkers.heading_arc(w);
    if (arc != UINT32_MAX) {
        const std::uint32_t to = city.arc_target(arc);
        const float length_m = city.arc_length_m(arc);
        const double t = length_m > 0 ? std::clamp(static_cast<double>(walkers.progress_m(w) / length_m), 0.0, 1.0) : 0.0;
        x += (xs[to] - x) * t;
        y += (ys[to] - y) * t;
    }
    return {static_cast<float>(x), static_cast<float>(y), w, kind};
}

}  // namespace

void SnapshotBuilder::absorb_new_crimes(const Simulation& simulation) {
    const auto& events = simulation.recorder().events();
    const int steps_per_hour = std::max(1, 3600 / simulation.spec().time.step_s);
    for (; crimes_seen_ < events.size(); ++crimes_seen_) {
        const CrimeEvent& e = events[crimes_seen_];
        ++crimes_by_type_[e.type];
        ++segment_crimes_[e.segment];
        ++segment_crimes_by_type_[static_cast<std::size_t>(e.segment) * crime_type_count + e.type];
        const std::size_t hour = e.step / static_cast<std::uint32_t>(steps_per_hour);
        auto& series = hourly_by_type_[e.type];
        if (series.size() <= hour) series.resize(hour + 1, 0.0);
        series[hour] += 1.0;
    }
}

void SnapshotBuilder::fill(const Simulation& simulation, FrameSnapshot& out) {
    const City& city = simulation.city();
    if (segment_crimes_.empty()) {
        crimes_by_type_.assign(crime_type_count, 0);
        segment_crimes_.assign(city.segment_count(), 0);
        segment_crimes_by_type_.assign(static_cast<std::size_t>(city.segment_count()) * crime_type_count, 0);
        hourly_by_type_.assign(crime_type_count, {});
    }
    absorb_new_crimes(simulation);

    out.serial = ++serial_;
    out.step = simulation.current_step();
    out.total_steps = simulation.total_steps();
    out.step_s = simulation.spec().time.step_s;
    out.night = simulation.is_night(std::max<std::int64_t>(0, out.step - 1));
    out.replay = false;

    // Agents: residents on the street, then offenders, then police, each in id order.
    const auto& xs = city.node_x_m();
    const auto& ys = city.node_y_m();
    const Residents& residents = simulation.residents();
    walker_scratch_.clear();
    residents.append_walker_positions(walker_scratch_);
    out.agents.clear();
    out.agents.reserve(walker_scratch_.size() + simulation.offenders().count() + simulation.police().count());
    for (const auto& w : walker_scratch_) {
        const double x = xs[w.from_node] + (xs[w.to_node] - xs[w.from_node]) * w.fraction;
        const double y = ys[w.from_node] + (ys[w.to_node] - ys[w.from_node]) * w.fraction;
        out.agents.push_back({static_cast<float>(x), static_cast<float>(y), w.resident, AgentKind::resident});
    }
    for (std::uint32_t o = 0; o < simulation.offenders().count(); ++o)
        out.agents.push_back(random_walker_point(city, simulation.offenders(), o, AgentKind::offender));
    for (std::uint32_t p = 0; p < simulation.police().count(); ++p)
        out.agents.push_back(random_walker_point(city, simulation.police(), p, AgentKind::police));
    for (const Simulation::FootPatrol& patrol : simulation.foot_patrols())
        if (patrol.on_duty)
            for (std::uint32_t u = 0; u < patrol.units.count(); ++u)
                out.agents.push_back(random_walker_point(city, patrol.units, u, AgentKind::patrol));
    out.residents_total = residents.count();

    // Interventions in force, and the streets active lighting raises to at least its illuminance.
    const auto& interventions = simulation.spec().interventions;
    out.active_interventions.clear();
    out.segment_lit_by_intervention.clear();
    for (std::size_t i = 0; i < interventions.size(); ++i) {
        if (!simulation.intervention_active_now(i)) continue;
        out.active_interventions.push_back(describe_intervention(interventions[i]));
        if (interventions[i].kind != InterventionKind::street_lighting) continue;
        out.segment_lit_by_intervention.resize(city.segment_count(), 0);
        for (const std::uint32_t s : simulation.intervention_target(i)) out.segment_lit_by_intervention[s] = 1;
    }
    out.dark_lux_threshold = static_cast<float>(simulation.spec().offenders.dark_lux_threshold);
    out.node_field.clear();
    out.model_time_per_step = 0;
    out.node_field_name.clear();
    // Repeat victimisation: B as of the engine's last update (it changes once per update interval).
    if (simulation.attractiveness().enabled()) set_attractiveness_layer(simulation.attractiveness().values(), out);
    else clear_segment_field(out);
    out.residents_walking = residents.walking_count();

    // Crime so far.
    out.crimes_by_type = crimes_by_type_;
    out.segment_crimes = segment_crimes_;
    out.segment_crimes_by_type = segment_crimes_by_type_;
    out.hourly_by_type = hourly_by_type_;
    const std::size_t hours_started =
        static_cast<std::size_t>((out.step + (3600 / out.step_s) - 1) / std::max(1, 3600 / out.step_s));
    for (auto& series : out.hourly_by_type) series.resize(std::max(series.size(), hours_started), 0.0);
    out.crime_total = 0;
    for (const std::uint64_t n : crimes_by_type_) out.crime_total += n;
    const auto& events = simulation.recorder().events();
    const std::int64_t hour_ago = out.step - 3600 / out.step_s;
    auto first_recent = std::partition_point(events.begin(), events.end(), [&](const CrimeEvent& e) {
        return static_cast<std::int64_t>(e.step) < hour_ago;
    });
    out.recent_crimes.assign(first_recent, events.end());
}

}  // namespace streetwise::viz
