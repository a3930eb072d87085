#include "analysis/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "sim/core/counter_rng.hpp"

namespace streetwise {

namespace {

// The bootstrap's draws, on a stream of its own beyond the simulation's and the designs' (1001-1003,
// analysis/sweep_design.cpp).
constexpr auto bootstrap_stream = static_cast<RngStream>(1004);

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

[[noreturn]] void fail(const char* function, const std::string& message) {
    throw std::invalid_argument(std::string(function) + ": " + message);
}

// Rows and columns of the design, checked against the outputs: every row as wide as the first, one
// finite output per row, and the rows a whole number of groups of `per_group` rows.
std::size_t check_shape(const char* function, const Design& design, const std::vector<double>& outputs,
                        std::size_t extra_rows_per_group, const char* group) {
    if (design.unit.empty()) fail(function, "the design has no rows");
    const std::size_t k = design.unit.front().size();
    if (k == 0) fail(function, "the design has no parameters");
    for (const std::vector<double>& row : design.unit)
        if (row.size() != k) fail(function, "the design's rows differ in length");
    if (outputs.size() != design.unit.size())
        fail(function, std::to_string(outputs.size()) + " outputs for " + std::to_string(design.unit.size()) +
                           " design rows; one output per row is needed");
    for (std::size_t r = 0; r < outputs.size(); ++r)
        if (!std::isfinite(outputs[r])) fail(function, "the output of row " + std::to_string(r) + " is not finite");
    if (design.unit.size() % (k + extra_rows_per_group) != 0)
        fail(function, std::to_string(design.unit.size()) + " rows are not a whole number of " + group + " of " +
                           std::to_string(k + extra_rows_per_group) + " rows for " + std::to_string(k) +
                           " parameters");
    return k;
}

// The q-quantile of values (sorted here), interpolating linearly between order statistics
// (Hyndman and Fan's type 7, the default of R and NumPy).
double quantile(std::vector<double>& values, double q) {
    if (values.empty()) return nan;
    std::sort(values.begin(), values.end());
    const double h = q * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(h));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    return values[below] + (h - static_cast<double>(below)) * (values[above] - values[below]);
}

// Outputs of a Sobol design block by block: f(A_j), f(B_j) and f(AB^i_j).
struct SobolOutputs {
    std::size_t k = 0, n = 0;
    const std::vector<double>* outputs = nullptr;
    double a(std::size_t j) const { return (*outputs)[j * (k + 2)]; }
    double b(std::size_t j) const { return (*outputs)[j * (k + 2) + 1]; }
    double ab(std::size_t j, std::size_t i) const { return (*outputs)[j * (k + 2) + 2 + i]; }
};

// First-order and total indices from the blocks listed in `blocks` (all blocks, or a bootstrap
// resample with repeats). With f the outputs less their mean over A and B (see below), over the N
// listed blocks:
//   V     = 1/(2N) sum_j (f(A)_j^2 + f(B)_j^2)                      the output's variance, from A and B
//   V_i   = 1/N    sum_j f(B)_j (f(AB^i)_j - f(A)_j)                Saltelli et al. (2010), table 2 (b)
//   V_Ti  = 1/(2N) sum_j (f(A)_j - f(AB^i)_j)^2                     Jansen (1999); Saltelli et al. table 2 (f)
//   S_i = V_i / V, S_Ti = V_Ti / V.
// Why they work: A_j and AB^i_j share every coordinate but X_i, so f(A) - f(AB^i) measures what X_i
// changes with the rest held; its mean square is 2 E[V(Y | X_~i)]. B_j and AB^i_j share only X_i, so
// E[f(B) f(AB^i)] - E[f(B) f(A)] = E[E(Y | X_i)^2] - E(Y)^2 = V[E(Y | X_i)].
// Centring: subtracting a constant c from every output leaves V_Ti unchanged and V_i unchanged in
// expectation (E[f(AB^i) - f(A)] = 0) but removes the term c (f(AB^i) - f(A)) from V_i's sampling
// error, which for an output with a large mean and a small spread (counts of offences, say) would
// otherwise swamp the estimate. The mean over A and B is subtracted (a bias of order 1/N).
void estimate(const SobolOutputs& y, const std::vector<std::size_t>& blocks, std::vector<double>& first,
              std::vector<double>& total) {
    const auto n = static_cast<double>(blocks.size());
    double sum = 0;
    for (const std::size_t j : blocks) sum += y.a(j) + y.b(j);
    const double mean = sum / (2 * n);
    double squares = 0;
    for (const std::size_t j : blocks) squares += (y.a(j) - mean) * (y.a(j) - mean) + (y.b(j) - mean) * (y.b(j) - mean);
    const double variance = squares / (2 * n);
    for (std::size_t i = 0; i < y.k; ++i) {
        if (variance == 0.0) {
            first[i] = total[i] = nan;
            continue;
        }
        double v_first = 0, v_total = 0;
        for (const std::size_t j : blocks) {
            const double change = y.ab(j, i) - y.a(j);
            v_first += (y.b(j) - mean) * change;
            v_total += change * change;
        }
        first[i] = v_first / n / variance;
        total[i] = v_total / (2 * n) / variance;
    }
}

}  // namespace

