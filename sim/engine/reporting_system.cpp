#include "sim/engine/reporting_system.hpp"

#include <algorithm>
#include <cmath>

#include "sim/agents/police_force.hpp"
#include "sim/agents/residents.hpp"
#include "sim/city/city.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/node_occupancy.hpp"
#include "sim/io/checkpoint_file.hpp"
#include "sim/model/crime_type.hpp"

namespace streetwise {

namespace {

constexpr std::uint32_t none = UINT32_MAX;
constexpr int group_rows = 8;  // female, male, young, adult, older, majority, minority, all
constexpr const char* group_names[group_rows]{"female", "male",     "young",    "adult",
                                              "older",  "majority", "minority", "all"};

// The rows of the by-group outputs a resident counts in: gender, age band, origin, all.
std::array<int, 4> group_rows_of(const ResidentTraits& traits) {
    return {traits.female ? 0 : 1, 2 + std::min<int>(traits.age_band, 2), traits.minority ? 6 : 5, 7};
}

double initial_trust(const TrustSpec& trust, const ResidentTraits& traits) {
    auto add = [](const std::map<std::string, double>& by_name, const char* name) {
        const auto found = by_name.find(name);
        return found == by_name.end() ? 0.0 : found->second;
    };
    constexpr const char* ages[3]{"young", "adult", "older"};
    const double value = trust.initial + add(trust.initial_gender, traits.female ? "female" : "male") +
                         add(trust.initial_age, ages[std::min<int>(traits.age_band, 2)]) +
                         add(trust.initial_origin, traits.minority ? "minority" : "majority");
    return std::clamp(value, 0.0, 1.0);
}

}  // namespace

ReportingSystem::ReportingSystem(const ScenarioSpec& spec, const City& city, const Residents& residents)
    : city_(city),
      residents_(residents),
      spec_(spec.reporting),
      scenario_file_(spec.source_path.empty() ? "scenario" : spec.source_path),
      step_s_(spec.time.step_s),
      steps_per_day_(spec.steps_per_day()),
      seed_(spec.seed),
      odds_(ReportingOdds::from(spec.reporting)),
      adoption_rng_(spec.seed, RngStream::app_adoption),
      reaction_rng_(spec.seed, RngStream::victim_reaction),
      trust_rng_(spec.seed, RngStream::trust),
      sos_rng_(spec.seed, RngStream::sos) {
    for (int t = 0; t < crime_type_count; ++t) p_type_[t] = spec.crime.types[t].reporting_probability;
    steps_per_hour_ = 3600 / spec.time.step_s;
    const auto hours = static_cast<std::size_t>(spec.total_steps() / steps_per_hour_);
    for (auto& column : hourly_mix_) column.assign(hours, 0.0);
    hourly_alerts_.assign(hours, 0.0);
    // A node's district: that of its first street (the CSR order), as a resident's home district.
    node_district_.assign(city.node_count(), 0);
    for (std::uint32_t v = 0; v < city.node_count(); ++v)
        if (city.arc_begin(v) < city.arc_end(v)) node_district_[v] = city.segment_district()[city.arc_segment(city.arc_begin(v))];
    for (std::size_t k = 0; k < spec_.apps.size(); ++k) apps_.emplace_back(spec_.apps[k], k, city, scenario_file_);
    app_counts_.assign(apps_.size(), AppCounts{});
    bool guards = false;
    for (const ReportingApp& app : apps_) guards = guards || (app.alerting() && app.spec().responder_share > 0);
    if (guards) node_guardians_.assign(city.node_count(), 0);

    const auto& districts = city.districts();
    for (std::size_t s = 0; s < spec_.victim_support.size(); ++s) {
        const VictimSupportSpec& service = spec_.victim_support[s];
        std::uint8_t types = 0;
        if (service.kind == SupportKind::general) types = static_cast<std::uint8_t>((1u << crime_type_count) - 1);
        for (const std::string& type : service.types)
            for (int t = 0; t < crime_type_count; ++t)
                if (type == crime_type_names[t]) types |= static_cast<std::uint8_t>(1u << t);
        service_types_.push_back(types);
        std::vector<std::uint8_t> mask;
        if (!service.districts.empty()) {
            mask.assign(districts.size(), 0);
            for (const std::string& name : service.districts) {
                const auto found = std::find_if(districts.begin(), districts.end(),
                                                [&](const District& d) { return d.name == name; });
                if (found == districts.end()) {
                    std::string names;
                    for (const District& d : districts) names += (names.empty() ? "" : ", ") + d.name;
                    throw InputError(service.source_file.empty() ? scenario_file_ : service.source_file,
                                     service.source_line, "victim_support[" + std::to_string(s) + "].districts",
                                     "the city has no district '" + name + "'", "districts of this city: " + names);
                }
                mask[static_cast<std::size_t>(found - districts.begin())] = 1;
            }
        }
        service_districts_.push_back(std::move(mask));
        ServiceState state;
        state.reached_by_type.assign(crime_type_count, 0);
        state.reached_by_group.assign(group_rows - 1, 0);
        services_.push_back(std::move(state));
    }
    if (spec_.trust.enabled) {
        trust_.resize(residents.count());
        for (std::uint32_t r = 0; r < residents.count(); ++r)
            trust_[r] = static_cast<float>(initial_trust(spec_.trust, residents.traits(r)));
        last_contact_day_.assign(residents.count(), -1);
    }
}

std::uint16_t ReportingSystem::home_district(std::uint32_t resident, const Residents& residents) const {
    return node_district_[residents.home(resident)];
}

bool ReportingSystem::adopted(std::size_t app, std::uint32_t resident, const Residents& residents,
                              std::int64_t step) const {
    const double u = adoption_rng_.uniform(resident, static_cast<std::uint32_t>(app), 0);
    return apps_[app].adopted(residents.traits(resident), home_district(resident, residents), u, t_days(step));
}

double ReportingSystem::police_probability(std::uint8_t type, std::uint32_t victim, const Residents& residents) const {
    const bool person = victim != no_victim;
    const double trust = person && !trust_.empty() ? static_cast<double>(trust_[victim]) : odds_.trust_reference;
    return police_report_probability(p_type_[type], odds_, person ? &residents.traits(victim) : nullptr, trust);
}

std::int64_t ReportingSystem::on_crime(CrimeEvent& event, std::uint32_t index, std::uint32_t o, std::int64_t step,
                                       bool police_direct, const Residents& residents) {
    const auto step32 = static_cast<std::uint32_t>(step);
    std::int64_t due = -1;
    std::uint8_t holders = 0;
    auto earliest = [&](std::int64_t at) { due = due < 0 ? at : std::min(due, at); };
    if (police_direct) {
        event.channel |= channel_police;
        earliest(step + report_delay_steps(spec_.police_delay_min, reaction_rng_.uniform(o, step32, 0), step_s_));
        holders |= 1u << static_cast<int>(Holder::police);
    }
    const std::uint32_t victim = event.victim;
    if (victim != no_victim) {
        for (std::size_t k = 0; k < apps_.size(); ++k) {
            const ReportingApp& app = apps_[k];
            if (!app.covers(event.type) || !adopted(k, victim, residents, step)) continue;
            const auto draw = static_cast<std::uint32_t>(1 + 4 * k);
            if (reaction_rng_.uniform(o, step32, draw) >= app.spec().report_probability) continue;
            event.channel |= static_cast<std::uint16_t>(channel_app | channel_app_bit(k));
            AppCounts& counts = app_counts_[k];
            ++counts.reports;
            holders |= app.channels();
            const std::int64_t arrives = step + latency_steps(app.spec().latency_min, step_s_);
            bool records = app.has_channel(Holder::police) && app.spec().enters_police_record;
            if (app.alerting()) {
                if (reaction_rng_.uniform(o, step32, draw + 1) < app.spec().emergency_call_probability) {
                    ++counts.emergency_calls;
                    records = true;
                    holders |= 1u << static_cast<int>(Holder::police);
                }
                if (app.spec().contacts > 0) holders |= 1u << static_cast<int>(Holder::contacts);
                if (app.spec().peers_radius_m > 0) holders |= 1u << static_cast<int>(Holder::peers);
                pending_.push_back(Pending{arrives, index, victim, static_cast<std::uint32_t>(k),
                                           static_cast<std::uint8_t>(Item::sos)});
            }
            if (records) {
                if (due < 0 || arrives <= due) ++counts.recorded_via_app;
                earliest(arrives);
            }
            if (app.has_channel(Holder::victim_support))
                pending_.push_back(Pending{arrives, index, victim, static_cast<std::uint32_t>(k),
                                           static_cast<std::uint8_t>(Item::app_report)});
        }
    }
    // The holders' knowledge counts from the decision: what is on its way at the end of the run is known.
    event_holders_.push_back(holders);
    event_referred_.push_back(0);
    event_channels_.push_back(event.channel);
    const bool app = (event.channel & channel_app) != 0;
    const int mix = police_direct ? (app ? 2 : 0) : (app ? 1 : 3);
    mix_[static_cast<std::size_t>(mix)] += 1;
    hourly_mix_[static_cast<std::size_t>(mix)][static_cast<std::size_t>(step / steps_per_hour_)] += 1;
    if (due > step) pending_.push_back(Pending{due, index, victim, 0, static_cast<std::uint8_t>(Item::record)});
    event.reported = due >= 0 ? 1 : 0;
    return due;
}

void ReportingSystem::on_recorded(std::uint32_t event, std::uint8_t type, std::int64_t step, std::uint32_t report,
                                  std::uint32_t victim) {
    recorded_events_.push_back(event);
    recorded_steps_.push_back(step);
    event_holders_[event] |= 1u << static_cast<int>(Holder::police);
    if (victim == no_victim) return;
    // The police refer a share of the victims they know of to the service that covers them.
    const int service = service_for(type, victim);
    if (service >= 0 && reaction_rng_.uniform(event, static_cast<std::uint32_t>(step), 101) <
                            spec_.victim_support[static_cast<std::size_t>(service)].police_referral_share)
        refer(event, victim, type, step, true);
    if (!trust_.empty())
        pending_.push_back(Pending{step + latency_steps(spec_.trust.answer_window_min, step_s_), event, victim, report,
                                   static_cast<std::uint8_t>(Item::trust_window)});
}

int ReportingSystem::service_for(std::uint8_t type, std::uint32_t resident) const {
    const std::uint16_t district = home_district(resident, residents_);
    for (std::size_t s = 0; s < services_.size(); ++s)
        if (((service_types_[s] >> type) & 1u) && (service_districts_[s].empty() || service_districts_[s][district]))
            return static_cast<int>(s);
    return -1;
}

// One referral per crime: the service takes it if it has room today, then reaches the victim or not.
void ReportingSystem::refer(std::uint32_t event, std::uint32_t resident, std::uint8_t type, std::int64_t step,
                            bool from_police) {
    if (event_referred_[event]) return;
    event_referred_[event] = 1;
    event_holders_[event] |= 1u << static_cast<int>(Holder::victim_support);
    const int chosen = service_for(type, resident);
    if (chosen < 0) {
        ++unserved_;
        return;
    }
    ServiceState& state = services_[static_cast<std::size_t>(chosen)];
    const VictimSupportSpec& spec = spec_.victim_support[static_cast<std::size_t>(chosen)];
    const std::int64_t day = step / steps_per_day_;
    if (state.day != day) {
        state.day = day;
        state.cases_today = 0;
    }
    ++state.referrals;
    state.from_police += from_police;
    if (state.cases_today + 1 > spec.capacity_per_day) {
        ++state.turned_away;
        return;
    }
    state.cases_today += 1;
    if (reaction_rng_.uniform(event, static_cast<std::uint32_t>(step), 100) >= spec.reach) return;
    ++state.reached;
    ++state.reached_by_type[type];
    for (const int row : group_rows_of(residents_.traits(resident)))
        if (row < group_rows - 1) ++state.reached_by_group[static_cast<std::size_t>(row)];
    if (!trust_.empty()) {
        change_trust(resident, spec_.trust.follow_up_gain);
        ++follow_ups_;
    }
}

void ReportingSystem::change_trust(std::uint32_t resident, double delta) {
    if (trust_.empty()) return;
    trust_[resident] = static_cast<float>(std::clamp(static_cast<double>(trust_[resident]) + delta, 0.0, 1.0));
}

void ReportingSystem::send_sos(const Pending& p, std::int64_t step, const Residents& residents,
                               const std::vector<CrimeEvent>& events, std::vector<Alert>& alerts) {
    const ReportingApp& app = apps_[p.aux];
    const AppSpec& s = app.spec();
    const CrimeEvent& event = events[p.event];
    const auto step32 = static_cast<std::uint32_t>(step);
    Alert alert;
    alert.step = step;
    alert.node = event.node;
    alert.event = p.event;
    alert.type = event.type;
    alert.app = static_cast<std::uint16_t>(p.aux);
    alert.radius_m = static_cast<float>(s.peers_radius_m);
    const std::uint32_t n = residents.count();
    // Trusted contacts: people the victim knows, anywhere in the city; each may come.
    for (int j = 0; j < s.contacts; ++j) {
        ++alert.recipients;
        alert.responders += sos_rng_.uniform(p.event, step32, n + static_cast<std::uint32_t>(j)) < s.responder_share;
    }
    // Peers: the app's users out on the street or at home within the radius, in resident order.
    if (s.peers_radius_m > 0) {
        const auto& x = city_.node_x_m();
        const auto& y = city_.node_y_m();
        const double r2 = s.peers_radius_m * s.peers_radius_m;
        for (std::uint32_t r = 0; r < n; ++r) {
            if (r == p.resident) continue;
            const Residents::State state = residents.state(r);
            if (state == Residents::State::at_anchor) continue;
            const std::uint32_t at = residents.node(r);
            const double dx = x[at] - x[event.node], dy = y[at] - y[event.node];
            if (dx * dx + dy * dy > r2 || !adopted(p.aux, r, residents, step)) continue;
            ++alert.recipients;
            alert.responders += sos_rng_.uniform(p.event, step32, r) < s.responder_share;
        }
    }
    AppCounts& counts = app_counts_[p.aux];
    ++counts.alerts;
    hourly_alerts_[static_cast<std::size_t>(step / steps_per_hour_)] += 1;
    counts.recipients += alert.recipients;
    counts.responders += alert.responders;
    if (alert.responders > 0 && !node_guardians_.empty()) {
        const std::int64_t stay = std::max<std::int64_t>(1, latency_steps(s.guardian_min, step_s_));
        responders_.push_back(Responders{step + 1 + stay, event.node, alert.responders});
        node_guardians_[event.node] += alert.responders;
    }
    alerts.push_back(alert);
}

void ReportingSystem::process_due(std::int64_t step, const Residents& residents, const NodeOccupancy& occupancy,
                                  const PoliceForce* force, const std::vector<CrimeEvent>& events,
                                  const std::function<void(std::uint32_t event)>& enter_record,
                                  std::vector<Alert>& alerts) {
    // Responders who have left (they arrived after the step of the alert, so they guard from the next).
    if (!responders_.empty()) {
        std::size_t kept = 0;
        for (const Responders& r : responders_) {
            if (r.until <= step + 1) node_guardians_[r.node] -= r.count;
            else responders_[kept++] = r;
        }
        responders_.resize(kept);
    }
    // Items due now, in the order they were made; later ones stay in that order.
    std::vector<Pending> due;
    std::size_t kept = 0;
    for (const Pending& p : pending_) {
        if (p.due <= step) due.push_back(p);
        else pending_[kept++] = p;
    }
    pending_.resize(kept);
    for (const Pending& p : due) {
        switch (static_cast<Item>(p.item)) {
            case Item::record: enter_record(p.event); break;
            // Victim support learns of it from the app: a referral.
            case Item::app_report: refer(p.event, p.resident, events[p.event].type, step, false); break;
            case Item::sos: send_sos(p, step, residents, events, alerts); break;
            case Item::trust_window: {
                const bool answered = force && p.aux != none && p.aux < force->outcomes().size() &&
                                      force->outcomes()[p.aux].step_arrived >= 0;
                if (answered) {
                    change_trust(p.resident, spec_.trust.answered_gain);
                    ++answered_;
                } else {
                    change_trust(p.resident, -spec_.trust.unanswered_loss);
                    ++unanswered_;
                }
                break;
            }
        }
    }
    if (!trust_.empty() && force && force->strategy_now() == PatrolStrategy::community)
        community_contacts(step, residents, occupancy, *force);
    if ((step + 1) % steps_per_day_ == 0) daily_rows(step, residents);
}

void ReportingSystem::community_contacts(std::int64_t step, const Residents& residents, const NodeOccupancy& occupancy,
                                         const PoliceForce& force) {
    const auto day = static_cast<std::int32_t>(step / steps_per_day_);
    const auto step32 = static_cast<std::uint32_t>(step);
    for (std::uint32_t u = 0; u < force.count(); ++u) {
        if (force.kind(u) != UnitKind::foot || force.state(u) != UnitState::patrolling) continue;
        const std::uint32_t node = force.node(u);
        const std::uint32_t present = occupancy.residents_at(node);
        for (std::uint32_t k = 0; k < present; ++k) {
            const std::uint32_t r = residents.resident_at(node, k, occupancy);
            if (last_contact_day_[r] == day) continue;
            if (trust_rng_.uniform(r, step32, u) >= spec_.trust.community_contact_probability) continue;
            last_contact_day_[r] = day;
            change_trust(r, spec_.trust.community_contact_gain);
            ++contacts_;
        }
    }
}

void ReportingSystem::daily_rows(std::int64_t step, const Residents& residents) {
    const std::uint32_t n = residents.count();
    for (std::size_t k = 0; k < apps_.size(); ++k) {
        std::uint64_t have = 0;
        for (std::uint32_t r = 0; r < n; ++r) have += adopted(k, r, residents, step);
        adoption_daily_.push_back(n ? static_cast<double>(have) / n : 0.0);
    }
    if (trust_.empty()) return;
    std::array<double, group_rows> sum{};
    std::array<std::uint64_t, group_rows> count{};
    const std::size_t districts = city_.districts().size();
    std::vector<double> dsum(districts, 0.0);
    std::vector<std::uint64_t> dcount(districts, 0);
    for (std::uint32_t r = 0; r < n; ++r) {
        for (const int row : group_rows_of(residents.traits(r))) {
            sum[static_cast<std::size_t>(row)] += trust_[r];
            ++count[static_cast<std::size_t>(row)];
        }
        const std::uint16_t d = home_district(r, residents);
        if (d < districts) {
            dsum[d] += trust_[r];
            ++dcount[d];
        }
    }
    for (int g = 0; g < group_rows; ++g) trust_group_daily_.push_back(count[g] ? sum[g] / static_cast<double>(count[g]) : 0.0);
    for (std::size_t d = 0; d < districts; ++d) trust_district_daily_.push_back(dcount[d] ? dsum[d] / static_cast<double>(dcount[d]) : 0.0);
}

double ReportingSystem::mean_trust() const {
    if (trust_.empty()) return 0.0;
    double sum = 0.0;
    for (const float t : trust_) sum += t;
    return sum / static_cast<double>(trust_.size());
}

void ReportingSystem::fill(RunResult& result) const {
    ReportingOutput& out = result.reporting;
    out.present = true;
    // Hourly series (/timeseries), after the recorder's and the force's.
    const char* mix_names[4]{"crimes_police_only", "crimes_app_only", "crimes_police_and_app", "crimes_unreported"};
    const char* mix_docs[4]{"crimes in the hour the victim reported to the police and through no app",
                            "crimes in the hour reported through an app only",
                            "crimes in the hour reported both to the police and through an app",
                            "crimes in the hour nobody reported (a drone camera may still have recorded some)"};
    for (std::size_t m = 0; m < 4; ++m) result.hourly.push_back({mix_names[m], "crimes", mix_docs[m], hourly_mix_[m]});
    if (!apps_.empty())
        result.hourly.push_back({"app_alerts", "alerts", "SOS alerts apps sent in the hour", hourly_alerts_});
    // The channels as decided (the recorder's checkpoint section does not hold them: a resumed run's
    // earlier events come back without).
    for (std::size_t i = 0; i < result.crimes.size() && i < event_channels_.size(); ++i)
        result.crimes[i].channel = event_channels_[i];
    out.groups.assign(std::begin(group_names), std::end(group_names));
    for (const District& d : city_.districts()) out.district_names.push_back(d.name);
    out.channel_mix.assign(crime_type_count, std::vector<std::uint64_t>(4, 0));
    out.recorded_by_type.assign(crime_type_count, 0);
    out.district_true.assign(out.district_names.size(), 0);
    out.district_recorded.assign(out.district_names.size(), 0);
    out.district_channel_mix.assign(out.district_names.size(), std::vector<std::uint64_t>(4, 0));
    for (const CrimeEvent& e : result.crimes) {
        const bool police = (e.channel & channel_police) != 0, app = (e.channel & channel_app) != 0;
        const std::size_t mix = police ? (app ? 2 : 0) : (app ? 1 : 3);
        out.channel_mix[e.type][mix] += 1;
        out.recorded_by_type[e.type] += e.reported;
        const std::uint16_t d = city_.segment_district()[e.segment];
        if (d < out.district_true.size()) {
            ++out.district_true[d];
            ++out.district_channel_mix[d][mix];
            out.district_recorded[d] += e.reported;
        }
    }
    out.holders.assign(std::begin(holder_names), std::end(holder_names));
    out.known_by_holder.assign(holder_count, 0);
    for (const std::uint8_t h : event_holders_)
        for (int k = 0; k < holder_count; ++k) out.known_by_holder[static_cast<std::size_t>(k)] += (h >> k) & 1u;
    const std::int64_t end_step = std::max<std::int64_t>(0, result.steps - 1);
    for (std::size_t k = 0; k < apps_.size(); ++k) {
        const ReportingApp& app = apps_[k];
        AppResult a;
        a.name = app.name();
        a.kind = app.alerting() ? "alerting" : "reporting";
        const std::size_t days = apps_.empty() ? 0 : adoption_daily_.size() / apps_.size();
        a.adopters_end = days ? static_cast<std::uint64_t>(std::llround(adoption_daily_[(days - 1) * apps_.size() + k] *
                                                                        result.residents))
                              : 0;
        (void)end_step;
        const AppCounts& c = app_counts_[k];
        a.reports = c.reports;
        a.recorded_via_app = c.recorded_via_app;
        a.emergency_calls = c.emergency_calls;
        a.alerts = c.alerts;
        a.recipients = c.recipients;
        a.responders = c.responders;
        for (int h = 0; h < holder_count; ++h)
            if (app.has_channel(static_cast<Holder>(h))) a.holders.emplace_back(holder_names[h]);
        int items = 0;
        for (int d = 0; d < data_item_count; ++d)
            if ((app.collects() >> d) & 1u) {
                a.data_items.emplace_back(data_item_names[d]);
                ++items;
            }
        a.data_records = c.reports * static_cast<std::uint64_t>(items);
        a.identity_records = ((app.collects() >> static_cast<int>(DataItem::identity)) & 1u) ? c.reports : 0;
        out.apps.push_back(std::move(a));
    }
    for (std::size_t s = 0; s < services_.size(); ++s) {
        const ServiceState& st = services_[s];
        VictimSupportResult v;
        v.name = spec_.victim_support[s].name.empty() ? "service " + std::to_string(s + 1) : spec_.victim_support[s].name;
        v.referrals = st.referrals;
        v.from_police = st.from_police;
        v.turned_away = st.turned_away;
        v.reached = st.reached;
        v.reached_by_type = st.reached_by_type;
        v.reached_by_group = st.reached_by_group;
        out.services.push_back(std::move(v));
    }
    out.referrals_unserved = unserved_;
    const std::size_t days = apps_.empty() ? 0 : adoption_daily_.size() / apps_.size();
    for (std::size_t d = 0; d < days; ++d)
        out.app_adoption_daily.emplace_back(adoption_daily_.begin() + static_cast<std::ptrdiff_t>(d * apps_.size()),
                                            adoption_daily_.begin() + static_cast<std::ptrdiff_t>((d + 1) * apps_.size()));
    out.trust_enabled = !trust_.empty();
    if (out.trust_enabled) {
        const std::size_t nd = out.district_names.size();
        for (std::size_t d = 0; d * group_rows < trust_group_daily_.size(); ++d)
            out.trust_by_group_daily.emplace_back(trust_group_daily_.begin() + static_cast<std::ptrdiff_t>(d * group_rows),
                                                  trust_group_daily_.begin() +
                                                      static_cast<std::ptrdiff_t>((d + 1) * group_rows));
        for (std::size_t d = 0; nd > 0 && d * nd < trust_district_daily_.size(); ++d)
            out.trust_by_district_daily.emplace_back(trust_district_daily_.begin() + static_cast<std::ptrdiff_t>(d * nd),
                                                     trust_district_daily_.begin() + static_cast<std::ptrdiff_t>((d + 1) * nd));
        out.trust_answered = answered_;
        out.trust_unanswered = unanswered_;
        out.trust_follow_ups = follow_ups_;
        out.trust_contacts = contacts_;
        // The people the model's trust dynamics touch most: the victims (the mean of all moves little).
        double sum = 0;
        for (std::uint32_t r = 0; r < residents_.count(); ++r)
            if (residents_.victimisations(r) > 0) {
                sum += trust_[r];
                ++out.victims;
            }
        out.trust_victims_end = out.victims ? sum / static_cast<double>(out.victims) : 0.0;
    }
}

void ReportingSystem::save_state(CheckpointWriter& out) const {
    out.put<std::uint64_t>(pending_.size());
    for (const Pending& p : pending_) {
        out.put(p.due);
        out.put(p.event);
        out.put(p.resident);
        out.put(p.aux);
        out.put(p.item);
    }
    out.put<std::uint64_t>(responders_.size());
    for (const Responders& r : responders_) {
        out.put(r.until);
        out.put(r.node);
        out.put(r.count);
    }
    out.put_vector(event_holders_);
    out.put_vector(event_referred_);
    out.put_vector(event_channels_);
    out.put_vector(recorded_events_);
    out.put_vector(recorded_steps_);
    for (const std::uint64_t m : mix_) out.put(m);
    for (const AppCounts& c : app_counts_) {
        out.put(c.reports);
        out.put(c.recorded_via_app);
        out.put(c.emergency_calls);
        out.put(c.alerts);
        out.put(c.recipients);
        out.put(c.responders);
    }
    for (const ServiceState& s : services_) {
        out.put(s.day);
        out.put(s.cases_today);
        out.put(s.referrals);
        out.put(s.from_police);
        out.put(s.turned_away);
        out.put(s.reached);
        out.put_vector(s.reached_by_type);
        out.put_vector(s.reached_by_group);
    }
    out.put(unserved_);
    out.put_vector(trust_);
    out.put_vector(last_contact_day_);
    out.put(answered_);
    out.put(unanswered_);
    out.put(follow_ups_);
    out.put(contacts_);
    for (const auto& column : hourly_mix_) out.put_vector(column);
    out.put_vector(hourly_alerts_);
    out.put_vector(adoption_daily_);
    out.put_vector(trust_group_daily_);
    out.put_vector(trust_district_daily_);
}

void ReportingSystem::load_state(CheckpointReader& in, std::int64_t step, std::uint64_t events) {
    // Per crime at most: a record entry, an SOS and a referral per app, a trust window.
    const std::uint64_t limit = events * (2 * apps_.size() + 2) + 16;
    const std::uint64_t pending = in.get_count(limit, "pending reports");
    pending_.clear();
    for (std::uint64_t i = 0; i < pending; ++i) {
        Pending p;
        p.due = in.get<std::int64_t>("pending report step");
        p.event = in.get<std::uint32_t>("pending report event");
        p.resident = in.get<std::uint32_t>("pending report resident");
        p.aux = in.get<std::uint32_t>("pending report detail");
        p.item = in.get<std::uint8_t>("pending report kind");
        in.check(p.event < events, "a pending report of a crime that has not happened");
        in.check(p.item <= static_cast<std::uint8_t>(Item::trust_window), "a pending report of an unknown kind");
        in.check(p.item == static_cast<std::uint8_t>(Item::trust_window) || p.aux < std::max<std::size_t>(1, apps_.size()),
                 "a pending report of an app the scenario does not have");
        pending_.push_back(p);
    }
    const std::uint64_t responders = in.get_count(events + 1, "responders");
    responders_.clear();
    std::fill(node_guardians_.begin(), node_guardians_.end(), 0);
    for (std::uint64_t i = 0; i < responders; ++i) {
        Responders r;
        r.until = in.get<std::int64_t>("responders leave");
        r.node = in.get<std::uint32_t>("responders node");
        r.count = in.get<std::uint32_t>("responders");
        in.check(r.node < city_.node_count() && !node_guardians_.empty(), "responders at a node the city lacks");
        node_guardians_[r.node] += r.count;
        responders_.push_back(r);
    }
    event_holders_ = in.get_vector<std::uint8_t>(events, "holders per crime");
    event_referred_ = in.get_vector<std::uint8_t>(events, "referred per crime");
    event_channels_ = in.get_vector<std::uint16_t>(events, "channels per crime");
    in.check(event_holders_.size() == events && event_referred_.size() == events && event_channels_.size() == events,
             "the reporting section does not cover every crime so far");
    recorded_events_ = in.get_vector<std::uint32_t>(events, "recorded crimes");
    recorded_steps_ = in.get_vector<std::int64_t>(events, "recorded steps");
    in.check(recorded_events_.size() == recorded_steps_.size(), "recorded crimes and their steps differ in number");
    in.check_below(recorded_events_, events, "recorded crimes");
    for (std::uint64_t& m : mix_) m = in.get<std::uint64_t>("channel mix");
    for (AppCounts& c : app_counts_) {
        c.reports = in.get<std::uint64_t>("app reports");
        c.recorded_via_app = in.get<std::uint64_t>("app recorded");
        c.emergency_calls = in.get<std::uint64_t>("app emergency calls");
        c.alerts = in.get<std::uint64_t>("app alerts");
        c.recipients = in.get<std::uint64_t>("app recipients");
        c.responders = in.get<std::uint64_t>("app responders");
    }
    for (ServiceState& s : services_) {
        s.day = in.get<std::int64_t>("service day");
        s.cases_today = in.get<double>("service cases today");
        s.referrals = in.get<std::uint64_t>("service referrals");
        s.from_police = in.get<std::uint64_t>("service police referrals");
        s.turned_away = in.get<std::uint64_t>("service turned away");
        s.reached = in.get<std::uint64_t>("service reached");
        in.get_vector_into(s.reached_by_type, "service reached by type");
        in.get_vector_into(s.reached_by_group, "service reached by group");
    }
    unserved_ = in.get<std::uint64_t>("unserved referrals");
    in.get_vector_into(trust_, "trust per resident");
    in.get_vector_into(last_contact_day_, "last community contact per resident");
    answered_ = in.get<std::uint64_t>("answered reports");
    unanswered_ = in.get<std::uint64_t>("unanswered reports");
    follow_ups_ = in.get<std::uint64_t>("follow-ups");
    contacts_ = in.get<std::uint64_t>("community contacts");
    for (auto& column : hourly_mix_) in.get_vector_into(column, "crimes per hour by channel");
    in.get_vector_into(hourly_alerts_, "alerts per hour");
    const auto days = static_cast<std::uint64_t>(step / steps_per_day_ + 1);
    adoption_daily_ = in.get_vector<double>(days * apps_.size(), "adoption per day");
    trust_group_daily_ = in.get_vector<double>(days * group_rows, "trust by group per day");
    trust_district_daily_ = in.get_vector<double>(days * city_.districts().size(), "trust by district per day");
}

}  // namespace streetwise
