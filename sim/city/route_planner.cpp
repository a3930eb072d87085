#include "sim/city/route_planner.hpp"


#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>

#include "sim/city/city.hpp"
#include "sim/core/parallel_for.hpp"

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
        // One spare slot: breadth_first() stores every neighbour at queue[tail] before deciding
        // whether to keep it, so it writes one past the last node once all are queued.
        queue_.resize(std::size_t(city.node_count()) + 1);
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


// Dijkstra distances in metres from `source` to every node (infinity where unreachable).
std::vector<double> distances_from(const City& city, std::uint32_t source) {
    std::vector<double> distance(city.node_count(), std::numeric_limits<double>::infinity());
    using Entry = std::pair<double, std::uint32_t>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> frontier;
    distance[source] = 0.0;
    frontier.push({0.0, source});
    while (!frontier.empty()) {
        const auto [d, v] = frontier.top();
        frontier.pop();
        if (d > distance[v]) continue;
        for (std::uint32_t a = city.arc_begin(v), end = city.arc_end(v); a < end; ++a) {
            const double candidate = d + city.arc_length_m(a);
            if (candidate < distance[city.arc_target(a)]) {
                distance[city.arc_target(a)] = candidate;
                frontier.push({candidate, city.arc_target(a)});
            }
        }
    }
    return distance;
}

// Lower bounds on distances from landmarks (the ALT technique: A*, landmarks, triangle
// inequality): |d(L, t) - d(L, v)| <= d(v, t) for every landmark L. Landmarks are spread by
// farthest-point selection, which puts them on the city's periphery where the bounds are tight;
// on a lattice the four corners make the bound exact.
class Landmarks {
public:
    static constexpr std::uint32_t count = 8;

    explicit Landmarks(const City& city) : node_count_(city.node_count()), distance_m_(std::size_t(count) * node_count_) {
        std::vector<double> nearest_landmark_m(node_count_, std::numeric_limits<double>::infinity());
        std::uint32_t next = farthest_from(distances_from(city, 0));
        for (std::uint32_t l = 0; l < count; ++l) {
            const std::vector<double> from_landmark = distances_from(city, next);
            for (std::uint32_t v = 0; v < node_count_; ++v) {
                distance_m_[std::size_t(v) * count + l] = from_landmark[v];
                nearest_landmark_m[v] = std::min(nearest_landmark_m[v], from_landmark[v]);
            }
            next = farthest_from(nearest_landmark_m);
        }
    }

    const double* row(std::uint32_t node) const { return distance_m_.data() + std::size_t(node) * count; }

    double lower_bound_m(const double* from_row, const double* to_row) const {
        double bound = 0.0;
        for (std::uint32_t l = 0; l < count; ++l) bound = std::max(bound, std::abs(to_row[l] - from_row[l]));
        return bound;
    }

private:
    // Unreachable nodes (infinite distance) are never chosen; ties go to the lowest id.
    static std::uint32_t farthest_from(const std::vector<double>& distance) {
        std::uint32_t best = 0;
        double best_m = -1.0;
        for (std::uint32_t v = 0; v < distance.size(); ++v) {
            if (std::isfinite(distance[v]) && distance[v] > best_m) {
                best_m = distance[v];
                best = v;
            }
        }
        return best;
    }

    std::uint32_t node_count_;
    std::vector<double> distance_m_;  // node-major: the bounds of one node share a cache line
};

// A* from one origin to one destination guided by the landmark bounds. Among equally promising
// nodes it expands the one farthest along (largest g), so where the bound is exact it walks
// straight down a shortest route instead of filling the area around it.
class GoalSearch {
public:
    GoalSearch(const City& city, const Landmarks& landmarks)
        : city_(city), landmarks_(landmarks), g_m_(city.node_count()), parent_(city.node_count()),
          stamp_of_(city.node_count(), 0) {}

