#include "sim/engine/simulation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/city/city.hpp"
#include "sim/core/parallel_for.hpp"
#include "sim/engine/run.hpp"
#include "sim/io/checkpoint_file.hpp"
#include "sim/model/intervention.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace streetwise {

namespace {

RandomWalkers::Options walker_options(std::uint32_t count, double speed_mps, double radius_m, const ScenarioSpec& spec,
                                      RngStream setup, RngStream move) {
    RandomWalkers::Options options;
    options.count = count;
    options.speed_mps = speed_mps;
    options.step_s = spec.time.step_s;
    options.awareness_radius_m = radius_m;
    options.seed = spec.seed;
    options.setup_stream = setup;
    options.move_stream = move;
    return options;
}

RandomWalkers::Options offender_options(const ScenarioSpec& spec, const City& city) {
    const OffenderSpec& offenders = spec.offenders;
    RandomWalkers::Options options =
        walker_options(static_cast<std::uint32_t>(offenders.count), offenders.walk_speed_mps,
                       offenders.awareness_radius_m, spec, RngStream::offender_setup, RngStream::offender_move);
    options.anchor_count = offenders.anchor_count;
    options.search_radius_m = offenders.search_radius_m;
    options.stay_min = offenders.stay_min;
    options.return_probability = offenders.return_probability;
    options.memory_days = offenders.memory_days;
    for (const Place& place : city.places()) {
        const auto weight = offenders.anchor_weight.find(std::string(to_string(place.kind)));
        if (weight == offenders.anchor_weight.end() || !(weight->second > 0)) continue;
        options.anchor_candidates.push_back(place.node);
        options.anchor_weights.push_back(weight->second);
    }
    return options;
}

std::vector<std::vector<std::uint32_t>> resolve_targets(const ScenarioSpec& spec, const City& city) {
    std::vector<std::vector<std::uint32_t>> targets;
    for (std::size_t i = 0; i < spec.interventions.size(); ++i)
        targets.push_back(intervention_segments(spec.interventions[i], i, city, spec.source_path));
    return targets;
}

// The scenario keys a running simulation may change, and where they live in the spec.
struct LiveKey {
    const char* key;
    double OffenderSpec::*field;
};
constexpr LiveKey live_keys[] = {
    {"offenders.base_probability", &OffenderSpec::base_probability},
    {"offenders.guardian_gamma", &OffenderSpec::guardian_gamma},
    {"offenders.dark_multiplier", &OffenderSpec::dark_multiplier},
    {"offenders.dark_lux_threshold", &OffenderSpec::dark_lux_threshold},
};

}  // namespace

