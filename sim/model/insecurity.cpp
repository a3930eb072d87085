#include "sim/model/insecurity.hpp"

#include <cmath>

namespace streetwise {

double insecurity_group_baseline(const InsecuritySpec& spec, bool female, std::uint8_t age_band, bool minority) {
    const InsecurityBaselines& b = spec.baseline;
    const double age = age_band == 0 ? b.young : age_band == 1 ? b.adult : b.older;
    return (female ? b.female : b.male) + age + (minority ? b.minority : b.majority);
}

double insecurity_situational_factor(const InsecuritySpec& spec, bool female, std::uint8_t age_band) {
    return (female ? spec.female_situational_factor : 1.0) * (age_band == 2 ? spec.older_situational_factor : 1.0);
}

// Counts enter as log(1 + n): the first crimes one hears of matter most (diminishing returns).
double insecurity_memory_term(const InsecuritySpec& spec, const InsecurityDrivers& d) {
    const InsecurityWeights& w = spec.weight;
    return w.own_victimisation * d.victimisation_memory + w.nearby_crime * std::log1p(d.nearby_crime) +
           w.alert_heard * d.alerts_heard + w.disorder * std::log1p(d.disorder);
}

double insecurity_street_term(const InsecuritySpec& spec, double situational_factor, const InsecurityDrivers& d) {
    const InsecurityWeights& w = spec.weight;
    const double situation =
        w.darkness * d.darkness + (d.empty_street ? w.empty_street : 0.0) + (d.crowded_street ? w.crowded_street : 0.0);
    return situational_factor * situation + (d.police_near ? w.police_presence : 0.0) +
           (d.drone_over ? w.drone_presence : 0.0);
}

double insecurity_score(const InsecuritySpec& spec, double baseline, double situational_factor,
                        const InsecurityDrivers& drivers) {
    return baseline + insecurity_memory_term(spec, drivers) + insecurity_street_term(spec, situational_factor, drivers);
}

double insecurity_index(double score) {
    return 100.0 / (1.0 + std::exp(-score));
}

double hourly_decay(double half_life_days) {
    return std::exp2(-1.0 / (24.0 * half_life_days));
}

}  // namespace streetwise
