#pragma once
// OpenStreetMap import: turns an extract (.osm XML or .osm.pbf) into a CityDraft of the streets a
// pedestrian can use, with lighting, land use, districts and places of interest.
// The tag rules and every assumption are documented in docs/odd.md (section "Cities from OpenStreetMap").
#include "sim/city/city.hpp"

#include <cstdint>
#include <filesystem>

namespace streetwise {

// Bump whenever the import rules change what a given OSM file produces: the city cache keys on it,
// so cities imported by an older importer are re-imported instead of silently reused.
inline constexpr std::uint32_t osm_importer_version = 1;

// Reads the extract and returns the draft, before any connectivity clean-up (disconnected
// fragments are still there). Throws InputError naming the file when it is missing, has an
// unexpected extension, cannot be decoded, or holds no walkable streets.
CityDraft import_osm(const std::filesystem::path& file);

// import_osm + City::build keeping only the largest connected component: what a run walks on.
City import_osm_city(const std::filesystem::path& file);

}  // namespace streetwise
