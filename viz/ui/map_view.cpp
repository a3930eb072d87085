#include "viz/ui/map_view.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "sim/city/city.hpp"
#include "sim/model/crime_type.hpp"
#include "viz/ui/map_legend.hpp"

namespace streetwise::viz {

namespace {

// Writes quads straight into a draw list, reserving room in chunks. 16-bit indices allow 65,536
// vertices per command; the OpenGL 3 backend supports vertex offsets, so ImGui starts a new
// command when a chunk would overflow (ImDrawListFlags_AllowVtxOffset).
class QuadWriter {
public:
    explicit QuadWriter(ImDrawList* draw_list) : draw_list_(draw_list), uv_(ImGui::GetFontTexUvWhitePixel()) {}
    ~QuadWriter() {
        if (left_ > 0) draw_list_->PrimUnreserve(left_ * 6, left_ * 4);
    }
    QuadWriter(const QuadWriter&) = delete;
    QuadWriter& operator=(const QuadWriter&) = delete;

    void quad(ImVec2 a, ImVec2 b, ImVec2 c, ImVec2 d, ImU32 colour) {
        if (left_ == 0) reserve();
        --left_;
        const auto base = static_cast<ImDrawIdx>(draw_list_->_VtxCurrentIdx);
        ImDrawIdx* idx = draw_list_->_IdxWritePtr;
        idx[0] = base;
        idx[1] = static_cast<ImDrawIdx>(base + 1);
        idx[2] = static_cast<ImDrawIdx>(base + 2);
        idx[3] = base;
        idx[4] = static_cast<ImDrawIdx>(base + 2);
        idx[5] = static_cast<ImDrawIdx>(base + 3);
        draw_list_->_IdxWritePtr += 6;
        ImDrawVert* vtx = draw_list_->_VtxWritePtr;
        vtx[0] = {a, uv_, colour};
        vtx[1] = {b, uv_, colour};
        vtx[2] = {c, uv_, colour};
        vtx[3] = {d, uv_, colour};
        draw_list_->_VtxWritePtr += 4;
        draw_list_->_VtxCurrentIdx += 4;
    }
    void line(ImVec2 p, ImVec2 q, float width, ImU32 colour) {
        float dx = q.x - p.x, dy = q.y - p.y;
        const float length = std::sqrt(dx * dx + dy * dy);
        if (length > 0) {
            const float k = 0.5f * width / length;
            dx *= k;
            dy *= k;
        } else {
            dx = 0.5f * width;
            dy = 0;
        }
        quad({p.x + dy, p.y - dx}, {q.x + dy, q.y - dx}, {q.x - dy, q.y + dx}, {p.x - dy, p.y + dx}, colour);
    }
    void square(ImVec2 centre, float half, ImU32 colour) { rect(centre, half, half, colour); }
    void rect(ImVec2 centre, float half_w, float half_h, ImU32 colour) {
        quad({centre.x - half_w, centre.y - half_h}, {centre.x + half_w, centre.y - half_h},
             {centre.x + half_w, centre.y + half_h}, {centre.x - half_w, centre.y + half_h}, colour);
    }
    void diamond(ImVec2 centre, float half, ImU32 colour) {
        quad({centre.x, centre.y - half}, {centre.x + half, centre.y}, {centre.x, centre.y + half}, {centre.x - half, centre.y},
             colour);
    }
    // A filled disc as a fan of circle_sides triangles, two to a quad (centre, p_i, p_i+1, p_i+2).
    void disc(ImVec2 centre, float radius, ImU32 colour) {
        const ImVec2* unit = circle_points();
        for (int i = 0; i < circle_sides; i += 2) {
            const ImVec2 a = unit[i], b = unit[i + 1], c = unit[(i + 2) % circle_sides];
            quad(centre, {centre.x + a.x * radius, centre.y + a.y * radius}, {centre.x + b.x * radius, centre.y + b.y * radius},
                 {centre.x + c.x * radius, centre.y + c.y * radius}, colour);
        }
    }
    // The rim of that disc, `width` pixels wide inside the radius.
    void ring(ImVec2 centre, float radius, float width, ImU32 colour) {
        const ImVec2* unit = circle_points();
        const float inner = std::max(0.0f, radius - width);
        for (int i = 0; i < circle_sides; ++i) {
            const ImVec2 a = unit[i], b = unit[(i + 1) % circle_sides];
            quad({centre.x + a.x * radius, centre.y + a.y * radius}, {centre.x + b.x * radius, centre.y + b.y * radius},
                 {centre.x + b.x * inner, centre.y + b.y * inner}, {centre.x + a.x * inner, centre.y + a.y * inner}, colour);
        }
    }
    // A dashed line: dashes of `dash` pixels with gaps of `gap`, starting at p.
    void dashed_line(ImVec2 p, ImVec2 q, float width, float dash, float gap, ImU32 colour) {
        const float dx = q.x - p.x, dy = q.y - p.y;
        const float length = std::sqrt(dx * dx + dy * dy);
        if (length <= 0) return;
        const float ux = dx / length, uy = dy / length;
        for (float t = 0; t < length; t += dash + gap) {
            const float end = std::min(length, t + dash);
            line({p.x + ux * t, p.y + uy * t}, {p.x + ux * end, p.y + uy * end}, width, colour);
        }
    }

