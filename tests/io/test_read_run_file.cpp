// Reading a whole run file back (read_run_file, for the visualiser's replay): everything written
// comes back field by field, old files without live changes still read, and damaged, truncated or
// edited files give an InputError naming the dataset, never a crash or a silently wrong city.
#include <catch2/catch.hpp>

#include <hdf5.h>

#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "io/run_file_fixtures.hpp"
#include "sim/core/input_error.hpp"
#include "sim/io/run_file.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace streetwise;
using test::make_grid_city;
using test::make_result;

namespace {

// Edits a run file in place through the plain HDF5 C API, the way a damaged copy or another
// program's file would differ from what streetwise writes.
class Hdf5Edit {
public:
    explicit Hdf5Edit(const fs::path& file) : file_(H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT)) {
        REQUIRE(file_ >= 0);
    }
    ~Hdf5Edit() { H5Fclose(file_); }
    Hdf5Edit(const Hdf5Edit&) = delete;
    Hdf5Edit& operator=(const Hdf5Edit&) = delete;

    void remove(const char* path) { REQUIRE(H5Ldelete(file_, path, H5P_DEFAULT) >= 0); }

    void remove_attribute(const char* object, const char* name) {
        REQUIRE(H5Adelete_by_name(file_, object, name, H5P_DEFAULT) >= 0);
    }

