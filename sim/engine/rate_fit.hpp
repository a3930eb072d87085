#pragma once
// Fitting a scenario's per-type crime rates (crime.<type>.rate) to target true crime per year: run
// the scenario, count each type's offences, scale each rate by target / measured (the proportional
// update of analysis/rate_update.hpp) and run again. Crime grows about in proportion to a type's rate,
// less where offenders rest after offending, a little more where offences make places attractive, so
// a few rounds settle within the run-to-run noise (about 1 / sqrt(offences counted)).
#include <array>
#include <functional>
#include <optional>

#include "analysis/rate_update.hpp"
#include "sim/model/crime_type.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

class City;

struct RateFitOptions {
    int days = 365;      // each round simulates this long (the scenario's own time.days is ignored)
    int rounds = 3;      // runs; the last one measures the rates returned
    int threads = 0;
    analysis::RateUpdateSettings update;
};

struct RateFitRound {
    std::array<double, crime_type_count> rates{};                  // the rates this round ran with
    std::array<double, crime_type_count> measured_true_per_year{};  // what it gave
};

struct RateFit {
    std::vector<RateFitRound> rounds;               // in order
    std::array<double, crime_type_count> rates{};   // the last round's rates, updated by its measurement
};

// target_true_per_year: per type, the true crimes per year wanted in the scenario's city; nullopt
// keeps the type's rate. on_round (may be empty) is called after each round.
RateFit fit_crime_rates(const ScenarioSpec& spec, const City& city,
                        const std::array<std::optional<double>, crime_type_count>& target_true_per_year,
                        const RateFitOptions& options, const std::function<void(const RateFitRound&)>& on_round = {});

}  // namespace streetwise
