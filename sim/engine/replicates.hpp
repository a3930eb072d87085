#pragma once
// Replicates of several scenarios with common random numbers: replicate k of every scenario runs with
// seed first_seed + k, so two scenarios' replicate k differ only by what the scenarios change. Runs
// go in parallel (one task per scenario and replicate); each run's outcomes are the same whatever the
// thread count, so the whole table is too.
#include <cstdint>
#include <functional>
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

// Called once per finished run, from the worker thread that ran it, with the scenario's index, the
// replicate's index (seed first_seed + replicate) and the whole result (its city is `city`). Runs
// finish in any order and concurrently: a callback stores into a slot of its own per (scenario,
// replicate), sized beforehand, so what it keeps does not depend on the thread count, and guards
// anything shared (a run file writer: HDF5 is not thread-safe) itself.
using ReplicateRunCallback =
    std::function<void(std::size_t scenario, std::size_t replicate, const RunResult& result)>;

// Every scenario must run the street model on `city` (the caller checks that they share one city).
// Each run's resolved scenario text carries its own seed, so a run kept in a file reproduces alone.
ReplicateTable run_replicates(const std::vector<ScenarioSpec>& scenarios, const City& city, int replicates,
                              std::uint64_t first_seed, const ReplicateRunCallback& on_run = {});

}  // namespace streetwise
