// LiveRun: the engine on a background thread gives exactly the batch run's results, shows
// consistent snapshots, rewinds deterministically, and never damages a run file when stopped.
#include <catch2/catch.hpp>

#include <chrono>
#include <numeric>
#include <thread>

#include "sim/city/city_source.hpp"
#include "sim/engine/run.hpp"
#include "sim/io/run_file.hpp"
#include "test_support.hpp"
#include "live_run_test_support.hpp"
#include "viz/core/live_run.hpp"
#include "viz_test_support.hpp"

using namespace streetwise;
using namespace streetwise::viz;
using namespace std::chrono_literals;

using test::flat_out;
using test::paused;
using test::wait_for;

TEST_CASE("live run: the end state equals a batch run, and its run file is byte-identical", "[viz][live]") {
    test::ScratchDir dir("live-run");
    const ScenarioSpec spec = test::small_viz_spec();
    const auto city = std::make_shared<const City>(make_city(spec.city));

    RunOptions batch_options;
    batch_options.threads = 1;
    const RunResult batch = run_simulation(spec, *city, batch_options);
    REQUIRE(batch.crimes.size() > 50);
    write_run_file(dir / "batch.h5", batch);

    LiveRun run(spec, city, flat_out(dir / "live.h5"));
    const FrameSnapshot& end = wait_for(run, [&](const FrameSnapshot& s) { return s.step == spec.total_steps(); });
    CHECK(end.crime_total == batch.crimes.size());
    std::vector<std::uint32_t> segment_counts = batch.segment_crime_count;
    CHECK(end.segment_crimes == segment_counts);
    std::uint64_t by_type_sum = std::accumulate(end.crimes_by_type.begin(), end.crimes_by_type.end(), std::uint64_t{0});
    CHECK(by_type_sum == batch.crimes.size());
    // Hourly counts per type add up to the batch run's per-type hourly columns.
    for (std::size_t t = 0; t < end.hourly_by_type.size(); ++t)
        for (const TimeSeriesColumn& column : batch.hourly)
            if (column.name == "crimes_" + batch.crime_type_names[t]) {
                REQUIRE(end.hourly_by_type[t].size() == column.values.size());
                CHECK(end.hourly_by_type[t] == column.values);
            }
    while (run.phase() != LiveRun::Phase::written && run.phase() != LiveRun::Phase::failed) std::this_thread::sleep_for(1ms);
    REQUIRE(run.phase() == LiveRun::Phase::written);
    CHECK(test::read_bytes(dir / "live.h5") == test::read_bytes(dir / "batch.h5"));
}

TEST_CASE("live run: snapshots taken while the engine runs flat out are each consistent", "[viz][live][threads]") {
    const ScenarioSpec spec = test::small_viz_spec({"time.days=7"});
    const auto city = std::make_shared<const City>(make_city(spec.city));
    LiveRun run(spec, city, flat_out());
    std::uint64_t last_serial = 0, checked = 0;
    std::int64_t last_step = -1;
    const auto start = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - start < 30s) {
        if (!run.acquire_snapshot()) continue;
        const FrameSnapshot& s = run.snapshot();
        REQUIRE(s.serial > last_serial);
        REQUIRE(s.step >= last_step);
        last_serial = s.serial;
        last_step = s.step;
        ++checked;
        // Every part of one snapshot describes the same instant.
        const auto by_type = std::accumulate(s.crimes_by_type.begin(), s.crimes_by_type.end(), std::uint64_t{0});
        const auto by_street = std::accumulate(s.segment_crimes.begin(), s.segment_crimes.end(), std::uint64_t{0});
        double by_hour = 0;
        for (const auto& series : s.hourly_by_type) by_hour = std::accumulate(series.begin(), series.end(), by_hour);
        REQUIRE(by_type == s.crime_total);
        REQUIRE(by_street == s.crime_total);
        const auto by_street_and_type =
            std::accumulate(s.segment_crimes_by_type.begin(), s.segment_crimes_by_type.end(), std::uint64_t{0});
        REQUIRE(by_street_and_type == s.crime_total);
        REQUIRE(by_hour == static_cast<double>(s.crime_total));
        std::size_t patrols = 0;
        for (const AgentPoint& a : s.agents) patrols += a.kind == AgentKind::patrol;
        REQUIRE(s.agents.size() == s.residents_walking + spec.offenders.count + spec.police.units + patrols);
        if (s.step == spec.total_steps()) break;
    }
    CHECK(last_step == spec.total_steps());
    CHECK(checked > 3);
}

TEST_CASE("live run: going back in time replays to exactly the same state", "[viz][live]") {
    const ScenarioSpec spec = test::small_viz_spec();
    const auto city = std::make_shared<const City>(make_city(spec.city));
    LiveRun run(spec, city, paused());
    const std::int64_t noon = 12 * 60, evening = 20 * 60;
    run.seek(evening);
    const FrameSnapshot evening_first = wait_for(run, [&](const FrameSnapshot& s) { return s.step == evening; });
    run.seek(noon);
    const FrameSnapshot noon_snapshot = wait_for(run, [&](const FrameSnapshot& s) { return s.step == noon; });
    CHECK(noon_snapshot.crime_total < evening_first.crime_total);
    run.seek(evening);
    const FrameSnapshot evening_again = wait_for(run, [&](const FrameSnapshot& s) { return s.step == evening && s.serial > noon_snapshot.serial; });
    CHECK(evening_again.crime_total == evening_first.crime_total);
    CHECK(evening_again.segment_crimes == evening_first.segment_crimes);
    REQUIRE(evening_again.agents.size() == evening_first.agents.size());
    for (std::size_t i = 0; i < evening_first.agents.size(); ++i) {
        CHECK(evening_again.agents[i].x_m == evening_first.agents[i].x_m);
        CHECK(evening_again.agents[i].id == evening_first.agents[i].id);
    }
}

