#include "sim/cli/sweep_command.hpp"

#include <CLI/CLI.hpp>
#include <tbb/global_control.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <numeric>
#include <optional>
#include <sstream>
#include <thread>

#include "analysis/sensitivity.hpp"
#include "sim/city/city.hpp"
#include "sim/cli/sweep_mpi.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/run.hpp"
#include "sim/engine/sweep_runner.hpp"
#include "sim/io/sweep_table.hpp"

namespace fs = std::filesystem;

namespace streetwise {

namespace {

constexpr int exit_some_runs_failed = 4;

std::string number(double value, int digits = 3) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    return buffer;
}

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string design_summary(const SweepPlan& plan) {
    const auto& spec = plan.spec;
    const std::size_t k = spec.parameters.size();
    std::string text = std::string(design_name(spec.design.kind)) + " design, " + std::to_string(k) + " parameter" +
                       (k == 1 ? "" : "s") + ": ";
    switch (spec.design.kind) {
        case DesignKind::grid: text += "full grid"; break;
        case DesignKind::latin_hypercube: text += std::to_string(spec.design.samples) + " Latin hypercube points"; break;
        case DesignKind::morris:
            text += std::to_string(spec.design.samples) + " trajectories x (" + std::to_string(k) + " + 1)";
            break;
        case DesignKind::sobol:
            text += "base sample " + std::to_string(spec.design.samples) + " x (" + std::to_string(k) + " + 2)";
            break;
    }
    text += " = " + std::to_string(plan.design.values.size()) + " points x " + std::to_string(spec.replicates) +
            " replicate" + (spec.replicates == 1 ? "" : "s") + " = " + std::to_string(plan.run_count()) + " runs";
    return text;
}

SweepTable build_table(const SweepPlan& plan, const std::vector<std::optional<SweepRunRecord>>& results) {
    SweepTable table;
    for (const auto& p : plan.spec.parameters) table.parameter_keys.push_back(p.key);
    table.outcome_names = plan.spec.outcomes;
    table.parameter_values.assign(plan.spec.parameters.size(), {});
    table.outcome_values.assign(plan.spec.outcomes.size(), {});
    for (std::uint64_t run = 0; run < plan.run_count(); ++run) {
        const auto& record = results[run];
        table.run.push_back(static_cast<std::int64_t>(run));
        table.point.push_back(static_cast<std::int64_t>(plan.point_of(run)));
        table.replicate.push_back(plan.replicate_of(run));
        table.seed.push_back(static_cast<std::int64_t>(plan.seed_of(run)));
        const bool ok = record && record->ok;
        table.failed.push_back(ok ? 0 : 1);
        const auto& values = plan.design.values[plan.point_of(run)];
        for (std::size_t j = 0; j < values.size(); ++j)
            table.parameter_values[j].push_back(plan.spec.parameters[j].integer ? std::round(values[j]) : values[j]);
        for (std::size_t o = 0; o < table.outcome_values.size(); ++o)
            table.outcome_values[o].push_back(ok ? record->outcomes[o] : std::numeric_limits<double>::quiet_NaN());
    }
    return table;
}

// Per outcome, the mean over replicates of each design point: what the sensitivity estimators take.
std::vector<std::vector<double>> point_means(const SweepPlan& plan, const SweepTable& table) {
    const std::size_t points = plan.design.values.size();
    std::vector<std::vector<double>> means(table.outcome_names.size(), std::vector<double>(points, 0.0));
    for (std::size_t o = 0; o < means.size(); ++o)
        for (std::size_t row = 0; row < table.run.size(); ++row)
            means[o][static_cast<std::size_t>(table.point[row])] += table.outcome_values[o][row] / plan.spec.replicates;
    return means;
}

std::vector<SweepSensitivity> sensitivity(const SweepPlan& plan, const SweepTable& table) {
    std::vector<SweepSensitivity> methods;
    const auto means = point_means(plan, table);
    const std::size_t k = plan.spec.parameters.size();
    if (plan.spec.design.kind == DesignKind::morris) {
        SweepSensitivity m{"morris", {"mu", "mu_star", "sigma"}, {}};
        m.values.assign(3, std::vector<std::vector<double>>(means.size(), std::vector<double>(k)));
        for (std::size_t o = 0; o < means.size(); ++o) {
            const auto indices = morris_indices(plan.design, means[o]);
            for (std::size_t j = 0; j < k; ++j) {
                m.values[0][o][j] = indices[j].mu;
                m.values[1][o][j] = indices[j].mu_star;
                m.values[2][o][j] = indices[j].sigma;
            }
        }
        methods.push_back(std::move(m));
    } else if (plan.spec.design.kind == DesignKind::sobol) {
        SweepSensitivity s{"sobol", {"first", "first_low", "first_high", "total", "total_low", "total_high"}, {}};
        s.values.assign(6, std::vector<std::vector<double>>(means.size(), std::vector<double>(k)));
        for (std::size_t o = 0; o < means.size(); ++o) {
            const auto indices = sobol_indices(plan.design, means[o], 1000, plan.spec.design.seed);
            for (std::size_t j = 0; j < k; ++j) {
                const SobolIndex& x = indices[j];
                const double row[6] = {x.first, x.first_low, x.first_high, x.total, x.total_low, x.total_high};
                for (std::size_t i = 0; i < 6; ++i) s.values[i][o][j] = row[i];
            }
        }
        methods.push_back(std::move(s));
    }
    return methods;
}

// A Markdown page per sweep: per outcome, the parameters ranked by influence.
std::string sensitivity_markdown(const SweepPlan& plan, const SweepTable& table, const SweepSensitivity& method) {
    const std::size_t k = plan.spec.parameters.size();
    std::ostringstream md;
    md << "# Sensitivity: " << plan.spec.source_path << "\n\n" << design_summary(plan) << ".\n";
    if (method.method == "morris")
        md << "\nMorris elementary effects (mean over replicates at each point), per unit of each parameter's range: "
              "mu* ranks influence, sigma large against mu* means interactions or non-linearity, mu's sign gives the "
              "direction. See docs/sensitivity-methods.md.\n";
    else
        md << "\nSobol indices (mean over replicates at each point) with 95% bootstrap intervals: S1 is the share of "
              "the outcome's variance a parameter explains alone, ST its share including interactions; ST - S1 "
              "large means interactions. See docs/sensitivity-methods.md.\n";
    for (std::size_t o = 0; o < table.outcome_names.size(); ++o) {
        md << "\n## " << table.outcome_names[o] << "\n\n";
        std::vector<std::size_t> order(k);
        std::iota(order.begin(), order.end(), 0);
        const std::size_t rank_index = method.method == "morris" ? 1 : 3;  // mu_star, total
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return method.values[rank_index][o][a] > method.values[rank_index][o][b];
        });
        if (method.method == "morris") {
            md << "| parameter | mu* | mu | sigma |\n|---|---:|---:|---:|\n";
            for (const std::size_t j : order)
                md << "| " << table.parameter_keys[j] << " | " << number(method.values[1][o][j]) << " | "
                   << number(method.values[0][o][j]) << " | " << number(method.values[2][o][j]) << " |\n";
        } else {
            md << "| parameter | S1 | S1 95% interval | ST | ST 95% interval |\n|---|---:|---:|---:|---:|\n";
            for (const std::size_t j : order)
                md << "| " << table.parameter_keys[j] << " | " << number(method.values[0][o][j], 2) << " | "
                   << number(method.values[1][o][j], 2) << " to " << number(method.values[2][o][j], 2) << " | "
                   << number(method.values[3][o][j], 2) << " | " << number(method.values[4][o][j], 2) << " to "
                   << number(method.values[5][o][j], 2) << " |\n";
        }
    }
    return md.str();
}

