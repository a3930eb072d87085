#pragma once
// Counter-based random numbers: every draw is a pure function of
// (seed, stream, entity, step, draw index). No generator state is carried between agents or
// threads, which is what makes results independent of the thread count and of the order in
// which agents are processed.
#include <cstdint>

namespace streetwise {

// Streams keep the draws of different mechanisms independent even for the same entity and step.
enum class RngStream : std::uint32_t {
    city_generation = 1,
    resident_setup = 2,
    resident_routine = 3,
    offender_setup = 4,
    offender_move = 5,
    offence = 6,
    police_setup = 7,
    police_move = 8,
    victim_choice = 9,
    // New streams go at the end, so the draws of existing mechanisms never shift.
    patrol_setup = 10,  // foot patrol interventions: homes of the extra units
    patrol_move = 11,   // foot patrol interventions: their street choices
    short_setup = 12,   // Short et al. (2008) burglary model: the initial burglars
    short_burgle = 13,  // Short et al. (2008): each burglar's burgle-or-not draw
    short_move = 14,    // Short et al. (2008): each burglar's choice of neighbour
    short_arrival = 15, // Short et al. (2008): the sites that receive new burglars
    reporting = 16,     // whether each offence is reported to the police
    police_patrol = 17, // the police force's units (issue 6): their street choices on patrol
    police_arrest = 18, // whether a unit arriving at a report makes an arrest
    drone_patrol = 19,    // drone patrols: the waypoints each drone flies to
    drone_detection = 20, // drones: whether a camera sees a crime nobody reported
    // Issue 7, reporting (sim/engine/reporting_system.hpp). Own streams, so scenarios without apps,
    // delays or trust draw exactly what they drew before.
    app_adoption = 21,     // each resident's fixed adoption draw per app (entity resident, step slot = app)
    victim_reaction = 22,  // police delay, app use, emergency calls, referrals and victim support's reach
    trust = 23,            // whether a resident at a community patrol unit's node talks with it
    sos = 24,              // SOS: which alerted contacts and peers come to the scene
    // Issue 7, insecurity (sim/engine/insecurity_tracker.hpp).
    insecurity = 25,      // insecurity: each resident's fixed individual heterogeneity (a normal draw)
    fear_behaviour = 26,  // insecurity.behaviour: whether a resident who feels unsafe after dark stays home
};

// SplitMix64's finaliser: a bijection on 64-bit words with full avalanche.
constexpr std::uint64_t mix64(std::uint64_t z) {
    z ^= z >> 30;
    z *= 0xbf58476d1ce4e5b9ULL;
    z ^= z >> 27;
    z *= 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return z;
}

class CounterRng {
public:
    constexpr CounterRng(std::uint64_t seed, RngStream stream)
        : key_(mix64(mix64(seed) ^ (0x9e3779b97f4a7c15ULL * (static_cast<std::uint64_t>(stream) + 1)))) {}

    // 64 random bits for (entity, step, draw). entity and step are packed into one word
    // exactly, so distinct (entity, step) pairs can never share a counter.
    constexpr std::uint64_t bits(std::uint32_t entity, std::uint32_t step, std::uint32_t draw = 0) const {
        const std::uint64_t counter = (static_cast<std::uint64_t>(entity) << 32) | step;
        return mix64(key_ ^ mix64(counter + 0x632be59bd9b4e019ULL * (static_cast<std::uint64_t>(draw) + 1)));
    }

    // Uniform in [0, 1) with 53 random bits.
    constexpr double uniform(std::uint32_t entity, std::uint32_t step, std::uint32_t draw = 0) const {
        return static_cast<double>(bits(entity, step, draw) >> 11) * 0x1.0p-53;
    }

    // Uniform integer in [0, n) for n >= 1 (Lemire's multiply-shift; the bias is below 2^-32 for n < 2^32).
    constexpr std::uint32_t below(std::uint32_t n, std::uint32_t entity, std::uint32_t step,
                                  std::uint32_t draw = 0) const {
        const std::uint64_t r = bits(entity, step, draw) >> 32;
        return static_cast<std::uint32_t>((r * n) >> 32);
    }

private:
    std::uint64_t key_;
};

}  // namespace streetwise
