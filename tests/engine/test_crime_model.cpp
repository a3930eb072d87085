// The crime model in a running simulation: each type's target, victim choice by group, reporting,
// journeys to crime and the offenders' rest after an offence. A small city with a high offence rate
// gives thousands of offences in a few seconds.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "analysis/near_repeat.hpp"
#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/model/crime_type.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "test_support.hpp"

using namespace streetwise;

namespace {

ScenarioSpec busy_city(std::vector<std::string> extra = {}) {
    std::vector<std::string> overrides{"residents.count=4000", "time.days=3", "offenders.count=150",
                                       "offenders.base_probability=0.05", "offenders.rest_after_offence_h=0"};
    overrides.insert(overrides.end(), extra.begin(), extra.end());
    return load_scenario(test::scenario_path("default.yaml"), overrides);
}

int type_index(CrimeType type) { return static_cast<int>(type); }

}  // namespace

TEST_CASE("crime model: each offence hits its type's target, where it stands, when it is there", "[engine][crime]") {
    const ScenarioSpec spec = busy_city();
    const City city = make_city(spec.city);
    Simulation sim(spec, city);
    std::size_t seen = 0;
    std::array<std::size_t, crime_type_count> by_type{};
    while (!sim.finished()) {
        sim.step();
        const auto& events = sim.recorder().events();
        for (; seen < events.size(); ++seen) {
            const CrimeEvent& e = events[seen];
            const auto type = static_cast<CrimeType>(e.type);
            ++by_type[e.type];
            INFO("offence " << seen << " of type " << to_string(type));
            // The state after the step is the state of the offence phase: nothing moves after it.
            switch (crime_target(type)) {
                case CrimeTarget::person:
                    REQUIRE(e.victim < sim.residents().count());
                    REQUIRE(sim.residents().node(e.victim) == e.node);  // the victim was there
                    REQUIRE(sim.residents().state(e.victim) != Residents::State::at_home);
                    break;
                case CrimeTarget::empty_home:
                    REQUIRE(e.victim < sim.residents().count());
                    REQUIRE(sim.residents().home(e.victim) == e.node);  // the victim's home
                    REQUIRE(sim.residents().state(e.victim) != Residents::State::at_home);  // nobody in
                    break;
                case CrimeTarget::place: REQUIRE(e.victim == no_victim); break;
            }
            REQUIRE(e.segment < city.segment_count());
            const std::uint32_t home = sim.offenders().home(e.offender);
            REQUIRE(e.journey_m == Approx(std::hypot(city.node_x_m()[e.node] - city.node_x_m()[home],
                                                    city.node_y_m()[e.node] - city.node_y_m()[home]))
                                       .margin(0.01));
        }
    }
    for (int t = 0; t < crime_type_count; ++t) {
        INFO(crime_type_names[t]);
        CHECK(by_type[t] > 20);  // every type happens
    }
}

// Residents' groups do not affect where they go, so victims met are a random draw of the residents
// present and the group mix of victims follows from the suitability weights alone:
// P(female | harassment) = f * 1 / (f * 1 + (1 - f) * 0.1) with f = 0.51: 0.912 (the age weights are
// the same for both genders and cancel); P(minority | hate incident) = m / (m + (1 - m) * 0.03) with
// m = 0.18: 0.880. Tolerance: 4 binomial standard errors.
TEST_CASE("crime model: victims are chosen by group as the weights imply", "[engine][crime]") {
    const ScenarioSpec spec = busy_city({"crime.theft_from_person.rate=0", "crime.robbery.rate=0",
                                         "crime.burglary.rate=0", "crime.vandalism.rate=0", "time.days=4"});
    const City city = make_city(spec.city);
    Simulation sim(spec, city);
    while (!sim.finished()) sim.step();
    double harassment = 0, female = 0, hate = 0, minority = 0;
    for (const CrimeEvent& e : sim.recorder().events()) {
        const ResidentTraits& victim = sim.residents().traits(e.victim);
        if (e.type == type_index(CrimeType::harassment)) {
            ++harassment;
            female += victim.female;
        } else if (e.type == type_index(CrimeType::hate_incident)) {
            ++hate;
            minority += victim.minority;
        }
    }
    REQUIRE(harassment > 300);
    REQUIRE(hate > 300);
    const double f = spec.residents.female_share, m = spec.residents.minority_share;
    const double p_female = f / (f + (1 - f) * 0.1), p_minority = m / (m + (1 - m) * 0.03);
    CHECK(female / harassment == Approx(p_female).margin(4 * std::sqrt(p_female * (1 - p_female) / harassment)));
    CHECK(minority / hate == Approx(p_minority).margin(4 * std::sqrt(p_minority * (1 - p_minority) / hate)));
    // And the population itself has the configured shares (20 standard errors would be a bug).
    double women = 0, minorities = 0, young = 0, older = 0;
    const double n = sim.residents().count();
    for (std::uint32_t r = 0; r < sim.residents().count(); ++r) {
        const ResidentTraits& t = sim.residents().traits(r);
        women += t.female;
        minorities += t.minority;
        young += t.age_band == 0;
        older += t.age_band == 2;
    }
    CHECK(women / n == Approx(f).margin(4 * std::sqrt(0.25 / n)));
    CHECK(minorities / n == Approx(m).margin(4 * std::sqrt(0.25 / n)));
    CHECK(young / n == Approx(spec.residents.young_share).margin(4 * std::sqrt(0.25 / n)));
    CHECK(older / n == Approx(spec.residents.older_share).margin(4 * std::sqrt(0.25 / n)));
}

