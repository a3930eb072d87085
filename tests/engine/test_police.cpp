// The police force (issue 6): dispatch picks the free unit nearest by travel time on the street
// graph (not by straight-line distance), cars keep off footways, response times are the route's
// travel time, reports queue by priority when every unit is busy; patrol strategies see only the
// record; runs with the force are independent of the thread count and resume from checkpoints
// bit for bit; scenarios without it run exactly as before.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "sim/agents/police_force.hpp"
#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "sim/engine/checkpoint.hpp"
#include "sim/engine/dispatch.hpp"
#include "sim/engine/node_occupancy.hpp"
#include "sim/engine/run.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/io/run_file.hpp"
#include "sim/model/crime_type.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "test_support.hpp"

using namespace streetwise;
namespace fs = std::filesystem;

namespace {

// A hand-built town, coordinates in metres:
//
//   3 (0,1000) --50-- 2 (50,1000)
//   |                 |
//  1000             1000 (footway)
//   |                 |
//   0 (0,0)           1 (50,0)      4 (400,0) -- 400 -- 0 along the x axis
//   | 300 (footway)
//   5 (0,-300) -- 500 -- 6 (400,-300) -- 300 -- 4
//
// Node 1 is 50 m from the incident at 0 as the crow flies but 2,050 m by street; node 4 is 400 m by
// street. The only way from 5 to 0 without the footway is 5-6-4-0 (1,200 m). A police station at 4.
City test_town() {
    CityDraft draft;
    draft.name = "test town";
    draft.node_x_m = {0, 50, 50, 0, 400, 0, 400};
    draft.node_y_m = {0, 0, 1000, 1000, 0, -300, -300};
    auto street = [&](std::uint32_t a, std::uint32_t b, float length_m, RoadClass road_class) {
        CityDraft::Segment s;
        s.from = a;
        s.to = b;
        s.length_m = length_m;
        s.road_class = road_class;
        draft.segments.push_back(s);
    };
    street(0, 3, 1000, RoadClass::residential);  // 0
    street(3, 2, 50, RoadClass::residential);    // 1
    street(2, 1, 1000, RoadClass::footway);      // 2
    street(0, 4, 400, RoadClass::residential);   // 3
    street(0, 5, 300, RoadClass::footway);       // 4
    street(5, 6, 500, RoadClass::residential);   // 5
    street(6, 4, 300, RoadClass::residential);   // 6
    draft.districts.push_back({"town", LandUse::mixed});
    Place station;
    station.kind = PlaceKind::police_station;
    station.node = 4;
    station.segment = 3;
    draft.places.push_back(station);
    return City::build(draft, false);
}

UnitPosition at(std::uint32_t unit, UnitKind kind, std::uint32_t node) { return UnitPosition{unit, kind, node, no_arc, 0}; }

ScenarioSpec town_spec(int foot, int cars) {
    ScenarioSpec spec;
    spec.time.days = 1;
    spec.police.units = foot;
    spec.police.car_units = cars;
    spec.police.dispatch = true;
    spec.police.on_scene_min = 10;
    return spec;
}

RecordedCrime crime_at(std::uint32_t event, std::int64_t step, std::uint32_t node, CrimeType type) {
    return RecordedCrime{event, step, node, 0, static_cast<std::uint8_t>(type)};
}

}  // namespace

TEST_CASE("dispatch picks the unit nearest by travel time, not by distance", "[police][dispatch]") {
    const City town = test_town();
    const UnitTravel travel(town, 1.4, UnitTravel::car_speeds(PoliceSpec{}));
    StreetSearch search(travel);
    const std::vector<UnitPosition> units{at(7, UnitKind::foot, 1), at(9, UnitKind::foot, 4)};
    const UnitRoute route = search.nearest_unit(0, units);
    CHECK(route.unit == 9);
    CHECK(route.travel_s == Approx(400 / 1.4));
    REQUIRE(route.arcs.size() == 1);
    CHECK(town.arc_segment(route.arcs[0]) == 3);

    // Only the far one free: it comes the long way round, 2,050 m.
    const UnitRoute far = search.nearest_unit(0, std::vector<UnitPosition>{units[0]});
    CHECK(far.unit == 7);
    CHECK(far.travel_s == Approx(2050 / 1.4));
    CHECK(far.arcs.size() == 3);
}

