#pragma once
// `streetwise calibrate`: calibration targets for the model's crime rates from a city's police.uk
// recorded crime and the CSEW reporting rates, printed as a table and optionally written as a targets
// file (YAML, or JSON by extension); with --scenario, the scenario's crime.<type>.rate are fitted to
// the targets by running it (sim/engine/rate_fit.hpp) and, with --write-scenario, saved as a variant
// that extends it.
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace streetwise {

struct CalibrateArgs {
    std::string crime_file;
    std::string crime_format = "auto";  // auto, police-uk, camden
    std::string reporting_file;
    std::string year_ending;  // "" = the table's latest
    std::string from;         // "" = the file's first month
    std::string to;           // "" = the file's last month
    std::string population;   // parsed here, so a bad value is bad input (exit 2) like the files
    bool scale_to_year = false;
    std::vector<std::string> shares;                // TYPE=FRACTION, harassment and hate_incident
    std::vector<std::string> proportions_reported;  // TYPE=FRACTION, over the survey table
    bool json = false;        // JSON on stdout instead of the table
    std::string output;       // targets file; "" = none
    bool output_given = false;
    // Fitting a scenario's rates to the targets (optional).
    std::string scenario;         // "" = no fit
    int fit_days = 365;
    int rounds = 3;
    int threads = 0;
    std::string write_scenario;   // the fitted variant; "" = print only
    bool write_scenario_given = false;
};

// Adds the subcommand and its options to `app`, filling `args` when parsed.
CLI::App* add_calibrate_command(CLI::App& app, CalibrateArgs& args);

// Runs it: 0 on success; throws InputError for bad input (the caller prints it and exits 2). The
// targets file is written only once everything has been read and computed, through a temporary file
// renamed onto it, so bad input never damages an existing file.
int command_calibrate(const CalibrateArgs& args);

}  // namespace streetwise
