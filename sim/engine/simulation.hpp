#pragma once
// Simulation: one run of a scenario on a city, advanced step by step. The CLI runs it to the
// end; the visualiser (later) steps it live. Each step runs the phases of the architecture:
//   schedule -> move -> index -> opportunity & offence -> [victim reaction -> institutional
//   response -> perception -> learning: later modules] -> metrics.
// Parallel phases only touch per-agent state or integer counters; everything that couples
// agents runs in a fixed order, so results do not depend on the number of threads.
#include <cstdint>
#include <memory>

#include "sim/agents/random_walkers.hpp"
#include "sim/agents/residents.hpp"
#include "sim/engine/crime_recorder.hpp"
#include "sim/engine/node_occupancy.hpp"
#include "sim/io/run_result.hpp"
#include "sim/model/opportunity_rule.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

class City;

class Simulation {
public:
    Simulation(ScenarioSpec spec, const City& city);

    void step();
    bool finished() const { return step_ >= spec_.total_steps(); }
    std::int64_t current_step() const { return step_; }
    std::int64_t total_steps() const { return spec_.total_steps(); }
    bool is_night(std::int64_t step) const;

    const ScenarioSpec& spec() const { return spec_; }
    const City& city() const { return city_; }
    const Residents& residents() const { return residents_; }
    const RandomWalkers& offenders() const { return offenders_; }
    const RandomWalkers& police() const { return police_; }
    const NodeOccupancy& occupancy() const { return occupancy_; }
    const CrimeRecorder& recorder() const { return recorder_; }

    // Agents updated per step summed over the run so far: the denominator of throughput figures.
    std::uint64_t agent_steps() const;

    // Ends the run: moves the collected data into a RunResult (the simulation is spent after).
    RunResult take_result();

private:
    void offence_phase(bool night);

    ScenarioSpec spec_;
    const City& city_;
    NodeOccupancy occupancy_;
    Residents residents_;
    RandomWalkers offenders_;
    RandomWalkers police_;
    OpportunityRule opportunity_;
    CrimeRecorder recorder_;
    CounterRng offence_rng_;
    CounterRng victim_rng_;
    std::int64_t step_ = 0;
    std::int64_t sunrise_s_;
    std::int64_t sunset_s_;
};

}  // namespace streetwise