TEST_CASE("cars drive roads only, at their road class's speed", "[police][dispatch]") {
    const City town = test_town();
    PoliceSpec police;
    const UnitTravel travel(town, 1.4, UnitTravel::car_speeds(police));
    StreetSearch search(travel);
    // A car at 5: the footway to 0 is 300 m, but it drives 5-6-4-0 (1,200 m at 8 m/s = 150 s); the
    // foot unit at 1 needs 2,050 m on foot (1,464 s).
    const std::vector<UnitPosition> units{at(0, UnitKind::foot, 1), at(1, UnitKind::car, 5)};
    const UnitRoute route = search.nearest_unit(0, units);
    CHECK(route.unit == 1);
    CHECK(route.travel_s == Approx(1200 / police.car_speed_mps.at("residential")));
    for (const std::uint32_t arc : route.arcs) CHECK(town.segment_road_class()[town.arc_segment(arc)] != RoadClass::footway);
    // A car cannot reach a node with footways only; an officer on foot can.
    const UnitRoute to_footway = search.nearest_unit(1, std::vector<UnitPosition>{units[1]});
    CHECK(to_footway.unit == no_unit);
    // An officer on foot at 5 takes the footway (300 m) rather than the road round.
    const UnitRoute walker = search.nearest_unit(0, std::vector<UnitPosition>{at(3, UnitKind::foot, 5)});
    CHECK(walker.travel_s == Approx(300 / 1.4));
}

TEST_CASE("a unit half way along a street turns back or goes on, whichever is quicker", "[police][dispatch]") {
    const City town = test_town();
    const UnitTravel travel(town, 1.4, UnitTravel::car_speeds(PoliceSpec{}));
    StreetSearch search(travel);
    // On 4 -> 0 (segment 3), 100 s out of 285.7 s: going on is quicker than turning back and round.
    std::uint32_t arc = no_arc;
    for (std::uint32_t a = town.arc_begin(4); a < town.arc_end(4); ++a)
        if (town.arc_target(a) == 0) arc = a;
    REQUIRE(arc != no_arc);
    const UnitPosition moving{5, UnitKind::foot, 4, arc, 100.0};
    const UnitRoute on = search.nearest_unit(0, std::vector<UnitPosition>{moving});
    CHECK_FALSE(on.turn_back);
    CHECK(on.arcs.empty());
    CHECK(on.travel_s == Approx(400 / 1.4 - 100));
    // To the station at 4 it turns back: 100 s.
    const UnitRoute back = search.nearest_unit(4, std::vector<UnitPosition>{moving});
    CHECK(back.turn_back);
    CHECK(back.travel_s == Approx(100));
}

TEST_CASE("response time equals the route's travel time from where the unit was", "[police][dispatch]") {
    const City town = test_town();
    const ScenarioSpec spec = town_spec(1, 0);
    PoliceForce force(spec, town, {});
    NodeOccupancy occupancy(town.node_count(), false);
    const CrimeRecord record(town.segment_count());
    const std::vector<std::uint8_t> active;
    std::vector<std::uint32_t> arrested;
    force.begin_step(0, active, record, occupancy);
    REQUIRE(force.count() == 1);
    CHECK(force.node(0) == 4);  // on duty at its station
    CHECK(occupancy.police_at(4) == 1);
    force.move(0, occupancy);  // a first step of random patrol: somewhere along a street
    // The quickest way from where it is now, as the search sees it.
    const UnitTravel travel(town, 1.4, UnitTravel::car_speeds(spec.police));
    StreetSearch search(travel);
    const double progress_s = force.progress_m(0) / 1.4;
    const UnitRoute expected = search.nearest_unit(
        3, std::vector<UnitPosition>{UnitPosition{0, UnitKind::foot, force.node(0), force.heading_arc(0), progress_s}});
    REQUIRE(expected.unit == 0);
    force.report(crime_at(0, 0, 3, CrimeType::robbery));
    force.end_step(0, occupancy, arrested);
    CHECK(force.state(0) == UnitState::responding);
    for (std::int64_t step = 1; step < 100 && force.state(0) == UnitState::responding; ++step) {
        force.begin_step(step, active, record, occupancy);
        force.move(step, occupancy);
        force.end_step(step, occupancy, arrested);
    }
    RunResult result;
    force.fill(result);
    REQUIRE(result.police.reports.size() == 1);
    const ReportOutcome& report = result.police.reports.front();
    REQUIRE(report.step_arrived > 0);
    CHECK(report.unit == 0);
    CHECK(force.node(0) == 3);
    CHECK(force.state(0) == UnitState::on_scene);
    CHECK(report.response_s == Approx(expected.travel_s).margin(1e-3));
    // The arrival (report time + response) falls inside the step it is recorded in.
    const double arrival_s = static_cast<double>(report.step_reported + 1) * 60 + report.response_s;
    CHECK(arrival_s >= static_cast<double>(report.step_arrived) * 60 - 1e-6);
    CHECK(arrival_s <= static_cast<double>(report.step_arrived + 1) * 60 + 1e-6);
}