    static constexpr int circle_sides = 24;  // even: the fan goes two triangles to a quad

private:
    static const ImVec2* circle_points() {
        static const auto points = [] {
            std::array<ImVec2, circle_sides> p{};
            for (int i = 0; i < circle_sides; ++i) {
                const double angle = 2.0 * 3.14159265358979323846 * i / circle_sides;
                p[static_cast<std::size_t>(i)] = {static_cast<float>(std::cos(angle)), static_cast<float>(std::sin(angle))};
            }
            return p;
        }();
        return points.data();
    }
    void reserve() {
        constexpr int chunk_quads = 8192;  // 32,768 vertices: half of what 16-bit indices address
        draw_list_->PrimReserve(chunk_quads * 6, chunk_quads * 4);
        left_ = chunk_quads;
    }
    ImDrawList* draw_list_;
    ImVec2 uv_;
    int left_ = 0;
};

ImU32 with_alpha(ImU32 colour, float alpha) {
    const auto a = static_cast<ImU32>(std::clamp(alpha, 0.0f, 1.0f) * 255.0f);
    return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

constexpr float faint_alpha = 0.35f;  // streets with B = 0 on the attractiveness layer

}  // namespace

float alert_ring_radius_px(const AlertMark& alert, double age_min, double pixels_per_m, float font_scale) {
    const double spread = 0.2 + 0.8 * std::clamp(age_min / alert_spread_min, 0.0, 1.0);
    const double smallest = 12.0 * font_scale;
    const double full = alert.radius_m > 0 ? std::max(static_cast<double>(alert.radius_m) * pixels_per_m, smallest) : smallest;
    return static_cast<float>(spread * full);
}

ImU32 attractiveness_colour(float t, bool dark_background) {
    return with_alpha(field_ramp_colour(t, dark_background), faint_alpha + (1.0f - faint_alpha) * std::min(1.0f, 4.0f * t));
}

bool map_background_dark(const FrameSnapshot& snapshot, const MapLayers& layers, const Palette& palette) {
    return is_dark(layers.day_night && snapshot.night ? palette.map_night_background : palette.map_day_background);
}

MapDrawStats draw_map(ImDrawList* draw_list, const MapCamera& camera, const City& city, const FrameSnapshot& snapshot,
                      const MapLayers& layers, const Theme& theme, const std::set<std::uint32_t>& selected_segments,
                      const SegmentDifference* difference, bool osm_attribution) {
    const Palette& palette = theme.palette();
    MapDrawStats stats;
    const ImVec2 view_min(camera.viewport_left(), camera.viewport_top());
    const ImVec2 view_max(view_min.x + camera.viewport_width(), view_min.y + camera.viewport_height());
    draw_list->PushClipRect(view_min, view_max, true);
    const bool night_look = layers.day_night && snapshot.night;
    draw_list->AddRectFilled(view_min, view_max, night_look ? palette.map_night_background : palette.map_day_background);
    const bool dark_background = map_background_dark(snapshot, layers, palette);

    const auto& xs = city.node_x_m();
    const auto& ys = city.node_y_m();
    const auto& from = city.segment_from();
    const auto& to = city.segment_to();
    const WorldBounds visible = camera.visible_bounds();
    const double scale = camera.pixels_per_m();
    const float cx = camera.viewport_left() + camera.viewport_width() * 0.5f;
    const float cy = camera.viewport_top() + camera.viewport_height() * 0.5f;
    const WorldPoint centre = camera.centre();
    // Inlined camera.to_screen for the two hot loops.
    const auto screen = [&](double x_m, double y_m) {
        return ImVec2(static_cast<float>(cx + (x_m - centre.x_m) * scale), static_cast<float>(cy - (y_m - centre.y_m) * scale));
    };

    {
        QuadWriter quads(draw_list);
        // A field over the intersections, as cells under everything else.
        if (layers.field && snapshot.node_field.size() == city.node_count()) {
            const auto [lowest, highest] = std::minmax_element(snapshot.node_field.begin(), snapshot.node_field.end());
            const float low = *lowest, span = std::max(*highest - *lowest, 1e-12f);
            const float half = std::max(1.0f, 0.5f * snapshot.node_field_cell_m * static_cast<float>(scale));
            for (std::uint32_t n = 0; n < city.node_count(); ++n) {
                if (xs[n] < visible.min_x_m - 1 || xs[n] > visible.max_x_m + 1 || ys[n] < visible.min_y_m - 1 ||
                    ys[n] > visible.max_y_m + 1)
                    continue;
                quads.square(screen(xs[n], ys[n]), half, heat_colour(palette, (snapshot.node_field[n] - low) / span));
            }
        }
        // Streets.
        if (layers.streets) {
            std::uint32_t max_crimes = 1;
            // The insecurity, the attractiveness and the heat take each other's place, in that order:
            // a street has one colour (the menu ticks one of them at a time).
            const bool insecurity = layers.insecurity && !difference && !snapshot.district_insecurity.empty();
            const bool attractiveness = layers.attractiveness && !insecurity && !difference &&
                                        snapshot.segment_field.size() == city.segment_count();
            const bool heat = layers.crime_heat && !insecurity && !attractiveness && !difference &&
                              snapshot.segment_crimes.size() == city.segment_count();
            // On a log scale of 1 + B, the factor by which offending rises there, up to the highest now.
            const float highest_b = attractiveness ? *std::max_element(snapshot.segment_field.begin(), snapshot.segment_field.end()) : 0.0f;
            const float field_norm = highest_b > 0 ? 1.0f / std::log1p(highest_b) : 0.0f;
            const std::vector<std::uint32_t> heat_counts = heat ? snapshot.segment_crimes_of_types(layers.crime_types_shown)
                                                                : std::vector<std::uint32_t>{};
            for (const std::uint32_t c : heat_counts) max_crimes = std::max(max_crimes, c);
            const float heat_norm = 1.0f / std::log1p(static_cast<float>(max_crimes));
            const float width = palette.street_width_px * std::clamp(static_cast<float>(scale) * 2.0f, 0.6f, 2.0f);
            const bool lighting = layers.lighting && (snapshot.night || !layers.day_night);
            for (std::uint32_t s = 0; s < city.segment_count(); ++s) {
                const std::uint32_t a = from[s], b = to[s];
                // A torus's wrap-around streets join opposite edges of the map: drawn straight they
                // would cross the whole city, so they are left out.
                if (std::abs(xs[a] - xs[b]) + std::abs(ys[a] - ys[b]) > 2.0 * city.segment_length_m()[s] + 1.0) continue;
                if (std::max(xs[a], xs[b]) < visible.min_x_m || std::min(xs[a], xs[b]) > visible.max_x_m ||
                    std::max(ys[a], ys[b]) < visible.min_y_m || std::min(ys[a], ys[b]) > visible.max_y_m)
                    continue;
                ImU32 colour = palette.street;
                float w = width;
                if (layers.districts) colour = district_colour(city.segment_district()[s]);
                if (lighting) {
                    const bool lit = city.segment_lux()[s] >= snapshot.dark_lux_threshold ||
                                     (!snapshot.segment_lit_by_intervention.empty() && snapshot.segment_lit_by_intervention[s]);
                    colour = lit ? palette.lit_street : palette.dark_street;
                }
                if (insecurity) {
                    const auto d = city.segment_district()[s];
                    if (d < snapshot.district_insecurity.size()) {
                        colour = insecurity_colour(snapshot.district_insecurity[d], dark_background);
                        w = width * 1.6f;  // wider than plain streets: the colour is the message
                        ++stats.insecurity_streets;
                    } else {
                        colour = with_alpha(colour, faint_alpha);  // outside every district: no index
                    }
                }
                if (heat && heat_counts[s] > 0) {
                    colour = heat_colour(palette, std::log1p(static_cast<float>(heat_counts[s])) * heat_norm);
                    w = width * 1.8f;
                }
                if (attractiveness) {
                    const float value = snapshot.segment_field[s];
                    if (value > 0) {
                        const float t = std::log1p(value) * field_norm;
                        colour = attractiveness_colour(t, dark_background);
                        w = width * (1.0f + 1.5f * t);
                    } else {
                        colour = with_alpha(colour, faint_alpha);  // B = 0: the network stays, receding
                    }
                }
                if (difference && difference->max_abs > 0 && difference->values[s] != 0) {
                    const float t = static_cast<float>(std::abs(difference->values[s]) / difference->max_abs);
                    colour = with_alpha(difference->values[s] > 0 ? palette.difference_more : palette.difference_less,
                                        0.35f + 0.65f * t);
                    w = width * (1.2f + 1.5f * t);
                }
                if (!selected_segments.empty() && selected_segments.count(s)) {
                    colour = palette.street_selected;
                    w = width * 2.5f;
                }
                quads.line(screen(xs[a], ys[a]), screen(xs[b], ys[b]), w, colour);
                ++stats.streets_drawn;
            }
        }
        // Places of interest.
        if (layers.places) {
            const float half = 4.0f * theme.font_scale;
            for (const Place& place : city.places())
                quads.square(screen(xs[place.node], ys[place.node]), half, palette.place);
        }
        // Drone cameras: the ground each airborne drone sees, under the people it sees.
        if (layers.drone_cameras) {
            const float rim = std::max(1.0f, theme.font_scale * (theme.high_contrast ? 2.0f : 1.5f));
            for (const CameraFootprint& f : snapshot.camera_footprints) {
                if (f.x_m + f.radius_m < visible.min_x_m || f.x_m - f.radius_m > visible.max_x_m ||
                    f.y_m + f.radius_m < visible.min_y_m || f.y_m - f.radius_m > visible.max_y_m)
                    continue;
                const ImVec2 p = screen(f.x_m, f.y_m);
                const auto radius = std::max(3.0f, static_cast<float>(f.radius_m * scale));
                quads.disc(p, radius, palette.camera_fill);
                quads.ring(p, radius, rim, palette.camera_rim);
                ++stats.footprints_drawn;
            }
        }
        // Dispatch: a dashed line from each unit on its way to the report's intersection, with a dot there.
        if (layers.dispatch) {
            const float width = palette.dispatch_width_px * theme.font_scale;
            for (const DispatchLine& d : snapshot.dispatch_lines) {
                if (std::max(d.from_x_m, d.to_x_m) < visible.min_x_m || std::min(d.from_x_m, d.to_x_m) > visible.max_x_m ||
                    std::max(d.from_y_m, d.to_y_m) < visible.min_y_m || std::min(d.from_y_m, d.to_y_m) > visible.max_y_m)
                    continue;
                const ImVec2 scene = screen(d.to_x_m, d.to_y_m);
                quads.dashed_line(screen(d.from_x_m, d.from_y_m), scene, width, 4.0f * width, 2.0f * width, palette.dispatch_line);
                quads.disc(scene, 2.0f * width, palette.dispatch_line);
                ++stats.dispatch_lines_drawn;
            }
        }
        // Agents, kind by kind so police and offenders are drawn over the crowd, drones over all.
        for (int kind = 0; kind < agent_kind_count; ++kind) {
            if (!layers.agents[kind]) continue;
            const auto agent_kind = static_cast<AgentKind>(kind);
            const float half = palette.agent_size_px[kind] * 0.5f * theme.font_scale;
            const ImU32 colour = palette.agent[kind];
            // Police are dark on a dark night: a white edge keeps them visible. Drones always have
            // one, to stand out over the crime markers of the scenes they hover over.
            const bool outline = !theme.high_contrast &&
                                 ((night_look && (agent_kind == AgentKind::police || agent_kind == AgentKind::police_car)) ||
                                  agent_kind == AgentKind::drone);
            const auto min_x = static_cast<float>(visible.min_x_m), max_x = static_cast<float>(visible.max_x_m);
            const auto min_y = static_cast<float>(visible.min_y_m), max_y = static_cast<float>(visible.max_y_m);
            for (const AgentPoint& agent : snapshot.agents) {
                if (agent.kind != agent_kind) continue;
                if (agent.x_m < min_x || agent.x_m > max_x || agent.y_m < min_y || agent.y_m > max_y) continue;
                const ImVec2 p = screen(agent.x_m, agent.y_m);
                if (agent_kind == AgentKind::police_car) {
                    // A car: a block twice as wide as it is high, with a white roof light.
                    if (outline) quads.rect(p, half * 1.4f + 1.0f, half * 0.75f + 1.0f, IM_COL32(255, 255, 255, 255));
                    quads.rect(p, half * 1.4f, half * 0.75f, colour);
                    quads.square(p, std::max(1.0f, half * 0.3f), theme.high_contrast ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255));
                } else if (agent_kind == AgentKind::drone) {
                    if (outline) quads.diamond(p, half + 1.5f, IM_COL32(255, 255, 255, 255));
                    quads.diamond(p, half, colour);
                } else {
                    if (outline) quads.square(p, half + 1.0f, IM_COL32(255, 255, 255, 255));
                    quads.square(p, half, colour);
                }
                ++stats.agents_drawn;
            }
        }
    }

