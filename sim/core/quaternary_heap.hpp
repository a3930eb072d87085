#pragma once
// A priority queue on a 4-ary heap, for the route planner's searches. Against std::priority_queue's
// binary heap it halves the depth of the tree, so a pop that sifts an entry down the heap touches
// half as many levels (its four children sit in one or two cache lines), which is what route
// planning over a metropolitan city spends its time on.
//
// `Before(a, b)` is true when a must come out before b. When Before is a strict total order on the
// entries ever pushed (the searches break every tie down to the node id, and never push one node
// twice with the same key), the pop sequence is the same as any other correct priority queue's:
// replacing one heap by the other leaves every route unchanged.
#include <cstddef>
#include <vector>

namespace streetwise {

template <class Entry, class Before>
class QuaternaryHeap {
public:
    bool empty() const { return entries_.empty(); }
    std::size_t size() const { return entries_.size(); }
    void clear() { entries_.clear(); }
    const Entry& top() const { return entries_.front(); }

    void push(const Entry& entry) {
        std::size_t hole = entries_.size();
        entries_.push_back(entry);
        while (hole > 0) {
            const std::size_t parent = (hole - 1) / arity;
            if (!before_(entry, entries_[parent])) break;
            entries_[hole] = entries_[parent];
            hole = parent;
        }
        entries_[hole] = entry;
    }

    // Removes and returns the first entry. The heap must not be empty.
    Entry pop() {
        const Entry first = entries_.front();
        const Entry last = entries_.back();
        entries_.pop_back();
        const std::size_t count = entries_.size();
        if (count == 0) return first;
        // Sift the last entry down from the root: at each level the first of the (up to) four
        // children moves up into the hole until the last entry comes before all of them.
        std::size_t hole = 0;
        for (;;) {
            const std::size_t child = hole * arity + 1;
            if (child >= count) break;
            std::size_t best = child;
            const std::size_t child_end = child + arity < count ? child + arity : count;
            for (std::size_t c = child + 1; c < child_end; ++c)
                if (before_(entries_[c], entries_[best])) best = c;
            if (!before_(entries_[best], last)) break;
            entries_[hole] = entries_[best];
            hole = best;
        }
        entries_[hole] = last;
        return first;
    }

private:
    static constexpr std::size_t arity = 4;
    std::vector<Entry> entries_;
    [[no_unique_address]] Before before_{};
};

}  // namespace streetwise
