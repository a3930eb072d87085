#include "sim/model/opportunity_rule.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>

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
      dark_multiplier_(spec.dark_multiplier),
      dark_lux_threshold_(spec.dark_lux_threshold),
      node_lux_(city.node_lux()),
      day_cumulative_(cumulative_weights(spec.type_mix_day)),
      night_cumulative_(cumulative_weights(spec.type_mix_night)) {
    update_guardian_factors();

    std::array<double, land_use_count> land_use_multiplier;
    for (int u = 0; u < land_use_count; ++u) {
        const auto found = spec.land_use_multiplier.find(std::string(to_string(static_cast<LandUse>(u))));
        land_use_multiplier[u] = found == spec.land_use_multiplier.end() ? 1.0 : found->second;
    }
    day_multiplier_.resize(city.node_count());
    for (std::uint32_t v = 0; v < city.node_count(); ++v)
        day_multiplier_[v] = land_use_multiplier[static_cast<int>(city.node_land_use()[v])];
    update_night_multipliers();
}

void OpportunityRule::update_guardian_factors() {
    guardian_factor_.resize(std::min<std::uint32_t>(guardian_cap_ + 1, 4096));
    for (std::size_t k = 0; k < guardian_factor_.size(); ++k) guardian_factor_[k] = exp_guardians(static_cast<std::uint32_t>(k));
}

void OpportunityRule::update_night_multipliers() {
    night_multiplier_.resize(day_multiplier_.size());
    for (std::size_t v = 0; v < day_multiplier_.size(); ++v)
        night_multiplier_[v] = day_multiplier_[v] * (node_lux_[v] < dark_lux_threshold_ ? dark_multiplier_ : 1.0);
}

void OpportunityRule::set_guardian_gamma(double gamma) {
    guardian_gamma_ = gamma;
    update_guardian_factors();
}

void OpportunityRule::set_dark_multiplier(double multiplier) {
    dark_multiplier_ = multiplier;
    update_night_multipliers();
}

void OpportunityRule::set_dark_lux_threshold(double lux) {
    dark_lux_threshold_ = lux;
    update_night_multipliers();
}

void OpportunityRule::set_node_lux(std::vector<float> node_lux) {
    node_lux_ = std::move(node_lux);
    update_night_multipliers();
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
