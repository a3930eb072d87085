#pragma once
// `streetwise report INPUT... -o minutes.html`: workshop minutes as one self-contained HTML file
// (analysis/html_report.hpp) from run files (.h5) and/or one comparison JSON (`compare -o x.json`).
// Run files are grouped by scenario name (order of first appearance: the baseline first; with a
// comparison JSON, its order); a scenario's seeds are its replicates. `compare --report` builds the
// same report from the runs in memory through report_html below, so both give the same bytes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/replicates.hpp"
#include "sim/io/run_result.hpp"

namespace CLI {
class App;
}

namespace streetwise {

class City;

struct ReportArgs {
    std::vector<std::string> inputs;  // run files and at most one comparison .json
    std::string output;               // .html
    std::string title;                // "" = "<variants> against <baseline>"
};

CLI::App* add_report_command(CLI::App& app, ReportArgs& args);

// 0 on success; InputError (exit 2) for bad input, before the output file is touched.
int command_report(const ReportArgs& args);

// What the report keeps of one run, read from its file or taken from memory.
struct ReportRun {
    std::size_t scenario = 0;                    // index into ReportSources::scenario_names
    std::uint64_t seed = 0;
    std::string scenario_yaml;                   // the run's resolved scenario
    std::vector<TimeSeriesColumn> hourly;        // only the columns the report draws
    std::vector<std::uint32_t> segment_crimes;   // per segment
};

// The hourly columns the report draws (all crime, recorded crime) and the per-segment counts.
ReportRun report_run(std::size_t scenario, std::uint64_t seed, const std::string& scenario_yaml,
                     const std::vector<TimeSeriesColumn>& hourly, const std::vector<std::uint32_t>& segment_crimes);

struct ReportSources {
    std::string title;                           // "" = "<variants> against <baseline>"
    std::string streetwise_version;              // of the runs
    const City* city = nullptr;                  // the street map; null: no maps
    std::string city_name;
    std::string city_fingerprint;
    std::vector<std::string> scenario_names;     // baseline first
    std::vector<std::string> scenario_yaml;      // per scenario; "" = the text of its lowest-seed run
    std::optional<ReplicateTable> table;         // the comparison, if there is one
    std::vector<std::uint64_t> table_seeds;      // its replicates' seeds, ascending
    std::vector<ReportRun> runs;                 // any order
    std::vector<std::string> notes;
};

// The report's HTML. Throws InputError when a scenario's runs differ in length.
std::string report_html(const ReportSources& sources);

// The file `compare --keep-runs` writes for one run: "<scenario name>-seed<N>.h5", the name reduced
// to letters, digits, '-' and '_' (as `streetwise run` names its default output).
std::string kept_run_file_name(const std::string& scenario_name, std::uint64_t seed);

}  // namespace streetwise
