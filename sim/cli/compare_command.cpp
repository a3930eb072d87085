#include "sim/cli/compare_command.hpp"

#include <CLI/CLI.hpp>
#include <tbb/global_control.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>

#include "analysis/replicate_comparison.hpp"
#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/double_quoted.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/replicates.hpp"
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

std::string json(const std::vector<ScenarioSpec>& specs, const ReplicateTable& table,
                 const std::vector<std::vector<PairedComparison>>& c, int replicates, int first_seed) {
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
    std::optional<tbb::global_control> limit;
    if (args.threads > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(args.threads));

    std::cout << "compare   " << specs.size() << " scenarios x " << args.replicates << " replicates (seeds "
              << args.first_seed << " to " << args.first_seed + args.replicates - 1
              << ", the same for every scenario); baseline " << specs[0].name << " (" << args.scenarios[0] << ")\n"
              << std::flush;
    const ReplicateTable table =
        run_replicates(specs, city, args.replicates, static_cast<std::uint64_t>(args.first_seed));
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
                                                    : json(specs, table, c, args.replicates, args.first_seed);
        write_file_atomically(args.output, text, "-o/--output");
        std::cout << "table written to " << args.output << "\n";
    }
    return 0;
}

}  // namespace streetwise
