#include "viz/core/replay_source.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/city/city.hpp"
#include "viz/core/attractiveness_layer.hpp"
#include "viz/core/scenario_tree.hpp"

namespace streetwise::viz {

namespace {

// "Flat out" for a replay: a simulated day per second.
constexpr double replay_flat_out_steps_per_s = 1440;

int weekday_from_yaml(const std::string& yaml) {
    for (const ScenarioTreeNode& section : parse_scenario_tree(yaml))
        if (section.key == "time")
            for (const ScenarioTreeNode& leaf : section.children)
                if (leaf.key == "start_weekday") return std::atoi(leaf.value.c_str());
    return 0;
}

}  // namespace

ReplaySource::ReplaySource(const std::filesystem::path& file) : ReplaySource(read_run_file(file), file) {}

ReplaySource::ReplaySource(RunFileContents contents, std::filesystem::path file)
    : contents_(std::move(contents)), file_(std::move(file)) {
    city_ = std::make_shared<const City>(std::move(contents_.city));
    start_weekday_ = weekday_from_yaml(contents_.scenario_yaml);
    attractiveness_ = AttractivenessReplay::from_run_file(contents_, *city_, attractiveness_note_);
    position_ = 0;
    rebuild_snapshot();
}

std::string ReplaySource::title() const {
    std::string title = contents_.info.scenario_name + " (replay, seed " + std::to_string(contents_.info.seed) + ")";
    if (!file_.empty()) title += " - " + file_.string();
    return title;
}

void ReplaySource::step_once(int steps) { seek(position_ + steps); }

void ReplaySource::seek(std::int64_t step) {
    const std::int64_t target = std::clamp<std::int64_t>(step, 0, total_steps());
    if (target == position_) return;
    if (target < position_) events_applied_ = 0, snapshot_.segment_crimes.clear();  // rewind: count again
    position_ = target;
    position_fraction_ = 0;
    dirty_ = true;
}

bool ReplaySource::update(double frame_dt_s) {
    if (playing_) {
        const double speed = speed_steps_per_s_ > 0 ? speed_steps_per_s_ : replay_flat_out_steps_per_s;
        position_fraction_ += speed * frame_dt_s;
        const auto whole = static_cast<std::int64_t>(position_fraction_);
        if (whole > 0) {
            position_fraction_ -= static_cast<double>(whole);
            position_ = std::min(position_ + whole, total_steps());
            dirty_ = true;
        }
        if (position_ >= total_steps()) playing_ = false;
    }
    if (!dirty_) return false;
    rebuild_snapshot();
    return true;
}

void ReplaySource::rebuild_snapshot() {
    dirty_ = false;
    const RunFileContents& c = contents_;
    const std::size_t types = c.crime_type_names.size();
    const int steps_per_hour = std::max(1, 3600 / std::max(1, c.info.step_s));
    FrameSnapshot& s = snapshot_;
    if (s.segment_crimes.size() != city_->segment_count() || events_applied_ == 0) {
        s.segment_crimes.assign(city_->segment_count(), 0);
        s.segment_crimes_by_type.assign(static_cast<std::size_t>(city_->segment_count()) * types, 0);
        s.crimes_by_type.assign(types, 0);
        s.hourly_by_type.assign(types, {});
        events_applied_ = 0;
    }
    s.serial += 1;
    s.step = position_;
    s.total_steps = c.info.steps;
    s.step_s = c.info.step_s;
    s.replay = true;
    s.agents.clear();
    s.node_field.clear();
    s.model_time_per_step = 0;
    s.node_field_name.clear();
    s.residents_total = c.info.residents;
    s.residents_walking = 0;

    const std::size_t hours_started = static_cast<std::size_t>((position_ + steps_per_hour - 1) / steps_per_hour);
    if (c.crime_events_omitted) {
        // Only hourly totals were kept: show the per-type columns by whole hours, and the
        // per-street totals once the clock reaches the end.
        for (std::size_t t = 0; t < types; ++t) {
            s.hourly_by_type[t].assign(hours_started, 0.0);
            for (const TimeSeriesColumn& column : c.hourly)
                if (column.name == "crimes_" + c.crime_type_names[t])
                    for (std::size_t h = 0; h < hours_started && h < column.values.size(); ++h) s.hourly_by_type[t][h] = column.values[h];
            double sum = 0;
            for (const double v : s.hourly_by_type[t]) sum += v;
            s.crimes_by_type[t] = static_cast<std::uint64_t>(std::llround(sum));
        }
        if (position_ >= c.info.steps) s.segment_crimes = c.segment_crime_count;
        else std::fill(s.segment_crimes.begin(), s.segment_crimes.end(), 0u);
        s.segment_crimes_by_type.clear();  // no event table: per-type streets are not known
    } else {
        for (; events_applied_ < c.crimes.size() && static_cast<std::int64_t>(c.crimes[events_applied_].step) < position_;
             ++events_applied_) {
            const CrimeEvent& e = c.crimes[events_applied_];
            ++s.segment_crimes[e.segment];
            ++s.segment_crimes_by_type[static_cast<std::size_t>(e.segment) * types + e.type];
            ++s.crimes_by_type[e.type];
            auto& series = s.hourly_by_type[e.type];
            const std::size_t hour = e.step / static_cast<std::uint32_t>(steps_per_hour);
            if (series.size() <= hour) series.resize(hour + 1, 0.0);
            series[hour] += 1.0;
        }
        for (auto& series : s.hourly_by_type) series.resize(std::max(series.size(), hours_started), 0.0);
        // Drop hours a rewind left beyond the clock.
        for (auto& series : s.hourly_by_type) series.resize(hours_started);
    }
    s.crime_total = 0;
    for (const std::uint64_t n : s.crimes_by_type) s.crime_total += n;

    // Repeat victimisation: B changes once per update interval, so it is copied only then.
    if (attractiveness_) {
        const std::vector<float>& b = attractiveness_->values_at(position_);
        if (attractiveness_->updates_done() != field_updates_shown_ || s.segment_field.size() != b.size()) {
            set_attractiveness_layer(b, s);
            field_updates_shown_ = attractiveness_->updates_done();
        }
    } else {
        clear_segment_field(s);
    }

    // Police response times: the run file reader does not read the per-report table
    // (/events/reports), so a replay shows the hourly mean of the hours completed, from the
    // response_mean_s column of runs that had a police force.
    s.police_response_hourly_mean_s.clear();
    s.police_force = false;
    const std::size_t hours_done = static_cast<std::size_t>(position_ / steps_per_hour);
    for (const TimeSeriesColumn& column : c.hourly) {
        if (column.name != "response_mean_s") continue;
        s.police_force = true;
        const std::size_t hours = std::min(hours_done, column.values.size());
        s.police_response_hourly_mean_s.assign(column.values.begin(), column.values.begin() + static_cast<std::ptrdiff_t>(hours));
    }

    // Issue 7 from the hourly columns (the run file reader does not read /reporting or /insecurity's
    // tables): the reporting channels per hour, and the insecurity index of everyone, women and men
    // per hour with the last completed hour's after-dark shares. No alerts and no district layer.
    const char* channel_columns[reporting_channel_count] = {"crimes_police_only", "crimes_app_only",
                                                            "crimes_police_and_app", "crimes_unreported"};
    s.hourly_by_channel.clear();
    s.crimes_by_channel.clear();
    s.reporting_apps = false;
    s.app_names.clear();
    s.recent_alerts.clear();
    for (int ch = 0; ch < reporting_channel_count; ++ch)
        for (const TimeSeriesColumn& column : c.hourly) {
            if (column.name != channel_columns[ch]) continue;
            s.hourly_by_channel.resize(reporting_channel_count);
            const std::size_t hours = std::min(hours_done, column.values.size());
            s.hourly_by_channel[ch].assign(column.values.begin(), column.values.begin() + static_cast<std::ptrdiff_t>(hours));
        }
    s.district_insecurity.clear();
    s.insecurity_hourly.clear();
    s.insecurity_groups.clear();
    s.insecurity_hourly_by_group.clear();
    s.unsafe_after_dark_percent.clear();
    auto hours_of = [&](const std::string& name) -> const std::vector<double>* {
        for (const TimeSeriesColumn& column : c.hourly)
            if (column.name == name) return &column.values;
        return nullptr;
    };
    if (const auto* all = hours_of("insecurity_index"); all && hours_done > 0) {
        const std::size_t hours = std::min(hours_done, all->size());
        s.insecurity_hourly.assign(all->begin(), all->begin() + static_cast<std::ptrdiff_t>(hours));
        for (const char* group : {"women", "men"}) {
            const auto* index = hours_of(std::string("insecurity_index_") + group);
            const auto* unsafe = hours_of(std::string("unsafe_after_dark_") + group);
            if (!index || !unsafe || index->size() < hours || unsafe->size() < hours) continue;
            s.insecurity_groups.emplace_back(group);
            s.insecurity_hourly_by_group.emplace_back(index->begin(), index->begin() + static_cast<std::ptrdiff_t>(hours));
            s.unsafe_after_dark_percent.push_back((*unsafe)[hours - 1]);
        }
    }

    // Night: the run file's night_fraction column says which hours were dark.
    s.night = false;
    const std::size_t hour_now = static_cast<std::size_t>(std::max<std::int64_t>(0, position_ - 1) / steps_per_hour);
    for (const TimeSeriesColumn& column : c.hourly)
        if (column.name == "night_fraction" && hour_now < column.values.size()) s.night = column.values[hour_now] >= 0.5;

    // Crimes of the last hour, for the map's markers.
    s.recent_crimes.clear();
    const std::int64_t hour_ago = position_ - steps_per_hour;
    const auto first = std::partition_point(c.crimes.begin(), c.crimes.begin() + static_cast<std::ptrdiff_t>(events_applied_),
                                            [&](const CrimeEvent& e) { return static_cast<std::int64_t>(e.step) < hour_ago; });
    s.recent_crimes.assign(first, c.crimes.begin() + static_cast<std::ptrdiff_t>(events_applied_));
}

std::string ReplaySource::status_text() const {
    char text[200];
    std::snprintf(text, sizeof text, "replay %s, %llu crimes in the file%s", playing_ ? "playing" : "paused",
                  static_cast<unsigned long long>(contents_.info.crime_count),
                  contents_.crime_events_omitted ? " (no event table: per-street counts shown at the end only)" : "");
    std::string out = text;
    if (!contents_.live_changes.empty()) out += "; this run had " + std::to_string(contents_.live_changes.size()) + " live parameter changes";
    if (!attractiveness_note_.empty() && contents_.info.model == "streets") out += "; no attractiveness layer: " + attractiveness_note_;
    return out;
}

}  // namespace streetwise::viz
