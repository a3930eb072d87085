#include "analysis/sweep_design.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "sim/core/counter_rng.hpp"

namespace streetwise {

namespace {

// Designs are drawn outside any simulation, so they take stream numbers far beyond the simulation's
// (counter_rng.hpp numbers those from 1): a sweep seed equal to some run's seed can never make the
// design's draws repeat that run's. One stream per design, so that two kinds of design drawn with the
// same seed are independent of each other.
constexpr auto lhs_stream = static_cast<RngStream>(1001);
constexpr auto morris_stream = static_cast<RngStream>(1002);
constexpr auto sobol_stream = static_cast<RngStream>(1003);

[[noreturn]] void fail(const std::string& message) { throw std::invalid_argument("sweep design: " + message); }

std::string name_of(const SweepParameter& p, std::size_t index) {
    return p.key.empty() ? "parameter " + std::to_string(index + 1) : "parameter '" + p.key + "'";
}

void check_parameters(const std::vector<SweepParameter>& parameters) {
    if (parameters.empty()) fail("no parameters to vary");
    std::set<std::string> keys;
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        const SweepParameter& p = parameters[i];
        const std::string name = name_of(p, i);
        if (!p.key.empty() && !keys.insert(p.key).second) fail(name + " is listed twice");
        if (!p.values.empty()) {
            for (const double v : p.values)
                if (!std::isfinite(v)) fail(name + ": its values must be finite numbers");
            continue;  // min, max and log_scale play no part with explicit values
        }
        if (!std::isfinite(p.min) || !std::isfinite(p.max)) fail(name + ": min and max must be finite numbers");
        if (!(p.min < p.max))
            fail(name + ": min (" + std::to_string(p.min) + ") must be below max (" + std::to_string(p.max) +
                 "), or give explicit values");
        if (p.log_scale && p.min <= 0) fail(name + ": a log scale needs min > 0");
    }
}

// Rows of a design with `blocks` groups of `per_block` rows, refused beyond max_design_rows.
std::size_t checked_rows(std::size_t blocks, std::size_t per_block, const char* what) {
    if (blocks > max_design_rows / per_block)
        fail(std::string(what) + " would need more than " + std::to_string(max_design_rows) + " rows");
    return blocks * per_block;
}

std::size_t grid_levels_of(const SweepParameter& p, const DesignOptions& options) {
    return p.values.empty() ? static_cast<std::size_t>(options.grid_levels) : p.values.size();
}

double round_if_integer(const SweepParameter& p, double value) { return p.integer ? std::round(value) : value; }

// Fisher-Yates shuffle of 0..n-1 with draws (entity, i, draw) of the given generator.
std::vector<std::uint32_t> permutation(std::uint32_t n, const CounterRng& rng, std::uint32_t entity,
                                       std::uint32_t draw) {
    std::vector<std::uint32_t> order(n);
    for (std::uint32_t i = 0; i < n; ++i) order[i] = i;
    for (std::uint32_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.below(i, entity, i - 1, draw)]);
    return order;
}

void map_rows(const std::vector<SweepParameter>& parameters, Design& design) {
    design.values.resize(design.unit.size());
    for (std::size_t r = 0; r < design.unit.size(); ++r) {
        design.values[r].resize(parameters.size());
        for (std::size_t c = 0; c < parameters.size(); ++c)
            design.values[r][c] = map_unit_value(parameters[c], design.unit[r][c]);
    }
}

Design grid_design(const std::vector<SweepParameter>& parameters, const DesignOptions& options, std::size_t rows) {
    const std::size_t k = parameters.size();
    Design design;
    design.unit.assign(rows, std::vector<double>(k));
    design.values.assign(rows, std::vector<double>(k));
    // Row r as a mixed-radix number whose last digit is the last parameter's level.
    std::vector<std::size_t> level(k, 0);
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < k; ++c) {
            const SweepParameter& p = parameters[c];
            const std::size_t n = grid_levels_of(p, options);
            const double u = n == 1 ? 0.0 : static_cast<double>(level[c]) / static_cast<double>(n - 1);
            design.unit[r][c] = u;
            // Explicit levels are taken as given, not through the floor(u * n) rule of sampled designs.
            design.values[r][c] = p.values.empty() ? map_unit_value(p, u) : round_if_integer(p, p.values[level[c]]);
        }
        for (std::size_t c = k; c-- > 0;) {
            if (++level[c] < grid_levels_of(parameters[c], options)) break;
            level[c] = 0;
        }
    }
    return design;
}

