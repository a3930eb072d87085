#include "sim/agents/random_walkers.hpp"

#include <algorithm>
#include <limits>

#include "sim/city/city.hpp"
#include "sim/core/parallel_for.hpp"
#include "sim/io/checkpoint_file.hpp"
#include "sim/engine/node_occupancy.hpp"

namespace streetwise {

RandomWalkers::RandomWalkers(const City& city, const Options& options)
    : city_(city),
      walk_per_step_m_(static_cast<float>(options.speed_mps * options.step_s)),
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
    centre_ = home_;
    base_ = home_;
    roam_radius_m_ = options.anchor_count > 0 ? options.search_radius_m : options.awareness_radius_m;
    if (options.anchor_count > 0) set_up_routine(city, options, setup);
    heading_arc_.assign(options.count, UINT32_MAX);
    progress_m_.assign(options.count, 0.0f);
    last_segment_.resize(options.count);
    for (std::uint32_t i = 0; i < options.count; ++i) last_segment_[i] = first_segment_at(node_[i]);
}

// Setup draws of one walker within its setup stream: 0 is its home; anchors follow.
void RandomWalkers::set_up_routine(const City& city, const Options& options, const CounterRng& setup) {
    anchor_count_ = options.anchor_count;
    stay_steps_mean_ = std::max<std::int64_t>(1, std::llround(options.stay_min * 60.0 / options.step_s));
    const auto k = static_cast<std::size_t>(anchor_count_);
    anchor_route_.assign(count() * k, UINT32_MAX);
    std::vector<RouteRequest> requests;
    std::vector<double> cumulative;
    std::vector<std::uint32_t> near;
    const double radius2 = options.awareness_radius_m * options.awareness_radius_m;
    for (std::uint32_t w = 0; w < count(); ++w) {
        // Candidates within the awareness radius of home, drawn in proportion to their weights.
        near.clear();
        cumulative.clear();
        double total = 0;
        const double hx = city.node_x_m()[home_[w]], hy = city.node_y_m()[home_[w]];
        for (std::size_t c = 0; c < options.anchor_candidates.size(); ++c) {
            const std::uint32_t v = options.anchor_candidates[c];
            const double dx = city.node_x_m()[v] - hx, dy = city.node_y_m()[v] - hy;
            if (options.awareness_radius_m > 0 && dx * dx + dy * dy > radius2) continue;
            if (!(options.anchor_weights[c] > 0)) continue;
            near.push_back(v);
            total += options.anchor_weights[c];
            cumulative.push_back(total);
        }
        if (near.empty()) continue;
        for (std::size_t a = 0; a < k; ++a) {
            const double u = setup.uniform(first_entity_ + w, 0, static_cast<std::uint32_t>(1 + a)) * total;
            const std::size_t pick = std::min<std::size_t>(
                static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin()),
                near.size() - 1);
            anchor_route_[w * k + a] = static_cast<std::uint32_t>(requests.size());
            requests.push_back({home_[w], near[pick]});
        }
    }
    routes_ = plan_routes(city, requests);
    trip_slot_.assign(count(), 0);
    if (options.return_probability > 0) {
        return_probability_ = options.return_probability;
        memory_steps_ = std::llround(options.memory_days * 86400.0 / options.step_s);
        memory_node_.assign(count(), 0);
        memory_slot_.assign(count(), home_slot);
        memory_until_.assign(count(), 0);
    }
    travelling_.assign(count(), 0);
    trip_pos_.assign(count(), 0);
    trip_outward_.assign(count(), 0);
    stay_until_.resize(count());
    for (std::uint32_t w = 0; w < count(); ++w) stay_until_[w] = stay_steps(w, 0);
}

std::vector<std::uint32_t> RandomWalkers::anchors(std::uint32_t walker) const {
    std::vector<std::uint32_t> nodes;
    for (int a = 0; a < anchor_count_; ++a) {
        const std::uint32_t route = anchor_route_[walker * static_cast<std::size_t>(anchor_count_) + a];
        if (route != UINT32_MAX) nodes.push_back(routes_.route(route).back());
    }
    return nodes;
}

// Draws above any hop's draw index, so a walker's trip decisions never share a number with its steps.
namespace {
constexpr std::uint32_t stay_draw = 0x40000000u;
constexpr std::uint32_t trip_draw = 0x40000001u;
constexpr std::uint32_t return_draw = 0x40000002u;
}  // namespace

