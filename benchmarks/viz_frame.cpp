// Frame cost of the visualiser: CPU time to build one whole UI frame (every panel, the map with
// streets, crime heat and agents, the chart) with N agents on a city, as the program does before
// handing the draw lists to OpenGL. Rasterising is the GPU's (or Mesa's) work and is not counted.
//
//   bench_viz_frame [--agents N] [--scenario FILE] [--frames K] [--seed S] [--width W --height H]
//
// Default: 100,000 agents on the real Monaco map (scenarios/monaco/baseline.yaml), 1600x1000.
// Agents are placed uniformly along the streets (96% residents, 3% offenders, 1% police) and every
// street gets a crime count, so every layer has work to do. Prints ms per frame (median, p99, max)
// and agents drawn per second. Not a test: timings depend on the machine. Report Release figures.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "sim/core/counter_rng.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "viz/core/snapshot_source.hpp"
#include "viz/ui/headless_frames.hpp"
#include "viz/ui/viz_app.hpp"

using namespace streetwise;
using namespace streetwise::viz;

int main(int argc, char** argv) {
    CLI::App cli{"Visualiser frame cost: CPU time to build one UI frame with N agents"};
    std::uint32_t agents = 100000;
    std::string scenario = std::string(STREETWISE_SOURCE_DIR) + "/scenarios/monaco/baseline.yaml";
    int frames = 300;
    std::uint64_t seed = 1;
    float width = 1600, height = 1000;
    bool high_contrast = false;
    cli.add_option("--agents", agents, "Agents on the map")->check(CLI::Range(0u, 100000000u));
    cli.add_option("--scenario", scenario, "Scenario whose city is drawn");
    cli.add_option("--frames", frames, "Frames to build")->check(CLI::Range(10, 100000));
    cli.add_option("--seed", seed, "Seed for placing agents and crimes");
    cli.add_option("--width", width, "Window width (px)");
    cli.add_option("--height", height, "Window height (px)");
    cli.add_flag("--high-contrast", high_contrast, "High-contrast theme");
    CLI11_PARSE(cli, argc, argv);

    const ScenarioSpec spec = load_scenario(scenario, {}, default_search_paths());
    auto city = std::make_shared<const City>(make_city(spec.city));

    // Agents along streets, and a crime count on every street.
    const CounterRng rng(seed, RngStream::offender_setup);
    FrameSnapshot snapshot;
    snapshot.step = 20 * 60;
    snapshot.total_steps = spec.total_steps();
    snapshot.step_s = spec.time.step_s;
    snapshot.night = true;
    snapshot.residents_total = agents;
    snapshot.agents.reserve(agents);
    const auto& xs = city->node_x_m();
    const auto& ys = city->node_y_m();
    for (std::uint32_t i = 0; i < agents; ++i) {
        const std::uint32_t s = rng.below(city->segment_count(), i, 0, 0);
        const double t = rng.uniform(i, 0, 1);
        const auto a = city->segment_from()[s], b = city->segment_to()[s];
        const double u = rng.uniform(i, 0, 2);
        const AgentKind kind = u < 0.96 ? AgentKind::resident : u < 0.99 ? AgentKind::offender : AgentKind::police;
        snapshot.agents.push_back({static_cast<float>(xs[a] + (xs[b] - xs[a]) * t), static_cast<float>(ys[a] + (ys[b] - ys[a]) * t), i, kind});
    }
    snapshot.residents_walking = agents;
    snapshot.segment_crimes.resize(city->segment_count());
    snapshot.crimes_by_type.assign(6, 0);
    snapshot.hourly_by_type.assign(6, std::vector<double>(20, 0.0));
    for (std::uint32_t s = 0; s < city->segment_count(); ++s) {
        snapshot.segment_crimes[s] = rng.below(5, s, 1, 0);
        const auto type = rng.below(6, s, 1, 1);
        snapshot.crimes_by_type[type] += snapshot.segment_crimes[s];
        snapshot.hourly_by_type[type][rng.below(20, s, 1, 2)] += snapshot.segment_crimes[s];
        snapshot.crime_total += snapshot.segment_crimes[s];
    }

    VizOptions options;
    options.theme.high_contrast = high_contrast;
    HeadlessFrames headless(width, height, options.theme);
    VizApp app(options);
    app.show_source(std::make_unique<SnapshotSource>(city, std::move(snapshot), "bench"));

    std::vector<double> ms;
    std::size_t vertices = 0;
    for (int f = 0; f < frames; ++f) {
        const auto start = std::chrono::steady_clock::now();
        headless.begin();
        app.frame(1.0 / 60.0);
        ImDrawData* draw_data = headless.end();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        vertices = static_cast<std::size_t>(draw_data->TotalVtxCount);
    }
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[sorted.size() / 2];
    std::printf("viz frame: city %s (%u streets), %u agents drawn %u, %.0fx%.0f px, seed %llu, threads 1 (UI thread)\n",
                city->name().c_str(), city->segment_count(), agents, app.map_view()->last_stats().agents_drawn, width, height,
                static_cast<unsigned long long>(seed));
    std::printf("  %d frames: build ms median %.2f, p99 %.2f, max %.2f; %zu vertices per frame; %.1f M agents drawn/s\n",
                frames, median, sorted[static_cast<std::size_t>(0.99 * static_cast<double>(sorted.size() - 1))],
                sorted.back(), vertices, agents / (median / 1000.0) / 1e6);
    return 0;
}
