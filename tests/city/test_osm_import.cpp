// OpenStreetMap import: a hand-written extract with known geometry, the real Monaco and Leeds
// extracts (skipped with a warning when the shared data is absent), and every kind of bad input.
#include "sim/city/osm_import.hpp"

#include "sim/core/input_error.hpp"

#include <catch2/catch.hpp>

#include "test_support.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace streetwise;

namespace {

const fs::path monaco_pbf = STREETWISE_SHARED_DATA_DIR "/osm/monaco.osm.pbf";
const fs::path leeds_pbf = STREETWISE_SHARED_DATA_DIR "/osm/its-example-leeds.osm.pbf";

// A little town at 50 deg N with known distances: 0.001 deg of latitude is 111.23 m there and
// 0.001 deg of longitude 71.70 m (WGS84).
//
//            5 ---------- 6          Main Street (residential, lit=yes): 1-2-3, split at 2
//            |            |          footway (lit=no): 4-2-5, split at 2
//   9   1 -- 2 ---------- 3 == 8     path (no lit tag): 5-6-3, 6 only a shape point
//   :        |                       motorway 3-8 and private service road 1-9: excluded
//            4                       island street 10-11 far away: dropped by the build
constexpr double lat_m_per_mdeg = 111.23;  // metres per 0.001 deg of latitude at 50 N
constexpr double lon_m_per_mdeg = 71.70;   // metres per 0.001 deg of longitude at 50 N

const char* const town_xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="streetwise test">
  <node id="1" lat="50.0" lon="0.0"/>
  <node id="2" lat="50.0" lon="0.001"/>
  <node id="3" lat="50.0" lon="0.002"/>
  <node id="4" lat="49.999" lon="0.001"/>
  <node id="5" lat="50.001" lon="0.001"/>
  <node id="6" lat="50.001" lon="0.002"/>
  <node id="8" lat="50.0" lon="0.003"/>
  <node id="9" lat="49.999" lon="0.0"/>
  <node id="10" lat="50.01" lon="0.01"/>
  <node id="11" lat="50.01" lon="0.011"/>
  <node id="20" lat="50.0001" lon="0.0003"><tag k="amenity" v="bar"/><tag k="name" v="The Crown"/></node>
  <node id="26" lat="49.9999" lon="0.0002"><tag k="amenity" v="pub"/><tag k="name" v="The Anchor"/></node>
  <node id="21" lat="49.9998" lon="0.0016"/>
  <node id="22" lat="49.9998" lon="0.0018"/>
  <node id="23" lat="49.9996" lon="0.0018"/>
  <node id="24" lat="49.9996" lon="0.0016"/>
  <node id="25" lat="50.02" lon="0.02"><tag k="amenity" v="pub"/><tag k="name" v="Far Away Inn"/></node>
  <node id="30" lat="50.002" lon="0.001"><tag k="place" v="suburb"/><tag k="name" v="Northside"/></node>
  <node id="31" lat="49.9975" lon="0.001"><tag k="place" v="suburb"/><tag k="name" v="Southside"/></node>
  <way id="100"><nd ref="1"/><nd ref="2"/><nd ref="3"/>
    <tag k="highway" v="residential"/><tag k="name" v="Main Street"/><tag k="lit" v="yes"/></way>
  <way id="101"><nd ref="4"/><nd ref="2"/><nd ref="5"/><tag k="highway" v="footway"/><tag k="lit" v="no"/></way>
  <way id="102"><nd ref="5"/><nd ref="6"/><nd ref="3"/><tag k="highway" v="path"/></way>
  <way id="103"><nd ref="3"/><nd ref="8"/><tag k="highway" v="motorway"/></way>
  <way id="104"><nd ref="10"/><nd ref="11"/><tag k="highway" v="residential"/><tag k="name" v="Island Road"/></way>
  <way id="105"><nd ref="1"/><nd ref="9"/><tag k="highway" v="service"/><tag k="access" v="private"/></way>
  <way id="107"><nd ref="21"/><nd ref="22"/><nd ref="23"/><nd ref="24"/><nd ref="21"/>
    <tag k="shop" v="bakery"/><tag k="name" v="Crusty"/><tag k="building" v="yes"/></way>
</osm>
)";

