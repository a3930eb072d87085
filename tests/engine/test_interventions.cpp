// Interventions in the engine: street lighting changes the dark test only while active, foot
// patrols walk only their area and only inside their window, and live parameter changes apply
// from the next step. Each test compares against a number derived from the model, or against a
// run that differs only in the mechanism under test (same seed: same positions and draws).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/run.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/model/intervention.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "test_support.hpp"

using namespace streetwise;
using Catch::Matchers::Contains;

namespace {

// Benchmark B1 size s (50 x 50 lattice, every street unlit: lux 0), night from 19:00 to 07:00,
// with darkness doubling the odds: dark_multiplier 2, threshold 5 lux.
ScenarioSpec dark_lattice(const std::vector<std::string>& overrides = {}) {
    std::vector<std::string> all{"offenders.dark_multiplier=2", "offenders.dark_lux_threshold=5"};
    all.insert(all.end(), overrides.begin(), overrides.end());
    return load_scenario(test::scenario_path("bench/b1-s.yaml"), all);
}

InterventionSpec lighting(double lux) {
    InterventionSpec light;
    light.kind = InterventionKind::street_lighting;
    light.district = "lattice";  // the lattice's only district: every street
    light.lux = lux;
    return light;
}

using EventKey = std::tuple<std::uint32_t, std::uint32_t>;  // (step, offender)
EventKey key_of(const CrimeEvent& e) { return {e.step, e.offender}; }

bool same_event(const CrimeEvent& a, const CrimeEvent& b) {
    return a.step == b.step && a.offender == b.offender && a.node == b.node && a.segment == b.segment &&
           a.type == b.type && a.victim == b.victim;
}

const TimeSeriesColumn* column(const RunResult& result, const std::string& name) {
    for (const TimeSeriesColumn& c : result.hourly)
        if (c.name == name) return &c;
    return nullptr;
}

}  // namespace

// Derivation. Lighting changes nothing but the dark test: residents, offenders and police walk the
// same routes and every offence draw is keyed by (offender, step), so a lit run and a dark run with
// the same seed see the same opportunities, each with probability p (lit) or 2p (dark) at night,
// decided by the same uniform u: the lit run's night offences are exactly those of the dark run
// with u < p. Day offences are the same. The expected ratio of night offences is therefore exactly
// dark_multiplier = 2 (2p <= 0.02 never reaches 1). With N_L lit night offences, N_D dark ones,
// and D_i, L_i the indicators of one opportunity, Var(D_i - 2 L_i) = 2p (2 - 1), so the ratio's
// standard error is sqrt(2 (2 - 1) / N_L): about 0.03 for the ~2,400 lit night offences of three
// seeds. Tolerance: 4 standard errors.
TEST_CASE("lighting every street of a dark city divides night offences by dark_multiplier", "[engine][interventions]") {
    const ScenarioSpec dark = dark_lattice();
    ScenarioSpec lit = dark;
    lit.interventions = {lighting(10)};
    const City city = make_city(dark.city);
    const double m = dark.offenders.dark_multiplier;
    double night_dark = 0, night_lit = 0;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        ScenarioSpec dark_seed = dark, lit_seed = lit;
        dark_seed.seed = lit_seed.seed = seed;
        Simulation probe(dark_seed, city);  // for is_night()
        const RunResult d = run_simulation(dark_seed, city, {});
        const RunResult l = run_simulation(lit_seed, city, {});
        std::vector<CrimeEvent> day_d, day_l;
        std::map<EventKey, CrimeEvent> dark_nights;
        for (const CrimeEvent& e : d.crimes) {
            if (probe.is_night(e.step)) dark_nights[key_of(e)] = e, ++night_dark;
            else day_d.push_back(e);
        }
        for (const CrimeEvent& e : l.crimes) {
            if (!probe.is_night(e.step)) {
                day_l.push_back(e);
                continue;
            }
            ++night_lit;
            const auto found = dark_nights.find(key_of(e));
            REQUIRE(found != dark_nights.end());  // a lit-night offence happens in the dark run too
            REQUIRE(same_event(found->second, e));
        }
        REQUIRE(day_d.size() == day_l.size());
        for (std::size_t i = 0; i < day_d.size(); ++i) REQUIRE(same_event(day_d[i], day_l[i]));
        // Every node was dark (lux 0 < 5) and is lit to 10: the whole lattice, every hour.
        const TimeSeriesColumn* added = column(l, "lit_nodes_added");
        REQUIRE(added);
        for (const double v : added->values) REQUIRE(v == city.node_count());
        CHECK_FALSE(column(d, "lit_nodes_added"));  // no lighting intervention, no column
    }
    REQUIRE(night_lit > 1000);
    const double ratio = night_dark / night_lit;
    const double standard_error = std::sqrt(m * (m - 1) / night_lit);
    INFO("night offences dark " << night_dark << ", lit " << night_lit << ": ratio " << ratio << " +/- "
                                << standard_error);
    CHECK(std::abs(ratio - m) <= 4 * standard_error);
}

