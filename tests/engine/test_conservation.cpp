// Agents are conserved and counts agree with positions, step by step.
#include <catch2/catch.hpp>

#include <algorithm>

#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "test_support.hpp"

using namespace streetwise;

namespace {

// Recount everything from agent positions and compare with the incrementally kept counts. A resident
// indoors counts at its node with present_when_indoors (home or anchor) and, with present_at_anchors,
// at an anchor place only; those counted are exactly the node's indoor list.
void check_counts_agree(const Simulation& sim) {
    const City& city = sim.city();
    const Residents& residents = sim.residents();
    const ResidentSpec& rs = sim.spec().residents;
    std::vector<std::uint32_t> expected_residents(city.node_count(), 0), expected_police(city.node_count(), 0);
    std::vector<std::vector<std::uint32_t>> expected_indoor(city.node_count());
    std::uint32_t walking = 0, counted_indoors = 0, away = 0;
    for (std::uint32_t r = 0; r < residents.count(); ++r) {
        const auto state = residents.state(r);
        const bool is_walking = state == Residents::State::walking_out || state == Residents::State::walking_home;
        const bool counted_inside =
            !is_walking && (rs.present_when_indoors || (rs.present_at_anchors && state == Residents::State::at_anchor));
        walking += is_walking;
        counted_indoors += counted_inside;
        away += state != Residents::State::at_home;
        if (is_walking || counted_inside) ++expected_residents[residents.node(r)];
        if (counted_inside) expected_indoor[residents.node(r)].push_back(r);
    }
    for (std::uint32_t p = 0; p < sim.police().count(); ++p) ++expected_police[sim.police().node(p)];
    REQUIRE(walking == residents.walking_count());
    REQUIRE(away == residents.away_count());
    REQUIRE(sim.occupancy().tracks_indoor() == (rs.present_when_indoors || rs.present_at_anchors));
    std::uint64_t total = 0;
    for (std::uint32_t v = 0; v < city.node_count(); ++v) {
        REQUIRE(sim.occupancy().residents_at(v) == expected_residents[v]);
        REQUIRE(sim.occupancy().police_at(v) == expected_police[v]);
        if (sim.occupancy().tracks_indoor()) {
            std::vector<std::uint32_t> listed = sim.occupancy().indoor_at(v);
            std::sort(listed.begin(), listed.end());
            REQUIRE(listed == expected_indoor[v]);  // ascending: residents were visited in id order
        }
        total += sim.occupancy().residents_at(v);
    }
    REQUIRE(total == walking + counted_indoors);
}

}  // namespace

TEST_CASE("city scenario: residents and police are conserved and counted where they stand", "[engine][conservation]") {
    const ScenarioSpec spec = load_scenario(test::scenario_path("default.yaml"),
                                            {"residents.count=1500", "time.days=2", "time.start_weekday=4",
                                             "offenders.base_probability=0.005"});
    const City city = make_city(spec.city);
    Simulation sim(spec, city);
    std::uint32_t most_walking = 0;
    while (!sim.finished()) {
        sim.step();
        most_walking = std::max(most_walking, sim.residents().walking_count());
        if (sim.current_step() % 30 == 0) check_counts_agree(sim);
    }
    CHECK(most_walking > 50);  // the check above saw people on the move, not only empty streets
    std::uint64_t victimisations = 0;
    for (std::uint32_t r = 0; r < sim.residents().count(); ++r) victimisations += sim.residents().victimisations(r);
    REQUIRE(!sim.recorder().events().empty());
    // Each offence against a person or a home has exactly one victim; vandalism has none.
    std::uint64_t with_victim = 0;
    for (const auto& event : sim.recorder().events()) {
        const bool has_victim = crime_target(static_cast<CrimeType>(event.type)) != CrimeTarget::place;
        REQUIRE(has_victim == (event.victim != no_victim));
        with_victim += has_victim;
    }
    CHECK(victimisations == with_victim);
    for (const auto& event : sim.recorder().events()) {
        if (event.victim != no_victim) REQUIRE(event.victim < sim.residents().count());
        REQUIRE(event.offender < sim.offenders().count());
        REQUIRE(event.node < city.node_count());
    }
}

TEST_CASE("present_at_anchors: residents at an anchor place count at its node, at home they do not",
          "[engine][conservation][present_at_anchors]") {
    // Both routines, and with present_when_indoors as well (then everyone indoors counts).
    const std::vector<std::vector<std::string>> variants{
        {"residents.present_at_anchors=true"},
        {"residents.present_at_anchors=true", "residents.routine=away_share", "residents.away_share=0.6"},
        {"residents.present_at_anchors=true", "residents.present_when_indoors=true", "residents.routine=away_share"},
    };
    for (const auto& variant : variants) {
        std::vector<std::string> overrides{"residents.count=1500", "time.days=2", "time.start_weekday=4",
                                           "offenders.base_probability=0.005"};
        overrides.insert(overrides.end(), variant.begin(), variant.end());
        INFO(overrides.back());
        const ScenarioSpec spec = load_scenario(test::scenario_path("default.yaml"), overrides);
        const City city = make_city(spec.city);
        Simulation sim(spec, city);
        std::uint32_t most_at_anchors = 0;
        while (!sim.finished()) {
            sim.step();
            if (sim.current_step() % 30 != 0) continue;
            check_counts_agree(sim);
            std::uint32_t at_anchors = 0;
            for (std::uint32_t r = 0; r < sim.residents().count(); ++r)
                at_anchors += sim.residents().state(r) == Residents::State::at_anchor;
            most_at_anchors = std::max(most_at_anchors, at_anchors);
        }
        CHECK(most_at_anchors > 100);  // the checks saw many residents at their anchors
    }
}

