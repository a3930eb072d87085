// `streetwise calibrate` end to end: the real City of London and Camden files give the figures the
// library computes, the targets file reads back, and bad input of any kind ends with exit code 2, a
// message naming the file, line and what to do, and an existing targets file left as it was.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "cli_test_support.hpp"

using namespace streetwise::cli_test;
using Catch::Matchers::Contains;

namespace {

constexpr int exit_ok = 0;
constexpr int exit_bad_command_line = 1;
constexpr int exit_bad_input = 2;

const fs::path data_dir = STREETWISE_SHARED_DATA_DIR;
const std::string city_of_london = (data_dir / "crime" / "city-of-london-street-2017-2021.csv").string();
const std::string camden = (data_dir / "crime" / "camden_street_crime_2019-06.csv").string();
const std::string d10 = (data_dir / "reporting-rates" / "csew_table_D10_proportion_reported_ye_mar2019.csv").string();

std::vector<std::string> args_with(std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

void check_clean_exit(const CommandResult& r, int code) {
    INFO(r.describe());
    REQUIRE_FALSE(r.timed_out);
    REQUIRE(r.exited);
    CHECK(r.exit_code == code);
    CHECK_THAT(r.output(), !Contains("internal error") && !Contains("terminate called"));
}

// Records of the City of London file in 2019 with this category, counted by plain text search (the
// file has no quotes): an independent check of what the command prints.
int city_2019_count(const std::string& category) {
    std::istringstream lines(read_bytes(city_of_london));
    std::string line;
    int n = 0;
    while (std::getline(lines, line))
        n += line.find(",2019-") != std::string::npos && line.find("," + category + ",") != std::string::npos;
    return n;
}

const std::string small_police_uk =
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
    "Last outcome category,Context\n"
    "a,2019-01,x,x,-0.1,51.5,On or near A Street,E1,L,Robbery,,\n"
    "b,2019-12,x,x,-0.1,51.5,On or near A Street,E1,L,Robbery,,\n";

}  // namespace

TEST_CASE("calibrate: City of London 2019 against CSEW year ending March 2019", "[cli][calibrate]") {
    Scratch scratch("calibrate-col");
    const CommandResult r = scratch.run({"calibrate", "--crime", city_of_london, "--reporting", d10, "--from",
                                         "2019-01", "--to", "2019-12", "--population", "8600", "-o", "targets.yaml"});
    check_clean_exit(r, exit_ok);
    INFO(r.describe());
    CHECK_THAT(r.out, Contains("2019-01 to 2019-12, 12 months") && Contains("survey year ending 2019-03") &&
                          Contains("Open Government Licence v3.0") && Contains("not modelled: "));

    const YAML::Node targets = YAML::LoadFile((scratch / "targets.yaml").string());
    const int theft = city_2019_count("Theft from the person");
    const int robbery = city_2019_count("Robbery");
    REQUIRE(theft > 0);
    CHECK(targets["targets"]["theft_from_person"]["recorded_per_year"].as<double>() == theft);
    CHECK(targets["targets"]["robbery"]["recorded_per_year"].as<double>() == robbery);
    const double proportion = targets["targets"]["theft_from_person"]["reporting_proportion"].as<double>();
    CHECK(proportion == Approx(0.2673225716708849).epsilon(1e-9));
    CHECK(targets["targets"]["theft_from_person"]["true_per_year"].as<double>() == Approx(theft / proportion));
    CHECK(targets["targets"]["theft_from_person"]["true_per_1000_residents_per_year"].as<double>() ==
          Approx(theft / proportion / 8.6));
    CHECK_FALSE(targets["targets"]["harassment"]["calibrated"].as<bool>());
    CHECK(targets["window"]["year_scale"].as<double>() == 1.0);
    CHECK(targets["concentration"].size() == 2);
    CHECK(scratch.run({"calibrate", "--help"}).out.find("--scale-to-year") != std::string::npos);
    CHECK(list_dir(scratch.path()) == std::set<std::string>{"targets.yaml"});  // no temporary file left
}

TEST_CASE("calibrate: Camden's single month needs --scale-to-year and is then scaled by 12", "[cli][calibrate]") {
    Scratch scratch("calibrate-camden");
    const auto base = std::vector<std::string>{"calibrate", "--crime", camden, "--reporting", d10, "--population",
                                               "270000"};
    const CommandResult refused = scratch.run(base);
    check_clean_exit(refused, exit_bad_input);
    CHECK_THAT(refused.err, Contains("error: command line: key '--scale-to-year': the window 2019-06 to 2019-06 is 1 "
                                     "month long") &&
                                Contains("hint: "));

    const CommandResult json = scratch.run(args_with(base, {"--scale-to-year", "--json"}));
    check_clean_exit(json, exit_ok);
    const YAML::Node tree = YAML::Load(json.out);  // JSON is YAML
    CHECK(tree["sources"]["crime_layout"].as<std::string>() == "camden");
    CHECK(tree["window"]["year_scale"].as<double>() == 12.0);
    CHECK(tree["targets"]["robbery"]["recorded_per_year"].as<double>() ==
          12.0 * tree["targets"]["robbery"]["recorded_in_window"].as<double>());

    const CommandResult table = scratch.run(args_with(base, {"--scale-to-year", "--share", "harassment=0.1"}));
    check_clean_exit(table, exit_ok);
    CHECK_THAT(table.out, Contains("SCALED to a year: counts x 12/1") && Contains("the user's share 0.1"));
}

TEST_CASE("calibrate: bad input ends with exit 2 and leaves an existing targets file unchanged",
          "[cli][calibrate]") {
    Scratch scratch("calibrate-bad");
    const std::string earlier = "# an earlier targets file\nformat_version: 1\n";
    const fs::path out = scratch / "out" / "targets.yaml";
    const fs::path good_crime = scratch.write("good.csv", small_police_uk);

    struct Case {
        std::string label;
        std::vector<std::string> args;
        std::string message;  // what stderr must contain
    };
    const std::string bad_row_file = scratch.write("bad-row.csv", small_police_uk +
                                                                      "c,2019-06,x,x,-0.1,51.5,On or near B Street,"
                                                                      "E1,L,Burglary,,,extra\n")
                                         .string();
    const std::string bad_month_file =
        scratch.write("bad-month.csv", small_police_uk + "c,June 2019,x,x,-0.1,51.5,On or near B,E1,L,Burglary,,\n")
            .string();
    const std::string bad_d10 =
        scratch.write("bad-d10.csv", "category,year_ending,proportion\nrobbery,2019-03-01,52%\n").string();
    const std::vector<Case> cases{
        {"a row with an extra field", {"--crime", bad_row_file, "--reporting", d10, "--population", "100"},
         "error: " + bad_row_file + ":4: expected 12 fields as in the header, found 13"},
        {"a month that is not one", {"--crime", bad_month_file, "--reporting", d10, "--population", "100"},
         "error: " + bad_month_file + ":4: column 'Month' (field 2): expected a month as YYYY-MM, got 'June 2019'"},
        {"a proportion written as a percentage", {"--crime", good_crime.string(), "--reporting", bad_d10, "--population", "100"},
         "error: " + bad_d10 + ":2: column 'proportion' (field 3)"},
        {"a missing crime file", {"--crime", "missing.csv", "--reporting", d10, "--population", "100"},
         "error: missing.csv: the file does not exist"},
        {"the reporting table given as the crime file", {"--crime", d10, "--reporting", d10, "--population", "100"},
         "the header is not one of a police.uk street-level crime CSV"},
        {"a population that is not a number", {"--crime", good_crime.string(), "--reporting", d10, "--population", "many"},
         "key '--population': expected a number of residents, got 'many'"},
        {"a negative population", {"--crime", good_crime.string(), "--reporting", d10, "--population", "-3"},
         "key '--population'"},
        {"a month option that is not one", {"--crime", good_crime.string(), "--reporting", d10, "--population", "9",
                                            "--from", "2019-1", "--to", "2019-12"},
         "key '--from': expected a month as YYYY-MM, got '2019-1'"},
        {"a window beyond the file", {"--crime", good_crime.string(), "--reporting", d10, "--population", "9",
                                      "--from", "2019-06", "--to", "2020-05"},
         "reaches beyond the file's months (2019-01 to 2019-12)"},
        {"a survey year the table lacks", {"--crime", good_crime.string(), "--reporting", d10, "--population", "9",
                                           "--year-ending", "2020-03"},
         "the table has no survey year ending 2020-03"},
        {"a share for a type with its own category", {"--crime", good_crime.string(), "--reporting", d10,
                                                      "--population", "9", "--share", "robbery=0.2"},
         "key '--share'"},
        {"an unknown crime type", {"--crime", good_crime.string(), "--reporting", d10, "--population", "9",
                                   "--proportion-reported", "pickpocketing=0.2"},
         "unknown crime type 'pickpocketing'"},
    };
    for (const auto& c : cases) {
        DYNAMIC_SECTION(c.label) {
            write_bytes(out, earlier);
            const CommandResult r = scratch.run(args_with(args_with({"calibrate"}, c.args), {"-o", out.string()}));
            INFO(r.describe());
            check_clean_exit(r, exit_bad_input);
            CHECK_THAT(r.err, Contains(c.message) && Contains("\n  hint: "));
            CHECK(r.out.empty());
            CHECK(read_bytes(out) == earlier);
            CHECK(list_dir(out.parent_path()) == std::set<std::string>{"targets.yaml"});
        }
    }

    SECTION("an output folder that does not exist") {
        const CommandResult r = scratch.run({"calibrate", "--crime", good_crime.string(), "--reporting", d10,
                                             "--population", "9", "-o", (scratch / "nowhere" / "t.yaml").string()});
        check_clean_exit(r, exit_bad_input);
        CHECK_THAT(r.err, Contains("does not exist") && Contains("mkdir -p"));
    }
    SECTION("an output file that is one of the inputs") {
        const std::string before = read_bytes(good_crime);
        const CommandResult r = scratch.run({"calibrate", "--crime", good_crime.string(), "--reporting", d10,
                                             "--population", "9", "-o", good_crime.string()});
        check_clean_exit(r, exit_bad_input);
        CHECK_THAT(r.err, Contains("is the input file"));
        CHECK(read_bytes(good_crime) == before);
    }
    SECTION("a missing required option is a bad command line (exit 1)") {
        const CommandResult r = scratch.run({"calibrate", "--crime", good_crime.string(), "--reporting", d10});
        check_clean_exit(r, exit_bad_command_line);
        CHECK_THAT(r.err, Contains("--population"));
    }
    SECTION("good input replaces the earlier file") {
        write_bytes(out, earlier);
        const CommandResult r = scratch.run({"calibrate", "--crime", good_crime.string(), "--reporting", d10,
                                             "--population", "9", "-o", out.string()});
        check_clean_exit(r, exit_ok);
        CHECK(YAML::LoadFile(out.string())["targets"]["robbery"]["recorded_per_year"].as<double>() == 2);
        CHECK(list_dir(out.parent_path()) == std::set<std::string>{"targets.yaml"});
    }
}

// Fitting a scenario: after the rounds, a run of the written variant gives each calibrated type's
// true crime per year within the noise of the fit. The tolerance allows for the last update being
// made from one noisy run (relative error about 1 / sqrt(count) each for that run and for the check
// run) and for crime not growing quite in proportion to the rate: 30%, or 4 / sqrt(expected count)
// when that is larger.
TEST_CASE("calibrate: --scenario fits the rates, and the written variant gives the targets", "[cli][calibrate]") {
    Scratch scratch("calibrate-fit");
    const std::string scenario = scratch
                                     .write("small.yaml", "extends: " + (streetwise::test::source_dir() / "scenarios" / "default.yaml").string() +
                                                              "\nname: small\nresidents:\n  count: 4000\n")
                                     .string();
    const int days = 120;
    RunOptions slow;
    slow.timeout_s = 600;
    const CommandResult r = scratch.run({"calibrate", "--crime", camden, "--reporting", d10, "--population", "270000",
                                         "--scale-to-year", "-o", "targets.yaml", "--scenario", scenario, "--fit-days",
                                         std::to_string(days), "--rounds", "3", "--write-scenario", "fitted/city.yaml"},
                                        slow);
    // The variant's folder does not exist: refused before any work, the targets file not written.
    check_clean_exit(r, exit_bad_input);
    CHECK_THAT(r.err, Contains("fitted") && Contains("does not exist"));
    CHECK_FALSE(fs::exists(scratch / "targets.yaml"));

    fs::create_directories(scratch / "fitted");
    const CommandResult fit = scratch.run({"calibrate", "--crime", camden, "--reporting", d10, "--population", "270000",
                                           "--scale-to-year", "-o", "targets.yaml", "--scenario", scenario,
                                           "--fit-days", std::to_string(days), "--rounds", "3", "--write-scenario",
                                           "fitted/city.yaml"},
                                          slow);
    check_clean_exit(fit, exit_ok);
    INFO(fit.describe());
    CHECK_THAT(fit.out, Contains("round 3:") && Contains("fitted scenario written to fitted/city.yaml"));
    const YAML::Node targets = YAML::LoadFile((scratch / "targets.yaml").string());
    const YAML::Node variant = YAML::LoadFile((scratch / "fitted" / "city.yaml").string());
    CHECK_FALSE(variant["crime"]["harassment"]);  // not calibrated: the scenario's own rate stays

    const CommandResult run = scratch.run({"run", "fitted/city.yaml", "--set", "time.days=" + std::to_string(days),
                                           "-o", "check.h5"},
                                          slow);
    check_clean_exit(run, exit_ok);
    for (const char* type : {"theft_from_person", "robbery", "burglary", "vandalism"}) {
        INFO(type);
        REQUIRE(targets["targets"][type]["calibrated"].as<bool>());
        CHECK(variant["crime"][type]["reporting_probability"].as<double>() ==
              Approx(targets["targets"][type]["reporting_proportion"].as<double>()).epsilon(1e-5));
        const double wanted_per_year = targets["targets"][type]["true_per_1000_residents_per_year"].as<double>() * 4.0;
        // "  theft_from_person   123  ..." in the run summary's table.
        const auto at = run.out.find("\n  " + std::string(type) + " ");
        REQUIRE(at != std::string::npos);
        std::istringstream row(run.out.substr(at + 3 + std::string(type).size()));
        std::string count_text;
        row >> count_text;
        count_text.erase(std::remove(count_text.begin(), count_text.end(), ','), count_text.end());
        const double got_per_year = std::stod(count_text) * 365.0 / days;
        const double expected_count = wanted_per_year * days / 365.0;
        const double tolerance = std::max(0.3, 4.0 / std::sqrt(expected_count));
        INFO("wanted " << wanted_per_year << " per year, the variant gives " << got_per_year);
        CHECK(got_per_year == Approx(wanted_per_year).epsilon(tolerance));
    }
}
