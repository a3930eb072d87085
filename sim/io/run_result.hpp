#pragma once
// RunResult: everything one run produces, in memory, before it is written to an HDF5 run file.
// The engine fills it; sim/io/run_file writes it; docs/run-file.md documents the layout.
#include <cstdint>
#include <string>
#include <vector>

namespace streetwise {

class City;

struct CrimeEvent {
    std::uint32_t step = 0;      // simulation step (minute since 00:00 of day 0 when step_s = 60)
    std::uint32_t node = 0;      // intersection where it happened
    std::uint32_t segment = 0;   // street segment it is attributed to (the offender's last segment)
    std::uint8_t type = 0;       // CrimeType
    std::uint32_t offender = 0;  // offender id
    std::uint32_t victim = 0;    // resident id, or no_victim (UINT32_MAX) for offences against a place
    std::uint8_t reported = 0;   // 1: entered (or, with a reporting delay, will enter) the police record; 0: dark figure
    float journey_m = 0;         // straight-line distance from the offender's home (journey to crime)
    // Reporting channels (issue 7): bit 0 the victim reported to the police, bit 1 through an app, bit
    // 2 + k through app k (scenario apps[k]). 0 for unreported crime and for a drone's detection.
    std::uint16_t channel = 0;
};
inline constexpr std::uint16_t channel_police = 1;
inline constexpr std::uint16_t channel_app = 2;
constexpr std::uint16_t channel_app_bit(std::size_t app) { return static_cast<std::uint16_t>(4u << app); }

// One hourly time series; the writer stores each as /timeseries/<name> with unit and description
// attributes, so modules add columns without touching the writer.
struct TimeSeriesColumn {
    std::string name;
    std::string unit;
    std::string description;
    std::vector<double> values;  // one per simulated hour
};

// A parameter changed while the run was going (the visualiser's live edits). Recorded so a run
// file never hides that its numbers come from more than its resolved scenario.
struct LiveChange {
    std::int64_t step = 0;  // first step that used the new value
    std::string key;        // dotted scenario key, e.g. "offenders.base_probability"
    double value = 0;
};

// One report to the police and what came of it (runs with the police force: docs/run-file.md).
struct ReportOutcome {
    std::uint32_t id = 0;             // reports in the order they were made
    std::uint32_t event = 0;          // the crime event it reports (row of /events/crimes)
    std::int64_t step_reported = 0;
    std::uint8_t type = 0;            // CrimeType
    std::uint8_t priority = 0;        // dispatch priority, 0 = most urgent
    std::uint32_t unit = UINT32_MAX;  // the unit that arrived; UINT32_MAX: none (dispatch off, or still waiting)
    std::int64_t step_arrived = -1;   // -1: no unit arrived
    double response_s = -1;           // arrival - report, seconds; -1: no unit arrived
    std::uint8_t arrested = 0;        // 1: the offender was arrested
};

// What the police force did (only in runs that have one: a strategy other than random patrol,
// dispatch, cars, shifts or police interventions; runs without it leave `present` false and their
// run files are as before).
struct PoliceOutput {
    bool present = false;
    std::vector<ReportOutcome> reports;
    std::vector<double> segment_police_minutes;    // per segment: unit-minutes on duty on it
    std::vector<double> segment_hot_spot_minutes;  // per segment: unit-minutes patrolling it as a target
    std::vector<double> district_community_minutes;  // per district: community contact minutes
};

// Drones (scenario `drones:`; sim/agents/drone_fleet.hpp). Empty `fleets`: the run had none, and
// the run file has no /drones group.
struct DroneFleetResult {
    std::string name;
    std::string mode;                 // patrol, hot_spots, first_responder
    std::uint32_t drones = 0;
    double flight_s = 0;              // airborne time of all its drones (hovering included)
    std::uint64_t flights = 0;        // take-offs
    std::uint64_t refused_targets = 0;     // targets it could not fly to: in a no-fly zone, cut off, or beyond its battery
    std::uint64_t unanswered_reports = 0;  // first_responder: reports no drone could take in time
    std::uint64_t detections = 0;     // crimes nobody reported that its cameras brought into the record
};
// A first responder's arrival at the scene of a police report.
struct DroneResponse {
    std::uint32_t report = 0;         // PoliceReport::id
    std::uint32_t event = 0;          // the crime event (index into crimes)
    std::int64_t step_reported = 0;
    std::uint32_t fleet = 0;          // index into DroneResults::fleets
    std::uint32_t drone = 0;          // within the fleet
    double response_s = 0;            // from the report (start of its step) to the drone over the scene
};
struct DroneResults {
    std::vector<DroneFleetResult> fleets;
    std::vector<DroneResponse> responses;  // in order of arrival
    std::vector<std::string> district_names;
    // Privacy footprint: minutes residents walking in the street spent under a camera, per district
    // (of the intersection they were at) and group: [group][district], groups named in privacy_groups.
    std::vector<std::string> privacy_groups;
    std::vector<std::vector<double>> privacy_minutes;
    std::vector<double> node_camera_min;     // per node: minutes under at least one camera
    std::vector<double> segment_camera_min;  // per segment: minutes with an end node under a camera
};

// Victim reaction, apps, victim support and trust (issue 7; only in runs that use them: `present`
// false leaves the run file without /reporting). docs/run-file.md documents the layout.
struct AppResult {
    std::string name;
    std::string kind;                        // reporting, alerting
    std::uint64_t adopters_end = 0;          // residents who have it at the end of the run
    std::uint64_t reports = 0;               // crimes reported through it
    std::uint64_t recorded_via_app = 0;      // of them, entered the police record by the app (first or not)
    std::uint64_t emergency_calls = 0;
    std::uint64_t alerts = 0;                // SOS sent
    std::uint64_t recipients = 0;            // contacts and peers alerted, summed over alerts
    std::uint64_t responders = 0;            // of them, came to the scene
    std::vector<std::string> holders;        // who receives its reports (channels)
    std::vector<std::string> data_items;     // personal data items it collects per report
    std::uint64_t data_records = 0;          // reports x data items collected
    std::uint64_t identity_records = 0;      // of them, identities (0 for anonymous apps)
};
struct VictimSupportResult {
    std::string name;
    std::uint64_t referrals = 0;             // from the police and from apps
    std::uint64_t from_police = 0;
    std::uint64_t turned_away = 0;           // no capacity left that day
    std::uint64_t reached = 0;               // contacted (reach) among the cases taken
    std::vector<std::uint64_t> reached_by_type;   // per crime type
    std::vector<std::uint64_t> reached_by_group;  // female, male, young, adult, older, majority, minority
};
struct ReportingOutput {
    bool present = false;
    std::vector<std::string> groups;          // female, male, young, adult, older, majority, minority, all
    std::vector<std::string> district_names;
    // True crime by type and channel: [type][mix], mix 0 police only, 1 app only, 2 both, 3 none
    // (3 includes crimes only a drone camera recorded: no one reported them).
    std::vector<std::vector<std::uint64_t>> channel_mix;
    std::vector<std::uint64_t> recorded_by_type;
    std::vector<std::uint64_t> district_true, district_recorded;  // by district of the crime's street
    std::vector<std::vector<std::uint64_t>> district_channel_mix;  // [district][mix], as channel_mix
    std::vector<std::string> holders;         // police, victim_support, contacts, peers, municipality, rights_organisation
    std::vector<std::uint64_t> known_by_holder;  // crimes each holder learnt of
    std::vector<AppResult> apps;
    std::vector<VictimSupportResult> services;
    std::uint64_t referrals_unserved = 0;     // referrals no service covered (type or district)
    // Daily rows (one per simulated day, at its end).
    std::vector<std::vector<double>> app_adoption_daily;   // [day][app]: share of residents who have it
    bool trust_enabled = false;
    std::vector<std::vector<double>> trust_by_group_daily;     // [day][group]
    std::vector<std::vector<double>> trust_by_district_daily;  // [day][district] (by home district)
    std::uint64_t trust_answered = 0, trust_unanswered = 0, trust_follow_ups = 0, trust_contacts = 0;
    double trust_victims_end = 0;  // mean trust at the end of the residents victimised at least once (0: none)
    std::uint64_t victims = 0;     // those residents
};

// Insecurity (docs/odd.md 7.23; sim/engine/insecurity_tracker.hpp). `present` false: the run had it
// off (insecurity.enabled: false), and the run file has no /insecurity group.
struct InsecurityResult {
    bool present = false;
    std::vector<std::string> groups;                  // all, women, men, young, adult, older, majority, minority
    std::vector<std::vector<double>> hourly_index;    // [group][hour]: mean index 0-100
    std::vector<std::vector<double>> hourly_unsafe;   // [group][hour]: % unsafe walking alone after dark
    std::vector<std::string> district_names;
    std::vector<std::vector<double>> district_hourly_index;  // [home district][hour]: mean index
    std::vector<double> final_index;                  // per group: the last hour's mean index
    std::vector<double> final_unsafe;                 // per group: the last hour's % unsafe after dark
    // insecurity.behaviour: outings that would leave or return after dark, and those skipped for fear.
    bool behaviour = false;
    std::uint64_t night_outings = 0;
    std::uint64_t night_outings_skipped = 0;
};

struct RunResult {
    // Which model made the run, and so what CrimeEvent's offender and victim are: "streets" (the
    // agent model: offender and resident ids) or "short2008" (the burglary lattice: offender always
    // 0, victim the burgled site = node id; sim/engine/run_short2008.hpp). Written to the run file
    // only when it is not "streets".
    std::string model = "streets";
    // Provenance: enough to reproduce the run from the file alone.
    std::string scenario_name;
    std::string scenario_yaml;   // resolved scenario text
    std::string scenario_path;   // as given on the command line ("" when built in code)
    std::uint64_t seed = 0;
    std::string version;         // streetwise version string
    const City* city = nullptr;  // geometry and fingerprint are written from here

    std::int64_t steps = 0;
    int step_s = 60;
    std::uint32_t residents = 0;
    std::uint32_t offenders = 0;
    std::uint32_t police_units = 0;

    std::vector<std::string> crime_type_names;   // index = CrimeEvent::type
    std::vector<TimeSeriesColumn> hourly;        // all of equal length: hours simulated
    std::vector<CrimeEvent> crimes;              // in the order they happened (step, then offender id)
    bool write_crime_events = true;              // scenario output.events: false writes an empty table
    std::vector<std::uint32_t> segment_crime_count;  // per segment
    std::vector<std::uint32_t> node_crime_count;     // per node
    std::vector<LiveChange> live_changes;            // in step order; empty for batch runs
    PoliceOutput police;
    DroneResults drones;                             // empty without drones
    ReportingOutput reporting;                       // present only with issue 7's features
    InsecurityResult insecurity;                     // present unless insecurity.enabled is false
};

}  // namespace streetwise
