// The whole UI without a window: a live run drawn frame after frame, and the CSV export.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "sim/city/city.hpp"
#include "viz/core/live_source.hpp"
#include "viz/ui/chart_panel.hpp"
#include "viz/ui/headless_frames.hpp"
#include "viz/ui/viz_app.hpp"
#include "../viz/viz_test_support.hpp"
#include "test_support.hpp"

using namespace streetwise;
using namespace streetwise::viz;

TEST_CASE("viz app: a live scenario runs to its end while frames are built", "[viz][ui]") {
    test::ScratchDir dir("viz-app");
    VizOptions options;
    options.speed_steps_per_s = 0;
    options.start_playing = true;
    options.threads = 1;
    HeadlessFrames headless(1400, 900, options.theme);
    VizApp app(options);
    app.open_spec(test::small_viz_spec());
    RunSource& source = *app.source();
    const auto start = std::chrono::steady_clock::now();
    int frames = 0;
    while (source.snapshot().step < source.total_steps() && std::chrono::steady_clock::now() - start < std::chrono::seconds(60)) {
        headless.begin();
        app.frame(1.0 / 60);
        headless.end();
        ++frames;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    REQUIRE(source.snapshot().step == source.total_steps());
    CHECK(frames > 2);
    CHECK(source.snapshot().crime_total > 0);

    // The CSV export holds what the chart shows.
    const auto columns = chart_columns(source.snapshot(), app.crime_type_names());
    REQUIRE(columns.size() == app.crime_type_names().size());
    double total = 0;
    for (const auto& column : columns) {
        CHECK(column.values.size() == 24);
        for (const double v : column.values) total += v;
    }
    CHECK(total == static_cast<double>(source.snapshot().crime_total));
}

TEST_CASE("viz app: a run that fails on the engine thread is reported in a box, once", "[viz][ui]") {
    ScenarioSpec spec = test::small_viz_spec();
    InterventionSpec lighting;
    lighting.kind = InterventionKind::street_lighting;
    lighting.district = "Atlantis";  // not a district of the built-in city: found when the run is built
    lighting.lux = 20;
    spec.interventions.push_back(lighting);
    VizOptions options;
    HeadlessFrames headless(1400, 900, options.theme);
    VizApp app(options);
    app.open_spec(spec);
    const auto start = std::chrono::steady_clock::now();
    while (app.last_error().empty() && std::chrono::steady_clock::now() - start < std::chrono::seconds(30)) {
        headless.begin();
        app.frame(1.0 / 60);
        headless.end();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    CHECK(app.source()->failed());
    CHECK(app.last_error().find("Atlantis") != std::string::npos);
    CHECK(app.last_error().find("interventions[0].district") != std::string::npos);
}
