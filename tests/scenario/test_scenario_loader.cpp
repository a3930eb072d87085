#include "sim/core/input_error.hpp"
#include "sim/model/crime_type.hpp"
#include "sim/scenario/scenario_loader.hpp"

#include <catch2/catch.hpp>

#include "test_support.hpp"

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace streetwise;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {

// A fresh folder per test case (removed at its end) that can hold scenario files.
class TempDir {
public:
    const fs::path& path() const { return scratch_.path(); }
    fs::path write(const fs::path& relative, const std::string& text) const {
        const fs::path file = path() / relative;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }

private:
    test::ScratchDir scratch_{"scenario-loader"};
};

ScenarioSpec from_text(const std::string& yaml, const std::vector<std::string>& overrides = {}) {
    return load_scenario_text(yaml, "test.yaml", overrides);
}

}  // namespace

TEST_CASE("keys left out take the documented defaults", "[scenario]") {
    const ScenarioSpec defaults;
    const ScenarioSpec all_default = from_text("{}");
    CHECK(all_default.resolved_yaml == resolved_scenario_yaml(defaults));
    CHECK(all_default.source_path == "test.yaml");

    const ScenarioSpec spec = from_text("residents:\n  count: 10\n");
    CHECK(spec.residents.count == 10);
    CHECK(spec.residents.walk_speed_mps == defaults.residents.walk_speed_mps);
    CHECK(spec.residents.home_placement == PlacementRule::by_land_use);
    CHECK(spec.crime.types[1].land_use_multiplier == defaults.crime.types[1].land_use_multiplier);
    CHECK(spec.city.source == CitySource::synthetic);
    CHECK(spec.time.step_s == 60);
    CHECK(spec.name == "default");

    // A section with every key commented out is just empty.
    CHECK(from_text("name: x\npolice:\n  # units: 3\n").police.units == defaults.police.units);
}

TEST_CASE("every kind of value is read into its field", "[scenario]") {
    const ScenarioSpec spec = from_text(R"(name: night-town
description: "A town: with colons"
seed: 18446744073709551615
city:
  source: lattice
  lattice:
    width: 10
    height: 12
    edge_length_m: 80.5
    periodic: true
  cache: false
time:
  days: 3
  step_s: 30
  sunrise_h: 6.5
  sunset_h: 20
residents:
  home_placement: uniform_nodes
  works_weekends: true
offenders:
  awareness_radius_m: -1
  land_use_multiplier:
    nightlife: 1.5
crime:
  robbery:
    land_use_multiplier:
      park: 3
      industrial: 2
output:
  events: false
)");
    CHECK(spec.name == "night-town");
    CHECK(spec.description == "A town: with colons");
    CHECK(spec.seed == 18446744073709551615ull);
    CHECK(spec.city.source == CitySource::lattice);
    CHECK(spec.city.lattice.width == 10);
    CHECK(spec.city.lattice.height == 12);
    CHECK(spec.city.lattice.edge_length_m == 80.5);
    CHECK(spec.city.lattice.periodic);
    CHECK_FALSE(spec.city.use_cache);
    CHECK(spec.time.days == 3);
    CHECK(spec.steps_per_day() == 2880);
    CHECK(spec.time.sunrise_h == 6.5);
    CHECK(spec.time.sunset_h == 20.0);
    CHECK(spec.residents.home_placement == PlacementRule::uniform_nodes);
    CHECK(spec.residents.work_placement == PlacementRule::by_land_use);
    CHECK(spec.residents.works_weekends);
    CHECK(spec.offenders.awareness_radius_m == -1.0);
    CHECK(spec.offenders.land_use_multiplier == std::map<std::string, double>{{"nightlife", 1.5}});
    // Maps merge entry by entry over the default ones.
    const auto& robbery_places = spec.crime.types[static_cast<int>(CrimeType::robbery)].land_use_multiplier;
    CHECK(robbery_places.at("park") == 3.0);
    CHECK(robbery_places.at("industrial") == 2.0);
    CHECK(robbery_places.at("nightlife") == 1.5);
    CHECK_FALSE(spec.output.events);
}

TEST_CASE("malformed YAML names the file and line", "[scenario][errors]") {
    const auto error = test::input_error_of([] { from_text("name: x\nresidents:\n  count: [1, 2\npolice: {}\n"); });
    CHECK(error.file() == "test.yaml");
    CHECK(error.line() >= 3);
    CHECK_THAT(error.what(), Contains("malformed YAML"));
    CHECK_THAT(error.what(), Contains("test.yaml:"));
    CHECK_THAT(error.what(), Contains("hint:"));
}

TEST_CASE("unknown keys are errors with the closest valid key suggested", "[scenario][errors]") {
    SECTION("a typo") {
        const auto error = test::input_error_of([] { from_text("name: x\nresidents:\n  cout: 5\n"); });
        CHECK(error.line() == 3);
        CHECK(error.key() == "residents.cout");
        CHECK_THAT(error.what(), Contains("test.yaml:3: key 'residents.cout': unknown key"));
        CHECK_THAT(error.what(), Contains("did you mean 'residents.count'?"));
    }
    SECTION("the unit suffix left off") {
        const auto error = test::input_error_of([] { from_text("residents:\n  walk_speed: 1.2\n"); });
        CHECK(error.line() == 2);
        CHECK_THAT(error.what(), Contains("did you mean 'residents.walk_speed_mps'?"));
    }
    SECTION("a key in the wrong section") {
        const auto error = test::input_error_of([] { from_text("residents:\n  patrol_speed_mps: 1.2\n"); });
        CHECK_THAT(error.what(), Contains("did you mean 'police.patrol_speed_mps'?"));
    }
    SECTION("a top-level section") {
        const auto error = test::input_error_of([] { from_text("name: x\n\nresident:\n  count: 5\n"); });
        CHECK(error.line() == 3);
        CHECK(error.key() == "resident");
        CHECK_THAT(error.what(), Contains("did you mean 'residents'?"));
    }
    SECTION("a nested section") {
        const auto error = test::input_error_of([] { from_text("city:\n  latice:\n    width: 5\n"); });
        CHECK(error.line() == 2);
        CHECK_THAT(error.what(), Contains("did you mean 'city.lattice'?"));
    }
    SECTION("nothing close: the valid keys are listed") {
        const auto error = test::input_error_of([] { from_text("police:\n  helicopters: 2\n"); });
        CHECK_THAT(error.what(), Contains("valid keys in police: units, patrol_speed_mps"));
    }
    SECTION("a land use name") {
        const auto error = test::input_error_of([] { from_text("offenders:\n  land_use_multiplier:\n    nightlif: 2\n"); });
        CHECK(error.line() == 3);
        CHECK(error.key() == "offenders.land_use_multiplier.nightlif");
        CHECK_THAT(error.what(), Contains("unknown land use"));
        CHECK_THAT(error.what(), Contains("did you mean 'offenders.land_use_multiplier.nightlife'?"));
    }
    SECTION("a crime type name") {
        const auto error = test::input_error_of([] { from_text("crime:\n  roberry:\n    rate: 2\n"); });
        CHECK_THAT(error.what(), Contains("did you mean 'crime.robbery'?"));
    }
    SECTION("a key of an earlier version says what replaced it") {
        const auto error = test::input_error_of([] { from_text("offenders:\n  type_mix_day:\n    robbery: 2\n"); });
        CHECK(error.line() == 2);
        CHECK(error.key() == "offenders.type_mix_day");
        CHECK_THAT(error.what(), Contains("crime.<type>.rate"));
    }
    SECTION("a duplicate key") {
        const auto error = test::input_error_of([] { from_text("residents:\n  count: 5\n  count: 6\n"); });
        CHECK(error.line() == 3);
        CHECK_THAT(error.what(), Contains("duplicate key"));
    }
}

