// Sweep designs: the grid's order, the mapping of unit coordinates to values, the Latin hypercube's
// strata, the shape of Morris trajectories and Sobol blocks, determinism, and refused requests.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "analysis/sweep_design.hpp"

using namespace streetwise;
using Catch::Matchers::Contains;

namespace {

SweepParameter range(std::string key, double min, double max) {
    SweepParameter p;
    p.key = std::move(key);
    p.min = min;
    p.max = max;
    return p;
}

SweepParameter levels(std::string key, std::vector<double> values) {
    SweepParameter p;
    p.key = std::move(key);
    p.values = std::move(values);
    return p;
}

DesignOptions options(DesignKind kind, std::size_t samples, std::uint64_t seed = 1) {
    DesignOptions o;
    o.kind = kind;
    o.samples = samples;
    o.seed = seed;
    return o;
}

}  // namespace

TEST_CASE("sweep design: names", "[analysis][sweep-design]") {
    for (const DesignKind kind : {DesignKind::grid, DesignKind::latin_hypercube, DesignKind::morris, DesignKind::sobol})
        CHECK(design_from_name(design_name(kind)) == kind);
    CHECK(design_name(DesignKind::latin_hypercube) == "latin_hypercube");
    CHECK(design_from_name("lhs") == DesignKind::latin_hypercube);
    CHECK_FALSE(design_from_name("Sobol").has_value());
    CHECK_FALSE(design_from_name("").has_value());
}

TEST_CASE("sweep design: the grid is the full product, last parameter fastest", "[analysis][sweep-design]") {
    const std::vector<SweepParameter> parameters{levels("a", {1, 2}), range("b", 0, 10), levels("c", {5})};
    DesignOptions o;
    o.grid_levels = 3;
    REQUIRE(design_size(parameters, o) == 6);
    const Design d = make_design(parameters, o);
    const std::vector<std::vector<double>> values{{1, 0, 5}, {1, 5, 5}, {1, 10, 5}, {2, 0, 5}, {2, 5, 5}, {2, 10, 5}};
    const std::vector<std::vector<double>> unit{{0, 0, 0}, {0, 0.5, 0}, {0, 1, 0}, {1, 0, 0}, {1, 0.5, 0}, {1, 1, 0}};
    CHECK(d.values == values);  // exact: the levels are 0, 10 * 0.5 and the ends as given
    CHECK(d.unit == unit);

    // Explicit levels in the order given (not sorted), unit index / (n - 1); samples play no part.
    o.samples = 99;
    const Design e = make_design({levels("x", {3, 1, 2})}, o);
    CHECK(e.values == std::vector<std::vector<double>>{{3}, {1}, {2}});
    CHECK(e.unit == std::vector<std::vector<double>>{{0}, {0.5}, {1}});

    // Counts multiply: 4 x 5 x 2 levels.
    o.grid_levels = 5;
    CHECK(design_size({levels("a", {1, 2, 3, 4}), range("b", 0, 1), levels("c", {0, 1})}, o) == 40);
    CHECK(make_design({levels("a", {1, 2, 3, 4}), range("b", 0, 1), levels("c", {0, 1})}, o).values.size() == 40);
}

TEST_CASE("sweep design: unit coordinates map to values", "[analysis][sweep-design]") {
    // Linear, with both ends exactly as given (0.1 + 1 * (0.3 - 0.1) would not be exactly 0.3).
    const SweepParameter linear = range("r", 0.1, 0.3);
    CHECK(map_unit_value(linear, 0.0) == 0.1);
    CHECK(map_unit_value(linear, 1.0) == 0.3);
    CHECK(map_unit_value(linear, 0.5) == Approx(0.2).epsilon(1e-15));
    CHECK(map_unit_value(linear, 1.5) == 0.3);  // clamped to [0, 1]

    // Log scale: uniform in log(value), so the middle of [1, 100] is 10.
    SweepParameter log = range("l", 1, 100);
    log.log_scale = true;
    CHECK(map_unit_value(log, 0.5) == Approx(10).epsilon(1e-14));
    CHECK(map_unit_value(log, 0.25) == Approx(std::sqrt(10.0)).epsilon(1e-14));
    CHECK(map_unit_value(log, 1.0) == 100);
    DesignOptions grid;
    grid.grid_levels = 3;
    const Design g = make_design({log}, grid);
    REQUIRE(g.values.size() == 3);
    CHECK(g.values[0][0] == 1);
    CHECK(g.values[1][0] == Approx(10).epsilon(1e-14));
    CHECK(g.values[2][0] == 100);

    // Integers: rounded after mapping (2.6 -> 3, 2.5 -> 3: halves away from zero).
    SweepParameter count = range("n", 0, 10);
    count.integer = true;
    CHECK(map_unit_value(count, 0.26) == 3);
    CHECK(map_unit_value(count, 0.25) == 3);
    CHECK(map_unit_value(count, 0.24) == 2);

    // Explicit levels: level floor(u * n), the last one for u = 1.
    const SweepParameter three = levels("v", {10, 20, 30});
    CHECK(map_unit_value(three, 0.0) == 10);
    CHECK(map_unit_value(three, 0.33) == 10);
    CHECK(map_unit_value(three, 0.34) == 20);
    CHECK(map_unit_value(three, 0.999) == 30);
    CHECK(map_unit_value(three, 1.0) == 30);
}

