#pragma once
// Colours, fonts and sizes. Two palettes: the everyday one and a high-contrast one for
// projectors (black background, saturated colours, thicker lines). Every colour a panel uses
// comes from here, so switching theme switches everything, and tests know what to look for.
#include <imgui.h>

#include <cstdint>

#include "viz/core/frame_snapshot.hpp"

namespace streetwise::viz {

struct Palette {
    ImU32 map_day_background;
    ImU32 map_night_background;
    ImU32 street;              // streets with no layer colouring
    ImU32 street_selected;
    ImU32 agent[agent_kind_count];
    ImU32 crime_marker;
    ImU32 place;
    ImU32 text_on_map;
    ImU32 heat_low, heat_mid, heat_high;  // crime heat ramp
    ImU32 dark_street, lit_street;        // lighting layer
    ImU32 difference_more, difference_less;  // compare: B has more / fewer crimes than A
    float street_width_px;
    float agent_size_px[agent_kind_count];
    // Drones and the police force: the ground under each airborne drone's camera (fill and rim,
    // translucent), and the line from a unit on its way to the report it answers.
    ImU32 camera_fill, camera_rim;
    ImU32 dispatch_line;
    float dispatch_width_px;
    // App alerts (issue 7): the rings that spread from the scene of an SOS. Bluish green, a hue no
    // agent, crime type marker or drone uses, so the ripples read as something else than a crime.
    ImU32 alert;
};

const Palette& standard_palette();
const Palette& high_contrast_palette();

// Series colours for charts (one per crime type), distinguishable by people with the common
// forms of colour blindness (Okabe-Ito).
ImU32 series_colour(int index);

// A colour along low -> mid -> high for t in [0, 1].
ImU32 heat_colour(const Palette& palette, float t);
// A sequential ramp for a field of non-negative values, t in [0, 1]: viridis, whose lightness
// rises evenly, readable with the common colour-vision deficiencies. It runs from near the
// background's lightness to far from it, so that more stands out more: violet to yellow on a dark
// background (night, high contrast), yellow-green to violet on a light one.
ImU32 field_ramp_colour(float t, bool dark_background);
// The insecurity index (0-100) of a district as a street colour: ColorBrewer's YlGnBu, a yellow,
// green and blue ramp readable with the common colour-vision deficiencies, other than the viridis
// of the attractiveness so the two layers are not taken for each other. Its lightness falls
// evenly, and like field_ramp_colour it runs from near the background to far from it, so the most
// insecure districts stand out: pale yellow on a dark background, dark blue on a light one. The
// scale is absolute (0 and 100 always give the same colours) so two moments or two runs compare by eye.
ImU32 insecurity_colour(float index, bool dark_background);
// The four reporting channels in the channel chart: police only Okabe-Ito blue, app only orange,
// police and app bluish green, nobody (the dark figure) grey, light grey on a dark background.
ImU32 channel_colour(ReportingChannel channel, bool dark_background);
// True for a background on which light colours stand out (relative luminance below one half).
bool is_dark(ImU32 colour);
// Distinct hue per district id.
ImU32 district_colour(std::uint32_t district);

struct Theme {
    bool high_contrast = false;
    float font_scale = 1.0f;  // 1: 16 px text; 1.5 or 2 for a projector at the back of a room
    const Palette& palette() const { return high_contrast ? high_contrast_palette() : standard_palette(); }
};

// Loads the UI font into the atlas at 16 px * scale (DejaVu Sans when installed, else ImGui's
// built-in font scaled) and applies the ImGui style. Call before the first frame and whenever
// the theme changes (the host rebuilds the font texture).
void load_fonts(const Theme& theme);
void apply_style(const Theme& theme);

}  // namespace streetwise::viz
