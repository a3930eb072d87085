// Offenders' movement: the awareness-space routine (home, anchor places, the routes between them),
// the pull toward attractive streets, and resting at home after an offence.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "sim/agents/random_walkers.hpp"
#include "sim/city/city.hpp"
#include "sim/city/lattice_city.hpp"

using namespace streetwise;

namespace {

double distance_m(const City& city, std::uint32_t a, std::uint32_t b) {
    return std::hypot(city.node_x_m()[a] - city.node_x_m()[b], city.node_y_m()[a] - city.node_y_m()[b]);
}

City lattice(int side) {
    LatticeSpec spec;
    spec.width = spec.height = side;
    spec.edge_length_m = 100;
    return make_lattice_city(spec);
}

// One hop of 100 m per one-minute step.
RandomWalkers::Options walkers(std::uint32_t count) {
    RandomWalkers::Options options;
    options.count = count;
    options.speed_mps = 100.0 / 60.0;
    options.step_s = 60;
    options.seed = 11;
    return options;
}

}  // namespace

TEST_CASE("offender routine: anchors near home, stays near the current place, trips between places",
          "[agents][offenders]") {
    const City city = lattice(30);
    RandomWalkers::Options options = walkers(200);
    options.awareness_radius_m = 1000;
    options.anchor_count = 2;
    options.search_radius_m = 250;
    options.stay_min = 60;
    // Candidates: every fifth node of every fifth row; weights favour the first half.
    for (std::uint32_t v = 0; v < city.node_count(); v += 5) {
        options.anchor_candidates.push_back(v);
        options.anchor_weights.push_back(v < city.node_count() / 2 ? 3.0 : 1.0);
    }
    const std::set<std::uint32_t> candidates(options.anchor_candidates.begin(), options.anchor_candidates.end());
    RandomWalkers offenders(city, options);

    std::size_t with_anchors = 0;
    for (std::uint32_t w = 0; w < offenders.count(); ++w) {
        const auto anchors = offenders.anchors(w);
        with_anchors += !anchors.empty();
        for (const std::uint32_t a : anchors) {
            CHECK(candidates.count(a) == 1);
            CHECK(distance_m(city, a, offenders.home(w)) <= 1000.0 + 1e-6);
        }
    }
    CHECK(with_anchors == offenders.count());  // every home has a candidate within 1 km on this lattice

    double staying = 0, staying_near = 0, travelling = 0;
    std::vector<std::set<std::uint32_t>> visited(offenders.count());
    constexpr int steps = 3 * 24 * 60;
    for (int step = 0; step < steps; ++step) {
        offenders.move(step, nullptr);
        for (std::uint32_t w = 0; w < offenders.count(); ++w) {
            const std::uint32_t centre = offenders.centre(w);
            const auto anchors = offenders.anchors(w);
            REQUIRE((centre == offenders.home(w) || std::find(anchors.begin(), anchors.end(), centre) != anchors.end()));
            if (offenders.travelling(w)) {
                ++travelling;
                continue;
            }
            ++staying;
            staying_near += distance_m(city, offenders.node(w), centre) <= 250.0 + 1e-6;
            visited[w].insert(centre);
        }
    }
    // Staying around a place, they roam within the search radius; only the walk back to the place
    // at the end of a stay (mostly toward it) can leave it for a moment.
    CHECK(staying_near >= 0.97 * staying);
    // Routes between places within 1 km take about 10 minutes against stays of about an hour.
    CHECK(travelling > 0.03 * (staying + travelling));
    CHECK(travelling < 0.4 * (staying + travelling));
    // In three days of hourly stays, each offender has been home and at its anchors.
    double saw_all = 0;
    for (std::uint32_t w = 0; w < offenders.count(); ++w) {
        std::set<std::uint32_t> places{offenders.home(w)};
        for (const std::uint32_t a : offenders.anchors(w)) places.insert(a);
        saw_all += visited[w] == places;
    }
    CHECK(saw_all >= 0.95 * offenders.count());
}

// On a star (one centre, four streets to four leaves) a walker at the centre takes street s with
// probability (1 + pull B_s) / sum (1 + pull B). With B = (0, 1, 3, 0) and pull 2 that is
// (1, 3, 7, 1) / 12. n choices: binomial standard error at most sqrt(0.25 / n); tolerance 5 of them.
TEST_CASE("offender pull: streets are taken in proportion to 1 + pull * B", "[agents][offenders]") {
    CityDraft draft;
    draft.name = "star";
    draft.node_x_m = {0, 100, 0, -100, 0};
    draft.node_y_m = {0, 0, 100, 0, -100};
    for (std::uint32_t leaf = 1; leaf <= 4; ++leaf) draft.segments.push_back({0, leaf, 100.0f});
    const City city = City::build(draft, false);
    std::vector<float> b(city.segment_count(), 0.0f);
    std::vector<double> expected(5, 0.0);
    const double pull = 2.0;
    double total = 0;
    for (std::uint32_t s = 0; s < city.segment_count(); ++s) {
        const std::uint32_t leaf = city.segment_from()[s] == 0 ? city.segment_to()[s] : city.segment_from()[s];
        b[s] = leaf == 2 ? 1.0f : leaf == 3 ? 3.0f : 0.0f;
        expected[leaf] = 1 + pull * b[s];
        total += expected[leaf];
    }
    RandomWalkers::Options options = walkers(500);
    RandomWalkers offenders(city, options);
    offenders.set_pull(&b, pull);
    std::vector<double> chosen(5, 0.0);
    double choices = 0;
    for (int step = 0; step < 400; ++step) {
        std::vector<std::uint32_t> before(offenders.count());
        for (std::uint32_t w = 0; w < offenders.count(); ++w) before[w] = offenders.node(w);
        offenders.move(step, nullptr);
        for (std::uint32_t w = 0; w < offenders.count(); ++w)
            if (before[w] == 0) {
                chosen[offenders.node(w)] += 1;
                choices += 1;
            }
    }
    REQUIRE(choices > 50000);
    const double tolerance = 5 * std::sqrt(0.25 / choices);
    for (std::uint32_t leaf = 1; leaf <= 4; ++leaf) {
        INFO("leaf " << leaf);
        CHECK(chosen[leaf] / choices == Approx(expected[leaf] / total).margin(tolerance));
    }
}

TEST_CASE("offender rest: sent home, it stays there until the rest is over, then walks on", "[agents][offenders]") {
    const City city = lattice(10);
    RandomWalkers::Options options = walkers(20);
    options.anchor_count = 1;
    options.anchor_candidates = {0, 55, 99};
    options.anchor_weights = {1, 1, 1};
    options.awareness_radius_m = 0;
    RandomWalkers offenders(city, options);
    for (int step = 0; step < 30; ++step) offenders.move(step, nullptr);
    offenders.rest_at_home(3, 90);
    CHECK(offenders.node(3) == offenders.home(3));
    CHECK(offenders.centre(3) == offenders.home(3));
    CHECK_FALSE(offenders.travelling(3));
    for (int step = 30; step < 90; ++step) {
        CHECK(offenders.resting(3, step));
        offenders.move(step, nullptr);
        REQUIRE(offenders.node(3) == offenders.home(3));
    }
    CHECK_FALSE(offenders.resting(3, 90));
    bool moved = false;
    for (int step = 90; step < 200 && !moved; ++step) {
        offenders.move(step, nullptr);
        moved = offenders.node(3) != offenders.home(3);
    }
    CHECK(moved);
}