// McKay et al. (1979): in every dimension each of the n strata holds exactly one point. Checked
// exactly (floor(u * n) over all points is a permutation of 0..n-1), which the construction
// guarantees in floating point (see latin_hypercube in analysis/sweep_design.cpp).
TEST_CASE("sweep design: Latin hypercube strata hold one point each", "[analysis][sweep-design]") {
    const std::vector<SweepParameter> parameters{range("a", 0, 1), range("b", -5, 5), range("c", 1, 1000),
                                                 levels("d", {1, 2, 3, 4})};
    for (const std::size_t n : {1u, 2u, 4u, 7u, 100u, 1000u}) {
        for (const std::uint64_t seed : {1u, 2u, 12345u}) {
            const Design d = make_design(parameters, options(DesignKind::latin_hypercube, n, seed));
            REQUIRE(d.unit.size() == n);
            REQUIRE(d.values.size() == n);
            for (std::size_t c = 0; c < parameters.size(); ++c) {
                std::vector<std::size_t> strata;
                for (std::size_t i = 0; i < n; ++i) {
                    const double u = d.unit[i][c];
                    REQUIRE(u >= 0.0);
                    REQUIRE(u < 1.0);
                    strata.push_back(static_cast<std::size_t>(std::floor(u * static_cast<double>(n))));
                }
                std::sort(strata.begin(), strata.end());
                for (std::size_t s = 0; s < n; ++s) REQUIRE(strata[s] == s);
            }
            for (const std::vector<double>& row : d.values) {
                CHECK(row[1] >= -5);
                CHECK(row[1] <= 5);
            }
            // With as many points as levels, every explicit level is taken exactly once.
            if (n == 4) {
                std::vector<double> taken;
                for (const std::vector<double>& row : d.values) taken.push_back(row[3]);
                std::sort(taken.begin(), taken.end());
                CHECK(taken == std::vector<double>{1, 2, 3, 4});
            }
        }
    }
}

// Morris (1991): trajectories of k + 1 rows on the p-level grid, each step changing one factor by
// exactly +-Delta, every factor once. The coordinates are level / (p - 1) from integer levels, so the
// differences equal Delta up to the rounding of two divisions (below 1e-15).
TEST_CASE("sweep design: Morris trajectories", "[analysis][sweep-design]") {
    const std::vector<SweepParameter> parameters{range("a", 0, 1), range("b", 2, 3), levels("c", {1, 2, 3}),
                                                 range("d", 10, 20)};
    const std::size_t k = parameters.size();
    for (const int p : {2, 4, 6}) {
        DesignOptions o = options(DesignKind::morris, 50, 7);
        o.morris_levels = p;
        const double delta = p / (2.0 * (p - 1));
        REQUIRE(design_size(parameters, o) == 50 * (k + 1));
        const Design d = make_design(parameters, o);
        REQUIRE(d.unit.size() == 50 * (k + 1));
        std::vector<int> start_levels(static_cast<std::size_t>(p), 0);
        int up = 0, down = 0;
        for (std::size_t t = 0; t < 50; ++t) {
            std::vector<int> changed(k, 0);
            for (std::size_t c = 0; c < k; ++c) {
                const double level = d.unit[t * (k + 1)][c] * (p - 1);
                REQUIRE(std::fabs(level - std::round(level)) < 1e-12);  // on the grid
                ++start_levels[static_cast<std::size_t>(std::lround(level))];
            }
            for (std::size_t r = t * (k + 1) + 1; r < (t + 1) * (k + 1); ++r) {
                int differ = 0;
                for (std::size_t c = 0; c < k; ++c) {
                    const double step = d.unit[r][c] - d.unit[r - 1][c];
                    if (step == 0.0) continue;
                    ++differ;
                    ++changed[c];
                    REQUIRE(std::fabs(std::fabs(step) - delta) < 1e-15);
                    (step > 0 ? up : down)++;
                }
                REQUIRE(differ == 1);
            }
            CHECK(changed == std::vector<int>(k, 1));
        }
        // Random starts and directions: with 200 start coordinates every level and both directions occur
        // (a level is missed with probability (1 - 1/p)^200 < 1e-15 for p <= 6).
        for (const int count : start_levels) CHECK(count > 0);
        CHECK(up > 0);
        CHECK(down > 0);
    }
}

