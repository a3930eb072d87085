// streetwise: the command-line front end. A thin client of the engine library: it parses
// arguments, loads the scenario and city, runs, writes the run file and prints a summary.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <thread>

#include "sim/city/city.hpp"
#include "sim/city/city_cache.hpp"
#include "sim/city/city_source.hpp"
#include "sim/city/osm_import.hpp"
#include "sim/cli/calibrate_command.hpp"
#include "sim/cli/compare_command.hpp"
#include "sim/cli/progress_bar.hpp"
#include "sim/cli/report_command.hpp"
#include "sim/cli/resume_command.hpp"
#include "sim/cli/run_summary.hpp"
#include "sim/cli/sweep_command.hpp"
#include "sim/cli/sweep_mpi.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/run.hpp"
#include "sim/io/run_file.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace fs = std::filesystem;
using namespace streetwise;

namespace {

using Clock = std::chrono::steady_clock;

// Exit codes: 0 success, 1 bad command line (CLI11), 2 bad input (file, value, path),
// 3 internal error (a bug: please report).
constexpr int exit_bad_command_line = 1;
constexpr int exit_bad_input = 2;
constexpr int exit_internal_error = 3;

struct ScenarioArgs {
    std::string scenario;  // "" = built-in default
    std::vector<std::string> overrides;
    std::optional<std::uint64_t> seed;
};

ScenarioSpec load(const ScenarioArgs& args) {
    std::vector<std::string> overrides = args.overrides;
    if (args.seed) overrides.push_back("seed=" + std::to_string(*args.seed));
    if (args.scenario.empty())
        return load_scenario_text(default_scenario_yaml(), "built-in default scenario", overrides,
                                  default_search_paths());
    return load_scenario(args.scenario, overrides, default_search_paths());
}

void add_scenario_options(CLI::App& command, ScenarioArgs& args, bool with_seed) {
    command.add_option("SCENARIO", args.scenario,
                       "Scenario YAML file (default: the built-in default scenario on the built-in synthetic city)");
    command.add_option("--set", args.overrides,
                       "Override a scenario key, e.g. --set residents.count=5000 (repeatable; applied after extends:)")
        ->type_name("KEY=VALUE");
    // Decimal only: CLI11 alone reads "--seed -1" as 2^64-1, saturates values beyond it and reads
    // "010" as octal (8). The transform also drops leading zeros, so "010" is seed 10.
    static const CLI::Validator decimal_seed(
        [](std::string& text) -> std::string {
            const std::string max = "18446744073709551615";  // 2^64-1
            const bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
            if (!digits) return "Value " + text + " is not a whole number from 0 to " + max;
            text.erase(0, std::min(text.find_first_not_of('0'), text.size() - 1));
            if (text.size() > max.size() || (text.size() == max.size() && text > max))
                return "Value " + text + " is larger than " + max;
            return "";
        },
        "0..2^64-1");
    if (with_seed)
        command.add_option("--seed", args.seed, "Random seed (overrides the scenario's seed)")->transform(decimal_seed);
}

int threads_to_use(int requested) {
    if (requested > 0) return requested;
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::string default_output_name(const ScenarioSpec& spec) {
    std::string name = spec.name.empty() ? "run" : spec.name;
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '-';
    return name + "-seed" + std::to_string(spec.seed) + ".h5";
}

int command_run(const ScenarioArgs& args, std::string output, bool output_given, int requested_threads, bool quiet,
                bool phase_times, const CheckpointArgs& checkpoint) {
    const auto process_start = Clock::now();
    ScenarioSpec spec = load(args);
    // An empty -o (e.g. -o "$UNSET_VARIABLE") is an error, not a request for the default name.
    if (!output_given) output = default_output_name(spec);
    if (output.empty())
        throw InputError("command line", 0, "-o/--output", "the output file name is empty",
                         "name the run file, e.g. -o run.h5, or leave -o out for <scenario>-seed<S>.h5");
    check_output_path(output);  // fail now, not after a week-long run
    RunOptions options;
    options.checkpoint = run_checkpoint_options(checkpoint, spec, output);

    CityLoadReport city_report;
    const City city = [&] {
        try {
            return make_run_city(spec, &city_report);
        } catch (const InputError& e) {
            // The map's own error names the map file; say which scenario asked for it too.
            if (spec.city.source != CitySource::osm || spec.source_path.empty()) throw;
            throw InputError(e.file(), e.line(), e.key(), e.problem(),
                             e.hint() + (e.hint().empty() ? "" : "\n  ") + "the map is the city.osm of scenario " +
                                 spec.source_path);
        }
    }();

    const int threads = threads_to_use(requested_threads);
    ProgressBar progress(!quiet);
    options.threads = threads;
    const int steps_per_day = spec.steps_per_day();
    options.on_progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total, steps_per_day); };
    RunTimings timings;
    RunResult result = run_simulation(spec, city, options, &timings);
    progress.finish();
    if (report_checkpoints(std::cout, result, spec.total_steps(), timings, options.checkpoint)) return 0;

