#include "sim/model/intervention.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/city/city.hpp"
#include "sim/core/input_error.hpp"

namespace streetwise {

bool intervention_active(const InterventionSpec& intervention, std::int64_t second_since_start) {
    if (second_since_start < 0) return false;
    constexpr std::int64_t day_s = 86400;
    const std::int64_t day = second_since_start / day_s;
    const std::int64_t second = second_since_start % day_s;
    const std::int64_t from_s = std::llround(intervention.daily_from_h * 3600.0);
    const std::int64_t to_s = std::llround(intervention.daily_to_h * 3600.0);
    std::int64_t window_day = day;  // the day the window containing `second` started on
    if (from_s < to_s) {
        if (second < from_s || second >= to_s) return false;
    } else if (from_s > to_s) {
        if (second < to_s) window_day = day - 1;
        else if (second < from_s) return false;
    } else {
        return false;
    }
    return window_day >= intervention.from_day && (intervention.to_day < 0 || window_day < intervention.to_day);
}

std::vector<std::uint32_t> intervention_segments(const InterventionSpec& intervention, std::size_t index,
                                                 const City& city, const std::string& scenario_file) {
    const std::string file = !intervention.source_file.empty() ? intervention.source_file
                             : !scenario_file.empty()          ? scenario_file
                                                               : std::string("scenario");
    const std::string path = "interventions[" + std::to_string(index) + "]";
    std::vector<std::uint32_t> segments;
    if (!intervention.district.empty()) {
        const auto& districts = city.districts();
        const auto found = std::find_if(districts.begin(), districts.end(),
                                        [&](const District& d) { return d.name == intervention.district; });
        if (found == districts.end()) {
            std::string names;
            for (const District& d : districts) names += (names.empty() ? "'" : ", '") + d.name + "'";
            throw InputError(file, intervention.source_line, path + ".district",
                             "city '" + city.name() + "' has no district named '" + intervention.district + "'",
                             districts.empty() ? "this city has no districts; target streets by id with segments: [...]"
                                               : "use one of the city's districts: " + names +
                                                     " (names must match exactly, with capitals and spaces)");
        }
        const auto district = static_cast<std::uint16_t>(found - districts.begin());
        const auto& segment_district = city.segment_district();
        for (std::uint32_t s = 0; s < city.segment_count(); ++s)
            if (segment_district[s] == district) segments.push_back(s);
    }
    for (const std::uint32_t id : intervention.segments) {
        if (id >= city.segment_count())
            throw InputError(file, intervention.source_line, path + ".segments",
                             "segment id " + std::to_string(id) + " is not a street of city '" + city.name() +
                                 "', which has " + std::to_string(city.segment_count()) + " segments",
                             "use ids from 0 to " + std::to_string(city.segment_count() - 1) +
                                 " (rows of /city/segments in a run file of this city)");
        segments.push_back(id);
    }
    std::sort(segments.begin(), segments.end());
    segments.erase(std::unique(segments.begin(), segments.end()), segments.end());
    // A strategy switch without an area holds for the whole city: no target streets.
    if (segments.empty() && intervention.kind == InterventionKind::patrol_strategy && intervention.district.empty())
        return segments;
    if (segments.empty())  // only a district can be empty: the loader demands district or segments
        throw InputError(file, intervention.source_line, path + ".district",
                         "district '" + intervention.district + "' of city '" + city.name() +
                             "' has no streets (the city keeps only its largest connected part), so the intervention "
                             "would act on nothing",
                         "target another district, or streets by id with segments: [...]");
    return segments;
}

namespace {

std::string clock_time(double hours) {
    const long long minutes = std::llround(hours * 60.0);
    char text[48];
    std::snprintf(text, sizeof text, "%02lld:%02lld", minutes / 60, minutes % 60);
    return text;
}

std::string plain_number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

}  // namespace

std::string describe_intervention(const InterventionSpec& intervention) {
    static constexpr const char* kind_names[] = {"street_lighting", "foot_patrol", "extra_units", "patrol_strategy"};
    static constexpr const char* strategy_names[] = {"random", "hot_spot", "predictive", "community"};
    const bool lighting = intervention.kind == InterventionKind::street_lighting;
    std::string out = kind_names[static_cast<int>(intervention.kind)];
    if (!intervention.name.empty()) out += " \"" + intervention.name + "\"";
    out += ": ";
    if (!intervention.district.empty()) out += "district \"" + intervention.district + "\"";
    if (!intervention.segments.empty())
        out += (intervention.district.empty() ? "" : " + ") + std::to_string(intervention.segments.size()) +
               (intervention.segments.size() == 1 ? " segment" : " segments");
    if (intervention.district.empty() && intervention.segments.empty()) out += "whole city";
    out += "; ";
    const bool all_day = intervention.daily_from_h == 0 && intervention.daily_to_h == 24;
    out += all_day ? std::string("all day")
                   : clock_time(intervention.daily_from_h) + "-" + clock_time(intervention.daily_to_h);
    if (intervention.to_day < 0) out += " from day " + std::to_string(intervention.from_day);
    else if (intervention.to_day == intervention.from_day + 1) out += " on day " + std::to_string(intervention.from_day);
    else out += " on days " + std::to_string(intervention.from_day) + "-" + std::to_string(intervention.to_day - 1);
    if (intervention.kind == InterventionKind::patrol_strategy)
        out += std::string("; strategy ") + strategy_names[static_cast<int>(intervention.strategy)];
    else
        out += "; " + (lighting ? plain_number(intervention.lux) + " lux"
                                : std::to_string(intervention.units) + (intervention.units == 1 ? " unit" : " units"));
    if (intervention.kind == InterventionKind::extra_units)
        out += intervention.unit_kind == UnitKind::car ? " (cars)" : " (on foot)";
    return out;
}

std::vector<std::uint32_t> nodes_of_segments(const std::vector<std::uint32_t>& segments, const City& city) {
    std::vector<std::uint32_t> nodes;
    nodes.reserve(2 * segments.size());
    for (const std::uint32_t s : segments) {
        nodes.push_back(city.segment_from()[s]);
        nodes.push_back(city.segment_to()[s]);
    }
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    return nodes;
}

}  // namespace streetwise
