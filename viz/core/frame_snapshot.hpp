#pragma once
// FrameSnapshot: everything one frame of the visualiser draws, copied out of the engine at one
// instant. The engine thread fills a snapshot between two steps; the UI thread only ever reads a
// complete one (see SnapshotExchange), so the map, the clock and the charts always agree.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/run_result.hpp"

namespace streetwise::viz {

// What a point on the map is. `police` are officers on foot (the random walkers of scenarios
// without a police force, or the force's foot units), `police_car` the force's car units, `drone`
// an airborne drone (docked ones are not drawn). App alerts join when that module lands.
enum class AgentKind : std::uint8_t { resident, offender, police, patrol, police_car, drone };
inline constexpr int agent_kind_count = 6;
const char* to_string(AgentKind kind);

struct AgentPoint {
    float x_m = 0;  // local metres, as City::node_x_m
    float y_m = 0;
    std::uint32_t id = 0;  // index within its kind (resident id, offender id, ...)
    AgentKind kind = AgentKind::resident;
};

// The ground an airborne drone's camera sees: a disc around the point under it.
struct CameraFootprint {
    float x_m = 0;
    float y_m = 0;
    float radius_m = 0;      // the fleet's camera_radius_m
    std::uint32_t fleet = 0; // index in the scenario's drones:
};

// A police unit on its way to a report: from where the unit is now to the report's intersection.
struct DispatchLine {
    float from_x_m = 0, from_y_m = 0;
    float to_x_m = 0, to_y_m = 0;
    std::uint32_t unit = 0;    // PoliceForce unit
    std::uint32_t report = 0;  // PoliceReport::id
};

// An app's alert (an SOS to contacts or nearby peers, sim/model/alert.hpp), drawn as rings spreading
// from the scene while it is fresh.
struct AlertMark {
    float x_m = 0;                 // the scene
    float y_m = 0;
    std::int64_t step = 0;         // step it went out
    float radius_m = 0;            // peers within this distance got it (0: trusted contacts only)
    std::uint32_t recipients = 0;
    std::uint32_t responders = 0;  // recipients who came to the scene
    std::uint8_t type = 0;         // CrimeType
    std::uint16_t app = 0;         // index into the scenario's apps
};

// What victims did after a crime (ODD 7.19): the four reporting channels, in this order.
enum class ReportingChannel : std::uint8_t { police_only, app_only, police_and_app, nobody };
inline constexpr int reporting_channel_count = 4;
const char* to_string(ReportingChannel channel);

// One arrival at a report: when (hours since day 0, 00:00) and how long after the report.
struct ResponseTime {
    double arrival_h = 0;
    double response_s = 0;
};

struct FrameSnapshot {
    std::uint64_t serial = 0;  // 1 for the first snapshot of a run, +1 for each one published after
    std::int64_t step = 0;     // steps completed: the clock reads step * step_s seconds since day 0, 00:00
    std::int64_t total_steps = 0;
    int step_s = 60;
    bool night = false;

    // Agents on the street. Residents indoors (at home, at work) are not drawn; their count is.
    std::vector<AgentPoint> agents;
    std::uint32_t residents_total = 0;
    std::uint32_t residents_walking = 0;

    // The police force (issue 6), when the run has one: its units are among `agents` (foot units as
    // AgentKind::police, cars as AgentKind::police_car; off-duty units, at their station, are not).
    bool police_force = false;
    std::uint32_t police_units = 0;      // the force's units, on duty or not
    std::uint32_t reports_waiting = 0;   // reports no unit has been sent to yet
    std::vector<DispatchLine> dispatch_lines;  // one per responding unit
    // Drone fleets (scenario drones:): airborne drones are among `agents` (AgentKind::drone, id =
    // the drone's index over all fleets in order), each with its camera's footprint.
    std::uint32_t drone_fleets = 0;      // 0: the run has no drones
    std::uint32_t drones_total = 0;
    std::vector<CameraFootprint> camera_footprints;
    // Response times so far: each report a police unit reached (in report order), each first
    // arrival of a drone at a report's scene (in order of arrival). Replays have no per-report
    // times (the run file reader does not read /events/reports); they show the hourly mean instead.
    std::vector<ResponseTime> police_responses;
    std::vector<ResponseTime> drone_responses;
    // The police force's mean response time per hour (seconds; 0: no arrival in that hour), from a
    // replayed run file's response_mean_s column; empty for live runs (they have police_responses).
    std::vector<double> police_response_hourly_mean_s;

