#include "viz/core/live_run.hpp"

#include <sys/resource.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "sim/core/input_error.hpp"
#include "sim/io/run_file.hpp"
#include "viz/core/street_live_model.hpp"

namespace streetwise::viz {

namespace {
using Clock = std::chrono::steady_clock;
// The UI draws at most about 60 frames a second: publishing faster only costs the engine time.
constexpr auto publish_interval = std::chrono::milliseconds(15);
constexpr int engine_nice = 5;
}  // namespace

LiveRun::LiveRun(ScenarioSpec spec, std::shared_ptr<const City> city, LiveRunOptions options)
    : LiveRun(spec, city, spec.total_steps(), street_model_factory(spec, city), std::move(options)) {}

LiveModelFactory LiveRun::street_model_factory(const ScenarioSpec& spec, std::shared_ptr<const City> city) {
    return [spec, city] { return std::make_unique<StreetLiveModel>(spec, *city); };
}

LiveRun::LiveRun(ScenarioSpec spec, std::shared_ptr<const City> city, std::int64_t total_steps, LiveModelFactory factory,
                 LiveRunOptions options)
    : spec_(std::move(spec)),
      city_(std::move(city)),
      total_steps_(total_steps),
      factory_(std::move(factory)),
      options_(std::move(options)) {
    speed_steps_per_s_ = std::max(0.0, options_.speed_steps_per_s);
    playing_ = options_.start_playing;
    engine_ = std::thread([this] { engine_loop(); });
}

LiveRun::~LiveRun() { stop(); }

void LiveRun::play() {
    playing_ = true;
    wake_.notify_all();
}
void LiveRun::pause() {
    playing_ = false;
    wake_.notify_all();
}
void LiveRun::step_once(int steps) {
    {
        std::lock_guard lock(mutex_);
        steps_requested_ += std::max(0, steps);
    }
    wake_.notify_all();
}
void LiveRun::set_speed(double steps_per_s) {
    speed_steps_per_s_ = std::max(0.0, steps_per_s);
    wake_.notify_all();
}
void LiveRun::seek(std::int64_t step) {
    {
        std::lock_guard lock(mutex_);
        seek_target_ = std::clamp<std::int64_t>(step, 0, total_steps_);
    }
    wake_.notify_all();
}
void LiveRun::apply_live_change(const std::string& key, double value) {
    {
        std::lock_guard lock(mutex_);
        pending_changes_.emplace_back(key, value);
    }
    wake_.notify_all();
}
void LiveRun::stop() {
    stop_requested_ = true;
    wake_.notify_all();
    if (engine_.joinable()) engine_.join();
}

std::string LiveRun::message() const {
    std::lock_guard lock(mutex_);
    return message_;
}

std::vector<LiveChange> LiveRun::live_changes() const {
    std::lock_guard lock(mutex_);
    return applied_changes_;
}

void LiveRun::set_failed(const std::string& message) {
    {
        std::lock_guard lock(mutex_);
        message_ = message;
    }
    phase_ = Phase::failed;
}

void LiveRun::engine_loop() {
    // The window comes first: the engine thread (and the oneTBB workers it starts, which inherit
    // it) runs at a lower scheduling priority, so a busy engine never starves the UI thread or the
    // renderer of a CPU. On Linux nice is per thread. Failure only means equal priority.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), engine_nice);
    std::optional<tbb::global_control> thread_limit;
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const int threads = options_.threads > 0 ? options_.threads : static_cast<int>(std::max(1u, cores - 1));
    thread_limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));

    std::unique_ptr<LiveModel> simulation;
    bool spent = false;  // take_result() was called: the simulation must be rebuilt before stepping
    // How many of applied_changes_ (in step order) the current simulation has been given.
    std::size_t changes_given = 0;
    Clock::time_point last_publish{};

    const auto publish = [&] {
        simulation->fill(exchange_.back());
        exchange_.publish();
        last_publish = Clock::now();
    };
    const auto rebuild = [&] {
        simulation = factory_();
        spent = false;
        changes_given = 0;
    };
    // Live edits recorded for step s are applied just before step s runs, also when a rewind
    // replays the run, so the replayed state is the one the user saw.
    const auto step_with_recorded_changes = [&] {
        const std::int64_t now = simulation->current_step();
        std::vector<LiveChange> due;
        {
            std::lock_guard lock(mutex_);
            for (; changes_given < applied_changes_.size() && applied_changes_[changes_given].step <= now; ++changes_given)
                due.push_back(applied_changes_[changes_given]);
        }
        for (const LiveChange& c : due) simulation->apply_live_change(c.key, c.value);
        simulation->step();
    };
    const auto finish = [&] {
        if (options_.output.empty()) {
            phase_ = Phase::finished;
            return;
        }
        if (!simulation->writes_run_file()) {
            std::lock_guard lock(mutex_);
            message_ = "no run file written: this model's run files come from `streetwise run`";
            phase_ = Phase::finished;
            return;
        }
        phase_ = Phase::writing;
        RunResult result = simulation->take_result();
        spent = true;
        write_run_file(options_.output, result);
        {
            std::lock_guard lock(mutex_);
            message_ = "run file written: " + options_.output.string();
        }
        phase_ = Phase::written;
    };

    try {
        rebuild();
        publish();
        std::int64_t paced_steps = 0;
        Clock::time_point pace_start = Clock::now();
        double pace_speed = -1;
        std::int64_t rate_steps = 0;
        Clock::time_point rate_start = Clock::now();

        while (!stop_requested_) {
            std::int64_t target = -1;
            std::vector<std::pair<std::string, double>> changes;
            {
                std::lock_guard lock(mutex_);
                target = seek_target_;
                seek_target_ = -1;
                changes.swap(pending_changes_);
            }
            if (target >= 0) {
                if (spent || target < simulation->current_step()) {
                    std::lock_guard lock(mutex_);
                    std::erase_if(applied_changes_, [&](const LiveChange& c) { return c.step > target; });
                }
                if (spent || target < simulation->current_step()) rebuild();
                while (simulation->current_step() < target && !stop_requested_) {
                    step_with_recorded_changes();
                    if (Clock::now() - last_publish >= publish_interval) publish();
                }
                publish();
                pace_speed = -1;  // restart pacing from here
            }
            for (auto& [key, value] : changes) {
                if (spent) {
                    std::lock_guard lock(mutex_);
                    message_ = "live change refused: the run has ended; seek back or restart to change " + key;
                    continue;
                }
                try {
                    simulation->apply_live_change(key, value);
                    std::lock_guard lock(mutex_);
                    applied_changes_.push_back({simulation->current_step(), key, value});
                    changes_given = applied_changes_.size();
                } catch (const std::exception& error) {
                    std::lock_guard lock(mutex_);
                    message_ = std::string("live change refused: ") + error.what();
                }
            }

            if (simulation->finished()) {
                const Phase phase = phase_;
                if (phase != Phase::finished && phase != Phase::written) {
                    publish();
                    finish();
                }
                std::unique_lock lock(mutex_);
                wake_.wait_for(lock, std::chrono::milliseconds(100),
                               [&] { return stop_requested_ || seek_target_ >= 0 || !pending_changes_.empty(); });
                continue;
            }

            bool take_step = false;
            if (playing_) {
                phase_ = Phase::playing;
                const double speed = speed_steps_per_s_;
                if (speed != pace_speed) {
                    pace_speed = speed;
                    pace_start = Clock::now();
                    paced_steps = 0;
                }
                if (speed <= 0) {
                    take_step = true;
                } else {
                    const double elapsed_s = std::chrono::duration<double>(Clock::now() - pace_start).count();
                    const auto due = static_cast<std::int64_t>(elapsed_s * speed);
                    if (paced_steps < due) {
                        take_step = true;
                        // Falling far behind (a slow step, a big city): do not sprint to catch up.
                        if (static_cast<double>(due - paced_steps) > 2 * speed) paced_steps = due - 1;
                    } else {
                        const double wait_s = (static_cast<double>(paced_steps + 1) / speed) - elapsed_s;
                        std::unique_lock lock(mutex_);
                        wake_.wait_for(lock, std::chrono::duration<double>(std::clamp(wait_s, 0.0, 0.05)));
                        continue;
                    }
                }
            } else {
                phase_ = Phase::paused;
                pace_speed = -1;
                std::unique_lock lock(mutex_);
                if (steps_requested_ > 0) {
                    --steps_requested_;
                    take_step = true;
                } else {
                    wake_.wait_for(lock, std::chrono::milliseconds(100), [&] {
                        return stop_requested_ || playing_ || steps_requested_ > 0 || seek_target_ >= 0 ||
                               !pending_changes_.empty();
                    });
                    continue;
                }
            }

            if (take_step) {
                step_with_recorded_changes();
                ++paced_steps;
                ++rate_steps;
                const auto now = Clock::now();
                const double rate_window_s = std::chrono::duration<double>(now - rate_start).count();
                if (rate_window_s >= 1.0) {
                    measured_steps_per_s_ = static_cast<double>(rate_steps) / rate_window_s;
                    rate_steps = 0;
                    rate_start = now;
                }
                if (!playing_ || now - last_publish >= publish_interval || simulation->finished()) publish();
            }
        }
    } catch (const InputError& error) {
        set_failed(error.what());
    } catch (const std::exception& error) {
        set_failed(std::string("internal error: ") + error.what());
    }
}

const char* to_string(LiveRun::Phase phase) {
    switch (phase) {
        case LiveRun::Phase::starting: return "starting";
        case LiveRun::Phase::paused: return "paused";
        case LiveRun::Phase::playing: return "playing";
        case LiveRun::Phase::finished: return "finished";
        case LiveRun::Phase::writing: return "writing run file";
        case LiveRun::Phase::written: return "finished, run file written";
        case LiveRun::Phase::failed: return "failed";
    }
    return "?";
}

}  // namespace streetwise::viz
