#pragma once
// The sweep results file (results.h5): one row per run with its inputs (point, replicate, seed, each
// parameter's value) and outcomes, sorted by run number, plus the sensitivity indices when the design
// computes them. /results is written in the layout pandas calls "fixed" (PyTables attributes,
// axis0/axis1 and one block per column type), so `pandas.read_hdf("results.h5")` gives the table
// directly; h5py, R or MATLAB read the same datasets as plain arrays. Layout in
// docs/researcher-guide.md. Identical sweeps give byte-identical files (no timestamps).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace streetwise {

struct SweepTable {
    std::vector<std::string> parameter_keys;  // column names of the parameters
    std::vector<std::string> outcome_names;   // column names of the outcomes
    // One entry per row (run), in run order.
    std::vector<std::int64_t> run, point, replicate, seed, failed;  // failed: 1 when the run threw
    std::vector<std::vector<double>> parameter_values;  // [parameter][row]
    std::vector<std::vector<double>> outcome_values;    // [outcome][row]; NaN for failed runs
};

// Sensitivity indices of one method, each an outcomes x parameters matrix.
struct SweepSensitivity {
    std::string method;                              // "morris" or "sobol"
    std::vector<std::string> index_names;            // e.g. mu, mu_star, sigma
    std::vector<std::vector<std::vector<double>>> values;  // [index][outcome][parameter]
};

struct SweepProvenance {
    std::string streetwise_version;
    std::string spec_text;       // the sweep spec file as read
    std::string scenario_yaml;   // the resolved base scenario (fixed overrides applied)
    std::string design;          // design_name()
    std::int64_t replicates = 1;
    std::uint64_t fingerprint = 0;
};

// Writes atomically (temporary file, then rename): an existing results file survives any failure.
// Throws InputError naming the file when it cannot be written.
void write_sweep_table(const std::filesystem::path& file, const SweepTable& table, const SweepProvenance& provenance,
                       const std::vector<SweepSensitivity>& sensitivity);

// Reads /results back (tests, tools). Throws InputError naming the file when it is not a results file.
SweepTable read_sweep_table(const std::filesystem::path& file);

}  // namespace streetwise
