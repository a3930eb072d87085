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
class CheckpointWriter;
class CheckpointReader;

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

    // Checkpoints: everything collected so far (events, counts, hourly sums including the extra
    // columns' values). steps_per_hour_ and the extra columns' names, units and descriptions are
    // set by the constructor and add_hourly_mean, which the Simulation's constructor calls the same way.
    void save_state(CheckpointWriter& out) const;
    // `steps_done`, `offenders` and `residents` bound the events' steps and ids.
    void load_state(CheckpointReader& in, std::int64_t steps_done, std::uint32_t offenders, std::uint32_t residents);

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
