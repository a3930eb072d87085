#pragma once
// Simulation: one run of a scenario on a city, advanced step by step. The CLI runs it to the
// end; the visualiser steps it live (and may change some parameters between steps). Each step
// runs the phases of the architecture:
//   interventions -> schedule -> move -> index -> opportunity & offence -> [victim reaction ->
//   institutional response -> perception -> learning: later modules] -> metrics.
// Parallel phases only touch per-agent state or integer counters; everything that couples
// agents runs in a fixed order, so results do not depend on the number of threads.
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/agents/police_force.hpp"
#include "sim/agents/drone_fleet.hpp"
#include "sim/agents/random_walkers.hpp"
#include "sim/agents/residents.hpp"
#include "sim/engine/crime_recorder.hpp"
#include "sim/engine/insecurity_tracker.hpp"
#include "sim/engine/node_occupancy.hpp"
#include "sim/engine/reporting_system.hpp"
#include "sim/engine/step_phase_times.hpp"
#include "sim/io/run_result.hpp"
#include "sim/model/alert.hpp"
#include "sim/model/crime_record.hpp"
#include "sim/model/opportunity_rule.hpp"
#include "sim/model/street_attractiveness.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

class City;
class CheckpointWriter;
class CheckpointReader;

class Simulation {
public:
    // Throws InputError when an intervention's target does not fit the city (a district it does not
    // have, a segment id past its last street), before any agent is set up.
    Simulation(ScenarioSpec spec, const City& city);
    // Offenders hold a pointer into the attractiveness field: a simulation stays where it was built.
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

    void step();
    bool finished() const { return step_ >= spec_.total_steps(); }
    std::int64_t current_step() const { return step_; }
    std::int64_t total_steps() const { return spec_.total_steps(); }
    bool is_night(std::int64_t step) const;

    // The scenario, with live changes applied (its resolved_yaml stays the one the run started with).
    const ScenarioSpec& spec() const { return spec_; }
    const City& city() const { return city_; }
    const Residents& residents() const { return residents_; }
    const RandomWalkers& offenders() const { return offenders_; }
    // Police as random walkers: the police of scenarios without the police force (empty with one).
    const RandomWalkers& police() const { return police_; }
    // The police force (issue 6), or null when the scenario does not need one (PoliceForce::needed).
    const PoliceForce* police_force() const { return force_.get(); }
    // Recorded crime: what reached the police, the only crime patrol strategies and dispatch see.
    const CrimeRecord& record() const { return record_; }
    const NodeOccupancy& occupancy() const { return occupancy_; }
    const CrimeRecorder& recorder() const { return recorder_; }
    const OpportunityRule& opportunity() const { return opportunity_; }
    // Repeat and near-repeat victimisation: each street's dynamic attractiveness B, as of the last update.
    const StreetAttractiveness& attractiveness() const { return attractiveness_; }

    // Interventions, by index in spec().interventions. "Now" means in the last step run (none
    // before the first step), matching the agents' positions.
    bool intervention_active_now(std::size_t intervention) const { return active_[intervention] != 0; }
    // The street segments an intervention targets in this city: sorted, without duplicates.
    const std::vector<std::uint32_t>& intervention_target(std::size_t intervention) const {
        return targets_[intervention];
    }
    // The extra units of one foot patrol intervention. While off duty they are not on the streets
    // (not in occupancy()); their positions are then those they had when they left.
    struct FootPatrol {
        std::size_t intervention;  // index in spec().interventions
        RandomWalkers units;
        bool on_duty = false;
    };
    const std::vector<FootPatrol>& foot_patrols() const { return patrols_; }
    std::uint32_t patrol_units_on_duty() const;
    // Drone fleets (scenario drones:).
    const DroneFleets& drones() const { return drones_; }
    // Alerts that went out in the last step run (apps' SOS and report notifications): raised by the
    // reporting system, heard by the insecurity model, drawn by the visualiser.
    const std::vector<Alert>& step_alerts() const { return step_alerts_; }
    // Every alert since the run started (or was resumed from a checkpoint), in order: the
    // visualiser draws the last hour's, whichever steps its frames fell between.
    const std::vector<Alert>& alerts_so_far() const { return alert_log_; }
    // Victim reaction, apps, victim support and trust (issue 7), or null when the scenario uses none
    // of them (ReportingSystem::needed).
    const ReportingSystem* reporting() const { return reporting_.get(); }
    // Feelings of insecurity (insecurity:), or null when the scenario turns them off.
    const InsecurityTracker* insecurity() const { return insecurity_.get(); }
    // Illuminance per node as offenders see it now: the city's node_lux, raised by active street lighting.
    const std::vector<float>& node_lux() const { return opportunity_.node_lux(); }

    // Live edits (the visualiser): the scenario keys that may change between steps, and the change
    // itself. apply_live_change throws std::invalid_argument for a key not in live_editable_keys()
    // (listing them) and InputError (file "live change") for a value the scenario loader would
    // refuse. The new value is used from the next step on, and recorded in live_changes() and in
    // the RunResult.
    static const std::vector<std::string>& live_editable_keys();
    void apply_live_change(const std::string& key, double value);
    const std::vector<LiveChange>& live_changes() const { return live_changes_; }

