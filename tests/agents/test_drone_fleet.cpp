// Drone fleets flown on their own (no Simulation around them): batteries, no-fly zones, the cap on
// flights, the flying window, first responders' arrival times and the privacy footprint, each
// checked step by step against what they must be.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/agents/drone_fleet.hpp"
#include "sim/agents/residents.hpp"
#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/node_occupancy.hpp"
#include "sim/model/intervention.hpp"
#include "sim/scenario/scenario_loader.hpp"

using namespace streetwise;
using State = DroneFleets::State;

namespace {

// A 2 km square lattice: nodes 100 m apart, node id = y * 21 + x, (0, 0) at node 0.
ScenarioSpec lattice_spec() {
    ScenarioSpec spec;
    spec.city.source = CitySource::lattice;
    spec.city.lattice.width = 21;
    spec.city.lattice.height = 21;
    spec.city.lattice.edge_length_m = 100;
    spec.residents.count = 2000;
    spec.residents.home_placement = PlacementRule::uniform_nodes;
    spec.residents.work_placement = PlacementRule::uniform_nodes;
    spec.time.days = 3;
    return spec;
}

DroneFleetSpec fleet(DroneMode mode, int count) {
    DroneFleetSpec f;
    f.mode = mode;
    f.count = count;
    return f;
}

NoFlyZoneSpec polygon_zone(std::vector<double> xy) {
    NoFlyZoneSpec z;
    z.kind = NoFlyZoneKind::polygon;
    z.polygon_xy_m = std::move(xy);
    return z;
}

// A record with crimes on a few segments, growing as the steps go (so hot spots change).
struct ReportFeed {
    CrimeRecord record;
    std::vector<PoliceReport> reports;
    std::uint32_t next_id = 0;
    explicit ReportFeed(const City& city) : record(city.segment_count()) {}
    // One report every `every` steps, at a node drawn from the step.
    std::span<const PoliceReport> at(const City& city, std::int64_t step, int every) {
        reports.clear();
        if (step % every != 0) return reports;
        const auto node = static_cast<std::uint32_t>((step * 7919) % city.node_count());
        const std::uint32_t segment = city.arc_segment(city.arc_begin(node));
        record.add(RecordedCrime{next_id, step, node, segment, 0});
        PoliceReport r;
        r.id = next_id++;
        r.event = r.id;
        r.step_reported = step;
        r.node = node;
        r.segment = segment;
        reports.push_back(r);
        return reports;
    }
};

// Every point of a drone's remaining path, 0.5 m apart, outside every zone in force.
void require_path_clear(const DroneFleets::Drone& drone, const Airspace& airspace) {
    PlanePoint from = drone.at;
    for (std::size_t i = drone.next_leg; i < drone.legs.size(); ++i) {
        const PlanePoint to = drone.legs[i];
        const int samples = static_cast<int>(distance_m(from, to) / 0.5) + 1;
        for (int k = 0; k <= samples; ++k) {
            const double t = static_cast<double>(k) / samples;
            const PlanePoint p{from.x_m + t * (to.x_m - from.x_m), from.y_m + t * (to.y_m - from.y_m)};
            for (std::size_t z = 0; z < airspace.zone_count(); ++z)
                if (airspace.in_force(z)) REQUIRE_FALSE(strictly_inside(airspace.zone(z), p, 1e-9));
        }
        from = to;
    }
}

// Flies every step of the spec, checking after each one: batteries within [0, capacity], no drone
// inside a zone in force and no remaining leg through one, the cap on flights, nothing flying out
// of the window but drones on their way home, docked drones at their base.
void fly_and_check(const ScenarioSpec& spec, const City& city, int report_every, bool expect_zones_used) {
    DroneFleets drones(spec, city);
    ReportFeed feed(city);
    std::vector<std::uint64_t> flights_before(drones.fleets().size(), 0);
    std::uint64_t checks = 0;
    for (std::int64_t step = 0; step < spec.total_steps(); ++step) {
        drones.fly(step, feed.record, feed.at(city, step, report_every));
        for (std::size_t f = 0; f < drones.fleets().size(); ++f) {
            const auto& fl = drones.fleets()[f];
            const double capacity_s = fl.spec.battery_min * 60.0;
            std::uint32_t airborne = 0;
            InterventionSpec window;
            window.from_day = fl.spec.from_day;
            window.to_day = fl.spec.to_day;
            window.daily_from_h = fl.spec.daily_from_h;
            window.daily_to_h = fl.spec.daily_to_h;
            const bool open = intervention_active(window, step * spec.time.step_s);
            for (const auto& d : fl.drones) {
                INFO("step " << step << ", fleet " << f);
                REQUIRE(d.battery_s >= 0.0);
                REQUIRE(d.battery_s <= capacity_s);
                airborne += d.state != State::docked;
                if (d.state == State::docked) {
                    REQUIRE(d.at.x_m == fl.base.x_m);
                    REQUIRE(d.at.y_m == fl.base.y_m);
                }
                if (!open) REQUIRE((d.state == State::docked || d.state == State::returning));
                REQUIRE(drones.airspace().zone_containing(d.at) < 0);
                if (d.state != State::docked) require_path_clear(d, drones.airspace());
                ++checks;
            }
            REQUIRE(airborne == fl.airborne);
            REQUIRE(airborne <= fl.cap);
            if (!open) REQUIRE(fl.flights == flights_before[f]);  // no take-off outside the window
            flights_before[f] = fl.flights;
        }
    }
    REQUIRE(checks > 0);
    double flown_s = 0;
    for (const auto& fl : drones.fleets()) flown_s += fl.flight_s;
    CHECK(flown_s > 3600.0);  // they did fly
    if (expect_zones_used) {
        bool any = false;
        for (std::size_t z = 0; z < drones.airspace().zone_count(); ++z) any = any || drones.airspace().in_force(z);
        CHECK((any || spec.drones.no_fly_zones.empty()));
    }
}

}  // namespace

