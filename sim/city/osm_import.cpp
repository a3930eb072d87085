// OpenStreetMap import. All libosmium includes live in this one file: they are slow to compile.
//
// One pass over the extract (nodes, then ways, which is the order OSM files are sorted in):
// libosmium's NodeLocationsForWays gives every way its node coordinates; our Collector keeps the
// walkable ways, the tagged points of interest and the district seeds. Everything after the pass
// (splitting ways into segments, snapping places, land use, districts) is plain C++ on arrays.
#include "sim/city/osm_import.hpp"

#include "sim/city/local_projection.hpp"
#include "sim/core/input_error.hpp"

#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/osm/location.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/tag.hpp>
#include <osmium/osm/way.hpp>
#include <osmium/visitor.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace streetwise {

namespace {

// ---------------------------------------------------------------------------------------------
// Tag rules
// ---------------------------------------------------------------------------------------------

std::string_view tag(const osmium::TagList& tags, const char* key) {
    const char* value = tags[key];
    return value ? std::string_view(value) : std::string_view();
}

template <std::size_t N>
bool is_one_of(std::string_view value, const std::array<std::string_view, N>& options) {
    return std::find(options.begin(), options.end(), value) != options.end();
}

// Average maintained illuminance of a lit street, by road class, from the lighting classes of
// EN 13201-2: C2 (20 lux) for main roads, C3/P1 (15 lux) for minor through roads, P2 (10 lux) for
// residential and pedestrian streets, P3 (7.5 lux) for footpaths, steps and tracks.
constexpr float lux_main_road = 20.0f;
constexpr float lux_minor_road = 15.0f;
constexpr float lux_residential = 10.0f;
constexpr float lux_footpath = 7.5f;

struct StreetKind {
    RoadClass road_class;
    float lux_when_lit;
    bool lit_when_untagged;  // our assumption when the way has no lit=* tag
};

// Which highway=* ways a pedestrian can walk, and what they are. Motorways, construction,
// proposed roads, raceways, bus guideways, corridors and the like are not streets for walking.
std::optional<StreetKind> walkable_street(const osmium::TagList& tags) {
    const std::string_view highway = tag(tags, "highway");
    if (highway.empty()) return std::nullopt;
    // Mapped pedestrian areas (area=yes) are outlines; the ways crossing them carry the walking.
    if (tag(tags, "area") == "yes") return std::nullopt;

    const std::string_view foot = tag(tags, "foot");
    const bool foot_allowed = foot == "yes" || foot == "designated" || foot == "permissive";
    // foot=use_sidepath: the sidewalk is mapped as its own footway, which we import instead.
    if (foot == "no" || foot == "private" || foot == "use_sidepath") return std::nullopt;
    const std::string_view access = tag(tags, "access");
    if ((access == "no" || access == "private") && !foot_allowed) return std::nullopt;

    // Streets and arcades in built-up areas are assumed lit unless tagged otherwise; footpaths,
    // steps, tracks and service roads (driveways, car-park aisles, back lanes) are assumed dark.
    if (highway == "footway" || highway == "path" || highway == "steps" || highway == "track")
        return StreetKind{RoadClass::footway, lux_footpath, false};
    if (highway == "cycleway" || highway == "bridleway") {
        if (!foot_allowed) return std::nullopt;
        return StreetKind{RoadClass::footway, lux_footpath, false};
    }
    if (highway == "pedestrian") return StreetKind{RoadClass::footway, lux_residential, true};
    if (highway == "living_street") return StreetKind{RoadClass::living_street, lux_residential, true};
    if (highway == "residential") return StreetKind{RoadClass::residential, lux_residential, true};
    if (highway == "service") return StreetKind{RoadClass::service, lux_residential, false};
    if (highway == "unclassified" || highway == "road")
        return StreetKind{RoadClass::unclassified, lux_minor_road, true};
    if (highway == "tertiary" || highway == "tertiary_link")
        return StreetKind{RoadClass::tertiary, lux_minor_road, true};
    if (highway == "secondary" || highway == "secondary_link")
        return StreetKind{RoadClass::secondary, lux_main_road, true};
    if (highway == "primary" || highway == "primary_link")
        return StreetKind{RoadClass::primary, lux_main_road, true};
    if (highway == "trunk" || highway == "trunk_link") return StreetKind{RoadClass::trunk, lux_main_road, true};
    return std::nullopt;
}

float street_lux(const osmium::TagList& tags, const StreetKind& kind) {
    const std::string_view lit = tag(tags, "lit");
    if (lit.empty()) {
        // Tunnels and covered passages are lit around the clock.
        const bool covered = tag(tags, "tunnel") == "yes" || tag(tags, "covered") == "yes";
        return (kind.lit_when_untagged || covered) ? kind.lux_when_lit : 0.0f;
    }
    // lit=yes, 24/7, automatic, sunset-sunrise, limited, opening hours...: all mean lamps at night.
    if (lit == "no" || lit == "disused") return 0.0f;
    return kind.lux_when_lit;
}

// A point of interest: what it is, and what it says about the land use of the streets nearby.
struct PoiClass {
    PlaceKind kind;
    std::optional<LandUse> evidence;
    std::uint8_t weight = 1;  // votes it casts for that land use
};

std::optional<PoiClass> classify_poi(const osmium::TagList& tags) {
    const std::string_view amenity = tag(tags, "amenity");
    if (amenity == "police") return PoiClass{PlaceKind::police_station, std::nullopt};
    // A nightclub alone makes a street nightlife; it takes two bars or pubs.
    if (amenity == "nightclub") return PoiClass{PlaceKind::nightclub, LandUse::nightlife, 2};
    if (amenity == "bar" || amenity == "pub" || amenity == "biergarten")
        return PoiClass{PlaceKind::bar, LandUse::nightlife, 1};

    const std::string_view public_transport = tag(tags, "public_transport");
    const std::string_view railway = tag(tags, "railway");
    // Transit land use marks hubs: a station alone (six votes), or an interchange with several
    // stops; one bus stop (typically a platform and a stop position on each side) is not enough.
    if (public_transport == "station" || railway == "station" || amenity == "bus_station" ||
        amenity == "ferry_terminal")
        return PoiClass{PlaceKind::transit_stop, LandUse::transit, 6};
    if (public_transport == "platform" || public_transport == "stop_position" || tag(tags, "highway") == "bus_stop" ||
        railway == "halt" || railway == "tram_stop" || railway == "subway_entrance")
        return PoiClass{PlaceKind::transit_stop, LandUse::transit, 1};

    if (amenity == "school" || amenity == "college" || amenity == "university" || amenity == "kindergarten")
        return PoiClass{PlaceKind::school, std::nullopt};
    const std::string_view leisure = tag(tags, "leisure");
    if (leisure == "park" || leisure == "garden") return PoiClass{PlaceKind::park, LandUse::park, 1};

    const std::string_view shop = tag(tags, "shop");
    if (!shop.empty() && shop != "no" && shop != "vacant") return PoiClass{PlaceKind::shop, LandUse::commercial, 1};

    // Workplaces: offices, trades, and amenities that employ people and draw visitors by day.
    static constexpr std::array<std::string_view, 20> workplace_amenities{
        "restaurant", "cafe",     "fast_food",  "bank",         "hospital",      "clinic",   "doctors",
        "dentist",    "pharmacy", "townhall",   "courthouse",   "library",       "post_office", "theatre",
        "cinema",     "casino",   "marketplace", "community_centre", "arts_centre", "fire_station"};
    if (is_one_of(amenity, workplace_amenities)) return PoiClass{PlaceKind::workplace, LandUse::commercial, 1};
    if (!tag(tags, "office").empty()) return PoiClass{PlaceKind::workplace, LandUse::commercial, 1};
    const std::string_view tourism = tag(tags, "tourism");
    if (tourism == "hotel" || tourism == "museum") return PoiClass{PlaceKind::workplace, LandUse::commercial, 1};
    const std::string_view landuse = tag(tags, "landuse");
    if (tag(tags, "man_made") == "works" || landuse == "industrial" || tag(tags, "building") == "industrial" ||
        tag(tags, "building") == "warehouse")
        return PoiClass{PlaceKind::workplace, LandUse::industrial, 1};
    if (!tag(tags, "craft").empty()) return PoiClass{PlaceKind::workplace, LandUse::commercial, 1};
    // A commercial or retail zone is area-level evidence: as strong as three shops.
    if (landuse == "commercial" || landuse == "retail") return PoiClass{PlaceKind::workplace, LandUse::commercial, 3};
    return std::nullopt;
}

// District seeds, finest last. One level is used per city (see choose_district_level).
std::optional<int> district_level(const osmium::TagList& tags) {
    const std::string_view place = tag(tags, "place");
    if (place == "suburb") return 0;
    if (place == "quarter") return 1;
    if (place == "neighbourhood") return 2;
    return std::nullopt;
}
constexpr int district_level_count = 3;

// ---------------------------------------------------------------------------------------------
// The pass over the file
// ---------------------------------------------------------------------------------------------

struct RawStreet {
    std::size_t first_point;  // into Collector::point_ids / point_locations
    std::size_t point_count;
    RoadClass road_class;
    float lux;
    std::uint32_t name;
};

struct RawPoi {
    PoiClass what;
    osmium::Location location;
    std::string name;
};

struct RawDistrictSeed {
    int level;
    std::string name;
    osmium::Location location;
};

// libosmium (2.19) stores each PBF tag string with its length plus a terminating NUL, but walks
// tag lists with strlen: a key or value with a NUL inside it (only a damaged or hostile PBF has
// one) shifts every later tag, and the walk runs past the end of the list. So the layout is
// checked, bounded by the list's size, before any tag is looked at.
void check_tags_well_formed(const osmium::OSMObject& object) {
    const osmium::TagList& tags = object.tags();
    const auto* at = reinterpret_cast<const char*>(tags.data()) + sizeof(osmium::TagList);
    const auto* end = reinterpret_cast<const char*>(tags.data()) + tags.byte_size();
    while (at < end) {
        for (int key_then_value = 0; key_then_value < 2; ++key_then_value) {
            const void* nul = at < end ? std::memchr(at, '\0', static_cast<std::size_t>(end - at)) : nullptr;
            if (nul == nullptr) {
                throw std::runtime_error(std::string(osmium::item_type_to_name(object.type())) + " " +
                                         std::to_string(object.id()) +
                                         " has a tag whose key or value contains a NUL character");
            }
            at = static_cast<const char*>(nul) + 1;
        }
    }
}

class Collector : public osmium::handler::Handler {
public:
    std::vector<RawStreet> streets;
    std::vector<osmium::object_id_type> point_ids;
    std::vector<osmium::Location> point_locations;  // invalid where the extract lacks the node
    std::vector<std::string> street_names{""};
    std::vector<RawPoi> pois;
    std::vector<RawDistrictSeed> district_seeds;

