#include "sim/model/patrol_strategy.hpp"

#include <algorithm>
#include <cmath>

#include "sim/city/city.hpp"

namespace streetwise {

PatrolTargets::PatrolTargets(const City& city, const PoliceSpec& police, int step_s)
    : city_(city), police_(police), step_s_(step_s) {
    const std::uint32_t segments = city.segment_count();
    mid_x_m_.resize(segments);
    mid_y_m_.resize(segments);
    for (std::uint32_t s = 0; s < segments; ++s) {
        const std::uint32_t a = city.segment_from()[s], b = city.segment_to()[s];
        mid_x_m_[s] = 0.5 * (city.node_x_m()[a] + city.node_x_m()[b]);
        mid_y_m_[s] = 0.5 * (city.node_y_m()[a] + city.node_y_m()[b]);
    }
    score_.assign(segments, 0.0);
}

std::vector<std::uint32_t> PatrolTargets::top(const std::vector<double>& score, const std::vector<std::uint8_t>& area) const {
    std::vector<std::uint32_t> candidates;
    for (std::uint32_t s = 0; s < score.size(); ++s)
        if (score[s] > 0 && (area.empty() || area[s])) candidates.push_back(s);
    const auto n = std::min<std::size_t>(candidates.size(), static_cast<std::size_t>(police_.hot_spot.count));
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(n), candidates.end(),
                      [&](std::uint32_t a, std::uint32_t b) { return score[a] != score[b] ? score[a] > score[b] : a < b; });
    candidates.resize(n);
    return candidates;
}

std::vector<std::uint32_t> PatrolTargets::rank(PatrolStrategy strategy, const CrimeRecord& record,
                                               std::int64_t now_step, const std::vector<std::uint8_t>& area) {
    const double steps_per_day = 86400.0 / step_s_;
    std::fill(score_.begin(), score_.end(), 0.0);
    if (strategy == PatrolStrategy::hot_spot) {
        const auto window = static_cast<std::int64_t>(std::llround(police_.hot_spot.window_days * steps_per_day));
        for (const RecordedCrime& crime : record.between(now_step - window, now_step + 1)) score_[crime.segment] += 1;
        return top(score_, area);
    }
    if (strategy != PatrolStrategy::predictive) return {};
    // Background: the long-run recorded rate per day (at least one day, so the first day's crimes do
    // not count as a huge rate).
    const double days_so_far = std::max(1.0, static_cast<double>(now_step + 1) / steps_per_day);
    const std::vector<std::uint32_t>& counts = record.per_segment();
    for (std::uint32_t s = 0; s < score_.size(); ++s) score_[s] = counts[s] / days_so_far;
    // Excitation: recorded crimes within five decay times (older ones add less than 1%).
    const PredictivePatrolSpec& p = police_.predictive;
    const auto horizon = static_cast<std::int64_t>(std::llround(5 * p.decay_days * steps_per_day));
    const double reach2 = 9.0 * p.bandwidth_m * p.bandwidth_m;  // kernels beyond 3 bandwidths are dropped
    const double inv_two_bw2 = 1.0 / (2.0 * p.bandwidth_m * p.bandwidth_m);
    for (const RecordedCrime& crime : record.between(now_step - horizon, now_step + 1)) {
        const double age_days = static_cast<double>(now_step - crime.step) / steps_per_day;
        const double time_kernel = p.excitation * std::exp(-age_days / p.decay_days) / p.decay_days;
        const double cx = mid_x_m_[crime.segment], cy = mid_y_m_[crime.segment];
        for (std::uint32_t s = 0; s < score_.size(); ++s) {
            const double dx = mid_x_m_[s] - cx, dy = mid_y_m_[s] - cy;
            const double d2 = dx * dx + dy * dy;
            if (d2 <= reach2) score_[s] += time_kernel * std::exp(-d2 * inv_two_bw2);
        }
    }
    intensity_ = score_;
    return top(score_, area);
}

}  // namespace streetwise
