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

TEST_CASE("concentration: Gini coefficient of crime over places", "[analysis]") {
    const std::vector<std::uint32_t> even{5, 5, 5, 5};
    CHECK(gini_coefficient(even) == Approx(0.0).margin(1e-12));
    const std::vector<std::uint32_t> one_place{0, 0, 0, 0, 9};
    CHECK(gini_coefficient(one_place) == Approx(4.0 / 5.0));  // (n - 1) / n
    // Sorted 0, 0, 1, 3: (2*3-5)*1 + (2*4-5)*3 = 10, over n * total = 16.
    const std::vector<std::uint32_t> small{3, 0, 1, 0};
    CHECK(gini_coefficient(small) == Approx(0.625));
    const std::vector<std::uint32_t> none{0, 0, 0};
    CHECK(gini_coefficient(none) == 0.0);
    CHECK(gini_coefficient({}) == 0.0);
}
