// When an intervention is active, and which streets it targets.
#include <catch2/catch.hpp>

#include "test_support.hpp"

#include <cmath>
#include <stdexcept>

#include "sim/city/city.hpp"
#include "sim/core/input_error.hpp"
#include "sim/model/intervention.hpp"
#include "sim/model/opportunity_rule.hpp"

using namespace streetwise;
using Catch::Matchers::Contains;

namespace {

constexpr std::int64_t hour = 3600, day = 86400;

std::int64_t at(std::int64_t d, double h) { return d * day + static_cast<std::int64_t>(h * hour); }

InterventionSpec window(int from_day, int to_day, double from_h, double to_h) {
    InterventionSpec intervention;
    intervention.from_day = from_day;
    intervention.to_day = to_day;
    intervention.daily_from_h = from_h;
    intervention.daily_to_h = to_h;
    return intervention;
}

// Two districts: segments 0-1 in "North", 2 in "South"; a district without streets.
City two_district_city() {
    CityDraft draft;
    draft.name = "two";
    draft.node_x_m = {0, 100, 200, 300};
    draft.node_y_m = {0, 0, 0, 0};
    draft.segments.push_back({0, 1, 100.0f, RoadClass::residential, 0.0f, LandUse::residential, 0, 0});
    draft.segments.push_back({1, 2, 100.0f, RoadClass::residential, 0.0f, LandUse::residential, 0, 0});
    draft.segments.push_back({2, 3, 100.0f, RoadClass::residential, 0.0f, LandUse::residential, 1, 0});
    draft.districts = {{"North", LandUse::residential}, {"South", LandUse::residential}, {"Empty", LandUse::park}};
    return City::build(draft, false);
}

}  // namespace

TEST_CASE("intervention_active: the whole day by default, to the end of the run", "[model][intervention]") {
    const InterventionSpec always;  // from day 0, to_day -1, 0 to 24 h
    CHECK(intervention_active(always, 0));
    CHECK(intervention_active(always, at(0, 23.99)));
    CHECK(intervention_active(always, at(3649, 12)));
    CHECK_FALSE(intervention_active(always, -1));
}

TEST_CASE("intervention_active: a daytime window and day bounds", "[model][intervention]") {
    const InterventionSpec w = window(1, 3, 9, 17);  // days 1 and 2, 09:00 to 17:00
    CHECK_FALSE(intervention_active(w, at(0, 12)));  // before from_day
    CHECK_FALSE(intervention_active(w, at(1, 9) - 1));
    CHECK(intervention_active(w, at(1, 9)));         // the start is inside
    CHECK(intervention_active(w, at(2, 17) - 1));
    CHECK_FALSE(intervention_active(w, at(2, 17)));  // the end is outside
    CHECK_FALSE(intervention_active(w, at(3, 12)));  // to_day is the first day off
    // Fractional hours are seconds: 07:30 is 27,000 s into the day.
    const InterventionSpec half = window(0, -1, 7.5, 8);
    CHECK_FALSE(intervention_active(half, 27000 - 1));
    CHECK(intervention_active(half, 27000));
}

TEST_CASE("intervention_active: a window over midnight belongs to the day it starts on", "[model][intervention]") {
    const InterventionSpec night = window(4, 6, 22, 2);  // nights starting on days 4 and 5
    CHECK_FALSE(intervention_active(night, at(4, 1)));   // the morning of day 4 belongs to night 3
    CHECK_FALSE(intervention_active(night, at(4, 21.99)));
    CHECK(intervention_active(night, at(4, 22)));
    CHECK(intervention_active(night, at(4, 23.5)));
    CHECK(intervention_active(night, at(5, 0)));       // after midnight: still night 4
    CHECK(intervention_active(night, at(5, 1.99)));
    CHECK_FALSE(intervention_active(night, at(5, 2)));
    CHECK_FALSE(intervention_active(night, at(5, 12)));
    CHECK(intervention_active(night, at(5, 22)));
    CHECK(intervention_active(night, at(6, 1)));       // the last night ends on day to_day
    CHECK_FALSE(intervention_active(night, at(6, 22))); // no night 6
    CHECK_FALSE(intervention_active(night, at(7, 1)));

    // From day 0 the hours after midnight on day 0 are not covered (no night -1).
    const InterventionSpec from_start = window(0, -1, 19, 7);
    CHECK_FALSE(intervention_active(from_start, at(0, 3)));
    CHECK(intervention_active(from_start, at(0, 19)));
    CHECK(intervention_active(from_start, at(1, 6.99)));
    CHECK_FALSE(intervention_active(from_start, at(1, 7)));
    CHECK(intervention_active(from_start, at(300, 3)));  // no end
}

TEST_CASE("intervention_active: an empty window is never active", "[model][intervention]") {
    const InterventionSpec empty = window(0, -1, 5, 5);
    for (std::int64_t t = 0; t < 2 * day; t += 600) CHECK_FALSE(intervention_active(empty, t));
}

