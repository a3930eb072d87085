#include "sim/scenario/scenario_loader.hpp"

#include "sim/core/double_quoted.hpp"
#include "sim/core/input_error.hpp"
#include "sim/model/crime_type.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <limits>
#include <set>
#include <span>
#include <sstream>
#include <type_traits>
#include <variant>

namespace streetwise {

namespace {

namespace fs = std::filesystem;

constexpr double unbounded = std::numeric_limits<double>::infinity();

// ---------------------------------------------------------------------------------------------
// The key table
// ---------------------------------------------------------------------------------------------

// In LandUse order (sim/city/city.hpp). A local copy so the loader does not need the city library.
constexpr std::array<std::string_view, 7> land_use_names{"residential", "commercial", "nightlife", "industrial",
                                                        "park",        "transit",    "mixed"};
// In enum order: the position of a name is the enumerator's value.
constexpr std::array<std::string_view, 3> city_source_names{"synthetic", "lattice", "osm"};
constexpr std::array<std::string_view, 2> placement_rule_names{"uniform_nodes", "by_land_use"};
constexpr std::array<std::string_view, 2> resident_routine_names{"daily_plan", "away_share"};
constexpr std::array<std::string_view, 4> intervention_kind_names{"street_lighting", "foot_patrol", "extra_units",
                                                                  "patrol_strategy"};
constexpr std::array<std::string_view, 4> patrol_strategy_names{"random", "hot_spot", "predictive", "community"};
constexpr std::array<std::string_view, 2> unit_kind_names{"foot", "car"};
// In RoadClass order (sim/city/city.hpp).
constexpr std::array<std::string_view, 10> road_class_names{"footway",      "living_street", "residential", "service",
                                                            "unclassified", "tertiary",      "secondary",   "primary",
                                                            "trunk",        "lattice"};
constexpr std::array<std::string_view, 2> model_kind_names{"streets", "short2008"};
constexpr std::array<std::string_view, 3> drone_mode_names{"patrol", "hot_spots", "first_responder"};
constexpr std::array<std::string_view, 2> zone_kind_names{"district", "polygon"};
constexpr std::array<std::string_view, 2> app_kind_names{"reporting", "alerting"};
constexpr std::array<std::string_view, 2> support_kind_names{"general", "specialist"};
constexpr std::array<std::string_view, holder_count> holder_name_list{
    "police", "victim_support", "contacts", "peers", "municipality", "rights_organisation"};
constexpr std::array<std::string_view, data_item_count> data_item_name_list{"location", "identity", "free_text"};

// A closed set of names a value (choice) or a map's keys (weights) must come from.
struct NameSet {
    std::string_view label;  // what one name is, for messages: "land use"
    std::span<const std::string_view> names;
};
const NameSet city_sources{"city source", city_source_names};
const NameSet placement_rules{"placement rule", placement_rule_names};
const NameSet resident_routines{"routine", resident_routine_names};
const NameSet intervention_kinds{"intervention kind", intervention_kind_names};
const NameSet patrol_strategies{"patrol strategy", patrol_strategy_names};
const NameSet unit_kinds{"unit kind", unit_kind_names};
const NameSet road_classes{"road class", road_class_names};
const NameSet model_kinds{"model", model_kind_names};
const NameSet drone_modes{"drone mode", drone_mode_names};
const NameSet zone_kinds{"no-fly zone kind", zone_kind_names};
const NameSet app_kinds{"app kind", app_kind_names};
const NameSet support_kinds{"victim support kind", support_kind_names};
const NameSet holders{"holder", holder_name_list};
const NameSet data_items{"data item", data_item_name_list};
const NameSet land_uses{"land use", land_use_names};
const NameSet crime_types{"crime type", crime_type_names};
// In PlaceKind order (sim/city/city.hpp).
constexpr std::array<std::string_view, 8> place_kind_names{"shop",   "bar",  "nightclub", "transit_stop",
                                                           "police_station", "school", "park", "workplace"};
const NameSet place_kinds{"place kind", place_kind_names};
constexpr std::array<std::string_view, 2> gender_names{"female", "male"};
constexpr std::array<std::string_view, 3> age_band_names{"young", "adult", "older"};
constexpr std::array<std::string_view, 2> origin_names{"majority", "minority"};
const NameSet genders{"gender", gender_names};
const NameSet age_bands{"age band (young 16-24, adult 25-64, older 65+)", age_band_names};
const NameSet origin_groups{"origin", origin_names};

using NameWeights = std::map<std::string, double>;
using IdList = std::vector<std::uint32_t>;
using InterventionList = std::vector<InterventionSpec>;
using NumberList = std::vector<double>;
using DroneFleetList = std::vector<DroneFleetSpec>;
using NoFlyZoneList = std::vector<NoFlyZoneSpec>;
using NameList = std::vector<std::string>;
using AppList = std::vector<AppSpec>;
using SupportList = std::vector<VictimSupportSpec>;

// How a key reaches its field in a Target (ScenarioSpec, or InterventionSpec for the fields of an
// `interventions:` record): a function returning a reference to it. The field's C++ type decides
// how the YAML value is read (integer, number, boolean, text, enum, name->number map, list of ids,
// list of records).
template <class Target, class T>
using FieldOf = T& (*)(Target&);
template <class Target>
using Field = std::variant<FieldOf<Target, int>, FieldOf<Target, std::uint64_t>, FieldOf<Target, double>,
                           FieldOf<Target, bool>, FieldOf<Target, std::string>, FieldOf<Target, CitySource>,
                           FieldOf<Target, PlacementRule>, FieldOf<Target, ResidentRoutine>,
                           FieldOf<Target, InterventionKind>, FieldOf<Target, ModelKind>,
                           FieldOf<Target, PatrolStrategy>, FieldOf<Target, UnitKind>,
                           FieldOf<Target, NameWeights>, FieldOf<Target, IdList>, FieldOf<Target, InterventionList>,
                           FieldOf<Target, DroneMode>, FieldOf<Target, NoFlyZoneKind>, FieldOf<Target, NumberList>,
                           FieldOf<Target, DroneFleetList>, FieldOf<Target, NoFlyZoneList>,
                           FieldOf<Target, NameList>, FieldOf<Target, AppKind>, FieldOf<Target, SupportKind>,
                           FieldOf<Target, AppList>, FieldOf<Target, SupportList>>;
#define SW_FIELD(member) +[](ScenarioSpec& spec) -> auto& { return spec.member; }
#define SW_RECORD_FIELD(member) +[](InterventionSpec& record) -> auto& { return record.member; }
#define SW_FLEET_FIELD(member) +[](DroneFleetSpec& record) -> auto& { return record.member; }
#define SW_ZONE_FIELD(member) +[](NoFlyZoneSpec& record) -> auto& { return record.member; }
#define SW_APP_FIELD(member) +[](AppSpec& record) -> auto& { return record.member; }
#define SW_SUPPORT_FIELD(member) +[](VictimSupportSpec& record) -> auto& { return record.member; }

struct Range {
    double min = -unbounded;
    double max = unbounded;
    bool min_exclusive = false;  // (min, max] instead of [min, max]
    bool contains(double value) const { return (min_exclusive ? value > min : value >= min) && value <= max; }
};
constexpr Range any_value{};
constexpr Range probability{0, 1};
constexpr Range speed_mps{0, 50, true};
constexpr Range hour_of_day{0, 24};
constexpr Range duration_min{0, 1440};

// A constraint a range cannot express.
struct Rule {
    bool (*holds)(double value) = nullptr;
    std::string_view text;  // completes "must ..."
};

// One key of the scenario (Target = ScenarioSpec) or one field of an `interventions:` record
// (Target = InterventionSpec; path is then the field's name).
template <class Target>
struct BasicKeySpec {
    std::string_view path;  // dotted: "residents.count"
    Field<Target> field;
    std::string_view unit;
    Range range;                     // for weights and id lists: the range of each entry's value
    const NameSet* names = nullptr;  // choices of an enum, or the allowed keys of a weights map
    std::string_view doc;
    Rule rule{};
    // Record fields only: the record kind (index into the record's kind names) the field belongs
    // to, -1 for every kind (also_for_kind: a second kind it belongs to, -1 for none); and whether a
    // record of that kind must give it (no default).
    int for_kind = -1;
    bool required = false;
    int also_for_kind = -1;
    bool applies_to(int kind) const { return for_kind < 0 || for_kind == kind || also_for_kind == kind; }
};
using KeySpec = BasicKeySpec<ScenarioSpec>;
using FieldSpec = BasicKeySpec<InterventionSpec>;
using FleetFieldSpec = BasicKeySpec<DroneFleetSpec>;
using ZoneFieldSpec = BasicKeySpec<NoFlyZoneSpec>;
using AppFieldSpec = BasicKeySpec<AppSpec>;
using SupportFieldSpec = BasicKeySpec<VictimSupportSpec>;

struct SectionSpec {
    std::string_view path;
    std::string_view doc;
};

// Keys of one section must stay together (the YAML writer opens each section once).
const std::vector<SectionSpec>& sections() {
    static const std::vector<SectionSpec> table{
        {"", "Scenario identity, the model and the seed of the run"},
        {"city", "The street network: where it comes from and how it is cached"},
        {"city.synthetic",
         "Generated city (city.source: synthetic): a jittered grid of blocks with some streets missing"},
        {"city.lattice", "Regular grid (city.source: lattice), as in textbook models and benchmark B1"},
        {"time", "Simulated time span, step and daylight"},
        {"residents", "People living in the city: their numbers and daily routines"},
        {"offenders", "Motivated offenders and the opportunity rule that decides when they offend"},
        {"crime", "The crime model: each crime type's situation, and repeat and near-repeat victimisation"},
        {"crime.attractiveness",
         "Repeat and near-repeat victimisation: each street's attractiveness rises with each crime there, spreads "
         "to neighbouring streets and decays (Short et al. 2008 on a street network)"},
        {"crime.theft_from_person", "Theft from the person (pickpocketing, snatch theft): crowds, shops, transit"},
        {"crime.robbery", "Robbery in the street: quiet, dark streets, night"},
        {"crime.burglary", "Burglary of homes whose residents are out"},
        {"crime.harassment", "Harassment and violence against women in public space: night, nightlife, lone women"},
        {"crime.hate_incident", "Hate incidents against ethnic minorities in public space"},
        {"crime.vandalism", "Vandalism: damage to the street itself (no victim)"},
        {"police",
         "The police force: foot and car units, their shift, patrol strategy, dispatch to reports and arrests "
         "(docs/odd.md 7.17)"},
        {"police.arrest", "Arrests at reports: the chance falls with the response time"},
        {"police.hot_spot", "Hot-spot patrol (police.strategy: hot_spot; the target count and dwell also serve predictive)"},
        {"police.predictive",
         "Predictive patrol (police.strategy: predictive): a self-exciting forecast of recorded crime (Mohler et al. 2011)"},
        {"reporting",
         "Victim reaction: the delay before a police report and the reporting odds by group (docs/odd.md 7.19)"},
        {"trust",
         "Trust in the police (docs/odd.md 7.22): per resident, raised by answered reports, victim support and "
         "community patrol contacts, lowered by unanswered reports; it shifts the odds of reporting"},
        {"insecurity",
         "Feeling of insecurity (fear of crime): each resident's score from group, individual heterogeneity, "
         "memories of crime and the street now; measured by default, changes no crime (docs/odd.md 7.23)"},
        {"insecurity.baseline",
         "Group baselines of the insecurity score (log-odds), calibrated to ONS 2021 (docs/validation.md)"},
        {"insecurity.weight",
         "Weights of the drivers of the insecurity score (log-odds per unit; assumptions with the literature's "
         "direction, docs/odd.md 7.23)"},
        {"insecurity.behaviour",
         "Fear of the dark keeps residents home: those who would feel unsafe after dark skip outings after dark"},
        {"night_economy", "Nightlife venues' closing hours (docs/odd.md 7.24)"},
        {"output", "What a run writes"},
        {"short2008",
         "The Short et al. (2008) burglary lattice (model: short2008): a periodic square lattice of sites with "
         "burglars and attractiveness; defaults are the paper's Figure 3 set (c); see docs/odd.md 7.15"},
    };
    return table;
}

const std::vector<KeySpec>& schema() {
    constexpr int int_max = INT_MAX;
    static const std::vector<KeySpec> table{
        {"name", SW_FIELD(name), "", any_value, nullptr, "Name of the scenario, used in reports and output names"},
        {"description", SW_FIELD(description), "", any_value, nullptr, "Free text saying what the scenario is for"},
        {"seed", SW_FIELD(seed), "", any_value, nullptr,
         "Seed of the run's random streams: same scenario and seed, same results"},
        {"model", SW_FIELD(model), "", any_value, &model_kinds,
         "What runs: the agent model on the city's streets (streets), or the Short et al. (2008) burglary "
         "lattice (short2008), which uses only the short2008 section, output and the seed"},

        {"city.source", SW_FIELD(city.source), "", any_value, &city_sources,
         "Where the street network comes from: generated (synthetic), a regular grid (lattice) or an "
         "OpenStreetMap extract (osm)"},
        {"city.osm", SW_FIELD(city.osm_path), "path", any_value, nullptr,
         "OSM extract (.osm or .osm.pbf) used when city.source is osm; searched next to the scenario, then in "
         "STREETWISE_MAP_PATH and the built-in map folders"},
        {"city.synthetic.blocks_x", SW_FIELD(city.synthetic.blocks_x), "blocks", {3, 1000}, nullptr,
         "City blocks west to east"},
        {"city.synthetic.blocks_y", SW_FIELD(city.synthetic.blocks_y), "blocks", {3, 1000}, nullptr,
         "City blocks south to north"},
        {"city.synthetic.block_length_m", SW_FIELD(city.synthetic.block_length_m), "m", {0, 10000, true}, nullptr,
         "Street length between intersections"},
        {"city.synthetic.jitter_m", SW_FIELD(city.synthetic.jitter_m), "m", {0, 5000}, nullptr,
         "Random displacement of intersections (irregular streets); at most a quarter of block_length_m"},
        {"city.synthetic.missing_street_fraction", SW_FIELD(city.synthetic.missing_street_fraction), "", {0, 0.5},
         nullptr, "Share of grid streets removed (dead ends, irregularity)"},
        {"city.synthetic.seed", SW_FIELD(city.synthetic.seed), "", any_value, nullptr,
         "The generated city's own seed, so one city serves many run seeds"},
        {"city.lattice.width", SW_FIELD(city.lattice.width), "nodes", {2, 100000}, nullptr,
         "Intersections per row (W in benchmark B1); at least 3 when periodic"},
        {"city.lattice.height", SW_FIELD(city.lattice.height), "nodes", {2, 100000}, nullptr,
         "Intersections per column; at least 3 when periodic"},
        {"city.lattice.edge_length_m", SW_FIELD(city.lattice.edge_length_m), "m", {0, 100000, true}, nullptr,
         "Street length between neighbouring intersections"},
        {"city.lattice.periodic", SW_FIELD(city.lattice.periodic), "", any_value, nullptr,
         "Wrap around at the borders (a torus: no edge effects)"},
        {"city.cache", SW_FIELD(city.use_cache), "", any_value, nullptr,
         "Cache imported OSM cities in a binary file so later runs start fast"},
        {"city.cache_dir", SW_FIELD(city.cache_dir), "path", any_value, nullptr,
         "Cache folder; empty means $STREETWISE_CACHE_DIR, else $XDG_CACHE_HOME/streetwise, else ~/.cache/streetwise"},

        {"time.days", SW_FIELD(time.days), "days", {1, 3650}, nullptr, "Simulated days"},
        {"time.step_s", SW_FIELD(time.step_s), "s", {1, 3600}, nullptr, "Length of one step",
         {[](double step_s) { return 3600 % static_cast<int>(step_s) == 0; },
          "divide an hour (3600 s) evenly, so steps add up to the hourly series"}},
        {"time.start_weekday", SW_FIELD(time.start_weekday), "", {0, 6}, nullptr,
         "Weekday of day 0: 0 = Monday ... 6 = Sunday"},
        {"time.sunrise_h", SW_FIELD(time.sunrise_h), "h", hour_of_day, nullptr,
         "Local hour of sunrise; from sunset to sunrise unlit streets are dark"},
        {"time.sunset_h", SW_FIELD(time.sunset_h), "h", hour_of_day, nullptr, "Local hour of sunset; after sunrise_h"},

        {"residents.count", SW_FIELD(residents.count), "people", {0, 100'000'000}, nullptr, "Residents"},
        {"residents.walk_speed_mps", SW_FIELD(residents.walk_speed_mps), "m/s", speed_mps, nullptr, "Walking speed"},
        {"residents.home_placement", SW_FIELD(residents.home_placement), "", any_value, &placement_rules,
         "Where homes are: any intersection (uniform_nodes) or residential streets (by_land_use)"},
        {"residents.work_placement", SW_FIELD(residents.work_placement), "", any_value, &placement_rules,
         "Where jobs are: any intersection (uniform_nodes) or workplaces, shops and schools (by_land_use)"},
        {"residents.employed_fraction", SW_FIELD(residents.employed_fraction), "", probability, nullptr,
         "Share who go to work; the rest stay home on weekdays (retired, carers, ...)"},
        {"residents.departure_earliest_h", SW_FIELD(residents.departure_earliest_h), "h", hour_of_day, nullptr,
         "Earliest departure to work; departures are uniform in [earliest, latest)"},
        {"residents.departure_latest_h", SW_FIELD(residents.departure_latest_h), "h", hour_of_day, nullptr,
         "Latest departure to work; not before departure_earliest_h"},
        {"residents.work_duration_min", SW_FIELD(residents.work_duration_min), "min", duration_min, nullptr,
         "Time from departure to leaving work (benchmark B1: 540)"},
        {"residents.works_weekends", SW_FIELD(residents.works_weekends), "", any_value, nullptr,
         "Whether the employed also work on Saturday and Sunday"},
        {"residents.shopping_probability", SW_FIELD(residents.shopping_probability), "per day", probability, nullptr,
         "Chance per resident and day of an evening trip to a shop"},
        {"residents.shopping_duration_min", SW_FIELD(residents.shopping_duration_min), "min", duration_min, nullptr,
         "Time spent shopping"},
        {"residents.leisure_probability", SW_FIELD(residents.leisure_probability), "per day", probability, nullptr,
         "Chance per resident and day of an afternoon or evening trip to a park or bar"},
        {"residents.leisure_duration_min", SW_FIELD(residents.leisure_duration_min), "min", duration_min, nullptr,
         "Time spent at leisure"},
        {"residents.nightlife_probability", SW_FIELD(residents.nightlife_probability), "per night", probability,
         nullptr, "Chance per resident and Friday or Saturday night of a night out"},
        {"residents.nightlife_duration_min", SW_FIELD(residents.nightlife_duration_min), "min", duration_min, nullptr,
         "Length of a night out"},
        {"residents.present_when_indoors", SW_FIELD(residents.present_when_indoors), "", any_value, nullptr,
         "Count residents indoors (home, work, shop) as present at their street node (benchmark B1: true)"},
        {"residents.present_at_anchors", SW_FIELD(residents.present_at_anchors), "", any_value, nullptr,
         "Count residents indoors at an anchor place (work, shop, leisure, nightlife; not at home) as present at "
         "its street node, as targets and guardians (Groff 2007: true); present_when_indoors: true already does"},
        {"residents.routine", SW_FIELD(residents.routine), "", any_value, &resident_routines,
         "How residents plan their days: by the clock and weekday (daily_plan), or one outing to an anchor place "
         "in each 6 h slot, away for residents.away_share of the day (away_share, Groff 2007)"},
        {"residents.away_share", SW_FIELD(residents.away_share), "share of day", probability, nullptr,
         "With routine away_share: share of the day away from home, walking out included (the walk home comes "
         "on top); 0 means no outings"},
        {"residents.female_share", SW_FIELD(residents.female_share), "", probability, nullptr,
         "Share of residents who are women (victim choice by gender)"},
        {"residents.young_share", SW_FIELD(residents.young_share), "", probability, nullptr,
         "Share aged 16-24 (victim choice by age band)"},
        {"residents.older_share", SW_FIELD(residents.older_share), "", probability, nullptr,
         "Share aged 65 and over; with young_share at most 1, the rest are 25-64"},
        {"residents.minority_share", SW_FIELD(residents.minority_share), "", probability, nullptr,
         "Share belonging to an ethnic minority (targets of hate incidents)"},

        {"offenders.count", SW_FIELD(offenders.count), "people", {0, 10'000'000}, nullptr, "Motivated offenders"},
        {"offenders.walk_speed_mps", SW_FIELD(offenders.walk_speed_mps), "m/s", speed_mps, nullptr, "Walking speed"},
        {"offenders.awareness_radius_m", SW_FIELD(offenders.awareness_radius_m), "m", any_value, nullptr,
         "Awareness space: their anchor places lie within this distance of home; without anchors they roam "
         "within it; 0 or less means anywhere"},
        {"offenders.anchor_count", SW_FIELD(offenders.anchor_count), "places", {0, 16}, nullptr,
         "Activity places each offender frequents (drawn among places by anchor_weight); 0: no routine, a "
         "random walk around home"},
        {"offenders.anchor_weight", SW_FIELD(offenders.anchor_weight), "", {0, 1000}, &place_kinds,
         "Weight of each place kind when offenders choose their anchor places; a kind left out: 0"},
        {"offenders.search_radius_m", SW_FIELD(offenders.search_radius_m), "m", {0, 100000}, nullptr,
         "With anchors: how far from its current place (home or an anchor) an offender roams; 0: anywhere"},
        {"offenders.stay_min", SW_FIELD(offenders.stay_min), "min", {1, 100000}, nullptr,
         "With anchors: mean time an offender stays around a place before walking to the next (uniform in "
         "0.5 to 1.5 times)"},
        {"offenders.base_probability", SW_FIELD(offenders.base_probability), "per step", probability, nullptr,
         "Chance to offend per step with one resident and no police on the node"},
        {"offenders.guardian_gamma", SW_FIELD(offenders.guardian_gamma), "", {0, 100}, nullptr,
         "Deterrence per extra bystander: odds scale by exp(-gamma * min(r - 1, guardian_cap))"},
        {"offenders.guardian_cap", SW_FIELD(offenders.guardian_cap), "people", {0, int_max}, nullptr,
         "Bystanders beyond this many deter no further (crowds)"},
        {"offenders.dark_multiplier", SW_FIELD(offenders.dark_multiplier), "", {0, 1000}, nullptr,
         "Odds factor on dark nodes at night"},
        {"offenders.dark_lux_threshold", SW_FIELD(offenders.dark_lux_threshold), "lux", {0, 100000}, nullptr,
         "A node is dark at night when its brightest street is below this"},
        {"offenders.land_use_multiplier", SW_FIELD(offenders.land_use_multiplier), "", {0, 1000}, &land_uses,
         "Odds factor by land use of the node; a land use left out has factor 1"},

#define SW_CRIME_TYPE_KEYS(INDEX, NAME)                                                                              \
    {"crime." NAME ".rate", SW_FIELD(crime.types[INDEX].rate), "", {0, 1e6}, nullptr,                            \
     "Relative rate: multiplies offenders.base_probability (0: the type never happens)"},                         \
    {"crime." NAME ".guardian_sensitivity", SW_FIELD(crime.types[INDEX].guardian_sensitivity), "", {0, 100}, nullptr, \
     "Scales offenders.guardian_gamma for this type (0: bystanders do not deter it)"},                            \
    {"crime." NAME ".darkness_sensitivity", SW_FIELD(crime.types[INDEX].darkness_sensitivity), "", {0, 100}, nullptr, \
     "Share of offenders.dark_multiplier's effect on dark nodes at night: factor 1 + s * (dark_multiplier - 1), "  \
     "at least 0"},                                                                                               \
    {"crime." NAME ".night_multiplier", SW_FIELD(crime.types[INDEX].night_multiplier), "", {0, 1000}, nullptr,    \
     "Odds factor between sunset and sunrise, lit or not"},                                                       \
    {"crime." NAME ".crowd_exponent", SW_FIELD(crime.types[INDEX].crowd_exponent), "", {0, 2}, nullptr,           \
     "Odds scale as (targets present)^exponent: people for person types, empty homes for burglary (0: one is enough)"}, \
    {"crime." NAME ".land_use_multiplier", SW_FIELD(crime.types[INDEX].land_use_multiplier), "", {0, 1000},       \
     &land_uses, "Odds factor by land use of the node, on top of offenders.land_use_multiplier; missing: 1"},    \
    {"crime." NAME ".victim_gender", SW_FIELD(crime.types[INDEX].victim_gender), "", {0, 1000}, &genders,          \
     "Person targets: weight of a victim by gender; missing: 1"},                                                \
    {"crime." NAME ".victim_age", SW_FIELD(crime.types[INDEX].victim_age), "", {0, 1000}, &age_bands,            \
     "Person targets: weight of a victim by age band; missing: 1"},                                              \
    {"crime." NAME ".victim_origin", SW_FIELD(crime.types[INDEX].victim_origin), "", {0, 1000}, &origin_groups,         \
     "Person targets: weight of a victim by origin; missing: 1"},                                                \
    {"crime." NAME ".reporting_probability", SW_FIELD(crime.types[INDEX].reporting_probability), "", probability, \
     nullptr, "Chance that an offence of this type is reported to the police (recorded crime)"}

        {"offenders.journey_decay_m", SW_FIELD(offenders.journey_decay_m), "m", {0, 1e6}, nullptr,
         "Journey-to-crime decay: the chance to offend falls as exp(-d / journey_decay_m) with the straight-line "
         "distance d from home; 0: no decay"},
        {"offenders.attraction_pull", SW_FIELD(offenders.attraction_pull), "", {0, 1e6}, nullptr,
         "Pull of attractive streets: at an intersection a street is taken with weight 1 + attraction_pull * B "
         "(crime.attractiveness); 0: uniform random walk"},

        {"offenders.return_probability", SW_FIELD(offenders.return_probability), "", probability, nullptr,
         "With anchors: while an offender remembers an offence made around one of its anchors, the chance that a "
         "trip from home goes back there (else an anchor drawn at random); 0: no learning"},
        {"offenders.memory_days", SW_FIELD(offenders.memory_days), "days", {0, 3650}, nullptr,
         "With anchors: how long an offender remembers where it offended; meanwhile its stays at that place centre "
         "on the offence's intersection"},
        {"offenders.memory_boost", SW_FIELD(offenders.memory_boost), "", {0, 1000}, nullptr,
         "With anchors: while an offender remembers an offence, within search_radius_m of it the offender offends "
         "(1 + memory_boost) times as often; 0: no boost"},
        {"offenders.rest_after_offence_h", SW_FIELD(offenders.rest_after_offence_h), "h", {0, 8760}, nullptr,
         "After an offence the offender leaves the scene and stays home this long; 0: walks on"},

        {"crime.attractiveness.enabled", SW_FIELD(crime.attractiveness.enabled), "", any_value, nullptr,
         "Repeat and near-repeat victimisation on (each crime makes its street and, less, its neighbours more "
         "attractive to offenders for a while)"},
        {"crime.attractiveness.boost_per_crime", SW_FIELD(crime.attractiveness.boost_per_crime), "per crime",
         {0, 1000}, nullptr, "theta: increase of a street's attractiveness B per crime on it; offenders there offend "
         "(1 + B) times as often"},
        {"crime.attractiveness.spread_share", SW_FIELD(crime.attractiveness.spread_share), "per update", probability,
         nullptr, "eta: share of a street's B passed on, in equal parts, to the streets that share an intersection "
         "with it at each update (near repeats)"},
        {"crime.attractiveness.half_life_days", SW_FIELD(crime.attractiveness.half_life_days), "days",
         {0, 3650, true}, nullptr, "Time for B to fall to half without new crime"},
        {"crime.attractiveness.update_interval_min", SW_FIELD(crime.attractiveness.update_interval_min), "min",
         {1, 1440}, nullptr, "How often B is decayed, spread and raised by the crimes since the last update",
         {[](double minutes) { return 1440 % static_cast<int>(minutes) == 0; }, "divide a day (1440 min) evenly"}},
        SW_CRIME_TYPE_KEYS(0, "theft_from_person"),
        SW_CRIME_TYPE_KEYS(1, "robbery"),
        SW_CRIME_TYPE_KEYS(2, "burglary"),
        SW_CRIME_TYPE_KEYS(3, "harassment"),
        SW_CRIME_TYPE_KEYS(4, "hate_incident"),
        SW_CRIME_TYPE_KEYS(5, "vandalism"),
#undef SW_CRIME_TYPE_KEYS

        {"police.units", SW_FIELD(police.units), "officers", {0, 1'000'000}, nullptr, "Foot patrol units"},
        {"police.patrol_speed_mps", SW_FIELD(police.patrol_speed_mps), "m/s", speed_mps, nullptr,
         "Patrol walking speed"},
        {"police.car_units", SW_FIELD(police.car_units), "cars", {0, 1'000'000}, nullptr,
         "Car units on top of the foot units; they drive roads only (not footways)"},
        {"police.car_speed_mps", SW_FIELD(police.car_speed_mps), "m/s", {0, 50}, &road_classes,
         "Car speed by road class; a class left out or at 0 is not driven (footways by default)"},
        {"police.strategy", SW_FIELD(police.strategy), "", any_value, &patrol_strategies,
         "How units on patrol choose where to go: random walk, hot spots or a forecast of recorded crime, or "
         "foot patrol of their district (community)"},
        {"police.dispatch", SW_FIELD(police.dispatch), "", any_value, nullptr,
         "Send the nearest free unit (by travel time on the streets) to each reported crime"},
        {"police.on_duty_from_h", SW_FIELD(police.on_duty_from_h), "h", hour_of_day, nullptr,
         "Start of the daily shift window, local hour; off duty, units are off the streets",
         {[](double h) { return h < 24; }, "be below 24"}},
        {"police.on_duty_to_h", SW_FIELD(police.on_duty_to_h), "h", hour_of_day, nullptr,
         "End of the daily shift window (wraps over midnight when below on_duty_from_h; 0 to 24: always on duty)"},
        {"police.on_scene_min", SW_FIELD(police.on_scene_min), "min", {0, 1440}, nullptr,
         "Time a unit stays at a report after arriving"},
        {"police.priority", SW_FIELD(police.priority), "rank", {0, 100}, &crime_types,
         "Dispatch priority by crime type: lower goes first; ties by report time"},
        {"police.arrest.probability_at_0", SW_FIELD(police.arrest.probability_at_0), "", probability, nullptr,
         "Chance of an arrest when a unit arrives at once (assumption)"},
        {"police.arrest.decay_s", SW_FIELD(police.arrest.decay_s), "s", {0, 1e7, true}, nullptr,
         "The arrest chance falls as exp(-response_s / decay_s) (assumption; faster response raises detection: "
         "Blanes i Vidal and Kirchmaier 2018)"},
        {"police.arrest.days", SW_FIELD(police.arrest.days), "days", {0, 3650}, nullptr,
         "An arrested offender stays at home, off the streets, this long"},
        {"police.arrest.drone_guided", SW_FIELD(police.arrest.drone_guided), "", any_value, nullptr,
         "Drones guide the police: when a first-responder drone is over the scene before the officers, the arrest "
         "chance is that of a response as fast as the drone's (it keeps the suspect in view; an assumption, no "
         "causal estimate exists)"},
        {"police.deterrence_radius_m", SW_FIELD(police.deterrence_radius_m), "m", {0, 10000}, nullptr,
         "Offenders within this straight-line distance of a unit on the streets do not offend; 0: only at the "
         "unit's intersection"},
        {"police.hot_spot.count", SW_FIELD(police.hot_spot.count), "segments", {1, 100000}, nullptr,
         "Patrol targets: the segments with most recorded crime in the window (or highest forecast)"},
        {"police.hot_spot.dwell_min", SW_FIELD(police.hot_spot.dwell_min), "min", {1, 1440}, nullptr,
         "Time a unit patrols around one target before going to the next (Koper 1995: about 15 min)"},
        {"police.hot_spot.window_days", SW_FIELD(police.hot_spot.window_days), "days", {0, 3650, true}, nullptr,
         "Trailing window of recorded crime that ranks the segments"},
        {"police.hot_spot.refresh_h", SW_FIELD(police.hot_spot.refresh_h), "h", {0, 8760, true}, nullptr,
         "How often the targets are ranked again (and the forecast refitted)"},
        {"police.predictive.decay_days", SW_FIELD(police.predictive.decay_days), "days", {0, 3650, true}, nullptr,
         "Time scale of the raised risk after a recorded crime"},
        {"police.predictive.bandwidth_m", SW_FIELD(police.predictive.bandwidth_m), "m", {0, 100000, true}, nullptr,
         "Distance scale of the raised risk around a recorded crime"},
        {"police.predictive.excitation", SW_FIELD(police.predictive.excitation), "", {0, 100}, nullptr,
         "Weight of recent crimes against the background (long-run recorded crime per day on the segment)"},

        // Lists of records (drone_fleet_fields(), no_fly_zone_fields()), before output so they stay
        // clear of the police keys; the resolved YAML leaves an empty list out.
        {"drones", SW_FIELD(drones.fleets), "", any_value, nullptr,
         "Drone fleets, each with a base, batteries, a mode (patrol, hot_spots, first_responder) and a flying "
         "window; see [Drones](#drones)"},
        {"no_fly_zones", SW_FIELD(drones.no_fly_zones), "", any_value, nullptr,
         "Where drones may not fly: districts or polygons, each with an optional time window; see "
         "[No-fly zones](#no-fly-zones)"},

        // Victim reaction and trust (issue 7): every default leaves runs as they were.
        {"reporting.police_delay_min", SW_FIELD(reporting.police_delay_min), "min", {0, 10080}, nullptr,
         "Mean delay from the crime to the victim's police report (exponential); the crime enters the record, "
         "dispatch and drones when the report arrives; 0: at once, a call from the scene (assumption)"},
        {"reporting.gender_log_odds", SW_FIELD(reporting.gender_log_odds), "log-odds", {-20, 20}, &genders,
         "Added to the logit of the type's reporting probability for victims of this gender; missing: 0 "
         "(assumption: the survey rates are for all victims)"},
        {"reporting.age_log_odds", SW_FIELD(reporting.age_log_odds), "log-odds", {-20, 20}, &age_bands,
         "Added to the logit of the reporting probability by age band of the victim; missing: 0 (assumption)"},
        {"reporting.origin_log_odds", SW_FIELD(reporting.origin_log_odds), "log-odds", {-20, 20}, &origin_groups,
         "Added to the logit of the reporting probability by origin of the victim; missing: 0 (assumption)"},
        {"trust.enabled", SW_FIELD(reporting.trust.enabled), "", any_value, nullptr,
         "Model each resident's trust in the police and let it shift reporting; off by default, since the survey "
         "rates already reflect today's trust"},
        {"trust.initial", SW_FIELD(reporting.trust.initial), "", probability, nullptr,
         "Initial trust in [0, 1] (CSEW 2019/20: about 70% have confidence in their local police)"},
        {"trust.initial_gender", SW_FIELD(reporting.trust.initial_gender), "", {-1, 1}, &genders,
         "Added to trust.initial by gender; missing: 0 (assumption)"},
        {"trust.initial_age", SW_FIELD(reporting.trust.initial_age), "", {-1, 1}, &age_bands,
         "Added to trust.initial by age band; missing: 0 (assumption)"},
        {"trust.initial_origin", SW_FIELD(reporting.trust.initial_origin), "", {-1, 1}, &origin_groups,
         "Added to trust.initial by origin; missing: 0 (assumption)"},
        {"trust.reporting_weight", SW_FIELD(reporting.trust.reporting_weight), "log-odds", {0, 100}, nullptr,
         "Log-odds of reporting to the police per unit of trust above trust.reference (assumption)"},
        {"trust.reference", SW_FIELD(reporting.trust.reference), "", probability, nullptr,
         "The trust the survey reporting rates stand for: at this trust a victim reports at the type's rate"},
        {"trust.answered_gain", SW_FIELD(reporting.trust.answered_gain), "", probability, nullptr,
         "Trust gained when a police unit came to the victim's report (assumption)"},
        {"trust.unanswered_loss", SW_FIELD(reporting.trust.unanswered_loss), "", probability, nullptr,
         "Trust lost when no unit came within answer_window_min of the report (assumption)"},
        {"trust.follow_up_gain", SW_FIELD(reporting.trust.follow_up_gain), "", probability, nullptr,
         "Trust gained when a victim support service reached the victim after a police referral (assumption)"},
        {"trust.community_contact_gain", SW_FIELD(reporting.trust.community_contact_gain), "", probability, nullptr,
         "Trust gained per contact with a community patrol unit, at most once a day (assumption)"},
        {"trust.community_contact_probability", SW_FIELD(reporting.trust.community_contact_probability), "per step",
         probability, nullptr,
         "Chance per step that a resident on the street at the node of an on-duty community foot unit talks with "
         "it (assumption)"},
        {"trust.answer_window_min", SW_FIELD(reporting.trust.answer_window_min), "min", {1, 10080}, nullptr,
         "A police report no unit reached within this time counts as unanswered"},
        {"apps", SW_FIELD(reporting.apps), "", any_value, nullptr,
         "Reporting and alerting apps: who uses them, what they cover, who receives their reports and alerts; "
         "see [Apps](#apps)"},
        {"victim_support", SW_FIELD(reporting.victim_support), "", any_value, nullptr,
         "Victim support services: capacity, reach, districts served, police referrals; see "
         "[Victim support](#victim-support)"},
        {"insecurity.enabled", SW_FIELD(insecurity.enabled), "", any_value, nullptr,
         "Measure each resident's feeling of insecurity once an hour (outputs only, unless behaviour is on)"},
        {"insecurity.individual_sd", SW_FIELD(insecurity.individual_sd), "log-odds", {0, 10}, nullptr,
         "Sd of each resident's fixed individual heterogeneity (assumption, calibrated with the baselines)"},
        {"insecurity.baseline.female", SW_FIELD(insecurity.baseline.female), "log-odds", {-20, 20}, nullptr,
         "Baseline of women (calibrated: ONS 2021, 49% of women feel unsafe walking alone after dark)"},
        {"insecurity.baseline.male", SW_FIELD(insecurity.baseline.male), "log-odds", {-20, 20}, nullptr,
         "Baseline of men (calibrated: ONS 2021, 15% of men feel unsafe walking alone after dark)"},
        {"insecurity.baseline.young", SW_FIELD(insecurity.baseline.young), "log-odds", {-20, 20}, nullptr,
         "Added for ages 16-24 (assumption)"},
        {"insecurity.baseline.adult", SW_FIELD(insecurity.baseline.adult), "log-odds", {-20, 20}, nullptr,
         "Added for ages 25-64 (the reference)"},
        {"insecurity.baseline.older", SW_FIELD(insecurity.baseline.older), "log-odds", {-20, 20}, nullptr,
         "Added for ages 65+ (assumption: more worried after dark, CSEW direction)"},
        {"insecurity.baseline.majority", SW_FIELD(insecurity.baseline.majority), "log-odds", {-20, 20}, nullptr,
         "Added for the ethnic majority (the reference)"},
        {"insecurity.baseline.minority", SW_FIELD(insecurity.baseline.minority), "log-odds", {-20, 20}, nullptr,
         "Added for ethnic minorities (assumption: more worried, CSEW direction)"},
        {"insecurity.weight.own_victimisation", SW_FIELD(insecurity.weight.own_victimisation), "log-odds",
         {-20, 20}, nullptr, "Per remembered own victimisation (assumption; direction: Hale 1996, Skogan 1987)"},
        {"insecurity.weight.nearby_crime", SW_FIELD(insecurity.weight.nearby_crime), "log-odds", {-20, 20}, nullptr,
         "Per log(1 + crimes known near home) (assumption; direction: Hale 1996, Warr 2000)"},
        {"insecurity.weight.alert_heard", SW_FIELD(insecurity.weight.alert_heard), "log-odds", {-20, 20}, nullptr,
         "Per alert heard about a crime near home (assumption; vicarious victimisation, Skogan and Maxfield 1981)"},
        {"insecurity.weight.darkness", SW_FIELD(insecurity.weight.darkness), "log-odds", {-20, 20}, nullptr,
         "At a dark node at night (assumption; direction: Warr 1990, Painter 1996)"},
        {"insecurity.weight.empty_street", SW_FIELD(insecurity.weight.empty_street), "log-odds", {-20, 20}, nullptr,
         "On an empty street (assumption; direction: Warr 1990)"},
        {"insecurity.weight.crowded_street", SW_FIELD(insecurity.weight.crowded_street), "log-odds", {-20, 20},
         nullptr, "On a crowded street (assumption)"},
        {"insecurity.weight.disorder", SW_FIELD(insecurity.weight.disorder), "log-odds", {-20, 20}, nullptr,
         "Per log(1 + vandalism near home) (assumption; incivilities, Skogan 1990)"},
        {"insecurity.weight.police_presence", SW_FIELD(insecurity.weight.police_presence), "log-odds", {-20, 20},
         nullptr, "A police unit within police_radius_m (assumption; reassurance, negative)"},
        {"insecurity.weight.drone_presence", SW_FIELD(insecurity.weight.drone_presence), "log-odds", {-20, 20},
         nullptr, "A drone camera over the node (assumption; sign uncertain)"},
        {"insecurity.female_situational_factor", SW_FIELD(insecurity.female_situational_factor), "", {0, 10},
         nullptr, "Women's reaction to darkness, empty and crowded streets, relative to men's (assumption; Ferraro 1995)"},
        {"insecurity.older_situational_factor", SW_FIELD(insecurity.older_situational_factor), "", {0, 10}, nullptr,
         "Older people's reaction to the street situation, relative to younger (assumption)"},
        {"insecurity.victimisation_half_life_days", SW_FIELD(insecurity.victimisation_half_life_days), "days",
         {0, 36500, true}, nullptr, "Memory of one's own victimisation halves in this time (assumption)"},
        {"insecurity.nearby_crime_half_life_days", SW_FIELD(insecurity.nearby_crime_half_life_days), "days",
         {0, 36500, true}, nullptr, "Memory of crimes known near home halves in this time (assumption)"},
        {"insecurity.alert_half_life_days", SW_FIELD(insecurity.alert_half_life_days), "days", {0, 36500, true},
         nullptr, "Memory of alerts heard halves in this time (assumption)"},
        {"insecurity.disorder_half_life_days", SW_FIELD(insecurity.disorder_half_life_days), "days",
         {0, 36500, true}, nullptr, "Visible disorder (vandalism) halves in this time (assumption)"},
        {"insecurity.history_min_days", SW_FIELD(insecurity.history_min_days), "days", {0, 36500}, nullptr,
         "Residents lived here before the run: crime and disorder near home are read as a long history at the run's "
         "rate so far would leave them, once this many days have run (earlier, as if they had); 0: memories start "
         "empty (assumption)"},
        {"insecurity.nearby_radius_m", SW_FIELD(insecurity.nearby_radius_m), "m", {10, 100000}, nullptr,
         "Near home: the width of the grid cells; crimes and disorder in the 3 x 3 cells around home count"},
        {"insecurity.unrecorded_weight", SW_FIELD(insecurity.unrecorded_weight), "", probability, nullptr,
         "Crimes not reported become known near home with this weight (word of mouth; assumption)"},
        {"insecurity.empty_below", SW_FIELD(insecurity.empty_below), "people", {0, 1e6}, nullptr,
         "Fewer people than this at the node: an empty street"},
        {"insecurity.crowded_from", SW_FIELD(insecurity.crowded_from), "people", {1, 1e9}, nullptr,
         "This many people or more at the node: a crowded street"},
        {"insecurity.police_radius_m", SW_FIELD(insecurity.police_radius_m), "m", {0, 10000}, nullptr,
         "A police unit within this straight-line distance reassures; 0: only at the same node"},
        {"insecurity.behaviour.enabled", SW_FIELD(insecurity.behaviour.enabled), "", any_value, nullptr,
         "Residents who would feel unsafe after dark skip outings that leave or return after dark (fewer "
         "guardians at night: the fear-guardianship feedback)"},
        {"insecurity.behaviour.stay_home_share", SW_FIELD(insecurity.behaviour.stay_home_share), "", probability,
         nullptr, "Chance per such outing that a resident who feels unsafe stays home (assumption)"},
        {"night_economy.bar_closing_h", SW_FIELD(night_economy.bar_closing_h), "h", {-1, 24}, nullptr,
         "Bars close at this local hour (before 12: after midnight); nights out there end by then; -1: no closing time",
         {[](double h) { return h < 0 ? h == -1 : true; }, "be -1 (no closing time) or an hour from 0 to 24"}},
        {"night_economy.nightclub_closing_h", SW_FIELD(night_economy.nightclub_closing_h), "h", {-1, 24}, nullptr,
         "Nightclubs close at this local hour (before 12: after midnight); -1: no closing time",
         {[](double h) { return h < 0 ? h == -1 : true; }, "be -1 (no closing time) or an hour from 0 to 24"}},

        {"output.events", SW_FIELD(output.events), "", any_value, nullptr, "Write the table of crime events"},

        {"short2008.width", SW_FIELD(short2008.width), "sites", {3, 10000}, nullptr,
         "Lattice sites west to east (periodic: the lattice wraps around)"},
        {"short2008.height", SW_FIELD(short2008.height), "sites", {3, 10000}, nullptr, "Lattice sites south to north"},
        {"short2008.dt", SW_FIELD(short2008.dt), "time units", {0, 1, true}, nullptr,
         "Model time per step; the run file counts one step as a minute"},
        {"short2008.omega", SW_FIELD(short2008.omega), "per time unit", {0, 1000}, nullptr,
         "Decay rate of the dynamic attractiveness B; omega * dt at most 1"},
        {"short2008.eta", SW_FIELD(short2008.eta), "", probability, nullptr,
         "Share of B that spreads to the 4 neighbouring sites per step (neighbourhood effect)"},
        {"short2008.theta", SW_FIELD(short2008.theta), "per burglary", {0, 1000}, nullptr,
         "Increase of B at a site per burglary there (repeat victimisation)"},
        {"short2008.gamma", SW_FIELD(short2008.gamma), "per site and time unit", {0, 1000}, nullptr,
         "Rate at which new burglars appear at each site"},
        {"short2008.a0", SW_FIELD(short2008.a0), "per time unit", {0, 1000, true}, nullptr,
         "Static attractiveness A0 of every site; a burglar at a site burgles it at rate A0 + B"},
        {"short2008.time_units", SW_FIELD(short2008.time_units), "time units", {0, 1000000, true}, nullptr,
         "Length of the run in model time; steps = time_units / dt, rounded"},

        // A list of records, each read with intervention_fields(). Last in the table so the resolved
        // YAML ends with it; with `extends:`, a file that writes it replaces the base's whole list.
        {"interventions", SW_FIELD(interventions), "", any_value, nullptr,
         "Policy interventions (street lighting, foot patrols), each with a target area and a time window; see "
         "[Interventions](#interventions)"},
    };
    return table;
}

// The fields of one `interventions:` record, in the order they are written.
const std::vector<FieldSpec>& intervention_fields() {
    constexpr int lighting = static_cast<int>(InterventionKind::street_lighting);
    constexpr int patrol = static_cast<int>(InterventionKind::foot_patrol);
    constexpr int extra = static_cast<int>(InterventionKind::extra_units);
    constexpr int switching = static_cast<int>(InterventionKind::patrol_strategy);
    static const std::vector<FieldSpec> table{
        {"kind", SW_RECORD_FIELD(kind), "", any_value, &intervention_kinds,
         "What it does: light the target streets (street_lighting), send extra police on foot to walk them "
         "(foot_patrol), add units to the police force based there (extra_units), or change the force's patrol "
         "strategy (patrol_strategy)", {}, -1, true},
        {"name", SW_RECORD_FIELD(name), "", any_value, nullptr, "Label shown in outputs"},
        {"district", SW_RECORD_FIELD(district), "", any_value, nullptr,
         "Target: every street of the district with this name (checked against the city when the run starts; "
         "empty: none)"},
        {"segments", SW_RECORD_FIELD(segments), "segment ids", {0, 4294967295.0}, nullptr,
         "Target: these street segments, by row of /city/segments in a run file (checked against the city when "
         "the run starts); added to the district's streets"},
        {"from_day", SW_RECORD_FIELD(from_day), "day", {0, 3649}, nullptr,
         "First day active; day 0 is the run's first day; before time.days"},
        {"to_day", SW_RECORD_FIELD(to_day), "day", {-1, 3650}, nullptr,
         "First day no longer active, after from_day; -1: to the end of the run"},
        {"daily_from_h", SW_RECORD_FIELD(daily_from_h), "h", hour_of_day, nullptr,
         "Start of the daily window, local hour; a window that wraps over midnight (daily_from_h > daily_to_h) "
         "belongs to the day it starts on",
         {[](double h) { return h < 24; }, "be below 24 (a window starts within its day)"}},
        {"daily_to_h", SW_RECORD_FIELD(daily_to_h), "h", hour_of_day, nullptr,
         "End of the daily window, local hour (24: midnight); not equal to daily_from_h"},
        {"lux", SW_RECORD_FIELD(lux), "lux", {0, 100000, true}, nullptr,
         "While active, the target streets are lit at least this bright (compare "
         "offenders.dark_lux_threshold)", {}, lighting, true},
        {"units", SW_RECORD_FIELD(units), "officers", {1, 100000}, nullptr,
         "Extra police units; foot_patrol: while active they walk only the target streets, starting from homes "
         "inside the area; extra_units: units of the force (patrol strategy and dispatch) starting in the area; "
         "otherwise they are off the streets", {}, patrol, true, extra},
        {"unit_kind", SW_RECORD_FIELD(unit_kind), "", any_value, &unit_kinds, "The kind of the extra units", {},
         extra},
        {"strategy", SW_RECORD_FIELD(strategy), "", any_value, &patrol_strategies,
         "The force's patrol strategy while active; hot_spot and predictive targets are taken within the target "
         "area if one is given", {}, switching, true},
    };
    return table;
}

// The fields of one `drones:` record (a fleet), in the order they are written. The "kind" of a
// fleet record is its mode.
const std::vector<FleetFieldSpec>& drone_fleet_fields() {
    constexpr int patrol = static_cast<int>(DroneMode::patrol);
    constexpr int hot_spots = static_cast<int>(DroneMode::hot_spots);
    constexpr int responder = static_cast<int>(DroneMode::first_responder);
    static const std::vector<FleetFieldSpec> table{
        {"mode", SW_FLEET_FIELD(mode), "", any_value, &drone_modes,
         "What the fleet does: fly between random intersections of an area (patrol), hover over the streets with "
         "the most recorded crime (hot_spots), or fly to police reports ahead of the police (first_responder)",
         {}, -1, true},
        {"name", SW_FLEET_FIELD(name), "", any_value, nullptr, "Label shown in outputs"},
        {"base_district", SW_FLEET_FIELD(base_district), "", any_value, nullptr,
         "Base at the centre of this district (the mean position of its intersections); give at most one of "
         "base_district, base_node and base_xy_m; none: the centre of the city"},
        {"base_node", SW_FLEET_FIELD(base_node), "node id", {-1, 2147483647}, nullptr,
         "Base at this intersection (a row of /city/nodes in a run file); -1: none"},
        {"base_xy_m", SW_FLEET_FIELD(base_xy_m), "m", any_value, nullptr,
         "Base at this point [x, y] of the city's local frame (metres east and north of its origin); []: none"},
        {"count", SW_FLEET_FIELD(count), "drones", {1, 10000}, nullptr, "Drones in the fleet"},
        {"speed_mps", SW_FLEET_FIELD(speed_mps), "m/s", {0, 100, true}, nullptr,
         "Cruise speed; drones fly straight lines, around no-fly zones"},
        {"battery_min", SW_FLEET_FIELD(battery_min), "min", {0, 1440, true}, nullptr,
         "Flight time on a full battery (hovering included)"},
        {"recharge_min", SW_FLEET_FIELD(recharge_min), "min", {0, 1440}, nullptr,
         "Time to charge an empty battery to full at the base; a drone takes off only fully charged"},
        {"reserve_min", SW_FLEET_FIELD(reserve_min), "min", {0, 1440}, nullptr,
         "Battery kept in hand: a drone turns home when what is left is the flight home plus this"},
        {"camera_radius_m", SW_FLEET_FIELD(camera_radius_m), "m", {0, 5000}, nullptr,
         "Ground radius the camera sees: intersections this close to a drone in the air are under its camera"},
        {"dwell_min", SW_FLEET_FIELD(dwell_min), "min", {0, 1440}, nullptr,
         "Hover time at each patrol waypoint, hot spot or report's scene (first responders: until the police "
         "take over)"},
        {"district", SW_FLEET_FIELD(district), "", any_value, nullptr,
         "patrol area: every intersection of this district's streets (with segments; neither: the whole city)", {},
         patrol},
        {"segments", SW_FLEET_FIELD(segments), "segment ids", {0, 4294967295.0}, nullptr,
         "patrol area: the ends of these street segments (rows of /city/segments), added to the district's", {},
         patrol},
        {"hot_spot_count", SW_FLEET_FIELD(hot_spot_count), "segments", {1, 100000}, nullptr,
         "How many streets with the most recorded crime the fleet watches, in turn", {}, hot_spots},
        {"hot_spot_window_days", SW_FLEET_FIELD(hot_spot_window_days), "days", {0, 3650, true}, nullptr,
         "Recorded crime of this many days back ranks the hot spots", {}, hot_spots},
        {"response_window_min", SW_FLEET_FIELD(response_window_min), "min", {0, 1440}, nullptr,
         "A report no drone can take within this time is left to the police (counted as unanswered)", {},
         responder},
        {"from_day", SW_FLEET_FIELD(from_day), "day", {0, 3649}, nullptr,
         "First day the fleet flies; day 0 is the run's first day; before time.days"},
        {"to_day", SW_FLEET_FIELD(to_day), "day", {-1, 3650}, nullptr,
         "First day it no longer flies, after from_day; -1: to the end of the run"},
        {"daily_from_h", SW_FLEET_FIELD(daily_from_h), "h", hour_of_day, nullptr,
         "Start of the daily flying window, local hour; a window that wraps over midnight belongs to the day it "
         "starts on",
         {[](double h) { return h < 24; }, "be below 24 (a window starts within its day)"}},
        {"daily_to_h", SW_FLEET_FIELD(daily_to_h), "h", hour_of_day, nullptr,
         "End of the daily flying window (24: midnight); drones in the air then fly home"},
        {"max_airborne", SW_FLEET_FIELD(max_airborne), "drones", {-1, 10000}, nullptr,
         "Legal or operational cap on the fleet's simultaneous flights; -1: no cap beyond the fleet's size",
         {[](double n) { return n != 0; }, "not be 0 (a fleet that may never fly; remove it instead)"}},
        {"deterrence", SW_FLEET_FIELD(deterrence), "", probability, nullptr,
         "ASSUMPTION (no causal estimate exists): offending at an intersection under a camera is multiplied by "
         "this; 1: no effect"},
        {"detection_probability", SW_FLEET_FIELD(detection_probability), "", probability, nullptr,
         "ASSUMPTION: chance that a crime under a camera that nobody reports enters the record all the same"},
    };
    return table;
}

// The fields of one `no_fly_zones:` record.
const std::vector<ZoneFieldSpec>& no_fly_zone_fields() {
    constexpr int district = static_cast<int>(NoFlyZoneKind::district);
    constexpr int polygon = static_cast<int>(NoFlyZoneKind::polygon);
    static const std::vector<ZoneFieldSpec> table{
        {"kind", SW_ZONE_FIELD(kind), "", any_value, &zone_kinds,
         "The zone's shape: a district's area (the convex hull of its intersections) or a polygon", {}, -1, true},
        {"name", SW_ZONE_FIELD(name), "", any_value, nullptr, "Label shown in outputs and messages"},
        {"district", SW_ZONE_FIELD(district), "", any_value, nullptr,
         "The district whose area drones may not enter (checked against the city when the run starts)", {},
         district, true},
        {"margin_m", SW_ZONE_FIELD(margin_m), "m", {0, 100000}, nullptr,
         "The district's area widened by at least this much all round", {}, district},
        {"polygon_xy_m", SW_ZONE_FIELD(polygon_xy_m), "m", any_value, nullptr,
         "Corners in the city's local frame, [x1, y1, x2, y2, ...] or [[x1, y1], ...]; a simple polygon of 3 or "
         "more corners; give this or polygon_lonlat",
         {}, polygon},
        {"polygon_lonlat", SW_ZONE_FIELD(polygon_lonlat), "degrees", any_value, nullptr,
         "Corners as longitude, latitude pairs, converted with the city's origin (OSM cities)", {}, polygon},
        {"from_day", SW_ZONE_FIELD(from_day), "day", {0, 3649}, nullptr, "First day in force; day 0 is the run's first day"},
        {"to_day", SW_ZONE_FIELD(to_day), "day", {-1, 3650}, nullptr,
         "First day no longer in force, after from_day; -1: to the end of the run"},
        {"daily_from_h", SW_ZONE_FIELD(daily_from_h), "h", hour_of_day, nullptr,
         "Start of the daily window in force, local hour (default: all day)",
         {[](double h) { return h < 24; }, "be below 24 (a window starts within its day)"}},
        {"daily_to_h", SW_ZONE_FIELD(daily_to_h), "h", hour_of_day, nullptr,
         "End of the daily window in force (24: midnight)"},
    };
    return table;
}
// The fields of one `apps:` record. Its kind: a reporting app, or an alerting app (SOS) that also
// alerts contacts or peers and may call the police.
const std::vector<AppFieldSpec>& app_fields() {
    constexpr int alerting = static_cast<int>(AppKind::alerting);
    static const std::vector<AppFieldSpec> table{
        {"kind", SW_APP_FIELD(kind), "", any_value, &app_kinds,
         "What the app does: take reports (reporting), or also send an SOS to trusted contacts and nearby app "
         "users (alerting)", {}, -1, true},
        {"name", SW_APP_FIELD(name), "", any_value, nullptr, "Label shown in outputs"},
        {"types", SW_APP_FIELD(types), "", any_value, &crime_types, "Crime types it covers; []: every type"},
        {"start_share", SW_APP_FIELD(start_share), "", probability, nullptr,
         "Share of residents who have it on day 0 (before group and district multipliers; assumption)"},
        {"target_share", SW_APP_FIELD(target_share), "", probability, nullptr,
         "Share reached after ramp_days, growing linearly from start_share; adoption never falls back"},
        {"ramp_days", SW_APP_FIELD(ramp_days), "days", {0, 3650}, nullptr,
         "Days from start_share to target_share; 0: target_share from day 0"},
        {"adoption_gender", SW_APP_FIELD(adoption_gender), "", {0, 100}, &genders,
         "Adoption multiplier by gender; missing: 1"},
        {"adoption_age", SW_APP_FIELD(adoption_age), "", {0, 100}, &age_bands, "Adoption multiplier by age band; missing: 1"},
        {"adoption_origin", SW_APP_FIELD(adoption_origin), "", {0, 100}, &origin_groups,
         "Adoption multiplier by origin; missing: 1"},
        {"adoption_district", SW_APP_FIELD(adoption_district), "", {0, 100}, nullptr,
         "Adoption multiplier by the district of a resident's home (names checked when the run starts); missing: 1"},
        {"report_probability", SW_APP_FIELD(report_probability), "", probability, nullptr,
         "Chance that a user who falls victim to a covered crime reports it through the app (assumption)"},
        {"channels", SW_APP_FIELD(channels), "", any_value, &holders,
         "Who receives its reports: police, victim_support, contacts, peers, municipality, rights_organisation"},
        {"anonymous", SW_APP_FIELD(anonymous), "", any_value, nullptr,
         "Reports carry no identity: it is never collected, whatever collects says"},
        {"latency_min", SW_APP_FIELD(latency_min), "min", {0, 10080}, nullptr,
         "Time from the crime to the app's report or alert arriving"},
        {"enters_police_record", SW_APP_FIELD(enters_police_record), "", any_value, nullptr,
         "Whether a report over the police channel becomes recorded crime (false: police intelligence only)"},
        {"collects", SW_APP_FIELD(collects), "", any_value, &data_items,
         "Personal data collected with each report: location, identity, free_text (anonymous: never identity)"},
        {"emergency_call_probability", SW_APP_FIELD(emergency_call_probability), "", probability, nullptr,
         "Chance that an SOS also calls the police (the crime is then recorded)", {}, alerting},
        {"contacts", SW_APP_FIELD(contacts), "people", {0, 100}, nullptr,
         "Trusted contacts an SOS alerts (residents drawn at random)", {}, alerting},
        {"peers_radius_m", SW_APP_FIELD(peers_radius_m), "m", {0, 5000}, nullptr,
         "An SOS alerts the app's users out on the street or at home within this straight-line distance of the "
         "scene; 0: none", {}, alerting},
        {"responder_share", SW_APP_FIELD(responder_share), "", probability, nullptr,
         "Share of alerted people who come to the scene (assumption)", {}, alerting},
        {"guardian_min", SW_APP_FIELD(guardian_min), "min", {0, 1440}, nullptr,
         "Responders stay at the scene this long and count as guardians there", {}, alerting},
    };
    return table;
}

// The fields of one `victim_support:` record.
const std::vector<SupportFieldSpec>& victim_support_fields() {
    constexpr int specialist = static_cast<int>(SupportKind::specialist);
    static const std::vector<SupportFieldSpec> table{
        {"kind", SW_SUPPORT_FIELD(kind), "", any_value, &support_kinds,
         "Whom it serves: victims of every crime type (general) or only of the listed types (specialist)", {}, -1,
         true},
        {"name", SW_SUPPORT_FIELD(name), "", any_value, nullptr, "Label shown in outputs"},
        {"types", SW_SUPPORT_FIELD(types), "", any_value, &crime_types, "The crime types it serves", {}, specialist,
         true},
        {"districts", SW_SUPPORT_FIELD(districts), "", any_value, nullptr,
         "Districts where its clients live (checked when the run starts); []: everywhere"},
        {"capacity_per_day", SW_SUPPORT_FIELD(capacity_per_day), "cases", {0, 1e6}, nullptr,
         "New cases it can take per day; referrals beyond are turned away"},
        {"reach", SW_SUPPORT_FIELD(reach), "", probability, nullptr,
         "Share of referrals it manages to contact (assumption)"},
        {"police_referral_share", SW_SUPPORT_FIELD(police_referral_share), "", probability, nullptr,
         "Share of police-recorded victims the police refer to it (assumption)"},
    };
    return table;
}
#undef SW_FIELD
#undef SW_RECORD_FIELD
#undef SW_FLEET_FIELD
#undef SW_ZONE_FIELD
#undef SW_APP_FIELD
#undef SW_SUPPORT_FIELD

enum class Kind { integer, unsigned_integer, number, boolean, text, choice, weights, id_list, number_list, name_list, records };

template <class Target>
Kind kind_of(const BasicKeySpec<Target>& key) {
    if (std::holds_alternative<FieldOf<Target, int>>(key.field)) return Kind::integer;
    if (std::holds_alternative<FieldOf<Target, std::uint64_t>>(key.field)) return Kind::unsigned_integer;
    if (std::holds_alternative<FieldOf<Target, double>>(key.field)) return Kind::number;
    if (std::holds_alternative<FieldOf<Target, bool>>(key.field)) return Kind::boolean;
    if (std::holds_alternative<FieldOf<Target, std::string>>(key.field)) return Kind::text;
    if (std::holds_alternative<FieldOf<Target, NameWeights>>(key.field)) return Kind::weights;
    if (std::holds_alternative<FieldOf<Target, IdList>>(key.field)) return Kind::id_list;
    if (std::holds_alternative<FieldOf<Target, NumberList>>(key.field)) return Kind::number_list;
    if (std::holds_alternative<FieldOf<Target, NameList>>(key.field)) return Kind::name_list;
    if (std::holds_alternative<FieldOf<Target, InterventionList>>(key.field) ||
        std::holds_alternative<FieldOf<Target, DroneFleetList>>(key.field) ||
        std::holds_alternative<FieldOf<Target, NoFlyZoneList>>(key.field) ||
        std::holds_alternative<FieldOf<Target, AppList>>(key.field) ||
        std::holds_alternative<FieldOf<Target, SupportList>>(key.field))
        return Kind::records;
    return Kind::choice;
}

// Enum fields as the index of their name in key.names.
template <class Target>
int choice_index(const BasicKeySpec<Target>& key, Target& spec) {
    return std::visit(
        [&](auto field) -> int {
            using T = std::remove_reference_t<decltype(field(spec))>;
            if constexpr (std::is_enum_v<T>) return static_cast<int>(field(spec));
            else return -1;
        },
        key.field);
}

template <class Target>
void set_choice(const BasicKeySpec<Target>& key, Target& spec, int index) {
    std::visit(
        [&](auto field) {
            using T = std::remove_reference_t<decltype(field(spec))>;
            if constexpr (std::is_enum_v<T>) field(spec) = static_cast<T>(index);
        },
        key.field);
}

template <class T, class Target>
T& field_ref(const BasicKeySpec<Target>& key, Target& spec) {
    return std::get<FieldOf<Target, T>>(key.field)(spec);
}

const KeySpec* find_key(std::string_view path) {
    for (const KeySpec& key : schema())
        if (key.path == path) return &key;
    return nullptr;
}

bool is_section(std::string_view path) {
    return std::any_of(sections().begin(), sections().end(), [&](const SectionSpec& s) { return s.path == path; });
}

std::string_view parent_of(std::string_view path) {
    const auto dot = path.rfind('.');
    return dot == std::string_view::npos ? std::string_view{} : path.substr(0, dot);
}

std::string_view leaf_of(std::string_view path) {
    const auto dot = path.rfind('.');
    return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

std::string join_path(std::string_view section, std::string_view name) {
    return section.empty() ? std::string(name) : std::string(section) + "." + std::string(name);
}

// Whether section is ancestor or inside it ("" contains everything).
bool within(std::string_view section, std::string_view ancestor) {
    return ancestor.empty() || section == ancestor ||
           (section.size() > ancestor.size() && section.substr(0, ancestor.size()) == ancestor &&
            section[ancestor.size()] == '.');
}

int depth_of(std::string_view section) {
    return section.empty() ? 0 : 1 + static_cast<int>(std::count(section.begin(), section.end(), '.'));
}

// Names valid directly inside a section: its keys and sub-sections, in table order.
std::vector<std::string> names_in(std::string_view section) {
    std::vector<std::string> names;
    if (section.empty()) names.emplace_back("extends");
    auto add = [&](std::string_view path) {
        if (path.empty() || parent_of(path) != section) return;
        const std::string leaf(leaf_of(path));
        if (std::find(names.begin(), names.end(), leaf) == names.end()) names.push_back(leaf);
    };
    for (const KeySpec& key : schema()) {
        // A key deeper down makes its sub-section a name here, in the order keys appear.
        std::string_view path = key.path;
        while (!path.empty() && parent_of(path) != section) path = parent_of(path);
        add(path);
    }
    return names;
}

// ---------------------------------------------------------------------------------------------
// Text helpers: suggestions, number formatting, YAML quoting
// ---------------------------------------------------------------------------------------------

std::string lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Optimal string alignment distance: edits, with a swap of two neighbours counting as one.
int edit_distance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[n][m];
}

// The candidate a mistyped name most likely meant, if any is close enough to be a typo.
std::optional<std::string> closest_name(std::string_view typed, const std::vector<std::string>& candidates) {
    const std::string wanted = lowercase(typed);
    const int tolerance = wanted.size() <= 4 ? 1 : wanted.size() <= 8 ? 2 : 3;
    std::optional<std::string> best;
    int best_distance = INT_MAX;
    for (const std::string& candidate : candidates) {
        int distance = edit_distance(wanted, lowercase(candidate));
        // The unit suffix left off ("walk_speed" for "walk_speed_mps") is a common slip.
        if (candidate.size() > wanted.size() && candidate.compare(0, wanted.size(), wanted) == 0 &&
            candidate[wanted.size()] == '_')
            distance = std::min(distance, 1);
        if (distance <= tolerance && distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

std::string join(const std::vector<std::string>& items, std::string_view separator = ", ") {
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) out += separator;
        out += item;
    }
    return out;
}

std::vector<std::string> to_strings(std::span<const std::string_view> names) {
    return {names.begin(), names.end()};
}

// Shortest text that reads back to the same double; whole numbers without exponent.
std::string format_number(double value) {
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15)
        return std::to_string(static_cast<long long>(value));
    std::array<char, 64> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return std::string(buffer.data(), result.ptr);
}

template <class Target>
std::string format_range(const BasicKeySpec<Target>& key) {
    const Range& r = key.range;
    const bool has_min = r.min > -unbounded, has_max = r.max < unbounded;
    if (has_min && has_max)
        return std::string(r.min_exclusive ? "(" : "[") + format_number(r.min) + ", " + format_number(r.max) + "]";
    if (has_min) return std::string(r.min_exclusive ? "> " : ">= ") + format_number(r.min);
    if (has_max) return "<= " + format_number(r.max);
    return "any";
}

// What the items of a list of records are, for messages.
template <class Target>
std::string_view records_label(const BasicKeySpec<Target>& key) {
    if (std::holds_alternative<FieldOf<Target, DroneFleetList>>(key.field)) return "drone fleets";
    if (std::holds_alternative<FieldOf<Target, NoFlyZoneList>>(key.field)) return "no-fly zones";
    if (std::holds_alternative<FieldOf<Target, AppList>>(key.field)) return "apps";
    if (std::holds_alternative<FieldOf<Target, SupportList>>(key.field)) return "victim support services";
    return "interventions";
}

template <class Target>
std::string kind_name(const BasicKeySpec<Target>& key) {
    switch (kind_of(key)) {
    case Kind::integer:
    case Kind::unsigned_integer: return "integer";
    case Kind::number: return "number";
    case Kind::boolean: return "true/false";
    case Kind::text: return "text";
    case Kind::choice: return "choice";
    case Kind::weights: return "map " + (key.names ? std::string(key.names->label) : std::string("name")) + " -> number";
    case Kind::id_list: return "list of integers";
    case Kind::number_list: return "list of numbers";
    case Kind::name_list: return "list of " + (key.names ? std::string(key.names->label) : std::string("name")) + "s";
    case Kind::records: return "list of " + std::string(records_label(key));
    }
    return "";
}

// "an integer in [0, 100]", "one of synthetic, lattice, osm": what a value must be.
template <class Target>
std::string expectation(const BasicKeySpec<Target>& key) {
    switch (kind_of(key)) {
    case Kind::integer: return "an integer in " + format_range(key);
    case Kind::unsigned_integer: return "an integer >= 0 (64-bit)";
    case Kind::number: {
        const std::string range = format_range(key);
        return range == "any" ? "a number" : "a number in " + range;
    }
    case Kind::boolean: return "true or false";
    case Kind::text: return "text";
    case Kind::choice: return "one of " + join(to_strings(key.names->names));
    case Kind::weights:
        return "a map from " + (key.names ? std::string(key.names->label) : std::string("name")) + " to a number in " +
               format_range(key);
    case Kind::id_list: return "a list of " + std::string(key.unit) + " (integers in " + format_range(key) + ")";
    case Kind::number_list: return "a list of numbers";
    case Kind::name_list:
        return key.names ? "a list of names among " + join(to_strings(key.names->names)) : std::string("a list of names");
    case Kind::records: return "a list of " + std::string(records_label(key));
    }
    return "";
}

std::string interventions_block(const InterventionList& list);
std::string drones_block(const DroneFleetList& list);
std::string no_fly_zones_block(const NoFlyZoneList& list);
std::string apps_block(const AppList& list);
std::string victim_support_block(const SupportList& list);

std::string format_number(double value);
std::string format_numbers(const NumberList& numbers) {
    std::string out;
    for (const double x : numbers) out += (out.empty() ? "" : ", ") + format_number(x);
    return "[" + out + "]";
}

// The value of a key in spec as it is written in YAML (weights in flow style: {a: 1, b: 2}; lists
// of ids as [1, 2]; records as a block, see interventions_block).
template <class Target>
std::string format_value(const BasicKeySpec<Target>& key, Target& spec) {
    switch (kind_of(key)) {
    case Kind::integer: return std::to_string(field_ref<int>(key, spec));
    case Kind::unsigned_integer: return std::to_string(field_ref<std::uint64_t>(key, spec));
    case Kind::number: return format_number(field_ref<double>(key, spec));
    case Kind::boolean: return field_ref<bool>(key, spec) ? "true" : "false";
    case Kind::text: return double_quoted(field_ref<std::string>(key, spec));
    case Kind::choice: return std::string(key.names->names[static_cast<std::size_t>(choice_index(key, spec))]);
    case Kind::weights: {
        std::string out;
        for (const auto& [name, weight] : field_ref<NameWeights>(key, spec))
            out += (out.empty() ? "" : ", ") + name + ": " + format_number(weight);
        return "{" + out + "}";
    }
    case Kind::id_list: {
        std::string out;
        for (const std::uint32_t id : field_ref<IdList>(key, spec)) out += (out.empty() ? "" : ", ") + std::to_string(id);
        return "[" + out + "]";
    }
    case Kind::number_list: return format_numbers(field_ref<NumberList>(key, spec));
    case Kind::name_list: {
        std::string out;
        for (const std::string& name : field_ref<NameList>(key, spec)) out += (out.empty() ? "" : ", ") + double_quoted(name);
        return "[" + out + "]";
    }
    case Kind::records: {
        if (std::holds_alternative<FieldOf<Target, AppList>>(key.field)) {
            const auto& list = field_ref<AppList>(key, spec);
            return list.empty() ? "[]" : apps_block(list);
        }
        if (std::holds_alternative<FieldOf<Target, SupportList>>(key.field)) {
            const auto& list = field_ref<SupportList>(key, spec);
            return list.empty() ? "[]" : victim_support_block(list);
        }
        if (std::holds_alternative<FieldOf<Target, DroneFleetList>>(key.field)) {
            const auto& list = field_ref<DroneFleetList>(key, spec);
            return list.empty() ? "[]" : drones_block(list);
        }
        if (std::holds_alternative<FieldOf<Target, NoFlyZoneList>>(key.field)) {
            const auto& list = field_ref<NoFlyZoneList>(key, spec);
            return list.empty() ? "[]" : no_fly_zones_block(list);
        }
        const auto& list = field_ref<InterventionList>(key, spec);
        return list.empty() ? "[]" : interventions_block(list);
    }
    }
    return "";
}

// ---------------------------------------------------------------------------------------------
// Reading YAML into a spec
// ---------------------------------------------------------------------------------------------

// One input the scenario is assembled from: a file, a base file or the command line.
struct Source {
    std::string file;     // as shown in messages
    fs::path dir;         // relative paths written in it are relative to this folder
    bool has_lines = true;  // false for --set: YAML marks there are not lines of any file
    std::string note;     // appended to problems, e.g. " (in --set 'a=b')"
};

// Where the current value of a key was written, for messages about combinations of keys.
struct Origin {
    std::string file;
    fs::path dir;
    int line = 0;
    int order = 0;  // later writes have higher order
};

struct Assembly {
    ScenarioSpec spec;
    std::map<std::string, Origin> origins;
    int writes = 0;
};

int line_of(const Source& source, const YAML::Node& node) {
    if (!source.has_lines) return 0;
    const int line = node.Mark().line;
    return line >= 0 ? line + 1 : 0;
}

[[noreturn]] void fail(const Source& source, int line, const std::string& key, const std::string& problem,
                       const std::string& hint) {
    throw InputError(source.file, line, key, problem + source.note, hint);
}

std::string describe(const YAML::Node& value) {
    if (!value.IsDefined() || value.IsNull()) return "nothing";
    if (value.IsSequence()) return "a list";
    if (value.IsMap()) return "a map";
    return "'" + value.Scalar() + "'";
}

std::optional<long long> parse_integer(const std::string& text) {
    long long value = 0;
    const char* first = text.data() + (text.size() > 1 && text[0] == '+' ? 1 : 0);
    const auto [end, error] = std::from_chars(first, text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<std::uint64_t> parse_unsigned(const std::string& text) {
    std::uint64_t value = 0;
    const char* first = text.data() + (text.size() > 1 && text[0] == '+' ? 1 : 0);
    const auto [end, error] = std::from_chars(first, text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<double> parse_number(const std::string& text) {
    double value = 0;
    const char* first = text.data() + (text.size() > 1 && text[0] == '+' ? 1 : 0);
    const auto [end, error] = std::from_chars(first, text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

// YAML 1.2 booleans only: "yes"/"on" are too easy to write by accident.
std::optional<bool> parse_boolean(const std::string& text) {
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
    return std::nullopt;
}

template <class Target>
std::string default_text(const BasicKeySpec<Target>& key) {
    Target defaults;
    return format_value(key, defaults);
}

// " (default 5)" for hints; nothing for a field that has no default (it must be given).
template <class Target>
std::string default_clause(const BasicKeySpec<Target>& key) {
    return key.required ? std::string() : " (default " + default_text(key) + ")";
}

void record(Assembly& assembly, const std::string& path, const Source& source, int line) {
    assembly.origins[path] = Origin{source.file, source.dir, line, ++assembly.writes};
}

template <class Target>
void check_range(const BasicKeySpec<Target>& key, double value, const std::string& path, const Source& source,
                 int line, const std::string& text) {
    if (!key.range.contains(value))
        fail(source, line, path, "expected " + expectation(key) + ", got " + text,
             std::string(key.doc) + (key.unit.empty() ? "" : " (" + std::string(key.unit) + ")") +
                 "; use a value in " + format_range(key) + default_clause(key));
    if (key.rule.holds && !key.rule.holds(value))
        fail(source, line, path, "got " + text + ", but it must " + std::string(key.rule.text),
             "pick a value that does, e.g. " + default_text(key));
}

template <class Target>
[[noreturn]] void fail_type(const BasicKeySpec<Target>& key, const YAML::Node& value, const std::string& path,
                            const Source& source, int line) {
    std::string hint;
    switch (kind_of(key)) {
    case Kind::integer:
    case Kind::unsigned_integer: hint = "write a whole number without quotes or units"; break;
    case Kind::number: hint = "write a plain number without quotes or units"; break;
    case Kind::boolean: hint = "write true or false"; break;
    case Kind::text: hint = "write the text on the same line, in quotes if it contains ':' or '#'"; break;
    case Kind::choice: hint = "write one of the names above"; break;
    case Kind::weights:
        hint = "write one '" + (key.names ? std::string(key.names->label) : std::string("name")) +
               ": number' per line, indented, or {a: 1, b: 2}";
        break;
    case Kind::name_list: hint = "write the names in brackets, separated by commas, e.g. [harassment, robbery]"; break;
    case Kind::id_list: hint = "write the ids in brackets, separated by commas, e.g. [12, 13, 14]"; break;
    case Kind::number_list: hint = "write the numbers in brackets, separated by commas, e.g. [120.5, -40]"; break;
    case Kind::records:
        if (records_label(key) == "drone fleets")
            hint = "write one item per fleet below the key, each starting with '- mode: ' "
                   "(see docs/scenario-reference.md#drones)";
        else if (records_label(key) == "apps")
            hint = "write one item per app below the key, each starting with '- kind: ' "
                   "(see docs/scenario-reference.md#apps)";
        else if (records_label(key) == "victim support services")
            hint = "write one item per service below the key, each starting with '- kind: ' "
                   "(see docs/scenario-reference.md#victim-support)";
        else if (records_label(key) == "no-fly zones")
            hint = "write one item per zone below the key, each starting with '- kind: ' "
                   "(see docs/scenario-reference.md#no-fly-zones)";
        else
            hint = "write one item per intervention below the key, each starting with '- kind: ' "
                   "(see docs/scenario-reference.md#interventions)";
        break;
    }
    fail(source, line, path, "expected " + expectation(key) + ", got " + describe(value), hint + default_clause(key));
}

template <class Target>
std::string scalar_text(const BasicKeySpec<Target>& key, const YAML::Node& value, const std::string& path,
                        const Source& source, int line) {
    if (!value.IsScalar()) fail_type(key, value, path, source, line);
    return value.Scalar();
}

void apply_weight(Assembly& assembly, const KeySpec& key, const std::string& name, const YAML::Node& value,
                  const Source& source, int line) {
    const std::string path = std::string(key.path) + "." + name;
    const auto& allowed = key.names->names;
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
        const auto suggestion = closest_name(name, to_strings(allowed));
        fail(source, line, path, "unknown " + std::string(key.names->label) + " '" + name + "'",
             (suggestion ? "did you mean '" + std::string(key.path) + "." + *suggestion + "'? " : std::string()) +
                 "valid " + std::string(key.names->label) + " names: " + join(to_strings(allowed)));
    }
    std::optional<double> weight;
    if (value.IsScalar()) weight = parse_number(value.Scalar());
    if (!weight)
        fail(source, line, path, "expected a number in " + format_range(key) + ", got " + describe(value),
             "write a plain number, e.g. " + name + ": 1.5");
    check_range(key, *weight, path, source, line, value.Scalar());
    field_ref<NameWeights>(key, assembly.spec)[name] = *weight;
    record(assembly, path, source, line);
    record(assembly, std::string(key.path), source, line);
}

// Reads one value into its field of `target`: every kind but weights and records, which merge into
// or replace parts of the whole scenario (see apply_leaf).
template <class Target>
void read_value(const BasicKeySpec<Target>& key, Target& target, const YAML::Node& value, const std::string& path,
                const Source& source, int line) {
    switch (kind_of(key)) {
    case Kind::integer: {
        const std::string text = scalar_text(key, value, path, source, line);
        const auto parsed = parse_integer(text);
        if (!parsed) fail_type(key, value, path, source, line);
        check_range(key, static_cast<double>(*parsed), path, source, line, text);
        field_ref<int>(key, target) = static_cast<int>(*parsed);  // every integer range lies within int
        break;
    }
    case Kind::unsigned_integer: {
        const auto parsed = parse_unsigned(scalar_text(key, value, path, source, line));
        if (!parsed) fail_type(key, value, path, source, line);
        field_ref<std::uint64_t>(key, target) = *parsed;
        break;
    }
    case Kind::number: {
        const std::string text = scalar_text(key, value, path, source, line);
        const auto parsed = parse_number(text);
        if (!parsed) fail_type(key, value, path, source, line);
        check_range(key, *parsed, path, source, line, text);
        field_ref<double>(key, target) = *parsed;
        break;
    }
    case Kind::boolean: {
        const auto parsed = parse_boolean(scalar_text(key, value, path, source, line));
        if (!parsed) fail_type(key, value, path, source, line);
        field_ref<bool>(key, target) = *parsed;
        break;
    }
    case Kind::text:
        // "description:" with nothing after it means empty text, not an error.
        field_ref<std::string>(key, target) =
            value.IsNull() ? std::string() : scalar_text(key, value, path, source, line);
        break;
    case Kind::choice: {
        const std::string text = scalar_text(key, value, path, source, line);
        const auto& names = key.names->names;
        const auto found = std::find(names.begin(), names.end(), text);
        if (found == names.end()) {
            const auto suggestion = closest_name(text, to_strings(names));
            fail(source, line, path, "expected " + expectation(key) + ", got '" + text + "'",
                 (suggestion ? "did you mean '" + *suggestion + "'? " : std::string()) + std::string(key.doc));
        }
        set_choice(key, target, static_cast<int>(found - names.begin()));
        break;
    }
    case Kind::id_list: {
        // "segments:" with nothing after it is an empty list.
        IdList ids;
        if (!value.IsNull()) {
            if (!value.IsSequence()) fail_type(key, value, path, source, line);
            std::size_t index = 0;
            for (auto it = value.begin(); it != value.end(); ++it, ++index) {
                const YAML::Node item = *it;  // a copy: the iterator yields a temporary proxy
                const int item_line = source.has_lines ? line_of(source, item) : line;
                std::optional<std::uint64_t> id;
                if (item.IsScalar()) id = parse_unsigned(item.Scalar());
                if (!id || !key.range.contains(static_cast<double>(*id)))
                    fail(source, item_line, path,
                         "expected " + expectation(key) + ", but item " + std::to_string(index) + " is " +
                             describe(item),
                         "write whole numbers without quotes, separated by commas, e.g. [12, 13, 14]");
                ids.push_back(static_cast<std::uint32_t>(*id));
            }
        }
        field_ref<IdList>(key, target) = std::move(ids);
        break;
    }
    case Kind::number_list: {
        // "[x1, y1, x2, y2]", or pairs "[[x1, y1], [x2, y2]]" read in order.
        NumberList numbers;
        if (!value.IsNull()) {
            if (!value.IsSequence()) fail_type(key, value, path, source, line);
            std::size_t index = 0;
            auto take = [&](const YAML::Node& item, int item_line) {
                std::optional<double> number;
                if (item.IsScalar()) number = parse_number(item.Scalar());
                if (!number)
                    fail(source, item_line, path,
                         "expected " + expectation(key) + ", but item " + std::to_string(index) + " is " + describe(item),
                         "write plain numbers separated by commas, e.g. [120.5, -40, 300, -40]");
                numbers.push_back(*number);
            };
            for (auto it = value.begin(); it != value.end(); ++it, ++index) {
                const YAML::Node item = *it;
                const int item_line = source.has_lines ? line_of(source, item) : line;
                if (item.IsSequence()) {
                    for (auto inner = item.begin(); inner != item.end(); ++inner) take(YAML::Node(*inner), item_line);
                } else {
                    take(item, item_line);
                }
            }
        }
        field_ref<NumberList>(key, target) = std::move(numbers);
        break;
    }
    case Kind::name_list: {
        // "types:" with nothing after it is an empty list; each name from the key's set, if it has one.
        NameList names;
        if (!value.IsNull()) {
            if (!value.IsSequence()) fail_type(key, value, path, source, line);
            std::size_t index = 0;
            for (auto it = value.begin(); it != value.end(); ++it, ++index) {
                const YAML::Node item = *it;
                const int item_line = source.has_lines ? line_of(source, item) : line;
                if (!item.IsScalar() || item.Scalar().empty())
                    fail(source, item_line, path,
                         "expected " + expectation(key) + ", but item " + std::to_string(index) + " is " + describe(item),
                         "write plain names separated by commas, e.g. [a, b]");
                const std::string name = item.Scalar();
                if (key.names) {
                    const auto& allowed = key.names->names;
                    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
                        const auto suggestion = closest_name(name, to_strings(allowed));
                        fail(source, item_line, path,
                             "unknown " + std::string(key.names->label) + " '" + name + "' (item " +
                                 std::to_string(index) + ")",
                             (suggestion ? "did you mean '" + *suggestion + "'? " : std::string()) + "valid names: " +
                                 join(to_strings(allowed)));
                    }
                }
                if (std::find(names.begin(), names.end(), name) != names.end())
                    fail(source, item_line, path, "'" + name + "' is listed twice", "list each name once");
                names.push_back(name);
            }
        }
        field_ref<NameList>(key, target) = std::move(names);
        break;
    }
    case Kind::weights: {
        // Only record fields come here (scenario keys merge through apply_weight): a record states its
        // whole map. A key without a name set takes any name (districts, checked against the city).
        if constexpr (!std::is_same_v<Target, ScenarioSpec>) {
            NameWeights weights;
            if (!value.IsNull()) {
                if (!value.IsMap()) fail_type(key, value, path, source, line);
                for (auto entry = value.begin(); entry != value.end(); ++entry) {
                    const int entry_line = source.has_lines ? line_of(source, entry->first) : line;
                    if (!entry->first.IsScalar()) fail_type(key, value, path, source, entry_line);
                    const std::string name = entry->first.Scalar();
                    const std::string entry_path = path + "." + name;
                    if (key.names) {
                        const auto& allowed = key.names->names;
                        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
                            const auto suggestion = closest_name(name, to_strings(allowed));
                            fail(source, entry_line, entry_path, "unknown " + std::string(key.names->label) + " '" + name + "'",
                                 (suggestion ? "did you mean '" + *suggestion + "'? " : std::string()) + "valid names: " +
                                     join(to_strings(allowed)));
                        }
                    }
                    std::optional<double> weight;
                    if (entry->second.IsScalar()) weight = parse_number(entry->second.Scalar());
                    if (!weight)
                        fail(source, entry_line, entry_path,
                             "expected a number in " + format_range(key) + ", got " + describe(entry->second),
                             "write a plain number, e.g. " + name + ": 1.5");
                    check_range(key, *weight, entry_path, source, entry_line, entry->second.Scalar());
                    weights[name] = *weight;
                }
            }
            field_ref<NameWeights>(key, target) = std::move(weights);
        }
        break;
    }
    case Kind::records: break;
    }
}

// What differs between the kinds of records (interventions, drone fleets, no-fly zones): their
// field table, the field that says which other fields apply ("kind", or a fleet's "mode"), and the
// words messages use.
template <class Record>
struct RecordInfo;
template <>
struct RecordInfo<InterventionSpec> {
    static const std::vector<FieldSpec>& fields() { return intervention_fields(); }
    static constexpr std::span<const std::string_view> kind_names{intervention_kind_names};
    static constexpr std::string_view kind_field = "kind";
    static constexpr std::string_view noun = "intervention";
    static constexpr std::string_view article = "an";
    static constexpr std::string_view example_fields = "fields kind, district or segments, ...";
    static constexpr std::string_view anchor = "interventions";
    static constexpr std::string_view kind_choices = "'kind: street_lighting' or 'kind: foot_patrol'";
    static int kind(const InterventionSpec& r) { return static_cast<int>(r.kind); }
};
template <>
struct RecordInfo<DroneFleetSpec> {
    static const std::vector<FleetFieldSpec>& fields() { return drone_fleet_fields(); }
    static constexpr std::span<const std::string_view> kind_names{drone_mode_names};
    static constexpr std::string_view kind_field = "mode";
    static constexpr std::string_view noun = "drone fleet";
    static constexpr std::string_view article = "a";
    static constexpr std::string_view example_fields = "fields mode, count, base_district, ...";
    static constexpr std::string_view anchor = "drones";
    static constexpr std::string_view kind_choices = "'mode: patrol', 'mode: hot_spots' or 'mode: first_responder'";
    static int kind(const DroneFleetSpec& r) { return static_cast<int>(r.mode); }
};
template <>
struct RecordInfo<AppSpec> {
    static const std::vector<AppFieldSpec>& fields() { return app_fields(); }
    static constexpr std::span<const std::string_view> kind_names{app_kind_names};
    static constexpr std::string_view kind_field = "kind";
    static constexpr std::string_view noun = "app";
    static constexpr std::string_view article = "an";
    static constexpr std::string_view example_fields = "fields kind, name, types, target_share, channels, ...";
    static constexpr std::string_view anchor = "apps";
    static constexpr std::string_view kind_choices = "'kind: reporting' or 'kind: alerting'";
    static int kind(const AppSpec& r) { return static_cast<int>(r.kind); }
};
template <>
struct RecordInfo<VictimSupportSpec> {
    static const std::vector<SupportFieldSpec>& fields() { return victim_support_fields(); }
    static constexpr std::span<const std::string_view> kind_names{support_kind_names};
    static constexpr std::string_view kind_field = "kind";
    static constexpr std::string_view noun = "victim support service";
    static constexpr std::string_view article = "a";
    static constexpr std::string_view example_fields = "fields kind, name, capacity_per_day, reach, ...";
    static constexpr std::string_view anchor = "victim-support";
    static constexpr std::string_view kind_choices = "'kind: general' or 'kind: specialist'";
    static int kind(const VictimSupportSpec& r) { return static_cast<int>(r.kind); }
};
template <>
struct RecordInfo<NoFlyZoneSpec> {
    static const std::vector<ZoneFieldSpec>& fields() { return no_fly_zone_fields(); }
    static constexpr std::span<const std::string_view> kind_names{zone_kind_names};
    static constexpr std::string_view kind_field = "kind";
    static constexpr std::string_view noun = "no-fly zone";
    static constexpr std::string_view article = "a";
    static constexpr std::string_view example_fields = "fields kind, district or polygon_xy_m, ...";
    static constexpr std::string_view anchor = "no-fly-zones";
    static constexpr std::string_view kind_choices = "'kind: district' or 'kind: polygon'";
    static int kind(const NoFlyZoneSpec& r) { return static_cast<int>(r.kind); }
};

template <class Record>
const BasicKeySpec<Record>* find_field(std::string_view name) {
    for (const BasicKeySpec<Record>& field : RecordInfo<Record>::fields())
        if (field.path == name) return &field;
    return nullptr;
}

template <class Record>
std::string kind_text(int kind) {
    return std::string(RecordInfo<Record>::kind_names[static_cast<std::size_t>(kind)]);
}

// The fields a record of this kind takes, for messages: "kind, name, ..., lux".
template <class Record>
std::vector<std::string> fields_for(int kind) {
    std::vector<std::string> names;
    for (const auto& field : RecordInfo<Record>::fields())
        if (field.applies_to(kind)) names.emplace_back(field.path);
    return names;
}

// One item of a list of records, at key path "interventions[i]" (or "drones[i]", ...). The kind is
// read first: which other fields apply depends on it.
template <class Record>
Record read_record(const YAML::Node& item, const std::string& path, const Source& source, int line) {
    using Info = RecordInfo<Record>;
    const std::string noun(Info::noun), article(Info::article), kind_key(Info::kind_field);
    const std::string see = " (see docs/scenario-reference.md#" + std::string(Info::anchor) + ")";
    if (!item.IsMap()) {
        std::string starts;
        for (std::size_t k = 0; k < Info::kind_names.size(); ++k)
            starts += std::string(k == 0 ? "" : k + 1 == Info::kind_names.size() ? " or " : ", ") + "'- " + kind_key +
                      ": " + std::string(Info::kind_names[k]) + "'";
        fail(source, line, path, "expected " + article + " " + noun + " (" + std::string(Info::example_fields) + "), got " +
                                     describe(item),
             "start each item with " + starts + " and write its other fields below, lined up with " + kind_key + see);
    }
    Record record;
    record.source_file = source.file;
    record.source_line = line;

    std::set<std::string> seen;
    std::optional<std::pair<YAML::Node, int>> kind_value;
    for (auto entry = item.begin(); entry != item.end(); ++entry) {
        const int entry_line = source.has_lines ? line_of(source, entry->first) : line;
        if (!entry->first.IsScalar())
            fail(source, entry_line, path, "a field name must be plain text, got " + describe(entry->first),
                 "write 'name: value'");
        const std::string name = entry->first.Scalar();
        if (!seen.insert(name).second)
            fail(source, entry_line, path + "." + name, "duplicate key",
                 "delete one of the two; YAML keeps only one of them");
        if (name == kind_key) kind_value.emplace(YAML::Node(entry->second), entry_line);
    }
    const auto& kind_field = *find_field<Record>(kind_key);
    if (!kind_value)
        fail(source, line, path + "." + kind_key, "missing: every " + noun + " needs a " + kind_key,
             "add " + std::string(Info::kind_choices) + " as the item's first field (" + std::string(kind_field.doc) + ")");
    read_value(kind_field, record, kind_value->first, path + "." + kind_key, source, kind_value->second);
    const int kind = Info::kind(record);

    for (auto entry = item.begin(); entry != item.end(); ++entry) {
        const int entry_line = source.has_lines ? line_of(source, entry->first) : line;
        const std::string name = entry->first.Scalar();
        if (name == kind_key) continue;
        const std::string field_path = path + "." + name;
        const auto* field = find_field<Record>(name);
        if (!field) {
            const std::vector<std::string> valid = fields_for<Record>(kind);
            std::optional<std::string> suggestion = closest_name(name, valid);
            if (!suggestion) {  // perhaps a field of another kind, mistyped
                std::vector<std::string> every;
                for (const auto& f : Info::fields()) every.emplace_back(f.path);
                suggestion = closest_name(name, every);
            }
            fail(source, entry_line, field_path, "unknown key in " + article + " " + noun,
                 (suggestion ? "did you mean '" + path + "." + *suggestion + "'? " : std::string()) + "a " +
                     kind_text<Record>(kind) + " " + noun + " takes: " + join(valid) + see);
        }
        if (!field->applies_to(kind))
            fail(source, entry_line, field_path,
                 name + " applies to " + kind_text<Record>(field->for_kind) + " " + noun + "s only, and this one is a " +
                     kind_text<Record>(kind),
                 "remove it, or change the " + kind_key + "; a " + kind_text<Record>(kind) + " " + noun +
                     " takes: " + join(fields_for<Record>(kind)));
        read_value(*field, record, entry->second, field_path, source, entry_line);
    }

    for (const auto& field : Info::fields()) {
        if (!field.required || seen.count(std::string(field.path))) continue;
        if (!field.applies_to(kind)) continue;
        fail(source, line, path + "." + std::string(field.path),
             "missing: a " + kind_text<Record>(kind) + " " + noun + " needs " + std::string(field.path),
             "add '" + std::string(field.path) + ": ...' to the item: " + std::string(field.doc) + " (" +
                 (field.unit.empty() ? "" : std::string(field.unit) + "; ") + expectation(field) + ")");
    }
    return record;
}

// A list of records replaces the list it had (from the defaults or a base): a variant states its
// whole list. Nothing after the key is an empty list.
template <class Record>
std::vector<Record> read_records(const KeySpec& key, const YAML::Node& value, const std::string& path,
                                 const Source& source, int line) {
    std::vector<Record> list;
    if (value.IsNull()) return list;
    if (!value.IsSequence()) fail_type(key, value, path, source, line);
    std::size_t index = 0;
    for (auto it = value.begin(); it != value.end(); ++it, ++index) {
        const YAML::Node item = *it;
        const int item_line = source.has_lines ? line_of(source, item) : line;
        list.push_back(read_record<Record>(item, path + "[" + std::to_string(index) + "]", source, item_line));
    }
    return list;
}

void apply_leaf(Assembly& assembly, const KeySpec& key, const YAML::Node& value, const std::string& path,
                const Source& source, int line) {
    switch (kind_of(key)) {
    case Kind::weights:
        // Maps merge entry by entry (over the defaults and over bases), like every other map.
        if (value.IsNull()) break;
        if (!value.IsMap()) fail_type(key, value, path, source, line);
        for (auto entry = value.begin(); entry != value.end(); ++entry) {
            const int entry_line = line_of(source, entry->first);
            if (!entry->first.IsScalar())
                fail(source, entry_line, path, "a " + std::string(key.names->label) + " name must be plain text",
                     "write one 'name: number' per line");
            apply_weight(assembly, key, entry->first.Scalar(), entry->second, source, entry_line);
        }
        break;
    case Kind::records:
        if (std::holds_alternative<FieldOf<ScenarioSpec, DroneFleetList>>(key.field))
            field_ref<DroneFleetList>(key, assembly.spec) = read_records<DroneFleetSpec>(key, value, path, source, line);
        else if (std::holds_alternative<FieldOf<ScenarioSpec, AppList>>(key.field))
            field_ref<AppList>(key, assembly.spec) = read_records<AppSpec>(key, value, path, source, line);
        else if (std::holds_alternative<FieldOf<ScenarioSpec, SupportList>>(key.field))
            field_ref<SupportList>(key, assembly.spec) = read_records<VictimSupportSpec>(key, value, path, source, line);
        else if (std::holds_alternative<FieldOf<ScenarioSpec, NoFlyZoneList>>(key.field))
            field_ref<NoFlyZoneList>(key, assembly.spec) = read_records<NoFlyZoneSpec>(key, value, path, source, line);
        else
            field_ref<InterventionList>(key, assembly.spec) =
                read_records<InterventionSpec>(key, value, path, source, line);
        break;
    default: read_value(key, assembly.spec, value, path, source, line);
    }
    record(assembly, path, source, line);
}

void apply_section(Assembly& assembly, const YAML::Node& map, std::string_view section, const Source& source,
                   int line);

// An unknown name: suggest the closest name at the same level, else the same name in another
// section ("residents.patrol_speed_mps" -> "police.patrol_speed_mps").
[[noreturn]] void fail_unknown(const std::string& path, const Source& source, int line) {
    // Keys of earlier versions, with what replaced them.
    if (path == "offenders.type_mix_day" || path == "offenders.type_mix_night" ||
        path.starts_with("offenders.type_mix_day.") || path.starts_with("offenders.type_mix_night."))
        fail(source, line, path, "this key was removed: each crime type now has its own situation",
             "set crime.<type>.rate for how often a type happens and crime.<type>.night_multiplier for its night "
             "share, e.g. crime.robbery.rate: 0 (see docs/scenario-reference.md, section crime)");
    const std::string_view section = parent_of(path);
    const std::string_view name = leaf_of(path);
    const std::vector<std::string> valid = names_in(section);
    std::optional<std::string> suggestion;
    if (const auto near = closest_name(name, valid)) suggestion = join_path(section, *near);
    if (!suggestion) {
        std::vector<std::string> everywhere;
        for (const KeySpec& key : schema()) everywhere.emplace_back(key.path);
        for (const SectionSpec& s : sections()) everywhere.emplace_back(s.path);
        for (const std::string& candidate : everywhere)
            if (!candidate.empty() && edit_distance(lowercase(leaf_of(candidate)), lowercase(name)) <= 1) {
                suggestion = candidate;
                break;
            }
    }
    const std::string where = section.empty() ? "at the top level" : "in " + std::string(section);
    fail(source, line, path, "unknown key",
         (suggestion ? "did you mean '" + *suggestion + "'? " : std::string()) + "valid keys " + where + ": " +
             join(valid) + " (see docs/scenario-reference.md)");
}

// A value written at a dotted path that is a section, a key or an entry of a weights map.
void apply_at(Assembly& assembly, const std::string& path, const YAML::Node& value, const Source& source, int line) {
    if (is_section(path)) return apply_section(assembly, value, path, source, line);
    if (const KeySpec* key = find_key(path)) return apply_leaf(assembly, *key, value, path, source, line);
    const KeySpec* parent = find_key(parent_of(path));
    if (parent && kind_of(*parent) == Kind::weights)
        return apply_weight(assembly, *parent, std::string(leaf_of(path)), value, source, line);
    fail_unknown(path, source, line);
}

void apply_section(Assembly& assembly, const YAML::Node& map, std::string_view section, const Source& source,
                   int line) {
    if (map.IsNull()) return;  // "police:" with every key commented out
    if (!map.IsMap())
        fail(source, line, std::string(section), "expected a section (keys indented below it), got " + describe(map),
             "write the section's keys on the following lines, indented, e.g. '" + std::string(section) +
                 ":' then '  " + names_in(section).front() + ": ...'");
    std::set<std::string> seen;
    for (auto entry = map.begin(); entry != map.end(); ++entry) {
        const int key_line = line_of(source, entry->first);
        if (!entry->first.IsScalar())
            fail(source, key_line, std::string(section), "a key must be plain text, got " + describe(entry->first),
                 "write 'name: value'");
        const std::string name = entry->first.Scalar();
        const std::string path = join_path(section, name);
        if (!seen.insert(name).second)
            fail(source, key_line, path, "duplicate key", "delete one of the two; YAML keeps only one of them");
        if (section.empty() && name == "extends") continue;  // handled before the keys, see load_document
        apply_at(assembly, path, entry->second, source, key_line);
    }
}

// ---------------------------------------------------------------------------------------------
// Files, extends, overrides
// ---------------------------------------------------------------------------------------------

std::vector<std::string> shipped_scenarios() {
    std::vector<std::string> found;
    const fs::path root = fs::path(STREETWISE_SOURCE_DIR) / "scenarios";
    std::error_code error;
    for (fs::recursive_directory_iterator it(root, error), end; !error && it != end; it.increment(error))
        if (it->path().extension() == ".yaml" || it->path().extension() == ".yml")
            found.push_back(it->path().lexically_relative(root).generic_string());
    // Top-level scenarios (default.yaml) first, then packs by folder: the hint is cut at 12 names,
    // and the files a newcomer wants must not drop off it as packs grow.
    const auto depth = [](const std::string& path) { return std::count(path.begin(), path.end(), '/'); };
    std::sort(found.begin(), found.end(), [&](const std::string& a, const std::string& b) {
        return std::make_pair(depth(a), a) < std::make_pair(depth(b), b);
    });
    if (found.size() > 12) found.resize(12);
    return found;
}

std::string read_text(const fs::path& path, const std::string& display, const Source* includer, int line,
                      const std::string& key) {
    std::error_code error;
    if (!fs::is_regular_file(path, error)) {
        const bool is_base = includer != nullptr;
        std::string hint = "check the path (relative paths are relative to " +
                           std::string(is_base ? "the extending file's folder" : "the current folder") + ")";
        const auto shipped = shipped_scenarios();
        if (!shipped.empty())
            hint += "; scenarios shipped in " + (fs::path(STREETWISE_SOURCE_DIR) / "scenarios").string() + ": " +
                    join(shipped);
        const std::string problem = std::string(is_base ? "base scenario" : "scenario file") + " '" + display +
                                    (fs::exists(path, error) ? "' is not a file" : "' not found");
        if (includer) fail(*includer, line, key, problem, hint);
        throw InputError(display, 0, "", problem, hint);
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) throw InputError(display, 0, "", "cannot read the file", "check its permissions");
    return text.str();
}

YAML::Node parse_yaml(std::string_view text, const Source& source) {
    try {
        YAML::Node root = YAML::Load(std::string(text));
        // yaml-cpp 0.7 accepts a quoted scalar left open at the end of a file when the file ends
        // with a newline, swallowing the rest of the file into it. Without the trailing newlines
        // it reports the error; parse once more that way to catch it.
        const std::size_t end = text.find_last_not_of("\r\n");
        if (end != std::string_view::npos && end + 1 < text.size()) (void)YAML::Load(std::string(text.substr(0, end + 1)));
        return root;
    } catch (const YAML::ParserException& error) {
        const int line = error.mark.line >= 0 ? error.mark.line + 1 : 0;
        fail(source, line, "", "malformed YAML: " + error.msg,
             "check the indentation (spaces, not tabs) and that each 'key: value' has a space after the colon, "
             "around line " + std::to_string(line));
    }
}

struct ChainLink {
    fs::path canonical;
    std::string display;
};

void load_document(Assembly& assembly, std::string_view text, const Source& source, std::vector<ChainLink>& chain) {
    const YAML::Node root = parse_yaml(text, source);
    if (root.IsNull())
        fail(source, 0, "", "scenario is empty",
             "write the keys that differ from the defaults (docs/scenario-reference.md), or '{}' to run with every "
             "default");
    if (!root.IsMap())
        fail(source, line_of(source, root), "",
             "the top level must be a map of keys (name:, city:, residents:, ...), got " + describe(root),
             "start with e.g. 'name: my-scenario' on the first line, without indentation");

    // The base goes in first so every key written here overrides it.
    for (auto entry = root.begin(); entry != root.end(); ++entry) {
        if (!entry->first.IsScalar() || entry->first.Scalar() != "extends") continue;
        const int line = line_of(source, entry->first);
        const YAML::Node value = entry->second;  // a copy: entry-> yields a temporary proxy
        if (!value.IsScalar() || value.Scalar().empty())
            fail(source, line, "extends", "expected the path of a base scenario file, got " + describe(value),
                 "write e.g. 'extends: base.yaml' (relative to this file's folder)");
        const fs::path base = (source.dir / value.Scalar()).lexically_normal();
        const std::string display = base.string();
        std::error_code error;
        fs::path canonical = fs::weakly_canonical(base, error);
        if (error) canonical = fs::absolute(base);
        if (std::any_of(chain.begin(), chain.end(), [&](const ChainLink& l) { return l.canonical == canonical; })) {
            std::string cycle;
            for (const ChainLink& link : chain) cycle += link.display + " -> ";
            fail(source, line, "extends", "extends cycle: " + cycle + display,
                 "remove one 'extends:' so that the chain ends in a file without one");
        }
        const std::string base_text = read_text(base, display, &source, line, "extends");
        chain.push_back({canonical, display});
        load_document(assembly, base_text, Source{display, base.parent_path(), true, ""}, chain);
        chain.pop_back();
    }
    apply_section(assembly, root, "", source, 0);
}

// "--set residents.count=5000": the value is read as YAML, so maps work too ("a={b: 1}").
void apply_override(Assembly& assembly, const std::string& text) {
    const auto equals = text.find('=');
    const Source source{"--set", fs::path{}, false, " (in --set '" + text + "')"};
    auto trim = [](std::string s) {
        const auto first = s.find_first_not_of(" \t");
        const auto last = s.find_last_not_of(" \t");
        return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
    };
    const std::string key = equals == std::string::npos ? std::string() : trim(text.substr(0, equals));
    if (key.empty())
        throw InputError("command line", 0, "", "malformed override '" + text + "': expected key=value",
                         "write e.g. --set residents.count=5000 (dotted key, '=', value)");
    if (key.front() == '.' || key.back() == '.' || key.find("..") != std::string::npos)
        fail(source, 0, key, "malformed key: empty name between dots", "write e.g. --set residents.count=5000");
    if (key == "extends")
        fail(source, 0, key, "extends cannot be set from the command line",
             "write 'extends:' in the scenario file, or give the base scenario's path instead");
    if (key.starts_with("interventions[") || key.starts_with("interventions."))
        fail(source, 0, key, "one intervention or field cannot be set on its own; interventions is set as a whole list",
             "write the whole list as YAML, e.g. --set 'interventions=[{kind: foot_patrol, district: \"Old Quarter\", "
             "units: 4}]', or --set interventions=[] for none");
    for (const char* list : {"drones", "no_fly_zones", "apps", "victim_support"})
        if (key.starts_with(std::string(list) + "[") || key.starts_with(std::string(list) + "."))
            fail(source, 0, key,
                 std::string("one item or field cannot be set on its own; ") + list + " is set as a whole list",
                 std::string("write the whole list as YAML, e.g. --set '") +
                     (std::string(list) == "drones"         ? "drones=[{mode: patrol, count: 4}]"
                      : std::string(list) == "apps"         ? "apps=[{kind: reporting, types: [hate_incident]}]"
                      : std::string(list) == "victim_support" ? "victim_support=[{kind: general, capacity_per_day: 10}]"
                                                            : "no_fly_zones=[{kind: district, district: \"Central Park\"}]") +
                     "', or --set " + list + "=[] for none");
    const std::string value_text = text.substr(equals + 1);
    YAML::Node value;
    try {
        value = YAML::Load(value_text);
    } catch (const YAML::ParserException& error) {
        fail(source, 0, key, "cannot read the value '" + value_text + "' as YAML: " + error.msg,
             "quote the value for the shell, e.g. --set 'name=\"my run\"'");
    }
    // Check the dotted path one name at a time, as a file would nest it, so an unknown name gets
    // the same suggestions as in a file.
    for (std::size_t dot = key.find('.'); dot != std::string::npos; dot = key.find('.', dot + 1)) {
        const std::string prefix = key.substr(0, dot);
        if (is_section(prefix)) continue;
        const KeySpec* parent = find_key(prefix);
        if (!parent) fail_unknown(prefix, source, 0);
        if (kind_of(*parent) == Kind::weights && key.find('.', dot + 1) == std::string::npos) break;
        fail(source, 0, key, "'" + prefix + "' is a single value, not a section",
             "write --set " + prefix + "=value");
    }
    apply_at(assembly, key, value, source, 0);
}

// ---------------------------------------------------------------------------------------------
// Rules across keys, map search
// ---------------------------------------------------------------------------------------------

// Rules one key's range cannot express. Blame goes to whichever of the keys was written last.
void check_combinations(const ScenarioSpec& spec, const std::map<std::string, Origin>& origins,
                        const std::string& fallback_file) {
    auto fail_on = [&](std::initializer_list<const char*> keys, const std::string& problem, const std::string& hint) {
        std::string blamed = *keys.begin();
        int latest = 0;
        for (const char* key : keys)
            if (const auto it = origins.find(key); it != origins.end() && it->second.order > latest) {
                blamed = key;
                latest = it->second.order;
            }
        const auto it = origins.find(blamed);
        if (it == origins.end()) throw InputError(fallback_file, 0, blamed, problem, hint);
        throw InputError(it->second.file, it->second.line, blamed, problem, hint);
    };
    auto hours = [](double h) { return format_number(h); };
    if (std::llround(spec.police.on_duty_from_h * 3600.0) == std::llround(spec.police.on_duty_to_h * 3600.0))
        fail_on({"police.on_duty_from_h", "police.on_duty_to_h"},
                "the shift window is empty: police.on_duty_from_h and police.on_duty_to_h are both " +
                    hours(spec.police.on_duty_to_h),
                "for units on duty all day use on_duty_from_h: 0 and on_duty_to_h: 24 (the defaults)");

    if (!(spec.time.sunrise_h < spec.time.sunset_h))
        fail_on({"time.sunrise_h", "time.sunset_h"},
                "time.sunrise_h (" + hours(spec.time.sunrise_h) + ") must be before time.sunset_h (" +
                    hours(spec.time.sunset_h) + ")",
                "both are local hours of the same day, 0 to 24");
    if (spec.residents.departure_earliest_h > spec.residents.departure_latest_h)
        fail_on({"residents.departure_earliest_h", "residents.departure_latest_h"},
                "residents.departure_earliest_h (" + hours(spec.residents.departure_earliest_h) +
                    ") must not be after residents.departure_latest_h (" +
                    hours(spec.residents.departure_latest_h) + ")",
                "departures are uniform between the two hours; make earliest <= latest");
    if (4 * spec.city.synthetic.jitter_m > spec.city.synthetic.block_length_m)
        fail_on({"city.synthetic.jitter_m", "city.synthetic.block_length_m"},
                "city.synthetic.jitter_m (" + format_number(spec.city.synthetic.jitter_m) +
                    ") must be at most a quarter of city.synthetic.block_length_m (" +
                    format_number(spec.city.synthetic.block_length_m) + ")",
                "larger displacements let neighbouring intersections cross; lower jitter_m");
    if (spec.city.lattice.periodic && (spec.city.lattice.width < 3 || spec.city.lattice.height < 3))
        fail_on({"city.lattice.periodic", "city.lattice.width", "city.lattice.height"},
                "a periodic lattice needs width and height of at least 3 (got " +
                    std::to_string(spec.city.lattice.width) + " x " + std::to_string(spec.city.lattice.height) + ")",
                "with 2 nodes per side, wrapping around duplicates streets; use 3 or more, or periodic: false");
    if (spec.residents.young_share + spec.residents.older_share > 1)
        fail_on({"residents.young_share", "residents.older_share"},
                "residents.young_share + residents.older_share (" +
                    format_number(spec.residents.young_share + spec.residents.older_share) + ") must be at most 1",
                "the two are shares of the same residents; the rest are aged 25-64");
    const Short2008Spec& lattice = spec.short2008;
    if (lattice.omega * lattice.dt > 1)
        fail_on({"short2008.omega", "short2008.dt"},
                "short2008.omega * short2008.dt (" + format_number(lattice.omega * lattice.dt) +
                    ") must be at most 1: B cannot decay by more than all of it in one step",
                "use a smaller dt or omega (the paper: dt 0.01, omega 1/15)");
    if (const double steps = lattice.time_units / lattice.dt; !(steps >= 0.5 && steps < 2147483647.0))
        fail_on({"short2008.time_units", "short2008.dt"},
                "short2008.time_units / short2008.dt gives " + format_number(std::round(steps)) +
                    " steps; a run needs 1 to 2147483646",
                "a run of time_units lasts time_units / dt steps (300 / 0.01 = 30000 steps by default)");
    if (spec.city.source == CitySource::osm && spec.city.osm_path.empty())
        fail_on({"city.source", "city.osm"}, "city.source is osm but city.osm gives no map file",
                "set city.osm to the path of an .osm or .osm.pbf extract");
}

// Rules within one intervention record that one field's range cannot express, and its days against
// the run's length. Errors name the file and line where the record was written.
void check_interventions(const ScenarioSpec& spec, const std::string& fallback_file) {
    for (std::size_t i = 0; i < spec.interventions.size(); ++i) {
        const InterventionSpec& record = spec.interventions[i];
        const std::string path = "interventions[" + std::to_string(i) + "]";
        const std::string file = record.source_file.empty() ? fallback_file : record.source_file;
        auto fail_here = [&](const std::string& field, const std::string& problem, const std::string& hint) {
            throw InputError(file, record.source_line, field.empty() ? path : path + "." + field, problem, hint);
        };
        // A strategy switch may hold for the whole city; every other kind acts on a place.
        if (record.district.empty() && record.segments.empty() && record.kind != InterventionKind::patrol_strategy)
            fail_here("", "no target: the intervention names neither a district nor segments",
                      "add 'district: <name>' (a district of the city), 'segments: [ids]' (rows of /city/segments "
                      "in a run file), or both");
        if (std::llround(record.daily_from_h * 3600.0) == std::llround(record.daily_to_h * 3600.0))
            fail_here("daily_to_h",
                      "the daily window is empty: daily_from_h and daily_to_h are both " +
                          format_number(record.daily_to_h),
                      "for the whole day use daily_from_h: 0 and daily_to_h: 24 (the defaults); for nights, e.g. "
                      "daily_from_h: 19 and daily_to_h: 7");
        if (record.to_day >= 0 && record.to_day <= record.from_day)
            fail_here("to_day",
                      "to_day (" + std::to_string(record.to_day) + ") must be after from_day (" +
                          std::to_string(record.from_day) + "): the intervention is active on days from_day to to_day - 1",
                      "raise to_day, or use to_day: -1 (or leave it out) to keep it to the end of the run");
        if (record.from_day >= spec.time.days)
            fail_here("from_day",
                      "from_day is " + std::to_string(record.from_day) + " but the run has only " +
                          std::to_string(spec.time.days) + " days (time.days; days 0 to " +
                          std::to_string(spec.time.days - 1) + "), so the intervention would never be active",
                      "use a from_day below " + std::to_string(spec.time.days) + ", or a longer run");
    }
}

// The ranges of a record's fields (interventions, drone fleets, no-fly zones), for specs built in code
// (the loader checks them while reading).
template <class Record>
void check_record_values(const std::vector<Record>& list, std::string_view key, const std::string& fallback_file) {
    using Info = RecordInfo<Record>;
    for (std::size_t i = 0; i < list.size(); ++i) {
        Record record = list[i];
        const std::string path = std::string(key) + "[" + std::to_string(i) + "]";
        const Source source{record.source_file.empty() ? fallback_file : record.source_file, fs::path{}, false, ""};
        const int line = record.source_line;
        const int kind = Info::kind(record);
        if (kind < 0 || kind >= static_cast<int>(Info::kind_names.size()))
            fail(source, line, path + "." + std::string(Info::kind_field), "invalid enum value " + std::to_string(kind),
                 "use one of the named values");
        for (const auto& field : Info::fields()) {
            if (!field.applies_to(kind)) continue;
            const std::string field_path = path + "." + std::string(field.path);
            if (kind_of(field) == Kind::integer) {
                const int value = field_ref<int>(field, record);
                check_range(field, value, field_path, source, line, std::to_string(value));
            } else if (kind_of(field) == Kind::number) {
                const double value = field_ref<double>(field, record);
                if (!std::isfinite(value))
                    fail(source, line, field_path, "expected " + expectation(field) + ", got " + format_number(value),
                         "use a finite number");
                check_range(field, value, field_path, source, line, format_number(value));
            }
        }
    }
}

// A daily window like an intervention's: not empty, days in order and within the run.
void check_window(int from_day, int to_day, double from_h, double to_h, int days, const std::string& what,
                  const std::function<void(const std::string&, const std::string&, const std::string&)>& fail_here) {
    if (std::llround(from_h * 3600.0) == std::llround(to_h * 3600.0))
        fail_here("daily_to_h", "the daily window is empty: daily_from_h and daily_to_h are both " + format_number(to_h),
                  "for the whole day use daily_from_h: 0 and daily_to_h: 24 (the defaults); for nights, e.g. "
                  "daily_from_h: 19 and daily_to_h: 7");
    if (to_day >= 0 && to_day <= from_day)
        fail_here("to_day",
                  "to_day (" + std::to_string(to_day) + ") must be after from_day (" + std::to_string(from_day) + ")",
                  "raise to_day, or use to_day: -1 (or leave it out) to keep it to the end of the run");
    if (from_day >= days)
        fail_here("from_day",
                  "from_day is " + std::to_string(from_day) + " but the run has only " + std::to_string(days) +
                      " days (time.days), so the " + what + " would never be in force",
                  "use a from_day below " + std::to_string(days) + ", or a longer run");
}

// Rules of the apps and victim support lists that one field cannot express.
void check_reporting(const ScenarioSpec& spec, const std::string& fallback_file) {
    const ReportingSpec& reporting = spec.reporting;
    // CrimeEvent::channel has one bit per app after the police and app bits (16 bits in all).
    if (reporting.apps.size() > 14) {
        const AppSpec& app = reporting.apps[14];
        throw InputError(app.source_file.empty() ? fallback_file : app.source_file, app.source_line, "apps[14]",
                         "at most 14 apps per scenario, got " + std::to_string(reporting.apps.size()),
                         "merge apps that do the same, or run the others in another scenario");
    }
    for (std::size_t i = 0; i < reporting.apps.size(); ++i) {
        const AppSpec& app = reporting.apps[i];
        const std::string file = app.source_file.empty() ? fallback_file : app.source_file;
        const std::string path = "apps[" + std::to_string(i) + "]";
        if (app.kind == AppKind::alerting && app.responder_share > 0 && app.contacts == 0 && !(app.peers_radius_m > 0))
            throw InputError(file, app.source_line, path + ".responder_share",
                             "responders need someone alerted, but contacts is 0 and peers_radius_m is 0",
                             "set contacts or peers_radius_m, or responder_share: 0");
        if (app.channels.empty())
            throw InputError(file, app.source_line, path + ".channels", "an app with no channel: its reports reach nobody",
                             "list at least one of " + join(to_strings(holder_name_list)));
    }
}

// Rules within drone fleet and no-fly zone records that one field cannot express.
void check_drones(const ScenarioSpec& spec, const std::string& fallback_file) {
    for (std::size_t i = 0; i < spec.drones.fleets.size(); ++i) {
        const DroneFleetSpec& fleet = spec.drones.fleets[i];
        const std::string path = "drones[" + std::to_string(i) + "]";
        const std::string file = fleet.source_file.empty() ? fallback_file : fleet.source_file;
        auto fail_here = [&](const std::string& field, const std::string& problem, const std::string& hint) {
            throw InputError(file, fleet.source_line, field.empty() ? path : path + "." + field, problem, hint);
        };
        const int bases = (fleet.base_district.empty() ? 0 : 1) + (fleet.base_node >= 0 ? 1 : 0) +
                          (fleet.base_xy_m.empty() ? 0 : 1);
        if (bases > 1)
            fail_here("", "the fleet has more than one base (base_district, base_node, base_xy_m)",
                      "give at most one of them; none puts the base at the centre of the city");
        if (!fleet.base_xy_m.empty() && fleet.base_xy_m.size() != 2)
            fail_here("base_xy_m", "expected two numbers [x, y], got " + std::to_string(fleet.base_xy_m.size()),
                      "write the base's position as [x, y] in metres, e.g. [1200, 800]");
        if (fleet.reserve_min >= fleet.battery_min)
            fail_here("reserve_min",
                      "the reserve (" + format_number(fleet.reserve_min) + " min) is not less than the battery (" +
                          format_number(fleet.battery_min) + " min): drones could never leave",
                      "lower reserve_min or raise battery_min");
        check_window(fleet.from_day, fleet.to_day, fleet.daily_from_h, fleet.daily_to_h, spec.time.days, "fleet",
                     fail_here);
    }
    for (std::size_t i = 0; i < spec.drones.no_fly_zones.size(); ++i) {
        const NoFlyZoneSpec& zone = spec.drones.no_fly_zones[i];
        const std::string path = "no_fly_zones[" + std::to_string(i) + "]";
        const std::string file = zone.source_file.empty() ? fallback_file : zone.source_file;
        auto fail_here = [&](const std::string& field, const std::string& problem, const std::string& hint) {
            throw InputError(file, zone.source_line, field.empty() ? path : path + "." + field, problem, hint);
        };
        if (zone.kind == NoFlyZoneKind::polygon) {
            const bool xy = !zone.polygon_xy_m.empty(), lonlat = !zone.polygon_lonlat.empty();
            if (xy == lonlat)
                fail_here("polygon_xy_m",
                          xy ? "both polygon_xy_m and polygon_lonlat are given" : "no corners: a polygon zone needs them",
                          "give the corners once: polygon_xy_m: [x1, y1, x2, y2, x3, y3] (local metres) or "
                          "polygon_lonlat: [lon1, lat1, ...] (degrees)");
            const auto& numbers = xy ? zone.polygon_xy_m : zone.polygon_lonlat;
            const std::string field = xy ? "polygon_xy_m" : "polygon_lonlat";
            if (numbers.size() % 2 != 0 || numbers.size() < 6)
                fail_here(field, "expected pairs of numbers for 3 or more corners, got " + std::to_string(numbers.size()) +
                                     " numbers",
                          "write each corner as two numbers, e.g. [0, 0, 100, 0, 100, 100]");
            for (const double x : numbers)
                if (!std::isfinite(x)) fail_here(field, "a corner is not a finite number", "use plain numbers");
        }
        check_window(zone.from_day, zone.to_day, zone.daily_from_h, zone.daily_to_h, spec.time.days, "zone", fail_here);
    }
}

void resolve_map(ScenarioSpec& spec, const std::map<std::string, Origin>& origins,
                 const ScenarioSearchPaths& search_paths) {
    const auto origin = origins.find("city.osm");
    const fs::path dir = origin != origins.end() ? origin->second.dir : fs::path{};
    const MapSearch search = find_map_file(spec.city.osm_path, dir, search_paths);
    if (search.found) {
        spec.city.osm_resolved_path = search.found->string();
        return;
    }
    std::string looked;
    for (const fs::path& candidate : search.tried) looked += "\n    " + candidate.string();
    const std::string file = origin != origins.end() ? origin->second.file : spec.source_path;
    const int line = origin != origins.end() ? origin->second.line : 0;
    throw InputError(file, line, "city.osm", "map file '" + spec.city.osm_path + "' not found; looked for:" + looked,
                     "get an OSM extract from https://download.geofabrik.de/ (regions) or "
                     "https://www.openstreetmap.org/export (a small area), save it as .osm or .osm.pbf, and give its "
                     "path in city.osm or put its folder in STREETWISE_MAP_PATH");
}

ScenarioSpec finish(Assembly& assembly, const std::vector<std::string>& overrides,
                    const ScenarioSearchPaths& search_paths, const std::string& source_path) {
    for (const std::string& text : overrides) apply_override(assembly, text);
    ScenarioSpec& spec = assembly.spec;
    spec.source_path = source_path;
    check_combinations(spec, assembly.origins, source_path);
    check_interventions(spec, source_path);
    check_drones(spec, source_path);
    check_reporting(spec, source_path);
    if (spec.city.source == CitySource::osm) resolve_map(spec, assembly.origins, search_paths);
    spec.resolved_yaml = resolved_scenario_yaml(spec);
    return std::move(spec);
}

// ---------------------------------------------------------------------------------------------
// Writing: YAML and markdown
// ---------------------------------------------------------------------------------------------

// A list of records as a YAML block, each item with every field of its kind.
template <class Record>
std::string records_block(std::string_view key, const std::vector<Record>& list) {
    std::string out = std::string(key) + ":\n";
    for (const Record& item : list) {
        Record record = item;  // the field accessors need a mutable record
        bool first = true;
        for (const auto& field : RecordInfo<Record>::fields()) {
            if (!field.applies_to(RecordInfo<Record>::kind(record))) continue;
            out += (first ? "  - " : "    ") + std::string(field.path) + ": " + format_value(field, record) + "\n";
            first = false;
        }
    }
    return out;
}

// The reference table of a record's fields: one row per field, with the kind it applies to.
template <class Record>
std::string record_field_table() {
    using Info = RecordInfo<Record>;
    Record defaults;
    std::string out;
    for (const auto& field : Info::fields()) {
        std::string range;
        switch (kind_of(field)) {
        case Kind::choice:
            for (const std::string_view name : field.names->names)
                range += (range.empty() ? "" : ", ") + ("`" + std::string(name) + "`");
            break;
        case Kind::text:
        case Kind::number_list: break;
        case Kind::name_list:
            if (field.names)
                for (const std::string_view name : field.names->names)
                    range += (range.empty() ? "" : ", ") + ("`" + std::string(name) + "`");
            break;
        case Kind::id_list: range = "each " + format_range(field); break;
        default: range = format_range(field);
        }
        if (field.rule.holds) range += ", must " + std::string(field.rule.text);
        std::string kinds =
            field.for_kind < 0 ? "all" : "`" + std::string(Info::kind_names[static_cast<std::size_t>(field.for_kind)]) + "`";
        if (field.also_for_kind >= 0)
            kinds += ", `" + std::string(Info::kind_names[static_cast<std::size_t>(field.also_for_kind)]) + "`";
        const std::string default_cell = field.required ? "required" : "`" + format_value(field, defaults) + "`";
        out += "| `" + std::string(field.path) + "` | " + kind_name(field) + " | " + default_cell + " | " +
               std::string(field.unit) + " | " + range + " | " + kinds + " | " + std::string(field.doc) + " |\n";
    }
    return out;
}

std::string interventions_block(const InterventionList& list) { return records_block("interventions", list); }
std::string drones_block(const DroneFleetList& list) { return records_block("drones", list); }
std::string no_fly_zones_block(const NoFlyZoneList& list) { return records_block("no_fly_zones", list); }
std::string apps_block(const AppList& list) { return records_block("apps", list); }
std::string victim_support_block(const SupportList& list) { return records_block("victim_support", list); }

std::string emit_yaml(const ScenarioSpec& spec_in, bool with_docs) {
    ScenarioSpec spec = spec_in;  // the field accessors need a mutable spec
    std::string out;
    if (with_docs)
        out += "# A streetwise scenario with every key at its default (docs/scenario-reference.md).\n"
               "# Keep the keys you change and delete the rest.\n";
    else
        out += "# Resolved scenario: defaults filled in, extends and --set applied.\n";
    std::string_view open;  // the innermost open section
    for (const KeySpec& key : schema()) {
        const std::string_view section = parent_of(key.path);
        // Open the sections between the common ancestor and this key's section.
        std::string_view common = open;
        while (!within(section, common)) common = parent_of(common);
        for (int depth = depth_of(common) + 1; depth <= depth_of(section); ++depth) {
            std::string_view sub = section;
            while (depth_of(sub) > depth) sub = parent_of(sub);
            const std::string indent(static_cast<std::size_t>(2 * (depth - 1)), ' ');
            if (depth == 1) out += "\n";
            if (with_docs)
                for (const SectionSpec& s : sections())
                    if (s.path == sub) out += indent + "# " + std::string(s.doc) + "\n";
            out += indent + std::string(leaf_of(sub)) + ":\n";
        }
        open = section;

        if (kind_of(key) == Kind::records && key.path == "drones") {
            const auto& list = field_ref<DroneFleetList>(key, spec);
            if (with_docs)
                out += "\n# Drone fleets, each with a base, batteries, a mode and a flying window (see\n"
                       "# docs/scenario-reference.md#drones); none by default. Their effects on crime are\n"
                       "# assumptions (deterrence, detection_probability): none by default. For example:\n"
                       "# drones:\n"
                       "#   - mode: patrol\n"
                       "#     name: \"Night patrol over the nightlife quarter\"\n"
                       "#     district: \"Nightlife Quarter\"\n"
                       "#     count: 4\n"
                       "#     daily_from_h: 21\n"
                       "#     daily_to_h: 5\n"
                       "drones: []\n";
            else if (!list.empty())
                out += "\n" + drones_block(list);
            continue;
        }
        if (kind_of(key) == Kind::records && (key.path == "apps" || key.path == "victim_support")) {
            const bool apps = key.path == "apps";
            const bool empty = apps ? spec.reporting.apps.empty() : spec.reporting.victim_support.empty();
            if (with_docs)
                out += apps ? "\n# Reporting and alerting apps (see docs/scenario-reference.md#apps); none by default.\n"
                              "apps: []\n"
                            : "\n# Victim support services (see docs/scenario-reference.md#victim-support); none by\n"
                              "# default.\nvictim_support: []\n";
            else if (!empty)
                out += "\n" + (apps ? apps_block(spec.reporting.apps) : victim_support_block(spec.reporting.victim_support));
            continue;
        }
        if (kind_of(key) == Kind::records && key.path == "no_fly_zones") {
            const auto& list = field_ref<NoFlyZoneList>(key, spec);
            if (with_docs)
                out += "\n# Where drones may not fly (see docs/scenario-reference.md#no-fly-zones); none by\n"
                       "# default. For example:\n"
                       "# no_fly_zones:\n"
                       "#   - kind: district\n"
                       "#     district: \"Central Park\"\n"
                       "#     margin_m: 50\n"
                       "no_fly_zones: []\n";
            else if (!list.empty())
                out += "\n" + no_fly_zones_block(list);
            continue;
        }
        if (kind_of(key) == Kind::records) {
            // A list of records, written as a block. The resolved YAML leaves an empty list out, so
            // scenarios without interventions resolve to the same bytes as before the key existed.
            const auto& list = field_ref<InterventionList>(key, spec);
            if (with_docs)
                out += "\n# Policy interventions, each with a target area and a time window (see\n"
                       "# docs/scenario-reference.md#interventions); none by default. For example:\n"
                       "# interventions:\n"
                       "#   - kind: street_lighting\n"
                       "#     name: \"Brighter nights in the Old Quarter\"\n"
                       "#     district: \"Old Quarter\"\n"
                       "#     daily_from_h: 19\n"
                       "#     daily_to_h: 7\n"
                       "#     lux: 30\n"
                       "#   - kind: foot_patrol\n"
                       "#     segments: [12, 13, 14]\n"
                       "#     units: 4\n"
                       "interventions: []\n";
            else if (!list.empty())
                out += "\n" + interventions_block(list);
            continue;
        }

        const std::string indent(static_cast<std::size_t>(2 * depth_of(section)), ' ');
        if (with_docs) {
            out += indent + "# " + std::string(key.doc);
            out += " (" + (key.unit.empty() ? std::string() : std::string(key.unit) + "; ") + expectation(key);
            if (key.rule.holds) out += "; must " + std::string(key.rule.text);
            out += ")\n";
        }
        out += indent + std::string(leaf_of(key.path)) + ":";
        if (kind_of(key) == Kind::weights && !field_ref<NameWeights>(key, spec).empty()) {
            out += "\n";
            for (const auto& [name, weight] : field_ref<NameWeights>(key, spec))
                out += indent + "  " + name + ": " + format_number(weight) + "\n";
            continue;
        }
        out += " " + format_value(key, spec);
        if (key.path == "city.osm" && !spec.city.osm_resolved_path.empty())
            out += "  # found at " + spec.city.osm_resolved_path;
        out += "\n";
    }
    return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

ScenarioSearchPaths default_search_paths() {
    ScenarioSearchPaths paths;
    if (const char* env = std::getenv("STREETWISE_MAP_PATH")) {
        std::string_view rest = env;
        while (!rest.empty()) {
            const auto colon = rest.find(':');
            const std::string_view entry = rest.substr(0, colon);
            if (!entry.empty()) paths.map_dirs.emplace_back(entry);
            if (colon == std::string_view::npos) break;
            rest.remove_prefix(colon + 1);
        }
    }
    paths.map_dirs.emplace_back(STREETWISE_SOURCE_DIR "/../shared/data/osm");
    paths.map_dirs.emplace_back(STREETWISE_SOURCE_DIR "/scenarios/maps");
    return paths;
}

MapSearch find_map_file(std::string_view osm_path, const fs::path& scenario_dir,
                        const ScenarioSearchPaths& search_paths) {
    MapSearch search;
    auto try_candidate = [&](const fs::path& candidate) {
        std::error_code error;
        const fs::path absolute = fs::absolute(candidate, error).lexically_normal();
        search.tried.push_back(absolute);
        if (!fs::is_regular_file(absolute, error)) return false;
        search.found = absolute;
        return true;
    };
    const fs::path wanted(osm_path);
    if (wanted.empty()) return search;
    if (wanted.is_absolute()) {
        try_candidate(wanted);
        return search;
    }
    if (try_candidate(scenario_dir / wanted)) return search;
    for (const fs::path& dir : search_paths.map_dirs)
        if (try_candidate(dir / wanted)) return search;
    return search;
}

ScenarioSpec load_scenario(const fs::path& file, const std::vector<std::string>& overrides,
                           const ScenarioSearchPaths& search_paths) {
    const std::string display = file.string();
    const std::string text = read_text(file, display, nullptr, 0, "");
    Assembly assembly;
    std::error_code error;
    fs::path canonical = fs::weakly_canonical(file, error);
    if (error) canonical = fs::absolute(file);
    std::vector<ChainLink> chain{{canonical, display}};
    load_document(assembly, text, Source{display, file.parent_path(), true, ""}, chain);
    return finish(assembly, overrides, search_paths, display);
}

ScenarioSpec load_scenario_text(std::string_view yaml, std::string_view display_name,
                                const std::vector<std::string>& overrides, const ScenarioSearchPaths& search_paths) {
    const std::string display(display_name);
    const fs::path as_path(display);
    Assembly assembly;
    std::error_code error;
    fs::path canonical = fs::weakly_canonical(as_path, error);
    if (error) canonical = fs::absolute(as_path);
    std::vector<ChainLink> chain{{canonical, display}};
    load_document(assembly, yaml, Source{display, as_path.parent_path(), true, ""}, chain);
    return finish(assembly, overrides, search_paths, display);
}

void validate_scenario(const ScenarioSpec& spec_in) {
    ScenarioSpec spec = spec_in;
    const std::string file = spec.source_path.empty() ? "scenario" : spec.source_path;
    const Source source{file, fs::path{}, false, ""};
    for (const KeySpec& key : schema()) {
        const std::string path(key.path);
        switch (kind_of(key)) {
        case Kind::integer: {
            const int value = field_ref<int>(key, spec);
            check_range(key, value, path, source, 0, std::to_string(value));
            break;
        }
        case Kind::number: {
            const double value = field_ref<double>(key, spec);
            if (!std::isfinite(value))
                fail(source, 0, path, "expected " + expectation(key) + ", got " + format_number(value),
                     "use a finite number");
            check_range(key, value, path, source, 0, format_number(value));
            break;
        }
        case Kind::choice: {
            const int index = choice_index(key, spec);
            if (index < 0 || index >= static_cast<int>(key.names->names.size()))
                fail(source, 0, path, "invalid enum value " + std::to_string(index), "use one of the named values");
            break;
        }
        case Kind::weights: {
            Assembly scratch;
            for (const auto& [name, weight] : field_ref<NameWeights>(key, spec))
                apply_weight(scratch, key, name, YAML::Node(format_number(weight)), source, 0);
            break;
        }
        default: break;
        }
    }
    check_record_values(spec.interventions, "interventions", file);
    check_record_values(spec.drones.fleets, "drones", file);
    check_record_values(spec.drones.no_fly_zones, "no_fly_zones", file);
    check_record_values(spec.reporting.apps, "apps", file);
    check_record_values(spec.reporting.victim_support, "victim_support", file);
    check_combinations(spec, {}, file);
    check_interventions(spec, file);
    check_drones(spec, file);
    check_reporting(spec, file);
}

std::string resolved_scenario_yaml(const ScenarioSpec& spec) { return emit_yaml(spec, false); }

std::string interventions_yaml(const std::vector<InterventionSpec>& interventions) {
    return interventions.empty() ? "interventions: []\n" : interventions_block(interventions);
}

std::string default_scenario_yaml() { return emit_yaml(ScenarioSpec{}, true); }

std::vector<std::string> scenario_keys() {
    std::vector<std::string> keys;
    for (const KeySpec& key : schema()) keys.emplace_back(key.path);
    return keys;
}

std::string scenario_reference_markdown() {
    std::string out = R"(# Scenario reference

<!-- Generated by scenario_reference_markdown() from the key table in sim/scenario/scenario_loader.cpp.
     Do not edit by hand: test_scenario fails when this file and the table differ. To rewrite it, run
     test_scenario with STREETWISE_UPDATE_DOCS=1. -->

A scenario is a YAML file that describes one run: the city, the simulated time, the residents, the
offenders and the police. Every key is optional; a key left out takes the default listed below. Units
are part of the key names: `_m` metres, `_mps` metres per second, `_h` local hour of the day (0 to 24),
`_min` minutes, `_s` seconds.

```yaml
name: evening-patrols
seed: 42
city:
  source: osm
  osm: leeds.osm.pbf
residents:
  count: 50000
offenders:
  land_use_multiplier:
    nightlife: 1.5
police:
  units: 40
```

An empty file is an error (it is usually a mistake); write `{}` to run with every default. Unknown
keys are errors too, with the closest valid key suggested, so a typo never silently falls back to a
default. Errors name the file, the line and the dotted key, say what was expected and what to do.

## Building on another scenario: `extends`

`extends: base.yaml` (a path relative to the extending file's folder) loads the base scenario first
and then applies this file over it: maps merge key by key and the extending file wins; a value (number,
text, true/false) replaces the base's. A base may extend another base; a cycle is an error that names
the chain. Errors inside a base name the base file and its line.

## Changing keys from the command line: `--set`

`--set key=value` (repeatable) changes one key after `extends` is applied, e.g.
`--set residents.count=5000` or `--set offenders.land_use_multiplier.nightlife=2`. The value is read
as YAML, so `--set 'crime.robbery.victim_age={older: 1}'` works too. Overrides are checked like the
file; their errors name `--set` and quote the override.

## Maps such as `land_use_multiplier`

Maps from names to numbers (`offenders.land_use_multiplier`, `offenders.anchor_weight`,
`crime.<type>.land_use_multiplier`, `crime.<type>.victim_gender`, `victim_age`, `victim_origin`) merge
entry by entry over their defaults, over bases and under `--set`: writing
`crime.robbery.land_use_multiplier: {park: 3}` changes the park factor and keeps the other default
factors. Land uses, victim groups and place kinds left out of a multiplier or weight map have 1, except
`offenders.anchor_weight`, where a place kind left out has weight 0 (offenders never pick it). To leave
a crime type out, set its `rate` to 0.

## Finding the map: `city.osm`

With `city.source: osm`, the file named by `city.osm` is looked for: as is when the path is absolute;
otherwise in the folder of the scenario file that set it (the current folder for `--set`), then in each
folder of `STREETWISE_MAP_PATH` (colon-separated), then in the shared OSM data folder and
`scenarios/maps/` of the source tree. No map yet? Get an extract from https://download.geofabrik.de/
(regions) or https://www.openstreetmap.org/export (a small area) and save it as `.osm` or `.osm.pbf`.

## The resolved scenario

Every run records its resolved scenario: every key below with its final value, `extends` and `--set`
applied, in the order of this reference (`interventions`, `drones` and `no_fly_zones` only when there
are any, each item with every field of its kind). Loading it again gives the same scenario.

## Keys
)";
    ScenarioSpec defaults;
    for (const SectionSpec& section : sections()) {
        out += "\n### " + (section.path.empty() ? std::string("Top level") : "`" + std::string(section.path) + "`") +
               "\n\n" + std::string(section.doc) + ".\n\n";
        out += "| key | type | default | unit | range | meaning |\n|---|---|---|---|---|---|\n";
        if (section.path.empty())
            out += "| `extends` | text | | path | | Base scenario this file builds on (see above) |\n";
        for (const KeySpec& key : schema()) {
            if (parent_of(key.path) != section.path) continue;
            std::string range;
            switch (kind_of(key)) {
            case Kind::unsigned_integer: range = "0 to 2^64-1"; break;
            case Kind::boolean:
            case Kind::text: break;
            case Kind::choice:
                for (const std::string_view name : key.names->names)
                    range += (range.empty() ? "" : ", ") + ("`" + std::string(name) + "`");
                break;
            case Kind::weights:
                range = "names: ";
                for (std::size_t i = 0; i < key.names->names.size(); ++i)
                    range += (i ? ", " : "") + ("`" + std::string(key.names->names[i]) + "`");
                range += "; values " + format_range(key);
                break;
            case Kind::records: break;
            default: range = format_range(key);
            }
            if (key.rule.holds) range += ", must " + std::string(key.rule.text);
            out += "| `" + std::string(key.path) + "` | " + kind_name(key) + " | `" + format_value(key, defaults) +
                   "` | " + std::string(key.unit) + " | " + range + " | " + std::string(key.doc) + " |\n";
        }
    }

    out += R"(
## Interventions

`interventions:` is a list of policy interventions. Each item starts with `- kind:` and targets a
district by name, street segments by id, or both (the area is their union). While an intervention is
active:

- `street_lighting`: every target street is lit at least `lux` lux. A node is dark at night when the
  brightest street meeting there, with the extra lighting, is below `offenders.dark_lux_threshold`.
- `foot_patrol`: `units` extra police units walk at random along the target streets only, from homes
  drawn among the area's intersections; when the window opens they start from home, when it closes
  they leave the streets. Like all police, they prevent every offence at the intersection where they
  stand.

```yaml
interventions:
  - kind: street_lighting
    name: "LED upgrade, Old Quarter"
    district: "Old Quarter"
    daily_from_h: 19     # each evening ...
    daily_to_h: 7        # ... to the next morning
    lux: 30
  - kind: foot_patrol
    name: "Weekend night patrol"
    segments: [12, 13, 14]
    from_day: 4
    to_day: 6
    daily_from_h: 22
    daily_to_h: 2
    units: 6
```

**Time window.** An intervention is active on days `from_day` to `to_day` - 1 (day 0 is the run's
first day; `to_day: -1`, the default, means to the end of the run), each day from `daily_from_h` to
`daily_to_h`. A window whose `daily_from_h` is after its `daily_to_h` wraps over midnight and belongs
to the day it starts on: the patrol above is on duty from 22:00 on day 4 to 02:00 on day 5 and from
22:00 on day 5 to 02:00 on day 6, and not between 00:00 and 02:00 on day 4.

**Targets are checked when the run starts**, once the city is known: a district that is not one of
the city's (`streetwise city info` lists them) or a segment id past the city's last street is an
error naming the file, the line of the item and the key, e.g. `interventions[0].district`, with the
valid names or ids. Segment ids are rows of `/city/segments` in a run file. Items are numbered from 0.

**With `extends:`**, a file that writes `interventions:` replaces the base's whole list (items are
not merged one by one); a file that does not write it keeps the base's, and `interventions: []`
removes them all. **With `--set`**, give the whole list as YAML:
`--set 'interventions=[{kind: foot_patrol, district: "Old Quarter", units: 4}]'`.

| field | type | default | unit | range | kind | meaning |
|---|---|---|---|---|---|---|
)";
    out += record_field_table<InterventionSpec>();
    out += R"(
## Drones

`drones:` is a list of drone fleets. Each item starts with `- mode:`. A fleet's drones wait at its base
(the centre of `base_district`, the intersection `base_node`, the point `base_xy_m`, or else the
centre of the city), take off fully charged while the flying window is open and fewer than
`max_airborne` of them are up, fly straight lines at `speed_mps` (around no-fly zones, by the shortest
way), and turn home when their battery is down to the flight home plus `reserve_min`; at the base a
battery charges from empty to full in `recharge_min`. When the window closes, drones in the air fly
home.

- `patrol`: each drone flies to a random intersection of the area (`district` and `segments`; neither:
  the whole city), hovers `dwell_min`, and goes on to the next.
- `hot_spots`: the drones take in turn the `hot_spot_count` street segments with the most
  **recorded** crime (reported, or seen by a drone) in the last `hot_spot_window_days`, and hover
  `dwell_min` over each. They never see unreported crime.
- `first_responder`: each new police report goes to the nearest free drone by flight time (one
  ready at the base, or one on its way home) that can get there, hover `dwell_min` (guiding the
  police) and get home; the time from the report to the drone over the scene is recorded. A report
  no drone can take within `response_window_min` is counted as unanswered.

While a drone is in the air, the intersections within `camera_radius_m` of it are under its camera:
residents walking there count in the privacy footprint, offending there is multiplied by
`deterrence`, and a crime there that nobody reports enters the record with `detection_probability`.
**Both effects are assumptions**, none by default: no causal estimate of a drone's effect on crime
exists (docs/odd.md 7.18).

```yaml
drones:
  - mode: patrol
    name: "Night patrol, Nightlife Quarter"
    district: "Nightlife Quarter"
    base_district: "Centre"
    count: 4
    max_airborne: 2
    daily_from_h: 21
    daily_to_h: 5
  - mode: first_responder
    base_node: 310
    count: 3
    speed_mps: 20
```

As with interventions, districts and node or segment ids are checked against the city when the run
starts; a list written in a file replaces its base's; `--set` takes the whole list
(`--set 'drones=[{mode: patrol, count: 4}]'`).

| field | type | default | unit | range | mode | meaning |
|---|---|---|---|---|---|---|
)";
    out += record_field_table<DroneFleetSpec>();
    out += R"(
## No-fly zones

`no_fly_zones:` is a list of areas drones may not enter while the zone is in force (by default
always; a zone can have a time window like an intervention's). `kind: district` takes the convex hull
of the district's intersections, widened by at least `margin_m`; `kind: polygon` takes the corners in
local metres (`polygon_xy_m`) or in degrees (`polygon_lonlat`, converted with the city's origin, for
cities from OpenStreetMap). A flight whose straight line would cross a zone goes around it by the
shortest way; a target inside a zone, or one that cannot be reached, is refused and counted. A drone
caught inside a zone that comes into force leaves it by the nearest way out. A base inside a zone is
an error.

```yaml
no_fly_zones:
  - kind: district
    district: "Central Park"
    margin_m: 30
  - kind: polygon
    name: "Hospital helipad"
    polygon_xy_m: [[1000, 1000], [1200, 1000], [1200, 1150], [1000, 1150]]
```

| field | type | default | unit | range | kind | meaning |
|---|---|---|---|---|---|---|
)";
    out += record_field_table<NoFlyZoneSpec>();
    out += R"(
## Apps

`apps:` is a list of reporting and alerting apps (docs/odd.md 7.20). Each item starts with `- kind:`.
A resident has an app when their own fixed draw is below its adoption share, which grows linearly from
`start_share` to `target_share` over `ramp_days`, times the group and district multipliers; adoption
never falls back. A user who falls victim to a covered crime reports through the app with
`report_probability`; the report reaches the `channels` after `latency_min`. An alerting app's SOS
also goes to `contacts` trusted contacts and to the app's users within `peers_radius_m`; a
`responder_share` of them come to the scene and count as guardians there for `guardian_min`.

```yaml
apps:
  - kind: alerting
    name: "SafeWalk"
    types: [harassment]
    target_share: 0.1
    adoption_gender: {female: 3, male: 0.3}
    channels: [contacts, police]
    emergency_call_probability: 0.2
    contacts: 3
    responder_share: 0.3
```

| field | type | default | unit | range | kind | meaning |
|---|---|---|---|---|---|---|
)";
    out += record_field_table<AppSpec>();
    out += R"(
## Victim support

`victim_support:` is a list of victim support services (docs/odd.md 7.21). Each item starts with
`- kind:` (`general`, or `specialist` with its `types`). The police refer `police_referral_share` of
the victims whose crime they recorded, and apps with the `victim_support` channel refer their reports;
a referral goes to the first service in the list that serves the victim's type and home district. A
service takes `capacity_per_day` new cases a day and turns the rest away; of those it takes, it reaches
`reach`.

| field | type | default | unit | range | kind | meaning |
|---|---|---|---|---|---|---|
)";
    out += record_field_table<VictimSupportSpec>();
    return out;
}

}  // namespace streetwise
