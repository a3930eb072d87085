#pragma once
// The proportional update that calibrates a crime rate: run the model at the current rate, measure its
// true crimes per year, and scale the rate by target / measured. When crime grows in proportion to the
// rate this lands on the target in one step; when it grows less than in proportion (offenders or
// targets saturate), repeating it converges. When it grows faster (crime ~ rate^k, k > 1, e.g. offences
// that invite more), the full step overshoots and can swing back and forth for ever: damp it, scaling by
// (target / measured)^damping with damping < 2 / k (damping 1 / k lands in one step). Pure functions:
// the engine side runs the model and calls them between runs.
#include <array>

#include "analysis/calibration_targets.hpp"
#include "sim/model/crime_type.hpp"

namespace streetwise::analysis {

enum class RateUpdateOutcome {
    scaled,              // new = current * (target / measured)^damping
    capped,              // the factor was beyond max_factor (or below 1 / max_factor): capped
    no_target,           // the type is not calibrated: the rate is kept
    target_zero,         // no crime of this type wanted: the rate becomes 0
    raised_without_crime,  // nothing measured at a positive rate: raised by max_factor, run again
    zero_rate,           // the rate is 0 and nothing was measured: no ratio can move it; kept
};

struct RateUpdateSettings {
    double max_factor = 10.0;  // the factor is kept within [1 / max_factor, max_factor]; >= 1
    double damping = 1.0;      // exponent on target / measured, in (0, 1]; below 1 for faster-than-linear crime
};

struct RateUpdate {
    double rate = 0;  // the rate for the next run, in the unit of the current rate
    RateUpdateOutcome outcome = RateUpdateOutcome::scaled;
};

// new = current * (target / measured)^damping, with the factor kept within [1 / max_factor, max_factor]
// so that one noisy short run cannot throw the rate far off; measured 0 (no crime seen in the run)
// raises a positive rate by max_factor instead of dividing by zero. Rates, targets and measurements
// are >= 0 and finite, max_factor >= 1, damping in (0, 1]; otherwise std::invalid_argument (a bug in the
// caller, not user input). The measured count's own noise is about 1 / sqrt(crimes counted): measure
// over enough crime.
RateUpdate proportional_rate_update(double current_rate, double target_true_per_year, double measured_true_per_year,
                                    const RateUpdateSettings& settings = {});

// The update for every type: target_true_per_year of the calibrated types in `targets`, rate kept
// (no_target) for the others.
std::array<RateUpdate, crime_type_count> proportional_rate_updates(
    const std::array<double, crime_type_count>& current_rates, const CalibrationTargets& targets,
    const std::array<double, crime_type_count>& measured_true_per_year, const RateUpdateSettings& settings = {});

}  // namespace streetwise::analysis