Simulation::Simulation(ScenarioSpec spec, const City& city)
    : spec_(std::move(spec)),
      city_(city),
      targets_(resolve_targets(spec_, city)),
      drones_(spec_, city),
      // Indoor lists are kept whenever some residents indoors count as present (B1, Groff 2007).
      occupancy_(city.node_count(), spec_.residents.present_when_indoors || spec_.residents.present_at_anchors),
      residents_(spec_, city, occupancy_),
      offenders_(city, offender_options(spec_, city)),
      // With the police force, the random walkers hold no one (the force has its own units).
      police_(city, walker_options(PoliceForce::needed(spec_) ? 0u : static_cast<std::uint32_t>(spec_.police.units),
                                   spec_.police.patrol_speed_mps, 0.0, spec_, RngStream::police_setup,
                                   RngStream::police_move)),
      record_(city.segment_count()),
      opportunity_(spec_, city),
      attractiveness_(spec_.crime.attractiveness, spec_.time.step_s, city),
      recorder_(city, spec_.total_steps(), spec_.time.step_s),
      offence_rng_(spec_.seed, RngStream::offence),
      victim_rng_(spec_.seed, RngStream::victim_choice),
      report_rng_(spec_.seed, RngStream::reporting),
      sunrise_s_(std::llround(spec_.time.sunrise_h * 3600.0)),
      sunset_s_(std::llround(spec_.time.sunset_h * 3600.0)),
      active_(spec_.interventions.size(), 0) {
    for (std::uint32_t p = 0; p < police_.count(); ++p) occupancy_.add_police(police_.node(p));
    if (attractiveness_.enabled()) offenders_.set_pull(&attractiveness_.values(), spec_.offenders.attraction_pull);

    // Foot patrols: one group of walkers each, held to the target streets. All share the patrol
    // streams; unit k of the run (counting through the patrols in scenario order) draws as entity k.
    std::uint32_t first_unit = 0;
    bool any_lighting = false;
    patrols_.reserve(spec_.interventions.size());
    for (std::size_t i = 0; i < spec_.interventions.size(); ++i) {
        const InterventionSpec& intervention = spec_.interventions[i];
        if (intervention.kind == InterventionKind::street_lighting) {
            any_lighting = true;
            continue;
        }
        if (intervention.kind != InterventionKind::foot_patrol) continue;  // the police force's own kinds
        const auto units = static_cast<std::uint32_t>(intervention.units);
        RandomWalkers::Options options = walker_options(units, spec_.police.patrol_speed_mps, 0.0, spec_,
                                                        RngStream::patrol_setup, RngStream::patrol_move);
        options.first_entity = first_unit;
        options.area_segments = targets_[i];
        patrols_.push_back(FootPatrol{i, RandomWalkers(city, options), false});
        first_unit += units;
    }
    if (PoliceForce::needed(spec_)) force_ = std::make_unique<PoliceForce>(spec_, city, targets_);
    if (ReportingSystem::needed(spec_)) reporting_ = std::make_unique<ReportingSystem>(spec_, city, residents_);
    // Extra hourly columns only for scenarios that have such interventions, so the run files of
    // scenarios without them stay as they were.
    if (!patrols_.empty())
        patrol_column_ = recorder_.add_hourly_mean(
            "patrol_units_on_duty", "officers",
            "mean number of foot patrol intervention units on the streets during the hour (on top of police.units)");
    if (any_lighting)
        lit_column_ = recorder_.add_hourly_mean(
            "lit_nodes_added", "intersections",
            "mean number of intersections that active street lighting interventions light to "
            "offenders.dark_lux_threshold or more (dark without them), day or night");
    // Drones: their columns only in runs that have them.
    if (!drones_.empty()) {
        drones_airborne_column_ = recorder_.add_hourly_mean("drones_airborne", "drones",
                                                            "mean number of drones in the air during the hour");
        under_camera_column_ = recorder_.add_hourly_mean(
            "residents_under_camera", "residents",
            "mean number of residents walking at an intersection under a drone camera during the hour (x 60: "
            "resident-minutes in the hour)");
    }
    if (spec_.insecurity.enabled) {
        insecurity_ = std::make_unique<InsecurityTracker>(spec_, city, residents_);
        insecurity_column_ = recorder_.add_hourly_mean("insecurity_index", "index 0-100",
                                                       "mean insecurity index of all residents at the hour's end");
        recorder_.add_hourly_mean("insecurity_index_women", "index 0-100",
                                  "mean insecurity index of women at the hour's end");
        recorder_.add_hourly_mean("insecurity_index_men", "index 0-100",
                                  "mean insecurity index of men at the hour's end");
        recorder_.add_hourly_mean("unsafe_after_dark_women", "%",
                                  "share of women who would feel unsafe walking alone after dark on a quiet street "
                                  "near home, at the hour's end");
        recorder_.add_hourly_mean("unsafe_after_dark_men", "%",
                                  "share of men who would feel unsafe walking alone after dark on a quiet street "
                                  "near home, at the hour's end");
    }
    // Likewise the time away from home, only for the routine that sets it (Groff 2007).
    if (spec_.residents.routine == ResidentRoutine::away_share)
        away_column_ = recorder_.add_hourly_mean(
            "residents_away_share", "share",
            "mean share of residents not at home (walking out, at an anchor place or walking home) during the hour; "
            "only with residents.routine: away_share");
}

bool Simulation::is_night(std::int64_t step) const {
    const std::int64_t second_of_day = (step * spec_.time.step_s) % 86400;
    return second_of_day < sunrise_s_ || second_of_day >= sunset_s_;
}

