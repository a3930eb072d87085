#pragma once
// Agents that roam the street graph by random walk: offenders looking for opportunities
// (optionally held within an awareness space around home), police units on random patrol, and
// the extra units of foot patrol interventions (held to the streets of their area).
// At each intersection a walker picks its next street uniformly among the allowed ones.
#include <cstdint>
#include <vector>

#include "sim/city/route_planner.hpp"
#include "sim/core/counter_rng.hpp"

namespace streetwise {

class City;
class NodeOccupancy;
class CheckpointWriter;
class CheckpointReader;

class RandomWalkers {
public:
    struct Options {
        std::uint32_t count = 0;
        double speed_mps = 1.4;
        int step_s = 60;
        double awareness_radius_m = 0;  // <= 0: no limit
        std::uint64_t seed = 1;
        RngStream setup_stream = RngStream::offender_setup;
        RngStream move_stream = RngStream::offender_move;
        // Walker w draws as entity first_entity + w, so several groups can share a stream (the
        // units of several foot patrols) without sharing draws.
        std::uint32_t first_entity = 0;
        // Not empty: the walkers' area. They walk only these segments (at a node with none of them
        // they stay) and their homes are drawn among these segments' end nodes.
        std::vector<std::uint32_t> area_segments;

        // A routine (offenders; crime pattern theory: an awareness space made of home, a few activity
        // places and the routes between them). With anchor_count > 0, each walker picks that many
        // anchor places among anchor_candidates (nodes, drawn with anchor_weights) within
        // awareness_radius_m of home (anywhere if <= 0; none if no candidate is that near). It stays
        // around its current place (home at first) for stay_min on average (uniform in 0.5 to 1.5
        // times), roaming within search_radius_m of it, then walks the shortest route to the next
        // place: from home to one of its anchors, from an anchor back home.
        int anchor_count = 0;
        std::vector<std::uint32_t> anchor_candidates;
        std::vector<double> anchor_weights;
        double search_radius_m = 300;
        double stay_min = 120;
        // Learning (repeat and near-repeat victimisation: the "boost" account, Johnson and Bowers
        // 2004): for memory_days after an offence made while staying around home or an anchor, the
        // walker's stays at that place centre on the offence's node, and from home it heads for that
        // anchor with return_probability (else an anchor drawn uniformly as usual).
        double return_probability = 0;
        double memory_days = 14;
    };

    // Walkers start on uniformly drawn nodes (of the area, if any), which are also their homes.
    RandomWalkers(const City& city, const Options& options);

    std::uint32_t count() const { return static_cast<std::uint32_t>(node_.size()); }
    std::uint32_t node(std::uint32_t walker) const { return node_[walker]; }
    std::uint32_t home(std::uint32_t walker) const { return home_[walker]; }
    // The place the walker is staying around (home, or one of its anchors; home without a routine),
    // and whether it is walking a route between places. While it remembers an offence there, the
    // centre of its stay is the offence's node; base() is then still the place itself, where its
    // trips start and end.
    std::uint32_t centre(std::uint32_t walker) const { return centre_[walker]; }
    std::uint32_t base(std::uint32_t walker) const { return base_[walker]; }
    // Learning: the walker remembers an offence at `node` at `step` (sequential phases only). Only
    // with a routine and return_probability > 0, and only when it was staying around a place.
    void remember_offence(std::uint32_t walker, std::uint32_t node, std::int64_t step);
    bool remembers(std::uint32_t walker, std::int64_t step) const {
        return !memory_until_.empty() && step < memory_until_[walker];
    }
    // Where the remembered offence was (meaningful while remembers()).
    std::uint32_t remembered_node(std::uint32_t walker) const { return memory_node_[walker]; }
    // Whether `node` is within the search radius of an offence the walker remembers at `step`.
    bool near_remembered_offence(std::uint32_t walker, std::uint32_t node, std::int64_t step) const;
    bool travelling(std::uint32_t walker) const { return !travelling_.empty() && travelling_[walker] != 0; }
    // A walker's anchor places (empty without a routine; a walker with no candidate near home has none).
    std::vector<std::uint32_t> anchors(std::uint32_t walker) const;
    // The arc being walked (UINT32_MAX while standing on a node) and metres walked along it:
    // enough to draw the walker between intersections.
    std::uint32_t heading_arc(std::uint32_t walker) const { return heading_arc_[walker]; }
    float progress_m(std::uint32_t walker) const { return progress_m_[walker]; }
    // The segment the walker last walked along (for attributing events to streets).
    std::uint32_t last_segment(std::uint32_t walker) const { return last_segment_[walker]; }
    // Whether the walkers may walk along `segment` (always true without an area).
    bool may_walk(std::uint32_t segment) const { return allowed_segment_.empty() || allowed_segment_[segment] != 0; }

    // Offenders' pull toward attractive streets: at an intersection, a street s is taken with weight
    // 1 + pull * weights[s] instead of uniformly (Short et al. 2008's biased walk). `weights` (one per
    // segment) must outlive the walkers and stay unchanged during move(); null or pull 0: uniform.
    void set_pull(const std::vector<float>* weights, double pull) {
        pull_weights_ = pull > 0 ? weights : nullptr;
        pull_ = pull;
    }

