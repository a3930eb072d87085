// Issue 7 in the visualiser, without a window: app alerts as rings on the map (spreading to their
// radius, fading, labelled when zoomed in, with their toggle), the insecurity layer (streets in their
// district's colour, in place of the crime heat), their legend rows, and the reporting-channel and
// insecurity charts with their CSV columns.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "viz/core/series_csv.hpp"
#include "viz/core/snapshot_source.hpp"
#include "viz/ui/chart_panel.hpp"
#include "viz/ui/headless_frames.hpp"
#include "viz/ui/map_legend.hpp"
#include "viz/ui/map_view.hpp"
#include "viz/ui/viz_app.hpp"
#include "../viz/reporting_insecurity_snapshot.hpp"
#include "../viz/viz_test_support.hpp"

using namespace streetwise;
using namespace streetwise::viz;

namespace {

int vertices_of(const ImDrawList* draw_list, ImU32 colour) {
    int n = 0;
    for (const ImDrawVert& v : draw_list->VtxBuffer) n += v.col == colour;
    return n;
}

// Vertices of `colour` whatever their alpha (rings fade with age).
int vertices_of_rgb(const ImDrawList* draw_list, ImU32 colour) {
    int n = 0;
    for (const ImDrawVert& v : draw_list->VtxBuffer) n += (v.col & ~IM_COL32_A_MASK) == (colour & ~IM_COL32_A_MASK) && (v.col >> IM_COL32_A_SHIFT) > 0;
    return n;
}

// How far from `centre` the visible vertices of `colour` reach, counting only those within `within` pixels.
float reach_of(const ImDrawList* draw_list, ImU32 colour, ImVec2 centre, float within) {
    float reach = 0;
    for (const ImDrawVert& v : draw_list->VtxBuffer) {
        if ((v.col & ~IM_COL32_A_MASK) != (colour & ~IM_COL32_A_MASK) || (v.col >> IM_COL32_A_SHIFT) == 0) continue;
        const float d = std::hypot(v.pos.x - centre.x, v.pos.y - centre.y);
        if (d <= within) reach = std::max(reach, d);
    }
    return reach;
}

float luminance(ImU32 c) {
    return 0.2126f * static_cast<float>(c & 0xFF) + 0.7152f * static_cast<float>((c >> 8) & 0xFF) +
           0.0722f * static_cast<float>((c >> 16) & 0xFF);
}

bool has_row(const std::vector<LegendRow>& rows, const std::string& text) {
    return std::any_of(rows.begin(), rows.end(), [&](const LegendRow& r) { return r.text.find(text) != std::string::npos; });
}
const LegendRow* row_with(const std::vector<LegendRow>& rows, const std::string& text) {
    const auto it = std::find_if(rows.begin(), rows.end(), [&](const LegendRow& r) { return r.text.find(text) != std::string::npos; });
    return it == rows.end() ? nullptr : &*it;
}

struct MapFixture {
    City city = make_city(test::small_viz_spec().city);
    FrameSnapshot snapshot = test::reporting_insecurity_snapshot(city);
    MapCamera camera;
    MapFixture() {
        camera.set_viewport(0, 0, 1200, 800);
        camera.fit(city_bounds(city));
    }
};

}  // namespace

TEST_CASE("app alerts: the outer ring's radius spreads over ten minutes to the alert's radius in metres",
          "[viz][ui][alerts]") {
    AlertMark peers;
    peers.radius_m = 200;
    // 2 px per metre: 200 m is 400 px once spread; it starts at a fifth of that.
    CHECK(alert_ring_radius_px(peers, 0, 2.0, 1.0f) == Approx(80.0f));
    CHECK(alert_ring_radius_px(peers, 5, 2.0, 1.0f) == Approx(240.0f));
    CHECK(alert_ring_radius_px(peers, alert_spread_min, 2.0, 1.0f) == Approx(400.0f));
    CHECK(alert_ring_radius_px(peers, 45, 2.0, 1.0f) == Approx(400.0f));
    CHECK(alert_ring_radius_px(peers, -3, 2.0, 1.0f) == Approx(80.0f));
    // Far out (0.01 px/m) a wide alert keeps the size of a marker, scaled with the text.
    CHECK(alert_ring_radius_px(peers, 30, 0.01, 1.5f) == Approx(18.0f));
    AlertMark contacts;  // radius 0: trusted contacts only, a fixed size at any zoom
    CHECK(alert_ring_radius_px(contacts, 30, 0.01, 1.0f) == Approx(12.0f));
    CHECK(alert_ring_radius_px(contacts, 30, 5.0, 1.0f) == Approx(12.0f));
}

