#pragma once
// InterventionSpec: one policy intervention of a scenario (the `interventions:` list), as plain
// data. The loader fills and checks it (ranges, kinds, windows); the Simulation checks its target
// against the city (district names, segment ids) and applies it; the visualiser builds them in
// its intervention palette and writes them back with interventions_yaml().
#include <cstdint>
#include <string>
#include <vector>

namespace streetwise {

// How police units on patrol (neither responding to a report nor off duty) choose where to go
// (docs/odd.md 7.17). Every strategy but random reads only the recorded crime (CrimeRecord).
enum class PatrolStrategy {
    random,      // a random walk over the streets a unit may use (the model before issue 6)
    hot_spot,    // the top segments by recorded crime in a trailing window, one visit of dwell_min each (Koper 1995)
    predictive,  // the top segments of a self-exciting forecast fitted to recorded crime (Mohler et al. 2011)
    community,   // foot units walk their own district (assigned in turn); car units patrol at random
};

// The two kinds of unit: officers on foot walk any street; cars drive roads only (not footways).
enum class UnitKind { foot, car };

enum class InterventionKind {
    street_lighting,  // target streets are lit at least `lux` while active
    foot_patrol,      // `units` extra police walk only the target streets while active
    extra_units,      // `units` extra units of the force (`unit_kind`), based in the target area, while active
    patrol_strategy,  // the force patrols with `strategy` while active (targets within the area, if one is given)
};


struct InterventionSpec {
    InterventionKind kind = InterventionKind::street_lighting;
    std::string name;                     // optional label shown in outputs
    // Target area: every street of `district` (by name; "" = none) plus the listed segment ids
    // (rows of /city/segments). At least one of the two is given.
    std::string district;
    std::vector<std::uint32_t> segments;
    // Active on days [from_day, to_day) of the run (to_day -1: to the end of the run), each day
    // from daily_from_h to daily_to_h (local hours; from > to wraps over midnight, and such a
    // window belongs to the day it starts on). See intervention_active() in sim/model/intervention.hpp.
    int from_day = 0;
    int to_day = -1;
    double daily_from_h = 0;
    double daily_to_h = 24;
    double lux = 0;   // street_lighting: minimum illuminance of the target streets while active (lx)
    int units = 0;    // foot_patrol: extra police units patrolling only inside the target area; extra_units: units added
    UnitKind unit_kind = UnitKind::foot;                   // extra_units: foot or car
    PatrolStrategy strategy = PatrolStrategy::hot_spot;    // patrol_strategy: the strategy while active

    // Where the record was written, for errors found when the city is known (filled by the loader;
    // "" and 0 for specs built in code: messages then name the scenario's source_path).
    std::string source_file;
    int source_line = 0;
};

}  // namespace streetwise