    // Crime markers: rings that fade over the hour after the crime.
    if (layers.crime_markers && !snapshot.recent_crimes.empty()) {
        const double steps_per_hour = 3600.0 / snapshot.step_s;
        const float radius = 7.0f * theme.font_scale;
        for (const CrimeEvent& e : snapshot.recent_crimes) {
            if (e.type < layers.crime_types_shown.size() && !layers.crime_types_shown[e.type]) continue;
            const float age = static_cast<float>(static_cast<double>(snapshot.step - static_cast<std::int64_t>(e.step)) / steps_per_hour);
            // Rings take their crime type's colour, as in the chart.
            draw_list->AddCircle(screen(xs[e.node], ys[e.node]), radius, with_alpha(series_colour(e.type), 1.0f - 0.8f * age),
                                 12, 2.0f * theme.font_scale);
        }
    }

    // App alerts: rings spreading from the scene to the distance the alert reached, fading over the
    // hour, over the crime markers (an alert follows its crime, at the same place).
    if (layers.app_alerts && !snapshot.recent_alerts.empty()) {
        const double minutes_per_step = snapshot.step_s / 60.0;
        const float dot = 2.5f * theme.font_scale;
        const float rim = (theme.high_contrast ? 2.5f : 2.0f) * theme.font_scale;
        const bool labels = scale >= alert_label_zoom_px_per_m;
        char label[64];
        for (const AlertMark& alert : snapshot.recent_alerts) {
            if (alert.type < layers.crime_types_shown.size() && !layers.crime_types_shown[alert.type]) continue;
            const double age_min = std::max(0.0, static_cast<double>(snapshot.step - alert.step) * minutes_per_step);
            if (age_min > 60.0) continue;
            const float outer = alert_ring_radius_px(alert, age_min, scale, theme.font_scale);
            const double outer_m = outer / scale;
            if (alert.x_m + outer_m < visible.min_x_m || alert.x_m - outer_m > visible.max_x_m ||
                alert.y_m + outer_m < visible.min_y_m || alert.y_m - outer_m > visible.max_y_m)
                continue;
            const ImVec2 p = screen(alert.x_m, alert.y_m);
            const float alpha = 1.0f - 0.8f * static_cast<float>(age_min / 60.0);
            // Three rings, the inner ones fainter: a ripple moving outwards, not a target.
            for (int k = 1; k <= 3; ++k)
                draw_list->AddCircle(p, outer * static_cast<float>(k) / 3.0f,
                                     with_alpha(palette.alert, alpha * (0.4f + 0.2f * static_cast<float>(k))), 0,
                                     k == 3 ? rim : rim * 0.75f);
            draw_list->AddCircleFilled(p, dot, with_alpha(palette.alert, alpha), 12);
            ++stats.alerts_drawn;
            if (labels) {
                std::snprintf(label, sizeof label, "%u alerted, %u came", alert.recipients, alert.responders);
                const ImVec2 size = ImGui::CalcTextSize(label);
                const ImVec2 at(p.x + 2.5f * dot, p.y - size.y * 0.5f);  // beside the scene's dot, whatever the rings' size
                draw_list->AddRectFilled({at.x - 2, at.y - 1}, {at.x + size.x + 2, at.y + size.y + 1},
                                         dark_background ? IM_COL32(0, 0, 0, 170) : IM_COL32(255, 255, 255, 200), 3.0f);
                draw_list->AddText(at, dark_background ? IM_COL32(255, 255, 255, 255) : IM_COL32(0, 0, 0, 255), label);
                ++stats.alert_labels_drawn;
            }
        }
    }

