#include "sim/agents/random_walkers.hpp"


#include <limits>

#include "sim/city/city.hpp"
#include "sim/core/parallel_for.hpp"
#include "sim/engine/node_occupancy.hpp"

namespace streetwise {

RandomWalkers::RandomWalkers(const City& city, const Options& options)
    : city_(city),
      walk_per_step_m_(static_cast<float>(options.speed_mps * options.step_s)),
      awareness_radius_m_(options.awareness_radius_m),
      move_rng_(options.seed, options.move_stream) {
    const CounterRng setup(options.seed, options.setup_stream);
    home_.resize(options.count);
    for (std::uint32_t i = 0; i < options.count; ++i) home_[i] = setup.below(city.node_count(), i, 0, 0);
    node_ = home_;
    heading_arc_.assign(options.count, UINT32_MAX);
    progress_m_.assign(options.count, 0.0f);
    last_segment_.resize(options.count);
    // Until a walker has moved, events there are attributed to the first street of its node
    // (segment 0 for a node with no street, possible only in a city built without clean-up).
    for (std::uint32_t i = 0; i < options.count; ++i)
        last_segment_[i] = city.degree(node_[i]) > 0 ? city.arc_segment(city.arc_begin(node_[i])) : 0;
}

// Uniform among the streets that keep the walker within its awareness space; if none do (it
// strayed outside), the street leading closest to home.
std::uint32_t RandomWalkers::choose_arc(std::uint32_t walker, std::uint32_t node, std::uint32_t step,
                                        std::uint32_t draw) const {
    const std::uint32_t begin = city_.arc_begin(node), end = city_.arc_end(node);
    if (begin == end) return UINT32_MAX;  // a node with no street: stay
    if (awareness_radius_m_ <= 0) return begin + move_rng_.below(end - begin, walker, step, draw);
    const double home_x = city_.node_x_m()[home_[walker]], home_y = city_.node_y_m()[home_[walker]];
    const double radius2 = awareness_radius_m_ * awareness_radius_m_;
    auto distance2 = [&](std::uint32_t v) {
        const double dx = city_.node_x_m()[v] - home_x, dy = city_.node_y_m()[v] - home_y;
        return dx * dx + dy * dy;
    };
    std::uint32_t allowed = 0;
    for (std::uint32_t a = begin; a < end; ++a) allowed += distance2(city_.arc_target(a)) <= radius2;
    if (allowed == 0) {
        std::uint32_t best = begin;
        for (std::uint32_t a = begin + 1; a < end; ++a)
            if (distance2(city_.arc_target(a)) < distance2(city_.arc_target(best))) best = a;
        return best;
    }
    std::uint32_t k = move_rng_.below(allowed, walker, step, draw);
    for (std::uint32_t a = begin; a < end; ++a) {
        if (distance2(city_.arc_target(a)) <= radius2 && k-- == 0) return a;
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