TEST_CASE("values of the wrong type say what was expected", "[scenario][errors]") {
    SECTION("text for an integer") {
        const auto error = test::input_error_of([] { from_text("name: x\nresidents:\n  count: many\n"); });
        CHECK(error.line() == 3);
        CHECK(error.key() == "residents.count");
        CHECK_THAT(error.what(), Contains("expected an integer in [0, 100000000], got 'many'"));
    }
    SECTION("a fraction for an integer") {
        CHECK_THAT(test::input_error_of([] { from_text("police:\n  units: 1.5\n"); }).what(),
                   Contains("expected an integer"));
    }
    SECTION("yes for a boolean") {
        const auto error = test::input_error_of([] { from_text("residents:\n  works_weekends: yes\n"); });
        CHECK_THAT(error.what(), Contains("expected true or false, got 'yes'"));
    }
    SECTION("a list for a number") {
        CHECK_THAT(test::input_error_of([] { from_text("time:\n  sunrise_h: [6]\n"); }).what(), Contains("got a list"));
    }
    SECTION("nothing for a number") {
        const auto error = test::input_error_of([] { from_text("time:\n  sunrise_h:\n  days: 2\n"); });
        CHECK(error.line() == 2);
        CHECK_THAT(error.what(), Contains("got nothing"));
    }
    SECTION("an unknown choice") {
        const auto error = test::input_error_of([] { from_text("residents:\n  home_placement: uniform\n"); });
        CHECK_THAT(error.what(), Contains("expected one of uniform_nodes, by_land_use, got 'uniform'"));
        CHECK_THAT(error.what(), Contains("did you mean 'uniform_nodes'?"));
    }
    SECTION("a section that is not a map") {
        const auto error = test::input_error_of([] { from_text("name: x\npolice: 5\n"); });
        CHECK(error.line() == 2);
        CHECK(error.key() == "police");
        CHECK_THAT(error.what(), Contains("expected a section"));
    }
    SECTION("a negative seed") {
        CHECK_THAT(test::input_error_of([] { from_text("seed: -1\n"); }).what(), Contains("key 'seed'"));
    }
}

TEST_CASE("values out of range say the allowed range", "[scenario][errors]") {
    SECTION("a probability above 1") {
        const auto error = test::input_error_of([] { from_text("residents:\n  employed_fraction: 1.5\n"); });
        CHECK(error.line() == 2);
        CHECK(error.key() == "residents.employed_fraction");
        CHECK_THAT(error.what(), Contains("expected a number in [0, 1], got 1.5"));
    }
    SECTION("zero days") {
        CHECK_THAT(test::input_error_of([] { from_text("time:\n  days: 0\n"); }).what(), Contains("[1, 3650]"));
    }
    SECTION("a step that does not divide the hour") {
        const auto error = test::input_error_of([] { from_text("time:\n  step_s: 7\n"); });
        CHECK(error.key() == "time.step_s");
        CHECK_THAT(error.what(), Contains("divide an hour (3600 s) evenly"));
        // 675 s divides a day but not an hour: hourly series would not be hours.
        CHECK(test::input_error_of([] { from_text("time:\n  step_s: 675\n"); }).key() == "time.step_s");
    }
    SECTION("a zero speed") {
        CHECK_THAT(test::input_error_of([] { from_text("police:\n  patrol_speed_mps: 0\n"); }).what(), Contains("(0, 50]"));
    }
    SECTION("a tiny lattice") {
        CHECK_THAT(test::input_error_of([] { from_text("city:\n  lattice:\n    width: 1\n"); }).what(),
                   Contains("key 'city.lattice.width'"));
    }
    SECTION("a negative land-use multiplier") {
        const auto error = test::input_error_of([] { from_text("offenders:\n  land_use_multiplier:\n    park: -1\n"); });
        CHECK(error.line() == 3);
        CHECK(error.key() == "offenders.land_use_multiplier.park");
    }
}

TEST_CASE("rules across keys blame the key written last", "[scenario][errors]") {
    SECTION("sunset before sunrise") {
        const auto error = test::input_error_of([] { from_text("time:\n  sunrise_h: 8\n  sunset_h: 6\n"); });
        CHECK(error.line() == 3);
        CHECK(error.key() == "time.sunset_h");
        CHECK_THAT(error.what(), Contains("must be before"));
    }
    SECTION("departure window reversed") {
        const auto error = test::input_error_of([] { from_text("residents:\n  departure_earliest_h: 10\n"); });
        CHECK(error.line() == 2);
        CHECK(error.key() == "residents.departure_earliest_h");
    }
    SECTION("age shares over 1") {
        const auto error =
            test::input_error_of([] { from_text("residents:\n  young_share: 0.5\n  older_share: 0.6\n"); });
        CHECK(error.key() == "residents.older_share");
        CHECK(error.line() == 3);
        CHECK_THAT(error.what(), Contains("at most 1"));
    }
    SECTION("a victim group that does not exist") {
        const auto error =
            test::input_error_of([] { from_text("crime:\n  harassment:\n    victim_gender: {femal: 1}\n"); });
        CHECK(error.key() == "crime.harassment.victim_gender.femal");
        CHECK_THAT(error.what(), Contains("did you mean 'crime.harassment.victim_gender.female'?"));
    }
    SECTION("a periodic lattice of 2") {
        CHECK_THAT(
            test::input_error_of([] { from_text("city:\n  lattice:\n    width: 2\n    periodic: true\n"); }).what(),
            Contains("at least 3"));
    }
    SECTION("osm without a map") {
        const auto error = test::input_error_of([] { from_text("city:\n  source: osm\n"); });
        CHECK(error.line() == 2);
        CHECK(error.key() == "city.source");
    }
}

TEST_CASE("empty, non-map and missing scenarios are errors", "[scenario][errors]") {
    CHECK_THAT(test::input_error_of([] { from_text(""); }).what(), Contains("test.yaml: scenario is empty"));
    CHECK_THAT(test::input_error_of([] { from_text("# nothing but a comment\n"); }).what(), Contains("scenario is empty"));
    const auto list = test::input_error_of([] { from_text("- a\n- b\n"); });
    CHECK_THAT(list.what(), Contains("the top level must be a map"));
    CHECK(list.line() == 1);

    TempDir dir;
    const fs::path missing = dir.path() / "nope.yaml";
    const auto error = test::input_error_of([&] { load_scenario(missing); });
    CHECK(error.file() == missing.string());
    CHECK_THAT(error.what(), Contains("not found"));
    CHECK_THAT(error.what(), Contains("check the path"));
}

