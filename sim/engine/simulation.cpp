#include "sim/engine/simulation.hpp"

#include <cmath>

#include "sim/city/city.hpp"

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

}  // namespace

Simulation::Simulation(ScenarioSpec spec, const City& city)
    : spec_(std::move(spec)),
      city_(city),
      occupancy_(city.node_count(), spec_.residents.present_when_indoors),
      residents_(spec_, city, occupancy_),
      offenders_(city, walker_options(static_cast<std::uint32_t>(spec_.offenders.count), spec_.offenders.walk_speed_mps,
                                      spec_.offenders.awareness_radius_m, spec_, RngStream::offender_setup,
                                      RngStream::offender_move)),
      police_(city, walker_options(static_cast<std::uint32_t>(spec_.police.units), spec_.police.patrol_speed_mps, 0.0,
                                   spec_, RngStream::police_setup, RngStream::police_move)),
      opportunity_(spec_.offenders, city),
      recorder_(city, spec_.total_steps(), spec_.time.step_s),
      offence_rng_(spec_.seed, RngStream::offence),
      victim_rng_(spec_.seed, RngStream::victim_choice),
      sunrise_s_(std::llround(spec_.time.sunrise_h * 3600.0)),
      sunset_s_(std::llround(spec_.time.sunset_h * 3600.0)) {
    for (std::uint32_t p = 0; p < police_.count(); ++p) occupancy_.add_police(police_.node(p));
}

bool Simulation::is_night(std::int64_t step) const {
    const std::int64_t second_of_day = (step * spec_.time.step_s) % 86400;
    return second_of_day < sunrise_s_ || second_of_day >= sunset_s_;
}

void Simulation::step() {
    // schedule: residents due to leave (for an outing, or for home) start walking.
    residents_.wake_due(step_, occupancy_);
    // move: everyone moves on positions of the previous step; node counts follow (index).
    residents_.move(step_, occupancy_);
    offenders_.move(step_, nullptr);
    police_.move(step_, &occupancy_);
    residents_.settle_arrivals(step_, occupancy_);
    const bool night = is_night(step_);
    // opportunity & offence.
    offence_phase(night);
    // metrics.
    recorder_.end_step(step_, residents_.walking_count(), night);
    ++step_;
}

// Sequential in offender id order: offences are rare events and their order must be canonical.
void Simulation::offence_phase(bool night) {
    const auto step32 = static_cast<std::uint32_t>(step_);
    for (std::uint32_t o = 0; o < offenders_.count(); ++o) {
        const std::uint32_t node = offenders_.node(o);
        const std::uint32_t residents_here = occupancy_.residents_at(node);
        const double p = opportunity_.probability(node, residents_here, occupancy_.police_at(node), night);
        if (p <= 0.0 || offence_rng_.uniform(o, step32, 0) >= p) continue;
        const std::uint32_t victim =
            residents_.resident_at(node, victim_rng_.below(residents_here, o, step32), occupancy_);
        CrimeEvent event;
        event.step = step32;
        event.node = node;
        event.segment = offenders_.last_segment(o);
        event.type = static_cast<std::uint8_t>(opportunity_.draw_type(offence_rng_.uniform(o, step32, 1), night));
        event.offender = o;
        event.victim = victim;
        residents_.record_victimisation(victim);
        recorder_.record(event);
    }
}

std::uint64_t Simulation::agent_steps() const {
    return static_cast<std::uint64_t>(residents_.count() + offenders_.count() + police_.count()) *
           static_cast<std::uint64_t>(step_);
}

RunResult Simulation::take_result() {
    RunResult result;
    result.scenario_name = spec_.name;
    result.scenario_yaml = spec_.resolved_yaml;
    result.scenario_path = spec_.source_path;
    result.seed = spec_.seed;
    result.version = STREETWISE_VERSION;
    result.city = &city_;
    result.steps = step_;
    result.step_s = spec_.time.step_s;
    result.residents = residents_.count();
    result.offenders = offenders_.count();
    result.police_units = police_.count();
    recorder_.fill(result);
    result.write_crime_events = spec_.output.events;
    return result;
}

}  // namespace streetwise
