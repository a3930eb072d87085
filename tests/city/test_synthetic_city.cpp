#include "sim/city/synthetic_city.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <vector>

using namespace streetwise;

namespace {

std::uint32_t reachable_from_node_0(const City& city) {
    std::vector<bool> seen(city.node_count(), false);
    std::vector<std::uint32_t> queue{0};
    seen[0] = true;
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const std::uint32_t v = queue[head];
        for (std::uint32_t a = city.arc_begin(v); a < city.arc_end(v); ++a) {
            const std::uint32_t w = city.arc_target(a);
            if (!seen[w]) {
                seen[w] = true;
                queue.push_back(w);
            }
        }
    }
    return static_cast<std::uint32_t>(queue.size());
}

std::array<int, place_kind_count> places_by_kind(const City& city) {
    std::array<int, place_kind_count> count{};
    for (const Place& p : city.places()) ++count[static_cast<std::size_t>(p.kind)];
    return count;
}

int count_of(const std::array<int, place_kind_count>& counts, PlaceKind kind) {
    return counts[static_cast<std::size_t>(kind)];
}

bool is_residential_district(std::uint16_t d) {
    return d >= static_cast<std::uint16_t>(SyntheticDistrict::northfield) &&
           d <= static_cast<std::uint16_t>(SyntheticDistrict::westend);
}

std::uint16_t id(SyntheticDistrict d) { return static_cast<std::uint16_t>(d); }

}  // namespace

TEST_CASE("Default synthetic city is connected and has every district", "[synthetic]") {
    const City city = make_synthetic_city(SyntheticCitySpec{});
    REQUIRE(city.node_count() > 500);
    REQUIRE(city.segment_count() > 1000);
    CHECK(reachable_from_node_0(city) == city.node_count());

    REQUIRE(city.districts().size() == static_cast<std::size_t>(synthetic_district_count));
    std::set<std::uint16_t> districts(city.segment_district().begin(), city.segment_district().end());
    CHECK(districts.size() == static_cast<std::size_t>(synthetic_district_count));
    std::set<LandUse> land_uses(city.segment_land_use().begin(), city.segment_land_use().end());
    for (LandUse use : {LandUse::residential, LandUse::commercial, LandUse::nightlife, LandUse::industrial,
                        LandUse::park, LandUse::transit}) {
        CHECK(land_uses.count(use) == 1);
    }
    std::set<RoadClass> classes(city.segment_road_class().begin(), city.segment_road_class().end());
    for (RoadClass c : {RoadClass::primary, RoadClass::secondary, RoadClass::residential, RoadClass::footway}) {
        CHECK(classes.count(c) == 1);
    }
    // Land use follows the district, except the transit hub's forecourt.
    for (std::uint32_t s = 0; s < city.segment_count(); ++s) {
        if (city.segment_land_use()[s] == LandUse::transit) continue;
        CHECK(city.segment_land_use()[s] == city.districts()[city.segment_district()[s]].land_use);
    }
    CHECK_FALSE(city.uniform_segment_length());
}

TEST_CASE("Default synthetic city has the documented places, on the right streets", "[synthetic]") {
    const City city = make_synthetic_city(SyntheticCitySpec{});
    const auto counts = places_by_kind(city);
    CHECK(count_of(counts, PlaceKind::shop) == 150);
    CHECK(count_of(counts, PlaceKind::bar) == 40);
    CHECK(count_of(counts, PlaceKind::nightclub) == 8);
    CHECK(count_of(counts, PlaceKind::transit_stop) == 20);
    CHECK(count_of(counts, PlaceKind::police_station) == 2);
    CHECK(count_of(counts, PlaceKind::school) == 10);
    CHECK(count_of(counts, PlaceKind::park) == 6);
    CHECK(count_of(counts, PlaceKind::workplace) == 200);

    int shops_downtown = 0;
    for (const Place& p : city.places()) {
        REQUIRE(p.segment < city.segment_count());
        const bool on_segment = p.node == city.segment_from()[p.segment] || p.node == city.segment_to()[p.segment];
        CHECK(on_segment);
        const std::uint16_t d = city.segment_district()[p.segment];
        switch (p.kind) {
        case PlaceKind::shop:
            if (d == id(SyntheticDistrict::centre)) ++shops_downtown;
            CHECK((d == id(SyntheticDistrict::centre) || d == id(SyntheticDistrict::nightlife) ||
                   is_residential_district(d)));
            break;
        case PlaceKind::bar:
            CHECK((d == id(SyntheticDistrict::nightlife) || d == id(SyntheticDistrict::centre)));
            break;
        case PlaceKind::nightclub: CHECK(d == id(SyntheticDistrict::nightlife)); break;
        case PlaceKind::transit_stop:
            CHECK((city.segment_road_class()[p.segment] == RoadClass::primary ||
                   city.segment_road_class()[p.segment] == RoadClass::secondary));
            break;
        case PlaceKind::police_station:
            CHECK((d == id(SyntheticDistrict::centre) || is_residential_district(d)));
            break;
        case PlaceKind::school: CHECK(is_residential_district(d)); break;
        case PlaceKind::park: CHECK((d == id(SyntheticDistrict::park) || is_residential_district(d))); break;
        case PlaceKind::workplace:
            CHECK((d == id(SyntheticDistrict::centre) || d == id(SyntheticDistrict::industrial) ||
                   is_residential_district(d)));
            break;
        }
    }
    CHECK(shops_downtown >= 80);
    const auto hub = std::find_if(city.places().begin(), city.places().end(),
                                  [](const Place& p) { return p.name == "Central Station"; });
    REQUIRE(hub != city.places().end());
    CHECK(city.segment_land_use()[hub->segment] == LandUse::transit);
}

