#include <catch2/catch.hpp>

#include <vector>

#include "analysis/concentration.hpp"

using namespace streetwise::analysis;

TEST_CASE("concentration: smallest share of places holding a share of crime", "[analysis]") {
    // 10 places; one holds 6 of 10 crimes, two hold 2 each.
    const std::vector<std::uint32_t> counts{0, 6, 0, 0, 2, 0, 2, 0, 0, 0};
    CHECK(share_of_places_holding(counts, 0.5) == Approx(0.1));
    CHECK(share_of_places_holding(counts, 0.8) == Approx(0.2));   // exactly 8 of 10: two places
    CHECK(share_of_places_holding(counts, 1.0) == Approx(0.3));
    CHECK(share_of_places_without_crime(counts) == Approx(0.7));
}

TEST_CASE("concentration: even spread and no crime", "[analysis]") {
    const std::vector<std::uint32_t> even(20, 3);
    CHECK(share_of_places_holding(even, 0.5) == Approx(0.5));
    const std::vector<std::uint32_t> none(5, 0);
    CHECK(share_of_places_holding(none, 0.5) == 0.0);
    CHECK(share_of_places_without_crime(none) == 1.0);
}
