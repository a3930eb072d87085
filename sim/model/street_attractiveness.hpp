#pragma once
// Repeat and near-repeat victimisation on the street network: the dynamic attractiveness B of each
// street segment, after Short et al. (2008) with streets for lattice sites. Crimes are counted as
// they happen; every update_interval_min the field is advanced:
//
//   B_s <- decay * ( (1 - eta) B_s + sum over neighbours n of s: eta B_n / deg(n) ) + theta * crimes_s
//
// where the neighbours of a street are the other streets sharing one of its intersections, deg(n)
// their number (a street with none keeps its share), decay = 2^(-interval / half_life) and
// crimes_s the crimes on s since the last update. Spreading moves B without creating or losing any,
// so the city's total obeys  total <- decay * total + theta * crimes, whatever the network.
// Offenders offend (1 + B_s) times as often on s, and walk toward streets with high B.
#include <cstdint>
#include <vector>

#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {
class CheckpointWriter;
class CheckpointReader;
}  // namespace streetwise

namespace streetwise {

class City;

class StreetAttractiveness {
public:
    StreetAttractiveness(const AttractivenessSpec& spec, int step_s, const City& city);

    bool enabled() const { return enabled_; }
    // Steps between updates.
    std::int64_t update_interval_steps() const { return interval_steps_; }

    // A crime on `segment` (sequential phases only); it raises B at the next update.
    void add_crime(std::uint32_t segment) { ++pending_crimes_[segment]; }
    // Decay, spread, then add theta per crime counted since the last update.
    void update();

    // B per segment (0 everywhere at the start, and always when disabled).
    const std::vector<float>& values() const { return b_; }
    float value(std::uint32_t segment) const { return b_[segment]; }
    double total() const;
    double decay_per_update() const { return decay_; }

    // Checkpoints: B and the crimes not yet folded in. Everything else comes from the scenario and
    // the city (the parameters and the neighbour lists) or is scratch that update() overwrites
    // before reading (next_). B keeps its storage, so offenders' pointer to it stays valid.
    void save_state(CheckpointWriter& out) const;
    void load_state(CheckpointReader& in);

private:
    bool enabled_;
    double theta_;
    double eta_;
    double decay_;
    std::int64_t interval_steps_;
    std::vector<std::uint32_t> neighbour_begin_;  // CSR: neighbours of segment s are
    std::vector<std::uint32_t> neighbours_;       // neighbours_[neighbour_begin_[s] .. neighbour_begin_[s + 1])
    std::vector<float> b_;
    std::vector<double> next_;
    std::vector<std::uint32_t> pending_crimes_;
};

}  // namespace streetwise
