// reporting:, trust:, apps: and victim_support: (issue 7), read and checked like the other keys and lists.
#include <catch2/catch.hpp>

#include "sim/core/input_error.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "test_support.hpp"

using namespace streetwise;
using Catch::Matchers::Contains;

namespace {

ScenarioSpec from_yaml(const std::string& text, const std::vector<std::string>& overrides = {}) {
    return load_scenario_text(text, "reporting.yaml", overrides);
}

const char* const apps = R"(name: apps
reporting:
  police_delay_min: 20
  gender_log_odds: {female: -0.2}
trust:
  enabled: true
  initial_origin: {minority: -0.15}
apps:
  - kind: alerting
    name: "SafeWalk"
    types: [harassment]
    target_share: 0.2
    adoption_gender: {female: 2, male: 0.3}
    adoption_district: {"Old Quarter": 1.5}
    channels: [contacts, police]
    contacts: 3
    responder_share: 0.3
    collects: [location, identity]
  - kind: reporting
    types: [hate_incident]
    channels: [rights_organisation, municipality]
    anonymous: true
    enters_police_record: false
victim_support:
  - kind: specialist
    name: "Rape Crisis"
    types: [harassment]
    districts: ["Old Quarter"]
    capacity_per_day: 3
)";

}  // namespace

TEST_CASE("reporting: keys and lists are read with their defaults and where they were written",
          "[scenario][reporting]") {
    const ScenarioSpec spec = from_yaml(apps);
    CHECK(spec.reporting.police_delay_min == 20);
    CHECK(spec.reporting.gender_log_odds.at("female") == -0.2);
    CHECK(spec.reporting.trust.enabled);
    CHECK(spec.reporting.trust.initial == 0.7);
    CHECK(spec.reporting.trust.initial_origin.at("minority") == -0.15);
    REQUIRE(spec.reporting.apps.size() == 2);
    const AppSpec& sos = spec.reporting.apps[0];
    CHECK(sos.kind == AppKind::alerting);
    CHECK(sos.types == std::vector<std::string>{"harassment"});
    CHECK(sos.adoption_gender.at("female") == 2);
    CHECK(sos.adoption_district.at("Old Quarter") == 1.5);
    CHECK(sos.contacts == 3);
    CHECK(sos.report_probability == 0.5);  // default
    CHECK(sos.source_line == 9);
    CHECK(sos.channel_mask() == ((1u << 0) | (1u << 2)));
    CHECK(spec.reporting.apps[1].collects_mask() == 1u);  // location only: anonymous never keeps identity
    REQUIRE(spec.reporting.victim_support.size() == 1);
    CHECK(spec.reporting.victim_support[0].kind == SupportKind::specialist);
    CHECK(spec.reporting.victim_support[0].reach == 0.6);
    CHECK(spec.reporting.used());
    CHECK(!ScenarioSpec{}.reporting.used());

    // The resolved YAML loads back to the same lists.
    const ScenarioSpec again = from_yaml(spec.resolved_yaml);
    CHECK(again.resolved_yaml == spec.resolved_yaml);
    CHECK(again.reporting.apps[0].adoption_district.at("Old Quarter") == 1.5);
    CHECK(again.reporting.victim_support[0].districts == std::vector<std::string>{"Old Quarter"});
}

TEST_CASE("reporting: mistakes name the file, line, key and what was expected", "[scenario][reporting][errors]") {
    auto error_in = [](const std::string& text) { return test::input_error_of([&] { from_yaml(text); }); };
    SECTION("an unknown crime type in an app") {
        const auto error = error_in("apps:\n  - kind: reporting\n    types: [harasment]\n");
        CHECK(error.file() == "reporting.yaml");
        CHECK(error.line() == 3);
        CHECK(error.key() == "apps[0].types");
        CHECK_THAT(error.what(), Contains("did you mean 'harassment'?"));
    }
    SECTION("an unknown channel, and a name twice") {
        CHECK(error_in("apps:\n  - kind: reporting\n    channels: [polise]\n").key() == "apps[0].channels");
        CHECK_THAT(error_in("apps:\n  - kind: reporting\n    channels: [police, police]\n").what(),
                   Contains("listed twice"));
    }
    SECTION("a probability out of range") {
        const auto error = error_in("apps:\n  - kind: reporting\n    report_probability: 1.5\n");
        CHECK(error.key() == "apps[0].report_probability");
        CHECK_THAT(error.what(), Contains("[0, 1]"));
    }
    SECTION("an SOS field on a reporting app") {
        const auto error = error_in("apps:\n  - kind: reporting\n    contacts: 3\n");
        CHECK(error.key() == "apps[0].contacts");
        CHECK_THAT(error.what(), Contains("applies to alerting apps only"));
    }
    SECTION("responders without anyone alerted") {
        const auto error = error_in("apps:\n  - kind: alerting\n    responder_share: 0.3\n");
        CHECK(error.key() == "apps[0].responder_share");
    }
    SECTION("no kind") {
        CHECK(error_in("apps:\n  - name: x\n").key() == "apps[0].kind");
        CHECK(error_in("victim_support:\n  - name: x\n").key() == "victim_support[0].kind");
    }
    SECTION("a specialist service without its types") {
        CHECK(error_in("victim_support:\n  - kind: specialist\n").key() == "victim_support[0].types");
    }
    SECTION("an adoption multiplier for an unknown group, a negative one") {
        CHECK(error_in("apps:\n  - kind: reporting\n    adoption_gender: {women: 2}\n").key() ==
              "apps[0].adoption_gender.women");
        CHECK(error_in("apps:\n  - kind: reporting\n    adoption_district: {North: -1}\n").key() ==
              "apps[0].adoption_district.North");
    }
    SECTION("trust and delay out of range") {
        CHECK(error_in("trust:\n  initial: 1.2\n").key() == "trust.initial");
        CHECK(error_in("reporting:\n  police_delay_min: -5\n").key() == "reporting.police_delay_min");
        CHECK(error_in("reporting:\n  age_log_odds: {teen: 1}\n").key() == "reporting.age_log_odds.teen");
    }
    SECTION("--set takes the whole list only") {
        const auto error = test::input_error_of([] { from_yaml("name: x\n", {"apps[0].contacts=3"}); });
        CHECK(error.key() == "apps[0].contacts");
        const ScenarioSpec set = from_yaml("name: x\n", {"apps=[{kind: reporting, types: [robbery]}]"});
        REQUIRE(set.reporting.apps.size() == 1);
        CHECK(set.reporting.apps[0].types == std::vector<std::string>{"robbery"});
    }
}
