// The route planner's 4-ary heap pops in the order its comparison defines: the same sequence a
// sort gives, which is what lets it replace std::priority_queue without changing a single route.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/core/counter_rng.hpp"
#include "sim/core/quaternary_heap.hpp"

using namespace streetwise;

namespace {

struct Keyed {
    double key;
    std::uint32_t id;
    bool operator==(const Keyed&) const = default;
};
struct LowerKeyThenId {
    bool operator()(const Keyed& a, const Keyed& b) const { return a.key != b.key ? a.key < b.key : a.id < b.id; }
};

}  // namespace

TEST_CASE("quaternary heap pops in sorted order, ties by id", "[heap]") {
    const CounterRng rng(5, RngStream::resident_setup);
    QuaternaryHeap<Keyed, LowerKeyThenId> heap;
    std::vector<Keyed> pushed;
    // Few distinct keys, so most entries tie on the key and only the id orders them.
    for (std::uint32_t i = 0; i < 5000; ++i) {
        const Keyed entry{static_cast<double>(rng.below(50, i, 0, 0)), i};
        pushed.push_back(entry);
        heap.push(entry);
    }
    REQUIRE(heap.size() == pushed.size());
    std::sort(pushed.begin(), pushed.end(), LowerKeyThenId{});
    std::vector<Keyed> popped;
    while (!heap.empty()) popped.push_back(heap.pop());
    CHECK(popped == pushed);
}

TEST_CASE("quaternary heap interleaving pushes and pops matches a sorted reference", "[heap]") {
    // Dijkstra's pattern: pop the first, push a few later ones. The reference is a vector kept
    // sorted by the same order.
    const CounterRng rng(9, RngStream::resident_setup);
    QuaternaryHeap<Keyed, LowerKeyThenId> heap;
    std::vector<Keyed> reference;
    std::uint32_t next_id = 0;
    double now = 0.0;
    const auto push = [&](double key) {
        const Keyed entry{key, next_id++};
        heap.push(entry);
        reference.insert(std::upper_bound(reference.begin(), reference.end(), entry, LowerKeyThenId{}), entry);
    };
    push(0.0);
    for (std::uint32_t round = 0; round < 20000 && !heap.empty(); ++round) {
        REQUIRE(heap.top() == reference.front());
        const Keyed first = heap.pop();
        REQUIRE(first == reference.front());
        reference.erase(reference.begin());
        CHECK(first.key >= now);  // never earlier than what came out before
        now = first.key;
        const std::uint32_t fan_out = rng.below(4, round, 0, 0) + (round < 200 ? 1 : 0);
        for (std::uint32_t k = 0; k < fan_out; ++k) push(now + rng.below(8, round, k + 1, 1));
    }
    CHECK(heap.size() == reference.size());
}

TEST_CASE("quaternary heap of one entry and cleared heap", "[heap]") {
    QuaternaryHeap<Keyed, LowerKeyThenId> heap;
    heap.push({3.0, 1});
    CHECK(heap.pop() == Keyed{3.0, 1});
    CHECK(heap.empty());
    heap.push({1.0, 2});
    heap.push({2.0, 3});
    heap.clear();
    CHECK(heap.empty());
    heap.push({2.0, 4});
    CHECK(heap.top() == Keyed{2.0, 4});
}