TEST_CASE("app alerts on the map: rings for the last hour's alerts, labels when zoomed in, the toggle and the type filter",
          "[viz][ui][alerts]") {
    MapFixture f;
    const FrameSnapshot& snapshot = f.snapshot;
    for (const bool high_contrast : {false, true}) {
        Theme theme;
        theme.high_contrast = high_contrast;
        theme.font_scale = high_contrast ? 1.5f : 1.0f;
        const Palette& palette = theme.palette();
        HeadlessFrames headless(1200, 800, theme);
        MapLayers layers;
        MapCamera camera = f.camera;
        INFO("high contrast " << high_contrast);
        REQUIRE(camera.pixels_per_m() < alert_label_zoom_px_per_m);  // the whole city: no labels

        headless.begin();
        ImDrawList* draw_list = ImGui::GetForegroundDrawList();
        MapDrawStats stats = draw_map(draw_list, camera, f.city, snapshot, layers, theme, {});
        CHECK(stats.alerts_drawn == 2);  // the one of 100 minutes ago is gone
        CHECK(stats.alert_labels_drawn == 0);
        CHECK(vertices_of_rgb(draw_list, palette.alert) > 2 * 3 * 12);  // three rings and a dot each
        // The fully spread alert's outer ring reaches its 200 m through the camera.
        const AlertMark& wide = snapshot.recent_alerts[test::peers_alert];
        const ScreenPoint centre = camera.to_screen(wide.x_m, wide.y_m);
        const float outer = alert_ring_radius_px(wide, 15, camera.pixels_per_m(), theme.font_scale);
        CHECK(outer == Approx(std::max(200.0 * camera.pixels_per_m(), 12.0 * theme.font_scale)));
        const float reach = reach_of(draw_list, palette.alert, {centre.x, centre.y}, outer + 10);
        CHECK(reach >= outer - 1.0f);
        CHECK(reach <= outer + 0.5f * 2.5f * theme.font_scale + 2.0f);  // half the rim and the anti-aliasing fringe
        headless.end();

        // Zoomed in on the wide alert: it gets its count label.
        headless.begin();
        camera.fit({wide.x_m - 150.0, wide.y_m - 150.0, wide.x_m + 150.0, wide.y_m + 150.0});
        REQUIRE(camera.pixels_per_m() >= alert_label_zoom_px_per_m);
        stats = draw_map(ImGui::GetForegroundDrawList(), camera, f.city, snapshot, layers, theme, {});
        CHECK(stats.alerts_drawn >= 1);
        CHECK(stats.alert_labels_drawn == stats.alerts_drawn);
        headless.end();

        // Toggled off: nothing; the crime type of the wide alert hidden: only the other.
        headless.begin();
        camera = f.camera;
        layers.app_alerts = false;
        draw_list = ImGui::GetForegroundDrawList();
        stats = draw_map(draw_list, camera, f.city, snapshot, layers, theme, {});
        CHECK(stats.alerts_drawn == 0);
        CHECK(vertices_of_rgb(draw_list, palette.alert) == 0);
        headless.end();
        headless.begin();
        layers.app_alerts = true;
        layers.crime_types_shown.assign(6, true);
        layers.crime_types_shown[0] = false;
        stats = draw_map(ImGui::GetForegroundDrawList(), camera, f.city, snapshot, layers, theme, {});
        CHECK(stats.alerts_drawn == 1);
        headless.end();

        // Legend: a row with the rings, counting what the map draws; none when toggled off.
        layers = MapLayers{};
        std::vector<LegendRow> rows = map_legend_rows(snapshot, layers, palette, nullptr);
        const LegendRow* alerts = row_with(rows, "app alerts in the last hour: 2");
        REQUIRE(alerts != nullptr);
        CHECK(alerts->swatch == LegendSwatch::rings);
        CHECK(alerts->colour == palette.alert);
        layers.app_alerts = false;
        CHECK_FALSE(has_row(map_legend_rows(snapshot, layers, palette, nullptr), "app alerts"));
        FrameSnapshot without_apps;
        CHECK_FALSE(has_row(map_legend_rows(without_apps, MapLayers{}, palette, nullptr), "app alerts"));
    }
}

