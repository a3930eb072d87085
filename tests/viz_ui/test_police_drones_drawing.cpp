// The police force and drones on the map and in the charts, without a window: units, drones,
// camera footprints and dispatch lines drawn (and not, when their toggles are off), their legend
// rows, and the response-time chart, in the everyday and the projector looks.
#include <catch2/catch.hpp>

#include <algorithm>

#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "viz/core/snapshot_source.hpp"
#include "viz/ui/chart_panel.hpp"
#include "viz/ui/headless_frames.hpp"
#include "viz/ui/map_legend.hpp"
#include "viz/ui/map_view.hpp"
#include "viz/ui/viz_app.hpp"
#include "../viz/viz_test_support.hpp"

using namespace streetwise;
using namespace streetwise::viz;

namespace {

// A snapshot at 10:00 with two officers on foot, a car, two airborne drones (one camera each),
// one unit on its way to a report, and a few arrivals of each.
FrameSnapshot police_drones_snapshot(const City& city) {
    FrameSnapshot s;
    s.step = 600;
    s.total_steps = 1440;
    s.segment_crimes.assign(city.segment_count(), 0);
    s.crimes_by_type.assign(6, 0);
    s.hourly_by_type.assign(6, std::vector<double>(10, 0.0));
    s.residents_total = 100;
    const auto at = [&](std::uint32_t segment) {
        const std::uint32_t node = city.segment_from()[segment];
        return std::pair{static_cast<float>(city.node_x_m()[node]), static_cast<float>(city.node_y_m()[node])};
    };
    const auto [x0, y0] = at(10);
    const auto [x1, y1] = at(200);
    const auto [x2, y2] = at(400);
    const auto [x3, y3] = at(600);
    s.agents.push_back({x0, y0, 0, AgentKind::police});
    s.agents.push_back({x1, y1, 1, AgentKind::police});
    s.agents.push_back({x2, y2, 5, AgentKind::police_car});
    s.agents.push_back({x3, y3, 0, AgentKind::drone});
    s.agents.push_back({x0, y0, 2, AgentKind::drone});
    s.police_force = true;
    s.police_units = 6;
    s.reports_waiting = 2;
    s.dispatch_lines.push_back({x2, y2, x3, y3, 5, 7});
    s.drone_fleets = 1;
    s.drones_total = 4;
    s.camera_footprints.push_back({x3, y3, 60, 0});
    s.camera_footprints.push_back({x0, y0, 60, 0});
    for (int i = 0; i < 9; ++i) s.police_responses.push_back({1.0 + i, 240.0 + 60.0 * i});  // median 8 min
    for (int i = 0; i < 4; ++i) s.drone_responses.push_back({2.0 + i, 90.0 + 10.0 * i});     // median 105 s
    return s;
}

int vertices_of(const ImDrawList* draw_list, ImU32 colour) {
    int n = 0;
    for (const ImDrawVert& v : draw_list->VtxBuffer) n += v.col == colour;
    return n;
}

bool has_row(const std::vector<LegendRow>& rows, const std::string& text, LegendSwatch swatch) {
    return std::any_of(rows.begin(), rows.end(), [&](const LegendRow& r) {
        return r.text.find(text) != std::string::npos && r.swatch == swatch;
    });
}

}  // namespace

TEST_CASE("police and drones on the map: units, drones, camera footprints and dispatch lines, with toggles",
          "[viz][ui][police][drones]") {
    const City city = make_city(test::small_viz_spec().city);
    const FrameSnapshot snapshot = police_drones_snapshot(city);
    for (const bool high_contrast : {false, true}) {
        Theme theme;
        theme.high_contrast = high_contrast;
        theme.font_scale = high_contrast ? 1.5f : 1.0f;
        const Palette& palette = theme.palette();
        HeadlessFrames headless(1200, 800, theme);
        MapCamera camera;
        camera.set_viewport(0, 0, 1200, 800);
        camera.fit(city_bounds(city));
        MapLayers layers;
        INFO("high contrast " << high_contrast);

        headless.begin();
        ImDrawList* draw_list = ImGui::GetForegroundDrawList();
        MapDrawStats stats = draw_map(draw_list, camera, city, snapshot, layers, theme, {});
        CHECK(stats.agents_drawn == 5);
        CHECK(stats.footprints_drawn == 2);
        CHECK(stats.dispatch_lines_drawn == 1);
        // A footprint: a fan of 24 triangles (12 quads) and a rim of 24 quads.
        CHECK(vertices_of(draw_list, palette.camera_fill) == 2 * 12 * 4);
        CHECK(vertices_of(draw_list, palette.camera_rim) == 2 * 24 * 4);
        CHECK(vertices_of(draw_list, palette.dispatch_line) > 4 * 4);  // dashes and the dot at the scene
        CHECK(vertices_of(draw_list, palette.agent[static_cast<int>(AgentKind::drone)]) == 2 * 4);
        headless.end();

        headless.begin();
        layers.drone_cameras = false;
        layers.dispatch = false;
        layers.agents[static_cast<int>(AgentKind::drone)] = false;
        draw_list = ImGui::GetForegroundDrawList();
        stats = draw_map(draw_list, camera, city, snapshot, layers, theme, {});
        CHECK(stats.footprints_drawn == 0);
        CHECK(stats.dispatch_lines_drawn == 0);
        CHECK(stats.agents_drawn == 3);
        CHECK(vertices_of(draw_list, palette.camera_fill) == 0);
        CHECK(vertices_of(draw_list, palette.dispatch_line) == 0);
        headless.end();

        // Legend: one row per thing drawn, with its shape; rows go with their toggles.
        layers = MapLayers{};
        std::vector<LegendRow> rows = map_legend_rows(snapshot, layers, palette, nullptr);
        CHECK(has_row(rows, "police on foot: 2", LegendSwatch::square));
        CHECK(has_row(rows, "police cars: 1", LegendSwatch::car));
        CHECK(has_row(rows, "police off duty (at their stations): 3", LegendSwatch::square));
        CHECK(has_row(rows, "drones in the air: 2 of 4", LegendSwatch::diamond));
        CHECK(has_row(rows, "drone cameras: the ground each drone sees (radius 60 m)", LegendSwatch::disc));
        CHECK(has_row(rows, "dispatch: 1 on the way to a report, 2 reports waiting", LegendSwatch::dashed_line));
        layers.drone_cameras = false;
        layers.dispatch = false;
        rows = map_legend_rows(snapshot, layers, palette, nullptr);
        CHECK_FALSE(has_row(rows, "drone cameras", LegendSwatch::disc));
        CHECK_FALSE(has_row(rows, "dispatch", LegendSwatch::dashed_line));
    }
}

