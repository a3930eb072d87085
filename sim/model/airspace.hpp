#pragma once
// Airspace: the plane drones fly in, with no-fly zones (simple polygons, in the city's local metres)
// that can be switched on and off. Drones fly straight lines; a flight whose straight line would
// pass through a zone in force goes around it along the shortest path, which bends only at zone
// corners (a visibility graph over the convex corners, searched with Dijkstra). Corners are used
// pushed a centimetre outward, so a path that follows a zone's edge never touches its inside.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace streetwise {

struct PlanePoint {
    double x_m = 0;
    double y_m = 0;
};

inline double distance_m(PlanePoint a, PlanePoint b) {
    const double dx = a.x_m - b.x_m, dy = a.y_m - b.y_m;
    return std::sqrt(dx * dx + dy * dy);
}

// Geometry used by the airspace and by the tests' checks.
// Whether p is inside the polygon by more than `tolerance_m` (points on or near the boundary are not).
bool strictly_inside(const std::vector<PlanePoint>& polygon, PlanePoint p, double tolerance_m = 1e-6);
// Whether the segment a-b passes through the polygon's inside (touching or running along its
// boundary does not count).
bool segment_enters(const std::vector<PlanePoint>& polygon, PlanePoint a, PlanePoint b);
// Convex hull, counter-clockwise, without collinear points (Andrew's monotone chain).
std::vector<PlanePoint> convex_hull(std::vector<PlanePoint> points);
// The convex hull of `hull` widened by at least `margin_m` everywhere: each corner replaced by an
// octagon circumscribing the circle of radius margin_m around it.
std::vector<PlanePoint> widen_convex(const std::vector<PlanePoint>& hull, double margin_m);
// Degrees to local metres about an origin, with the same equirectangular projection (WGS84 radii of
// curvature at the origin's latitude) as the OSM import, so polygons given in lon/lat land where
// the streets are.
PlanePoint lonlat_to_local(double lon, double lat, double origin_lon, double origin_lat);

class Airspace {
public:
    Airspace() = default;
    // Zones as simple polygons (at least 3 corners, either orientation). All start out of force.
    explicit Airspace(std::vector<std::vector<PlanePoint>> zones);

    std::size_t zone_count() const { return zones_.size(); }
    const std::vector<PlanePoint>& zone(std::size_t z) const { return zones_[z].corners; }
    bool in_force(std::size_t z) const { return active_[z] != 0; }
    // Puts zones in or out of force (one flag per zone) and rebuilds the visibility graph if that
    // changed anything. Returns whether it did.
    bool set_in_force(const std::vector<std::uint8_t>& active);

    // The zone in force that p is strictly inside, or -1.
    int zone_containing(PlanePoint p) const;
    // Whether the straight leg a-b stays out of every zone in force.
    bool leg_clear(PlanePoint a, PlanePoint b) const;
    // The nearest point just outside the zone in force containing p (p itself when in none): where
    // a drone caught inside a zone that came into force leaves it.
    PlanePoint way_out(PlanePoint p) const;

    // The shortest flight from `from` to `to` around the zones in force: fills `legs` with the
    // points to fly through in order (ending with `to`) and returns its length, or returns a
    // negative number when `to` is inside a zone or cannot be reached. `from` must be outside.
    double shortest_path(PlanePoint from, PlanePoint to, std::vector<PlanePoint>& legs) const;

    // For repeated "how far to this fixed point" questions (time back to base): the shortest
    // distance from every corner of the visibility graph to `to`, computed once per graph.
    struct Beacon {
        PlanePoint at;
        std::uint64_t graph_version = UINT64_MAX;
        std::vector<double> corner_distance_m;  // per graph corner; infinity when cut off
    };
    // The shortest flight length from `from` to the beacon (refreshing the beacon if the zones in
    // force changed since); infinity when there is no way.
    double distance_to(Beacon& beacon, PlanePoint from) const;

private:
    struct Zone {
        std::vector<PlanePoint> corners;
        std::vector<PlanePoint> outer_corners;  // convex corners, pushed out by corner_push_m
        double min_x = 0, max_x = 0, min_y = 0, max_y = 0;
    };
    void rebuild_graph();
    // Dijkstra over graph corners plus `from`, from `from`; fills distance and previous.
    void search_from(PlanePoint from, std::vector<double>& distance, std::vector<int>& previous) const;

    std::vector<Zone> zones_;
    std::vector<std::uint8_t> active_;
    std::vector<PlanePoint> corners_;     // graph corners: outer corners of zones in force, outside all of them
    std::vector<double> corner_edge_m_;   // corners x corners: leg length, or infinity when blocked
    std::uint64_t graph_version_ = 0;
};

}  // namespace streetwise
