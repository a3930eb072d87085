#pragma once
// StreetLiveModel: the street model (a Simulation of residents, offenders and police) as a
// LiveModel, with its SnapshotBuilder.
#include "sim/engine/simulation.hpp"
#include "viz/core/live_model.hpp"
#include "viz/core/snapshot_builder.hpp"

namespace streetwise::viz {

class StreetLiveModel final : public LiveModel {
public:
    StreetLiveModel(const ScenarioSpec& spec, const City& city) : simulation_(spec, city) {}
    void step() override { simulation_.step(); }
    bool finished() const override { return simulation_.finished(); }
    std::int64_t current_step() const override { return simulation_.current_step(); }
    void fill(FrameSnapshot& out) override { builder_.fill(simulation_, out); }
    void apply_live_change(const std::string& key, double value) override { simulation_.apply_live_change(key, value); }
    RunResult take_result() override { return simulation_.take_result(); }

private:
    Simulation simulation_;
    SnapshotBuilder builder_;
};

}  // namespace streetwise::viz
