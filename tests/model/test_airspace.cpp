// The airspace drones fly in: straight legs, no-fly zones, shortest detours against hand-computed ones.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/model/airspace.hpp"

using namespace streetwise;

namespace {

std::vector<PlanePoint> square(double cx, double cy, double half) {
    return {{cx - half, cy - half}, {cx + half, cy - half}, {cx + half, cy + half}, {cx - half, cy + half}};
}

double path_length(PlanePoint from, const std::vector<PlanePoint>& legs) {
    double total = 0;
    for (const PlanePoint p : legs) {
        total += distance_m(from, p);
        from = p;
    }
    return total;
}

// Every point of the path, 0.25 m apart, outside every zone.
void require_path_outside(PlanePoint from, const std::vector<PlanePoint>& legs,
                          const std::vector<std::vector<PlanePoint>>& zones) {
    for (const PlanePoint to : legs) {
        const double length = distance_m(from, to);
        const int samples = static_cast<int>(length / 0.25) + 1;
        for (int i = 0; i <= samples; ++i) {
            const double t = static_cast<double>(i) / samples;
            const PlanePoint p{from.x_m + t * (to.x_m - from.x_m), from.y_m + t * (to.y_m - from.y_m)};
            for (const auto& zone : zones) REQUIRE_FALSE(strictly_inside(zone, p, 1e-9));
        }
        from = to;
    }
}

Airspace all_in_force(const std::vector<std::vector<PlanePoint>>& zones) {
    Airspace airspace(zones);
    airspace.set_in_force(std::vector<std::uint8_t>(zones.size(), 1));
    return airspace;
}

}  // namespace

TEST_CASE("inside and crossing tests of a polygon", "[model][airspace][drones]") {
    const auto zone = square(0, 0, 50);
    CHECK(strictly_inside(zone, {0, 0}));
    CHECK_FALSE(strictly_inside(zone, {50, 0}));   // on the boundary
    CHECK_FALSE(strictly_inside(zone, {60, 0}));
    CHECK(segment_enters(zone, {-100, 0}, {100, 0}));
    CHECK_FALSE(segment_enters(zone, {-100, 50}, {100, 50}));   // along an edge
    CHECK_FALSE(segment_enters(zone, {-100, 100}, {100, 100}));  // passes above
    CHECK_FALSE(segment_enters(zone, {0, 100}, {100, 0}));       // touches the corner (50, 50) only
    CHECK(segment_enters(zone, {-100, 100}, {100, -100}));  // the diagonal
}

TEST_CASE("a zone between two points: the shortest way around it is the hand-computed detour", "[model][airspace][drones]") {
    // A 100 m square centred on the origin, from (-200, 0) to (200, 0): around either pair of
    // corners, 2 * sqrt(150^2 + 50^2) + 100 m.
    const std::vector<std::vector<PlanePoint>> zones{square(0, 0, 50)};
    const Airspace airspace = all_in_force(zones);
    std::vector<PlanePoint> legs;
    const double length = airspace.shortest_path({-200, 0}, {200, 0}, legs);
    const double expected = 2 * std::sqrt(150.0 * 150.0 + 50.0 * 50.0) + 100.0;
    CHECK(length == Approx(expected).margin(0.05));  // corners are passed 1 cm outside
    CHECK(length >= expected);
    CHECK(path_length({-200, 0}, legs) == Approx(length).epsilon(1e-12));
    REQUIRE(legs.size() == 3);
    require_path_outside({-200, 0}, legs, zones);

    // Out of force: straight.
    Airspace off(zones);
    CHECK(off.shortest_path({-200, 0}, {200, 0}, legs) == Approx(400.0));
    CHECK(legs.size() == 1);
}

