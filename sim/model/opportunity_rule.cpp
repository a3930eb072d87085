#include "sim/model/opportunity_rule.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>

#include "sim/city/city.hpp"
#include "sim/io/checkpoint_file.hpp"

namespace streetwise {

namespace {

double weight_of(const std::map<std::string, double>& weights, std::string_view name) {
    const auto found = weights.find(std::string(name));
    return found == weights.end() ? 1.0 : found->second;
}

constexpr std::array<std::string_view, 3> age_band_names{"young", "adult", "older"};

}  // namespace

OpportunityRule::OpportunityRule(const ScenarioSpec& spec, const City& city)
    : base_probability_(spec.offenders.base_probability),
      guardian_gamma_(spec.offenders.guardian_gamma),
      guardian_cap_(static_cast<std::uint32_t>(std::max(0, spec.offenders.guardian_cap))),
      dark_multiplier_(spec.offenders.dark_multiplier),
      dark_lux_threshold_(spec.offenders.dark_lux_threshold),
      node_lux_(city.node_lux()),
      types_(spec.crime.types) {
    for (int t = 0; t < crime_type_count; ++t) target_[t] = crime_target(static_cast<CrimeType>(t));
    update_guardian_factors();

    // Land use: the offenders' factor for all types times the type's own.
    day_multiplier_.resize(city.node_count());
    for (std::uint32_t v = 0; v < city.node_count(); ++v) {
        const std::string_view land_use = to_string(city.node_land_use()[v]);
        const double common = weight_of(spec.offenders.land_use_multiplier, land_use);
        for (int t = 0; t < crime_type_count; ++t)
            day_multiplier_[v][t] = types_[t].rate * common * weight_of(types_[t].land_use_multiplier, land_use);
    }
    update_night_multipliers();

    // Victim suitability per group, relative to the type's most suitable group.
    for (int t = 0; t < crime_type_count; ++t) {
        const CrimeTypeSpec& type = types_[t];
        double best = 0.0;
        for (int g = 0; g < group_count; ++g) {
            const bool female = g >= 6, minority = g % 2 == 1;
            const int age = (g % 6) / 2;
            suitability_[t][g] = weight_of(type.victim_gender, female ? "female" : "male") *
                                 weight_of(type.victim_age, age_band_names[age]) *
                                 weight_of(type.victim_origin, minority ? "minority" : "majority");
            best = std::max(best, suitability_[t][g]);
        }
        for (double& s : suitability_[t]) s = best > 0.0 ? s / best : 0.0;
    }
}

void OpportunityRule::update_guardian_factors() {
    const std::size_t size = std::min<std::uint32_t>(guardian_cap_ + 1, 4096);
    for (int t = 0; t < crime_type_count; ++t) {
        guardian_factor_[t].resize(size);
        const double gamma = guardian_gamma_ * types_[t].guardian_sensitivity;
        for (std::size_t k = 0; k < size; ++k) guardian_factor_[t][k] = std::exp(-gamma * static_cast<double>(k));
    }
}

double OpportunityRule::guardian_factor(int type, std::uint32_t guardians) const {
    guardians = std::min(guardians, guardian_cap_);
    const auto& table = guardian_factor_[type];
    if (guardians < table.size()) return table[guardians];
    return std::exp(-guardian_gamma_ * types_[type].guardian_sensitivity * static_cast<double>(guardians));
}

void OpportunityRule::update_night_multipliers() {
    night_multiplier_.resize(day_multiplier_.size());
    for (std::size_t v = 0; v < day_multiplier_.size(); ++v) {
        const bool dark = node_lux_[v] < dark_lux_threshold_;
        for (int t = 0; t < crime_type_count; ++t) {
            const double darkness =
                dark ? std::max(0.0, 1.0 + types_[t].darkness_sensitivity * (dark_multiplier_ - 1.0)) : 1.0;
            night_multiplier_[v][t] = day_multiplier_[v][t] * types_[t].night_multiplier * darkness;
        }
    }
}

double OpportunityRule::hazards(std::uint32_t node, const OffenceSituation& situation, std::uint32_t police, bool night,
                                double factor, TypeHazards& out) const {
    out.fill(0.0);
    if (police > 0 || base_probability_ <= 0.0) return 0.0;
    const auto& place = night ? night_multiplier_[node] : day_multiplier_[node];
    const double scale = base_probability_ * factor;
    double total = 0.0;
    for (int t = 0; t < crime_type_count; ++t) {
        if (place[t] <= 0.0) continue;
        double h = 0.0;
        switch (target_[t]) {
            case CrimeTarget::person:
                if (situation.people == 0) continue;
                h = guardian_factor(t, situation.people - 1 + situation.extra_guardians);
                if (types_[t].crowd_exponent > 0.0)
                    h *= std::pow(static_cast<double>(situation.people), types_[t].crowd_exponent);
                break;
            case CrimeTarget::empty_home:
                if (situation.empty_homes == 0) continue;
                h = guardian_factor(t, situation.people + situation.occupied_homes + situation.extra_guardians);
                h *= types_[t].crowd_exponent == 1.0
                         ? static_cast<double>(situation.empty_homes)
                         : std::pow(static_cast<double>(situation.empty_homes), types_[t].crowd_exponent);
                break;
            case CrimeTarget::place: h = guardian_factor(t, situation.people + situation.extra_guardians); break;
        }
        out[t] = scale * place[t] * h;
        total += out[t];
    }
    return total;
}

CrimeType OpportunityRule::draw_type(const TypeHazards& hazards, double total, double u) {
    double cumulative = 0.0;
    const double target = u * total;
    int last = 0;
    for (int t = 0; t < crime_type_count; ++t) {
        if (hazards[t] <= 0.0) continue;
        cumulative += hazards[t];
        last = t;
        if (target < cumulative) return static_cast<CrimeType>(t);
    }
    return static_cast<CrimeType>(last);
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

void OpportunityRule::save_state(CheckpointWriter& out) const {
    out.put(base_probability_);
    out.put(guardian_gamma_);
    out.put(dark_multiplier_);
    out.put(dark_lux_threshold_);
    out.put_vector(node_lux_);
}

void OpportunityRule::load_state(CheckpointReader& in) {
    base_probability_ = in.get<double>("offenders.base_probability");
    guardian_gamma_ = in.get<double>("offenders.guardian_gamma");
    dark_multiplier_ = in.get<double>("offenders.dark_multiplier");
    dark_lux_threshold_ = in.get<double>("offenders.dark_lux_threshold");
    in.get_vector_into(node_lux_, "lux per node");
    update_guardian_factors();
    update_night_multipliers();
}

}  // namespace streetwise