void RandomWalkers::remember_offence(std::uint32_t walker, std::uint32_t node, std::int64_t step) {
    if (memory_until_.empty() || travelling_[walker]) return;
    // An offence near the one it remembers does not renew the memory: a spree lasts memory_days from
    // its first offence (as near-repeat risk lasts a fortnight from the first burglary), and cannot
    // feed itself for ever.
    if (near_remembered_offence(walker, node, step)) return;
    memory_node_[walker] = node;
    memory_slot_[walker] = base_[walker] == home_[walker] && trip_outward_[walker] == 0 ? home_slot : trip_slot_[walker];
    memory_until_[walker] = step + memory_steps_;
}

bool RandomWalkers::near_remembered_offence(std::uint32_t walker, std::uint32_t node, std::int64_t step) const {
    if (!remembers(walker, step)) return false;
    const std::uint32_t remembered = memory_node_[walker];
    const double dx = city_.node_x_m()[node] - city_.node_x_m()[remembered];
    const double dy = city_.node_y_m()[node] - city_.node_y_m()[remembered];
    return dx * dx + dy * dy <= roam_radius_m_ * roam_radius_m_;
}

void RandomWalkers::settle_at(std::uint32_t walker, std::uint32_t place, std::int32_t slot, std::int64_t step) {
    base_[walker] = place;
    centre_[walker] = remembers(walker, step) && memory_slot_[walker] == slot ? memory_node_[walker] : place;
}

std::int64_t RandomWalkers::stay_steps(std::uint32_t walker, std::uint32_t step) const {
    const double u = move_rng_.uniform(first_entity_ + walker, step, stay_draw);
    return step + std::max<std::int64_t>(1, std::llround(static_cast<double>(stay_steps_mean_) * (0.5 + u)));
}

void RandomWalkers::start_trip(std::uint32_t walker, std::uint32_t step) {
    const auto k = static_cast<std::size_t>(anchor_count_);
    if (!trip_outward_[walker]) {
        // At home: off to one of its anchors (a walker without any stays home-based); to the one
        // where it offended, with return_probability, while it remembers that.
        std::uint32_t a = move_rng_.below(static_cast<std::uint32_t>(k), first_entity_ + walker, step, trip_draw);
        if (remembers(walker, step) && memory_slot_[walker] != home_slot &&
            move_rng_.uniform(first_entity_ + walker, step, return_draw) < return_probability_)
            a = static_cast<std::uint32_t>(memory_slot_[walker]);
        const std::uint32_t route = anchor_route_[walker * k + a];
        if (route == UINT32_MAX) {
            stay_until_[walker] = stay_steps(walker, step);
            return;
        }
        trip_slot_[walker] = static_cast<std::int32_t>(a);
        trip_pos_[walker] = 0;
        trip_outward_[walker] = 1;
    } else {
        // At an anchor: back home along the same route.
        trip_pos_[walker] = routes_.hops(trip_route(walker));
        trip_outward_[walker] = 0;
    }
    travelling_[walker] = 1;
}

// Mostly the street whose far end is nearest to the walker's place, sometimes any: a walk back that
// cannot get stuck going back and forth at a dead end.
std::uint32_t RandomWalkers::arc_toward_base(std::uint32_t walker, std::uint32_t node, std::uint32_t step,
                                               std::uint32_t draw) const {
    constexpr double greedy_share = 0.8;
    const std::uint32_t begin = city_.arc_begin(node), end = city_.arc_end(node);
    if (begin == end) return UINT32_MAX;
    const std::uint32_t entity = first_entity_ + walker;
    const double u = move_rng_.uniform(entity, step, draw);
    if (u >= greedy_share) {
        const auto k = static_cast<std::uint32_t>((u - greedy_share) / (1.0 - greedy_share) * (end - begin));
        return begin + std::min(k, end - begin - 1);
    }
    const double cx = city_.node_x_m()[base_[walker]], cy = city_.node_y_m()[base_[walker]];
    std::uint32_t best = begin;
    double best_d2 = std::numeric_limits<double>::infinity();
    for (std::uint32_t a = begin; a < end; ++a) {
        const std::uint32_t v = city_.arc_target(a);
        const double dx = city_.node_x_m()[v] - cx, dy = city_.node_y_m()[v] - cy;
        if (dx * dx + dy * dy < best_d2) {
            best_d2 = dx * dx + dy * dy;
            best = a;
        }
    }
    return best;
}