TEST_CASE("live run: paused, single steps advance one step each", "[viz][live]") {
    const ScenarioSpec spec = test::small_viz_spec();
    const auto city = std::make_shared<const City>(make_city(spec.city));
    LiveRun run(spec, city, paused());
    wait_for(run, [](const FrameSnapshot& s) { return s.step == 0; });
    run.step_once(3);
    wait_for(run, [](const FrameSnapshot& s) { return s.step == 3; });
    std::this_thread::sleep_for(50ms);  // paused: no further steps
    run.acquire_snapshot();
    CHECK(run.snapshot().step == 3);
    CHECK(run.phase() == LiveRun::Phase::paused);
}

TEST_CASE("live run: stopping early writes nothing and leaves an existing file as it was", "[viz][live]") {
    test::ScratchDir dir("live-stop");
    const ScenarioSpec spec = test::small_viz_spec({"time.days=7"});
    const auto city = std::make_shared<const City>(make_city(spec.city));
    const auto output = dir / "precious.h5";
    test::write_bytes(output, "an earlier run the user wants to keep");
    {
        LiveRun run(spec, city, flat_out(output));
        wait_for(run, [](const FrameSnapshot& s) { return s.step > 100; });
    }  // closing the window mid-run
    CHECK(test::read_bytes(output) == "an earlier run the user wants to keep");
    CHECK_FALSE(std::filesystem::exists(output.string() + ".tmp"));
}

TEST_CASE("live run: stopping while the run file is being written leaves a complete file", "[viz][live][threads]") {
    // Stop at many moments around the end of the run: the file is always either the old one or a
    // complete, readable run file, never a half-written one.
    test::ScratchDir dir("live-stop-writing");
    const ScenarioSpec spec = test::small_viz_spec({"time.days=1", "residents.count=500"});
    const auto city = std::make_shared<const City>(make_city(spec.city));
    const auto output = dir / "run.h5";
    int complete = 0, untouched = 0;
    for (int attempt = 0; attempt < 12; ++attempt) {
        test::write_bytes(output, "old");
        {
            LiveRun run(spec, city, flat_out(output));
            wait_for(run, [&](const FrameSnapshot& s) { return s.step >= spec.total_steps() - 5; });
            std::this_thread::sleep_for(std::chrono::microseconds(attempt * 400));
        }
        if (test::read_bytes(output) == "old") {
            ++untouched;
        } else {
            const RunFileInfo info = read_run_file_info(output);  // throws if damaged
            CHECK(info.steps == spec.total_steps());
            ++complete;
        }
        CHECK_FALSE(std::filesystem::exists(output.string() + ".tmp"));
    }
    CHECK(complete + untouched == 12);
}

TEST_CASE("live run: interventions put patrols on the map, and a live edit takes effect and is recorded", "[viz][live]") {
    test::ScratchDir dir("live-interventions");
    ScenarioSpec spec = test::small_viz_spec();
    InterventionSpec patrol;
    patrol.kind = InterventionKind::foot_patrol;
    patrol.district = "Old Quarter";
    patrol.daily_from_h = 6;
    patrol.daily_to_h = 12;
    patrol.units = 7;
    spec.interventions.push_back(patrol);
    const auto city = std::make_shared<const City>(make_city(spec.city));
    LiveRunOptions options = flat_out(dir / "edited.h5");
    options.start_playing = false;
    LiveRun run(spec, city, options);
    const std::int64_t morning = 8 * 60;
    run.seek(morning);
    const FrameSnapshot& at_eight = wait_for(run, [&](const FrameSnapshot& s) { return s.step == morning; });
    std::size_t on_duty = 0;
    for (const AgentPoint& a : at_eight.agents) on_duty += a.kind == AgentKind::patrol;
    CHECK(on_duty == 7);
    REQUIRE(at_eight.active_interventions.size() == 1);
    const std::uint64_t crimes_at_eight = at_eight.crime_total;

    // No more offences once the base probability is 0: the change applies from the next step.
    run.apply_live_change("offenders.base_probability", 0.0);
    run.play();
    const FrameSnapshot& end = wait_for(run, [&](const FrameSnapshot& s) { return s.step == spec.total_steps(); });
    CHECK(end.crime_total == crimes_at_eight);
    std::size_t patrols_at_end = 0;
    for (const AgentPoint& a : end.agents) patrols_at_end += a.kind == AgentKind::patrol;
    CHECK(patrols_at_end == 0);  // off duty at midnight
    while (run.phase() != LiveRun::Phase::written && run.phase() != LiveRun::Phase::failed) std::this_thread::sleep_for(1ms);
    REQUIRE(run.phase() == LiveRun::Phase::written);
    const RunFileContents contents = read_run_file(dir / "edited.h5");
    REQUIRE(contents.live_changes.size() == 1);
    CHECK(contents.live_changes[0].key == "offenders.base_probability");
    CHECK(contents.live_changes[0].step == morning);
    CHECK(contents.live_changes[0].value == 0.0);

    // An edit outside the loader's range is refused with a message; the run goes on.
    run.apply_live_change("offenders.base_probability", 7.0);
    const auto start = std::chrono::steady_clock::now();
    while (run.message().find("refused") == std::string::npos && std::chrono::steady_clock::now() - start < 10s)
        std::this_thread::sleep_for(1ms);
    CHECK(run.message().find("refused") != std::string::npos);
}
