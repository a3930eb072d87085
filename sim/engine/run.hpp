#pragma once
// Running a scenario to the end: the verb the CLI, tests and benchmarks share.
#include <cstdint>
#include <functional>

#include "sim/io/run_result.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

class City;

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

RunResult run_simulation(const ScenarioSpec& spec, const City& city, const RunOptions& options,
                         RunTimings* timings = nullptr);

}  // namespace streetwise
