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
    std::uint8_t reported = 0;   // 1: reported to the police (recorded crime); 0: part of the dark figure
    float journey_m = 0;         // straight-line distance from the offender's home (journey to crime)
};

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
    InsecurityResult insecurity;                     // present unless insecurity.enabled is false
};

}  // namespace streetwise
