#include "sim/city/route_planner.hpp"


#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/city/city.hpp"
#include "sim/core/parallel_for.hpp"
#include "sim/core/quaternary_heap.hpp"

namespace streetwise {

namespace {

constexpr std::uint32_t no_node = std::numeric_limits<std::uint32_t>::max();

// The street graph as the searches read it: each node's arcs back to back, each arc its target
// and its length together. City keeps the length per segment (an arc's length is two dependent
// loads away); a search relaxes every arc of every node it settles, so one load saves a
// metropolitan setup several seconds.
class ArcTable {
public:
    struct Arc {
        std::uint32_t target;
        float length_m;
    };

    explicit ArcTable(const City& city) : first_(std::size_t(city.node_count()) + 1, 0) {
        for (std::uint32_t v = 0; v < city.node_count(); ++v) first_[v + 1] = city.arc_end(v);
        arcs_.resize(first_.back());
        for (std::uint32_t a = 0; a < arcs_.size(); ++a) arcs_[a] = {city.arc_target(a), city.arc_length_m(a)};
    }

    std::uint32_t node_count() const { return static_cast<std::uint32_t>(first_.size() - 1); }
    std::span<const Arc> arcs_of(std::uint32_t node) const {
        return {arcs_.data() + first_[node], static_cast<std::size_t>(first_[node + 1] - first_[node])};
    }

private:
    std::vector<std::uint32_t> first_;
    std::vector<Arc> arcs_;
};

// Dijkstra's queue entry: a node and its tentative distance; ties go to the lower node id, so the
// order of settling, and with it every tree, depends on the graph alone.
struct DistanceEntry {
    double distance_m;
    std::uint32_t node;
};
struct NearerFirst {
    bool operator()(const DistanceEntry& a, const DistanceEntry& b) const {
        return a.distance_m != b.distance_m ? a.distance_m < b.distance_m : a.node < b.node;
    }
};
using DistanceQueue = QuaternaryHeap<DistanceEntry, NearerFirst>;

// Grows a shortest-path tree rooted at a destination: toward[v] is the next node from v on a
// shortest route to the root. The search stops as soon as every origin that needs a route to
// this root is settled. Buffers are reused across the destinations one task handles.
class TreeGrower {
public:
    TreeGrower(const City& city, const ArcTable& arcs)
        : city_(city),
          arcs_(arcs),
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
    // loop is branch-free because whether a neighbour is new is unpredictable. It needs no
    // lengths, so it reads the city's own CSR targets (half the bytes of the arc table).
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
        frontier_.clear();
        std::uint32_t reached = 0;
        toward_[root] = root;
        distance_m_[root] = 0.0;
        queue_[reached++] = root;
        frontier_.push({0.0, root});
        while (!frontier_.empty() && pending > 0) {
            const auto [d, v] = frontier_.pop();
            if (d > distance_m_[v]) continue;
            pending -= origin_stamp_[v] == stamp_;  // settled: its route is final
            for (const ArcTable::Arc& arc : arcs_.arcs_of(v)) {
                const std::uint32_t w = arc.target;
                const double candidate = d + arc.length_m;
                if (toward_[w] == no_node) {
                    queue_[reached++] = w;
                } else if (candidate >= distance_m_[w]) {
                    continue;
                }
                toward_[w] = v;
                distance_m_[w] = candidate;
                frontier_.push({candidate, w});
            }
        }
        reached_count_ = reached;
    }

