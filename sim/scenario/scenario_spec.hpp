#pragma once
// ScenarioSpec: the plain, validated description of one run. The YAML loader fills it (defaults
// below are the documented defaults; docs/scenario-reference.md lists every key, its unit and
// range). Nothing here knows about YAML, so tests and the visualiser can build specs in code.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/scenario/intervention_spec.hpp"

namespace streetwise {

enum class CitySource { synthetic, lattice, osm };

struct SyntheticCitySpec {
    int blocks_x = 24;            // city blocks west-east
    int blocks_y = 24;            // city blocks south-north
    double block_length_m = 120;  // street length between intersections
    double jitter_m = 15;         // random displacement of intersections (irregular streets)
    double missing_street_fraction = 0.08;  // share of lattice streets removed (dead ends, irregularity)
    std::uint64_t seed = 1;       // the city's own seed, so one city serves many run seeds
};

struct LatticeSpec {
    int width = 50;               // nodes per side (W in benchmark B1)
    int height = 50;
    double edge_length_m = 100;
    bool periodic = false;        // torus: no borders
};

struct CitySpec {
    CitySource source = CitySource::synthetic;
    std::string osm_path;         // as written in the scenario (source = osm)
    std::string osm_resolved_path;  // absolute path after search (filled by the loader)
    SyntheticCitySpec synthetic;
    LatticeSpec lattice;
    bool use_cache = true;        // cache imported OSM cities as binary files in cache_dir
    std::string cache_dir;        // "" = default_cache_dir(): $STREETWISE_CACHE_DIR, else
                                  // $XDG_CACHE_HOME/streetwise, else ~/.cache/streetwise, else /tmp
};

struct TimeSpec {
    int days = 7;
    int step_s = 60;              // one step = one simulated minute
    int start_weekday = 0;        // 0 = Monday ... 6 = Sunday, weekday of day 0
    double sunrise_h = 7.0;       // local hour; between sunset and sunrise, unlit streets are dark
    double sunset_h = 19.0;
};

// Where residents live and work.
enum class PlacementRule {
    uniform_nodes,   // any intersection, uniformly (benchmark B1)
    by_land_use,     // homes on residential streets, work at workplaces/shops/schools (city scenarios)
};

// How residents plan their days.
enum class ResidentRoutine {
    daily_plan,  // work, shopping, leisure and nights out by the clock and the weekday (docs/odd.md 7.1)
    away_share,  // Groff (2007): one outing per 6 h slot, away for a set share of the day (docs/odd.md 7.16)
};

struct ResidentSpec {
    int count = 20000;
    double walk_speed_mps = 1.4;
    PlacementRule home_placement = PlacementRule::by_land_use;
    PlacementRule work_placement = PlacementRule::by_land_use;
    double employed_fraction = 0.75;     // the rest stay home on weekdays (retired, carers, ...)
    double departure_earliest_h = 7.0;   // departure minute uniform in [earliest, latest)
    double departure_latest_h = 9.0;
    int work_duration_min = 540;         // time from departure to leaving work (B1: 540)
    bool works_weekends = false;
    double shopping_probability = 0.3;   // per resident and day: an evening trip to a shop
    int shopping_duration_min = 40;
    double leisure_probability = 0.15;   // per resident and day: an afternoon/evening trip to a park or bar
    int leisure_duration_min = 90;
    double nightlife_probability = 0.2;  // per resident and Friday/Saturday night: a night out
    int nightlife_duration_min = 180;
    // Whether residents indoors (at home, at work, in a shop) count as present at their street
    // node. B1 says they do; in a city scenario people indoors are neither targets nor guardians.
    bool present_when_indoors = false;
    // Residents indoors at an anchor place (work, shop, leisure, nightlife; not at home) count as
    // present at its street node, as in Groff (2007), where people away from home are at the
    // nodes of the street network. present_when_indoors already includes them when both are set.
    bool present_at_anchors = false;
    ResidentRoutine routine = ResidentRoutine::daily_plan;
    // away_share routine: share of the day spent away from home, walking out included (the walk
    // home comes on top); spread over four outings, one in each 6-hour slot of the day.
    double away_share = 0.5;
};

struct OffenderSpec {
    int count = 150;
    double walk_speed_mps = 1.4;
    double awareness_radius_m = 1500;   // they roam within this distance of home (<= 0: anywhere)
    // Opportunity rule: with r >= 1 residents and no police on the node, offend with probability
    // base_probability * exp(-guardian_gamma * min(r - 1, guardian_cap)) * dark_multiplier [if dark]
    // * land_use_multiplier[land use] per step.
    // Default calibrated for the built-in city: a few street offences a day among 20,000 residents
    // (benchmark B1 uses 0.01).
    double base_probability = 0.0001;
    double guardian_gamma = 0.2;
    int guardian_cap = 1000000;          // crowds: beyond this many bystanders, more do not deter
    double dark_multiplier = 1.5;
    double dark_lux_threshold = 5.0;     // a node is dark at night when its brightest street is below this
    std::map<std::string, double> land_use_multiplier;  // by LandUse name; missing = 1
    // Crime type drawn for each offence, weights by name (see CrimeType); day and night mixes.
    std::map<std::string, double> type_mix_day{{"theft_from_person", 0.6}, {"robbery", 0.15},
                                              {"harassment", 0.15}, {"vandalism", 0.1}};
    std::map<std::string, double> type_mix_night{{"theft_from_person", 0.35}, {"robbery", 0.25},
                                                {"harassment", 0.25}, {"vandalism", 0.15}};
};

struct PoliceSpec {
    int units = 20;
    double patrol_speed_mps = 1.4;   // foot patrol
};

struct OutputSpec {
    bool events = true;              // write the crime event table
};

// Which model a scenario runs.
enum class ModelKind {
    streets,    // the agent model: residents, offenders and police on the city's streets (docs/odd.md)
    short2008,  // the Short et al. (2008) burglary lattice (docs/odd.md 7.15), on its own periodic lattice
};

// The Short et al. (2008) burglary lattice (model: short2008). Defaults: the paper's Figure 3 set (c).
// Time is in the model's own time units; one step is dt of them (sim/engine/run_short2008.hpp says how
// a step maps to the run file's minutes).
struct Short2008Spec {
    int width = 128;              // sites west-east (the lattice wraps around)
    int height = 128;             // sites south-north
    double dt = 0.01;             // time units per step
    double omega = 1.0 / 15.0;    // decay rate of B, per time unit
    double eta = 0.03;            // share of B that spreads to the 4 neighbours per step
    double theta = 0.56;          // increase of B per burglary
    double gamma = 0.019;         // new burglars per site and time unit
    double a0 = 1.0 / 30.0;       // static attractiveness A0, per time unit
    double time_units = 300;      // run length in time units

    // Steps run: time_units / dt, rounded to the nearest whole step.
    std::int64_t steps() const { return static_cast<std::int64_t>(time_units / dt + 0.5); }
};

struct ScenarioSpec {
    std::string name = "default";
    std::string description;
    std::uint64_t seed = 1;
    ModelKind model = ModelKind::streets;
    CitySpec city;
    TimeSpec time;
    ResidentSpec residents;
    OffenderSpec offenders;
    PoliceSpec police;
    OutputSpec output;
    Short2008Spec short2008;      // used when model is short2008
    // Policy interventions (street lighting, foot patrols) with their targets and time windows.
    // With `extends:`, a file that writes `interventions:` replaces the base's whole list.
    std::vector<InterventionSpec> interventions;

    // Provenance, filled by the loader.
    std::string source_path;         // the scenario file as given ("" when built in code)
    std::string resolved_yaml;       // the fully resolved scenario (extends + --set applied, defaults filled)

    int steps_per_day() const { return 86400 / time.step_s; }
    std::int64_t total_steps() const { return static_cast<std::int64_t>(steps_per_day()) * time.days; }
};

}  // namespace streetwise
