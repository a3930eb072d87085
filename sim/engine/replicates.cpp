#include "sim/engine/replicates.hpp"


#include <algorithm>
#include <cmath>

#include "sim/core/parallel_for.hpp"
#include "sim/engine/run.hpp"
#include "sim/model/crime_type.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace streetwise {

std::vector<std::string> outcome_names() {
    std::vector<std::string> names{"all crime", "recorded crime", "crime at night"};
    for (const auto name : crime_type_names) names.emplace_back(name);
    // The police force's (0 in runs without one): arrests at reports, and the median response time of
    // the reports a unit reached (0 when none was).
    names.emplace_back("arrests");
    names.emplace_back("median response s");
    // Issue 7 (0 in runs without the reporting features, except the dark figure, which every run has).
    names.emplace_back("victims reached");
    names.emplace_back("app reports");
    names.emplace_back("dark figure share");
    names.emplace_back("mean trust");
    // Insecurity (0 in runs with it off): the run's mean index, and the after-dark answer at its end.
    names.emplace_back("insecurity index");
    names.emplace_back("unsafe after dark women %");
    names.emplace_back("unsafe after dark men %");
    return names;
}

std::vector<double> run_outcomes(const RunResult& result, const ScenarioSpec& spec) {
    std::vector<double> values(3 + crime_type_count + 2 + 4 + 3, 0.0);
    const std::int64_t sunrise_s = std::llround(spec.time.sunrise_h * 3600.0);
    const std::int64_t sunset_s = std::llround(spec.time.sunset_h * 3600.0);
    for (const CrimeEvent& e : result.crimes) {
        values[0] += 1;
        values[1] += e.reported;
        const std::int64_t second_of_day = static_cast<std::int64_t>(e.step) * spec.time.step_s % 86400;
        values[2] += second_of_day < sunrise_s || second_of_day >= sunset_s;  // as Simulation::is_night
        values[3 + e.type] += 1;
    }
    std::vector<double> responses;
    for (const ReportOutcome& report : result.police.reports) {
        values[3 + crime_type_count] += report.arrested;
        if (report.step_arrived >= 0) responses.push_back(report.response_s);
    }
    if (!responses.empty()) {
        std::sort(responses.begin(), responses.end());
        const std::size_t n = responses.size();
        values[4 + crime_type_count] = n % 2 ? responses[n / 2] : 0.5 * (responses[n / 2 - 1] + responses[n / 2]);
    }
    const std::size_t base = 5 + crime_type_count;
    for (const VictimSupportResult& v : result.reporting.services) values[base] += static_cast<double>(v.reached);
    for (const AppResult& a : result.reporting.apps) values[base + 1] += static_cast<double>(a.reports);
    // Share of true crime that never entered the police record.
    if (values[0] > 0) values[base + 2] = (values[0] - values[1]) / values[0];
    const auto& trust = result.reporting.trust_by_group_daily;
    if (result.reporting.trust_enabled && !trust.empty()) values[base + 3] = trust.back().back();
    const InsecurityResult& fear = result.insecurity;
    if (fear.present && !fear.hourly_index.empty() && !fear.hourly_index[0].empty()) {
        double sum = 0;
        for (const double v : fear.hourly_index[0]) sum += v;
        values[base + 4] = sum / static_cast<double>(fear.hourly_index[0].size());
        values[base + 5] = fear.final_unsafe[1];
        values[base + 6] = fear.final_unsafe[2];
    }
    return values;
}

ReplicateTable run_replicates(const std::vector<ScenarioSpec>& scenarios, const City& city, int replicates,
                              std::uint64_t first_seed, const ReplicateRunCallback& on_run) {
    ReplicateTable table;
    table.outcomes = outcome_names();
    const auto count = static_cast<std::size_t>(replicates);
    table.values.assign(scenarios.size(),
                        std::vector<std::vector<double>>(table.outcomes.size(), std::vector<double>(count, 0.0)));
    // Each task writes only its own (scenario, replicate) cells.
    parallel_for_each(std::size_t{0}, scenarios.size() * count, [&](std::size_t job) {
        const std::size_t s = job / count, k = job % count;
        ScenarioSpec spec = scenarios[s];
        spec.seed = first_seed + k;
        spec.resolved_yaml = resolved_scenario_yaml(spec);  // else it names the scenario file's seed
        const RunResult result = run_simulation(spec, city, RunOptions{});
        const std::vector<double> outcomes = run_outcomes(result, spec);
        for (std::size_t o = 0; o < outcomes.size(); ++o) table.values[s][o][k] = outcomes[o];
        if (on_run) on_run(s, k, result);
    });
    return table;
}

}  // namespace streetwise