TEST_CASE("lighting acts only inside its window, and lux below the threshold does not count", "[engine][interventions]") {
    const ScenarioSpec dark = dark_lattice({"time.days=2"});
    const City city = make_city(dark.city);
    const RunResult d = run_simulation(dark, city, {});
    SECTION("nights from day 1: dark before, lit after") {
        ScenarioSpec lit = dark;
        InterventionSpec light = lighting(5);  // exactly the threshold: lit ("dark" is below it)
        light.from_day = 1;
        light.daily_from_h = 19;
        light.daily_to_h = 7;
        lit.interventions = {light};
        const RunResult l = run_simulation(lit, city, {});
        std::map<EventKey, CrimeEvent> dark_events, lit_events;
        for (const CrimeEvent& e : d.crimes) dark_events[key_of(e)] = e;
        for (const CrimeEvent& e : l.crimes) lit_events[key_of(e)] = e;
        std::size_t fewer = 0;
        for (const auto& [key, e] : dark_events) {
            const bool active = intervention_active(light, static_cast<std::int64_t>(e.step) * dark.time.step_s);
            const auto found = lit_events.find(key);
            if (!active) {
                REQUIRE(found != lit_events.end());  // outside the window nothing changes
                REQUIRE(same_event(found->second, e));
            } else {
                fewer += found == lit_events.end();
            }
        }
        for (const auto& [key, e] : lit_events) REQUIRE(dark_events.count(key) == 1);  // nothing new
        CHECK(fewer > 200);  // 19:00 to 24:00 of day 1: about half of the ~680 dark offences then go
        const TimeSeriesColumn* added = column(l, "lit_nodes_added");
        REQUIRE(added);
        for (std::size_t h = 0; h < added->values.size(); ++h) {
            INFO("hour " << h);
            CHECK(added->values[h] == (h >= 43 ? city.node_count() : 0));  // from 19:00 on day 1
        }
    }
    SECTION("lux below the threshold changes nothing") {
        ScenarioSpec dim = dark;
        dim.interventions = {lighting(4.5)};
        const RunResult l = run_simulation(dim, city, {});
        REQUIRE(l.crimes.size() == d.crimes.size());
        for (std::size_t i = 0; i < l.crimes.size(); ++i) REQUIRE(same_event(l.crimes[i], d.crimes[i]));
    }
}

