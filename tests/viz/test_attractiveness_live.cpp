// The street attractiveness field (repeat victimisation) in a live run's snapshots: exactly the
// Simulation's B after the same number of steps, through the model and through the engine thread.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>

#include "live_run_test_support.hpp"
#include "sim/city/city_source.hpp"
#include "sim/engine/simulation.hpp"
#include "viz/core/live_run.hpp"
#include "viz/core/street_live_model.hpp"
#include "viz_test_support.hpp"

using namespace streetwise;
using namespace streetwise::viz;

namespace {

// Updates every 15 minutes, so a day has 96 of them and small step counts cross several.
ScenarioSpec field_spec(std::vector<std::string> extra = {}) {
    extra.insert(extra.begin(), "crime.attractiveness.update_interval_min=15");
    return test::small_viz_spec(extra);
}

void step_to(Simulation& simulation, std::int64_t step) {
    while (simulation.current_step() < step) simulation.step();
}

}  // namespace

TEST_CASE("attractiveness layer: a live model's snapshot holds the Simulation's field, step by step", "[viz][attractiveness]") {
    const ScenarioSpec spec = field_spec();
    const City city = make_city(spec.city);
    StreetLiveModel live(spec, city);
    Simulation reference(spec, city);
    FrameSnapshot snapshot;
    // Before, at and after update steps, and far into the day.
    for (const std::int64_t step : {0, 1, 14, 15, 16, 29, 30, 300, 721, 1439, 1440}) {
        while (live.current_step() < step) live.step();
        step_to(reference, step);
        live.fill(snapshot);
        INFO("step " << step);
        REQUIRE(snapshot.segment_field.size() == city.segment_count());
        CHECK(snapshot.segment_field == reference.attractiveness().values());
    }
    // Not a trivially empty field: the day's crimes raised B on many streets.
    const auto raised = std::count_if(snapshot.segment_field.begin(), snapshot.segment_field.end(), [](float b) { return b > 0; });
    CHECK(raised > 20);
    CHECK(snapshot.segment_field_name.find("attractiveness B") != std::string::npos);
    CHECK(snapshot.segment_field_meaning == "offenders offend (1 + B) times as often here");
}

TEST_CASE("attractiveness layer: the engine thread's snapshots hold it too, going forward and back", "[viz][attractiveness][live]") {
    const ScenarioSpec spec = field_spec();
    const auto city = std::make_shared<const City>(make_city(spec.city));
    Simulation reference(spec, *city);
    step_to(reference, 600);
    const std::vector<float> at_600 = reference.attractiveness().values();
    step_to(reference, 1000);
    const std::vector<float> at_1000 = reference.attractiveness().values();

    LiveRun run(spec, city, test::paused());
    run.seek(1000);
    CHECK(test::wait_for(run, [](const FrameSnapshot& s) { return s.step == 1000; }).segment_field == at_1000);
    run.seek(600);  // back: the run is rebuilt and re-run to step 600
    CHECK(test::wait_for(run, [](const FrameSnapshot& s) { return s.step == 600; }).segment_field == at_600);
}

TEST_CASE("attractiveness layer: none when the scenario switches the field off", "[viz][attractiveness]") {
    const ScenarioSpec spec = field_spec({"crime.attractiveness.enabled=false"});
    const City city = make_city(spec.city);
    StreetLiveModel live(spec, city);
    for (int i = 0; i < 60; ++i) live.step();
    FrameSnapshot snapshot;
    live.fill(snapshot);
    CHECK(snapshot.segment_field.empty());
    CHECK(snapshot.segment_field_name.empty());
}