TEST_CASE("extends merges a chain of bases, the extending file wins", "[scenario][extends]") {
    TempDir dir;
    dir.write("grand.yaml", R"(name: grand
residents:
  count: 100
  walk_speed_mps: 1.0
offenders:
  land_use_multiplier:
    nightlife: 2
)");
    dir.write("base.yaml", R"(extends: grand.yaml
residents:
  count: 200
offenders:
  land_use_multiplier:
    park: 0.5
)");
    const fs::path child = dir.write("variants/child.yaml", R"(extends: ../base.yaml
description: child
residents:
  count: 300
)");
    const ScenarioSpec spec = load_scenario(child);
    CHECK(spec.residents.count == 300);             // child wins
    CHECK(spec.residents.walk_speed_mps == 1.0);    // from the grand base
    CHECK(spec.name == "grand");
    CHECK(spec.description == "child");
    CHECK(spec.offenders.land_use_multiplier ==
          std::map<std::string, double>{{"nightlife", 2.0}, {"park", 0.5}});  // maps merge
    CHECK(spec.source_path == child.string());
    CHECK(spec.resolved_yaml.find("extends:") == std::string::npos);

    SECTION("errors inside a base name the base file and its line") {
        dir.write("grand.yaml", "name: grand\nresidents:\n  count: -5\n");
        const auto error = test::input_error_of([&] { load_scenario(child); });
        CHECK(fs::path(error.file()).filename() == "grand.yaml");
        CHECK(error.line() == 3);
        CHECK(error.key() == "residents.count");
    }
    SECTION("a missing base names the extending file and line") {
        dir.write("base.yaml", "name: b\nextends: gone.yaml\n");
        const auto error = test::input_error_of([&] { load_scenario(child); });
        CHECK(fs::path(error.file()).filename() == "base.yaml");
        CHECK(error.line() == 2);
        CHECK(error.key() == "extends");
        CHECK_THAT(error.what(), Contains("gone.yaml"));
    }
}

TEST_CASE("extends cycles are reported with the chain", "[scenario][extends]") {
    TempDir dir;
    const fs::path a = dir.write("a.yaml", "name: a\nextends: b.yaml\n");
    dir.write("b.yaml", "extends: a.yaml\n");
    const auto error = test::input_error_of([&] { load_scenario(a); });
    CHECK_THAT(error.what(), Contains("extends cycle"));
    CHECK_THAT(error.what(), Contains("a.yaml -> "));
    CHECK_THAT(error.what(), Contains("b.yaml -> "));
    CHECK(fs::path(error.file()).filename() == "b.yaml");
    CHECK(error.line() == 1);

    const fs::path self = dir.write("self.yaml", "extends: self.yaml\n");
    CHECK_THAT(test::input_error_of([&] { load_scenario(self); }).what(), Contains("extends cycle"));
}

TEST_CASE("overrides given with --set apply after extends", "[scenario][overrides]") {
    TempDir dir;
    dir.write("base.yaml", "residents:\n  count: 100\n");
    const fs::path file =
        dir.write("s.yaml", "extends: base.yaml\noffenders:\n  land_use_multiplier:\n    park: 0.5\n");

    const ScenarioSpec spec = load_scenario(
        file, {"residents.count=5000", "offenders.land_use_multiplier.nightlife=2", "name = sweep-1",
               "crime.robbery.victim_age={older: 1}", "city.lattice.periodic=true"});
    CHECK(spec.residents.count == 5000);
    CHECK(spec.name == "sweep-1");
    CHECK(spec.offenders.land_use_multiplier == std::map<std::string, double>{{"nightlife", 2.0}, {"park", 0.5}});
    CHECK(spec.crime.types[static_cast<int>(CrimeType::robbery)].victim_age.at("older") == 1.0);
    CHECK(spec.crime.types[static_cast<int>(CrimeType::robbery)].victim_age.at("young") == 1.0);  // merged
    CHECK(spec.city.lattice.periodic);

    SECTION("an unknown key gets a suggestion") {
        const auto error = test::input_error_of([&] { load_scenario(file, {"residents.cout=5"}); });
        CHECK(error.file() == "--set");
        CHECK(error.line() == 0);
        CHECK(error.key() == "residents.cout");
        CHECK_THAT(error.what(), Contains("did you mean 'residents.count'?"));
    }
    SECTION("an unknown section gets a suggestion") {
        const auto error = test::input_error_of([&] { load_scenario(file, {"residnts.count=5"}); });
        CHECK(error.key() == "residnts");
        CHECK_THAT(error.what(), Contains("did you mean 'residents'?"));
    }
    SECTION("an unknown map entry gets a suggestion") {
        const auto error = test::input_error_of([&] { load_scenario(file, {"offenders.land_use_multiplier.nightlif=2"}); });
        CHECK_THAT(error.what(), Contains("did you mean 'offenders.land_use_multiplier.nightlife'?"));
    }
    SECTION("a value of the wrong type quotes the override") {
        const auto error = test::input_error_of([&] { load_scenario(file, {"residents.count=many"}); });
        CHECK(error.key() == "residents.count");
        CHECK_THAT(error.what(), Contains("--set: key 'residents.count': expected an integer"));
        CHECK_THAT(error.what(), Contains("residents.count=many"));
    }
    SECTION("a value out of range") {
        const auto error = test::input_error_of([&] { load_scenario(file, {"residents.employed_fraction=2"}); });
        CHECK(error.key() == "residents.employed_fraction");
        CHECK_THAT(error.what(), Contains("[0, 1]"));
    }
    SECTION("no '='") {
        const auto error = test::input_error_of([&] { load_scenario(file, {"residents.count"}); });
        CHECK_THAT(error.what(), Contains("expected key=value"));
        CHECK_THAT(error.what(), Contains("residents.count"));
    }
    SECTION("a value treated as a section") {
        CHECK_THAT(test::input_error_of([&] { load_scenario(file, {"residents.count.x=1"}); }).what(),
                   Contains("not a section"));
    }
    SECTION("extends cannot be set") {
        CHECK_THAT(test::input_error_of([&] { load_scenario(file, {"extends=x.yaml"}); }).what(),
                   Contains("extends cannot be set"));
    }
}

