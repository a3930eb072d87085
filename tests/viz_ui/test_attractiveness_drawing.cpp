// The attractiveness layer (repeat victimisation) on the map: streets coloured by B when it is on
// and not when it is off, in day, night and high-contrast looks; its legend; B in a street's details.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "viz/core/attractiveness_layer.hpp"
#include "viz/ui/headless_frames.hpp"
#include "viz/ui/map_legend.hpp"
#include "viz/ui/map_view.hpp"
#include "../viz/viz_test_support.hpp"

using namespace streetwise;
using namespace streetwise::viz;

namespace {

constexpr std::uint32_t hottest = 5, warm = 6, with_crime = 7;

// A snapshot whose field is 0 everywhere but on two streets, and with crime on a third.
FrameSnapshot field_snapshot(const City& city) {
    FrameSnapshot s;
    s.step = 600;
    s.total_steps = 1440;
    s.crimes_by_type.assign(6, 0);
    s.crimes_by_type[0] = 3;
    s.crime_total = 3;
    s.segment_crimes.assign(city.segment_count(), 0);
    s.segment_crimes[with_crime] = 3;
    s.segment_crimes_by_type.assign(static_cast<std::size_t>(city.segment_count()) * 6, 0);
    s.segment_crimes_by_type[with_crime * 6] = 3;
    std::vector<float> b(city.segment_count(), 0.0f);
    b[hottest] = 4.0f;
    b[warm] = 1.0f;
    set_attractiveness_layer(b, s);
    return s;
}

// The colour draw_map gives a street with attractiveness `b` when the highest is `highest`.
ImU32 street_colour(float b, float highest, bool dark_background) {
    return attractiveness_colour(std::log1p(b) * (1.0f / std::log1p(highest)), dark_background);
}

int vertices_of(const ImDrawList* draw_list, ImU32 colour) {
    int n = 0;
    for (const ImDrawVert& v : draw_list->VtxBuffer) n += v.col == colour;
    return n;
}

struct Drawn {
    int hottest = 0, warm = 0, plain_street = 0, heat = 0;
};

Drawn draw(const City& city, const FrameSnapshot& snapshot, const MapLayers& layers, const Theme& theme, bool dark) {
    HeadlessFrames headless(1200, 800, theme);
    MapCamera camera;
    camera.set_viewport(0, 0, 1200, 800);
    camera.fit(city_bounds(city));
    headless.begin();
    ImDrawList* draw_list = ImGui::GetForegroundDrawList();
    draw_map(draw_list, camera, city, snapshot, layers, theme, {});
    Drawn drawn;
    drawn.hottest = vertices_of(draw_list, street_colour(4.0f, 4.0f, dark));
    drawn.warm = vertices_of(draw_list, street_colour(1.0f, 4.0f, dark));
    drawn.plain_street = vertices_of(draw_list, theme.palette().street);
    drawn.heat = vertices_of(draw_list, heat_colour(theme.palette(), 1.0f));
    headless.end();
    return drawn;
}

}  // namespace

TEST_CASE("attractiveness layer: streets coloured by B when on, not when off", "[viz][ui][attractiveness]") {
    const City city = make_city(test::small_viz_spec().city);
    FrameSnapshot snapshot = field_snapshot(city);
    MapLayers layers;
    Theme theme;

    SECTION("off (the default): the crime heat colours the street with crime, no street takes the ramp") {
        const Drawn drawn = draw(city, snapshot, layers, theme, false);
        CHECK(drawn.hottest == 0);
        CHECK(drawn.warm == 0);
        CHECK(drawn.heat == 4);
        CHECK(drawn.plain_street > 4 * static_cast<int>(city.segment_count() / 2));
    }
    SECTION("on, by day: one quad per street with B > 0 in its ramp colour, the rest faint, no heat") {
        layers.attractiveness = true;
        const Drawn drawn = draw(city, snapshot, layers, theme, false);
        CHECK(drawn.hottest == 4);
        CHECK(drawn.warm == 4);
        CHECK(drawn.plain_street == 0);  // B = 0: the street colour, faded
        CHECK(drawn.heat == 0);          // the attractiveness takes the heat's place
        // By day (a light background) high B is the dark end of the ramp.
        CHECK_FALSE(is_dark(theme.palette().map_day_background));
        CHECK(street_colour(4.0f, 4.0f, false) == field_ramp_colour(1.0f, false));  // opaque at the top
    }
    SECTION("on, at night: the ramp runs the other way, bright for high B") {
        layers.attractiveness = true;
        snapshot.night = true;
        const Drawn drawn = draw(city, snapshot, layers, theme, true);
        CHECK(drawn.hottest == 4);
        CHECK(drawn.warm == 4);
        CHECK(drawn.plain_street == 0);
    }
    SECTION("on, in high contrast: the ramp for a dark background, on black") {
        layers.attractiveness = true;
        theme.high_contrast = true;
        const Drawn drawn = draw(city, snapshot, layers, theme, true);
        CHECK(drawn.hottest == 4);
        CHECK(drawn.warm == 4);
    }
    SECTION("on, but the run has no street field: the heat as usual") {
        layers.attractiveness = true;
        clear_segment_field(snapshot);
        const Drawn drawn = draw(city, snapshot, layers, theme, false);
        CHECK(drawn.hottest == 0);
        CHECK(drawn.heat == 4);
    }
}

