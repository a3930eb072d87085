// Real frames: the visualiser in a GLFW window rendered by OpenGL (Mesa under Xvfb in CI), read
// back as pixels. Run through `xvfb-run` by CTest. Screenshots go to $STREETWISE_SCREENSHOT_DIR
// when set (that is how docs/images/ is made: see docs/visualiser.md), else to a scratch folder.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <numeric>
#include <optional>

#include "sim/city/city_source.hpp"
#include "sim/engine/run.hpp"
#include "sim/io/run_file.hpp"
#include "test_support.hpp"
#include "viz/app/viz_window.hpp"
#include "viz/core/png_writer.hpp"
#include "viz/core/run_comparison.hpp"
#include "sim/model/crime_type.hpp"
#include "viz/core/snapshot_source.hpp"
#include "../viz/reporting_insecurity_snapshot.hpp"
#include "../viz/viz_test_support.hpp"

using namespace streetwise;
using namespace streetwise::viz;
namespace fs = std::filesystem;

namespace {

fs::path screenshot_dir(const test::ScratchDir& scratch) {
    const char* dir = std::getenv("STREETWISE_SCREENSHOT_DIR");
    if (dir && *dir) {
        fs::create_directories(dir);
        return dir;
    }
    return scratch.path();
}

// Draws frames until `done` holds (the engine runs on its own thread), then a few more so the
// windows have settled, then one that saves the screenshot (none when `png` is empty).
void render_until(VizWindow& window, VizApp& app, const std::function<bool()>& done, const fs::path& png) {
    const auto start = std::chrono::steady_clock::now();
    while (!done()) {
        REQUIRE(window.run_frame(app));
        REQUIRE(std::chrono::steady_clock::now() - start < std::chrono::seconds(120));
    }
    for (int i = 0; i < 3; ++i) REQUIRE(window.run_frame(app));
    if (png.empty()) return;
    app.request_screenshot(png);
    REQUIRE(window.run_frame(app));
    REQUIRE(fs::exists(png));
}

bool near(const std::uint8_t* pixel, ImU32 colour, int tolerance) {
    const int r = static_cast<int>(colour & 0xFF), g = static_cast<int>((colour >> 8) & 0xFF), b = static_cast<int>((colour >> 16) & 0xFF);
    return std::abs(pixel[0] - r) <= tolerance && std::abs(pixel[1] - g) <= tolerance && std::abs(pixel[2] - b) <= tolerance;
}

// Pixels of `colour` inside the map's rectangle of the screenshot.
std::size_t count_in_map(const PngImage& image, const MapView& map, ImU32 colour, int tolerance = 12) {
    std::size_t count = 0;
    const int x0 = static_cast<int>(map.last_min().x) + 1, x1 = static_cast<int>(map.last_max().x) - 1;
    const int y0 = static_cast<int>(map.last_min().y) + 1, y1 = static_cast<int>(map.last_max().y) - 1;
    for (int y = std::max(0, y0); y < std::min(image.height, y1); ++y)
        for (int x = std::max(0, x0); x < std::min(image.width, x1); ++x)
            count += near(&image.rgba[(static_cast<std::size_t>(y) * image.width + x) * 4], colour, tolerance);
    return count;
}

std::size_t map_area(const MapView& map) {
    return static_cast<std::size_t>((map.last_max().x - map.last_min().x) * (map.last_max().y - map.last_min().y));
}

}  // namespace