TEST_CASE("sweep design: Sobol blocks A, B, AB^i", "[analysis][sweep-design]") {
    const std::vector<SweepParameter> parameters{range("a", 0, 1), range("b", 0, 1), range("c", 0, 1)};
    const std::size_t k = 3, n = 64;
    REQUIRE(design_size(parameters, options(DesignKind::sobol, n)) == n * (k + 2));
    const Design d = make_design(parameters, options(DesignKind::sobol, n));
    REQUIRE(d.unit.size() == n * (k + 2));
    for (std::size_t j = 0; j < n; ++j) {
        const std::vector<double>&a = d.unit[j * (k + 2)], &b = d.unit[j * (k + 2) + 1];
        for (std::size_t c = 0; c < k; ++c) {
            CHECK(a[c] != b[c]);  // independent draws (equal with probability 2^-53)
            CHECK(a[c] >= 0.0);
            CHECK(a[c] < 1.0);
        }
        for (std::size_t i = 0; i < k; ++i)
            for (std::size_t c = 0; c < k; ++c) CHECK(d.unit[j * (k + 2) + 2 + i][c] == (c == i ? b[c] : a[c]));
    }
}

TEST_CASE("sweep design: the same seed gives the same design, another seed another", "[analysis][sweep-design]") {
    SweepParameter log = range("l", 0.01, 10);
    log.log_scale = true;
    const std::vector<SweepParameter> parameters{range("a", 0, 1), log, levels("c", {1, 2, 3})};
    for (const DesignKind kind : {DesignKind::latin_hypercube, DesignKind::morris, DesignKind::sobol}) {
        const Design first = make_design(parameters, options(kind, 20, 3));
        const Design again = make_design(parameters, options(kind, 20, 3));
        const Design other = make_design(parameters, options(kind, 20, 4));
        CHECK(first.unit == again.unit);  // bit for bit
        CHECK(first.values == again.values);
        CHECK(first.unit != other.unit);
    }
    // Pinned draws: the unit coordinates are integer arithmetic and exact divisions of counter-based
    // random bits, so they must be these values on every machine; a change here changes every sweep.
    CHECK(make_design(parameters, options(DesignKind::latin_hypercube, 20, 3)).unit[0][0] == 0x1.daa1868cccccdp-1);
    CHECK(make_design(parameters, options(DesignKind::sobol, 20, 3)).unit[1][2] == 0x1.31d8eb7dbb8a5p-1);
    CHECK(make_design(parameters, options(DesignKind::morris, 20, 3)).unit[5][1] == 2.0 / 3);  // level 2 of 0..3
}

TEST_CASE("sweep design: impossible requests are refused", "[analysis][sweep-design]") {
    const DesignOptions grid;
    const DesignOptions lhs = options(DesignKind::latin_hypercube, 10);
    CHECK_THROWS_WITH(make_design({}, grid), Contains("no parameters"));
    CHECK_THROWS_WITH(make_design({range("a", 1, 1)}, lhs), Contains("'a'") && Contains("below max"));
    CHECK_THROWS_WITH(make_design({range("a", 2, 1)}, lhs), Contains("below max"));
    CHECK_THROWS_WITH(make_design({range("a", 0, std::numeric_limits<double>::infinity())}, lhs), Contains("finite"));
    CHECK_THROWS_WITH(make_design({levels("a", {1, std::nan("")})}, lhs), Contains("finite"));
    SweepParameter log = range("l", 0, 10);
    log.log_scale = true;
    CHECK_THROWS_WITH(make_design({log}, lhs), Contains("log scale"));
    CHECK_THROWS_WITH(make_design({range("a", 0, 1), range("a", 0, 2)}, lhs), Contains("twice"));
    for (const DesignKind kind : {DesignKind::latin_hypercube, DesignKind::morris, DesignKind::sobol})
        CHECK_THROWS_WITH(design_size({range("a", 0, 1)}, options(kind, 0)), Contains("samples"));
    DesignOptions morris = options(DesignKind::morris, 10);
    for (const int p : {3, 5, 0, -2}) {
        morris.morris_levels = p;
        CHECK_THROWS_WITH(make_design({range("a", 0, 1)}, morris), Contains("even"));
    }
    DesignOptions one_level;
    one_level.grid_levels = 1;
    CHECK_THROWS_WITH(make_design({range("a", 0, 1)}, one_level), Contains("grid_levels"));
    CHECK(design_size({levels("a", {1, 2})}, one_level) == 2);  // explicit levels need no grid_levels
    // 10^8 grid points (8 parameters of 10 levels) and a Sobol design of 2 x 10^7 rows.
    DesignOptions ten;
    ten.grid_levels = 10;
    const std::vector<SweepParameter> eight(8, range("", 0, 1));
    CHECK_THROWS_WITH(design_size(eight, ten), Contains("10000000"));
    CHECK_THROWS_WITH(make_design({range("a", 0, 1)}, options(DesignKind::sobol, 10'000'000)), Contains("rows"));
    CHECK_THROWS_AS(make_design({range("a", 0, 1)}, options(DesignKind::sobol, std::numeric_limits<std::size_t>::max())),
                    std::invalid_argument);
}
