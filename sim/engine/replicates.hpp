#pragma once
// Replicates of several scenarios with common random numbers: replicate k of every scenario runs with
// seed first_seed + k, so two scenarios' replicate k differ only by what the scenarios change. Runs
// go in parallel (one task per scenario and replicate); each run's outcomes are the same whatever the
// thread count, so the whole table is too.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/run_result.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

class City;

// The outcomes compared, in a fixed order: all crime, recorded crime, crime at night, then each type.
std::vector<std::string> outcome_names();
// One run's outcomes, in outcome_names() order (counts over the whole run).
std::vector<double> run_outcomes(const RunResult& result, const ScenarioSpec& spec);

struct ReplicateTable {
    std::vector<std::string> outcomes;                 // outcome_names()
    // values[scenario][outcome][replicate]
    std::vector<std::vector<std::vector<double>>> values;
};

// Every scenario must run the street model on `city` (the caller checks that they share one city).
ReplicateTable run_replicates(const std::vector<ScenarioSpec>& scenarios, const City& city, int replicates,
                              std::uint64_t first_seed);

}  // namespace streetwise
