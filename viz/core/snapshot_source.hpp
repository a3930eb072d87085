#pragma once
// SnapshotSource: a RunSource that shows one given snapshot of a city, with no engine behind it.
// For benchmarks (a frame with exactly N agents) and UI tests (known content on the map).
#include <memory>
#include <string>

#include "viz/core/run_source.hpp"

namespace streetwise::viz {

class SnapshotSource final : public RunSource {
public:
    SnapshotSource(std::shared_ptr<const City> city, FrameSnapshot snapshot, std::string title = "snapshot")
        : city_(std::move(city)), snapshot_(std::move(snapshot)), title_(std::move(title)) {}

    std::string title() const override { return title_; }
    const City& city() const override { return *city_; }
    std::shared_ptr<const City> city_ptr() const override { return city_; }
    std::string scenario_yaml() const override { return ""; }
    bool is_live() const override { return false; }
    bool update(double) override { return false; }
    const FrameSnapshot& snapshot() const override { return snapshot_; }
    void play() override {}
    void pause() override {}
    bool is_playing() const override { return false; }
    void step_once(int) override {}
    void set_speed(double) override {}
    double speed() const override { return 0; }
    void seek(std::int64_t) override {}
    std::int64_t total_steps() const override { return snapshot_.total_steps; }
    int step_s() const override { return snapshot_.step_s; }
    int start_weekday() const override { return 0; }
    std::string status_text() const override { return "fixed snapshot"; }
    bool failed() const override { return false; }

private:
    std::shared_ptr<const City> city_;
    FrameSnapshot snapshot_;
    std::string title_;
};

}  // namespace streetwise::viz
