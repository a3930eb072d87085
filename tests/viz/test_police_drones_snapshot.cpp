// The police force and drones in the visualiser's snapshots: units on the street with their kind,
// drones only while airborne with their cameras' footprints, a dispatch line per unit on its way,
// and the response times the engine measured. A small day with dispatch, hot-spot patrol, cars,
// a first-responder fleet and a patrolling fleet.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "sim/city/city_source.hpp"
#include "sim/engine/run.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/io/run_file.hpp"
#include "test_support.hpp"
#include "viz/core/replay_source.hpp"
#include "viz/core/snapshot_builder.hpp"
#include "viz/core/street_live_model.hpp"
#include "viz_test_support.hpp"

using namespace streetwise;
using namespace streetwise::viz;

namespace {

ScenarioSpec police_drones_spec() {
    ScenarioSpec spec = test::small_viz_spec({"police.dispatch=true", "police.strategy=hot_spot", "police.car_units=4",
                                              "police.units=12", "police.on_duty_from_h=6", "police.on_duty_to_h=23"});
    DroneFleetSpec responders;
    responders.mode = DroneMode::first_responder;
    responders.name = "responders";
    responders.base_district = "City Centre";
    responders.count = 3;
    responders.speed_mps = 20;
    responders.camera_radius_m = 60;
    responders.dwell_min = 10;
    spec.drones.fleets.push_back(responders);
    DroneFleetSpec patrol;
    patrol.mode = DroneMode::patrol;
    patrol.name = "patrol";
    patrol.district = "Old Quarter";
    patrol.base_district = "City Centre";
    patrol.count = 4;
    patrol.max_airborne = 2;  // so some drones are always on the ground
    patrol.camera_radius_m = 100;
    spec.drones.fleets.push_back(patrol);
    return spec;
}

// Where a unit is drawn: its node, or part-way along the arc it travels.
std::pair<double, double> unit_position(const City& city, const PoliceForce& force, std::uint32_t u) {
    double x = city.node_x_m()[force.node(u)], y = city.node_y_m()[force.node(u)];
    const std::uint32_t arc = force.heading_arc(u);
    if (arc != no_arc) {
        const std::uint32_t to = city.arc_target(arc);
        const double t = std::clamp(static_cast<double>(force.progress_m(u) / city.arc_length_m(arc)), 0.0, 1.0);
        x += (city.node_x_m()[to] - x) * t;
        y += (city.node_y_m()[to] - y) * t;
    }
    return {x, y};
}

}  // namespace

