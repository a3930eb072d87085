// Checkpoints: a run stopped at step k, written to a checkpoint, destroyed, rebuilt from the file
// and finished writes the run file the uninterrupted run writes, dataset by dataset and byte for
// byte, at any k (the first step, mid-day, mid-night, the step an intervention switches) and with
// any thread counts before and after. A damaged or mismatched checkpoint is an InputError naming
// the file, never a crash or a quietly different run.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/checkpoint.hpp"
#include "sim/engine/run.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/io/run_file.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "test_support.hpp"

using namespace streetwise;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

// The default scenario made small, busy (more offences than the default, so the state holds many
// events, remembered offences and resting offenders) and starting on a Friday (nights out).
ScenarioSpec small_default(std::vector<std::string> extra = {}) {
    std::vector<std::string> overrides{"residents.count=3000", "time.days=2", "offenders.base_probability=0.002",
                                       "time.start_weekday=4"};
    overrides.insert(overrides.end(), extra.begin(), extra.end());
    return load_scenario(test::scenario_path("default.yaml"), overrides);
}

// Lit footpaths every night (on at 19:00, step 1140; off at 07:00) and a foot patrol from 20:00 on
// the second day (step 2640) to 02:00, past the end of the run.
ScenarioSpec small_with_interventions() {
    return small_default({"interventions=[{kind: street_lighting, district: Central Park, daily_from_h: 19, "
                          "daily_to_h: 7, lux: 20}, {kind: foot_patrol, district: Old Quarter, from_day: 1, "
                          "daily_from_h: 20, daily_to_h: 2, units: 40}]"});
}

void require_same_run_files(const fs::path& expected, const fs::path& actual) {
    const auto datasets = list_run_file_datasets(expected);
    REQUIRE(datasets.size() > 20);
    REQUIRE(list_run_file_datasets(actual) == datasets);
    for (const auto& dataset : datasets) {
        INFO("dataset " << dataset);
        CHECK(read_dataset_raw(actual, dataset) == read_dataset_raw(expected, dataset));
    }
    CHECK(test::read_bytes(actual) == test::read_bytes(expected));
}

// Runs to step k with `threads_before` threads, writing a checkpoint there; resumes it in a fresh
// simulation with `threads_after` threads and writes the run file.
fs::path stop_and_resume(const ScenarioSpec& spec, const City& city, std::int64_t k, int threads_before,
                         int threads_after, const test::ScratchDir& dir) {
    const std::string label = "k" + std::to_string(k) + "-t" + std::to_string(threads_before) + "-" +
                              std::to_string(threads_after);
    RunOptions first;
    first.threads = threads_before;
    first.checkpoint.file = dir / (label + ".ckpt");
    first.checkpoint.stop_at_step = k;
    const RunResult partial = run_simulation(spec, city, first);
    REQUIRE(partial.steps == k);

    // Everything from here on comes from the file: scenario, city, state.
    const Checkpoint checkpoint = read_checkpoint(first.checkpoint.file);
    CHECK(checkpoint.info.step == k);
    const ScenarioSpec resumed_spec = checkpoint_scenario(checkpoint);
    CHECK(resumed_spec.resolved_yaml == spec.resolved_yaml);
    CHECK(resumed_spec.source_path == spec.source_path);
    const City resumed_city = make_city(resumed_spec.city);
    RunOptions second;
    second.threads = threads_after;
    const RunResult result = run_from_checkpoint(checkpoint, resumed_spec, resumed_city, second);
    REQUIRE(result.steps == spec.total_steps());
    const fs::path file = dir / (label + ".h5");
    write_run_file(file, result);
    return file;
}

fs::path uninterrupted(const ScenarioSpec& spec, const City& city, const test::ScratchDir& dir) {
    RunOptions options;
    options.threads = 2;
    const RunResult result = run_simulation(spec, city, options);
    REQUIRE(result.crimes.size() > 50);  // a run with few events would prove little
    const fs::path file = dir / "uninterrupted.h5";
    write_run_file(file, result);
    return file;
}

// A small run's checkpoint for the damage tests.
struct SmallCheckpoint {
    test::ScratchDir dir{"checkpoint-damage"};
    ScenarioSpec spec = small_default({"residents.count=400", "time.days=1"});
    fs::path file = dir / "small.ckpt";
    SmallCheckpoint() {
        const City city = make_city(spec.city);
        RunOptions options;
        options.checkpoint.file = file;
        options.checkpoint.stop_at_step = 300;
        run_simulation(spec, city, options);
    }
};

