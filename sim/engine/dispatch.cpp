#include "sim/engine/dispatch.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace streetwise {

namespace {
constexpr double unreached = std::numeric_limits<double>::infinity();
constexpr std::uint32_t layer_count = 2;  // foot, car
std::uint32_t layer_of(UnitKind kind) { return kind == UnitKind::foot ? 0u : 1u; }
UnitKind kind_of_layer(std::uint32_t layer) { return layer == 0 ? UnitKind::foot : UnitKind::car; }
}  // namespace

UnitTravel::UnitTravel(const City& city, double foot_speed_mps, const std::array<double, road_class_count>& car_speed_mps)
    : city_(city), foot_speed_mps_(foot_speed_mps) {
    const std::uint32_t arcs = city.node_count() > 0 ? city.arc_end(city.node_count() - 1) : 0;
    car_arc_s_.assign(arcs, 0.0f);
    for (std::uint32_t a = 0; a < arcs; ++a) {
        const double speed = car_speed_mps[static_cast<std::size_t>(city.segment_road_class()[city.arc_segment(a)])];
        // A zero-length street still takes a moment, so "driven" never reads as "not driven" (0).
        if (speed > 0) car_arc_s_[a] = std::max(1e-3f, static_cast<float>(city.arc_length_m(a) / speed));
    }
    // Connected parts by flood fill, in node order (a node no arc of the layer touches is a part of its own).
    auto label = [&](std::vector<std::uint32_t>& part, UnitKind kind) {
        part.assign(city.node_count(), UINT32_MAX);
        std::vector<std::uint32_t> stack;
        std::uint32_t parts = 0;
        for (std::uint32_t start = 0; start < city.node_count(); ++start) {
            if (part[start] != UINT32_MAX) continue;
            part[start] = parts;
            stack.push_back(start);
            while (!stack.empty()) {
                const std::uint32_t node = stack.back();
                stack.pop_back();
                for (std::uint32_t a = city.arc_begin(node), end = city.arc_end(node); a < end; ++a) {
                    const std::uint32_t next = city.arc_target(a);
                    if (may_use(kind, a) && part[next] == UINT32_MAX) {
                        part[next] = parts;
                        stack.push_back(next);
                    }
                }
            }
            ++parts;
        }
    };
    label(foot_part_, UnitKind::foot);
    label(car_part_, UnitKind::car);
}

std::array<double, road_class_count> UnitTravel::car_speeds(const PoliceSpec& police) {
    std::array<double, road_class_count> speeds{};
    for (int c = 0; c < road_class_count; ++c) {
        const auto found = police.car_speed_mps.find(std::string(to_string(static_cast<RoadClass>(c))));
        if (found != police.car_speed_mps.end()) speeds[static_cast<std::size_t>(c)] = found->second;
    }
    return speeds;
}

std::uint32_t UnitTravel::reverse_arc(std::uint32_t arc) const {
    const std::uint32_t to = city_.arc_target(arc);
    const std::uint32_t segment = city_.arc_segment(arc);
    const std::uint32_t from = city_.segment_from()[segment] == to ? city_.segment_to()[segment] : city_.segment_from()[segment];
    for (std::uint32_t a = city_.arc_begin(to), end = city_.arc_end(to); a < end; ++a)
        if (city_.arc_segment(a) == segment && city_.arc_target(a) == from) return a;
    return arc;  // unreachable for a city built by City::build: every segment has both arcs
}

StreetSearch::StreetSearch(const UnitTravel& travel)
    : travel_(travel),
      nodes_(travel.city().node_count()),
      time_s_(static_cast<std::size_t>(layer_count) * nodes_, unreached),
      via_arc_(static_cast<std::size_t>(layer_count) * nodes_, no_arc) {
    // The top speed of each layer: metres of arc over its seconds, the largest over all arcs (an
    // arc is never shorter than the straight line between its ends, so distance / top speed is a
    // lower bound on any travel time: the guided search's heuristic).
    const City& city = travel.city();
    const std::uint32_t arcs = city.node_count() > 0 ? city.arc_end(city.node_count() - 1) : 0;
    for (std::uint32_t layer = 0; layer < layer_count; ++layer) {
        double top = 0;
        for (std::uint32_t a = 0; a < arcs; ++a)
            if (travel.may_use(kind_of_layer(layer), a))
                top = std::max(top, city.arc_length_m(a) / travel.arc_s(kind_of_layer(layer), a));
        top_speed_mps_[layer] = top;
    }
}

