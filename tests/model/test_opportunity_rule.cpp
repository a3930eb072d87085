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

constexpr int theft = static_cast<int>(CrimeType::theft_from_person);
constexpr int robbery = static_cast<int>(CrimeType::robbery);
constexpr int burglary = static_cast<int>(CrimeType::burglary);
constexpr int harassment = static_cast<int>(CrimeType::harassment);
constexpr int vandalism = static_cast<int>(CrimeType::vandalism);

// Only `type` happens, with neutral situational factors: the rule reduces to benchmark B1's
// p = base_probability * exp(-guardian_gamma * (r - 1)).
ScenarioSpec only(int type) {
    ScenarioSpec spec;
    for (auto& t : spec.crime.types) t = CrimeTypeSpec{};
    for (int t = 0; t < crime_type_count; ++t) spec.crime.types[t].rate = t == type ? 1.0 : 0.0;
    spec.offenders.base_probability = 0.01;
    spec.offenders.guardian_gamma = 0.2;
    spec.offenders.dark_multiplier = 1.0;
    return spec;
}

double hazard(const OpportunityRule& rule, std::uint32_t node, OffenceSituation situation, std::uint32_t police,
              bool night, int type, double factor = 1.0) {
    TypeHazards h;
    const double total = rule.hazards(node, situation, police, night, factor, h);
    double sum = 0.0;
    for (double x : h) sum += x;
    CHECK(total == Approx(sum));
    return h[type];
}

OffenceSituation people(std::uint32_t r) { return {r, 0, 0}; }
}  // namespace

TEST_CASE("opportunity rule: target, guardians, police (benchmark B1's rule)", "[model][opportunity]") {
    const City city = three_node_city();
    const OpportunityRule rule(only(theft), city);
    CHECK(hazard(rule, 0, people(0), 0, false, theft) == 0.0);  // no target
    CHECK(hazard(rule, 0, people(1), 0, false, theft) == Approx(0.01));
    CHECK(hazard(rule, 0, people(3), 0, false, theft) == Approx(0.01 * std::exp(-0.4)));
    CHECK(hazard(rule, 0, people(3), 1, false, theft) == 0.0);  // a capable guardian: police
    CHECK(hazard(rule, 0, people(5000), 0, false, theft) == Approx(0.01 * std::exp(-0.2 * 4999)));
    // The caller's factor (attractiveness, journey decay) scales the hazard.
    CHECK(hazard(rule, 0, people(1), 0, false, theft, 2.5) == Approx(0.025));
}

TEST_CASE("opportunity rule: crowds, darkness, night and land use per type", "[model][opportunity]") {
    const City city = three_node_city();
    ScenarioSpec spec = only(robbery);
    spec.offenders.guardian_cap = 2;
    spec.offenders.dark_multiplier = 1.5;
    spec.offenders.dark_lux_threshold = 5.0;
    spec.offenders.land_use_multiplier = {{"nightlife", 2.0}};
    CrimeTypeSpec& type = spec.crime.types[robbery];
    type.guardian_sensitivity = 2.0;
    type.darkness_sensitivity = 3.0;  // dark factor 1 + 3 * 0.5 = 2.5
    type.night_multiplier = 1.2;
    type.land_use_multiplier = {{"nightlife", 1.5}, {"commercial", 0.5}};
    const OpportunityRule rule(spec, city);
    // Beyond guardian_cap bystanders, more do not deter; the type doubles gamma.
    CHECK(hazard(rule, 0, people(10), 0, false, robbery) == Approx(0.01 * 0.5 * std::exp(-0.8)));
    // Node 2's only street is unlit (nightlife): dark at night.
    CHECK(hazard(rule, 2, people(1), 0, false, robbery) == Approx(0.01 * 2.0 * 1.5));
    CHECK(hazard(rule, 2, people(1), 0, true, robbery) == Approx(0.01 * 2.0 * 1.5 * 1.2 * 2.5));
    // Node 0's brightest street has 20 lux: night, but not dark.
    CHECK(hazard(rule, 0, people(1), 0, true, robbery) == Approx(0.01 * 0.5 * 1.2));
    // A type indifferent to darkness.
    ScenarioSpec indifferent = spec;
    indifferent.crime.types[robbery].darkness_sensitivity = 0.0;
    const OpportunityRule rule2(indifferent, city);
    CHECK(hazard(rule2, 2, people(1), 0, true, robbery) == Approx(0.01 * 2.0 * 1.5 * 1.2));
    // Lighting the node removes the darkness factor (street lighting interventions).
    OpportunityRule lit(spec, city);
    lit.set_node_lux({20.0f, 20.0f, 20.0f});
    CHECK(hazard(lit, 2, people(1), 0, true, robbery) == Approx(0.01 * 2.0 * 1.5 * 1.2));
}

