#include "sim/model/opportunity_rule.hpp"

#include <cmath>
#include <map>
#include <string>

#include "sim/city/city.hpp"

namespace streetwise {

namespace {

std::array<double, crime_type_count> cumulative_weights(const std::map<std::string, double>& mix) {
    std::array<double, crime_type_count> cumulative{};
    double total = 0.0;
    for (int t = 0; t < crime_type_count; ++t) {
        const auto found = mix.find(std::string(crime_type_names[t]));
        total += found == mix.end() ? 0.0 : found->second;
        cumulative[t] = total;
    }
    if (total <= 0.0) {  // no mix given: every offence is a theft from the person
        cumulative.fill(1.0);
        return cumulative;
    }
    for (double& c : cumulative) c /= total;
    return cumulative;
}

}  // namespace

OpportunityRule::OpportunityRule(const OffenderSpec& spec, const City& city)
    : base_probability_(spec.base_probability),
      guardian_gamma_(spec.guardian_gamma),
      guardian_cap_(static_cast<std::uint32_t>(std::max(0, spec.guardian_cap))),
      day_cumulative_(cumulative_weights(spec.type_mix_day)),
      night_cumulative_(cumulative_weights(spec.type_mix_night)) {
    guardian_factor_.resize(std::min<std::uint32_t>(guardian_cap_ + 1, 4096));
    for (std::size_t k = 0; k < guardian_factor_.size(); ++k) guardian_factor_[k] = exp_guardians(static_cast<std::uint32_t>(k));

    std::array<double, land_use_count> land_use_multiplier;
    for (int u = 0; u < land_use_count; ++u) {
        const auto found = spec.land_use_multiplier.find(std::string(to_string(static_cast<LandUse>(u))));
        land_use_multiplier[u] = found == spec.land_use_multiplier.end() ? 1.0 : found->second;
    }
    day_multiplier_.resize(city.node_count());
    night_multiplier_.resize(city.node_count());
    for (std::uint32_t v = 0; v < city.node_count(); ++v) {
        const double place = land_use_multiplier[static_cast<int>(city.node_land_use()[v])];
        const bool dark_at_night = city.node_lux()[v] < spec.dark_lux_threshold;
        day_multiplier_[v] = place;
        night_multiplier_[v] = place * (dark_at_night ? spec.dark_multiplier : 1.0);
    }
}

double OpportunityRule::exp_guardians(std::uint32_t guardians) const {
    return std::exp(-guardian_gamma_ * static_cast<double>(guardians));
}

CrimeType OpportunityRule::draw_type(double u, bool night) const {
    const auto& cumulative = night ? night_cumulative_ : day_cumulative_;
    for (int t = 0; t < crime_type_count; ++t)
        if (u < cumulative[t]) return static_cast<CrimeType>(t);
    return static_cast<CrimeType>(crime_type_count - 1);
}

}  // namespace streetwise
