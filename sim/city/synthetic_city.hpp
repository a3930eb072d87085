#pragma once
// The built-in default city: an irregular grid city with districts, so that a first-time user
// can run a scenario without any map file. docs/odd.md (section "The synthetic city") describes it.
#include "sim/city/city.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

// The synthetic city's districts, in the order of CityDraft::districts (the district ids).
enum class SyntheticDistrict : std::uint16_t {
    centre = 0,      // "City Centre": commercial core, transit hub, main police station
    nightlife = 1,   // "Old Quarter": bars and nightclubs, east of the centre
    northfield = 2,  // residential districts, one per compass sector around the centre
    eastbrook = 3,
    southgate = 4,
    westend = 5,
    industrial = 6,  // "Docklands": workplaces, in the south-east corner
    park = 7,        // "Central Park": unlit footways through green space, north-west of the centre
};
inline constexpr int synthetic_district_count = 8;

// A (blocks_x + 1) x (blocks_y + 1) grid of intersections block_length_m apart, each moved by up
// to jitter_m in x and y, with missing_street_fraction of the side streets removed (arterials and
// park paths are kept). Node (i, j) of the grid has id j * (blocks_x + 1) + i. Every random choice
// comes from CounterRng(spec.seed, RngStream::city_generation), so the draft is a pure function of
// the spec. Places are put only on the largest connected component; removed streets may leave
// small islands, which make_synthetic_city drops.
//
// Throws std::invalid_argument unless 3 <= blocks <= 1000 on both axes, block_length_m > 0,
// 0 <= jitter_m <= block_length_m / 4 (so streets never cross) and
// 0 <= missing_street_fraction <= 0.5.
CityDraft make_synthetic_draft(const SyntheticCitySpec& spec);

// The built city: the draft with only its largest connected component kept.
City make_synthetic_city(const SyntheticCitySpec& spec);

}  // namespace streetwise
