#pragma once
// Running a scenario to the end: the verb the CLI, tests and benchmarks share.
#include <cstdint>
#include <functional>

#include "sim/city/city_source.hpp"
#include "sim/io/run_result.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

struct RunOptions {
    int threads = 0;  // 0: all hardware threads
    // Called every simulated hour with (steps done, total steps); may be empty.
    std::function<void(std::int64_t, std::int64_t)> on_progress;
};

struct RunTimings {
    double setup_s = 0;     // agents, homes, routes
    double stepping_s = 0;  // the step loop
    std::uint64_t agent_steps = 0;
};

// The city a scenario runs on: make_city(spec.city), or for model: short2008 the model's own
// periodic lattice (short2008_city in run_short2008.hpp).
City make_run_city(const ScenarioSpec& spec, CityLoadReport* report = nullptr);

// Runs the scenario's model to the end on `city` (from make_run_city): the agent model
// (Simulation), or for model: short2008 run_short2008.
// A RunResult with the provenance every run file carries (scenario name, resolved text and path,
// seed, streetwise version, city): the start of every model's result.
RunResult result_with_provenance(const ScenarioSpec& spec, const City& city);

RunResult run_simulation(const ScenarioSpec& spec, const City& city, const RunOptions& options,
                         RunTimings* timings = nullptr);

}  // namespace streetwise