TEST_CASE("insecurity layer: streets in their district's colour, 10 and 90 apart, in place of the crime heat",
          "[viz][ui][insecurity]") {
    MapFixture f;
    std::size_t in_calm = 0, in_fearful = 0, in_a_district = 0;
    for (std::uint32_t s = 0; s < f.city.segment_count(); ++s) {
        const auto d = f.city.segment_district()[s];
        in_calm += d == 0;
        in_fearful += d == 1;
        in_a_district += d < f.snapshot.district_insecurity.size();
    }
    REQUIRE(in_calm > 0);
    REQUIRE(in_fearful > 0);
    // Day on paper, night on the night blue, the projector's black.
    for (const auto& [high_contrast, night] : {std::pair{false, false}, std::pair{false, true}, std::pair{true, false}}) {
        Theme theme;
        theme.high_contrast = high_contrast;
        const Palette& palette = theme.palette();
        FrameSnapshot snapshot = f.snapshot;
        snapshot.night = night;
        MapLayers layers;
        const bool dark = map_background_dark(snapshot, layers, palette);
        INFO("high contrast " << high_contrast << ", night " << night);
        const ImU32 calm = insecurity_colour(test::calm_district_index, dark);
        const ImU32 fearful = insecurity_colour(test::fearful_district_index, dark);
        CHECK(calm != fearful);
        // The more insecure, the farther from the background's lightness.
        if (dark) CHECK(luminance(fearful) > luminance(calm) + 60);
        else CHECK(luminance(fearful) + 60 < luminance(calm));
        // The colour of the one street with crime, the most of any (as draw_map works it out).
        const ImU32 heat = heat_colour(palette, std::log1p(4.0f) * (1.0f / std::log1p(4.0f)));
        const ImU32 white = IM_COL32(255, 255, 255, 255);

        HeadlessFrames headless(1200, 800, theme);
        headless.begin();
        ImDrawList* draw_list = ImGui::GetForegroundDrawList();
        MapDrawStats stats = draw_map(draw_list, f.camera, f.city, snapshot, layers, theme, {});
        CHECK(stats.insecurity_streets == 0);  // off by default
        CHECK(vertices_of(draw_list, heat) == 4);  // the one street with crime
        headless.end();

        headless.begin();
        layers.insecurity = true;  // crime_heat stays ticked: the insecurity takes its place
        draw_list = ImGui::GetForegroundDrawList();
        stats = draw_map(draw_list, f.camera, f.city, snapshot, layers, theme, {});
        CHECK(stats.insecurity_streets == in_a_district);
        CHECK(vertices_of(draw_list, calm) == static_cast<int>(4 * in_calm));
        CHECK(vertices_of(draw_list, fearful) == static_cast<int>(4 * in_fearful));
        CHECK(vertices_of(draw_list, heat) == 0);
        CHECK(vertices_of(draw_list, white) == 0);
        headless.end();

        // With the districts layer the names stay (white text, drawn over the streets).
        headless.begin();
        layers.districts = true;
        draw_list = ImGui::GetForegroundDrawList();
        stats = draw_map(draw_list, f.camera, f.city, snapshot, layers, theme, {});
        CHECK(stats.insecurity_streets == in_a_district);
        CHECK(vertices_of(draw_list, calm) == static_cast<int>(4 * in_calm));
        CHECK(vertices_of(draw_list, white) > 4 * static_cast<int>(f.city.districts().size()));
        headless.end();

        // A run that does not measure it: the layer shows nothing, the heat comes back.
        headless.begin();
        FrameSnapshot unmeasured = snapshot;
        unmeasured.district_insecurity.clear();
        draw_list = ImGui::GetForegroundDrawList();
        stats = draw_map(draw_list, f.camera, f.city, unmeasured, layers, theme, {});
        CHECK(stats.insecurity_streets == 0);
        CHECK(vertices_of(draw_list, heat) == 4);
        headless.end();

        // Legend: the ramp of the index, with its meaning; no crime heat row.
        layers = MapLayers{};
        layers.insecurity = true;
        const std::vector<LegendRow> rows = map_legend_rows(snapshot, layers, palette, nullptr);
        const LegendRow* ramp = row_with(rows, "insecurity index, 0-100, mean of residents living in the district");
        REQUIRE(ramp != nullptr);
        CHECK(ramp->ramp);
        CHECK(ramp->ramp_scale == LegendRamp::insecurity);
        CHECK(ramp->dark_background == dark);
        CHECK(has_row(rows, "districts now 10 to 90"));
        CHECK_FALSE(has_row(rows, "crime heat"));
        CHECK(has_row(map_legend_rows(unmeasured, layers, palette, nullptr), "crime heat"));
    }
    // A street's details give its district's index.
    std::uint32_t calm_street = 0;
    while (f.city.segment_district()[calm_street] != 0) ++calm_street;
    const auto lines = street_details(f.city, f.snapshot, calm_street);
    CHECK(std::find(lines.begin(), lines.end(), "district insecurity index: 10 of 100") != lines.end());
}