TEST_CASE("drones: batteries, no-fly zones, the cap and the window hold at every step", "[agents][drones]") {
    ScenarioSpec spec = lattice_spec();
    const City city = make_city(spec.city);
    // Patrols over the whole city from a corner, hot spots and first responders from the middle;
    // short batteries so every drone turns home many times; nights only for the patrol.
    DroneFleetSpec patrol = fleet(DroneMode::patrol, 6);
    patrol.base_node = 0;
    patrol.battery_min = 12;
    patrol.recharge_min = 10;
    patrol.reserve_min = 1;
    patrol.max_airborne = 3;
    patrol.daily_from_h = 20;
    patrol.daily_to_h = 4;
    patrol.speed_mps = 12;
    DroneFleetSpec hot = fleet(DroneMode::hot_spots, 3);
    hot.battery_min = 9;
    hot.recharge_min = 5;
    hot.dwell_min = 3;
    hot.hot_spot_count = 6;
    hot.base_node = 20;  // (2000, 0)
    DroneFleetSpec responders = fleet(DroneMode::first_responder, 4);
    responders.base_xy_m = {1900, 1900};
    responders.battery_min = 8;
    responders.max_airborne = 2;
    spec.drones.fleets = {patrol, hot, responders};

    SECTION("no zones") { fly_and_check(spec, city, 7, false); }
    SECTION("a wall between the bases and most targets") {
        spec.drones.no_fly_zones = {polygon_zone({300, 200, 1700, 200, 1700, 400, 300, 400})};
        fly_and_check(spec, city, 7, true);
    }
    SECTION("several zones, one of them in force only at night, one non-convex") {
        NoFlyZoneSpec night = polygon_zone({820, 820, 1180, 820, 1180, 1180, 820, 1180});
        night.daily_from_h = 22;
        night.daily_to_h = 3;
        spec.drones.no_fly_zones = {
            polygon_zone({150, 1450, 650, 1450, 650, 1750, 550, 1750, 550, 1550, 250, 1550, 250, 1750, 150, 1750}),
            polygon_zone({1450, 250, 1750, 320, 1600, 700}), night};
        fly_and_check(spec, city, 5, true);
    }
}

