#include "viz/core/map_camera.hpp"

#include <cmath>

namespace streetwise::viz {

void MapCamera::set_viewport(float left, float top, float width, float height) {
    left_ = left;
    top_ = top;
    width_ = std::max(width, 1.0f);
    height_ = std::max(height, 1.0f);
}

void MapCamera::fit(const WorldBounds& bounds, double margin_fraction) {
    const double span_x_m = std::max(bounds.max_x_m - bounds.min_x_m, 1.0);
    const double span_y_m = std::max(bounds.max_y_m - bounds.min_y_m, 1.0);
    const double usable = std::max(0.05, 1.0 - 2.0 * margin_fraction);
    const double scale = std::min(width_ * usable / span_x_m, height_ * usable / span_y_m);
    set_view({(bounds.min_x_m + bounds.max_x_m) * 0.5, (bounds.min_y_m + bounds.max_y_m) * 0.5}, scale);
}

void MapCamera::pan_pixels(float dx, float dy) {
    centre_x_m_ -= dx / pixels_per_m_;
    centre_y_m_ += dy / pixels_per_m_;
}

void MapCamera::zoom_at(ScreenPoint anchor, double factor) {
    if (!(factor > 0) || !std::isfinite(factor)) return;
    const WorldPoint before = to_world(anchor);
    pixels_per_m_ = std::clamp(pixels_per_m_ * factor, min_pixels_per_m, max_pixels_per_m);
    const WorldPoint after = to_world(anchor);
    centre_x_m_ += before.x_m - after.x_m;
    centre_y_m_ += before.y_m - after.y_m;
}

void MapCamera::set_view(WorldPoint centre, double pixels_per_m) {
    centre_x_m_ = centre.x_m;
    centre_y_m_ = centre.y_m;
    pixels_per_m_ = std::clamp(pixels_per_m, min_pixels_per_m, max_pixels_per_m);
}

WorldBounds MapCamera::visible_bounds() const {
    const WorldPoint top_left = to_world({left_, top_});
    const WorldPoint bottom_right = to_world({left_ + width_, top_ + height_});
    return {top_left.x_m, bottom_right.y_m, bottom_right.x_m, top_left.y_m};
}

}  // namespace streetwise::viz