// McKay, Beckman and Conover (1979). Point i lies in stratum perm_c(i) of dimension c, at
// (perm_c(i) + v) / n with v uniform in (0, 1). v is drawn on a grid of 2^24 midpoints,
// v = (m + 1/2) 2^-24: then perm + v is exact in a double (n < 2^24, so at most 24 + 25 bits) and at
// least 2^-25 from any integer, far more than the rounding of (perm + v) / n and of its product with n
// (below 2^-28), so floor(u * n) == perm exactly and u < 1: the stratification holds in floating point,
// not only in exact arithmetic. 2^24 positions within a stratum are ample for any sweep.
static_assert(max_design_rows < (std::size_t{1} << 24), "the Latin hypercube's exact strata need n < 2^24");
Design latin_hypercube(std::size_t k, std::size_t n, std::uint64_t seed) {
    const CounterRng rng(seed, lhs_stream);
    Design design;
    design.unit.assign(n, std::vector<double>(k));
    for (std::size_t c = 0; c < k; ++c) {
        const auto dim = static_cast<std::uint32_t>(c);
        const std::vector<std::uint32_t> stratum = permutation(static_cast<std::uint32_t>(n), rng, dim, 0);
        for (std::size_t i = 0; i < n; ++i) {
            const auto m = static_cast<double>(rng.bits(dim, static_cast<std::uint32_t>(i), 1) >> 40);
            const double v = (m + 0.5) * 0x1.0p-24;
            design.unit[i][c] = (static_cast<double>(stratum[i]) + v) / static_cast<double>(n);
        }
    }
    return design;
}

// Morris (1991), one trajectory per random draw. On the p-level grid {0, 1/(p-1), ..., 1} with p even,
// the jump Delta = p / (2 (p - 1)) is p/2 grid steps, so from levels 0 .. p/2-1 a factor can only move
// up and from levels p/2 .. p-1 only down, each by exactly p/2 levels. Morris draws a base point x*
// from the lower levels {0, ..., 1 - Delta} and a direction +-1 per factor with equal chances, starting
// at x* (going up) or x* + Delta (going down); that start is uniform over all p levels and its
// direction is fixed by which half it is in. We draw exactly that: the start level of each factor
// uniformly from the p levels, and the order in which the factors change as a uniform random
// permutation (Morris's matrix P*). Coordinates are stored as level / (p - 1) from integer levels, so
// every point lies exactly on the grid. Campolongo et al.'s (2007) selection of well-spread
// trajectories from a larger set is not done: all r trajectories are independent draws.
Design morris_design(std::size_t k, std::size_t r, int p, std::uint64_t seed) {
    const CounterRng rng(seed, morris_stream);
    const auto levels = static_cast<std::uint32_t>(p);
    const std::uint32_t half = levels / 2;
    const double spacing = static_cast<double>(p - 1);
    Design design;
    design.unit.reserve(r * (k + 1));
    for (std::size_t t = 0; t < r; ++t) {
        const auto traj = static_cast<std::uint32_t>(t);
        std::vector<std::uint32_t> level(k);
        for (std::size_t c = 0; c < k; ++c) level[c] = rng.below(levels, traj, static_cast<std::uint32_t>(c), 0);
        const auto to_unit = [&] {
            std::vector<double> row(k);
            for (std::size_t c = 0; c < k; ++c) row[c] = static_cast<double>(level[c]) / spacing;
            return row;
        };
        design.unit.push_back(to_unit());
        for (const std::uint32_t c : permutation(static_cast<std::uint32_t>(k), rng, traj, 1)) {
            level[c] = level[c] < half ? level[c] + half : level[c] - half;
            design.unit.push_back(to_unit());
        }
    }
    return design;
}

// Saltelli et al. (2010), section 3 / table 2: two independent N x k sample matrices A and B and, for
// each factor i, the matrix AB^i (A with column i from B), kept together block by block so that a
// bootstrap can resample whole blocks. A and B are pseudo-random (counter-based uniform draws with 53
// random bits), not a quasi-random Sobol sequence: the estimators converge more slowly (error ~ N^-1/2
// instead of nearly N^-1) but the blocks are independent, which is what the bootstrap intervals of
// analysis/sensitivity.cpp assume, and no table of direction numbers is needed.
Design sobol_design(std::size_t k, std::size_t n, std::uint64_t seed) {
    const CounterRng rng(seed, sobol_stream);
    Design design;
    design.unit.reserve(n * (k + 2));
    for (std::size_t j = 0; j < n; ++j) {
        std::vector<double> a(k), b(k);
        for (std::size_t c = 0; c < k; ++c) {
            a[c] = rng.uniform(static_cast<std::uint32_t>(j), static_cast<std::uint32_t>(c), 0);
            b[c] = rng.uniform(static_cast<std::uint32_t>(j), static_cast<std::uint32_t>(c), 1);
        }
        design.unit.push_back(a);
        design.unit.push_back(b);
        for (std::size_t i = 0; i < k; ++i) {
            std::vector<double> ab = a;
            ab[i] = b[i];
            design.unit.push_back(std::move(ab));
        }
    }
    return design;
}

}  // namespace

