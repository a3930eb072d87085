#pragma once
// ReportingSystem (issue 7): what happens after a crime, between the victim and the institutions.
// The victim reaction (sim/model/victim_reaction.hpp) decides whether the victim calls the police
// and when; apps (sim/model/reporting_app.hpp) take reports from their users and send them to their
// channels, alerting apps raise an SOS (an Alert) whose responders stand guard at the scene; victim
// support services take referrals within their daily capacity; each resident's trust in the police
// rises and falls with what came of their reports and shifts their odds of reporting.
//
// The Simulation owns one only when the scenario uses these features (ReportingSpec::used()); runs
// without them draw exactly as before. Everything is sequential, in crime-event order, and its draws
// are counter-based (streams app_adoption, victim_reaction, trust, sos), so results do not depend on
// the thread count. docs/odd.md 7.19-7.22 describe the submodels.
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/core/counter_rng.hpp"
#include "sim/io/run_result.hpp"
#include "sim/model/alert.hpp"
#include "sim/model/reporting_app.hpp"
#include "sim/model/victim_reaction.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

class City;
class Residents;
class NodeOccupancy;
class PoliceForce;
class CheckpointWriter;
class CheckpointReader;

class ReportingSystem {
public:
    static bool needed(const ScenarioSpec& spec) { return spec.reporting.used(); }

    // Throws InputError for districts the city lacks (apps' adoption_district, services' districts).
    ReportingSystem(const ScenarioSpec& spec, const City& city, const Residents& residents);

    // Chance that the victim of a crime of this type reports it to the police themselves
    // (victim = no_victim: a crime against a place, reported by whoever finds it).
    double police_probability(std::uint8_t type, std::uint32_t victim, const Residents& residents) const;

    // What the victim and their apps do about a crime (event `index`, offender o, at `step`):
    // `police_direct` is the victim's own police draw. Fills event.channel; returns the step the
    // crime enters the police record (-1: never). Entries due now are the caller's to make at once;
    // later ones come back from process_due.
    std::int64_t on_crime(CrimeEvent& event, std::uint32_t index, std::uint32_t o, std::int64_t step,
                          bool police_direct, const Residents& residents);

    // A crime entered the police record this step (`report`: the force's report id when dispatch took
    // it, else UINT32_MAX): police referral to victim support and, with trust, the answer window.
    // Called for every entry, of any source (the victim, an app, a drone camera), in record order.
    void on_recorded(std::uint32_t event, std::uint8_t type, std::int64_t step, std::uint32_t report,
                     std::uint32_t victim);

    // After the step's offences: delayed record entries (through `enter_record`), app reports,
    // SOS alerts (appended to `alerts`), trust windows that closed. Then, with trust, contacts with
    // community patrol units; at the end of a day, the daily rows.
    void process_due(std::int64_t step, const Residents& residents, const NodeOccupancy& occupancy,
                     const PoliceForce* force, const std::vector<CrimeEvent>& events,
                     const std::function<void(std::uint32_t event)>& enter_record, std::vector<Alert>& alerts);

    // Responders standing guard at a node now (extra guardians in the opportunity rule).
    std::uint32_t guardians_at(std::uint32_t node) const {
        return node_guardians_.empty() ? 0 : node_guardians_[node];
    }
    // Per resident trust in [0, 1] (empty when trust is off).
    const std::vector<float>& trust() const { return trust_; }
    double mean_trust() const;
    // Crimes so far by channel: police only, app only, both, none (the viz's cumulative mix).
    const std::array<std::uint64_t, 4>& channel_mix() const { return mix_; }
    // The same per hour of the run so far, and the SOS sent per hour (the viz's charts).
    const std::array<std::vector<double>, 4>& hourly_channel_mix() const { return hourly_mix_; }
    const std::vector<double>& hourly_alerts() const { return hourly_alerts_; }
    std::size_t app_count() const { return apps_.size(); }
    const ReportingApp& app(std::size_t k) const { return apps_[k]; }
    bool adopted(std::size_t app, std::uint32_t resident, const Residents& residents, std::int64_t step) const;
    // The record as it was entered: (event, step) in order, to rebuild it on resume.
    const std::vector<std::uint32_t>& recorded_events() const { return recorded_events_; }
    const std::vector<std::int64_t>& recorded_steps() const { return recorded_steps_; }