    // District names at the middle of their streets.
    if (layers.districts && !city.districts().empty()) {
        std::vector<double> sx(city.districts().size(), 0), sy(city.districts().size(), 0), n(city.districts().size(), 0);
        for (std::uint32_t s = 0; s < city.segment_count(); ++s) {
            const auto d = city.segment_district()[s];
            if (d >= sx.size()) continue;
            sx[d] += (xs[from[s]] + xs[to[s]]) * 0.5;
            sy[d] += (ys[from[s]] + ys[to[s]]) * 0.5;
            n[d] += 1;
        }
        for (std::size_t d = 0; d < sx.size(); ++d) {
            if (n[d] == 0) continue;
            const ImVec2 p = screen(sx[d] / n[d], sy[d] / n[d]);
            const char* name = city.districts()[d].name.c_str();
            const ImVec2 size = ImGui::CalcTextSize(name);
            draw_list->AddRectFilled({p.x - size.x * 0.5f - 3, p.y - size.y * 0.5f - 1},
                                     {p.x + size.x * 0.5f + 3, p.y + size.y * 0.5f + 1}, IM_COL32(0, 0, 0, 140), 3.0f);
            draw_list->AddText({p.x - size.x * 0.5f, p.y - size.y * 0.5f}, IM_COL32(255, 255, 255, 255), name);
        }
    }

