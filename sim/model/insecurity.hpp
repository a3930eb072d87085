#pragma once
// The feeling of insecurity (fear of crime) of one person, as a pure function: a score on the
// log-odds scale from the group baseline, the person's own fixed heterogeneity and the drivers
// (docs/odd.md 7.23). The index is 100 x logistic(score); "unsafe" is score > 0 (even odds). The
// state the drivers come from (memories, grids, the street now) is InsecurityTracker's
// (sim/engine/insecurity_tracker.hpp); keeping the rule here makes every direction testable alone.
#include <cstdint>

#include "sim/scenario/insecurity_spec.hpp"

namespace streetwise {

// The drivers of one person's score at one moment. Memories are decaying counts.
struct InsecurityDrivers {
    double victimisation_memory = 0;  // own victimisations, each decaying with its half-life
    double nearby_crime = 0;          // crimes known near home (recorded, and a share of the unrecorded)
    double alerts_heard = 0;          // alerts about crimes near home
    double disorder = 0;              // vandalism near home
    // At night: the share of the node's streets that are dark (lux below offenders.dark_lux_threshold),
    // 0 to 1; 0 by day. Lit streets lower it; a node all of whose streets are dark counts fully.
    double darkness = 0;
    bool empty_street = false;    // fewer than empty_below people at the node
    bool crowded_street = false;  // crowded_from people or more at the node
    bool police_near = false;     // a police unit within police_radius_m
    bool drone_over = false;      // a drone camera over the node
};

// The group part of the baseline: gender + age band (0 young, 1 adult, 2 older) + origin.
double insecurity_group_baseline(const InsecuritySpec& spec, bool female, std::uint8_t age_band, bool minority);
// How strongly a group reacts to the street situation (darkness, empty and crowded streets).
double insecurity_situational_factor(const InsecuritySpec& spec, bool female, std::uint8_t age_band);
// The drivers' part of the score (memories, and the street situation scaled by `situational_factor`).
double insecurity_memory_term(const InsecuritySpec& spec, const InsecurityDrivers& drivers);
double insecurity_street_term(const InsecuritySpec& spec, double situational_factor, const InsecurityDrivers& drivers);
// The whole score: baseline (group + individual) + memory term + street term.
double insecurity_score(const InsecuritySpec& spec, double baseline, double situational_factor,
                        const InsecurityDrivers& drivers);
// 100 x logistic(score): the insecurity index of one person, 0 (no worry) to 100.
double insecurity_index(double score);
// The factor a decaying memory is multiplied by each hour: 2^(-1 h / half-life).
double hourly_decay(double half_life_days);

}  // namespace streetwise