double endpoint_distance_m(const City& city, std::uint32_t segment) {
    const auto from = city.segment_from()[segment];
    const auto to = city.segment_to()[segment];
    return std::hypot(city.node_x_m()[from] - city.node_x_m()[to], city.node_y_m()[from] - city.node_y_m()[to]);
}

bool all_connected(const City& city) {
    std::vector<bool> seen(city.node_count(), false);
    std::vector<std::uint32_t> stack{0};
    seen[0] = true;
    std::uint32_t reached = 1;
    while (!stack.empty()) {
        const std::uint32_t v = stack.back();
        stack.pop_back();
        for (std::uint32_t a = city.arc_begin(v); a < city.arc_end(v); ++a) {
            const std::uint32_t w = city.arc_target(a);
            if (!seen[w]) {
                seen[w] = true;
                ++reached;
                stack.push_back(w);
            }
        }
    }
    return reached == city.node_count();
}

// Invariants every imported city must satisfy.
void check_city_invariants(const City& city) {
    for (std::uint32_t s = 0; s < city.segment_count(); ++s) {
        INFO("segment " << s);
        REQUIRE(city.segment_length_m()[s] > 0.0f);
        // The polyline is never shorter than the straight line between its ends (float rounding aside).
        REQUIRE(city.segment_length_m()[s] >= endpoint_distance_m(city, s) * (1.0 - 1e-6) - 1e-3);
    }
    for (const Place& place : city.places()) {
        REQUIRE(place.segment < city.segment_count());
        const bool at_an_end =
            place.node == city.segment_from()[place.segment] || place.node == city.segment_to()[place.segment];
        REQUIRE(at_an_end);
    }
    REQUIRE(all_connected(city));
}

std::string what_of(const fs::path& file) {
    try {
        (void)import_osm(file);
    } catch (const InputError& error) {
        return error.what();
    }
    return "(no InputError thrown)";
}

}  // namespace

