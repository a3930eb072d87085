#pragma once
// A binary cache of built cities, so an OSM extract is imported once and then loads in a few
// milliseconds. Cache files are a convenience, never a source of truth: anything wrong with one
// (missing, truncated, corrupt, written by another version) makes it a miss, and the city is
// imported again.
#include "sim/city/city.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>

namespace streetwise {

// Bump when the cache file layout changes.
inline constexpr std::uint32_t city_cache_format_version = 1;

// Where cities are cached: $STREETWISE_CACHE_DIR, else $XDG_CACHE_HOME/streetwise, else
// ~/.cache/streetwise, else <temp dir>/streetwise-cache.
std::filesystem::path default_cache_dir();

// The cache key of an OSM file: a hash of its bytes (not its name or mtime, which say nothing
// reliable about the content), the cache format, the importer version and the streetwise version.
// Returns nullopt when the file cannot be read.
std::optional<std::uint64_t> osm_source_key(const std::filesystem::path& osm_file);

// The cache file for a source in cache_dir: "<city name>-<key in hex>.city".
std::filesystem::path city_cache_file(const std::filesystem::path& cache_dir, const std::filesystem::path& osm_file,
                                      std::uint64_t source_key);

// The cached city, or nullopt when the file is missing, unreadable, truncated, corrupt, made for
// another source_key, or does not rebuild into the city it recorded (same fingerprint).
std::optional<City> load_cached_city(const std::filesystem::path& cache_file, std::uint64_t source_key);

// Writes the cache atomically (temporary name, then rename), creating the folder. Returns false,
// leaving no partial file behind, when it cannot: a cache that cannot be written is not an error.
bool save_city_cache(const City& city, const std::filesystem::path& cache_file, std::uint64_t source_key);

enum class CityCacheOutcome : std::uint8_t {
    disabled,       // use_cache was false
    hit,            // loaded from the cache
    miss_saved,     // imported, and the cache written for next time
    miss_not_saved  // imported; the cache could not be written (a warning went to std::clog)
};

// The city of an OSM extract (largest connected component), through the cache when use_cache.
// Throws InputError for a missing or bad OSM file, exactly as import_osm_city does.
City load_osm_city(const std::filesystem::path& osm_file, bool use_cache, const std::filesystem::path& cache_dir,
                   CityCacheOutcome* outcome = nullptr);

}  // namespace streetwise
