// City cache: round trips reproduce the city exactly; damaged or stale caches are misses, never
// errors; a cache that cannot be written does not fail the run.
#include "sim/city/city_cache.hpp"

#include "sim/city/osm_import.hpp"

#include <catch2/catch.hpp>

#include "test_support.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

namespace fs = std::filesystem;
using namespace streetwise;

namespace {

using test::read_bytes;
using test::write_bytes;

const fs::path monaco_pbf = STREETWISE_SHARED_DATA_DIR "/osm/monaco.osm.pbf";

// A small crossing with a cafe and a bar: enough for every array of the city to be non-trivial.
std::string village_xml(const std::string& extra_way = "") {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
  <node id="1" lat="51.0" lon="-1.0"/>
  <node id="2" lat="51.0" lon="-0.999"/>
  <node id="3" lat="51.0" lon="-0.998"/>
  <node id="4" lat="50.999" lon="-0.999"/>
  <node id="5" lat="51.001" lon="-0.999"/>
  <node id="6" lat="51.001" lon="-0.998"/>
  <node id="20" lat="51.0001" lon="-0.9995">
    <tag k="amenity" v="cafe"/><tag k="name" v="Corner Cafe"/></node>
  <node id="21" lat="50.9999" lon="-0.9985"><tag k="amenity" v="pub"/><tag k="name" v="The Plough"/></node>
  <way id="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/>
    <tag k="highway" v="tertiary"/><tag k="name" v="High Street"/></way>
  <way id="2"><nd ref="4"/><nd ref="2"/><nd ref="5"/><tag k="highway" v="footway"/><tag k="lit" v="yes"/></way>
)" + extra_way + R"(</osm>
)";
}

void require_same_city(const City& a, const City& b) {
    REQUIRE(a.fingerprint() == b.fingerprint());
    CHECK(a.name() == b.name());
    CHECK(a.origin_lon() == b.origin_lon());
    CHECK(a.origin_lat() == b.origin_lat());
    CHECK(a.node_x_m() == b.node_x_m());
    CHECK(a.node_y_m() == b.node_y_m());
    CHECK(a.segment_from() == b.segment_from());
    CHECK(a.segment_to() == b.segment_to());
    CHECK(a.segment_length_m() == b.segment_length_m());
    CHECK(a.segment_road_class() == b.segment_road_class());
    CHECK(a.segment_lux() == b.segment_lux());
    CHECK(a.segment_land_use() == b.segment_land_use());
    CHECK(a.segment_district() == b.segment_district());
    CHECK(a.segment_name() == b.segment_name());
    CHECK(a.street_names() == b.street_names());
    REQUIRE(a.districts().size() == b.districts().size());
    for (std::size_t d = 0; d < a.districts().size(); ++d) {
        CHECK(a.districts()[d].name == b.districts()[d].name);
        CHECK(a.districts()[d].land_use == b.districts()[d].land_use);
    }
    REQUIRE(a.places().size() == b.places().size());
    for (std::size_t p = 0; p < a.places().size(); ++p) {
        CHECK(a.places()[p].kind == b.places()[p].kind);
        CHECK(a.places()[p].segment == b.places()[p].segment);
        CHECK(a.places()[p].node == b.places()[p].node);
        CHECK(a.places()[p].name == b.places()[p].name);
    }
    CHECK(a.node_lux() == b.node_lux());
}

}  // namespace

TEST_CASE("a cached city loads back identical", "[city][cache]") {
    const test::ScratchDir dir_scratch("city-cache-roundtrip");  // removed at the end of the test
    const fs::path dir = dir_scratch.path();
    const fs::path osm = dir / "village.osm";
    write_bytes(osm, village_xml());
    const City city = import_osm_city(osm);
    REQUIRE(city.places().size() == 2);

    const auto key = osm_source_key(osm);
    REQUIRE(key.has_value());
    const fs::path cache_file = city_cache_file(dir / "cache", osm, *key);
    CHECK(cache_file.filename().string().rfind("village-", 0) == 0);
    REQUIRE(save_city_cache(city, cache_file, *key));
    REQUIRE(fs::exists(cache_file));
    // Only the finished file is left: the temporary was renamed.
    CHECK(std::distance(fs::directory_iterator(dir / "cache"), fs::directory_iterator()) == 1);

    const auto loaded = load_cached_city(cache_file, *key);
    REQUIRE(loaded.has_value());
    require_same_city(city, *loaded);

    // The wrong key (another source, importer or format) is a miss.
    CHECK_FALSE(load_cached_city(cache_file, *key + 1).has_value());
    CHECK_FALSE(load_cached_city(dir / "cache" / "absent.city", *key).has_value());
}

