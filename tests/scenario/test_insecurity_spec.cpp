// The insecurity: and night_economy: sections: defaults (measured, behaviour off, no closing
// times), round trip through the resolved YAML, and bad values named by file, line and key.
#include <catch2/catch.hpp>

#include "sim/core/input_error.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "test_support.hpp"

using namespace streetwise;
using Catch::Matchers::Contains;

namespace {
ScenarioSpec from_yaml(const std::string& text, const std::vector<std::string>& overrides = {}) {
    return load_scenario_text(text, "night.yaml", overrides);
}
}  // namespace

TEST_CASE("insecurity: defaults measure only, values read and written back", "[scenario][insecurity]") {
    const ScenarioSpec defaults = from_yaml("name: x\n");
    CHECK(defaults.insecurity.enabled);
    CHECK_FALSE(defaults.insecurity.behaviour.enabled);
    CHECK(defaults.night_economy.bar_closing_h == -1);
    CHECK(defaults.night_economy.nightclub_closing_h == -1);

    const ScenarioSpec spec = from_yaml(
        "name: x\ninsecurity:\n  individual_sd: 1.2\n  baseline:\n    female: -1\n  weight:\n    darkness: 2\n"
        "  behaviour:\n    enabled: true\n    stay_home_share: 0.5\nnight_economy:\n  bar_closing_h: 1\n"
        "  nightclub_closing_h: 4\n");
    CHECK(spec.insecurity.individual_sd == 1.2);
    CHECK(spec.insecurity.baseline.female == -1);
    CHECK(spec.insecurity.weight.darkness == 2);
    CHECK(spec.insecurity.behaviour.enabled);
    CHECK(spec.insecurity.behaviour.stay_home_share == 0.5);
    CHECK(spec.night_economy.bar_closing_h == 1);
    CHECK(spec.night_economy.nightclub_closing_h == 4);
    const ScenarioSpec again = from_yaml(spec.resolved_yaml);
    CHECK(again.resolved_yaml == spec.resolved_yaml);
}

TEST_CASE("insecurity: bad values name the file, line and key", "[scenario][insecurity][errors]") {
    SECTION("a share above 1") {
        const auto error =
            test::input_error_of([] { from_yaml("name: x\ninsecurity:\n  behaviour:\n    stay_home_share: 1.5\n"); });
        CHECK(error.key() == "insecurity.behaviour.stay_home_share");
        CHECK(error.line() == 4);
        CHECK_THAT(error.what(), Contains("night.yaml"));
    }
    SECTION("a negative sd") {
        const auto error = test::input_error_of([] { from_yaml("name: x\ninsecurity:\n  individual_sd: -1\n"); });
        CHECK(error.key() == "insecurity.individual_sd");
        CHECK(error.line() == 3);
    }
    SECTION("a zero half-life") {
        const auto error =
            test::input_error_of([] { from_yaml("name: x\ninsecurity:\n  alert_half_life_days: 0\n"); });
        CHECK(error.key() == "insecurity.alert_half_life_days");
    }
    SECTION("a closing hour that is neither an hour nor -1") {
        const auto error =
            test::input_error_of([] { from_yaml("name: x\nnight_economy:\n  bar_closing_h: -0.5\n"); });
        CHECK(error.key() == "night_economy.bar_closing_h");
        CHECK(error.line() == 3);
        CHECK_THAT(error.what(), Contains("-1 (no closing time)"));
        CHECK(test::input_error_of([] { from_yaml("name: x\nnight_economy:\n  nightclub_closing_h: 25\n"); }).key() ==
              "night_economy.nightclub_closing_h");
    }
    SECTION("a misspelt key") {
        const auto error = test::input_error_of([] { from_yaml("name: x\ninsecurity:\n  weight:\n    darknes: 1\n"); });
        CHECK_THAT(error.what(), Contains("insecurity.weight.darkness"));
    }
    SECTION("a boolean that is not one") {
        const auto error = test::input_error_of([] { from_yaml("name: x\ninsecurity:\n  enabled: maybe\n"); });
        CHECK(error.key() == "insecurity.enabled");
    }
}
