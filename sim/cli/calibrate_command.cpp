#include "sim/cli/calibrate_command.hpp"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>

#include "analysis/calibration_report.hpp"
#include "analysis/calibration_targets.hpp"
#include "analysis/police_uk.hpp"
#include "analysis/reporting_rates.hpp"
#include "analysis/street_crime_concentration.hpp"
#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "sim/cli/run_summary.hpp"
#include "sim/engine/rate_fit.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/double_quoted.hpp"
#include "sim/core/input_error.hpp"
#include "sim/model/crime_type.hpp"

namespace streetwise {

namespace fs = std::filesystem;
using namespace streetwise::analysis;

namespace {

[[noreturn]] void bad_argument(const std::string& option, const std::string& problem, const std::string& hint) {
    throw InputError("command line", 0, option, problem, hint);
}

std::optional<double> number_of(const std::string& text) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<YearMonth> month_option(const std::string& text, const std::string& option) {
    if (text.empty()) return std::nullopt;
    const auto month = parse_year_month(text);
    if (!month) bad_argument(option, "expected a month as YYYY-MM, got '" + text + "'", "e.g. " + option + " 2019-01");
    return month;
}

std::string type_names() {
    std::string names;
    for (const auto& name : crime_type_names) names.append(names.empty() ? "" : ", ").append(name);
    return names;
}

// TYPE=FRACTION pairs of a repeatable option.
std::map<CrimeType, double> fractions_by_type(const std::vector<std::string>& pairs, const std::string& option) {
    std::map<CrimeType, double> result;
    for (const auto& pair : pairs) {
        const auto eq = pair.find('=');
        const std::string example = option + " harassment=0.1";
        if (eq == std::string::npos)
            bad_argument(option, "expected TYPE=FRACTION, got '" + pair + "'", "e.g. " + example);
        const std::string name = pair.substr(0, eq);
        const auto type = crime_type_from_string(name);
        if (!type)
            bad_argument(option, "unknown crime type '" + name + "' in '" + pair + "'", "crime types: " + type_names());
        const auto value = number_of(pair.substr(eq + 1));
        if (!value) bad_argument(option, "expected a fraction after '=', got '" + pair + "'", "e.g. " + example);
        if (!result.emplace(*type, *value).second)
            bad_argument(option, name + " is given twice", "give each crime type once");
    }
    return result;
}

// Fails before any input is read when the targets file cannot be written there, or would replace one
// of the inputs (a slip of the keyboard that would destroy the data).
void check_output_path(const fs::path& file, const std::vector<std::string>& inputs) {
    auto bad = [&](const std::string& problem, const std::string& hint) {
        throw InputError(file.string(), 0, "-o/--output", problem, hint);
    };
    if (file.empty()) bad("the output file name is empty", "name the targets file, e.g. -o targets.yaml");
    std::error_code error;
    if (fs::is_directory(file, error)) bad("is an existing folder", "add a file name, e.g. -o " + (file / "targets.yaml").string());
    const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
    if (!fs::is_directory(folder, error))
        bad("folder " + folder.string() + " does not exist",
            "create it first (mkdir -p " + folder.string() + ") or choose another -o FILE");
    for (const auto& input : inputs)
        if (fs::equivalent(file, input, error))
            bad("is the input file " + input + ": writing the targets would replace the data",
                "choose another file for the targets, e.g. -o targets.yaml");
}

std::string fixed(double value, int decimals) {
    char text[48];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string rounded(double value) { return with_thousands(static_cast<std::uint64_t>(std::llround(value))); }

std::string count_list(const std::vector<CategoryCount>& counts) {
    std::string text;
    for (const auto& c : counts) text.append(text.empty() ? "" : "; ").append(c.category + " " + with_thousands(c.records));
    return text.empty() ? "none" : text;
}

void print_table(std::ostream& out, const CalibrationReport& report, std::uint64_t records_in_file,
                 YearMonth first_month, YearMonth last_month) {
    const CalibrationTargets& t = report.targets;
    out << "crime       " << report.crime_file << " (" << to_string(report.crime_layout) << " layout): "
        << with_thousands(records_in_file) << " records, " << to_string(first_month) << " to "
        << to_string(last_month) << "\n";
    out << "window      " << to_string(t.from) << " to " << to_string(t.to) << ", " << t.months << " month"
        << (t.months == 1 ? "" : "s") << ": " << with_thousands(t.records_in_window) << " records";
    if (t.months == 12)
        out << "; per year as counted\n";
    else
        out << "; SCALED to a year: counts x 12/" << t.months << " = " << fixed(t.year_scale, 3)
            << " (--scale-to-year; seasons are ignored)\n";
    if (!t.months_without_records.empty()) {
        out << "            no records at all in";
        for (const auto& m : t.months_without_records) out << " " << to_string(m);
        out << ": a gap in the data?\n";
    }
    out << "reporting   " << report.reporting_file << ": CSEW Table D10, survey year ending "
        << to_string(report.survey_year_ending) << "\n";
    out << "population  " << rounded(t.population)
        << " residents (stated with --population; every per-1,000 figure is per 1,000 of them)\n\n";

    char line[256];
    std::snprintf(line, sizeof line, "%-18s %10s %10s %9s %10s %10s  %s\n", "", "recorded", "per 1,000", "reported",
                  "true", "per 1,000", "");
    out << line;
    std::snprintf(line, sizeof line, "%-18s %10s %10s %9s %10s %10s  %s\n", "crime type", "per year", "residents", "%",
                  "per year", "residents", "from");
    out << line;
    bool any_literature = false;
    for (const CrimeTypeTarget& target : t.by_type) {
        const bool literature = target.reporting.kind == ReportingSource::literature_default;
        any_literature = any_literature || literature;
        const std::string reported = fixed(100.0 * target.reporting.proportion, 1) +
                                     (literature ? "*" : target.reporting.kind == ReportingSource::user_given ? "u" : " ");
        const std::string from = target.basis == TargetBasis::police_uk_category ? "police.uk '" + target.basis_text + "'"
                                 : target.calibrated() ? target.basis_text
                                                       : "not calibrated (no police.uk category): the scenario's rate stays";
        if (target.calibrated())
            std::snprintf(line, sizeof line, "%-18s %10s %10s %9s %10s %10s  %s\n",
                          std::string(to_string(target.type)).c_str(), rounded(target.recorded_per_year).c_str(),
                          fixed(target.recorded_per_1000_residents_per_year, 2).c_str(), reported.c_str(),
                          rounded(target.true_per_year).c_str(), fixed(target.true_per_1000_residents_per_year, 2).c_str(),
                          from.c_str());
        else
            std::snprintf(line, sizeof line, "%-18s %10s %10s %9s %10s %10s  %s\n",
                          std::string(to_string(target.type)).c_str(), "-", "-", reported.c_str(), "-", "-", from.c_str());
        out << line;
    }
    out << "\ntrue per year = recorded per year / share reported: the crime the model should make\n";
    for (const CrimeTypeTarget& target : t.by_type)
        if (target.reporting.kind != ReportingSource::survey_table)
            out << "  " << to_string(target.type) << ": "
                << (target.reporting.kind == ReportingSource::literature_default ? "* " : "u ") << target.reporting.source
                << "\n";
    out << "in Violence and sexual offences and Public order (harassment and hate, not separable): "
        << count_list(t.holding_harassment_and_hate) << "\n";
    out << "not modelled: " << count_list(t.not_modelled) << "\n";
    if (!t.unrecognised.empty())
        out << "NOT police.uk categories (counted nowhere): " << count_list(t.unrecognised) << "\n";

    out << "\ncrime concentration in the window (anti-social behaviour left out), a proxy for street segments:\n";
    for (const auto& c : report.concentration)
        out << "  by " << to_string(c.key) << ": 50% of " << with_thousands(c.crimes - c.crimes_without_place)
            << " crimes at " << fixed(100.0 * c.share_of_places_holding_half, 1) << "% of the "
            << with_thousands(c.places) << " places with crime, 25% at "
            << fixed(100.0 * c.share_of_places_holding_quarter, 1) << "%"
            << (c.crimes_without_place > 0
                    ? " (" + with_thousands(c.crimes_without_place) + " crimes without a location left out)"
                    : std::string())
            << "\n";
    out << "  police.uk moves crimes to anonymised map points; shares are of places with crime, not of all street\n"
           "  segments (Weisburd 2015: 50% on 2-6%, 25% on 0.4-1.6% of all segments)\n";
    out << "\nContains public sector information licensed under the Open Government Licence v3.0\n";
}

// The fitted variant: extends the scenario (by a path relative to the variant's folder) and sets only
// the fitted rates and the reporting shares the targets assumed.
std::string fitted_variant_yaml(const CalibrateArgs& args, const CalibrationTargets& targets,
                                const std::array<double, crime_type_count>& rates, int residents) {
    const fs::path variant_folder = fs::absolute(args.write_scenario).parent_path();
    const fs::path base = fs::absolute(args.scenario).lexically_normal();
    const fs::path relative = base.lexically_relative(variant_folder);
    std::string text = "# Crime rates fitted by `streetwise calibrate` to " + args.crime_file + " (" +
                       to_string(targets.from) + " to " + to_string(targets.to) + ", per " + rounded(targets.population) +
                       " residents, scaled to this scenario's " + with_thousands(static_cast<std::uint64_t>(residents)) +
                       ") and the reporting shares of " + args.reporting_file +
                       ".\n# Contains public sector information licensed under the Open Government Licence v3.0\n";
    text += "extends: " + double_quoted((relative.empty() ? base : relative).string()) + "\ncrime:\n";
    for (const CrimeTypeTarget& target : targets.by_type) {
        if (!target.calibrated()) continue;
        char line[160];
        std::snprintf(line, sizeof line, "  %s:\n    rate: %.6g\n    reporting_probability: %.6g\n",
                      std::string(to_string(target.type)).c_str(), rates[static_cast<int>(target.type)],
                      target.reporting.proportion);
        text += line;
    }
    return text;
}

void fit_scenario(const CalibrateArgs& args, const ScenarioSpec& spec, const CalibrationTargets& targets,
                  std::ostream& out) {
    std::array<std::optional<double>, crime_type_count> wanted{};
    for (const CrimeTypeTarget& target : targets.by_type)
        if (target.calibrated())
            wanted[static_cast<int>(target.type)] =
                target.true_per_1000_residents_per_year * spec.residents.count / 1000.0;
    out << "\nfitting   " << args.scenario << " (" << with_thousands(static_cast<std::uint64_t>(spec.residents.count))
        << " residents): " << args.rounds << " run" << (args.rounds == 1 ? "" : "s") << " of " << args.fit_days
        << " days; true crime per year wanted, per round measured (rate)\n";
    const City city = make_city(spec.city);
    int round = 0;
    RateFitOptions options;
    options.days = args.fit_days;
    options.rounds = args.rounds;
    options.threads = args.threads;
    const RateFit fit = fit_crime_rates(spec, city, wanted, options, [&](const RateFitRound& r) {
        out << "  round " << ++round << ":";
        for (int t = 0; t < crime_type_count; ++t)
            if (wanted[t])
                out << "  " << crime_type_names[t] << " " << rounded(r.measured_true_per_year[t]) << " ("
                    << fixed(r.rates[t], 4) << ")";
        out << "\n" << std::flush;
    });
    const RateFitRound& last = fit.rounds.back();
    out << "  wanted: ";
    for (int t = 0; t < crime_type_count; ++t)
        if (wanted[t]) out << "  " << crime_type_names[t] << " " << rounded(*wanted[t]);
    out << "\n  the last round is one draw of chance: about 1 / sqrt(count) off (e.g. 10% at 100 crimes)\n";
    (void)last;
    if (args.write_scenario_given) {
        write_file_atomically(args.write_scenario, fitted_variant_yaml(args, targets, fit.rates, spec.residents.count),
                              "--write-scenario");
        out << "fitted scenario written to " << args.write_scenario << " (run it with: streetwise run "
            << args.write_scenario << ")\n";
    }
}

}  // namespace

CLI::App* add_calibrate_command(CLI::App& app, CalibrateArgs& args) {
    auto* calibrate = app.add_subcommand(
        "calibrate",
        "Crime-rate calibration targets from police.uk recorded crime and CSEW reporting rates");
    calibrate->add_option("--crime", args.crime_file, "police.uk street-level crime CSV")->required()->type_name("FILE");
    calibrate->add_option("--crime-format", args.crime_format, "Layout of the crime file (default: auto, from its header)")
        ->check(CLI::IsMember({"auto", "police-uk", "camden"}))
        ->type_name("auto|police-uk|camden");
    calibrate->add_option("--reporting", args.reporting_file, "CSEW Table D10 reporting proportions CSV")
        ->required()
        ->type_name("FILE");
    calibrate->add_option("--year-ending", args.year_ending, "Survey year of the proportions (default: the latest)")
        ->type_name("YYYY-MM");
    calibrate->add_option("--from", args.from, "First month counted (default: the file's first)")->type_name("YYYY-MM");
    calibrate->add_option("--to", args.to, "Last month counted (default: the file's last)")->type_name("YYYY-MM");
    calibrate->add_option("--population", args.population, "Residents the per-1,000 figures are per")
        ->required()
        ->type_name("N");
    calibrate->add_flag("--scale-to-year", args.scale_to_year,
                        "Scale a window of other than 12 months to a year (x 12 / months)");
    calibrate->add_option("--share", args.shares,
                          "Share of Violence and sexual offences + Public order records taken as harassment or "
                          "hate_incident (repeatable; default: those types are not calibrated)")
        ->type_name("TYPE=FRACTION");
    calibrate->add_option("--proportion-reported", args.proportions_reported,
                          "Share reported to the police for a type, over the survey table (repeatable)")
        ->type_name("TYPE=FRACTION");
    calibrate->add_option("--scenario", args.scenario,
                          "Fit this scenario's crime.<type>.rate to the targets, scaled to its residents, by running it")
        ->type_name("FILE");
    calibrate->add_option("--fit-days", args.fit_days, "Days each fitting run simulates (default 365)")
        ->check(CLI::Range(1, 3650))
        ->type_name("N");
    calibrate->add_option("--rounds", args.rounds, "Fitting runs; the last measures the rates reported (default 3)")
        ->check(CLI::Range(1, 20))
        ->type_name("N");
    calibrate->add_option("--threads", args.threads, "Threads for the fitting runs (default: all)")
        ->check(CLI::Range(0, 4096))
        ->type_name("N");
    calibrate->add_option("--write-scenario", args.write_scenario,
                          "Write the fitted rates and reporting shares as a scenario that extends --scenario")
        ->type_name("FILE");
    calibrate->add_flag("--json", args.json, "Print the targets as JSON instead of the table");
    calibrate->add_option("-o,--output", args.output, "Write the targets file (YAML; JSON if FILE ends in .json)")
        ->type_name("FILE");
    return calibrate;
}

int command_calibrate(const CalibrateArgs& args) {
    // The command line first, then the output folder, then the inputs: cheap mistakes fail first.
    std::optional<StreetCrimeLayout> layout;
    if (args.crime_format != "auto") layout = street_crime_layout_from_string(args.crime_format);
    CalibrationOptions options;
    options.from = month_option(args.from, "--from");
    options.to = month_option(args.to, "--to");
    const auto year_ending = month_option(args.year_ending, "--year-ending");
    const auto population = number_of(args.population);
    if (!population) bad_argument("--population", "expected a number of residents, got '" + args.population + "'",
                                  "e.g. --population 8600");
    options.population = *population;
    options.scale_to_year = args.scale_to_year;
    options.share_of_violence_and_public_order = fractions_by_type(args.shares, "--share");
    const auto proportions_given = fractions_by_type(args.proportions_reported, "--proportion-reported");
    if (args.output_given) check_output_path(args.output, {args.crime_file, args.reporting_file});
    if (args.write_scenario_given) {
        if (args.scenario.empty())
            bad_argument("--write-scenario", "needs --scenario: the fitted rates belong to a scenario",
                         "add --scenario FILE, the scenario whose rates to fit");
        check_output_path(args.write_scenario, {args.crime_file, args.reporting_file, args.scenario});
    }
    std::optional<ScenarioSpec> scenario;
    if (!args.scenario.empty()) {
        scenario = load_scenario(args.scenario);
        if (scenario->model != ModelKind::streets)
            bad_argument("--scenario", args.scenario + " runs model " + std::string(scenario->model == ModelKind::short2008 ? "short2008" : "?") +
                                           ", which has no crime types to fit",
                         "give a scenario of the street model (model: streets)");
    }

    const StreetCrimeFile crimes = read_street_crime_csv(args.crime_file, layout);
    const ReportingRateTable table = ReportingRateTable::read(args.reporting_file);

    CalibrationReport report;
    report.crime_file = args.crime_file;
    report.crime_layout = crimes.layout;
    report.reporting_file = args.reporting_file;
    report.survey_year_ending = year_ending.value_or(table.latest_year_ending());
    report.targets = calibration_targets(crimes, reporting_proportions(table, report.survey_year_ending, proportions_given),
                                         options);
    for (const PlaceKey key : {PlaceKey::location_name, PlaceKey::map_point})
        report.concentration.push_back(street_crime_concentration(crimes.records, report.targets.from,
                                                                  report.targets.to, key));

    if (args.output_given) {
        const bool json_file = fs::path(args.output).extension() == ".json";
        write_file_atomically(args.output, json_file ? calibration_targets_json(report) : calibration_targets_yaml(report),
                              "-o/--output");
    }
    if (args.json)
        std::cout << calibration_targets_json(report);
    else
        print_table(std::cout, report, crimes.records.size(), crimes.first_month, crimes.last_month);
    if (args.output_given && !args.json) std::cout << "targets written to " << args.output << "\n";
    if (scenario) fit_scenario(args, *scenario, report.targets, args.json ? std::cerr : std::cout);
    return 0;
}

}  // namespace streetwise