TEST_CASE("render: the default scenario after some steps shows streets and agents", "[viz][render]") {
    test::ScratchDir scratch("render-default");
    VizOptions options;
    options.speed_steps_per_s = 0;
    VizApp app(options);
    app.open_scenario({});  // the built-in default scenario, as `streetwise-viz` with no file
    VizWindow window(1600, 1000, "streetwise-viz test", options.theme);
    const std::int64_t morning = 8 * 60 + 30;  // 08:30 on day 0: the commute, streets are busy
    app.source()->seek(morning);
    const fs::path png = screenshot_dir(scratch) / "viz-default.png";
    render_until(window, app, [&] { return app.source()->snapshot().step == morning; }, png);

    const PngImage image = read_png_rgba(png);
    CHECK(image.width == 1600);
    CHECK(image.height == 1000);
    const MapView& map = *app.map_view();
    const Palette& palette = app.theme().palette();
    const std::size_t area = map_area(map);
    REQUIRE(area > 400000);  // the map takes most of the window
    const std::size_t street = count_in_map(image, map, palette.street);
    const std::size_t residents = count_in_map(image, map, palette.agent[static_cast<int>(AgentKind::resident)]);
    const std::size_t offenders = count_in_map(image, map, palette.agent[static_cast<int>(AgentKind::offender)]);
    const std::size_t background = count_in_map(image, map, palette.map_day_background, 4);
    INFO("map area " << area << ": street px " << street << ", resident px " << residents << ", offender px "
                     << offenders << ", background px " << background);
    CHECK(street > area / 50);       // streets: a visible network, not a blank or error frame
    CHECK(residents > 1000);         // hundreds of commuters of 9 px each (some overlap)
    CHECK(offenders > 150 * 10);     // 150 offenders of 25 px each, some hidden under others
    CHECK(background > area / 3);    // and the paper between the streets
    CHECK(background < area);
    CHECK(map.last_stats().agents_drawn == app.source()->snapshot().agents.size());
    CHECK(app.source()->snapshot().residents_walking > 300);
}

TEST_CASE("render: replaying a run file shows the crime counts the file holds", "[viz][render]") {
    test::ScratchDir scratch("render-replay");
    const ScenarioSpec spec = test::small_viz_spec();
    const City city = make_city(spec.city);
    const fs::path run_file = scratch / "small.h5";
    write_run_file(run_file, run_simulation(spec, city, RunOptions{}));
    const RunFileInfo info = read_run_file_info(run_file);
    const RunFileContents contents = read_run_file(run_file);
    REQUIRE(info.crime_count > 50);

    VizOptions options;
    VizApp app(options);
    app.open_run_file(run_file);
    VizWindow window(1600, 1000, "streetwise-viz test", options.theme);
    // Halfway: the counts are those of the crimes before that step.
    const std::int64_t half = info.steps / 2;
    app.source()->seek(half);
    render_until(window, app, [&] { return app.source()->snapshot().step == half; }, scratch / "half.png");
    const auto before_half = static_cast<std::uint64_t>(std::count_if(
        contents.crimes.begin(), contents.crimes.end(), [&](const CrimeEvent& e) { return e.step < half; }));
    CHECK(app.source()->snapshot().crime_total == before_half);

    // At the end: everything the file holds, by type and street by street.
    app.source()->seek(info.steps);
    const fs::path png = screenshot_dir(scratch) / "viz-replay.png";
    render_until(window, app, [&] { return app.source()->snapshot().step == info.steps; }, png);
    const FrameSnapshot& shown = app.source()->snapshot();
    CHECK(shown.crime_total == info.crime_count);
    CHECK(shown.crimes_by_type == info.crimes_by_type);
    CHECK(shown.segment_crimes == contents.segment_crime_count);
    // The heat layer colours the streets that had crime.
    const PngImage image = read_png_rgba(png);
    const Palette& palette = app.theme().palette();
    std::size_t heat = 0;
    for (const ImU32 c : {palette.heat_low, palette.heat_mid, palette.heat_high}) heat += count_in_map(image, *app.map_view(), c, 40);
    CHECK(heat > 200);
}

TEST_CASE("render: high-contrast theme with large text for projection", "[viz][render]") {
    test::ScratchDir scratch("render-contrast");
    VizOptions options;
    options.theme.high_contrast = true;
    options.theme.font_scale = 1.5f;
    options.speed_steps_per_s = 0;
    VizApp app(options);
    app.open_scenario({});
    app.map_view()->layers().lighting = true;
    VizWindow window(1600, 1000, "streetwise-viz test", options.theme);
    const std::int64_t night = 22 * 60;
    app.source()->seek(night);
    const fs::path png = screenshot_dir(scratch) / "viz-high-contrast.png";
    render_until(window, app, [&] { return app.source()->snapshot().step == night; }, png);
    const PngImage image = read_png_rgba(png);
    const MapView& map = *app.map_view();
    const Palette& palette = app.theme().palette();
    // Lighting layer at night: both unlit and lit streets show, on black.
    CHECK(count_in_map(image, map, palette.lit_street) > 1000);
    CHECK(count_in_map(image, map, palette.dark_street, 6) > 50);
    CHECK(count_in_map(image, map, IM_COL32(0, 0, 0, 255), 2) > map_area(map) / 3);
}