TEST_CASE("an off-centre zone: the detour goes round the nearer side", "[model][airspace][drones]") {
    // A rectangle from y = -20 to y = 100 across the line: round the bottom corners is shorter.
    const std::vector<std::vector<PlanePoint>> zones{{{-30, -20}, {30, -20}, {30, 100}, {-30, 100}}};
    const Airspace airspace = all_in_force(zones);
    std::vector<PlanePoint> legs;
    const double length = airspace.shortest_path({-100, 0}, {100, 0}, legs);
    const double expected = 2 * std::sqrt(70.0 * 70.0 + 20.0 * 20.0) + 60.0;
    CHECK(length == Approx(expected).margin(0.05));
    REQUIRE(legs.size() == 3);
    CHECK(legs[0].y_m < -20);
    CHECK(legs[1].y_m < -20);
    require_path_outside({-100, 0}, legs, zones);
}

TEST_CASE("a non-convex zone and several zones: paths stay outside, distances agree", "[model][airspace][drones]") {
    // A U open to the north, the start inside its mouth and the target below it, and a second zone.
    const std::vector<std::vector<PlanePoint>> zones{
        {{-100, -100}, {100, -100}, {100, 100}, {60, 100}, {60, -60}, {-60, -60}, {-60, 100}, {-100, 100}},
        square(300, 0, 40)};
    const Airspace airspace = all_in_force(zones);
    std::vector<PlanePoint> legs;
    const PlanePoint from{0, 0}, to{0, -200};
    const double length = airspace.shortest_path(from, to, legs);
    REQUIRE(length > 0);
    require_path_outside(from, legs, zones);
    // Up out of the U over the top of an arm ((60, 100) to (100, 100)), down its outside, to the target.
    CHECK(length == Approx(std::hypot(60.0, 100.0) + 40.0 + 200.0 + std::hypot(100.0, 100.0)).margin(0.1));
    Airspace::Beacon beacon;
    beacon.at = to;
    CHECK(airspace.distance_to(beacon, from) == Approx(length).margin(1e-6));

    // A target inside a zone cannot be reached; a point inside one has a way out just outside.
    CHECK(airspace.shortest_path(from, {300, 0}, legs) < 0);
    const PlanePoint out = airspace.way_out({300, 30});
    CHECK(airspace.zone_containing(out) < 0);
    CHECK(out.y_m == Approx(40.01).margin(1e-6));
}

TEST_CASE("a target walled in by zones is refused", "[model][airspace][drones]") {
    // A ring of four overlapping rectangles around (0, 0).
    const std::vector<std::vector<PlanePoint>> zones{{{-100, 50}, {100, 50}, {100, 100}, {-100, 100}},
                                                     {{-100, -100}, {100, -100}, {100, -50}, {-100, -50}},
                                                     {{-100, -100}, {-50, -100}, {-50, 100}, {-100, 100}},
                                                     {{50, -100}, {100, -100}, {100, 100}, {50, 100}}};
    const Airspace airspace = all_in_force(zones);
    std::vector<PlanePoint> legs;
    CHECK(airspace.shortest_path({300, 0}, {0, 0}, legs) < 0);
}

TEST_CASE("district hulls widened by a margin, and lon/lat corners", "[model][airspace][drones]") {
    const std::vector<PlanePoint> points{{0, 0}, {100, 0}, {100, 100}, {0, 100}, {50, 50}};
    const auto hull = convex_hull(points);
    REQUIRE(hull.size() == 4);
    const auto wide = widen_convex(hull, 20);
    // Every point within 20 m of the square is inside the widened hull.
    for (const PlanePoint corner : hull)
        for (double a = 0; a < 6.283; a += 0.1)
            CHECK(strictly_inside(wide, {corner.x_m + 19.9 * std::cos(a), corner.y_m + 19.9 * std::sin(a)}));
    CHECK_FALSE(strictly_inside(wide, {150, 50}));
    // One thousandth of a degree of latitude is about 111 m anywhere.
    const PlanePoint p = lonlat_to_local(7.42, 43.741, 7.42, 43.74);
    CHECK(p.x_m == Approx(0.0).margin(1e-9));
    CHECK(p.y_m == Approx(111.1).margin(0.3));
}