TEST_CASE("insecurity colours: an absolute 0-100 scale, ordered by lightness on both backgrounds", "[viz][ui][insecurity]") {
    for (const bool dark : {false, true}) {
        float previous = dark ? -1.0f : 1000.0f;
        for (int index = 0; index <= 100; index += 10) {
            const float l = luminance(insecurity_colour(static_cast<float>(index), dark));
            if (dark) CHECK(l > previous);
            else CHECK(l < previous);
            previous = l;
        }
        CHECK(insecurity_colour(-5, dark) == insecurity_colour(0, dark));
        CHECK(insecurity_colour(120, dark) == insecurity_colour(100, dark));
    }
}

TEST_CASE("reporting channels and insecurity: chart columns, summaries and the CSV", "[viz][ui][reporting][insecurity]") {
    const City city = make_city(test::small_viz_spec().city);
    FrameSnapshot s = test::reporting_insecurity_snapshot(city, 10);
    s.hourly_by_channel[3].resize(8);  // a shorter series is padded with zeros

    const auto channels = channel_chart_columns(s);
    REQUIRE(channels.size() == 4);
    CHECK(channels[0].name == "channel_police_only");
    CHECK(channels[1].name == "channel_app_only");
    CHECK(channels[2].name == "channel_police_and_app");
    CHECK(channels[3].name == "channel_nobody");
    for (const auto& c : channels) {
        CHECK(c.unit == "crimes/h");
        CHECK(c.values.size() == 10);
    }
    CHECK(channels[0].values == std::vector<double>(10, 2.0));
    CHECK(channels[3].values[7] == 4.0);
    CHECK(channels[3].values[8] == 0.0);
    const std::string csv = hourly_series_csv(channels);
    CHECK(csv.rfind("hour,day,hour_of_day,channel_police_only (crimes/h),channel_app_only (crimes/h),"
                    "channel_police_and_app (crimes/h),channel_nobody (crimes/h)\n0,0,0,2,1,1,4\n", 0) == 0);

    const auto insecurity = insecurity_chart_columns(s);
    REQUIRE(insecurity.size() == 3);
    CHECK(insecurity[0].name == "insecurity_everyone");
    CHECK(insecurity[1].name == "insecurity_women");
    CHECK(insecurity[2].name == "insecurity_men");
    CHECK(insecurity[0].values == s.insecurity_hourly);
    CHECK(insecurity[1].values == s.insecurity_hourly_by_group[0]);
    CHECK(insecurity[2].unit == "index 0-100");
    CHECK(hourly_series_csv(insecurity).find("insecurity_women (index 0-100)") != std::string::npos);

    // Totals and the dark figure: 40 of 80 crimes reported to nobody.
    const ChannelSummary summary = channel_summary(s);
    CHECK(summary.crimes == std::vector<std::uint64_t>{20, 10, 10, 40});
    CHECK(summary.total == 80);
    CHECK(summary.dark_figure_percent == Approx(50.0));
    // Only the hourly series filled: the totals are their sums.
    FrameSnapshot hourly_only;
    hourly_only.hourly_by_channel = {{1, 2}, {0, 1}, {0, 0}, {3, 3}};
    CHECK(channel_summary(hourly_only).crimes == std::vector<std::uint64_t>{3, 1, 0, 6});
    CHECK(channel_summary(hourly_only).dark_figure_percent == Approx(60.0));
    CHECK(channel_summary(FrameSnapshot{}).dark_figure_percent == -1);
    CHECK(ons_unsafe_after_dark_percent("women") == 49.0);
    CHECK(ons_unsafe_after_dark_percent("Men") == 15.0);
    CHECK(ons_unsafe_after_dark_percent("over 65") == -1.0);

    // The export follows the view shown; a view the run does not offer falls back to the crimes.
    ChartPanel chart;
    const std::vector<std::string> types{"a", "b", "c", "d", "e", "f"};
    chart.view = ChartPanel::View::reporting;
    CHECK(chart.columns(s, types).front().name == "channel_police_only");
    chart.view = ChartPanel::View::insecurity;
    CHECK(chart.columns(s, types).front().name == "insecurity_everyone");
    FrameSnapshot plain;
    plain.hourly_by_type.assign(6, std::vector<double>(3, 0.0));
    CHECK_FALSE(ChartPanel::offered(ChartPanel::View::insecurity, plain));
    CHECK_FALSE(ChartPanel::offered(ChartPanel::View::reporting, plain));
    CHECK(chart.showing(plain) == ChartPanel::View::crimes);
    CHECK(chart.columns(plain, types).front().name == "crimes_a");
    CHECK(std::string(ChartPanel::title(ChartPanel::View::reporting)) == "Reporting channels");
    CHECK(std::string(ChartPanel::title(ChartPanel::View::insecurity)) == "Insecurity");
}