    void node(const osmium::Node& node) {
        check_tags_well_formed(node);
        const osmium::TagList& tags = node.tags();
        if (tags.empty() || !node.location().valid()) return;  // most nodes are untagged shape points
        note_poi_and_district(tags, node.location());
    }

    void way(const osmium::Way& way) {
        check_tags_well_formed(way);
        const osmium::TagList& tags = way.tags();
        if (tags.empty()) return;
        if (const auto street = walkable_street(tags)) {
            const auto& refs = way.nodes();
            if (refs.size() >= 2) {
                streets.push_back(RawStreet{point_ids.size(), refs.size(), street->road_class,
                                            street_lux(tags, *street), intern_name(tag(tags, "name"))});
                for (const osmium::NodeRef& ref : refs) {
                    point_ids.push_back(ref.ref());
                    point_locations.push_back(ref.location());
                }
            }
        }
        if (classify_poi(tags) || district_level(tags)) {
            if (const auto centroid = way_centroid(way)) note_poi_and_district(tags, *centroid);
        }
    }

private:
    std::unordered_map<std::string, std::uint32_t> name_index_{{"", 0}};

    std::uint32_t intern_name(std::string_view name) {
        const auto [it, inserted] =
            name_index_.try_emplace(std::string(name), static_cast<std::uint32_t>(street_names.size()));
        if (inserted) street_names.emplace_back(name);
        return it->second;
    }

