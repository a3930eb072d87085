#pragma once
// LiveModel: what LiveRun steps on its engine thread. The street model (a Simulation) and the
// classic lattice models (Short et al. 2008) both run live behind this one interface, so the
// hand-over, pacing, rewind and stop rules of LiveRun are written once.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "sim/io/run_result.hpp"
#include "viz/core/frame_snapshot.hpp"

namespace streetwise::viz {

class LiveModel {
public:
    virtual ~LiveModel() = default;
    virtual void step() = 0;
    virtual bool finished() const = 0;
    virtual std::int64_t current_step() const = 0;
    // Fills every field of `out` with the state now (engine thread, between steps).
    virtual void fill(FrameSnapshot& out) = 0;
    // A live parameter edit; throws std::invalid_argument or InputError when refused.
    virtual void apply_live_change(const std::string& key, double value) = 0;
    // The run's results for its run file; the model is spent afterwards.
    virtual RunResult take_result() = 0;
    // False for models whose run files come from the command line only (LiveRun then writes none).
    virtual bool writes_run_file() const { return true; }
};

// Makes a fresh model at step 0 (called again to rewind). May throw InputError.
using LiveModelFactory = std::function<std::unique_ptr<LiveModel>()>;

}  // namespace streetwise::viz
