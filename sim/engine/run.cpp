#include "sim/engine/run.hpp"

#include <tbb/global_control.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "sim/engine/run_short2008.hpp"
#include "sim/engine/simulation.hpp"

namespace streetwise {

City make_run_city(const ScenarioSpec& spec, CityLoadReport* report) {
    if (spec.model != ModelKind::short2008) return make_city(spec.city, report);
    const auto start = std::chrono::steady_clock::now();
    City city = short2008_city(spec.short2008);
    if (report) {
        report->description = "Short et al. (2008) lattice " + std::to_string(spec.short2008.width) + " x " +
                              std::to_string(spec.short2008.height) + ", periodic, sites 1 m apart";
        report->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    return city;
}

RunResult result_with_provenance(const ScenarioSpec& spec, const City& city) {
    RunResult result;
    result.scenario_name = spec.name;
    result.scenario_yaml = spec.resolved_yaml;
    result.scenario_path = spec.source_path;
    result.seed = spec.seed;
    result.version = STREETWISE_VERSION;
    result.city = &city;
    return result;
}

RunResult run_simulation(const ScenarioSpec& spec, const City& city, const RunOptions& options, RunTimings* timings) {
    if (spec.model == ModelKind::short2008) return run_short2008(spec, city, options, timings);
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
