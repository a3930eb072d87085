#pragma once
// SnapshotBuilder: turns the state of a running Simulation into a FrameSnapshot. Runs on the
// engine thread between steps. It keeps running totals of crime (per segment, per type, per
// hour) so each snapshot costs a pass over the agents on the street and the crimes since the last
// snapshot, never over the whole event history.
#include <cstddef>
#include <vector>

#include "sim/agents/residents.hpp"
#include "viz/core/frame_snapshot.hpp"

namespace streetwise {
class Simulation;
}

namespace streetwise::viz {

class SnapshotBuilder {
public:
    // Fills every field of `out` from `simulation` (which must be the same one on every call).
    void fill(const Simulation& simulation, FrameSnapshot& out);

private:
    void absorb_new_crimes(const Simulation& simulation);

    std::uint64_t serial_ = 0;
    std::size_t crimes_seen_ = 0;
    std::vector<std::uint64_t> crimes_by_type_;
    std::vector<std::uint32_t> segment_crimes_;
    std::vector<std::uint32_t> segment_crimes_by_type_;  // [segment * crime_type_count + type]
    std::vector<std::vector<double>> hourly_by_type_;
    std::vector<streetwise::Residents::WalkerPosition> walker_scratch_;
};

}  // namespace streetwise::viz
