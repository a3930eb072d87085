#pragma once
// The plain summary printed at the end of `streetwise run`.
#include <chrono>
#include <iosfwd>
#include <string>

#include "sim/city/city_source.hpp"
#include "sim/engine/run.hpp"
#include "sim/io/run_result.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

struct RunSummaryInput {
    const RunResult* result = nullptr;
    const ScenarioSpec* spec = nullptr;  // for its interventions; may be null
    const CityLoadReport* city_report = nullptr;
    RunTimings timings;
    double write_s = 0.0;
    double total_s = 0.0;  // whole process, start-up to file written
    int threads = 0;
    std::string run_file;
};

void print_run_summary(std::ostream& out, const RunSummaryInput& input);

// The end of `run` and of `resume`: writes the run file (atomically) and prints the summary, with
// the whole command's time counted from process_start.
void write_run_and_print_summary(std::ostream& out, const std::string& run_file, const RunResult& result,
                                 const ScenarioSpec& spec, const CityLoadReport& city_report,
                                 const RunTimings& timings, int threads,
                                 std::chrono::steady_clock::time_point process_start);

// "phases    schedule 1.20 s (1.5%), residents move ...": the stepping time by phase of the step, the
// largest first, for `run --phase-times`.
void print_phase_times(std::ostream& out, const RunTimings& timings);

// 1234567 -> "1,234,567": figures read aloud in a workshop.
std::string with_thousands(std::uint64_t value);

}  // namespace streetwise
