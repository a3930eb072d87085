#pragma once
// One entry point from a scenario's `city:` section to a City: the synthetic generator, a
// lattice, or an OpenStreetMap extract (through the city cache).
#include <string>

#include "sim/city/city.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

struct CityLoadReport {
    std::string description;  // e.g. "synthetic 24 x 24 blocks", "OSM monaco.osm.pbf (from cache)"
    double seconds = 0.0;
};

// Throws InputError for a missing, unreadable or unusable map.
City make_city(const CitySpec& spec, CityLoadReport* report = nullptr);

}  // namespace streetwise
