// Fuzz target for the OpenStreetMap importer (import_osm) and the street graph built from what it
// imports (City::build keeping the largest component, as import_osm_city does for every run).
//
// Input: the bytes of an extract. The importer picks the format by file name, so the target names
// the file by the bytes: a first byte 0 (the high byte of a PBF file's first BlobHeader length)
// makes it scratch/fuzz.osm.pbf, anything else scratch/fuzz.osm (XML). Corpus files are therefore
// plain extracts that osmium tools read too.
//
// Expected outcomes: a City, or an InputError with file, problem and hint. Anything else escaping
// (std::invalid_argument from City::build is a bug in the importer: the draft it made was not
// buildable), or a sanitizer report, is a finding. The built city must also be consistent: every
// segment joins two existing nodes, every place lies on an existing segment and node, every segment
// has a positive finite length.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include <unistd.h>

#include "sim/city/city.hpp"
#include "sim/city/osm_import.hpp"
#include "sim/core/input_error.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace streetwise;

[[noreturn]] void inconsistent(const char* what) {
    std::fprintf(stderr, "streetwise fuzz: imported city is inconsistent: %s\n", what);
    std::abort();
}

void check_city(const City& city) {
    const std::uint32_t nodes = city.node_count();
    const std::uint32_t segments = city.segment_count();
    if (nodes == 0 || segments == 0) inconsistent("no nodes or no segments");
    for (std::uint32_t s = 0; s < segments; ++s) {
        if (city.segment_from()[s] >= nodes || city.segment_to()[s] >= nodes) inconsistent("segment end out of range");
        const float length_m = city.segment_length_m()[s];
        if (!(length_m > 0.0f) || !std::isfinite(length_m)) inconsistent("segment length not positive and finite");
    }
    for (const Place& place : city.places())
        if (place.segment >= segments || place.node >= nodes) inconsistent("place off the street network");
    if (city.districts().empty()) inconsistent("no district");
}

// libosmium 2.19 leaks the descriptor of a PBF file whose parsing fails: PBFParser::run closes it
// only after a successful parse. Harmless for a command that reads one map and exits, but the
// fuzzer reads millions and would run out of descriptors, so it closes what was left open on its
// input. (A finding in libosmium, not in our importer: tests/fuzz/README.md.)
void close_leaked_descriptors(const std::filesystem::path& file) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
        std::error_code ignored;
        if (std::filesystem::read_symlink(entry.path(), ignored) == file) ::close(std::stoi(entry.path().filename()));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const bool pbf = size > 0 && data[0] == 0;
    const auto file = fuzz::scratch_dir() / (pbf ? "fuzz.osm.pbf" : "fuzz.osm");
    fuzz::write_file(file, std::string_view(reinterpret_cast<const char*>(data), size));
    try {
        CityDraft draft = import_osm(file);
        check_city(City::build(std::move(draft), true));
    } catch (const InputError& error) {
        fuzz::check_input_error(error);
    }
    if (pbf) close_leaked_descriptors(file);
    return 0;
}