TEST_CASE("the resolved YAML loads back to the same scenario", "[scenario][resolved]") {
    const ScenarioSpec spec = from_text(R"(name: "round: trip"
description: "quotes \" backslash \\ newline \n tab \t and # hash"
seed: 12345678901234
city:
  source: lattice
  synthetic:
    jitter_m: 0.1
  lattice:
    width: 7
time:
  sunrise_h: 6.25
residents:
  walk_speed_mps: 1.3333333333333333
  work_placement: uniform_nodes
offenders:
  base_probability: 1e-7
  land_use_multiplier:
    transit: 1.25
    nightlife: 3
crime:
  hate_incident:
    rate: 0.05
interventions:
  - kind: foot_patrol
    name: "night: patrol"
    district: "Old Quarter"
    daily_from_h: 22.25
    daily_to_h: 2
    units: 3
)");
    const ScenarioSpec again = load_scenario_text(spec.resolved_yaml, "resolved.yaml");
    CHECK(again.resolved_yaml == spec.resolved_yaml);
    CHECK(again.description == spec.description);
    CHECK(again.name == spec.name);
    CHECK(again.seed == spec.seed);
    CHECK(again.residents.walk_speed_mps == spec.residents.walk_speed_mps);
    CHECK(again.offenders.base_probability == spec.offenders.base_probability);
    CHECK(again.offenders.land_use_multiplier == spec.offenders.land_use_multiplier);
    CHECK(again.crime.types[4].rate == spec.crime.types[4].rate);
    REQUIRE(again.interventions.size() == 1);
    CHECK(again.interventions[0].name == "night: patrol");
    CHECK(again.interventions[0].daily_from_h == 22.25);
    CHECK(again.interventions[0].units == 3);

    // Deterministic: the same input gives the same bytes; every key is written.
    CHECK(from_text(spec.resolved_yaml).resolved_yaml == spec.resolved_yaml);
    for (const std::string& key : scenario_keys()) {
        // Empty lists are left out (test_drone_spec, test_reporting_spec).
        if (key == "drones" || key == "no_fly_zones" || key == "apps" || key == "victim_support") continue;
        const auto leaf = key.substr(key.rfind('.') + 1);
        CHECK(spec.resolved_yaml.find(leaf + ":") != std::string::npos);
    }

    // The commented template of defaults loads to the defaults.
    CHECK(load_scenario_text(default_scenario_yaml(), "template.yaml").resolved_yaml ==
          resolved_scenario_yaml(ScenarioSpec{}));
}

TEST_CASE("map files are found next to the scenario first, then in the search folders", "[scenario][maps]") {
    TempDir dir;
    const fs::path scenario_dir = dir.path() / "scenarios";
    const fs::path first = dir.path() / "maps1";
    const fs::path second = dir.path() / "maps2";
    dir.write("scenarios/town.osm", "<osm/>");
    dir.write("maps1/town.osm", "<osm/>");
    dir.write("maps2/town.osm", "<osm/>");
    dir.write("maps2/only-here.osm.pbf", "x");
    const ScenarioSearchPaths search{{first, second}};

    auto found = [&](std::string_view name) {
        const MapSearch result = find_map_file(name, scenario_dir, search);
        REQUIRE(result.found);
        return *result.found;
    };
    CHECK(found("town.osm") == fs::absolute(scenario_dir / "town.osm").lexically_normal());
    fs::remove(scenario_dir / "town.osm");
    CHECK(found("town.osm") == fs::absolute(first / "town.osm").lexically_normal());
    CHECK(found("only-here.osm.pbf") == fs::absolute(second / "only-here.osm.pbf").lexically_normal());
    CHECK(found((second / "town.osm").string()) == fs::absolute(second / "town.osm").lexically_normal());

    const MapSearch missing = find_map_file("gone.osm", scenario_dir, search);
    CHECK_FALSE(missing.found);
    REQUIRE(missing.tried.size() == 3);
    CHECK(missing.tried[0] == fs::absolute(scenario_dir / "gone.osm").lexically_normal());
    CHECK(missing.tried[2] == fs::absolute(second / "gone.osm").lexically_normal());

    SECTION("the loader stores the resolved path") {
        const fs::path file = dir.write("scenarios/s.yaml", "city:\n  source: osm\n  osm: only-here.osm.pbf\n");
        const ScenarioSpec spec = load_scenario(file, {}, search);
        CHECK(spec.city.osm_path == "only-here.osm.pbf");
        CHECK(spec.city.osm_resolved_path == fs::absolute(second / "only-here.osm.pbf").lexically_normal().string());
        CHECK(load_scenario_text(spec.resolved_yaml, file.string(), {}, search).resolved_yaml == spec.resolved_yaml);
    }
    SECTION("a base's map is looked for next to the base") {
        dir.write("bases/town.osm", "<osm/>");
        dir.write("bases/base.yaml", "city:\n  source: osm\n  osm: town.osm\n");
        const fs::path file = dir.write("scenarios/s.yaml", "extends: ../bases/base.yaml\n");
        CHECK(load_scenario(file, {}, search).city.osm_resolved_path ==
              fs::absolute(dir.path() / "bases/town.osm").lexically_normal().string());
    }
    SECTION("a missing map says where it looked and where to get one") {
        const fs::path file = dir.write("scenarios/s.yaml", "name: s\ncity:\n  source: osm\n  osm: gone.osm\n");
        const auto error = test::input_error_of([&] { load_scenario(file, {}, search); });
        CHECK(error.file() == file.string());
        CHECK(error.line() == 4);
        CHECK(error.key() == "city.osm");
        CHECK_THAT(error.what(), Contains((first / "gone.osm").string()));
        CHECK_THAT(error.what(), Contains("https://download.geofabrik.de/"));
        CHECK_THAT(error.what(), Contains("STREETWISE_MAP_PATH"));
    }
}

TEST_CASE("default search paths list STREETWISE_MAP_PATH before the built-in folders", "[scenario][maps]") {
    const ScenarioSearchPaths paths = default_search_paths();
    REQUIRE(paths.map_dirs.size() >= 2);
    CHECK(paths.map_dirs.back() == fs::path(STREETWISE_SOURCE_DIR "/scenarios/maps"));
}

TEST_CASE("specs built in code are checked by the same rules", "[scenario]") {
    ScenarioSpec spec;
    CHECK_NOTHROW(validate_scenario(spec));
    spec.residents.employed_fraction = 2;
    CHECK_THAT(test::input_error_of([&] { validate_scenario(spec); }).what(), Contains("residents.employed_fraction"));
    spec = ScenarioSpec{};
    spec.offenders.land_use_multiplier["downtown"] = 2;
    CHECK_THAT(test::input_error_of([&] { validate_scenario(spec); }).what(), Contains("unknown land use"));
    spec = ScenarioSpec{};
    spec.time.sunset_h = 5;
    CHECK_THAT(test::input_error_of([&] { validate_scenario(spec); }).what(), Contains("time.sunset_h"));
}

