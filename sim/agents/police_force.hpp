#pragma once
// The police force (issue 6): foot and car units based at the city's police stations, on duty in a
// daily shift window, patrolling by a strategy (random, hot spot, predictive, community) and, with
// dispatch, sent to reports: the nearest free unit by travel time on the street graph goes, the
// others wait in a queue by priority and time. A unit is off duty (at its station, off the streets),
// on patrol, responding (travelling to a report) or on scene (police.on_scene_min), then back on
// patrol. Everything the force decides reads the recorded crime (CrimeRecord) and the city only.
//
// Units are few (tens to hundreds), so the force moves them sequentially in unit order; its random
// draws are keyed by (unit, step, draw), so results do not depend on the thread count.
// docs/odd.md 7.17 describes the submodel.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "sim/core/counter_rng.hpp"
#include "sim/engine/dispatch.hpp"
#include "sim/io/run_result.hpp"
#include "sim/model/crime_record.hpp"
#include "sim/model/patrol_strategy.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

class City;
class NodeOccupancy;
class CheckpointWriter;
class CheckpointReader;

enum class UnitState : std::uint8_t { off_duty, patrolling, responding, on_scene };

class PoliceForce {
public:
    // Whether a scenario needs the force; without it the police are the random walkers of before
    // (police.units walkers, drawing the same numbers), so runs of older scenarios do not change.
    static bool needed(const ScenarioSpec& spec);

    // `targets`: each intervention's target segments (extra_units are based in theirs; a
    // patrol_strategy's limits where its targets are taken).
    PoliceForce(const ScenarioSpec& spec, const City& city, const std::vector<std::vector<std::uint32_t>>& targets);

    std::uint32_t count() const { return static_cast<std::uint32_t>(kind_.size()); }
    UnitKind kind(std::uint32_t unit) const { return kind_[unit]; }
    UnitState state(std::uint32_t unit) const { return state_[unit]; }
    bool on_street(std::uint32_t unit) const { return state_[unit] != UnitState::off_duty; }
    std::uint32_t station(std::uint32_t unit) const { return station_[unit]; }
    std::uint32_t node(std::uint32_t unit) const { return node_[unit]; }
    // The arc being travelled (no_arc when standing) and metres along it: enough to draw the unit.
    std::uint32_t heading_arc(std::uint32_t unit) const { return arc_[unit]; }
    float progress_m(std::uint32_t unit) const;
    std::uint32_t patrol_target(std::uint32_t unit) const { return target_[unit]; }
    PatrolStrategy strategy_now() const { return strategy_now_; }
    // The current hot-spot or predictive targets, best first (empty under the other strategies).
    const std::vector<std::uint32_t>& targets() const { return targets_; }
    const std::vector<PoliceReport>& reports() const { return reports_; }
    // What came of each report so far (same order as reports()): the unit sent (unit set, no arrival
    // yet: on its way), arrival and response time. Read by the visualiser.
    const std::vector<ReportOutcome>& outcomes() const { return outcomes_; }
    std::uint32_t reports_waiting() const { return static_cast<std::uint32_t>(queue_.size()); }
    std::uint32_t units_on_duty() const;
    const UnitTravel& travel() const { return travel_; }

    // Phase "interventions" (sequential): shifts and interventions' windows put units on and off the
    // streets; the strategy in force is set; hot-spot and predictive targets are ranked again when due.
    void begin_step(std::int64_t step, const std::vector<std::uint8_t>& interventions_active, const CrimeRecord& record,
                    NodeOccupancy& occupancy);
    // Phase "move" (sequential, unit order): the time of one step spent travelling, patrolling, on scene.
    void move(std::int64_t step, NodeOccupancy& occupancy);
    // A crime entered the record this step: with dispatch, it becomes a report in the queue.
    void report(const RecordedCrime& crime);
    // Phase "police" (sequential, after the offences): arrests at this step's arrivals (the crime
    // events whose offender is arrested are appended to `arrested_events`), dispatch of waiting
    // reports to free units, and the step's measures.
    // `drone_first_s`, when not null, gives for a crime event the seconds from its report to the first
    // drone over the scene (absent: none yet): with police.arrest.drone_guided, an arrest is then
    // drawn with that time when it is the shorter.
    void end_step(std::int64_t step, const NodeOccupancy& occupancy, std::vector<std::uint32_t>& arrested_events,
                  const std::unordered_map<std::uint32_t, double>* drone_first_s = nullptr);

    // Hourly series and the per-report, per-segment and per-district outputs.
    void fill(RunResult& result) const;