    // Mean of the way's node locations (closing node of a ring counted once): good enough to
    // place a building or a park outline on the street map.
    static std::optional<osmium::Location> way_centroid(const osmium::Way& way) {
        const auto& refs = way.nodes();
        std::size_t count = refs.size();
        if (count >= 2 && refs.front().ref() == refs.back().ref()) --count;
        double sum_lon = 0.0;
        double sum_lat = 0.0;
        std::size_t valid = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const osmium::Location location = refs[i].location();
            if (!location.valid()) continue;
            sum_lon += location.lon();
            sum_lat += location.lat();
            ++valid;
        }
        if (valid == 0) return std::nullopt;
        return osmium::Location(sum_lon / static_cast<double>(valid), sum_lat / static_cast<double>(valid));
    }

    void note_poi_and_district(const osmium::TagList& tags, osmium::Location location) {
        if (const auto what = classify_poi(tags))
            pois.push_back(RawPoi{*what, location, std::string(tag(tags, "name"))});
        if (const auto level = district_level(tags)) {
            const std::string_view name = tag(tags, "name");
            if (!name.empty()) district_seeds.push_back(RawDistrictSeed{*level, std::string(name), location});
        }
    }
};

// ---------------------------------------------------------------------------------------------
// Geometry
// ---------------------------------------------------------------------------------------------

// Local metres of an OSM location (the shared projection: sim/city/local_projection.hpp).
class OsmProjection {
public:
    OsmProjection(double origin_lon, double origin_lat) : projection_(origin_lon, origin_lat) {}
    double x_m(const osmium::Location& location) const { return projection_.x_m(location.lon()); }
    double y_m(const osmium::Location& location) const { return projection_.y_m(location.lat()); }

private:
    LocalProjection projection_;
};

struct Point {
    double x = 0.0;
    double y = 0.0;
};

double distance_m(Point a, Point b) { return std::hypot(a.x - b.x, a.y - b.y); }

// One straight piece of a segment's polyline: what places snap to, so a place beside a curved
// street finds that street and not a straight chord cutting through the block.
struct ShapePiece {
    Point a;
    Point b;
    std::uint32_t segment;
};

