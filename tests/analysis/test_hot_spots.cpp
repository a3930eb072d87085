#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "analysis/hot_spots.hpp"

using namespace streetwise::analysis;

TEST_CASE("hot spot statistics: a flat field has none", "[analysis][hot_spots]") {
    const std::vector<double> flat(50, 3.0);
    const HotSpotStats s = hot_spot_stats(flat);
    CHECK(s.mean == Approx(3.0));
    CHECK(s.coefficient_of_variation == Approx(0.0).margin(1e-12));
    CHECK(s.peak_to_mean == Approx(1.0));
    CHECK(s.p99_to_mean == Approx(1.0));
}

TEST_CASE("hot spot statistics: one spike among 100 places", "[analysis][hot_spots]") {
    std::vector<double> field(100, 1.0);
    field[37] = 101.0;  // mean 2; squared deviations 99 * 1 + 99^2 = 9900, variance 99
    const HotSpotStats s = hot_spot_stats(field);
    CHECK(s.mean == Approx(2.0));
    CHECK(s.coefficient_of_variation == Approx(std::sqrt(99.0) / 2.0));
    CHECK(s.peak_to_mean == Approx(50.5));
    CHECK(s.p99_to_mean == Approx(0.5));  // the 99th of 100 sorted values is a 1
    field[12] = 101.0;  // two spikes: now the 99th value is a spike
    CHECK(hot_spot_stats(field).p99_to_mean == Approx(101.0 / 3.0));
}

TEST_CASE("hot spot statistics: bad input", "[analysis][hot_spots]") {
    CHECK_THROWS_AS(hot_spot_stats(std::vector<double>{}), std::invalid_argument);
    CHECK_THROWS_AS(hot_spot_stats(std::vector<double>{0.0, 0.0}), std::invalid_argument);
}

TEST_CASE("field average: per-place means of the samples", "[analysis][hot_spots]") {
    FieldAverage average(3);
    CHECK(average.mean() == std::vector<double>{0.0, 0.0, 0.0});
    average.add(std::vector<double>{1.0, 2.0, 3.0});
    average.add(std::vector<double>{3.0, 2.0, 0.0});
    CHECK(average.samples() == 2);
    CHECK(average.mean() == std::vector<double>{2.0, 2.0, 1.5});
    CHECK_THROWS_AS(average.add(std::vector<double>{1.0}), std::invalid_argument);
}