    write_run_and_print_summary(std::cout, output, result, spec, city_report, timings, threads, process_start);
    if (phase_times) print_phase_times(std::cout, timings);
    return 0;
}

int command_validate(const std::vector<std::string>& files, const std::vector<std::string>& overrides, bool print) {
    if (files.empty()) {
        ScenarioArgs args{"", overrides, std::nullopt};
        const ScenarioSpec spec = load(args);
        std::cout << "built-in default scenario: valid\n";
        if (print) std::cout << spec.resolved_yaml;
        return 0;
    }
    int failures = 0;
    for (const auto& file : files) {
        try {
            const ScenarioSpec spec = load(ScenarioArgs{file, overrides, std::nullopt});
            std::cout << file << ": valid (scenario '" << spec.name << "')\n";
            if (print) std::cout << spec.resolved_yaml;
        } catch (const InputError& e) {
            std::cerr << "error: " << e.what() << "\n";
            ++failures;
        }
    }
    return failures == 0 ? 0 : exit_bad_input;
}

bool is_osm_file(const std::string& path) {
    for (const char* extension : {".osm", ".osm.pbf", ".pbf", ".osm.gz", ".osm.bz2", ".osm.opl"})
        if (path.ends_with(extension)) return true;
    return false;
}

void print_city_info(const City& city, const CityLoadReport& report) {
    std::cout << "city          " << city.name() << "\n";
    std::cout << "source        " << report.description << " (" << report.seconds << " s)\n";
    std::cout << "fingerprint   " << city.fingerprint_hex() << "\n";
    std::cout << "intersections " << with_thousands(city.node_count()) << "\n";
    std::cout << "segments      " << with_thousands(city.segment_count()) << ", " << city.total_length_m() / 1000.0
              << " km of street\n";
    double min_x = city.node_x_m().front(), max_x = min_x, min_y = city.node_y_m().front(), max_y = min_y;
    for (std::uint32_t v = 0; v < city.node_count(); ++v) {
        min_x = std::min(min_x, city.node_x_m()[v]);
        max_x = std::max(max_x, city.node_x_m()[v]);
        min_y = std::min(min_y, city.node_y_m()[v]);
        max_y = std::max(max_y, city.node_y_m()[v]);
    }
    std::cout << "extent        " << (max_x - min_x) / 1000.0 << " km x " << (max_y - min_y) / 1000.0 << " km\n";
    std::size_t lit = 0;
    for (float lux : city.segment_lux()) lit += lux > 0.0f;
    std::cout << "lit segments  " << with_thousands(lit) << " ("
              << 100.0 * static_cast<double>(lit) / city.segment_count() << "%)\n";
    std::map<std::string, std::size_t> places;
    for (const auto& p : city.places()) ++places[std::string(to_string(p.kind))];
    std::cout << "places        " << with_thousands(city.places().size());
    for (const auto& [kind, n] : places) std::cout << ", " << kind << " " << n;
    std::cout << "\ndistricts     " << city.districts().size() << ":";
    for (const auto& d : city.districts()) std::cout << " " << d.name << " (" << to_string(d.land_use) << ");";
    std::cout << "\n";
}