TEST_CASE("render: comparing the default scenario with a lighting and patrol variant on one clock", "[viz][render]") {
    test::ScratchDir scratch("render-compare");
    VizOptions options;
    options.speed_steps_per_s = 0;
    VizApp app(options);
    // More crime than the default's few a day, so the differences show on the map.
    const std::vector<std::string> busier{"offenders.base_probability=0.003"};
    app.open_scenario(test::scenario_path("default.yaml"), busier);
    app.open_compare_scenario(test::scenario_path("default-lit-night.yaml"), busier);
    REQUIRE(app.compare_source() != nullptr);
    VizWindow window(1600, 1000, "streetwise-viz test", options.theme);
    // Saturday 23:00: the weekend patrol is on duty in B, and the park is lit.
    const std::int64_t saturday_night = 5 * 1440 + 23 * 60;
    app.seek(saturday_night);  // with a comparison open, the shared clock moves both
    const fs::path png = screenshot_dir(scratch) / "viz-compare.png";
    render_until(window, app, [&] {
        return app.source()->snapshot().step == saturday_night && app.compare_source()->snapshot().step == saturday_night;
    }, png);
    const FrameSnapshot& a = app.source()->snapshot();
    const FrameSnapshot& b = app.compare_source()->snapshot();
    std::size_t patrols = 0;
    for (const AgentPoint& agent : b.agents) patrols += agent.kind == AgentKind::patrol;
    CHECK(patrols == 6);
    CHECK(b.active_interventions.size() == 2);
    CHECK(a.active_interventions.empty());
    // The difference map marks the streets where B differs from A.
    const SegmentDifference difference = segment_difference(a, b);
    std::size_t differing = 0;
    for (const double v : difference.values) differing += v != 0;
    const PngImage image = read_png_rgba(png);
    const Palette& palette = app.theme().palette();
    const std::size_t marked = count_in_map(image, *app.map_view(), palette.difference_more, 60) +
                               count_in_map(image, *app.map_view(), palette.difference_less, 60);
    INFO("streets differing " << differing << ", pixels marked " << marked);
    if (differing > 0) CHECK(marked > 20 * differing / 2);
}

TEST_CASE("render: the intervention palette with streets picked on the map, at night", "[viz][render]") {
    test::ScratchDir scratch("render-interventions");
    VizOptions options;
    options.speed_steps_per_s = 0;
    VizApp app(options);
    app.open_scenario(test::scenario_path("default-lit-night.yaml"));
    app.show_tab(VizApp::SideTab::interventions);
    MapView& map = *app.map_view();
    map.layers().lighting = true;
    map.picking_streets = true;  // the palette's target: "streets picked on the map"
    // A street corridor picked for the next intervention: every street within 250 m of the middle.
    const City& city = app.source()->city();
    const WorldBounds bounds = city_bounds(city);
    const double cx = (bounds.min_x_m + bounds.max_x_m) / 2, cy = (bounds.min_y_m + bounds.max_y_m) / 2;
    for (std::uint32_t s = 0; s < city.segment_count(); ++s) {
        const auto a = city.segment_from()[s];
        if (std::hypot(city.node_x_m()[a] - cx, city.node_y_m()[a] - cy) < 250) map.picked_segments().insert(s);
    }
    REQUIRE(map.picked_segments().size() > 10);
    VizWindow window(1600, 1000, "streetwise-viz test", options.theme);
    const std::int64_t evening = 21 * 60;
    app.seek(evening);
    const fs::path png = screenshot_dir(scratch) / "viz-interventions.png";
    render_until(window, app, [&] { return app.source()->snapshot().step == evening; }, png);
    // The park's lighting is in force, and the picked streets stand out.
    CHECK(app.source()->snapshot().active_interventions.size() == 1);
    const PngImage image = read_png_rgba(png);
    CHECK(count_in_map(image, map, app.theme().palette().street_selected) > 20 * map.picked_segments().size());
    CHECK(map.picking_streets);  // the palette's "streets picked on the map" target is on
}