void Simulation::step() {
    PhaseStopwatch stopwatch(phase_times_);
    step_alerts_.clear();
    // interventions: lighting and patrols switch on and off at the start of the step.
    update_interventions();
    refresh_fear_of_dark();
    stopwatch.lap(StepPhase::interventions);
    // The residents' schedule, walk and arrivals, and alongside them the moves of offenders, police
    // units, the police force and foot patrols: the two touch disjoint state (residents and their
    // node counts and indoor lists; the others' positions and the police node counts), and every
    // draw is keyed by agent and step, so running them at the same time changes nothing but the
    // wall time. The residents' walk is itself parallel; the others' moves are mostly sequential
    // (units in order), and would otherwise hold up a second thread.
    run_alongside(
        [&] {
            PhaseStopwatch residents_stopwatch(phase_times_);
            // schedule: residents due to leave (for an outing, or for home) start walking.
            residents_.wake_due(step_, occupancy_);
            residents_stopwatch.lap(StepPhase::schedule);
            // move: everyone moves on positions of the previous step; node counts follow (index).
            residents_.move(step_, occupancy_);
            residents_stopwatch.lap(StepPhase::residents_move);
            residents_.settle_arrivals(step_, occupancy_);
            residents_stopwatch.lap(StepPhase::arrivals);
        },
        [&] {
            PhaseStopwatch others_stopwatch(phase_times_);
            offenders_.move(step_, nullptr);
            police_.move(step_, &occupancy_);
            if (force_) force_->move(step_, occupancy_);
            for (FootPatrol& patrol : patrols_)
                if (patrol.on_duty) patrol.units.move(step_, &occupancy_);
            others_stopwatch.lap(StepPhase::others_move);
        });
    stopwatch.restart();
    const bool night = is_night(step_);
    // opportunity & offence.
    offence_phase(night);
    stopwatch.lap(StepPhase::offence);
    // police: arrests at arrivals, dispatch of waiting reports.
    police_phase();
    stopwatch.lap(StepPhase::police);
    // drones: first responders take the step's reports, drones fly and film.
    drone_phase();
    stopwatch.lap(StepPhase::drones);
    // perception: alerts heard; once an hour, every resident's feeling of insecurity.
    perception_phase();
    stopwatch.lap(StepPhase::perception);
    alert_log_.insert(alert_log_.end(), step_alerts_.begin(), step_alerts_.end());
    // learning: the places of this interval's crimes become more attractive, near ones a little.
    if (attractiveness_.enabled() && (step_ + 1) % attractiveness_.update_interval_steps() == 0)
        attractiveness_.update();
    // metrics.
    recorder_.end_step(step_, residents_.walking_count(), night);
    const std::uint32_t on_duty = patrol_units_on_duty();
    if (patrol_column_ != no_column) recorder_.add_sample(patrol_column_, step_, on_duty);
    if (lit_column_ != no_column) recorder_.add_sample(lit_column_, step_, lit_nodes_added_);
    if (away_column_ != no_column && residents_.count() > 0)
        recorder_.add_sample(away_column_, step_,
                             static_cast<double>(residents_.away_count()) / static_cast<double>(residents_.count()));
    patrol_unit_steps_ += on_duty;
    stopwatch.lap(StepPhase::bookkeeping);
    ++step_;
}

void Simulation::update_interventions() {
    update_interventions_windows();
    if (force_) force_->begin_step(step_, active_, record_, occupancy_);
}

void Simulation::update_interventions_windows() {
    if (spec_.interventions.empty()) return;
    const std::int64_t now_s = step_ * spec_.time.step_s;
    bool lighting_changed = false;
    for (std::size_t i = 0; i < spec_.interventions.size(); ++i) {
        const std::uint8_t on = intervention_active(spec_.interventions[i], now_s) ? 1 : 0;
        if (on != active_[i] && spec_.interventions[i].kind == InterventionKind::street_lighting)
            lighting_changed = true;
        active_[i] = on;
    }
    // Sequential, in scenario order: the police counts change by whole units.
    for (FootPatrol& patrol : patrols_) {
        const bool on = active_[patrol.intervention] != 0;
        if (on == patrol.on_duty) continue;
        if (on) {
            patrol.units.reset_to_home();
            for (std::uint32_t u = 0; u < patrol.units.count(); ++u) occupancy_.add_police(patrol.units.node(u));
        } else {
            for (std::uint32_t u = 0; u < patrol.units.count(); ++u) occupancy_.remove_police(patrol.units.node(u));
        }
        patrol.on_duty = on;
    }
    if (lighting_changed) update_lighting();
}

// Only when a lighting intervention switches: every segment's lux raised to the lux of the active
// interventions targeting it, then each node's the brightest of its streets (as City's node_lux).
std::vector<float> Simulation::current_segment_lux(bool* any_lighting) const {
    std::vector<float> segment_lux = city_.segment_lux();
    bool any = false;
    for (std::size_t i = 0; i < spec_.interventions.size(); ++i) {
        const InterventionSpec& intervention = spec_.interventions[i];
        if (intervention.kind != InterventionKind::street_lighting || !active_[i]) continue;
        any = true;
        const auto lux = static_cast<float>(intervention.lux);
        for (const std::uint32_t s : targets_[i]) segment_lux[s] = std::max(segment_lux[s], lux);
    }
    if (any_lighting) *any_lighting = any;
    return segment_lux;
}

void Simulation::update_lighting() {
    bool any = false;
    const std::vector<float> segment_lux = current_segment_lux(&any);
    if (!any) {
        opportunity_.set_node_lux(city_.node_lux());
    } else {
        std::vector<float> node_lux(city_.node_count(), 0.0f);
        for (std::uint32_t v = 0; v < city_.node_count(); ++v)
            for (std::uint32_t a = city_.arc_begin(v), end = city_.arc_end(v); a < end; ++a)
                node_lux[v] = std::max(node_lux[v], segment_lux[city_.arc_segment(a)]);
        opportunity_.set_node_lux(std::move(node_lux));
    }
    count_lit_nodes_added();
}

