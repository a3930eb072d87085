#pragma once
// The street attractiveness B (repeat and near-repeat victimisation, sim/model/street_attractiveness.hpp)
// as a FrameSnapshot layer. Live runs copy it from the Simulation, replays rebuild it from the crime
// table (AttractivenessReplay); both go through these two functions, so the map, its legend and
// the details box read the same name and meaning whatever the source.
#include <vector>

#include "viz/core/frame_snapshot.hpp"

namespace streetwise::viz {

// Sets the snapshot's segment field to `b` (one value per street segment) with its legend texts.
void set_attractiveness_layer(const std::vector<float>& b, FrameSnapshot& out);
// No street field: the run has none (disabled, a lattice model, no event table to rebuild it from).
void clear_segment_field(FrameSnapshot& out);

}  // namespace streetwise::viz