TEST_CASE("drones: a base inside a zone, an unknown district or node is an input error", "[agents][drones]") {
    ScenarioSpec spec = lattice_spec();
    const City city = make_city(spec.city);
    DroneFleetSpec f = fleet(DroneMode::patrol, 1);
    f.base_xy_m = {1000, 1000};
    spec.drones.fleets = {f};
    spec.drones.no_fly_zones = {polygon_zone({900, 900, 1100, 900, 1100, 1100, 900, 1100})};
    CHECK_THROWS_AS(DroneFleets(spec, city), InputError);
    spec.drones.no_fly_zones.clear();
    spec.drones.fleets[0].base_node = 100000;
    spec.drones.fleets[0].base_xy_m.clear();
    CHECK_THROWS_AS(DroneFleets(spec, city), InputError);
    spec.drones.fleets[0].base_node = -1;
    spec.drones.fleets[0].district = "Nowhere";
    CHECK_THROWS_AS(DroneFleets(spec, city), InputError);
}

TEST_CASE("drones: a first responder is over the scene distance / speed after the report", "[agents][drones]") {
    ScenarioSpec spec = lattice_spec();
    const City city = make_city(spec.city);
    DroneFleetSpec f = fleet(DroneMode::first_responder, 1);
    f.base_node = 0;  // (0, 0)
    f.speed_mps = 10;
    spec.drones.fleets = {f};
    const std::uint32_t scene = 20 * 21 + 15;  // (1500, 2000)
    const double straight_m = std::hypot(1500.0, 2000.0);

    auto respond = [&](const ScenarioSpec& s) {
        DroneFleets drones(s, city);
        CrimeRecord record(city.segment_count());
        PoliceReport report;
        report.id = 0;
        report.step_reported = 10;
        report.node = scene;
        std::vector<PoliceReport> none, one{report};
        for (std::int64_t step = 0; step < 60; ++step)
            drones.fly(step, record, step == 10 ? std::span<const PoliceReport>(one) : std::span<const PoliceReport>(none));
        REQUIRE(drones.responses().size() == 1);
        return drones.responses()[0].response_s;
    };
    SECTION("straight") { CHECK(respond(spec) == Approx(straight_m / 10.0).epsilon(1e-9)); }
    SECTION("around a zone across the line: the hand-computed detour") {
        // A square of 200 m centred on the line's midpoint (750, 1000), turned with the line so
        // that the detour is round two corners: half-width w = 100 along and across.
        const double ux = 1500.0 / straight_m, uy = 2000.0 / straight_m;  // along the line
        const double vx = -uy, vy = ux;                                    // across it
        const double cx = 750, cy = 1000, w = 100;
        auto corner = [&](double a, double b) { return std::vector<double>{cx + a * ux + b * vx, cy + a * uy + b * vy}; };
        std::vector<double> xy;
        for (const auto& c : {corner(-w, -w), corner(w, -w), corner(w, w), corner(-w, w)}) xy.insert(xy.end(), c.begin(), c.end());
        ScenarioSpec zoned = spec;
        zoned.drones.no_fly_zones = {polygon_zone(xy)};
        const double half = straight_m / 2;
        const double detour_m = 2 * std::hypot(half - w, w) + 2 * w;
        CHECK(respond(zoned) == Approx(detour_m / 10.0).margin(0.01));
    }
}

