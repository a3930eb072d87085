#include "sim/cli/report_command.hpp"

#include <CLI/CLI.hpp>
// The comparison JSON is read as YAML (JSON is YAML): one parser for the project's text formats.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "analysis/html_report.hpp"
#include "sim/city/city.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/input_error.hpp"
#include "sim/io/run_file.hpp"

namespace streetwise {

namespace fs = std::filesystem;

namespace {

// The hourly columns drawn, with what they count (the run file's names, sim/engine/crime_recorder).
struct DrawnColumn {
    const char* name;
    const char* title;
};
constexpr DrawnColumn drawn_columns[] = {{"crimes", "All crime"},
                                         {"recorded", "Recorded crime (reported to the police)"}};

const char* const comparison_hint =
    "give the .json file written by `streetwise compare ... -o FILE.json`; one written by an older streetwise "
    "lacks what the report needs: run compare again";

// A comparison JSON as `compare -o x.json` writes it: only what the report reads.
struct ComparisonFile {
    std::string file;
    std::string streetwise_version;
    std::string city_name;
    std::string city_fingerprint;
    std::uint64_t first_seed = 0;
    int replicates = 0;
    std::vector<std::string> outcome_names;
    std::vector<std::string> scenario_names;
    std::vector<std::string> scenario_yaml;
    std::vector<std::vector<std::vector<double>>> values;  // [scenario][outcome][replicate]
};

class JsonReader {
public:
    explicit JsonReader(std::string file) : file_(std::move(file)) {}

    [[noreturn]] void fail(const YAML::Node& near, const std::string& key, const std::string& problem) const {
        const int line = near.IsDefined() && near.Mark().line >= 0 ? near.Mark().line + 1 : 0;
        throw InputError(file_, line, key, problem, comparison_hint);
    }

    YAML::Node child(const YAML::Node& parent, const std::string& parent_key, const std::string& name,
                     YAML::NodeType::value type, const char* expected) const {
        const std::string key = parent_key.empty() ? name : parent_key + "." + name;
        const YAML::Node node = parent[name];
        if (!node.IsDefined()) fail(parent, key, "the key is missing; expected " + std::string(expected));
        if (node.Type() != type) fail(node, key, "expected " + std::string(expected));
        return node;
    }

