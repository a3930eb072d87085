// Replays rebuild the street attractiveness field from the run file's crimes: at any step, going
// forward or back, exactly the field a Simulation of the same scenario had after that many steps.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "sim/city/city_source.hpp"
#include "sim/engine/run.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/io/run_file.hpp"
#include "test_support.hpp"
#include "viz/core/attractiveness_replay.hpp"
#include "viz/core/replay_source.hpp"
#include "viz_test_support.hpp"

using namespace streetwise;
using namespace streetwise::viz;

namespace {

ScenarioSpec field_spec(std::vector<std::string> extra = {}) {
    extra.insert(extra.begin(), "crime.attractiveness.update_interval_min=15");  // 96 updates a day
    return test::small_viz_spec(extra);
}

// The Simulation's field after each of `steps` steps (a batch run's Simulation, stepped once).
std::map<std::int64_t, std::vector<float>> fields_of_run(const ScenarioSpec& spec, const City& city,
                                                         std::vector<std::int64_t> steps) {
    std::sort(steps.begin(), steps.end());
    Simulation simulation(spec, city);
    std::map<std::int64_t, std::vector<float>> fields;
    for (const std::int64_t step : steps) {
        while (simulation.current_step() < step) simulation.step();
        fields[step] = simulation.attractiveness().values();
    }
    return fields;
}

}  // namespace

TEST_CASE("attractiveness replay: the rebuilt field equals the run's at every step visited, forward and back",
          "[viz][replay][attractiveness]") {
    test::ScratchDir dir("replay-attractiveness");
    const ScenarioSpec spec = field_spec();
    const City city = make_city(spec.city);
    write_run_file(dir / "run.h5", run_simulation(spec, city, RunOptions{}));

    // Forward in uneven jumps (single steps across an update, past checkpoints), back to earlier
    // moments (between checkpoints, onto one, the start), and forward again.
    const std::int64_t end = spec.total_steps();
    const std::vector<std::int64_t> visits{1, 14, 15, 16, 30, 300, 301, 961, end, 700, 240, 239, 15, 0, 1000, 480, end};
    const auto expected = fields_of_run(spec, city, visits);
    ReplaySource replay(dir / "run.h5");
    CHECK(replay.attractiveness_note().empty());
    CHECK(replay.snapshot().segment_field == std::vector<float>(city.segment_count(), 0.0f));
    for (const std::int64_t step : visits) {
        replay.seek(step);
        replay.update(0);
        INFO("step " << step);
        REQUIRE(replay.snapshot().segment_field.size() == city.segment_count());
        CHECK(replay.snapshot().segment_field == expected.at(step));
    }
    const auto& b = replay.snapshot().segment_field;
    CHECK(std::count_if(b.begin(), b.end(), [](float v) { return v > 0; }) > 20);
    CHECK(replay.snapshot().segment_field_meaning == "offenders offend (1 + B) times as often here");
}

TEST_CASE("attractiveness replay: playing forward applies each update once, rewinding starts from a checkpoint",
          "[viz][replay][attractiveness]") {
    const ScenarioSpec spec = field_spec();
    const City city = make_city(spec.city);
    const RunResult run = run_simulation(spec, city, RunOptions{});
    AttractivenessReplay field(spec.crime.attractiveness, spec.time.step_s, city, run.crimes, spec.total_steps());
    REQUIRE(field.update_interval_steps() == 15);
    CHECK(field.checkpoint_count() == 1);  // the start
    const std::int64_t spacing = field.checkpoint_spacing();
    REQUIRE(spacing >= 1);
    REQUIRE(96 / spacing >= 2);  // the day crosses some checkpoints

    // Step by step, as a playing slider: the update count follows the clock.
    for (std::int64_t step = 0; step <= spec.total_steps(); step += 5) {
        field.values_at(step);
        REQUIRE(field.updates_done() == step / 15);
    }
    CHECK(field.checkpoint_count() == static_cast<std::size_t>(96 / spacing + 1));
    // Back: the same values as when first passing there, from the checkpoint at or before it.
    const auto expected = fields_of_run(spec, city, {spacing * 15 + 20, 15});
    CHECK(field.values_at(spacing * 15 + 20) == expected.at(spacing * 15 + 20));
    CHECK(field.values_at(15) == expected.at(15));
    CHECK(field.checkpoint_count() == static_cast<std::size_t>(96 / spacing + 1));  // no duplicates
    // Past the end: clamped to the run's last update.
    CHECK(field.values_at(spec.total_steps() + 1000) == fields_of_run(spec, city, {spec.total_steps()}).at(spec.total_steps()));
}

TEST_CASE("attractiveness replay: no street field when the run has none, with the reason", "[viz][replay][attractiveness]") {
    test::ScratchDir dir("replay-attractiveness-none");
    SECTION("switched off in the scenario") {
        const ScenarioSpec spec = field_spec({"crime.attractiveness.enabled=false"});
        write_run_file(dir / "off.h5", run_simulation(spec, make_city(spec.city), RunOptions{}));
        ReplaySource replay(dir / "off.h5");
        replay.seek(spec.total_steps());
        replay.update(0);
        CHECK(replay.snapshot().segment_field.empty());
        CHECK(replay.attractiveness_note().find("enabled: false") != std::string::npos);
        CHECK(replay.status_text().find("no attractiveness layer") != std::string::npos);
    }
    SECTION("no event table to rebuild it from") {
        const ScenarioSpec spec = field_spec({"output.events=false"});
        write_run_file(dir / "no-events.h5", run_simulation(spec, make_city(spec.city), RunOptions{}));
        ReplaySource replay(dir / "no-events.h5");
        CHECK(replay.snapshot().segment_field.empty());
        CHECK(replay.attractiveness_note().find("event table") != std::string::npos);
    }
    SECTION("a run file from before the field existed") {
        const ScenarioSpec spec = field_spec();
        write_run_file(dir / "old.h5", run_simulation(spec, make_city(spec.city), RunOptions{}));
        RunFileContents contents = read_run_file(dir / "old.h5");
        // Its resolved scenario had no crime.attractiveness section.
        std::string& yaml = contents.scenario_yaml;
        const auto begin = yaml.find("  attractiveness:\n");
        REQUIRE(begin != std::string::npos);
        auto end = yaml.find('\n', begin) + 1;
        while (yaml.compare(end, 4, "    ") == 0) end = yaml.find('\n', end) + 1;
        yaml.erase(begin, end - begin);
        ReplaySource replay(std::move(contents));
        CHECK(replay.snapshot().segment_field.empty());
        CHECK(replay.attractiveness_note().find("before the field existed") != std::string::npos);
    }
}