TEST_CASE("foot patrol units stay in their area and are on duty exactly inside their window", "[engine][interventions]") {
    ScenarioSpec spec = load_scenario(test::scenario_path("bench/b1-s.yaml"), {"time.days=2"});
    const City city = make_city(spec.city);
    // The area: the streets between the first 10 x 10 intersections of the 50 x 50 lattice.
    std::vector<std::uint32_t> area;
    for (std::uint32_t s = 0; s < city.segment_count(); ++s) {
        const auto corner = [&](std::uint32_t v) { return v % 50 < 10 && v / 50 < 10; };
        if (corner(city.segment_from()[s]) && corner(city.segment_to()[s])) area.push_back(s);
    }
    REQUIRE(area.size() == 180);
    InterventionSpec patrol;
    patrol.kind = InterventionKind::foot_patrol;
    patrol.name = "corner";
    patrol.segments = area;
    patrol.units = 7;
    patrol.daily_from_h = 23;  // 23:00 to 01:00, nights from day 0: not 00:00-01:00 of day 0
    patrol.daily_to_h = 1;
    spec.interventions = {patrol};
    const std::set<std::uint32_t> area_segments(area.begin(), area.end());
    const std::vector<std::uint32_t> nodes = nodes_of_segments(area, city);
    const std::set<std::uint32_t> area_nodes(nodes.begin(), nodes.end());

    Simulation sim(spec, city);
    REQUIRE(sim.foot_patrols().size() == 1);
    const RandomWalkers& units = sim.foot_patrols()[0].units;
    REQUIRE(units.count() == 7);
    std::size_t steps_on_duty = 0, protected_opportunities = 0;
    std::size_t events_seen = 0;
    while (!sim.finished()) {
        sim.step();
        const std::int64_t step = sim.current_step() - 1;
        const bool active = intervention_active(patrol, step * spec.time.step_s);
        REQUIRE(sim.intervention_active_now(0) == active);
        REQUIRE(sim.foot_patrols()[0].on_duty == active);
        REQUIRE(sim.patrol_units_on_duty() == (active ? 7u : 0u));
        // Police counts: regular units plus the patrol units on duty, no more, no less.
        std::vector<std::uint32_t> expected(city.node_count(), 0);
        for (std::uint32_t p = 0; p < sim.police().count(); ++p) ++expected[sim.police().node(p)];
        for (std::uint32_t u = 0; active && u < units.count(); ++u) ++expected[units.node(u)];
        for (std::uint32_t v = 0; v < city.node_count(); ++v) REQUIRE(sim.occupancy().police_at(v) == expected[v]);
        const auto& events = sim.recorder().events();
        const std::size_t first_new_event = events_seen;
        events_seen = events.size();
        if (!active) continue;
        ++steps_on_duty;
        for (std::uint32_t u = 0; u < units.count(); ++u) {
            REQUIRE(area_nodes.count(units.node(u)) == 1);
            if (units.heading_arc(u) != UINT32_MAX) REQUIRE(area_segments.count(city.arc_segment(units.heading_arc(u))) == 1);
        }
        // Police deter where they stand: no offence this step at a patrol unit's node.
        std::set<std::uint32_t> patrolled;
        for (std::uint32_t u = 0; u < units.count(); ++u) patrolled.insert(units.node(u));
        for (std::size_t e = first_new_event; e < events.size(); ++e) REQUIRE(patrolled.count(events[e].node) == 0);
        for (std::uint32_t o = 0; o < sim.offenders().count(); ++o)
            protected_opportunities +=
                patrolled.count(sim.offenders().node(o)) && sim.occupancy().residents_at(sim.offenders().node(o)) > 0;
    }
    // 23:00-24:00 of day 0, 00:00-01:00 and 23:00-24:00 of day 1: three hours of 60 steps.
    CHECK(steps_on_duty == 180);
    INFO("offender-steps on a patrolled node with residents: " << protected_opportunities);
    CHECK(protected_opportunities > 0);  // the deterrence check above was put to the test

    const RunResult result = sim.take_result();
    const TimeSeriesColumn* on_duty = column(result, "patrol_units_on_duty");
    REQUIRE(on_duty);
    REQUIRE(on_duty->values.size() == 48);
    for (std::size_t h = 0; h < 48; ++h) {
        INFO("hour " << h);
        CHECK(on_duty->values[h] == (h == 23 || h == 24 || h == 47 ? 7.0 : 0.0));
    }
    CHECK_FALSE(column(result, "lit_nodes_added"));
}

