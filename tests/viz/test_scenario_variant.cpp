// Scenario variants: the file the workshop saves extends the original and reproduces the edits.
#include <catch2/catch.hpp>

#include "sim/core/input_error.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "test_support.hpp"
#include "viz/core/scenario_variant.hpp"

using namespace streetwise;
using namespace streetwise::viz;
namespace fs = std::filesystem;

namespace {

InterventionSpec lighting_in(const std::string& district) {
    InterventionSpec it;
    it.kind = InterventionKind::street_lighting;
    it.name = "LED, \"old\" town";  // quotes survive the round trip
    it.district = district;
    it.daily_from_h = 19;
    it.daily_to_h = 7;
    it.lux = 25;
    return it;
}

}  // namespace

TEST_CASE("variant: extends the base by a relative path and changes only what was edited", "[viz][variant]") {
    test::ScratchDir dir("variant");
    const fs::path base = test::scenario_path("default.yaml");
    const ScenarioSpec original = load_scenario(base, {}, default_search_paths());
    ScenarioVariant variant;
    variant.base_file = base;
    variant.name = "workshop-a";
    variant.overrides["offenders.dark_multiplier"] = "2.5";
    variant.overrides["police.units"] = "35";
    variant.overrides["offenders.land_use_multiplier.nightlife"] = "1.8";
    variant.interventions = std::vector<InterventionSpec>{lighting_in("Central Park")};

    const fs::path file = dir / "nested" / "workshop-a.yaml";
    fs::create_directories(file.parent_path());
    save_variant(variant, file);
    const std::string text = test::read_bytes(file);
    INFO(text);
    CHECK(text.find("extends: \"" + fs::relative(base, file.parent_path()).generic_string() + "\"") != std::string::npos);
    CHECK(text.find("seed:") == std::string::npos);  // unchanged keys are not repeated

    const ScenarioSpec loaded = load_scenario(file, {}, default_search_paths());
    CHECK(loaded.name == "workshop-a");
    CHECK(loaded.offenders.dark_multiplier == 2.5);
    CHECK(loaded.police.units == 35);
    CHECK(loaded.offenders.land_use_multiplier.at("nightlife") == 1.8);
    REQUIRE(loaded.interventions.size() == 1);
    CHECK(loaded.interventions[0].name == "LED, \"old\" town");
    CHECK(loaded.interventions[0].district == "Central Park");
    CHECK(loaded.interventions[0].lux == 25);
    CHECK(loaded.interventions[0].daily_from_h == 19);
    // Everything else is the base's.
    CHECK(loaded.residents.count == original.residents.count);
    CHECK(loaded.offenders.base_probability == original.offenders.base_probability);
    CHECK(loaded.seed == original.seed);
    // Restart with edits runs the same spec as the saved file.
    CHECK(load_variant(variant, file).resolved_yaml == loaded.resolved_yaml);
}

TEST_CASE("variant: of the built-in scenario, written out whole", "[viz][variant]") {
    test::ScratchDir dir("variant-builtin");
    ScenarioVariant variant;  // no base file
    variant.overrides["residents.count"] = "1234";
    save_variant(variant, dir / "v.yaml");
    const ScenarioSpec loaded = load_scenario(dir / "v.yaml", {}, default_search_paths());
    CHECK(loaded.residents.count == 1234);
    CHECK(test::read_bytes(dir / "v.yaml").find("extends:") == std::string::npos);
}

TEST_CASE("variant: an invalid edit is refused with its key, and nothing is written", "[viz][variant]") {
    test::ScratchDir dir("variant-bad");
    ScenarioVariant variant;
    variant.base_file = test::scenario_path("default.yaml");
    variant.overrides["offenders.base_probability"] = "1.5";  // a probability above 1
    const fs::path file = dir / "keep.yaml";
    test::write_bytes(file, "# the facilitator's earlier variant\n");
    try {
        save_variant(variant, file);
        FAIL("an out-of-range edit was saved");
    } catch (const InputError& error) {
        CHECK(error.key() == "offenders.base_probability");
    }
    CHECK(test::read_bytes(file) == "# the facilitator's earlier variant\n");

    variant.overrides.clear();
    variant.interventions = std::vector<InterventionSpec>{lighting_in("Atlantis")};  // not a district of this city
    CHECK_NOTHROW(save_variant(variant, file));  // districts are checked against the city when it runs
}
