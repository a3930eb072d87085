#pragma once
// Repeat and near-repeat victimisation in a run's crimes. Repeat: the same victim (a person, or a
// home in the burglary lattice) victimised again. Near repeat: crimes close in both space and time
// more often than chance, measured with the Knox test (Knox 1964; as used by Johnson et al. 2007 for
// burglary): count the pairs of crimes within distance_m of each other and within window_s in time,
// then compare with the same count after shuffling the times among the crimes, which keeps where
// crime happens and when it happens but breaks any link between the two.
#include <cstdint>
#include <span>

namespace streetwise::analysis {

// Share of distinct victims with two or more crimes against them; 0 when there is no crime.
double repeat_victim_share(std::span<const std::uint32_t> victim_per_crime);

struct CrimePoint {
    double x_m = 0;
    double y_m = 0;
    double time_s = 0;
};

struct KnoxResult {
    std::uint64_t close_in_space = 0;        // pairs within distance_m
    std::uint64_t close_pairs = 0;           // of those, pairs also within window_s: observed
    double expected_close_pairs = 0;         // mean over the permutations
    double ratio = 0;                        // observed / expected (0 when nothing is expected)
    double p_value = 1;                      // (1 + permutations with as many or more) / (1 + permutations)
    int permutations = 0;
};

// The Knox test with `permutations` shuffles of the times, drawn from `seed` (a generator of its own,
// so the result is the same on every platform). Cost: finding the pairs close in space (a grid of
// distance_m cells) plus permutations x those pairs. Throws std::invalid_argument for a distance or
// window that is not positive or fewer than 1 permutation.
KnoxResult knox_near_repeat(std::span<const CrimePoint> crimes, double distance_m, double window_s, int permutations,
                            std::uint64_t seed);

}  // namespace streetwise::analysis
