#pragma once
// Drone fleets (scenario `drones:`, docs/odd.md 7.18): drones that fly straight lines in the plane
// from a base, around no-fly zones, with a battery that sends them home in time and a recharge at
// the base; inside a daily flying window and under a cap on simultaneous flights. Three modes:
// patrol (random waypoints of an area), hot_spots (hover over the streets with the most recorded
// crime: they read the CrimeRecord, never true crime) and first_responder (fly to police reports).
//
// Each step, in two phases of the Simulation:
//   observe()  before the offences: the intersections under an airborne camera (a grid over the
//              nodes, no allocation), where offending is deterred (deterrence_at) and crimes may be
//              seen (detects); and the privacy footprint (residents walking under a camera).
//   fly()      after the offences: first responders take the step's new reports; every drone flies,
//              hovers, returns or charges for one step.
// The fleets are small, so both run sequentially in fleet and drone order: nothing depends on the
// thread count. Draws come from counter-based streams keyed by drone and step.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/agents/residents.hpp"
#include "sim/core/counter_rng.hpp"
#include "sim/io/run_result.hpp"
#include "sim/model/airspace.hpp"
#include "sim/model/crime_record.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

class City;
class NodeOccupancy;
class CheckpointWriter;
class CheckpointReader;

class DroneFleets {
public:
    enum class State : std::uint8_t {
        docked,      // at the base: charging, or ready
        outbound,    // flying to a waypoint, a hot spot or a report's scene
        on_station,  // hovering over it
        returning,   // flying home
    };
    struct Drone {
        PlanePoint at;
        State state = State::docked;
        double battery_s = 0;             // flight time left
        std::vector<PlanePoint> legs;     // the points still to fly through, in order
        std::uint32_t next_leg = 0;
        double dwell_left_s = 0;          // on_station: hover time left
        std::int64_t report = -1;         // first_responder: the report it answers (PoliceReport::id), -1: none
        std::uint32_t report_event = 0;
        std::int64_t report_step = 0;
        std::uint32_t waypoints_drawn = 0;  // patrol: draw counter of the waypoint stream
    };
    struct Fleet {
        DroneFleetSpec spec;
        std::string label;
        PlanePoint base;
        std::vector<std::uint32_t> area_nodes;  // patrol: waypoint candidates
        std::uint32_t first_drone = 0;          // the fleet's drone k draws as entity first_drone + k
        std::vector<Drone> drones;
        std::uint32_t airborne = 0;
        std::uint32_t cap = 0;                  // max_airborne, or the fleet size
        // first_responder: reports waiting for a drone (id, event, step, node).
        std::vector<PoliceReport> pending;
        std::uint64_t next_hot_spot = 0;
        std::int64_t hot_spot_step = -1;        // hot_spots: the step `hot_spots` was ranked at
        std::vector<std::uint32_t> hot_spots;   // segments, most recorded crime first
        // Totals for the run file.
        double flight_s = 0;
        std::uint64_t flights = 0;
        std::uint64_t refused = 0;
        std::uint64_t unanswered = 0;
        std::uint64_t detections = 0;
        Airspace::Beacon home;  // cached distances to the base around the zones
    };

    // Checks the fleets and zones against the city: districts and node ids that exist, bases outside
    // every no-fly zone. Throws InputError naming the file, line and key (drones[i].base_node, ...).
    DroneFleets(const ScenarioSpec& spec, const City& city);

    bool empty() const { return fleets_.empty(); }
    const std::vector<Fleet>& fleets() const { return fleets_; }
    const Airspace& airspace() const { return airspace_; }

    // Before the offences of `step`: cameras of the drones airborne now.
    void observe(std::int64_t step, const Residents& residents, const NodeOccupancy& occupancy);
    bool covered(std::uint32_t node) const { return covered_stamp_[node] == stamp_; }
    const std::vector<std::uint32_t>& covered_nodes() const { return covered_nodes_; }
    // The multiplier on offending at `node` this step: the strongest deterrence of the cameras over it, 1 when none.
    double deterrence_at(std::uint32_t node) const { return covered(node) ? node_deterrence_[node] : 1.0; }
    // Whether a crime at `node` that nobody reported is seen by a camera and enters the record:
    // a draw of the drone_detection stream keyed by (offender, step). False where no camera looks.
    bool detects(std::uint32_t node, std::uint32_t offender, std::int64_t step);

