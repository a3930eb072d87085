#pragma once
// Interventions as the engine and the visualiser see them: when one is active, and which streets
// and intersections it targets in a given city. The effects themselves (lighting, patrols) are
// applied by the Simulation; docs/odd.md (7.11 to 7.14) describes them.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/intervention_spec.hpp"

namespace streetwise {

class City;

// Whether `intervention` is active at `second_since_start` (seconds since 00:00 of day 0).
// Active on days [from_day, to_day) (to_day < 0: no end), from daily_from_h to daily_to_h each
// day. A window that wraps over midnight (daily_from_h > daily_to_h) belongs to the day it starts
// on: its hours after midnight count for the day before. An empty window (from == to) is never
// active. Hours are rounded to whole seconds.
bool intervention_active(const InterventionSpec& intervention, std::int64_t second_since_start);

// The target area's street segments in `city`: every segment of the named district plus the listed
// ids, sorted, without duplicates. `index` is the intervention's position in the scenario's list and
// `scenario_file` its source_path, for messages. Throws InputError naming the file and line where the
// item was written and the key (interventions[index].district or .segments) when the district is
// not one of the city's (listing those that are) or an id is not a segment of the city (giving
// the valid range), or when the area has no street.
std::vector<std::uint32_t> intervention_segments(const InterventionSpec& intervention, std::size_t index,
                                                 const City& city, const std::string& scenario_file);

// One line for people: kind, name, target, window and strength, e.g.
//   street_lighting "LED upgrade": district "Old Quarter" + 3 segments; 19:00-07:00 from day 0; 30 lux
std::string describe_intervention(const InterventionSpec& intervention);

// The intersections at either end of `segments`, sorted, without duplicates.
std::vector<std::uint32_t> nodes_of_segments(const std::vector<std::uint32_t>& segments, const City& city);

}  // namespace streetwise
