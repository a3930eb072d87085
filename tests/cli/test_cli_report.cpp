// `streetwise report` and `streetwise compare --report/--keep-runs` end to end: the report from memory
// and the one rebuilt from the comparison JSON and the kept run files are byte-identical (and so is
// the one from the run files alone); bad input ends with exit 2, names the file, and leaves an
// existing report as it was.
#include <algorithm>

#include "cli_test_support.hpp"

using namespace streetwise::cli_test;
using Catch::Matchers::Contains;

namespace {

const std::string default_scenario = (streetwise::test::source_dir() / "scenarios" / "default.yaml").string();
const std::vector<std::string> tiny{"--set", "residents.count=2000", "--set", "time.days=2", "--replicates", "3"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

// Runs the tiny comparison with its JSON, its report and its run files in runs/.
void compare_with_report(const Scratch& scratch) {
    scratch.write("vandals.yaml", "extends: " + default_scenario + "\nname: vandals\ncrime:\n  vandalism: {rate: 0.0338}\n");
    const CommandResult r = scratch.run(with({"compare", default_scenario, "vandals.yaml", "-o", "cmp.json", "--report",
                                              "memory.html", "--keep-runs", "runs"},
                                             tiny));
    INFO(r.describe());
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("6 run files written to runs") && Contains("report written to memory.html"));
}

std::vector<std::string> run_files(const Scratch& scratch) {
    std::vector<std::string> files;
    for (const std::string& name : list_dir(scratch / "runs")) files.push_back("runs/" + name);
    return files;
}

}  // namespace

TEST_CASE("report: from compare, from its JSON and run files, and from the run files alone, the same bytes",
          "[cli][report]") {
    Scratch scratch("report");
    compare_with_report(scratch);
    const std::vector<std::string> runs = run_files(scratch);
    REQUIRE(runs.size() == 6);
    CHECK(std::count(runs.begin(), runs.end(), "runs/vandals-seed3.h5") == 1);
    const std::string memory = read_bytes(scratch / "memory.html");
    CHECK_THAT(memory, Contains("<h1>vandals against default</h1>") && Contains("data-charts=\"4\"") &&
                           Contains("Where crime changed") && Contains("seeds 1 to 3"));
    CHECK(memory.find("http://") == std::string::npos);
    CHECK(memory.find("https://") == std::string::npos);
    // The JSON keeps the fields it had before reports (tools read them) and adds what reports need.
    CHECK_THAT(read_bytes(scratch / "cmp.json"), Contains("\"replicates\": 3,") && Contains("\"seeds\": [1, 3],") &&
                                                    Contains("\"baseline\": \"default\",") && Contains("\"outcomes\": [") &&
                                                    Contains("\"first_seed\": 1,") && Contains("\"resolved_yaml\": "));

    // Runs finish in any order on any number of threads; the report does not depend on it.
    const CommandResult one_thread = scratch.run(
        with({"compare", default_scenario, "vandals.yaml", "--report", "one-thread.html", "--threads", "1"}, tiny));
    INFO(one_thread.describe());
    REQUIRE(one_thread.exit_code == 0);
    CHECK(read_bytes(scratch / "one-thread.html") == memory);

    // The file order does not matter: seeds are sorted, scenarios follow the comparison.
    std::vector<std::string> reversed(runs.rbegin(), runs.rend());
    const CommandResult from_files = scratch.run(with({"report", "cmp.json", "-o", "files.html"}, reversed));
    INFO(from_files.describe());
    REQUIRE(from_files.exit_code == 0);
    CHECK(read_bytes(scratch / "files.html") == memory);

    // Without the JSON the table is computed from the runs' crime tables: the same numbers.
    const CommandResult runs_only = scratch.run(with({"report", "-o", "runs.html"}, runs));
    INFO(runs_only.describe());
    REQUIRE(runs_only.exit_code == 0);
    CHECK(read_bytes(scratch / "runs.html") == memory);

    // The JSON alone: headlines, bars and table, and a note on what is missing.
    const CommandResult json_only = scratch.run({"report", "cmp.json", "-o", "json.html", "--title", "Lights & <b>"});
    INFO(json_only.describe());
    REQUIRE(json_only.exit_code == 0);
    const std::string json_html = read_bytes(scratch / "json.html");
    CHECK_THAT(json_html, Contains("<h1>Lights &amp; &lt;b&gt;</h1>") && Contains("No run files") &&
                              Contains("data-charts=\"1\"") && Contains("vandalism: "));

    // One scenario's runs alone: time series only, and a report all the same.
    const CommandResult one = scratch.run({"report", "runs/default-seed1.h5", "runs/default-seed2.h5", "-o", "one.html"});
    INFO(one.describe());
    REQUIRE(one.exit_code == 0);
    CHECK_THAT(read_bytes(scratch / "one.html"), Contains("data-charts=\"2\"") && Contains("their range"));
}