void require_input_error_naming(const fs::path& file, const std::string& problem) {
    const InputError error = test::input_error_of([&] {
        const Checkpoint checkpoint = read_checkpoint(file);
        const ScenarioSpec spec = checkpoint_scenario(checkpoint);
        const City city = make_city(spec.city);
        run_from_checkpoint(checkpoint, spec, city, {});
    });
    CHECK(error.file() == file.string());
    CHECK_THAT(error.what(), Contains(problem));
    CHECK_FALSE(error.hint().empty());
}

}  // namespace

TEST_CASE("default scenario: stop, checkpoint, resume gives the uninterrupted run file", "[engine][checkpoint]") {
    const test::ScratchDir dir("checkpoint-default");
    const ScenarioSpec spec = small_default();
    const City city = make_city(spec.city);
    const fs::path expected = uninterrupted(spec, city, dir);
    // After the first step; at 12:00 on the first day; at 02:30 in the night (nights out under way);
    // one step before the end.
    for (const std::int64_t k : {1, 720, 1590, 2879}) {
        INFO("checkpoint after step " << k);
        require_same_run_files(expected, stop_and_resume(spec, city, k, 2, 2, dir));
    }
}

TEST_CASE("checkpoint with 1 thread, resume with 2 (and the reverse): the same run file", "[engine][checkpoint][threads]") {
    const test::ScratchDir dir("checkpoint-threads");
    const ScenarioSpec spec = small_default();
    const City city = make_city(spec.city);
    const fs::path expected = uninterrupted(spec, city, dir);
    require_same_run_files(expected, stop_and_resume(spec, city, 1000, 1, 2, dir));
    require_same_run_files(expected, stop_and_resume(spec, city, 2000, 2, 1, dir));
}

TEST_CASE("street lighting and a foot patrol: checkpoint and resume at the steps they switch", "[engine][checkpoint]") {
    const test::ScratchDir dir("checkpoint-interventions");
    const ScenarioSpec spec = small_with_interventions();
    REQUIRE(spec.offenders.return_probability > 0);   // offenders' learning on (the default)
    REQUIRE(spec.crime.attractiveness.enabled);      // street attractiveness on (the default)
    const City city = make_city(spec.city);
    const fs::path expected = uninterrupted(spec, city, dir);
    // Lighting switches on at the start of step 1140 and off at step 1860 (07:00 next day); the
    // patrol comes on duty at step 2640. k steps done: the next step is step k.
    for (const std::int64_t k : {1140, 1141, 1860, 2640, 2641, 2700}) {
        INFO("checkpoint after step " << k);
        require_same_run_files(expected, stop_and_resume(spec, city, k, 1, 2, dir));
    }
}

TEST_CASE("a simulation resumed from a checkpoint holds the same state as the uninterrupted one", "[engine][checkpoint]") {
    // Stronger than equal outputs: the whole state, written again at a later step, is the same bytes.
    // A live change (the visualiser's edits) before the checkpoint is part of that state.
    const ScenarioSpec spec = small_with_interventions();
    const City city = make_city(spec.city);
    const test::ScratchDir dir("checkpoint-state");
    Simulation original(spec, city);
    std::vector<std::uint8_t> expected;
    while (original.current_step() < 2700) {
        if (original.current_step() == 600) original.apply_live_change("offenders.dark_multiplier", 3.0);
        if (original.current_step() == 1500) write_checkpoint(dir / "at1500.ckpt", original, {});
        original.step();
    }
    expected = checkpoint_bytes(original, {});

    const Checkpoint checkpoint = read_checkpoint(dir / "at1500.ckpt");
    Simulation resumed(checkpoint_scenario(checkpoint), city);
    restore_checkpoint(checkpoint, resumed);
    CHECK(resumed.spec().offenders.dark_multiplier == 3.0);
    REQUIRE(resumed.live_changes().size() == 1);
    while (resumed.current_step() < 2700) resumed.step();
    CHECK(checkpoint_bytes(resumed, {}) == expected);
    // And the results to the end.
    while (!original.finished()) original.step();
    while (!resumed.finished()) resumed.step();
    const RunResult a = original.take_result();
    const RunResult b = resumed.take_result();
    write_run_file(dir / "a.h5", a);
    write_run_file(dir / "b.h5", b);
    require_same_run_files(dir / "a.h5", dir / "b.h5");
}

