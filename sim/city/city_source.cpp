#include "sim/city/city_source.hpp"

#include <chrono>

#include "sim/city/city_cache.hpp"
#include "sim/city/lattice_city.hpp"
#include "sim/city/synthetic_city.hpp"

namespace streetwise {

City make_city(const CitySpec& spec, CityLoadReport* report) {
    const auto start = std::chrono::steady_clock::now();
    std::string description;
    City city = [&] {
        switch (spec.source) {
            case CitySource::lattice:
                description = "lattice " + std::to_string(spec.lattice.width) + " x " +
                              std::to_string(spec.lattice.height) + (spec.lattice.periodic ? " (periodic)" : "");
                return make_lattice_city(spec.lattice);
            case CitySource::osm: {
                const std::filesystem::path file = std::filesystem::path(spec.osm_resolved_path.empty() ? spec.osm_path : spec.osm_resolved_path);
                const std::filesystem::path cache_dir = spec.cache_dir.empty() ? default_cache_dir() : std::filesystem::path(spec.cache_dir);
                CityCacheOutcome outcome = CityCacheOutcome::disabled;
                City imported = load_osm_city(file, spec.use_cache, cache_dir, &outcome);
                description = "OpenStreetMap " + file.filename().string();
                if (outcome == CityCacheOutcome::hit) description += " (from cache)";
                if (outcome == CityCacheOutcome::miss_saved) description += " (imported, cached)";
                if (outcome == CityCacheOutcome::miss_not_saved) description += " (imported, cache not written)";
                return imported;
            }
            case CitySource::synthetic:
            default:
                description = "synthetic " + std::to_string(spec.synthetic.blocks_x) + " x " +
                              std::to_string(spec.synthetic.blocks_y) + " blocks";
                return make_synthetic_city(spec.synthetic);
        }
    }();
    if (report) {
        report->description = description;
        report->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    return city;
}

}  // namespace streetwise
