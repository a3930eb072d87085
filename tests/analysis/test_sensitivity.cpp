// Global sensitivity indices checked on functions whose answers are known: Morris elementary effects
// on linear and interacting functions, Sobol indices on the Ishigami function and on a function with
// an inert parameter, and the bootstrap intervals' coverage.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <vector>

#include "analysis/sensitivity.hpp"

using namespace streetwise;
using Catch::Matchers::Contains;

namespace {

constexpr double pi = 3.14159265358979323846;

std::vector<SweepParameter> unit_cube(std::size_t k, double min = 0, double max = 1) {
    std::vector<SweepParameter> parameters(k);
    for (std::size_t i = 0; i < k; ++i) {
        parameters[i].key = "x" + std::to_string(i + 1);
        parameters[i].min = min;
        parameters[i].max = max;
    }
    return parameters;
}

DesignOptions options(DesignKind kind, std::size_t samples, std::uint64_t seed = 1) {
    DesignOptions o;
    o.kind = kind;
    o.samples = samples;
    o.seed = seed;
    return o;
}

std::vector<double> evaluate(const std::vector<std::vector<double>>& rows,
                             const std::function<double(const std::vector<double>&)>& f) {
    std::vector<double> outputs;
    outputs.reserve(rows.size());
    for (const std::vector<double>& row : rows) outputs.push_back(f(row));
    return outputs;
}

// Ishigami and Homma (1990): f = sin x1 + a sin^2 x2 + b x3^4 sin x1 on [-pi, pi]^3, a = 7, b = 0.1.
double ishigami(const std::vector<double>& x) {
    const double s2 = std::sin(x[1]);
    return std::sin(x[0]) + 7.0 * s2 * s2 + 0.1 * std::pow(x[2], 4) * std::sin(x[0]);
}

// Its variance decomposition (Sobol' and Levitan 1999; Saltelli et al. 2008, section 4.7):
// V1 = (1 + b pi^4 / 5)^2 / 2, V2 = a^2 / 8, V13 = b^2 pi^8 (1/18 - 1/50), V = V1 + V2 + V13,
// so S1 = (0.3139, 0.4424, 0) and ST = (0.5576, 0.4424, 0.2437).
struct Analytic {
    double first[3], total[3];
};
Analytic ishigami_indices() {
    const double a = 7, b = 0.1, pi4 = std::pow(pi, 4), pi8 = std::pow(pi, 8);
    const double v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5), v2 = a * a / 8, v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
    const double v = v1 + v2 + v13;
    return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

}  // namespace

// For f = sum a_i u_i every elementary effect of u_i is a_i, whatever the point and the sign of the
// step: mu = a_i, mu* = |a_i|, sigma = 0. Outputs are O(10), so each is computed within a few ulps
// (~1e-14) and an effect, a difference of two divided by Delta = 2/3, within ~1e-13: margin 1e-12.
TEST_CASE("sensitivity: Morris on a linear function gives its coefficients", "[analysis][sensitivity]") {
    const std::vector<double> a{2.0, -3.0, 0.5};
    const Design d = make_design(unit_cube(4), options(DesignKind::morris, 30, 11));
    // x4 does not enter f at all.
    const std::vector<double> y = evaluate(d.unit, [&](const std::vector<double>& u) {
        return a[0] * u[0] + a[1] * u[1] + a[2] * u[2];
    });
    const std::vector<MorrisIndex> m = morris_indices(d, y);
    REQUIRE(m.size() == 4);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(m[i].effects == 30);
        CHECK(m[i].mu == Approx(a[i]).margin(1e-12));
        CHECK(m[i].mu_star == Approx(std::fabs(a[i])).margin(1e-12));
        CHECK(m[i].sigma == Approx(0).margin(1e-12));
    }
    // An inert parameter: the outputs before and after its step are the same computation, so exactly 0.
    CHECK(m[3].effects == 30);
    CHECK(m[3].mu == 0.0);
    CHECK(m[3].mu_star == 0.0);
    CHECK(m[3].sigma == 0.0);
}

// Effects are per unit of the parameter's range: f = 3 v with v in [10, 20] changes by 30 when v
// crosses its range, so mu = 30, whatever the number of levels.
TEST_CASE("sensitivity: Morris effects are per parameter range", "[analysis][sensitivity]") {
    for (const int p : {2, 4, 8}) {
        DesignOptions o = options(DesignKind::morris, 10, 5);
        o.morris_levels = p;
        const Design d = make_design(unit_cube(2, 10, 20), o);
        const std::vector<MorrisIndex> m =
            morris_indices(d, evaluate(d.values, [](const std::vector<double>& v) { return 3 * v[0]; }));
        CHECK(m[0].mu == Approx(30).margin(1e-10));  // outputs ~60, ulps ~1e-14, divided by Delta >= 1/2
        CHECK(m[1].mu_star == 0.0);
    }
}