    // Checkpoints: every per-unit array, routes, targets, reports and their outcomes, the queue and
    // the measures so far. Kinds, stations, districts, speeds and the intervention each unit belongs
    // to are rebuilt by the constructor from the same scenario and city.
    void save_state(CheckpointWriter& out) const;
    void load_state(CheckpointReader& in);

private:
    bool shift_on(std::int64_t step) const;
    void go_on_duty(std::uint32_t unit, NodeOccupancy& occupancy);
    void go_off_duty(std::uint32_t unit, NodeOccupancy& occupancy);
    void back_to_patrol(std::uint32_t unit);
    // The next arc for a unit standing on its node, or no_arc to stand still this step.
    std::uint32_t next_arc(std::uint32_t unit, std::int64_t step, std::uint32_t draw);
    std::uint32_t random_arc(std::uint32_t unit, std::int64_t step, std::uint32_t draw, std::uint16_t district) const;
    void assign_target(std::uint32_t unit, std::int64_t step);
    void set_route(std::uint32_t unit, const UnitRoute& route);
    bool dwelling(std::uint32_t unit) const { return dwell_until_[unit] >= 0; }
    UnitPosition position(std::uint32_t unit) const;
    void insert_in_queue(std::uint32_t report);
    std::size_t hour_of(std::int64_t step) const { return static_cast<std::size_t>(step / steps_per_hour_); }

    const City& city_;
    PoliceSpec police_;
    int step_s_;
    std::int64_t steps_per_hour_;
    std::int64_t dwell_steps_;
    std::int64_t refresh_steps_;
    double on_scene_s_;
    PatrolStrategy base_strategy_;
    std::vector<InterventionSpec> interventions_;
    std::vector<std::vector<std::uint8_t>> intervention_area_;  // per intervention: a segment mask (patrol_strategy)
    UnitTravel travel_;
    StreetSearch search_;
    // Route trees to the places patrols keep going to (hot spots, community districts' homes): each
    // grown once, then every route to that place costs only its length. Derived, not run state: a
    // tree is a function of (kind, destination), so checkpoints leave the cache out.
    std::vector<RouteTree> trees_;
    const RouteTree& tree_to(UnitKind kind, std::uint32_t destination);
    PatrolTargets ranking_;
    CounterRng patrol_rng_;
    CounterRng arrest_rng_;
    std::array<std::uint8_t, 6> priority_{};  // per crime type

    // Per unit, fixed.
    std::vector<UnitKind> kind_;
    std::vector<std::uint32_t> station_;
    std::vector<std::uint32_t> intervention_;  // extra_units intervention it belongs to; UINT32_MAX: the base force
    std::vector<std::uint16_t> district_;      // community patrol district (foot units); UINT16_MAX: none
    std::vector<std::uint32_t> district_home_; // per district: the node its units head for
    // Per unit, changing.
    std::vector<UnitState> state_;
    std::vector<std::uint32_t> node_;          // last node passed (where it counts as present)
    std::vector<std::uint32_t> arc_;           // arc being travelled, or no_arc
    std::vector<double> progress_s_;           // seconds along arc_
    std::vector<double> delay_s_;              // seconds still to spend before moving (turning back)
    std::vector<std::uint32_t> last_segment_;
    std::vector<std::vector<std::uint32_t>> route_;  // arcs to follow (to a report, a target, a district)
    std::vector<std::uint32_t> route_pos_;
    std::vector<std::uint32_t> target_;        // hot-spot target segment, or UINT32_MAX
    std::vector<std::int64_t> dwell_until_;    // -1: not (yet) at its target
    std::vector<std::uint32_t> report_of_;     // report responded to, or UINT32_MAX
    std::vector<std::int64_t> on_scene_until_;
    // The force.
    PatrolStrategy strategy_now_;
    std::uint32_t strategy_source_ = UINT32_MAX;  // patrol_strategy intervention in force, or UINT32_MAX
    std::int64_t next_refresh_ = 0;
    std::vector<std::uint32_t> targets_;
    std::vector<std::int64_t> last_visit_;     // per segment: step a unit was last sent there
    std::vector<PoliceReport> reports_;
    std::vector<ReportOutcome> outcomes_;      // per report
    std::vector<std::uint32_t> queue_;         // waiting reports, in dispatch order
    std::vector<std::uint32_t> arrivals_;      // reports reached this step (empty between steps)
    std::vector<UnitPosition> free_;           // scratch
    // Measures.
    std::vector<double> police_minutes_, hot_spot_minutes_, community_minutes_;
    std::vector<double> hourly_on_duty_, hourly_waiting_, hourly_responding_, hourly_arrests_, hourly_response_sum_,
        hourly_arrivals_;
};

}  // namespace streetwise
