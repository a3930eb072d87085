#include "sim/engine/rate_fit.hpp"

#include "sim/engine/run.hpp"

namespace streetwise {

RateFit fit_crime_rates(const ScenarioSpec& spec, const City& city,
                        const std::array<std::optional<double>, crime_type_count>& target_true_per_year,
                        const RateFitOptions& options, const std::function<void(const RateFitRound&)>& on_round) {
    ScenarioSpec trial = spec;
    trial.time.days = options.days;
    RateFit fit;
    for (int t = 0; t < crime_type_count; ++t) fit.rates[t] = spec.crime.types[t].rate;
    RunOptions run_options;
    run_options.threads = options.threads;
    for (int round = 0; round < options.rounds; ++round) {
        for (int t = 0; t < crime_type_count; ++t) trial.crime.types[t].rate = fit.rates[t];
        const RunResult result = run_simulation(trial, city, run_options);
        RateFitRound measured;
        measured.rates = fit.rates;
        for (const CrimeEvent& event : result.crimes) measured.measured_true_per_year[event.type] += 1.0;
        for (double& count : measured.measured_true_per_year) count *= 365.0 / options.days;
        fit.rounds.push_back(measured);
        if (on_round) on_round(measured);
        for (int t = 0; t < crime_type_count; ++t)
            if (target_true_per_year[t])
                fit.rates[t] = analysis::proportional_rate_update(fit.rates[t], *target_true_per_year[t],
                                                                  measured.measured_true_per_year[t], options.update)
                                   .rate;
    }
    return fit;
}

}  // namespace streetwise
