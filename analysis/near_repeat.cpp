#include "analysis/near_repeat.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

namespace streetwise::analysis {

namespace {

// SplitMix64: a small generator with a fixed definition, so shuffles are the same everywhere
// (std::shuffle's use of a generator is up to each standard library).
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n), n > 0: 53 random bits scaled (its bias is far below what a test can see).
    std::uint64_t below(std::uint64_t n) {
        const double unit = static_cast<double>(next() >> 11) * 0x1.0p-53;
        return std::min(n - 1, static_cast<std::uint64_t>(unit * static_cast<double>(n)));
    }

private:
    std::uint64_t state_;
};

std::uint64_t count_close_in_time(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs,
                                  const std::vector<double>& time_s, double window_s) {
    std::uint64_t close = 0;
    for (const auto& [i, j] : pairs) close += std::abs(time_s[i] - time_s[j]) <= window_s;
    return close;
}

}  // namespace

double repeat_victim_share(std::span<const std::uint32_t> victim_per_crime) {
    if (victim_per_crime.empty()) return 0.0;
    std::vector<std::uint32_t> sorted(victim_per_crime.begin(), victim_per_crime.end());
    std::sort(sorted.begin(), sorted.end());
    std::size_t victims = 0, repeated = 0;
    for (std::size_t i = 0; i < sorted.size();) {
        std::size_t j = i;
        while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
        ++victims;
        repeated += j - i >= 2;
        i = j;
    }
    return static_cast<double>(repeated) / static_cast<double>(victims);
}

KnoxResult knox_near_repeat(std::span<const CrimePoint> crimes, double distance_m, double window_s, int permutations,
                            std::uint64_t seed) {
    if (!(distance_m > 0) || !(window_s > 0) || permutations < 1)
        throw std::invalid_argument("knox_near_repeat: distance and window must be positive, permutations at least 1");
    KnoxResult result;
    result.permutations = permutations;

    // Pairs close in space, through a grid of distance_m cells: a pair within distance_m lies in the
    // same or neighbouring cells. Pairs are listed in index order, so the result is deterministic.
    const auto cell_of = [&](double v) { return static_cast<std::int64_t>(std::floor(v / distance_m)); };
    const auto key = [](std::int64_t cx, std::int64_t cy) {
        return (static_cast<std::uint64_t>(cx) << 32) ^ static_cast<std::uint64_t>(static_cast<std::uint32_t>(cy));
    };
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> cells;
    for (std::uint32_t i = 0; i < crimes.size(); ++i) cells[key(cell_of(crimes[i].x_m), cell_of(crimes[i].y_m))].push_back(i);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    const double d2 = distance_m * distance_m;
    for (std::uint32_t i = 0; i < crimes.size(); ++i) {
        const std::int64_t cx = cell_of(crimes[i].x_m), cy = cell_of(crimes[i].y_m);
        for (std::int64_t dx = -1; dx <= 1; ++dx)
            for (std::int64_t dy = -1; dy <= 1; ++dy) {
                const auto found = cells.find(key(cx + dx, cy + dy));
                if (found == cells.end()) continue;
                for (const std::uint32_t j : found->second) {
                    if (j <= i) continue;
                    const double ex = crimes[i].x_m - crimes[j].x_m, ey = crimes[i].y_m - crimes[j].y_m;
                    if (ex * ex + ey * ey <= d2) pairs.emplace_back(i, j);
                }
            }
    }
    result.close_in_space = pairs.size();

    std::vector<double> time_s(crimes.size());
    for (std::size_t i = 0; i < crimes.size(); ++i) time_s[i] = crimes[i].time_s;
    result.close_pairs = count_close_in_time(pairs, time_s, window_s);

    SplitMix64 random(seed);
    double sum = 0;
    int as_many = 0;
    for (int p = 0; p < permutations; ++p) {
        for (std::size_t i = time_s.size(); i > 1; --i) std::swap(time_s[i - 1], time_s[random.below(i)]);  // Fisher-Yates
        const std::uint64_t close = count_close_in_time(pairs, time_s, window_s);
        sum += static_cast<double>(close);
        as_many += close >= result.close_pairs;
    }
    result.expected_close_pairs = sum / permutations;
    result.ratio = result.expected_close_pairs > 0 ? static_cast<double>(result.close_pairs) / result.expected_close_pairs : 0.0;
    result.p_value = (1.0 + as_many) / (1.0 + permutations);
    return result;
}

}  // namespace streetwise::analysis