    template <class T>
    T scalar(const YAML::Node& node, const std::string& key, const char* expected) const {
        if (!node.IsScalar()) fail(node, key, "expected " + std::string(expected));
        try {
            return node.as<T>();
        } catch (const YAML::Exception&) {
            fail(node, key, "'" + node.Scalar() + "' is not " + expected);
        }
    }

private:
    std::string file_;
};

ComparisonFile read_comparison(const std::string& file) {
    YAML::Node root;
    try {
        root = YAML::LoadFile(file);
    } catch (const YAML::BadFile&) {
        throw InputError(file, 0, "", "cannot open the comparison file", "check the path; " + std::string(comparison_hint));
    } catch (const YAML::Exception& error) {
        throw InputError(file, error.mark.line >= 0 ? error.mark.line + 1 : 0, "",
                         "not valid JSON: " + error.msg, comparison_hint);
    }
    const JsonReader json(file);
    if (!root.IsMap()) json.fail(root, "", "expected a JSON object (the file compare -o writes)");
    ComparisonFile c;
    c.file = file;
    c.streetwise_version = json.scalar<std::string>(
        json.child(root, "", "streetwise_version", YAML::NodeType::Scalar, "a version string"), "streetwise_version",
        "a version string");
    const YAML::Node city = json.child(root, "", "city", YAML::NodeType::Map, "an object with name and fingerprint");
    c.city_name = json.scalar<std::string>(json.child(city, "city", "name", YAML::NodeType::Scalar, "a string"),
                                           "city.name", "a string");
    c.city_fingerprint = json.scalar<std::string>(
        json.child(city, "city", "fingerprint", YAML::NodeType::Scalar, "a hex string"), "city.fingerprint", "a hex string");
    c.first_seed = json.scalar<std::uint64_t>(
        json.child(root, "", "first_seed", YAML::NodeType::Scalar, "a whole number >= 0"), "first_seed",
        "a whole number >= 0");
    c.replicates = json.scalar<int>(json.child(root, "", "replicates", YAML::NodeType::Scalar, "a whole number >= 2"),
                                    "replicates", "a whole number >= 2");
    if (c.replicates < 2) json.fail(root["replicates"], "replicates", "expected a whole number >= 2");
    const YAML::Node names = json.child(root, "", "outcome_names", YAML::NodeType::Sequence, "a list of outcome names");
    for (std::size_t o = 0; o < names.size(); ++o)
        c.outcome_names.push_back(
            json.scalar<std::string>(names[o], "outcome_names[" + std::to_string(o) + "]", "a string"));
    if (c.outcome_names.empty()) json.fail(names, "outcome_names", "expected at least one outcome");
    const YAML::Node scenarios =
        json.child(root, "", "scenarios", YAML::NodeType::Sequence, "a list of scenarios, the baseline first");
    if (scenarios.size() < 2) json.fail(scenarios, "scenarios", "expected a baseline and at least one variant");
    for (std::size_t s = 0; s < scenarios.size(); ++s) {
        const std::string key = "scenarios[" + std::to_string(s) + "]";
        const YAML::Node scenario = scenarios[s];
        if (!scenario.IsMap()) json.fail(scenario, key, "expected an object with name, resolved_yaml and values");
        c.scenario_names.push_back(json.scalar<std::string>(
            json.child(scenario, key, "name", YAML::NodeType::Scalar, "a string"), key + ".name", "a string"));
        c.scenario_yaml.push_back(json.scalar<std::string>(
            json.child(scenario, key, "resolved_yaml", YAML::NodeType::Scalar, "the resolved scenario text"),
            key + ".resolved_yaml", "a string"));
        const YAML::Node values = json.child(scenario, key, "values", YAML::NodeType::Sequence,
                                             "one list of per-replicate values per outcome");
        if (values.size() != c.outcome_names.size())
            json.fail(values, key + ".values",
                      "expected " + std::to_string(c.outcome_names.size()) + " lists (one per outcome), found " +
                          std::to_string(values.size()));
        c.values.emplace_back();
        for (std::size_t o = 0; o < values.size(); ++o) {
            const std::string list_key = key + ".values[" + std::to_string(o) + "]";
            if (!values[o].IsSequence() || values[o].size() != static_cast<std::size_t>(c.replicates))
                json.fail(values[o], list_key,
                          "expected a list of " + std::to_string(c.replicates) + " numbers (one per replicate)");
            c.values.back().emplace_back();
            for (std::size_t k = 0; k < values[o].size(); ++k)
                c.values.back().back().push_back(
                    json.scalar<double>(values[o][k], list_key + "[" + std::to_string(k) + "]", "a number"));
        }
    }
    return c;
}

// The run's outcomes (counts over the whole run) from its crime table, with the day and night of its
// resolved scenario: the same numbers compare computed from the run in memory.
std::vector<double> outcomes_from_run_file(const std::string& file, const RunFileContents& run) {
    ScenarioSpec spec;
    spec.time.step_s = run.info.step_s;
    try {
        const YAML::Node time = YAML::Load(run.scenario_yaml)["time"];
        spec.time.sunrise_h = time["sunrise_h"].as<double>();
        spec.time.sunset_h = time["sunset_h"].as<double>();
    } catch (const YAML::Exception&) {
        throw InputError(file, 0, "/scenario/resolved_yaml", "the resolved scenario has no readable time.sunrise_h "
                         "and time.sunset_h, needed to count crime at night",
                         "give run files written by streetwise run or compare --keep-runs");
    }
    RunResult result;
    result.crimes = run.crimes;
    result.insecurity = run.insecurity;
    return run_outcomes(result, spec);
}

std::string default_title(const std::vector<std::string>& names) {
    if (names.size() < 2) return names.empty() ? "streetwise report" : names[0];
    std::string title;
    for (std::size_t s = 1; s < names.size(); ++s) title += (s > 1 ? ", " : "") + names[s];
    return title + " against " + names[0];
}

void check_output(const std::string& output, const char* key) {
    if (output.empty())
        throw InputError("command line", 0, key, "the report's file name is empty", "name it, e.g. minutes.html");
    const std::string extension = fs::path(output).extension().string();
    if (extension != ".html" && extension != ".htm")
        throw InputError(output, 0, key, "the report is HTML but the name ends in '" + extension + "'",
                         "end the file name with .html");
    check_output_path(output);
}

}  // namespace

std::string kept_run_file_name(const std::string& scenario_name, std::uint64_t seed) {
    std::string name = scenario_name.empty() ? "run" : scenario_name;
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '-';
    return name + "-seed" + std::to_string(seed) + ".h5";
}

ReportRun report_run(std::size_t scenario, std::uint64_t seed, const std::string& scenario_yaml,
                     const std::vector<TimeSeriesColumn>& hourly, const std::vector<std::uint32_t>& segment_crimes) {
    ReportRun run{scenario, seed, scenario_yaml, {}, segment_crimes};
    for (const DrawnColumn& drawn : drawn_columns)
        for (const TimeSeriesColumn& column : hourly)
            if (column.name == drawn.name) run.hourly.push_back(column);
    return run;
}

std::string report_html(const ReportSources& sources) {
    analysis::ReportData data;
    data.title = sources.title.empty() ? default_title(sources.scenario_names) : sources.title;
    data.streetwise_version = sources.streetwise_version;
    data.city_name = sources.city_name;
    data.city_fingerprint = sources.city_fingerprint;
    data.notes = sources.notes;

    // Each scenario's runs in seed order, whatever order the files or threads gave them in.
    std::vector<std::vector<const ReportRun*>> runs(sources.scenario_names.size());
    for (const ReportRun& run : sources.runs) runs.at(run.scenario).push_back(&run);
    for (auto& list : runs)
        std::sort(list.begin(), list.end(), [](const ReportRun* a, const ReportRun* b) { return a->seed < b->seed; });
    // Only columns every run has, so every chart has every scenario.
    std::vector<const DrawnColumn*> columns;
    for (const DrawnColumn& drawn : drawn_columns) {
        bool everywhere = !sources.runs.empty();
        for (const ReportRun& run : sources.runs)
            everywhere = everywhere && std::any_of(run.hourly.begin(), run.hourly.end(),
                                                   [&](const TimeSeriesColumn& c) { return c.name == drawn.name; });
        if (everywhere) columns.push_back(&drawn);
    }

    for (std::size_t s = 0; s < sources.scenario_names.size(); ++s) {
        analysis::ReportScenario scenario;
        scenario.name = sources.scenario_names[s];
        scenario.scenario_yaml = s < sources.scenario_yaml.size() ? sources.scenario_yaml[s] : "";
        if (scenario.scenario_yaml.empty() && !runs[s].empty()) scenario.scenario_yaml = runs[s].front()->scenario_yaml;
        for (const ReportRun* run : runs[s]) {
            scenario.seeds.push_back(run->seed);
            scenario.segment_crimes.emplace_back(run->segment_crimes.begin(), run->segment_crimes.end());
        }
        for (const DrawnColumn* drawn : columns) {
            analysis::ReportSeries series{drawn->name, drawn->title, "crimes", {}};
            for (const ReportRun* run : runs[s])
                for (const TimeSeriesColumn& c : run->hourly)
                    if (c.name == drawn->name) series.replicates.push_back(c.values);
            for (const auto& values : series.replicates)
                if (values.size() != series.replicates.front().size())
                    throw InputError(scenario.name, 0, "/timeseries/" + series.name,
                                     "the runs of scenario '" + scenario.name + "' differ in length (" +
                                         std::to_string(series.replicates.front().size()) + " and " +
                                         std::to_string(values.size()) + " hours)",
                                     "report on replicates of one scenario with the same time.days");
            if (!runs[s].empty()) scenario.series.push_back(std::move(series));
        }
        data.scenarios.push_back(std::move(scenario));
    }
    if (sources.city) {
        const City& city = *sources.city;
        for (std::uint32_t i = 0; i < city.segment_count(); ++i) {
            const std::uint32_t a = city.segment_from()[i], b = city.segment_to()[i];
            data.segments.push_back({city.node_x_m()[a], city.node_y_m()[a], city.node_x_m()[b], city.node_y_m()[b]});
        }
    }
    if (sources.table) data.comparison = analysis::compare_replicates(sources.table->outcomes, sources.table->values, sources.table_seeds);
    return analysis::render_html_report(data);
}

CLI::App* add_report_command(CLI::App& app, ReportArgs& args) {
    auto* report = app.add_subcommand(
        "report", "Workshop minutes as one self-contained HTML file from run files and/or a comparison JSON");
    report->add_option("INPUT", args.inputs,
                       "Run files (.h5; runs of one scenario with different seeds are its replicates) and at most one "
                       "comparison .json written by `streetwise compare -o`")
        ->required()
        ->expected(1, -1);
    report->add_option("-o,--output", args.output, "The HTML file to write")->required()->type_name("FILE");
    report->add_option("--title", args.title, "The report's title (default: '<variants> against <baseline>')")
        ->type_name("TEXT");
    return report;
}

int command_report(const ReportArgs& args) {
    check_output(args.output, "-o/--output");
    std::optional<ComparisonFile> comparison;
    std::vector<std::string> run_files;
    for (const std::string& input : args.inputs) {
        std::error_code error;
        if (fs::equivalent(input, args.output, error))
            throw InputError(input, 0, "-o/--output", "the report would overwrite one of its inputs",
                             "write the report to another file");
        if (fs::path(input).extension() != ".json") {
            run_files.push_back(input);
            continue;
        }
        if (comparison)
            throw InputError(input, 0, "INPUT", "a second comparison JSON (the first is " + comparison->file + ")",
                             "give one comparison JSON per report");
        comparison = read_comparison(input);
    }

    ReportSources sources;
    sources.title = args.title;
    std::set<std::string> versions;
    std::string fingerprint_from;  // which input set the city
    if (comparison) {
        sources.scenario_names = comparison->scenario_names;
        sources.scenario_yaml = comparison->scenario_yaml;
        sources.city_name = comparison->city_name;
        sources.city_fingerprint = comparison->city_fingerprint;
        fingerprint_from = comparison->file;
        versions.insert(comparison->streetwise_version);
        ReplicateTable table;
        table.outcomes = comparison->outcome_names;
        table.values = comparison->values;
        sources.table = std::move(table);
        for (int k = 0; k < comparison->replicates; ++k)
            sources.table_seeds.push_back(comparison->first_seed + static_cast<std::uint64_t>(k));
        if (!run_files.empty())
            for (std::size_t s = 0; s < sources.scenario_names.size(); ++s)
                for (std::size_t t = s + 1; t < sources.scenario_names.size(); ++t)
                    if (sources.scenario_names[s] == sources.scenario_names[t])
                        throw InputError(comparison->file, 0, "scenarios",
                                         "two compared scenarios are both named '" + sources.scenario_names[s] +
                                             "', so run files cannot be matched to them",
                                         "give the scenarios different name: keys and compare again, or report on "
                                         "the comparison JSON alone");
    }

    std::optional<City> city;
    std::map<std::pair<std::size_t, std::uint64_t>, std::string> seen;   // (scenario, seed) -> file
    std::vector<std::vector<std::vector<double>>> outcomes;              // [scenario][seed order of arrival]
    std::vector<std::vector<std::uint64_t>> outcome_seeds;
    bool events_omitted = false;
    for (const std::string& file : run_files) {
        RunFileContents run = read_run_file(file);
        if (!fingerprint_from.empty() && run.info.city_fingerprint != sources.city_fingerprint)
            throw InputError(file, 0, "city_fingerprint",
                             "its city (" + run.info.city_name + ", fingerprint " + run.info.city_fingerprint +
                                 ") differs from that of " + fingerprint_from + " (" + sources.city_name +
                                 ", fingerprint " + sources.city_fingerprint + ")",
                             "report on runs of one city: give only run files of the same street network");
        if (fingerprint_from.empty()) {
            fingerprint_from = file;
            sources.city_name = run.info.city_name;
            sources.city_fingerprint = run.info.city_fingerprint;
        }
        const auto found = std::find(sources.scenario_names.begin(), sources.scenario_names.end(), run.info.scenario_name);
        if (found == sources.scenario_names.end() && comparison) {
            std::string known;
            for (const auto& name : sources.scenario_names) known += (known.empty() ? "'" : ", '") + name + "'";
            throw InputError(file, 0, "scenario_name",
                             "scenario '" + run.info.scenario_name + "' is not in the comparison " + comparison->file +
                                 " (it has " + known + ")",
                             "give run files of the compared scenarios (compare --keep-runs DIR writes them)");
        }
        if (comparison && (run.info.seed < comparison->first_seed ||
                           run.info.seed >= comparison->first_seed + static_cast<std::uint64_t>(comparison->replicates)))
            throw InputError(file, 0, "seed",
                             "seed " + std::to_string(run.info.seed) + " is not one of the comparison's replicates (" +
                                 std::to_string(comparison->first_seed) + " to " +
                                 std::to_string(comparison->first_seed + static_cast<std::uint64_t>(comparison->replicates) - 1) +
                                 ")",
                             "give the run files of that comparison (compare --keep-runs DIR writes them)");
        const std::size_t scenario = static_cast<std::size_t>(found - sources.scenario_names.begin());
        if (found == sources.scenario_names.end()) {
            sources.scenario_names.push_back(run.info.scenario_name);
            outcomes.emplace_back();
            outcome_seeds.emplace_back();
        }
        const auto [previous, inserted] = seen.try_emplace({scenario, run.info.seed}, file);
        if (!inserted)
            throw InputError(file, 0, "seed",
                             "a second run of scenario '" + run.info.scenario_name + "' with seed " +
                                 std::to_string(run.info.seed) + " (the first is " + previous->second + ")",
                             "give each run once");
        versions.insert(run.info.streetwise_version);
        if (!comparison) {
            if (run.crime_events_omitted)
                events_omitted = true;
            else
                outcomes[scenario].push_back(outcomes_from_run_file(file, run));
            outcome_seeds[scenario].push_back(run.info.seed);
        }
        sources.runs.push_back(report_run(scenario, run.info.seed, run.scenario_yaml, run.hourly, run.segment_crime_count));
        if (!city) city.emplace(std::move(run.city));
    }
    sources.city = city ? &*city : nullptr;
    for (const std::string& v : versions) sources.streetwise_version += (sources.streetwise_version.empty() ? "" : ", ") + v;

    // Without a comparison JSON, the table is computed from the runs when they pair up: every scenario
    // has the same seeds, at least two.
    if (!comparison && sources.scenario_names.size() >= 2) {
        bool paired = !events_omitted && outcome_seeds[0].size() >= 2;
        std::vector<std::vector<std::size_t>> order(outcome_seeds.size());
        for (std::size_t s = 0; s < outcome_seeds.size(); ++s) {
            order[s].resize(outcome_seeds[s].size());
            for (std::size_t i = 0; i < order[s].size(); ++i) order[s][i] = i;
            std::sort(order[s].begin(), order[s].end(),
                      [&](std::size_t a, std::size_t b) { return outcome_seeds[s][a] < outcome_seeds[s][b]; });
            std::vector<std::uint64_t> sorted;
            for (const std::size_t i : order[s]) sorted.push_back(outcome_seeds[s][i]);
            outcome_seeds[s] = sorted;
            paired = paired && outcome_seeds[s] == outcome_seeds[0];
        }
        if (paired) {
            ReplicateTable table;
            table.outcomes = outcome_names();
            for (std::size_t s = 0; s < outcomes.size(); ++s) {
                table.values.emplace_back(table.outcomes.size());
                for (std::size_t o = 0; o < table.outcomes.size(); ++o)
                    for (const std::size_t i : order[s]) table.values[s][o].push_back(outcomes[s][i][o]);
            }
            sources.table = std::move(table);
            sources.table_seeds = outcome_seeds[0];
        } else {
            sources.notes.push_back(
                events_omitted ? "No comparison table: some run files have no crime table (output.events: false). "
                                 "Give the comparison JSON written by streetwise compare -o for the table."
                               : "No comparison table: that needs at least 2 runs of every scenario with the same "
                                 "seeds (common random numbers), as streetwise compare --keep-runs writes them.");
        }
    }
    if (run_files.empty())
        sources.notes.push_back("No run files: the time series and maps need them (streetwise compare --keep-runs DIR "
                                "writes them; give them with the comparison JSON).");

    const std::string html = report_html(sources);
    write_file_atomically(args.output, html, "-o/--output");
    std::cout << "report written to " << args.output << " (" << sources.scenario_names.size() << " scenarios, "
              << run_files.size() << " run files" << (comparison ? ", comparison " + comparison->file : "") << ")\n";
    return 0;
}

}  // namespace streetwise
