// Validation of street lighting against the published range (docs/validation.md, "Street lighting
// and night crime"): lighting every dark street of the night pack's city cuts night-time crime at
// the intersections that were dark (the treated area) by about 20% (Welsh and Farrington 2008:
// 21% fewer crimes in treated areas, a meta-analysis) to 36% (Chalfin et al. 2022: 36% fewer
// night-time outdoor index crimes, a randomised trial in New York). A long run (replicates of
// four weeks: 80 s on two cores), so hidden: run it with `test_engine "[.validation][lighting]"`.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <algorithm>

#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "sim/engine/run.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "test_support.hpp"

using namespace streetwise;

TEST_CASE("street lighting: night crime in the treated area falls within the published range",
          "[.validation][lighting]") {
    // The night pack's baseline and lighting variant, made busy as the police pack is (offending 20
    // times as likely): the dark intersections (Central Park, Docklands) see about 1% of night crime.
    const std::vector<std::string> more{"offenders.base_probability=0.002"};
    const ScenarioSpec base = load_scenario(test::scenario_path("night/baseline.yaml"), more);
    const ScenarioSpec lit = load_scenario(test::scenario_path("night/lighting.yaml"), more);
    const City city = make_city(base.city);
    // Treated: intersections dark at night without the upgrade (the opportunity rule's darkness).
    std::vector<std::uint8_t> treated(city.node_count(), 0), buffer(city.node_count(), 0);
    for (std::uint32_t v = 0; v < city.node_count(); ++v) treated[v] = city.node_lux()[v] < base.offenders.dark_lux_threshold;
    // Buffer: intersections one street away from a treated one, not treated themselves (displacement
    // or diffusion of benefits).
    for (std::uint32_t v = 0; v < city.node_count(); ++v)
        if (treated[v])
            for (std::uint32_t a = city.arc_begin(v); a < city.arc_end(v); ++a)
                if (!treated[city.arc_target(a)]) buffer[city.arc_target(a)] = 1;
    const auto night = [&](std::uint32_t step) {
        const double h = std::fmod(step * base.time.step_s / 3600.0, 24.0);
        return h < base.time.sunrise_h || h >= base.time.sunset_h;
    };
    const char* env = std::getenv("STREETWISE_REPLICATES");
    const int replicates = env ? std::max(2, std::atoi(env)) : 40;
    double treated_before = 0, treated_after = 0, buffer_before = 0, buffer_after = 0, all_before = 0, all_after = 0;
    std::vector<double> differences;
    for (int k = 0; k < replicates; ++k) {
        double run_before = 0, run_after = 0;
        for (const bool upgrade : {false, true}) {
            ScenarioSpec spec = upgrade ? lit : base;
            spec.seed = 1 + static_cast<std::uint64_t>(k);
            const RunResult result = run_simulation(spec, city, RunOptions{});
            for (const CrimeEvent& e : result.crimes) {
                if (!night(e.step)) continue;
                (upgrade ? all_after : all_before) += 1;
                if (treated[e.node]) {
                    (upgrade ? treated_after : treated_before) += 1;
                    (upgrade ? run_after : run_before) += 1;
                }
                if (buffer[e.node]) (upgrade ? buffer_after : buffer_before) += 1;
            }
        }
        differences.push_back(run_after - run_before);
    }
    // Paired replicates (common random numbers): the interval of the mean difference.
    double mean = 0, var = 0;
    for (const double d : differences) mean += d / replicates;
    for (const double d : differences) var += (d - mean) * (d - mean) / (replicates - 1);
    const double half_width = 2.02 * std::sqrt(var / replicates);  // t(0.975, 39); near enough for other counts
    const double reduction = 1 - treated_after / treated_before;
    const double low = -(mean + half_width) / (treated_before / replicates);
    const double high = -(mean - half_width) / (treated_before / replicates);
    std::printf("lighting validation: night crime at treated intersections %.0f -> %.0f over %d replicates: %.1f%% "
                "fewer (95%% CI %.1f%% to %.1f%%); buffer %.0f -> %.0f (%.1f%%); all night crime %.0f -> %.0f (%.1f%%)\n",
                treated_before, treated_after, replicates, 100 * reduction, 100 * low, 100 * high, buffer_before,
                buffer_after, 100 * (buffer_after / buffer_before - 1), all_before, all_after,
                100 * (all_after / all_before - 1));
    REQUIRE(treated_before > 100);
    // The published range, 20% (Welsh and Farrington 2008) to 36% (Chalfin et al. 2022), must meet
    // the model's interval.
    CHECK(high >= 0.20);
    CHECK(low <= 0.36);
}