    // After the offences of `step`: each of `new_reports` (made this step) goes to the first-responder
    // fleet with the nearest base, whose nearest free drone takes it; then every drone flies for one
    // step. Hot spots come from `record` only.
    void fly(std::int64_t step, const CrimeRecord& record, std::span<const PoliceReport> new_reports);

    std::uint32_t airborne() const;
    // Walking residents under a camera at the last observe().
    std::uint64_t residents_under_camera() const { return residents_under_camera_; }
    // Drones airborne at the last observe().
    std::uint32_t airborne_observed() const { return airborne_observed_; }
    const std::vector<DroneResponse>& responses() const { return responses_; }

    void save_state(CheckpointWriter& out) const;
    void load_state(CheckpointReader& in, std::int64_t steps_done);
    void fill(RunResult& result) const;

private:
    bool window_open(const Fleet& fleet, std::int64_t second) const;
    void update_zones(std::int64_t second);
    double time_home_s(Fleet& fleet, const Drone& drone);
    void fly_drone(Fleet& fleet, std::uint32_t index, std::int64_t step, bool open);
    // Flies along the legs for at most `seconds`; returns the time used.
    double advance(Fleet& fleet, Drone& drone, double seconds);
    void head_home(Fleet& fleet, Drone& drone);
    // The next target of a patrol or hot spot drone: false when it has none it can reach.
    bool next_target(Fleet& fleet, std::uint32_t index, std::int64_t step);
    // Plans from `from` to `target` into scratch_legs_: yes when the drone can fly there, stay
    // dwell_min and still get home with its reserve on `battery_s`; no_way when zones are in the way.
    enum class Reach { yes, no_way, too_far };
    Reach can_reach_and_return(Fleet& fleet, PlanePoint from, double battery_s, PlanePoint target);
    // First responders: the fleet's waiting reports go to its nearest free drones.
    void dispatch(Fleet& fleet, std::int64_t step);
    void rank_hot_spots(Fleet& fleet, std::int64_t step);
    void replan_after_zone_change();

    const City& city_;
    int step_s_;
    CounterRng patrol_rng_;
    CounterRng detection_rng_;
    std::vector<Fleet> fleets_;
    std::vector<NoFlyZoneSpec> zone_specs_;
    Airspace airspace_;
    std::vector<std::uint8_t> zone_flags_;  // scratch for update_zones
    std::vector<PlanePoint> scratch_legs_;
    const CrimeRecord* record_ = nullptr;  // during fly() only

    // Coverage: a uniform grid over the nodes, and per node the step stamp of its last coverage.
    double grid_min_x_ = 0, grid_min_y_ = 0, cell_m_ = 100;
    std::uint32_t grid_w_ = 1, grid_h_ = 1;
    std::vector<std::uint32_t> cell_begin_;  // CSR: nodes of cell c in cell_nodes_[cell_begin_[c] .. [c+1])
    std::vector<std::uint32_t> cell_nodes_;
    std::uint32_t stamp_ = 0;
    std::vector<std::uint32_t> covered_stamp_;
    std::vector<std::uint32_t> segment_stamp_;
    std::vector<double> node_deterrence_;
    std::vector<double> node_detection_;
    std::vector<std::uint32_t> node_detecting_fleet_;  // the fleet whose camera has the best detection there
    std::vector<std::uint32_t> covered_nodes_;
    std::vector<std::uint16_t> node_district_;
    std::uint32_t district_count_ = 1;
    std::uint64_t residents_under_camera_ = 0;
    std::uint32_t airborne_observed_ = 0;

    // Scratch for ranking hot spots.
    std::vector<std::uint32_t> segment_count_;
    std::vector<std::uint32_t> touched_;

    // Totals, in steps.
    std::vector<std::uint32_t> node_camera_steps_;
    std::vector<std::uint32_t> segment_camera_steps_;
    std::vector<std::uint64_t> privacy_steps_;  // [group * district_count_ + district]
    std::vector<DroneResponse> responses_;
};

}  // namespace streetwise
