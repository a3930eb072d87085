#pragma once
// Checkpoints on the command line: `streetwise run ... --checkpoint-every DURATION [--checkpoint FILE]
// [--stop-after DURATION]` and `streetwise resume CHECKPOINT [-o FILE] ...`, which continues the run
// and writes the run file the uninterrupted run would have written, byte for byte.
//
// DURATION is simulated time, a number and a unit with nothing between: 30s, 90min, 6h, 1.5d; or
// a number of steps: 500steps. It must be a whole number of steps (of the scenario's time.step_s).
#include <cstdint>
#include <iosfwd>
#include <string>

#include "sim/engine/run.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace CLI {
class App;
}

namespace streetwise {

// The checkpoint options `run` and `resume` share, as typed.
struct CheckpointArgs {
    std::string every;       // --checkpoint-every; "" = none (resume: the interval the run used)
    std::string file;        // --checkpoint; "" = the default
    std::string stop_after;  // --stop-after; "" = run to the end
};

void add_checkpoint_options(CLI::App& command, CheckpointArgs& args, bool resuming);

// Steps in `text` (a DURATION, see above) for a scenario stepping `step_s` seconds. Throws
// InputError (file "command line", key `option`) for anything else.
std::int64_t duration_steps(const std::string& text, int step_s, const std::string& option);

// The checkpoint settings of `streetwise run`: checkpoints go to --checkpoint or, by default, the
// run file's name with the extension .ckpt. Checks the checkpoint file can be written and is not
// the run file. Throws InputError (before anything runs) for bad options.
CheckpointOptions run_checkpoint_options(const CheckpointArgs& args, const ScenarioSpec& spec,
                                         const std::string& run_file);

// After a run: true (having said so on `out`) when it stopped at --stop-after, before the end,
// so there is no run file to write. Also reports the checkpoints written.
bool report_checkpoints(std::ostream& out, const RunResult& result, std::int64_t total_steps,
                        const RunTimings& timings, const CheckpointOptions& options);

struct ResumeArgs {
    std::string checkpoint;
    std::string output;  // "" = the run file the checkpointed run was writing
    bool output_given = false;
    CheckpointArgs checkpoints;
    int threads = 0;
    bool quiet = false;
};

CLI::App* add_resume_command(CLI::App& app, ResumeArgs& args);

// 0 on success; InputError for a bad, damaged or mismatched checkpoint and for bad options (exit 2
// by the caller), before the run file is touched.
int command_resume(const ResumeArgs& args);

}  // namespace streetwise
