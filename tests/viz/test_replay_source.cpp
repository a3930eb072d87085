// ReplaySource: the clock over a run file's crime table shows exactly the crimes before it.
#include <catch2/catch.hpp>

#include <algorithm>

#include "sim/city/city_source.hpp"
#include "sim/engine/run.hpp"
#include "sim/io/run_file.hpp"
#include "test_support.hpp"
#include "viz/core/replay_source.hpp"
#include "viz_test_support.hpp"

using namespace streetwise;
using namespace streetwise::viz;

namespace {

std::uint64_t crimes_before(const RunFileContents& contents, std::int64_t step) {
    return static_cast<std::uint64_t>(std::count_if(contents.crimes.begin(), contents.crimes.end(),
                                                    [&](const CrimeEvent& e) { return static_cast<std::int64_t>(e.step) < step; }));
}

}  // namespace

TEST_CASE("replay: at any moment the counts are those of the crimes before it", "[viz][replay]") {
    test::ScratchDir dir("replay");
    const ScenarioSpec spec = test::small_viz_spec();
    const City city = make_city(spec.city);
    write_run_file(dir / "run.h5", run_simulation(spec, city, RunOptions{}));
    const RunFileContents contents = read_run_file(dir / "run.h5");
    REQUIRE(contents.crimes.size() > 50);

    ReplaySource replay(dir / "run.h5");
    CHECK(replay.snapshot().crime_total == 0);
    CHECK(replay.snapshot().replay);
    CHECK(replay.city().fingerprint() == city.fingerprint());
    // Forward in uneven jumps, then backward: each time the same as counting from scratch.
    for (const std::int64_t step : {std::int64_t{1}, std::int64_t{400}, std::int64_t{401}, std::int64_t{1000}, std::int64_t{700},
                                    std::int64_t{0}, spec.total_steps()}) {
        replay.seek(step);
        replay.update(0);
        const FrameSnapshot& s = replay.snapshot();
        INFO("step " << step);
        CHECK(s.step == step);
        CHECK(s.crime_total == crimes_before(contents, step));
        std::uint64_t on_streets = 0;
        for (const auto c : s.segment_crimes) on_streets += c;
        CHECK(on_streets == s.crime_total);
        for (const CrimeEvent& e : s.recent_crimes) {
            CHECK(static_cast<std::int64_t>(e.step) < step);
            CHECK(static_cast<std::int64_t>(e.step) >= step - 60);
        }
    }
    // At the end: what the file says, type by type and street by street.
    const RunFileInfo info = read_run_file_info(dir / "run.h5");
    CHECK(replay.snapshot().crimes_by_type == info.crimes_by_type);
    CHECK(replay.snapshot().segment_crimes == contents.segment_crime_count);
    // Street by street and type by type: each type's streets add up to the file's count of that type.
    const std::size_t types = info.crimes_by_type.size();
    for (std::size_t t = 0; t < types; ++t) {
        std::vector<bool> only(types, false);
        only[t] = true;
        std::uint64_t sum = 0;
        for (const auto c : replay.snapshot().segment_crimes_of_types(only)) sum += c;
        CHECK(sum == info.crimes_by_type[t]);
    }
}

TEST_CASE("replay: playing advances the clock by speed times wall time, and stops at the end", "[viz][replay]") {
    test::ScratchDir dir("replay-play");
    const ScenarioSpec spec = test::small_viz_spec();
    const City city = make_city(spec.city);
    write_run_file(dir / "run.h5", run_simulation(spec, city, RunOptions{}));
    ReplaySource replay(dir / "run.h5");
    replay.set_speed(120);
    replay.play();
    CHECK(replay.update(0.5));
    CHECK(replay.snapshot().step == 60);
    replay.update(0.25);
    CHECK(replay.snapshot().step == 90);
    replay.update(1e6);
    CHECK(replay.snapshot().step == spec.total_steps());
    CHECK_FALSE(replay.is_playing());
}

TEST_CASE("replay: a run without an event table shows hourly totals and the final street counts", "[viz][replay]") {
    test::ScratchDir dir("replay-no-events");
    const ScenarioSpec spec = test::small_viz_spec({"output.events=false"});
    const City city = make_city(spec.city);
    write_run_file(dir / "run.h5", run_simulation(spec, city, RunOptions{}));
    const RunFileContents contents = read_run_file(dir / "run.h5");
    REQUIRE(contents.crime_events_omitted);
    ReplaySource replay(dir / "run.h5");
    replay.seek(spec.total_steps() / 2);
    replay.update(0);
    CHECK(replay.snapshot().segment_crimes == std::vector<std::uint32_t>(contents.city.segment_count(), 0));
    replay.seek(spec.total_steps());
    replay.update(0);
    // The per-street totals, which are always written, add up to the hourly columns' total.
    std::uint64_t total = 0;
    for (const auto n : contents.segment_crime_count) total += n;
    CHECK(total > 0);
    CHECK(replay.snapshot().crime_total == total);
    CHECK(replay.snapshot().segment_crimes == contents.segment_crime_count);
}

TEST_CASE("replay: a Short et al. (2008) lattice run file replays its burglaries", "[viz][replay][short2008]") {
    test::ScratchDir dir("replay-short2008");
    ScenarioSpec spec;
    spec.model = ModelKind::short2008;
    spec.short2008.width = 24;
    spec.short2008.height = 20;
    spec.short2008.time_units = 15;  // 1500 steps
    const City city = make_run_city(spec);
    write_run_file(dir / "lattice.h5", run_simulation(spec, city, RunOptions{}));
    const RunFileContents contents = read_run_file(dir / "lattice.h5");
    REQUIRE(contents.crimes.size() > 50);

    ReplaySource replay(dir / "lattice.h5");
    CHECK(replay.city().fingerprint() == city.fingerprint());
    replay.seek(1500);
    replay.update(0);
    CHECK(replay.snapshot().crime_total == contents.crimes.size());
    CHECK(replay.snapshot().segment_crimes == contents.segment_crime_count);
    CHECK_FALSE(replay.snapshot().night);  // no night_fraction column: never night
    CHECK(replay.snapshot().segment_field.empty());  // its attractiveness lives on the sites, not on streets
}
