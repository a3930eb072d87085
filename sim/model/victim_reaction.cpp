#include "sim/model/victim_reaction.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/agents/day_plan.hpp"

namespace streetwise {

namespace {

template <std::size_t N>
std::array<double, N> shifts(const std::map<std::string, double>& by_name, const char* const (&names)[N]) {
    std::array<double, N> out{};
    for (std::size_t i = 0; i < N; ++i) {
        const auto found = by_name.find(names[i]);
        if (found != by_name.end()) out[i] = found->second;
    }
    return out;
}

constexpr const char* gender_names[2]{"female", "male"};
constexpr const char* age_names[3]{"young", "adult", "older"};
constexpr const char* origin_names[2]{"majority", "minority"};

}  // namespace

ReportingOdds ReportingOdds::from(const ReportingSpec& spec) {
    ReportingOdds odds;
    odds.gender = shifts(spec.gender_log_odds, gender_names);
    odds.age = shifts(spec.age_log_odds, age_names);
    odds.origin = shifts(spec.origin_log_odds, origin_names);
    odds.trust_enabled = spec.trust.enabled;
    odds.trust_weight = spec.trust.reporting_weight;
    odds.trust_reference = spec.trust.reference;
    return odds;
}

double police_report_probability(double p_type, const ReportingOdds& odds, const ResidentTraits* traits, double trust) {
    double shift = 0.0;
    if (traits) {
        shift += odds.gender[traits->female ? 0 : 1];
        shift += odds.age[std::min<std::size_t>(traits->age_band, 2)];
        shift += odds.origin[traits->minority ? 1 : 0];
    }
    if (odds.trust_enabled) shift += odds.trust_weight * (trust - odds.trust_reference);
    // Exactly p_type without modifiers: the default scenario must keep drawing the same crimes.
    if (shift == 0.0 || p_type <= 0.0 || p_type >= 1.0) return p_type;
    const double logit = std::log(p_type / (1.0 - p_type)) + shift;
    return 1.0 / (1.0 + std::exp(-logit));
}

std::int64_t report_delay_steps(double mean_min, double u, int step_s) {
    if (!(mean_min > 0)) return 0;
    const double delay_s = -mean_min * 60.0 * std::log1p(-u);
    return static_cast<std::int64_t>(std::ceil(delay_s / step_s));
}

std::int64_t latency_steps(double minutes, int step_s) {
    if (!(minutes > 0)) return 0;
    return static_cast<std::int64_t>(std::ceil(minutes * 60.0 / step_s - 1e-9));
}

}  // namespace streetwise