double distance_to_piece_m(Point p, const ShapePiece& piece) {
    const double dx = piece.b.x - piece.a.x;
    const double dy = piece.b.y - piece.a.y;
    const double length_sq = dx * dx + dy * dy;
    double t = 0.0;
    if (length_sq > 0.0) t = std::clamp(((p.x - piece.a.x) * dx + (p.y - piece.a.y) * dy) / length_sq, 0.0, 1.0);
    return distance_m(p, Point{piece.a.x + t * dx, piece.a.y + t * dy});
}

// A uniform grid over the shape pieces, so that snapping n places costs O(n) cell visits rather
// than n x segments distance computations. Each piece is listed in every cell its bounding box
// touches; the lists are stored contiguously (CSR) for cache-friendly scans.
class PieceGrid {
public:
    PieceGrid(const std::vector<ShapePiece>& pieces, double cell_m) : pieces_(pieces), cell_m_(cell_m) {
        if (pieces.empty()) {  // nothing to find: every query answers "none"
            cell_start_.assign(1, 0);
            return;
        }
        min_x_ = min_y_ = std::numeric_limits<double>::max();
        double max_x = std::numeric_limits<double>::lowest();
        double max_y = std::numeric_limits<double>::lowest();
        for (const ShapePiece& piece : pieces) {
            min_x_ = std::min({min_x_, piece.a.x, piece.b.x});
            min_y_ = std::min({min_y_, piece.a.y, piece.b.y});
            max_x = std::max({max_x, piece.a.x, piece.b.x});
            max_y = std::max({max_y, piece.a.y, piece.b.y});
        }
        // Keep the cell table modest even for a region-sized extract.
        constexpr double max_cells = 4.0e6;
        while (((max_x - min_x_) / cell_m_ + 1.0) * ((max_y - min_y_) / cell_m_ + 1.0) > max_cells) cell_m_ *= 2.0;
        columns_ = static_cast<std::int64_t>((max_x - min_x_) / cell_m_) + 1;
        rows_ = static_cast<std::int64_t>((max_y - min_y_) / cell_m_) + 1;

        cell_start_.assign(static_cast<std::size_t>(columns_ * rows_) + 1, 0);
        for_each_piece_cell([&](std::size_t cell, std::uint32_t) { ++cell_start_[cell + 1]; });
        for (std::size_t c = 1; c < cell_start_.size(); ++c) cell_start_[c] += cell_start_[c - 1];
        cell_items_.resize(cell_start_.back());
        std::vector<std::uint32_t> fill(cell_start_.begin(), cell_start_.end() - 1);
        for_each_piece_cell([&](std::size_t cell, std::uint32_t piece) { cell_items_[fill[cell]++] = piece; });
    }

    // The nearest piece within max_m of p, searching rings of cells outwards from p's cell and
    // stopping once no unvisited ring can hold anything nearer.
    std::optional<std::pair<std::uint32_t, double>> nearest(Point p, double max_m) const {
        const std::int64_t home_column = column_of(p.x);
        const std::int64_t home_row = row_of(p.y);
        const auto max_ring = static_cast<std::int64_t>(std::ceil(max_m / cell_m_)) + 1;
        std::optional<std::pair<std::uint32_t, double>> best;
        for (std::int64_t ring = 0; ring <= max_ring; ++ring) {
            for (std::int64_t row = home_row - ring; row <= home_row + ring; ++row) {
                const bool edge_row = row == home_row - ring || row == home_row + ring;
                const std::int64_t step = edge_row ? 1 : 2 * ring;
                for (std::int64_t column = home_column - ring; column <= home_column + ring;
                     column += std::max<std::int64_t>(step, 1)) {
                    for_each_in_cell(column, row, [&](std::uint32_t piece) {
                        const double d = distance_to_piece_m(p, pieces_[piece]);
                        if (d <= max_m && (!best || d < best->second)) best = std::make_pair(piece, d);
                    });
                }
            }
            // Anything in ring + 1 or beyond is at least ring * cell_m_ away from p.
            if (best && best->second <= static_cast<double>(ring) * cell_m_) break;
        }
        return best;
    }

    // Calls visit(piece) for every piece in the cells that cover the square of half-side radius_m
    // around p (a piece can be visited more than once; the caller filters by distance).
    template <typename Visit>
    void for_each_near(Point p, double radius_m, Visit&& visit) const {
        for (std::int64_t row = row_of(p.y - radius_m); row <= row_of(p.y + radius_m); ++row)
            for (std::int64_t column = column_of(p.x - radius_m); column <= column_of(p.x + radius_m); ++column)
                for_each_in_cell(column, row, visit);
    }

private:
    const std::vector<ShapePiece>& pieces_;
    double cell_m_;
    double min_x_ = 0.0;
    double min_y_ = 0.0;
    std::int64_t columns_ = 0;
    std::int64_t rows_ = 0;
    std::vector<std::uint32_t> cell_start_;
    std::vector<std::uint32_t> cell_items_;

