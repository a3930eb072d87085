// The HDF5 run file: round trip, byte-identical output, atomic replacement, path checks and
// errors on unreadable files.
#include <catch2/catch.hpp>

#include "io/run_file_fixtures.hpp"
#include "test_support.hpp"
#include <hdf5.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sim/city/city.hpp"
#include "sim/core/input_error.hpp"
#include "sim/io/run_file.hpp"
#include "sim/model/crime_type.hpp"

namespace fs = std::filesystem;
using namespace streetwise;
using test::make_grid_city;
using test::make_result;

namespace {

using TestFolder = test::ScratchDir;  // a fresh folder per test case, removed at its end

template <class T>
std::vector<std::uint8_t> bytes_of(const std::vector<T>& values) {
    std::vector<std::uint8_t> bytes(values.size() * sizeof(T));
    if (!values.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
    return bytes;
}

template <class T, class Source, class Field>
std::vector<std::uint8_t> bytes_of_field(const std::vector<Source>& items, Field field) {
    std::vector<T> values;
    for (const auto& item : items) values.push_back(static_cast<T>(field(item)));
    return bytes_of(values);
}

std::vector<std::uint8_t> bytes_of_strings(const std::vector<std::string>& texts) {
    std::vector<std::uint8_t> bytes;
    for (const auto& text : texts) {
        bytes.insert(bytes.end(), text.begin(), text.end());
        bytes.push_back(0);
    }
    return bytes;
}

bool has_temp_files(const fs::path& folder) {
    for (const auto& entry : fs::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        if (name.ends_with(".tmp") || name.find(".probe-") != std::string::npos) return true;
    }
    return false;
}

// Every dataset the writer produces, with the bytes it must hold.
std::map<std::string, std::vector<std::uint8_t>> expected_datasets(const RunResult& result) {
    const City& city = *result.city;
    std::map<std::string, std::vector<std::uint8_t>> expected;
    expected["/scenario/resolved_yaml"] = bytes_of_strings({result.scenario_yaml});
    const auto& changes = result.live_changes;
    expected["/scenario/live_changes/step"] =
        bytes_of_field<std::int64_t>(changes, [](const LiveChange& c) { return c.step; });
    std::vector<std::string> keys;
    for (const auto& change : changes) keys.push_back(change.key);
    expected["/scenario/live_changes/key"] = bytes_of_strings(keys);
    expected["/scenario/live_changes/value"] =
        bytes_of_field<double>(changes, [](const LiveChange& c) { return c.value; });
    expected["/city/nodes/x_m"] = bytes_of(city.node_x_m());
    expected["/city/nodes/y_m"] = bytes_of(city.node_y_m());
    expected["/city/segments/from"] = bytes_of(city.segment_from());
    expected["/city/segments/to"] = bytes_of(city.segment_to());
    expected["/city/segments/length_m"] = bytes_of(city.segment_length_m());
    expected["/city/segments/road_class"] = bytes_of(city.segment_road_class());
    expected["/city/segments/lux"] = bytes_of(city.segment_lux());
    expected["/city/segments/land_use"] = bytes_of(city.segment_land_use());
    expected["/city/segments/district"] = bytes_of(city.segment_district());
    expected["/city/segments/name"] = bytes_of(city.segment_name());
    expected["/city/street_names"] = bytes_of_strings(city.street_names());
    std::vector<std::string> district_names, place_names;
    for (const auto& district : city.districts()) district_names.push_back(district.name);
    for (const auto& place : city.places()) place_names.push_back(place.name);
    expected["/city/districts/name"] = bytes_of_strings(district_names);
    expected["/city/districts/land_use"] =
        bytes_of_field<std::uint8_t>(city.districts(), [](const District& d) { return d.land_use; });
    expected["/city/places/kind"] = bytes_of_field<std::uint8_t>(city.places(), [](const Place& p) { return p.kind; });
    expected["/city/places/node"] = bytes_of_field<std::uint32_t>(city.places(), [](const Place& p) { return p.node; });
    expected["/city/places/segment"] =
        bytes_of_field<std::uint32_t>(city.places(), [](const Place& p) { return p.segment; });
    expected["/city/places/name"] = bytes_of_strings(place_names);

    const std::size_t hours = result.hourly.empty() ? 0 : result.hourly.front().values.size();
    std::vector<std::uint32_t> hour, day;
    std::vector<std::uint8_t> hour_of_day;
    for (std::uint32_t h = 0; h < hours; ++h) {
        hour.push_back(h);
        day.push_back(h / 24);
        hour_of_day.push_back(static_cast<std::uint8_t>(h % 24));
    }
    expected["/timeseries/hour"] = bytes_of(hour);
    expected["/timeseries/day"] = bytes_of(day);
    expected["/timeseries/hour_of_day"] = bytes_of(hour_of_day);
    for (const auto& column : result.hourly) expected["/timeseries/" + column.name] = bytes_of(column.values);

    const auto& crimes = result.crimes;
    const std::int64_t step_s = result.step_s;
    expected["/events/crimes/step"] = bytes_of_field<std::uint32_t>(crimes, [](const CrimeEvent& c) { return c.step; });
    expected["/events/crimes/time_s"] =
        bytes_of_field<std::int64_t>(crimes, [&](const CrimeEvent& c) { return c.step * step_s; });
    expected["/events/crimes/day"] =
        bytes_of_field<std::uint32_t>(crimes, [&](const CrimeEvent& c) { return c.step * step_s / 86400; });
    expected["/events/crimes/hour_of_day"] =
        bytes_of_field<std::uint8_t>(crimes, [&](const CrimeEvent& c) { return c.step * step_s % 86400 / 3600; });
    expected["/events/crimes/node"] = bytes_of_field<std::uint32_t>(crimes, [](const CrimeEvent& c) { return c.node; });
    expected["/events/crimes/segment"] =
        bytes_of_field<std::uint32_t>(crimes, [](const CrimeEvent& c) { return c.segment; });
    expected["/events/crimes/type"] = bytes_of_field<std::uint8_t>(crimes, [](const CrimeEvent& c) { return c.type; });
    expected["/events/crimes/offender"] =
        bytes_of_field<std::uint32_t>(crimes, [](const CrimeEvent& c) { return c.offender; });
    expected["/events/crimes/victim"] =
        bytes_of_field<std::uint32_t>(crimes, [](const CrimeEvent& c) { return c.victim; });
    expected["/events/crimes/reported"] =
        bytes_of_field<std::uint8_t>(crimes, [](const CrimeEvent& c) { return c.reported; });
    expected["/events/crimes/journey_m"] =
        bytes_of_field<float>(crimes, [](const CrimeEvent& c) { return c.journey_m; });
    expected["/segments/crime_count"] = bytes_of(result.segment_crime_count);
    expected["/nodes/crime_count"] = bytes_of(result.node_crime_count);
    return expected;
}

void check_round_trip(const fs::path& file, const RunResult& result) {
    const auto expected = expected_datasets(result);
    std::vector<std::string> expected_paths;
    for (const auto& [path, bytes] : expected) expected_paths.push_back(path);
    REQUIRE(list_run_file_datasets(file) == expected_paths);
    for (const auto& [path, bytes] : expected) {
        INFO(path);
        CHECK(read_dataset_raw(file, path) == bytes);
    }
}

// Reads one string attribute with the plain C API, the way a third-party tool would.
std::string read_string_attribute(const fs::path& file, const char* object, const char* name) {
    hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    hid_t attr = H5Aopen_by_name(f, object, name, H5P_DEFAULT, H5P_DEFAULT);
    hid_t type = H5Aget_type(attr);
    char* value = nullptr;
    H5Aread(attr, type, &value);
    std::string text = value ? value : "<null>";
    H5free_memory(value);
    H5Tclose(type);
    H5Aclose(attr);
    H5Fclose(f);
    return text;
}

}  // namespace

TEST_CASE("a run file holds every dataset of the result, value for value", "[io][run_file]") {
    const TestFolder scratch("round-trip");
    const fs::path& folder = scratch.path();
    const City city = make_grid_city(3);
    const RunResult result = make_result(city, 5, 30);
    const fs::path file = folder / "run.h5";
    write_run_file(file, result);
    REQUIRE(fs::is_regular_file(file));
    CHECK_FALSE(has_temp_files(folder));
    check_round_trip(file, result);

    const RunFileInfo info = read_run_file_info(file);
    CHECK(info.format_version == run_file_format_version);
    CHECK(info.streetwise_version == "0.1.0-test");
    CHECK(info.scenario_name == "test scenario");
    CHECK(info.scenario_path == "scenarios/test.yaml");
    CHECK(info.seed == 0xfedcba9876543210ull);
    CHECK(info.city_name == "grid-3");
    CHECK(info.city_fingerprint == city.fingerprint_hex());
    CHECK(info.steps == 30 * 60);
    CHECK(info.step_s == 60);
    CHECK(info.residents == 1000);
    CHECK(info.offenders == 20);
    CHECK(info.police_units == 3);
    CHECK(info.node_count == 9);
    CHECK(info.segment_count == 12);
    CHECK(info.hours == 30);
    CHECK(info.timeseries_columns == std::vector<std::string>{"residents_outside", "mean_insecurity"});
    CHECK(info.crime_count == 5);
    REQUIRE(info.crime_type_names.size() == crime_type_count);
    CHECK(info.crime_type_names[1] == "robbery");
    CHECK(info.crimes_by_type == std::vector<std::uint64_t>{1, 1, 1, 1, 1, 0});

    // Attributes a viewer or notebook relies on, read through the plain C API.
    CHECK(read_string_attribute(file, "/", "format") == "streetwise-run");
    CHECK(read_string_attribute(file, "/city/segments/length_m", "unit") == "m");
    CHECK(read_string_attribute(file, "/timeseries/residents_outside", "description") ==
          "residents on the street, mean over the hour");
}

TEST_CASE("large columns are compressed and still read back exactly", "[io][run_file]") {
    const TestFolder scratch("large");
    const fs::path& folder = scratch.path();
    const City city = make_grid_city(60);  // 3600 nodes, 7080 segments: chunked and compressed
    const RunResult result = make_result(city, 3000, 24 * 7);
    const fs::path file = folder / "large.h5";
    write_run_file(file, result);
    check_round_trip(file, result);
    // Shuffle + deflate must actually shrink the mostly-regular test data.
    std::uintmax_t raw_bytes = 0;
    for (const auto& [path, bytes] : expected_datasets(result)) raw_bytes += bytes.size();
    CHECK(fs::file_size(file) < raw_bytes);
}

TEST_CASE("a run without crimes, series, districts or places gives empty columns", "[io][run_file]") {
    const TestFolder scratch("empty");
    const fs::path& folder = scratch.path();
    const City city = test::make_two_node_city();
    const RunResult result = test::make_empty_result(city);
    const fs::path file = folder / "empty.h5";
    write_run_file(file, result);
    check_round_trip(file, result);
    CHECK(read_dataset_raw(file, "/events/crimes/step").empty());
    const RunFileInfo info = read_run_file_info(file);
    CHECK(info.crime_count == 0);
    CHECK(info.hours == 0);
    CHECK(info.timeseries_columns.empty());
    CHECK(info.crime_type_names.empty());
}

TEST_CASE("writing the same result twice gives byte-identical files", "[io][run_file]") {
    const TestFolder scratch("identical");
    const fs::path& folder = scratch.path();
    const City city = make_grid_city(40);
    const RunResult result = make_result(city, 2000, 48);
    write_run_file(folder / "a.h5", result);
    // HDF5 timestamps have one-second resolution: wait past a tick so stored times would differ.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    write_run_file(folder / "b.h5", result);
    const std::string a = test::read_bytes(folder / "a.h5");
    const std::string b = test::read_bytes(folder / "b.h5");
    REQUIRE(a.size() > 0);
    CHECK(a.size() == b.size());
    CHECK(a == b);

    // Overwriting an existing file gives the same bytes too (no leftovers from the old file).
    RunResult bigger = make_result(city, 4000, 96);
    write_run_file(folder / "c.h5", bigger);
    write_run_file(folder / "c.h5", result);
    CHECK(test::read_bytes(folder / "c.h5") == a);
}

TEST_CASE("a failed write leaves an existing run file intact and no temporary file", "[io][run_file]") {
    const TestFolder scratch("failed-write");
    const fs::path& folder = scratch.path();
    const City city = make_grid_city(3);
    const RunResult good = make_result(city, 5, 30);
    const fs::path file = folder / "run.h5";
    write_run_file(file, good);
    const std::string before = test::read_bytes(file);

    SECTION("an inconsistent result is rejected before anything is written") {
        RunResult bad = good;
        bad.segment_crime_count.pop_back();
        CHECK_THROWS_AS(write_run_file(file, bad), std::invalid_argument);
        bad = good;
        bad.hourly[1].values.pop_back();
        CHECK_THROWS_AS(write_run_file(file, bad), std::invalid_argument);
        bad = good;
        bad.crimes[2].type = 200;
        CHECK_THROWS_AS(write_run_file(file, bad), std::invalid_argument);
        bad = good;
        bad.hourly[0].name = "hour";
        CHECK_THROWS_AS(write_run_file(file, bad), std::invalid_argument);
        bad = good;
        bad.city = nullptr;
        CHECK_THROWS_AS(write_run_file(file, bad), std::invalid_argument);
    }
    SECTION("a full disk fails the write and removes the temporary file") {
        // The temporary name leads to /dev/full, where every write fails with ENOSPC.
        fs::create_symlink("/dev/full", folder / "run.h5.tmp");
        try {
            write_run_file(file, make_result(city, 500, 300));
            FAIL("writing to a full disk succeeded");
        } catch (const InputError& error) {
            CHECK(error.file() == file.string());
            CHECK(error.key() == "-o/--output");
            CHECK_THAT(error.problem(), Catch::Contains("No space left on device"));
        }
        CHECK_FALSE(fs::exists(fs::symlink_status(folder / "run.h5.tmp")));
    }
    CHECK(test::read_bytes(file) == before);
    CHECK_FALSE(has_temp_files(folder));
    check_round_trip(file, good);
}

TEST_CASE("a folder at the target path fails the write without leaving a temporary file", "[io][run_file]") {
    const TestFolder scratch("target-folder");
    const fs::path& folder = scratch.path();
    const City city = make_grid_city(3);
    fs::create_directory(folder / "run.h5");
    fs::create_directory(folder / "run.h5" / "inside");
    CHECK_THROWS_AS(write_run_file(folder / "run.h5", make_result(city, 5, 30)), InputError);
    CHECK(fs::is_directory(folder / "run.h5" / "inside"));
    CHECK_FALSE(has_temp_files(folder));
}

TEST_CASE("a leftover temporary file from an interrupted run is replaced", "[io][run_file]") {
    const TestFolder scratch("stale-temp");
    const fs::path& folder = scratch.path();
    const City city = make_grid_city(3);
    test::write_bytes(folder / "run.h5.tmp", "half a file from a run that was killed");
    write_run_file(folder / "run.h5", make_result(city, 5, 30));
    check_round_trip(folder / "run.h5", make_result(city, 5, 30));
    CHECK_FALSE(has_temp_files(folder));
}

TEST_CASE("check_output_path accepts writable places and names the problem otherwise", "[io][run_file]") {
    const TestFolder scratch("output-path");
    const fs::path& folder = scratch.path();
    auto problem_of = [](const fs::path& file) -> std::string {
        try {
            check_output_path(file);
        } catch (const InputError& error) {
            CHECK(error.file() == file.string());
            CHECK(error.line() == 0);
            CHECK(error.key() == "-o/--output");
            CHECK_FALSE(error.hint().empty());
            return error.problem();
        }
        return "";
    };

    CHECK(problem_of(folder / "new.h5") == "");
    test::write_bytes(folder / "existing.h5", "old run");
    CHECK(problem_of(folder / "existing.h5") == "");  // replaced when the run completes
    CHECK_FALSE(has_temp_files(folder));              // the probe file is gone

    CHECK_THAT(problem_of(folder / "missing" / "run.h5"), Catch::Contains("does not exist"));
    test::write_bytes(folder / "plain-file", "x");
    CHECK_THAT(problem_of(folder / "plain-file" / "run.h5"), Catch::Contains("is not a folder"));
    fs::create_directory(folder / "a-folder");
    CHECK_THAT(problem_of(folder / "a-folder"), Catch::Contains("is an existing folder"));
    CHECK_THAT(problem_of(folder / "a-folder" / ""), Catch::Contains("folder"));
    CHECK_THAT(problem_of(""), Catch::Contains("no output file"));
}

TEST_CASE("reading something that is not a run file is an InputError naming the file", "[io][run_file]") {
    const TestFolder scratch("bad-read");
    const fs::path& folder = scratch.path();
    auto expect_input_error = [](const fs::path& file, const std::string& problem_part) {
        INFO(file.string());
        for (int call = 0; call < 3; ++call) {
            try {
                if (call == 0) read_run_file_info(file);
                if (call == 1) list_run_file_datasets(file);
                if (call == 2) read_dataset_raw(file, "/events/crimes/step");
                FAIL("no error");
            } catch (const InputError& error) {
                CHECK(error.file() == file.string());
                CHECK_THAT(error.problem(), Catch::Contains(problem_part));
                CHECK_FALSE(error.hint().empty());
            }
        }
    };

    expect_input_error(folder / "nothing-here.h5", "no such file");
    test::write_bytes(folder / "garbage.h5", std::string(5000, 'x'));
    expect_input_error(folder / "garbage.h5", "not an HDF5 file");
    test::write_bytes(folder / "empty.h5", "");
    expect_input_error(folder / "empty.h5", "not an HDF5 file");

    // A real run file cut short, as by an interrupted copy.
    const City city = make_grid_city(20);
    write_run_file(folder / "whole.h5", make_result(city, 500, 48));
    const std::string whole = test::read_bytes(folder / "whole.h5");
    for (std::size_t keep : {whole.size() / 2, whole.size() - 100}) {
        test::write_bytes(folder / "truncated.h5", whole.substr(0, keep));
        expect_input_error(folder / "truncated.h5", "");
    }

    // An HDF5 file from another program.
    hid_t other = H5Fcreate((folder / "other.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    REQUIRE(other >= 0);
    H5Fclose(other);
    expect_input_error(folder / "other.h5", "not a streetwise run file");

    // A run file from a future streetwise.
    fs::copy_file(folder / "whole.h5", folder / "future.h5");
    {
        hid_t f = H5Fopen((folder / "future.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        hid_t attr = H5Aopen(f, "format_version", H5P_DEFAULT);
        std::uint32_t version = run_file_format_version + 1;
        H5Awrite(attr, H5T_NATIVE_UINT32, &version);
        H5Aclose(attr);
        H5Fclose(f);
    }
    expect_input_error(folder / "future.h5", "newer streetwise");

    // Asking for a dataset that is not there.
    CHECK_THROWS_AS(read_dataset_raw(folder / "whole.h5", "/no/such/dataset"), InputError);
}

TEST_CASE("write time of a city-sized run file", "[.][perf][io]") {
    const TestFolder scratch("perf");
    const fs::path& folder = scratch.path();
    const City city = make_grid_city(200, true);  // 40k nodes, 80k segments
    RunResult result = make_result(city, 6000, 24 * 7);
    std::mt19937 random(11);
    for (auto& crime : result.crimes) {
        crime.node = static_cast<std::uint32_t>(random() % city.node_count());
        crime.segment = static_cast<std::uint32_t>(random() % city.segment_count());
        crime.victim = static_cast<std::uint32_t>(random() % 100000);
    }
    for (int i = 0; i < 20; ++i) {
        TimeSeriesColumn column = result.hourly[0];
        column.name = "series_" + std::to_string(i);
        result.hourly.push_back(column);
    }
    result.residents = 100000;
    for (int repeat = 0; repeat < 5; ++repeat) {
        auto start = std::chrono::steady_clock::now();
        write_run_file(folder / "perf.h5", result);
        auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        WARN("write " << repeat << ": " << seconds * 1000 << " ms, " << fs::file_size(folder / "perf.h5") / 1024
                      << " KiB");
    }
}

TEST_CASE("a short2008 run file: model attribute, anonymous offenders, sites as victims", "[io][run_file][short2008]") {
    const TestFolder scratch("short2008");
    const City city = make_grid_city(4);  // 16 nodes
    RunResult result = make_result(city, 0, 3);
    result.model = "short2008";
    result.residents = 0;
    result.police_units = 0;
    result.offenders = 0;  // every burglar may have left by the end
    for (std::uint32_t node = 0; node < city.node_count(); ++node) {
        result.crimes.push_back({node * 5, node, 0, static_cast<std::uint8_t>(CrimeType::burglary), 0, node});
        ++result.segment_crime_count[0];
        ++result.node_crime_count[node];
    }
    const fs::path file = scratch.path() / "lattice.h5";
    write_run_file(file, result);
    const RunFileContents read = read_run_file(file);
    CHECK(read.info.model == "short2008");
    REQUIRE(read.crimes.size() == city.node_count());
    CHECK(read.crimes.back().victim == city.node_count() - 1);

    RunResult bad = result;
    bad.crimes[3].offender = 1;
    CHECK_THROWS_AS(write_run_file(scratch.path() / "bad.h5", bad), std::invalid_argument);
    bad = result;
    bad.crimes[3].victim = city.node_count();
    CHECK_THROWS_AS(write_run_file(scratch.path() / "bad.h5", bad), std::invalid_argument);
    bad = result;
    bad.model = "lattice";
    CHECK_THROWS_AS(write_run_file(scratch.path() / "bad.h5", bad), std::invalid_argument);
    // A streets run with the same crimes is refused: no residents to be victims.
    bad = result;
    bad.model = "streets";
    CHECK_THROWS_AS(write_run_file(scratch.path() / "bad.h5", bad), std::invalid_argument);
    // Agent-model files carry no model attribute and read as streets.
    write_run_file(scratch.path() / "streets.h5", make_result(city, 5, 3));
    CHECK(read_run_file_info(scratch.path() / "streets.h5").model == "streets");
}
