#include "viz/core/snapshot_builder.hpp"

#include <algorithm>

#include "sim/city/city.hpp"
#include "sim/engine/insecurity_tracker.hpp"
#include "sim/engine/reporting_system.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/model/crime_type.hpp"
#include "sim/model/intervention.hpp"
#include "viz/core/attractiveness_layer.hpp"

namespace streetwise::viz {

namespace {

// Where a walker (offender, police, a police force unit) stands: on its node, or part-way along
// the arc it travels.
template <class Walkers>
AgentPoint walker_point(const City& city, const Walkers& walkers, std::uint32_t w, AgentKind kind) {
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

void SnapshotBuilder::fill_police_force(const Simulation& simulation, FrameSnapshot& out) {
    out.dispatch_lines.clear();
    out.police_responses.clear();
    out.police_response_hourly_mean_s.clear();
    const PoliceForce* force = simulation.police_force();
    out.police_force = force != nullptr;
    out.police_units = force ? force->count() : 0;
    out.reports_waiting = force ? force->reports_waiting() : 0;
    if (!force) return;
    const City& city = simulation.city();
    // Units on the streets; off duty they are at their station, not drawn.
    for (std::uint32_t u = 0; u < force->count(); ++u)
        if (force->on_street(u))
            out.agents.push_back(
                walker_point(city, *force, u, force->kind(u) == UnitKind::car ? AgentKind::police_car : AgentKind::police));
    // One pass over the reports: a unit sent and not yet there is on its way (a dispatch line); a
    // unit there gave a response time.
    const auto& reports = force->reports();
    const auto& outcomes = force->outcomes();
    const double step_s = simulation.spec().time.step_s;
    for (std::size_t r = 0; r < outcomes.size() && r < reports.size(); ++r) {
        const ReportOutcome& outcome = outcomes[r];
        if (outcome.unit == UINT32_MAX) continue;
        if (outcome.step_arrived < 0) {
            if (outcome.unit >= force->count() || force->state(outcome.unit) != UnitState::responding) continue;
            const AgentPoint at = walker_point(city, *force, outcome.unit, AgentKind::police);
            const std::uint32_t node = reports[r].node;
            out.dispatch_lines.push_back({at.x_m, at.y_m, static_cast<float>(city.node_x_m()[node]),
                                          static_cast<float>(city.node_y_m()[node]), outcome.unit, outcome.id});
        } else {
            // response_s counts from the end of the step the report was made in (PoliceForce::move).
            const double arrival_s = static_cast<double>(outcome.step_reported + 1) * step_s + outcome.response_s;
            out.police_responses.push_back({arrival_s / 3600.0, outcome.response_s});
        }
    }
}

void SnapshotBuilder::fill_drones(const Simulation& simulation, FrameSnapshot& out) {
    const DroneFleets& drones = simulation.drones();
    out.camera_footprints.clear();
    out.drone_responses.clear();
    out.drone_fleets = static_cast<std::uint32_t>(drones.fleets().size());
    out.drones_total = 0;
    std::uint32_t fleet_index = 0;
    for (const DroneFleets::Fleet& fleet : drones.fleets()) {
        const auto radius = static_cast<float>(fleet.spec.camera_radius_m);
        for (const DroneFleets::Drone& drone : fleet.drones) {
            const std::uint32_t id = out.drones_total++;
            if (drone.state == DroneFleets::State::docked) continue;  // on the ground at its base
            const auto x = static_cast<float>(drone.at.x_m), y = static_cast<float>(drone.at.y_m);
            out.agents.push_back({x, y, id, AgentKind::drone});
            out.camera_footprints.push_back({x, y, radius, fleet_index});
        }
        ++fleet_index;
    }
    // response_s counts from the start of the step the report was made in (DroneFleets::fly).
    const double step_s = simulation.spec().time.step_s;
    for (const DroneResponse& r : drones.responses())
        out.drone_responses.push_back({(static_cast<double>(r.step_reported) * step_s + r.response_s) / 3600.0, r.response_s});
}

void SnapshotBuilder::fill_reporting(const Simulation& simulation, FrameSnapshot& out) {
    out.crimes_by_channel.clear();
    out.recent_alerts.clear();
    const ReportingSystem* reporting = simulation.reporting();
    out.reporting_apps = reporting != nullptr && reporting->app_count() > 0;
    out.app_names.clear();
    if (!reporting) {
        out.hourly_by_channel.clear();
        return;
    }
    for (std::size_t k = 0; k < reporting->app_count(); ++k) out.app_names.push_back(reporting->app(k).name());
    // The engine's order is the ReportingChannel order: police only, app only, both, nobody.
    out.crimes_by_channel.assign(reporting->channel_mix().begin(), reporting->channel_mix().end());
    out.hourly_by_channel.resize(reporting_channel_count);
    for (int c = 0; c < reporting_channel_count; ++c) out.hourly_by_channel[c] = reporting->hourly_channel_mix()[c];
    const City& city = simulation.city();
    const std::int64_t hour_ago = out.step - 3600 / out.step_s;
    const auto& alerts = simulation.alerts_so_far();
    auto first_recent = std::partition_point(alerts.begin(), alerts.end(),
                                             [&](const Alert& a) { return a.step < hour_ago; });
    for (auto a = first_recent; a != alerts.end(); ++a)
        out.recent_alerts.push_back({static_cast<float>(city.node_x_m()[a->node]),
                                     static_cast<float>(city.node_y_m()[a->node]), a->step, a->radius_m,
                                     a->recipients, a->responders, a->type, a->app});
}

void SnapshotBuilder::fill_insecurity(const Simulation& simulation, FrameSnapshot& out) {
    out.district_insecurity.clear();
    out.insecurity_hourly.clear();
    out.insecurity_groups.clear();
    out.insecurity_hourly_by_group.clear();
    out.unsafe_after_dark_percent.clear();
    const InsecurityTracker* insecurity = simulation.insecurity();
    if (!insecurity || insecurity->hours_measured() == 0) return;
    for (const double v : insecurity->district_index()) out.district_insecurity.push_back(static_cast<float>(v));
    using G = InsecurityTracker::Group;
    out.insecurity_hourly = insecurity->hourly_index(G::all);
    // The chart's groups: women and men, whose after-dark answers have the ONS 2021 reference.
    for (const int group : {static_cast<int>(G::women), static_cast<int>(G::men)}) {
        out.insecurity_groups.emplace_back(InsecurityTracker::group_name(group));
        out.insecurity_hourly_by_group.push_back(insecurity->hourly_index(group));
        out.unsafe_after_dark_percent.push_back(insecurity->unsafe_share(group));
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
    std::size_t drones_total = 0;
    for (const DroneFleets::Fleet& fleet : simulation.drones().fleets()) drones_total += fleet.drones.size();
    out.agents.reserve(walker_scratch_.size() + simulation.offenders().count() + simulation.police().count() +
                       (simulation.police_force() ? simulation.police_force()->count() : 0) + drones_total);
    for (const auto& w : walker_scratch_) {
        const double x = xs[w.from_node] + (xs[w.to_node] - xs[w.from_node]) * w.fraction;
        const double y = ys[w.from_node] + (ys[w.to_node] - ys[w.from_node]) * w.fraction;
        out.agents.push_back({static_cast<float>(x), static_cast<float>(y), w.resident, AgentKind::resident});
    }
    for (std::uint32_t o = 0; o < simulation.offenders().count(); ++o)
        out.agents.push_back(walker_point(city, simulation.offenders(), o, AgentKind::offender));
    for (std::uint32_t p = 0; p < simulation.police().count(); ++p)
        out.agents.push_back(walker_point(city, simulation.police(), p, AgentKind::police));
    fill_police_force(simulation, out);
    for (const Simulation::FootPatrol& patrol : simulation.foot_patrols())
        if (patrol.on_duty)
            for (std::uint32_t u = 0; u < patrol.units.count(); ++u)
                out.agents.push_back(walker_point(city, patrol.units, u, AgentKind::patrol));
    fill_drones(simulation, out);
    out.residents_total = residents.count();
    out.sunrise_h = simulation.spec().time.sunrise_h;
    out.sunset_h = simulation.spec().time.sunset_h;
    fill_reporting(simulation, out);
    fill_insecurity(simulation, out);

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