// Derivation: on a torus, patrol units over every street, on duty all the time, walk exactly like
// police.units: homes uniform over the nodes, uniform random walks. So B1's analytic crime rate
// (tests/engine/test_b1_analytic.cpp) holds with P = police.units + units, exactly on a torus.
// With 500 extra units no police stand at a node with probability (1 - 1/2500)^520 = 0.81 instead
// of 0.99: 18% fewer offences. Tolerance: 4 standard errors of the mean over seeds.
TEST_CASE("a foot patrol over a whole torus deters like as many more police units", "[engine][interventions][b1]") {
    ScenarioSpec spec = load_scenario(test::scenario_path("bench/b1-s.yaml"), {"city.lattice.periodic=true"});
    InterventionSpec patrol;
    patrol.kind = InterventionKind::foot_patrol;
    patrol.district = "lattice";
    patrol.units = 500;
    spec.interventions = {patrol};
    const City city = make_city(spec.city);
    const double q = 1.0 / city.node_count();
    const double lambda = spec.offenders.base_probability, gamma = spec.offenders.guardian_gamma;
    const double police = spec.police.units + patrol.units;
    const double expected = spec.offenders.count * 1440.0 * lambda * std::exp(gamma) *
                            (std::pow(1 - q + q * std::exp(-gamma), spec.residents.count) -
                             std::pow(1 - q, spec.residents.count)) *
                            std::pow(1 - q, police);
    std::vector<double> per_day;
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        spec.seed = seed;
        per_day.push_back(static_cast<double>(run_simulation(spec, city, {}).crimes.size()));
    }
    const auto n = static_cast<double>(per_day.size());
    double mean = 0, squares = 0;
    for (const double x : per_day) mean += x / n;
    for (const double x : per_day) squares += (x - mean) * (x - mean);
    const double standard_error = std::sqrt(squares / (n - 1) / n);
    INFO("analytic " << expected << " per day, observed " << mean << " +/- " << standard_error);
    CHECK(std::abs(mean - expected) <= 4 * standard_error);
}

TEST_CASE("intervention targets are checked against the city when the simulation is built",
          "[engine][interventions][errors]") {
    const ScenarioSpec spec = load_scenario_text(R"(name: x
city:
  source: lattice
  lattice: {width: 5, height: 5}
interventions:
  - kind: foot_patrol
    district: lattice
    units: 1
  - kind: street_lighting
    district: "Old Town"
    lux: 30
)",
                                                 "variant.yaml");
    const City city = make_city(spec.city);
    auto error = test::input_error_of([&] { Simulation sim(spec, city); });
    CHECK(error.file() == "variant.yaml");
    CHECK(error.line() == 9);
    CHECK(error.key() == "interventions[1].district");
    CHECK_THAT(error.what(), Contains("no district named 'Old Town'"));
    CHECK_THAT(error.what(), Contains("'lattice'"));

    ScenarioSpec by_id = spec;
    by_id.interventions[1].district.clear();
    by_id.interventions[1].segments = {39, 40};  // a 5 x 5 lattice has 40 streets: 0 to 39
    error = test::input_error_of([&] { Simulation sim(by_id, city); });
    CHECK(error.key() == "interventions[1].segments");
    CHECK_THAT(error.what(), Contains("segment id 40"));
    CHECK_THAT(error.what(), Contains("from 0 to 39"));
}

TEST_CASE("live changes take effect from the next step and are recorded", "[engine][live]") {
    const ScenarioSpec spec = dark_lattice();
    const City city = make_city(spec.city);
    const RunResult baseline = run_simulation(spec, city, {});
    Simulation sim(spec, city);
    while (sim.current_step() < 600) sim.step();
    sim.apply_live_change("offenders.base_probability", 0.0);
    while (sim.current_step() < 900) sim.step();
    sim.apply_live_change("offenders.base_probability", spec.offenders.base_probability);
    while (!sim.finished()) sim.step();
    const RunResult changed = sim.take_result();

    // Offences are drawn by (offender, step) and do not move anyone: before step 600 and from step
    // 900 on, the run is the baseline; in between there are none.
    std::vector<CrimeEvent> expected;
    for (const CrimeEvent& e : baseline.crimes)
        if (e.step < 600 || e.step >= 900) expected.push_back(e);
    REQUIRE(expected.size() < baseline.crimes.size());
    REQUIRE(changed.crimes.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) REQUIRE(same_event(changed.crimes[i], expected[i]));

    REQUIRE(changed.live_changes.size() == 2);
    CHECK(changed.live_changes[0].step == 600);
    CHECK(changed.live_changes[0].key == "offenders.base_probability");
    CHECK(changed.live_changes[0].value == 0.0);
    CHECK(changed.live_changes[1].step == 900);
    CHECK(changed.live_changes[1].value == spec.offenders.base_probability);
    CHECK(changed.scenario_yaml == baseline.scenario_yaml);  // the run's starting point stays as it was
}