    // Appends the route origin..destination to `out` (just the origin if unreachable) and returns
    // the number of nodes expanded, the measure of how hard this destination is to reach.
    std::uint32_t search(std::uint32_t origin, std::uint32_t destination, std::vector<std::uint32_t>& out) {
        ++stamp_;
        heap_.clear();
        const double* target_row = landmarks_.row(destination);
        g_m_[origin] = 0.0;
        parent_[origin] = origin;
        stamp_of_[origin] = stamp_;
        push({landmarks_.lower_bound_m(landmarks_.row(origin), target_row), 0.0, origin});
        std::uint32_t expanded = 0;
        bool found = false;
        while (!heap_.empty()) {
            const Entry e = pop();
            if (e.g_m > g_m_[e.node]) continue;  // superseded by a shorter way in
            if (e.node == destination) {
                found = true;
                break;
            }
            ++expanded;
            for (std::uint32_t a = city_.arc_begin(e.node), end = city_.arc_end(e.node); a < end; ++a) {
                const std::uint32_t w = city_.arc_target(a);
                const double g = e.g_m + city_.arc_length_m(a);
                if (stamp_of_[w] == stamp_ && g >= g_m_[w]) continue;
                stamp_of_[w] = stamp_;
                g_m_[w] = g;
                parent_[w] = e.node;
                push({g + landmarks_.lower_bound_m(landmarks_.row(w), target_row), g, w});
            }
        }
        const std::size_t start = out.size();
        if (!found) {
            out.push_back(origin);
            return expanded;
        }
        for (std::uint32_t v = destination;; v = parent_[v]) {
            out.push_back(v);
            if (v == origin) break;
        }
        std::reverse(out.begin() + static_cast<std::ptrdiff_t>(start), out.end());
        return expanded;
    }

private:
    struct Entry {
        double f_m;
        double g_m;
        std::uint32_t node;
    };
    // Heap order: lowest f first; then the largest g; then the lowest node id (deterministic).
    // A function object, not a function pointer, so the heap operations inline the comparison.
    struct After {
        bool operator()(const Entry& a, const Entry& b) const {
            if (a.f_m != b.f_m) return a.f_m > b.f_m;
            if (a.g_m != b.g_m) return a.g_m < b.g_m;
            return a.node > b.node;
        }
    };
    void push(const Entry& e) {
        heap_.push_back(e);
        std::push_heap(heap_.begin(), heap_.end(), After{});
    }
    Entry pop() {
        std::pop_heap(heap_.begin(), heap_.end(), After{});
        const Entry e = heap_.back();
        heap_.pop_back();
        return e;
    }

    const City& city_;
    const Landmarks& landmarks_;
    std::vector<double> g_m_;
    std::vector<std::uint32_t> parent_;
    std::vector<std::uint32_t> stamp_of_;
    std::uint32_t stamp_ = 0;
    std::vector<Entry> heap_;
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
    // Per destination, the cheaper of two ways: one A* search per trip, or one tree for all trips
    // to it. The first trip is searched with A*; the number of nodes it expanded tells how hard
    // the destination is, and if the remaining trips would cost more than a whole-city tree
    // (an A* expansion costs about a_star_cost_factor tree visits), the tree is grown instead.
    // The choice depends only on the city and the requests, never on threads.
    constexpr std::uint64_t a_star_cost_factor = 4;
    const Landmarks landmarks(city);
    parallel_for_chunks(std::size_t{0}, destinations.size(), 16, [&](std::size_t chunk_begin, std::size_t chunk_end) {
        TreeGrower grower(city);
        GoalSearch goal_search(city, landmarks);
        for (std::size_t g = chunk_begin; g != chunk_end; ++g) {
            const std::uint32_t destination = destinations[g];
            const std::uint32_t first = group_begin[destination], end = group_begin[destination + 1];
            auto& out = group_nodes[g];
            std::uint32_t k = first;
            bool use_tree = std::uint64_t(end - first) * a_star_cost_factor >= node_count;
            if (!use_tree) {
                const std::uint32_t expanded = goal_search.search(requests[order[k]].origin, destination, out);
                route_length[order[k]] = static_cast<std::uint32_t>(out.size());
                ++k;
                use_tree = std::uint64_t(end - k) * expanded * a_star_cost_factor >= node_count;
            }
            if (!use_tree) {
                for (; k < end; ++k) {
                    const std::size_t start = out.size();
                    goal_search.search(requests[order[k]].origin, destination, out);
                    route_length[order[k]] = static_cast<std::uint32_t>(out.size() - start);
                }
                continue;
            }
            const auto& toward = grower.grow(destination, std::span<const std::uint32_t>(origins.data() + k, end - k));
            for (; k < end; ++k) {
                const std::uint32_t request = order[k];
                const std::size_t start = out.size();
                std::uint32_t v = requests[request].origin;
                out.push_back(v);
                // An unreachable origin (only in a city built without component filtering) gets a
                // route of its own node: the trip degenerates to staying put.
                if (toward[v] != no_node) {
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
    parallel_for_chunks(std::size_t{0}, destinations.size(), 64, [&](std::size_t chunk_begin, std::size_t chunk_end) {
        for (std::size_t g = chunk_begin; g != chunk_end; ++g) {
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
    return distances_from(city, from)[to];
}

}  // namespace streetwise
