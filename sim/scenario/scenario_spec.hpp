#pragma once
// ScenarioSpec: the plain, validated description of one run. The YAML loader fills it (defaults
// below are the documented defaults; docs/scenario-reference.md lists every key, its unit and
// range). Nothing here knows about YAML, so tests and the visualiser can build specs in code.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/scenario/drone_spec.hpp"
#include "sim/scenario/insecurity_spec.hpp"
#include "sim/scenario/intervention_spec.hpp"
#include "sim/scenario/reporting_spec.hpp"

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
    // Groups (victim choice by group and vulnerability; later: fear and reporting by group).
    // Shares of the adult population; defaults: England and Wales, ONS mid-2019 estimates and the
    // 2021 Census (docs/odd.md gives the sources).
    double female_share = 0.51;
    double young_share = 0.14;           // aged 16-24
    double older_share = 0.23;           // aged 65 and over; the rest are 25-64
    double minority_share = 0.18;        // ethnic minority (Census 2021: 18% in a group other than White)
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
    // Awareness space (crime pattern theory, Brantingham and Brantingham 1993): home, a few activity
    // places (anchors) within awareness_radius_m of it, and the routes between them. Offenders stay
    // around a place for about stay_min, roaming within search_radius_m, then walk to the next one.
    // anchor_count 0: no routine; they roam within awareness_radius_m of home (<= 0: anywhere).
    double awareness_radius_m = 1500;
    int anchor_count = 3;
    // Weights of the place kinds offenders choose their anchors among (crime attractors and
    // generators: nightlife, transit, shops); a kind left out has weight 0.
    // (Brantingham and Brantingham 1995; Bernasco and Block 2011: robberies cluster at bars and transit).
    std::map<std::string, double> anchor_weight{{"nightclub", 20.0}, {"bar", 5.0}, {"transit_stop", 5.0},
                                                {"shop", 1.0},       {"park", 1.0}};
    double search_radius_m = 120;
    double stay_min = 180;
    // Learning (the "boost" account of near repeats, Johnson and Bowers 2004): for memory_days after
    // an offence, an offender's stays at that place centre on the offence's street corner, and from
    // home it returns to that place with return_probability.
    double return_probability = 0.5;
    double memory_days = 14;
    // ... and near it (within search_radius_m of the offence) it offends (1 + memory_boost) times as
    // often: it knows the targets and the ways out (Bernasco 2008; Johnson and Bowers 2004).
    double memory_boost = 5;
    // Journey to crime: the chance to offend falls as exp(-d / journey_decay_m) with the straight-line
    // distance d from home (<= 0: no decay). Distance decay is among the best replicated findings of
    // environmental criminology (Rossmo 2000; Bernasco and Nieuwbeerta 2005).
    double journey_decay_m = 0;
    // Pull of attractive streets: at an intersection an offender takes a street with weight
    // 1 + attraction_pull * B of that street (crime.attractiveness), as in Short et al. (2008).
    double attraction_pull = 1.0;
    // After an offence the offender leaves the scene and stays home this long (as burglars leave
    // after a burglary in Short et al. 2008); it bounds how much crime one offender can commit.
    double rest_after_offence_h = 24;
    // The opportunity rule (docs/odd.md 7.5): an offender on a node with no police offends with
    // chance sum over crime types t of h_t per step, where
    //   h_t = base_probability * crime.<t>.rate * targets_t * exp(-guardian_gamma *
    //         crime.<t>.guardian_sensitivity * min(guardians, guardian_cap)) * darkness_t * night_t
    //         * land_use_multiplier * crime.<t>.land_use_multiplier * (1 + B) * journey decay
    //         * (1 + memory_boost near a remembered offence).
    // Default calibrated for the built-in city (benchmark B1 uses 0.01 with theft_from_person only).
    double base_probability = 0.0001;
    double guardian_gamma = 0.2;
    int guardian_cap = 1000000;          // crowds: beyond this many bystanders, more do not deter
    double dark_multiplier = 1.5;        // odds factor on dark nodes at night, scaled per type
    double dark_lux_threshold = 5.0;     // a node is dark at night when its brightest street is below this
    std::map<std::string, double> land_use_multiplier;  // by LandUse name; missing = 1
};

// One crime type's situation: what it needs, what deters it, where and when it thrives, whom it
// picks, and how often victims report it. The target (a person on the street, an empty home, the
// street itself) is fixed by the type: crime_target() in sim/model/crime_type.hpp.
struct CrimeTypeSpec {
    double rate = 1.0;                   // relative rate: multiplies offenders.base_probability
    double guardian_sensitivity = 1.0;   // scales offenders.guardian_gamma (0: bystanders do not deter)
    double darkness_sensitivity = 1.0;   // share of offenders.dark_multiplier's effect (0: none)
    double night_multiplier = 1.0;       // odds factor between sunset and sunrise, lit or not
    double crowd_exponent = 0.0;         // odds scale as (targets present)^exponent: people, or empty homes
    std::map<std::string, double> land_use_multiplier;  // by LandUse name; missing = 1
    // Victim choice (person targets): a resident drawn among those present is picked with chance
    // gender weight * age weight * origin weight / the largest such product; missing = 1.
    std::map<std::string, double> victim_gender;   // female, male
    std::map<std::string, double> victim_age;      // young, adult, older
    std::map<std::string, double> victim_origin;   // majority, minority
    double reporting_probability = 0.5;  // chance a victim (or witness) reports it to the police
};

