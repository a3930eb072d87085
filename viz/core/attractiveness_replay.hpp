#pragma once
// AttractivenessReplay: the street attractiveness field B (repeat and near-repeat victimisation)
// rebuilt from a run file's crime table. Run files do not store B, but B is a deterministic
// function of the crimes and the scenario's crime.attractiveness keys: the engine adds each crime
// of a step to its street in the offence phase and calls update() after the step's offences when
// (step + 1) % update_interval_steps() == 0. Replaying the same crimes into a StreetAttractiveness
// at the same steps gives, bit for bit, the B the run had (tests/viz/test_attractiveness_replay.cpp).
//
// Moving forward costs only the updates in between. Moving back restores the nearest earlier
// checkpoint (a copy of the field, taken while going forward) and replays from there, so a slider
// dragged back and forth never recomputes the run from its start.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/io/run_file.hpp"
#include "sim/model/street_attractiveness.hpp"

namespace streetwise::viz {

class AttractivenessReplay {
public:
    // The field of a run file, or null with `why_not` saying why there is none: the model has no
    // street field (short2008), the run had it disabled or predates it, or the file has no event table.
    static std::unique_ptr<AttractivenessReplay> from_run_file(const RunFileContents& contents, const City& city,
                                                               std::string& why_not);

    // `crimes` in the order they happened (step never decreasing), as Simulation recorded them;
    // only their steps and segments are kept. `total_steps`: the run's length.
    AttractivenessReplay(const AttractivenessSpec& spec, int step_s, const City& city, const std::vector<CrimeEvent>& crimes,
                         std::int64_t total_steps);

    // B per segment once `steps` steps of the run are done: what Simulation::attractiveness().values()
    // held after that many calls of step(). Clamped to [0, total_steps].
    const std::vector<float>& values_at(std::int64_t steps);

    // Updates applied to the field now (steps / update_interval_steps() at the last values_at).
    std::int64_t updates_done() const { return updates_done_; }
    std::int64_t update_interval_steps() const { return field_.update_interval_steps(); }
    std::size_t checkpoint_count() const { return checkpoints_.size(); }
    std::int64_t checkpoint_spacing() const { return checkpoint_spacing_; }

private:
    void apply_next_update();

    StreetAttractiveness field_;
    std::int64_t updates_done_ = 0;
    std::int64_t total_updates_ = 0;
    // The crimes' segments grouped by the update that absorbs them: update k (0-based) adds
    // crime_segments_[update_begin_[k] .. update_begin_[k + 1]).
    std::vector<std::uint32_t> crime_segments_;
    std::vector<std::size_t> update_begin_;
    // checkpoints_[i]: the field after i * checkpoint_spacing_ updates (checkpoints_[0]: the start).
    std::vector<StreetAttractiveness> checkpoints_;
    std::int64_t checkpoint_spacing_ = 1;
};

}  // namespace streetwise::viz
