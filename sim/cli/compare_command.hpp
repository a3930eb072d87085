#pragma once
// `streetwise compare BASE VARIANT... --replicates N`: runs every scenario N times with common random
// numbers (replicate k of each uses the same seed) and reports, for every outcome, each scenario's
// mean with a 95% interval and each variant's paired difference to the baseline (analysis/
// replicate_comparison.hpp), as headlines a workshop can read and as a table (Markdown, CSV or JSON);
// optionally an HTML report (--report) and every replicate's run file (--keep-runs DIR).
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace streetwise {

struct CompareArgs {
    std::vector<std::string> scenarios;  // baseline first
    std::vector<std::string> overrides;  // --set, applied to every scenario
    int replicates = 10;
    int first_seed = 1;
    int threads = 0;
    std::string output;                  // table file: .md, .csv or .json; "" = none
    bool output_given = false;
    std::string report;                  // --report: HTML workshop minutes (sim/cli/report_command.hpp)
    bool report_given = false;
    std::string keep_runs;               // --keep-runs: folder for every replicate's run file
    bool keep_runs_given = false;
};

CLI::App* add_compare_command(CLI::App& app, CompareArgs& args);

// 0 on success; InputError for bad input (exit 2 by the caller), before any run starts and before
// the output file is touched.
int command_compare(const CompareArgs& args);

}  // namespace streetwise
