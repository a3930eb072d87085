// Benchmark B1 (shared/design/benchmark-b1.md) through the real engine and the real scenario
// files: load scenario -> build city -> residents, routes -> step -> write the run file.
// Prints agent-steps per second counted over all of it, with size, threads and seed.
//
//   bench_b1_throughput [--size s|m|l]... [--threads N] [--seed S] [--repeat K] [--keep FILE]
//
// Without --size it runs sizes s and m.
//
// Not a test: timings depend on the machine and on what else runs. Report Release figures.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <vector>

#include "sim/city/city_source.hpp"
#include "sim/engine/run.hpp"
#include "sim/io/run_file.hpp"
#include "sim/scenario/scenario_loader.hpp"

using namespace streetwise;
using Clock = std::chrono::steady_clock;

namespace {
double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}
}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Benchmark B1: commuters and street crime on a lattice, through the real engine"};
    std::vector<std::string> sizes{"s", "m"};
    int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::uint64_t seed = 1;
    int repeat = 3;
    std::string keep;
    std::string scenario_dir = std::string(STREETWISE_SOURCE_DIR) + "/scenarios/bench";
    app.add_option("--size", sizes, "B1 sizes to run: s, m or l (repeatable; default: s and m)")
        ->check(CLI::IsMember({"s", "m", "l"}));
    app.add_option("--threads", threads, "Worker threads")->check(CLI::Range(1, 4096));
    app.add_option("--seed", seed, "Random seed");
    app.add_option("--repeat", repeat, "Repetitions (each a complete run)")->check(CLI::Range(1, 1000));
    app.add_option("--keep", keep, "Keep the last run file here (default: written to a temp file and removed)");
    app.add_option("--scenario-dir", scenario_dir, "Folder holding b1-s.yaml, b1-m.yaml, b1-l.yaml");
    CLI11_PARSE(app, argc, argv);

    for (const std::string& size : sizes) {
        const std::filesystem::path output = keep.empty()
                                                 ? std::filesystem::temp_directory_path() / ("bench-b1-" + size + ".h5")
                                                 : std::filesystem::path(keep);
        std::vector<double> rates;
        for (int i = 0; i < repeat; ++i) {
            const auto start = Clock::now();
            ScenarioSpec spec = load_scenario(scenario_dir + "/b1-" + size + ".yaml", {"seed=" + std::to_string(seed)});
            const double load_s = seconds_since(start);
            CityLoadReport city_report;
            const City city = make_city(spec.city, &city_report);
            RunOptions options;
            options.threads = threads;
            RunTimings timings;
            const RunResult result = run_simulation(spec, city, options, &timings);
            const auto write_start = Clock::now();
            write_run_file(output, result);
            const double write_s = seconds_since(write_start);
            const double wall_s = seconds_since(start);
            const double rate = static_cast<double>(timings.agent_steps) / wall_s;
            rates.push_back(rate);
            std::printf(
                "B1-%s W=%d R=%d O=%d P=%d D=%d seed=%llu threads=%d | wall %.3f s (scenario %.3f, city %.3f, "
                "agents+routes %.3f, stepping %.3f, writing %.3f) | %llu agent-steps | %.1f M agent-steps/s | "
                "crimes %zu (%.1f per day)\n",
                size.c_str(), spec.city.lattice.width, spec.residents.count, spec.offenders.count, spec.police.units,
                spec.time.days, static_cast<unsigned long long>(seed), threads, wall_s, load_s, city_report.seconds,
                timings.setup_s, timings.stepping_s, write_s, static_cast<unsigned long long>(timings.agent_steps),
                rate / 1e6, result.crimes.size(), static_cast<double>(result.crimes.size()) / spec.time.days);
            std::fflush(stdout);
        }
        std::sort(rates.begin(), rates.end());
        std::printf("B1-%s threads=%d seed=%llu: best %.1f, median %.1f M agent-steps/s over %d runs\n", size.c_str(),
                    threads, static_cast<unsigned long long>(seed), rates.back() / 1e6, rates[rates.size() / 2] / 1e6,
                    repeat);
        if (keep.empty()) std::filesystem::remove(output);
    }
    return 0;
}
