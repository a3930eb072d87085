#include "viz/core/attractiveness_layer.hpp"

namespace streetwise::viz {

void set_attractiveness_layer(const std::vector<float>& b, FrameSnapshot& out) {
    out.segment_field.assign(b.begin(), b.end());
    // B has no unit of its own: it is a multiplier of the offence rate, less one (ODD, crime.attractiveness).
    out.segment_field_name = "attractiveness B (repeat victimisation, no unit)";
    out.segment_field_meaning = "offenders offend (1 + B) times as often here";
}

void clear_segment_field(FrameSnapshot& out) {
    out.segment_field.clear();
    out.segment_field_name.clear();
    out.segment_field_meaning.clear();
}

}  // namespace streetwise::viz
