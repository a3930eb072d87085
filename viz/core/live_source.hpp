#pragma once
// LiveSource: a RunSource over a LiveRun (a scenario simulated on a background thread).
#include <memory>

#include "viz/core/live_run.hpp"
#include "viz/core/run_source.hpp"

namespace streetwise::viz {

class LiveSource final : public RunSource {
public:
    LiveSource(ScenarioSpec spec, std::shared_ptr<const City> city, LiveRunOptions options);
    // Any model (see LiveRun).
    LiveSource(ScenarioSpec spec, std::shared_ptr<const City> city, std::int64_t total_steps, LiveModelFactory factory,
               LiveRunOptions options)
        : run_(std::move(spec), std::move(city), total_steps, std::move(factory), std::move(options)) {}  // no live edits

    std::string title() const override;
    const City& city() const override { return run_.city(); }
    std::shared_ptr<const City> city_ptr() const override { return run_.city_ptr(); }
    std::string scenario_yaml() const override { return run_.spec().resolved_yaml; }
    bool is_live() const override { return true; }

    bool update(double frame_dt_s) override;
    const FrameSnapshot& snapshot() const override { return run_.snapshot(); }

    void play() override { run_.play(); }
    void pause() override { run_.pause(); }
    bool is_playing() const override { return run_.is_playing(); }
    void step_once(int steps) override { run_.step_once(steps); }
    void set_speed(double steps_per_s) override { run_.set_speed(steps_per_s); }
    double speed() const override { return run_.speed(); }
    void seek(std::int64_t step) override { run_.seek(step); }
    std::int64_t total_steps() const override { return run_.total_steps(); }
    int step_s() const override { return run_.spec().time.step_s; }
    int start_weekday() const override { return run_.spec().time.start_weekday; }
    std::string status_text() const override;
    std::vector<std::string> live_editable_keys() const override { return live_keys_; }
    bool failed() const override { return run_.phase() == LiveRun::Phase::failed; }

    LiveRun& run() { return run_; }
    const LiveRun& run() const { return run_; }

private:
    LiveRun run_;
    std::vector<std::string> live_keys_;
};

}  // namespace streetwise::viz
