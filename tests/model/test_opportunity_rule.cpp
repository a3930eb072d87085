#include <catch2/catch.hpp>

#include <cmath>

#include "sim/city/city.hpp"
#include "sim/core/counter_rng.hpp"
#include "sim/model/opportunity_rule.hpp"

using namespace streetwise;

namespace {
// Three nodes in a row: node 0 on a lit commercial street, node 2 on an unlit nightlife one.
City three_node_city() {
    CityDraft draft;
    draft.name = "three";
    draft.node_x_m = {0, 100, 200};
    draft.node_y_m = {0, 0, 0};
    draft.segments.push_back({0, 1, 100.0f, RoadClass::residential, 20.0f, LandUse::commercial, 0, 0});
    draft.segments.push_back({1, 2, 100.0f, RoadClass::residential, 0.0f, LandUse::nightlife, 0, 0});
    return City::build(draft, false);
}
}  // namespace

TEST_CASE("opportunity rule: target, guardians, police", "[model][opportunity]") {
    const City city = three_node_city();
    OffenderSpec spec;
    spec.base_probability = 0.01;
    spec.guardian_gamma = 0.2;
    spec.dark_multiplier = 1.0;
    const OpportunityRule rule(spec, city);
    CHECK(rule.probability(0, 0, 0, false) == 0.0);  // no target
    CHECK(rule.probability(0, 1, 0, false) == Approx(0.01));
    CHECK(rule.probability(0, 3, 0, false) == Approx(0.01 * std::exp(-0.4)));
    CHECK(rule.probability(0, 3, 1, false) == 0.0);  // a capable guardian: police
    CHECK(rule.probability(0, 5000, 0, false) == Approx(0.01 * std::exp(-0.2 * 4999)));
}

TEST_CASE("opportunity rule: crowds, darkness and land use", "[model][opportunity]") {
    const City city = three_node_city();
    OffenderSpec spec;
    spec.base_probability = 0.01;
    spec.guardian_gamma = 0.2;
    spec.guardian_cap = 2;
    spec.dark_multiplier = 1.5;
    spec.dark_lux_threshold = 5.0;
    spec.land_use_multiplier = {{"nightlife", 2.0}};
    const OpportunityRule rule(spec, city);
    // Beyond guardian_cap bystanders, more do not deter.
    CHECK(rule.probability(0, 10, 0, false) == Approx(0.01 * std::exp(-0.4)));
    // Node 2's only street is unlit: dark at night; node 0's brightest street has 20 lux.
    CHECK(rule.probability(2, 1, 0, false) == Approx(0.02));
    CHECK(rule.probability(2, 1, 0, true) == Approx(0.03));
    CHECK(rule.probability(0, 1, 0, true) == Approx(0.01));
    // Node 1 touches a lit street (20 lux): not dark.
    CHECK(rule.probability(1, 1, 0, true) == Approx(rule.probability(1, 1, 0, false)));
}

TEST_CASE("opportunity rule: crime types follow the day and night mixes", "[model][opportunity]") {
    const City city = three_node_city();
    OffenderSpec spec;
    spec.type_mix_day = {{"theft_from_person", 3.0}, {"robbery", 1.0}};
    spec.type_mix_night = {{"robbery", 1.0}, {"harassment", 1.0}};
    const OpportunityRule rule(spec, city);
    const CounterRng rng(3, RngStream::offence);
    constexpr int n = 40000;
    std::array<int, crime_type_count> day{}, night{};
    for (std::uint32_t i = 0; i < n; ++i) {
        ++day[static_cast<int>(rule.draw_type(rng.uniform(i, 0), false))];
        ++night[static_cast<int>(rule.draw_type(rng.uniform(i, 1), true))];
    }
    // Binomial standard error at p = 0.75, n = 40000 is 0.0022; allow 5 of them.
    CHECK(day[static_cast<int>(CrimeType::theft_from_person)] / double(n) == Approx(0.75).margin(0.011));
    CHECK(day[static_cast<int>(CrimeType::robbery)] / double(n) == Approx(0.25).margin(0.011));
    CHECK(night[static_cast<int>(CrimeType::theft_from_person)] == 0);
    CHECK(night[static_cast<int>(CrimeType::harassment)] / double(n) == Approx(0.5).margin(0.013));
}
