#include "sim/city/synthetic_city.hpp"

#include "sim/core/counter_rng.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace streetwise {
namespace {

// Each kind of random decision draws from its own CounterRng entity, so adding or changing one
// decision never shifts the draws of another (and the city stays comparable across versions).
enum class Decision : std::uint32_t {
    jitter = 1,
    street_removal = 2,
    lux = 3,
    wiggle = 4,
    park_diagonal = 5,
    place_shuffle = 6,  // one shuffle per plant() call, numbered in call order
    place_end = 7,
};

// Lighting in lux (average illuminance at night). Arterials and the centre are lit to city-centre
// standards; side streets vary; parks are unlit. The offender model calls a node dark below
// offenders.dark_lux_threshold (5 lux by default).
constexpr float primary_lux = 30.0f;
constexpr float secondary_lux = 20.0f;
constexpr float centre_lux = 20.0f;
constexpr float nightlife_lux = 25.0f;
constexpr float residential_min_lux = 5.0f;  // lit residential streets: uniform in [5, 15]
constexpr float residential_max_lux = 15.0f;
constexpr double residential_unlit_share = 0.10;
constexpr float industrial_min_lux = 5.0f;  // lit industrial streets: uniform in [5, 10]
constexpr float industrial_max_lux = 10.0f;
constexpr double industrial_unlit_share = 0.40;

// Place counts for the default 24 x 24 blocks (about 20,000 residents); scaled by block count.
constexpr double reference_blocks = 24.0 * 24.0;
struct PlaceQuota {
    PlaceKind kind;
    int reference_count;
};
constexpr std::array<PlaceQuota, place_kind_count> place_quotas{{
    {PlaceKind::shop, 150},
    {PlaceKind::bar, 40},
    {PlaceKind::nightclub, 8},
    {PlaceKind::transit_stop, 20},
    {PlaceKind::police_station, 2},
    {PlaceKind::school, 10},
    {PlaceKind::park, 6},
    {PlaceKind::workplace, 200},
}};

constexpr std::uint16_t district_id(SyntheticDistrict d) { return static_cast<std::uint16_t>(d); }

constexpr std::array<SyntheticDistrict, 4> residential_districts{
    SyntheticDistrict::northfield, SyntheticDistrict::eastbrook, SyntheticDistrict::southgate,
    SyntheticDistrict::westend};

std::vector<District> synthetic_districts() {
    return {
        {"City Centre", LandUse::commercial}, {"Old Quarter", LandUse::nightlife},
        {"Northfield", LandUse::residential}, {"Eastbrook", LandUse::residential},
        {"Southgate", LandUse::residential},  {"Westend", LandUse::residential},
        {"Docklands", LandUse::industrial},   {"Central Park", LandUse::park},
    };
}

// Name stems for side streets; when a city has more grid lines than stems, a number is appended.
constexpr std::array<const char*, 30> street_stems{
    "Lilac",  "Oak",    "Maple",   "Cedar", "Elm",   "Willow", "Birch",  "Chestnut", "Rowan",   "Hazel",
    "Juniper", "Laurel", "Poplar", "Aspen", "Alder", "Linden", "Magnolia", "Holly",  "Ivy",     "Rose",
    "Tulip",  "Violet", "Jasmine", "Heather", "Fern", "Clover", "Daisy",  "Iris",     "Primrose", "Thistle"};
constexpr std::array<const char*, 30> avenue_stems{
    "Mill",   "Market", "Church", "Station", "Bridge", "River",  "Harbour", "Castle", "Garden", "Orchard",
    "Meadow", "Quarry", "Forge",  "Canal",   "School", "Chapel", "Hill",    "Spring", "Abbey",  "Tower",
    "Granary", "Foundry", "Ferry", "Brewery", "Priory", "Tannery", "Cooper", "Weaver", "Mason",  "Lantern"};

std::string side_street_name(const std::array<const char*, 30>& stems, int line, const char* suffix) {
    const auto stem_count = static_cast<int>(stems.size());
    std::string name = std::string(stems[static_cast<std::size_t>(line % stem_count)]) + " " + suffix;
    if (line >= stem_count) name += " " + std::to_string(line / stem_count + 1);
    return name;
}

// The layout in block (cell) coordinates: cell (a, b) is the block between grid lines a and a+1
// (west-east) and b and b+1 (south-north). Rectangles are sized as fractions of the city so the
// layout scales; at 24 x 24 blocks the centre is 6 x 6 blocks.
struct Layout {
    int blocks_x = 0;
    int blocks_y = 0;
    int centre_x0 = 0, centre_w = 0, centre_y0 = 0, centre_h = 0;
    std::vector<std::uint16_t> cell_district;  // blocks_x * blocks_y