// Each offence is reported with its type's probability, independently: recorded / true per type is
// a binomial proportion. Tolerance: 4 standard errors.
TEST_CASE("crime model: the share reported is each type's reporting probability", "[engine][crime]") {
    const ScenarioSpec spec = busy_city();
    const City city = make_city(spec.city);
    Simulation sim(spec, city);
    while (!sim.finished()) sim.step();
    std::array<double, crime_type_count> all{}, reported{};
    for (const CrimeEvent& e : sim.recorder().events()) {
        all[e.type] += 1;
        reported[e.type] += e.reported;
    }
    for (int t = 0; t < crime_type_count; ++t) {
        INFO(crime_type_names[t] << ": " << reported[t] << " of " << all[t]);
        REQUIRE(all[t] > 50);
        const double p = spec.crime.types[t].reporting_probability;
        CHECK(reported[t] / all[t] == Approx(p).margin(4 * std::sqrt(p * (1 - p) / all[t])));
    }
    // The recorded series count the same offences.
    RunResult result = sim.take_result();
    double recorded_series = 0, recorded_events = 0;
    for (const auto& column : result.hourly)
        if (column.name == "recorded")
            for (double v : column.values) recorded_series += v;
    for (double r : reported) recorded_events += r;
    CHECK(recorded_series == recorded_events);
}

TEST_CASE("crime model: after an offence the offender stays home for rest_after_offence_h", "[engine][crime]") {
    const ScenarioSpec spec = busy_city({"offenders.rest_after_offence_h=6", "time.days=2"});
    const City city = make_city(spec.city);
    Simulation sim(spec, city);
    while (!sim.finished()) sim.step();
    const std::int64_t rest_steps = 6 * 60;
    std::map<std::uint32_t, std::int64_t> last;
    std::size_t repeat_offenders = 0;
    for (const CrimeEvent& e : sim.recorder().events()) {
        if (const auto found = last.find(e.offender); found != last.end()) {
            ++repeat_offenders;
            REQUIRE(e.step - found->second > rest_steps);
        }
        last[e.offender] = e.step;
    }
    CHECK(repeat_offenders > 50);  // the check above had offenders offending again
}

// Journey to crime: with distance decay, offences lie closer to the offender's home than without.
TEST_CASE("crime model: distance decay shortens journeys to crime", "[engine][crime]") {
    auto mean_journey = [](const std::vector<std::string>& extra) {
        const ScenarioSpec spec = busy_city(extra);
        const City city = make_city(spec.city);
        Simulation sim(spec, city);
        while (!sim.finished()) sim.step();
        double sum = 0;
        for (const CrimeEvent& e : sim.recorder().events()) sum += e.journey_m;
        REQUIRE(sim.recorder().events().size() > 200);
        return sum / static_cast<double>(sim.recorder().events().size());
    };
    const double without = mean_journey({});
    const double with = mean_journey({"offenders.journey_decay_m=300"});
    INFO("mean journey without decay " << without << " m, with 300 m decay " << with << " m");
    CHECK(with < 0.8 * without);
}

// Near repeats (Johnson et al. 2007: burglary risk stays raised within about 200 m for about two
// weeks). With offenders who return to where they offended and offend more there, burglaries cluster
// in space and time beyond what their spatial pattern alone gives: the Knox ratio (pairs within 200 m
// and the window, against shuffled times) is well above 1. Without learning it stays near 1.
// Busier than the default (base_probability x 4) so that 90 days hold a few hundred burglaries.
TEST_CASE("crime model: offenders who return to where they offended make near-repeat burglaries",
          "[engine][crime][near-repeat]") {
    auto knox = [](const std::vector<std::string>& extra) {
        std::vector<std::string> overrides{"time.days=90", "offenders.base_probability=0.0004"};
        overrides.insert(overrides.end(), extra.begin(), extra.end());
        const ScenarioSpec spec = load_scenario(test::scenario_path("default.yaml"), overrides);
        const City city = make_city(spec.city);
        Simulation sim(spec, city);
        while (!sim.finished()) sim.step();
        std::vector<analysis::CrimePoint> burglaries;
        for (const CrimeEvent& e : sim.recorder().events())
            if (e.type == type_index(CrimeType::burglary))
                burglaries.push_back({city.node_x_m()[e.node], city.node_y_m()[e.node], e.step * 60.0});
        REQUIRE(burglaries.size() > 100);
        // The run summary's window: a seventh of the run (12.9 days), as two weeks would cover too much of it.
        return analysis::knox_near_repeat(burglaries, 200.0, 90 * 86400.0 / 7, 99, 1);
    };
    const auto learning = knox({});
    const auto without = knox({"offenders.return_probability=0", "offenders.memory_boost=0"});
    INFO("Knox ratio with learning " << learning.ratio << " (p " << learning.p_value << "), without "
                                     << without.ratio << " (p " << without.p_value << ")");
    CHECK(learning.ratio > 1.15);
    CHECK(learning.p_value <= 0.05);
    CHECK(learning.ratio > without.ratio + 0.1);
}
