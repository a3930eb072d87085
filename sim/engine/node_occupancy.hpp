#pragma once
// Who is at each intersection: counts of residents and police per node, updated incrementally
// as agents move (never rebuilt from all agents), plus lists of residents who are indoors at a
// node when the scenario counts indoor residents as present (benchmark B1).
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/checkpoint_file.hpp"

namespace streetwise {

class NodeOccupancy {
public:
    NodeOccupancy(std::uint32_t node_count, bool track_indoor)
        : residents_(node_count, 0), police_(node_count, 0), track_indoor_(track_indoor) {
        if (track_indoor_) indoor_.resize(node_count);
    }

    std::uint32_t residents_at(std::uint32_t node) const { return residents_[node]; }
    std::uint32_t police_at(std::uint32_t node) const { return police_[node]; }

    // Safe to call from parallel movement: integer sums are the same in any order, so the
    // counts after a phase do not depend on thread scheduling.
    void move_resident(std::uint32_t from, std::uint32_t to) {
        std::atomic_ref<std::uint32_t>(residents_[from]).fetch_sub(1, std::memory_order_relaxed);
        std::atomic_ref<std::uint32_t>(residents_[to]).fetch_add(1, std::memory_order_relaxed);
    }
    void move_police(std::uint32_t from, std::uint32_t to) {
        std::atomic_ref<std::uint32_t>(police_[from]).fetch_sub(1, std::memory_order_relaxed);
        std::atomic_ref<std::uint32_t>(police_[to]).fetch_add(1, std::memory_order_relaxed);
    }
    // Sequential phases only.
    void add_resident(std::uint32_t node) { ++residents_[node]; }
    void remove_resident(std::uint32_t node) { --residents_[node]; }
    void add_police(std::uint32_t node) { ++police_[node]; }
    void remove_police(std::uint32_t node) { --police_[node]; }

    bool tracks_indoor() const { return track_indoor_; }
    // Indoor lists change only in sequential phases, in resident-id order, so their order (and
    // hence victim choice) is deterministic. Returns the slot, for O(1) removal.
    std::uint32_t add_indoor(std::uint32_t node, std::uint32_t resident) {
        indoor_[node].push_back(resident);
        return static_cast<std::uint32_t>(indoor_[node].size() - 1);
    }
    // Swap-remove; returns the resident that moved into `slot` (or UINT32_MAX if none) so the
    // caller can update that resident's slot.
    std::uint32_t remove_indoor(std::uint32_t node, std::uint32_t slot) {
        auto& list = indoor_[node];
        const std::uint32_t moved = list.back();
        list[slot] = moved;
        list.pop_back();
        return slot < list.size() ? moved : UINT32_MAX;
    }
    const std::vector<std::uint32_t>& indoor_at(std::uint32_t node) const { return indoor_[node]; }

    // Checkpoints: the counts and the indoor lists in their current order (victim choice reads
    // them by position). track_indoor_ comes from the scenario, so it is rebuilt by construction.
    void save_state(CheckpointWriter& out) const {
        out.put_vector(residents_);
        out.put_vector(police_);
        for (const auto& list : indoor_) out.put_vector(list);
    }
    // `resident_count` bounds the ids and lengths of the indoor lists.
    void load_state(CheckpointReader& in, std::uint32_t resident_count) {
        in.get_vector_into(residents_, "residents per node");
        in.get_vector_into(police_, "police per node");
        std::uint64_t indoor_total = 0;
        for (auto& list : indoor_) {
            list = in.get_vector<std::uint32_t>(resident_count, "indoor list");
            in.check_below(list, resident_count, "an indoor list");
            indoor_total += list.size();
        }
        in.check(indoor_total <= resident_count, "more residents indoors than there are residents");
    }

private:
    std::vector<std::uint32_t> residents_;
    std::vector<std::uint32_t> police_;
    bool track_indoor_;
    std::vector<std::vector<std::uint32_t>> indoor_;
};

}  // namespace streetwise