    // Sends a walker home to stay off the streets until `until_step` (an offender leaving the scene
    // after an offence). Sequential phases only. A resting walker neither moves nor counts as present.
    void rest_at_home(std::uint32_t walker, std::int64_t until_step);
    bool resting(std::uint32_t walker, std::int64_t step) const {
        return !resting_until_.empty() && step < resting_until_[walker];
    }

    // Puts every walker back on its home node, standing (a foot patrol coming on duty). Sequential.
    void reset_to_home();

    // Phase "move", parallel over walkers. With `counted_as_police`, every hop is reflected in the
    // police counts of `occupancy` (police deter offences where they stand).
    void move(std::int64_t step, NodeOccupancy* counted_as_police);

    // Checkpoints: every per-walker array that changes after construction (positions, the routine's
    // trip and stay, learning, resting). The rest is rebuilt identically by the constructor from the
    // same scenario and city: city_, walk_per_step_m_, move_rng_ (counter-based: no state),
    // first_entity_, allowed_segment_, home_, roam_radius_m_, the routine's anchor_count_,
    // stay_steps_mean_, anchor_route_ and routes_, return_probability_ and memory_steps_; the pull
    // (pull_weights_, pull_) is set by Simulation's constructor.
    void save_state(CheckpointWriter& out) const;
    void load_state(CheckpointReader& in);

private:
    bool has_routine() const { return anchor_count_ > 0; }
    void set_up_routine(const City& city, const Options& options, const CounterRng& setup);
    // Sets out from the current place to the next one (start of a trip).
    void start_trip(std::uint32_t walker, std::uint32_t step);
    std::int64_t stay_steps(std::uint32_t walker, std::uint32_t step) const;
    // The shortest street from `from` to the neighbouring node `to`.
    std::uint32_t arc_between(std::uint32_t from, std::uint32_t to) const;
    std::uint32_t arc_toward_base(std::uint32_t walker, std::uint32_t node, std::uint32_t step,
                                  std::uint32_t draw) const;
    // Arriving at (or resting at) a place: it becomes the base, and the centre of the stay is the
    // remembered offence's node if the walker remembers one there.
    void settle_at(std::uint32_t walker, std::uint32_t place, std::int32_t slot, std::int64_t step);

    std::uint32_t choose_arc(std::uint32_t walker, std::uint32_t node, std::uint32_t step, std::uint32_t draw) const;
    bool may_take(std::uint32_t arc) const;
    // The segment events are attributed to before a walker has moved: its node's first street it may walk.
    std::uint32_t first_segment_at(std::uint32_t node) const;

    const City& city_;
    float walk_per_step_m_;
    CounterRng move_rng_;
    std::uint32_t first_entity_;
    std::vector<std::uint8_t> allowed_segment_;  // per segment; empty: every segment
    std::vector<std::uint32_t> home_;
    std::vector<std::uint32_t> node_;
    std::vector<std::uint32_t> heading_arc_;  // arc being walked, or UINT32_MAX at a node
    std::vector<float> progress_m_;
    std::vector<std::uint32_t> last_segment_;
    std::vector<std::uint32_t> centre_;       // place the walker stays around (home without a routine)
    double roam_radius_m_;                    // around centre_: search radius with a routine, else awareness radius
    // Routine state (empty without one).
    int anchor_count_ = 0;
    std::int64_t stay_steps_mean_ = 0;
    std::vector<std::uint32_t> anchor_route_;  // per walker, anchor_count_ RouteBook indices (UINT32_MAX: none)
    RouteBook routes_;                         // home -> anchor; walked backwards to go home
    std::vector<std::uint8_t> travelling_;
    std::vector<std::uint32_t> trip_pos_;      // index in the route of the last node passed
    std::vector<std::uint8_t> trip_outward_;   // 1: home -> anchor; 0: back home
    std::vector<std::int64_t> stay_until_;     // step at which the walker sets out for the next place
    std::vector<std::uint32_t> base_;          // the place itself (home or an anchor): trips start and end there
    std::vector<std::int32_t> trip_slot_;      // anchor slot of the current or last trip
    // RouteBook index of the current or last trip (home -> that anchor).
    std::uint32_t trip_route(std::uint32_t walker) const {
        return anchor_route_[walker * static_cast<std::size_t>(anchor_count_) + static_cast<std::size_t>(trip_slot_[walker])];
    }
    // Learning (empty unless return_probability > 0).
    double return_probability_ = 0;
    std::int64_t memory_steps_ = 0;
    std::vector<std::uint32_t> memory_node_;   // where the remembered offence was
    std::vector<std::int32_t> memory_slot_;    // around which place: anchor slot, or home_slot
    std::vector<std::int64_t> memory_until_;   // remembered until this step
    static constexpr std::int32_t home_slot = -1;
    std::vector<std::int64_t> resting_until_;  // per walker; empty until someone first rests
    const std::vector<float>* pull_weights_ = nullptr;
    double pull_ = 0;
};

}  // namespace streetwise
