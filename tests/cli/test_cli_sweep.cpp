// `streetwise sweep` end to end: the results table holds every run exactly once with the outcomes a
// direct run gives; it does not depend on threads or on MPI ranks (2 and 3 ranks give the same bytes
// as one process); a sweep killed mid-way resumes to the same table without repeating a finished
// run; pandas reads the table directly; Morris indices are exactly zero for a parameter that cannot
// change an outcome; bad specs end with exit 2 and a message naming file, line and key.
#include <signal.h>

#include <cmath>
#include <thread>

#include "cli_test_support.hpp"
#include "sim/engine/replicates.hpp"
#include "sim/engine/run.hpp"
#include "sim/io/sweep_journal.hpp"
#include "sim/io/sweep_table.hpp"
#include "sim/scenario/scenario_loader.hpp"

using namespace streetwise::cli_test;
using Catch::Matchers::Contains;

namespace {

// Small, quick runs: a day of a small city. Crime counts are low but not all zero.
const std::string small_set = "set: {time.days: 1, residents.count: 3000, offenders.count: 200}\n";

const std::string grid_spec = small_set +
                              "design: grid\n"
                              "replicates: 2\n"
                              "parameters:\n"
                              "  - {key: offenders.base_probability, values: [0.0002, 0.0008]}\n"
                              "  - {key: police.units, values: [0, 40]}\n"
                              "  - {key: offenders.stay_min, min: 60, max: 240}\n"
                              "grid_levels: 3\n";

// Finds mpirun (Open MPI) and the environment it needs in a root container.
std::optional<std::string> mpirun_path() {
    for (const char* candidate : {"/usr/bin/mpirun", "/usr/local/bin/mpirun"})
        if (fs::exists(candidate)) return std::string(candidate);
    return std::nullopt;
}

RunOptions mpi_options() {
    RunOptions options;
    options.program = *mpirun_path();
    // Root in CI containers; leak checking off: Open MPI's one-off allocations are not ours.
    options.env["OMPI_ALLOW_RUN_AS_ROOT"] = "1";
    options.env["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1";
    options.env["OMPI_MCA_rmaps_base_oversubscribe"] = "1";
    options.env["ASAN_OPTIONS"] = "detect_leaks=0";
    options.timeout_s = 300;
    return options;
}

std::size_t journal_records(const fs::path& journal) {
    std::size_t lines = 0;
    std::ifstream in(journal);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line[0] != '#') ++lines;
    return lines;
}

}  // namespace

TEST_CASE("sweep: a grid's table has every run once, with the outcomes of a direct run", "[cli][sweep][threads]") {
    Scratch scratch("sweep-grid");
    scratch.write("grid.yaml", grid_spec);
    const CommandResult r = scratch.run({"sweep", "grid.yaml", "-o", "out", "--threads", "2"});
    INFO(r.describe());
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("12 points x 2 replicates = 24 runs") && Contains("busy") && Contains("results.h5"));
    const auto table = streetwise::read_sweep_table(scratch / "out" / "results.h5");
    REQUIRE(table.run.size() == 24);
    REQUIRE(table.parameter_keys ==
            std::vector<std::string>{"offenders.base_probability", "police.units", "offenders.stay_min"});
    REQUIRE(table.outcome_names == streetwise::outcome_names());
    for (std::size_t row = 0; row < 24; ++row) {
        CHECK(table.run[row] == static_cast<std::int64_t>(row));
        CHECK(table.point[row] == static_cast<std::int64_t>(row / 2));
        CHECK(table.seed[row] == static_cast<std::int64_t>(1 + row % 2));  // common random numbers
        CHECK(table.failed[row] == 0);
    }
    // The grid's order: last parameter fastest; a range gives evenly spaced levels with both ends.
    CHECK(table.parameter_values[2][0] == 60.0);
    CHECK(table.parameter_values[2][2] == 150.0);
    CHECK(table.parameter_values[2][4] == 240.0);
    CHECK(table.parameter_values[1][6] == 40.0);
    CHECK(table.parameter_values[0][12] == 0.0008);

    // Row 17 = point 8 (base_probability 0.0008, police 0, stay 240), replicate 1, seed 2: run it directly.
    const auto spec = streetwise::load_scenario_text(
        streetwise::default_scenario_yaml(), "built-in default scenario",
        {"time.days=1", "residents.count=3000", "offenders.count=200", "offenders.base_probability=0.0008",
         "police.units=0", "offenders.stay_min=240", "seed=2"},
        streetwise::default_search_paths());
    const auto city = streetwise::make_run_city(spec);
    const auto direct = streetwise::run_outcomes(streetwise::run_simulation(spec, city, {}), spec);
    REQUIRE(table.parameter_values[0][17] == 0.0008);
    REQUIRE(table.parameter_values[1][17] == 0.0);
    REQUIRE(table.parameter_values[2][17] == 240.0);
    for (std::size_t o = 0; o < direct.size(); ++o) CHECK(table.outcome_values[o][17] == direct[o]);
    double all_crime = 0;
    for (double v : table.outcome_values[0]) all_crime += v;
    CHECK(all_crime > 0);  // the runs are not empty, so the comparisons above mean something
}

