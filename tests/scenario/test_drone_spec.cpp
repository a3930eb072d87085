// drones: and no_fly_zones: lists of records, read and checked like interventions.
#include <catch2/catch.hpp>

#include "sim/core/input_error.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "test_support.hpp"

using namespace streetwise;
using Catch::Matchers::Contains;

namespace {

ScenarioSpec from_yaml(const std::string& text, const std::vector<std::string>& overrides = {}) {
    return load_scenario_text(text, "drones.yaml", overrides);
}

const char* const fleets = R"(name: drones
drones:
  - mode: patrol
    name: "night patrol"
    district: "Old Quarter"
    base_xy_m: [100.5, -20]
    count: 4
    daily_from_h: 21
    daily_to_h: 5
    deterrence: 0.8
  - mode: first_responder
    base_node: 12
no_fly_zones:
  - kind: district
    district: "Central Park"
    margin_m: 25
  - kind: polygon
    polygon_xy_m: [[0, 0], [100, 0], [100, 50]]
    daily_from_h: 22
    daily_to_h: 6
)";

}  // namespace

TEST_CASE("drones: fleets and zones are read with their defaults and where they were written", "[scenario][drones]") {
    const ScenarioSpec spec = from_yaml(fleets);
    REQUIRE(spec.drones.fleets.size() == 2);
    const DroneFleetSpec& patrol = spec.drones.fleets[0];
    CHECK(patrol.mode == DroneMode::patrol);
    CHECK(patrol.name == "night patrol");
    CHECK(patrol.base_xy_m == std::vector<double>{100.5, -20});
    CHECK(patrol.count == 4);
    CHECK(patrol.deterrence == 0.8);
    CHECK(patrol.speed_mps == 15);           // defaults
    CHECK(patrol.battery_min == 30);
    CHECK(patrol.detection_probability == 0);
    CHECK(patrol.source_line == 3);
    CHECK(spec.drones.fleets[1].mode == DroneMode::first_responder);
    CHECK(spec.drones.fleets[1].base_node == 12);
    REQUIRE(spec.drones.no_fly_zones.size() == 2);
    CHECK(spec.drones.no_fly_zones[0].margin_m == 25);
    CHECK(spec.drones.no_fly_zones[1].polygon_xy_m == std::vector<double>{0, 0, 100, 0, 100, 50});

    // The resolved YAML loads back to the same lists.
    const ScenarioSpec again = from_yaml(spec.resolved_yaml);
    CHECK(again.resolved_yaml == spec.resolved_yaml);
    CHECK(again.drones.fleets[0].base_xy_m == patrol.base_xy_m);
    CHECK(again.drones.no_fly_zones[1].daily_from_h == 22);
}

TEST_CASE("drones: mistakes name the item, the field and its line", "[scenario][drones][errors]") {
    auto error_in = [](const std::string& text) { return test::input_error_of([&] { from_yaml(text); }); };
    SECTION("an unknown field") {
        const auto error = error_in("drones:\n  - mode: patrol\n    cout: 3\n");
        CHECK(error.line() == 3);
        CHECK(error.key() == "drones[0].cout");
        CHECK_THAT(error.what(), Contains("did you mean 'drones[0].count'?"));
    }
    SECTION("a field of another mode") {
        const auto error = error_in("drones:\n  - mode: first_responder\n    hot_spot_count: 3\n");
        CHECK(error.key() == "drones[0].hot_spot_count");
        CHECK_THAT(error.what(), Contains("applies to hot_spots drone fleets only"));
    }
    SECTION("no mode") {
        const auto error = error_in("drones:\n  - count: 3\n");
        CHECK(error.key() == "drones[0].mode");
        CHECK_THAT(error.what(), Contains("mode: patrol"));
    }
    SECTION("two bases") {
        const auto error = error_in("drones:\n  - mode: patrol\n    base_node: 3\n    base_district: Docklands\n");
        CHECK(error.key() == "drones[0]");
        CHECK_THAT(error.what(), Contains("more than one base"));
    }
    SECTION("out of range, and a cap of 0") {
        CHECK(error_in("drones:\n  - mode: patrol\n    deterrence: 1.5\n").key() == "drones[0].deterrence");
        CHECK(error_in("drones:\n  - mode: patrol\n    max_airborne: 0\n").key() == "drones[0].max_airborne");
        CHECK(error_in("drones:\n  - mode: patrol\n    battery_min: 2\n").key() == "drones[0].reserve_min");
    }
    SECTION("an empty window") {
        CHECK(error_in("drones:\n  - mode: patrol\n    daily_from_h: 5\n    daily_to_h: 5\n").key() ==
              "drones[0].daily_to_h");
    }
    SECTION("zones: a polygon with an odd count, none, or both kinds of corners") {
        CHECK(error_in("no_fly_zones:\n  - kind: polygon\n    polygon_xy_m: [0, 0, 1, 1, 2]\n").key() ==
              "no_fly_zones[0].polygon_xy_m");
        CHECK(error_in("no_fly_zones:\n  - kind: polygon\n").key() == "no_fly_zones[0].polygon_xy_m");
        CHECK(error_in("no_fly_zones:\n  - kind: district\n").key() == "no_fly_zones[0].district");
        const auto error = error_in("no_fly_zones:\n  - kind: polygon\n    polygon_xy_m: [0, 0, 1, x, 2, 2]\n");
        CHECK(error.line() == 3);
        CHECK_THAT(error.what(), Contains("item 3"));
    }
    SECTION("--set takes the whole list only") {
        const auto error = test::input_error_of([] { from_yaml("name: x\n", {"drones[0].count=3"}); });
        CHECK(error.key() == "drones[0].count");
        const ScenarioSpec set = from_yaml("name: x\n", {"drones=[{mode: hot_spots, count: 2}]"});
        REQUIRE(set.drones.fleets.size() == 1);
        CHECK(set.drones.fleets[0].mode == DroneMode::hot_spots);
    }
}

TEST_CASE("drones built in code are checked by validate_scenario", "[scenario][drones]") {
    ScenarioSpec spec;
    spec.drones.fleets.emplace_back();
    validate_scenario(spec);
    spec.drones.fleets[0].count = 0;
    CHECK(test::input_error_of([&] { validate_scenario(spec); }).key() == "drones[0].count");
    spec.drones.fleets[0].count = 2;
    spec.drones.no_fly_zones.emplace_back();
    spec.drones.no_fly_zones[0].kind = NoFlyZoneKind::polygon;
    CHECK(test::input_error_of([&] { validate_scenario(spec); }).key() == "no_fly_zones[0].polygon_xy_m");
}
