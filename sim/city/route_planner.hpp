#pragma once
// Shortest routes for many trips at once, never a Dijkstra per trip. Trips are grouped by
// destination. A destination many trips lead to gets one shortest-path tree grown from it (the
// street graph is undirected, so that tree holds a shortest route from every origin); a
// destination few trips lead to gets one A* search per trip, guided by landmark lower bounds
// (ALT), which on street grids walks almost straight down the route. Groups run in parallel.
#include <cstdint>
#include <span>
#include <vector>

namespace streetwise {

class City;

struct RouteRequest {
    std::uint32_t origin = 0;
    std::uint32_t destination = 0;
};

// Routes stored back to back: route i is nodes[begin[i] .. begin[i+1]), from origin to
// destination inclusive (a single node when origin == destination). Walked in reverse it is a
// shortest route back.
class RouteBook {
public:
    std::uint32_t size() const { return static_cast<std::uint32_t>(begin_.size() - 1); }
    std::span<const std::uint32_t> route(std::uint32_t i) const {
        return {nodes_.data() + begin_[i], static_cast<std::size_t>(begin_[i + 1] - begin_[i])};
    }
    std::uint32_t hops(std::uint32_t i) const { return static_cast<std::uint32_t>(begin_[i + 1] - begin_[i] - 1); }
    std::uint64_t offset(std::uint32_t i) const { return begin_[i]; }
    const std::uint32_t* nodes() const { return nodes_.data(); }

private:
    friend RouteBook plan_routes(const City&, std::span<const RouteRequest>);
    std::vector<std::uint32_t> nodes_;
    std::vector<std::uint64_t> begin_{0};
};

// Deterministic: the same city and requests give the same routes whatever the thread count
// (ties between equally short routes are broken by the CSR neighbour order).
RouteBook plan_routes(const City& city, std::span<const RouteRequest> requests);

// Shortest-path distance in metres between two nodes (one search; for tests and tools, not hot paths).
double shortest_distance_m(const City& city, std::uint32_t from, std::uint32_t to);

}  // namespace streetwise