TEST_CASE("opportunity rule: theft thrives in crowds (crowd exponent)", "[model][opportunity]") {
    const City city = three_node_city();
    ScenarioSpec spec = only(theft);
    spec.crime.types[theft].crowd_exponent = 0.5;
    spec.crime.types[theft].guardian_sensitivity = 0.1;
    const OpportunityRule rule(spec, city);
    for (std::uint32_t r : {1u, 4u, 25u, 100u})
        CHECK(hazard(rule, 0, people(r), 0, false, theft) ==
              Approx(0.01 * std::sqrt(double(r)) * std::exp(-0.02 * (r - 1))));
    CHECK(hazard(rule, 0, people(25), 0, false, theft) > hazard(rule, 0, people(1), 0, false, theft));
}

TEST_CASE("opportunity rule: burglary needs empty homes, neighbours at home guard them", "[model][opportunity]") {
    const City city = three_node_city();
    ScenarioSpec spec = only(burglary);
    spec.crime.types[burglary].crowd_exponent = 1.0;  // every empty home a target of its own
    const OpportunityRule rule(spec, city);
    CHECK(hazard(rule, 0, {5, 0, 3}, 0, false, burglary) == 0.0);  // everyone is home
    CHECK(hazard(rule, 0, {0, 1, 0}, 0, false, burglary) == Approx(0.01));
    CHECK(hazard(rule, 0, {0, 4, 0}, 0, false, burglary) == Approx(0.04));  // more empty homes, more targets
    // Guardians: people on the street and neighbours at home.
    CHECK(hazard(rule, 0, {2, 4, 3}, 0, false, burglary) == Approx(0.04 * std::exp(-0.2 * 5)));
    // Diminishing returns (the default 0.5): 16 empty homes are 4 times one, not 16.
    spec.crime.types[burglary].crowd_exponent = 0.5;
    const OpportunityRule diminishing(spec, city);
    CHECK(hazard(diminishing, 0, {0, 16, 0}, 0, false, burglary) == Approx(0.04));
    CHECK(hazard(diminishing, 0, {0, 1, 0}, 0, false, burglary) == Approx(0.01));
}

TEST_CASE("opportunity rule: vandalism needs no target, everyone present is a witness", "[model][opportunity]") {
    const City city = three_node_city();
    const OpportunityRule rule(only(vandalism), city);
    CHECK(hazard(rule, 1, people(0), 0, false, vandalism) == Approx(0.01));
    CHECK(hazard(rule, 1, people(2), 0, false, vandalism) == Approx(0.01 * std::exp(-0.4)));
    CHECK(hazard(rule, 1, people(0), 1, false, vandalism) == 0.0);
}

TEST_CASE("opportunity rule: the type of an offence is drawn in proportion to the hazards", "[model][opportunity]") {
    TypeHazards h{};
    h[theft] = 0.003;
    h[robbery] = 0.001;
    h[vandalism] = 0.004;
    const double total = 0.008;
    const CounterRng rng(3, RngStream::offence);
    constexpr int n = 40000;
    std::array<int, crime_type_count> count{};
    for (std::uint32_t i = 0; i < n; ++i) ++count[static_cast<int>(OpportunityRule::draw_type(h, total, rng.uniform(i, 0)))];
    // Binomial standard error at p = 0.5, n = 40000 is 0.0025; allow 5 of them.
    CHECK(count[theft] / double(n) == Approx(0.375).margin(0.0125));
    CHECK(count[robbery] / double(n) == Approx(0.125).margin(0.0125));
    CHECK(count[vandalism] / double(n) == Approx(0.5).margin(0.0125));
    CHECK(count[burglary] == 0);
    // The top of the range never falls off the end onto a type with no hazard.
    CHECK(OpportunityRule::draw_type(h, total, 0.9999999999) == CrimeType::vandalism);
}

TEST_CASE("opportunity rule: victim suitability by gender, age band and origin", "[model][opportunity]") {
    const City city = three_node_city();
    ScenarioSpec spec = only(harassment);
    spec.crime.types[harassment].victim_gender = {{"female", 1.0}, {"male", 0.1}};
    spec.crime.types[harassment].victim_age = {{"young", 2.0}, {"adult", 1.0}, {"older", 0.5}};
    spec.crime.types[harassment].victim_origin = {{"minority", 1.0}};
    const OpportunityRule rule(spec, city);
    ResidentTraits young_woman;
    young_woman.female = true;
    young_woman.age_band = 0;
    ResidentTraits older_man;
    older_man.female = false;
    older_man.age_band = 2;
    older_man.minority = true;
    CHECK(rule.suitability(CrimeType::harassment, young_woman) == Approx(1.0));  // the most suitable group
    CHECK(rule.suitability(CrimeType::harassment, older_man) == Approx(0.1 * 0.5 / 2.0));
    // A type without weights takes anyone.
    CHECK(rule.suitability(CrimeType::theft_from_person, older_man) == Approx(1.0));
}
