#pragma once
// Victim reaction, reporting and alerting apps, victim support services and trust in the police
// (issue 7, docs/odd.md 7.19-7.22), as plain data: the `reporting:` and `trust:` sections and the
// `apps:` and `victim_support:` lists. The loader fills and checks them; ReportingSystem
// (sim/engine/reporting_system.hpp) runs them. Every default leaves a run as it was before these
// existed: no apps, no services, trust off, reports at once.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace streetwise {

// What an app is for. Both take reports; an alerting app also sends an SOS (contacts, nearby peers).
enum class AppKind {
    reporting,  // a report form: to the police, a rights organisation, the municipality, ...
    alerting,   // an SOS button: alerts trusted contacts and/or app users nearby, may call the police
};

// Who receives an app's reports. Names in the scenario: police, victim_support, contacts, peers,
// municipality, rights_organisation (the order is the bit order of AppSpec::channel_mask()).
enum class Holder : std::uint8_t { police, victim_support, contacts, peers, municipality, rights_organisation };
inline constexpr int holder_count = 6;

// Personal data items an app collects with each report.
enum class DataItem : std::uint8_t { location, identity, free_text };
inline constexpr int data_item_count = 3;

struct AppSpec {
    AppKind kind = AppKind::reporting;
    std::string name;                      // label ("" = "app <index>")
    std::vector<std::string> types;        // crime types it covers (empty: every type)
    // Adoption: a resident adopts at share(t) = clamp(start + (target - start) * min(1, day / ramp_days))
    // * group and district multipliers (missing: 1), compared with the resident's own fixed draw.
    double start_share = 0.1;
    double target_share = 0.1;
    double ramp_days = 0;                  // 0: the target share from day 0
    std::map<std::string, double> adoption_gender;    // female, male
    std::map<std::string, double> adoption_age;       // young, adult, older
    std::map<std::string, double> adoption_origin;    // majority, minority
    std::map<std::string, double> adoption_district;  // district name -> multiplier
    double report_probability = 0.5;       // an adopter victim of a covered type reports through it
    std::vector<std::string> channels{"police"};  // holders of its reports
    bool anonymous = false;                // no identity collected, whatever `collects` says
    double latency_min = 0;                // from the crime to the report (or alert) arriving
    bool enters_police_record = true;      // a report over the police channel becomes recorded crime
    std::vector<std::string> collects{"location"};  // location, identity, free_text
    // alerting apps only.
    double emergency_call_probability = 0; // the app also calls the police (recorded crime)
    int contacts = 0;                      // trusted contacts alerted (residents drawn at random)
    double peers_radius_m = 0;             // app users out or at home within this distance are alerted
    double responder_share = 0;            // share of recipients who come to the scene
    double guardian_min = 30;              // and stay there as guardians this long

    std::string source_file;
    int source_line = 0;

    // Bit h set: holder h receives its reports.
    std::uint8_t channel_mask() const;
    std::uint8_t collects_mask() const;  // bit d: data item d (identity dropped when anonymous)
};

enum class SupportKind {
    general,     // every crime type
    specialist,  // only the listed types (e.g. rape crisis, hate crime services)
};

struct VictimSupportSpec {
    SupportKind kind = SupportKind::general;
    std::string name;
    std::vector<std::string> types;        // specialist: the types it serves
    std::vector<std::string> districts;    // where its clients live (empty: everywhere)
    double capacity_per_day = 20;          // new cases it can take per day
    double reach = 0.6;                    // share of referrals it manages to contact
    double police_referral_share = 0.5;    // share of police-recorded victims the police refer

    std::string source_file;
    int source_line = 0;
};

// Trust in the police (docs/odd.md 7.22): off by default, because the survey reporting rates the
// defaults reproduce already reflect today's trust.
struct TrustSpec {
    bool enabled = false;
    double initial = 0.7;                  // CSEW: ~70% have confidence in their local police
    std::map<std::string, double> initial_gender;  // added to initial by group (missing: 0)
    std::map<std::string, double> initial_age;
    std::map<std::string, double> initial_origin;
    double reporting_weight = 1.0;         // log-odds of reporting per unit of trust above reference
    double reference = 0.7;                // the trust the survey rates stand for
    double answered_gain = 0.05;           // a unit came to the report
    double unanswered_loss = 0.05;         // no unit came within answer_window_min
    double follow_up_gain = 0.03;          // victim support reached the victim
    double community_contact_gain = 0.01;  // met a community patrol unit (at most once a day)
    double community_contact_probability = 0.1;  // chance per step at the unit's node that they talk
    double answer_window_min = 60;
};

struct ReportingSpec {
    // Victim reaction (docs/odd.md 7.19): the delay before the police report (mean of an
    // exponential; 0: at once, a call from the scene) and the group log-odds on reporting.
    double police_delay_min = 0;
    std::map<std::string, double> gender_log_odds;  // female, male (missing: 0)
    std::map<std::string, double> age_log_odds;     // young, adult, older
    std::map<std::string, double> origin_log_odds;  // majority, minority
    std::vector<AppSpec> apps;
    std::vector<VictimSupportSpec> victim_support;
    TrustSpec trust;

    // Whether anything here differs from "report to the police at once, with the survey's rate".
    bool used() const {
        return police_delay_min > 0 || !apps.empty() || !victim_support.empty() || trust.enabled ||
               !gender_log_odds.empty() || !age_log_odds.empty() || !origin_log_odds.empty();
    }
};

inline constexpr const char* holder_names[holder_count]{"police",       "victim_support", "contacts",
                                                        "peers",        "municipality",   "rights_organisation"};
inline constexpr const char* data_item_names[data_item_count]{"location", "identity", "free_text"};

inline std::uint8_t AppSpec::channel_mask() const {
    std::uint8_t mask = 0;
    for (const std::string& c : channels)
        for (int h = 0; h < holder_count; ++h)
            if (c == holder_names[h]) mask |= static_cast<std::uint8_t>(1u << h);
    return mask;
}

inline std::uint8_t AppSpec::collects_mask() const {
    std::uint8_t mask = 0;
    for (const std::string& c : collects)
        for (int d = 0; d < data_item_count; ++d)
            if (c == data_item_names[d]) mask |= static_cast<std::uint8_t>(1u << d);
    if (anonymous) mask &= static_cast<std::uint8_t>(~(1u << static_cast<int>(DataItem::identity)));
    return mask;
}

}  // namespace streetwise
