#include "sim/cli/resume_command.hpp"

#include <CLI/CLI.hpp>

#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <thread>

#include "sim/city/city.hpp"
#include "sim/cli/progress_bar.hpp"
#include "sim/cli/run_summary.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/checkpoint.hpp"
#include "sim/io/run_file.hpp"

namespace streetwise {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

const char* const duration_help = "simulated time, e.g. 30s, 90min, 6h, 1.5d, or a number of steps, e.g. 500steps";

// check_output_path's checks, reported against the checkpoint option.
void check_checkpoint_path(const fs::path& file) {
    try {
        check_output_path(file);
    } catch (const InputError& e) {
        throw InputError(e.file(), e.line(), "--checkpoint", e.problem(), e.hint());
    }
}

bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code error;
    return fs::weakly_canonical(a, error) == fs::weakly_canonical(b, error);
}

// --checkpoint-every and --stop-after as steps, --checkpoint as the file; `every_default` and
// `file_default` where they are not given. `step_now` is where the run starts (0, or the checkpoint's).
CheckpointOptions checkpoint_options(const CheckpointArgs& args, const ScenarioSpec& spec, const fs::path& run_file,
                                     std::int64_t every_default, const fs::path& file_default, std::int64_t step_now) {
    CheckpointOptions options;
    options.run_file = run_file;
    options.every_steps =
        args.every.empty() ? every_default : duration_steps(args.every, spec.time.step_s, "--checkpoint-every");
    if (!args.stop_after.empty())
        options.stop_at_step = step_now + duration_steps(args.stop_after, spec.time.step_s, "--stop-after");
    if (options.every_steps == 0 && options.stop_at_step == 0) {
        if (!args.file.empty())
            throw InputError("command line", 0, "--checkpoint", "a checkpoint file, but no --checkpoint-every",
                             "add --checkpoint-every DURATION (" + std::string(duration_help) + ")");
        return options;
    }
    if (spec.model != ModelKind::streets)
        throw InputError(spec.source_path, 0, "model",
                         "checkpoints are for the street model (model: streets); this scenario runs model: short2008",
                         "run it without --checkpoint-every and --stop-after (lattice runs are short)");
    options.file = args.file.empty() ? file_default : fs::path(args.file);
    if (options.file.empty())
        throw InputError("command line", 0, "--checkpoint", "the checkpoint file name is empty",
                         "name the checkpoint file, e.g. --checkpoint run.ckpt");
    if (same_file(options.file, run_file))
        throw InputError(options.file.string(), 0, "--checkpoint", "is also the run file (-o)",
                         "give the checkpoint another name, e.g. --checkpoint run.ckpt");
    check_checkpoint_path(options.file);
    return options;
}

int threads_to_use(int requested) {
    if (requested > 0) return requested;
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::string simulated_time(std::int64_t steps, int step_s) {
    const std::int64_t minutes = steps * step_s / 60;
    return "day " + std::to_string(minutes / 1440) + ", " + (minutes % 1440 / 60 < 10 ? "0" : "") +
           std::to_string(minutes % 1440 / 60) + ":" + (minutes % 60 < 10 ? "0" : "") + std::to_string(minutes % 60);
}

}  // namespace

void add_checkpoint_options(CLI::App& command, CheckpointArgs& args, bool resuming) {
    command
        .add_option("--checkpoint-every", args.every,
                    std::string("Write the run's whole state every DURATION of simulated time (30s, 90min, 6h, "
                                "1.5d, or steps: 500steps), replacing the previous checkpoint; continue with "
                                "`streetwise resume`") +
                        (resuming ? " (default: the interval the run used)" : ""))
        ->type_name("DURATION");
    command
        .add_option("--checkpoint", args.file,
                    resuming ? "Checkpoint file to write (default: CHECKPOINT itself, replaced)"
                             : "Checkpoint file to write (default: the run file's name with the extension .ckpt)")
        ->type_name("FILE");
    command
        .add_option("--stop-after", args.stop_after,
                    std::string("Stop after DURATION of simulated time") + (resuming ? " more" : "") +
                        ", writing a checkpoint there and no run file: split a long run into jobs that fit a "
                        "wall-time limit")
        ->type_name("DURATION");
}