    // Agents updated per step summed over the run so far: the denominator of throughput figures.
    std::uint64_t agent_steps() const;
    // Wall time of each phase of step(), summed over the steps this object has run.
    const StepPhaseTimes& phase_times() const { return phase_times_; }

    // Checkpoints (sim/engine/checkpoint.hpp): the whole dynamic state, as named sections, between
    // steps. Loading is for a simulation freshly built from the same scenario and city (its
    // step 0): construction is deterministic, so what the sections do not hold is already what it
    // was. Throws InputError (naming the file) for a section that does not fit this scenario and
    // city.
    void save_state(CheckpointWriter& out) const;
    void load_state(CheckpointReader& in);

    // Ends the run: moves the collected data into a RunResult (the simulation is spent after).
    RunResult take_result();

private:
    static constexpr std::size_t no_column = static_cast<std::size_t>(-1);

    // Phase "interventions": switches lighting and patrols on and off for this step's time.
    void update_interventions();
    void update_interventions_windows();
    void update_lighting();
    // Each street's lux now: the city's, raised by the street lighting interventions in force.
    std::vector<float> current_segment_lux(bool* any_lighting = nullptr) const;
    void count_lit_nodes_added();
    void offence_phase(bool night);
    // One offender's choice this step, from the state as it is: whether it offends, and the type.
    // The situation's counts come with it (the victim draw needs them, and pass 2 of offence_phase
    // compares the guardians).
    struct OffenceDecision {
        bool offends = false;
        CrimeType type{};
        std::uint32_t people = 0;
        std::uint32_t empty_homes = 0;
        std::uint32_t extra_guardians = 0;
    };
    OffenceDecision decide_offence(std::uint32_t offender, bool night) const;
    // Phase "police" (after the offences): arrests at arrivals, dispatch, the force's measures.
    void police_phase();
    // Police units on the streets within police.deterrence_radius_m of `node` (the node's own count
    // when the radius is 0).
    std::uint32_t police_deterring(std::uint32_t node) const;
    void collect_police_positions();
    // Phase "drones", after the offences: first responders take the step's reports, drones fly.
    void drone_phase();
    // A crime enters the police record now: the record, dispatch, drones as first responders, and
    // the reporting system (referrals, trust).
    void enter_record(std::uint32_t index, const CrimeEvent& event);
    // Phase "perception" (after the offences): alerts heard, and on the hour's last step every
    // resident's feeling of insecurity; at the start of each day, the after-dark answers residents act on.
    void perception_phase();
    void refresh_fear_of_dark();

    ScenarioSpec spec_;
    const City& city_;
    std::vector<std::vector<std::uint32_t>> targets_;  // per intervention; checked first, so errors come fast
    DroneFleets drones_;                                // checked against the city early too
    NodeOccupancy occupancy_;
    Residents residents_;
    RandomWalkers offenders_;
    RandomWalkers police_;
    std::unique_ptr<PoliceForce> force_;
    std::unique_ptr<ReportingSystem> reporting_;
    CrimeRecord record_;  // reported crimes, and crimes a drone camera saw, filled in the offence phase
    std::vector<std::uint32_t> arrested_events_;  // scratch of police_phase
    std::vector<std::uint32_t> police_nodes_;     // scratch: where units stand, with a deterrence radius
    OpportunityRule opportunity_;
    StreetAttractiveness attractiveness_;
    CrimeRecorder recorder_;
    CounterRng offence_rng_;
    CounterRng victim_rng_;
    CounterRng report_rng_;
    std::int64_t step_ = 0;
    std::int64_t sunrise_s_;
    std::int64_t sunset_s_;

    std::vector<std::uint8_t> active_;  // per intervention, in the last step run
    std::vector<FootPatrol> patrols_;
    std::uint32_t lit_nodes_added_ = 0;
    std::size_t patrol_column_ = no_column;
    std::size_t lit_column_ = no_column;
    std::size_t away_column_ = no_column;
    std::uint64_t patrol_unit_steps_ = 0;
    std::vector<LiveChange> live_changes_;
    // This step's police reports (from the record), for drones acting as first responders.
    std::vector<PoliceReport> new_reports_;
    std::vector<OffenceDecision> offence_decisions_;  // offence_phase pass 1, by offender
    // This step's alerts (step_alerts()); cleared at the start of each step.
    std::vector<Alert> step_alerts_;
    StepPhaseTimes phase_times_;
    std::vector<Alert> alert_log_;
    // Per crime event, the first drone's arrival after the report (police.arrest.drone_guided), and how
    // many of the fleets' responses it holds: derived from the responses, rebuilt on resume.
    std::unordered_map<std::uint32_t, double> drone_first_s_;
    std::size_t drone_responses_seen_ = 0;
    void note_drone_arrivals();
    std::size_t drones_airborne_column_ = no_column;
    std::size_t under_camera_column_ = no_column;
    std::unique_ptr<InsecurityTracker> insecurity_;
    std::size_t insecurity_column_ = no_column;  // then women, men, unsafe women, unsafe men
};

}  // namespace streetwise
