#include "sim/engine/run.hpp"

#include <tbb/global_control.h>

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/core/atomic_file.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/checkpoint.hpp"
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

namespace {

using Clock = std::chrono::steady_clock;

void limit_threads(std::optional<tbb::global_control>& limit, int threads) {
    if (threads > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
}

// Steps `simulation` to the end (or to the planned stop), writing checkpoints as asked.
void step_to_end(Simulation& simulation, const RunOptions& options, RunTimings* timings) {
    const CheckpointOptions& checkpoint = options.checkpoint;
    const std::int64_t steps_per_hour = std::max(1, 3600 / simulation.spec().time.step_s);
    const std::int64_t stop_at = checkpoint.stop_at_step > 0 ? std::min(checkpoint.stop_at_step, simulation.total_steps())
                                                             : simulation.total_steps();
    const CheckpointContext context{checkpoint.every_steps, checkpoint.run_file};
    while (simulation.current_step() < stop_at) {
        simulation.step();
        const std::int64_t done = simulation.current_step();
        if (options.on_progress && done % steps_per_hour == 0) options.on_progress(done, simulation.total_steps());
        // Only a modulo and a comparison per step when checkpoints are on; nothing when off.
        const bool planned_stop = done == stop_at && checkpoint.stop_at_step > 0;
        if (!planned_stop && !(checkpoint.every_steps > 0 && done % checkpoint.every_steps == 0)) continue;
        if (simulation.finished()) break;  // the run file follows at once: no checkpoint needed
        const auto start = Clock::now();
        const std::vector<std::uint8_t> bytes = checkpoint_bytes(simulation, context);
        write_file_atomically(checkpoint.file, bytes, "--checkpoint");
        if (timings) {
            ++timings->checkpoints;
            timings->checkpoint_s += std::chrono::duration<double>(Clock::now() - start).count();
            timings->checkpoint_bytes = bytes.size();
        }
    }
}

void check_checkpoint_options(const ScenarioSpec& spec, const CheckpointOptions& checkpoint) {
    const bool wanted = checkpoint.every_steps > 0 || checkpoint.stop_at_step > 0;
    if (wanted && spec.model != ModelKind::streets)
        throw InputError(spec.source_path, 0, "model",
                         "checkpoints are for the street model (model: streets); this scenario runs model: short2008",
                         "run it without --checkpoint-every and --stop-after (lattice runs are short)");
    if (wanted && checkpoint.file.empty())
        throw std::invalid_argument("run_simulation: checkpoints asked for without a checkpoint file");
}

RunResult finish_run(Simulation& simulation, const RunOptions& options, RunTimings* timings, Clock::time_point start,
                     Clock::time_point setup_done) {
    const std::uint64_t agent_steps_before = simulation.agent_steps();  // a resumed run's earlier part
    step_to_end(simulation, options, timings);
    const auto stepping_done = Clock::now();
    if (timings) {
        timings->setup_s = std::chrono::duration<double>(setup_done - start).count();
        timings->stepping_s = std::chrono::duration<double>(stepping_done - setup_done).count();
        timings->agent_steps = simulation.agent_steps() - agent_steps_before;
        timings->phases = simulation.phase_times();
    }
    return simulation.take_result();
}

}  // namespace

RunResult run_simulation(const ScenarioSpec& spec, const City& city, const RunOptions& options, RunTimings* timings) {
    check_checkpoint_options(spec, options.checkpoint);
    if (spec.model == ModelKind::short2008) return run_short2008(spec, city, options, timings);
    std::optional<tbb::global_control> thread_limit;
    limit_threads(thread_limit, options.threads);
    const auto start = Clock::now();
    Simulation simulation(spec, city);
    return finish_run(simulation, options, timings, start, Clock::now());
}

RunResult run_from_checkpoint(const Checkpoint& checkpoint, const ScenarioSpec& spec, const City& city,
                              const RunOptions& options, RunTimings* timings) {
    check_checkpoint_options(spec, options.checkpoint);
    check_checkpoint_city(checkpoint, city);  // before the setup, which takes a while
    std::optional<tbb::global_control> thread_limit;
    limit_threads(thread_limit, options.threads);
    const auto start = Clock::now();
    Simulation simulation(spec, city);
    restore_checkpoint(checkpoint, simulation);
    return finish_run(simulation, options, timings, start, Clock::now());
}

}  // namespace streetwise