    std::uint16_t cell(int a, int b) const { return cell_district[static_cast<std::size_t>(b * blocks_x + a)]; }

    // Arterials run along whole grid lines: the two main axes through the centre (primary) and the
    // lines bounding the centre (secondary), which form a ring of boulevards around downtown.
    RoadClass line_class(int line, int centre_start, int centre_size, int blocks) const {
        if (line == blocks / 2) return RoadClass::primary;
        if (line == centre_start || line == centre_start + centre_size) return RoadClass::secondary;
        return RoadClass::residential;
    }
    RoadClass vertical_line_class(int i) const { return line_class(i, centre_x0, centre_w, blocks_x); }
    RoadClass horizontal_line_class(int j) const { return line_class(j, centre_y0, centre_h, blocks_y); }
};

int scaled_size(int blocks, double fraction) {
    return std::max(1, static_cast<int>(std::lround(blocks * fraction)));
}

Layout make_layout(int blocks_x, int blocks_y) {
    Layout layout;
    layout.blocks_x = blocks_x;
    layout.blocks_y = blocks_y;
    layout.cell_district.assign(static_cast<std::size_t>(blocks_x * blocks_y), 0);
    auto paint = [&](int x0, int y0, int w, int h, SyntheticDistrict d) {
        for (int b = std::max(0, y0); b < std::min(blocks_y, y0 + h); ++b) {
            for (int a = std::max(0, x0); a < std::min(blocks_x, x0 + w); ++a) {
                layout.cell_district[static_cast<std::size_t>(b * blocks_x + a)] = district_id(d);
            }
        }
    };

    // Residential everywhere first, by compass sector seen from the middle of the city.
    for (int b = 0; b < blocks_y; ++b) {
        for (int a = 0; a < blocks_x; ++a) {
            const double dx = (a + 0.5) / blocks_x - 0.5;
            const double dy = (b + 0.5) / blocks_y - 0.5;
            SyntheticDistrict d = SyntheticDistrict::westend;
            if (std::abs(dy) >= std::abs(dx)) {
                d = dy > 0 ? SyntheticDistrict::northfield : SyntheticDistrict::southgate;
            } else if (dx > 0) {
                d = SyntheticDistrict::eastbrook;
            }
            paint(a, b, 1, 1, d);
        }
    }
    // Then the special districts on top; later ones win where small cities make them overlap.
    layout.centre_w = scaled_size(blocks_x, 0.25);
    layout.centre_h = scaled_size(blocks_y, 0.25);
    layout.centre_x0 = (blocks_x - layout.centre_w) / 2;
    layout.centre_y0 = (blocks_y - layout.centre_h) / 2;

    // Industry in the south-east corner, away from the centre (as along a river or railway).
    const int industrial_w = scaled_size(blocks_x, 0.25);
    const int industrial_h = scaled_size(blocks_y, 0.25);
    paint(blocks_x - industrial_w, 0, industrial_w, industrial_h, SyntheticDistrict::industrial);

    // The park north-west of the centre, one block of houses between them.
    const int park_w = scaled_size(blocks_x, 1.0 / 6.0);
    const int park_h = scaled_size(blocks_y, 1.0 / 6.0);
    const int park_x0 = std::max(0, layout.centre_x0 - park_w - 1);
    const int park_y0 = std::min(blocks_y - park_h, layout.centre_y0 + layout.centre_h);
    paint(park_x0, park_y0, park_w, park_h, SyntheticDistrict::park);

    paint(layout.centre_x0, layout.centre_y0, layout.centre_w, layout.centre_h, SyntheticDistrict::centre);

    // The nightlife quarter adjoins the centre on its east side.
    const int nightlife_w = scaled_size(blocks_x, 0.125);
    const int nightlife_h = std::max(1, static_cast<int>(std::lround(layout.centre_h * 2.0 / 3.0)));
    const int nightlife_x0 = std::min(layout.centre_x0 + layout.centre_w, blocks_x - nightlife_w);
    const int nightlife_y0 = layout.centre_y0 + (layout.centre_h - nightlife_h) / 2;
    paint(nightlife_x0, nightlife_y0, nightlife_w, nightlife_h, SyntheticDistrict::nightlife);
    return layout;
}

// A street between two blocks belongs to the more central of their districts, so the centre and
// the nightlife quarter own their boundary streets. A street is a park path only when the park is
// on both sides (or on its one side, at the city edge): streets along a park stay ordinary streets.
std::uint16_t street_district(std::uint16_t side_a, std::uint16_t side_b) {
    constexpr std::array<SyntheticDistrict, synthetic_district_count> priority{
        SyntheticDistrict::nightlife, SyntheticDistrict::centre,    SyntheticDistrict::industrial,
        SyntheticDistrict::northfield, SyntheticDistrict::eastbrook, SyntheticDistrict::southgate,
        SyntheticDistrict::westend,   SyntheticDistrict::park};
    for (const SyntheticDistrict d : priority) {
        if (side_a == district_id(d) || side_b == district_id(d)) return district_id(d);
    }
    return side_a;
}

// Walking length: streets are not ruler-straight, so side streets are up to 3% and park paths up
// to 8% longer than the straight line; never shorter (rounding to float is corrected upwards).
float walking_length_m(const CityDraft& draft, std::uint32_t from, std::uint32_t to, double detour_factor) {
    const double dx = draft.node_x_m[to] - draft.node_x_m[from];
    const double dy = draft.node_y_m[to] - draft.node_y_m[from];
    // sqrt, not hypot: IEEE sqrt is correctly rounded on every platform, so the fingerprint is too.
    const double straight = std::sqrt(dx * dx + dy * dy);
    const double walked = straight * detour_factor;
    auto length = static_cast<float>(walked);
    if (static_cast<double>(length) < walked) length = std::nextafter(length, std::numeric_limits<float>::infinity());
    return length;
}

float round_to_half_lux(double lux) { return static_cast<float>(std::round(lux * 2.0) / 2.0); }

// Union-find over the draft, to put places only where make_synthetic_city will keep them.
std::vector<bool> largest_component_segments(const CityDraft& draft) {
    std::vector<std::uint32_t> parent(draft.node_x_m.size());
    std::iota(parent.begin(), parent.end(), 0u);
    auto find = [&](std::uint32_t v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    };
    for (const auto& s : draft.segments) {
        const std::uint32_t a = find(s.from);
        const std::uint32_t b = find(s.to);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
    // Largest by node count, ties to the lowest node id: the same rule as City::build.
    std::vector<bool> touched(parent.size(), false);
    for (const auto& s : draft.segments) touched[s.from] = touched[s.to] = true;
    std::vector<std::uint32_t> nodes_per_root(parent.size(), 0);
    for (std::uint32_t v = 0; v < parent.size(); ++v)
        if (touched[v]) ++nodes_per_root[find(v)];
    const auto largest = static_cast<std::uint32_t>(
        std::max_element(nodes_per_root.begin(), nodes_per_root.end()) - nodes_per_root.begin());
    std::vector<bool> kept(draft.segments.size());
    for (std::size_t s = 0; s < draft.segments.size(); ++s) kept[s] = find(draft.segments[s].from) == largest;
    return kept;
}

void validate(const SyntheticCitySpec& spec) {
    auto fail = [](const std::string& what) { throw std::invalid_argument("synthetic city: " + what); };
    if (spec.blocks_x < 3 || spec.blocks_y < 3 || spec.blocks_x > 1000 || spec.blocks_y > 1000) {
        fail("blocks_x and blocks_y must be between 3 and 1000, got " + std::to_string(spec.blocks_x) + " x " +
             std::to_string(spec.blocks_y));
    }
    if (!(spec.block_length_m > 0.0) || !std::isfinite(spec.block_length_m)) {
        fail("block_length_m must be a positive number of metres");
    }
    if (!(spec.jitter_m >= 0.0) || spec.jitter_m > spec.block_length_m / 4.0) {
        fail("jitter_m must be between 0 and block_length_m / 4 (" + std::to_string(spec.block_length_m / 4.0) +
             " m) so that streets never cross, got " + std::to_string(spec.jitter_m));
    }
    if (!(spec.missing_street_fraction >= 0.0) || spec.missing_street_fraction > 0.5) {
        fail("missing_street_fraction must be between 0 and 0.5, got " + std::to_string(spec.missing_street_fraction));
    }
}

// Candidate streets for places, by district, on the largest component only.
struct Candidates {
    std::array<std::vector<std::uint32_t>, synthetic_district_count> streets;  // park: its footways
    std::vector<std::uint32_t> arterials;  // grid-line order, so evenly spaced picks spread out
    std::vector<std::uint32_t> all;
};

class PlacePlanter {
public:
    PlacePlanter(CityDraft& draft, const CounterRng& rng, const Candidates& candidates)
        : draft_(draft), rng_(rng), candidates_(candidates) {}

    // Puts count places of a kind on streets drawn without replacement (cycling when the list is
    // short) from the list, falling back to the centre and then to any street in small cities.
    // Places are named "<name> <n>", n counting per kind, or just "<name>" when not numbered.
    void plant(PlaceKind kind, const std::vector<std::uint32_t>& streets, int count, const std::string& name,
               bool numbered = true) {
        if (count <= 0) return;
        const std::vector<std::uint32_t>& pool =
            !streets.empty() ? streets
            : !candidates_.streets[district_id(SyntheticDistrict::centre)].empty()
                ? candidates_.streets[district_id(SyntheticDistrict::centre)]
                : candidates_.all;
        std::vector<std::uint32_t> order = pool;
        const std::uint32_t shuffle = shuffle_count_++;
        for (std::size_t k = order.size(); k > 1; --k) {
            const std::uint32_t pick = rng_.below(static_cast<std::uint32_t>(k),
                                                  static_cast<std::uint32_t>(Decision::place_shuffle), shuffle,
                                                  static_cast<std::uint32_t>(k));
            std::swap(order[k - 1], order[pick]);
        }
        for (int n = 0; n < count; ++n) {
            const std::uint32_t segment = order[static_cast<std::size_t>(n) % order.size()];
            add(kind, segment, pick_end(segment), numbered ? numbered_name(kind, name) : name);
        }
    }

    // Evenly spaced along the list (which is in street order), for stops along arterials.
    void plant_evenly(PlaceKind kind, const std::vector<std::uint32_t>& streets, int count,
                      const std::string& name_prefix) {
        if (count <= 0) return;
        if (streets.empty()) {
            plant(kind, streets, count, name_prefix);
            return;
        }
        for (int n = 0; n < count; ++n) {
            const auto position = static_cast<std::size_t>((n + 0.5) * static_cast<double>(streets.size()) / count);
            const std::uint32_t segment = streets[std::min(position, streets.size() - 1)];
            add(kind, segment, pick_end(segment), numbered_name(kind, name_prefix));
        }
    }

    void add(PlaceKind kind, std::uint32_t segment, std::uint32_t node, std::string name) {
        draft_.places.push_back(Place{kind, segment, node, std::move(name)});
    }

private:
    std::string numbered_name(PlaceKind kind, const std::string& name) {
        return name + " " + std::to_string(++numbered_[static_cast<std::size_t>(kind)]);
    }

    std::uint32_t pick_end(std::uint32_t segment) {
        const auto& s = draft_.segments[segment];
        const auto place_index = static_cast<std::uint32_t>(draft_.places.size());
        return rng_.below(2, static_cast<std::uint32_t>(Decision::place_end), place_index) == 0 ? s.from : s.to;
    }

    CityDraft& draft_;
    const CounterRng& rng_;
    const Candidates& candidates_;
    std::uint32_t shuffle_count_ = 0;
    std::array<int, place_kind_count> numbered_{};
};

int scaled_count(int reference_count, double scale) {
    return std::max(1, static_cast<int>(std::lround(reference_count * scale)));
}

int share(int count, double fraction) { return static_cast<int>(std::lround(count * fraction)); }

}  // namespace

CityDraft make_synthetic_draft(const SyntheticCitySpec& spec) {
    validate(spec);
    const CounterRng rng(spec.seed, RngStream::city_generation);
    const int blocks_x = spec.blocks_x;
    const int blocks_y = spec.blocks_y;
    const int nodes_x = blocks_x + 1;
    const int nodes_y = blocks_y + 1;
    const double block_m = spec.block_length_m;
    const Layout layout = make_layout(blocks_x, blocks_y);
    auto node_id = [nodes_x](int i, int j) { return static_cast<std::uint32_t>(j * nodes_x + i); };

    CityDraft draft;
    draft.name = "synthetic " + std::to_string(blocks_x) + "x" + std::to_string(blocks_y) + " blocks (seed " +
                 std::to_string(spec.seed) + ")";
    draft.districts = synthetic_districts();

    // Intersections, each moved independently so streets meet at slightly irregular angles.
    const auto node_count = static_cast<std::size_t>(nodes_x) * static_cast<std::size_t>(nodes_y);
    draft.node_x_m.resize(node_count);
    draft.node_y_m.resize(node_count);
    for (int j = 0; j < nodes_y; ++j) {
        for (int i = 0; i < nodes_x; ++i) {
            const std::uint32_t id = node_id(i, j);
            const auto jitter = static_cast<std::uint32_t>(Decision::jitter);
            draft.node_x_m[id] = i * block_m + spec.jitter_m * (2.0 * rng.uniform(jitter, id, 0) - 1.0);
            draft.node_y_m[id] = j * block_m + spec.jitter_m * (2.0 * rng.uniform(jitter, id, 1) - 1.0);
        }
    }

    // Street names: one per grid line, as in planned cities.
    auto add_name = [&draft](std::string name) {
        draft.street_names.push_back(std::move(name));
        return static_cast<std::uint32_t>(draft.street_names.size() - 1);
    };
    std::vector<std::uint32_t> horizontal_name(static_cast<std::size_t>(nodes_y));
    std::vector<std::uint32_t> vertical_name(static_cast<std::size_t>(nodes_x));
    for (int j = 0, side = 0; j < nodes_y; ++j) {
        const RoadClass c = layout.horizontal_line_class(j);
        horizontal_name[static_cast<std::size_t>(j)] = add_name(
            c == RoadClass::primary     ? std::string("Main Street")
            : c == RoadClass::secondary ? std::string(j == layout.centre_y0 ? "South Boulevard" : "North Boulevard")
                                        : side_street_name(street_stems, side++, "Street"));
    }
    for (int i = 0, side = 0; i < nodes_x; ++i) {
        const RoadClass c = layout.vertical_line_class(i);
        vertical_name[static_cast<std::size_t>(i)] = add_name(
            c == RoadClass::primary     ? std::string("Grand Avenue")
            : c == RoadClass::secondary ? std::string(i == layout.centre_x0 ? "West Boulevard" : "East Boulevard")
                                        : side_street_name(avenue_stems, side++, "Avenue"));
    }
    const std::uint32_t park_path_name = add_name("Central Park Walk");

    // Grid streets. side_a/side_b are the blocks on either side (-1 beyond the city edge).
    struct GridStreet {
        std::uint32_t from, to;
        RoadClass line_class;
        std::uint32_t name;
        int side_a, side_b;
    };
    std::vector<GridStreet> grid;
    grid.reserve(2 * node_count);
    auto cell_or_none = [&layout](int a, int b) {
        const bool outside = a < 0 || b < 0 || a >= layout.blocks_x || b >= layout.blocks_y;
        return outside ? -1 : static_cast<int>(layout.cell(a, b));
    };
    for (int j = 0; j < nodes_y; ++j) {
        for (int i = 0; i < nodes_x; ++i) {
            if (i + 1 < nodes_x) {
                grid.push_back({node_id(i, j), node_id(i + 1, j), layout.horizontal_line_class(j),
                                horizontal_name[static_cast<std::size_t>(j)], cell_or_none(i, j - 1),
                                cell_or_none(i, j)});
            }
            if (j + 1 < nodes_y) {
                grid.push_back({node_id(i, j), node_id(i, j + 1), layout.vertical_line_class(i),
                                vertical_name[static_cast<std::size_t>(i)], cell_or_none(i - 1, j),
                                cell_or_none(i, j)});
            }
        }
    }

    auto district_of = [](const GridStreet& g) {
        const int a = g.side_a >= 0 ? g.side_a : g.side_b;
        const int b = g.side_b >= 0 ? g.side_b : g.side_a;
        return street_district(static_cast<std::uint16_t>(a), static_cast<std::uint16_t>(b));
    };
    const std::uint16_t park = district_id(SyntheticDistrict::park);
    auto is_arterial = [](RoadClass c) { return c == RoadClass::primary || c == RoadClass::secondary; };

    // Remove exactly round(fraction * grid streets) side streets, chosen by random priority.
    // Arterials stay, so the city keeps its skeleton, and park paths stay, so the park stays walkable.
    std::vector<bool> removed(grid.size(), false);
    {
        std::vector<std::pair<std::uint64_t, std::uint32_t>> removable;
        for (std::size_t g = 0; g < grid.size(); ++g) {
            if (is_arterial(grid[g].line_class) || district_of(grid[g]) == park) continue;
            const auto street = static_cast<std::uint32_t>(g);
            removable.emplace_back(rng.bits(static_cast<std::uint32_t>(Decision::street_removal), street), street);
        }
        std::sort(removable.begin(), removable.end());
        const auto target =
            static_cast<std::size_t>(std::llround(spec.missing_street_fraction * static_cast<double>(grid.size())));
        for (std::size_t k = 0; k < std::min(target, removable.size()); ++k) removed[removable[k].second] = true;
    }

    auto uniform = [&rng](Decision d, std::size_t index, std::uint32_t draw) {
        return rng.uniform(static_cast<std::uint32_t>(d), static_cast<std::uint32_t>(index), draw);
    };
    draft.segments.reserve(grid.size() + static_cast<std::size_t>(blocks_x * blocks_y / 10));
    for (std::size_t g = 0; g < grid.size(); ++g) {
        if (removed[g]) continue;
        const GridStreet& street = grid[g];
        CityDraft::Segment s;
        s.from = street.from;
        s.to = street.to;
        s.district = district_of(street);
        s.land_use = draft.districts[s.district].land_use;
        s.name = street.name;
        const auto district = static_cast<SyntheticDistrict>(s.district);
        double detour = 1.0 + 0.03 * uniform(Decision::wiggle, g, 0);
        if (is_arterial(street.line_class)) {
            s.road_class = street.line_class;
            s.lux = street.line_class == RoadClass::primary ? primary_lux : secondary_lux;
            detour = 1.0;  // arterials are straight
        } else if (district == SyntheticDistrict::park) {
            s.road_class = RoadClass::footway;
            s.lux = 0.0f;
            s.name = park_path_name;
            detour = 1.0 + 0.08 * uniform(Decision::wiggle, g, 0);
        } else if (district == SyntheticDistrict::centre || district == SyntheticDistrict::nightlife) {
            s.road_class = RoadClass::tertiary;
            s.lux = district == SyntheticDistrict::centre ? centre_lux : nightlife_lux;
        } else if (district == SyntheticDistrict::industrial) {
            s.road_class = RoadClass::unclassified;
            s.lux = uniform(Decision::lux, g, 0) < industrial_unlit_share
                        ? 0.0f
                        : round_to_half_lux(industrial_min_lux +
                                            (industrial_max_lux - industrial_min_lux) * uniform(Decision::lux, g, 1));
        } else {
            s.road_class = RoadClass::residential;
            s.lux = uniform(Decision::lux, g, 0) < residential_unlit_share
                        ? 0.0f
                        : round_to_half_lux(residential_min_lux +
                                            (residential_max_lux - residential_min_lux) * uniform(Decision::lux, g, 1));
        }
        s.length_m = walking_length_m(draft, s.from, s.to, detour);
        draft.segments.push_back(s);
    }

    // Diagonal footways across each park block, in a random direction, so the park is crossed by
    // paths rather than a street grid.
    for (int b = 0; b < blocks_y; ++b) {
        for (int a = 0; a < blocks_x; ++a) {
            if (layout.cell(a, b) != park) continue;
            const auto cell_index = static_cast<std::size_t>(b * blocks_x + a);
            const bool rising = uniform(Decision::park_diagonal, cell_index, 0) < 0.5;
            CityDraft::Segment s;
            s.from = rising ? node_id(a, b) : node_id(a + 1, b);
            s.to = rising ? node_id(a + 1, b + 1) : node_id(a, b + 1);
            s.road_class = RoadClass::footway;
            s.lux = 0.0f;
            s.land_use = LandUse::park;
            s.district = park;
            s.name = park_path_name;
            const double detour = 1.0 + 0.08 * uniform(Decision::park_diagonal, cell_index, 1);
            s.length_m = walking_length_m(draft, s.from, s.to, detour);
            draft.segments.push_back(s);
        }
    }

    // The transit hub sits where the two main axes cross; its streets form the station forecourt.
    const std::uint32_t hub_node = node_id(blocks_x / 2, blocks_y / 2);
    std::uint32_t hub_segment = std::numeric_limits<std::uint32_t>::max();
    for (std::uint32_t k = 0; k < draft.segments.size(); ++k) {
        auto& s = draft.segments[k];
        if (s.from != hub_node && s.to != hub_node) continue;
        s.land_use = LandUse::transit;
        if (hub_segment == std::numeric_limits<std::uint32_t>::max()) hub_segment = k;
    }

    // Candidate streets for places.
    const std::vector<bool> kept = largest_component_segments(draft);
    Candidates candidates;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> arterials_in_line_order;
    for (std::uint32_t k = 0; k < draft.segments.size(); ++k) {
        if (!kept[k]) continue;
        const auto& s = draft.segments[k];
        candidates.all.push_back(k);
        if (s.from == hub_node || s.to == hub_node) continue;  // the hub has its own place
        if (is_arterial(s.road_class)) {
            // Along the line: horizontal streets by (row, column), vertical ones after them by (column, row).
            const std::uint32_t lo = std::min(s.from, s.to);
            const bool horizontal = std::max(s.from, s.to) - lo == 1;
            const auto row = lo / static_cast<std::uint32_t>(nodes_x);
            const auto column = lo % static_cast<std::uint32_t>(nodes_x);
            const std::uint64_t key = horizontal ? (std::uint64_t{row} << 32 | column)
                                                 : (std::uint64_t{1} << 63 | std::uint64_t{column} << 32 | row);
            arterials_in_line_order.emplace_back(key, k);
        }
        if (s.district == park && s.road_class != RoadClass::footway) continue;  // arterial crossing the park
        candidates.streets[s.district].push_back(k);
    }
    std::sort(arterials_in_line_order.begin(), arterials_in_line_order.end());
    for (const auto& entry : arterials_in_line_order) candidates.arterials.push_back(entry.second);

    std::vector<std::uint32_t> residential_streets;
    for (const SyntheticDistrict d : residential_districts) {
        const auto& streets = candidates.streets[district_id(d)];
        residential_streets.insert(residential_streets.end(), streets.begin(), streets.end());
    }
    auto streets_of = [&candidates](SyntheticDistrict d) -> const std::vector<std::uint32_t>& {
        return candidates.streets[district_id(d)];
    };

    const double scale = blocks_x * blocks_y / reference_blocks;
    std::array<int, place_kind_count> count{};
    for (const PlaceQuota& quota : place_quotas) {
        count[static_cast<std::size_t>(quota.kind)] = scaled_count(quota.reference_count, scale);
    }
    auto count_of = [&count](PlaceKind kind) { return count[static_cast<std::size_t>(kind)]; };
    // Round-robin over the residential districts, so that each gets its share of local places.
    auto neighbourhood = [&streets_of](int n) -> const std::vector<std::uint32_t>& {
        return streets_of(residential_districts[static_cast<std::size_t>(n) % residential_districts.size()]);
    };

    PlacePlanter planter(draft, rng, candidates);

    // Transit: the hub, then stops spread evenly along the arterials.
    if (hub_segment != std::numeric_limits<std::uint32_t>::max()) {
        planter.add(PlaceKind::transit_stop, hub_segment, hub_node, "Central Station");
    }
    planter.plant_evenly(PlaceKind::transit_stop, candidates.arterials, count_of(PlaceKind::transit_stop) - 1, "Stop");

    // Police: the main station downtown, the others spread over the residential districts.
    planter.plant(PlaceKind::police_station, streets_of(SyntheticDistrict::centre), 1, "Central Police Station", false);
    for (int n = 1; n < count_of(PlaceKind::police_station); ++n) {
        planter.plant(PlaceKind::police_station, neighbourhood(n - 1), 1, "Police Station");
    }

    // Shops mostly downtown, some in the nightlife quarter and corner shops in the neighbourhoods.
    const int shops = count_of(PlaceKind::shop);
    const int centre_shops = share(shops, 0.6);
    const int nightlife_shops = share(shops, 0.1);
    planter.plant(PlaceKind::shop, streets_of(SyntheticDistrict::centre), centre_shops, "Shop");
    planter.plant(PlaceKind::shop, streets_of(SyntheticDistrict::nightlife), nightlife_shops, "Shop");
    planter.plant(PlaceKind::shop, residential_streets, shops - centre_shops - nightlife_shops, "Shop");

    const int bars = count_of(PlaceKind::bar);
    const int nightlife_bars = share(bars, 0.75);
    planter.plant(PlaceKind::bar, streets_of(SyntheticDistrict::nightlife), nightlife_bars, "Bar");
    planter.plant(PlaceKind::bar, streets_of(SyntheticDistrict::centre), bars - nightlife_bars, "Bar");
    planter.plant(PlaceKind::nightclub, streets_of(SyntheticDistrict::nightlife), count_of(PlaceKind::nightclub),
                  "Club");

    // Schools and pocket parks in the neighbourhoods; the rest of the parks are Central Park's entrances.
    for (int n = 0; n < count_of(PlaceKind::school); ++n) {
        planter.plant(PlaceKind::school, neighbourhood(n), 1, "School");
    }
    const int parks = count_of(PlaceKind::park);
    const int central_park_entrances = std::max(1, share(parks, 1.0 / 3.0));
    planter.plant(PlaceKind::park, streets_of(SyntheticDistrict::park), central_park_entrances, "Central Park", false);
    for (int n = 0; n < parks - central_park_entrances; ++n) {
        planter.plant(PlaceKind::park, neighbourhood(n), 1, "Park");
    }

    const int workplaces = count_of(PlaceKind::workplace);
    const int centre_workplaces = share(workplaces, 0.45);
    const int industrial_workplaces = share(workplaces, 0.40);
    planter.plant(PlaceKind::workplace, streets_of(SyntheticDistrict::centre), centre_workplaces, "Workplace");
    planter.plant(PlaceKind::workplace, streets_of(SyntheticDistrict::industrial), industrial_workplaces, "Workplace");
    planter.plant(PlaceKind::workplace, residential_streets, workplaces - centre_workplaces - industrial_workplaces,
                  "Workplace");
    return draft;
}

City make_synthetic_city(const SyntheticCitySpec& spec) { return City::build(make_synthetic_draft(spec), true); }

}  // namespace streetwise
