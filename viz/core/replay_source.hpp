#pragma once
// ReplaySource: a RunSource over a run file. The file's crime table is replayed against a clock
// the user drives (play, pause, step, speed, time slider): the snapshot at step t holds every
// crime of steps before t, exactly as the live view of the same run showed it at that moment.
// Run files hold no agent positions, so a replay shows crime, not people. The street attractiveness
// field (repeat victimisation) is not stored either: it is rebuilt from the crimes (AttractivenessReplay).
#include <filesystem>
#include <memory>
#include <string>

#include "sim/io/run_file.hpp"
#include "viz/core/attractiveness_replay.hpp"
#include "viz/core/run_source.hpp"

namespace streetwise::viz {

class ReplaySource final : public RunSource {
public:
    explicit ReplaySource(const std::filesystem::path& file);  // throws InputError
    explicit ReplaySource(RunFileContents contents, std::filesystem::path file = {});

    std::string title() const override;
    const City& city() const override { return *city_; }
    std::shared_ptr<const City> city_ptr() const override { return city_; }
    std::string scenario_yaml() const override { return contents_.scenario_yaml; }
    bool is_live() const override { return false; }

    bool update(double frame_dt_s) override;
    const FrameSnapshot& snapshot() const override { return snapshot_; }

    void play() override { playing_ = true; }
    void pause() override { playing_ = false; }
    bool is_playing() const override { return playing_; }
    void step_once(int steps) override;
    void set_speed(double steps_per_s) override { speed_steps_per_s_ = steps_per_s; }
    double speed() const override { return speed_steps_per_s_; }
    void seek(std::int64_t step) override;
    std::int64_t total_steps() const override { return contents_.info.steps; }
    int step_s() const override { return contents_.info.step_s; }
    int start_weekday() const override { return start_weekday_; }
    std::string status_text() const override;
    bool failed() const override { return false; }

    const RunFileContents& contents() const { return contents_; }
    std::int64_t position() const { return position_; }
    // Why the snapshot has no street attractiveness field; empty when it has one.
    const std::string& attractiveness_note() const { return attractiveness_note_; }

private:
    void rebuild_snapshot();

    RunFileContents contents_;
    std::filesystem::path file_;
    std::shared_ptr<const City> city_;
    FrameSnapshot snapshot_;
    int start_weekday_ = 0;
    bool playing_ = false;
    double speed_steps_per_s_ = 60;
    double position_fraction_ = 0;  // sub-step progress of the clock while playing
    std::int64_t position_ = 0;     // the clock: crimes of steps < position are shown
    std::size_t events_applied_ = 0;
    bool dirty_ = true;
    std::unique_ptr<AttractivenessReplay> attractiveness_;  // null: the run has no street field
    std::string attractiveness_note_;
    std::int64_t field_updates_shown_ = -1;  // the field's update count the snapshot holds
};

}  // namespace streetwise::viz
