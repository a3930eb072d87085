#pragma once
// SnapshotBuilder: turns the state of a running Simulation into a FrameSnapshot. Runs on the
// engine thread between steps. It keeps running totals of crime (per segment, per type, per
// hour) so each snapshot costs a pass over the agents on the street and the crimes since the last
// snapshot, never over the whole event history (the police force's reports are the exception: one
// pass over them gives the dispatch lines and response times; they are few next to the crimes).
// Vectors of the snapshot are cleared and refilled, so once the buffers have grown no frame allocates.
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
    // The police force's units on the street, dispatch lines and response times (appends to agents).
    void fill_police_force(const Simulation& simulation, FrameSnapshot& out);
    // Airborne drones (appends to agents), their camera footprints and first-responder arrivals.
    void fill_drones(const Simulation& simulation, FrameSnapshot& out);
    // Issue 7: the reporting channels and the last hour's app alerts (runs with the reporting
    // system), and insecurity by district and by hour (runs that measure it).
    void fill_reporting(const Simulation& simulation, FrameSnapshot& out);
    void fill_insecurity(const Simulation& simulation, FrameSnapshot& out);

    std::uint64_t serial_ = 0;
    std::size_t crimes_seen_ = 0;
    std::vector<std::uint64_t> crimes_by_type_;
    std::vector<std::uint32_t> segment_crimes_;
    std::vector<std::uint32_t> segment_crimes_by_type_;  // [segment * crime_type_count + type]
    std::vector<std::vector<double>> hourly_by_type_;
    std::vector<streetwise::Residents::WalkerPosition> walker_scratch_;
};

}  // namespace streetwise::viz