TEST_CASE("police and drones snapshot: units, drones, footprints and dispatch lines match the engine", "[viz][police][drones]") {
    const ScenarioSpec spec = police_drones_spec();
    const City city = make_city(spec.city);
    Simulation simulation(spec, city);
    REQUIRE(simulation.police_force() != nullptr);
    const PoliceForce& force = *simulation.police_force();
    const DroneFleets& drones = simulation.drones();
    SnapshotBuilder builder;
    FrameSnapshot s;

    std::size_t max_dispatch = 0, max_airborne = 0, cars_seen = 0, foot_seen = 0, docked_seen = 0, off_duty_seen = 0;
    while (!simulation.finished()) {
        for (int i = 0; i < 7 && !simulation.finished(); ++i) simulation.step();
        builder.fill(simulation, s);
        INFO("step " << s.step);
        CHECK(s.police_force);
        CHECK(s.police_units == force.count());
        CHECK(s.reports_waiting == force.reports_waiting());
        CHECK(s.drone_fleets == 2);
        CHECK(s.drones_total == 7);

        // Units: every unit on the street once, with its kind and position; none off duty.
        std::set<std::uint32_t> units_seen;
        for (const AgentPoint& a : s.agents) {
            if (a.kind != AgentKind::police && a.kind != AgentKind::police_car) continue;
            REQUIRE(a.id < force.count());
            CHECK(units_seen.insert(a.id).second);
            CHECK(force.on_street(a.id));
            CHECK((a.kind == AgentKind::police_car) == (force.kind(a.id) == UnitKind::car));
            const auto [x, y] = unit_position(city, force, a.id);
            CHECK(a.x_m == Approx(x).margin(0.01));
            CHECK(a.y_m == Approx(y).margin(0.01));
            (a.kind == AgentKind::police_car ? cars_seen : foot_seen) += 1;
        }
        std::size_t on_street = 0;
        for (std::uint32_t u = 0; u < force.count(); ++u) on_street += force.on_street(u);
        CHECK(units_seen.size() == on_street);
        off_duty_seen += force.count() - on_street;

        // Drones: the airborne ones only, each with its fleet's camera footprint.
        std::vector<const DroneFleets::Drone*> by_id;
        std::vector<double> radius_of;
        std::size_t airborne = 0;
        for (const auto& fleet : drones.fleets())
            for (const auto& drone : fleet.drones) {
                by_id.push_back(&drone);
                radius_of.push_back(fleet.spec.camera_radius_m);
                airborne += drone.state != DroneFleets::State::docked;
            }
        std::size_t drone_points = 0;
        for (const AgentPoint& a : s.agents) {
            if (a.kind != AgentKind::drone) continue;
            ++drone_points;
            REQUIRE(a.id < by_id.size());
            CHECK(by_id[a.id]->state != DroneFleets::State::docked);
            CHECK(a.x_m == Approx(by_id[a.id]->at.x_m).margin(0.01));
            CHECK(a.y_m == Approx(by_id[a.id]->at.y_m).margin(0.01));
        }
        CHECK(drone_points == airborne);
        REQUIRE(s.camera_footprints.size() == airborne);
        for (const CameraFootprint& f : s.camera_footprints) {
            const bool under_a_drone = std::any_of(s.agents.begin(), s.agents.end(), [&](const AgentPoint& a) {
                return a.kind == AgentKind::drone && a.x_m == f.x_m && a.y_m == f.y_m &&
                       f.radius_m == static_cast<float>(radius_of[a.id]);
            });
            CHECK(under_a_drone);
            CHECK(f.radius_m == static_cast<float>(spec.drones.fleets[f.fleet].camera_radius_m));
        }
        max_airborne = std::max(max_airborne, airborne);
        docked_seen += by_id.size() - airborne;

        // Dispatch: one line per responding unit, from where it is to its report's intersection.
        std::size_t responding = 0;
        for (std::uint32_t u = 0; u < force.count(); ++u) responding += force.state(u) == UnitState::responding;
        REQUIRE(s.dispatch_lines.size() == responding);
        std::set<std::uint32_t> dispatched;
        for (const DispatchLine& d : s.dispatch_lines) {
            CHECK(dispatched.insert(d.unit).second);
            CHECK(force.state(d.unit) == UnitState::responding);
            REQUIRE(d.report < force.reports().size());
            CHECK(force.outcomes()[d.report].unit == d.unit);
            const std::uint32_t node = force.reports()[d.report].node;
            CHECK(d.to_x_m == static_cast<float>(city.node_x_m()[node]));
            CHECK(d.to_y_m == static_cast<float>(city.node_y_m()[node]));
            const auto [x, y] = unit_position(city, force, d.unit);
            CHECK(d.from_x_m == Approx(x).margin(0.01));
            CHECK(d.from_y_m == Approx(y).margin(0.01));
        }
        max_dispatch = std::max(max_dispatch, responding);

        // Response times so far: the engine's, in report order.
        std::vector<double> arrived;
        for (const ReportOutcome& o : force.outcomes())
            if (o.step_arrived >= 0) arrived.push_back(o.response_s);
        REQUIRE(s.police_responses.size() == arrived.size());
        for (std::size_t i = 0; i < arrived.size(); ++i) {
            CHECK(s.police_responses[i].response_s == arrived[i]);
            CHECK(s.police_responses[i].arrival_h <= s.hours_elapsed() + 1e-9);
        }
        REQUIRE(s.drone_responses.size() == drones.responses().size());
        for (std::size_t i = 0; i < drones.responses().size(); ++i)
            CHECK(s.drone_responses[i].response_s == drones.responses()[i].response_s);
    }
    // The day exercised all of it: cars and officers on foot, units on their way to reports, drones
    // in the air and on the ground, units off duty overnight, arrivals of both.
    CHECK(cars_seen > 0);
    CHECK(foot_seen > 0);
    CHECK(max_dispatch > 0);
    CHECK(max_airborne > 0);
    CHECK(docked_seen > 0);
    CHECK(off_duty_seen > 0);
    CHECK(s.police_responses.size() > 5);
    CHECK(s.drone_responses.size() > 5);
    // The random walkers stand in for police only without a force.
    CHECK(simulation.police().count() == 0);
}

