#pragma once
// Crime concentration in real recorded crime (Weisburd 2015: about 50% of crime on 2-6% of street
// segments, 25% on 0.4-1.6%), measured on police.uk street-level data. It is a proxy: police.uk moves
// each crime to the nearest of a fixed set of anonymised map points (a point stands for a street, a
// stretch of one, or a station or supermarket), not to street segments; several points can share one
// name ("On or near Supermarket"), and only places with at least one crime appear, so the share is of
// places with crime, not of all the street segments of the city (which would give a smaller share).
#include <cstdint>
#include <span>
#include <string_view>

#include "analysis/police_uk.hpp"
#include "analysis/year_month.hpp"

namespace streetwise::analysis {

enum class PlaceKey {
    location_name,  // the map point's name ("On or near Judd Street"): points with one name are one place
    map_point,      // the map point itself: Street ID (camden layout) or the coordinates (police_uk layout)
};

std::string_view to_string(PlaceKey key);  // "location name", "map point"

struct StreetCrimeConcentration {
    PlaceKey key = PlaceKey::location_name;
    std::uint64_t crimes = 0;                // crime records in the window; anti-social behaviour left out
    std::uint64_t crimes_without_place = 0;  // of those, without a map point ("No Location"): left out
    std::uint64_t places = 0;                // distinct places with at least one crime
    double share_of_places_holding_half = 0;     // smallest fraction of those places holding 50% of crime
    double share_of_places_holding_quarter = 0;  // ... and 25%
};

// Over the records from `from` to `to` (months included); zeros when there is no crime with a place.
StreetCrimeConcentration street_crime_concentration(std::span<const StreetCrimeRecord> records, YearMonth from,
                                                    YearMonth to, PlaceKey key);

}  // namespace streetwise::analysis