TEST_CASE("Monaco round-trips through the cache and loads fast", "[city][cache]") {
    if (!fs::exists(monaco_pbf)) {
        WARN("skipped: " << monaco_pbf << " not found");
        return;
    }
    const test::ScratchDir dir_scratch("city-cache-monaco");  // removed at the end of the test
    const fs::path dir = dir_scratch.path();
    const City city = import_osm_city(monaco_pbf);
    const auto key = osm_source_key(monaco_pbf);
    REQUIRE(key.has_value());
    const fs::path cache_file = city_cache_file(dir, monaco_pbf, *key);
    REQUIRE(save_city_cache(city, cache_file, *key));

    const auto start = std::chrono::steady_clock::now();
    const auto loaded = load_cached_city(cache_file, *key);
    const double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    REQUIRE(loaded.has_value());
    require_same_city(city, *loaded);
    // Milliseconds in a Release build; the bound is loose so Debug and sanitiser builds pass too.
    CHECK(load_s < 2.0);
}

TEST_CASE("damaged cache files are misses, not errors", "[city][cache]") {
    const test::ScratchDir dir_scratch("city-cache-damaged");  // removed at the end of the test
    const fs::path dir = dir_scratch.path();
    const fs::path osm = dir / "village.osm";
    write_bytes(osm, village_xml());
    const City city = import_osm_city(osm);
    const auto key = osm_source_key(osm);
    REQUIRE(key.has_value());
    const fs::path cache_file = dir / "village.city";
    REQUIRE(save_city_cache(city, cache_file, *key));
    const std::string good = read_bytes(cache_file);
    REQUIRE(good.size() > 100);

    SECTION("truncated") { write_bytes(cache_file, good.substr(0, good.size() / 2)); }
    SECTION("shorter than a header") { write_bytes(cache_file, good.substr(0, 20)); }
    SECTION("empty") { write_bytes(cache_file, ""); }
    SECTION("one payload byte flipped") {
        std::string bad = good;
        bad[bad.size() - 10] = static_cast<char>(bad[bad.size() - 10] ^ 0x5a);
        write_bytes(cache_file, bad);
    }
    SECTION("extra bytes at the end") { write_bytes(cache_file, good + "junk"); }
    SECTION("not a cache at all") { write_bytes(cache_file, std::string(4096, 'x')); }
    SECTION("the wrong magic") {
        std::string bad = good;
        bad[0] = 'X';
        write_bytes(cache_file, bad);
    }
    CHECK_FALSE(load_cached_city(cache_file, *key).has_value());
}