// f = u1 u2 + u3: the effect of u1 is u2 at the point of the step (and vice versa), which varies over
// the grid, so sigma > 0 for both; u3 still has a constant effect 1 and sigma 0. On the 4-level grid
// u2 is uniform over {0, 1/3, 2/3, 1} at each step (a start uniform over the levels stays uniform after
// a jump), so the effects have mean 1/2 and standard deviation sqrt(1.25) / 3 = 0.373; with r = 200
// the sample values lie within 0.373 +- 0.02 and 0.5 +- 0.026 (one standard error), hence +-0.1.
TEST_CASE("sensitivity: Morris sigma reveals an interaction", "[analysis][sensitivity]") {
    const Design d = make_design(unit_cube(3), options(DesignKind::morris, 200, 3));
    const std::vector<MorrisIndex> m =
        morris_indices(d, evaluate(d.unit, [](const std::vector<double>& u) { return u[0] * u[1] + u[2]; }));
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(m[i].mu_star == Approx(0.5).margin(0.1));
        CHECK(m[i].sigma == Approx(std::sqrt(1.25) / 3).margin(0.1));
    }
    CHECK(m[2].mu == Approx(1).margin(1e-12));
    CHECK(m[2].sigma == Approx(0).margin(1e-12));
}

TEST_CASE("sensitivity: Morris input is checked", "[analysis][sensitivity]") {
    const Design d = make_design(unit_cube(2), options(DesignKind::morris, 3));
    std::vector<double> y(d.unit.size(), 1.0);
    CHECK_THROWS_WITH(morris_indices(d, std::vector<double>(4, 1.0)), Contains("one output per row"));
    y[2] = std::nan("");
    CHECK_THROWS_WITH(morris_indices(d, y), Contains("not finite"));
    const Design sobol = make_design(unit_cube(2), options(DesignKind::sobol, 3));  // 12 rows: 4 "trajectories"
    CHECK_THROWS_WITH(morris_indices(sobol, std::vector<double>(sobol.unit.size(), 1.0)), Contains("exactly one"));
    // One trajectory: effects but no spread to measure.
    const Design one = make_design(unit_cube(2), options(DesignKind::morris, 1));
    const std::vector<MorrisIndex> m = morris_indices(one, {0.0, 1.0, 3.0});
    CHECK(m[0].effects == 1);
    CHECK(std::isnan(m[0].sigma));
}