TEST_CASE("Synthetic city lighting", "[synthetic]") {
    const City city = make_synthetic_city(SyntheticCitySpec{});
    int unlit_residential = 0, residential = 0;
    for (std::uint32_t s = 0; s < city.segment_count(); ++s) {
        const float lux = city.segment_lux()[s];
        const RoadClass c = city.segment_road_class()[s];
        if (city.segment_land_use()[s] == LandUse::park && c == RoadClass::footway) CHECK(lux == 0.0f);
        if (c == RoadClass::footway) CHECK(city.segment_district()[s] == id(SyntheticDistrict::park));
        if (c == RoadClass::primary) CHECK(lux == 30.0f);
        if (c == RoadClass::secondary) CHECK(lux == 20.0f);
        if (c == RoadClass::tertiary) CHECK(lux >= 20.0f);
        if (c == RoadClass::residential) {
            ++residential;
            if (lux == 0.0f) ++unlit_residential;
            else CHECK((lux >= 5.0f && lux <= 15.0f));
        }
        if (c == RoadClass::unclassified) CHECK((lux == 0.0f || (lux >= 5.0f && lux <= 10.0f)));
    }
    REQUIRE(residential > 0);
    CHECK(unlit_residential > 0);
    CHECK(unlit_residential < residential / 4);
}

TEST_CASE("Synthetic city geometry", "[synthetic]") {
    const SyntheticCitySpec spec;
    const City city = make_synthetic_city(spec);
    const auto [min_x, max_x] = std::minmax_element(city.node_x_m().begin(), city.node_x_m().end());
    const auto [min_y, max_y] = std::minmax_element(city.node_y_m().begin(), city.node_y_m().end());
    const double width_m = spec.blocks_x * spec.block_length_m;
    const double height_m = spec.blocks_y * spec.block_length_m;
    CHECK(*max_x - *min_x >= width_m - 2 * spec.jitter_m);
    CHECK(*max_x - *min_x <= width_m + 2 * spec.jitter_m);
    CHECK(*max_y - *min_y >= height_m - 2 * spec.jitter_m);
    CHECK(*max_y - *min_y <= height_m + 2 * spec.jitter_m);

    for (std::uint32_t s = 0; s < city.segment_count(); ++s) {
        const std::uint32_t a = city.segment_from()[s], b = city.segment_to()[s];
        const double dx = city.node_x_m()[a] - city.node_x_m()[b];
        const double dy = city.node_y_m()[a] - city.node_y_m()[b];
        const double straight = std::sqrt(dx * dx + dy * dy);
        CHECK(static_cast<double>(city.segment_length_m()[s]) >= straight);
        CHECK(static_cast<double>(city.segment_length_m()[s]) <= straight * 1.1);
        if (city.segment_road_class()[s] != RoadClass::footway) CHECK(city.segment_name()[s] != 0u);
    }
    // Side streets are block_length apart, give or take the jitter; park diagonals are longer.
    const auto& lengths = city.segment_length_m();
    const auto [shortest, longest] = std::minmax_element(lengths.begin(), lengths.end());
    CHECK(*shortest >= spec.block_length_m - 2 * spec.jitter_m * std::sqrt(2.0));
    CHECK(*longest <= 1.1 * (std::sqrt(2.0) * spec.block_length_m + 2 * spec.jitter_m * std::sqrt(2.0)));
}

