#pragma once
// `streetwise sweep SPEC.yaml -o FOLDER [--resume]`: runs every point of a sweep spec's design with its
// replicates, in parallel across threads or MPI ranks, recording each finished run in FOLDER's
// journal; then writes FOLDER/results.h5 (one row per run, readable by pandas), and for Morris and
// Sobol designs the sensitivity indices (in results.h5 and FOLDER/sensitivity.md). Killed at any
// moment, the same command with --resume finishes it without losing or repeating a finished run.
#include <string>

namespace CLI {
class App;
}

namespace streetwise {

class MpiSession;

struct SweepArgs {
    std::string spec;
    std::string output;       // the sweep folder
    bool resume = false;
    bool plan_only = false;   // --plan: print the design and the run count, run nothing
    int threads = 0;          // per process; 0: all cores (1 per rank under MPI)
    bool quiet = false;
    double progress_every_s = 10;
};

CLI::App* add_sweep_command(CLI::App& app, SweepArgs& args);

// 0 when every run succeeded; InputError for bad input (the caller prints it and exits 2); 4 when the
// sweep completed but some runs failed (listed; --resume retries them).
int command_sweep(const SweepArgs& args, const MpiSession& mpi);

}  // namespace streetwise
