#pragma once
// Crime concentration at street segments (Weisburd's "law of crime concentration"): the
// smallest share of segments that together hold a given share of all crime.
#include <cstdint>
#include <span>

namespace streetwise::analysis {

// Smallest fraction of places (segments) whose counts add up to at least `share_of_crime` of the
// total; 0 when there is no crime. share_of_crime in (0, 1].
double share_of_places_holding(std::span<const std::uint32_t> counts_per_place, double share_of_crime);

// Gini coefficient of crime over places: 0 when every place has the same count, (n - 1) / n when
// one of n places holds all of it; 0 when there is no crime. With counts x sorted ascending,
// G = sum_i (2i - n - 1) x_i / (n sum_i x_i), i = 1..n.
double gini_coefficient(std::span<const std::uint32_t> counts_per_place);

// Fraction of places with no crime at all.
double share_of_places_without_crime(std::span<const std::uint32_t> counts_per_place);

}  // namespace streetwise::analysis
