#include "viz/core/attractiveness_replay.hpp"

#include <algorithm>

#include "sim/city/city.hpp"
#include "sim/core/input_error.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "viz/core/scenario_tree.hpp"

namespace streetwise::viz {

namespace {

// Checkpoints may take this much memory in all; each is a whole copy of the field (B, its
// neighbour table and scratch), estimated per segment.
constexpr std::size_t checkpoint_budget_bytes = std::size_t{64} << 20;
constexpr std::size_t estimated_bytes_per_segment = 48;
// Never closer than this many updates apart: replaying 16 updates is far below a frame's time.
constexpr std::int64_t min_checkpoint_spacing = 16;

const ScenarioTreeNode* child(const std::vector<ScenarioTreeNode>& nodes, const std::string& key) {
    for (const ScenarioTreeNode& node : nodes)
        if (node.key == key) return &node;
    return nullptr;
}

}  // namespace

std::unique_ptr<AttractivenessReplay> AttractivenessReplay::from_run_file(const RunFileContents& contents, const City& city,
                                                                          std::string& why_not) {
    why_not.clear();
    if (contents.info.model != "streets") {
        why_not = "the " + contents.info.model + " model has no street attractiveness field";
        return nullptr;
    }
    if (contents.crime_events_omitted) {
        why_not = "no event table (output.events: false) to rebuild the attractiveness field from";
        return nullptr;
    }
    // Only the keys the field depends on are read back, through the loader's own parsing and
    // checks: loading the whole resolved scenario would look for its map file (city.osm), which
    // a run file carries with it and the machine replaying it may not have.
    const std::vector<ScenarioTreeNode> tree = parse_scenario_tree(contents.scenario_yaml);
    const ScenarioTreeNode* crime = child(tree, "crime");
    const ScenarioTreeNode* keys = crime ? child(crime->children, "attractiveness") : nullptr;
    if (!keys || keys->children.empty()) {
        why_not = "the run's scenario has no crime.attractiveness (a run file from before the field existed)";
        return nullptr;
    }
    std::vector<std::string> overrides{"time.step_s=" + std::to_string(contents.info.step_s)};
    for (const ScenarioTreeNode& key : keys->children) overrides.push_back(key.path + "=" + key.value);
    ScenarioSpec spec;
    try {
        spec = load_scenario_text("name: run-file-replay\n", "the run file's scenario", overrides);
    } catch (const InputError& error) {
        why_not = std::string("the run's crime.attractiveness keys could not be read: ") + error.what();
        return nullptr;
    }
    if (!spec.crime.attractiveness.enabled) {
        why_not = "the run had crime.attractiveness.enabled: false";
        return nullptr;
    }
    // No live-editable key changes the field today; should one ever, the crimes alone would no
    // longer determine it.
    for (const LiveChange& change : contents.live_changes)
        if (change.key.rfind("crime.attractiveness.", 0) == 0) {
            why_not = "the run changed " + change.key + " live";
            return nullptr;
        }
    return std::make_unique<AttractivenessReplay>(spec.crime.attractiveness, contents.info.step_s, city, contents.crimes,
                                                  contents.info.steps);
}

AttractivenessReplay::AttractivenessReplay(const AttractivenessSpec& spec, int step_s, const City& city,
                                           const std::vector<CrimeEvent>& crimes, std::int64_t total_steps)
    : field_(spec, step_s, city) {
    const std::int64_t interval = field_.update_interval_steps();
    total_updates_ = std::max<std::int64_t>(0, total_steps) / interval;

    // Group the crimes by the update that absorbs them (a counting sort: their order within an
    // update does not matter, the field counts them). Crimes after the last update never count.
    const auto updates = static_cast<std::size_t>(total_updates_);
    update_begin_.assign(updates + 1, 0);
    for (const CrimeEvent& e : crimes)
        if (const auto k = static_cast<std::size_t>(e.step / interval); k < updates) ++update_begin_[k + 1];
    for (std::size_t k = 0; k < updates; ++k) update_begin_[k + 1] += update_begin_[k];
    crime_segments_.resize(update_begin_[updates]);
    std::vector<std::size_t> next(update_begin_.begin(), update_begin_.end() - 1);
    for (const CrimeEvent& e : crimes)
        if (const auto k = static_cast<std::size_t>(e.step / interval); k < updates) crime_segments_[next[k]++] = e.segment;

    const std::size_t copy_bytes = std::max<std::size_t>(1, estimated_bytes_per_segment * city.segment_count());
    const auto most_checkpoints = static_cast<std::int64_t>(std::max<std::size_t>(1, checkpoint_budget_bytes / copy_bytes));
    checkpoint_spacing_ = std::max(min_checkpoint_spacing, (total_updates_ + most_checkpoints - 1) / most_checkpoints);
    checkpoints_.push_back(field_);
}

void AttractivenessReplay::apply_next_update() {
    const auto k = static_cast<std::size_t>(updates_done_);
    for (std::size_t i = update_begin_[k]; i < update_begin_[k + 1]; ++i) field_.add_crime(crime_segments_[i]);
    field_.update();
    ++updates_done_;
    // Checkpoints are taken the first time the replay passes them, so they fill in as it goes forward.
    if (updates_done_ % checkpoint_spacing_ == 0 &&
        updates_done_ / checkpoint_spacing_ == static_cast<std::int64_t>(checkpoints_.size()))
        checkpoints_.push_back(field_);
}

const std::vector<float>& AttractivenessReplay::values_at(std::int64_t steps) {
    const std::int64_t target = std::clamp<std::int64_t>(steps / field_.update_interval_steps(), 0, total_updates_);
    // From the last checkpoint at or before the target when going back, or when going forward
    // past one (every checkpoint up to the furthest point reached so far exists).
    const auto i = std::min(static_cast<std::size_t>(target / checkpoint_spacing_), checkpoints_.size() - 1);
    const std::int64_t at = static_cast<std::int64_t>(i) * checkpoint_spacing_;
    if (target < updates_done_ || at > updates_done_) {
        field_ = checkpoints_[i];
        updates_done_ = at;
    }
    while (updates_done_ < target) apply_next_update();
    return field_.values();
}

}  // namespace streetwise::viz
