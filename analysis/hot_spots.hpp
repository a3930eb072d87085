#pragma once
// Whether a field on a set of places (a lattice's attractiveness, a city's crime counts) has hot
// spots: statistics of its time average, with no eyeballing. Used to tell the spatially homogeneous
// regime of Short et al. (2008) from the hot-spot regimes (docs/validation.md).
#include <cstddef>
#include <span>
#include <vector>

namespace streetwise::analysis {

// Running time average of a field with a fixed number of places.
class FieldAverage {
public:
    explicit FieldAverage(std::size_t places) : sum_(places, 0.0) {}
    // Adds one sample; `field` has as many values as places (throws std::invalid_argument otherwise).
    void add(std::span<const double> field);
    std::size_t samples() const { return samples_; }
    // The mean of the samples at each place (all 0 before the first sample).
    std::vector<double> mean() const;

private:
    std::vector<double> sum_;
    std::size_t samples_ = 0;
};

struct HotSpotStats {
    double mean = 0;               // spatial mean
    double coefficient_of_variation = 0;  // spatial standard deviation (population) / mean
    double peak_to_mean = 0;       // maximum / mean
    double p99_to_mean = 0;        // 99th percentile (nearest rank) / mean
};

// Statistics of a non-empty field with a positive mean (throws std::invalid_argument otherwise).
// A homogeneous field has coefficient_of_variation 0 and both ratios 1; hot spots raise all three.
HotSpotStats hot_spot_stats(std::span<const double> field);

}  // namespace streetwise::analysis