TEST_CASE("docs/scenario-reference.md is the generated reference", "[scenario][docs]") {
    const fs::path committed = fs::path(STREETWISE_SOURCE_DIR) / "docs" / "scenario-reference.md";
    const std::string generated = scenario_reference_markdown();
    if (std::getenv("STREETWISE_UPDATE_DOCS")) std::ofstream(committed, std::ios::binary) << generated;
    std::ifstream in(committed, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    INFO("docs/scenario-reference.md is out of date: run test_scenario with STREETWISE_UPDATE_DOCS=1");
    CHECK(text.str() == generated);
}

// ---------------------------------------------------------------------------------------------
// interventions: a list of records
// ---------------------------------------------------------------------------------------------

namespace {

const char* const two_interventions = R"(name: lit
interventions:
  - kind: street_lighting
    name: "LED upgrade, Old Town"
    district: "Old Town"
    segments: [12, 13, 14]
    daily_from_h: 19
    daily_to_h: 7
    lux: 30
  - kind: foot_patrol
    segments: [3]
    from_day: 1
    to_day: 3
    daily_from_h: 21.5
    daily_to_h: 24
    units: 6
)";

// The fields a round trip must keep (not where the record was written).
void check_same_interventions(const std::vector<InterventionSpec>& a, const std::vector<InterventionSpec>& b) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        INFO("intervention " << i);
        CHECK(a[i].kind == b[i].kind);
        CHECK(a[i].name == b[i].name);
        CHECK(a[i].district == b[i].district);
        CHECK(a[i].segments == b[i].segments);
        CHECK(a[i].from_day == b[i].from_day);
        CHECK(a[i].to_day == b[i].to_day);
        CHECK(a[i].daily_from_h == b[i].daily_from_h);
        CHECK(a[i].daily_to_h == b[i].daily_to_h);
        CHECK(a[i].lux == b[i].lux);
        CHECK(a[i].units == b[i].units);
    }
}

}  // namespace

TEST_CASE("interventions are read with their defaults and where they were written", "[scenario][interventions]") {
    CHECK(from_text("{}").interventions.empty());
    const ScenarioSpec spec = from_text(two_interventions);
    REQUIRE(spec.interventions.size() == 2);
    const InterventionSpec& light = spec.interventions[0];
    CHECK(light.kind == InterventionKind::street_lighting);
    CHECK(light.name == "LED upgrade, Old Town");
    CHECK(light.district == "Old Town");
    CHECK(light.segments == std::vector<std::uint32_t>{12, 13, 14});
    CHECK(light.from_day == 0);
    CHECK(light.to_day == -1);  // to the end of the run
    CHECK(light.daily_from_h == 19);
    CHECK(light.daily_to_h == 7);
    CHECK(light.lux == 30);
    CHECK(light.source_file == "test.yaml");
    CHECK(light.source_line == 3);
    const InterventionSpec& patrol = spec.interventions[1];
    CHECK(patrol.kind == InterventionKind::foot_patrol);
    CHECK(patrol.name.empty());
    CHECK(patrol.district.empty());
    CHECK(patrol.from_day == 1);
    CHECK(patrol.to_day == 3);
    CHECK(patrol.daily_from_h == 21.5);
    CHECK(patrol.daily_to_h == 24);
    CHECK(patrol.units == 6);
    CHECK(patrol.source_line == 10);
    // `interventions:` with nothing after it is an empty list.
    CHECK(from_text("interventions:\n").interventions.empty());
}

TEST_CASE("interventions: mistakes name the item, the field and its line", "[scenario][interventions][errors]") {
    auto error_in = [](const std::string& item) {
        return test::input_error_of([&] { from_text("name: x\ninterventions:\n  - kind: street_lighting\n    district: A\n" + item); });
    };
    SECTION("an unknown field gets the closest one") {
        const auto error = error_in("    lx: 30\n");
        CHECK(error.line() == 5);
        CHECK(error.key() == "interventions[0].lx");
        CHECK_THAT(error.what(), Contains("unknown key"));
        CHECK_THAT(error.what(), Contains("did you mean 'interventions[0].lux'?"));
        CHECK_THAT(error.what(), Contains("kind, name, district, segments, from_day, to_day"));
    }
    SECTION("a field of the other kind") {
        const auto error = error_in("    lux: 30\n    units: 3\n");
        CHECK(error.line() == 6);
        CHECK(error.key() == "interventions[0].units");
        CHECK_THAT(error.what(), Contains("units applies to foot_patrol interventions only"));
    }
    SECTION("a value out of range gives the range") {
        const auto error = error_in("    lux: -3\n");
        CHECK(error.line() == 5);
        CHECK(error.key() == "interventions[0].lux");
        CHECK_THAT(error.what(), Contains("expected a number in (0, 100000], got -3"));
        CHECK_THAT(error.what(), Contains("dark_lux_threshold"));
    }
    SECTION("an hour past the end of the day") {
        CHECK_THAT(error_in("    lux: 30\n    daily_to_h: 25\n").what(), Contains("[0, 24]"));
        CHECK_THAT(error_in("    lux: 30\n    daily_from_h: 24\n").what(), Contains("be below 24"));
    }
    SECTION("a duplicate field") {
        const auto error = error_in("    lux: 30\n    lux: 40\n");
        CHECK(error.line() == 6);
        CHECK_THAT(error.what(), Contains("duplicate key"));
    }
    SECTION("a required field left out") {
        const auto error = error_in("    name: dim\n");
        CHECK(error.line() == 3);  // the item's line
        CHECK(error.key() == "interventions[0].lux");
        CHECK_THAT(error.what(), Contains("missing: a street_lighting intervention needs lux"));
        CHECK_THAT(error.what(), Contains("add 'lux: ...'"));
    }
    SECTION("segment ids that are not whole numbers") {
        const auto error = error_in("    lux: 30\n    segments: [1, two]\n");
        CHECK(error.key() == "interventions[0].segments");
        CHECK_THAT(error.what(), Contains("item 1 is 'two'"));
        CHECK_THAT(error_in("    lux: 30\n    segments: 4\n").what(), Contains("expected a list of segment ids"));
    }
    SECTION("a text for a day") {
        CHECK_THAT(error_in("    lux: 30\n    from_day: monday\n").what(),
                   Contains("key 'interventions[0].from_day': expected an integer in [0, 3649], got 'monday'"));
    }
    SECTION("the second item is numbered 1") {
        const auto error =
            test::input_error_of([] { from_text("interventions:\n  - {kind: foot_patrol, district: A, units: 2}\n  - kind: foot_patrol\n    district: A\n    units: 0\n"); });
        CHECK(error.line() == 5);
        CHECK(error.key() == "interventions[1].units");
        CHECK_THAT(error.what(), Contains("[1, 100000]"));
    }
}

