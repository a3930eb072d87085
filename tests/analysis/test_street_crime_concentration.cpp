// Concentration of real recorded crime at places, on planted distributions whose shares are known.
#include <catch2/catch.hpp>

#include <string>

#include "analysis/street_crime_concentration.hpp"

using namespace streetwise::analysis;

namespace {

void add(std::vector<StreetCrimeRecord>& records, YearMonth month, const std::string& category,
         const std::string& location, double lon, double lat, int times) {
    for (int i = 0; i < times; ++i) {
        StreetCrimeRecord r;
        r.month = month;
        r.category = category;
        r.location = location;
        r.longitude_deg = lon;
        r.latitude_deg = lat;
        records.push_back(r);
    }
}

}  // namespace

TEST_CASE("real concentration: planted distribution over 100 places", "[analysis][concentration]") {
    // 100 places: 2 hot places with 100 crimes each (50% of 400), 198 crimes spread one each over 98
    // places... but 98 places can hold only 98 singles: give them 2 each (196) and 4 to the hot ones.
    // Totals: hot 2 x 102 = 204, others 98 x 2 = 196, all 400. 50% (200) needs the 2 hot places;
    // 25% (100) needs 1 of them.
    std::vector<StreetCrimeRecord> records;
    const YearMonth month{2019, 5};
    add(records, month, "Robbery", "On or near Hot Street", -0.10, 51.50, 102);
    add(records, month, "Theft from the person", "On or near Hotter Street", -0.11, 51.50, 102);
    for (int p = 0; p < 98; ++p)
        add(records, month, "Burglary", "On or near Street " + std::to_string(p), -0.2 - p * 1e-3, 51.4, 2);
    const auto c = street_crime_concentration(records, month, month, PlaceKey::location_name);
    CHECK(c.crimes == 400);
    CHECK(c.crimes_without_place == 0);
    CHECK(c.places == 100);
    CHECK(c.share_of_places_holding_half == Approx(0.02));
    CHECK(c.share_of_places_holding_quarter == Approx(0.01));
}

TEST_CASE("real concentration: what is left out, and the two keys", "[analysis][concentration]") {
    std::vector<StreetCrimeRecord> records;
    const YearMonth june{2019, 6};
    // Two map points share the name "On or near Supermarket": one place by name, two by map point.
    add(records, june, "Shoplifting", "On or near Supermarket", -0.10, 51.50, 3);
    add(records, june, "Shoplifting", "On or near Supermarket", -0.12, 51.52, 3);
    add(records, june, "Robbery", "On or near Lane", -0.13, 51.53, 2);
    // Anti-social behaviour is not crime; a crime without a map point has no place; July is outside.
    add(records, june, "Anti-social behaviour", "On or near Lane", -0.13, 51.53, 50);
    StreetCrimeRecord nowhere;
    nowhere.month = june;
    nowhere.category = "Drugs";
    nowhere.location = "No Location";
    records.push_back(nowhere);
    add(records, YearMonth{2019, 7}, "Robbery", "On or near Lane", -0.13, 51.53, 40);

    const auto by_name = street_crime_concentration(records, june, june, PlaceKey::location_name);
    CHECK(by_name.crimes == 9);
    CHECK(by_name.crimes_without_place == 1);
    CHECK(by_name.places == 2);
    CHECK(by_name.share_of_places_holding_half == Approx(0.5));  // Supermarket holds 6 of 8

    const auto by_point = street_crime_concentration(records, june, june, PlaceKey::map_point);
    CHECK(by_point.places == 3);
    CHECK(by_point.share_of_places_holding_half == Approx(2.0 / 3.0));  // 3 + 3 or 3 + 2 of 8: two places
    CHECK(by_point.share_of_places_holding_quarter == Approx(1.0 / 3.0));

    // Camden's Street ID names the map point.
    records[0].street_id = "42";
    CHECK(street_crime_concentration(records, june, june, PlaceKey::map_point).places == 4);

    const auto empty = street_crime_concentration({}, june, june, PlaceKey::map_point);
    CHECK(empty.places == 0);
    CHECK(empty.share_of_places_holding_half == 0);
}