void StreetSearch::reset() {
    for (const std::uint32_t state : touched_) {
        time_s_[state] = unreached;
        via_arc_[state] = no_arc;
    }
    touched_.clear();
    heap_.clear();
}

UnitRoute StreetSearch::nearest_unit(std::uint32_t incident, std::span<const UnitPosition> free_units) {
    return search(incident, free_units, false);
}

UnitRoute StreetSearch::search(std::uint32_t incident, std::span<const UnitPosition> free_units, bool guided) {
    const City& city = travel_.city();
    reset();
    entries_.clear();
    bool layer_used[layer_count] = {false, false};
    for (std::uint32_t i = 0; i < free_units.size(); ++i) {
        const UnitPosition& unit = free_units[i];
        layer_used[layer_of(unit.kind)] = true;
        if (unit.arc == no_arc) {
            entries_.push_back({unit.node, i, 0.0, false});
        } else {
            const double arc_s = travel_.arc_s(unit.kind, unit.arc);
            entries_.push_back({unit.node, i, unit.progress_s, true});
            entries_.push_back({city.arc_target(unit.arc), i, std::max(0.0, arc_s - unit.progress_s), false});
        }
    }
    std::sort(entries_.begin(), entries_.end(),
              [](const Entry& a, const Entry& b) { return a.node != b.node ? a.node < b.node : a.index < b.index; });

    // Guided: the time still needed from a node is at least its straight-line distance to the
    // nearest of the unit's entry nodes at the layer's top speed (consistent, so the first time a
    // unit's node is settled it is settled at its shortest time, as without guidance).
    auto lower_bound_s = [&](std::uint32_t layer, std::uint32_t node) {
        if (!guided || !(top_speed_mps_[layer] > 0)) return 0.0;
        double nearest_m2 = unreached;
        for (const Entry& e : entries_) {
            const double dx = city.node_x_m()[node] - city.node_x_m()[e.node];
            const double dy = city.node_y_m()[node] - city.node_y_m()[e.node];
            nearest_m2 = std::min(nearest_m2, dx * dx + dy * dy);
        }
        return std::sqrt(nearest_m2) / top_speed_mps_[layer];
    };
    auto push = [&](std::uint32_t state, double time_s, std::uint32_t arc) {
        if (time_s_[state] == unreached) touched_.push_back(state);
        time_s_[state] = time_s;
        via_arc_[state] = arc;
        heap_.emplace_back(time_s + lower_bound_s(state / nodes_, state % nodes_), state);
        std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
    };
    for (std::uint32_t layer = 0; layer < layer_count; ++layer)
        if (layer_used[layer]) push(layer * nodes_ + incident, 0.0, no_arc);

    double best_s = unreached;
    const Entry* best = nullptr;
    std::uint32_t best_layer = 0;
    while (!heap_.empty()) {
        std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
        const auto [key_s, state] = heap_.back();
        heap_.pop_back();
        const std::uint32_t layer = state / nodes_, node = state % nodes_;
        const double time_s = time_s_[state];
        if (key_s > time_s + lower_bound_s(layer, node)) continue;  // a stale entry
        if (key_s > best_s) break;  // nothing left can reach the incident sooner
        const UnitKind kind = kind_of_layer(layer);
        auto here = std::lower_bound(entries_.begin(), entries_.end(), node,
                                     [](const Entry& e, std::uint32_t v) { return e.node < v; });
        for (; here != entries_.end() && here->node == node; ++here) {
            const UnitPosition& unit = free_units[here->index];
            if (unit.kind != kind) continue;
            const double total_s = time_s + here->offset_s;
            if (total_s < best_s || (total_s == best_s && best && unit.unit < free_units[best->index].unit)) {
                best_s = total_s;
                best = &*here;
                best_layer = layer;
            }
        }
        for (std::uint32_t a = city.arc_begin(node), end = city.arc_end(node); a < end; ++a) {
            if (!travel_.may_use(kind, a)) continue;
            const std::uint32_t next = layer * nodes_ + city.arc_target(a);
            const double next_s = time_s + travel_.arc_s(kind, a);
            if (next_s < time_s_[next]) push(next, next_s, a);
        }
    }
    UnitRoute route;
    if (!best) return route;
    route.unit = free_units[best->index].unit;
    route.travel_s = best_s;
    route.turn_back = best->turn_back;
    // Follow the search tree from the unit's node back to the incident, each arc reversed.
    for (std::uint32_t node = best->node; node != incident;) {
        const std::uint32_t reached_by = via_arc_[best_layer * nodes_ + node];
        const std::uint32_t back = travel_.reverse_arc(reached_by);
        route.arcs.push_back(back);
        node = city.arc_target(back);
    }
    return route;
}