void print_progress(const SweepLedger& ledger, bool terminal) {
    const std::string line = "sweep: " + progress_line(ledger.progress());
    if (terminal)
        std::cerr << "\r" << line << "\x1b[K" << std::flush;
    else
        std::cerr << line << "\n" << std::flush;
}

}  // namespace

CLI::App* add_sweep_command(CLI::App& app, SweepArgs& args) {
    auto* sweep = app.add_subcommand(
        "sweep", "Run a parameter sweep (grid, Latin hypercube, Morris, Sobol) into a folder; resumable; MPI-aware");
    sweep->add_option("SPEC", args.spec, "Sweep spec YAML (docs/researcher-guide.md)")->required();
    sweep->add_option("-o,--output", args.output, "Sweep folder: journal.tsv, results.h5, sensitivity.md (required unless --plan)")
        ->type_name("FOLDER");
    sweep->add_flag("--resume", args.resume, "Continue the sweep in FOLDER: runs already finished are kept, not repeated");
    sweep->add_flag("--plan", args.plan_only, "Print the design and the number of runs, and run nothing");
    sweep->add_option("--threads", args.threads,
                      "Threads per process (default: all cores; 1 per rank under MPI); results do not depend on it")
        ->check(CLI::Range(1, 4096));
    sweep->add_option("--progress-every", args.progress_every_s, "Seconds between progress lines (default 10)")
        ->check(CLI::Range(0.1, 86400.0));
    sweep->add_flag("-q,--quiet", args.quiet, "No progress lines");
    return sweep;
}

