#pragma once
// Picking: what the user clicked on the map. Streets through a uniform grid over the city
// (a click looks at a few cells, not every segment); agents by a scan of the current snapshot,
// which is cheap enough for one click (100,000 points in well under a millisecond).
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "viz/core/frame_snapshot.hpp"
#include "viz/core/map_camera.hpp"

namespace streetwise {
class City;
}

namespace streetwise::viz {

struct SegmentHit {
    std::uint32_t segment = 0;
    double distance_m = 0;  // from the query point to the segment's straight line between its ends
};

struct AgentHit {
    std::size_t index = 0;  // into the snapshot's agents
    double distance_m = 0;
};

// Distance from p to the straight segment a-b, in the same units.
double point_segment_distance(WorldPoint p, WorldPoint a, WorldPoint b);

WorldBounds city_bounds(const City& city);

class SegmentGrid {
public:
    explicit SegmentGrid(const City& city, double cell_m = 0);  // 0: chosen from the city's size
    // The segment nearest to `p` within `max_distance_m`; ties go to the lower segment id.
    std::optional<SegmentHit> nearest(WorldPoint p, double max_distance_m) const;
    // Every segment with a point within the rectangle (for picking streets by dragging a box).
    std::vector<std::uint32_t> in_rectangle(const WorldBounds& box) const;

private:
    std::uint32_t cell_of(double x_m, double y_m, int* cx, int* cy) const;
    const City& city_;
    double origin_x_m_ = 0, origin_y_m_ = 0, cell_m_ = 1;
    int columns_ = 1, rows_ = 1;
    std::vector<std::uint32_t> cell_begin_;  // CSR over cells
    std::vector<std::uint32_t> cell_segments_;
};

// The agent nearest to `p` within `max_distance_m` (ties: the lower index).
std::optional<AgentHit> nearest_agent(std::span<const AgentPoint> agents, WorldPoint p, double max_distance_m);

}  // namespace streetwise::viz
