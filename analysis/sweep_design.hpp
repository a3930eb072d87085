#pragma once
// Experimental designs for parameter sweeps: which parameter combinations to run. Pure mathematics,
// no I/O and no simulation: the sweep runner maps each row of a Design onto a scenario and runs it.
//
// Every design is built in the unit cube first (one coordinate in [0, 1] per parameter) and then
// mapped onto the parameters' values, so the sensitivity indices (analysis/sensitivity.hpp) can work
// on unit coordinates whatever the parameters' units. The designs, their cost and how to read the
// indices are described for researchers in docs/sensitivity-methods.md.
//
// Determinism: the random designs draw from sim/core's counter-based RNG, each draw a pure function of
// (seed, design stream, row, column), so the unit coordinates are bit-identical on every machine and
// compiler (only integer arithmetic, +, * and / on doubles). Mapped values on a log scale go through
// std::log and std::exp, which C libraries may round differently in the last bit.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace streetwise {

struct SweepParameter {
    std::string key;             // scenario key, e.g. "crime.robbery.rate"
    std::vector<double> values;  // explicit levels (non-empty: the parameter takes only these values)
    double min = 0, max = 0;     // range, used when values is empty
    bool log_scale = false;      // sample uniformly in log(value) (min > 0); ignored with explicit values
    bool integer = false;        // round mapped values to the nearest integer (halves away from zero)
};

enum class DesignKind { grid, latin_hypercube, morris, sobol };

struct DesignOptions {
    DesignKind kind = DesignKind::grid;
    std::size_t samples = 0;     // lhs: points; morris: trajectories r; sobol: base sample size N; grid: unused
    int grid_levels = 5;         // grid over a range: evenly spaced levels including both ends (>= 2)
    int morris_levels = 4;       // p (even), jump Delta = p / (2 (p - 1))
    std::uint64_t seed = 1;
};

struct Design {
    std::vector<std::vector<double>> unit;    // rows x parameters, in [0, 1] (for grid with explicit values: index/(n-1))
    std::vector<std::vector<double>> values;  // the same rows mapped to parameter values
};

// No design may have more rows than this: each row is at least one simulation run.
inline constexpr std::size_t max_design_rows = 10'000'000;

// Rows, in this order (row r is design.unit[r] and design.values[r]):
//  - grid: the full cartesian product of every parameter's levels, the last parameter varying fastest
//    (like nested loops with the first parameter outermost). A parameter with explicit values takes
//    them in the order given (unit coordinate index/(n-1), 0 for a single value); a range takes
//    grid_levels evenly spaced levels from min to max (unit j/(grid_levels-1)).
//    Rows: product of the levels' counts.
//  - latin_hypercube (McKay et al. 1979): `samples` points; in each dimension, each of the n equal
//    strata [s/n, (s+1)/n) holds exactly one point, drawn uniformly within it; the strata are matched
//    across dimensions by independent random permutations. Rows: n.
//  - morris (Morris 1991): `samples` trajectories of k+1 rows each (k parameters), trajectory after
//    trajectory; within one, each row changes exactly one parameter from the row before by +Delta or
//    -Delta on the p-level grid {0, 1/(p-1), ..., 1}, every parameter once, in a random order from a
//    random start. Rows: r (k + 1).
//  - sobol (Saltelli et al. 2010): N blocks of k+2 rows, block after block: A_j, B_j, AB^1_j, ...,
//    AB^k_j, where A and B are independent pseudo-random uniform N x k matrices (not a quasi-random
//    Sobol sequence) and AB^i_j is A_j with column i taken from B_j. Rows: N (k + 2).
// Unit coordinates map to values linearly (or in log(value) with log_scale) from min to max; with
// explicit values the sampled designs pick level floor(u * n), clamped to n - 1, so each of the n
// levels covers an equal share of [0, 1]. Integer parameters are then rounded.
// Throws std::invalid_argument with a clear message for impossible requests (no parameters, a key
// given twice, min >= max or non-finite bounds or values, log scale with min <= 0, grid_levels < 2,
// odd or < 2 morris_levels, samples 0 for sampled designs, more than max_design_rows rows).
Design make_design(const std::vector<SweepParameter>& parameters, const DesignOptions& options);

// Number of rows make_design would return (for progress and validation before generating); checks
// the request as make_design does and throws the same errors.
std::size_t design_size(const std::vector<SweepParameter>& parameters, const DesignOptions& options);

// A unit coordinate u in [0, 1] mapped to the parameter's value as make_design's sampled designs do.
double map_unit_value(const SweepParameter& parameter, double u);

std::string_view design_name(DesignKind);                 // "grid", "latin_hypercube", "morris", "sobol"
std::optional<DesignKind> design_from_name(std::string_view);  // those names, and "lhs" for latin_hypercube

}  // namespace streetwise