TEST_CASE("a unit dispatched from its station arrives after exactly the travel time", "[police][dispatch]") {
    const City town = test_town();
    const ScenarioSpec spec = town_spec(1, 0);
    PoliceForce force(spec, town, {});
    NodeOccupancy occupancy(town.node_count(), false);
    const CrimeRecord record(town.segment_count());
    const std::vector<std::uint8_t> active;
    std::vector<std::uint32_t> arrested;
    force.begin_step(0, active, record, occupancy);
    // Reported before the unit ever moved: it leaves the station (node 4) in step 1.
    force.report(crime_at(0, 0, 0, CrimeType::robbery));
    force.end_step(0, occupancy, arrested);
    for (std::int64_t step = 1; step < 50; ++step) {
        force.begin_step(step, active, record, occupancy);
        force.move(step, occupancy);
        force.end_step(step, occupancy, arrested);
    }
    RunResult result;
    force.fill(result);
    REQUIRE(result.police.reports.size() == 1);
    const ReportOutcome& report = result.police.reports.front();
    CHECK(report.response_s == Approx(400 / 1.4).margin(1e-6));
    CHECK(report.step_arrived == 1 + static_cast<std::int64_t>(400 / 1.4 / 60));
    // On scene for on_scene_min (10 min), then back on patrol.
    CHECK(force.state(0) == UnitState::patrolling);
}

TEST_CASE("reports wait when every unit is busy and go in priority order", "[police][dispatch]") {
    const City town = test_town();
    const ScenarioSpec spec = town_spec(1, 0);
    PoliceForce force(spec, town, {});
    NodeOccupancy occupancy(town.node_count(), false);
    const CrimeRecord record(town.segment_count());
    const std::vector<std::uint8_t> active;
    std::vector<std::uint32_t> arrested;
    force.begin_step(0, active, record, occupancy);
    force.report(crime_at(0, 0, 6, CrimeType::vandalism));          // priority 3
    force.report(crime_at(1, 0, 0, CrimeType::theft_from_person));  // priority 2
    force.report(crime_at(2, 0, 3, CrimeType::robbery));            // priority 0, farthest away
    force.end_step(0, occupancy, arrested);
    CHECK(force.reports_waiting() == 2);
    std::vector<std::uint32_t> order;
    for (std::int64_t step = 1; step < 600; ++step) {
        force.begin_step(step, active, record, occupancy);
        force.move(step, occupancy);
        force.end_step(step, occupancy, arrested);
    }
    RunResult result;
    force.fill(result);
    const auto& reports = result.police.reports;
    REQUIRE(reports.size() == 3);
    for (const ReportOutcome& r : reports) REQUIRE(r.step_arrived >= 0);
    // Robbery first, then theft, then vandalism, however near the others were.
    CHECK(reports[2].step_arrived < reports[1].step_arrived);
    CHECK(reports[1].step_arrived < reports[0].step_arrived);
    CHECK(reports[0].response_s > reports[1].response_s);
    // Hourly: some reports waited.
    double waited = 0;
    for (const auto& column : result.hourly)
        if (column.name == "reports_waiting") waited = column.values.front();
    CHECK(waited > 0);
}