TEST_CASE("Synthetic city is a pure function of its spec", "[synthetic]") {
    const SyntheticCitySpec spec;
    const City first = make_synthetic_city(spec);
    const City second = make_synthetic_city(spec);
    CHECK(first.fingerprint() == second.fingerprint());
    CHECK(first.segment_count() == second.segment_count());

    SyntheticCitySpec other_seed = spec;
    other_seed.seed = 2;
    CHECK(make_synthetic_city(other_seed).fingerprint() != first.fingerprint());
    SyntheticCitySpec other_jitter = spec;
    other_jitter.jitter_m = 10;
    CHECK(make_synthetic_city(other_jitter).fingerprint() != first.fingerprint());
}

TEST_CASE("Synthetic city without missing streets keeps the whole grid", "[synthetic]") {
    SyntheticCitySpec spec;
    spec.blocks_x = 12;
    spec.blocks_y = 10;
    spec.missing_street_fraction = 0.0;
    spec.jitter_m = 0.0;
    const City city = make_synthetic_city(spec);
    CHECK(city.node_count() == 13u * 11u);
    int park_diagonals = 0;
    for (std::uint32_t s = 0; s < city.segment_count(); ++s) {
        const std::uint32_t a = city.segment_from()[s], b = city.segment_to()[s];
        if (city.node_x_m()[a] != city.node_x_m()[b] && city.node_y_m()[a] != city.node_y_m()[b]) ++park_diagonals;
    }
    CHECK(park_diagonals > 0);
    CHECK(city.segment_count() == static_cast<std::uint32_t>(12 * 11 + 13 * 10 + park_diagonals));
}

TEST_CASE("Synthetic city scales its places with the number of blocks", "[synthetic]") {
    SyntheticCitySpec spec;
    spec.blocks_x = 12;
    spec.blocks_y = 12;  // a quarter of the default area
    const auto counts = places_by_kind(make_synthetic_city(spec));
    CHECK(count_of(counts, PlaceKind::shop) == 38);  // 150 / 4, rounded
    CHECK(count_of(counts, PlaceKind::workplace) == 50);
    CHECK(count_of(counts, PlaceKind::police_station) == 1);
    CHECK(count_of(counts, PlaceKind::nightclub) == 2);

    for (const auto& [bx, by] : {std::pair{3, 3}, std::pair{8, 8}, std::pair{30, 10}, std::pair{5, 40}}) {
        SyntheticCitySpec small;
        small.blocks_x = bx;
        small.blocks_y = by;
        const City city = make_synthetic_city(small);
        CHECK(reachable_from_node_0(city) == city.node_count());
        for (const Place& p : city.places()) {
            CHECK((p.node == city.segment_from()[p.segment] || p.node == city.segment_to()[p.segment]));
        }
        for (int k = 0; k < place_kind_count; ++k) CHECK(places_by_kind(city)[static_cast<std::size_t>(k)] >= 1);
        if (bx >= 8 && by >= 8) {
            const std::set<std::uint16_t> districts(city.segment_district().begin(), city.segment_district().end());
            CHECK(districts.size() == static_cast<std::size_t>(synthetic_district_count));
        }
    }
}

TEST_CASE("Synthetic city rejects impossible specs", "[synthetic]") {
    auto with = [](auto change) {
        SyntheticCitySpec spec;
        change(spec);
        return spec;
    };
    CHECK_THROWS_AS(make_synthetic_draft(with([](auto& s) { s.blocks_x = 2; })), std::invalid_argument);
    CHECK_THROWS_AS(make_synthetic_draft(with([](auto& s) { s.block_length_m = 0; })), std::invalid_argument);
    CHECK_THROWS_AS(make_synthetic_draft(with([](auto& s) { s.jitter_m = 40; })), std::invalid_argument);
    CHECK_THROWS_AS(make_synthetic_draft(with([](auto& s) { s.jitter_m = -1; })), std::invalid_argument);
    CHECK_THROWS_AS(make_synthetic_draft(with([](auto& s) { s.missing_street_fraction = 0.6; })),
                    std::invalid_argument);
}
