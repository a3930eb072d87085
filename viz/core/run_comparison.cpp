#include "viz/core/run_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace streetwise::viz {

double CountDifference::percent_change() const {
    if (a == 0) return std::numeric_limits<double>::quiet_NaN();
    return 100.0 * difference() / static_cast<double>(a);
}

HeadlineDifferences headline_differences(const FrameSnapshot& a, const FrameSnapshot& b,
                                         const std::vector<std::string>& type_names) {
    HeadlineDifferences out;
    out.step_a = a.step;
    out.step_b = b.step;
    out.rows.push_back({"all crime", a.crime_total, b.crime_total});
    const std::size_t types = std::max(a.crimes_by_type.size(), b.crimes_by_type.size());
    for (std::size_t t = 0; t < types; ++t) {
        CountDifference row;
        row.label = t < type_names.size() ? type_names[t] : "type " + std::to_string(t);
        row.a = t < a.crimes_by_type.size() ? a.crimes_by_type[t] : 0;
        row.b = t < b.crimes_by_type.size() ? b.crimes_by_type[t] : 0;
        out.rows.push_back(row);
    }
    if (a.segment_crimes.size() == b.segment_crimes.size())
        for (std::size_t s = 0; s < a.segment_crimes.size(); ++s) {
            out.streets_more += b.segment_crimes[s] > a.segment_crimes[s];
            out.streets_fewer += b.segment_crimes[s] < a.segment_crimes[s];
        }
    return out;
}

SegmentDifference segment_difference(const FrameSnapshot& a, const FrameSnapshot& b) {
    SegmentDifference out;
    if (a.segment_crimes.size() != b.segment_crimes.size()) return out;
    out.values.resize(a.segment_crimes.size());
    for (std::size_t s = 0; s < out.values.size(); ++s) {
        out.values[s] = static_cast<double>(b.segment_crimes[s]) - static_cast<double>(a.segment_crimes[s]);
        out.max_abs = std::max(out.max_abs, std::abs(out.values[s]));
    }
    return out;
}

}  // namespace streetwise::viz