    std::int64_t column_of(double x) const { return static_cast<std::int64_t>(std::floor((x - min_x_) / cell_m_)); }
    std::int64_t row_of(double y) const { return static_cast<std::int64_t>(std::floor((y - min_y_) / cell_m_)); }

    template <typename Visit>
    void for_each_in_cell(std::int64_t column, std::int64_t row, Visit&& visit) const {
        if (column < 0 || row < 0 || column >= columns_ || row >= rows_) return;
        const auto cell = static_cast<std::size_t>(row * columns_ + column);
        for (std::uint32_t i = cell_start_[cell]; i < cell_start_[cell + 1]; ++i) visit(cell_items_[i]);
    }

    template <typename Visit>
    void for_each_piece_cell(Visit&& visit) const {
        for (std::size_t i = 0; i < pieces_.size(); ++i) {
            const ShapePiece& piece = pieces_[i];
            const std::int64_t c0 = column_of(std::min(piece.a.x, piece.b.x));
            const std::int64_t c1 = column_of(std::max(piece.a.x, piece.b.x));
            const std::int64_t r0 = row_of(std::min(piece.a.y, piece.b.y));
            const std::int64_t r1 = row_of(std::max(piece.a.y, piece.b.y));
            for (std::int64_t row = r0; row <= r1; ++row)
                for (std::int64_t column = c0; column <= c1; ++column)
                    visit(static_cast<std::size_t>(row * columns_ + column), static_cast<std::uint32_t>(i));
        }
    }
};

// ---------------------------------------------------------------------------------------------
// Building the draft
// ---------------------------------------------------------------------------------------------

// Places farther than this from every street are outside the walkable city (or in the sea).
constexpr double max_snap_distance_m = 300.0;
// Points of interest within this distance of a street shape its land use: about a block.
constexpr double land_use_radius_m = 80.0;
// Zero-length segments (two OSM nodes at the same spot) get this length, so that every segment
// has a positive length without changing any route measurably.
constexpr float min_segment_length_m = 0.01f;

std::string city_name_from(const std::filesystem::path& file) {
    std::string name = file.filename().string();
    for (const std::string_view suffix : {".pbf", ".gz", ".bz2", ".osm"}) {
        if (name.size() > suffix.size() && name.ends_with(suffix)) name.resize(name.size() - suffix.size());
    }
    return name;
}

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

const char* const where_to_get_osm =
    "download an OpenStreetMap extract: https://download.geofabrik.de/ for countries and regions, "
    "https://www.openstreetmap.org/export or the Overpass API for a small area, or cut one from a "
    "bigger file with `osmium extract -b LEFT,BOTTOM,RIGHT,TOP big.osm.pbf -o city.osm.pbf`";

void check_file(const std::filesystem::path& file) {
    std::error_code error;
    const auto status = std::filesystem::status(file, error);
    if (!std::filesystem::exists(status))
        throw InputError(file.string(), 0, "", "OpenStreetMap file not found", where_to_get_osm);
    if (std::filesystem::is_directory(status))
        throw InputError(file.string(), 0, "", "is a directory, expected an OpenStreetMap file (.osm or .osm.pbf)",
                         "give the path of the extract file itself");
    const std::string name = lowercase(file.filename().string());
    const bool known = name.ends_with(".osm") || name.ends_with(".pbf") || name.ends_with(".osm.gz") ||
                       name.ends_with(".osm.bz2");
    if (!known)
        throw InputError(file.string(), 0, "",
                         "unknown file type: expected an OpenStreetMap extract ending in .osm (XML) or .osm.pbf "
                         "(.osm.gz and .osm.bz2 also work)",
                         "rename the file if it is an OSM extract, or convert it with `osmium cat in -o city.osm.pbf`");
}

Collector read_file(const std::filesystem::path& file) {
    const std::string corrupt_hint =
        "the file looks truncated or is not an OpenStreetMap extract: download it again (`osmium fileinfo -e "
        "FILE` checks a file)";
    Collector collector;
    try {
        using LocationIndex = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
        LocationIndex positive_ids;
        LocationIndex negative_ids;  // JOSM-style files with new (negative) objects
        osmium::handler::NodeLocationsForWays<LocationIndex, LocationIndex> locations{positive_ids, negative_ids};
        // Ways may reference nodes cut off by the extract's boundary: keep the rest of such ways.
        locations.ignore_errors();
        osmium::io::Reader reader{osmium::io::File{file.string()},
                                  osmium::osm_entity_bits::node | osmium::osm_entity_bits::way,
                                  osmium::io::read_meta::no};
        osmium::apply(reader, locations, collector);
        reader.close();
    } catch (const osmium::xml_error& error) {
        throw InputError(file.string(), static_cast<int>(error.line), "",
                         "not valid OpenStreetMap XML: " + error.error_string, corrupt_hint);
    } catch (const std::exception& error) {
        throw InputError(file.string(), 0, "", std::string("could not read OpenStreetMap data: ") + error.what(),
                         corrupt_hint);
    }
    return collector;
}