TEST_CASE("a hand-written OSM XML town imports with the expected segments and lengths", "[city][osm]") {
    const test::ScratchDir dir_scratch("osm-import-town");  // removed at the end of the test
    const fs::path dir = dir_scratch.path();
    const fs::path file = dir / "town.osm";
    test::write_bytes(file, town_xml);

    const CityDraft draft = import_osm(file);
    CHECK(draft.name == "town");
    // 1-2, 2-3, 4-2, 2-5, 5-3 and the island; motorway and private service road left out.
    CHECK(draft.segments.size() == 6);
    CHECK(draft.node_x_m.size() == 7);  // 1, 2, 3, 4, 5, 10, 11: shape point 6 is not a node
    CHECK(draft.origin_lat == Approx(50.0045));
    CHECK(draft.origin_lon == Approx(0.0055));

    const City city = import_osm_city(file);
    REQUIRE(city.segment_count() == 5);  // the island is gone
    REQUIRE(city.node_count() == 5);
    check_city_invariants(city);

    std::vector<float> lengths = city.segment_length_m();
    std::sort(lengths.begin(), lengths.end());
    CHECK(lengths[0] == Approx(lon_m_per_mdeg).epsilon(0.005));
    CHECK(lengths[1] == Approx(lon_m_per_mdeg).epsilon(0.005));
    CHECK(lengths[2] == Approx(lat_m_per_mdeg).epsilon(0.005));
    CHECK(lengths[3] == Approx(lat_m_per_mdeg).epsilon(0.005));
    // The path keeps its true length via shape point 6, longer than the chord from 5 to 3.
    CHECK(lengths[4] == Approx(lon_m_per_mdeg + lat_m_per_mdeg).epsilon(0.005));
    CHECK(city.total_length_m() == Approx(3 * lon_m_per_mdeg + 3 * lat_m_per_mdeg).epsilon(0.005));

    // Node 2 is the crossing of Main Street and the footway.
    std::uint32_t max_degree = 0;
    for (std::uint32_t v = 0; v < city.node_count(); ++v) max_degree = std::max(max_degree, city.degree(v));
    CHECK(max_degree == 4);

    bool saw_path = false;
    for (std::uint32_t s = 0; s < city.segment_count(); ++s) {
        const float length = city.segment_length_m()[s];
        const std::string& name = city.street_names()[city.segment_name()[s]];
        if (std::abs(length - lon_m_per_mdeg) < 1.0) {  // Main Street, lit=yes
            CHECK(city.segment_road_class()[s] == RoadClass::residential);
            CHECK(name == "Main Street");
            CHECK(city.segment_lux()[s] == Approx(10.0));
        } else if (std::abs(length - lat_m_per_mdeg) < 1.0) {  // footway, lit=no
            CHECK(city.segment_road_class()[s] == RoadClass::footway);
            CHECK(name.empty());
            CHECK(city.segment_lux()[s] == 0.0f);
        } else {  // path without a lit tag: assumed dark
            saw_path = true;
            CHECK(city.segment_road_class()[s] == RoadClass::footway);
            CHECK(city.segment_lux()[s] == 0.0f);
            CHECK(endpoint_distance_m(city, s) == Approx(std::hypot(lon_m_per_mdeg, lat_m_per_mdeg)).epsilon(0.005));
        }
    }
    CHECK(saw_path);

    // Two pubs/bars snap to Main Street's western half (nearer end: node 1, the westernmost), the
    // bakery outline's centroid to the eastern half (nearer end: node 3); the far pub is dropped.
    REQUIRE(city.places().size() == 3);
    const auto westernmost = static_cast<std::uint32_t>(
        std::min_element(city.node_x_m().begin(), city.node_x_m().end()) - city.node_x_m().begin());
    const auto easternmost = static_cast<std::uint32_t>(
        std::max_element(city.node_x_m().begin(), city.node_x_m().end()) - city.node_x_m().begin());
    int bars = 0;
    for (const Place& place : city.places()) {
        CHECK(place.name != "Far Away Inn");
        if (place.kind == PlaceKind::bar) {
            ++bars;
            CHECK(place.node == westernmost);
            CHECK(city.segment_land_use()[place.segment] == LandUse::nightlife);  // two bars within 80 m
        } else {
            CHECK(place.kind == PlaceKind::shop);
            CHECK(place.name == "Crusty");
            CHECK(place.node == easternmost);
            CHECK(city.street_names()[city.segment_name()[place.segment]] == "Main Street");
        }
    }
    CHECK(bars == 2);

    // Districts: nearest suburb point; the footway's southern half lies nearer Southside.
    REQUIRE(city.districts().size() == 2);
    CHECK(city.districts()[0].name == "Northside");
    CHECK(city.districts()[1].name == "Southside");
    int southern = 0;
    for (std::uint32_t s = 0; s < city.segment_count(); ++s) southern += city.segment_district()[s] == 1;
    CHECK(southern == 1);
}

