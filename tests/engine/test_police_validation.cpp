// The hot-spot validation of docs/validation.md (not run by CTest: tag [.validation]; about a
// minute). Runs scenarios/police/baseline.yaml and hot_spot.yaml with the same seeds (common random
// numbers) and compares, from day 7 (when hot-spot patrol starts) to the end:
//  - the treated segments: those the hot-spot run's units patrolled as targets (hot_spot_minutes > 0);
//  - the buffer: the other segments whose midpoint is within 200 m of a treated segment's;
//  - the whole city.
// Prints each change with a 95% interval (paired differences over replicates, Student's t).
//   ./build/release/tests/test_engine "[.validation]"   (STREETWISE_REPLICATES=n to change 20)
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "sim/engine/run.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "test_support.hpp"

using namespace streetwise;

namespace {

struct Area {
    const char* name;
    std::vector<double> baseline, treated_run;
};

// Two-sided 97.5% quantiles of Student's t for small samples (df 1..30), then the normal's.
double t_975(std::size_t df) {
    static const double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                   2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                   2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    return df >= 1 && df <= 30 ? table[df - 1] : 1.96;
}

void print_change(const Area& area) {
    const std::size_t n = area.baseline.size();
    double base = 0, diff = 0;
    std::vector<double> d(n);
    for (std::size_t k = 0; k < n; ++k) {
        base += area.baseline[k];
        d[k] = area.treated_run[k] - area.baseline[k];
        diff += d[k];
    }
    const double mean_base = base / static_cast<double>(n), mean_diff = diff / static_cast<double>(n);
    double var = 0;
    for (const double x : d) var += (x - mean_diff) * (x - mean_diff);
    var /= static_cast<double>(n - 1);
    const double half = t_975(n - 1) * std::sqrt(var / static_cast<double>(n));
    std::printf("%-28s baseline %8.1f crimes, hot spot %8.1f: change %+6.1f%% (95%% interval %+6.1f%% to %+6.1f%%)\n",
                area.name, mean_base, mean_base + mean_diff, 100 * mean_diff / mean_base,
                100 * (mean_diff - half) / mean_base, 100 * (mean_diff + half) / mean_base);
}

}  // namespace

TEST_CASE("hot-spot patrol against random patrol on the default city", "[.validation][police]") {
    const int replicates = std::getenv("STREETWISE_REPLICATES") ? std::atoi(std::getenv("STREETWISE_REPLICATES")) : 20;
    std::vector<std::string> overrides;
    if (const char* extra = std::getenv("STREETWISE_SET")) overrides.emplace_back(extra);  // one --set, for calibration
    const ScenarioSpec baseline = load_scenario(test::scenario_path("police/baseline.yaml"), overrides);
    const ScenarioSpec hot_spot = load_scenario(test::scenario_path("police/hot_spot.yaml"), overrides);
    const City city = make_city(baseline.city);
    const std::int64_t from_step = 7 * static_cast<std::int64_t>(baseline.steps_per_day());
    const std::uint32_t segments = city.segment_count();
    std::vector<double> mid_x(segments), mid_y(segments);
    for (std::uint32_t s = 0; s < segments; ++s) {
        mid_x[s] = 0.5 * (city.node_x_m()[city.segment_from()[s]] + city.node_x_m()[city.segment_to()[s]]);
        mid_y[s] = 0.5 * (city.node_y_m()[city.segment_from()[s]] + city.node_y_m()[city.segment_to()[s]]);
    }
    Area treated{"treated segments", {}, {}}, buffer{"buffer (within 200 m)", {}, {}}, everywhere{"whole city", {}, {}};
    double treated_count = 0, buffer_count = 0, share_minutes = 0;
    for (int k = 0; k < replicates; ++k) {
        ScenarioSpec a = baseline, b = hot_spot;
        a.seed = b.seed = 1 + static_cast<std::uint64_t>(k);
        const RunResult base = run_simulation(a, city, {});
        const RunResult hot = run_simulation(b, city, {});
        std::vector<std::uint8_t> is_treated(segments, 0), is_buffer(segments, 0);
        double minutes = 0, target_minutes = 0;
        for (std::uint32_t s = 0; s < segments; ++s) {
            is_treated[s] = hot.police.segment_hot_spot_minutes[s] > 0;
            minutes += hot.police.segment_police_minutes[s];
            target_minutes += hot.police.segment_hot_spot_minutes[s];
        }
        share_minutes += target_minutes / minutes;
        for (std::uint32_t s = 0; s < segments; ++s) {
            if (is_treated[s]) continue;
            for (std::uint32_t t = 0; t < segments && !is_buffer[s]; ++t)
                if (is_treated[t] && std::hypot(mid_x[s] - mid_x[t], mid_y[s] - mid_y[t]) <= 200.0) is_buffer[s] = 1;
        }
        for (std::uint32_t s = 0; s < segments; ++s) {
            treated_count += is_treated[s];
            buffer_count += is_buffer[s];
        }
        auto count = [&](const RunResult& r, const std::vector<std::uint8_t>* mask) {
            double n = 0;
            for (const CrimeEvent& e : r.crimes)
                if (static_cast<std::int64_t>(e.step) >= from_step && (!mask || (*mask)[e.segment])) n += 1;
            return n;
        };
        treated.baseline.push_back(count(base, &is_treated));
        treated.treated_run.push_back(count(hot, &is_treated));
        buffer.baseline.push_back(count(base, &is_buffer));
        buffer.treated_run.push_back(count(hot, &is_buffer));
        everywhere.baseline.push_back(count(base, nullptr));
        everywhere.treated_run.push_back(count(hot, nullptr));
    }
    std::printf("%d replicates (seeds 1 to %d), days 7 to %d; %.1f treated and %.1f buffer segments per run; "
                "%.1f%% of officer time on targets\n",
                replicates, replicates, baseline.time.days, treated_count / replicates, buffer_count / replicates,
                100 * share_minutes / replicates);
    print_change(treated);
    print_change(buffer);
    print_change(everywhere);
    SUCCEED();
}
