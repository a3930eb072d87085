#pragma once
// The offender's opportunity rule: routine activity theory (a motivated offender, a suitable target,
// no capable guardian) weighed as a rational choice, one hazard per crime type. Per step, an
// offender on a node with no police commits an offence of type t with probability h_t, where
//
//   h_t = base_probability * rate_t * targets_t * exp(-guardian_gamma * g_t * min(guardians_t, cap))
//         * darkness_t * night_t * L(v) * L_t(v) * (1 + B) * J
//
//  - targets_t: person types need r >= 1 people on the street at the node and scale as r^crowd_t;
//    burglary needs e >= 1 homes at the node whose residents are out and scales as e^crowd_t;
//    vandalism needs no target;
//  - guardians_t: for person types the other r - 1 people; for burglary the people on the street and
//    the neighbours at home at the node; for vandalism everyone present;
//  - darkness_t = 1 + s_t * (dark_multiplier - 1) on a dark node at night (at least 0), else 1;
//    night_t = the type's night multiplier between sunset and sunrise;
//  - L and L_t: land use factors of the node (all types, and this type's);
//  - (1 + B): the street's attractiveness (repeat and near-repeat victimisation), J the
//    journey-to-crime decay and M the offender's boost near an offence it remembers; the caller
//    gives their product as one factor.
// The parameters read per step can change during a run (live edits, street lighting
// interventions) through the setters; each takes effect from the next call.
#include <array>
#include <cstdint>
#include <vector>

#include "sim/agents/day_plan.hpp"
#include "sim/model/crime_type.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

class City;
class CheckpointWriter;
class CheckpointReader;

// What an offender finds at its node this step.
struct OffenceSituation {
    std::uint32_t people = 0;          // residents present at the node (on the street, or indoors if counted)
    std::uint32_t empty_homes = 0;     // homes at the node whose resident is out
    std::uint32_t occupied_homes = 0;  // homes at the node with their resident in
    // Guardians who are not residents present: app users who came to the scene after an SOS
    // (issue 7). They deter every type as bystanders do, without being targets.
    std::uint32_t extra_guardians = 0;
};

using TypeHazards = std::array<double, crime_type_count>;

class OpportunityRule {
public:
    OpportunityRule(const ScenarioSpec& spec, const City& city);

    // Fills the hazard of each type (probability per step) and returns their sum. `factor` is the
    // product of the place's attractiveness (1 + B) and the journey decay. Zero with police present.
    double hazards(std::uint32_t node, const OffenceSituation& situation, std::uint32_t police, bool night,
                   double factor, TypeHazards& out) const;

    // The type of an offence from a uniform draw u in [0,1), in proportion to the hazards.
    static CrimeType draw_type(const TypeHazards& hazards, double total, double u);

    // Victim choice: the chance that a resident drawn among those present is picked as the target of
    // a person offence of this type (1 for the most suitable group).
    double suitability(CrimeType type, const ResidentTraits& traits) const {
        return suitability_[static_cast<int>(type)][group_index(traits)];
    }

    void set_base_probability(double p) { base_probability_ = p; }
    void set_guardian_gamma(double gamma);
    void set_dark_multiplier(double multiplier);
    void set_dark_lux_threshold(double lux);
    // The illuminance of each node used for the dark test (the city's node_lux, raised by active
    // street lighting interventions).
    void set_node_lux(std::vector<float> node_lux);

    const std::vector<float>& node_lux() const { return node_lux_; }
    double dark_lux_threshold() const { return dark_lux_threshold_; }
    bool dark_at_night(std::uint32_t node) const { return node_lux_[node] < dark_lux_threshold_; }

    // Checkpoints: what live changes and street lighting change (the four per-step parameters and
    // the per-node lux). Loading recomputes the tables derived from them with the same functions
    // that built them (guardian factors, night multipliers); guardian_cap_, the crime types, the
    // day multipliers and suitability come from the scenario and the city and never change.
    void save_state(CheckpointWriter& out) const;
    void load_state(CheckpointReader& in);

private:
    static constexpr int group_count = 2 * 3 * 2;  // gender x age band x origin
    static int group_index(const ResidentTraits& traits) {
        return (traits.female ? 6 : 0) + traits.age_band * 2 + (traits.minority ? 1 : 0);
    }
    double guardian_factor(int type, std::uint32_t guardians) const;
    void update_guardian_factors();
    void update_night_multipliers();

    double base_probability_;
    double guardian_gamma_;
    std::uint32_t guardian_cap_;
    double dark_multiplier_;
    double dark_lux_threshold_;
    std::vector<float> node_lux_;  // per node
    std::array<CrimeTypeSpec, crime_type_count> types_;
    std::array<CrimeTarget, crime_type_count> target_;
    // Per type: exp(-gamma * g_t * k) for small k, precomputed.
    std::array<std::vector<double>, crime_type_count> guardian_factor_;
    // Per node, per type: base_probability aside, every factor fixed by the place and the hour.
    std::vector<std::array<double, crime_type_count>> day_multiplier_;
    std::vector<std::array<double, crime_type_count>> night_multiplier_;
    std::array<std::array<double, group_count>, crime_type_count> suitability_{};
};

}  // namespace streetwise
