#include "sim/engine/run.hpp"

#include <tbb/global_control.h>

#include <chrono>
#include <memory>
#include <optional>

#include "sim/engine/simulation.hpp"

namespace streetwise {

RunResult run_simulation(const ScenarioSpec& spec, const City& city, const RunOptions& options, RunTimings* timings) {
    std::optional<tbb::global_control> thread_limit;
    if (options.threads > 0)
        thread_limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(options.threads));
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    Simulation simulation(spec, city);
    const auto setup_done = clock::now();
    const std::int64_t steps_per_hour = std::max(1, 3600 / spec.time.step_s);
    while (!simulation.finished()) {
        simulation.step();
        if (options.on_progress && simulation.current_step() % steps_per_hour == 0)
            options.on_progress(simulation.current_step(), simulation.total_steps());
    }
    const auto stepping_done = clock::now();
    if (timings) {
        timings->setup_s = std::chrono::duration<double>(setup_done - start).count();
        timings->stepping_s = std::chrono::duration<double>(stepping_done - setup_done).count();
        timings->agent_steps = simulation.agent_steps();
    }
    return simulation.take_result();
}

}  // namespace streetwise