TEST_CASE("police and drones snapshot: the response times at the end are the run result's", "[viz][police][drones]") {
    const ScenarioSpec spec = police_drones_spec();
    const City city = make_city(spec.city);
    StreetLiveModel live(spec, city);
    while (!live.finished()) live.step();
    FrameSnapshot s;
    live.fill(s);
    const RunResult result = live.take_result();
    REQUIRE(result.police.present);
    std::vector<double> police;
    for (const ReportOutcome& o : result.police.reports)
        if (o.step_arrived >= 0) police.push_back(o.response_s);
    std::vector<double> shown;
    for (const ResponseTime& r : s.police_responses) shown.push_back(r.response_s);
    CHECK(shown == police);
    shown.clear();
    for (const ResponseTime& r : s.drone_responses) shown.push_back(r.response_s);
    std::vector<double> drone;
    for (const DroneResponse& r : result.drones.responses) drone.push_back(r.response_s);
    CHECK(shown == drone);
    REQUIRE_FALSE(drone.empty());
    // Arrival hours: report time plus the response (police count from the end of the report's step,
    // drones from its start).
    for (std::size_t i = 0; i < result.drones.responses.size(); ++i) {
        const DroneResponse& r = result.drones.responses[i];
        CHECK(s.drone_responses[i].arrival_h ==
              Approx((static_cast<double>(r.step_reported) * spec.time.step_s + r.response_s) / 3600.0));
    }
}

TEST_CASE("police and drones snapshot: none of it without a force or drones", "[viz][police][drones]") {
    const ScenarioSpec spec = test::small_viz_spec();
    const City city = make_city(spec.city);
    StreetLiveModel live(spec, city);
    for (int i = 0; i < 600; ++i) live.step();
    FrameSnapshot s;
    live.fill(s);
    CHECK_FALSE(s.police_force);
    CHECK(s.drone_fleets == 0);
    CHECK_FALSE(s.has_responses_chart());
    CHECK(s.dispatch_lines.empty());
    CHECK(s.camera_footprints.empty());
    CHECK(s.police_responses.empty());
    // Police are the random walkers, drawn as before.
    const auto police = std::count_if(s.agents.begin(), s.agents.end(), [](const AgentPoint& a) { return a.kind == AgentKind::police; });
    CHECK(police == spec.police.units);
    CHECK(std::none_of(s.agents.begin(), s.agents.end(),
                       [](const AgentPoint& a) { return a.kind == AgentKind::police_car || a.kind == AgentKind::drone; }));
}

TEST_CASE("police and drones snapshot: a replay shows the run file's hourly mean response time", "[viz][police][replay]") {
    test::ScratchDir dir("replay-police");
    const ScenarioSpec spec = police_drones_spec();
    const City city = make_city(spec.city);
    write_run_file(dir / "run.h5", run_simulation(spec, city, RunOptions{}));
    const RunFileContents contents = read_run_file(dir / "run.h5");
    const auto column = std::find_if(contents.hourly.begin(), contents.hourly.end(),
                                     [](const TimeSeriesColumn& c) { return c.name == "response_mean_s"; });
    REQUIRE(column != contents.hourly.end());
    ReplaySource replay(dir / "run.h5");
    replay.seek(10 * 60 + 30);  // 10:30: the hours 0-9 are complete
    replay.update(0);
    const FrameSnapshot& s = replay.snapshot();
    CHECK(s.police_force);
    CHECK(s.has_responses_chart());
    CHECK(s.police_responses.empty());  // the run file reader does not read /events/reports
    REQUIRE(s.police_response_hourly_mean_s.size() == 10);
    for (std::size_t h = 0; h < 10; ++h) CHECK(s.police_response_hourly_mean_s[h] == column->values[h]);
    CHECK(s.agents.empty());
    CHECK(s.dispatch_lines.empty());
    replay.seek(spec.total_steps());
    replay.update(0);
    CHECK(replay.snapshot().police_response_hourly_mean_s == column->values);
}
