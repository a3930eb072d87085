#include "sim/model/reporting_app.hpp"

#include <algorithm>

#include "sim/agents/day_plan.hpp"
#include "sim/city/city.hpp"
#include "sim/core/input_error.hpp"
#include "sim/model/crime_type.hpp"

namespace streetwise {

namespace {

double multiplier(const std::map<std::string, double>& by_name, const char* name) {
    const auto found = by_name.find(name);
    return found == by_name.end() ? 1.0 : found->second;
}

int group_of(const ResidentTraits& traits) {
    return (traits.female ? 6 : 0) + std::min<int>(traits.age_band, 2) * 2 + (traits.minority ? 1 : 0);
}

}  // namespace

ReportingApp::ReportingApp(const AppSpec& spec, std::size_t index, const City& city, const std::string& scenario_file)
    : spec_(spec),
      name_(spec.name.empty() ? "app " + std::to_string(index + 1) : spec.name),
      channels_(spec.channel_mask()),
      collects_(spec.collects_mask()) {
    if (spec.types.empty()) covered_ = static_cast<std::uint8_t>((1u << crime_type_count) - 1);
    for (const std::string& type : spec.types)
        for (int t = 0; t < crime_type_count; ++t)
            if (type == crime_type_names[t]) covered_ |= static_cast<std::uint8_t>(1u << t);
    constexpr const char* ages[3]{"young", "adult", "older"};
    for (int female = 0; female < 2; ++female)
        for (int age = 0; age < 3; ++age)
            for (int minority = 0; minority < 2; ++minority)
                group_multiplier_[female * 6 + age * 2 + minority] =
                    multiplier(spec.adoption_gender, female ? "female" : "male") * multiplier(spec.adoption_age, ages[age]) *
                    multiplier(spec.adoption_origin, minority ? "minority" : "majority");
    district_multiplier_.assign(city.districts().size(), 1.0);
    for (const auto& [district, factor] : spec.adoption_district) {
        const auto& districts = city.districts();
        const auto found = std::find_if(districts.begin(), districts.end(),
                                        [&](const District& d) { return d.name == district; });
        if (found == districts.end()) {
            std::string names;
            for (const District& d : districts) names += (names.empty() ? "" : ", ") + d.name;
            throw InputError(spec.source_file.empty() ? scenario_file : spec.source_file, spec.source_line,
                             "apps[" + std::to_string(index) + "].adoption_district." + district,
                             "the city has no district '" + district + "'", "districts of this city: " + names);
        }
        district_multiplier_[static_cast<std::size_t>(found - districts.begin())] = factor;
    }
}

double ReportingApp::share(double t_days) const {
    if (!(spec_.ramp_days > 0)) return spec_.target_share;
    const double progress = std::min(1.0, std::max(0.0, t_days / spec_.ramp_days));
    return spec_.start_share + (spec_.target_share - spec_.start_share) * progress;
}

bool ReportingApp::adopted(const ResidentTraits& traits, std::uint16_t district, double u, double t_days) const {
    double p = share(t_days) * group_multiplier_[group_of(traits)];
    if (district < district_multiplier_.size()) p *= district_multiplier_[district];
    return u < std::min(1.0, p);
}

}  // namespace streetwise
