// Picking: the grid finds the same street as looking at every street, and the nearest agent wins.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "sim/city/city_source.hpp"
#include "sim/city/synthetic_city.hpp"
#include "viz/core/map_picking.hpp"
#include "viz_test_support.hpp"

using namespace streetwise;
using namespace streetwise::viz;

TEST_CASE("picking: distance from a point to a street", "[viz][picking]") {
    CHECK(point_segment_distance({5, 3}, {0, 0}, {10, 0}) == Approx(3));   // above the middle
    CHECK(point_segment_distance({-3, 4}, {0, 0}, {10, 0}) == Approx(5));  // beyond an end: to the end
    CHECK(point_segment_distance({13, -4}, {0, 0}, {10, 0}) == Approx(5));
    CHECK(point_segment_distance({1, 1}, {2, 2}, {2, 2}) == Approx(std::sqrt(2.0)));  // a zero-length street
}

TEST_CASE("picking: the grid's nearest street equals a scan of every street", "[viz][picking]") {
    const City city = make_city(test::small_viz_spec().city);
    const SegmentGrid grid(city);
    const WorldBounds bounds = city_bounds(city);
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> ux(bounds.min_x_m - 50, bounds.max_x_m + 50);
    std::uniform_real_distribution<double> uy(bounds.min_y_m - 50, bounds.max_y_m + 50);
    int found = 0;
    for (int i = 0; i < 2000; ++i) {
        const WorldPoint p{ux(random), uy(random)};
        const double radius_m = 40.0;
        std::optional<SegmentHit> expected;
        for (std::uint32_t s = 0; s < city.segment_count(); ++s) {
            const auto a = city.segment_from()[s], b = city.segment_to()[s];
            const double d = point_segment_distance(p, {city.node_x_m()[a], city.node_y_m()[a]},
                                                    {city.node_x_m()[b], city.node_y_m()[b]});
            if (d <= radius_m && (!expected || d < expected->distance_m)) expected = SegmentHit{s, d};
        }
        const auto hit = grid.nearest(p, radius_m);
        REQUIRE(hit.has_value() == expected.has_value());
        if (hit) {
            ++found;
            CHECK(hit->distance_m == Approx(expected->distance_m));
            CHECK(hit->segment == expected->segment);
        }
    }
    CHECK(found > 500);  // the test looked at real streets, not only empty space
}

TEST_CASE("picking: streets in a box, and the nearest agent", "[viz][picking]") {
    const City city = make_city(test::small_viz_spec().city);
    const SegmentGrid grid(city);
    const WorldBounds all = city_bounds(city);
    CHECK(grid.in_rectangle(all).size() == city.segment_count());
    CHECK(grid.in_rectangle({all.max_x_m + 10, all.max_y_m + 10, all.max_x_m + 20, all.max_y_m + 20}).empty());

    std::vector<AgentPoint> agents{{0, 0, 0, AgentKind::resident}, {10, 0, 1, AgentKind::police}, {4, 0, 2, AgentKind::offender}};
    const auto hit = nearest_agent(agents, {6, 0}, 5);
    REQUIRE(hit);
    CHECK(hit->index == 2);
    CHECK(hit->distance_m == Approx(2));
    CHECK_FALSE(nearest_agent(agents, {100, 100}, 5));
}
