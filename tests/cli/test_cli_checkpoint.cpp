// Checkpoints through the command: `run --checkpoint-every ... --stop-after ...` stops as a
// wall-time limit would, `resume` finishes, and the run file is the uninterrupted run's, byte for
// byte. Bad durations, a bad checkpoint and a lattice scenario end with exit code 2 and leave an
// existing run file as it was.
#include "cli_test_support.hpp"

using namespace streetwise::cli_test;
using Catch::Matchers::Contains;

namespace {

constexpr int exit_ok = 0;
constexpr int exit_bad_input = 2;

// The built-in default scenario, small; a Friday, so nights out are under way at the stop.
const std::vector<std::string> small_run = {"run",   "--set", "residents.count=1500", "--set", "time.days=2",
                                            "--set", "time.start_weekday=4",       "--set",
                                            "offenders.base_probability=0.002",     "-q"};

std::vector<std::string> cat(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

}  // namespace

TEST_CASE("run stopped by --stop-after at a checkpoint, then resume: the uninterrupted run file", "[cli][checkpoint]") {
    const Scratch scratch("checkpoint-resume");
    const CommandResult full = scratch.run(cat(small_run, {"-o", "full.h5", "--threads", "2"}));
    INFO(full.describe());
    REQUIRE(full.exit_code == exit_ok);

    // Checkpoints every 6 h; the "wall-time limit" strikes after 27 h (02:00 on the second night).
    const CommandResult first =
        scratch.run(cat(small_run, {"-o", "part.h5", "--checkpoint-every", "6h", "--stop-after", "27h", "--threads", "1"}));
    INFO(first.describe());
    REQUIRE(first.exit_code == exit_ok);
    CHECK_THAT(first.out, Contains("streetwise resume part.ckpt"));
    CHECK_FALSE(fs::exists(scratch / "part.h5"));
    REQUIRE(fs::exists(scratch / "part.ckpt"));
    CHECK_FALSE(fs::exists(scratch / "part.ckpt.tmp"));

    SECTION("resume writes the run file the run was writing") {
        const CommandResult resumed = scratch.run({"resume", "part.ckpt", "-q", "--threads", "2"});
        INFO(resumed.describe());
        REQUIRE(resumed.exit_code == exit_ok);
        CHECK(read_bytes(scratch / "part.h5") == read_bytes(scratch / "full.h5"));
    }
    SECTION("resume in steps, from another folder, to another file") {
        fs::create_directories(scratch / "elsewhere");
        RunOptions from_elsewhere;
        from_elsewhere.cwd = scratch / "elsewhere";
        const CommandResult second = scratch.run(
            {"resume", "../part.ckpt", "--stop-after", "500steps", "--checkpoint", "again.ckpt", "-q"}, from_elsewhere);
        INFO(second.describe());
        REQUIRE(second.exit_code == exit_ok);
        REQUIRE(fs::exists(scratch / "elsewhere" / "again.ckpt"));
        const CommandResult third =
            scratch.run({"resume", "again.ckpt", "-o", "resumed.h5", "-q"}, from_elsewhere);
        INFO(third.describe());
        REQUIRE(third.exit_code == exit_ok);
        CHECK(read_bytes(scratch / "elsewhere" / "resumed.h5") == read_bytes(scratch / "full.h5"));
    }
}

TEST_CASE("a bad checkpoint: exit 2, a message naming it, the run file untouched", "[cli][checkpoint]") {
    const Scratch scratch("checkpoint-bad");
    const fs::path existing = scratch.write("out.h5", "an earlier run file");

    SECTION("missing") {
        const CommandResult r = scratch.run({"resume", "missing.ckpt", "-o", "out.h5", "-q"});
        INFO(r.describe());
        CHECK(r.exit_code == exit_bad_input);
        CHECK_THAT(r.err, Contains("missing.ckpt") && Contains("no such file"));
    }
    SECTION("damaged") {
        const CommandResult run = scratch.run(cat(small_run, {"-o", "run.h5", "--stop-after", "3h"}));
        REQUIRE(run.exit_code == exit_ok);
        std::string bytes = read_bytes(scratch / "run.ckpt");
        bytes[bytes.size() / 3] = static_cast<char>(bytes[bytes.size() / 3] ^ 1);
        write_bytes(scratch / "run.ckpt", bytes);
        const CommandResult r = scratch.run({"resume", "run.ckpt", "-o", "out.h5", "-q"});
        INFO(r.describe());
        CHECK(r.exit_code == exit_bad_input);
        CHECK_THAT(r.err, Contains("run.ckpt") && Contains("damaged") && Contains("hint:"));
    }
    SECTION("a run file given as the checkpoint") {
        const CommandResult r = scratch.run({"resume", "out.h5", "-o", "out.h5", "-q"});
        INFO(r.describe());
        CHECK(r.exit_code == exit_bad_input);
        CHECK_THAT(r.err, Contains("not a streetwise checkpoint"));
    }
    CHECK(read_bytes(existing) == "an earlier run file");
}

TEST_CASE("checkpoint options are checked before the run starts", "[cli][checkpoint]") {
    const Scratch scratch("checkpoint-options");
    auto refused = [&](const std::vector<std::string>& args, const std::string& message) {
        const CommandResult r = scratch.run(args);
        INFO(r.describe());
        CHECK(r.exit_code == exit_bad_input);
        CHECK_THAT(r.err, Contains(message));
        CHECK_FALSE(fs::exists(scratch / "x.h5"));
        CHECK_FALSE(fs::exists(scratch / "x.ckpt"));
    };
    refused(cat(small_run, {"-o", "x.h5", "--checkpoint-every", "6"}), "needs a number and a unit");
    refused(cat(small_run, {"-o", "x.h5", "--checkpoint-every", "6 h"}), "unit");
    refused(cat(small_run, {"-o", "x.h5", "--checkpoint-every", "2weeks"}), "the units are");
    refused(cat(small_run, {"-o", "x.h5", "--checkpoint-every", "90s"}), "whole number");
    refused(cat(small_run, {"-o", "x.h5", "--checkpoint-every", "1.5steps"}), "whole number");
    refused(cat(small_run, {"-o", "x.h5", "--checkpoint", "x.h5", "--checkpoint-every", "1h"}), "also the run file");
    refused(cat(small_run, {"-o", "x.h5", "--checkpoint", "x.ckpt"}), "no --checkpoint-every");
    refused(cat(small_run, {"-o", "x.h5", "--checkpoint", "no/such/folder/x.ckpt", "--checkpoint-every", "1h"}),
            "--checkpoint");
    const fs::path lattice = fs::path(STREETWISE_SOURCE_DIR) / "scenarios/classics/short2008-c.yaml";
    refused({"run", lattice.string(), "-o", "x.h5", "--checkpoint-every", "100steps", "-q"}, "street model");
}
