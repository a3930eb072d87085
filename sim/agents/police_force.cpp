#include "sim/agents/police_force.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/city/city.hpp"
#include "sim/engine/node_occupancy.hpp"
#include "sim/io/checkpoint_file.hpp"
#include "sim/model/crime_type.hpp"
#include "sim/model/intervention.hpp"

namespace streetwise {

namespace {

constexpr std::uint32_t none = UINT32_MAX;
constexpr std::uint16_t no_district = UINT16_MAX;

bool in_daily_window(double from_h, double to_h, std::int64_t second_of_day) {
    const auto from_s = std::llround(from_h * 3600.0), to_s = std::llround(to_h * 3600.0);
    return from_s < to_s ? second_of_day >= from_s && second_of_day < to_s
                         : second_of_day >= from_s || second_of_day < to_s;
}

// The stations: police_station places in the city's order; without any, the node nearest the
// middle of the city's extent.
std::vector<std::uint32_t> stations_of(const City& city) {
    std::vector<std::uint32_t> stations;
    for (const Place& place : city.places())
        if (place.kind == PlaceKind::police_station) stations.push_back(place.node);
    if (!stations.empty() || city.node_count() == 0) return stations;
    const auto& x = city.node_x_m();
    const auto& y = city.node_y_m();
    const double cx = 0.5 * (*std::min_element(x.begin(), x.end()) + *std::max_element(x.begin(), x.end()));
    const double cy = 0.5 * (*std::min_element(y.begin(), y.end()) + *std::max_element(y.begin(), y.end()));
    std::uint32_t best = 0;
    for (std::uint32_t v = 1; v < city.node_count(); ++v)
        if (std::hypot(x[v] - cx, y[v] - cy) < std::hypot(x[best] - cx, y[best] - cy)) best = v;
    stations.push_back(best);
    return stations;
}

// The node of `segments` nearest their centroid; for cars only nodes with a drivable street.
std::uint32_t central_node(const City& city, const UnitTravel& travel, const std::vector<std::uint32_t>& segments,
                           UnitKind kind) {
    const std::vector<std::uint32_t> nodes = nodes_of_segments(segments, city);
    double cx = 0, cy = 0;
    for (const std::uint32_t v : nodes) {
        cx += city.node_x_m()[v];
        cy += city.node_y_m()[v];
    }
    cx /= static_cast<double>(nodes.size());
    cy /= static_cast<double>(nodes.size());
    std::uint32_t best = nodes.front();
    double best_d = std::numeric_limits<double>::infinity();
    for (const std::uint32_t v : nodes) {
        bool usable = false;
        for (std::uint32_t a = city.arc_begin(v); a < city.arc_end(v); ++a) usable = usable || travel.may_use(kind, a);
        const double d = std::hypot(city.node_x_m()[v] - cx, city.node_y_m()[v] - cy) + (usable ? 0.0 : 1e12);
        if (d < best_d) {
            best_d = d;
            best = v;
        }
    }
    return best;
}

}  // namespace

bool PoliceForce::needed(const ScenarioSpec& spec) {
    const PoliceSpec& p = spec.police;
    const bool always_on = std::llround(p.on_duty_from_h * 3600.0) == 0 && std::llround(p.on_duty_to_h * 3600.0) == 86400;
    if (p.strategy != PatrolStrategy::random || p.dispatch || p.car_units > 0 || !always_on) return true;
    return std::any_of(spec.interventions.begin(), spec.interventions.end(), [](const InterventionSpec& i) {
        return i.kind == InterventionKind::extra_units || i.kind == InterventionKind::patrol_strategy;
    });
}

PoliceForce::PoliceForce(const ScenarioSpec& spec, const City& city, const std::vector<std::vector<std::uint32_t>>& targets)
    : city_(city),
      police_(spec.police),
      step_s_(spec.time.step_s),
      steps_per_hour_(std::max(1, 3600 / spec.time.step_s)),
      dwell_steps_(std::max<std::int64_t>(1, std::llround(spec.police.hot_spot.dwell_min * 60.0 / spec.time.step_s))),
      refresh_steps_(std::max<std::int64_t>(1, std::llround(spec.police.hot_spot.refresh_h * 3600.0 / spec.time.step_s))),
      on_scene_s_(spec.police.on_scene_min * 60.0),
      base_strategy_(spec.police.strategy),
      interventions_(spec.interventions),
      travel_(city, spec.police.patrol_speed_mps, UnitTravel::car_speeds(spec.police)),
      search_(travel_),
      ranking_(city, spec.police, spec.time.step_s),
      patrol_rng_(spec.seed, RngStream::police_patrol),
      arrest_rng_(spec.seed, RngStream::police_arrest),
      strategy_now_(spec.police.strategy) {
    for (int t = 0; t < crime_type_count; ++t) {
        const auto found = police_.priority.find(std::string(crime_type_names[static_cast<std::size_t>(t)]));
        priority_[static_cast<std::size_t>(t)] =
            static_cast<std::uint8_t>(found == police_.priority.end() ? 0 : std::llround(found->second));
    }
    const std::vector<std::uint32_t> stations = stations_of(city);
    auto add_unit = [&](UnitKind kind, std::uint32_t home, std::uint32_t intervention) {
        kind_.push_back(kind);
        station_.push_back(home);
        intervention_.push_back(intervention);
    };
    const auto foot = static_cast<std::uint32_t>(police_.units), cars = static_cast<std::uint32_t>(police_.car_units);
    for (std::uint32_t u = 0; u < foot + cars; ++u)
        add_unit(u < foot ? UnitKind::foot : UnitKind::car, stations.empty() ? 0 : stations[u % stations.size()], none);
    intervention_area_.resize(interventions_.size());
    for (std::size_t i = 0; i < interventions_.size(); ++i) {
        const InterventionSpec& intervention = interventions_[i];
        if (intervention.kind == InterventionKind::extra_units) {
            const std::uint32_t home = central_node(city, travel_, targets[i], intervention.unit_kind);
            for (int k = 0; k < intervention.units; ++k) add_unit(intervention.unit_kind, home, static_cast<std::uint32_t>(i));
        } else if (intervention.kind == InterventionKind::patrol_strategy && !targets[i].empty()) {
            intervention_area_[i].assign(city.segment_count(), 0);
            for (const std::uint32_t s : targets[i]) intervention_area_[i][s] = 1;
        }
    }
    // Community patrol: foot units take the districts in turn.
    const auto districts = static_cast<std::uint32_t>(city.districts().size());
    district_.assign(count(), no_district);
    if (districts > 0) {
        std::vector<std::vector<std::uint32_t>> streets(districts);
        for (std::uint32_t s = 0; s < city.segment_count(); ++s)
            if (city.segment_district()[s] < districts) streets[city.segment_district()[s]].push_back(s);
        district_home_.assign(districts, 0);
        for (std::uint32_t d = 0; d < districts; ++d)
            if (!streets[d].empty()) district_home_[d] = central_node(city, travel_, streets[d], UnitKind::foot);
        std::uint32_t next = 0;
        for (std::uint32_t u = 0; u < count(); ++u) {
            if (kind_[u] != UnitKind::foot) continue;
            // Skip districts with no street (dropped with a disconnected part of the map).
            for (std::uint32_t tries = 0; tries < districts && streets[next % districts].empty(); ++tries) ++next;
            if (!streets[next % districts].empty()) district_[u] = static_cast<std::uint16_t>(next % districts);
            ++next;
        }
    }
    const std::uint32_t n = count();
    state_.assign(n, UnitState::off_duty);
    node_ = station_;
    arc_.assign(n, no_arc);
    progress_s_.assign(n, 0.0);
    delay_s_.assign(n, 0.0);
    last_segment_.assign(n, 0);
    for (std::uint32_t u = 0; u < n; ++u)
        if (city.arc_begin(node_[u]) < city.arc_end(node_[u])) last_segment_[u] = city.arc_segment(city.arc_begin(node_[u]));
    route_.resize(n);
    route_pos_.assign(n, 0);
    target_.assign(n, none);
    dwell_until_.assign(n, -1);
    report_of_.assign(n, none);
    on_scene_until_.assign(n, 0);
    last_visit_.assign(city.segment_count(), -1);
    police_minutes_.assign(city.segment_count(), 0.0);
    hot_spot_minutes_.assign(city.segment_count(), 0.0);
    community_minutes_.assign(districts, 0.0);
    const auto hours = static_cast<std::size_t>((spec.total_steps() + steps_per_hour_ - 1) / steps_per_hour_);
    for (auto* series : {&hourly_on_duty_, &hourly_waiting_, &hourly_responding_, &hourly_arrests_,
                         &hourly_response_sum_, &hourly_arrivals_})
        series->assign(hours, 0.0);
    free_.reserve(n);
}

float PoliceForce::progress_m(std::uint32_t unit) const {
    if (arc_[unit] == no_arc) return 0.0f;
    const double arc_s = travel_.arc_s(kind_[unit], arc_[unit]);
    return static_cast<float>(arc_s > 0 ? progress_s_[unit] / arc_s * city_.arc_length_m(arc_[unit]) : 0.0);
}

std::uint32_t PoliceForce::units_on_duty() const {
    return static_cast<std::uint32_t>(std::count_if(state_.begin(), state_.end(),
                                                    [](UnitState s) { return s != UnitState::off_duty; }));
}

bool PoliceForce::shift_on(std::int64_t step) const {
    return in_daily_window(police_.on_duty_from_h, police_.on_duty_to_h, step * step_s_ % 86400);
}

void PoliceForce::go_on_duty(std::uint32_t unit, NodeOccupancy& occupancy) {
    state_[unit] = UnitState::patrolling;
    node_[unit] = station_[unit];
    arc_[unit] = no_arc;
    progress_s_[unit] = 0;
    delay_s_[unit] = 0;
    route_[unit].clear();
    route_pos_[unit] = 0;
    target_[unit] = none;
    dwell_until_[unit] = -1;
    occupancy.add_police(node_[unit]);
}

void PoliceForce::go_off_duty(std::uint32_t unit, NodeOccupancy& occupancy) {
    occupancy.remove_police(node_[unit]);
    // A report it was travelling to goes back to the queue for another unit.
    if (state_[unit] == UnitState::responding) {
        outcomes_[report_of_[unit]].unit = none;
        insert_in_queue(report_of_[unit]);
    }
    state_[unit] = UnitState::off_duty;
    report_of_[unit] = none;
    target_[unit] = none;
    dwell_until_[unit] = -1;
    route_[unit].clear();
    route_pos_[unit] = 0;
}

void PoliceForce::back_to_patrol(std::uint32_t unit) {
    state_[unit] = UnitState::patrolling;
    report_of_[unit] = none;
    route_[unit].clear();
    route_pos_[unit] = 0;
    target_[unit] = none;
    dwell_until_[unit] = -1;
}

void PoliceForce::begin_step(std::int64_t step, const std::vector<std::uint8_t>& active, const CrimeRecord& record,
                             NodeOccupancy& occupancy) {
    // On and off duty, in unit order: the base force by its shift, extra units by their window.
    const bool shift = shift_on(step);
    for (std::uint32_t u = 0; u < count(); ++u) {
        const bool on = intervention_[u] == none ? shift : active[intervention_[u]] != 0;
        if (on && state_[u] == UnitState::off_duty) go_on_duty(u, occupancy);
        else if (!on && state_[u] != UnitState::off_duty) go_off_duty(u, occupancy);
    }
    // The strategy in force: the last active patrol_strategy intervention's, else the scenario's.
    PatrolStrategy strategy = base_strategy_;
    std::uint32_t source = none;
    for (std::size_t i = 0; i < interventions_.size(); ++i)
        if (interventions_[i].kind == InterventionKind::patrol_strategy && active[i]) {
            strategy = interventions_[i].strategy;
            source = static_cast<std::uint32_t>(i);
        }
    const bool changed = strategy != strategy_now_ || source != strategy_source_;
    if (changed) {
        strategy_now_ = strategy;
        strategy_source_ = source;
        targets_.clear();
        // Units on patrol drop their old plan (a target, a walk to their district).
        for (std::uint32_t u = 0; u < count(); ++u)
            if (state_[u] == UnitState::patrolling) back_to_patrol(u);
    }
    const bool ranked = strategy_now_ == PatrolStrategy::hot_spot || strategy_now_ == PatrolStrategy::predictive;
    if (ranked && (changed || step >= next_refresh_)) {
        static const std::vector<std::uint8_t> everywhere;
        targets_ = ranking_.rank(strategy_now_, record, step - 1,
                                 strategy_source_ == none ? everywhere : intervention_area_[strategy_source_]);
        next_refresh_ = step + refresh_steps_;
    }
}

const RouteTree& PoliceForce::tree_to(UnitKind kind, std::uint32_t destination) {
    for (const RouteTree& tree : trees_)
        if (tree.kind == kind && tree.destination == destination) return tree;
    // Room for every hot spot and district twice over (both unit kinds); beyond that the oldest
    // tree goes, so memory stays bounded when targets drift over a long run.
    const std::size_t room = 2 * (static_cast<std::size_t>(std::max(0, police_.hot_spot.count)) + district_home_.size()) + 8;
    if (trees_.size() >= room) trees_.erase(trees_.begin());
    trees_.emplace_back();
    search_.grow_tree(kind, destination, trees_.back());
    return trees_.back();
}

UnitPosition PoliceForce::position(std::uint32_t unit) const {
    return UnitPosition{unit, kind_[unit], node_[unit], arc_[unit], progress_s_[unit]};
}

void PoliceForce::set_route(std::uint32_t unit, const UnitRoute& route) {
    if (route.turn_back && arc_[unit] != no_arc) {
        // Back along the arc it was on: it stands at its node again after the time walked out.
        delay_s_[unit] += progress_s_[unit];
        arc_[unit] = no_arc;
        progress_s_[unit] = 0;
    }
    route_[unit] = route.arcs;
    route_pos_[unit] = 0;
}

// Least covered target first (units already there or on the way), then the one visited longest
// ago, then the best ranked; cars take only targets they can drive to.
void PoliceForce::assign_target(std::uint32_t unit, std::int64_t step) {
    target_[unit] = none;
    dwell_until_[unit] = -1;
    std::uint32_t best = none;
    std::uint32_t best_load = none;
    for (const std::uint32_t segment : targets_) {
        const std::uint32_t from = city_.segment_from()[segment];
        bool drivable = kind_[unit] == UnitKind::foot;
        for (std::uint32_t a = city_.arc_begin(from); !drivable && a < city_.arc_end(from); ++a)
            drivable = city_.arc_segment(a) == segment && travel_.may_use(kind_[unit], a);
        // A target the unit cannot reach would be tried (and a search spent) every step.
        if (!drivable || !travel_.connected(kind_[unit], node_[unit], from)) continue;
        std::uint32_t load = 0;
        for (std::uint32_t other = 0; other < count(); ++other) load += other != unit && target_[other] == segment;
        if (best == none || load < best_load || (load == best_load && last_visit_[segment] < last_visit_[best])) {
            best = segment;
            best_load = load;
        }
    }
    if (best == none) return;
    const UnitRoute route = search_.route_along(tree_to(kind_[unit], city_.segment_from()[best]), position(unit));
    if (route.unit == no_unit) return;
    target_[unit] = best;
    last_visit_[best] = step;
    set_route(unit, route);
}

std::uint32_t PoliceForce::random_arc(std::uint32_t unit, std::int64_t step, std::uint32_t draw,
                                      std::uint16_t district) const {
    const std::uint32_t node = node_[unit];
    auto allowed = [&](std::uint32_t a) {
        return travel_.may_use(kind_[unit], a) &&
               (district == no_district || city_.segment_district()[city_.arc_segment(a)] == district);
    };
    std::uint32_t choices = 0;
    for (std::uint32_t a = city_.arc_begin(node); a < city_.arc_end(node); ++a) choices += allowed(a);
    if (choices == 0) return no_arc;
    std::uint32_t k = patrol_rng_.below(choices, unit, static_cast<std::uint32_t>(step), draw);
    for (std::uint32_t a = city_.arc_begin(node); a < city_.arc_end(node); ++a)
        if (allowed(a) && k-- == 0) return a;
    return no_arc;
}

std::uint32_t PoliceForce::next_arc(std::uint32_t unit, std::int64_t step, std::uint32_t draw) {
    if (route_pos_[unit] < route_[unit].size()) return route_[unit][route_pos_[unit]++];
    if (state_[unit] != UnitState::patrolling) return no_arc;
    const std::uint32_t node = node_[unit];
    switch (strategy_now_) {
        case PatrolStrategy::hot_spot:
        case PatrolStrategy::predictive: {
            if (target_[unit] != none && dwelling(unit) && step >= dwell_until_[unit]) target_[unit] = none;
            if (target_[unit] == none) {
                assign_target(unit, step);
                if (route_pos_[unit] < route_[unit].size()) return route_[unit][route_pos_[unit]++];
            }
            if (target_[unit] == none) return random_arc(unit, step, draw, no_district);
            const std::uint32_t segment = target_[unit];
            if (!dwelling(unit)) dwell_until_[unit] = step + dwell_steps_;  // arrived: the visit starts
            // Patrol the hot spot: walk (or drive) its length, back and forth.
            for (std::uint32_t a = city_.arc_begin(node); a < city_.arc_end(node); ++a)
                if (city_.arc_segment(a) == segment && travel_.may_use(kind_[unit], a)) return a;
            return no_arc;
        }
        case PatrolStrategy::community: {
            const std::uint16_t district = district_[unit];
            if (district == no_district) return random_arc(unit, step, draw, no_district);
            const std::uint32_t arc = random_arc(unit, step, draw, district);
            if (arc != no_arc) return arc;
            // Outside its district (after a call): back to it.
            const UnitRoute route = search_.route_along(tree_to(kind_[unit], district_home_[district]), position(unit));
            if (route.unit == no_unit || route.arcs.empty()) return random_arc(unit, step, draw, no_district);
            set_route(unit, route);
            return route_[unit][route_pos_[unit]++];
        }
        case PatrolStrategy::random: break;
    }
    return random_arc(unit, step, draw, no_district);
}

void PoliceForce::move(std::int64_t step, NodeOccupancy& occupancy) {
    const double step_start_s = static_cast<double>(step) * step_s_;
    for (std::uint32_t u = 0; u < count(); ++u) {
        if (state_[u] == UnitState::off_duty) continue;
        if (state_[u] == UnitState::on_scene) {
            if (step < on_scene_until_[u]) continue;
            back_to_patrol(u);
        }
        double budget_s = static_cast<double>(step_s_);
        const double wait_s = std::min(budget_s, delay_s_[u]);
        delay_s_[u] -= wait_s;
        budget_s -= wait_s;
        for (std::uint32_t draw = 0; budget_s > 0 || state_[u] == UnitState::responding; ++draw) {
            if (arc_[u] == no_arc) {
                // Responding with the route done: it is there.
                if (state_[u] == UnitState::responding && route_pos_[u] >= route_[u].size()) {
                    const std::uint32_t r = report_of_[u];
                    const double arrival_s = step_start_s + (step_s_ - budget_s);
                    ReportOutcome& outcome = outcomes_[r];
                    outcome.step_arrived = step;
                    outcome.response_s = arrival_s - static_cast<double>(reports_[r].step_reported + 1) * step_s_;
                    arrivals_.push_back(r);
                    state_[u] = UnitState::on_scene;
                    on_scene_until_[u] = static_cast<std::int64_t>(std::ceil((arrival_s + on_scene_s_) / step_s_));
                    break;
                }
                if (budget_s <= 0) break;
                const std::uint32_t arc = next_arc(u, step, draw);
                if (arc == no_arc) break;
                arc_[u] = arc;
                progress_s_[u] = 0;
            }
            const double remaining_s = travel_.arc_s(kind_[u], arc_[u]) - progress_s_[u];
            if (remaining_s > budget_s) {
                progress_s_[u] += budget_s;
                budget_s = 0;
                break;
            }
            budget_s -= remaining_s;
            const std::uint32_t next = city_.arc_target(arc_[u]);
            occupancy.move_police(node_[u], next);
            node_[u] = next;
            last_segment_[u] = city_.arc_segment(arc_[u]);
            arc_[u] = no_arc;
            progress_s_[u] = 0;
            if (draw > 4096) break;  // a safeguard against zero-time loops (streets of length 0)
        }
    }
}

void PoliceForce::insert_in_queue(std::uint32_t report) {
    const auto before = [&](std::uint32_t a, std::uint32_t b) {
        const PoliceReport& x = reports_[a];
        const PoliceReport& y = reports_[b];
        if (x.priority != y.priority) return x.priority < y.priority;
        if (x.step_reported != y.step_reported) return x.step_reported < y.step_reported;
        return x.id < y.id;
    };
    queue_.insert(std::upper_bound(queue_.begin(), queue_.end(), report, before), report);
}

void PoliceForce::report(const RecordedCrime& crime) {
    if (!police_.dispatch) return;
    PoliceReport report;
    report.id = static_cast<std::uint32_t>(reports_.size());
    report.event = crime.event;
    report.step_reported = crime.step;
    report.node = crime.node;
    report.segment = crime.segment;
    report.type = crime.type;
    report.priority = priority_[crime.type];
    reports_.push_back(report);
    ReportOutcome outcome;
    outcome.id = report.id;
    outcome.event = report.event;
    outcome.step_reported = report.step_reported;
    outcome.type = report.type;
    outcome.priority = report.priority;
    outcomes_.push_back(outcome);
    insert_in_queue(report.id);
}

void PoliceForce::end_step(std::int64_t step, const NodeOccupancy& occupancy, std::vector<std::uint32_t>& arrested_events,
                           const std::unordered_map<std::uint32_t, double>* drone_first_s) {
    const std::size_t hour = hour_of(step);
    // Arrests at this step's arrivals, in the order the units arrived (unit order).
    for (const std::uint32_t r : arrivals_) {
        ReportOutcome& outcome = outcomes_[r];
        double effective_s = std::max(0.0, outcome.response_s);
        if (police_.arrest.drone_guided && drone_first_s) {
            const auto drone = drone_first_s->find(outcome.event);
            if (drone != drone_first_s->end()) effective_s = std::min(effective_s, drone->second);
        }
        const double p = police_.arrest.probability_at_0 * std::exp(-effective_s / police_.arrest.decay_s);
        if (arrest_rng_.uniform(r, 0, 0) < p) {
            outcome.arrested = 1;
            arrested_events.push_back(outcome.event);
            hourly_arrests_[hour] += 1;
        }
        hourly_response_sum_[hour] += outcome.response_s;
        hourly_arrivals_[hour] += 1;
    }
    arrivals_.clear();

    // Dispatch: the first waiting reports get the free unit that reaches them first.
    if (police_.dispatch && !queue_.empty()) {
        free_.clear();
        for (std::uint32_t u = 0; u < count(); ++u)
            if (state_[u] == UnitState::patrolling) free_.push_back(position(u));
        for (std::size_t q = 0; q < queue_.size() && !free_.empty();) {
            const std::uint32_t r = queue_[q];
            const std::uint32_t incident = reports_[r].node;
            // Only search when some free unit can get there at all: a report no free unit can reach
            // waits, and searching for it every step would explore whole layers for nothing.
            const bool reachable = std::any_of(free_.begin(), free_.end(), [&](const UnitPosition& p) {
                return travel_.connected(p.kind, p.node, incident);
            });
            const UnitRoute route = reachable ? search_.nearest_unit(incident, free_) : UnitRoute{};
            if (route.unit == no_unit) {
                ++q;  // no free unit can reach it (cars only, on a footway): it waits
                continue;
            }
            const std::uint32_t u = route.unit;
            back_to_patrol(u);
            state_[u] = UnitState::responding;
            report_of_[u] = r;
            set_route(u, route);
            outcomes_[r].unit = u;
            queue_.erase(queue_.begin() + static_cast<std::ptrdiff_t>(q));
            free_.erase(std::find_if(free_.begin(), free_.end(), [&](const UnitPosition& p) { return p.unit == u; }));
        }
    }

    // Measures: where units spent the step, and the hour's series.
    const double step_min = step_s_ / 60.0;
    std::uint32_t on_duty = 0, responding = 0;
    for (std::uint32_t u = 0; u < count(); ++u) {
        if (state_[u] == UnitState::off_duty) continue;
        ++on_duty;
        responding += state_[u] == UnitState::responding;
        const std::uint32_t segment = arc_[u] != no_arc ? city_.arc_segment(arc_[u]) : last_segment_[u];
        police_minutes_[segment] += step_min;
        if (state_[u] == UnitState::patrolling && target_[u] != none && dwelling(u)) hot_spot_minutes_[target_[u]] += step_min;
        if (strategy_now_ == PatrolStrategy::community && state_[u] == UnitState::patrolling &&
            district_[u] != no_district && city_.segment_district()[segment] == district_[u] &&
            occupancy.residents_at(node_[u]) > 0)
            community_minutes_[district_[u]] += step_min;
    }
    hourly_on_duty_[hour] += on_duty;
    hourly_responding_[hour] += responding;
    hourly_waiting_[hour] += static_cast<double>(queue_.size());
}

void PoliceForce::fill(RunResult& result) const {
    PoliceOutput& out = result.police;
    out.present = true;
    out.reports = outcomes_;
    out.segment_police_minutes = police_minutes_;
    out.segment_hot_spot_minutes = hot_spot_minutes_;
    out.district_community_minutes = community_minutes_;
    const std::size_t hours = result.hourly.empty() ? hourly_on_duty_.size() : result.hourly.front().values.size();
    const auto per_step = static_cast<double>(steps_per_hour_);
    auto column = [&](const char* name, const char* unit, const char* description, auto value) {
        TimeSeriesColumn c{name, unit, description, std::vector<double>(hours, 0.0)};
        for (std::size_t h = 0; h < hours && h < hourly_on_duty_.size(); ++h) c.values[h] = value(h);
        result.hourly.push_back(std::move(c));
    };
    column("police_units_on_duty", "officers",
           "mean number of police force units on duty (on the streets) during the hour: officer hours in the hour",
           [&](std::size_t h) { return hourly_on_duty_[h] / per_step; });
    column("reports_waiting", "reports", "mean number of reports waiting for a free unit during the hour",
           [&](std::size_t h) { return hourly_waiting_[h] / per_step; });
    column("units_responding", "officers", "mean number of units travelling to a report during the hour",
           [&](std::size_t h) { return hourly_responding_[h] / per_step; });
    column("arrests", "arrests", "arrests made at reports during the hour",
           [&](std::size_t h) { return hourly_arrests_[h]; });
    column("response_mean_s", "s",
           "mean response time (arrival - report) of the units that arrived during the hour; 0 when none did",
           [&](std::size_t h) { return hourly_arrivals_[h] > 0 ? hourly_response_sum_[h] / hourly_arrivals_[h] : 0.0; });
}

void PoliceForce::save_state(CheckpointWriter& out) const {
    std::vector<std::uint8_t> state(count());
    for (std::uint32_t u = 0; u < count(); ++u) state[u] = static_cast<std::uint8_t>(state_[u]);
    out.put_vector(state);
    out.put_vector(node_);
    out.put_vector(arc_);
    out.put_vector(progress_s_);
    out.put_vector(delay_s_);
    out.put_vector(last_segment_);
    for (const auto& route : route_) out.put_vector(route);
    out.put_vector(route_pos_);
    out.put_vector(target_);
    out.put_vector(dwell_until_);
    out.put_vector(report_of_);
    out.put_vector(on_scene_until_);
    out.put(static_cast<std::uint8_t>(strategy_now_));
    out.put(strategy_source_);
    out.put(next_refresh_);
    out.put_vector(targets_);
    out.put_vector(last_visit_);
    out.put<std::uint64_t>(reports_.size());
    for (std::size_t r = 0; r < reports_.size(); ++r) {
        const PoliceReport& report = reports_[r];
        const ReportOutcome& outcome = outcomes_[r];
        out.put(report.event);
        out.put(report.step_reported);
        out.put(report.node);
        out.put(report.segment);
        out.put(report.type);
        out.put(outcome.unit);
        out.put(outcome.step_arrived);
        out.put(outcome.response_s);
        out.put(outcome.arrested);
    }
    out.put_vector(queue_);
    out.put_vector(police_minutes_);
    out.put_vector(hot_spot_minutes_);
    out.put_vector(community_minutes_);
    for (const auto* series : {&hourly_on_duty_, &hourly_waiting_, &hourly_responding_, &hourly_arrests_,
                               &hourly_response_sum_, &hourly_arrivals_})
        out.put_vector(*series);
}

void PoliceForce::load_state(CheckpointReader& in) {
    const std::uint32_t nodes = city_.node_count();
    const std::uint32_t arcs = nodes > 0 ? city_.arc_end(nodes - 1) : 0;
    const std::uint32_t segments = std::max<std::uint32_t>(1, city_.segment_count());
    std::vector<std::uint8_t> state(count());
    in.get_vector_into(state, "unit state");
    for (std::uint32_t u = 0; u < count(); ++u) {
        in.check(state[u] <= static_cast<std::uint8_t>(UnitState::on_scene), "unit state out of range");
        state_[u] = static_cast<UnitState>(state[u]);
    }
    in.get_vector_into(node_, "unit node");
    in.get_vector_into(arc_, "unit arc");
    in.get_vector_into(progress_s_, "unit progress");
    in.get_vector_into(delay_s_, "unit delay");
    in.get_vector_into(last_segment_, "unit last segment");
    for (auto& route : route_) {
        route = in.get_vector<std::uint32_t>(arcs, "unit route");
        in.check_below(route, arcs, "unit route");
    }
    in.get_vector_into(route_pos_, "unit route position");
    in.get_vector_into(target_, "unit target");
    in.get_vector_into(dwell_until_, "unit dwell end");
    in.get_vector_into(report_of_, "unit report");
    in.get_vector_into(on_scene_until_, "unit on scene until");
    const auto strategy = in.get<std::uint8_t>("strategy in force");
    in.check(strategy <= static_cast<std::uint8_t>(PatrolStrategy::community), "strategy out of range");
    strategy_now_ = static_cast<PatrolStrategy>(strategy);
    strategy_source_ = in.get<std::uint32_t>("strategy intervention");
    in.check(strategy_source_ == none || strategy_source_ < interventions_.size(), "strategy intervention out of range");
    next_refresh_ = in.get<std::int64_t>("next refresh");
    targets_ = in.get_vector<std::uint32_t>(segments, "patrol targets");
    in.check_below(targets_, segments, "patrol targets");
    in.get_vector_into(last_visit_, "last visit");
    const std::uint64_t reports = in.get_count(std::uint64_t{1} << 32, "reports");
    reports_.clear();
    outcomes_.clear();
    for (std::uint64_t r = 0; r < reports; ++r) {
        PoliceReport report;
        report.id = static_cast<std::uint32_t>(r);
        report.event = in.get<std::uint32_t>("report event");
        report.step_reported = in.get<std::int64_t>("report step");
        report.node = in.get<std::uint32_t>("report node");
        report.segment = in.get<std::uint32_t>("report segment");
        report.type = in.get<std::uint8_t>("report type");
        in.check(report.node < nodes && report.segment < segments && report.type < crime_type_count, "report out of range");
        report.priority = priority_[report.type];
        ReportOutcome outcome;
        outcome.id = report.id;
        outcome.event = report.event;
        outcome.step_reported = report.step_reported;
        outcome.type = report.type;
        outcome.priority = report.priority;
        outcome.unit = in.get<std::uint32_t>("report unit");
        outcome.step_arrived = in.get<std::int64_t>("report arrival");
        outcome.response_s = in.get<double>("report response");
        outcome.arrested = in.get<std::uint8_t>("report arrest");
        reports_.push_back(report);
        outcomes_.push_back(outcome);
    }
    queue_ = in.get_vector<std::uint32_t>(reports, "report queue");
    in.check_below(queue_, std::max<std::uint64_t>(1, reports), "report queue");
    in.get_vector_into(police_minutes_, "police minutes");
    in.get_vector_into(hot_spot_minutes_, "hot spot minutes");
    in.get_vector_into(community_minutes_, "community minutes");
    for (auto* series : {&hourly_on_duty_, &hourly_waiting_, &hourly_responding_, &hourly_arrests_,
                         &hourly_response_sum_, &hourly_arrivals_})
        in.get_vector_into(*series, "hourly police series");
    in.check_below(node_, nodes, "unit node");
    in.check_below(last_segment_, segments, "unit last segment");
    for (std::uint32_t u = 0; u < count(); ++u) {
        in.check(arc_[u] == no_arc || arc_[u] < arcs, "unit arc out of range");
        in.check(route_pos_[u] <= route_[u].size(), "unit route position out of range");
        in.check(target_[u] == none || target_[u] < segments, "unit target out of range");
        in.check(report_of_[u] == none || report_of_[u] < reports, "unit report out of range");
    }
}

}  // namespace streetwise