TEST_CASE("Monaco imports as one plausible connected city", "[city][osm]") {
    if (!fs::exists(monaco_pbf)) {
        WARN("skipped: " << monaco_pbf << " not found");
        return;
    }
    const City city = import_osm_city(monaco_pbf);
    CHECK(city.name() == "monaco");
    // The extract (Monaco and the French towns around it) has about 3,800 street nodes, 4,900
    // segments and 455 km of walkable street.
    CHECK(city.node_count() > 3000);
    CHECK(city.node_count() < 5000);
    CHECK(city.segment_count() > 4000);
    CHECK(city.segment_count() < 6500);
    CHECK(city.total_length_m() / 1000.0 > 350.0);
    CHECK(city.total_length_m() / 1000.0 < 600.0);
    CHECK(city.origin_lat() == Approx(43.74).margin(0.05));
    CHECK(city.origin_lon() == Approx(7.42).margin(0.05));
    check_city_invariants(city);

    // Local metres about the bbox centre: about 11 km east-west, 6 km north-south.
    const auto [min_x, max_x] = std::minmax_element(city.node_x_m().begin(), city.node_x_m().end());
    const auto [min_y, max_y] = std::minmax_element(city.node_y_m().begin(), city.node_y_m().end());
    CHECK(*max_x - *min_x > 5000.0);
    CHECK(*max_x - *min_x < 20000.0);
    CHECK(*max_y - *min_y > 3000.0);
    CHECK(*max_y - *min_y < 12000.0);
    CHECK(std::abs(*max_x + *min_x) < 100.0);  // centred on the origin
    CHECK(std::abs(*max_y + *min_y) < 100.0);

    std::vector<int> kinds(place_kind_count, 0);
    for (const Place& place : city.places()) ++kinds[static_cast<std::size_t>(place.kind)];
    CHECK(kinds[static_cast<std::size_t>(PlaceKind::bar)] >= 3);
    CHECK(kinds[static_cast<std::size_t>(PlaceKind::shop)] >= 30);
    CHECK(kinds[static_cast<std::size_t>(PlaceKind::transit_stop)] >= 50);
    CHECK(kinds[static_cast<std::size_t>(PlaceKind::police_station)] >= 1);
    CHECK(kinds[static_cast<std::size_t>(PlaceKind::workplace)] >= 50);
    CHECK(std::count_if(kinds.begin(), kinds.end(), [](int n) { return n > 0; }) >= 6);

    const auto lit = std::count_if(city.segment_lux().begin(), city.segment_lux().end(), [](float l) { return l > 0; });
    CHECK(lit > city.segment_count() / 3);
    CHECK(lit < city.segment_count());  // footpaths and steps are dark

    std::set<LandUse> uses(city.segment_land_use().begin(), city.segment_land_use().end());
    CHECK(uses.count(LandUse::residential) == 1);
    CHECK(uses.count(LandUse::commercial) == 1);
    CHECK(uses.count(LandUse::nightlife) == 1);

    std::set<std::string> districts;
    for (const District& district : city.districts()) districts.insert(district.name);
    CHECK(districts.size() >= 5);
    CHECK(districts.count("Monte-Carlo") == 1);
    CHECK(districts.count("La Condamine") == 1);

    std::set<std::string> names(city.street_names().begin(), city.street_names().end());
    CHECK(names.size() > 200);
}

TEST_CASE("the Leeds sample imports", "[city][osm]") {
    if (!fs::exists(leeds_pbf)) {
        WARN("skipped: " << leeds_pbf << " not found");
        return;
    }
    const City city = import_osm_city(leeds_pbf);
    CHECK(city.name() == "its-example-leeds");
    CHECK(city.node_count() > 150);
    CHECK(city.node_count() < 400);
    CHECK(city.segment_count() > 200);
    CHECK(city.segment_count() < 450);
    CHECK(city.total_length_m() > 5000.0);
    CHECK(city.places().size() >= 20);
    check_city_invariants(city);
    // No place=suburb|quarter|neighbourhood in the sample: one district named after the file.
    REQUIRE(city.districts().size() == 1);
    CHECK(city.districts()[0].name == "its-example-leeds");
}

TEST_CASE("a missing OSM file is an InputError that says where to get one", "[city][osm][errors]") {
    const test::ScratchDir file_scratch("osm-import-missing");  // removed at the end of the test
    const fs::path file = file_scratch.path() / "nowhere.osm.pbf";
    const std::string what = what_of(file);
    CHECK_THAT(what, Catch::Contains(file.string()));
    CHECK_THAT(what, Catch::Contains("not found"));
    CHECK_THAT(what, Catch::Contains("geofabrik"));
    CHECK_THAT(what, Catch::Contains("osmium extract"));
}

