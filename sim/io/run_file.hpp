#pragma once
// The HDF5 run file: one file per run holding provenance, the city map, hourly series, the crime
// event table and per-street counts. Layout in docs/run-file.md. HDF5 stays inside run_file.cpp.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/city/city.hpp"
#include "sim/io/run_result.hpp"

namespace streetwise {

// Bumped when the layout changes incompatibly; readers refuse newer versions.
inline constexpr std::uint32_t run_file_format_version = 1;

// Checks, before a run starts, that write_run_file(file, ...) will be able to create the file:
// the folder exists and is writable (probed with a short-lived hidden file) and `file` is not a
// folder. An existing regular file at `file` is fine: it is replaced when the run completes.
// Throws InputError (key "-o/--output").
void check_output_path(const std::filesystem::path& file);

// Writes `result` to `file` atomically: everything goes to `file` + ".tmp", which is renamed onto
// `file` only once complete and closed, so a failed write never damages an existing file and never
// leaves a half-written one under the final name. Identical results give byte-identical files.
// Throws InputError when the file cannot be written (no space, no permission; the temporary file
// is removed), std::invalid_argument when `result` is inconsistent (a bug in the caller: null city,
// columns of unequal length, ids out of range).
void write_run_file(const std::filesystem::path& file, const RunResult& result);

// What the CLI prints about an existing run file, read from attributes and dataset sizes only
// (plus the crime type column), so it is fast even for large files.
struct RunFileInfo {
    std::uint32_t format_version = 0;
    std::string streetwise_version;
    std::string scenario_name;
    std::string scenario_path;
    std::uint64_t seed = 0;
    std::string city_name;
    std::string city_fingerprint;  // hex, as City::fingerprint_hex()
    std::int64_t steps = 0;
    std::int32_t step_s = 0;
    std::uint32_t residents = 0;
    std::uint32_t offenders = 0;
    std::uint32_t police_units = 0;
    std::string model = "streets";  // root attribute model (absent: "streets"); see RunResult::model
    std::uint32_t node_count = 0;
    std::uint32_t segment_count = 0;
    std::uint64_t hours = 0;                     // length of every /timeseries column
    std::vector<std::string> timeseries_columns;  // in the order the run recorded them
    std::uint64_t crime_count = 0;
    std::vector<std::string> crime_type_names;     // index = crime type code
    std::vector<std::uint64_t> crimes_by_type;     // same length as crime_type_names
    std::uint64_t live_change_count = 0;           // rows of /scenario/live_changes (0 when absent)
};

// Throws InputError naming the file when it is missing, not HDF5, truncated, not a streetwise run
// file, or written by a newer streetwise (format_version > run_file_format_version).
RunFileInfo read_run_file_info(const std::filesystem::path& file);

// A whole run file read back into memory: what the visualiser's replay needs. Mirrors RunResult,
// except that the city is owned here (rebuilt from /city) and the crime table may have been left
// out of the file (crime_events_omitted, scenario output.events: false).
struct RunFileContents {
    RunFileInfo info;           // as read_run_file_info gives
    std::string scenario_yaml;  // /scenario/resolved_yaml
    City city;                  // rebuilt from /city with City::build(draft, false); same fingerprint
    std::vector<std::string> crime_type_names;  // index = CrimeEvent::type
    std::vector<CrimeEvent> crimes;             // in file order (the order they happened)
    bool crime_events_omitted = false;          // the run was told not to record them: crimes is empty
    std::vector<TimeSeriesColumn> hourly;       // name, unit, description, values; in recorded order
    std::vector<std::uint32_t> segment_crime_count;  // per segment of city
    std::vector<std::uint32_t> node_crime_count;     // per node of city
    std::vector<LiveChange> live_changes;            // in step order; empty for batch runs and old files
    // /insecurity, when the run has it: hourly_index[0] (all residents) and the final values by group
    // only (what the comparison outcomes need); present false otherwise.
    InsecurityResult insecurity;
};

// Reads everything in the file and checks it: every dataset present with the documented type
// and length, every id within the table it points into, and the city rebuilt from /city
// reproducing the file's city_fingerprint. A version-1 file written before live changes were
// recorded has no /scenario/live_changes and reads as having none. Throws InputError naming the
// file and, as key(), the dataset at fault, for everything read_run_file_info rejects and for any
// missing, mistyped, mis-sized or out-of-range dataset.
RunFileContents read_run_file(const std::filesystem::path& file);

// Full paths ("/events/crimes/step", ...) of every dataset in the file, sorted. For tests and tools.
std::vector<std::string> list_run_file_datasets(const std::filesystem::path& file);

// The contents of one dataset as raw bytes in the native in-memory type (little-endian on every
// platform we build for). String datasets come back as their UTF-8 texts, each followed by a NUL,
// so two files compare equal exactly when their strings do. Used by the determinism tests to
// compare every dataset across thread counts. Throws InputError like read_run_file_info.
std::vector<std::uint8_t> read_dataset_raw(const std::filesystem::path& file, const std::string& dataset_path);

}  // namespace streetwise