TEST_CASE("intervention targets: district streets and listed ids, sorted and unique", "[model][intervention]") {
    const City city = two_district_city();
    InterventionSpec intervention;
    intervention.district = "North";
    CHECK(intervention_segments(intervention, 0, city, "s.yaml") == std::vector<std::uint32_t>{0, 1});
    intervention.segments = {2, 1, 2};
    CHECK(intervention_segments(intervention, 0, city, "s.yaml") == std::vector<std::uint32_t>{0, 1, 2});
    intervention.district.clear();
    intervention.segments = {2};
    CHECK(intervention_segments(intervention, 0, city, "s.yaml") == std::vector<std::uint32_t>{2});
    CHECK(nodes_of_segments({0, 2}, city) == std::vector<std::uint32_t>{0, 1, 2, 3});
}

TEST_CASE("intervention targets that the city lacks are input errors naming file, line and key",
          "[model][intervention][errors]") {
    const City city = two_district_city();
    InterventionSpec intervention;
    intervention.source_file = "variant.yaml";
    intervention.source_line = 12;
    intervention.district = "Nort";
    SECTION("an unknown district lists the city's districts") {
        const auto error = test::input_error_of([&] { intervention_segments(intervention, 3, city, "scenario.yaml"); });
        CHECK(error.file() == "variant.yaml");
        CHECK(error.line() == 12);
        CHECK(error.key() == "interventions[3].district");
        CHECK_THAT(error.what(), Contains("no district named 'Nort'"));
        CHECK_THAT(error.what(), Contains("'North', 'South', 'Empty'"));
    }
    SECTION("a segment id past the last street gives the valid range") {
        intervention.district.clear();
        intervention.segments = {1, 3};
        const auto error = test::input_error_of([&] { intervention_segments(intervention, 0, city, "scenario.yaml"); });
        CHECK(error.key() == "interventions[0].segments");
        CHECK_THAT(error.what(), Contains("segment id 3"));
        CHECK_THAT(error.what(), Contains("from 0 to 2"));
    }
    SECTION("a district without streets") {
        intervention.district = "Empty";
        CHECK_THAT(test::input_error_of([&] { intervention_segments(intervention, 0, city, "scenario.yaml"); }).what(),
                   Contains("has no streets"));
    }
    SECTION("a spec built in code names the scenario file") {
        intervention.source_file.clear();
        intervention.source_line = 0;
        const auto error = test::input_error_of([&] { intervention_segments(intervention, 0, city, "scenario.yaml"); });
        CHECK(error.file() == "scenario.yaml");
        CHECK(error.line() == 0);
    }
}

TEST_CASE("opportunity rule: node lux and parameters can change after construction", "[model][opportunity]") {
    const City city = two_district_city();  // every street unlit
    ScenarioSpec spec;
    for (auto& type : spec.crime.types) type = CrimeTypeSpec{};  // neutral situations
    for (int t = 1; t < crime_type_count; ++t) spec.crime.types[t].rate = 0.0;  // theft from the person only
    spec.offenders.base_probability = 0.01;
    spec.offenders.guardian_gamma = 0.2;
    spec.offenders.dark_multiplier = 2.0;
    spec.offenders.dark_lux_threshold = 5.0;
    OpportunityRule rule(spec, city);
    auto probability = [&](std::uint32_t node, std::uint32_t residents, bool night) {
        TypeHazards hazards;
        return rule.hazards(node, OffenceSituation{residents, 0, 0}, 0, night, 1.0, hazards);
    };
    CHECK(probability(1, 1, true) == Approx(0.02));
    rule.set_node_lux({0.0f, 5.0f, 4.9f, 0.0f});  // node 1 lit to the threshold: not dark
    CHECK(probability(1, 1, true) == Approx(0.01));
    CHECK(probability(2, 1, true) == Approx(0.02));
    rule.set_dark_lux_threshold(4.0);
    CHECK(probability(2, 1, true) == Approx(0.01));
    CHECK(probability(0, 1, true) == Approx(0.02));
    rule.set_dark_multiplier(3.0);
    CHECK(probability(0, 1, true) == Approx(0.03));
    rule.set_guardian_gamma(1.0);
    CHECK(probability(0, 3, false) == Approx(0.01 * std::exp(-2.0)));
    rule.set_base_probability(0.0);
    CHECK(probability(0, 1, true) == 0.0);
}

TEST_CASE("describe_intervention: one line with kind, name, target, window and strength", "[model][intervention]") {
    InterventionSpec light = window(0, -1, 19, 7.5);
    light.name = "LED upgrade";
    light.district = "Old Quarter";
    light.segments = {1, 2, 3};
    light.lux = 30;
    CHECK(describe_intervention(light) ==
          "street_lighting \"LED upgrade\": district \"Old Quarter\" + 3 segments; 19:00-07:30 from day 0; 30 lux");
    InterventionSpec patrol = window(2, 3, 0, 24);
    patrol.kind = InterventionKind::foot_patrol;
    patrol.segments = {7};
    patrol.units = 1;
    CHECK(describe_intervention(patrol) == "foot_patrol: 1 segment; all day on day 2; 1 unit");
    patrol.to_day = 5;
    patrol.units = 4;
    CHECK(describe_intervention(patrol) == "foot_patrol: 1 segment; all day on days 2-4; 4 units");
}
