#pragma once
// Checkpoint-and-resume checks shared by the engine tests of optional modules (drones, insecurity):
// a run stopped at step k and resumed from its checkpoint must write the uninterrupted run's file.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "sim/city/city_source.hpp"
#include "sim/engine/checkpoint.hpp"
#include "sim/engine/run.hpp"
#include "sim/io/run_file.hpp"
#include "test_support.hpp"

namespace streetwise::test {

inline void require_same_files(const std::filesystem::path& expected, const std::filesystem::path& actual) {
    const auto datasets = list_run_file_datasets(expected);
    REQUIRE(list_run_file_datasets(actual) == datasets);
    for (const auto& dataset : datasets) {
        INFO("dataset " << dataset);
        CHECK(read_dataset_raw(actual, dataset) == read_dataset_raw(expected, dataset));
    }
    CHECK(test::read_bytes(actual) == test::read_bytes(expected));
}

// Runs `spec` to step k with a checkpoint there, resumes it in a fresh simulation and requires the
// resumed run file to equal `expected`, dataset by dataset.
inline void require_resume_matches(const ScenarioSpec& spec, const City& city, const RunOptions& options, std::int64_t k,
                                   const std::filesystem::path& dir, const std::filesystem::path& expected) {
    RunOptions first = options;
    first.checkpoint.file = dir / ("k" + std::to_string(k) + ".ckpt");
    first.checkpoint.stop_at_step = k;
    (void)run_simulation(spec, city, first);
    const Checkpoint checkpoint = read_checkpoint(first.checkpoint.file);
    const ScenarioSpec resumed = checkpoint_scenario(checkpoint);
    const City resumed_city = make_city(resumed.city);
    const std::filesystem::path file = dir / ("k" + std::to_string(k) + ".h5");
    write_run_file(file, run_from_checkpoint(checkpoint, resumed, resumed_city, options));
    require_same_files(expected, file);
}

}  // namespace streetwise::test
