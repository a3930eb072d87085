#include "viz/core/map_picking.hpp"

#include <algorithm>
#include <cmath>

#include "sim/city/city.hpp"

namespace streetwise::viz {

double point_segment_distance(WorldPoint p, WorldPoint a, WorldPoint b) {
    const double dx = b.x_m - a.x_m;
    const double dy = b.y_m - a.y_m;
    const double length2 = dx * dx + dy * dy;
    double t = length2 > 0 ? ((p.x_m - a.x_m) * dx + (p.y_m - a.y_m) * dy) / length2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    return std::hypot(p.x_m - (a.x_m + t * dx), p.y_m - (a.y_m + t * dy));
}

WorldBounds city_bounds(const City& city) {
    const auto& xs = city.node_x_m();
    const auto& ys = city.node_y_m();
    if (xs.empty()) return {};
    const auto [min_x, max_x] = std::minmax_element(xs.begin(), xs.end());
    const auto [min_y, max_y] = std::minmax_element(ys.begin(), ys.end());
    return {*min_x, *min_y, *max_x, *max_y};
}

SegmentGrid::SegmentGrid(const City& city, double cell_m) : city_(city) {
    const WorldBounds bounds = city_bounds(city);
    origin_x_m_ = bounds.min_x_m;
    origin_y_m_ = bounds.min_y_m;
    const double span_x = std::max(bounds.max_x_m - bounds.min_x_m, 1.0);
    const double span_y = std::max(bounds.max_y_m - bounds.min_y_m, 1.0);
    // About four segments per cell on average keeps both the cell count and each cell's list small.
    if (!(cell_m > 0)) cell_m = std::max(10.0, std::sqrt(span_x * span_y * 4.0 / std::max<double>(1, city.segment_count())));
    cell_m_ = cell_m;
    columns_ = std::max(1, static_cast<int>(span_x / cell_m_) + 1);
    rows_ = std::max(1, static_cast<int>(span_y / cell_m_) + 1);

    // Two passes (count, then fill) over each segment's bounding box of cells.
    const auto& xs = city.node_x_m();
    const auto& ys = city.node_y_m();
    const std::size_t cells = static_cast<std::size_t>(columns_) * static_cast<std::size_t>(rows_);
    cell_begin_.assign(cells + 1, 0);
    auto for_each_cell = [&](std::uint32_t s, auto&& visit) {
        const std::uint32_t a = city.segment_from()[s];
        const std::uint32_t b = city.segment_to()[s];
        int ax, ay, bx, by;
        cell_of(std::min(xs[a], xs[b]), std::min(ys[a], ys[b]), &ax, &ay);
        cell_of(std::max(xs[a], xs[b]), std::max(ys[a], ys[b]), &bx, &by);
        for (int y = ay; y <= by; ++y)
            for (int x = ax; x <= bx; ++x) visit(static_cast<std::size_t>(y) * columns_ + x);
    };
    for (std::uint32_t s = 0; s < city.segment_count(); ++s) for_each_cell(s, [&](std::size_t c) { ++cell_begin_[c + 1]; });
    for (std::size_t c = 0; c < cells; ++c) cell_begin_[c + 1] += cell_begin_[c];
    cell_segments_.resize(cell_begin_[cells]);
    std::vector<std::uint32_t> fill(cell_begin_.begin(), cell_begin_.end() - 1);
    for (std::uint32_t s = 0; s < city.segment_count(); ++s) for_each_cell(s, [&](std::size_t c) { cell_segments_[fill[c]++] = s; });
}

std::uint32_t SegmentGrid::cell_of(double x_m, double y_m, int* cx, int* cy) const {
    *cx = std::clamp(static_cast<int>(std::floor((x_m - origin_x_m_) / cell_m_)), 0, columns_ - 1);
    *cy = std::clamp(static_cast<int>(std::floor((y_m - origin_y_m_) / cell_m_)), 0, rows_ - 1);
    return static_cast<std::uint32_t>(*cy * columns_ + *cx);
}

std::optional<SegmentHit> SegmentGrid::nearest(WorldPoint p, double max_distance_m) const {
    int ax, ay, bx, by;
    cell_of(p.x_m - max_distance_m, p.y_m - max_distance_m, &ax, &ay);
    cell_of(p.x_m + max_distance_m, p.y_m + max_distance_m, &bx, &by);
    const auto& xs = city_.node_x_m();
    const auto& ys = city_.node_y_m();
    std::optional<SegmentHit> best;
    for (int y = ay; y <= by; ++y)
        for (int x = ax; x <= bx; ++x) {
            const std::size_t c = static_cast<std::size_t>(y) * columns_ + x;
            for (std::uint32_t i = cell_begin_[c]; i < cell_begin_[c + 1]; ++i) {
                const std::uint32_t s = cell_segments_[i];
                const std::uint32_t a = city_.segment_from()[s];
                const std::uint32_t b = city_.segment_to()[s];
                const double d = point_segment_distance(p, {xs[a], ys[a]}, {xs[b], ys[b]});
                if (d > max_distance_m) continue;
                if (!best || d < best->distance_m || (d == best->distance_m && s < best->segment)) best = SegmentHit{s, d};
            }
        }
    return best;
}

std::vector<std::uint32_t> SegmentGrid::in_rectangle(const WorldBounds& box) const {
    std::vector<std::uint32_t> found;
    const auto& xs = city_.node_x_m();
    const auto& ys = city_.node_y_m();
    const auto inside = [&](std::uint32_t n) {
        return xs[n] >= box.min_x_m && xs[n] <= box.max_x_m && ys[n] >= box.min_y_m && ys[n] <= box.max_y_m;
    };
    // A segment counts when either end or its midpoint lies in the box.
    for (std::uint32_t s = 0; s < city_.segment_count(); ++s) {
        const std::uint32_t a = city_.segment_from()[s];
        const std::uint32_t b = city_.segment_to()[s];
        const double mx = (xs[a] + xs[b]) * 0.5, my = (ys[a] + ys[b]) * 0.5;
        if (inside(a) || inside(b) || (mx >= box.min_x_m && mx <= box.max_x_m && my >= box.min_y_m && my <= box.max_y_m))
            found.push_back(s);
    }
    return found;
}

std::optional<AgentHit> nearest_agent(std::span<const AgentPoint> agents, WorldPoint p, double max_distance_m) {
    std::optional<AgentHit> best;
    double best2 = max_distance_m * max_distance_m;
    for (std::size_t i = 0; i < agents.size(); ++i) {
        const double dx = agents[i].x_m - p.x_m;
        const double dy = agents[i].y_m - p.y_m;
        const double d2 = dx * dx + dy * dy;
        if (d2 < best2 || (!best && d2 <= best2)) {
            best2 = d2;
            best = AgentHit{i, 0};
        }
    }
    if (best) best->distance_m = std::sqrt(best2);
    return best;
}

}  // namespace streetwise::viz
