// Replicate comparisons: Student's t intervals and paired differences, checked against values
// derived by hand and against the coverage they promise.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "analysis/replicate_comparison.hpp"
#include "sim/core/counter_rng.hpp"

using namespace streetwise;
using namespace streetwise::analysis;

TEST_CASE("replicates: t quantiles match the tables", "[analysis][compare]") {
    CHECK(t_quantile_975(1) == Approx(12.706).margin(1e-3));
    CHECK(t_quantile_975(4) == Approx(2.776).margin(1e-3));
    CHECK(t_quantile_975(9) == Approx(2.262).margin(1e-3));
    CHECK(t_quantile_975(30) == Approx(2.042).margin(1e-3));
    CHECK(t_quantile_975(40) == Approx(2.021).margin(1e-3));   // table value 2.0211
    CHECK(t_quantile_975(120) == Approx(1.980).margin(1e-3));  // table value 1.9799
    CHECK(t_quantile_975(100000) == Approx(1.960).margin(1e-3));
    CHECK_THROWS(t_quantile_975(0));
}

TEST_CASE("replicates: the mean's interval by hand", "[analysis][compare]") {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample sd sqrt(32 / 7), half-width t_7 * sd / sqrt(8).
    const std::vector<double> values{2, 4, 4, 4, 5, 5, 7, 9};
    const Interval i = mean_interval(values);
    const double half = 2.3646 * std::sqrt(32.0 / 7.0) / std::sqrt(8.0);
    CHECK(i.mean == Approx(5.0));
    CHECK(i.low == Approx(5.0 - half));
    CHECK(i.high == Approx(5.0 + half));
    CHECK_THROWS(mean_interval(std::vector<double>{1.0}));
}

// Paired differences remove what the replicates share: a variant that adds exactly 3 to every
// replicate of a noisy baseline has a difference of exactly 3 with no width, however noisy.
TEST_CASE("replicates: paired differences cancel the shared noise", "[analysis][compare]") {
    const std::vector<double> baseline{10, 30, 20, 50, 40};
    std::vector<double> variant;
    for (const double b : baseline) variant.push_back(b + 3);
    const PairedComparison c = compare_paired(baseline, variant);
    CHECK(c.difference.mean == Approx(3.0));
    CHECK(c.difference.low == Approx(3.0));
    CHECK(c.difference.high == Approx(3.0));
    CHECK(c.clear());
    CHECK(c.relative.mean == Approx(0.1));  // 3 on a mean of 30
    CHECK_FALSE(c.baseline.covers(c.variant.mean + 100));
    CHECK(headline("robbery", c) == "robbery: 30.0 -> 33.0, +10% (95% CI +10% to +10%)");
    // The same scenario against itself: no difference at all.
    const PairedComparison same = compare_paired(baseline, baseline);
    CHECK(same.difference.covers(0.0));
    CHECK_FALSE(same.clear());
    CHECK(headline("robbery", same) == "robbery: 30.0 -> 30.0, no clear difference (95% CI +0% to +0%)");
    CHECK_THROWS(compare_paired(baseline, std::vector<double>{1, 2}));
}

// Coverage: for normal data the 95% interval of the mean covers the true mean in about 95% of
// samples. 4,000 samples of 6: the share is binomial, sd sqrt(0.95 * 0.05 / 4000) = 0.0034;
// tolerance 4 of them.
TEST_CASE("replicates: intervals cover the true mean 95% of the time", "[analysis][compare]") {
    const CounterRng rng(5, RngStream::offence);
    int covered = 0;
    constexpr int samples = 4000;
    for (std::uint32_t s = 0; s < samples; ++s) {
        std::vector<double> values;
        for (std::uint32_t k = 0; k < 6; ++k) {
            // Box-Muller from two uniform draws: mean 7, sd 2.
            const double u1 = 1.0 - rng.uniform(s, k, 0), u2 = rng.uniform(s, k, 1);
            values.push_back(7.0 + 2.0 * std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2));
        }
        covered += mean_interval(values).covers(7.0);
    }
    CHECK(covered / double(samples) == Approx(0.95).margin(4 * 0.0034));
}