std::uint32_t RandomWalkers::arc_between(std::uint32_t from, std::uint32_t to) const {
    std::uint32_t best = UINT32_MAX;
    for (std::uint32_t a = city_.arc_begin(from), end = city_.arc_end(from); a < end; ++a)
        if (city_.arc_target(a) == to && (best == UINT32_MAX || city_.arc_length_m(a) < city_.arc_length_m(best)))
            best = a;
    return best;
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

void RandomWalkers::rest_at_home(std::uint32_t walker, std::int64_t until_step) {
    if (resting_until_.empty()) resting_until_.assign(count(), 0);
    resting_until_[walker] = until_step;
    centre_[walker] = home_[walker];
    if (has_routine()) {
        travelling_[walker] = 0;
        trip_outward_[walker] = 0;
        stay_until_[walker] = until_step;  // the rest was its stay at home: it sets out when it ends
        settle_at(walker, home_[walker], home_slot, until_step);
    }
    node_[walker] = home_[walker];
    heading_arc_[walker] = UINT32_MAX;
    progress_m_[walker] = 0.0f;
    last_segment_[walker] = first_segment_at(home_[walker]);
}

void RandomWalkers::reset_to_home() {
    for (std::uint32_t i = 0; i < count(); ++i) {
        node_[i] = home_[i];
        centre_[i] = home_[i];
        if (has_routine()) {
            travelling_[i] = 0;
            trip_outward_[i] = 0;
            base_[i] = home_[i];
        }
        heading_arc_[i] = UINT32_MAX;
        progress_m_[i] = 0.0f;
        last_segment_[i] = first_segment_at(home_[i]);
    }
}

// Among the streets that keep the walker within its awareness space (and its area, if it has one):
// uniformly, or weighted by the pull toward attractive streets. If none keeps it within the awareness
// space (it strayed outside), the street of its area leading closest to home. A node with no street
// it may take: stay.
std::uint32_t RandomWalkers::choose_arc(std::uint32_t walker, std::uint32_t node, std::uint32_t step,
                                        std::uint32_t draw) const {
    const std::uint32_t begin = city_.arc_begin(node), end = city_.arc_end(node);
    if (begin == end) return UINT32_MAX;  // a node with no street: stay
    const std::uint32_t entity = first_entity_ + walker;
    const bool limited = roam_radius_m_ > 0;
    const double home_x = city_.node_x_m()[centre_[walker]], home_y = city_.node_y_m()[centre_[walker]];
    const double radius2 = roam_radius_m_ * roam_radius_m_;
    auto distance2 = [&](std::uint32_t v) {
        const double dx = city_.node_x_m()[v] - home_x, dy = city_.node_y_m()[v] - home_y;
        return dx * dx + dy * dy;
    };
    auto allowed_arc = [&](std::uint32_t a) {
        return may_take(a) && (!limited || distance2(city_.arc_target(a)) <= radius2);
    };
    if (!limited && allowed_segment_.empty() && !pull_weights_)
        return begin + move_rng_.below(end - begin, entity, step, draw);

    if (pull_weights_) {
        const std::vector<float>& weights = *pull_weights_;
        double total = 0.0;
        for (std::uint32_t a = begin; a < end; ++a)
            if (allowed_arc(a)) total += 1.0 + pull_ * weights[city_.arc_segment(a)];
        if (total > 0.0) {
            const double target = move_rng_.uniform(entity, step, draw) * total;
            double cumulative = 0.0;
            std::uint32_t last = UINT32_MAX;
            for (std::uint32_t a = begin; a < end; ++a) {
                if (!allowed_arc(a)) continue;
                cumulative += 1.0 + pull_ * weights[city_.arc_segment(a)];
                last = a;
                if (target < cumulative) return a;
            }
            return last;  // rounding at the very top of the range
        }
    } else {
        std::uint32_t allowed = 0;
        for (std::uint32_t a = begin; a < end; ++a) allowed += allowed_arc(a);
        if (allowed > 0) {
            std::uint32_t k = move_rng_.below(allowed, entity, step, draw);
            for (std::uint32_t a = begin; a < end; ++a)
                if (allowed_arc(a) && k-- == 0) return a;
        }
    }
    if (!limited) return UINT32_MAX;  // no street of its area here
    std::uint32_t best = UINT32_MAX;
    for (std::uint32_t a = begin; a < end; ++a)
        if (may_take(a) && (best == UINT32_MAX || distance2(city_.arc_target(a)) < distance2(city_.arc_target(best))))
            best = a;
    return best;
}

void RandomWalkers::move(std::int64_t step, NodeOccupancy* counted_as_police) {
    constexpr float slack_m = 1e-3f;  // see Residents::move
    const auto step32 = static_cast<std::uint32_t>(step);
    parallel_for_chunks(0u, count(), 256, [&](std::uint32_t begin, std::uint32_t end) {
    for (std::uint32_t w = begin; w != end; ++w) {
        if (resting(w, step)) continue;
        float progress = progress_m_[w] + walk_per_step_m_;
        std::uint32_t node = node_[w];
        std::uint32_t arc = heading_arc_[w];
        for (std::uint32_t draw = 0;; ++draw) {
            if (arc == UINT32_MAX) {
                // The stay is over: back at the place, set out; elsewhere, head back to it first.
                const bool leaving = has_routine() && !travelling_[w] && step >= stay_until_[w];
                if (leaving && node == base_[w]) start_trip(w, step32);
                if (leaving && !travelling_[w] && node != base_[w]) {
                    arc = arc_toward_base(w, node, step32, draw);
                } else if (has_routine() && travelling_[w]) {
                    const auto route = routes_.route(trip_route(w));
                    const bool outward = trip_outward_[w] != 0;
                    const std::uint32_t pos = trip_pos_[w];
                    if (outward ? pos + 1 == route.size() : pos == 0) {
                        // Arrived: stay around this place for a while.
                        travelling_[w] = 0;
                        settle_at(w, node, outward ? trip_slot_[w] : home_slot, step);
                        stay_until_[w] = stay_steps(w, step32);
                        progress = 0.0f;
                        break;
                    }
                    arc = arc_between(node, route[outward ? pos + 1 : pos - 1]);
                } else {
                    arc = choose_arc(w, node, step32, draw);
                }
            }
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
            if (has_routine() && travelling_[w]) trip_pos_[w] += trip_outward_[w] ? 1 : static_cast<std::uint32_t>(-1);
        }
        node_[w] = node;
        heading_arc_[w] = arc;
        progress_m_[w] = progress;
    }
    });
}

void RandomWalkers::save_state(CheckpointWriter& out) const {
    out.put_vector(node_);
    out.put_vector(heading_arc_);
    out.put_vector(progress_m_);
    out.put_vector(last_segment_);
    out.put_vector(centre_);
    out.put_vector(base_);
    out.put_vector(travelling_);
    out.put_vector(trip_pos_);
    out.put_vector(trip_outward_);
    out.put_vector(stay_until_);
    out.put_vector(trip_slot_);
    out.put_vector(memory_node_);
    out.put_vector(memory_slot_);
    out.put_vector(memory_until_);
    out.put_vector(resting_until_);
}

void RandomWalkers::load_state(CheckpointReader& in) {
    const std::uint32_t nodes = city_.node_count();
    const std::uint32_t arcs = nodes > 0 ? city_.arc_end(nodes - 1) : 0;
    in.get_vector_into(node_, "walker node");
    in.get_vector_into(heading_arc_, "walker arc");
    in.get_vector_into(progress_m_, "walker progress");
    in.get_vector_into(last_segment_, "walker last segment");
    in.get_vector_into(centre_, "walker centre");
    in.get_vector_into(base_, "walker base");
    in.get_vector_into(travelling_, "walker travelling");
    in.get_vector_into(trip_pos_, "walker trip position");
    in.get_vector_into(trip_outward_, "walker trip direction");
    in.get_vector_into(stay_until_, "walker stay end");
    in.get_vector_into(trip_slot_, "walker trip anchor");
    in.get_vector_into(memory_node_, "walker remembered node");
    in.get_vector_into(memory_slot_, "walker remembered anchor");
    in.get_vector_into(memory_until_, "walker memory end");
    // Empty until the first offender rests: either none or one per walker.
    resting_until_ = in.get_vector<std::int64_t>(count(), "walker rest end");
    in.check(resting_until_.empty() || resting_until_.size() == count(), "walker rest end: wrong number of walkers");

    in.check_below(node_, nodes, "walker node");
    in.check_below(centre_, nodes, "walker centre");
    in.check_below(base_, nodes, "walker base");
    in.check_below(memory_node_, nodes, "walker remembered node");
    in.check_below(last_segment_, std::max<std::uint32_t>(1, city_.segment_count()), "walker last segment");
    for (const std::uint32_t arc : heading_arc_)
        in.check(arc == UINT32_MAX || arc < arcs, "walker arc out of range");
    for (const std::int32_t slot : memory_slot_)
        in.check(slot >= home_slot && slot < anchor_count_, "walker remembered anchor out of range");
    for (std::uint32_t w = 0; w < static_cast<std::uint32_t>(trip_slot_.size()); ++w) {
        in.check(trip_slot_[w] >= 0 && trip_slot_[w] < anchor_count_ && travelling_[w] <= 1 && trip_outward_[w] <= 1,
                 "walker trip out of range");
        // A walker on a trip walks a route that exists, within it.
        if (travelling_[w])
            in.check(trip_route(w) != UINT32_MAX && trip_pos_[w] <= routes_.hops(trip_route(w)),
                     "walker trip position out of range");
    }
}

}  // namespace streetwise