// Ishigami with N = 10,000 (50,000 runs). Over 40 seeds the estimates' standard deviations were at
// most 0.011 (S_T1; the bootstrap's own estimate for this seed, half-width / 1.96, agrees at ~0.014),
// so a tolerance of 0.035 is over 3 of them for the worst index and over 3.5 for the others. For this
// seed: S1 = (0.3140, 0.4416, -0.0107), ST = (0.5439, 0.4475, 0.2449), the largest error 0.014 (S_T1).
// The 95% intervals must cover the analytic values.
TEST_CASE("sensitivity: Sobol indices of the Ishigami function", "[analysis][sensitivity]") {
    const Design d = make_design(unit_cube(3, -pi, pi), options(DesignKind::sobol, 10'000, 2024));
    const std::vector<SobolIndex> s = sobol_indices(d, evaluate(d.values, ishigami), 1000, 7);
    const Analytic exact = ishigami_indices();
    CHECK(exact.first[0] == Approx(0.3139).margin(1e-4));
    CHECK(exact.total[0] == Approx(0.5576).margin(1e-4));
    CHECK(exact.total[2] == Approx(0.2437).margin(1e-4));
    REQUIRE(s.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        INFO("x" << i + 1 << ": S1 " << s[i].first << " [" << s[i].first_low << ", " << s[i].first_high << "], ST "
                 << s[i].total << " [" << s[i].total_low << ", " << s[i].total_high << "]");
        CHECK(s[i].first == Approx(exact.first[i]).margin(0.035));
        CHECK(s[i].total == Approx(exact.total[i]).margin(0.035));
        CHECK(s[i].first_low <= exact.first[i]);
        CHECK(exact.first[i] <= s[i].first_high);
        CHECK(s[i].total_low <= exact.total[i]);
        CHECK(exact.total[i] <= s[i].total_high);
        CHECK(s[i].first_low <= s[i].first);
        CHECK(s[i].first <= s[i].first_high);
    }
}

// f = x1 + 2 x2 on [0, 1]^3 with x3 inert: additive, so S_i = S_Ti = a_i^2 / sum a^2 = (0.2, 0.8, 0).
// x3's indices are exactly 0: f(AB^3) and f(A) are the same computation, so every term vanishes, in
// every bootstrap resample too. For the others, with N = 2,000 the estimates' standard deviation over
// 100 seeds was at most 0.028 (S_2), so the tolerance is 0.1 (over 3.5 of them).
TEST_CASE("sensitivity: an inert parameter has Sobol indices 0", "[analysis][sensitivity]") {
    const Design d = make_design(unit_cube(3), options(DesignKind::sobol, 2000, 9));
    const std::vector<SobolIndex> s =
        sobol_indices(d, evaluate(d.values, [](const std::vector<double>& x) { return x[0] + 2 * x[1]; }), 500);
    CHECK(s[2].first == 0.0);
    CHECK(s[2].total == 0.0);
    CHECK(s[2].first_low == 0.0);
    CHECK(s[2].first_high == 0.0);
    CHECK(s[2].total_low == 0.0);
    CHECK(s[2].total_high == 0.0);
    CHECK(s[0].first == Approx(0.2).margin(0.1));
    CHECK(s[0].total == Approx(0.2).margin(0.1));
    CHECK(s[1].first == Approx(0.8).margin(0.1));
    CHECK(s[1].total == Approx(0.8).margin(0.1));
}

// The percentile intervals' coverage: 200 independent designs of N = 1,000 on Ishigami, 6 intervals
// each. If the intervals are right about 95% cover. The 6 intervals of one design are correlated, so
// count conservatively as if only 200 were independent: standard deviation sqrt(0.95 0.05 / 200)
// = 0.015; tolerance 3 of them. (This build: 0.957.)
TEST_CASE("sensitivity: Sobol bootstrap intervals cover 95% of the time", "[analysis][sensitivity]") {
    const Analytic exact = ishigami_indices();
    int covered = 0, intervals = 0;
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        const Design d = make_design(unit_cube(3, -pi, pi), options(DesignKind::sobol, 1000, seed));
        const std::vector<SobolIndex> s = sobol_indices(d, evaluate(d.values, ishigami), 300, seed);
        for (std::size_t i = 0; i < 3; ++i) {
            covered += s[i].first_low <= exact.first[i] && exact.first[i] <= s[i].first_high;
            covered += s[i].total_low <= exact.total[i] && exact.total[i] <= s[i].total_high;
            intervals += 2;
        }
    }
    CHECK(covered / double(intervals) == Approx(0.95).margin(3 * 0.015));
}

TEST_CASE("sensitivity: Sobol indices are deterministic and shift-invariant", "[analysis][sensitivity]") {
    const Design d = make_design(unit_cube(3, -pi, pi), options(DesignKind::sobol, 500, 4));
    const std::vector<double> y = evaluate(d.values, ishigami);
    const std::vector<SobolIndex> first = sobol_indices(d, y, 200, 1), again = sobol_indices(d, y, 200, 1),
                                  reseeded = sobol_indices(d, y, 200, 2);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(first[i].first == again[i].first);  // bit for bit
        CHECK(first[i].first_low == again[i].first_low);
        CHECK(first[i].total_high == again[i].total_high);
        CHECK(reseeded[i].first == first[i].first);  // the bootstrap seed moves only the intervals
        CHECK(reseeded[i].first_low != first[i].first_low);
    }
    // Outputs with a large mean (counts of offences, say): the estimators work on centred outputs, so
    // adding 10^6 changes the indices only by rounding (outputs ~1e6 keep ~1e-10 absolute precision
    // against a variance of ~14): margin 1e-6.
    std::vector<double> shifted = y;
    for (double& v : shifted) v += 1e6;
    const std::vector<SobolIndex> s = sobol_indices(d, shifted, 0);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(s[i].first == Approx(first[i].first).margin(1e-6));
        CHECK(s[i].total == Approx(first[i].total).margin(1e-6));
        CHECK(std::isnan(s[i].first_low));  // no bootstrap, no interval
    }
}

TEST_CASE("sensitivity: Sobol input is checked", "[analysis][sensitivity]") {
    const Design d = make_design(unit_cube(2), options(DesignKind::sobol, 10));
    // Outputs that do not vary: the indices are undefined.
    const std::vector<SobolIndex> flat = sobol_indices(d, std::vector<double>(d.unit.size(), 5.0), 10);
    CHECK(std::isnan(flat[0].first));
    CHECK(std::isnan(flat[1].total));
    CHECK(std::isnan(flat[1].total_high));
    CHECK_THROWS_WITH(sobol_indices(d, std::vector<double>(3, 1.0)), Contains("one output per row"));
    const Design morris = make_design(unit_cube(2), options(DesignKind::morris, 4));  // 12 rows, 3 "blocks"
    CHECK_THROWS_WITH(sobol_indices(morris, std::vector<double>(morris.unit.size(), 1.0)), Contains("Sobol order"));
    Design swapped = d;
    std::swap(swapped.unit[2], swapped.unit[3]);
    CHECK_THROWS_WITH(sobol_indices(swapped, std::vector<double>(d.unit.size(), 1.0)), Contains("Sobol order"));
    CHECK_THROWS_WITH(sobol_indices(Design{}, {}), Contains("no rows"));
}