TEST_CASE("periodic checkpoints replace each other and the last one resumes", "[engine][checkpoint]") {
    const test::ScratchDir dir("checkpoint-periodic");
    const ScenarioSpec spec = small_default({"residents.count=1000"});
    const City city = make_city(spec.city);
    RunOptions options;
    options.checkpoint.every_steps = 360;  // every 6 hours
    options.checkpoint.file = dir / "run.ckpt";
    options.checkpoint.run_file = dir / "run.h5";
    RunTimings timings;
    const RunResult full = run_simulation(spec, city, options, &timings);
    CHECK(timings.checkpoints == 7);  // 6 h, 12 h, ... 42 h; none at the end (48 h)
    write_run_file(dir / "run.h5", full);
    CHECK(fs::exists(dir / "run.ckpt"));
    CHECK_FALSE(fs::exists(dir / "run.ckpt.tmp"));
    const Checkpoint checkpoint = read_checkpoint(dir / "run.ckpt");
    CHECK(checkpoint.info.step == 7 * 360);
    CHECK(checkpoint.info.checkpoint_every_steps == 360);
    CHECK(checkpoint.info.run_file == (dir / "run.h5").string());
    const RunResult resumed = run_from_checkpoint(checkpoint, checkpoint_scenario(checkpoint), city, {});
    write_run_file(dir / "resumed.h5", resumed);
    require_same_run_files(dir / "run.h5", dir / "resumed.h5");
}

TEST_CASE("a damaged checkpoint is an InputError naming the file", "[engine][checkpoint]") {
    const SmallCheckpoint small;
    const std::string bytes = test::read_bytes(small.file);
    REQUIRE(bytes.size() > 1000);
    const fs::path bad = small.dir / "bad.ckpt";

    SECTION("a flipped byte anywhere") {
        for (const std::size_t at : {std::size_t{10}, bytes.size() / 2, bytes.size() - 2}) {
            std::string flipped = bytes;
            flipped[at] = static_cast<char>(flipped[at] ^ 0x20);
            test::write_bytes(bad, flipped);
            INFO("byte " << at);
            require_input_error_naming(bad, "damaged");
        }
    }
    SECTION("cut short") {
        for (const std::size_t size : {std::size_t{3}, std::size_t{40}, bytes.size() / 2, bytes.size() - 1}) {
            test::write_bytes(bad, bytes.substr(0, size));
            INFO("first " << size << " bytes");
            require_input_error_naming(bad, size < 6 ? "not a streetwise checkpoint" : "damaged");
        }
    }
    SECTION("another file type") {
        std::string wrong = bytes;
        wrong[0] = 'X';
        test::write_bytes(bad, wrong);
        require_input_error_naming(bad, "not a streetwise checkpoint");
        test::write_bytes(bad, "");
        require_input_error_naming(bad, "not a streetwise checkpoint");
    }
    SECTION("no such file, or a folder") {
        require_input_error_naming(small.dir / "missing.ckpt", "no such file");
        require_input_error_naming(small.dir.path(), "folder");
    }
}

TEST_CASE("a checkpoint from another city or scenario is refused", "[engine][checkpoint]") {
    const SmallCheckpoint small;
    const Checkpoint checkpoint = read_checkpoint(small.file);
    const ScenarioSpec spec = checkpoint_scenario(checkpoint);

    SECTION("another city (a changed map)") {
        ScenarioSpec other = spec;
        other.city.synthetic.seed = 2;
        const City other_city = make_city(other.city);
        REQUIRE(other_city.fingerprint() != make_city(spec.city).fingerprint());
        const InputError error =
            test::input_error_of([&] { run_from_checkpoint(checkpoint, spec, other_city, {}); });
        CHECK(error.file() == small.file.string());
        CHECK_THAT(error.problem(), Contains(other_city.fingerprint_hex()));
        CHECK_THAT(error.hint(), Contains("map"));
    }
    SECTION("the state into a simulation of other sizes") {
        ScenarioSpec other = spec;
        other.residents.count = 399;
        const City city = make_city(spec.city);
        Simulation simulation(other, city);
        const InputError error = test::input_error_of([&] { restore_checkpoint(checkpoint, simulation); });
        CHECK(error.file() == small.file.string());
        CHECK_THAT(error.what(), Contains("section"));
    }
}

TEST_CASE("checkpoints are for the street model", "[engine][checkpoint]") {
    const ScenarioSpec spec = load_scenario(test::scenario_path("classics/short2008-c.yaml"));
    const City city = make_run_city(spec);
    RunOptions options;
    options.checkpoint.every_steps = 10;
    options.checkpoint.file = "never-written.ckpt";
    const InputError error = test::input_error_of([&] { run_simulation(spec, city, options); });
    CHECK_THAT(error.problem(), Contains("street model"));
    CHECK_FALSE(fs::exists("never-written.ckpt"));
}