TEST_CASE("render: the Short et al. (2008) lattice live, with its attractiveness field as a layer", "[viz][render]") {
    test::ScratchDir scratch("render-short");
    // Figure 3 (c): eta 0.03, theta 0.56, Gamma 0.019 - stationary hot spots; 64 x 64 for speed.
    VizOptions options;
    options.speed_steps_per_s = 0;
    VizApp app(options);
    app.open_scenario(test::scenario_path("classics/short2008-c.yaml"),
                      {"short2008.width=64", "short2008.height=64", "short2008.time_units=200"});
    const std::int64_t steps = 20000;  // 200 time units of 0.01
    REQUIRE(app.source()->total_steps() == steps);
    const City& city = app.source()->city();
    VizWindow window(1600, 1000, "streetwise-viz test", options.theme);
    app.seek(steps);
    const fs::path png = screenshot_dir(scratch) / "viz-short2008.png";
    render_until(window, app, [&] { return app.source()->snapshot().step == steps; }, png);

    const FrameSnapshot& s = app.source()->snapshot();
    REQUIRE(s.node_field.size() == city.node_count());
    // Hot spots: the field's spatial coefficient of variation well above a flat field's (the model
    // tests use 0.5 on the time average; one instant is rougher still).
    double mean = 0, square = 0;
    for (const float a : s.node_field) mean += a;
    mean /= static_cast<double>(s.node_field.size());
    for (const float a : s.node_field) square += (a - mean) * (a - mean);
    const double cv = std::sqrt(square / static_cast<double>(s.node_field.size())) / mean;
    CHECK(cv > 0.5);
    CHECK(s.crimes_by_type[static_cast<std::size_t>(CrimeType::burglary)] == s.crime_total);
    CHECK(s.crime_total > 1000);
    // The layer shows both ends of the ramp: quiet cells and hot spots.
    const PngImage image = read_png_rgba(png);
    const Palette& palette = app.theme().palette();
    CHECK(count_in_map(image, *app.map_view(), palette.heat_low, 30) > 2000);
    CHECK(count_in_map(image, *app.map_view(), palette.heat_high, 40) > 200);
}

