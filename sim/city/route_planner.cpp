#include "sim/city/route_planner.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <limits>
#include <queue>

#include "sim/city/city.hpp"

namespace streetwise {

namespace {

constexpr std::uint32_t no_node = std::numeric_limits<std::uint32_t>::max();

// Grows a shortest-path tree rooted at a destination: toward[v] is the next node from v on a
// shortest route to the root. The search stops as soon as every origin that needs a route to
// this root is settled. Buffers are reused across the destinations one task handles.
class TreeGrower {
public:
    explicit TreeGrower(const City& city)
        : city_(city),
          toward_(city.node_count(), no_node),
          distance_m_(city.node_count()),
          origin_stamp_(city.node_count(), 0) {
        queue_.resize(city.node_count());
    }

    const std::vector<std::uint32_t>& grow(std::uint32_t root, std::span<const std::uint32_t> origins) {
        for (std::uint32_t i = 0; i < reached_count_; ++i) toward_[queue_[i]] = no_node;
        ++stamp_;
        std::uint32_t pending = 0;
        for (std::uint32_t origin : origins) {
            pending += origin_stamp_[origin] != stamp_;
            origin_stamp_[origin] = stamp_;
        }
        if (city_.uniform_segment_length())
            breadth_first(root, pending);
        else
            dijkstra(root, pending);
        return toward_;
    }

private:
    // All segments equally long: hop count orders routes exactly like length does. The inner
    // loop is branch-free because whether a neighbour is new is unpredictable.
    void breadth_first(std::uint32_t root, std::uint32_t pending) {
        std::uint32_t* queue = queue_.data();
        std::uint32_t* toward = toward_.data();
        std::uint32_t tail = 0;
        queue[tail++] = root;
        toward[root] = root;
        pending -= origin_stamp_[root] == stamp_;
        for (std::uint32_t head = 0; head < tail && pending > 0; ++head) {
            const std::uint32_t v = queue[head];
            for (std::uint32_t a = city_.arc_begin(v), end = city_.arc_end(v); a < end; ++a) {
                const std::uint32_t w = city_.arc_target(a);
                const bool fresh = toward[w] == no_node;
                toward[w] = fresh ? v : toward[w];
                queue[tail] = w;
                tail += fresh;
                pending -= fresh & (origin_stamp_[w] == stamp_);
            }
        }
        reached_count_ = tail;
    }

    void dijkstra(std::uint32_t root, std::uint32_t pending) {
        using Entry = std::pair<double, std::uint32_t>;  // (distance, node): ties by node id
        std::priority_queue<Entry, std::vector<Entry>, std::greater<>> frontier;
        std::uint32_t reached = 0;
        toward_[root] = root;
        distance_m_[root] = 0.0;
        queue_[reached++] = root;
        frontier.push({0.0, root});
        while (!frontier.empty() && pending > 0) {
            const auto [d, v] = frontier.top();
            frontier.pop();
            if (d > distance_m_[v]) continue;
            pending -= origin_stamp_[v] == stamp_;  // settled: its route is final
            for (std::uint32_t a = city_.arc_begin(v), end = city_.arc_end(v); a < end; ++a) {
                const std::uint32_t w = city_.arc_target(a);
                const double candidate = d + city_.arc_length_m(a);
                if (toward_[w] == no_node) {
                    queue_[reached++] = w;
                } else if (candidate >= distance_m_[w]) {
                    continue;
                }
                toward_[w] = v;
                distance_m_[w] = candidate;
                frontier.push({candidate, w});
            }
        }
        reached_count_ = reached;
    }

