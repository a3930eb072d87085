#pragma once
// Residents: homes, anchor places (work, a shop, a leisure place, a nightlife venue), daily
// outings, and walking along precomputed shortest routes. Stored as structure of arrays.
//
// Only residents who are walking are touched by the step loop. Everyone else sleeps in a
// wake-up calendar until their next departure or their time to head home.
#include <array>
#include <cstdint>
#include <vector>

#include "sim/agents/day_plan.hpp"
#include "sim/city/route_planner.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

class City;
class NodeOccupancy;
class CheckpointWriter;
class CheckpointReader;

class Residents {
public:
    enum class State : std::uint8_t { at_home, walking_out, at_anchor, walking_home };

    Residents(const ScenarioSpec& spec, const City& city, NodeOccupancy& occupancy);

    std::uint32_t count() const { return static_cast<std::uint32_t>(home_.size()); }
    std::uint32_t walking_count() const { return static_cast<std::uint32_t>(walking_.size()); }
    // Residents not at home: walking out, at an anchor place or walking home.
    std::uint32_t away_count() const { return away_count_; }
    // Whether a resident indoors in this state (at_home or at_anchor) counts at its node
    // (residents.present_when_indoors, residents.present_at_anchors).
    bool counted_indoors(State indoors) const {
        return present_when_indoors_ || (present_at_anchors_ && indoors == State::at_anchor);
    }
    // Current node: home, anchor place, or (while walking) the last node passed.
    std::uint32_t node(std::uint32_t resident) const;
    std::uint32_t home(std::uint32_t resident) const { return home_[resident]; }
    State state(std::uint32_t resident) const { return state_[resident]; }
    const ResidentTraits& traits(std::uint32_t resident) const { return traits_[resident]; }
    // Index into routes() of the route home -> anchor, or no_route.
    std::uint32_t anchor_route(std::uint32_t resident, Anchor anchor) const {
        return anchor_route_[resident][static_cast<int>(anchor)];
    }
    static constexpr std::uint32_t no_route = UINT32_MAX;
    const RouteBook& routes() const { return routes_; }

    // Phase "schedule": residents whose departure or return time is `step` start walking.
    void wake_due(std::int64_t step, NodeOccupancy& occupancy);
    // Phase "move" (parallel over walkers): advance along routes, updating node counts.
    void move(std::int64_t step, NodeOccupancy& occupancy);
    // After "move" (sequential, in id order): walkers who arrived go indoors and are scheduled.
    void settle_arrivals(std::int64_t step, NodeOccupancy& occupancy);

    // The k-th resident present at `node` (indoor residents first if counted, then walkers in id
    // order); k < occupancy.residents_at(node). With present_at_anchors, the indoor list holds
    // those at an anchor place there (a home node's residents are not in it).
    std::uint32_t resident_at(std::uint32_t node, std::uint32_t k, const NodeOccupancy& occupancy) const;

    // Where a walking resident is between two intersections, for drawing (the visualiser):
    // `fraction` of the way from `from_node` to `to_node` (equal nodes when about to arrive).
    struct WalkerPosition {
        std::uint32_t resident;
        std::uint32_t from_node;
        std::uint32_t to_node;
        float fraction;
    };
    // Appends one entry per walking resident, in resident-id order. Read-only; call between steps.
    void append_walker_positions(std::vector<WalkerPosition>& out) const;
    // Calls f(resident, last node passed) for each walking resident, in resident-id order: who is at
    // which node, without the positions between nodes (the drones' privacy footprint, every step).
    template <class F>
    void for_each_walker(F&& f) const {
        for (const Walker& w : walking_) f(w.resident, w.node);
    }

    // Homes: every resident has one, at its home node (one resident per home: an assumption).
    std::uint32_t homes_at(std::uint32_t node) const { return home_begin_[node + 1] - home_begin_[node]; }
    std::uint32_t occupied_homes_at(std::uint32_t node) const { return at_home_[node]; }
    std::uint32_t empty_homes_at(std::uint32_t node) const { return homes_at(node) - at_home_[node]; }
    // The resident of the k-th empty home at `node` (in resident-id order); k < empty_homes_at(node).
    std::uint32_t empty_home_at(std::uint32_t node, std::uint32_t k) const;

    // insecurity.behaviour: who feels unsafe after dark (refreshed once a day by the Simulation). Such
    // a resident skips an outing that leaves or returns after dark with chance stay_home_share.
    void set_avoids_dark(const std::vector<std::uint8_t>& unsafe_after_dark) { avoids_dark_ = unsafe_after_dark; }
    bool avoids_dark(std::uint32_t resident) const { return !avoids_dark_.empty() && avoids_dark_[resident] != 0; }
    // Outings from home that would leave or return after dark, and those skipped for fear (both 0
    // without insecurity.behaviour).
    std::uint64_t night_outings() const { return night_outings_; }
    std::uint64_t night_outings_skipped() const { return night_outings_skipped_; }
    // Whether an outing leaves or returns (turns home) between sunset and sunrise.
    bool after_dark(const Outing& outing) const;

    void record_victimisation(std::uint32_t resident) { ++victimisations_[resident]; }
    std::uint32_t victimisations(std::uint32_t resident) const { return victimisations_[resident]; }