TEST_CASE("render: the attractiveness layer (repeat victimisation) on a live run, a hot street clicked", "[viz][render]") {
    test::ScratchDir scratch("render-attractiveness");
    VizOptions options;
    options.speed_steps_per_s = 0;
    VizApp app(options);
    // More crime than the default's few a day, so repeats build up on some streets.
    app.open_scenario(test::scenario_path("default.yaml"), {"offenders.base_probability=0.003"});
    MapView& map = *app.map_view();
    map.layers().attractiveness = true;
    map.layers().crime_heat = false;
    VizWindow window(1600, 1000, "streetwise-viz test", options.theme);
    const std::int64_t afternoon = 3 * 1440 + 15 * 60;  // Thursday 15:00: daylight, three days of crime
    app.seek(afternoon);
    render_until(window, app, [&] { return app.source()->snapshot().step == afternoon; }, {});

    // Click the hottest street that has a point with no one near (a click near a person picks the
    // person, and offenders gather on streets with high B): its details give B.
    const FrameSnapshot& s = app.source()->snapshot();
    const City& city = app.source()->city();
    REQUIRE(s.segment_field.size() == city.segment_count());
    std::vector<std::uint32_t> by_b(city.segment_count());
    std::iota(by_b.begin(), by_b.end(), 0u);
    std::sort(by_b.begin(), by_b.end(), [&](std::uint32_t x, std::uint32_t y) { return s.segment_field[x] > s.segment_field[y]; });
    std::optional<std::pair<std::uint32_t, ScreenPoint>> target;
    for (std::size_t k = 0; k < 50 && !target; ++k) {
        const std::uint32_t street = by_b[k];
        const auto a = city.segment_from()[street], b = city.segment_to()[street];
        for (int i = 2; i < 9 && !target; ++i) {
            const double f = i / 10.0;
            const WorldPoint p{city.node_x_m()[a] + f * (city.node_x_m()[b] - city.node_x_m()[a]),
                               city.node_y_m()[a] + f * (city.node_y_m()[b] - city.node_y_m()[a])};
            bool crowded = false;
            for (const AgentPoint& agent : s.agents)
                crowded |= std::hypot(agent.x_m - p.x_m, agent.y_m - p.y_m) * map.camera().pixels_per_m() < 10;
            if (!crowded) target.emplace(street, map.camera().to_screen(p.x_m, p.y_m));
        }
    }
    REQUIRE(target.has_value());
    REQUIRE(s.segment_field[target->first] > 1.0f);
    map.pick_at(target->second, s);
    REQUIRE(map.selection().segment.has_value());
    CHECK(*map.selection().segment == target->first);
    const fs::path png = screenshot_dir(scratch) / "viz-attractiveness.png";
    render_until(window, app, [] { return true; }, png);
    CHECK(map.selection().segment.has_value());

    // Streets across the ramp show, the hottest in its dark end (by day, on paper), and no crime heat.
    const PngImage image = read_png_rgba(png);
    std::size_t ramp = 0;
    for (const float t : {0.25f, 0.5f, 0.75f}) ramp += count_in_map(image, map, field_ramp_colour(t, false), 30);
    const std::size_t darkest = count_in_map(image, map, field_ramp_colour(1.0f, false), 30);
    const std::size_t raised = static_cast<std::size_t>(
        std::count_if(s.segment_field.begin(), s.segment_field.end(), [](float v) { return v > 0; }));
    INFO("streets with B > 0: " << raised << ", ramp px " << ramp << ", darkest px " << darkest);
    CHECK(raised > 50);
    CHECK(ramp > 500);
    CHECK(darkest > 20);
    CHECK(count_in_map(image, map, app.theme().palette().heat_high, 20) < 50);
}

TEST_CASE("render: first-responder drones and police dispatch, with camera footprints and the response-time chart",
          "[viz][render][drones]") {
    test::ScratchDir scratch("render-drones");
    VizOptions options;
    options.speed_steps_per_s = 0;
    VizApp app(options);
    // The drones pack's first responders, with police dispatch (and four cars) on a busier city, so
    // a morning has reports, drones over them and units on their way.
    app.open_scenario(test::scenario_path("drones/first-responder.yaml"),
                      {"offenders.base_probability=0.003", "police.dispatch=true", "police.car_units=4", "time.days=3"});
    app.chart().view = ChartPanel::View::responses;
    VizWindow window(1600, 1000, "streetwise-viz test", options.theme);
    // From day 1, 09:00 (a day of arrivals in the chart) on, the first moment with a unit on its way
    // to a report and two drones in the air.
    std::int64_t step = 1440 + 9 * 60;
    const auto busy = [&] {
        const FrameSnapshot& s = app.source()->snapshot();
        return s.step == step && !s.dispatch_lines.empty() && s.camera_footprints.size() >= 2;
    };
    for (; step < 3 * 1440; step += 2) {
        app.seek(step);
        const auto start = std::chrono::steady_clock::now();
        while (app.source()->snapshot().step != step) {
            REQUIRE(window.run_frame(app));
            REQUIRE(std::chrono::steady_clock::now() - start < std::chrono::seconds(120));
        }
        if (busy()) break;
    }
    REQUIRE(busy());
    // Zoom on the action: the drones' footprints and the dispatch lines, with some streets around.
    {
        const FrameSnapshot& s = app.source()->snapshot();
        WorldBounds action{1e300, 1e300, -1e300, -1e300};
        const auto include = [&](double x, double y) {
            action.min_x_m = std::min(action.min_x_m, x);
            action.min_y_m = std::min(action.min_y_m, y);
            action.max_x_m = std::max(action.max_x_m, x);
            action.max_y_m = std::max(action.max_y_m, y);
        };
        for (const CameraFootprint& f : s.camera_footprints) include(f.x_m, f.y_m);
        for (const DispatchLine& d : s.dispatch_lines) include(d.from_x_m, d.from_y_m), include(d.to_x_m, d.to_y_m);
        const double pad = 250;
        app.map_view()->camera().fit({action.min_x_m - pad, action.min_y_m - pad, action.max_x_m + pad, action.max_y_m + pad});
    }
    const fs::path png = screenshot_dir(scratch) / "viz-drones.png";
    render_until(window, app, [] { return true; }, png);

    const FrameSnapshot& s = app.source()->snapshot();
    const MapView& map = *app.map_view();
    CHECK(map.last_stats().footprints_drawn == s.camera_footprints.size());
    CHECK(map.last_stats().dispatch_lines_drawn == s.dispatch_lines.size());
    CHECK(app.chart().showing(s) == ChartPanel::View::responses);
    CHECK_FALSE(s.police_responses.empty());
    const PngImage image = read_png_rgba(png);
    const Palette& palette = app.theme().palette();
    const std::size_t drones = count_in_map(image, map, palette.agent[static_cast<int>(AgentKind::drone)], 20);
    const std::size_t dispatch = count_in_map(image, map, palette.dispatch_line, 30);
    INFO("drone px " << drones << ", dispatch px " << dispatch << ", footprints " << s.camera_footprints.size());
    CHECK(drones > 20 * s.camera_footprints.size());
    CHECK(dispatch > 30);
}