    void fill(RunResult& result) const;

    void save_state(CheckpointWriter& out) const;
    void load_state(CheckpointReader& in, std::int64_t step, std::uint64_t events);

private:
    enum class Item : std::uint8_t { record, app_report, sos, trust_window };
    struct Pending {
        std::int64_t due = 0;
        std::uint32_t event = 0;
        std::uint32_t resident = 0;  // victim, or UINT32_MAX
        std::uint32_t aux = 0;       // app index (app_report, sos), report id (trust_window)
        std::uint8_t item = 0;
    };
    struct Responders {
        std::int64_t until = 0;  // first step they are gone
        std::uint32_t node = 0;
        std::uint32_t count = 0;
    };
    struct ServiceState {
        std::int64_t day = -1;
        double cases_today = 0;
        std::uint64_t referrals = 0, from_police = 0, turned_away = 0, reached = 0;
        std::vector<std::uint64_t> reached_by_type, reached_by_group;
    };
    struct AppCounts {
        std::uint64_t reports = 0, recorded_via_app = 0, emergency_calls = 0, alerts = 0, recipients = 0,
                      responders = 0;
    };

    double t_days(std::int64_t step) const { return static_cast<double>(step) * step_s_ / 86400.0; }
    std::uint16_t home_district(std::uint32_t resident, const Residents& residents) const;
    // The first service for this type and home district; -1: none.
    int service_for(std::uint8_t type, std::uint32_t resident) const;
    void refer(std::uint32_t event, std::uint32_t resident, std::uint8_t type, std::int64_t step, bool from_police);
    void send_sos(const Pending& p, std::int64_t step, const Residents& residents, const std::vector<CrimeEvent>& events,
                  std::vector<Alert>& alerts);
    void change_trust(std::uint32_t resident, double delta);
    void community_contacts(std::int64_t step, const Residents& residents, const NodeOccupancy& occupancy,
                            const PoliceForce& force);
    void daily_rows(std::int64_t step, const Residents& residents);

    const City& city_;
    const Residents& residents_;  // the simulation's, which never moves (Simulation is not copyable)
    ReportingSpec spec_;
    std::string scenario_file_;
    int step_s_;
    std::int64_t steps_per_day_;
    std::uint64_t seed_;
    ReportingOdds odds_;
    std::array<double, 6> p_type_{};
    std::vector<ReportingApp> apps_;
    std::vector<std::vector<std::uint8_t>> service_districts_;  // per service: mask over districts (empty: all)
    std::vector<std::uint8_t> service_types_;                   // per service: bit per crime type
    std::vector<std::uint16_t> node_district_;
    CounterRng adoption_rng_, reaction_rng_, trust_rng_, sos_rng_;

    // State.
    std::vector<Pending> pending_;
    std::vector<Responders> responders_;
    std::vector<std::uint32_t> node_guardians_;  // derived from responders_ (rebuilt on load)
    std::vector<std::uint8_t> event_holders_;     // per event: bit per Holder that learnt of it
    std::vector<std::uint8_t> event_referred_;    // per event: 1 once referred to victim support
    std::vector<std::uint16_t> event_channels_;   // per event: CrimeEvent::channel
    std::vector<std::uint32_t> recorded_events_;
    std::vector<std::int64_t> recorded_steps_;
    std::array<std::uint64_t, 4> mix_{};
    std::vector<AppCounts> app_counts_;
    std::vector<ServiceState> services_;
    std::uint64_t unserved_ = 0;
    std::vector<float> trust_;
    std::vector<std::int32_t> last_contact_day_;
    std::uint64_t answered_ = 0, unanswered_ = 0, follow_ups_ = 0, contacts_ = 0;
    std::vector<double> adoption_daily_;  // [day * apps + app]
    std::int64_t steps_per_hour_;
    std::array<std::vector<double>, 4> hourly_mix_;  // crimes per hour by channel (police only, app only, both, none)
    std::vector<double> hourly_alerts_;              // SOS sent per hour
    std::vector<double> trust_group_daily_;     // [day * 8 + group]
    std::vector<double> trust_district_daily_;  // [day * districts + district]
};

}  // namespace streetwise