// Splits the walkable ways into segments between intersections, with the true polyline length.
// Returns the shape pieces of every segment for snapping.
std::vector<ShapePiece> build_segments(const Collector& osm, const OsmProjection& projection, CityDraft& draft) {
    // A node is a segment boundary where two ways meet, or a way passes it twice.
    std::unordered_map<osmium::object_id_type, std::uint32_t> uses;
    uses.reserve(osm.point_ids.size());
    for (std::size_t i = 0; i < osm.point_ids.size(); ++i)
        if (osm.point_locations[i].valid()) ++uses[osm.point_ids[i]];

    std::unordered_map<osmium::object_id_type, std::uint32_t> node_index;
    auto graph_node = [&](std::size_t point) {
        const auto [it, inserted] =
            node_index.try_emplace(osm.point_ids[point], static_cast<std::uint32_t>(draft.node_x_m.size()));
        if (inserted) {
            draft.node_x_m.push_back(projection.x_m(osm.point_locations[point]));
            draft.node_y_m.push_back(projection.y_m(osm.point_locations[point]));
        }
        return it->second;
    };
    auto point_xy = [&](std::size_t point) {
        return Point{projection.x_m(osm.point_locations[point]), projection.y_m(osm.point_locations[point])};
    };

    std::vector<ShapePiece> pieces;
    pieces.reserve(osm.point_ids.size());
    // Emits the segment along points [first, last] (indices into the point arrays).
    auto emit = [&](const RawStreet& street, std::size_t first, std::size_t last) {
        // Never emit a self-loop: City::build would drop it (and places must not point at it).
        if (osm.point_ids[first] == osm.point_ids[last]) return;
        const auto segment = static_cast<std::uint32_t>(draft.segments.size());
        double length_m = 0.0;
        for (std::size_t i = first; i < last; ++i) {
            const Point a = point_xy(i);
            const Point b = point_xy(i + 1);
            length_m += distance_m(a, b);
            pieces.push_back(ShapePiece{a, b, segment});
        }
        CityDraft::Segment s;
        s.from = graph_node(first);
        s.to = graph_node(last);
        s.length_m = std::max(static_cast<float>(length_m), min_segment_length_m);
        s.road_class = street.road_class;
        s.lux = street.lux;
        s.name = street.name;
        draft.segments.push_back(s);
    };

    for (const RawStreet& street : osm.streets) {
        const std::size_t end = street.first_point + street.point_count;
        std::size_t start = end;  // first point of the segment being walked; end = none open
        for (std::size_t i = street.first_point; i < end; ++i) {
            if (!osm.point_locations[i].valid()) {
                start = end;  // the way leaves the extract: the piece before ends at its last known node
                continue;
            }
            if (start == end) {
                start = i;
                continue;
            }
            if (osm.point_ids[i] == osm.point_ids[i - 1]) continue;  // a doubled node adds nothing
            const bool piece_ends = i + 1 == end || !osm.point_locations[i + 1].valid();
            if (!piece_ends && uses[osm.point_ids[i]] < 2) continue;  // a shape point: keep walking
            if (osm.point_ids[i] == osm.point_ids[start]) {
                // A loop back to where the segment started (a roundabout with one exit, a closed
                // footway): split it at its middle point so it survives as two segments, not a
                // self-loop that the graph would drop.
                const std::size_t middle = start + (i - start) / 2;
                if (middle > start) {
                    emit(street, start, middle);
                    emit(street, middle, i);
                }
            } else {
                emit(street, start, i);
            }
            start = i;
        }
    }
    return pieces;
}

