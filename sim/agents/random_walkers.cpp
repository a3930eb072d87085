#include "sim/agents/random_walkers.hpp"

#include <algorithm>
#include <limits>

#include "sim/city/city.hpp"
#include "sim/core/parallel_for.hpp"
#include "sim/engine/node_occupancy.hpp"

namespace streetwise {

RandomWalkers::RandomWalkers(const City& city, const Options& options)
    : city_(city),
      walk_per_step_m_(static_cast<float>(options.speed_mps * options.step_s)),
      awareness_radius_m_(options.awareness_radius_m),
      move_rng_(options.seed, options.move_stream),
      first_entity_(options.first_entity) {
    const CounterRng setup(options.seed, options.setup_stream);
    home_.resize(options.count);
    if (options.area_segments.empty()) {
        for (std::uint32_t i = 0; i < options.count; ++i)
            home_[i] = setup.below(city.node_count(), first_entity_ + i, 0, 0);
    } else {
        allowed_segment_.assign(city.segment_count(), 0);
        std::vector<std::uint32_t> area_nodes;
        for (const std::uint32_t s : options.area_segments) {
            allowed_segment_[s] = 1;
            area_nodes.push_back(city.segment_from()[s]);
            area_nodes.push_back(city.segment_to()[s]);
        }
        std::sort(area_nodes.begin(), area_nodes.end());
        area_nodes.erase(std::unique(area_nodes.begin(), area_nodes.end()), area_nodes.end());
        const auto candidates = static_cast<std::uint32_t>(area_nodes.size());
        for (std::uint32_t i = 0; i < options.count; ++i)
            home_[i] = area_nodes[setup.below(candidates, first_entity_ + i, 0, 0)];
    }
    node_ = home_;
    heading_arc_.assign(options.count, UINT32_MAX);
    progress_m_.assign(options.count, 0.0f);
    last_segment_.resize(options.count);
    for (std::uint32_t i = 0; i < options.count; ++i) last_segment_[i] = first_segment_at(node_[i]);
}

bool RandomWalkers::may_take(std::uint32_t arc) const { return may_walk(city_.arc_segment(arc)); }

// Until a walker has moved, events there are attributed to the first street of its node it may walk
// (segment 0 for a node with no street, possible only in a city built without clean-up).
std::uint32_t RandomWalkers::first_segment_at(std::uint32_t node) const {
    const std::uint32_t begin = city_.arc_begin(node), end = city_.arc_end(node);
    for (std::uint32_t a = begin; a < end; ++a)
        if (may_take(a)) return city_.arc_segment(a);
    return begin < end ? city_.arc_segment(begin) : 0;
}

void RandomWalkers::reset_to_home() {
    for (std::uint32_t i = 0; i < count(); ++i) {
        node_[i] = home_[i];
        heading_arc_[i] = UINT32_MAX;
        progress_m_[i] = 0.0f;
        last_segment_[i] = first_segment_at(home_[i]);
    }
}

// Uniform among the streets that keep the walker within its awareness space (and its area, if it
// has one); if none keeps it within the awareness space (it strayed outside), the street of its
// area leading closest to home. A node with no street it may take: stay.
std::uint32_t RandomWalkers::choose_arc(std::uint32_t walker, std::uint32_t node, std::uint32_t step,
                                        std::uint32_t draw) const {
    const std::uint32_t begin = city_.arc_begin(node), end = city_.arc_end(node);
    if (begin == end) return UINT32_MAX;  // a node with no street: stay
    const std::uint32_t entity = first_entity_ + walker;
    if (awareness_radius_m_ <= 0) {
        if (allowed_segment_.empty()) return begin + move_rng_.below(end - begin, entity, step, draw);
        std::uint32_t allowed = 0;
        for (std::uint32_t a = begin; a < end; ++a) allowed += may_take(a);
        if (allowed == 0) return UINT32_MAX;
        std::uint32_t k = move_rng_.below(allowed, entity, step, draw);
        for (std::uint32_t a = begin; a < end; ++a)
            if (may_take(a) && k-- == 0) return a;
        return UINT32_MAX;  // unreachable
    }
    const double home_x = city_.node_x_m()[home_[walker]], home_y = city_.node_y_m()[home_[walker]];
    const double radius2 = awareness_radius_m_ * awareness_radius_m_;
    auto distance2 = [&](std::uint32_t v) {
        const double dx = city_.node_x_m()[v] - home_x, dy = city_.node_y_m()[v] - home_y;
        return dx * dx + dy * dy;
    };
    auto within = [&](std::uint32_t a) { return may_take(a) && distance2(city_.arc_target(a)) <= radius2; };
    std::uint32_t allowed = 0;
    for (std::uint32_t a = begin; a < end; ++a) allowed += within(a);
    if (allowed == 0) {
        std::uint32_t best = UINT32_MAX;
        for (std::uint32_t a = begin; a < end; ++a)
            if (may_take(a) && (best == UINT32_MAX || distance2(city_.arc_target(a)) < distance2(city_.arc_target(best))))
                best = a;
        return best;
    }
    std::uint32_t k = move_rng_.below(allowed, entity, step, draw);
    for (std::uint32_t a = begin; a < end; ++a) {
        if (within(a) && k-- == 0) return a;
    }
    return begin;  // unreachable
}

void RandomWalkers::move(std::int64_t step, NodeOccupancy* counted_as_police) {
    constexpr float slack_m = 1e-3f;  // see Residents::move
    const auto step32 = static_cast<std::uint32_t>(step);
    parallel_for_chunks(0u, count(), 256, [&](std::uint32_t begin, std::uint32_t end) {
    for (std::uint32_t w = begin; w != end; ++w) {
        float progress = progress_m_[w] + walk_per_step_m_;
        std::uint32_t node = node_[w];
        std::uint32_t arc = heading_arc_[w];
        for (std::uint32_t draw = 0;; ++draw) {
            if (arc == UINT32_MAX) arc = choose_arc(w, node, step32, draw);
            if (arc == UINT32_MAX) {
                progress = 0.0f;
                break;
            }
            const float length_m = city_.arc_length_m(arc);
            if (progress + slack_m < length_m) break;
            progress = std::max(0.0f, progress - length_m);
            const std::uint32_t next = city_.arc_target(arc);
            if (counted_as_police) counted_as_police->move_police(node, next);
            last_segment_[w] = city_.arc_segment(arc);
            node = next;
            arc = UINT32_MAX;
        }
        node_[w] = node;
        heading_arc_[w] = arc;
        progress_m_[w] = progress;
    }
    });
}

}  // namespace streetwise
