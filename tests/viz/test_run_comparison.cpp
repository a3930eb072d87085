// Headline differences between two runs, and the per-street difference map.
#include <catch2/catch.hpp>

#include <cmath>

#include "viz/core/run_comparison.hpp"

using namespace streetwise::viz;

TEST_CASE("comparison: totals, per type, per street, and no percentage without a baseline", "[viz][compare]") {
    FrameSnapshot a, b;
    a.crime_total = 40;
    b.crime_total = 30;
    a.crimes_by_type = {30, 10, 0};
    b.crimes_by_type = {20, 8, 2};
    a.segment_crimes = {5, 0, 3, 1};
    b.segment_crimes = {2, 4, 3, 0};
    const auto h = headline_differences(a, b, {"theft", "robbery", "vandalism"});
    REQUIRE(h.rows.size() == 4);
    CHECK(h.rows[0].label == "all crime");
    CHECK(h.rows[0].difference() == -10);
    CHECK(h.rows[0].percent_change() == Approx(-25));
    CHECK(h.rows[1].percent_change() == Approx(-100.0 / 3));
    CHECK(std::isnan(h.rows[3].percent_change()));  // 0 -> 2: no baseline to divide by
    CHECK(h.rows[3].difference() == 2);
    CHECK(h.streets_more == 1);
    CHECK(h.streets_fewer == 2);

    const SegmentDifference d = segment_difference(a, b);
    CHECK(d.values == std::vector<double>{-3, 4, 0, -1});
    CHECK(d.max_abs == 4);
    b.segment_crimes.pop_back();  // different cities: no difference map
    CHECK(segment_difference(a, b).values.empty());
}

TEST_CASE("snapshot: crimes per street of the chosen types only", "[viz][snapshot]") {
    FrameSnapshot s;
    s.crimes_by_type = {3, 2};                // two types
    s.segment_crimes = {3, 0, 2};
    s.segment_crimes_by_type = {2, 1, 0, 0, 1, 1};  // [segment * 2 + type]
    CHECK(s.segment_crimes_of_types({}) == s.segment_crimes);
    CHECK(s.segment_crimes_of_types({true, true}) == s.segment_crimes);
    CHECK(s.segment_crimes_of_types({true, false}) == std::vector<std::uint32_t>{2, 0, 1});
    CHECK(s.segment_crimes_of_types({false, true}) == std::vector<std::uint32_t>{1, 0, 1});
    CHECK(s.segment_crimes_of_types({false, false}) == std::vector<std::uint32_t>{0, 0, 0});
}
