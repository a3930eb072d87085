// The map drawn into ImGui draw lists without a window: what is drawn, culling, and picking
// through the real widget with a simulated mouse.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "viz/core/snapshot_source.hpp"
#include "viz/ui/headless_frames.hpp"
#include "viz/ui/map_view.hpp"
#include "viz/ui/viz_app.hpp"
#include "../viz/viz_test_support.hpp"

using namespace streetwise;
using namespace streetwise::viz;

namespace {

// A snapshot with three agents at the ends of three known streets' middles.
FrameSnapshot snapshot_on(const City& city) {
    FrameSnapshot s;
    s.step = 600;
    s.total_steps = 1440;
    s.segment_crimes.assign(city.segment_count(), 0);
    s.segment_crimes[0] = 3;
    s.crimes_by_type.assign(6, 0);
    s.crimes_by_type[0] = 3;
    s.crime_total = 3;
    s.hourly_by_type.assign(6, std::vector<double>(10, 0.0));
    const auto& xs = city.node_x_m();
    const auto& ys = city.node_y_m();
    for (std::uint32_t i = 0; i < 3; ++i) {
        const std::uint32_t node = city.segment_from()[i * 40];
        s.agents.push_back({static_cast<float>(xs[node]), static_cast<float>(ys[node]), i, static_cast<AgentKind>(i)});
    }
    s.residents_total = 100;
    s.residents_walking = 1;
    return s;
}

// The whole UI showing `snapshot_on(city)`, settled: the menu bar appears in the first frame and
// moves the map down in the second.
struct SettledApp {
    std::shared_ptr<const City> city = std::make_shared<const City>(make_city(test::small_viz_spec().city));
    FrameSnapshot snapshot = snapshot_on(*city);
    HeadlessFrames headless{1200, 800, Theme{}};
    VizApp app{VizOptions{}};
    SettledApp() {
        app.show_source(std::make_unique<SnapshotSource>(city, snapshot));
        frame();
        frame();
    }
    void frame() {
        headless.begin();
        app.frame(1.0 / 60);
        headless.end();
    }
    // The mouse at (x, y), left button down or up, for one frame.
    void mouse(float x, float y, bool down) {
        headless.mouse(x, y, down);
        frame();
    }
};

}  // namespace

TEST_CASE("map drawing: every street and agent is drawn at full view, culled when zoomed in", "[viz][ui]") {
    const City city = make_city(test::small_viz_spec().city);
    const FrameSnapshot snapshot = snapshot_on(city);
    Theme theme;
    HeadlessFrames headless(1200, 800, theme);
    MapCamera camera;
    camera.set_viewport(0, 0, 1200, 800);
    camera.fit(city_bounds(city));
    MapLayers layers;

    headless.begin();
    ImDrawList* draw_list = ImGui::GetForegroundDrawList();
    MapDrawStats stats = draw_map(draw_list, camera, city, snapshot, layers, theme, {});
    CHECK(stats.streets_drawn == city.segment_count());
    CHECK(stats.agents_drawn == 3);
    // One quad (4 vertices) per street and agent, plus the police outline at night (not now).
    CHECK(draw_list->VtxBuffer.Size >= static_cast<int>(4 * (city.segment_count() + 3)));
    headless.end();

    headless.begin();
    layers.agents[static_cast<int>(AgentKind::resident)] = false;
    layers.streets = false;
    stats = draw_map(ImGui::GetForegroundDrawList(), camera, city, snapshot, layers, theme, {});
    CHECK(stats.streets_drawn == 0);
    CHECK(stats.agents_drawn == 2);
    headless.end();

    headless.begin();
    layers = MapLayers{};
    const WorldBounds bounds = city_bounds(city);
    camera.zoom_at(camera.to_screen(bounds.min_x_m, bounds.max_y_m), 8.0);  // the city's north-west corner only
    stats = draw_map(ImGui::GetForegroundDrawList(), camera, city, snapshot, layers, theme, {});
    CHECK(stats.streets_drawn > 0);
    CHECK(stats.streets_drawn < city.segment_count() / 4);
    headless.end();
}

