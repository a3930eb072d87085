// The proportional rate update: exact where crime is proportional to the rate, convergent by
// iteration where it saturates, and guarded where nothing was measured.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "analysis/rate_update.hpp"

using namespace streetwise;
using namespace streetwise::analysis;

TEST_CASE("rate update: new rate = old rate x target / measured", "[analysis][calibration]") {
    const RateUpdate up = proportional_rate_update(2e-4, 300, 100);
    CHECK(up.rate == Approx(6e-4));
    CHECK(up.outcome == RateUpdateOutcome::scaled);
    const RateUpdate down = proportional_rate_update(2e-4, 50, 100);
    CHECK(down.rate == Approx(1e-4));
    CHECK(proportional_rate_update(1.0, 100, 100).rate == 1.0);
}

TEST_CASE("rate update: one step reaches the target when crime is proportional to the rate", "[analysis][calibration]") {
    const double crimes_per_year_per_unit_rate = 1.7e6;
    const double target = 3187.2;
    const double rate0 = 1e-3;  // 1,700 a year: within the cap of 10x
    const RateUpdate next = proportional_rate_update(rate0, target, crimes_per_year_per_unit_rate * rate0);
    CHECK(crimes_per_year_per_unit_rate * next.rate == Approx(target));
}

TEST_CASE("rate update: repeated steps converge when crime saturates with the rate", "[analysis][calibration]") {
    // Crime = C (1 - exp(-k rate)): rises with the rate, less than in proportion.
    auto crime_at = [](double rate) { return 1000.0 * (1.0 - std::exp(-50.0 * rate)); };
    const double target = 600;
    double rate = 1e-3;
    for (int run = 0; run < 30; ++run) rate = proportional_rate_update(rate, target, crime_at(rate)).rate;
    CHECK(crime_at(rate) == Approx(target).epsilon(1e-6));
}

TEST_CASE("rate update: faster-than-linear crime swings without damping and converges with it",
          "[analysis][calibration]") {
    // Crime = 1e6 rate^2. The full step from rate 1e-3 (1 crime) to a target of 4 goes to 4e-3
    // (16 crimes), then back to 1e-3: a cycle. Damping 1/2 (1 / the exponent) lands in one step;
    // damping 0.8 (< 2 / 2) converges by iteration.
    auto crime_at = [](double rate) { return 1e6 * rate * rate; };
    const double target = 4;
    double rate = 1e-3;
    for (int run = 0; run < 2; ++run) rate = proportional_rate_update(rate, target, crime_at(rate)).rate;
    CHECK(rate == Approx(1e-3));  // back where it started
    CHECK(crime_at(proportional_rate_update(1e-3, target, crime_at(1e-3), {10.0, 0.5}).rate) == Approx(target));
    rate = 1e-3;
    for (int run = 0; run < 40; ++run) rate = proportional_rate_update(rate, target, crime_at(rate), {10.0, 0.8}).rate;
    CHECK(crime_at(rate) == Approx(target).epsilon(1e-6));
}

TEST_CASE("rate update: guards for a large ratio, nothing measured and nothing wanted", "[analysis][calibration]") {
    const RateUpdate capped = proportional_rate_update(1e-4, 1e6, 1, {10.0});
    CHECK(capped.rate == Approx(1e-3));
    CHECK(capped.outcome == RateUpdateOutcome::capped);
    CHECK(proportional_rate_update(1e-4, 1, 1e6, {10.0}).rate == Approx(1e-5));

    const RateUpdate none_seen = proportional_rate_update(1e-4, 300, 0, {10.0});
    CHECK(none_seen.rate == Approx(1e-3));
    CHECK(none_seen.outcome == RateUpdateOutcome::raised_without_crime);
    CHECK(std::isfinite(none_seen.rate));

    const RateUpdate zero_rate = proportional_rate_update(0, 300, 0);
    CHECK(zero_rate.rate == 0);
    CHECK(zero_rate.outcome == RateUpdateOutcome::zero_rate);

    const RateUpdate nothing_wanted = proportional_rate_update(1e-4, 0, 50);
    CHECK(nothing_wanted.rate == 0);
    CHECK(nothing_wanted.outcome == RateUpdateOutcome::target_zero);

    CHECK_THROWS_AS(proportional_rate_update(-1, 1, 1), std::invalid_argument);
    CHECK_THROWS_AS(proportional_rate_update(1, NAN, 1), std::invalid_argument);
    CHECK_THROWS_AS(proportional_rate_update(1, 1, INFINITY), std::invalid_argument);
    CHECK_THROWS_AS(proportional_rate_update(1, 1, 1, {0.5}), std::invalid_argument);
    CHECK_THROWS_AS(proportional_rate_update(1, 1, 1, {10.0, 0.0}), std::invalid_argument);
    CHECK_THROWS_AS(proportional_rate_update(1, 1, 1, {10.0, 1.5}), std::invalid_argument);
}

TEST_CASE("rate update: every type at once, uncalibrated types kept", "[analysis][calibration]") {
    CalibrationTargets targets;
    for (int t = 0; t < crime_type_count; ++t) targets.by_type[static_cast<std::size_t>(t)].type = static_cast<CrimeType>(t);
    auto& theft = targets.by_type[static_cast<std::size_t>(CrimeType::theft_from_person)];
    theft.basis = TargetBasis::police_uk_category;
    theft.true_per_year = 400;
    const std::array<double, crime_type_count> rates{1e-4, 2e-4, 3e-4, 4e-4, 5e-4, 6e-4};
    const std::array<double, crime_type_count> measured{100, 10, 10, 10, 0, 10};
    const auto updates = proportional_rate_updates(rates, targets, measured);
    CHECK(updates[0].rate == Approx(4e-4));
    CHECK(updates[0].outcome == RateUpdateOutcome::scaled);
    for (std::size_t t = 1; t < updates.size(); ++t) {
        CHECK(updates[t].rate == rates[t]);
        CHECK(updates[t].outcome == RateUpdateOutcome::no_target);
    }
}