TEST_CASE("render: the reporting-channel and insecurity charts, app alerts and the insecurity layer, from a made-up snapshot",
          "[viz][render][reporting][insecurity]") {
    // Until the engine fills issue 7's fields these are drawn from a snapshot whose numbers the test
    // knows; the images go to the scratch folder only (the documentation's are made from a real run).
    test::ScratchDir scratch("render-reporting-insecurity");
    const auto city = std::make_shared<const City>(make_city(test::small_viz_spec().city));
    VizOptions options;
    VizApp app(options);
    app.show_source(std::make_unique<SnapshotSource>(city, test::reporting_insecurity_snapshot(*city, 36)));
    app.map_view()->layers().insecurity = true;
    VizWindow window(1600, 1000, "streetwise-viz test", options.theme);
    const FrameSnapshot& s = app.source()->snapshot();
    const bool dark = map_background_dark(s, app.map_view()->layers(), app.theme().palette());

    // Pixels of `colour` under the map: the time bar and the chart.
    const auto count_in_chart = [&](const PngImage& image, ImU32 colour, int tolerance) {
        std::size_t count = 0;
        for (int y = static_cast<int>(app.map_view()->last_max().y) + 1; y < image.height; ++y)
            for (int x = 0; x < image.width; ++x)
                count += near(&image.rgba[(static_cast<std::size_t>(y) * image.width + x) * 4], colour, tolerance);
        return count;
    };

    app.chart().view = ChartPanel::View::reporting;
    const fs::path reporting_png = scratch / "viz-reporting.png";
    render_until(window, app, [] { return true; }, reporting_png);
    PngImage image = read_png_rgba(reporting_png);
    // Each channel's bars show, the dark figure's the tallest.
    std::size_t channel_px[reporting_channel_count] = {};
    for (int c = 0; c < reporting_channel_count; ++c)
        channel_px[c] = count_in_chart(image, channel_colour(static_cast<ReportingChannel>(c), false), 6);
    INFO("channel px: " << channel_px[0] << ", " << channel_px[1] << ", " << channel_px[2] << ", " << channel_px[3]);
    CHECK(channel_px[static_cast<int>(ReportingChannel::app_only)] > 1000);
    CHECK(channel_px[static_cast<int>(ReportingChannel::police_and_app)] > 1000);
    CHECK(channel_px[static_cast<int>(ReportingChannel::nobody)] > channel_px[static_cast<int>(ReportingChannel::police_only)]);
    CHECK(channel_px[static_cast<int>(ReportingChannel::police_only)] > channel_px[static_cast<int>(ReportingChannel::app_only)]);
    // The map: streets in the calm and the fearful districts' colours, and the alerts' rings.
    const MapView& map = *app.map_view();
    CHECK(count_in_map(image, map, insecurity_colour(test::calm_district_index, dark), 8) > 200);
    CHECK(count_in_map(image, map, insecurity_colour(test::fearful_district_index, dark), 8) > 200);
    CHECK(count_in_map(image, map, app.theme().palette().alert, 40) > 50);
    CHECK(map.last_stats().alerts_drawn == 2);

    app.chart().view = ChartPanel::View::insecurity;
    const fs::path insecurity_png = scratch / "viz-insecurity.png";
    render_until(window, app, [] { return true; }, insecurity_png);
    image = read_png_rgba(insecurity_png);
    // Women's and men's lines in the first two series colours.
    CHECK(count_in_chart(image, series_colour(0), 10) > 300);
    CHECK(count_in_chart(image, series_colour(1), 10) > 300);
    CHECK(app.chart().showing(s) == ChartPanel::View::insecurity);
}

