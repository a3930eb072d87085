// The Short et al. (2008) lattice in the visualiser shows what `streetwise run` computes.
#include <catch2/catch.hpp>

#include "sim/city/city.hpp"
#include "sim/engine/run_short2008.hpp"
#include "sim/model/crime_type.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "test_support.hpp"
#include "viz/core/short_live_model.hpp"

using namespace streetwise;
using namespace streetwise::viz;

TEST_CASE("short2008 live: the live view's burglaries are the run's, street by street", "[viz][short2008]") {
    const ScenarioSpec spec = load_scenario(test::scenario_path("classics/short2008-c.yaml"),
                                            {"short2008.width=32", "short2008.height=32", "short2008.time_units=30"},
                                            default_search_paths());
    const auto city = std::make_shared<const City>(short2008_city(spec.short2008));
    const RunResult batch = run_short2008(spec, *city, RunOptions{});
    REQUIRE(batch.crimes.size() > 50);

    const std::int64_t steps = spec.short2008.steps();
    ShortLiveModel live(short2008_params(spec), city, steps);
    while (!live.finished()) live.step();
    FrameSnapshot s;
    live.fill(s);
    CHECK(s.step == steps);
    CHECK(s.crime_total == batch.crimes.size());
    CHECK(s.crimes_by_type[static_cast<std::size_t>(CrimeType::burglary)] == batch.crimes.size());
    CHECK(s.segment_crimes == batch.segment_crime_count);
    REQUIRE(s.node_field.size() == city->node_count());
    CHECK(s.model_time_per_step == spec.short2008.dt);
    // The hourly burglary counts are the run file's crimes_burglary column.
    for (const TimeSeriesColumn& column : batch.hourly)
        if (column.name == "crimes_burglary") CHECK(s.hourly_by_type[static_cast<std::size_t>(CrimeType::burglary)] == column.values);
    CHECK_THROWS_AS(live.apply_live_change("short2008.eta", 0.1), std::invalid_argument);
}
