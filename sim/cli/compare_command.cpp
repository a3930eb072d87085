#include "sim/cli/compare_command.hpp"

#include <CLI/CLI.hpp>
#include <tbb/global_control.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>

#include "analysis/replicate_comparison.hpp"
#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/double_quoted.hpp"
#include "sim/core/input_error.hpp"
#include "sim/cli/report_command.hpp"
#include "sim/engine/replicates.hpp"
#include "sim/io/run_file.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace streetwise {

namespace fs = std::filesystem;
using analysis::PairedComparison;

namespace {

std::string fixed(double value, int decimals) {
    char text[48];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

// Every scenario's comparison to the baseline, outcome by outcome: [variant - 1][outcome].
std::vector<std::vector<PairedComparison>> comparisons(const ReplicateTable& table) {
    std::vector<std::vector<PairedComparison>> all;
    for (std::size_t s = 1; s < table.values.size(); ++s) {
        all.emplace_back();
        for (std::size_t o = 0; o < table.outcomes.size(); ++o)
            all.back().push_back(analysis::compare_paired(table.values[0][o], table.values[s][o]));
    }
    return all;
}

std::string markdown(const std::vector<ScenarioSpec>& specs, const ReplicateTable& table,
                     const std::vector<std::vector<PairedComparison>>& c) {
    std::ostringstream out;
    out << "| outcome | scenario | mean | 95% CI | difference to " << specs[0].name << " | 95% CI | change | 95% CI |\n"
        << "|---|---|---|---|---|---|---|---|\n";
    for (std::size_t o = 0; o < table.outcomes.size(); ++o) {
        const auto base = analysis::mean_interval(table.values[0][o]);
        out << "| " << table.outcomes[o] << " | " << specs[0].name << " | " << fixed(base.mean, 2) << " | "
            << fixed(base.low, 2) << " to " << fixed(base.high, 2) << " | | | | |\n";
        for (std::size_t v = 0; v < c.size(); ++v) {
            const PairedComparison& p = c[v][o];
            out << "| " << table.outcomes[o] << " | " << specs[v + 1].name << " | " << fixed(p.variant.mean, 2)
                << " | " << fixed(p.variant.low, 2) << " to " << fixed(p.variant.high, 2) << " | "
                << fixed(p.difference.mean, 2) << " | " << fixed(p.difference.low, 2) << " to "
                << fixed(p.difference.high, 2) << " | ";
            if (std::isnan(p.relative.mean))
                out << "n/a | n/a |\n";
            else
                out << fixed(100 * p.relative.mean, 1) << "% | " << fixed(100 * p.relative.low, 1) << "% to "
                    << fixed(100 * p.relative.high, 1) << "% |\n";
        }
    }
    return out.str();
}

std::string csv(const std::vector<ScenarioSpec>& specs, const ReplicateTable& table,
                const std::vector<std::vector<PairedComparison>>& c) {
    std::ostringstream out;
    out << "outcome,scenario,mean,ci_low,ci_high,difference,difference_low,difference_high,relative,relative_low,"
           "relative_high\n";
    auto name = [](const std::string& text) { return double_quoted(text); };  // CSV quoting of plain names
    for (std::size_t o = 0; o < table.outcomes.size(); ++o) {
        const auto base = analysis::mean_interval(table.values[0][o]);
        out << name(table.outcomes[o]) << "," << name(specs[0].name) << "," << base.mean << "," << base.low << ","
            << base.high << ",,,,,,\n";
        for (std::size_t v = 0; v < c.size(); ++v) {
            const PairedComparison& p = c[v][o];
            out << name(table.outcomes[o]) << "," << name(specs[v + 1].name) << "," << p.variant.mean << ","
                << p.variant.low << "," << p.variant.high << "," << p.difference.mean << "," << p.difference.low
                << "," << p.difference.high << ",";
            if (std::isnan(p.relative.mean))
                out << ",,\n";
            else
                out << p.relative.mean << "," << p.relative.low << "," << p.relative.high << "\n";
        }
    }
    return out.str();
}

// Each scenario's resolved text as its first replicate ran it (with that replicate's seed).
std::vector<std::string> first_replicate_yaml(const std::vector<ScenarioSpec>& specs, int first_seed) {
    std::vector<std::string> texts;
    for (ScenarioSpec spec : specs) {
        spec.seed = static_cast<std::uint64_t>(first_seed);
        texts.push_back(resolved_scenario_yaml(spec));
    }
    return texts;
}

// The JSON table. Besides the summary (replicates, seeds, baseline, outcomes) it carries what
// `streetwise report` needs to draw the same report as compare --report: the version, the city, every
// scenario's resolved text and every replicate's outcome values, printed exactly (%.17g) so the
// report's intervals come out bit for bit the same.
std::string json(const std::vector<ScenarioSpec>& specs, const ReplicateTable& table,
                 const std::vector<std::vector<PairedComparison>>& c, int replicates, int first_seed, const City& city) {
    std::ostringstream out;
    auto number = [](double v) { return std::isnan(v) ? std::string("null") : fixed(v, 6); };
    auto interval = [&](const analysis::Interval& i) {
        return "{\"mean\": " + number(i.mean) + ", \"low\": " + number(i.low) + ", \"high\": " + number(i.high) + "}";
    };
    out << "{\n  \"replicates\": " << replicates << ",\n  \"seeds\": [" << first_seed << ", "
        << first_seed + replicates - 1 << "],\n  \"baseline\": " << double_quoted(specs[0].name) << ",\n  \"outcomes\": [\n";
    for (std::size_t o = 0; o < table.outcomes.size(); ++o) {
        out << "    {\"outcome\": " << double_quoted(table.outcomes[o])
            << ", \"baseline\": " << interval(analysis::mean_interval(table.values[0][o])) << ", \"variants\": [";
        for (std::size_t v = 0; v < c.size(); ++v)
            out << (v ? ", " : "") << "{\"scenario\": " << double_quoted(specs[v + 1].name)
                << ", \"mean\": " << interval(c[v][o].variant) << ", \"difference\": " << interval(c[v][o].difference)
                << ", \"relative\": " << interval(c[v][o].relative) << "}";
        out << "]}" << (o + 1 < table.outcomes.size() ? "," : "") << "\n";
    }
    auto exact = [](double v) {
        char text[40];
        std::snprintf(text, sizeof text, "%.17g", v);
        return std::string(text);
    };
    out << "  ],\n  \"streetwise_version\": " << double_quoted(STREETWISE_VERSION) << ",\n  \"city\": {\"name\": "
        << double_quoted(city.name()) << ", \"fingerprint\": " << double_quoted(city.fingerprint_hex())
        << "},\n  \"first_seed\": " << first_seed << ",\n  \"outcome_names\": [";
    for (std::size_t o = 0; o < table.outcomes.size(); ++o) out << (o ? ", " : "") << double_quoted(table.outcomes[o]);
    out << "],\n  \"scenarios\": [\n";
    const std::vector<std::string> texts = first_replicate_yaml(specs, first_seed);
    for (std::size_t s = 0; s < specs.size(); ++s) {
        out << "    {\"name\": " << double_quoted(specs[s].name) << ", \"resolved_yaml\": " << double_quoted(texts[s])
            << ",\n     \"values\": [";
        for (std::size_t o = 0; o < table.outcomes.size(); ++o) {
            out << (o ? ", " : "") << "[";
            for (std::size_t k = 0; k < table.values[s][o].size(); ++k)
                out << (k ? ", " : "") << exact(table.values[s][o][k]);
            out << "]";
        }
        out << "]}" << (s + 1 < specs.size() ? "," : "") << "\n";
    }
    out << "  ]\n}\n";
    return out.str();
}

}  // namespace

CLI::App* add_compare_command(CLI::App& app, CompareArgs& args) {
    auto* compare = app.add_subcommand(
        "compare", "Compare scenarios over replicates with common random numbers: means, paired differences, 95% intervals");
    compare->add_option("SCENARIOS", args.scenarios, "The baseline scenario, then one or more variants")
        ->required()
        ->expected(2, -1);
    compare->add_option("--replicates", args.replicates, "Runs per scenario, with seeds first-seed, first-seed + 1, ...")
        ->check(CLI::Range(2, 100000));
    compare->add_option("--first-seed", args.first_seed, "Seed of the first replicate (default 1)")
        ->check(CLI::Range(0, 2147483647));
    compare->add_option("--set", args.overrides, "Override a key in every scenario (repeatable)")->type_name("KEY=VALUE");
    compare->add_option("--threads", args.threads, "Worker threads (default: all cores); results do not depend on it")
        ->check(CLI::Range(1, 4096));
    compare->add_option("-o,--output", args.output, "Write the table: Markdown (.md), CSV (.csv) or JSON (.json)")
        ->type_name("FILE");
    compare->add_option("--report", args.report,
                        "Write workshop minutes: one self-contained HTML file with charts, maps, table and scenarios")
        ->type_name("FILE");
    compare->add_option("--keep-runs", args.keep_runs,
                        "Write every replicate's run file into this folder as <scenario name>-seed<N>.h5")
        ->type_name("DIR");
    return compare;
}

int command_compare(const CompareArgs& args) {
    std::string format;
    if (args.output_given) {
        const std::string extension = fs::path(args.output).extension().string();
        if (extension == ".md" || extension == ".csv" || extension == ".json")
            format = extension;
        else
            throw InputError(args.output, 0, "-o/--output", "the table's format is not known from the extension '" +
                                                                extension + "'",
                             "end the file name with .md (Markdown), .csv or .json");
    }
    // Every scenario is checked before anything runs.
    std::vector<ScenarioSpec> specs;
    for (const std::string& file : args.scenarios) specs.push_back(load_scenario(file, args.overrides, default_search_paths()));
    for (std::size_t s = 0; s < specs.size(); ++s)
        if (specs[s].model != ModelKind::streets)
            throw InputError(args.scenarios[s], 0, "model", "compare runs the street model; this scenario is model: short2008",
                             "compare scenarios of the street model (model: streets)");
    const City city = make_city(specs[0].city);
    for (std::size_t s = 1; s < specs.size(); ++s) {
        const City other = make_city(specs[s].city);
        if (other.fingerprint() != city.fingerprint())
            throw InputError(args.scenarios[s], 0, "city",
                             "its city differs from the baseline's (fingerprints " + other.fingerprint_hex() + " and " +
                                 city.fingerprint_hex() + ")",
                             "compare variants of one city: change policies and parameters, not the street network");
    }
    if (args.report_given) {
        if (args.report.empty() || (fs::path(args.report).extension() != ".html" && fs::path(args.report).extension() != ".htm"))
            throw InputError(args.report.empty() ? "command line" : args.report, 0, "--report",
                             "the report is an HTML file; the name must end in .html", "e.g. --report minutes.html");
        check_output_path(args.report);  // fail now, not after the runs
    }
    if (args.keep_runs_given) {
        // The files are named by scenario: two scenarios of one name would overwrite each other's runs.
        std::set<std::string> names;
        for (std::size_t s = 0; s < specs.size(); ++s)
            if (!names.insert(kept_run_file_name(specs[s].name, 0)).second)
                throw InputError(args.scenarios[s], 0, "name",
                                 "another scenario compared has the same name ('" + specs[s].name +
                                     "'), so their run files would have the same names in --keep-runs",
                                 "give each scenario its own name: key (e.g. --set name=... does not help: it applies "
                                 "to all; write a variant file with extends: and name:)");
        std::error_code error;
        fs::create_directories(args.keep_runs, error);
        if (error || !fs::is_directory(args.keep_runs))
            throw InputError(args.keep_runs, 0, "--keep-runs", "cannot create this folder" +
                                                                   (error ? ": " + error.message() : std::string()),
                             "give a folder you can write to");
        check_output_path(fs::path(args.keep_runs) / kept_run_file_name(specs[0].name, 0));
    }
    std::optional<tbb::global_control> limit;
    if (args.threads > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(args.threads));

    std::cout << "compare   " << specs.size() << " scenarios x " << args.replicates << " replicates (seeds "
              << args.first_seed << " to " << args.first_seed + args.replicates - 1
              << ", the same for every scenario); baseline " << specs[0].name << " (" << args.scenarios[0] << ")\n"
              << std::flush;
    const auto replicates = static_cast<std::size_t>(args.replicates);
    // Filled from worker threads, each run into its own slot: the report does not depend on threads.
    std::vector<ReportRun> kept(args.report_given ? specs.size() * replicates : 0);
    std::mutex run_file_mutex;  // HDF5 is not thread-safe
    ReplicateRunCallback on_run;
    if (args.report_given || args.keep_runs_given)
        on_run = [&](std::size_t s, std::size_t k, const RunResult& result) {
            if (args.report_given)
                kept[s * replicates + k] =
                    report_run(s, result.seed, result.scenario_yaml, result.hourly, result.segment_crime_count);
            if (args.keep_runs_given) {
                const std::lock_guard lock(run_file_mutex);
                write_run_file(fs::path(args.keep_runs) / kept_run_file_name(specs[s].name, result.seed), result);
            }
        };
    const ReplicateTable table =
        run_replicates(specs, city, args.replicates, static_cast<std::uint64_t>(args.first_seed), on_run);
    const auto c = comparisons(table);

    for (std::size_t v = 0; v < c.size(); ++v) {
        std::cout << "\n" << specs[v + 1].name << " (" << args.scenarios[v + 1] << ") against " << specs[0].name
                  << ", per run of " << specs[0].time.days << " days:\n";
        for (std::size_t o = 0; o < table.outcomes.size(); ++o)
            std::cout << "  " << analysis::headline(table.outcomes[o], c[v][o]) << "\n";
    }
    std::cout << "\nIntervals are 95% confidence intervals over the replicates (Student's t); a difference whose "
                 "interval covers 0 is not clear at this number of replicates.\n";
    if (args.output_given) {
        const std::string text = format == ".md"    ? markdown(specs, table, c)
                                 : format == ".csv" ? csv(specs, table, c)
                                                    : json(specs, table, c, args.replicates, args.first_seed, city);
        write_file_atomically(args.output, text, "-o/--output");
        std::cout << "table written to " << args.output << "\n";
    }
    if (args.keep_runs_given)
        std::cout << specs.size() * replicates << " run files written to " << args.keep_runs << "\n";
    if (args.report_given) {
        // The same sources `streetwise report cmp.json DIR/*.h5` reads back from the files.
        ReportSources sources;
        sources.streetwise_version = STREETWISE_VERSION;
        sources.city = &city;
        sources.city_name = city.name();
        sources.city_fingerprint = city.fingerprint_hex();
        for (const ScenarioSpec& spec : specs) sources.scenario_names.push_back(spec.name);
        sources.scenario_yaml = first_replicate_yaml(specs, args.first_seed);
        sources.table = table;
        for (std::size_t k = 0; k < replicates; ++k)
            sources.table_seeds.push_back(static_cast<std::uint64_t>(args.first_seed) + k);
        sources.runs = std::move(kept);
        write_file_atomically(args.report, report_html(sources), "--report");
        std::cout << "report written to " << args.report << "\n";
    }
    return 0;
}

}  // namespace streetwise