    if (osm_attribution) {
        const char* text = "Map data (c) OpenStreetMap contributors, ODbL";
        const ImVec2 size = ImGui::CalcTextSize(text);
        const ImVec2 p(view_max.x - size.x - 6, view_max.y - size.y - 4);
        draw_list->AddRectFilled({p.x - 4, p.y - 2}, {view_max.x, view_max.y}, IM_COL32(255, 255, 255, 200));
        draw_list->AddText(p, IM_COL32(0, 0, 0, 255), text);
    }
    draw_list->PopClipRect();
    return stats;
}

MapView::MapView(std::shared_ptr<const City> city) : city_(std::move(city)), grid_(*city_) {}

void MapView::pick_at(ScreenPoint point, const FrameSnapshot& snapshot) {
    const WorldPoint p = camera_.to_world(point);
    const double tolerance_m = 6.0 / camera_.pixels_per_m();
    selection_ = {};
    if (!picking_streets) {
        if (auto hit = nearest_agent(snapshot.agents, p, tolerance_m)) {
            selection_.agent = snapshot.agents[hit->index];
            return;
        }
    }
    if (auto hit = grid_.nearest(p, tolerance_m)) {
        selection_.segment = hit->segment;
        if (picking_streets && !picked_segments_.erase(hit->segment)) picked_segments_.insert(hit->segment);
    }
}

void MapView::show(const FrameSnapshot& snapshot, const Theme& theme, const SegmentDifference* difference) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 size = ImGui::GetContentRegionAvail();
    size.x = std::max(size.x, 50.0f);
    size.y = std::max(size.y, 50.0f);
    camera_.set_viewport(origin.x, origin.y, size.x, size.y);
    if (!fitted_) {
        camera_.fit(city_bounds(*city_));
        fitted_ = true;
    }
    ImGui::InvisibleButton("map", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsItemHovered() && io.MouseWheel != 0)
        camera_.zoom_at({io.MousePos.x, io.MousePos.y}, std::pow(1.2, io.MouseWheel));
    // Dragging pans by the mouse's movement since the button went down (not since the last
    // frame, which would also count the move that brought the mouse here); a press and release
    // without movement is a click, which picks.
    if (ImGui::IsItemActivated()) dragged_ = false;
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
        const ImVec2 delta = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.0f);
        if (delta.x != 0 || delta.y != 0) {
            camera_.pan_pixels(delta.x, delta.y);
            ImGui::ResetMouseDragDelta(ImGuiMouseButton_Left);
            dragged_ = true;
        }
    }
    if (ImGui::IsItemDeactivated() && !dragged_ && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem))
        pick_at({io.MousePos.x, io.MousePos.y}, snapshot);
    if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Right)) camera_.fit(city_bounds(*city_));

    stats_ = draw_map(ImGui::GetWindowDrawList(), camera_, *city_, snapshot, layers_, theme,
                      picked_segments_, difference, osm_attribution);
    last_min_ = origin;
    last_max_ = {origin.x + size.x, origin.y + size.y};
    show_legend(snapshot, theme, difference);
    show_details(snapshot);
}