int command_city_info(const std::string& source, const std::vector<std::string>& overrides) {
    CityLoadReport report;
    if (is_osm_file(source)) {
        CitySpec spec;
        spec.source = CitySource::osm;
        spec.osm_path = source;
        print_city_info(make_city(spec, &report), report);
    } else {
        const ScenarioSpec scenario = load(ScenarioArgs{source, overrides, std::nullopt});
        print_city_info(make_run_city(scenario, &report), report);
    }
    return 0;
}

int command_city_import(const std::string& map, const std::string& cache_dir) {
    const fs::path dir = cache_dir.empty() ? default_cache_dir() : fs::path(cache_dir);
    const auto start = Clock::now();
    // Import afresh (ignoring an existing cache entry) and write the cache for later runs.
    const City city = import_osm_city(map);
    const std::optional<std::uint64_t> key = osm_source_key(map);
    const bool saved = key && save_city_cache(city, city_cache_file(dir, map, *key), *key);
    // Writing the cache is all this command is for: failing to is an error, not a footnote.
    if (!saved)
        throw InputError(dir.string(), 0, "--cache-dir", "cannot write the city cache in this folder",
                         "choose a folder you can write to with --cache-dir DIR (it is created if missing)");
    CityLoadReport report{"OpenStreetMap " + fs::path(map).filename().string() + ", cached in " + dir.string(),
                          std::chrono::duration<double>(Clock::now() - start).count()};
    print_city_info(city, report);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    // First: under mpirun/srun, MPI must be initialised before anything reads argv.
    const MpiSession mpi(argc, argv);
    CLI::App app{"streetwise: agent-based simulation of urban security policy on real street maps.\n"
                 "Residents, offenders and police move through a city's streets day and night; compare what\n"
                 "interventions do to crime, unreported crime, insecurity, response times, cost and equity."};
    app.set_version_flag("--version", std::string("streetwise ") + STREETWISE_VERSION);
    app.require_subcommand(1);

    ScenarioArgs run_args;
    std::string run_output;
    int run_threads = 0;
    bool run_quiet = false;
    auto* run = app.add_subcommand("run", "Run a scenario and write an HDF5 run file");
    add_scenario_options(*run, run_args, true);
    run->add_option("-o,--output", run_output, "Run file to write (default: <scenario>-seed<S>.h5 here)")
        ->type_name("FILE");
    run->add_option("--threads", run_threads, "Worker threads (default: all cores); results do not depend on it")
        ->check(CLI::Range(1, 4096));
    run->add_flag("-q,--quiet", run_quiet, "No progress bar");
    bool run_phase_times = false;
    run->add_flag("--phase-times", run_phase_times, "Also print the stepping time by phase of the step (profiling)");
    CheckpointArgs run_checkpoint;
    add_checkpoint_options(*run, run_checkpoint, false);

    std::vector<std::string> validate_files, validate_overrides;
    bool validate_print = false;
    auto* validate = app.add_subcommand("validate", "Check scenario files without running them");
    validate->add_option("SCENARIO", validate_files, "Scenario YAML files (default: the built-in scenario)");
    validate->add_option("--set", validate_overrides, "Override a scenario key (repeatable)")->type_name("KEY=VALUE");
    validate->add_flag("--print", validate_print, "Print the resolved scenario (extends and --set applied)");

    auto* city = app.add_subcommand("city", "Inspect or import a city");
    city->require_subcommand(1);
    std::string info_source;
    std::vector<std::string> info_overrides;
    auto* info = city->add_subcommand("info", "Describe the city of a scenario or an OSM file");
    info->add_option("SOURCE", info_source, "Scenario YAML or OSM file (.osm, .osm.pbf); default: the built-in city");
    info->add_option("--set", info_overrides, "Override a scenario key (repeatable)")->type_name("KEY=VALUE");
    std::string import_map, import_cache_dir;
    auto* import = city->add_subcommand("import", "Import an OpenStreetMap extract into the city cache");
    import->add_option("MAP", import_map, "OSM extract (.osm or .osm.pbf)")->required();
    import->add_option("--cache-dir", import_cache_dir, "Cache folder (default: $STREETWISE_CACHE_DIR, else $XDG_CACHE_HOME/streetwise, else ~/.cache/streetwise)");

    auto* scenario = app.add_subcommand("scenario", "Scenario helpers");
    scenario->require_subcommand(1);
    auto* defaults = scenario->add_subcommand("defaults", "Print a scenario with every key at its default, documented");
    auto* reference = scenario->add_subcommand("reference", "Print the scenario reference (Markdown)");

    CalibrateArgs calibrate_args;
    auto* calibrate = add_calibrate_command(app, calibrate_args);
    CompareArgs compare_args;
    auto* compare = add_compare_command(app, compare_args);
    ReportArgs report_args;
    auto* report = add_report_command(app, report_args);
    SweepArgs sweep_args;
    auto* sweep = add_sweep_command(app, sweep_args);
    ResumeArgs resume_args;
    auto* resume = add_resume_command(app, resume_args);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // app.exit prints the message (help and version to stdout, errors to stderr); its own
        // exit codes (105, 106, 109, ...) all mean "bad command line" here.
        return app.exit(e) == 0 ? 0 : exit_bad_command_line;
    }

    if (mpi.active() && !*sweep) {
        if (mpi.rank() == 0)
            std::cerr << "error: only `streetwise sweep` runs across MPI ranks; under mpirun every rank would run this "
                         "whole command\n  run it without mpirun\n";
        return exit_bad_command_line;
    }

    try {
        if (*sweep) return command_sweep(sweep_args, mpi);
        if (*run)
            return command_run(run_args, run_output, run->count("--output") > 0, run_threads, run_quiet, run_phase_times,
                               run_checkpoint);
        if (*validate) return command_validate(validate_files, validate_overrides, validate_print);
        if (*info) return command_city_info(info_source, info_overrides);
        if (*import) return command_city_import(import_map, import_cache_dir);
        if (*calibrate) {
            calibrate_args.output_given = calibrate->count("--output") > 0;
            calibrate_args.write_scenario_given = calibrate->count("--write-scenario") > 0;
            return command_calibrate(calibrate_args);
        }
        if (*compare) {
            compare_args.output_given = compare->count("--output") > 0;
            compare_args.report_given = compare->count("--report") > 0;
            compare_args.keep_runs_given = compare->count("--keep-runs") > 0;
            return command_compare(compare_args);
        }
        if (*report) return command_report(report_args);
        if (*resume) {
            resume_args.output_given = resume->count("--output") > 0;
            return command_resume(resume_args);
        }
        if (*defaults) {
            std::cout << default_scenario_yaml();
            return 0;
        }
        if (*reference) {
            std::cout << scenario_reference_markdown();
            return 0;
        }
    } catch (const InputError& e) {
        std::cerr << "error: " << e.what() << "\n";
        // Under MPI, other ranks may be waiting for this one: end them all.
        if (mpi.active()) mpi.abort(exit_bad_input);
        return exit_bad_input;
    } catch (const std::exception& e) {
        std::cerr << "internal error: " << e.what()
                  << "\n  This is a bug in streetwise; please report it with the command you ran.\n";
        if (mpi.active()) mpi.abort(exit_internal_error);
        return exit_internal_error;
    }
    return 0;
}
