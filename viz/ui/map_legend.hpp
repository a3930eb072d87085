#pragma once
// What the map says in words: the legend's rows for the layers shown, and the details of a street
// clicked on. Kept apart from the drawing so tests can read them without rasterising text.
#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

#include "viz/core/frame_snapshot.hpp"
#include "viz/core/run_comparison.hpp"
#include "viz/ui/map_view.hpp"
#include "viz/ui/theme.hpp"

namespace streetwise {
class City;
}

namespace streetwise::viz {

// One row of the legend: a colour swatch (none when 0) or, for a ramp, a bar of the field's
// colours from 0 to its maximum; then the text.
// The swatch takes the shape the map draws: a point, a police car's wider block, a drone's
// diamond, a camera's disc, a dispatch line, an app alert's rings.
enum class LegendSwatch : std::uint8_t { square, car, diamond, disc, dashed_line, rings };
// Which colours a ramp row shows: the attractiveness (relative, log scale) or the insecurity index (0-100).
enum class LegendRamp : std::uint8_t { attractiveness, insecurity };

struct LegendRow {
    ImU32 colour = 0;
    std::string text;
    bool ramp = false;
    bool dark_background = false;  // which way the ramp runs (field_ramp_colour)
    LegendSwatch swatch = LegendSwatch::square;
    LegendRamp ramp_scale = LegendRamp::attractiveness;
};

// The legend for what `layers` shows of `snapshot`: agents, fields, heat or difference, interventions.
std::vector<LegendRow> map_legend_rows(const FrameSnapshot& snapshot, const MapLayers& layers, const Palette& palette,
                                       const SegmentDifference* difference);

// The details of one street, a line each: name, class, length, lighting, land use, district,
// crimes so far and, when the run has it, its attractiveness B.
std::vector<std::string> street_details(const City& city, const FrameSnapshot& snapshot, std::uint32_t segment);

}  // namespace streetwise::viz