TEST_CASE("report: bad input ends with exit 2, names the file, and leaves the report as it was", "[cli][report]") {
    Scratch scratch("report-bad");
    compare_with_report(scratch);
    // A run of another city (a smaller synthetic grid).
    const CommandResult other = scratch.run({"run", default_scenario, "-q", "--set", "residents.count=500", "--set",
                                             "time.days=1", "--set", "city.synthetic.blocks_x=8", "-o", "other.h5"});
    INFO(other.describe());
    REQUIRE(other.exit_code == 0);
    scratch.write("minutes.html", "old report\n");
    scratch.write("corrupt.json", "{\"replicates\": 3, \"seeds\": [1, 3\n");
    scratch.write("old.json", "{\"replicates\": 3, \"seeds\": [1, 3], \"baseline\": \"default\", \"outcomes\": []}\n");
    scratch.write("not-a-run.h5", "this is not HDF5\n");
    struct Case {
        std::vector<std::string> args;
        std::vector<std::string> expected;
    };
    const std::vector<Case> cases{
        {{"report", "missing.h5", "-o", "minutes.html"}, {"missing.h5"}},
        {{"report", "runs/default-seed1.h5", "other.h5", "-o", "minutes.html"},
         {"other.h5", "city_fingerprint", "differs from that of runs/default-seed1.h5", "one city"}},
        {{"report", "cmp.json", "other.h5", "-o", "minutes.html"}, {"other.h5", "differs from that of cmp.json"}},
        {{"report", "corrupt.json", "-o", "minutes.html"}, {"corrupt.json", "not valid JSON", "run compare again"}},
        {{"report", "old.json", "-o", "minutes.html"}, {"old.json", "streetwise_version", "run compare again"}},
        {{"report", "not-a-run.h5", "-o", "minutes.html"}, {"not-a-run.h5"}},
        {{"report", "runs/default-seed1.h5", "runs/default-seed1.h5", "-o", "minutes.html"},
         {"a second run of scenario 'default' with seed 1"}},
        {{"report", "cmp.json", "runs/default-seed1.h5", "-o", "minutes.txt"}, {"end the file name with .html"}},
        {{"report", "cmp.json", "cmp.json", "-o", "minutes.html"}, {"a second comparison JSON"}},
        {{"report", "cmp.json", "-o", "no-such-folder/minutes.html"}, {"no-such-folder"}},
    };
    for (const Case& c : cases) {
        const CommandResult r = scratch.run(c.args);
        INFO(r.describe());
        CHECK(r.exit_code == 2);
        for (const std::string& expected : c.expected) CHECK_THAT(r.err, Contains(expected));
        CHECK(read_bytes(scratch / "minutes.html") == "old report\n");
    }
    CHECK_FALSE(fs::exists(scratch / "minutes.html.tmp"));

    // compare: a bad --report name fails before any run; two scenarios of one name cannot be kept.
    const CommandResult bad_report =
        scratch.run(with({"compare", default_scenario, "vandals.yaml", "--report", "minutes.md"}, tiny));
    INFO(bad_report.describe());
    CHECK(bad_report.exit_code == 2);
    CHECK_THAT(bad_report.err, Contains("--report"));
    const CommandResult same_names =
        scratch.run(with({"compare", default_scenario, default_scenario, "--keep-runs", "kept"}, tiny));
    INFO(same_names.describe());
    CHECK(same_names.exit_code == 2);
    CHECK_THAT(same_names.err, Contains("same name"));
    CHECK(list_dir(scratch / "kept").empty());
}
