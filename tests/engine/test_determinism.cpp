// Same scenario and seed: bitwise-identical run files whatever the thread count.
#include <catch2/catch.hpp>

#include "sim/city/city_source.hpp"
#include "sim/engine/run.hpp"
#include "sim/io/run_file.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "test_support.hpp"

using namespace streetwise;

namespace {

void require_identical_across_threads(const ScenarioSpec& spec, const std::string& label) {
    test::ScratchDir dir("determinism-" + label);
    const City city = make_city(spec.city);
    std::vector<std::filesystem::path> files;
    for (int threads : {1, 2, 4}) {
        RunOptions options;
        options.threads = threads;
        const RunResult result = run_simulation(spec, city, options);
        REQUIRE(!result.crimes.empty());  // a run with no events would prove little
        files.push_back(dir / (label + "-t" + std::to_string(threads) + ".h5"));
        write_run_file(files.back(), result);
    }
    const auto datasets = list_run_file_datasets(files[0]);
    REQUIRE(datasets.size() > 20);
    for (std::size_t i = 1; i < files.size(); ++i) {
        REQUIRE(list_run_file_datasets(files[i]) == datasets);
        for (const auto& dataset : datasets) {
            INFO("dataset " << dataset << ", file " << files[i]);
            CHECK(read_dataset_raw(files[i], dataset) == read_dataset_raw(files[0], dataset));
        }
        CHECK(test::read_bytes(files[i]) == test::read_bytes(files[0]));
    }
}

}  // namespace

TEST_CASE("default city scenario: identical run files with 1, 2 and 4 threads", "[engine][determinism][threads]") {
    const ScenarioSpec spec = load_scenario(test::scenario_path("default.yaml"),
                                            {"residents.count=4000", "time.days=3", "offenders.base_probability=0.002",
                                             "time.start_weekday=4"});  // Friday: nightlife outings included
    require_identical_across_threads(spec, "default");
}

TEST_CASE("street lighting and a foot patrol: identical run files with 1, 2 and 4 threads", "[engine][determinism][threads]") {
    // Both interventions switch on and off during the run (patrol: Friday and Saturday nights).
    const ScenarioSpec spec = load_scenario(test::scenario_path("default-lit-night.yaml"),
                                            {"residents.count=4000", "offenders.base_probability=0.002",
                                             "time.start_weekday=0", "time.days=6",
                                             "interventions=[{kind: street_lighting, district: Central Park, "
                                             "daily_from_h: 19, daily_to_h: 7, lux: 20}, {kind: foot_patrol, "
                                             "district: Old Quarter, from_day: 4, daily_from_h: 20, daily_to_h: 2, "
                                             "units: 300}]"});
    require_identical_across_threads(spec, "interventions");
}

TEST_CASE("benchmark B1 size s: identical run files with 1, 2 and 4 threads", "[engine][determinism][threads]") {
    const ScenarioSpec spec = load_scenario(test::scenario_path("bench/b1-s.yaml"));
    require_identical_across_threads(spec, "b1s");
}

TEST_CASE("different seeds give different runs", "[engine][determinism]") {
    ScenarioSpec spec = load_scenario(test::scenario_path("bench/b1-s.yaml"), {"residents.count=2000"});
    const City city = make_city(spec.city);
    const RunResult a = run_simulation(spec, city, {});
    spec.seed = 2;
    const RunResult b = run_simulation(spec, city, {});
    REQUIRE(!a.crimes.empty());
    CHECK(a.node_crime_count != b.node_crime_count);
}

TEST_CASE("Monaco from OpenStreetMap: identical run files with 1, 2 and 4 threads", "[engine][determinism][osm]") {
    const std::filesystem::path map = STREETWISE_SHARED_DATA_DIR "/osm/monaco.osm.pbf";
    if (!std::filesystem::exists(map)) {
        WARN("skipped: " << map << " not found (the shared data folder is not beside the repository)");
        return;
    }
    const test::ScratchDir cache("determinism-monaco-cache");
    const ScenarioSpec spec =
        load_scenario(test::scenario_path("monaco/baseline.yaml"),
                      {"city.osm=" + map.string(), "city.cache_dir=" + cache.path().string(), "residents.count=8000",
                       "time.days=2", "time.start_weekday=4", "offenders.base_probability=0.003"});
    require_identical_across_threads(spec, "monaco");
}