void Simulation::count_lit_nodes_added() {
    const double threshold = opportunity_.dark_lux_threshold();
    const auto& before = city_.node_lux();
    const auto& now = opportunity_.node_lux();
    lit_nodes_added_ = 0;
    for (std::uint32_t v = 0; v < city_.node_count(); ++v) lit_nodes_added_ += before[v] < threshold && now[v] >= threshold;
}

std::uint32_t Simulation::patrol_units_on_duty() const {
    std::uint32_t units = 0;
    for (const FootPatrol& patrol : patrols_)
        if (patrol.on_duty) units += patrol.units.count();
    return units;
}

const std::vector<std::string>& Simulation::live_editable_keys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> names;
        for (const LiveKey& live : live_keys) names.emplace_back(live.key);
        return names;
    }();
    return keys;
}

void Simulation::apply_live_change(const std::string& key, double value) {
    const LiveKey* live = nullptr;
    for (const LiveKey& candidate : live_keys)
        if (key == candidate.key) live = &candidate;
    if (!live) {
        std::string valid;
        for (const std::string& name : live_editable_keys()) valid += (valid.empty() ? "" : ", ") + name;
        throw std::invalid_argument("'" + key + "' cannot be changed during a run; the keys that can: " + valid);
    }
    // The loader's own ranges and rules, on the scenario as it would be after the change.
    ScenarioSpec changed = spec_;
    changed.source_path = "live change";
    changed.offenders.*live->field = value;
    validate_scenario(changed);

    spec_.offenders.*live->field = value;
    if (live->field == &OffenderSpec::base_probability) opportunity_.set_base_probability(value);
    else if (live->field == &OffenderSpec::guardian_gamma) opportunity_.set_guardian_gamma(value);
    else if (live->field == &OffenderSpec::dark_multiplier) opportunity_.set_dark_multiplier(value);
    else if (live->field == &OffenderSpec::dark_lux_threshold) {
        opportunity_.set_dark_lux_threshold(value);
        count_lit_nodes_added();
    }
    live_changes_.push_back(LiveChange{step_, key, value});
}

Simulation::OffenceDecision Simulation::decide_offence(std::uint32_t o, bool night) const {
    const auto step32 = static_cast<std::uint32_t>(step_);
    OffenceDecision decision;
    const std::uint32_t node = offenders_.node(o);
    const std::uint32_t segment = offenders_.last_segment(o);
    OffenceSituation situation;
    situation.people = occupancy_.residents_at(node);
    situation.empty_homes = residents_.empty_homes_at(node);
    situation.occupied_homes = residents_.occupied_homes_at(node);
    if (reporting_) situation.extra_guardians = reporting_->guardians_at(node);
    decision.people = situation.people;
    decision.empty_homes = situation.empty_homes;
    decision.extra_guardians = situation.extra_guardians;
    const std::uint32_t home = offenders_.home(o);
    const double journey_decay_m = spec_.offenders.journey_decay_m;
    const double memory_boost = spec_.offenders.memory_boost;
    double factor = 1.0 + attractiveness_.value(segment);
    if (journey_decay_m > 0) {
        const auto& x = city_.node_x_m();
        const auto& y = city_.node_y_m();
        factor *= std::exp(-std::hypot(x[node] - x[home], y[node] - y[home]) / journey_decay_m);
    }
    // Learning: near the place of its last offence, an offender who remembers it offends more.
    if (memory_boost > 0 && offenders_.near_remembered_offence(o, node, step_)) factor *= 1.0 + memory_boost;
    if (!drones_.empty()) factor *= drones_.deterrence_at(node);  // an assumption: 1 (none) unless the scenario says
    TypeHazards hazards;
    const double total = opportunity_.hazards(node, situation, police_deterring(node), night, factor, hazards);
    if (total <= 0.0 || offence_rng_.uniform(o, step32, 0) >= total) return decision;
    decision.offends = true;
    decision.type = OpportunityRule::draw_type(hazards, total, offence_rng_.uniform(o, step32, 1));
    return decision;
}

