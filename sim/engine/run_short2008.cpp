#include "sim/engine/run_short2008.hpp"

#include <tbb/global_control.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/hot_spots.hpp"
#include "sim/city/lattice_city.hpp"
#include "sim/engine/crime_recorder.hpp"
#include "sim/model/crime_type.hpp"
#include "sim/model/short_burglary.hpp"

namespace streetwise {

LatticeSpec short2008_lattice(const Short2008Spec& spec) {
    LatticeSpec lattice;
    lattice.width = spec.width;
    lattice.height = spec.height;
    lattice.edge_length_m = 1.0;
    lattice.periodic = true;
    return lattice;
}

City short2008_city(const Short2008Spec& spec) { return make_lattice_city(short2008_lattice(spec)); }

ShortBurglaryParams short2008_params(const ScenarioSpec& spec) {
    const Short2008Spec& s = spec.short2008;
    ShortBurglaryParams params;
    params.width = static_cast<std::uint32_t>(s.width);
    params.height = static_cast<std::uint32_t>(s.height);
    params.dt = s.dt;
    params.omega = s.omega;
    params.eta = s.eta;
    params.theta = s.theta;
    params.gamma = s.gamma;
    params.a0 = s.a0;
    params.seed = spec.seed;
    return params;
}

RunResult run_short2008(const ScenarioSpec& spec, const City& city, const RunOptions& options, RunTimings* timings) {
    std::optional<tbb::global_control> thread_limit;
    if (options.threads > 0)
        thread_limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(options.threads));
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();

    const Short2008Spec& s = spec.short2008;
    const auto width = static_cast<std::uint32_t>(s.width);
    const auto height = static_cast<std::uint32_t>(s.height);
    const std::uint64_t sites = static_cast<std::uint64_t>(width) * height;
    // Counts, the last node of the first row, the first of the second, and the layout of segments.
    if (city.node_count() != sites || city.segment_count() != 2 * sites ||
        city.node_x_m()[width - 1] != static_cast<double>(width - 1) || city.node_x_m()[width] != 0.0 ||
        city.node_y_m()[width] != 1.0 || city.segment_from()[2] != 1 || city.segment_to()[2] != 2)
        throw std::invalid_argument("run_short2008: the city is not the scenario's " + std::to_string(width) + " x " +
                                    std::to_string(height) + " periodic lattice (short2008_city)");

    ShortBurglaryModel model(short2008_params(spec));

    const std::int64_t total_steps = s.steps();
    constexpr int step_s = 60;
    constexpr std::int64_t steps_per_hour = 3600 / step_s;
    CrimeRecorder recorder(city, total_steps, step_s);
    const auto hours = static_cast<std::size_t>((total_steps + steps_per_hour - 1) / steps_per_hour);
    std::vector<double> burglars(hours, 0.0), mean_a(hours, 0.0), cv_a(hours, 0.0);
    std::vector<double> a(model.site_count());
    const auto burglary = static_cast<std::uint8_t>(CrimeType::burglary);
    const auto setup_done = clock::now();

    std::uint64_t burglar_steps = 0;
    for (std::int64_t step = 0; step < total_steps; ++step) {
        burglar_steps += model.burglar_count();
        model.step();
        const auto hour = static_cast<std::size_t>(step / steps_per_hour);
        if (model.burglaries_in_last_step() > 0) {
            const auto burgled = model.burglaries_last_step();
            for (std::uint32_t site = 0; site < burgled.size(); ++site)
                for (std::uint32_t k = 0; k < burgled[site]; ++k)
                    recorder.record(CrimeEvent{static_cast<std::uint32_t>(step), site, short2008_site_segment(site),
                                               burglary, 0, site});
        }
        recorder.end_step(step, 0, false);
        burglars[hour] += static_cast<double>(model.burglar_count());
        const bool hour_ends = (step + 1) % steps_per_hour == 0 || step + 1 == total_steps;
        if (hour_ends) {
            const std::int64_t steps_in_hour = step - static_cast<std::int64_t>(hour) * steps_per_hour + 1;
            burglars[hour] /= static_cast<double>(steps_in_hour);
            for (std::size_t site = 0; site < a.size(); ++site) a[site] = model.attractiveness(site);
            const analysis::HotSpotStats stats = analysis::hot_spot_stats(a);
            mean_a[hour] = stats.mean;
            cv_a[hour] = stats.coefficient_of_variation;
            if (options.on_progress) options.on_progress(step + 1, total_steps);
        }
    }
    const auto stepping_done = clock::now();

    RunResult result = result_with_provenance(spec, city);
    result.model = "short2008";
    result.steps = total_steps;
    result.step_s = step_s;
    result.residents = 0;
    result.offenders = static_cast<std::uint32_t>(std::min<std::uint64_t>(model.burglar_count(), UINT32_MAX));
    result.police_units = 0;
    result.write_crime_events = spec.output.events;
    recorder.fill(result);
    // The agent model's walking and daylight columns mean nothing on the lattice.
    std::erase_if(result.hourly, [](const TimeSeriesColumn& column) {
        return column.name == "residents_walking" || column.name == "night_fraction";
    });
    result.hourly.push_back({"burglars", "burglars", "mean number of burglars on the lattice after each step of the hour",
                             std::move(burglars)});
    result.hourly.push_back({"mean_attractiveness", "per time unit",
                             "mean attractiveness A = A0 + B over the sites after the hour's last step",
                             std::move(mean_a)});
    result.hourly.push_back({"attractiveness_cv", "",
                             "spatial coefficient of variation (standard deviation / mean) of A after the hour's last "
                             "step: near 0 when homogeneous, above 0.5 with hot spots",
                             std::move(cv_a)});
    if (timings) {
        timings->setup_s = std::chrono::duration<double>(setup_done - start).count();
        timings->stepping_s = std::chrono::duration<double>(stepping_done - setup_done).count();
        timings->agent_steps = burglar_steps;
    }
    return result;
}

}  // namespace streetwise
