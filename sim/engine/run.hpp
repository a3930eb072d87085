#pragma once
// Running a scenario to the end: the verb the CLI, tests and benchmarks share.
#include <cstdint>
#include <filesystem>
#include <functional>

#include "sim/city/city_source.hpp"
#include "sim/engine/step_phase_times.hpp"
#include "sim/io/run_result.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

struct Checkpoint;

// Checkpoints of a street-model run (sim/engine/checkpoint.hpp). All off by default; when off, the
// step loop does no checkpoint work at all.
struct CheckpointOptions {
    // Every this many steps the state is written to `file` (replacing the previous checkpoint
    // atomically); 0: never. None is written at the run's last step: the run file follows at once.
    std::int64_t every_steps = 0;
    std::filesystem::path file;
    // Recorded in the checkpoint: the run file the run writes, where a resume writes by default.
    std::filesystem::path run_file;
    // > 0: stop after this many steps (of the whole run, resumed or not), writing a checkpoint there
    // first: a planned interruption (a job that fits a wall-time limit; the tests). The result
    // returned is then partial (result.steps < the scenario's total): resume, do not write it.
    std::int64_t stop_at_step = 0;
};

struct RunOptions {
    int threads = 0;  // 0: all hardware threads
    // Called every simulated hour with (steps done, total steps); may be empty.
    std::function<void(std::int64_t, std::int64_t)> on_progress;
    CheckpointOptions checkpoint;
};

struct RunTimings {
    double setup_s = 0;     // agents, homes, routes (for a resume: and loading the checkpoint)
    double stepping_s = 0;  // the step loop, checkpoints included
    std::uint64_t agent_steps = 0;
    int checkpoints = 0;          // checkpoints written
    double checkpoint_s = 0;      // time spent writing them
    std::uint64_t checkpoint_bytes = 0;  // size of the last one
    StepPhaseTimes phases;               // the stepping time by phase of the step
};

// The city a scenario runs on: make_city(spec.city), or for model: short2008 the model's own
// periodic lattice (short2008_city in run_short2008.hpp).
City make_run_city(const ScenarioSpec& spec, CityLoadReport* report = nullptr);

// Runs the scenario's model to the end on `city` (from make_run_city): the agent model
// (Simulation), or for model: short2008 run_short2008.
// A RunResult with the provenance every run file carries (scenario name, resolved text and path,
// seed, streetwise version, city): the start of every model's result.
RunResult result_with_provenance(const ScenarioSpec& spec, const City& city);

// Throws InputError for checkpoint options with model: short2008 (checkpoints are for the street
// model) and when a checkpoint cannot be written.
RunResult run_simulation(const ScenarioSpec& spec, const City& city, const RunOptions& options,
                         RunTimings* timings = nullptr);

// Continues the run saved in `checkpoint` (read_checkpoint) to the end, or to
// options.checkpoint.stop_at_step: `spec` from checkpoint_scenario(checkpoint), `city` from
// make_run_city(spec). The result is the one the uninterrupted run gives, bit for bit. Throws
// InputError naming the checkpoint when the city is not the one it was written on or its state does
// not fit the scenario.
RunResult run_from_checkpoint(const Checkpoint& checkpoint, const ScenarioSpec& spec, const City& city,
                              const RunOptions& options, RunTimings* timings = nullptr);

}  // namespace streetwise
