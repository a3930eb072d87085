#pragma once
// Collects what a run measures: the crime event table, per-street and per-node counts, and the
// hourly time series. What the model truly did, before any reporting (that comes later).
#include <array>
#include <cstdint>
#include <vector>

#include "sim/io/run_result.hpp"
#include "sim/model/crime_type.hpp"

namespace streetwise {

class City;

class CrimeRecorder {
public:
    CrimeRecorder(const City& city, std::int64_t total_steps, int step_s);

    void record(const CrimeEvent& event);
    // Once per step, after all phases.
    void end_step(std::int64_t step, std::uint32_t residents_walking, bool night);

    const std::vector<CrimeEvent>& events() const { return events_; }

    // Moves the collected data into a RunResult.
    void fill(RunResult& result);

private:
    std::int64_t steps_per_hour_;
    std::vector<CrimeEvent> events_;
    std::vector<std::uint32_t> segment_crimes_;
    std::vector<std::uint32_t> node_crimes_;
    std::array<std::vector<double>, crime_type_count> hourly_by_type_;
    std::vector<double> hourly_walking_sum_;
    std::vector<double> hourly_night_steps_;
};

}  // namespace streetwise
