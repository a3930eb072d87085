// The insecurity score (sim/model/insecurity.hpp): each driver moves it in the direction the
// literature gives (docs/odd.md 7.23), groups differ as documented, and memories halve over their
// half-life.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/model/insecurity.hpp"

using namespace streetwise;

namespace {
// The score of a woman (situational factor as the spec says) with these drivers.
double score_of(const InsecurityDrivers& drivers) {
    const InsecuritySpec spec;
    const double baseline = insecurity_group_baseline(spec, true, 1, false);
    return insecurity_score(spec, baseline, insecurity_situational_factor(spec, true, 1), drivers);
}
}  // namespace

TEST_CASE("insecurity: every driver moves the score in the documented direction", "[model][insecurity]") {
    const InsecurityDrivers none;
    const double base = score_of(none);
    auto with = [](auto set) {
        InsecurityDrivers d;
        set(d);
        return score_of(d);
    };
    // Raise it: own victimisation, crime known nearby, alerts heard, darkness, empty and crowded streets, disorder.
    CHECK(with([](auto& d) { d.victimisation_memory = 1; }) > base);
    CHECK(with([](auto& d) { d.nearby_crime = 3; }) > base);
    CHECK(with([](auto& d) { d.alerts_heard = 1; }) > base);
    CHECK(with([](auto& d) { d.darkness = 1; }) > base);
    CHECK(with([](auto& d) { d.darkness = 1; }) > with([](auto& d) { d.darkness = 0.5; }));
    CHECK(with([](auto& d) { d.empty_street = true; }) > base);
    CHECK(with([](auto& d) { d.crowded_street = true; }) > base);
    CHECK(with([](auto& d) { d.disorder = 2; }) > base);
    // Lower it: police and drone cameras near; and lighting: a dark street lit is no longer dark.
    CHECK(with([](auto& d) { d.police_near = true; }) < base);
    CHECK(with([](auto& d) { d.drone_over = true; }) < base);
    CHECK(with([](auto& d) { d.darkness = 0; d.empty_street = true; }) <
          with([](auto& d) { d.darkness = 1; d.empty_street = true; }));
    // Exactly the weights (log-odds per unit), with the situational factor on the street's part.
    const InsecuritySpec spec;
    CHECK(with([](auto& d) { d.victimisation_memory = 2; }) - base == Approx(2 * spec.weight.own_victimisation));
    CHECK(with([](auto& d) { d.darkness = 1; }) - base ==
          Approx(spec.female_situational_factor * spec.weight.darkness));
    CHECK(with([](auto& d) { d.nearby_crime = 3; }) - base == Approx(spec.weight.nearby_crime * std::log(4.0)));
}

TEST_CASE("insecurity: groups differ as documented", "[model][insecurity]") {
    const InsecuritySpec spec;
    CHECK(insecurity_group_baseline(spec, true, 1, false) > insecurity_group_baseline(spec, false, 1, false));
    CHECK(insecurity_group_baseline(spec, false, 2, false) > insecurity_group_baseline(spec, false, 1, false));
    CHECK(insecurity_group_baseline(spec, false, 1, true) > insecurity_group_baseline(spec, false, 1, false));
    // Women and older people react more to the street.
    CHECK(insecurity_situational_factor(spec, true, 1) > insecurity_situational_factor(spec, false, 1));
    CHECK(insecurity_situational_factor(spec, false, 2) > insecurity_situational_factor(spec, false, 1));
    CHECK(insecurity_situational_factor(spec, false, 1) == 1.0);
}

TEST_CASE("insecurity: index is 100 x logistic, memories halve over the half-life", "[model][insecurity]") {
    CHECK(insecurity_index(0) == Approx(50));
    CHECK(insecurity_index(std::log(3.0)) == Approx(75));
    CHECK(insecurity_index(-30) < 1e-9);
    for (const double half_life_days : {0.5, 3.0, 14.0, 90.0}) {
        const double per_hour = hourly_decay(half_life_days);
        CHECK(std::pow(per_hour, 24 * half_life_days) == Approx(0.5).epsilon(1e-12));
    }
}
