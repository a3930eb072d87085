#include "sim/engine/crime_recorder.hpp"

#include <string>
#include <utility>

#include "sim/city/city.hpp"
#include "sim/io/checkpoint_file.hpp"

namespace streetwise {

CrimeRecorder::CrimeRecorder(const City& city, std::int64_t total_steps, int step_s)
    : steps_per_hour_(std::max(1, 3600 / step_s)),
      segment_crimes_(city.segment_count(), 0),
      node_crimes_(city.node_count(), 0) {
    const auto hours = static_cast<std::size_t>((total_steps + steps_per_hour_ - 1) / steps_per_hour_);
    for (auto& series : hourly_by_type_) series.assign(hours, 0.0);
    for (auto& series : hourly_recorded_by_type_) series.assign(hours, 0.0);
    hourly_walking_sum_.assign(hours, 0.0);
    hourly_night_steps_.assign(hours, 0.0);
}

std::size_t CrimeRecorder::add_hourly_mean(std::string name, std::string unit, std::string description) {
    extra_.push_back({std::move(name), std::move(unit), std::move(description),
                      std::vector<double>(hourly_walking_sum_.size(), 0.0)});
    return extra_.size() - 1;
}

void CrimeRecorder::record(const CrimeEvent& event) {
    events_.push_back(event);
    ++segment_crimes_[event.segment];
    ++node_crimes_[event.node];
    const auto hour = static_cast<std::size_t>(event.step / steps_per_hour_);
    hourly_by_type_[event.type][hour] += 1.0;
    if (event.reported) hourly_recorded_by_type_[event.type][hour] += 1.0;
}

void CrimeRecorder::end_step(std::int64_t step, std::uint32_t residents_walking, bool night) {
    const auto hour = static_cast<std::size_t>(step / steps_per_hour_);
    hourly_walking_sum_[hour] += residents_walking;
    hourly_night_steps_[hour] += night ? 1.0 : 0.0;
}

void CrimeRecorder::fill(RunResult& result) {
    const std::size_t hours = hourly_walking_sum_.size();
    std::vector<double> total(hours, 0.0);
    for (const auto& series : hourly_by_type_)
        for (std::size_t h = 0; h < hours; ++h) total[h] += series[h];
    result.hourly.push_back({"crimes", "count", "offences committed in the hour (true crime, all types)", total});
    for (int t = 0; t < crime_type_count; ++t) {
        result.hourly.push_back({"crimes_" + std::string(crime_type_names[t]), "count",
                                 "offences of type " + std::string(crime_type_names[t]) + " in the hour",
                                 std::move(hourly_by_type_[t])});
    }
    std::vector<double> recorded(hours, 0.0);
    for (const auto& series : hourly_recorded_by_type_)
        for (std::size_t h = 0; h < hours; ++h) recorded[h] += series[h];
    result.hourly.push_back({"recorded", "count",
                             "offences committed in the hour that were reported to the police (recorded crime)",
                             recorded});
    for (int t = 0; t < crime_type_count; ++t) {
        result.hourly.push_back({"recorded_" + std::string(crime_type_names[t]), "count",
                                 "offences of type " + std::string(crime_type_names[t]) +
                                     " in the hour that were reported to the police",
                                 std::move(hourly_recorded_by_type_[t])});
    }
    for (std::size_t h = 0; h < hours; ++h) {
        hourly_walking_sum_[h] /= static_cast<double>(steps_per_hour_);
        hourly_night_steps_[h] /= static_cast<double>(steps_per_hour_);
    }
    result.hourly.push_back({"residents_walking", "residents", "mean number of residents out walking during the hour",
                             std::move(hourly_walking_sum_)});
    result.hourly.push_back({"night_fraction", "fraction", "share of the hour between sunset and sunrise",
                             std::move(hourly_night_steps_)});
    for (TimeSeriesColumn& column : extra_) {
        for (double& value : column.values) value /= static_cast<double>(steps_per_hour_);
        result.hourly.push_back(std::move(column));
    }
    result.crime_type_names.assign(crime_type_names.begin(), crime_type_names.end());
    result.crimes = std::move(events_);
    result.segment_crime_count = std::move(segment_crimes_);
    result.node_crime_count = std::move(node_crimes_);
}

void CrimeRecorder::save_state(CheckpointWriter& out) const {
    out.put<std::uint64_t>(events_.size());
    for (const CrimeEvent& event : events_) {
        out.put(event.step);
        out.put(event.node);
        out.put(event.segment);
        out.put(event.type);
        out.put(event.offender);
        out.put(event.victim);
        out.put(event.reported);
        out.put(event.journey_m);
    }
    out.put_vector(segment_crimes_);
    out.put_vector(node_crimes_);
    for (const auto& series : hourly_by_type_) out.put_vector(series);
    for (const auto& series : hourly_recorded_by_type_) out.put_vector(series);
    out.put_vector(hourly_walking_sum_);
    out.put_vector(hourly_night_steps_);
    out.put<std::uint64_t>(extra_.size());
    for (const TimeSeriesColumn& column : extra_) out.put_vector(column.values);
}

void CrimeRecorder::load_state(CheckpointReader& in, std::int64_t steps_done, std::uint32_t offenders,
                               std::uint32_t residents) {
    // At most one offence per offender and step.
    const std::uint64_t max_events = static_cast<std::uint64_t>(offenders) * static_cast<std::uint64_t>(steps_done);
    const std::uint64_t count = in.get_count(max_events, "crime events");
    events_.clear();
    events_.reserve(static_cast<std::size_t>(count));
    for (std::uint64_t i = 0; i < count; ++i) {
        CrimeEvent event;
        event.step = in.get<std::uint32_t>("crime event step");
        event.node = in.get<std::uint32_t>("crime event node");
        event.segment = in.get<std::uint32_t>("crime event segment");
        event.type = in.get<std::uint8_t>("crime event type");
        event.offender = in.get<std::uint32_t>("crime event offender");
        event.victim = in.get<std::uint32_t>("crime event victim");
        event.reported = in.get<std::uint8_t>("crime event reported");
        event.journey_m = in.get<float>("crime event journey");
        in.check(event.step < steps_done && event.node < node_crimes_.size() &&
                     event.segment < segment_crimes_.size() && event.type < crime_type_count &&
                     event.offender < offenders && (event.victim < residents || event.victim == no_victim) &&
                     event.reported <= 1,
                 "crime event " + std::to_string(i) + " holds a step, id or type out of range");
        events_.push_back(event);
    }
    in.get_vector_into(segment_crimes_, "crimes per segment");
    in.get_vector_into(node_crimes_, "crimes per node");
    for (auto& series : hourly_by_type_) in.get_vector_into(series, "hourly crimes of a type");
    for (auto& series : hourly_recorded_by_type_) in.get_vector_into(series, "hourly recorded crimes of a type");
    in.get_vector_into(hourly_walking_sum_, "hourly residents walking");
    in.get_vector_into(hourly_night_steps_, "hourly night steps");
    const std::uint64_t columns = in.get<std::uint64_t>("extra hourly columns");
    in.check(columns == extra_.size(), "the checkpoint has " + std::to_string(columns) +
                                           " extra hourly columns where this scenario has " +
                                           std::to_string(extra_.size()));
    for (TimeSeriesColumn& column : extra_) in.get_vector_into(column.values, "hourly " + column.name);
}

}  // namespace streetwise
