// Simulation::phase_times (streetwise run --phase-times): the wall time of each phase of the step.
#include <catch2/catch.hpp>

#include <tbb/global_control.h>

#include <chrono>
#include <numeric>

#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/engine/step_phase_times.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "test_support.hpp"

using namespace streetwise;

// On one thread the timed phases are back-to-back pieces of each step, so they add up to at most the
// wall time of the steps measured around them, and to most of it (the rest is the call itself, and
// whatever else ran on the machine between steps: hence the loose lower bound).
TEST_CASE("phase times: on one thread the phases tile the steps", "[engine][phases]") {
    const tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
    const ScenarioSpec spec = load_scenario(test::scenario_path("police/baseline.yaml"), {"time.days=1"});
    const City city = make_city(spec.city);
    Simulation simulation(spec, city);
    for (const double s : simulation.phase_times().seconds) REQUIRE(s == 0.0);

    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 600; ++i) simulation.step();
    const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    const StepPhaseTimes& times = simulation.phase_times();
    const double phases_s = std::accumulate(times.seconds.begin(), times.seconds.end(), 0.0);
    for (const double s : times.seconds) REQUIRE(s >= 0.0);
    REQUIRE(phases_s <= wall_s);
    REQUIRE(phases_s >= 0.5 * wall_s);
    // Residents walk in every step of a day's morning: their phase cannot be empty.
    REQUIRE(times[StepPhase::residents_move] > 0.0);
}