    // Replaces a dataset by one of `type` (a native type) holding `values`, shaped `dims`.
    template <class T>
    void replace(const char* path, hid_t type, const std::vector<T>& values, std::vector<hsize_t> dims = {}) {
        if (dims.empty()) dims = {values.size()};
        remove(path);
        hid_t space = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
        hid_t dataset = H5Dcreate2(file_, path, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        REQUIRE(dataset >= 0);
        if (!values.empty()) REQUIRE(H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
        H5Dclose(dataset);
        H5Sclose(space);
    }

    // Reads a whole numeric column as T (native `type`), lets `change` edit it, writes it back.
    template <class T>
    void change(const char* path, hid_t type, const std::function<void(std::vector<T>&)>& edit) {
        hid_t dataset = H5Dopen2(file_, path, H5P_DEFAULT);
        REQUIRE(dataset >= 0);
        hid_t space = H5Dget_space(dataset);
        std::vector<T> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
        REQUIRE(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
        edit(values);
        REQUIRE(H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
        H5Sclose(space);
        H5Dclose(dataset);
    }

private:
    hid_t file_;
};

// read_run_file must throw an InputError naming `file`, with `key` and a problem containing
// `problem_part`, and a hint saying what to do.
void expect_read_error(const fs::path& file, const std::string& key, const std::string& problem_part) {
    try {
        read_run_file(file);
        FAIL("read_run_file accepted the file");
    } catch (const InputError& error) {
        INFO(error.what());
        CHECK(error.file() == file.string());
        CHECK(error.key() == key);
        CHECK_THAT(error.problem(), Catch::Contains(problem_part));
        CHECK_THAT(error.hint(), Catch::Contains("re-run the scenario"));
    }
}

}  // namespace

TEST_CASE("read_run_file gives back every field that was written", "[io][run_file][read]") {
    const test::ScratchDir dir("read-back");
    SECTION("a small run") {
        const City city = make_grid_city(3);
        const RunResult result = make_result(city, 5, 30);
        write_run_file(dir / "run.h5", result);
        test::check_same_as_result(read_run_file(dir / "run.h5"), result);
    }
    SECTION("a large run, whose columns are compressed") {
        const City city = make_grid_city(60, true);
        const RunResult result = make_result(city, 3000, 24 * 7);
        write_run_file(dir / "run.h5", result);
        test::check_same_as_result(read_run_file(dir / "run.h5"), result);
    }
    SECTION("a run with the crime table left out") {
        const City city = make_grid_city(4);
        RunResult result = make_result(city, 20, 24);
        result.write_crime_events = false;
        write_run_file(dir / "run.h5", result);
        const RunFileContents contents = read_run_file(dir / "run.h5");
        CHECK(contents.crime_events_omitted);
        CHECK(contents.crimes.empty());
        test::check_same_as_result(contents, result);
    }
    SECTION("a run without crimes, series, districts, places or live changes") {
        const City city = test::make_two_node_city();
        const RunResult result = test::make_empty_result(city);
        write_run_file(dir / "run.h5", result);
        const RunFileContents contents = read_run_file(dir / "run.h5");
        test::check_same_as_result(contents, result);
        CHECK(contents.hourly.empty());
        CHECK(contents.live_changes.empty());
    }
}

TEST_CASE("live changes are written as a table and read back", "[io][run_file][read]") {
    const test::ScratchDir dir("live-changes");
    const City city = make_grid_city(3);
    RunResult result = make_result(city, 5, 30);
    result.live_changes = {{10, "offenders.base_probability", 0.0025}, {10, "police.units", 4.0},
                           {1799, "offenders.dark_multiplier", 1.0 / 3.0}};
    write_run_file(dir / "run.h5", result);
    CHECK(read_run_file_info(dir / "run.h5").live_change_count == 3);
    const RunFileContents contents = read_run_file(dir / "run.h5");
    REQUIRE(contents.live_changes.size() == 3);
    CHECK(contents.live_changes[1].step == 10);
    CHECK(contents.live_changes[1].key == "police.units");
    CHECK(contents.live_changes[2].value == 1.0 / 3.0);

    SECTION("a change must name a key and lie within the run, in step order") {
        RunResult bad = result;
        bad.live_changes[0].key.clear();
        CHECK_THROWS_AS(write_run_file(dir / "bad.h5", bad), std::invalid_argument);
        bad = result;
        bad.live_changes[2].step = result.steps + 1;
        CHECK_THROWS_AS(write_run_file(dir / "bad.h5", bad), std::invalid_argument);
        bad = result;
        bad.live_changes[1].step = 9;
        CHECK_THROWS_AS(write_run_file(dir / "bad.h5", bad), std::invalid_argument);
        CHECK_FALSE(fs::exists(dir / "bad.h5"));
    }
    SECTION("a version-1 file written before the table existed reads as having no live changes") {
        {
            Hdf5Edit edit(dir / "run.h5");
            edit.remove("/scenario/live_changes");
        }
        CHECK(read_run_file_info(dir / "run.h5").live_change_count == 0);
        const RunFileContents old = read_run_file(dir / "run.h5");
        CHECK(old.info.format_version == 1);
        CHECK(old.live_changes.empty());
        CHECK(old.crimes.size() == 5);
    }
}

TEST_CASE("a run file whose datasets are missing, mistyped, mis-sized or out of range is an InputError naming the "
          "dataset",
          "[io][run_file][read]") {
    const test::ScratchDir dir("read-bad");
    const City city = make_grid_city(4);
    const RunResult result = make_result(city, 40, 30);
    write_run_file(dir / "good.h5", result);
    const fs::path file = dir / "edited.h5";
    const auto nodes = city.node_count();
    const auto segments = city.segment_count();
    // Each case edits a fresh copy of the good file.
    auto edited = [&](const std::function<void(Hdf5Edit&)>& edit) {
        fs::copy_file(dir / "good.h5", file, fs::copy_options::overwrite_existing);
        Hdf5Edit editor(file);
        edit(editor);
    };

    SECTION("missing datasets") {
        for (const char* path : {"/city/segments/lux", "/city/nodes/y_m", "/scenario/resolved_yaml",
                                 "/scenario/live_changes/key", "/events/crimes/victim", "/timeseries/mean_insecurity",
                                 "/segments/crime_count", "/city/places/name"}) {
            INFO(path);
            edited([&](Hdf5Edit& edit) { edit.remove(path); });
            expect_read_error(file, path, "is missing");
        }
    }
    SECTION("a column of the wrong type") {
        edited([&](Hdf5Edit& edit) {
            edit.replace("/city/segments/from", H5T_NATIVE_DOUBLE, std::vector<double>(segments, 0.0));
        });
        expect_read_error(file, "/city/segments/from", "holds float64 values; expected uint32");
        edited([&](Hdf5Edit& edit) {
            edit.replace("/city/street_names", H5T_NATIVE_UINT8, std::vector<std::uint8_t>(3, 0));
        });
        expect_read_error(file, "/city/street_names", "expected string");
        edited([&](Hdf5Edit& edit) {
            edit.replace("/scenario/live_changes/step", H5T_NATIVE_INT32, std::vector<std::int32_t>(3, 0));
        });
        expect_read_error(file, "/scenario/live_changes/step", "holds int32 values; expected int64");
    }
    SECTION("a column of the wrong length or shape") {
        edited([&](Hdf5Edit& edit) {
            edit.replace("/city/nodes/y_m", H5T_NATIVE_DOUBLE, std::vector<double>(nodes - 1, 0.0));
        });
        expect_read_error(file, "/city/nodes/y_m", "has 15 rows but /city/nodes/x_m has 16");
        edited([&](Hdf5Edit& edit) {
            edit.replace("/timeseries/mean_insecurity", H5T_NATIVE_DOUBLE, std::vector<double>(29, 0.5));
        });
        expect_read_error(file, "/timeseries/mean_insecurity", "has 29 rows");
        edited([&](Hdf5Edit& edit) {
            edit.replace("/segments/crime_count", H5T_NATIVE_UINT32, std::vector<std::uint32_t>(segments + 1, 0));
        });
        expect_read_error(file, "/segments/crime_count", "rows");
        edited([&](Hdf5Edit& edit) {
            edit.replace("/events/crimes/offender", H5T_NATIVE_UINT32, std::vector<std::uint32_t>(39, 0));
        });
        expect_read_error(file, "/events/crimes/offender", "has 39 rows but /events/crimes/step has 40");
        edited([&](Hdf5Edit& edit) {
            edit.replace("/nodes/crime_count", H5T_NATIVE_UINT32, std::vector<std::uint32_t>(nodes, 0),
                         {nodes / 2, 2});
        });
        expect_read_error(file, "/nodes/crime_count", "2 dimensions");
        // A row count far beyond the stored bytes (as damaged metadata would claim) is refused
        // before anything is allocated for it.
        edited([&](Hdf5Edit& edit) {
            edit.replace("/city/nodes/x_m", H5T_NATIVE_DOUBLE, std::vector<double>{}, {hsize_t{1} << 40});
        });
        expect_read_error(file, "/city/nodes/x_m", "more than its stored data holds");
    }
    SECTION("an id outside the table it points into") {
        edited([&](Hdf5Edit& edit) {
            edit.change<std::uint32_t>("/events/crimes/segment", H5T_NATIVE_UINT32,
                                       [&](auto& v) { v[3] = segments; });
        });
        expect_read_error(file, "/events/crimes/segment", "row 3 of /events/crimes/segment is 24 but /city/segments");
        edited([&](Hdf5Edit& edit) {
            edit.change<std::uint32_t>("/events/crimes/node", H5T_NATIVE_UINT32, [&](auto& v) { v[0] = 1000000; });
        });
        expect_read_error(file, "/events/crimes/node", "/city/nodes has only 16 rows");
        edited([&](Hdf5Edit& edit) {
            edit.change<std::uint32_t>("/events/crimes/victim", H5T_NATIVE_UINT32,
                                       [&](auto& v) { v[1] = result.residents; });
        });
        expect_read_error(file, "/events/crimes/victim", "the run had only 1000 residents");
        edited([&](Hdf5Edit& edit) {
            edit.change<std::uint32_t>("/events/crimes/step", H5T_NATIVE_UINT32,
                                       [&](auto& v) { v.back() = static_cast<std::uint32_t>(result.steps); });
        });
        expect_read_error(file, "/events/crimes/step", "the run's steps are 0 to 1799");
        edited([&](Hdf5Edit& edit) {
            edit.change<std::uint32_t>("/city/segments/to", H5T_NATIVE_UINT32, [&](auto& v) { v[2] = nodes; });
        });
        expect_read_error(file, "/city/segments/to", "/city/nodes has only 16 rows");
        edited([&](Hdf5Edit& edit) {
            edit.change<std::uint32_t>("/city/places/segment", H5T_NATIVE_UINT32, [&](auto& v) { v[0] = segments; });
        });
        expect_read_error(file, "/city/places/segment", "/city/segments has only 24 rows");
        edited([&](Hdf5Edit& edit) {
            edit.change<std::uint8_t>("/city/segments/road_class", H5T_NATIVE_UINT8, [&](auto& v) { v[0] = 10; });
        });
        expect_read_error(file, "/city/segments/road_class", "its 'names' attribute names only 10 codes");
        edited([&](Hdf5Edit& edit) {
            edit.change<std::int64_t>("/scenario/live_changes/step", H5T_NATIVE_INT64,
                                      [&](auto& v) { v[1] = result.steps + 1; });
        });
        expect_read_error(file, "/scenario/live_changes/step", "in order");
    }
    SECTION("a map that no longer reproduces the city fingerprint") {
        edited([&](Hdf5Edit& edit) {
            edit.change<double>("/city/nodes/x_m", H5T_NATIVE_DOUBLE, [](auto& v) { v[5] += 0.001; });
        });
        expect_read_error(file, "/city", "does not reproduce the file's city_fingerprint");
        edited([&](Hdf5Edit& edit) {
            edit.change<float>("/city/segments/lux", H5T_NATIVE_FLOAT, [](auto& v) { v[0] = 99.0f; });
        });
        expect_read_error(file, "/city", "city_fingerprint");
    }
    SECTION("derived columns and enumeration names that disagree") {
        edited([&](Hdf5Edit& edit) {
            edit.change<std::int64_t>("/events/crimes/time_s", H5T_NATIVE_INT64, [](auto& v) { v[7] += 60; });
        });
        expect_read_error(file, "/events/crimes/time_s", "does not match its step");
        edited([&](Hdf5Edit& edit) { edit.remove_attribute("/city/places/kind", "names"); });
        expect_read_error(file, "/city/places/kind", "no 'names' attribute");
    }
}

TEST_CASE("truncated run files and damaged map bytes give an InputError", "[io][run_file][read]") {
    const test::ScratchDir dir("read-damaged");
    const City city = make_grid_city(30, true);  // large enough that some columns are compressed
    const RunResult result = make_result(city, 2000, 48);
    write_run_file(dir / "whole.h5", result);
    const std::string whole = test::read_bytes(dir / "whole.h5");
    const fs::path file = dir / "damaged.h5";

    SECTION("cut short anywhere") {
        for (std::size_t keep = 0; keep < whole.size(); keep += whole.size() / 37 + 1) {
            INFO("kept " << keep << " of " << whole.size() << " bytes");
            test::write_bytes(file, whole.substr(0, keep));
            CHECK_THROWS_AS(read_run_file(file), InputError);
        }
        test::write_bytes(file, whole.substr(0, whole.size() - 1));
        CHECK_THROWS_AS(read_run_file(file), InputError);
    }
    SECTION("bytes of the map overwritten") {
        // Find the node x coordinates in the file (stored contiguous, uncompressed at this size:
        // 900 nodes) and damage one of them.
        std::string x_bytes(reinterpret_cast<const char*>(city.node_x_m().data()), city.node_count() * sizeof(double));
        const std::size_t at = whole.find(x_bytes);
        REQUIRE(at != std::string::npos);
        std::string damaged = whole;
        damaged[at + 8 * 100 + 3] = static_cast<char>(damaged[at + 8 * 100 + 3] ^ 0x5a);
        test::write_bytes(file, damaged);
        expect_read_error(file, "/city", "city_fingerprint");
    }
}
