#include "analysis/rate_update.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace streetwise::analysis {

RateUpdate proportional_rate_update(double current_rate, double target_true_per_year, double measured_true_per_year,
                                    const RateUpdateSettings& settings) {
    const double max_factor = settings.max_factor;
    auto valid = [](double x) { return std::isfinite(x) && x >= 0.0; };
    if (!valid(current_rate) || !valid(target_true_per_year) || !valid(measured_true_per_year))
        throw std::invalid_argument("proportional_rate_update: rates, targets and measurements must be finite and >= 0");
    if (!(std::isfinite(max_factor) && max_factor >= 1.0))
        throw std::invalid_argument("proportional_rate_update: max_factor must be finite and >= 1");
    if (!(settings.damping > 0.0 && settings.damping <= 1.0))
        throw std::invalid_argument("proportional_rate_update: damping must be in (0, 1]");

    if (target_true_per_year == 0.0) return {0.0, RateUpdateOutcome::target_zero};
    if (measured_true_per_year == 0.0) {
        if (current_rate == 0.0) return {0.0, RateUpdateOutcome::zero_rate};
        return {current_rate * max_factor, RateUpdateOutcome::raised_without_crime};
    }
    const double ratio = target_true_per_year / measured_true_per_year;
    const double factor = settings.damping == 1.0 ? ratio : std::pow(ratio, settings.damping);
    const double kept = std::clamp(factor, 1.0 / max_factor, max_factor);
    return {current_rate * kept, kept == factor ? RateUpdateOutcome::scaled : RateUpdateOutcome::capped};
}

std::array<RateUpdate, crime_type_count> proportional_rate_updates(
    const std::array<double, crime_type_count>& current_rates, const CalibrationTargets& targets,
    const std::array<double, crime_type_count>& measured_true_per_year, const RateUpdateSettings& settings) {
    std::array<RateUpdate, crime_type_count> updates{};
    for (std::size_t t = 0; t < updates.size(); ++t) {
        const CrimeTypeTarget& target = targets.by_type[t];
        if (!target.calibrated()) {
            // Checked like the others, so a bad current rate is caught whichever types are calibrated.
            proportional_rate_update(current_rates[t], 0.0, measured_true_per_year[t], settings);
            updates[t] = {current_rates[t], RateUpdateOutcome::no_target};
            continue;
        }
        updates[t] =
            proportional_rate_update(current_rates[t], target.true_per_year, measured_true_per_year[t], settings);
    }
    return updates;
}

}  // namespace streetwise::analysis
