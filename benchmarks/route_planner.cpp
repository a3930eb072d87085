// Route planning alone, on the synthetic city, with the trip mix of a resident population: the
// part of a metropolitan run's setup that plans every resident's routes (about 40% of the
// million-resident week on one thread). Prints routes planned per second, with size, threads and
// seed, and a checksum of every route so that a faster planner can be checked to plan the same
// routes.
//
//   bench_route_planner [--blocks 235] [--residents 1000000] [--threads N] [--seed S] [--repeat K]
//
// The trips, like streetwise's residents' (sim/agents/residents.cpp): each resident lives at a
// random intersection; three in four commute to a random workplace, shop at one of the three
// shops nearest home, go out to one of the three parks or bars nearest home and to a random
// nightlife venue. Nearest is by straight-line distance here (the engine uses street distance),
// which gives the same shape of problem: many short trips from nearby origins to each shop, a
// few long ones to each workplace, many long ones to each venue.
//
// Not a test: timings depend on the machine and on what else runs. Report Release figures.
#include <CLI/CLI.hpp>
#include <tbb/global_control.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "sim/city/city.hpp"
#include "sim/city/route_planner.hpp"
#include "sim/city/synthetic_city.hpp"
#include "sim/core/counter_rng.hpp"

using namespace streetwise;
using Clock = std::chrono::steady_clock;

namespace {

std::vector<std::uint32_t> nodes_of(const City& city, std::initializer_list<PlaceKind> kinds) {
    std::vector<std::uint32_t> nodes;
    for (const Place& place : city.places())
        if (std::find(kinds.begin(), kinds.end(), place.kind) != kinds.end()) nodes.push_back(place.node);
    return nodes;
}

// The three candidates nearest `node` in a straight line (fewer if there are fewer).
std::vector<std::uint32_t> nearest_three(const City& city, std::uint32_t node, const std::vector<std::uint32_t>& candidates) {
    std::vector<std::pair<double, std::uint32_t>> by_distance;
    by_distance.reserve(candidates.size());
    for (std::uint32_t c : candidates) {
        const double dx = city.node_x_m()[c] - city.node_x_m()[node], dy = city.node_y_m()[c] - city.node_y_m()[node];
        by_distance.push_back({dx * dx + dy * dy, c});
    }
    const std::size_t keep = std::min<std::size_t>(3, by_distance.size());
    std::partial_sort(by_distance.begin(), by_distance.begin() + static_cast<std::ptrdiff_t>(keep), by_distance.end());
    std::vector<std::uint32_t> nearest;
    for (std::size_t i = 0; i < keep; ++i) nearest.push_back(by_distance[i].second);
    return nearest;
}

std::uint64_t checksum(const RouteBook& book) {
    std::uint64_t hash = 1469598103934665603ull;  // FNV-1a over every node of every route
    for (std::uint32_t i = 0; i < book.size(); ++i) {
        for (std::uint32_t node : book.route(i)) hash = (hash ^ node) * 1099511628211ull;
        hash = (hash ^ 0xffffffffu) * 1099511628211ull;
    }
    return hash;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Route planning for a resident population on the synthetic city"};
    int blocks = 235;
    std::uint32_t residents = 1'000'000;
    int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::uint64_t seed = 1;
    int repeat = 3;
    app.add_option("--blocks", blocks, "City size in blocks each way (235: the metropolitan preset's 103,567 segments)")
        ->check(CLI::Range(4, 1000));
    app.add_option("--residents", residents, "Residents (up to four trips each)")->check(CLI::Range(1u, 50'000'000u));
    app.add_option("--threads", threads, "Worker threads")->check(CLI::Range(1, 4096));
    app.add_option("--seed", seed, "Random seed of the trips");
    app.add_option("--repeat", repeat, "Times to plan the same trips")->check(CLI::Range(1, 1000));
    CLI11_PARSE(app, argc, argv);
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));

    SyntheticCitySpec city_spec;
    city_spec.blocks_x = blocks;
    city_spec.blocks_y = blocks;
    city_spec.block_length_m = 120;
    city_spec.seed = 1;
    const City city = make_synthetic_city(city_spec);

    const auto work = nodes_of(city, {PlaceKind::workplace, PlaceKind::shop, PlaceKind::school, PlaceKind::police_station});
    const auto shops = nodes_of(city, {PlaceKind::shop});
    const auto leisure = nodes_of(city, {PlaceKind::park, PlaceKind::bar});
    const auto nightlife = nodes_of(city, {PlaceKind::bar, PlaceKind::nightclub});
    if (work.empty() || shops.empty() || leisure.empty() || nightlife.empty()) {
        std::fprintf(stderr, "bench_route_planner: the city has no workplaces, shops, leisure or nightlife places\n");
        return 1;
    }
    const CounterRng rng(seed, RngStream::resident_setup);
    std::vector<std::array<std::vector<std::uint32_t>, 2>> nearest(city.node_count());
    std::vector<RouteRequest> requests;
    requests.reserve(std::size_t(residents) * 4);
    for (std::uint32_t r = 0; r < residents; ++r) {
        const std::uint32_t home = rng.below(city.node_count(), r, 0, 0);
        if (nearest[home][0].empty()) nearest[home] = {nearest_three(city, home, shops), nearest_three(city, home, leisure)};
        if (rng.uniform(r, 0, 1) < 0.75) requests.push_back({home, work[rng.below(static_cast<std::uint32_t>(work.size()), r, 0, 2)]});
        for (int kind = 0; kind < 2; ++kind) {
            const auto& near = nearest[home][static_cast<std::size_t>(kind)];
            requests.push_back({home, near[rng.below(static_cast<std::uint32_t>(near.size()), r, 0, 3 + kind)]});
        }
        requests.push_back({home, nightlife[rng.below(static_cast<std::uint32_t>(nightlife.size()), r, 0, 5)]});
    }

    std::vector<double> seconds;
    std::uint64_t sum = 0, route_nodes = 0;
    for (int i = 0; i < repeat; ++i) {
        const auto start = Clock::now();
        const RouteBook book = plan_routes(city, requests);
        seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
        const std::uint64_t this_sum = checksum(book);
        if (i > 0 && this_sum != sum) {
            std::fprintf(stderr, "bench_route_planner: repetition %d planned different routes\n", i + 1);
            return 1;
        }
        sum = this_sum;
        route_nodes = book.offset(book.size());  // where a route after the last would begin
        std::printf("routes blocks=%d nodes=%u segments=%u residents=%u trips=%zu threads=%d seed=%llu | %.3f s | "
                    "%.2f M routes/s | %llu route nodes | checksum %016llx\n",
                    blocks, city.node_count(), city.segment_count(), residents, requests.size(), threads,
                    static_cast<unsigned long long>(seed), seconds.back(), static_cast<double>(requests.size()) / seconds.back() / 1e6,
                    static_cast<unsigned long long>(route_nodes), static_cast<unsigned long long>(sum));
        std::fflush(stdout);
    }
    std::sort(seconds.begin(), seconds.end());
    std::printf("routes threads=%d: best %.3f s, median %.3f s over %d runs\n", threads, seconds.front(),
                seconds[seconds.size() / 2], repeat);
    return 0;
}
