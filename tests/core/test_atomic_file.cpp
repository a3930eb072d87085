// Writing a file so that it is either its old self or complete (sim/core/atomic_file.hpp).
#include <catch2/catch.hpp>

#include <filesystem>

#include "sim/core/atomic_file.hpp"
#include "sim/core/input_error.hpp"
#include "test_support.hpp"

using namespace streetwise;
namespace fs = std::filesystem;

TEST_CASE("write_file_atomically writes or replaces a whole file, or names it in an error", "[core][atomic]") {
    const test::ScratchDir dir("atomic-write");
    write_file_atomically(dir / "series.csv", "hour\n0\n");
    CHECK(test::read_bytes(dir / "series.csv") == "hour\n0\n");
    write_file_atomically(dir / "series.csv", "");
    CHECK(test::read_bytes(dir / "series.csv").empty());
    CHECK_FALSE(fs::exists(dir / "series.csv.tmp"));

    const fs::path nowhere = dir / "missing" / "series.csv";
    try {
        write_file_atomically(nowhere, "x");
        FAIL("the write succeeded");
    } catch (const InputError& error) {
        CHECK(error.file() == nowhere.string());
        CHECK(error.key().empty());
        CHECK_THAT(error.problem(), Catch::Contains("No such file or directory"));
    }
}

TEST_CASE("write_file_atomically names the option that gave the file, and leaves the old file whole", "[core][atomic]") {
    const test::ScratchDir dir("atomic-keep");
    write_file_atomically(dir / "targets.yaml", "old\n", "-o/--output");
    // A folder where the temporary file would go: creating it fails, the old file stays as it was.
    fs::create_directory(dir / "targets.yaml.tmp");
    try {
        write_file_atomically(dir / "targets.yaml", "new\n", "-o/--output");
        FAIL("the write succeeded");
    } catch (const InputError& error) {
        CHECK(error.key() == "-o/--output");
    }
    CHECK(test::read_bytes(dir / "targets.yaml") == "old\n");
    CHECK(fs::is_directory(dir / "targets.yaml.tmp"));  // never removes a folder it did not create
}