double map_unit_value(const SweepParameter& p, double u) {
    u = std::clamp(u, 0.0, 1.0);
    if (!p.values.empty()) {
        const std::size_t n = p.values.size();
        const auto index = static_cast<std::size_t>(std::floor(u * static_cast<double>(n)));
        return round_if_integer(p, p.values[std::min(index, n - 1)]);
    }
    // The ends are returned as given, not as min + 1 * (max - min), which may round off max.
    if (u == 0.0) return round_if_integer(p, p.min);
    if (u == 1.0) return round_if_integer(p, p.max);
    if (p.log_scale) {
        const double low = std::log(p.min), high = std::log(p.max);
        return round_if_integer(p, std::exp(low + u * (high - low)));
    }
    return round_if_integer(p, p.min + u * (p.max - p.min));
}

std::size_t design_size(const std::vector<SweepParameter>& parameters, const DesignOptions& options) {
    check_parameters(parameters);
    const std::size_t k = parameters.size();
    if (options.kind != DesignKind::grid && options.samples == 0)
        fail(std::string(design_name(options.kind)) + " needs samples > 0 (" +
             (options.kind == DesignKind::latin_hypercube ? "points"
              : options.kind == DesignKind::morris        ? "trajectories"
                                                          : "base sample size N") +
             ")");
    switch (options.kind) {
    case DesignKind::grid: {
        std::size_t rows = 1;
        for (const SweepParameter& p : parameters) {
            if (p.values.empty() && options.grid_levels < 2)
                fail("a grid over a range needs grid_levels >= 2 (it includes both ends)");
            rows = checked_rows(rows, grid_levels_of(p, options), "the grid");
        }
        return rows;
    }
    case DesignKind::latin_hypercube:
        return checked_rows(options.samples, 1, "the Latin hypercube");
    case DesignKind::morris:
        if (options.morris_levels < 2 || options.morris_levels % 2 != 0)
            fail("morris_levels must be even and at least 2 (got " + std::to_string(options.morris_levels) +
                 "): the jump of p / (2 (p - 1)) must land on the grid");
        return checked_rows(options.samples, k + 1, "the Morris design");
    case DesignKind::sobol:
        return checked_rows(options.samples, k + 2, "the Sobol design");
    }
    fail("unknown design kind");
}

Design make_design(const std::vector<SweepParameter>& parameters, const DesignOptions& options) {
    const std::size_t rows = design_size(parameters, options);
    const std::size_t k = parameters.size();
    switch (options.kind) {
    case DesignKind::grid:
        return grid_design(parameters, options, rows);
    case DesignKind::latin_hypercube: {
        Design design = latin_hypercube(k, options.samples, options.seed);
        map_rows(parameters, design);
        return design;
    }
    case DesignKind::morris: {
        Design design = morris_design(k, options.samples, options.morris_levels, options.seed);
        map_rows(parameters, design);
        return design;
    }
    case DesignKind::sobol: {
        Design design = sobol_design(k, options.samples, options.seed);
        map_rows(parameters, design);
        return design;
    }
    }
    fail("unknown design kind");
}

std::string_view design_name(DesignKind kind) {
    switch (kind) {
    case DesignKind::grid: return "grid";
    case DesignKind::latin_hypercube: return "latin_hypercube";
    case DesignKind::morris: return "morris";
    case DesignKind::sobol: return "sobol";
    }
    return "unknown";
}

std::optional<DesignKind> design_from_name(std::string_view name) {
    for (const DesignKind kind : {DesignKind::grid, DesignKind::latin_hypercube, DesignKind::morris, DesignKind::sobol})
        if (name == design_name(kind)) return kind;
    if (name == "lhs") return DesignKind::latin_hypercube;
    return std::nullopt;
}

}  // namespace streetwise
