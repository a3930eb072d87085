#pragma once
// Agents that roam the street graph by random walk: offenders looking for opportunities
// (optionally held within an awareness space around home), police units on random patrol, and
// the extra units of foot patrol interventions (held to the streets of their area).
// At each intersection a walker picks its next street uniformly among the allowed ones.
#include <cstdint>
#include <vector>

#include "sim/core/counter_rng.hpp"

namespace streetwise {

class City;
class NodeOccupancy;

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
    };

    // Walkers start on uniformly drawn nodes (of the area, if any), which are also their homes.
    RandomWalkers(const City& city, const Options& options);

    std::uint32_t count() const { return static_cast<std::uint32_t>(node_.size()); }
    std::uint32_t node(std::uint32_t walker) const { return node_[walker]; }
    std::uint32_t home(std::uint32_t walker) const { return home_[walker]; }
    // The arc being walked (UINT32_MAX while standing on a node) and metres walked along it:
    // enough to draw the walker between intersections.
    std::uint32_t heading_arc(std::uint32_t walker) const { return heading_arc_[walker]; }
    float progress_m(std::uint32_t walker) const { return progress_m_[walker]; }
    // The segment the walker last walked along (for attributing events to streets).
    std::uint32_t last_segment(std::uint32_t walker) const { return last_segment_[walker]; }
    // Whether the walkers may walk along `segment` (always true without an area).
    bool may_walk(std::uint32_t segment) const { return allowed_segment_.empty() || allowed_segment_[segment] != 0; }

    // Puts every walker back on its home node, standing (a foot patrol coming on duty). Sequential.
    void reset_to_home();

    // Phase "move", parallel over walkers. With `counted_as_police`, every hop is reflected in the
    // police counts of `occupancy` (police deter offences where they stand).
    void move(std::int64_t step, NodeOccupancy* counted_as_police);

private:
    std::uint32_t choose_arc(std::uint32_t walker, std::uint32_t node, std::uint32_t step, std::uint32_t draw) const;
    bool may_take(std::uint32_t arc) const;
    // The segment events are attributed to before a walker has moved: its node's first street it may walk.
    std::uint32_t first_segment_at(std::uint32_t node) const;

    const City& city_;
    float walk_per_step_m_;
    double awareness_radius_m_;
    CounterRng move_rng_;
    std::uint32_t first_entity_;
    std::vector<std::uint8_t> allowed_segment_;  // per segment; empty: every segment
    std::vector<std::uint32_t> home_;
    std::vector<std::uint32_t> node_;
    std::vector<std::uint32_t> heading_arc_;  // arc being walked, or UINT32_MAX at a node
    std::vector<float> progress_m_;
    std::vector<std::uint32_t> last_segment_;
};

}  // namespace streetwise
