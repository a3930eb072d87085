// streetwise-viz on the command line: bad input is refused before any window opens, with the
// same file:line: key messages and exit codes as streetwise, and no display is a clear message.
#include "cli/cli_test_support.hpp"

using namespace streetwise;
using namespace streetwise::cli_test;

namespace {

CommandResult run_viz(const std::vector<std::string>& args, const fs::path& cache) {
    RunOptions options;
    options.program = STREETWISE_VIZ_BINARY;
    options.env["STREETWISE_CACHE_DIR"] = cache.string();
    options.env["DISPLAY"] = std::nullopt;  // errors must come before a window is needed
    options.env["WAYLAND_DISPLAY"] = std::nullopt;
    return run_streetwise(args, options);
}

}  // namespace

TEST_CASE("viz cli: a scenario with an unknown key names file, line and key, exit 2", "[cli][viz]") {
    test::ScratchDir dir("viz-cli-bad-key");
    const fs::path scenario = dir / "bad.yaml";
    write_bytes(scenario, "name: x\noffenders:\n  cuont: 10\n");
    const CommandResult r = run_viz({scenario.string()}, dir / "cache");
    INFO(r.describe());
    CHECK(r.exited);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(scenario.string() + ":3") != std::string::npos);
    CHECK(r.err.find("offenders.cuont") != std::string::npos);
    CHECK(r.err.find("count") != std::string::npos);  // the closest valid key is suggested
}

TEST_CASE("viz cli: a missing or damaged run file is refused with its name, exit 2", "[cli][viz]") {
    test::ScratchDir dir("viz-cli-bad-run");
    const CommandResult missing = run_viz({(dir / "nope.h5").string()}, dir / "cache");
    INFO(missing.describe());
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("nope.h5") != std::string::npos);

    write_bytes(dir / "text.h5", "this is not an HDF5 file");
    const CommandResult damaged = run_viz({(dir / "text.h5").string()}, dir / "cache");
    INFO(damaged.describe());
    CHECK(damaged.exit_code == 2);
    CHECK(damaged.err.find("text.h5") != std::string::npos);
    CHECK(read_bytes(dir / "text.h5") == "this is not an HDF5 file");  // not touched
}

TEST_CASE("viz cli: a bad --set and a bad option are refused", "[cli][viz]") {
    test::ScratchDir dir("viz-cli-bad-set");
    const CommandResult bad_set = run_viz({"--set", "residents.count=-5"}, dir / "cache");
    INFO(bad_set.describe());
    CHECK(bad_set.exit_code == 2);
    CHECK(bad_set.err.find("residents.count") != std::string::npos);
    const CommandResult bad_option = run_viz({"--font-scale", "99"}, dir / "cache");
    INFO(bad_option.describe());
    CHECK(bad_option.exited);
    CHECK(bad_option.exit_code != 0);
    CHECK(bad_option.exit_code != 3);
}

TEST_CASE("viz cli: without a display it says how to get one, exit 1", "[cli][viz]") {
    test::ScratchDir dir("viz-cli-no-display");
    const CommandResult r = run_viz({"--set", "residents.count=100"}, dir / "cache");
    INFO(r.describe());
    CHECK(r.exited);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("xvfb-run") != std::string::npos);
}