int command_sweep(const SweepArgs& args, const MpiSession& mpi) {
    const bool leader = mpi.rank() == 0;
    if (launched_by_mpi_launcher() && !built_with_mpi())
        throw InputError("command line", 0, "mpirun",
                         "this streetwise was built without MPI, so each rank would run the whole sweep on its own",
                         "install libopenmpi-dev and rebuild, or run the sweep without mpirun");

    // Every rank reads the spec and builds the city itself (no large broadcasts); all must succeed.
    std::optional<SweepPlan> plan;
    std::optional<City> city;
    std::optional<InputError> setup_error;
    try {
        plan = make_sweep_plan(load_sweep_spec(args.spec));
        if (!args.plan_only) city = make_run_city(plan->spec.base);
    } catch (const InputError& e) {
        setup_error = e;
    }
    // Under MPI, errors found before any run are printed by rank 0, or by the ranks that alone found
    // them, and every rank returns 2: no MPI_Abort banner for a typo in the spec.
    auto report = [&](const std::optional<InputError>& mine) {
        const bool leader_failed = !mpi.leader_ok(!mine);
        if (mine && (leader || !leader_failed))
            std::cerr << "error: " << (leader ? "" : "rank " + std::to_string(mpi.rank()) + ": ") << mine->what() << "\n";
        return 2;
    };
    if (!mpi.all_ok(!setup_error)) return report(setup_error);
    if (args.plan_only) {
        if (!leader) return 0;
        std::cout << "sweep     " << args.spec << "\n" << "design    " << design_summary(*plan) << "\n";
        const std::size_t shown = std::min<std::size_t>(plan->design.values.size(), 10);
        for (std::size_t p = 0; p < shown; ++p) {
            std::cout << "point " << p << ":";
            for (std::size_t j = 0; j < plan->spec.parameters.size(); ++j)
                std::cout << " " << sweep_override(plan->spec.parameters[j], plan->design.values[p][j]);
            std::cout << "\n";
        }
        if (shown < plan->design.values.size()) std::cout << "... " << plan->design.values.size() - shown << " more points\n";
        return 0;
    }

    // Under MPI one rank per core is the usual layout, so each rank defaults to one thread.
    const int threads = args.threads > 0 ? args.threads
                        : mpi.active()   ? 1
                                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::optional<tbb::global_control> limit;
    limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));

    const fs::path folder = args.output;
    std::optional<SweepLedger> ledger;
    std::optional<InputError> ledger_error;
    if (leader) {
        try {
            if (args.output.empty())
                throw InputError("command line", 0, "-o/--output", "no sweep folder given (or an empty name)",
                                 "name the folder for the journal and results, e.g. -o sweep-1");
            ledger.emplace(*plan, folder, args.resume);
            if (!args.resume) write_file_atomically(folder / "sweep.yaml", read_text(args.spec), "-o/--output");
        } catch (const InputError& e) {
            ledger_error = e;
        }
    }
    if (!mpi.all_ok(!ledger_error)) return report(ledger_error);
    if (!leader) {
        work_mpi_sweep(mpi, *plan, *city);
        return 0;
    }

    const int workers = threads * mpi.size();
    std::cout << "sweep     " << args.spec << "\n"
              << "design    " << design_summary(*plan) << "\n"
              << "seeds     " << plan->spec.first_seed << " to " << plan->spec.first_seed + plan->spec.replicates - 1
              << " (replicate k of every point uses the same seed)\n"
              << "city      " << city->name() << " (" << city->fingerprint_hex() << ")\n"
              << "workers   " << (mpi.active() ? std::to_string(mpi.size()) + " MPI ranks x " : std::string()) << threads
              << " thread" << (threads == 1 ? "" : "s") << "\n";
    if (args.resume)
        std::cout << "resume    " << ledger->run_count() - ledger->pending().size() << " runs already done, "
                  << ledger->pending().size() << " to do\n";
    std::cout << std::flush;

    const bool terminal = isatty(STDERR_FILENO) != 0;
    std::function<void()> tick;
    if (!args.quiet) tick = [&] { print_progress(*ledger, terminal); };
    if (mpi.active())
        coordinate_mpi_sweep(mpi, *plan, *city, *ledger, tick, args.progress_every_s);
    else
        run_sweep_local(*plan, *city, *ledger, threads, tick, args.progress_every_s);
    if (!args.quiet && terminal) std::cerr << "\n";

    const auto progress = ledger->progress();
    const auto results = ledger->results();
    const SweepTable table = build_table(*plan, results);
    std::vector<SweepSensitivity> indices;
    if (progress.failed == 0) indices = sensitivity(*plan, table);
    SweepProvenance provenance;
    provenance.streetwise_version = STREETWISE_VERSION;
    provenance.spec_text = read_text(folder / "sweep.yaml");
    provenance.scenario_yaml = plan->spec.base.resolved_yaml;
    provenance.design = std::string(design_name(plan->spec.design.kind));
    provenance.replicates = plan->spec.replicates;
    provenance.fingerprint = plan->spec.fingerprint;
    write_sweep_table(folder / "results.h5", table, provenance, indices);
    for (const auto& method : indices)
        write_file_atomically(folder / "sensitivity.md", sensitivity_markdown(*plan, table, method), "-o/--output");

    std::cout << "done      " << progress_line(progress) << "\n";
    if (progress.done_this_session > 0 && progress.elapsed_s > 0) {
        // The overhead figure: how much of the workers' time went into runs rather than waiting,
        // handing out work or writing the journal.
        const double busy = progress.run_seconds_this_session / (progress.elapsed_s * workers);
        std::cout << "busy      sum of this session's run times " << number(progress.run_seconds_this_session, 4)
                  << " s over " << workers << " workers x " << number(progress.elapsed_s, 4) << " s wall = "
                  << number(100.0 * busy, 3) << "% of the workers' time in runs\n";
    }
    std::cout << "results   " << (folder / "results.h5").string() << "  (pandas: pandas.read_hdf(\""
              << (folder / "results.h5").string() << "\"))\n";
    for (const auto& method : indices) {
        std::cout << "sensitivity " << method.method << " indices in " << (folder / "sensitivity.md").string() << "\n";
        const std::size_t rank_index = method.method == "morris" ? 1 : 3;
        for (std::size_t o = 0; o < table.outcome_names.size(); ++o) {
            std::size_t best = 0;
            for (std::size_t j = 1; j < table.parameter_keys.size(); ++j)
                if (method.values[rank_index][o][j] > method.values[rank_index][o][best]) best = j;
            std::cout << "  " << table.outcome_names[o] << ": most influential " << table.parameter_keys[best] << " ("
                      << method.index_names[rank_index] << " " << number(method.values[rank_index][o][best]) << ")\n";
        }
    }
    if (progress.failed > 0) {
        std::cerr << "error: " << progress.failed << " runs failed; the first:\n";
        for (const auto& record : results)
            if (record && !record->ok) {
                std::cerr << "  run " << record->run << ": " << record->error << "\n";
                break;
            }
        std::cerr << "  their rows in results.h5 have failed = 1; fix the cause and rerun with --resume to retry them\n";
        return exit_some_runs_failed;
    }
    return 0;
}

}  // namespace streetwise
