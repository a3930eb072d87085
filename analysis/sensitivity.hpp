#pragma once
// Global sensitivity indices from the outputs of a sweep run on a Morris or Sobol design
// (analysis/sweep_design.hpp): how much each parameter moves an outcome, over the whole parameter
// space rather than around one point. Pure mathematics; how to read the indices is in
// docs/sensitivity-methods.md.
//
// All indices are computed on the designs' unit coordinates, so an elementary effect is "change of the
// output when the parameter goes across its whole range" and does not depend on the parameter's unit.
// Outputs must be finite (a failed run must be rerun or the point dropped before this); otherwise
// std::invalid_argument, as for a design that is not of the expected shape.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "analysis/sweep_design.hpp"

namespace streetwise {

// Morris (1991) elementary effects summarised per parameter:
//  mu      mean of the effects (signed: effects of opposite sign cancel);
//  mu_star mean of their absolute values (Campolongo et al. 2007), the measure to rank parameters by;
//  sigma   their sample standard deviation (divisor effects - 1): large when the effect depends on
//          where in the space it is measured, i.e. non-linearity or interactions; NaN with fewer than
//          2 effects;
//  effects how many elementary effects were found for the parameter (r for a make_design Morris design).
struct MorrisIndex { double mu = 0, mu_star = 0, sigma = 0; std::size_t effects = 0; };

// Elementary effects from a Morris design's rows (make_design order: r trajectories of k+1 rows each)
// and one output per row. Effects are per unit of the parameter's range (unit-cube coordinates):
// (y_after - y_before) / (u_after - u_before) for the one coordinate changed between consecutive rows
// of a trajectory. Each step of a trajectory must change exactly one coordinate.
std::vector<MorrisIndex> morris_indices(const Design& design, const std::vector<double>& outputs);

// Variance-based indices of one parameter, each with its 95% bootstrap percentile interval:
//  first  S_i = V[E(Y | X_i)] / V(Y): the share of the output's variance that X_i explains alone;
//  total  S_Ti = E[V(Y | X_~i)] / V(Y): the share that involves X_i at all, alone or in interaction.
// S_Ti - S_i is X_i's share through interactions; S_Ti ~ 0 means X_i can be fixed anywhere in its
// range. Estimates carry sampling error, so a small index may come out slightly negative.
// All are NaN when the outputs do not vary at all; the intervals are NaN when bootstrap is 0.
struct SobolIndex { double first = 0, first_low = 0, first_high = 0, total = 0, total_low = 0, total_high = 0; };

// From a Sobol design (make_design order: N blocks of k+2 rows: A_j, B_j, AB^1_j..AB^k_j) and one
// output per row: first-order (Saltelli et al. 2010) and total (Jansen 1999) indices with 95% bootstrap
// intervals (bootstrap resamples of the N blocks, seeded, deterministic).
std::vector<SobolIndex> sobol_indices(const Design& design, const std::vector<double>& outputs,
                                      std::size_t bootstrap = 1000, std::uint64_t seed = 1);

}  // namespace streetwise