TEST_CASE("render: a live run of the reporting-apps pack: SOS alerts to nearby peers, the channel chart, the "
          "insecurity layer and chart",
          "[viz][render][reporting][insecurity]") {
    test::ScratchDir scratch("render-reporting-live");
    VizOptions options;
    options.speed_steps_per_s = 0;
    VizApp app(options);
    // The pack's peers routing on a busier city (more harassment), so an evening has alerts.
    app.open_scenario(test::scenario_path("reporting-apps/vaw-route-peers.yaml"),
                      {"offenders.base_probability=0.002", "crime.harassment.rate=2", "time.days=3"});
    VizWindow window(1600, 1000, "streetwise-viz test", options.theme);
    // From day 1, 18:00 on, the first moment with an alert of the last ten minutes on the map.
    std::int64_t step = 1440 + 18 * 60;
    const auto fresh_alert = [&] {
        const FrameSnapshot& s = app.source()->snapshot();
        if (s.step != step) return false;
        for (const AlertMark& a : s.recent_alerts)
            if (s.step - a.step <= 10) return true;
        return false;
    };
    for (; step < 3 * 1440; step += 3) {
        app.seek(step);
        const auto start = std::chrono::steady_clock::now();
        while (app.source()->snapshot().step != step) {
            REQUIRE(window.run_frame(app));
            REQUIRE(std::chrono::steady_clock::now() - start < std::chrono::seconds(120));
        }
        if (fresh_alert()) break;
    }
    REQUIRE(fresh_alert());
    const FrameSnapshot& s = app.source()->snapshot();
    CHECK(s.reporting_apps);
    REQUIRE(s.crimes_by_channel.size() == static_cast<std::size_t>(reporting_channel_count));
    CHECK(std::accumulate(s.crimes_by_channel.begin(), s.crimes_by_channel.end(), std::uint64_t{0}) == s.crime_total);
    REQUIRE(s.district_insecurity.size() == app.map_view()->city().districts().size());
    REQUIRE(s.insecurity_groups.size() == 2);

    app.map_view()->layers().insecurity = true;
    app.map_view()->layers().districts = true;
    app.chart().view = ChartPanel::View::reporting;
    const fs::path reporting_png = screenshot_dir(scratch) / "viz-reporting-apps.png";
    render_until(window, app, [] { return true; }, reporting_png);
    const MapView& map = *app.map_view();
    CHECK(map.last_stats().alerts_drawn >= 1);
    CHECK(map.last_stats().insecurity_streets > 0);
    CHECK(app.chart().showing(app.source()->snapshot()) == ChartPanel::View::reporting);

    app.chart().view = ChartPanel::View::insecurity;
    const fs::path insecurity_png = screenshot_dir(scratch) / "viz-insecurity.png";
    render_until(window, app, [] { return true; }, insecurity_png);
    CHECK(app.chart().showing(app.source()->snapshot()) == ChartPanel::View::insecurity);
    const PngImage image = read_png_rgba(insecurity_png);
    CHECK(image.width == 1600);
}
