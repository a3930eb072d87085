// The run file written from a real run: counts agree with the event table, output.events, and the
// whole file read back equals the run's result.
#include <catch2/catch.hpp>

#include <cstring>
#include <numeric>

#include "sim/city/city_source.hpp"
#include "sim/engine/run.hpp"
#include "sim/io/run_file.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "io/run_file_fixtures.hpp"
#include "test_support.hpp"

using namespace streetwise;

namespace {
template <class T>
std::vector<T> read_column(const std::filesystem::path& file, const std::string& dataset) {
    const auto raw = read_dataset_raw(file, dataset);
    std::vector<T> values(raw.size() / sizeof(T));
    if (!raw.empty()) std::memcpy(values.data(), raw.data(), raw.size());
    return values;
}
}  // namespace

TEST_CASE("run file from a run: per-street and per-node counts add up to the crime table", "[io][engine]") {
    const ScenarioSpec spec = load_scenario(test::scenario_path("bench/b1-s.yaml"), {"residents.count=3000"});
    const City city = make_city(spec.city);
    const RunResult result = run_simulation(spec, city, {});
    REQUIRE(result.crimes.size() > 100);
    const test::ScratchDir dir("run-file-engine");
    write_run_file(dir / "run.h5", result);

    const auto segment_counts = read_column<std::uint32_t>(dir / "run.h5", "/segments/crime_count");
    const auto node_counts = read_column<std::uint32_t>(dir / "run.h5", "/nodes/crime_count");
    const auto steps = read_column<std::uint32_t>(dir / "run.h5", "/events/crimes/step");
    REQUIRE(segment_counts.size() == city.segment_count());
    REQUIRE(node_counts.size() == city.node_count());
    CHECK(std::accumulate(segment_counts.begin(), segment_counts.end(), 0ull) == result.crimes.size());
    CHECK(std::accumulate(node_counts.begin(), node_counts.end(), 0ull) == result.crimes.size());
    CHECK(steps.size() == result.crimes.size());
    CHECK(std::is_sorted(steps.begin(), steps.end()));
    const auto hourly = read_column<double>(dir / "run.h5", "/timeseries/crimes");
    CHECK(hourly.size() == 24);
    CHECK(std::accumulate(hourly.begin(), hourly.end(), 0.0) == static_cast<double>(result.crimes.size()));
    const RunFileInfo info = read_run_file_info(dir / "run.h5");
    CHECK(info.seed == spec.seed);
    CHECK(info.city_fingerprint == city.fingerprint_hex());
    CHECK(info.crime_count == result.crimes.size());
}

TEST_CASE("output.events: false leaves the event table empty but keeps the totals", "[io][engine]") {
    const ScenarioSpec spec =
        load_scenario(test::scenario_path("bench/b1-s.yaml"), {"residents.count=3000", "output.events=false"});
    const City city = make_city(spec.city);
    const RunResult result = run_simulation(spec, city, {});
    REQUIRE(result.crimes.size() > 100);
    const test::ScratchDir dir("run-file-no-events");
    write_run_file(dir / "run.h5", result);
    CHECK(read_column<std::uint32_t>(dir / "run.h5", "/events/crimes/step").empty());
    CHECK(read_column<std::uint32_t>(dir / "run.h5", "/events/crimes/victim").empty());
    const auto segment_counts = read_column<std::uint32_t>(dir / "run.h5", "/segments/crime_count");
    CHECK(std::accumulate(segment_counts.begin(), segment_counts.end(), 0ull) == result.crimes.size());
}

TEST_CASE("a real run written and read back equals its RunResult field by field", "[io][engine][read]") {
    const ScenarioSpec spec = load_scenario(test::scenario_path("default.yaml"),
                                            {"residents.count=3000", "time.days=2", "offenders.base_probability=0.002"});
    const City city = make_city(spec.city);
    RunResult result = run_simulation(spec, city, {});
    REQUIRE(result.crimes.size() > 50);
    REQUIRE(result.hourly.size() > 1);
    // The engine does not make live changes yet (the visualiser will); add some as it would.
    result.live_changes = {{60, "offenders.base_probability", 0.003}, {result.steps, "police.units", 2.0}};
    const test::ScratchDir dir("run-file-engine-read");
    write_run_file(dir / "run.h5", result);
    const RunFileContents contents = read_run_file(dir / "run.h5");
    test::check_same_as_result(contents, result);
    CHECK(contents.info.crime_count == result.crimes.size());
    CHECK(contents.info.timeseries_columns.size() == result.hourly.size());
}
