#pragma once
// RunSource: what the visualiser shows, whatever it comes from: a scenario running live on a
// background thread (LiveSource) or a run file being replayed (ReplaySource, in replay_source.hpp).
// Panels only talk to this interface, so the map, charts and compare view work the same on both.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "viz/core/frame_snapshot.hpp"

namespace streetwise {
class City;
}

namespace streetwise::viz {

class RunSource {
public:
    virtual ~RunSource() = default;

    virtual std::string title() const = 0;         // scenario name, and the file it came from
    virtual const City& city() const = 0;
    virtual std::shared_ptr<const City> city_ptr() const = 0;
    virtual std::string scenario_yaml() const = 0;  // resolved scenario
    virtual bool is_live() const = 0;

    // Called once per UI frame with the wall time since the last frame: takes the newest state.
    // Returns true when snapshot() changed.
    virtual bool update(double frame_dt_s) = 0;
    virtual const FrameSnapshot& snapshot() const = 0;

    virtual void play() = 0;
    virtual void pause() = 0;
    virtual bool is_playing() const = 0;
    virtual void step_once(int steps) = 0;
    virtual void set_speed(double steps_per_s) = 0;  // 0: as fast as possible
    virtual double speed() const = 0;
    virtual void seek(std::int64_t step) = 0;
    virtual std::int64_t total_steps() const = 0;
    virtual int step_s() const = 0;
    virtual int start_weekday() const = 0;  // 0 = Monday, weekday of day 0

    // The scenario keys this source's model may change while it runs (none for replays).
    virtual std::vector<std::string> live_editable_keys() const { return {}; }

    // One line for the status bar: phase, rate, messages.
    virtual std::string status_text() const = 0;
    virtual bool failed() const = 0;
};

}  // namespace streetwise::viz