// Marks the segments of the largest connected street network (most nodes; ties: the one holding
// the lowest node id), the same rule City::build uses to keep a single component.
std::vector<bool> in_largest_component(const CityDraft& draft) {
    std::vector<std::uint32_t> parent(draft.node_x_m.size());
    for (std::uint32_t v = 0; v < parent.size(); ++v) parent[v] = v;
    auto find = [&](std::uint32_t v) {
        while (parent[v] != v) v = parent[v] = parent[parent[v]];
        return v;
    };
    for (const auto& segment : draft.segments) {
        const std::uint32_t a = find(segment.from);
        const std::uint32_t b = find(segment.to);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
    std::vector<std::uint32_t> size(parent.size(), 0);
    for (std::uint32_t v = 0; v < parent.size(); ++v) ++size[find(v)];  // every draft node is on a segment
    const auto largest = static_cast<std::uint32_t>(std::max_element(size.begin(), size.end()) - size.begin());
    std::vector<bool> in_largest(draft.segments.size());
    for (std::size_t s = 0; s < draft.segments.size(); ++s) in_largest[s] = find(draft.segments[s].from) == largest;
    return in_largest;
}

// Places snap to the nearest street of the largest connected network: a cafe beside a footway
// fragment that joins nothing should still be reachable (and survive City::build).
void snap_places(const Collector& osm, const OsmProjection& projection, const std::vector<ShapePiece>& pieces,
                 const PieceGrid& grid, CityDraft& draft) {
    for (const RawPoi& poi : osm.pois) {
        const Point p{projection.x_m(poi.location), projection.y_m(poi.location)};
        const auto nearest = grid.nearest(p, max_snap_distance_m);
        if (!nearest) continue;
        const CityDraft::Segment& segment = draft.segments[pieces[nearest->first].segment];
        const Point from{draft.node_x_m[segment.from], draft.node_y_m[segment.from]};
        const Point to{draft.node_x_m[segment.to], draft.node_y_m[segment.to]};
        Place place;
        place.kind = poi.what.kind;
        place.segment = pieces[nearest->first].segment;
        place.node = distance_m(p, from) <= distance_m(p, to) ? segment.from : segment.to;
        place.name = poi.name;
        draft.places.push_back(std::move(place));
    }
}

// Land use of each segment, from the points of interest within land_use_radius_m of it:
//   nightlife   >= 2 votes from bars/pubs (1 each) and nightclubs (2 each)
//   transit     >= 6 votes from stations (6 each) and stops/platforms/stop positions (1 each)
//   commercial  >= 3 votes from shops and workplaces (1 each) and landuse=commercial|retail (3)
//   industrial  >= 1 industrial workplace (man_made=works, landuse=industrial, industrial buildings)
//   park        >= 1 park or garden
//   mixed       any nightlife or commercial vote below those thresholds (a corner shop, a cafe)
//   residential otherwise
// tested in that order, so a shopping street next to a park stays commercial.
void assign_land_use(const Collector& osm, const OsmProjection& projection, const std::vector<ShapePiece>& pieces,
                     const PieceGrid& grid, CityDraft& draft) {
    std::vector<std::array<std::uint16_t, land_use_count>> votes(draft.segments.size());  // zeroed
    std::vector<std::uint32_t> nearby;
    for (const RawPoi& poi : osm.pois) {
        if (!poi.what.evidence) continue;
        const Point p{projection.x_m(poi.location), projection.y_m(poi.location)};
        nearby.clear();
        grid.for_each_near(p, land_use_radius_m, [&](std::uint32_t piece) {
            if (distance_to_piece_m(p, pieces[piece]) <= land_use_radius_m) nearby.push_back(pieces[piece].segment);
        });
        std::sort(nearby.begin(), nearby.end());
        nearby.erase(std::unique(nearby.begin(), nearby.end()), nearby.end());
        for (const std::uint32_t segment : nearby) {
            auto& count = votes[segment][static_cast<std::size_t>(*poi.what.evidence)];
            count = static_cast<std::uint16_t>(std::min<int>(count + poi.what.weight, 60000));
        }
    }
    for (std::size_t s = 0; s < draft.segments.size(); ++s) {
        const auto& v = votes[s];
        auto count = [&](LandUse use) { return v[static_cast<std::size_t>(use)]; };
        LandUse use = LandUse::residential;
        if (count(LandUse::nightlife) >= 2) use = LandUse::nightlife;
        else if (count(LandUse::transit) >= 6) use = LandUse::transit;
        else if (count(LandUse::commercial) >= 3) use = LandUse::commercial;
        else if (count(LandUse::industrial) >= 1) use = LandUse::industrial;
        else if (count(LandUse::park) >= 1) use = LandUse::park;
        else if (count(LandUse::nightlife) + count(LandUse::commercial) >= 1) use = LandUse::mixed;
        draft.segments[s].land_use = use;
    }
}

// Districts: each segment belongs to the nearest seed (a Voronoi partition of the map). Seeds are
// the named place=suburb|quarter|neighbourhood points of the one level with the most names
// (mixing levels would carve a suburb into odd shapes around its own neighbourhoods); points
// sharing a name form one district. Without seeds the whole city is one district.
void assign_districts(const Collector& osm, const OsmProjection& projection, CityDraft& draft) {
    std::array<std::vector<std::string>, district_level_count> names_per_level;
    for (const RawDistrictSeed& seed : osm.district_seeds) {
        auto& names = names_per_level[static_cast<std::size_t>(seed.level)];
        if (std::find(names.begin(), names.end(), seed.name) == names.end()) names.push_back(seed.name);
    }
    std::size_t level = 0;
    for (std::size_t l = 1; l < names_per_level.size(); ++l)
        if (names_per_level[l].size() > names_per_level[level].size()) level = l;
    // District ids are 16-bit; beyond that many, the extra seeds are ignored.
    std::vector<std::string> names = names_per_level[level];
    constexpr std::size_t max_districts = std::numeric_limits<std::uint16_t>::max();
    if (names.size() > max_districts) names.resize(max_districts);

    struct Seed {
        Point at;
        std::uint16_t district;
    };
    std::vector<Seed> seeds;
    for (const RawDistrictSeed& seed : osm.district_seeds) {
        if (static_cast<std::size_t>(seed.level) != level) continue;
        const auto it = std::find(names.begin(), names.end(), seed.name);
        if (it == names.end()) continue;
        seeds.push_back(Seed{Point{projection.x_m(seed.location), projection.y_m(seed.location)},
                             static_cast<std::uint16_t>(it - names.begin())});
    }
    if (seeds.empty()) {
        draft.districts.assign(1, District{draft.name, LandUse::residential});
        for (auto& segment : draft.segments) segment.district = 0;
    } else {
        // Brute force over seeds: a city has tens to a few hundred of them.
        for (auto& segment : draft.segments) {
            const Point middle{(draft.node_x_m[segment.from] + draft.node_x_m[segment.to]) / 2.0,
                               (draft.node_y_m[segment.from] + draft.node_y_m[segment.to]) / 2.0};
            double best = std::numeric_limits<double>::max();
            for (const Seed& seed : seeds) {
                const double d = distance_m(middle, seed.at);
                if (d < best) {
                    best = d;
                    segment.district = seed.district;
                }
            }
        }
        // Drop districts no street falls in (seeds out at sea or beyond the extract's streets).
        std::vector<std::uint32_t> segment_count(names.size(), 0);
        for (const auto& segment : draft.segments) ++segment_count[segment.district];
        std::vector<std::uint16_t> renumber(names.size(), 0);
        for (std::size_t d = 0; d < names.size(); ++d) {
            if (segment_count[d] == 0) continue;
            renumber[d] = static_cast<std::uint16_t>(draft.districts.size());
            draft.districts.push_back(District{names[d], LandUse::residential});
        }
        for (auto& segment : draft.segments) segment.district = renumber[segment.district];
    }

    // A district's land use is the most common one among its segments (ties go to the first in
    // LandUse order).
    std::vector<std::array<std::uint32_t, land_use_count>> counts(draft.districts.size());  // zeroed
    for (const auto& segment : draft.segments) ++counts[segment.district][static_cast<std::size_t>(segment.land_use)];
    for (std::size_t d = 0; d < draft.districts.size(); ++d) {
        const auto& c = counts[d];
        draft.districts[d].land_use = static_cast<LandUse>(std::max_element(c.begin(), c.end()) - c.begin());
    }
}

}  // namespace

