#include "viz/ui/theme.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace streetwise::viz {

namespace {

ImU32 lerp_colour(ImU32 a, ImU32 b, float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    ImU32 out = 0;
    for (int shift = 0; shift < 32; shift += 8) {
        const float ca = static_cast<float>((a >> shift) & 0xFF);
        const float cb = static_cast<float>((b >> shift) & 0xFF);
        out |= static_cast<ImU32>(std::lround(ca + (cb - ca) * t)) << shift;
    }
    return out;
}

}  // namespace

const Palette& standard_palette() {
    static const Palette palette{
        IM_COL32(236, 233, 224, 255),  // map_day_background: paper
        IM_COL32(30, 34, 48, 255),     // map_night_background: night blue
        IM_COL32(120, 120, 128, 255),  // street
        IM_COL32(0, 190, 255, 255),    // street_selected
        {IM_COL32(40, 110, 220, 255),   // resident: blue
         IM_COL32(230, 40, 40, 255),    // offender: red
         IM_COL32(20, 20, 20, 255),     // police: black (outlined in white at night)
         IM_COL32(0, 160, 70, 255),     // patrol: green
         IM_COL32(20, 20, 20, 255),     // police car: black as the police, drawn as a wider block
         IM_COL32(170, 0, 200, 255)},   // drone: violet, drawn as a diamond
        IM_COL32(255, 60, 0, 255),      // crime_marker
        IM_COL32(150, 60, 170, 255),    // place
        IM_COL32(20, 20, 20, 255),      // text_on_map
        IM_COL32(255, 220, 120, 255), IM_COL32(245, 120, 40, 255), IM_COL32(180, 0, 30, 255),
        IM_COL32(40, 40, 60, 255), IM_COL32(255, 215, 60, 255),
        IM_COL32(210, 20, 90, 255), IM_COL32(0, 175, 160, 255),  // difference: crimson more, teal fewer
        2.0f,
        {3.0f, 5.0f, 6.0f, 6.0f, 7.0f, 12.0f},
        IM_COL32(170, 0, 200, 45), IM_COL32(170, 0, 200, 190),  // camera footprint: the drone's violet
        IM_COL32(0, 70, 200, 235),                              // dispatch: police blue, dashed
        2.5f,
        IM_COL32(0, 140, 110, 255),                             // alert: Okabe-Ito bluish green, darkened for paper
    };
    return palette;
}

const Palette& high_contrast_palette() {
    static const Palette palette{
        IM_COL32(0, 0, 0, 255),
        IM_COL32(0, 0, 0, 255),
        IM_COL32(170, 170, 170, 255),
        IM_COL32(0, 255, 255, 255),
        {IM_COL32(80, 170, 255, 255), IM_COL32(255, 50, 50, 255), IM_COL32(255, 255, 255, 255),
         IM_COL32(60, 255, 90, 255), IM_COL32(255, 255, 255, 255), IM_COL32(255, 110, 255, 255)},
        IM_COL32(255, 140, 0, 255),
        IM_COL32(255, 80, 255, 255),
        IM_COL32(255, 255, 255, 255),
        IM_COL32(255, 255, 100, 255), IM_COL32(255, 140, 0, 255), IM_COL32(255, 0, 40, 255),
        IM_COL32(70, 70, 110, 255), IM_COL32(255, 255, 0, 255),
        IM_COL32(255, 40, 140, 255), IM_COL32(0, 255, 220, 255),
        3.0f,
        {4.0f, 7.0f, 8.0f, 8.0f, 9.0f, 15.0f},
        IM_COL32(255, 110, 255, 60), IM_COL32(255, 110, 255, 230),
        IM_COL32(0, 220, 255, 255),
        3.5f,
        IM_COL32(60, 255, 170, 255),
    };
    return palette;
}

ImU32 series_colour(int index) {
    static const ImU32 colours[] = {IM_COL32(230, 159, 0, 255),  IM_COL32(86, 180, 233, 255), IM_COL32(0, 158, 115, 255),
                                    IM_COL32(240, 228, 66, 255), IM_COL32(0, 114, 178, 255),  IM_COL32(213, 94, 0, 255),
                                    IM_COL32(204, 121, 167, 255)};
    return colours[static_cast<std::size_t>(index) % std::size(colours)];
}

ImU32 heat_colour(const Palette& palette, float t) {
    return t < 0.5f ? lerp_colour(palette.heat_low, palette.heat_mid, t * 2.0f)
                    : lerp_colour(palette.heat_mid, palette.heat_high, (t - 0.5f) * 2.0f);
}

namespace {

// A ramp given at evenly spaced stops, dark to light, read at t in [0, 1] from near the background's
// lightness to far from it. The ends closest to each background are left out: they would vanish into it.
template <std::size_t N>
ImU32 ramp_from_background(const ImU32 (&stops)[N], float t, bool dark_background) {
    static_assert(N >= 2);
    t = std::clamp(t, 0.0f, 1.0f);
    const float v = dark_background ? 0.15f + 0.85f * t : 0.85f * (1.0f - t);
    const float at = v * static_cast<float>(N - 1);
    const std::size_t i = std::min(N - 2, static_cast<std::size_t>(at));
    return lerp_colour(stops[i], stops[i + 1], at - static_cast<float>(i));
}

}  // namespace

