#pragma once
// Collects what a run measures: the crime event table, per-street and per-node counts, and the
// hourly time series: true crime (what the model did) and recorded crime (what was reported).
#include <array>
#include <cstdint>
#include <string>
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

    // An extra hourly column holding the mean over the hour's steps of a per-step value (other
    // modules' series: patrol units on duty, ...). Columns are written after the built-in ones, in
    // the order added. Returns the column's id for add_sample.
    std::size_t add_hourly_mean(std::string name, std::string unit, std::string description);
    // Adds one step's value; call once per step for each extra column (sequential).
    void add_sample(std::size_t column, std::int64_t step, double value) {
        extra_[column].values[static_cast<std::size_t>(step / steps_per_hour_)] += value;
    }

    const std::vector<CrimeEvent>& events() const { return events_; }

    // Moves the collected data into a RunResult.
    void fill(RunResult& result);

private:
    std::int64_t steps_per_hour_;
    std::vector<CrimeEvent> events_;
    std::vector<std::uint32_t> segment_crimes_;
    std::vector<std::uint32_t> node_crimes_;
    std::array<std::vector<double>, crime_type_count> hourly_by_type_;
    std::array<std::vector<double>, crime_type_count> hourly_recorded_by_type_;
    std::vector<double> hourly_walking_sum_;
    std::vector<double> hourly_night_steps_;
    std::vector<TimeSeriesColumn> extra_;  // values: sums over the hour until fill()
};

}  // namespace streetwise