TEST_CASE("interventions: kinds, targets and windows are checked", "[scenario][interventions][errors]") {
    SECTION("no kind") {
        const auto error = test::input_error_of([] { from_text("interventions:\n  - district: A\n    lux: 3\n"); });
        CHECK(error.line() == 2);
        CHECK(error.key() == "interventions[0].kind");
        CHECK_THAT(error.what(), Contains("every intervention needs a kind"));
    }
    SECTION("a misspelt kind") {
        const auto error = test::input_error_of([] { from_text("interventions:\n  - kind: foot_patroll\n"); });
        CHECK(error.key() == "interventions[0].kind");
        CHECK_THAT(error.what(), Contains("expected one of street_lighting, foot_patrol, extra_units, patrol_strategy, got 'foot_patroll'"));
        CHECK_THAT(error.what(), Contains("did you mean 'foot_patrol'?"));
    }
    SECTION("no target") {
        const auto error = test::input_error_of([] { from_text("name: x\ninterventions:\n  - kind: foot_patrol\n    units: 2\n"); });
        CHECK(error.line() == 3);
        CHECK(error.key() == "interventions[0]");
        CHECK_THAT(error.what(), Contains("neither a district nor segments"));
    }
    SECTION("an empty daily window") {
        const auto error = test::input_error_of(
            [] { from_text("interventions:\n  - {kind: foot_patrol, district: A, units: 2, daily_from_h: 6, daily_to_h: 6}\n"); });
        CHECK(error.key() == "interventions[0].daily_to_h");
        CHECK_THAT(error.what(), Contains("the daily window is empty"));
        CHECK_THAT(error.what(), Contains("daily_from_h: 0 and daily_to_h: 24"));
    }
    SECTION("to_day not after from_day") {
        const auto error = test::input_error_of(
            [] { from_text("interventions:\n  - {kind: foot_patrol, district: A, units: 2, from_day: 3, to_day: 3}\n"); });
        CHECK(error.key() == "interventions[0].to_day");
        CHECK_THAT(error.what(), Contains("must be after from_day"));
    }
    SECTION("a start after the end of the run") {
        const auto error = test::input_error_of([] {
            from_text("time:\n  days: 2\ninterventions:\n  - {kind: foot_patrol, district: A, units: 2, from_day: 2}\n");
        });
        CHECK(error.line() == 4);
        CHECK(error.key() == "interventions[0].from_day");
        CHECK_THAT(error.what(), Contains("the run has only 2 days"));
    }
    SECTION("not a list") {
        const auto error = test::input_error_of([] { from_text("name: x\ninterventions:\n  kind: foot_patrol\n"); });
        CHECK(error.line() == 2);
        CHECK(error.key() == "interventions");
        CHECK_THAT(error.what(), Contains("expected a list of interventions, got a map"));
    }
    SECTION("an item that is not a map") {
        const auto error = test::input_error_of([] { from_text("interventions:\n  - street_lighting\n"); });
        CHECK(error.key() == "interventions[0]");
        CHECK_THAT(error.what(), Contains("expected an intervention"));
    }
    SECTION("the key misspelt") {
        CHECK_THAT(test::input_error_of([] { from_text("intervention: []\n"); }).what(), Contains("did you mean 'interventions'?"));
    }
}

TEST_CASE("interventions: a variant's list replaces its base's, --set gives a whole list", "[scenario][interventions][extends]") {
    TempDir dir;
    dir.write("base.yaml", two_interventions);
    const fs::path keeps = dir.write("keeps.yaml", "extends: base.yaml\nresidents:\n  count: 10\n");
    const fs::path replaces = dir.write("replaces.yaml", R"(extends: base.yaml
interventions:
  - kind: foot_patrol
    district: "Old Town"
    units: 2
)");
    const fs::path clears = dir.write("clears.yaml", "extends: base.yaml\ninterventions: []\n");

    const ScenarioSpec kept = load_scenario(keeps);
    REQUIRE(kept.interventions.size() == 2);
    CHECK(fs::path(kept.interventions[0].source_file).filename() == "base.yaml");  // written in the base
    CHECK(kept.interventions[1].source_line == 10);

    const ScenarioSpec replaced = load_scenario(replaces);
    REQUIRE(replaced.interventions.size() == 1);
    CHECK(replaced.interventions[0].kind == InterventionKind::foot_patrol);
    CHECK(replaced.interventions[0].units == 2);
    CHECK(replaced.interventions[0].source_file == replaces.string());
    CHECK(replaced.interventions[0].source_line == 3);

    CHECK(load_scenario(clears).interventions.empty());

    const ScenarioSpec set = load_scenario(keeps, {"interventions=[{kind: street_lighting, segments: [1, 2], lux: 12.5}]"});
    REQUIRE(set.interventions.size() == 1);
    CHECK(set.interventions[0].segments == std::vector<std::uint32_t>{1, 2});
    CHECK(set.interventions[0].lux == 12.5);
    CHECK(set.interventions[0].source_file == "--set");
    CHECK(load_scenario(keeps, {"interventions=[]"}).interventions.empty());

    SECTION("errors in --set name the override") {
        const auto error = test::input_error_of([&] { load_scenario(keeps, {"interventions=[{kind: foot_patrol, units: 2}]"}); });
        CHECK(error.file() == "--set");
        CHECK(error.key() == "interventions[0]");
    }
    SECTION("one field cannot be set on its own") {
        const auto error = test::input_error_of([&] { load_scenario(keeps, {"interventions[0].lux=40"}); });
        CHECK(error.key() == "interventions[0].lux");
        CHECK_THAT(error.what(), Contains("set as a whole list"));
    }
}

TEST_CASE("interventions: the resolved YAML and interventions_yaml load back to the same list",
          "[scenario][interventions][resolved]") {
    const ScenarioSpec spec = from_text(two_interventions);
    const ScenarioSpec again = load_scenario_text(spec.resolved_yaml, "resolved.yaml");
    check_same_interventions(again.interventions, spec.interventions);
    CHECK(again.resolved_yaml == spec.resolved_yaml);
    // Every field of each item's kind is written, the item's kind first.
    CHECK_THAT(spec.resolved_yaml, Contains("\ninterventions:\n  - kind: street_lighting\n    name: \"LED upgrade, Old Town\"\n"
                                            "    district: \"Old Town\"\n    segments: [12, 13, 14]\n    from_day: 0\n"
                                            "    to_day: -1\n    daily_from_h: 19\n    daily_to_h: 7\n    lux: 30\n"
                                            "  - kind: foot_patrol\n"));
    CHECK(spec.resolved_yaml.find("    units: 6\n") != std::string::npos);
    // A scenario without interventions writes no key: its resolved YAML is as before interventions existed.
    CHECK(from_text("{}").resolved_yaml.find("interventions") == std::string::npos);

    // The text the visualiser appends to a variant file.
    std::vector<InterventionSpec> list = spec.interventions;
    list[0].name = "quotes \" and: colons # hash";
    list[0].daily_from_h = 1.0 / 3.0;
    list[1].segments = {0, 4294967295u};
    list[1].district = "Saint-\u00c9tienne, Quartier de l'H\u00f4tel de Ville";  // UTF-8 names pass through
    const std::string block = interventions_yaml(list);
    CHECK(block.rfind("interventions:\n", 0) == 0);
    check_same_interventions(from_text("name: variant\n" + block).interventions, list);
    CHECK(interventions_yaml({}) == "interventions: []\n");
    CHECK(from_text(interventions_yaml({})).interventions.empty());

    TempDir dir;
    dir.write("base.yaml", "name: base\nresidents:\n  count: 10\n");
    const fs::path variant = dir.write("variant.yaml", "extends: base.yaml\n" + block);
    const ScenarioSpec loaded = load_scenario(variant);
    check_same_interventions(loaded.interventions, list);
    CHECK(loaded.residents.count == 10);
}

