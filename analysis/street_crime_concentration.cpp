#include "analysis/street_crime_concentration.hpp"

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "analysis/concentration.hpp"
#include "analysis/police_uk_categories.hpp"

namespace streetwise::analysis {

namespace {

std::string place_of(const StreetCrimeRecord& record, PlaceKey key) {
    if (key == PlaceKey::location_name) return record.location;
    if (!record.street_id.empty()) return "id " + record.street_id;
    char text[64];
    std::snprintf(text, sizeof text, "%.6f,%.6f", *record.longitude_deg, *record.latitude_deg);
    return text;
}

}  // namespace

std::string_view to_string(PlaceKey key) { return key == PlaceKey::map_point ? "map point" : "location name"; }

StreetCrimeConcentration street_crime_concentration(std::span<const StreetCrimeRecord> records, YearMonth from,
                                                    YearMonth to, PlaceKey key) {
    StreetCrimeConcentration result;
    result.key = key;
    std::map<std::string, std::uint32_t> crimes_at;
    for (const auto& record : records) {
        if (record.month < from || to < record.month) continue;
        const PoliceUkCategory* category = find_police_uk_category(record.category);
        if (category && is_anti_social_behaviour(*category)) continue;
        ++result.crimes;
        // "No Location" rows have no map point; their name would make a place of its own.
        if (!record.has_map_point()) {
            ++result.crimes_without_place;
            continue;
        }
        ++crimes_at[place_of(record, key)];
    }
    std::vector<std::uint32_t> counts;
    counts.reserve(crimes_at.size());
    for (const auto& [place, count] : crimes_at) counts.push_back(count);
    result.places = counts.size();
    result.share_of_places_holding_half = share_of_places_holding(counts, 0.5);
    result.share_of_places_holding_quarter = share_of_places_holding(counts, 0.25);
    return result;
}

}  // namespace streetwise::analysis