TEST_CASE("police and drones: response-time summary and durations", "[viz][ui][police][drones]") {
    const City city = make_city(test::small_viz_spec().city);
    FrameSnapshot s = police_drones_snapshot(city);
    ResponseSummary summary = response_summary(s);
    CHECK(summary.police_arrivals == 9);
    CHECK(summary.police_median_s == 480.0);
    CHECK(summary.drone_arrivals == 4);
    CHECK(summary.drone_median_s == 105.0);  // even count: the mean of the middle two
    CHECK_FALSE(summary.from_hourly_means);
    CHECK(format_duration(105) == "105 s");
    CHECK(format_duration(480) == "8.0 min");
    // A replay: hourly means only, hours without arrivals (0) left out of the median.
    FrameSnapshot replay;
    replay.replay = true;
    replay.police_force = true;
    replay.police_response_hourly_mean_s = {0, 300, 0, 500, 400};
    summary = response_summary(replay);
    CHECK(summary.from_hourly_means);
    CHECK(summary.police_median_s == 400.0);
    CHECK(summary.drone_median_s == -1);
}

TEST_CASE("police and drones: the whole UI draws the new layers, toggles and the response-time chart",
          "[viz][ui][police][drones]") {
    for (const bool high_contrast : {false, true}) {
        const auto city = std::make_shared<const City>(make_city(test::small_viz_spec().city));
        VizOptions options;
        options.theme.high_contrast = high_contrast;
        options.theme.font_scale = high_contrast ? 1.5f : 1.0f;
        HeadlessFrames headless(1400, 900, options.theme);
        VizApp app(options);
        app.show_source(std::make_unique<SnapshotSource>(city, police_drones_snapshot(*city)));
        const auto frame = [&] {
            headless.begin();
            app.frame(1.0 / 60);
            return headless.end();
        };
        frame();
        CHECK(app.chart().showing(app.source()->snapshot()) == ChartPanel::View::crimes);
        app.chart().view = ChartPanel::View::responses;
        for (const bool last_two_days : {false, true}) {
            app.chart().last_two_days = last_two_days;
            const ImDrawData* data = frame();
            REQUIRE(data != nullptr);
            CHECK(data->TotalVtxCount > 0);
        }
        CHECK(app.chart().showing(app.source()->snapshot()) == ChartPanel::View::responses);
        CHECK(app.map_view()->last_stats().footprints_drawn == 2);
        CHECK(app.map_view()->last_stats().dispatch_lines_drawn == 1);
        CHECK(app.last_error().empty());
    }
    // A run with neither shows the crimes chart whatever was chosen; a replay's hourly means draw too.
    const auto city = std::make_shared<const City>(make_city(test::small_viz_spec().city));
    FrameSnapshot plain;
    plain.step = 60;
    plain.total_steps = 1440;
    plain.hourly_by_type.assign(6, std::vector<double>(1, 0.0));
    plain.crimes_by_type.assign(6, 0);
    ChartPanel chart;
    chart.view = ChartPanel::View::responses;
    CHECK(chart.showing(plain) == ChartPanel::View::crimes);
    FrameSnapshot replay = plain;
    replay.replay = true;
    replay.police_force = true;
    replay.step = 600;
    replay.police_response_hourly_mean_s = {0, 300, 0, 500, 400, 0, 0, 200, 0, 350};
    CHECK(chart.showing(replay) == ChartPanel::View::responses);
    HeadlessFrames headless(1400, 900, Theme{});
    VizApp app{VizOptions{}};
    app.show_source(std::make_unique<SnapshotSource>(city, replay));
    app.chart().view = ChartPanel::View::responses;
    for (int i = 0; i < 2; ++i) {
        headless.begin();
        app.frame(1.0 / 60);
        CHECK(headless.end()->TotalVtxCount > 0);
    }
}