TEST_CASE("B1: residents indoors count at their node, everyone is home at the end of the day",
          "[engine][conservation][b1]") {
    const ScenarioSpec spec = load_scenario(test::scenario_path("bench/b1-s.yaml"), {"residents.count=2000"});
    const City city = make_city(spec.city);
    Simulation sim(spec, city);
    while (!sim.finished()) {
        sim.step();
        if (sim.current_step() % 20 == 0) check_counts_agree(sim);
    }
    for (std::uint32_t r = 0; r < sim.residents().count(); ++r) {
        REQUIRE(sim.residents().state(r) == Residents::State::at_home);
        REQUIRE(sim.residents().node(r) == sim.residents().home(r));
    }
}

TEST_CASE("B1: a commuter walks one edge per minute from its departure minute and turns home at d + 540",
          "[engine][b1]") {
    const ScenarioSpec spec = load_scenario(test::scenario_path("bench/b1-s.yaml"), {"residents.count=300"});
    const City city = make_city(spec.city);
    Simulation sim(spec, city);
    const Residents& residents = sim.residents();
    // Follow every resident: record where each stands at every step.
    std::vector<std::vector<std::uint32_t>> track(residents.count());
    while (!sim.finished()) {
        sim.step();
        for (std::uint32_t r = 0; r < residents.count(); ++r) track[r].push_back(residents.node(r));
    }
    int checked = 0;
    for (std::uint32_t r = 0; r < residents.count(); ++r) {
        const auto route = residents.routes().route(residents.anchor_route(r, Anchor::work));
        const auto hops = static_cast<std::int64_t>(route.size() - 1);
        const std::int64_t d = residents.traits(r).work_departure_step_of_day;
        REQUIRE(d >= 7 * 60);
        REQUIRE(d < 9 * 60);
        // Manhattan distance on the lattice: the route is a shortest one.
        const std::uint32_t home = route.front(), work = route.back();
        const auto w = static_cast<std::int64_t>(spec.city.lattice.width);
        REQUIRE(hops == std::abs(home % w - work % w) + std::abs(home / w - work / w));
        // Step t is minute t; after the move phase of minute d + k the walker stands on route[k + 1].
        for (std::int64_t k = 0; k < hops; ++k) REQUIRE(track[r][static_cast<std::size_t>(d + k)] == route[k + 1]);
        if (d > 0) REQUIRE(track[r][static_cast<std::size_t>(d - 1)] == home);
        // At work until minute d + 540, then one edge per minute back along the route.
        REQUIRE(track[r][static_cast<std::size_t>(d + 539)] == work);
        for (std::int64_t k = 0; k < hops; ++k)
            REQUIRE(track[r][static_cast<std::size_t>(d + 540 + k)] == route[static_cast<std::size_t>(hops - 1 - k)]);
        ++checked;
    }
    CHECK(checked == 300);
}

TEST_CASE("residents with nothing planned for a week wait for their next outing's departure time",
          "[engine][schedule]") {
    // Rare daytime shopping only: many residents go more than a week without an outing and get a
    // look-again wake at midnight. None may leave before the shopping window (10:00) opens.
    const ScenarioSpec spec = load_scenario(
        test::scenario_path("default.yaml"),
        {"residents.count=2000", "time.days=40", "residents.employed_fraction=0", "residents.shopping_probability=0.02",
         "residents.leisure_probability=0", "residents.nightlife_probability=0", "offenders.count=0", "police.units=0"});
    const City city = make_city(spec.city);
    Simulation sim(spec, city);
    std::uint64_t walking_steps_before_ten = 0, walking_steps = 0;
    while (!sim.finished()) {
        const std::int64_t minute_of_day = sim.current_step() % 1440;
        sim.step();
        walking_steps += sim.residents().walking_count();
        if (minute_of_day < 10 * 60) walking_steps_before_ten += sim.residents().walking_count();
    }
    CHECK(walking_steps > 1000);  // shopping trips did happen
    CHECK(walking_steps_before_ten == 0);
}

TEST_CASE("a city with an isolated intersection: walkers there stay put, nothing breaks", "[engine][robustness]") {
    // Built without the largest-component clean-up, so node 3 has no street at all.
    CityDraft draft;
    draft.name = "island";
    draft.node_x_m = {0, 100, 200, 500};
    draft.node_y_m = {0, 0, 0, 500};
    draft.segments.push_back({0, 1, 100.0f, RoadClass::residential, 0.0f, LandUse::residential, 0, 0});
    draft.segments.push_back({1, 2, 100.0f, RoadClass::residential, 0.0f, LandUse::residential, 0, 0});
    const City city = City::build(draft, false);
    REQUIRE(city.degree(3) == 0);
    ScenarioSpec spec = load_scenario(test::scenario_path("bench/b1-s.yaml"),
                                      {"residents.count=50", "offenders.count=40", "police.units=10"});
    Simulation sim(spec, city);
    std::vector<std::uint32_t> stuck;
    for (std::uint32_t o = 0; o < sim.offenders().count(); ++o)
        if (sim.offenders().node(o) == 3) stuck.push_back(o);
    while (!sim.finished()) sim.step();
    REQUIRE(!stuck.empty());  // with 40 offenders on 4 nodes, some start on the island
    for (std::uint32_t o : stuck) CHECK(sim.offenders().node(o) == 3);
    check_counts_agree(sim);
}