    const City& city_;
    std::vector<std::uint32_t> toward_;
    std::vector<double> distance_m_;
    std::vector<std::uint32_t> origin_stamp_;  // == stamp_: an origin of the current search
    std::uint32_t stamp_ = 0;
    std::vector<std::uint32_t> queue_;         // also the list of nodes touched, for the reset
    std::uint32_t reached_count_ = 0;
};

}  // namespace

RouteBook plan_routes(const City& city, std::span<const RouteRequest> requests) {
    // Group request indices by destination (counting sort keeps request order inside a group).
    const std::uint32_t node_count = city.node_count();
    std::vector<std::uint32_t> group_begin(node_count + 1, 0);
    for (const auto& r : requests) ++group_begin[r.destination + 1];
    for (std::uint32_t v = 0; v < node_count; ++v) group_begin[v + 1] += group_begin[v];
    std::vector<std::uint32_t> order(requests.size());
    {
        std::vector<std::uint32_t> fill(group_begin.begin(), group_begin.end() - 1);
        for (std::uint32_t i = 0; i < requests.size(); ++i) order[fill[requests[i].destination]++] = i;
    }
    std::vector<std::uint32_t> destinations;
    for (std::uint32_t v = 0; v < node_count; ++v)
        if (group_begin[v + 1] > group_begin[v]) destinations.push_back(v);
    std::vector<std::uint32_t> origins(requests.size());
    for (std::size_t k = 0; k < order.size(); ++k) origins[k] = requests[order[k]].origin;

    // Each destination's routes go to their own buffer; they are concatenated in destination
    // order afterwards, so the layout does not depend on which thread ran which tree.
    std::vector<std::vector<std::uint32_t>> group_nodes(destinations.size());
    std::vector<std::uint32_t> route_length(requests.size(), 0);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, destinations.size(), 16),
                      [&](const tbb::blocked_range<std::size_t>& range) {
        TreeGrower grower(city);
        for (std::size_t g = range.begin(); g != range.end(); ++g) {
            const std::uint32_t destination = destinations[g];
            const auto& toward = grower.grow(
                destination, std::span<const std::uint32_t>(origins.data() + group_begin[destination],
                                                            group_begin[destination + 1] - group_begin[destination]));
            auto& out = group_nodes[g];
            for (std::uint32_t k = group_begin[destination]; k < group_begin[destination + 1]; ++k) {
                const std::uint32_t request = order[k];
                const std::size_t start = out.size();
                std::uint32_t v = requests[request].origin;
                if (toward[v] == no_node) {
                    // Unreachable (only possible in a city built without component filtering):
                    // the trip degenerates to staying put.
                    out.push_back(v);
                } else {
                    out.push_back(v);
                    while (v != destination) {
                        v = toward[v];
                        out.push_back(v);
                    }
                }
                route_length[request] = static_cast<std::uint32_t>(out.size() - start);
            }
        }
    });

    RouteBook book;
    book.begin_.assign(requests.size() + 1, 0);
    for (std::size_t i = 0; i < requests.size(); ++i) book.begin_[i + 1] = book.begin_[i] + route_length[i];
    book.nodes_.resize(book.begin_.back());
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, destinations.size(), 64),
                      [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t g = range.begin(); g != range.end(); ++g) {
            const std::uint32_t destination = destinations[g];
            std::size_t read = 0;
            for (std::uint32_t k = group_begin[destination]; k < group_begin[destination + 1]; ++k) {
                const std::uint32_t request = order[k];
                std::copy_n(group_nodes[g].begin() + static_cast<std::ptrdiff_t>(read), route_length[request],
                            book.nodes_.begin() + static_cast<std::ptrdiff_t>(book.begin_[request]));
                read += route_length[request];
            }
            std::vector<std::uint32_t>().swap(group_nodes[g]);
        }
    });
    return book;
}

double shortest_distance_m(const City& city, std::uint32_t from, std::uint32_t to) {
    const RouteRequest request{from, to};
    const RouteBook book = plan_routes(city, std::span<const RouteRequest>(&request, 1));
    const auto route = book.route(0);
    if (route.back() != to) return std::numeric_limits<double>::infinity();
    double length_m = 0.0;
    for (std::size_t i = 0; i + 1 < route.size(); ++i) {
        const std::uint32_t v = route[i], w = route[i + 1];
        float best = std::numeric_limits<float>::infinity();
        for (std::uint32_t a = city.arc_begin(v); a < city.arc_end(v); ++a)
            if (city.arc_target(a) == w) best = std::min(best, city.arc_length_m(a));
        length_m += best;
    }
    return length_m;
}

}  // namespace streetwise
