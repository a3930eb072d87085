#pragma once
// The offender's opportunity rule (routine activity theory: a motivated offender, a suitable
// target, no capable guardian). Per step, an offender on a node with r >= 1 residents and no
// police offends with probability
//   base_probability * exp(-guardian_gamma * min(r - 1, guardian_cap)) * place multiplier,
// where the other r - 1 residents act as guardians, and the place multiplier combines land use
// and darkness (night, and the brightest street at the node below dark_lux_threshold).
// The parameters read per step can change during a run (live edits, street lighting
// interventions) through the setters; each takes effect from the next call to probability().
#include <array>
#include <cstdint>
#include <vector>

#include "sim/model/crime_type.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

class City;

class OpportunityRule {
public:
    OpportunityRule(const OffenderSpec& spec, const City& city);

    double probability(std::uint32_t node, std::uint32_t residents, std::uint32_t police, bool night) const {
        if (residents == 0 || police > 0) return 0.0;
        const std::uint32_t guardians = std::min<std::uint32_t>(residents - 1, guardian_cap_);
        const double guardian_factor =
            guardians < guardian_factor_.size() ? guardian_factor_[guardians] : exp_guardians(guardians);
        return base_probability_ * guardian_factor * (night ? night_multiplier_[node] : day_multiplier_[node]);
    }

    // The type of an offence from a uniform draw u in [0,1), by the day or night mix.
    CrimeType draw_type(double u, bool night) const;

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

private:
    double exp_guardians(std::uint32_t guardians) const;
    void update_guardian_factors();
    void update_night_multipliers();

    double base_probability_;
    double guardian_gamma_;
    std::uint32_t guardian_cap_;
    double dark_multiplier_;
    double dark_lux_threshold_;
    std::vector<float> node_lux_;          // per node
    std::vector<double> guardian_factor_;  // exp(-gamma * k) for small k, precomputed
    std::vector<double> day_multiplier_;   // per node: the land use's
    std::vector<double> night_multiplier_; // per node: the land use's, times dark_multiplier where dark
    std::array<double, crime_type_count> day_cumulative_{};
    std::array<double, crime_type_count> night_cumulative_{};
};

}  // namespace streetwise