std::vector<MorrisIndex> morris_indices(const Design& design, const std::vector<double>& outputs) {
    constexpr const char* function = "morris_indices";
    const std::size_t k = check_shape(function, design, outputs, 1, "Morris trajectories");
    std::vector<std::vector<double>> effects(k);
    for (std::size_t start = 0; start < design.unit.size(); start += k + 1) {
        for (std::size_t r = start + 1; r <= start + k; ++r) {
            const std::vector<double>&before = design.unit[r - 1], &after = design.unit[r];
            std::size_t changed = k, count = 0;
            for (std::size_t c = 0; c < k; ++c)
                if (after[c] != before[c]) changed = c, ++count;
            if (count != 1)
                fail(function, "rows " + std::to_string(r - 1) + " and " + std::to_string(r) + " differ in " +
                                   std::to_string(count) +
                                   " parameters; a Morris trajectory changes exactly one per step");
            effects[changed].push_back((outputs[r] - outputs[r - 1]) / (after[changed] - before[changed]));
        }
    }
    std::vector<MorrisIndex> indices(k);
    for (std::size_t c = 0; c < k; ++c) {
        MorrisIndex& index = indices[c];
        const std::vector<double>& e = effects[c];
        index.effects = e.size();
        if (e.empty()) {
            index.mu = index.mu_star = index.sigma = nan;
            continue;
        }
        const auto count = static_cast<double>(e.size());
        double sum = 0, absolute = 0;
        for (const double x : e) sum += x, absolute += std::fabs(x);
        index.mu = sum / count;
        index.mu_star = absolute / count;
        double squares = 0;
        for (const double x : e) squares += (x - index.mu) * (x - index.mu);
        index.sigma = e.size() < 2 ? nan : std::sqrt(squares / (count - 1));
    }
    return indices;
}

std::vector<SobolIndex> sobol_indices(const Design& design, const std::vector<double>& outputs, std::size_t bootstrap,
                                      std::uint64_t seed) {
    constexpr const char* function = "sobol_indices";
    const std::size_t k = check_shape(function, design, outputs, 2, "Sobol blocks");
    const std::size_t n = design.unit.size() / (k + 2);
    if (n > std::numeric_limits<std::uint32_t>::max()) fail(function, "too many blocks for the bootstrap's draws");
    // Each AB^i row must be its block's A row with column i from the B row: anything else (a Morris
    // design, rows out of order) would give indices without meaning.
    for (std::size_t j = 0; j < n; ++j) {
        const std::vector<double>&a = design.unit[j * (k + 2)], &b = design.unit[j * (k + 2) + 1];
        for (std::size_t i = 0; i < k; ++i)
            for (std::size_t c = 0; c < k; ++c)
                if (design.unit[j * (k + 2) + 2 + i][c] != (c == i ? b[c] : a[c]))
                    fail(function, "row " + std::to_string(j * (k + 2) + 2 + i) +
                                       " is not its block's A row with one column from B; the rows must be in "
                                       "make_design's Sobol order (A, B, AB^1 .. AB^k per block)");
    }
    const SobolOutputs y{k, n, &outputs};
    std::vector<std::size_t> blocks(n);
    for (std::size_t j = 0; j < n; ++j) blocks[j] = j;
    std::vector<double> first(k), total(k);
    estimate(y, blocks, first, total);
    std::vector<SobolIndex> indices(k);
    for (std::size_t i = 0; i < k; ++i) {
        indices[i].first = first[i];
        indices[i].total = total[i];
    }

    // Bootstrap (Efron's percentile intervals; Archer, Saltelli and Sobol 1997 for Sobol indices):
    // resample the N blocks with replacement, recompute every index, take the 2.5% and 97.5% quantiles
    // of the resampled values. Whole blocks are resampled because the k+2 outputs of a block are
    // computed together in every estimator. Resample b draws its blocks as (entity b, step m), so the
    // intervals are a pure function of (outputs, bootstrap, seed). Resamples whose outputs happen not
    // to vary (NaN) are left out of the quantiles.
    std::vector<std::vector<double>> first_draws(k), total_draws(k);
    const CounterRng rng(seed, bootstrap_stream);
    for (std::size_t b = 0; b < bootstrap; ++b) {
        for (std::size_t m = 0; m < n; ++m)
            blocks[m] = rng.below(static_cast<std::uint32_t>(n), static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(m));
        estimate(y, blocks, first, total);
        for (std::size_t i = 0; i < k; ++i) {
            if (!std::isnan(first[i])) first_draws[i].push_back(first[i]);
            if (!std::isnan(total[i])) total_draws[i].push_back(total[i]);
        }
    }
    for (std::size_t i = 0; i < k; ++i) {
        indices[i].first_low = quantile(first_draws[i], 0.025);
        indices[i].first_high = quantile(first_draws[i], 0.975);
        indices[i].total_low = quantile(total_draws[i], 0.025);
        indices[i].total_high = quantile(total_draws[i], 0.975);
    }
    return indices;
}

}  // namespace streetwise
