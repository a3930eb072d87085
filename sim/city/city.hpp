#pragma once
// The City: an immutable street graph with per-segment attributes, places and districts.
// Built once (OSM import, synthetic generator or lattice), cached, and shared read-only by every
// run, replicate and the visualiser.
#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace streetwise {

// Directed CSR graph over the street network: every street segment appears as two arcs
// (pedestrians walk both ways). Vertex and edge indices are 32-bit to halve memory traffic.
using StreetGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                       boost::no_property, std::uint32_t, std::uint32_t>;

enum class RoadClass : std::uint8_t {
    footway,       // footway, path, pedestrian, steps, cycleway with foot access
    living_street,
    residential,
    service,
    unclassified,
    tertiary,
    secondary,
    primary,
    trunk,
    lattice,       // synthetic lattice street (textbook models, benchmark B1)
};
inline constexpr int road_class_count = 10;
std::string_view to_string(RoadClass road_class);

// What a segment's surroundings are used for; drives where people go and offenders' odds.
enum class LandUse : std::uint8_t { residential, commercial, nightlife, industrial, park, transit, mixed };
inline constexpr int land_use_count = 7;
std::string_view to_string(LandUse land_use);

enum class PlaceKind : std::uint8_t { shop, bar, nightclub, transit_stop, police_station, school, park, workplace };
inline constexpr int place_kind_count = 8;
std::string_view to_string(PlaceKind kind);

// A place of interest snapped to the street network.
struct Place {
    PlaceKind kind = PlaceKind::shop;
    std::uint32_t segment = 0;  // nearest segment
    std::uint32_t node = 0;     // the segment end nearest to the place: where agents arrive
    std::string name;           // may be empty
};

struct District {
    std::string name;
    LandUse land_use = LandUse::mixed;  // dominant use, for display and for the synthetic generator
};

// Everything a city source produces before the graph is built: plain arrays, easy to generate.
struct CityDraft {
    std::string name;
    double origin_lon = 0.0;  // geographic origin of the local metric frame (0,0 for synthetic cities)
    double origin_lat = 0.0;
    std::vector<double> node_x_m;  // local metres, x east
    std::vector<double> node_y_m;  // local metres, y north
    struct Segment {
        std::uint32_t from = 0;
        std::uint32_t to = 0;
        float length_m = 0.0f;
        RoadClass road_class = RoadClass::residential;
        float lux = 0.0f;  // average illuminance at night; 0 = unlit
        LandUse land_use = LandUse::residential;
        std::uint16_t district = 0;
        std::uint32_t name = 0;  // index into street_names; 0 = unnamed ("")
    };
    std::vector<Segment> segments;
    std::vector<std::string> street_names{""};
    std::vector<District> districts;
    std::vector<Place> places;
};

class City {
public:
    // Builds the CSR graph and derived arrays. Self-loops are dropped; with keep_largest_component,
    // only the largest connected component survives (nodes, segments and places are renumbered and
    // places off it are re-snapped or dropped). Throws std::invalid_argument on an empty draft.
    static City build(CityDraft draft, bool keep_largest_component);

    const std::string& name() const { return name_; }
    std::uint32_t node_count() const { return static_cast<std::uint32_t>(node_x_m_.size()); }
    std::uint32_t segment_count() const { return static_cast<std::uint32_t>(segment_from_.size()); }
    const StreetGraph& graph() const { return graph_; }

    // Hot-path adjacency read straight from the CSR graph's arrays (Boost keeps them public as
    // m_forward; reading them avoids iterator overhead in the step loop): arcs of node v are
    // [arc_begin(v), arc_begin(v+1)), arc a leads to arc_target(a) along segment arc_segment(a).
    std::uint32_t arc_begin(std::uint32_t node) const { return graph_.m_forward.m_rowstart[node]; }
    std::uint32_t arc_end(std::uint32_t node) const { return graph_.m_forward.m_rowstart[node + 1]; }
    std::uint32_t degree(std::uint32_t node) const { return arc_end(node) - arc_begin(node); }
    std::uint32_t arc_target(std::uint32_t arc) const { return graph_.m_forward.m_column[arc]; }
    std::uint32_t arc_segment(std::uint32_t arc) const { return arc_segment_[arc]; }
    float arc_length_m(std::uint32_t arc) const { return segment_length_m_[arc_segment_[arc]]; }

    double origin_lon() const { return origin_lon_; }
    double origin_lat() const { return origin_lat_; }
    const std::vector<double>& node_x_m() const { return node_x_m_; }
    const std::vector<double>& node_y_m() const { return node_y_m_; }
    const std::vector<std::uint32_t>& segment_from() const { return segment_from_; }
    const std::vector<std::uint32_t>& segment_to() const { return segment_to_; }
    const std::vector<float>& segment_length_m() const { return segment_length_m_; }
    const std::vector<RoadClass>& segment_road_class() const { return segment_road_class_; }
    const std::vector<float>& segment_lux() const { return segment_lux_; }
    const std::vector<LandUse>& segment_land_use() const { return segment_land_use_; }
    const std::vector<std::uint16_t>& segment_district() const { return segment_district_; }
    const std::vector<std::uint32_t>& segment_name() const { return segment_name_; }
    const std::vector<std::string>& street_names() const { return street_names_; }
    const std::vector<District>& districts() const { return districts_; }
    const std::vector<Place>& places() const { return places_; }

    // Derived per node: brightest incident segment (lux) and the land use most incident segments have.
    const std::vector<float>& node_lux() const { return node_lux_; }
    const std::vector<LandUse>& node_land_use() const { return node_land_use_; }

    // True when every segment has the same length (lattices): routing can then use breadth-first search.
    bool uniform_segment_length() const { return uniform_segment_length_; }
    double total_length_m() const;

    // A 64-bit hash of the geometry and every attribute, stable across platforms and builds:
    // two cities with the same fingerprint give the same simulation.
    std::uint64_t fingerprint() const { return fingerprint_; }
    std::string fingerprint_hex() const;

    // Back to a draft (used by the city cache to serialise, and by tests).
    CityDraft to_draft() const;

private:
    std::string name_;
    double origin_lon_ = 0.0;
    double origin_lat_ = 0.0;
    std::vector<double> node_x_m_, node_y_m_;
    std::vector<std::uint32_t> segment_from_, segment_to_;
    std::vector<float> segment_length_m_;
    std::vector<RoadClass> segment_road_class_;
    std::vector<float> segment_lux_;
    std::vector<LandUse> segment_land_use_;
    std::vector<std::uint16_t> segment_district_;
    std::vector<std::uint32_t> segment_name_;
    std::vector<std::string> street_names_;
    std::vector<District> districts_;
    std::vector<Place> places_;
    StreetGraph graph_;
    std::vector<std::uint32_t> arc_segment_;
    std::vector<float> node_lux_;
    std::vector<LandUse> node_land_use_;
    bool uniform_segment_length_ = false;
    std::uint64_t fingerprint_ = 0;
};

}  // namespace streetwise