TEST_CASE("sweep: the table does not depend on threads or MPI ranks", "[cli][sweep][mpi]") {
    Scratch scratch("sweep-ranks");
    scratch.write("grid.yaml", grid_spec);
    const CommandResult one = scratch.run({"sweep", "grid.yaml", "-o", "one", "--threads", "1", "-q"});
    INFO(one.describe());
    REQUIRE(one.exit_code == 0);
    const CommandResult two = scratch.run({"sweep", "grid.yaml", "-o", "two", "--threads", "2", "-q"});
    INFO(two.describe());
    REQUIRE(two.exit_code == 0);
    const std::string reference = read_bytes(scratch / "one" / "results.h5");
    CHECK(read_bytes(scratch / "two" / "results.h5") == reference);

    REQUIRE(mpirun_path());  // Open MPI comes with .ci/install-deps.sh (openmpi-bin)
    for (const int ranks : {2, 3}) {
        RunOptions options = mpi_options();
        options.cwd = scratch.path();
        options.env["STREETWISE_CACHE_DIR"] = scratch.cache_dir().string();
        const std::string folder = "mpi" + std::to_string(ranks);
        const CommandResult mpi = run_streetwise({"-np", std::to_string(ranks), STREETWISE_TEST_BINARY, "sweep",
                                                  "grid.yaml", "-o", folder, "-q"},
                                                 options);
        INFO(mpi.describe());
        REQUIRE(mpi.exit_code == 0);
        CHECK_THAT(mpi.out, Contains(std::to_string(ranks) + " MPI ranks"));
        CHECK(read_bytes(scratch / folder / "results.h5") == reference);
    }
}