TEST_CASE("live changes of the dark test match a run that started with the same values", "[engine][live]") {
    const ScenarioSpec spec = dark_lattice({"time.days=1"});
    const City city = make_city(spec.city);
    ScenarioSpec never_dark = spec;
    never_dark.offenders.dark_multiplier = 1;
    const RunResult expected = run_simulation(never_dark, city, {});
    for (const auto& [key, value] : std::vector<std::pair<std::string, double>>{
             {"offenders.dark_multiplier", 1.0}, {"offenders.dark_lux_threshold", 0.0}}) {
        INFO(key << " = " << value);
        Simulation sim(spec, city);
        sim.apply_live_change(key, value);  // before the first step: the whole run
        CHECK(sim.live_changes().size() == 1);
        while (!sim.finished()) sim.step();
        const RunResult result = sim.take_result();
        REQUIRE(result.crimes.size() == expected.crimes.size());
        for (std::size_t i = 0; i < result.crimes.size(); ++i) REQUIRE(same_event(result.crimes[i], expected.crimes[i]));
    }
    ScenarioSpec calm = spec;
    calm.offenders.guardian_gamma = 1.5;
    Simulation sim(spec, city);
    sim.apply_live_change("offenders.guardian_gamma", 1.5);
    while (!sim.finished()) sim.step();
    CHECK(sim.take_result().crimes.size() == run_simulation(calm, city, {}).crimes.size());
}

TEST_CASE("live changes refuse keys that cannot change and values out of range", "[engine][live][errors]") {
    const ScenarioSpec spec = load_scenario(test::scenario_path("bench/b1-s.yaml"), {"residents.count=100"});
    const City city = make_city(spec.city);
    Simulation sim(spec, city);
    const auto& keys = Simulation::live_editable_keys();
    for (const char* key : {"offenders.base_probability", "offenders.guardian_gamma", "offenders.dark_multiplier",
                            "offenders.dark_lux_threshold"})
        CHECK(std::find(keys.begin(), keys.end(), key) != keys.end());
    try {
        sim.apply_live_change("residents.count", 5);
        FAIL("expected std::invalid_argument");
    } catch (const std::invalid_argument& error) {
        CHECK_THAT(error.what(), Contains("'residents.count' cannot be changed during a run"));
        CHECK_THAT(error.what(), Contains("offenders.base_probability, offenders.guardian_gamma"));
    }
    auto error = test::input_error_of([&] { sim.apply_live_change("offenders.base_probability", 1.5); });
    CHECK(error.file() == "live change");
    CHECK(error.key() == "offenders.base_probability");
    CHECK_THAT(error.what(), Contains("[0, 1]"));
    error = test::input_error_of([&] { sim.apply_live_change("offenders.dark_multiplier", std::nan("")); });
    CHECK(error.key() == "offenders.dark_multiplier");
    CHECK(sim.live_changes().empty());  // refused changes are not recorded ...
    CHECK(sim.spec().offenders.base_probability == spec.offenders.base_probability);  // ... nor applied
    sim.step();
    sim.apply_live_change("offenders.guardian_gamma", 0.5);
    CHECK(sim.spec().offenders.guardian_gamma == 0.5);
    REQUIRE(sim.live_changes().size() == 1);
    CHECK(sim.live_changes()[0].step == 1);
}

TEST_CASE("scenarios without interventions get no intervention columns", "[engine][interventions]") {
    const ScenarioSpec spec = load_scenario(test::scenario_path("bench/b1-s.yaml"), {"residents.count=100"});
    const City city = make_city(spec.city);
    const RunResult result = run_simulation(spec, city, {});
    CHECK_FALSE(column(result, "patrol_units_on_duty"));
    CHECK_FALSE(column(result, "lit_nodes_added"));
    CHECK(result.live_changes.empty());
}