// Decided in parallel, committed in offender id order: offences are rare events and their order
// must be canonical.
void Simulation::offence_phase(bool night) {
    const auto step32 = static_cast<std::uint32_t>(step_);
    new_reports_.clear();
    // Drones: the cameras in the air now, over the offences they may deter or see.
    const bool drones = !drones_.empty();
    if (drones) drones_.observe(step_, residents_, occupancy_);
    const auto& x = city_.node_x_m();
    const auto& y = city_.node_y_m();
    collect_police_positions();
    const auto rest_steps = static_cast<std::int64_t>(std::llround(spec_.offenders.rest_after_offence_h * 3600.0 /
                                                                     spec_.time.step_s));
    // Pass 1, in parallel: every offender's decision (offend or not, and the type) on the state at the
    // start of the phase; all its draws are keyed by offender and step. Only a handful offend in a
    // step, and pass 2 takes them in offender order as one sequential loop would. The one thing an
    // earlier offence of the step changes that a later decision reads is the guardians at a node (an
    // SOS answered at once): an offender whose node's guardians changed is decided again in pass 2,
    // on the state as it is then. So the crimes are those of the sequential loop, at any thread count.
    const std::uint32_t offender_count = offenders_.count();
    offence_decisions_.resize(offender_count);
    parallel_for_chunks(0u, offender_count, 512, [&](std::uint32_t begin, std::uint32_t end) {
        for (std::uint32_t o = begin; o < end; ++o)
            offence_decisions_[o] = offenders_.resting(o, step_) ? OffenceDecision{} : decide_offence(o, night);
    });
    for (std::uint32_t o = 0; o < offender_count; ++o) {
        if (offenders_.resting(o, step_)) continue;
        OffenceDecision decision = offence_decisions_[o];
        const std::uint32_t node = offenders_.node(o);
        if (reporting_ && reporting_->guardians_at(node) != decision.extra_guardians) decision = decide_offence(o, night);
        if (!decision.offends) continue;
        const std::uint32_t segment = offenders_.last_segment(o);
        const std::uint32_t home = offenders_.home(o);
        auto journey_m = [&] { return std::hypot(x[node] - x[home], y[node] - y[home]); };
        const CrimeType type = decision.type;

        std::uint32_t victim = no_victim;
        switch (crime_target(type)) {
            case CrimeTarget::person: {
                // A resident met at random; the offender goes ahead only if that person suits the type.
                victim = residents_.resident_at(node, victim_rng_.below(decision.people, o, step32), occupancy_);
                const double suits = opportunity_.suitability(type, residents_.traits(victim));
                if (suits < 1.0 && offence_rng_.uniform(o, step32, 2) >= suits) continue;
                break;
            }
            case CrimeTarget::empty_home:
                victim = residents_.empty_home_at(node, victim_rng_.below(decision.empty_homes, o, step32));
                break;
            case CrimeTarget::place: break;
        }
        CrimeEvent event;
        event.step = step32;
        event.node = node;
        event.segment = segment;
        event.type = static_cast<std::uint8_t>(type);
        event.offender = o;
        event.victim = victim;
        // Victim reaction: the police draw is the same as before the reporting system existed, against
        // the type's survey rate unless trust or group odds shift it.
        const auto index = static_cast<std::uint32_t>(recorder_.events().size());
        const double p_police = reporting_ ? reporting_->police_probability(event.type, victim, residents_)
                                           : spec_.crime.types[static_cast<int>(type)].reporting_probability;
        const bool police_direct = report_rng_.uniform(o, step32, 0) < p_police;
        event.reported = police_direct ? 1 : 0;
        if (police_direct) event.channel = channel_police;
        bool record_now = police_direct;
        if (reporting_) {
            event.channel = 0;
            record_now = reporting_->on_crime(event, index, o, step_, police_direct, residents_) == step_;
        }
        // A crime nobody reported may still be seen by a drone camera, and so recorded.
        if (!event.reported && drones && drones_.detects(node, o, step_)) {
            event.reported = 1;
            record_now = true;
        }
        event.journey_m = static_cast<float>(journey_m());
        if (victim != no_victim) residents_.record_victimisation(victim);
        attractiveness_.add_crime(segment);
        // The record: what reached the police (reported, or seen by a drone camera). With a reporting
        // delay or an app's latency it enters later (ReportingSystem::process_due).
        if (record_now) enter_record(index, event);
        recorder_.record(event);
        if (insecurity_) insecurity_->note_crime(event);
        offenders_.remember_offence(o, node, step_);
        if (rest_steps > 0) offenders_.rest_at_home(o, step_ + 1 + rest_steps);
    }
    // Reports, alerts and referrals due this step (delayed police reports enter the record now, after
    // the step's offences, so dispatch and drones see them in this step's police and drone phases).
    if (reporting_)
        reporting_->process_due(
            step_, residents_, occupancy_, force_.get(), recorder_.events(),
            [this](std::uint32_t e) { enter_record(e, recorder_.events()[e]); }, step_alerts_);
}

