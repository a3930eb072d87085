// The Short et al. (2008) lattice run as a streetwise run (sim/engine/run_short2008.hpp): its city,
// the site -> node -> segment mapping, and the RunResult against the model it wraps.
#include <catch2/catch.hpp>

#include <numeric>
#include <stdexcept>

#include "sim/city/lattice_city.hpp"
#include "sim/engine/run.hpp"
#include "sim/engine/run_short2008.hpp"
#include "sim/model/crime_type.hpp"
#include "sim/model/short_burglary.hpp"
#include "sim/scenario/scenario_loader.hpp"

using namespace streetwise;

namespace {

ScenarioSpec small_spec(int width, int height, double time_units) {
    ScenarioSpec spec;
    spec.model = ModelKind::short2008;
    spec.short2008.width = width;
    spec.short2008.height = height;
    spec.short2008.time_units = time_units;
    spec.seed = 3;
    validate_scenario(spec);
    return spec;
}

}  // namespace

TEST_CASE("short2008 run: site (x, y) is the lattice node at (x m, y m), its east link is its segment",
          "[engine][short2008]") {
    for (const auto& [width, height] : {std::pair{5, 4}, std::pair{3, 7}}) {
        const ScenarioSpec spec = small_spec(width, height, 1);
        const City city = make_run_city(spec);
        REQUIRE(city.node_count() == static_cast<std::uint32_t>(width * height));
        REQUIRE(city.segment_count() == static_cast<std::uint32_t>(2 * width * height));
        for (std::uint32_t y = 0; y < static_cast<std::uint32_t>(height); ++y)
            for (std::uint32_t x = 0; x < static_cast<std::uint32_t>(width); ++x) {
                INFO("site (" << x << ", " << y << ") of " << width << " x " << height);
                const std::uint32_t node = short2008_site_node(x, y, static_cast<std::uint32_t>(width));
                CHECK(node == y * static_cast<std::uint32_t>(width) + x);  // the model's site id
                CHECK(city.node_x_m()[node] == static_cast<double>(x));
                CHECK(city.node_y_m()[node] == static_cast<double>(y));
                const std::uint32_t segment = short2008_site_segment(node);
                CHECK(city.segment_from()[segment] == node);
                CHECK(city.segment_to()[segment] ==
                      short2008_site_node((x + 1) % static_cast<std::uint32_t>(width), y, static_cast<std::uint32_t>(width)));
                CHECK(city.segment_length_m()[segment] == 1.0f);
            }
        // Periodic: every node has 4 neighbours.
        for (std::uint32_t v = 0; v < city.node_count(); ++v) CHECK(city.arc_end(v) - city.arc_begin(v) == 4);
    }
}

TEST_CASE("short2008 run: the RunResult holds exactly the model's burglaries", "[engine][short2008]") {
    const ScenarioSpec spec = small_spec(16, 12, 7);  // 700 steps: 11 "hours" of 60 and one of 40
    const City city = make_run_city(spec);
    const RunResult result = run_simulation(spec, city, {});
    CHECK(result.model == "short2008");
    CHECK(result.steps == 700);
    CHECK(result.step_s == 60);
    CHECK(result.residents == 0);
    CHECK(result.police_units == 0);

    // The same model, stepped by hand.
    ShortBurglaryParams params;
    params.width = 16;
    params.height = 12;
    params.seed = 3;
    ShortBurglaryModel model(params);
    std::vector<CrimeEvent> expected;
    for (std::uint32_t step = 0; step < 700; ++step) {
        model.step();
        const auto burgled = model.burglaries_last_step();
        for (std::uint32_t site = 0; site < burgled.size(); ++site)
            for (std::uint32_t k = 0; k < burgled[site]; ++k)
                expected.push_back({step, site, 2 * site, static_cast<std::uint8_t>(CrimeType::burglary), 0, site});
    }
    REQUIRE(!expected.empty());
    REQUIRE(result.crimes.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("crime " << i);
        CHECK(result.crimes[i].step == expected[i].step);
        CHECK(result.crimes[i].node == expected[i].node);
        CHECK(result.crimes[i].segment == expected[i].segment);
        CHECK(result.crimes[i].type == expected[i].type);
        CHECK(result.crimes[i].offender == 0);
        CHECK(result.crimes[i].victim == expected[i].victim);
    }
    CHECK(result.offenders == model.burglar_count());

    std::vector<std::string> names;
    for (const auto& c : result.hourly) {
        names.push_back(c.name);
        CHECK(c.values.size() == 12);
    }
    CHECK(std::find(names.begin(), names.end(), "crimes_burglary") != names.end());
    CHECK(std::find(names.begin(), names.end(), "residents_walking") == names.end());
    const auto& last = *std::find_if(result.hourly.begin(), result.hourly.end(),
                                     [](const auto& c) { return c.name == "mean_attractiveness"; });
    double mean_a = 0;
    for (std::size_t s = 0; s < model.site_count(); ++s) mean_a += model.attractiveness(s);
    CHECK(last.values.back() == Approx(mean_a / static_cast<double>(model.site_count())).epsilon(1e-12));

    SECTION("the same with 1 and 2 threads") {
        RunOptions one, two;
        one.threads = 1;
        two.threads = 2;
        const RunResult a = run_simulation(spec, city, one);
        const RunResult b = run_simulation(spec, city, two);
        REQUIRE(a.crimes.size() == b.crimes.size());
        CHECK(a.node_crime_count == b.node_crime_count);
        for (std::size_t i = 0; i < a.hourly.size(); ++i) CHECK(a.hourly[i].values == b.hourly[i].values);
    }
    SECTION("another city is refused") {
        const City other = make_run_city(small_spec(12, 16, 1));
        CHECK_THROWS_AS(run_simulation(spec, other, {}), std::invalid_argument);
    }
}