TEST_CASE("sweep: killed mid-way, --resume completes it with every run exactly once", "[cli][sweep]") {
    Scratch scratch("sweep-kill");
    const std::string spec = "set: {time.days: 1, residents.count: 6000}\n"
                             "design: latin_hypercube\nsamples: 12\nreplicates: 2\nseed: 7\n"
                             "parameters:\n"
                             "  - {key: offenders.count, min: 50, max: 400, integer: true}\n"
                             "  - {key: crime.robbery.rate, min: 0.02, max: 0.3, scale: log}\n";
    scratch.write("lhs.yaml", spec);

    // Start it in the background, kill it hard once a few runs are in the journal.
    const fs::path journal = scratch / "killed" / "journal.tsv";
    const std::string program = STREETWISE_TEST_BINARY;
    const std::string cache = "STREETWISE_CACHE_DIR=" + scratch.cache_dir().string();
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        if (::chdir(scratch.path().c_str()) != 0) ::_exit(126);
        const int null_fd = ::open("/dev/null", O_WRONLY);
        ::dup2(null_fd, 1);
        ::dup2(null_fd, 2);
        ::putenv(const_cast<char*>(cache.c_str()));
        ::execl(program.c_str(), program.c_str(), "sweep", "lhs.yaml", "-o", "killed", "--threads", "1", "-q",
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(240);
    while (journal_records(journal) < 3 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(WIFSIGNALED(status));  // killed, not finished: the test is about an interrupted sweep
    const std::size_t before = journal_records(journal);
    REQUIRE(before >= 3);
    REQUIRE(before < 24);
    CHECK_FALSE(fs::exists(scratch / "killed" / "results.h5"));
    // A kill in the middle of writing a line leaves half a line: it must be dropped and its run done.
    {
        std::ofstream torn(journal, std::ios::app | std::ios::binary);
        torn << "23\tok\t0.1\t4";
    }

    const CommandResult again = scratch.run({"sweep", "lhs.yaml", "-o", "killed"});
    INFO(again.describe());
    CHECK(again.exit_code == 2);  // without --resume, an existing sweep is not overwritten
    CHECK_THAT(again.err, Contains("--resume"));

    const CommandResult resumed = scratch.run({"sweep", "lhs.yaml", "-o", "killed", "--resume", "-q"});
    INFO(resumed.describe());
    REQUIRE(resumed.exit_code == 0);
    CHECK_THAT(resumed.out, Contains(std::to_string(before) + " runs already done, " + std::to_string(24 - before) + " to do"));

    // Every run appears in the journal exactly once: none lost, none repeated.
    const auto records = streetwise::SweepJournal::read(journal);
    std::vector<int> seen(24, 0);
    for (const auto& record : records) {
        REQUIRE(record.run < 24);
        CHECK(record.ok);
        ++seen[record.run];
    }
    for (std::size_t run = 0; run < 24; ++run) {
        INFO("run " << run);
        CHECK(seen[run] == 1);
    }

    const CommandResult whole = scratch.run({"sweep", "lhs.yaml", "-o", "whole", "-q"});
    INFO(whole.describe());
    REQUIRE(whole.exit_code == 0);
    CHECK(read_bytes(scratch / "killed" / "results.h5") == read_bytes(scratch / "whole" / "results.h5"));

    // Resuming a finished sweep runs nothing and gives the same table again.
    const CommandResult finished = scratch.run({"sweep", "lhs.yaml", "-o", "killed", "--resume", "-q"});
    INFO(finished.describe());
    REQUIRE(finished.exit_code == 0);
    CHECK_THAT(finished.out, Contains("24 runs already done, 0 to do"));

    // A changed spec cannot resume someone else's sweep.
    scratch.write("lhs.yaml", spec + "first_seed: 5\n");
    const CommandResult changed = scratch.run({"sweep", "lhs.yaml", "-o", "killed", "--resume"});
    INFO(changed.describe());
    CHECK(changed.exit_code == 2);
    CHECK_THAT(changed.err, Contains("another sweep"));
}

TEST_CASE("sweep: pandas reads results.h5 directly", "[cli][sweep][pandas]") {
    Scratch scratch("sweep-pandas");
    scratch.write("grid.yaml", grid_spec);
    const CommandResult r = scratch.run({"sweep", "grid.yaml", "-o", "out", "-q"});
    INFO(r.describe());
    REQUIRE(r.exit_code == 0);
    const auto table = streetwise::read_sweep_table(scratch / "out" / "results.h5");
    // Debian's Python with python3-pandas and python3-tables (installed by .ci/install-deps.sh).
    REQUIRE(fs::exists("/usr/bin/python3"));
    scratch.write("check.py",
                  "import pandas, sys\n"
                  "df = pandas.read_hdf(sys.argv[1])\n"
                  "print(len(df), ','.join(df.columns))\n"
                  "print(int(df['run'].sum()), repr(float(df['all crime'].sum())), repr(float(df['police.units'].sum())))\n");
    RunOptions options;
    options.program = "/usr/bin/python3";
    const CommandResult py = scratch.run({"check.py", "out/results.h5"}, options);
    INFO(py.describe());
    REQUIRE(py.exit_code == 0);  // fails with "No module named pandas" if install-deps was not run
    double all_crime = 0, police = 0;
    for (double v : table.outcome_values[0]) all_crime += v;
    for (double v : table.parameter_values[1]) police += v;
    std::ostringstream expected;
    expected << "24 run,point,replicate,seed,failed,offenders.base_probability,police.units,offenders.stay_min";
    for (const auto& name : streetwise::outcome_names()) expected << "," << name;
    CHECK_THAT(py.out, Contains(expected.str()));
    CHECK_THAT(py.out, Contains("276 " + std::to_string(static_cast<long long>(all_crime)) + ".0 " +
                                std::to_string(static_cast<long long>(police)) + ".0"));
}

TEST_CASE("sweep: Morris indices are zero exactly for a parameter that cannot change the outcome", "[cli][sweep]") {
    Scratch scratch("sweep-morris");
    // The reporting probability of vandalism decides which acts of vandalism are recorded, nothing else: with
    // common random numbers, all crime is identical at every level of it, so its elementary effects on
    // all crime are exactly 0, while the number of offenders moves all crime.
    scratch.write("morris.yaml", small_set +
                                     "design: morris\nsamples: 4\nmorris_levels: 4\n"
                                     "outcomes: [all crime, recorded crime]\n"
                                     "parameters:\n"
                                     "  - {key: offenders.count, min: 50, max: 400, integer: true}\n"
                                     "  - {key: crime.vandalism.reporting_probability, min: 0, max: 1}\n");
    const CommandResult r = scratch.run({"sweep", "morris.yaml", "-o", "out", "-q"});
    INFO(r.describe());
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("most influential offenders.count"));
    const std::string md = read_bytes(scratch / "out" / "sensitivity.md");
    // The first table is all crime's: reporting has mu* = mu = sigma = 0 there; offenders.count does not.
    const std::string all_crime = md.substr(md.find("## all crime"), md.find("## recorded crime") - md.find("## all crime"));
    CHECK_THAT(all_crime, Contains("| crime.vandalism.reporting_probability | 0 | 0 | 0 |"));
    CHECK_THAT(all_crime, !Contains("| offenders.count | 0 |"));
    // For recorded crime, reporting matters.
    const std::string recorded = md.substr(md.find("## recorded crime"));
    CHECK_THAT(recorded, !Contains("| crime.vandalism.reporting_probability | 0 |"));
}

TEST_CASE("sweep: bad specs end with exit 2, naming file, line and key, and touch no results", "[cli][sweep][errors]") {
    Scratch scratch("sweep-errors");
    struct Case {
        std::string spec;
        std::string expected;
    };
    const std::vector<Case> cases{
        {"design: grid\nparameters:\n  - {key: offenders.count, values: [1, 2]}\nbogus: 1\n",
         "bad.yaml:4: key 'bogus'"},
        {"design: grid\nparameters:\n  - {key: offenders.cuont, values: [1, 2]}\n", "'offenders.cuont' is not a scenario key"},
        {"design: grid\nparameters:\n  - {key: offenders.count, values: [1, -5]}\n", "bad.yaml:3"},
        {"design: morris\nsamples: 3\nparameters:\n  - {key: offenders.count, values: [1, 2]}\n", "needs a range"},
        {"design: sobol\nparameters:\n  - {key: offenders.count, min: 1, max: 2}\n", "needs samples"},
        {"design: grid\nparameters:\n  - {key: offenders.count, min: 5, max: 2}\n", "max must be larger than min"},
        {"design: grid\nparameters:\n  - {key: city.seed, values: [1, 2]}\n", "changes the city"},
        {"design: grid\nparameters:\n  - {key: short2008.width, values: [64, 128]}\n", "changes the city"},
        {"design: grid\nparameters: [\n", "not valid YAML"},
    };
    fs::create_directories(scratch / "out");
    scratch.write("out/results.h5", "precious");
    for (const auto& c : cases) {
        scratch.write("bad.yaml", c.spec);
        const CommandResult r = scratch.run({"sweep", "bad.yaml", "-o", "out"});
        INFO(r.describe());
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Contains(c.expected));
        CHECK(read_bytes(scratch / "out" / "results.h5") == "precious");
        CHECK_FALSE(fs::exists(scratch / "out" / "journal.tsv"));
    }
}