CityDraft import_osm(const std::filesystem::path& file) {
    check_file(file);
    const Collector osm = read_file(file);

    // The origin of the local frame is the centre of the streets' bounding box.
    double min_lon = 180.0, max_lon = -180.0, min_lat = 90.0, max_lat = -90.0;
    bool any_street = false;
    for (const osmium::Location& location : osm.point_locations) {
        if (!location.valid()) continue;
        any_street = true;
        min_lon = std::min(min_lon, location.lon());
        max_lon = std::max(max_lon, location.lon());
        min_lat = std::min(min_lat, location.lat());
        max_lat = std::max(max_lat, location.lat());
    }
    if (!any_street)
        throw InputError(file.string(), 0, "", "no walkable streets found (highway=* ways)",
                         "the extract must contain the street network (ways tagged highway=residential, footway, "
                         "primary, ...) with their nodes; if you cut it yourself, use `osmium extract` with "
                         "--strategy complete_ways, or " +
                             std::string(where_to_get_osm));

    CityDraft draft;
    draft.name = city_name_from(file);
    draft.origin_lon = (min_lon + max_lon) / 2.0;
    draft.origin_lat = (min_lat + max_lat) / 2.0;
    draft.street_names = osm.street_names;
    const OsmProjection projection{draft.origin_lon, draft.origin_lat};

    const std::vector<ShapePiece> pieces = build_segments(osm, projection, draft);
    if (draft.segments.empty())
        throw InputError(file.string(), 0, "", "no walkable streets found (highway=* ways): the street ways have no "
                                               "usable nodes",
                         "the extract's ways reference nodes it does not contain; cut it with `osmium extract "
                         "--strategy complete_ways`, or " + std::string(where_to_get_osm));

    constexpr double grid_cell_m = 100.0;
    const PieceGrid grid{pieces, grid_cell_m};
    const std::vector<bool> in_largest = in_largest_component(draft);
    std::vector<ShapePiece> connected_pieces;
    connected_pieces.reserve(pieces.size());
    std::copy_if(pieces.begin(), pieces.end(), std::back_inserter(connected_pieces),
                 [&](const ShapePiece& piece) { return in_largest[piece.segment]; });
    const PieceGrid connected_grid{connected_pieces, grid_cell_m};
    snap_places(osm, projection, connected_pieces, connected_grid, draft);
    assign_land_use(osm, projection, pieces, grid, draft);
    assign_districts(osm, projection, draft);
    return draft;
}

City import_osm_city(const std::filesystem::path& file) { return City::build(import_osm(file), true); }

}  // namespace streetwise
