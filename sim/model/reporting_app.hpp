#pragma once
// One reporting or alerting app as the model uses it (docs/odd.md 7.20): what it covers, who has
// it, who hears of its reports, what data it keeps. Adoption is a pure function of time and of the
// resident's fixed draw, so it needs no state and never falls back: a resident adopts when
//   u_r < min(1, share(t) * m_gender * m_age * m_origin * m_district),
//   share(t) = start_share + (target_share - start_share) * min(1, t / ramp_days)
// with u_r the resident's own uniform draw for this app (stream app_adoption).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/reporting_spec.hpp"

namespace streetwise {

class City;
struct ResidentTraits;

class ReportingApp {
public:
    // Throws InputError when adoption_district names a district the city lacks.
    ReportingApp(const AppSpec& spec, std::size_t index, const City& city, const std::string& scenario_file);

    const AppSpec& spec() const { return spec_; }
    const std::string& name() const { return name_; }
    bool covers(std::uint8_t type) const { return (covered_ >> type) & 1u; }
    bool has_channel(Holder h) const { return (channels_ >> static_cast<int>(h)) & 1u; }
    std::uint8_t channels() const { return channels_; }
    std::uint8_t collects() const { return collects_; }
    bool alerting() const { return spec_.kind == AppKind::alerting; }

    // The configured share at t_days (before multipliers).
    double share(double t_days) const;
    // Whether a resident of this group, living in `district`, with adoption draw u has the app at t_days.
    bool adopted(const ResidentTraits& traits, std::uint16_t district, double u, double t_days) const;

private:
    AppSpec spec_;
    std::string name_;
    std::uint8_t covered_ = 0;   // bit per crime type
    std::uint8_t channels_ = 0;  // bit per Holder
    std::uint8_t collects_ = 0;  // bit per DataItem
    std::array<double, 12> group_multiplier_{};  // female x age band x origin, as OpportunityRule's groups
    std::vector<double> district_multiplier_;     // per city district
};

}  // namespace streetwise