void Simulation::enter_record(std::uint32_t index, const CrimeEvent& event) {
    const RecordedCrime recorded{index, step_, event.node, event.segment, event.type};
    record_.add(recorded);
    const std::uint32_t reports_before = force_ ? static_cast<std::uint32_t>(force_->reports().size()) : 0;
    if (force_) force_->report(recorded);
    if (!drones_.empty()) {
        PoliceReport report;
        report.id = static_cast<std::uint32_t>(record_.crimes().size() - 1);
        report.event = index;
        report.step_reported = step_;
        report.node = event.node;
        report.segment = event.segment;
        report.type = event.type;
        new_reports_.push_back(report);
    }
    if (reporting_) {
        const bool dispatched = force_ && force_->reports().size() > reports_before;
        reporting_->on_recorded(index, event.type, step_, dispatched ? reports_before : UINT32_MAX, event.victim);
    }
}

void Simulation::collect_police_positions() {
    police_nodes_.clear();
    if (!(spec_.police.deterrence_radius_m > 0)) return;
    for (std::uint32_t p = 0; p < police_.count(); ++p) police_nodes_.push_back(police_.node(p));
    for (const FootPatrol& patrol : patrols_)
        if (patrol.on_duty)
            for (std::uint32_t u = 0; u < patrol.units.count(); ++u) police_nodes_.push_back(patrol.units.node(u));
    if (force_)
        for (std::uint32_t u = 0; u < force_->count(); ++u)
            if (force_->on_street(u)) police_nodes_.push_back(force_->node(u));
}

std::uint32_t Simulation::police_deterring(std::uint32_t node) const {
    const std::uint32_t here = occupancy_.police_at(node);
    if (here > 0 || police_nodes_.empty()) return here;
    const double radius2 = spec_.police.deterrence_radius_m * spec_.police.deterrence_radius_m;
    const double x = city_.node_x_m()[node], y = city_.node_y_m()[node];
    std::uint32_t near = 0;
    for (const std::uint32_t v : police_nodes_) {
        const double dx = city_.node_x_m()[v] - x, dy = city_.node_y_m()[v] - y;
        near += dx * dx + dy * dy <= radius2;
    }
    return near;
}

void Simulation::police_phase() {
    if (!force_) return;
    arrested_events_.clear();
    force_->end_step(step_, occupancy_, arrested_events_, drones_.empty() ? nullptr : &drone_first_s_);
    // An arrested offender is taken off the streets: at home, no offences, like the rest after an offence.
    const auto arrest_steps = static_cast<std::int64_t>(std::llround(spec_.police.arrest.days * 86400.0 /
                                                                        spec_.time.step_s));
    for (const std::uint32_t event : arrested_events_) {
        const std::uint32_t offender = recorder_.events()[event].offender;
        const std::int64_t until = step_ + 1 + arrest_steps;
        if (!offenders_.resting(offender, until - 1)) offenders_.rest_at_home(offender, until);
    }
}

void Simulation::note_drone_arrivals() {
    const auto& responses = drones_.responses();
    for (; drone_responses_seen_ < responses.size(); ++drone_responses_seen_) {
        const DroneResponse& r = responses[drone_responses_seen_];
        const auto [at, fresh] = drone_first_s_.emplace(r.event, r.response_s);
        if (!fresh) at->second = std::min(at->second, r.response_s);
    }
}

void Simulation::drone_phase() {
    if (drones_.empty()) return;
    drones_.fly(step_, record_, new_reports_);
    // Arrivals seen by the police from the next step on (this step's arrests were drawn before).
    note_drone_arrivals();
    recorder_.add_sample(drones_airborne_column_, step_, drones_.airborne_observed());
    recorder_.add_sample(under_camera_column_, step_, static_cast<double>(drones_.residents_under_camera()));
}

void Simulation::perception_phase() {
    if (!insecurity_) return;
    insecurity_->hear_alerts(step_alerts_);
    if (!insecurity_->hour_ends(step_)) return;
    InsecurityTracker::Street street;
    street.occupancy = &occupancy_;
    const std::vector<float> segment_lux = current_segment_lux();
    street.segment_lux = &segment_lux;
    street.dark_lux_threshold = opportunity_.dark_lux_threshold();
    street.night = is_night(step_);
    street.drones = drones_.empty() ? nullptr : &drones_;
    insecurity_->measure_hour(step_, residents_, street);
    // Hourly columns take the mean of per-step samples: one sample worth the whole hour.
    const auto per_hour = static_cast<double>(std::max(1, 3600 / spec_.time.step_s));
    using G = InsecurityTracker::Group;
    const double values[] = {insecurity_->index(G::all), insecurity_->index(G::women), insecurity_->index(G::men),
                             insecurity_->unsafe_share(G::women), insecurity_->unsafe_share(G::men)};
    for (std::size_t i = 0; i < std::size(values); ++i)
        recorder_.add_sample(insecurity_column_ + i, step_, values[i] * per_hour);
}

