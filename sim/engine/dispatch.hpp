#pragma once
// Travel on the street graph for police units, and the searches dispatch and patrols need.
// Officers on foot walk any street at police.patrol_speed_mps; cars drive roads only, at a speed
// per road class (police.car_speed_mps; a class at 0 is not driven, footways by default). Streets
// are two-way and both arcs of a segment take the same time, so a search grown from an incident
// over the arcs gives every unit's travel time to it (the reversed search of the design).
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/city/city.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

inline constexpr std::uint32_t no_arc = UINT32_MAX;
inline constexpr std::uint32_t no_unit = UINT32_MAX;

class UnitTravel {
public:
    // speeds: metres per second on foot, and per road class (RoadClass order) by car (0: not driven).
    UnitTravel(const City& city, double foot_speed_mps, const std::array<double, road_class_count>& car_speed_mps);
    // The car speeds of a scenario (police.car_speed_mps by road class name; missing: 0).
    static std::array<double, road_class_count> car_speeds(const PoliceSpec& police);

    const City& city() const { return city_; }
    bool may_use(UnitKind kind, std::uint32_t arc) const {
        return kind == UnitKind::foot || car_arc_s_[arc] > 0.0f;
    }
    // Seconds to travel the whole arc (meaningful only where may_use).
    double arc_s(UnitKind kind, std::uint32_t arc) const {
        return kind == UnitKind::foot ? city_.arc_length_m(arc) / foot_speed_mps_ : car_arc_s_[arc];
    }
    // The arc back along the same segment.
    std::uint32_t reverse_arc(std::uint32_t arc) const;
    // Whether a unit of `kind` at `from` can get to `to` at all. Streets are two-way, so this is
    // "same connected part of the kind's layer"; for cars the driven roads may fall apart into
    // several parts (footways between them), and a search towards another part would explore the
    // whole of its own and find nothing: callers ask this first.
    bool connected(UnitKind kind, std::uint32_t from, std::uint32_t to) const {
        const auto& part = kind == UnitKind::foot ? foot_part_ : car_part_;
        return part[from] == part[to];
    }

private:
    const City& city_;
    double foot_speed_mps_;
    std::vector<float> car_arc_s_;  // per arc; 0: not driven
    std::vector<std::uint32_t> foot_part_, car_part_;  // per node: its connected part in each layer
};

// Where a unit is, for the searches: standing on `node`, or `progress_s` seconds along `arc` (which
// leaves `node`).
struct UnitPosition {
    std::uint32_t unit = no_unit;
    UnitKind kind = UnitKind::foot;
    std::uint32_t node = 0;
    std::uint32_t arc = no_arc;
    double progress_s = 0;
};

// A unit's way to a place: first, if turn_back, back along the arc it is on (it then stands at its
// node); then `arcs` in order. travel_s is the whole time.
struct UnitRoute {
    std::uint32_t unit = no_unit;  // no_unit: no unit can get there
    double travel_s = 0;
    bool turn_back = false;
    std::vector<std::uint32_t> arcs;
};

// Every node's quickest way to one destination in one layer: a whole search grown from the
// destination (streets are two-way, so it gives the way from everywhere). Patrols go to the same
// few hot spots over and over: one tree per target serves all of them, each route then costs only
// its own length. A pure function of (kind, destination): caches of trees hold no run state.
struct RouteTree {
    UnitKind kind = UnitKind::foot;
    std::uint32_t destination = 0;
    std::vector<float> time_s;           // per node: seconds to the destination (infinity: cannot get there)
    std::vector<std::uint32_t> via_arc;  // per node: the arc by which the search reached it (from the destination side)
};

// Dijkstra's searches with buffers reused from one search to the next (no allocation per search
// once warm). Deterministic: ties go to the lower node id, then the lower unit id.
class StreetSearch {
public:
    explicit StreetSearch(const UnitTravel& travel);

    // The free unit that reaches `incident` first, by travel time, and its route. One search from
    // the incident over both kinds' layers, stopping once no unsettled node can beat the best unit.
    UnitRoute nearest_unit(std::uint32_t incident, std::span<const UnitPosition> free_units);
    // The quickest route for one unit to `destination` (unit no_unit in the result if unreachable).
    // Guided towards the unit (A*: straight-line distance at the layer's top speed never
    // overestimates the time left), so it explores far less of the city than the search above.
    UnitRoute route_to(const UnitPosition& from, std::uint32_t destination);
    // The tree of quickest ways to `destination` for units of `kind` (overwrites `tree`).
    void grow_tree(UnitKind kind, std::uint32_t destination, RouteTree& tree);
    // A unit's route along a tree (unit no_unit if it cannot get there); the same choice of going
    // on or turning back as the searches make.
    UnitRoute route_along(const RouteTree& tree, const UnitPosition& from) const;

private:
    UnitRoute search(std::uint32_t incident, std::span<const UnitPosition> free_units, bool guided);
    struct Entry {  // a unit reachable from a node: offset_s more, turning back or going on
        std::uint32_t node;
        std::uint32_t index;  // in the free_units span
        double offset_s;
        bool turn_back;
    };
    void reset();
    const UnitTravel& travel_;
    std::uint32_t nodes_;
    double top_speed_mps_[2];            // per layer (foot, car): the bound the guided search divides by
    std::vector<double> time_s_;         // per layer * nodes + node
    std::vector<std::uint32_t> via_arc_; // arc (incident side -> node) that reached it
    std::vector<std::uint32_t> touched_;
    std::vector<std::pair<double, std::uint32_t>> heap_;
    std::vector<Entry> entries_;
};

}  // namespace streetwise