    // Checkpoints: everything "changing per resident" below, the homes occupied per node, the wake
    // calendar (every bucket, in its current order), the step wake_due last ran and the walkers.
    // Rebuilt identically by the constructor from the same scenario and city: city_, planner_ (day
    // plans are derived, never stored), the presence flags, walking speed, uniform_length_m_,
    // steps_per_day_, total_steps_, home_, traits_, anchor_route_, routes_, home_begin_ and
    // homes_by_node_. scratch_, arrived_ and kept_before_ are overwritten before they are read.
    void save_state(CheckpointWriter& out) const;
    void load_state(CheckpointReader& in);

private:
    void schedule_next_outing(std::uint32_t resident, std::int64_t after_step);
    // Leaves home for `outing`, or (outing == nullptr) leaves the anchor place for home.
    void depart(std::uint32_t resident, const Outing* outing, NodeOccupancy& occupancy);
    void go_indoors(std::uint32_t resident, NodeOccupancy& occupancy);
    void leave_indoors(std::uint32_t resident, NodeOccupancy& occupancy);
    void schedule_wake(std::uint32_t resident, std::int64_t step);
    // Length of the street between two consecutive route nodes (the shortest, if several).
    float hop_length_m(std::uint32_t from, std::uint32_t to) const {
        return uniform_length_m_ > 0 ? uniform_length_m_ : shortest_arc_length_m(from, to);
    }
    float shortest_arc_length_m(std::uint32_t from, std::uint32_t to) const;

    const City& city_;
    DayPlanner planner_;
    bool present_when_indoors_;
    bool present_at_anchors_;
    float walk_per_step_m_;
    float uniform_length_m_;  // > 0 when every street has this length (lattices)
    std::int64_t steps_per_day_;
    std::int64_t total_steps_;
    // insecurity.behaviour (fear of the dark keeps residents home); off: avoids_dark_ stays empty.
    bool fear_behaviour_;
    double stay_home_share_;
    std::int64_t sunrise_step_, sunset_step_;  // step of the day
    CounterRng fear_rng_;
    std::vector<std::uint8_t> avoids_dark_;
    std::uint64_t night_outings_ = 0;
    std::uint64_t night_outings_skipped_ = 0;

    // Constant per resident.
    std::vector<std::uint32_t> home_;
    std::vector<ResidentTraits> traits_;
    std::vector<std::array<std::uint32_t, anchor_count>> anchor_route_;  // RouteBook index or no_route
    RouteBook routes_;

    // Changing per resident, touched only when a resident leaves or arrives.
    std::vector<State> state_;
    std::vector<std::uint32_t> node_;       // where the resident is indoors (home or anchor)
    std::vector<std::uint32_t> route_;      // route of the current or last outing
    std::vector<std::int64_t> return_step_;
    std::vector<std::int32_t> plan_day_;    // day whose plan holds the next outing
    std::vector<std::uint8_t> next_outing_; // index of the next outing in that plan
    std::vector<std::uint32_t> indoor_slot_;
    std::vector<std::uint32_t> victimisations_;
    std::uint32_t away_count_ = 0;
    std::vector<std::uint32_t> home_begin_;    // CSR by node: homes_by_node_[home_begin_[v] .. home_begin_[v + 1])
    std::vector<std::uint32_t> homes_by_node_;  // residents, grouped by home node
    std::vector<std::uint32_t> at_home_;        // per node: residents at home now (changed in sequential phases)

    // Everything the move phase needs about one walker, packed together and kept in a dense array
    // in resident-id order: the step loop streams through it instead of gathering from
    // per-resident arrays scattered over memory.
    // 40 bytes: move() streams the whole array every step.
    struct Walker {
        std::uint32_t resident;
        std::uint32_t node;         // last node passed
        std::uint64_t route_begin;  // offset of the route in the route book
        std::uint32_t pos;          // index of `node` within the route
        std::uint32_t last;         // index of the route's last node
        std::int32_t return_step;   // turn back home at this step if still walking out (runs are
                                    // at most 3,650 days of 1 s steps: under 2^31)
        float progress_m;           // metres walked beyond `node` toward the next node
        // Length of the street from `node` to the next node in the walker's direction (0 at the
        // route's end). Kept, not looked up each step: the lookup scans the node's arcs in the city
        // arrays, a few cache misses per walker, and most steps end between two nodes.
        float hop_m;
        bool outward;
        bool arrived;               // set by move(), consumed by settle_arrivals()
    };
    static_assert(sizeof(Walker) == 40);
    // The length of the hop ahead of `w` on its route (its hop_m), 0 at the route's end.
    float hop_ahead_m(const Walker& w) const;
    void merge_departing(const std::vector<Walker>& departing);
    Walker make_walker(std::uint32_t resident) const;

    std::vector<std::vector<std::uint32_t>> wake_calendar_;  // ring by step: residents to wake
    std::int64_t current_step_ = -1;                          // the step wake_due() last ran
    std::vector<Walker> walking_;                             // ascending resident id
    std::vector<Walker> scratch_;
    std::vector<Walker> arrived_;             // settle_arrivals: this step's arrivals, by resident id
    std::vector<std::size_t> kept_before_;    // settle_arrivals: walkers kept before each chunk
};

}  // namespace streetwise