namespace {

ScenarioSpec busy_default(std::vector<std::string> extra) {
    std::vector<std::string> overrides{"residents.count=3000", "time.days=2", "offenders.base_probability=0.004",
                                       "time.start_weekday=4"};
    overrides.insert(overrides.end(), extra.begin(), extra.end());
    return load_scenario(test::scenario_path("default.yaml"), overrides);
}

const std::vector<std::string> police_on{"police.dispatch=true",     "police.strategy=hot_spot",
                                         "police.car_units=4",       "police.deterrence_radius_m=60",
                                         "police.on_duty_from_h=6",  "police.on_duty_to_h=2",
                                         "police.hot_spot.count=5"};

void require_same_files(const fs::path& a, const fs::path& b) {
    const auto datasets = list_run_file_datasets(a);
    REQUIRE(list_run_file_datasets(b) == datasets);
    for (const auto& dataset : datasets) {
        INFO("dataset " << dataset);
        CHECK(read_dataset_raw(a, dataset) == read_dataset_raw(b, dataset));
    }
    CHECK(test::read_bytes(a) == test::read_bytes(b));
}

}  // namespace

TEST_CASE("hot-spot patrol never targets a segment when nothing is reported", "[police][record]") {
    ScenarioSpec spec = busy_default({"police.strategy=hot_spot", "police.dispatch=true"});
    for (auto& type : spec.crime.types) type.reporting_probability = 0;
    const City city = make_city(spec.city);
    Simulation simulation(spec, city);
    while (!simulation.finished()) {
        simulation.step();
        REQUIRE(simulation.police_force() != nullptr);
        CHECK(simulation.police_force()->targets().empty());
        for (std::uint32_t u = 0; u < simulation.police_force()->count(); ++u)
            REQUIRE(simulation.police_force()->patrol_target(u) == UINT32_MAX);
    }
    CHECK(simulation.record().crimes().empty());
    const RunResult result = simulation.take_result();
    CHECK(result.crimes.size() > 50);  // true crime there was
    CHECK(result.police.reports.empty());
    for (const double m : result.police.segment_hot_spot_minutes) CHECK(m == 0);
}

TEST_CASE("patrol targets follow the record, not true crime", "[police][record]") {
    // Two runs whose true crime differs only in what nobody reported have the same record up to the
    // first step the police act differently; here the strategy is fed the same record directly.
    const ScenarioSpec spec = busy_default({"police.strategy=hot_spot", "police.dispatch=true"});
    const City city = make_city(spec.city);
    Simulation simulation(spec, city);
    for (int s = 0; s < 24 * 60; ++s) simulation.step();
    const CrimeRecord& record = simulation.record();
    REQUIRE(record.crimes().size() > 5);
    // Every target has recorded crime; every recorded crime is a reported event.
    const auto& events = simulation.recorder().events();
    for (const RecordedCrime& crime : record.crimes()) {
        REQUIRE(crime.event < events.size());
        CHECK(events[crime.event].reported == 1);
        CHECK(events[crime.event].segment == crime.segment);
    }
    for (const std::uint32_t target : simulation.police_force()->targets()) CHECK(record.count_on(target) > 0);
    // Unreported crime on a segment does not make it a target.
    std::uint32_t unreported_only = UINT32_MAX;
    for (const CrimeEvent& e : events)
        if (!e.reported && record.count_on(e.segment) == 0) unreported_only = e.segment;
    if (unreported_only != UINT32_MAX)
        for (const std::uint32_t target : simulation.police_force()->targets()) CHECK(target != unreported_only);
}

TEST_CASE("scenarios without the police force keep the random walkers of before", "[police][default]") {
    const ScenarioSpec defaults = load_scenario(test::scenario_path("default.yaml"), {"residents.count=2000", "time.days=1"});
    const ScenarioSpec explicit_random = load_scenario(
        test::scenario_path("default.yaml"),
        {"residents.count=2000", "time.days=1", "police.strategy=random", "police.dispatch=false", "police.car_units=0",
         "police.on_duty_from_h=0", "police.on_duty_to_h=24", "police.deterrence_radius_m=0"});
    CHECK_FALSE(PoliceForce::needed(defaults));
    CHECK_FALSE(PoliceForce::needed(explicit_random));
    const City city = make_city(defaults.city);
    Simulation a(defaults, city), b(explicit_random, city);
    CHECK(a.police_force() == nullptr);
    CHECK(a.police().count() == 20);
    const RunResult ra = run_simulation(defaults, city, {});
    const RunResult rb = run_simulation(explicit_random, city, {});
    REQUIRE(ra.crimes.size() == rb.crimes.size());
    for (std::size_t i = 0; i < ra.crimes.size(); ++i) {
        CHECK(ra.crimes[i].step == rb.crimes[i].step);
        CHECK(ra.crimes[i].offender == rb.crimes[i].offender);
        CHECK(ra.crimes[i].node == rb.crimes[i].node);
    }
    CHECK_FALSE(ra.police.present);
    for (std::size_t c = 0; c < ra.hourly.size(); ++c) CHECK(ra.hourly[c].values == rb.hourly[c].values);
}