// The repeat and near-repeat field (Short et al. 2008 on streets): each street's dynamic
// attractiveness B rises by boost_per_crime with each crime there, spreads to the streets that
// share an intersection with it, and decays; offenders offend more (1 + B) and walk toward it.
struct AttractivenessSpec {
    bool enabled = true;
    double boost_per_crime = 1.0;        // theta: B added to a street per crime on it
    double spread_share = 0.05;          // eta: share of a street's B passed to its neighbours per update
    double half_life_days = 7.0;         // decay of B
    int update_interval_min = 60;        // how often B is decayed, spread and boosted
};

struct CrimeSpec {
    std::array<CrimeTypeSpec, 6> types = default_crime_types();  // index: CrimeType
    AttractivenessSpec attractiveness;

    // The defaults per type, with their sources in docs/odd.md.
    static std::array<CrimeTypeSpec, 6> default_crime_types();
};

struct HotSpotPatrolSpec {
    int count = 30;                  // N: how many top segments are patrol targets (calibrated: docs/validation.md)
    double dwell_min = 15;           // time a unit patrols around one target before the next (Koper 1995)
    double window_days = 7;          // trailing window of recorded crime that ranks segments
    double refresh_h = 1;            // how often the ranking is redone
};

// The self-exciting forecast (Mohler et al. 2011): intensity on a segment = background (its long-run
// recorded crime per day) + excitation * sum over recorded crimes of exp(-age / decay) * exp(-d^2 / 2 bw^2).
struct PredictivePatrolSpec {
    double decay_days = 7;           // time scale of the excitation after a recorded crime
    double bandwidth_m = 200;        // its spatial scale (Gaussian kernel on segment midpoints)
    double excitation = 0.5;         // theta: expected triggered crimes per crime, spread by the kernels
};

struct ArrestSpec {
    double probability_at_0 = 0.4;   // chance of an arrest when a unit arrives at once (assumption)
    double decay_s = 600;            // P = probability_at_0 * exp(-response_s / decay_s) (assumption)
    double days = 7;                 // an arrested offender is off the streets this long
    // A first-responder drone over the scene before the officers keeps the suspect in view until they
    // arrive: the arrest chance is then that of a response as fast as the drone's (assumption).
    bool drone_guided = false;
};

struct PoliceSpec {
    int units = 20;
    double patrol_speed_mps = 1.4;   // foot patrol
    // Issue 6: the police force. With the defaults below (random patrol, no dispatch, no cars, on duty
    // all day) police are the random walkers of before, drawing the same numbers.
    int car_units = 0;               // car units on top of the foot units (police.units)
    // Car speed per road class in m/s; a class missing or at 0 is not driven (footways by default).
    std::map<std::string, double> car_speed_mps{
        {"living_street", 4.0}, {"residential", 8.0}, {"service", 5.0}, {"unclassified", 8.0}, {"tertiary", 10.0},
        {"secondary", 12.0},    {"primary", 13.0},    {"trunk", 15.0},  {"lattice", 8.0}};
    PatrolStrategy strategy = PatrolStrategy::random;
    bool dispatch = false;           // send the nearest free unit to each report
    double on_duty_from_h = 0;       // the daily shift window (wraps over midnight); off duty, units are
    double on_duty_to_h = 24;        // at their station, off the streets
    double on_scene_min = 20;        // time at a report after arriving
    // Dispatch priority per crime type: 0 is the most urgent; ties go to the earlier report.
    std::map<std::string, double> priority{{"robbery", 0},  {"harassment", 0}, {"hate_incident", 1},
                                           {"theft_from_person", 2}, {"burglary", 2}, {"vandalism", 3}};
    ArrestSpec arrest;
    // Offenders are deterred within this distance of a unit (straight line); 0: only at the unit's node.
    double deterrence_radius_m = 0;
    HotSpotPatrolSpec hot_spot;
    PredictivePatrolSpec predictive;
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
    CrimeSpec crime;
    PoliceSpec police;
    OutputSpec output;
    Short2008Spec short2008;      // used when model is short2008
    // Policy interventions (street lighting, foot patrols) with their targets and time windows.
    // With `extends:`, a file that writes `interventions:` replaces the base's whole list.
    std::vector<InterventionSpec> interventions;
    DroneSpec drones;  // drone fleets and no-fly zones (sim/scenario/drone_spec.hpp); none by default
    // Victim reaction, apps, victim support and trust (sim/scenario/reporting_spec.hpp); none by default.
    ReportingSpec reporting;
    InsecuritySpec insecurity;       // fear of crime (sim/scenario/insecurity_spec.hpp): measured by default
    NightEconomySpec night_economy;  // nightlife venues' closing hours; none by default

    // Provenance, filled by the loader.
    std::string source_path;         // the scenario file as given ("" when built in code)
    std::string resolved_yaml;       // the fully resolved scenario (extends + --set applied, defaults filled)

    int steps_per_day() const { return 86400 / time.step_s; }
    std::int64_t total_steps() const { return static_cast<std::int64_t>(steps_per_day()) * time.days; }
};

}  // namespace streetwise