ImU32 field_ramp_colour(float t, bool dark_background) {
    // Viridis (van der Walt and Smith, matplotlib) at 0, 0.1, ..., 1.
    static const ImU32 viridis[] = {IM_COL32(68, 1, 84, 255),    IM_COL32(72, 36, 117, 255),  IM_COL32(65, 68, 135, 255),
                                    IM_COL32(53, 95, 141, 255),  IM_COL32(42, 120, 142, 255), IM_COL32(33, 145, 140, 255),
                                    IM_COL32(34, 168, 132, 255), IM_COL32(68, 191, 112, 255), IM_COL32(122, 209, 81, 255),
                                    IM_COL32(189, 223, 38, 255), IM_COL32(253, 231, 37, 255)};
    return ramp_from_background(viridis, t, dark_background);
}

ImU32 insecurity_colour(float index, bool dark_background) {
    // ColorBrewer YlGnBu, 9 classes (Brewer, colorbrewer2.org), dark to light: marked colour-blind
    // safe there, and with no grey in the middle, so a district of middling insecurity does not look
    // like a street without a value.
    static const ImU32 yl_gn_bu[] = {IM_COL32(8, 29, 88, 255),     IM_COL32(37, 52, 148, 255),   IM_COL32(34, 94, 168, 255),
                                     IM_COL32(29, 145, 192, 255),  IM_COL32(65, 182, 196, 255),  IM_COL32(127, 205, 187, 255),
                                     IM_COL32(199, 233, 180, 255), IM_COL32(237, 248, 177, 255), IM_COL32(255, 255, 217, 255)};
    return ramp_from_background(yl_gn_bu, index / 100.0f, dark_background);
}

ImU32 channel_colour(ReportingChannel channel, bool dark_background) {
    switch (channel) {
        case ReportingChannel::police_only: return dark_background ? IM_COL32(86, 180, 233, 255) : IM_COL32(0, 114, 178, 255);
        case ReportingChannel::app_only: return IM_COL32(230, 159, 0, 255);
        case ReportingChannel::police_and_app: return IM_COL32(0, 158, 115, 255);
        case ReportingChannel::nobody: break;
    }
    return dark_background ? IM_COL32(190, 190, 190, 255) : IM_COL32(120, 120, 120, 255);
}

bool is_dark(ImU32 colour) {
    const float r = static_cast<float>(colour & 0xFF) / 255.0f;
    const float g = static_cast<float>((colour >> 8) & 0xFF) / 255.0f;
    const float b = static_cast<float>((colour >> 16) & 0xFF) / 255.0f;
    return 0.2126f * r + 0.7152f * g + 0.0722f * b < 0.5f;
}

ImU32 district_colour(std::uint32_t district) {
    // Golden-angle hue steps keep neighbouring ids far apart in hue.
    const float hue = std::fmod(static_cast<float>(district) * 0.618034f, 1.0f);
    float r, g, b;
    ImGui::ColorConvertHSVtoRGB(hue, 0.55f, 0.85f, r, g, b);
    return ImGui::ColorConvertFloat4ToU32(ImVec4(r, g, b, 1.0f));
}

void load_fonts(const Theme& theme) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const float size_px = std::round(16.0f * theme.font_scale);
    const char* candidates[] = {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                                "/usr/share/fonts/dejavu/DejaVuSans.ttf"};
    for (const char* path : candidates) {
        std::error_code ignored;
        if (std::filesystem::exists(path, ignored) && io.Fonts->AddFontFromFileTTF(path, size_px)) {
            io.FontGlobalScale = 1.0f;
            return;
        }
    }
    // ImGui's built-in font is a 13 px bitmap: scale it rather than fail.
    ImFontConfig config;
    config.SizePixels = std::max(13.0f, size_px);
    io.Fonts->AddFontDefault(&config);
}

void apply_style(const Theme& theme) {
    ImGuiStyle style;
    if (theme.high_contrast) {
        ImGui::StyleColorsDark(&style);
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0, 0, 0, 1);
        style.Colors[ImGuiCol_Text] = ImVec4(1, 1, 1, 1);
        style.Colors[ImGuiCol_Border] = ImVec4(1, 1, 1, 0.8f);
        style.Colors[ImGuiCol_FrameBg] = ImVec4(0.15f, 0.15f, 0.2f, 1);
        style.WindowBorderSize = 2.0f;
        style.FrameBorderSize = 1.0f;
    } else {
        ImGui::StyleColorsLight(&style);
    }
    style.WindowRounding = 2.0f;
    style.FrameRounding = 2.0f;
    style.ScaleAllSizes(theme.font_scale);
    ImGui::GetStyle() = style;
}

}  // namespace streetwise::viz