// At midnight, residents who feel unsafe after dark (with the memories and the lighting of now)
// decide to avoid outings after dark for the day (insecurity.behaviour).
void Simulation::refresh_fear_of_dark() {
    if (!insecurity_ || !spec_.insecurity.behaviour.enabled || step_ % spec_.steps_per_day() != 0) return;
    insecurity_->update_answers(current_segment_lux(), opportunity_.dark_lux_threshold());
    residents_.set_avoids_dark(insecurity_->unsafe_after_dark());
}

std::uint64_t Simulation::agent_steps() const {
    const std::uint32_t force_units = force_ ? force_->count() : 0;
    return static_cast<std::uint64_t>(residents_.count() + offenders_.count() + police_.count() + force_units) *
               static_cast<std::uint64_t>(step_) +
           patrol_unit_steps_;
}

// Member by member, what a checkpoint holds and why the rest need not be saved:
//  - spec_: rebuilt from the checkpoint's resolved scenario text; the live changes (saved) are
//    applied to it again. city_: rebuilt from the scenario, its fingerprint checked by the caller.
//  - targets_, sunrise_s_, sunset_s_ and the column ids: pure functions of the spec and city.
//  - offence_rng_, victim_rng_, report_rng_: counter-based, keyed by seed and stream only.
//  - occupancy_, residents_, offenders_, police_, each foot patrol's units, opportunity_,
//    attractiveness_, recorder_, and when present the police force and the drone fleets: one
//    section each (see their save_state for their members).
//  - record_: the reported events in order (a camera's detection marks its event reported), so it
//    is rebuilt from the recorder's events; new_reports_ and arrested_events_ are emptied each step;
//    drone_first_s_ is the drone fleets' responses (their section) by event, rebuilt on load.
//  - step_, active_, each patrol's on_duty, lit_nodes_added_, patrol_unit_steps_, live_changes_:
//    the "simulation" section.
void Simulation::save_state(CheckpointWriter& out) const {
    out.begin_section("simulation");
    out.put(step_);
    out.put_vector(active_);
    out.put<std::uint64_t>(patrols_.size());
    for (const FootPatrol& patrol : patrols_) out.put_flag(patrol.on_duty);
    out.put(lit_nodes_added_);
    out.put(patrol_unit_steps_);
    out.put<std::uint64_t>(live_changes_.size());
    for (const LiveChange& change : live_changes_) {
        out.put(change.step);
        out.put_text(change.key);
        out.put(change.value);
    }
    out.end_section();

    out.begin_section("occupancy");
    occupancy_.save_state(out);
    out.end_section();
    out.begin_section("residents");
    residents_.save_state(out);
    out.end_section();
    out.begin_section("offenders");
    offenders_.save_state(out);
    out.end_section();
    out.begin_section("police");
    police_.save_state(out);
    out.end_section();
    for (std::size_t p = 0; p < patrols_.size(); ++p) {
        out.begin_section("foot patrol " + std::to_string(p + 1));
        patrols_[p].units.save_state(out);
        out.end_section();
    }
    out.begin_section("opportunity");
    opportunity_.save_state(out);
    out.end_section();
    out.begin_section("attractiveness");
    attractiveness_.save_state(out);
    out.end_section();
    out.begin_section("recorder");
    recorder_.save_state(out);
    out.end_section();
    // The record needs no section: it is the reported events, rebuilt from the recorder's on load.
    if (force_) {
        out.begin_section("police force");
        force_->save_state(out);
        out.end_section();
    }
    // Only with drones, so checkpoints of runs without them are as before.
    if (!drones_.empty()) {
        out.begin_section("drones");
        drones_.save_state(out);
        out.end_section();
    }
    // Insecurity (on by default), then the reporting features (issue 7, only when used): the order
    // load_state reads them in.
    if (insecurity_) {
        out.begin_section("insecurity");
        insecurity_->save_state(out);
        out.end_section();
    }
    if (reporting_) {
        out.begin_section("reporting");
        reporting_->save_state(out);
        out.end_section();
    }
}