void MapView::show_legend(const FrameSnapshot& snapshot, const Theme& theme, const SegmentDifference* difference) {
    const Palette& palette = theme.palette();
    const std::vector<LegendRow> rows = map_legend_rows(snapshot, layers_, palette, difference);
    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float ramp_width = 4.0f * line;
    // Bottom left: the top of a map usually holds the city's north, which people look at first.
    ImVec2 p(last_min_.x + 8, last_max_.y - line * static_cast<float>(rows.size()) - 8);
    float width = 0;
    for (const LegendRow& row : rows)
        width = std::max(width, ImGui::CalcTextSize(row.text.c_str()).x + (row.ramp ? ramp_width : line));
    draw_list->AddRectFilled({p.x - 4, p.y - 4}, {p.x + width + 8, p.y + line * static_cast<float>(rows.size()) + 2},
                             theme.high_contrast ? IM_COL32(0, 0, 0, 220) : IM_COL32(255, 255, 255, 220), 3.0f);
    for (const LegendRow& row : rows) {
        const float half = line * 0.25f;
        if (row.ramp) {
            // The ramp as it is drawn now, 0 at the left; under the legend's own background.
            const int pieces = 16;
            const float piece = (ramp_width - line * 0.5f) / pieces;
            draw_list->AddRectFilled({p.x, p.y + line * 0.5f - half - 1}, {p.x + piece * pieces, p.y + line * 0.5f + half + 1},
                                     row.dark_background ? palette.map_night_background : palette.map_day_background);
            for (int i = 0; i < pieces; ++i)
                draw_list->AddRectFilled({p.x + piece * static_cast<float>(i), p.y + line * 0.5f - half},
                                         {p.x + piece * static_cast<float>(i + 1), p.y + line * 0.5f + half},
                                         row.ramp_scale == LegendRamp::insecurity
                                             ? insecurity_colour(100.0f * (static_cast<float>(i) + 0.5f) / pieces, row.dark_background)
                                             : attractiveness_colour((static_cast<float>(i) + 0.5f) / pieces, row.dark_background));
        } else if (row.colour != 0) {
            const ImVec2 c(p.x + line * 0.5f, p.y + line * 0.5f);
            switch (row.swatch) {
                case LegendSwatch::square:
                    draw_list->AddRectFilled({c.x - half, c.y - half}, {c.x + half, c.y + half}, row.colour);
                    break;
                case LegendSwatch::car:
                    draw_list->AddRectFilled({c.x - half * 1.6f, c.y - half * 0.8f}, {c.x + half * 1.6f, c.y + half * 0.8f}, row.colour);
                    draw_list->AddRectFilled({c.x - half * 0.35f, c.y - half * 0.35f}, {c.x + half * 0.35f, c.y + half * 0.35f},
                                             theme.high_contrast ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255));
                    break;
                case LegendSwatch::diamond:
                    draw_list->AddQuadFilled({c.x, c.y - half * 1.3f}, {c.x + half * 1.3f, c.y}, {c.x, c.y + half * 1.3f},
                                             {c.x - half * 1.3f, c.y}, row.colour);
                    break;
                case LegendSwatch::disc:
                    draw_list->AddCircleFilled(c, half * 1.5f, palette.camera_fill, 24);
                    draw_list->AddCircle(c, half * 1.5f, row.colour, 24, 1.5f * theme.font_scale);
                    break;
                case LegendSwatch::rings:
                    for (int k = 1; k <= 3; ++k)
                        draw_list->AddCircle(c, half * 1.6f * static_cast<float>(k) / 3.0f, row.colour, 16, 1.5f * theme.font_scale);
                    break;
                case LegendSwatch::dashed_line:
                    for (int i = 0; i < 2; ++i)
                        draw_list->AddLine({c.x - half * 1.8f + static_cast<float>(i) * half * 2.0f, c.y},
                                           {c.x - half * 0.6f + static_cast<float>(i) * half * 2.0f, c.y}, row.colour,
                                           palette.dispatch_width_px * theme.font_scale);
                    break;
            }
        }
        draw_list->AddText({p.x + (row.ramp ? ramp_width : line), p.y},
                           theme.high_contrast ? IM_COL32(255, 255, 255, 255) : IM_COL32(0, 0, 0, 255), row.text.c_str());
        p.y += line;
    }
}

void MapView::show_details(const FrameSnapshot& snapshot) {
    if (!selection_.segment && !selection_.agent) return;
    ImGui::SetNextWindowPos({last_max_.x - 10, last_min_.y + 10}, ImGuiCond_Always, {1.0f, 0.0f});
    ImGui::SetNextWindowBgAlpha(0.92f);
    if (ImGui::Begin("Details", nullptr,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing)) {
        const City& city = *city_;
        if (selection_.agent) {
            const AgentPoint& a = *selection_.agent;
            ImGui::Text("%s #%u", to_string(a.kind), a.id);
            ImGui::Text("at x %.0f m, y %.0f m", a.x_m, a.y_m);
            ImGui::TextDisabled("position when clicked");
        }
        if (selection_.segment)
            for (const std::string& line : street_details(city, snapshot, *selection_.segment)) ImGui::TextUnformatted(line.c_str());
        if (ImGui::SmallButton("close")) clear_selection();
    }
    ImGui::End();
}

}  // namespace streetwise::viz
