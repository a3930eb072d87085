// Repeat victims and the Knox near-repeat test against cases whose answer is known.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "analysis/near_repeat.hpp"

using namespace streetwise::analysis;

TEST_CASE("repeat victims: share of distinct victims with two or more crimes", "[analysis][near_repeat]") {
    const std::vector<std::uint32_t> victims{3, 1, 2, 3, 2, 3};  // 1 once, 2 twice, 3 three times
    CHECK(repeat_victim_share(victims) == Approx(2.0 / 3.0));
    CHECK(repeat_victim_share(std::vector<std::uint32_t>{5, 6, 7}) == 0.0);
    CHECK(repeat_victim_share({}) == 0.0);
}

namespace {

constexpr double day_s = 86400;

// Crimes uniform over a 1 km square and 100 days.
std::vector<CrimePoint> uniform_crimes(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> space(0, 1000), time(0, 100 * day_s);
    std::vector<CrimePoint> crimes(n);
    for (auto& c : crimes) c = {space(random), space(random), time(random)};
    return crimes;
}

}  // namespace

TEST_CASE("Knox: crimes independent in space and time give a ratio near 1", "[analysis][near_repeat]") {
    // Expected close pairs: 400 * 399 / 2 pairs, each close in space with probability about
    // pi 100^2 / 1000^2 = 0.031 (less at the edges) and in time about 2 * 7 / 100 = 0.14: some 300.
    // The ratio's sampling error is then about 1 / sqrt(300) = 6%; tolerance 4 of those.
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        const auto crimes = uniform_crimes(400, seed);
        const KnoxResult r = knox_near_repeat(crimes, 100, 7 * day_s, 99, seed);
        INFO("seed " << seed << ": observed " << r.close_pairs << ", expected " << r.expected_close_pairs);
        CHECK(r.close_pairs > 150);
        CHECK(r.ratio == Approx(1.0).margin(0.25));
        CHECK(r.p_value > 0.01);
    }
}

TEST_CASE("Knox: crimes followed by nearby crimes soon after stand out", "[analysis][near_repeat]") {
    auto crimes = uniform_crimes(300, 9);
    std::mt19937_64 random(10);
    std::uniform_real_distribution<double> offset(-30, 30), later(0, 3 * day_s);
    for (std::size_t i = 0; i < 100; ++i)  // a third of the crimes are followed by two near repeats
        for (int k = 0; k < 2; ++k)
            crimes.push_back({crimes[i].x_m + offset(random), crimes[i].y_m + offset(random), crimes[i].time_s + later(random)});
    // Each planted group adds 3 pairs close in space and time (2 with its origin, 1 between the two):
    // 300 pairs. Shuffled, they are close in time with probability about 0.14 like any pair, so the
    // ratio is about 1 + 300 (1 - 0.14) / E, with E about 500 expected close pairs: about 1.5.
    const KnoxResult r = knox_near_repeat(crimes, 100, 7 * day_s, 99, 4);
    INFO("observed " << r.close_pairs << ", expected " << r.expected_close_pairs);
    CHECK(r.ratio > 1.3);
    CHECK(r.close_pairs >= 300);
    CHECK(r.p_value == Approx(0.01));  // no permutation reaches the observed count
    // The same inputs and seed give the same answer.
    const KnoxResult again = knox_near_repeat(crimes, 100, 7 * day_s, 99, 4);
    CHECK(again.expected_close_pairs == r.expected_close_pairs);
    CHECK_THROWS_AS(knox_near_repeat(crimes, 0, 1, 9, 1), std::invalid_argument);
}

TEST_CASE("Knox: the grid finds exactly the pairs a scan of all pairs finds", "[analysis][near_repeat]") {
    const auto crimes = uniform_crimes(500, 5);
    std::uint64_t close = 0;
    for (std::size_t i = 0; i < crimes.size(); ++i)
        for (std::size_t j = i + 1; j < crimes.size(); ++j)
            close += std::hypot(crimes[i].x_m - crimes[j].x_m, crimes[i].y_m - crimes[j].y_m) <= 80;
    CHECK(knox_near_repeat(crimes, 80, day_s, 1, 1).close_in_space == close);
}