std::int64_t duration_steps(const std::string& text, int step_s, const std::string& option) {
    auto bad = [&](const std::string& problem) {
        return InputError("command line", 0, option, "'" + text + "' " + problem,
                          "give " + std::string(duration_help) + " (no space between the number and the unit)");
    };
    const std::size_t unit_at = text.find_first_not_of("0123456789.");
    if (unit_at == 0 || unit_at == std::string::npos) throw bad("is not a duration: it needs a number and a unit");
    double number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + unit_at, number);
    if (error != std::errc() || end != text.data() + unit_at || !(number > 0)) throw bad("does not start with a number above 0");
    const std::string unit = text.substr(unit_at);
    if (unit == "steps" || unit == "step") {
        if (number != std::floor(number) || number > 1e15) throw bad("is not a whole number of steps");
        return static_cast<std::int64_t>(number);
    }
    double unit_s = 0;
    if (unit == "s") unit_s = 1;
    else if (unit == "min") unit_s = 60;
    else if (unit == "h") unit_s = 3600;
    else if (unit == "d") unit_s = 86400;
    else throw bad("has the unit '" + unit + "'; the units are s, min, h, d and steps");
    const double steps = number * unit_s / step_s;
    const double whole = std::round(steps);
    if (whole < 1 || whole > 1e15 || std::fabs(steps - whole) > 1e-9 * whole)
        throw bad("is not a whole number of the scenario's " + std::to_string(step_s) + "-second steps");
    return static_cast<std::int64_t>(whole);
}

CheckpointOptions run_checkpoint_options(const CheckpointArgs& args, const ScenarioSpec& spec,
                                         const std::string& run_file) {
    return checkpoint_options(args, spec, run_file, 0, fs::path(run_file).replace_extension(".ckpt"), 0);
}

bool report_checkpoints(std::ostream& out, const RunResult& result, std::int64_t total_steps,
                        const RunTimings& timings, const CheckpointOptions& options) {
    if (timings.checkpoints > 0)
        out << "checkpoints   " << timings.checkpoints << " written to " << options.file.string() << " ("
            << (timings.checkpoint_bytes + 1023) / 1024 << " KiB, "
            << std::llround(timings.checkpoint_s / timings.checkpoints * 1000.0) << " ms each)\n";
    // Only a planned stop ends early (model: short2008 counts its steps its own way, and never stops).
    if (options.stop_at_step == 0 || result.steps >= total_steps) return false;
    out << "stopped at " << simulated_time(result.steps, result.step_s) << " (step " << result.steps << " of "
        << total_steps << ") as --stop-after asked; no run file written yet\n"
        << "continue with: streetwise resume " << options.file.string() << "\n";
    return true;
}

CLI::App* add_resume_command(CLI::App& app, ResumeArgs& args) {
    auto* resume = app.add_subcommand(
        "resume", "Continue a run from its checkpoint and write the run file it would have written");
    resume->add_option("CHECKPOINT", args.checkpoint, "Checkpoint file written by run --checkpoint-every")
        ->required();
    resume->add_option("-o,--output", args.output,
                       "Run file to write (default: the one the checkpointed run was writing)")
        ->type_name("FILE");
    add_checkpoint_options(*resume, args.checkpoints, true);
    resume->add_option("--threads", args.threads, "Worker threads (default: all cores); results do not depend on it")
        ->check(CLI::Range(1, 4096));
    resume->add_flag("-q,--quiet", args.quiet, "No progress bar");
    return resume;
}

int command_resume(const ResumeArgs& args) {
    const auto process_start = Clock::now();
    const Checkpoint checkpoint = read_checkpoint(args.checkpoint);
    const ScenarioSpec spec = checkpoint_scenario(checkpoint);
    const std::string output = args.output_given ? args.output : checkpoint.info.run_file;
    if (output.empty())
        throw InputError("command line", 0, "-o/--output",
                         args.output_given ? "the output file name is empty"
                                           : "the checkpoint does not say which run file its run was writing",
                         "name the run file, e.g. -o run.h5");
    check_output_path(output);
    RunOptions options;
    options.checkpoint = checkpoint_options(args.checkpoints, spec, output, checkpoint.info.checkpoint_every_steps,
                                            args.checkpoint, checkpoint.info.step);

    CityLoadReport city_report;
    const City city = make_run_city(spec, &city_report);
    const int threads = threads_to_use(args.threads);
    options.threads = threads;
    if (!args.quiet)
        std::cout << "resuming " << (spec.name.empty() ? std::string("run") : spec.name) << " seed " << spec.seed
                  << " at " << simulated_time(checkpoint.info.step, spec.time.step_s) << " (step "
                  << checkpoint.info.step << " of " << checkpoint.info.total_steps << ")\n";
    ProgressBar progress(!args.quiet);
    const int steps_per_day = spec.steps_per_day();
    options.on_progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total, steps_per_day); };
    RunTimings timings;
    RunResult result = run_from_checkpoint(checkpoint, spec, city, options, &timings);
    progress.finish();
    if (report_checkpoints(std::cout, result, spec.total_steps(), timings, options.checkpoint)) return 0;

    write_run_and_print_summary(std::cout, output, result, spec, city_report, timings, threads, process_start);
    return 0;
}

}  // namespace streetwise
