#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "sim/core/counter_rng.hpp"

using namespace streetwise;

TEST_CASE("counter RNG: a draw is a pure function of its key", "[rng]") {
    const CounterRng a(42, RngStream::offence), b(42, RngStream::offence);
    CHECK(a.bits(7, 100, 2) == b.bits(7, 100, 2));
    CHECK(a.bits(7, 100, 2) != a.bits(7, 100, 3));
    CHECK(a.bits(7, 100, 2) != a.bits(8, 100, 2));
    CHECK(a.bits(7, 100, 2) != a.bits(7, 101, 2));
    CHECK(a.bits(7, 100, 2) != CounterRng(43, RngStream::offence).bits(7, 100, 2));
    CHECK(a.bits(7, 100, 2) != CounterRng(42, RngStream::victim_choice).bits(7, 100, 2));
}

TEST_CASE("counter RNG: swapping entity and step gives different numbers", "[rng]") {
    // Entity and step are packed into one counter word; a naive sum would collide here.
    const CounterRng rng(1, RngStream::offender_move);
    std::set<std::uint64_t> seen;
    for (std::uint32_t e = 0; e < 64; ++e)
        for (std::uint32_t s = 0; s < 64; ++s) seen.insert(rng.bits(e, s));
    CHECK(seen.size() == 64 * 64);
}

TEST_CASE("counter RNG: uniform on the unit interval (0 included, 1 not) with the right mean and spread", "[rng]") {
    const CounterRng rng(9, RngStream::resident_routine);
    constexpr int n = 200000;
    double sum = 0, sum_sq = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
        const double u = rng.uniform(i, 3);
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        sum += u;
        sum_sq += u * u;
    }
    const double mean = sum / n, variance = sum_sq / n - mean * mean;
    // Standard error of the mean: sqrt(1/12 / n) = 0.00065; allow 5 of them.
    CHECK(std::abs(mean - 0.5) < 5 * std::sqrt(1.0 / 12 / n));
    CHECK(variance == Approx(1.0 / 12).epsilon(0.01));
}

TEST_CASE("counter RNG: below(n) is uniform (chi-square)", "[rng]") {
    const CounterRng rng(5, RngStream::victim_choice);
    constexpr std::uint32_t bins = 10, n = 100000;
    std::array<int, bins> counts{};
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::uint32_t k = rng.below(bins, 0, i);
        REQUIRE(k < bins);
        ++counts[k];
    }
    double chi2 = 0;
    for (int c : counts) chi2 += (c - n / 10.0) * (c - n / 10.0) / (n / 10.0);
    CHECK(chi2 < 27.9);  // 99.9th percentile of chi-square with 9 degrees of freedom
}