TEST_CASE("a file that is not an OSM extract by name is refused", "[city][osm][errors]") {
    const test::ScratchDir dir_scratch("osm-import-extension");  // removed at the end of the test
    const fs::path dir = dir_scratch.path();
    const fs::path file = dir / "town.txt";
    test::write_bytes(file, town_xml);
    const std::string what = what_of(file);
    CHECK_THAT(what, Catch::Contains(file.string()));
    CHECK_THAT(what, Catch::Contains(".osm.pbf"));
    CHECK_THAT(what, Catch::Contains("hint:"));
    CHECK_THAT(what_of(dir), Catch::Contains("directory"));
}

TEST_CASE("a corrupt PBF file is an InputError, not a crash", "[city][osm][errors]") {
    const test::ScratchDir file_scratch("osm-import-corrupt");  // removed at the end of the test
    const fs::path file = file_scratch.path() / "noise.osm.pbf";
    std::mt19937 random(42);
    std::string noise(8192, '\0');
    for (char& c : noise) c = static_cast<char>(random() & 0xff);
    test::write_bytes(file, noise);
    const std::string what = what_of(file);
    CHECK_THAT(what, Catch::Contains(file.string()));
    CHECK_THAT(what, Catch::Contains("could not read"));
    CHECK_THAT(what, Catch::Contains("hint:"));
}

TEST_CASE("a truncated real PBF file is an InputError", "[city][osm][errors]") {
    if (!fs::exists(monaco_pbf)) {
        WARN("skipped: " << monaco_pbf << " not found");
        return;
    }
    std::ifstream in(monaco_pbf, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const test::ScratchDir file_scratch("osm-import-truncated");  // removed at the end of the test
    const fs::path file = file_scratch.path() / "monaco-cut.osm.pbf";
    test::write_bytes(file, bytes.substr(0, bytes.size() * 6 / 10));
    const std::string what = what_of(file);
    CHECK_THAT(what, Catch::Contains(file.string()));
    CHECK_THAT(what, Catch::Contains("could not read"));
    CHECK_THAT(what, Catch::Contains("download it again"));
}

TEST_CASE("malformed OSM XML is an InputError with the line", "[city][osm][errors]") {
    const test::ScratchDir file_scratch("osm-import-malformed");  // removed at the end of the test
    const fs::path file = file_scratch.path() / "broken.osm";
    // Line 3 opens a node that is never closed: expat notices at line 4.
    test::write_bytes(file,
               "<?xml version=\"1.0\"?>\n<osm version=\"0.6\">\n  <node id=\"1\" lat=\"50\" lon=\"0\">\n</osm>\n");
    try {
        (void)import_osm(file);
        FAIL("no InputError thrown");
    } catch (const InputError& error) {
        CHECK(error.file() == file.string());
        CHECK(error.line() == 4);
        CHECK_THAT(std::string(error.what()), Catch::Contains("XML"));
    }
}

TEST_CASE("an extract without walkable streets is an InputError", "[city][osm][errors]") {
    const test::ScratchDir file_scratch("osm-import-nostreets");  // removed at the end of the test
    const fs::path file = file_scratch.path() / "field.osm";
    test::write_bytes(file, R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
  <node id="1" lat="50.0" lon="0.0"/>
  <node id="2" lat="50.0" lon="0.001"/>
  <node id="3" lat="50.001" lon="0.001"/>
  <node id="4" lat="50.0005" lon="0.0005"><tag k="shop" v="bakery"/></node>
  <way id="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="1"/><tag k="building" v="yes"/></way>
  <way id="2"><nd ref="1"/><nd ref="3"/><tag k="highway" v="motorway"/></way>
</osm>
)");
    const std::string what = what_of(file);
    CHECK_THAT(what, Catch::Contains(file.string()));
    CHECK_THAT(what, Catch::Contains("no walkable streets found (highway=* ways)"));
    CHECK_THAT(what, Catch::Contains("hint:"));
}