TEST_CASE("drones: hot spots are the recorded crime's top streets, in turn", "[agents][drones]") {
    ScenarioSpec spec = lattice_spec();
    const City city = make_city(spec.city);
    DroneFleetSpec f = fleet(DroneMode::hot_spots, 2);
    f.hot_spot_count = 2;
    f.dwell_min = 5;
    spec.drones.fleets = {f};
    DroneFleets drones(spec, city);
    CrimeRecord record(city.segment_count());
    // Segment 40: 5 recorded crimes, 300: 3, 700: 1 (not in the top 2).
    std::uint32_t id = 0;
    for (const auto& [segment, n] : std::vector<std::pair<std::uint32_t, int>>{{40, 5}, {300, 3}, {700, 1}})
        for (int k = 0; k < n; ++k) record.add(RecordedCrime{id++, 0, city.segment_from()[segment], segment, 0});
    auto midpoint = [&](std::uint32_t s) {
        const auto a = city.segment_from()[s], b = city.segment_to()[s];
        return PlanePoint{(city.node_x_m()[a] + city.node_x_m()[b]) / 2, (city.node_y_m()[a] + city.node_y_m()[b]) / 2};
    };
    std::set<std::uint32_t> seen;
    for (std::int64_t step = 1; step < 600; ++step) {
        drones.fly(step, record, {});
        for (const auto& d : drones.fleets()[0].drones) {
            if (d.state != State::on_station) continue;
            bool matched = false;
            for (const std::uint32_t s : {40u, 300u})
                if (distance_m(d.at, midpoint(s)) < 1e-6) {
                    matched = true;
                    seen.insert(s);
                }
            REQUIRE(matched);  // hovering anywhere else would be a target not taken from the record's top 2
        }
    }
    CHECK(seen == std::set<std::uint32_t>{40, 300});
}

TEST_CASE("drones: privacy minutes equal a hand count of walkers under the cameras", "[agents][drones]") {
    ScenarioSpec spec = lattice_spec();
    spec.time.days = 1;
    const City city = make_city(spec.city);
    DroneFleetSpec f = fleet(DroneMode::patrol, 5);
    f.camera_radius_m = 150;
    f.dwell_min = 1;
    spec.drones.fleets = {f};
    NodeOccupancy occupancy(city.node_count(), false);
    Residents residents(spec, city, occupancy);
    DroneFleets drones(spec, city);
    CrimeRecord record(city.segment_count());
    std::vector<Residents::WalkerPosition> walkers;
    std::array<double, 8> by_group{};
    for (std::int64_t step = 0; step < spec.total_steps(); ++step) {
        residents.wake_due(step, occupancy);
        residents.move(step, occupancy);
        residents.settle_arrivals(step, occupancy);
        // The hand count: every walker at a node within the radius of a drone in the air, by brute force.
        walkers.clear();
        residents.append_walker_positions(walkers);
        std::uint64_t here = 0;
        for (const auto& w : walkers) {
            const PlanePoint node{city.node_x_m()[w.from_node], city.node_y_m()[w.from_node]};
            bool seen = false;
            for (const auto& d : drones.fleets()[0].drones)
                seen = seen || (d.state != State::docked && distance_m(d.at, node) <= f.camera_radius_m);
            if (!seen) continue;
            ++here;
            const ResidentTraits& t = residents.traits(w.resident);
            by_group[0] += 1;
            by_group[t.female ? 1 : 2] += 1;
            by_group[3 + t.age_band] += 1;
            by_group[t.minority ? 7 : 6] += 1;
        }
        drones.observe(step, residents, occupancy);
        REQUIRE(drones.residents_under_camera() == here);
        drones.fly(step, record, {});
    }
    RunResult result;
    drones.fill(result);
    REQUIRE(result.drones.privacy_minutes.size() == 8);
    CHECK(by_group[0] > 100);  // the test means something
    for (std::size_t g = 0; g < 8; ++g) {
        double total = 0;
        for (const double m : result.drones.privacy_minutes[g]) total += m;
        CHECK(total == by_group[g]);  // 60 s steps: one resident-step is one resident-minute
    }
}