TEST_CASE("attractiveness layer: the ramp is ordered and stands out from its background", "[viz][ui][attractiveness]") {
    // Lightness (luma) rises with B on a dark background and falls with B on a light one.
    const auto luma = [](ImU32 c) {
        return 0.2126 * (c & 0xFF) + 0.7152 * ((c >> 8) & 0xFF) + 0.0722 * ((c >> 16) & 0xFF);
    };
    for (int i = 0; i < 20; ++i) {
        const float t = static_cast<float>(i) / 20, next = static_cast<float>(i + 1) / 20;
        CHECK(luma(field_ramp_colour(next, true)) > luma(field_ramp_colour(t, true)));
        CHECK(luma(field_ramp_colour(next, false)) < luma(field_ramp_colour(t, false)));
    }
    // On the map the lowest values fade in from the faintness of B = 0; from a quarter up, opaque.
    CHECK((attractiveness_colour(0.0f, false) >> IM_COL32_A_SHIFT) < 100);
    CHECK((attractiveness_colour(0.1f, false) >> IM_COL32_A_SHIFT) < (attractiveness_colour(0.2f, false) >> IM_COL32_A_SHIFT));
    CHECK((attractiveness_colour(0.25f, true) >> IM_COL32_A_SHIFT) == 255);
    CHECK(is_dark(standard_palette().map_night_background));
    CHECK(is_dark(high_contrast_palette().map_day_background));
}

TEST_CASE("attractiveness layer: the legend gives the scale and what B means", "[viz][ui][attractiveness]") {
    const City city = make_city(test::small_viz_spec().city);
    const FrameSnapshot snapshot = field_snapshot(city);
    MapLayers layers;
    const Palette& palette = standard_palette();
    const auto has_row = [](const std::vector<LegendRow>& rows, const std::string& text) {
        for (const LegendRow& row : rows)
            if (row.text.find(text) != std::string::npos) return true;
        return false;
    };

    std::vector<LegendRow> rows = map_legend_rows(snapshot, layers, palette, nullptr);
    CHECK_FALSE(has_row(rows, "attractiveness B"));
    CHECK(has_row(rows, "crime heat"));

    layers.attractiveness = true;
    rows = map_legend_rows(snapshot, layers, palette, nullptr);
    CHECK(has_row(rows, "attractiveness B (repeat victimisation, no unit): 0 to 4, log scale of 1 + B"));
    CHECK(has_row(rows, "offenders offend (1 + B) times as often here; faint streets: B = 0"));
    CHECK_FALSE(has_row(rows, "crime heat"));
    std::size_t ramps = 0;
    for (const LegendRow& row : rows)
        if (row.ramp) {
            ++ramps;
            CHECK_FALSE(row.dark_background);
        }
    CHECK(ramps == 1);

    FrameSnapshot without = snapshot;
    clear_segment_field(without);
    CHECK(has_row(map_legend_rows(without, layers, palette, nullptr), "this run has no street attractiveness field"));
}

TEST_CASE("attractiveness layer: clicking a street shows its B", "[viz][ui][attractiveness]") {
    const auto city = std::make_shared<const City>(make_city(test::small_viz_spec().city));
    const FrameSnapshot snapshot = field_snapshot(*city);
    MapView map(city);
    map.camera().set_viewport(0, 0, 1200, 800);
    map.camera().fit(city_bounds(*city));
    map.camera().zoom_at(map.camera().to_screen(city->node_x_m()[city->segment_from()[hottest]],
                                                city->node_y_m()[city->segment_from()[hottest]]),
                         4.0);
    const auto a = city->segment_from()[hottest], b = city->segment_to()[hottest];
    const ScreenPoint middle = map.camera().to_screen((city->node_x_m()[a] + city->node_x_m()[b]) / 2,
                                                      (city->node_y_m()[a] + city->node_y_m()[b]) / 2);
    map.pick_at(middle, snapshot);
    REQUIRE(map.selection().segment.has_value());
    REQUIRE(*map.selection().segment == hottest);
    const std::vector<std::string> lines = street_details(*city, snapshot, hottest);
    CHECK(std::find(lines.begin(), lines.end(), "attractiveness B: 4 (offenders offend 5 times as often here)") != lines.end());
    // Without the field, no such line.
    FrameSnapshot without = snapshot;
    clear_segment_field(without);
    for (const std::string& line : street_details(*city, without, hottest)) CHECK(line.find("attractiveness") == std::string::npos);
}
