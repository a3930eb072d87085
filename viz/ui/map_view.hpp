#pragma once
// MapView: the street map with agents, crime and layers, drawn into an ImGui draw list, and the
// mouse handling that goes with it (pan, zoom, click to pick, pick streets for interventions).
// Drawing writes vertices straight into the draw list, one quad per street and per agent, so a
// frame with 100,000 agents stays within a few milliseconds of CPU (benchmarks/viz_frame.cpp).
#include <imgui.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "viz/core/frame_snapshot.hpp"
#include "viz/core/map_camera.hpp"
#include "viz/core/map_picking.hpp"
#include "viz/core/run_comparison.hpp"
#include "viz/ui/theme.hpp"

namespace streetwise {
class City;
}

namespace streetwise::viz {

struct MapLayers {
    bool streets = true;
    bool crime_heat = true;       // streets coloured by crimes so far
    bool lighting = false;        // at night: unlit streets dark, lit ones bright
    bool districts = false;       // streets coloured by district, with names
    bool field = true;            // a value per intersection, when the model has one (Short et al.'s attractiveness)
    bool attractiveness = false;  // streets coloured by their attractiveness B (repeat victimisation), in
                                  // place of the crime heat, when the run has that field
    bool places = false;          // places of interest
    bool agents[agent_kind_count] = {true, true, true, true, true, true};
    bool drone_cameras = true;    // the ground each airborne drone's camera sees, as a translucent disc
    bool dispatch = true;         // a dashed line from each police unit on its way to its report
    bool crime_markers = true;    // rings where crimes happened in the last hour
    bool app_alerts = true;       // rings spreading from the scenes of the last hour's app alerts (issue 7)
    bool insecurity = false;      // streets coloured by their district's insecurity index, in place of the
                                  // crime heat and the attractiveness, when the run measures it
    std::vector<bool> crime_types_shown;  // per crime type, for heat and markers; empty: all
    bool day_night = true;        // night darkens the background
};

// What a click picked.
struct MapSelection {
    std::optional<std::uint32_t> segment;
    std::optional<AgentPoint> agent;
};

struct MapDrawStats {
    std::uint32_t streets_drawn = 0;
    std::uint32_t agents_drawn = 0;
    std::uint32_t footprints_drawn = 0;
    std::uint32_t dispatch_lines_drawn = 0;
    std::uint32_t alerts_drawn = 0;        // app alerts drawn as rings
    std::uint32_t alert_labels_drawn = 0;  // of them, with their count of recipients and responders
    std::uint32_t insecurity_streets = 0;  // streets coloured by their district's insecurity index
};

// App alerts on the map: the rings spread from the scene over the first alert_spread_min simulated
// minutes (an SOS reaches its recipients within minutes), then stay and fade until the hour is out.
inline constexpr double alert_spread_min = 10.0;
// From this zoom on (pixels per metre: 100 m of street take 100 px) each alert is labelled with
// how many got it and how many came; further out the labels of neighbouring alerts would overlap.
inline constexpr double alert_label_zoom_px_per_m = 1.0;
// The outer ring's radius in pixels of an alert `age_min` simulated minutes old (negative ages
// count as 0): radius_m through the camera's scale when the alert went to peers within radius_m,
// else a fixed size for an alert to trusted contacts only; never smaller than a marker, so a wide
// alert stays visible far out.
float alert_ring_radius_px(const AlertMark& alert, double age_min, double pixels_per_m, float font_scale);

// The colour of a street on the attractiveness layer at t = log(1 + B) / log(1 + highest B now):
// the field ramp, fading in over the lowest quarter from the faintness of streets with B = 0, so
// the traces that spreading leaves on most streets recede and the hot streets stand out.
ImU32 attractiveness_colour(float t, bool dark_background);

// Whether the map's background is dark now (night shading or the high-contrast palette).
bool map_background_dark(const FrameSnapshot& snapshot, const MapLayers& layers, const Palette& palette);

// Draws one frame of the map into `draw_list` within the camera's viewport. No input handling:
// the benchmark and the tests call this directly.
MapDrawStats draw_map(ImDrawList* draw_list, const MapCamera& camera, const City& city, const FrameSnapshot& snapshot,
                      const MapLayers& layers, const Theme& theme, const std::set<std::uint32_t>& selected_segments,
                      const SegmentDifference* difference = nullptr, bool osm_attribution = false);

class MapView {
public:
    explicit MapView(std::shared_ptr<const City> city);

    // The whole widget: fills the available region of the current ImGui window, handles the
    // mouse, draws the map and the legend. `difference` replaces the heat layer when given.
    void show(const FrameSnapshot& snapshot, const Theme& theme, const SegmentDifference* difference = nullptr);

    const City& city() const { return *city_; }
    MapCamera& camera() { return camera_; }
    const MapCamera& camera() const { return camera_; }
    MapLayers& layers() { return layers_; }
    const MapSelection& selection() const { return selection_; }
    void clear_selection() { selection_ = {}; }
    // Click at a screen point as the mouse would: agents win over streets within a few pixels.
    void pick_at(ScreenPoint point, const FrameSnapshot& snapshot);

    // Street picking for interventions: while on, clicks toggle streets in picked_segments().
    bool picking_streets = false;
    std::set<std::uint32_t>& picked_segments() { return picked_segments_; }

    bool osm_attribution = false;  // show "(c) OpenStreetMap contributors"
    MapDrawStats last_stats() const { return stats_; }
    // The screen rectangle of the map in the last frame (tests look at these pixels).
    ImVec2 last_min() const { return last_min_; }
    ImVec2 last_max() const { return last_max_; }

private:
    void show_details(const FrameSnapshot& snapshot);
    void show_legend(const FrameSnapshot& snapshot, const Theme& theme, const SegmentDifference* difference);

    std::shared_ptr<const City> city_;
    SegmentGrid grid_;
    MapCamera camera_;
    MapLayers layers_;
    MapSelection selection_;
    std::set<std::uint32_t> picked_segments_;
    bool fitted_ = false;
    bool dragged_ = false;  // the current press has moved the map: its release is no click
    MapDrawStats stats_;
    ImVec2 last_min_{0, 0}, last_max_{0, 0};
};

}  // namespace streetwise::viz