TEST_CASE("interventions built in code are checked by validate_scenario", "[scenario][interventions]") {
    ScenarioSpec spec;
    InterventionSpec light;
    light.district = "Centre";
    light.lux = 20;
    spec.interventions = {light};
    CHECK_NOTHROW(validate_scenario(spec));
    spec.interventions[0].lux = 0;  // street lighting needs a positive lux
    auto error = test::input_error_of([&] { validate_scenario(spec); });
    CHECK(error.file() == "scenario");
    CHECK(error.key() == "interventions[0].lux");
    spec.interventions[0].lux = 20;
    spec.interventions[0].district.clear();
    CHECK(test::input_error_of([&] { validate_scenario(spec); }).key() == "interventions[0]");

    InterventionSpec patrol;
    patrol.kind = InterventionKind::foot_patrol;
    patrol.segments = {1};
    spec.interventions = {patrol};  // units 0
    spec.source_path = "mine.yaml";
    error = test::input_error_of([&] { validate_scenario(spec); });
    CHECK(error.file() == "mine.yaml");
    CHECK(error.key() == "interventions[0].units");
    spec.interventions[0].units = 3;
    CHECK_NOTHROW(validate_scenario(spec));
    spec.interventions[0].daily_to_h = std::nan("");
    CHECK(test::input_error_of([&] { validate_scenario(spec); }).key() == "interventions[0].daily_to_h");
}

TEST_CASE("model: streets by default, short2008 with the paper's set (c) as defaults", "[scenario][short2008]") {
    const ScenarioSpec defaults = from_text("{}");
    CHECK(defaults.model == ModelKind::streets);
    CHECK_THAT(defaults.resolved_yaml, Contains("\nmodel: streets\n"));

    const ScenarioSpec spec = from_text("model: short2008\n");
    CHECK(spec.model == ModelKind::short2008);
    const Short2008Spec& s = spec.short2008;
    CHECK(s.width == 128);
    CHECK(s.height == 128);
    CHECK(s.dt == 0.01);
    CHECK(s.omega == 1.0 / 15.0);
    CHECK(s.eta == 0.03);
    CHECK(s.theta == 0.56);
    CHECK(s.gamma == 0.019);
    CHECK(s.a0 == 1.0 / 30.0);
    CHECK(s.time_units == 300);
    CHECK(s.steps() == 30000);
    CHECK_THAT(spec.resolved_yaml, Contains("\nmodel: short2008\n"));
    CHECK_THAT(spec.resolved_yaml, Contains("\nshort2008:\n  width: 128\n"));

    // Set values are read, and the resolved YAML loads back to the same numbers.
    const ScenarioSpec set = from_text("model: short2008\nshort2008:\n  width: 32\n  height: 40\n  eta: 0.2\n"
                                       "  theta: 5.6\n  gamma: 0.002\n  time_units: 20\n",
                                       {"short2008.omega=0.06666666666666667"});
    CHECK(set.short2008.width == 32);
    CHECK(set.short2008.height == 40);
    CHECK(set.short2008.eta == 0.2);
    CHECK(set.short2008.theta == 5.6);
    CHECK(set.short2008.gamma == 0.002);
    CHECK(set.short2008.omega == 1.0 / 15.0);
    CHECK(set.short2008.steps() == 2000);
    const ScenarioSpec again = load_scenario_text(set.resolved_yaml, "resolved.yaml");
    CHECK(again.resolved_yaml == set.resolved_yaml);
    CHECK(again.model == ModelKind::short2008);
    CHECK(again.short2008.height == 40);
    CHECK(again.short2008.omega == set.short2008.omega);
}

TEST_CASE("model and short2008 mistakes name file, line and key", "[scenario][short2008][errors]") {
    SECTION("an unknown model, with the near miss") {
        const auto error = test::input_error_of([] { from_text("name: x\nmodel: short2009\n"); });
        CHECK(error.file() == "test.yaml");
        CHECK(error.line() == 2);
        CHECK(error.key() == "model");
        CHECK_THAT(error.what(), Contains("one of streets, short2008"));
        CHECK_THAT(error.what(), Contains("did you mean 'short2008'"));
    }
    SECTION("a model that is not a name") {
        CHECK(test::input_error_of([] { from_text("model: [streets]\n"); }).key() == "model");
    }
    SECTION("a lattice side below 3") {
        const auto error = test::input_error_of([] { from_text("model: short2008\nshort2008:\n  width: 2\n"); });
        CHECK(error.line() == 3);
        CHECK(error.key() == "short2008.width");
        CHECK_THAT(error.what(), Contains("[3, 10000]"));
    }
    SECTION("eta above 1, a0 of 0, a negative theta, dt of 0") {
        CHECK(test::input_error_of([] { from_text("short2008:\n  eta: 1.5\n"); }).key() == "short2008.eta");
        CHECK_THAT(test::input_error_of([] { from_text("short2008:\n  a0: 0\n"); }).what(), Contains("(0, 1000]"));
        CHECK(test::input_error_of([] { from_text("short2008:\n  theta: -1\n"); }).key() == "short2008.theta");
        CHECK(test::input_error_of([] { from_text("short2008:\n  dt: 0\n"); }).key() == "short2008.dt");
    }
    SECTION("an unknown key in the section") {
        const auto error = test::input_error_of([] { from_text("short2008:\n  omgea: 0.1\n"); });
        CHECK(error.line() == 2);
        CHECK(error.key() == "short2008.omgea");
        CHECK_THAT(error.what(), Contains("short2008.omega"));
    }
    SECTION("omega * dt above 1 blames the key written last") {
        const auto error = test::input_error_of([] { from_text("short2008:\n  dt: 1\n  omega: 2\n"); });
        CHECK(error.line() == 3);
        CHECK(error.key() == "short2008.omega");
        CHECK_THAT(error.what(), Contains("at most 1"));
    }
    SECTION("a run shorter than one step") {
        const auto error =
            test::input_error_of([] { from_text("model: short2008\n", {"short2008.time_units=0.001"}); });
        CHECK(error.key() == "short2008.time_units");
        CHECK_THAT(error.what(), Contains("steps"));
    }
    SECTION("specs built in code") {
        ScenarioSpec spec;
        spec.model = ModelKind::short2008;
        CHECK_NOTHROW(validate_scenario(spec));
        spec.short2008.eta = -0.1;
        CHECK_THAT(test::input_error_of([&] { validate_scenario(spec); }).what(), Contains("short2008.eta"));
        spec = ScenarioSpec{};
        spec.model = static_cast<ModelKind>(7);
        CHECK_THAT(test::input_error_of([&] { validate_scenario(spec); }).what(), Contains("model"));
    }
}

