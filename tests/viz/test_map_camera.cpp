// MapCamera: the arithmetic between the city's metres and the screen's pixels.
#include <catch2/catch.hpp>

#include "viz/core/map_camera.hpp"

using namespace streetwise::viz;

TEST_CASE("camera: screen and world coordinates are inverse, north is up", "[viz][camera]") {
    MapCamera camera;
    camera.set_viewport(100, 50, 800, 600);
    camera.set_view({1000, 2000}, 0.5);
    const ScreenPoint centre = camera.to_screen(1000, 2000);
    CHECK(centre.x == Approx(500));  // 100 + 800 / 2
    CHECK(centre.y == Approx(350));  // 50 + 600 / 2
    // 100 m east is 50 px right; 100 m north is 50 px up.
    CHECK(camera.to_screen(1100, 2000).x == Approx(550));
    CHECK(camera.to_screen(1000, 2100).y == Approx(300));
    for (const ScreenPoint p : {ScreenPoint{0, 0}, ScreenPoint{123.5f, 456.25f}, ScreenPoint{900, 650}}) {
        const WorldPoint w = camera.to_world(p);
        const ScreenPoint back = camera.to_screen(w.x_m, w.y_m);
        CHECK(back.x == Approx(p.x).margin(1e-3));
        CHECK(back.y == Approx(p.y).margin(1e-3));
    }
}

TEST_CASE("camera: fit shows the whole city with the margin on the tighter side", "[viz][camera]") {
    MapCamera camera;
    camera.set_viewport(0, 0, 1000, 500);
    const WorldBounds city{-200, 0, 1800, 4000};  // 2 km wide, 4 km tall: height is the tighter side
    camera.fit(city, 0.05);
    CHECK(camera.pixels_per_m() == Approx(500 * 0.9 / 4000));
    const ScreenPoint bottom_left = camera.to_screen(city.min_x_m, city.min_y_m);
    const ScreenPoint top_right = camera.to_screen(city.max_x_m, city.max_y_m);
    CHECK(top_right.y == Approx(25).margin(1e-3));     // 5% of 500 px
    CHECK(bottom_left.y == Approx(475).margin(1e-3));
    CHECK(bottom_left.x >= 0);
    CHECK(top_right.x <= 1000);
    CHECK((bottom_left.x + top_right.x) / 2 == Approx(500));
}

TEST_CASE("camera: zooming keeps the point under the mouse still, and is clamped", "[viz][camera]") {
    MapCamera camera;
    camera.set_viewport(0, 0, 800, 600);
    camera.set_view({0, 0}, 1.0);
    const ScreenPoint mouse{650, 120};
    const WorldPoint before = camera.to_world(mouse);
    camera.zoom_at(mouse, 3.0);
    CHECK(camera.pixels_per_m() == Approx(3.0));
    const WorldPoint after = camera.to_world(mouse);
    CHECK(after.x_m == Approx(before.x_m).margin(1e-9));
    CHECK(after.y_m == Approx(before.y_m).margin(1e-9));

    camera.zoom_at(mouse, 1e9);
    CHECK(camera.pixels_per_m() == MapCamera::max_pixels_per_m);
    camera.zoom_at(mouse, 1e-12);
    CHECK(camera.pixels_per_m() == MapCamera::min_pixels_per_m);
    camera.zoom_at(mouse, 0.0);  // refused, not a division by zero later
    camera.zoom_at(mouse, -2.0);
    CHECK(camera.pixels_per_m() == MapCamera::min_pixels_per_m);
}

TEST_CASE("camera: dragging moves the map with the mouse", "[viz][camera]") {
    MapCamera camera;
    camera.set_viewport(0, 0, 800, 600);
    camera.set_view({500, 500}, 2.0);
    const WorldPoint grabbed = camera.to_world({300, 300});
    camera.pan_pixels(40, -25);
    const ScreenPoint now = camera.to_screen(grabbed.x_m, grabbed.y_m);
    CHECK(now.x == Approx(340));
    CHECK(now.y == Approx(275));
    const WorldBounds visible = camera.visible_bounds();
    CHECK(visible.max_x_m - visible.min_x_m == Approx(400));
    CHECK(visible.max_y_m - visible.min_y_m == Approx(300));
}
