#pragma once
// ShortLiveModel: the Short et al. (2008) burglary lattice (sim/model/short_burglary.hpp) as a
// LiveModel, so the visualiser can run it live: burglars as points on the lattice, burglaries as
// crime, and the attractiveness field A = A0 + B as a map layer.
#include <memory>
#include <vector>

#include "sim/model/short_burglary.hpp"
#include "viz/core/live_model.hpp"

namespace streetwise {
class City;
}

namespace streetwise::viz {

class ShortLiveModel final : public LiveModel {
public:
    // `city` must be the run's lattice (short2008_city in sim/engine/run_short2008.hpp: one node per
    // site, same ids); `total_steps` ends the run.
    ShortLiveModel(const ShortBurglaryParams& params, std::shared_ptr<const City> city, std::int64_t total_steps);

    void step() override;
    bool finished() const override { return static_cast<std::int64_t>(model_.steps_done()) >= total_steps_; }
    std::int64_t current_step() const override { return model_.steps_done(); }
    void fill(FrameSnapshot& out) override;
    // The lattice model has no parameters that may change mid-run: always refused.
    void apply_live_change(const std::string& key, double value) override;
    // Its run files come from `streetwise run`: always refused (std::logic_error).
    RunResult take_result() override;
    bool writes_run_file() const override { return false; }

private:
    ShortBurglaryModel model_;
    std::shared_ptr<const City> city_;
    std::int64_t total_steps_;
    std::vector<CrimeEvent> burglaries_;                 // every burglary so far, in step and site order
    std::vector<std::uint32_t> segment_burglaries_;
    std::vector<double> hourly_burglaries_;              // per 60 steps, as the run files' "hours"
    std::uint64_t serial_ = 0;
};

}  // namespace streetwise::viz
