#pragma once
// LiveRun: a Simulation stepped on a background thread while the UI watches and steers it.
//
// The engine thread owns the Simulation; the UI thread never touches it. They talk through
// atomics and a small command queue (play, pause, step, speed, seek, live parameter edits), and
// the engine hands out FrameSnapshots through a SnapshotExchange, so the UI never waits for a step.
//
// A run file is written only when the run reaches its end, atomically (temporary file, then
// rename). stop() or the destructor during a write waits for the write to finish; stopping
// before the end writes nothing, so an existing file at the output path is never damaged.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sim/io/run_result.hpp"
#include "sim/scenario/scenario_spec.hpp"
#include "viz/core/live_model.hpp"
#include "viz/core/snapshot_exchange.hpp"

namespace streetwise {
class City;
}

namespace streetwise::viz {

struct LiveRunOptions {
    int threads = 0;                   // engine worker threads; 0: all cores but one (the UI's)
    std::filesystem::path output;      // run file written at the end; empty: none
    double speed_steps_per_s = 60;     // pace when playing; 0: as fast as the engine goes
    bool start_playing = false;
};

class LiveRun {
public:
    enum class Phase : std::uint8_t { starting, paused, playing, finished, writing, written, failed };

    // The street model of `spec` on `city`.
    LiveRun(ScenarioSpec spec, std::shared_ptr<const City> city, LiveRunOptions options);
    // Any model: `factory` makes it (again, to rewind); `spec` and `city` describe it to the UI.
    LiveRun(ScenarioSpec spec, std::shared_ptr<const City> city, std::int64_t total_steps, LiveModelFactory factory,
            LiveRunOptions options);
    ~LiveRun();
    LiveRun(const LiveRun&) = delete;
    LiveRun& operator=(const LiveRun&) = delete;

    // Controls, callable from any thread; they take effect between two steps.
    void play();
    void pause();
    void step_once(int steps = 1);           // while paused: advance this many steps
    void set_speed(double steps_per_s);      // 0: as fast as possible
    double speed() const { return speed_steps_per_s_.load(); }
    // Goes to `step` (clamped to the run). Backwards means rebuilding the simulation and running
    // it again to that step: the run is deterministic, so it reaches exactly the same state.
    void seek(std::int64_t step);
    // A live edit of one of Simulation::live_editable_keys(); applied before the next step.
    void apply_live_change(const std::string& key, double value);
    // Ends the engine thread (waiting for a run file being written). Idempotent.
    void stop();

    // UI thread: takes the newest snapshot if there is one; snapshot() then returns it.
    bool acquire_snapshot() { return exchange_.acquire(); }
    const FrameSnapshot& snapshot() const { return exchange_.front(); }

    Phase phase() const { return phase_.load(); }
    bool is_playing() const { return playing_.load(); }
    // Why the run failed (phase failed), or where the run file went (phase written).
    std::string message() const;
    // Wall time of the engine's last step, and steps per second over the last second.
    double steps_per_s() const { return measured_steps_per_s_.load(); }

    const ScenarioSpec& spec() const { return spec_; }
    std::int64_t total_steps() const { return total_steps_; }
    const City& city() const { return *city_; }
    std::shared_ptr<const City> city_ptr() const { return city_; }
    const LiveRunOptions& options() const { return options_; }
    // Live edits applied so far, in order (UI thread may read it while the engine runs).
    std::vector<LiveChange> live_changes() const;

private:
    void engine_loop();
    void set_failed(const std::string& message);

    static LiveModelFactory street_model_factory(const ScenarioSpec& spec, std::shared_ptr<const City> city);

    const ScenarioSpec spec_;
    const std::shared_ptr<const City> city_;
    const std::int64_t total_steps_;
    const LiveModelFactory factory_;
    const LiveRunOptions options_;
    SnapshotExchange exchange_;

    std::atomic<Phase> phase_{Phase::starting};
    std::atomic<bool> playing_{false};
    std::atomic<bool> stop_requested_{false};
    std::atomic<double> speed_steps_per_s_{60};
    std::atomic<double> measured_steps_per_s_{0};

    mutable std::mutex mutex_;  // guards the fields below
    std::condition_variable wake_;
    std::int64_t steps_requested_ = 0;
    std::int64_t seek_target_ = -1;
    std::vector<std::pair<std::string, double>> pending_changes_;
    std::vector<LiveChange> applied_changes_;  // with the step each took effect
    std::string message_;

    std::thread engine_;
};

const char* to_string(LiveRun::Phase phase);

}  // namespace streetwise::viz