// ---------------------------------------------------------------------------------------------
// residents.routine, residents.away_share, residents.present_at_anchors (Groff 2007)
// ---------------------------------------------------------------------------------------------

TEST_CASE("residents' routine and presence keys: defaults, values and the resolved YAML", "[scenario][routine]") {
    const ScenarioSpec defaults = from_text("{}");
    CHECK(defaults.residents.routine == ResidentRoutine::daily_plan);
    CHECK(defaults.residents.away_share == 0.5);
    CHECK_FALSE(defaults.residents.present_at_anchors);
    CHECK_THAT(defaults.resolved_yaml,
               Contains("  present_when_indoors: false\n  present_at_anchors: false\n  routine: daily_plan\n"
                        "  away_share: 0.5\n"));

    const ScenarioSpec spec =
        from_text("residents:\n  routine: away_share\n  away_share: 0.3\n  present_at_anchors: true\n");
    CHECK(spec.residents.routine == ResidentRoutine::away_share);
    CHECK(spec.residents.away_share == 0.3);
    CHECK(spec.residents.present_at_anchors);
    const ScenarioSpec again = load_scenario_text(spec.resolved_yaml, "resolved.yaml");
    CHECK(again.resolved_yaml == spec.resolved_yaml);
    CHECK(again.residents.routine == ResidentRoutine::away_share);

    // Both presence keys at once are allowed: present_when_indoors already counts residents at anchors.
    CHECK_NOTHROW(from_text("residents:\n  present_when_indoors: true\n  present_at_anchors: true\n"));
    // The bounds of away_share are valid shares.
    CHECK(from_text("residents:\n  away_share: 0\n").residents.away_share == 0);
    CHECK(from_text("residents:\n  away_share: 1\n").residents.away_share == 1);
    CHECK(from_text("{}", {"residents.routine=away_share"}).residents.routine == ResidentRoutine::away_share);
}

TEST_CASE("residents' routine and presence keys: mistakes name file, line, key and what was expected",
          "[scenario][routine][errors]") {
    SECTION("an unknown routine, with the near miss") {
        const auto error = test::input_error_of([] { from_text("name: x\nresidents:\n  routine: away\n"); });
        CHECK(error.file() == "test.yaml");
        CHECK(error.line() == 3);
        CHECK(error.key() == "residents.routine");
        CHECK_THAT(error.what(), Contains("expected one of daily_plan, away_share, got 'away'"));
        CHECK_THAT(error.what(), Contains("did you mean 'away_share'?"));
    }
    SECTION("a routine that is a number") {
        const auto error = test::input_error_of([] { from_text("residents:\n  routine: 0.5\n"); });
        CHECK(error.key() == "residents.routine");
        CHECK_THAT(error.what(), Contains("daily_plan, away_share"));
    }
    SECTION("a share above 1, given as a percentage") {
        const auto error = test::input_error_of([] { from_text("residents:\n  count: 5\n  away_share: 30\n"); });
        CHECK(error.line() == 3);
        CHECK(error.key() == "residents.away_share");
        CHECK_THAT(error.what(), Contains("expected a number in [0, 1], got 30"));
    }
    SECTION("a negative share") {
        CHECK(test::input_error_of([] { from_text("residents:\n  away_share: -0.1\n"); }).key() ==
              "residents.away_share");
    }
    SECTION("a share that is not a number") {
        const auto error = test::input_error_of([] { from_text("residents:\n  away_share: half\n"); });
        CHECK_THAT(error.what(), Contains("expected a number in [0, 1], got 'half'"));
    }
    SECTION("yes for present_at_anchors") {
        const auto error = test::input_error_of([] { from_text("residents:\n  present_at_anchors: yes\n"); });
        CHECK(error.line() == 2);
        CHECK(error.key() == "residents.present_at_anchors");
        CHECK_THAT(error.what(), Contains("expected true or false, got 'yes'"));
    }
    SECTION("misspelt keys get the right one suggested") {
        CHECK_THAT(test::input_error_of([] { from_text("residents:\n  away_shar: 0.4\n"); }).what(),
                   Contains("did you mean 'residents.away_share'?"));
        CHECK_THAT(test::input_error_of([] { from_text("residents:\n  present_at_anchor: true\n"); }).what(),
                   Contains("did you mean 'residents.present_at_anchors'?"));
    }
    SECTION("through --set") {
        const auto error = test::input_error_of([] { from_text("{}", {"residents.routine=weekly"}); });
        CHECK(error.file() == "--set");
        CHECK(error.key() == "residents.routine");
        CHECK_THAT(error.what(), Contains("expected one of daily_plan, away_share"));
    }
    SECTION("specs built in code") {
        ScenarioSpec spec;
        spec.residents.away_share = 1.5;
        CHECK(test::input_error_of([&] { validate_scenario(spec); }).key() == "residents.away_share");
        spec = ScenarioSpec{};
        spec.residents.routine = static_cast<ResidentRoutine>(5);
        CHECK(test::input_error_of([&] { validate_scenario(spec); }).key() == "residents.routine");
    }
}

TEST_CASE("the Groff (2007) pack: five levels of one base, differing only in away_share", "[scenario][groff2007]") {
    const ScenarioSpec base = load_scenario(test::scenario_path("classics/groff2007-base.yaml"));
    for (const int percent : {30, 40, 50, 60, 70}) {
        const std::string name = "groff2007-" + std::to_string(percent);
        const ScenarioSpec level = load_scenario(test::scenario_path("classics/" + name + ".yaml"));
        INFO(name);
        CHECK(level.name == name);
        CHECK(level.residents.away_share == Approx(percent / 100.0));
        CHECK(level.residents.routine == ResidentRoutine::away_share);
        CHECK(level.residents.present_at_anchors);
        CHECK_FALSE(level.residents.present_when_indoors);
        // Robbery only, with no situation of its own beyond the encounter rule.
        for (int type = 0; type < crime_type_count; ++type)
            CHECK(level.crime.types[static_cast<std::size_t>(type)].rate ==
                  (type == static_cast<int>(CrimeType::robbery) ? 1.0 : 0.0));
        const CrimeTypeSpec& robbery = level.crime.types[static_cast<std::size_t>(CrimeType::robbery)];
        CHECK(robbery.night_multiplier == 1);
        CHECK(robbery.darkness_sensitivity == 0);
        for (const auto* weights : {&robbery.land_use_multiplier, &robbery.victim_gender, &robbery.victim_age})
            for (const auto& [group, weight] : *weights) CHECK(weight == 1.0);
        CHECK_FALSE(level.crime.attractiveness.enabled);
        CHECK(level.police.units > 0);
        // Everything else is the base's: set the base's share and name and the resolved texts agree.
        ScenarioSpec same = base;
        same.residents.away_share = level.residents.away_share;
        same.name = level.name;
        same.description = level.description;
        CHECK(resolved_scenario_yaml(same) == level.resolved_yaml);
    }
}