void Simulation::load_state(CheckpointReader& in) {
    if (step_ != 0) throw std::logic_error("Simulation::load_state: only into a simulation that has not stepped");
    in.begin_section("simulation");
    const auto step = in.get<std::int64_t>("step");
    in.check(step >= 0 && step <= spec_.total_steps(), "step " + std::to_string(step) + " is not within the run's " +
                                                           std::to_string(spec_.total_steps()) + " steps");
    in.get_vector_into(active_, "interventions in force");
    for (const std::uint8_t on : active_) in.check(on <= 1, "an intervention is neither on nor off");
    const std::uint64_t patrols = in.get<std::uint64_t>("foot patrols");
    in.check(patrols == patrols_.size(), "the checkpoint has " + std::to_string(patrols) +
                                             " foot patrols where the scenario has " + std::to_string(patrols_.size()));
    for (FootPatrol& patrol : patrols_) patrol.on_duty = in.get_flag("foot patrol on duty");
    lit_nodes_added_ = in.get<std::uint32_t>("intersections lit by interventions");
    patrol_unit_steps_ = in.get<std::uint64_t>("patrol unit steps");
    const std::uint64_t changes = in.get_count(static_cast<std::uint64_t>(step + 1) * live_editable_keys().size(),
                                               "live changes");
    live_changes_.clear();
    for (std::uint64_t i = 0; i < changes; ++i) {
        LiveChange change;
        change.step = in.get<std::int64_t>("live change step");
        change.key = in.get_text("live change key");
        change.value = in.get<double>("live change value");
        const LiveKey* live = nullptr;
        for (const LiveKey& candidate : live_keys)
            if (change.key == candidate.key) live = &candidate;
        in.check(live != nullptr, "live change of '" + change.key + "', which cannot change during a run");
        in.check(change.step >= 0 && change.step <= step, "live change after the checkpoint's step");
        // The spec as the run had it; the opportunity rule's copy of these values is its own section.
        spec_.offenders.*live->field = change.value;
        live_changes_.push_back(std::move(change));
    }
    in.end_section();

    in.begin_section("occupancy");
    occupancy_.load_state(in, residents_.count());
    in.end_section();
    in.begin_section("residents");
    residents_.load_state(in);
    in.end_section();
    in.begin_section("offenders");
    offenders_.load_state(in);
    in.end_section();
    in.begin_section("police");
    police_.load_state(in);
    in.end_section();
    for (std::size_t p = 0; p < patrols_.size(); ++p) {
        in.begin_section("foot patrol " + std::to_string(p + 1));
        patrols_[p].units.load_state(in);
        in.end_section();
    }
    in.begin_section("opportunity");
    opportunity_.load_state(in);
    in.end_section();
    in.begin_section("attractiveness");
    attractiveness_.load_state(in);
    in.end_section();
    in.begin_section("recorder");
    recorder_.load_state(in, step, offenders_.count(), residents_.count());
    in.end_section();
    record_ = CrimeRecord(city_.segment_count());
    const auto& events = recorder_.events();
    for (std::size_t i = 0; i < events.size(); ++i)
        if (events[i].reported)
            record_.add(RecordedCrime{static_cast<std::uint32_t>(i), events[i].step, events[i].node, events[i].segment,
                                      events[i].type});
    if (force_) {
        in.begin_section("police force");
        force_->load_state(in);
        in.end_section();
    }
    if (!drones_.empty()) {
        in.begin_section("drones");
        drones_.load_state(in, step);
        in.end_section();
    }
    if (insecurity_) {
        in.begin_section("insecurity");
        insecurity_->load_state(in, step);
        in.end_section();
    }
    drone_first_s_.clear();
    drone_responses_seen_ = 0;
    note_drone_arrivals();
    if (reporting_) {
        in.begin_section("reporting");
        reporting_->load_state(in, step, events.size());
        in.end_section();
        // With delays the record is not in event order: rebuild it in the order it was entered.
        record_ = CrimeRecord(city_.segment_count());
        const auto& order = reporting_->recorded_events();
        const auto& at = reporting_->recorded_steps();
        for (std::size_t i = 0; i < order.size(); ++i) {
            const CrimeEvent& e = events[order[i]];
            in.check(e.reported == 1, "the reporting section records a crime that was never reported");
            record_.add(RecordedCrime{order[i], at[i], e.node, e.segment, e.type});
        }
    }
    step_ = step;
}

RunResult Simulation::take_result() {
    RunResult result = result_with_provenance(spec_, city_);
    result.steps = step_;
    result.step_s = spec_.time.step_s;
    result.residents = residents_.count();
    result.offenders = offenders_.count();
    result.police_units = police_.count() + (force_ ? force_->count() : 0);
    recorder_.fill(result);
    if (force_) force_->fill(result);
    result.write_crime_events = spec_.output.events;
    result.live_changes = live_changes_;
    if (!drones_.empty()) drones_.fill(result);
    if (reporting_) reporting_->fill(result);
    if (insecurity_) {
        insecurity_->fill(result);
        result.insecurity.behaviour = spec_.insecurity.behaviour.enabled;
        result.insecurity.night_outings = residents_.night_outings();
        result.insecurity.night_outings_skipped = residents_.night_outings_skipped();
    }
    return result;
}

}  // namespace streetwise
