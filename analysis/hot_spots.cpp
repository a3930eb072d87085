#include "analysis/hot_spots.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace streetwise::analysis {

void FieldAverage::add(std::span<const double> field) {
    if (field.size() != sum_.size()) throw std::invalid_argument("FieldAverage::add: wrong number of places");
    for (std::size_t i = 0; i < sum_.size(); ++i) sum_[i] += field[i];
    ++samples_;
}

std::vector<double> FieldAverage::mean() const {
    std::vector<double> m(sum_.size(), 0.0);
    if (samples_ == 0) return m;
    const double inv = 1.0 / static_cast<double>(samples_);
    for (std::size_t i = 0; i < m.size(); ++i) m[i] = sum_[i] * inv;
    return m;
}

HotSpotStats hot_spot_stats(std::span<const double> field) {
    if (field.empty()) throw std::invalid_argument("hot_spot_stats: empty field");
    const double n = static_cast<double>(field.size());
    double sum = 0;
    for (double v : field) sum += v;
    const double mean = sum / n;
    if (!(mean > 0)) throw std::invalid_argument("hot_spot_stats: the mean must be positive");
    double squares = 0;
    for (double v : field) squares += (v - mean) * (v - mean);
    std::vector<double> sorted(field.begin(), field.end());
    // Nearest rank: the smallest value with at least 99 % of the values at or below it.
    const auto rank = static_cast<std::size_t>(std::ceil(0.99 * n));
    const auto k = sorted.begin() + static_cast<std::ptrdiff_t>(std::max<std::size_t>(rank, 1) - 1);
    std::nth_element(sorted.begin(), k, sorted.end());
    HotSpotStats stats;
    stats.mean = mean;
    stats.coefficient_of_variation = std::sqrt(squares / n) / mean;
    stats.peak_to_mean = *std::max_element(field.begin(), field.end()) / mean;
    stats.p99_to_mean = *k / mean;
    return stats;
}

}  // namespace streetwise::analysis