TEST_CASE("load_osm_city imports once, then hits the cache until the source changes", "[city][cache]") {
    const test::ScratchDir dir_scratch("city-cache-flow");  // removed at the end of the test
    const fs::path dir = dir_scratch.path();
    const fs::path osm = dir / "village.osm";
    const fs::path cache_dir = dir / "cache";
    write_bytes(osm, village_xml());
    const City direct = import_osm_city(osm);

    CityCacheOutcome outcome{};
    const City first = load_osm_city(osm, true, cache_dir, &outcome);
    CHECK(outcome == CityCacheOutcome::miss_saved);
    require_same_city(direct, first);
    const fs::path cache_file = city_cache_file(cache_dir, osm, *osm_source_key(osm));
    REQUIRE(fs::exists(cache_file));

    const City second = load_osm_city(osm, true, cache_dir, &outcome);
    CHECK(outcome == CityCacheOutcome::hit);
    require_same_city(direct, second);

    // A corrupt cache file is silently replaced by a fresh import.
    write_bytes(cache_file, "garbage");
    const City third = load_osm_city(osm, true, cache_dir, &outcome);
    CHECK(outcome == CityCacheOutcome::miss_saved);
    require_same_city(direct, third);
    CHECK(load_osm_city(osm, true, cache_dir, &outcome).fingerprint() == direct.fingerprint());
    CHECK(outcome == CityCacheOutcome::hit);

    // use_cache = false never touches the cache.
    CHECK(load_osm_city(osm, false, cache_dir, &outcome).fingerprint() == direct.fingerprint());
    CHECK(outcome == CityCacheOutcome::disabled);

    // Changing the source (same name, same size class, new street) is a miss and a new city.
    const auto old_key = *osm_source_key(osm);
    write_bytes(osm, village_xml(R"(  <way id="3"><nd ref="5"/><nd ref="6"/><nd ref="3"/>
    <tag k="highway" v="path"/></way>
)"));
    const auto new_key = *osm_source_key(osm);
    CHECK(new_key != old_key);
    CHECK_FALSE(load_cached_city(cache_file, new_key).has_value());
    const City changed = load_osm_city(osm, true, cache_dir, &outcome);
    CHECK(outcome == CityCacheOutcome::miss_saved);
    CHECK(changed.fingerprint() != direct.fingerprint());
    CHECK(changed.segment_count() == direct.segment_count() + 1);
}

TEST_CASE("the source key follows the content, not the file", "[city][cache]") {
    const test::ScratchDir dir_scratch("city-cache-key");  // removed at the end of the test
    const fs::path dir = dir_scratch.path();
    write_bytes(dir / "a.osm", village_xml());
    write_bytes(dir / "b.osm", village_xml());
    std::string edited = village_xml();
    edited[edited.size() / 2] = edited[edited.size() / 2] == ' ' ? '\t' : ' ';
    write_bytes(dir / "c.osm", edited);
    CHECK(osm_source_key(dir / "a.osm") == osm_source_key(dir / "b.osm"));
    CHECK(osm_source_key(dir / "a.osm") != osm_source_key(dir / "c.osm"));
    CHECK_FALSE(osm_source_key(dir / "missing.osm").has_value());
}

TEST_CASE("a cache that cannot be written does not fail the run", "[city][cache]") {
    const test::ScratchDir dir_scratch("city-cache-unwritable");  // removed at the end of the test
    const fs::path dir = dir_scratch.path();
    const fs::path osm = dir / "village.osm";
    write_bytes(osm, village_xml());
    write_bytes(dir / "a-file", "not a folder");
    const fs::path impossible_dir = dir / "a-file" / "cache";  // even root cannot create this

    const City city = import_osm_city(osm);
    CHECK_FALSE(save_city_cache(city, impossible_dir / "village.city", 1));

    CityCacheOutcome outcome{};
    const City loaded = load_osm_city(osm, true, impossible_dir, &outcome);
    CHECK(outcome == CityCacheOutcome::miss_not_saved);
    CHECK(loaded.fingerprint() == city.fingerprint());
}

TEST_CASE("a missing source is still the importer's InputError through the cache", "[city][cache]") {
    const test::ScratchDir dir_scratch("city-cache-missing");  // removed at the end of the test
    const fs::path dir = dir_scratch.path();
    CHECK_THROWS_WITH(load_osm_city(dir / "nowhere.osm.pbf", true, dir / "cache"), Catch::Contains("not found"));
}

TEST_CASE("the cache folder honours STREETWISE_CACHE_DIR, then XDG_CACHE_HOME, then HOME", "[city][cache]") {
    auto saved = [](const char* name) -> std::optional<std::string> {
        const char* value = std::getenv(name);
        return value ? std::optional<std::string>(value) : std::nullopt;
    };
    const auto saved_streetwise = saved("STREETWISE_CACHE_DIR");
    const auto saved_xdg = saved("XDG_CACHE_HOME");
    const auto saved_home = saved("HOME");

    ::setenv("STREETWISE_CACHE_DIR", "/somewhere/cities", 1);
    ::setenv("XDG_CACHE_HOME", "/xdg", 1);
    ::setenv("HOME", "/home/someone", 1);
    CHECK(default_cache_dir() == fs::path("/somewhere/cities"));
    ::unsetenv("STREETWISE_CACHE_DIR");
    CHECK(default_cache_dir() == fs::path("/xdg/streetwise"));
    ::unsetenv("XDG_CACHE_HOME");
    CHECK(default_cache_dir() == fs::path("/home/someone/.cache/streetwise"));
    ::unsetenv("HOME");
    CHECK(default_cache_dir().filename() == "streetwise-cache");

    auto restore = [](const char* name, const std::optional<std::string>& value) {
        if (value) ::setenv(name, value->c_str(), 1);
        else ::unsetenv(name);
    };
    restore("STREETWISE_CACHE_DIR", saved_streetwise);
    restore("XDG_CACHE_HOME", saved_xdg);
    restore("HOME", saved_home);
}
