// The away_share routine and present_at_anchors in the engine (Groff 2007): the measured time away
// from home against the share the scenario sets, residents at anchor places as targets, and the
// run-file series that exists only with this routine.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <span>

#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "sim/engine/run.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "test_support.hpp"

using namespace streetwise;

namespace {

const TimeSeriesColumn* column(const RunResult& result, const std::string& name) {
    for (const TimeSeriesColumn& c : result.hourly)
        if (c.name == name) return &c;
    return nullptr;
}

// Length of a route as the residents walk it: the shortest street between consecutive nodes.
double route_length_m(const City& city, std::span<const std::uint32_t> route) {
    double length_m = 0;
    for (std::size_t i = 0; i + 1 < route.size(); ++i) {
        float hop_m = std::numeric_limits<float>::infinity();
        for (std::uint32_t a = city.arc_begin(route[i]); a < city.arc_end(route[i]); ++a)
            if (city.arc_target(a) == route[i + 1]) hop_m = std::min(hop_m, city.arc_length_m(a));
        length_m += hop_m;
    }
    return length_m;
}

// What the walk home adds to the time away, as a share of the day, derived from the residents'
// own routes. An outing is away for away_share x 6 h (walking out included) plus the walk home,
// which takes at most ceil(route / distance per step) steps, and no longer than the time walked
// out (a resident still on the way at its return time turns back). The anchor of each slot is
// uniform over those a resident holds, so the expected extra share is
//   4 slots x mean over residents of mean over their anchors of min(ceil(L / d), away steps) / steps per day,
// and it cannot exceed the same with the longest of each resident's routes.
struct WalkHomeShare {
    double expected = 0;
    double most = 0;
};
WalkHomeShare walk_home_share(const Simulation& sim) {
    const Residents& residents = sim.residents();
    const ScenarioSpec& spec = sim.spec();
    const double step_m = spec.residents.walk_speed_mps * spec.time.step_s;
    const double away_steps = std::round(spec.residents.away_share * spec.steps_per_day() / 4.0);
    WalkHomeShare share;
    std::uint32_t counted = 0;
    for (std::uint32_t r = 0; r < residents.count(); ++r) {
        double sum = 0, longest = 0;
        int held = 0;
        for (int a = 0; a < anchor_count; ++a) {
            const std::uint32_t route = residents.anchor_route(r, static_cast<Anchor>(a));
            if (route == Residents::no_route) continue;
            const double steps =
                std::min(std::ceil(route_length_m(sim.city(), residents.routes().route(route)) / step_m), away_steps);
            sum += steps;
            longest = std::max(longest, steps);
            ++held;
        }
        if (held == 0) continue;  // stays home: neither away nor walking
        share.expected += sum / held;
        share.most += longest;
        ++counted;
    }
    // Averaged over all residents (those without anchors add 0), per day of 4 outings.
    const double per_day = 4.0 / (static_cast<double>(residents.count()) * spec.steps_per_day());
    share.expected *= per_day;
    share.most *= per_day;
    return share;
}

}  // namespace

TEST_CASE("away_share: the measured time away from home is away_share plus the walk home", "[engine][away_share]") {
    for (const double away_share : {0.3, 0.5, 0.7}) {
        INFO("away_share " << away_share);
        const ScenarioSpec spec = load_scenario(test::scenario_path("classics/groff2007-base.yaml"),
                                                {"time.days=3", "residents.away_share=" + std::to_string(away_share)});
        const City city = make_city(spec.city);
        Simulation sim(spec, city);
        const WalkHomeShare walk_home = walk_home_share(sim);
        while (!sim.finished()) sim.step();
        const RunResult result = sim.take_result();
        const TimeSeriesColumn* away = column(result, "residents_away_share");
        REQUIRE(away);
        CHECK(away->unit == "share");
        REQUIRE(away->values.size() == 72);
        const double measured = std::accumulate(away->values.begin(), away->values.end(), 0.0) / 72.0;
        INFO("measured " << measured << ", walk home adds " << walk_home.expected << " expected, at most "
                         << walk_home.most);
        // Lower bound: every planned interval is spent away, except that a resident who gets home
        // after its next outing should have started is home for the one step of its arrival (at
        // most once per slot, so 4 steps a day).
        CHECK(measured >= away_share - 4.0 / spec.steps_per_day());
        // Upper bound: the planned share plus the longest possible walks home.
        CHECK(measured <= away_share + walk_home.most);
        // And close to the expectation: 300 residents x 12 outings average the walks home; the
        // outings shortened by a late return from the slot before pull it down a little.
        CHECK(measured == Approx(away_share + walk_home.expected).margin(0.01));
        // The walk home is "a little": here under 5 % of the day.
        CHECK(walk_home.expected < 0.05);
    }
}