    // Whether the chart of response times has anything to show for this run.
    bool has_responses_chart() const { return police_force || drone_fleets > 0 || !police_response_hourly_mean_s.empty(); }

    // Crime so far (true crime: every offence, reported or not).
    std::uint64_t crime_total = 0;
    std::vector<std::uint64_t> crimes_by_type;      // index = CrimeType
    std::vector<std::uint32_t> segment_crimes;      // per segment
    std::vector<std::uint32_t> segment_crimes_by_type;  // [segment * types + type], types = crimes_by_type.size()
    std::vector<std::vector<double>> hourly_by_type;  // [type][hour], hours started so far
    std::vector<CrimeEvent> recent_crimes;          // the last hour's crimes, newest last

    // Reporting (issue 7): whether the run has apps (then the channel chart and alerts mean something),
    // crimes so far by reporting channel, the same per hour [channel][hour], and the last hour's
    // alerts, newest last.
    bool reporting_apps = false;
    std::vector<std::string> app_names;
    std::vector<std::uint64_t> crimes_by_channel;           // index = ReportingChannel; empty: not known
    std::vector<std::vector<double>> hourly_by_channel;     // [channel][hour], hours started so far
    std::vector<AlertMark> recent_alerts;

    // Insecurity (fear of crime, issue 7): the index 0-100 now per district (mean over the residents
    // who live there; empty: the run does not measure it), and per hour so far, for everyone and per
    // group (groups named in insecurity_groups, e.g. "women", "men").
    std::vector<float> district_insecurity;
    std::vector<double> insecurity_hourly;                  // [hour]: everyone
    std::vector<std::string> insecurity_groups;
    std::vector<std::vector<double>> insecurity_hourly_by_group;  // [group][hour]
    // The share of residents who would feel unsafe walking alone after dark on a quiet street near
    // home, in percent, per insecurity group (the last evaluation); empty when not measured.
    std::vector<double> unsafe_after_dark_percent;

    // Whether the charts of reporting channels and of insecurity have anything to show.
    bool has_reporting_chart() const { return !hourly_by_channel.empty() || !crimes_by_channel.empty(); }
    bool has_insecurity_chart() const { return !insecurity_hourly.empty() || !insecurity_hourly_by_group.empty(); }
    // Crimes so far per reporting channel: crimes_by_channel, or the sums of hourly_by_channel when
    // only those are filled; empty when neither is.
    std::vector<std::uint64_t> channel_totals() const;
    // The alerts of recent_alerts that went out within the last hour (of the crime types with
    // shown[type] true; all types when `shown` is empty): what the map draws.
    std::size_t alerts_in_last_hour(const std::vector<bool>& shown = {}) const;

    // The scenario's time.sunrise_h and time.sunset_h (local hours), for shading the night in the
    // charts: between sunset and sunrise, as Simulation::is_night.
    double sunrise_h = 7.0;
    double sunset_h = 19.0;
    bool is_night_at(double hour) const;

    // Interventions in force now (live runs): their descriptions, and the streets lit by them.
    std::vector<std::string> active_interventions;
    std::vector<std::uint8_t> segment_lit_by_intervention;  // per segment, 1 = lit now; empty: none
    float dark_lux_threshold = 5.0f;  // the scenario's offenders.dark_lux_threshold (may change live)

    // A value per intersection to show as a layer (the Short model's attractiveness), else empty.
    std::vector<float> node_field;
    std::string node_field_name;   // with its unit, for the legend
    float node_field_cell_m = 0;   // the spacing of the nodes the field lives on (lattice), for drawing

    // A value per street segment to show as a layer (the street model's attractiveness B of repeat
    // and near-repeat victimisation), else empty: the run has no such field, or it is switched off.
    std::vector<float> segment_field;
    std::string segment_field_name;     // what it is, with its unit, for the legend and the details
    std::string segment_field_meaning;  // what a value means, in one line for the legend

    // Models with their own time unit (the lattice models): model time per step; 0 for the street
    // model, whose steps are step_s seconds of a day.
    double model_time_per_step = 0;

    // True for a replayed run file (no agent positions are stored in run files).
    bool replay = false;

    // Crimes so far per segment counting only the types with shown[type] true (all types when
    // `shown` is empty): what the heat layer colours when the user filters crime types.
    std::vector<std::uint32_t> segment_crimes_of_types(const std::vector<bool>& shown) const;

    double hours_elapsed() const { return static_cast<double>(step) * step_s / 3600.0; }
};

}  // namespace streetwise::viz
