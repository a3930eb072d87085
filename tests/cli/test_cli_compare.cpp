// `streetwise compare` end to end: a scenario against itself differs by exactly nothing (common random
// numbers), a planted effect is found with the right sign and about the right size, the table does
// not depend on the thread count, and bad input ends with exit 2 leaving an existing table whole.
#include <sstream>

#include "cli_test_support.hpp"

using namespace streetwise::cli_test;
using Catch::Matchers::Contains;

namespace {

const std::string default_scenario = (streetwise::test::source_dir() / "scenarios" / "default.yaml").string();
const std::vector<std::string> small{"--set", "residents.count=4000", "--set", "time.days=14", "--replicates", "6"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

// The CSV row of `outcome` for `scenario`, split at commas (names are quoted, numbers are not).
std::vector<std::string> row(const std::string& csv, const std::string& outcome, const std::string& scenario,
                             int occurrence = 0) {
    std::istringstream lines(csv);
    std::string line;
    const std::string prefix = "\"" + outcome + "\",\"" + scenario + "\",";
    while (std::getline(lines, line)) {
        if (line.rfind(prefix, 0) != 0 || occurrence-- > 0) continue;
        std::vector<std::string> fields;
        std::istringstream parts(line.substr(prefix.size()));
        std::string field;
        while (std::getline(parts, field, ',')) fields.push_back(field);
        return fields;  // mean, low, high, difference, low, high, relative, low, high
    }
    FAIL("no row for " << outcome << " / " << scenario);
    return {};
}

}  // namespace

// No ';' in test names: catch_discover_tests splits CTest's test names there, and CTest then runs two
// names that match no test case (and pass without running anything).
TEST_CASE("compare: itself, exactly no difference, and a planted effect, found with its sign and size",
          "[cli][compare]") {
    Scratch scratch("compare");
    // Vandalism twice as likely: more vandalism, more crime in all; with offenders' learning vandalism
    // grows at least in proportion (here about 1.5 to 2.5 times).
    scratch.write("vandals.yaml", "extends: " + default_scenario + "\nname: vandals\ncrime:\n  vandalism: {rate: 0.0338}\n");
    const CommandResult r =
        scratch.run(with({"compare", default_scenario, "vandals.yaml", default_scenario, "-o", "table.csv"}, small));
    INFO(r.describe());
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("6 replicates") && Contains("vandalism: ") && Contains("95% CI"));
    const std::string csv = read_bytes(scratch / "table.csv");
    for (const char* outcome : {"all crime", "recorded crime", "crime at night", "robbery", "vandalism"}) {
        INFO(outcome);
        const auto same = row(csv, outcome, "default", 1);  // the second "default": the baseline against itself
        REQUIRE(same.size() >= 6);
        CHECK(std::stod(same[3]) == 0.0);  // common random numbers: identical runs
        CHECK(std::stod(same[4]) == 0.0);
        CHECK(std::stod(same[5]) == 0.0);
    }
    const auto vandalism = row(csv, "vandalism", "vandals");
    REQUIRE(vandalism.size() == 9);
    CHECK(std::stod(vandalism[4]) > 0.0);    // the whole interval of the difference is above 0
    CHECK(std::stod(vandalism[6]) > 0.5);    // at least +50% ...
    CHECK(std::stod(vandalism[6]) < 2.0);    // ... and not absurd
    const auto all = row(csv, "all crime", "vandals");
    CHECK(std::stod(all[3]) > 0.0);

    // The same table with one thread: the runs do not depend on it.
    const CommandResult one = scratch.run(
        with({"compare", default_scenario, "vandals.yaml", default_scenario, "-o", "one.csv", "--threads", "1"}, small));
    REQUIRE(one.exit_code == 0);
    CHECK(read_bytes(scratch / "one.csv") == csv);
}

TEST_CASE("compare: bad input ends with exit 2 and leaves the table as it was", "[cli][compare]") {
    Scratch scratch("compare-bad");
    scratch.write("table.md", "old table\n");
    scratch.write("bigger.yaml", "extends: " + default_scenario + "\ncity:\n  synthetic: {blocks_x: 30}\n");
    scratch.write("broken.yaml", "residents:\n  count: many\n");
    struct Case {
        std::vector<std::string> args;
        std::string expected;
    };
    const std::vector<Case> cases{
        {{"compare", default_scenario, "bigger.yaml", "-o", "table.md"}, "city differs"},
        {{"compare", default_scenario, "broken.yaml", "-o", "table.md"}, "residents.count"},
        {{"compare", default_scenario, default_scenario, "-o", "table.txt"}, "end the file name with .md"},
    };
    for (const Case& c : cases) {
        const CommandResult r = scratch.run(with(c.args, {"--replicates", "2", "--set", "time.days=1"}));
        INFO(r.describe());
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Contains(c.expected));
        CHECK(read_bytes(scratch / "table.md") == "old table\n");
    }
}
