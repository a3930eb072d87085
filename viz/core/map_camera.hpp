#pragma once
// MapCamera: how the city's local metres map onto the pixels of the map view. North is up.
// Pure arithmetic, no window: unit-tested on its own.
#include <algorithm>

namespace streetwise::viz {

struct ScreenPoint {
    float x = 0;
    float y = 0;
};
struct WorldPoint {
    double x_m = 0;
    double y_m = 0;
};
struct WorldBounds {
    double min_x_m = 0, min_y_m = 0, max_x_m = 0, max_y_m = 0;
};

class MapCamera {
public:
    // Zoom limits in pixels per metre: from a whole region (10 km on 100 px) to a doorstep.
    static constexpr double min_pixels_per_m = 0.01;
    static constexpr double max_pixels_per_m = 200.0;

    // The part of the screen the map occupies (pixels, top-left origin).
    void set_viewport(float left, float top, float width, float height);
    float viewport_left() const { return left_; }
    float viewport_top() const { return top_; }
    float viewport_width() const { return width_; }
    float viewport_height() const { return height_; }

    // Centres `bounds` in the viewport with `margin_fraction` of empty border on the tighter side.
    void fit(const WorldBounds& bounds, double margin_fraction = 0.05);

    ScreenPoint to_screen(double x_m, double y_m) const {
        return {static_cast<float>(left_ + width_ * 0.5 + (x_m - centre_x_m_) * pixels_per_m_),
                static_cast<float>(top_ + height_ * 0.5 - (y_m - centre_y_m_) * pixels_per_m_)};
    }
    WorldPoint to_world(ScreenPoint p) const {
        return {centre_x_m_ + (p.x - left_ - width_ * 0.5) / pixels_per_m_,
                centre_y_m_ - (p.y - top_ - height_ * 0.5) / pixels_per_m_};
    }

    // Drags the map by a mouse movement in pixels: the point under the cursor follows the cursor.
    void pan_pixels(float dx, float dy);
    // Multiplies the zoom by `factor` (clamped to the limits) keeping the world point under
    // `anchor` fixed on screen, as map users expect from the mouse wheel.
    void zoom_at(ScreenPoint anchor, double factor);

    double pixels_per_m() const { return pixels_per_m_; }
    WorldPoint centre() const { return {centre_x_m_, centre_y_m_}; }
    void set_view(WorldPoint centre, double pixels_per_m);
    // The world rectangle currently visible (for culling).
    WorldBounds visible_bounds() const;

private:
    float left_ = 0, top_ = 0, width_ = 1, height_ = 1;
    double centre_x_m_ = 0, centre_y_m_ = 0;
    double pixels_per_m_ = 1.0;
};

}  // namespace streetwise::viz
