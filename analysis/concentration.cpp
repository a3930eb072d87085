#include "analysis/concentration.hpp"

#include <algorithm>
#include <functional>
#include <numeric>
#include <vector>

namespace streetwise::analysis {

double share_of_places_holding(std::span<const std::uint32_t> counts_per_place, double share_of_crime) {
    if (counts_per_place.empty()) return 0.0;
    std::vector<std::uint32_t> sorted(counts_per_place.begin(), counts_per_place.end());
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    const double total = std::accumulate(sorted.begin(), sorted.end(), 0.0);
    if (total <= 0.0) return 0.0;
    double held = 0.0;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        held += sorted[i];
        // Compare counts, not ratios, so exact shares (e.g. 2 of 4) are not lost to rounding.
        if (held >= share_of_crime * total - 1e-9) return static_cast<double>(i + 1) / static_cast<double>(sorted.size());
    }
    return 1.0;
}

double gini_coefficient(std::span<const std::uint32_t> counts_per_place) {
    if (counts_per_place.empty()) return 0.0;
    std::vector<std::uint32_t> sorted(counts_per_place.begin(), counts_per_place.end());
    std::sort(sorted.begin(), sorted.end());
    const double n = static_cast<double>(sorted.size());
    double total = 0.0, weighted = 0.0;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        total += sorted[i];
        weighted += (2.0 * static_cast<double>(i + 1) - n - 1.0) * sorted[i];
    }
    return total > 0.0 ? weighted / (n * total) : 0.0;
}

double share_of_places_without_crime(std::span<const std::uint32_t> counts_per_place) {
    if (counts_per_place.empty()) return 0.0;
    const auto empty = std::count(counts_per_place.begin(), counts_per_place.end(), 0u);
    return static_cast<double>(empty) / static_cast<double>(counts_per_place.size());
}

}  // namespace streetwise::analysis
