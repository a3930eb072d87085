#pragma once
// Comparing two runs on the same city at the same moment: the headline differences a workshop
// reads out (total and per crime type, B against A) and the per-street difference for the map.
#include <cstdint>
#include <string>
#include <vector>

#include "viz/core/frame_snapshot.hpp"

namespace streetwise::viz {

struct CountDifference {
    std::string label;        // "all crime", or a crime type
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    double difference() const { return static_cast<double>(b) - static_cast<double>(a); }
    // Relative change of B against A in percent; NaN when A is 0 (no baseline to compare with).
    double percent_change() const;
};

struct HeadlineDifferences {
    std::int64_t step_a = 0, step_b = 0;  // the moments compared; equal once both runs caught up
    std::vector<CountDifference> rows;    // "all crime" first, then each crime type
    std::uint32_t streets_more = 0;       // streets with more crime in B than in A
    std::uint32_t streets_fewer = 0;
};

// Per street, B - A crimes so far.
struct SegmentDifference {
    std::vector<double> values;
    double max_abs = 0;
};

HeadlineDifferences headline_differences(const FrameSnapshot& a, const FrameSnapshot& b,
                                         const std::vector<std::string>& type_names);
// Both snapshots must come from the same city (same segment count); otherwise empty.
SegmentDifference segment_difference(const FrameSnapshot& a, const FrameSnapshot& b);

}  // namespace streetwise::viz
