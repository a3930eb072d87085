// Routes are shortest, continuous and deterministic; checked against Boost.Graph's Dijkstra.
#include <catch2/catch.hpp>

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <tbb/global_control.h>

#include "sim/city/city.hpp"
#include "sim/city/lattice_city.hpp"
#include "sim/city/route_planner.hpp"
#include "sim/city/synthetic_city.hpp"
#include "sim/core/counter_rng.hpp"

using namespace streetwise;

namespace {

std::vector<RouteRequest> random_requests(const City& city, std::uint32_t count, std::uint64_t seed) {
    const CounterRng rng(seed, RngStream::resident_setup);
    std::vector<RouteRequest> requests(count);
    for (std::uint32_t i = 0; i < count; ++i)
        requests[i] = {rng.below(city.node_count(), i, 0, 0), rng.below(city.node_count(), i, 0, 1)};
    return requests;
}

// Independent reference: Boost.Graph's Dijkstra over the same CSR graph and segment lengths.
std::vector<double> reference_distances_m(const City& city, std::uint32_t source) {
    std::vector<double> distance(city.node_count());
    std::vector<double> arc_weight(num_edges(city.graph()));
    for (std::uint32_t a = 0; a < arc_weight.size(); ++a) arc_weight[a] = city.arc_length_m(a);
    auto weights = boost::make_iterator_property_map(arc_weight.begin(), get(boost::edge_index, city.graph()));
    boost::dijkstra_shortest_paths(city.graph(), source, boost::weight_map(weights).distance_map(distance.data()));
    return distance;
}

double route_length_m(const City& city, std::span<const std::uint32_t> route) {
    double total = 0;
    for (std::size_t i = 0; i + 1 < route.size(); ++i) {
        float best = std::numeric_limits<float>::infinity();
        for (std::uint32_t a = city.arc_begin(route[i]); a < city.arc_end(route[i]); ++a)
            if (city.arc_target(a) == route[i + 1]) best = std::min(best, city.arc_length_m(a));
        REQUIRE(std::isfinite(best));  // consecutive route nodes are neighbours
        total += best;
    }
    return total;
}

}  // namespace

TEST_CASE("lattice routes take Manhattan-distance hops", "[routing]") {
    LatticeSpec spec;
    spec.width = 30;
    spec.height = 20;
    const City city = make_lattice_city(spec);
    const auto requests = random_requests(city, 2000, 7);
    const RouteBook book = plan_routes(city, requests);
    REQUIRE(book.size() == requests.size());
    for (std::uint32_t i = 0; i < requests.size(); ++i) {
        const auto route = book.route(i);
        REQUIRE(route.front() == requests[i].origin);
        REQUIRE(route.back() == requests[i].destination);
        const auto o = requests[i].origin, d = requests[i].destination;
        const std::uint32_t manhattan =
            static_cast<std::uint32_t>(std::abs(int(o % 30) - int(d % 30)) + std::abs(int(o / 30) - int(d / 30)));
        REQUIRE(book.hops(i) == manhattan);
        route_length_m(city, route);
    }
}

TEST_CASE("synthetic city routes are as short as Boost's Dijkstra says", "[routing]") {
    const City city = make_synthetic_city(SyntheticCitySpec{});
    REQUIRE_FALSE(city.uniform_segment_length());
    auto requests = random_requests(city, 400, 3);
    // Several requests to the same destination exercise the shared tree and its early stop.
    for (std::uint32_t i = 0; i < 100; ++i) requests[i].destination = requests[0].destination;
    const RouteBook book = plan_routes(city, requests);
    for (std::uint32_t i = 0; i < requests.size(); ++i) {
        const auto reference = reference_distances_m(city, requests[i].origin);
        const auto route = book.route(i);
        REQUIRE(route.front() == requests[i].origin);
        REQUIRE(route.back() == requests[i].destination);
        REQUIRE(route_length_m(city, route) == Approx(reference[requests[i].destination]).epsilon(1e-9));
        REQUIRE(shortest_distance_m(city, requests[i].origin, requests[i].destination) ==
                Approx(reference[requests[i].destination]).epsilon(1e-9));
    }
}

TEST_CASE("routes do not depend on the thread count", "[routing][determinism][threads]") {
    const City city = make_synthetic_city(SyntheticCitySpec{});
    const auto requests = random_requests(city, 5000, 11);
    std::vector<std::vector<std::uint32_t>> flattened;
    for (std::size_t threads : {1, 2, 4}) {
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
        const RouteBook book = plan_routes(city, requests);
        std::vector<std::uint32_t> all;
        for (std::uint32_t i = 0; i < book.size(); ++i) {
            const auto route = book.route(i);
            all.insert(all.end(), route.begin(), route.end());
            all.push_back(UINT32_MAX);
        }
        flattened.push_back(std::move(all));
    }
    CHECK(flattened[0] == flattened[1]);
    CHECK(flattened[0] == flattened[2]);
}

TEST_CASE("trips repeated from one origin to one destination share the route planned once", "[routing]") {
    // Neighbours going to the same corner shop (A* searches) and many trips to one popular place
    // (a shared tree): each repeat must get the very route its first trip got, and the same route
    // as when it is planned alone.
    const City city = make_synthetic_city(SyntheticCitySpec{});
    const auto distinct = random_requests(city, 300, 17);
    std::vector<RouteRequest> requests;
    for (std::uint32_t i = 0; i < distinct.size(); ++i)
        for (std::uint32_t copy = 0; copy <= i % 4; ++copy) requests.push_back(distinct[i]);
    // A popular destination, reached from a few origins many times each: planned with one tree.
    const std::uint32_t popular = distinct[0].destination;
    for (std::uint32_t i = 0; i < city.node_count() / 2; ++i) requests.push_back({distinct[i % 7 + 1].origin, popular});
    const RouteBook book = plan_routes(city, requests);
    REQUIRE(book.size() == requests.size());
    const auto same_route = [](std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    };
    for (std::uint32_t i = 0; i < requests.size(); ++i) {
        const auto route = book.route(i);
        REQUIRE(route.front() == requests[i].origin);
        REQUIRE(route.back() == requests[i].destination);
        for (std::uint32_t j = 0; j < i; ++j) {
            if (requests[j].origin != requests[i].origin || requests[j].destination != requests[i].destination) continue;
            REQUIRE(same_route(book.route(j), route));
            break;
        }
    }
    for (std::uint32_t i = 0; i < distinct.size(); i += 37) {
        const RouteBook alone = plan_routes(city, std::span<const RouteRequest>(&distinct[i], 1));
        const auto it = std::find_if(requests.begin(), requests.end(), [&](const RouteRequest& r) {
            return r.origin == distinct[i].origin && r.destination == distinct[i].destination;
        });
        const auto first = static_cast<std::uint32_t>(it - requests.begin());
        CHECK(route_length_m(city, alone.route(0)) == Approx(route_length_m(city, book.route(first))).epsilon(1e-9));
    }
}

TEST_CASE("a trip to where one already is has zero hops", "[routing]") {
    LatticeSpec spec;
    spec.width = 4;
    spec.height = 4;
    const City city = make_lattice_city(spec);
    const RouteRequest same{5, 5};
    const RouteBook book = plan_routes(city, std::span<const RouteRequest>(&same, 1));
    REQUIRE(book.hops(0) == 0);
    REQUIRE(book.route(0).size() == 1);
    REQUIRE(book.route(0)[0] == 5);
}
