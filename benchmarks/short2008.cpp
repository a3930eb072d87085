// The Short et al. (2008) burglary model (sim/model/short_burglary.hpp) on its own: prints
// site-steps per second with size, threads and seed, and the hot-spot statistics of the
// time-averaged attractiveness A over the last --window steps (analysis/hot_spots.hpp).
//
//   bench_short2008 [--set a|b|c|d]... [--size N] [--steps K] [--window W] [--threads T] [--seed S]...
//
// The sets are the four of the paper's Figure 3 (dt = 0.01, omega = 1/15, A0 = 1/30).
// Not a test: timings depend on the machine and on what else runs. Report Release figures.
#include <CLI/CLI.hpp>
#include <tbb/global_control.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "analysis/hot_spots.hpp"
#include "sim/model/short_burglary.hpp"

using namespace streetwise;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    CLI::App app{"Short et al. (2008) burglary model: throughput and hot-spot statistics"};
    std::vector<std::string> sets{"a", "b", "c", "d"};
    std::uint32_t size = 128;
    std::uint64_t steps = 30000;
    std::uint64_t window = 10000;
    int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::uint64_t> seeds{1};
    app.add_option("--set", sets, "Parameter sets of Figure 3: a, b, c, d (repeatable)")
        ->check(CLI::IsMember({"a", "b", "c", "d"}));
    app.add_option("--size", size, "Lattice side (sites)")->check(CLI::Range(3u, 65536u));
    app.add_option("--steps", steps, "Steps per run");
    app.add_option("--window", window, "Average A over the last this many steps");
    app.add_option("--threads", threads, "Worker threads")->check(CLI::Range(1, 4096));
    app.add_option("--seed", seeds, "Random seeds (repeatable)");
    CLI11_PARSE(app, argc, argv);
    window = std::min(window, steps);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));

    std::printf("set  size  threads  seed  steps  site-steps/s  burglars/site  cv(A)  p99/mean(A)  max/mean(A)\n");
    for (const std::string& set : sets) {
        for (const std::uint64_t seed : seeds) {
            ShortBurglaryParams p;
            p.width = p.height = size;
            p.seed = seed;
            p.eta = (set == "a" || set == "b") ? 0.2 : 0.03;
            p.theta = (set == "a" || set == "c") ? 0.56 : 5.6;
            p.gamma = (set == "a" || set == "c") ? 0.019 : 0.002;
            ShortBurglaryModel model(p);
            analysis::FieldAverage average(model.site_count());
            std::vector<double> a(model.site_count());
            double burglars = 0;
            const auto start = Clock::now();
            for (std::uint64_t k = 0; k < steps; ++k) {
                model.step();
                if (k + window >= steps) {
                    const auto b = model.b();
                    for (std::size_t s = 0; s < a.size(); ++s) a[s] = p.a0 + b[s];
                    average.add(a);
                    burglars += static_cast<double>(model.burglar_count());
                }
            }
            const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
            const auto stats = analysis::hot_spot_stats(average.mean());
            std::printf("%-4s %5u %8d %5llu %6llu %13.3g %14.4f %6.3f %12.3f %12.3f\n", set.c_str(), size, threads,
                        static_cast<unsigned long long>(seed), static_cast<unsigned long long>(steps),
                        static_cast<double>(model.site_count()) * static_cast<double>(steps) / seconds,
                        burglars / static_cast<double>(window) / static_cast<double>(model.site_count()),
                        stats.coefficient_of_variation, stats.p99_to_mean, stats.peak_to_mean);
        }
    }
}