TEST_CASE("runs with the police force do not depend on the thread count", "[police][determinism][threads]") {
    const ScenarioSpec spec = busy_default(police_on);
    const City city = make_city(spec.city);
    test::ScratchDir dir("police-threads");
    std::vector<fs::path> files;
    for (const int threads : {1, 2}) {
        RunOptions options;
        options.threads = threads;
        const RunResult result = run_simulation(spec, city, options);
        REQUIRE(result.police.present);
        REQUIRE(result.police.reports.size() > 20);
        files.push_back(dir / ("t" + std::to_string(threads) + ".h5"));
        write_run_file(files.back(), result);
    }
    require_same_files(files[0], files[1]);
}

TEST_CASE("a run with dispatch and hot-spot patrol resumes from a checkpoint bit for bit", "[police][checkpoint]") {
    const ScenarioSpec spec = busy_default(police_on);
    const City city = make_city(spec.city);
    test::ScratchDir dir("police-checkpoint");
    RunOptions whole;
    whole.threads = 2;
    const RunResult full = run_simulation(spec, city, whole);
    write_run_file(dir / "full.h5", full);
    for (const std::int64_t k : {std::int64_t{1}, std::int64_t{1500}}) {
        RunOptions first;
        first.checkpoint.file = dir / ("k" + std::to_string(k) + ".ckpt");
        first.checkpoint.stop_at_step = k;
        run_simulation(spec, city, first);
        const Checkpoint checkpoint = read_checkpoint(first.checkpoint.file);
        const ScenarioSpec resumed_spec = checkpoint_scenario(checkpoint);
        const City resumed_city = make_city(resumed_spec.city);
        RunOptions second;
        second.threads = 1;
        const RunResult resumed = run_from_checkpoint(checkpoint, resumed_spec, resumed_city, second);
        const fs::path file = dir / ("k" + std::to_string(k) + ".h5");
        write_run_file(file, resumed);
        require_same_files(dir / "full.h5", file);
    }
}

TEST_CASE("arrested offenders stay off the streets", "[police][arrest]") {
    const ScenarioSpec spec = busy_default({"police.dispatch=true", "police.arrest.probability_at_0=1",
                                            "police.arrest.decay_s=1e6", "police.arrest.days=30"});
    const City city = make_city(spec.city);
    const RunResult result = run_simulation(spec, city, {});
    std::vector<std::int64_t> arrested_at(spec.offenders.count, -1);
    std::size_t arrests = 0;
    for (const ReportOutcome& r : result.police.reports) {
        if (!r.arrested) continue;
        ++arrests;
        const std::uint32_t offender = result.crimes[r.event].offender;
        if (arrested_at[offender] < 0) arrested_at[offender] = r.step_arrived;
    }
    REQUIRE(arrests > 5);
    for (const CrimeEvent& e : result.crimes)
        if (arrested_at[e.offender] >= 0) CHECK(static_cast<std::int64_t>(e.step) <= arrested_at[e.offender]);
}

TEST_CASE("extra units and strategy switches act inside their windows", "[police][interventions]") {
    const ScenarioSpec spec = busy_default(
        {"interventions=[{kind: extra_units, district: Old Quarter, units: 6, unit_kind: car, from_day: 1}, "
         "{kind: patrol_strategy, strategy: hot_spot, daily_from_h: 18, daily_to_h: 6}]"});
    const City city = make_city(spec.city);
    Simulation simulation(spec, city);
    REQUIRE(simulation.police_force() != nullptr);
    CHECK(simulation.police_force()->count() == 26);
    while (!simulation.finished()) {
        simulation.step();
        const std::int64_t minute = (simulation.current_step() - 1) % 1440;
        const bool day1 = simulation.current_step() - 1 >= 1440;
        CHECK(simulation.police_force()->units_on_duty() == (day1 ? 26u : 20u));
        // A window over midnight belongs to the day it starts on: day 0 before 06:00 is not in it.
        const bool night = minute >= 18 * 60 || (minute < 6 * 60 && day1);
        CHECK((simulation.police_force()->strategy_now() == PatrolStrategy::hot_spot) == night);
    }
}