TEST_CASE("night in the charts: between the scenario's sunset and sunrise", "[viz][ui][insecurity]") {
    FrameSnapshot s;
    s.sunrise_h = 6.5;
    s.sunset_h = 20.0;
    CHECK(s.is_night_at(3.0));
    CHECK_FALSE(s.is_night_at(6.5));
    CHECK_FALSE(s.is_night_at(12.0));
    CHECK(s.is_night_at(20.0));
    CHECK(s.is_night_at(24.0 + 5.0));  // day 1
    CHECK_FALSE(s.is_night_at(48.0 + 10.0));
}

TEST_CASE("reporting channels and insecurity: the whole UI draws the new charts and layers", "[viz][ui][reporting][insecurity]") {
    for (const bool high_contrast : {false, true}) {
        const auto city = std::make_shared<const City>(make_city(test::small_viz_spec().city));
        VizOptions options;
        options.theme.high_contrast = high_contrast;
        options.theme.font_scale = high_contrast ? 1.5f : 1.0f;
        HeadlessFrames headless(1400, 900, options.theme);
        VizApp app(options);
        app.show_source(std::make_unique<SnapshotSource>(city, test::reporting_insecurity_snapshot(*city, 30)));
        app.map_view()->layers().insecurity = true;
        const auto frame = [&] {
            headless.begin();
            app.frame(1.0 / 60);
            return headless.end();
        };
        frame();
        const FrameSnapshot& s = app.source()->snapshot();
        CHECK(app.chart().showing(s) == ChartPanel::View::crimes);
        for (const auto view : {ChartPanel::View::reporting, ChartPanel::View::insecurity}) {
            app.chart().view = view;
            for (const bool last_two_days : {false, true}) {
                app.chart().last_two_days = last_two_days;
                app.chart().channels_stacked = !last_two_days;
                const ImDrawData* data = frame();
                REQUIRE(data != nullptr);
                CHECK(data->TotalVtxCount > 0);
            }
            CHECK(app.chart().showing(s) == view);
        }
        CHECK(app.map_view()->last_stats().alerts_drawn == 2);
        CHECK(app.map_view()->last_stats().insecurity_streets > 0);
        CHECK(app.last_error().empty());
    }
}
