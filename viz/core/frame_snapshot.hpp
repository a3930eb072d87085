#pragma once
// FrameSnapshot: everything one frame of the visualiser draws, copied out of the engine at one
// instant. The engine thread fills a snapshot between two steps; the UI thread only ever reads a
// complete one (see SnapshotExchange), so the map, the clock and the charts always agree.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/run_result.hpp"

namespace streetwise::viz {

// What a point on the map is. Drones and app alerts join when those modules land.
enum class AgentKind : std::uint8_t { resident, offender, police, patrol };
inline constexpr int agent_kind_count = 4;
const char* to_string(AgentKind kind);

struct AgentPoint {
    float x_m = 0;  // local metres, as City::node_x_m
    float y_m = 0;
    std::uint32_t id = 0;  // index within its kind (resident id, offender id, ...)
    AgentKind kind = AgentKind::resident;
};

struct FrameSnapshot {
    std::uint64_t serial = 0;  // 1 for the first snapshot of a run, +1 for each one published after
    std::int64_t step = 0;     // steps completed: the clock reads step * step_s seconds since day 0, 00:00
    std::int64_t total_steps = 0;
    int step_s = 60;
    bool night = false;

    // Agents on the street. Residents indoors (at home, at work) are not drawn; their count is.
    std::vector<AgentPoint> agents;
    std::uint32_t residents_total = 0;
    std::uint32_t residents_walking = 0;

    // Crime so far (true crime: every offence, reported or not).
    std::uint64_t crime_total = 0;
    std::vector<std::uint64_t> crimes_by_type;      // index = CrimeType
    std::vector<std::uint32_t> segment_crimes;      // per segment
    std::vector<std::uint32_t> segment_crimes_by_type;  // [segment * types + type], types = crimes_by_type.size()
    std::vector<std::vector<double>> hourly_by_type;  // [type][hour], hours started so far
    std::vector<CrimeEvent> recent_crimes;          // the last hour's crimes, newest last

    // Interventions in force now (live runs): their descriptions, and the streets lit by them.
    std::vector<std::string> active_interventions;
    std::vector<std::uint8_t> segment_lit_by_intervention;  // per segment, 1 = lit now; empty: none
    float dark_lux_threshold = 5.0f;  // the scenario's offenders.dark_lux_threshold (may change live)

    // A value per intersection to show as a layer (the Short model's attractiveness), else empty.
    std::vector<float> node_field;
    std::string node_field_name;   // with its unit, for the legend
    float node_field_cell_m = 0;   // the spacing of the nodes the field lives on (lattice), for drawing

    // A value per street segment to show as a layer (the street model's attractiveness B of repeat
    // and near-repeat victimisation), else empty: the run has no such field, or it is switched off.
    std::vector<float> segment_field;
    std::string segment_field_name;     // what it is, with its unit, for the legend and the details
    std::string segment_field_meaning;  // what a value means, in one line for the legend

    // Models with their own time unit (the lattice models): model time per step; 0 for the street
    // model, whose steps are step_s seconds of a day.
    double model_time_per_step = 0;

    // True for a replayed run file (no agent positions are stored in run files).
    bool replay = false;

    // Crimes so far per segment counting only the types with shown[type] true (all types when
    // `shown` is empty): what the heat layer colours when the user filters crime types.
    std::vector<std::uint32_t> segment_crimes_of_types(const std::vector<bool>& shown) const;

    double hours_elapsed() const { return static_cast<double>(step) * step_s / 3600.0; }
};

}  // namespace streetwise::viz
