// The street attractiveness field (repeat and near-repeat victimisation), checked against what its
// update rule implies:
//   B_s <- d ((1 - eta) B_s + sum_n eta B_n / deg(n)) + theta c_s,   d = 2^(-interval / half_life).
// - Without spread, one crime leaves theta d^k after k more updates (exact decay).
// - Spreading conserves B, so the city's total follows total <- d total + theta C exactly (up to
//   the float rounding of each street's value and traces below 1e-6 being dropped).
// - With c crimes per update on one street, the total converges to theta c / (1 - d).
// - A street's neighbours get eta B / deg after one update; streets further away get nothing yet.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/city/city.hpp"
#include "sim/model/street_attractiveness.hpp"

using namespace streetwise;

namespace {

// A path of five streets 0-1-2-3-4 (nodes 0..5), plus a separate street 5 (nodes 6-7) with no neighbours.
City path_city() {
    CityDraft draft;
    draft.name = "path";
    for (int i = 0; i < 8; ++i) {
        draft.node_x_m.push_back(100.0 * i);
        draft.node_y_m.push_back(0.0);
    }
    for (std::uint32_t i = 0; i < 5; ++i) draft.segments.push_back({i, i + 1, 100.0f});
    draft.segments.push_back({6, 7, 100.0f});
    return City::build(draft, false);
}

AttractivenessSpec spec(double theta, double eta, double half_life_days, int interval_min = 60) {
    AttractivenessSpec s;
    s.boost_per_crime = theta;
    s.spread_share = eta;
    s.half_life_days = half_life_days;
    s.update_interval_min = interval_min;
    return s;
}

std::uint32_t segment_between(const City& city, std::uint32_t a, std::uint32_t b) {
    for (std::uint32_t s = 0; s < city.segment_count(); ++s)
        if ((city.segment_from()[s] == a && city.segment_to()[s] == b) ||
            (city.segment_from()[s] == b && city.segment_to()[s] == a))
            return s;
    FAIL("no segment between " << a << " and " << b);
    return 0;
}

}  // namespace

TEST_CASE("attractiveness: a crime raises its street by theta, which then halves every half-life",
          "[model][attractiveness]") {
    const City city = path_city();
    StreetAttractiveness field(spec(2.0, 0.0, 1.0), 60, city);  // hourly updates, half-life one day
    REQUIRE(field.update_interval_steps() == 60);
    const std::uint32_t s = segment_between(city, 2, 3);
    field.add_crime(s);
    field.add_crime(s);
    CHECK(field.total() == 0.0);  // crimes count at the next update, not before
    field.update();
    CHECK(field.value(s) == Approx(4.0));
    for (int hour = 0; hour < 24; ++hour) field.update();
    CHECK(field.value(s) == Approx(2.0).epsilon(1e-5));  // one half-life later
    for (std::uint32_t other = 0; other < city.segment_count(); ++other)
        if (other != s) CHECK(field.value(other) == 0.0);  // eta 0: no spread
}

TEST_CASE("attractiveness: spreading moves B to neighbouring streets without creating or losing any",
          "[model][attractiveness]") {
    const City city = path_city();
    const double eta = 0.3, theta = 1.0;
    StreetAttractiveness field(spec(theta, eta, 7.0), 60, city);
    const double d = field.decay_per_update();
    REQUIRE(d == Approx(std::exp2(-1.0 / (7 * 24))));
    const std::uint32_t middle = segment_between(city, 2, 3);
    const std::uint32_t left = segment_between(city, 1, 2), right = segment_between(city, 3, 4);
    const std::uint32_t far = segment_between(city, 0, 1);
    const std::uint32_t lone = segment_between(city, 6, 7);
    field.add_crime(middle);
    field.add_crime(lone);
    field.update();  // B = theta on both
    field.update();  // the middle street hands eta B to its two neighbours; the lone street keeps all
    CHECK(field.value(middle) == Approx(d * (1 - eta) * theta));
    CHECK(field.value(left) == Approx(d * eta * theta / 2));
    CHECK(field.value(right) == Approx(d * eta * theta / 2));
    CHECK(field.value(far) == 0.0);  // two streets away: not yet
    CHECK(field.value(lone) == Approx(d * theta));
    // Conservation: total <- d total + theta C, whatever the spread.
    double expected = field.total();
    for (int k = 0; k < 200; ++k) {
        const int crimes = k % 3;
        for (int c = 0; c < crimes; ++c) field.add_crime(static_cast<std::uint32_t>(k % city.segment_count()));
        field.update();
        expected = d * expected + theta * crimes;
    }
    CHECK(field.total() == Approx(expected).epsilon(1e-5));
}

TEST_CASE("attractiveness: a steady crime rate gives the equilibrium theta c / (1 - d)", "[model][attractiveness]") {
    const City city = path_city();
    const double theta = 0.5;
    StreetAttractiveness field(spec(theta, 0.1, 2.0, 120), 60, city);
    REQUIRE(field.update_interval_steps() == 120);
    const double d = field.decay_per_update();
    const std::uint32_t s = segment_between(city, 1, 2);
    // 30 half-lives: the distance to equilibrium shrinks by 2^-30.
    const int updates = 30 * 24;
    for (int k = 0; k < updates; ++k) {
        field.add_crime(s);
        field.add_crime(s);
        field.update();
    }
    CHECK(field.total() == Approx(theta * 2 / (1 - d)).epsilon(1e-4));
}

TEST_CASE("attractiveness: disabled, the field stays zero", "[model][attractiveness]") {
    const City city = path_city();
    AttractivenessSpec off = spec(1.0, 0.1, 7.0);
    off.enabled = false;
    StreetAttractiveness field(off, 60, city);
    field.add_crime(0);
    field.update();
    CHECK(field.total() == 0.0);
}