TEST_CASE("away_share: the residents_away_share column exists only with that routine", "[engine][away_share]") {
    const ScenarioSpec daily =
        load_scenario(test::scenario_path("default.yaml"),
                      {"residents.count=300", "time.days=1", "residents.present_at_anchors=true"});
    const City city = make_city(daily.city);
    const RunResult plain = run_simulation(daily, city, {});
    CHECK_FALSE(column(plain, "residents_away_share"));

    ScenarioSpec away = daily;
    away.residents.routine = ResidentRoutine::away_share;
    const RunResult with_routine = run_simulation(away, city, {});
    REQUIRE(column(with_routine, "residents_away_share"));
    CHECK(with_routine.hourly.size() == plain.hourly.size() + 1);
}

TEST_CASE("present_at_anchors: residents at their anchor places are robbed there, never at home",
          "[engine][away_share][present_at_anchors]") {
    const ScenarioSpec spec = load_scenario(test::scenario_path("classics/groff2007-50.yaml"), {"time.days=2"});
    const City city = make_city(spec.city);
    Simulation sim(spec, city);
    std::size_t seen = 0;
    int at_anchor = 0, walking = 0;
    while (!sim.finished()) {
        sim.step();
        const auto& events = sim.recorder().events();
        for (; seen < events.size(); ++seen) {
            const CrimeEvent& event = events[seen];
            const Residents::State state = sim.residents().state(event.victim);
            REQUIRE(state != Residents::State::at_home);                // at home, nobody is a target
            REQUIRE(sim.residents().node(event.victim) == event.node);  // the victim was where it happened
            at_anchor += state == Residents::State::at_anchor;
            walking += state != Residents::State::at_anchor;
        }
    }
    INFO(at_anchor << " robberies of residents at an anchor place, " << walking << " of residents walking");
    CHECK(at_anchor > 0);
    CHECK(walking > 0);
}

TEST_CASE("present_when_indoors with present_at_anchors runs as present_when_indoors alone",
          "[engine][present_at_anchors]") {
    // Everyone indoors already counts, anchors included: the second key adds nothing, not even a draw.
    const std::vector<std::string> overrides{"residents.count=2000", "time.days=2",
                                             "residents.present_when_indoors=true", "offenders.base_probability=0.002"};
    const ScenarioSpec indoors = load_scenario(test::scenario_path("default.yaml"), overrides);
    ScenarioSpec both = indoors;
    both.residents.present_at_anchors = true;
    const City city = make_city(indoors.city);
    const RunResult a = run_simulation(indoors, city, {});
    const RunResult b = run_simulation(both, city, {});
    REQUIRE(a.crimes.size() > 10);
    REQUIRE(a.crimes.size() == b.crimes.size());
    for (std::size_t i = 0; i < a.crimes.size(); ++i) {
        REQUIRE(a.crimes[i].step == b.crimes[i].step);
        REQUIRE(a.crimes[i].offender == b.crimes[i].offender);
        REQUIRE(a.crimes[i].victim == b.crimes[i].victim);
    }
    REQUIRE(a.hourly.size() == b.hourly.size());
    for (std::size_t c = 0; c < a.hourly.size(); ++c) CHECK(a.hourly[c].values == b.hourly[c].values);
}