    const City& city_;
    const ArcTable& arcs_;
    DistanceQueue frontier_;
    std::vector<std::uint32_t> toward_;
    std::vector<double> distance_m_;
    std::vector<std::uint32_t> origin_stamp_;  // == stamp_: an origin of the current search
    std::uint32_t stamp_ = 0;
    std::vector<std::uint32_t> queue_;         // also the list of nodes touched, for the reset
    std::uint32_t reached_count_ = 0;
};


// Dijkstra distances in metres from `source` to every node (infinity where unreachable).
std::vector<double> distances_from(const ArcTable& arcs, std::uint32_t source) {
    std::vector<double> distance(arcs.node_count(), std::numeric_limits<double>::infinity());
    DistanceQueue frontier;
    distance[source] = 0.0;
    frontier.push({0.0, source});
    while (!frontier.empty()) {
        const auto [d, v] = frontier.pop();
        if (d > distance[v]) continue;
        for (const ArcTable::Arc& arc : arcs.arcs_of(v)) {
            const double candidate = d + arc.length_m;
            if (candidate < distance[arc.target]) {
                distance[arc.target] = candidate;
                frontier.push({candidate, arc.target});
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

    explicit Landmarks(const ArcTable& arcs) : node_count_(arcs.node_count()), distance_m_(std::size_t(count) * node_count_) {
        std::vector<double> nearest_landmark_m(node_count_, std::numeric_limits<double>::infinity());
        std::uint32_t next = farthest_from(distances_from(arcs, 0));
        for (std::uint32_t l = 0; l < count; ++l) {
            const std::vector<double> from_landmark = distances_from(arcs, next);
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
    GoalSearch(const ArcTable& arcs, const Landmarks& landmarks)
        : arcs_(arcs), landmarks_(landmarks), g_m_(arcs.node_count()), parent_(arcs.node_count()),
          stamp_of_(arcs.node_count(), 0) {}

    // Appends the route origin..destination to `out` (just the origin if unreachable) and returns
    // the number of nodes expanded, the measure of how hard this destination is to reach.
    std::uint32_t search(std::uint32_t origin, std::uint32_t destination, std::vector<std::uint32_t>& out) {
        ++stamp_;
        heap_.clear();
        const double* target_row = landmarks_.row(destination);
        g_m_[origin] = 0.0;
        parent_[origin] = origin;
        stamp_of_[origin] = stamp_;
        heap_.push({landmarks_.lower_bound_m(landmarks_.row(origin), target_row), 0.0, origin});
        std::uint32_t expanded = 0;
        bool found = false;
        while (!heap_.empty()) {
            const Entry e = heap_.pop();
            if (e.g_m > g_m_[e.node]) continue;  // superseded by a shorter way in
            if (e.node == destination) {
                found = true;
                break;
            }
            ++expanded;
            for (const ArcTable::Arc& arc : arcs_.arcs_of(e.node)) {
                const std::uint32_t w = arc.target;
                const double g = e.g_m + arc.length_m;
                if (stamp_of_[w] == stamp_ && g >= g_m_[w]) continue;
                stamp_of_[w] = stamp_;
                g_m_[w] = g;
                parent_[w] = e.node;
                heap_.push({g + landmarks_.lower_bound_m(landmarks_.row(w), target_row), g, w});
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
    struct MorePromising {
        bool operator()(const Entry& a, const Entry& b) const {
            if (a.f_m != b.f_m) return a.f_m < b.f_m;
            if (a.g_m != b.g_m) return a.g_m > b.g_m;
            return a.node < b.node;
        }
    };

    const ArcTable& arcs_;
    const Landmarks& landmarks_;
    std::vector<double> g_m_;
    std::vector<std::uint32_t> parent_;
    std::vector<std::uint32_t> stamp_of_;
    std::uint32_t stamp_ = 0;
    QuaternaryHeap<Entry, MorePromising> heap_;
};

// The routes already planned to the current destination, by origin. Forgetting them all for the
// next destination is one counter increment, not a clear of the whole array.
class OriginMemo {
public:
    struct Route {
        std::uint64_t start;  // in the destination's buffer
        std::uint32_t length;
        std::uint32_t stamp;
    };

    explicit OriginMemo(std::uint32_t node_count) : routes_(node_count, Route{0, 0, 0}) {}
    void forget_all() { ++stamp_; }
    const Route* find(std::uint32_t origin) const {
        return routes_[origin].stamp == stamp_ ? &routes_[origin] : nullptr;
    }
    void remember(std::uint32_t origin, std::uint64_t start, std::uint32_t length) {
        routes_[origin] = {start, length, stamp_};
    }

private:
    std::vector<Route> routes_;
    std::uint32_t stamp_ = 1;  // above the zero every route starts with: nothing is known yet
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
    // order afterwards, so the layout does not depend on which thread ran which tree. Trips from
    // the same origin to the same destination (neighbours shopping at the same corner shop) share
    // one route, planned once: in a metropolitan city three A* searches in four were repeats.
    std::vector<std::vector<std::uint32_t>> group_nodes(destinations.size());
    std::vector<std::uint64_t> route_start(requests.size(), 0);  // in its destination's buffer
    std::vector<std::uint32_t> route_length(requests.size(), 0);
    // Per destination, the cheaper of two ways: one A* search per trip, or one tree for all trips
    // to it. The first trip is searched with A*; the number of nodes it expanded tells how hard
    // the destination is, and if the remaining trips would cost more than a whole-city tree
    // (an A* expansion costs about a_star_cost_factor tree visits), the tree is grown instead.
    // The choice depends only on the city and the requests, never on threads.
    constexpr std::uint64_t a_star_cost_factor = 4;
    const ArcTable arcs(city);
    const Landmarks landmarks(arcs);
    parallel_for_chunks(std::size_t{0}, destinations.size(), 16, [&](std::size_t chunk_begin, std::size_t chunk_end) {
        TreeGrower grower(city, arcs);
        GoalSearch goal_search(arcs, landmarks);
        OriginMemo memo(node_count);
        for (std::size_t g = chunk_begin; g != chunk_end; ++g) {
            const std::uint32_t destination = destinations[g];
            const std::uint32_t first = group_begin[destination], end = group_begin[destination + 1];
            auto& out = group_nodes[g];
            memo.forget_all();
            // A trip whose origin already has its route to this destination takes that route.
            const auto reuse = [&](std::uint32_t request) {
                const OriginMemo::Route* known = memo.find(requests[request].origin);
                if (known == nullptr) return false;
                route_start[request] = known->start;
                route_length[request] = known->length;
                return true;
            };
            const auto keep = [&](std::uint32_t request, std::size_t start) {
                route_start[request] = start;
                route_length[request] = static_cast<std::uint32_t>(out.size() - start);
                memo.remember(requests[request].origin, start, route_length[request]);
            };
            std::uint32_t k = first;
            bool use_tree = std::uint64_t(end - first) * a_star_cost_factor >= node_count;
            if (!use_tree) {
                const std::uint32_t expanded = goal_search.search(requests[order[k]].origin, destination, out);
                keep(order[k], 0);
                ++k;
                use_tree = std::uint64_t(end - k) * expanded * a_star_cost_factor >= node_count;
            }
            if (!use_tree) {
                for (; k < end; ++k) {
                    if (reuse(order[k])) continue;
                    const std::size_t start = out.size();
                    goal_search.search(requests[order[k]].origin, destination, out);
                    keep(order[k], start);
                }
                continue;
            }
            const auto& toward = grower.grow(destination, std::span<const std::uint32_t>(origins.data() + k, end - k));
            for (; k < end; ++k) {
                const std::uint32_t request = order[k];
                if (reuse(request)) continue;
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
                keep(request, start);
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
            for (std::uint32_t k = group_begin[destination]; k < group_begin[destination + 1]; ++k) {
                const std::uint32_t request = order[k];
                std::copy_n(group_nodes[g].data() + route_start[request], route_length[request],
                            book.nodes_.data() + book.begin_[request]);
            }
            std::vector<std::uint32_t>().swap(group_nodes[g]);
        }
    });
    return book;
}

double shortest_distance_m(const City& city, std::uint32_t from, std::uint32_t to) {
    return distances_from(ArcTable(city), from)[to];
}

}  // namespace streetwise