TEST_CASE("map widget: a click picks the agent under the mouse, else the street", "[viz][ui]") {
    SettledApp ui;
    const auto& city = ui.city;
    const FrameSnapshot& snapshot = ui.snapshot;
    VizApp& app = ui.app;

    MapView& map = *app.map_view();
    const AgentPoint& police = snapshot.agents[2];
    const ScreenPoint at = map.camera().to_screen(police.x_m, police.y_m);
    // Press and release without moving: a click.
    for (bool down : {true, false}) ui.mouse(at.x + 1, at.y, down);
    REQUIRE(map.selection().agent.has_value());
    CHECK(map.selection().agent->kind == AgentKind::police);
    CHECK(map.selection().agent->id == 2);

    // The middle of a street far from every agent picks that street. One in the south-west,
    // away from the details window that the first click opened at the top right.
    const WorldBounds bounds = city_bounds(*city);
    const WorldPoint target{bounds.min_x_m + 0.25 * (bounds.max_x_m - bounds.min_x_m),
                            bounds.min_y_m + 0.25 * (bounds.max_y_m - bounds.min_y_m)};
    std::uint32_t s = 0;
    double best = 1e300;
    WorldPoint mid{};
    for (std::uint32_t i = 0; i < city->segment_count(); ++i) {
        const auto a = city->segment_from()[i], b = city->segment_to()[i];
        const WorldPoint m{(city->node_x_m()[a] + city->node_x_m()[b]) / 2, (city->node_y_m()[a] + city->node_y_m()[b]) / 2};
        const double d = std::hypot(m.x_m - target.x_m, m.y_m - target.y_m);
        bool near_agent = false;
        for (const AgentPoint& agent : snapshot.agents) near_agent |= std::hypot(agent.x_m - m.x_m, agent.y_m - m.y_m) < 50;
        if (d < best && !near_agent) best = d, s = i, mid = m;
    }
    const ScreenPoint middle = map.camera().to_screen(mid.x_m, mid.y_m);
    for (bool down : {true, false}) ui.mouse(middle.x, middle.y, down);
    CHECK_FALSE(map.selection().agent.has_value());
    REQUIRE(map.selection().segment.has_value());
    CHECK(*map.selection().segment == s);
}

TEST_CASE("map widget: the mouse wheel zooms about the cursor", "[viz][ui]") {
    SettledApp ui;
    MapView& map = *ui.app.map_view();
    const double before = map.camera().pixels_per_m();
    const ScreenPoint cursor{map.last_min().x + 200, map.last_min().y + 150};
    const WorldPoint under = map.camera().to_world(cursor);
    ui.headless.mouse(cursor.x, cursor.y, false);
    ImGui::GetIO().MouseWheel = 2;
    ui.frame();
    CHECK(map.camera().pixels_per_m() == Approx(before * 1.44));
    const WorldPoint still = map.camera().to_world(cursor);
    CHECK(still.x_m == Approx(under.x_m).margin(1e-6));
    CHECK(still.y_m == Approx(under.y_m).margin(1e-6));
}

TEST_CASE("map widget: dragging pans by the mouse movement and picks nothing", "[viz][ui]") {
    SettledApp ui;
    MapView& map = *ui.app.map_view();
    const ScreenPoint grab{map.last_min().x + 300, map.last_min().y + 200};
    const WorldPoint grabbed = map.camera().to_world(grab);
    const float moves[][3] = {{0, 0, 1}, {30, 10, 1}, {80, -40, 1}, {80, -40, 0}};  // dx, dy, button down
    for (const auto& m : moves) ui.mouse(grab.x + m[0], grab.y + m[1], m[2] != 0);
    // The world point grabbed is now under the mouse, where it was let go.
    const ScreenPoint now = map.camera().to_screen(grabbed.x_m, grabbed.y_m);
    CHECK(now.x == Approx(grab.x + 80).margin(0.01));
    CHECK(now.y == Approx(grab.y - 40).margin(0.01));
    CHECK_FALSE(map.selection().agent.has_value());
    CHECK_FALSE(map.selection().segment.has_value());
}