void StreetSearch::grow_tree(UnitKind kind, std::uint32_t destination, RouteTree& tree) {
    const City& city = travel_.city();
    tree.kind = kind;
    tree.destination = destination;
    tree.time_s.assign(nodes_, std::numeric_limits<float>::infinity());
    tree.via_arc.assign(nodes_, no_arc);
    // Plain Dijkstra over one layer, in double like the searches, stored as float (a route's choice
    // is made here, in double; the stored times only compare a unit's two ways onto its arc).
    std::vector<double>& time_s = time_s_;  // the first layer's buffer, reset below
    reset();
    heap_.clear();
    auto push = [&](std::uint32_t node, double t, std::uint32_t arc) {
        if (time_s[node] == unreached) touched_.push_back(node);
        time_s[node] = t;
        tree.via_arc[node] = arc;
        heap_.emplace_back(t, node);
        std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
    };
    push(destination, 0.0, no_arc);
    while (!heap_.empty()) {
        std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
        const auto [t, node] = heap_.back();
        heap_.pop_back();
        if (t > time_s[node]) continue;
        tree.time_s[node] = static_cast<float>(t);
        for (std::uint32_t a = city.arc_begin(node), end = city.arc_end(node); a < end; ++a) {
            if (!travel_.may_use(kind, a)) continue;
            const std::uint32_t next = city.arc_target(a);
            const double next_s = t + travel_.arc_s(kind, a);
            if (next_s < time_s[next]) push(next, next_s, a);
        }
    }
    reset();
}

UnitRoute StreetSearch::route_along(const RouteTree& tree, const UnitPosition& from) const {
    const City& city = travel_.city();
    UnitRoute route;
    std::uint32_t start = from.node;
    double travel_s = tree.time_s[from.node];
    bool turn_back = false;
    if (from.arc != no_arc) {
        // On an arc: back to its start node, or on to its end, whichever reaches the destination first.
        const double back_s = tree.time_s[from.node] + from.progress_s;
        const double on_s = tree.time_s[city.arc_target(from.arc)] +
                            std::max(0.0, travel_.arc_s(from.kind, from.arc) - from.progress_s);
        turn_back = back_s <= on_s;
        start = turn_back ? from.node : city.arc_target(from.arc);
        travel_s = std::min(back_s, on_s);
    }
    if (!std::isfinite(travel_s)) return route;
    route.unit = from.unit;
    route.travel_s = travel_s;
    route.turn_back = turn_back;
    for (std::uint32_t node = start; node != tree.destination;) {
        const std::uint32_t back = travel_.reverse_arc(tree.via_arc[node]);
        route.arcs.push_back(back);
        node = city.arc_target(back);
    }
    return route;
}

UnitRoute StreetSearch::route_to(const UnitPosition& from, std::uint32_t destination) {
    return search(destination, std::span<const UnitPosition>(&from, 1), true);
}

}  // namespace streetwise
