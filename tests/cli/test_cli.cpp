// End-to-end tests of the `streetwise` command line: the built binary is run in a child process.
// The promise under test: bad input of any kind ends with exit code 2 (1 for a bad command line)
// and a message naming the file, the line, the key and what to do, never with a crash, and never
// leaves a half-written run file behind or damages an existing one.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <concepts>
#include <random>
#include <regex>

#include "cli_test_support.hpp"
#include "sim/io/run_file.hpp"

using namespace streetwise::cli_test;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;

namespace {

constexpr int exit_ok = 0;
constexpr int exit_bad_command_line = 1;
constexpr int exit_bad_input = 2;

// Small enough that a run takes a fraction of a second.
const std::vector<std::string> tiny_run = {"--set", "residents.count=200",       "--set", "time.days=1",
                                           "--set", "offenders.count=5",         "--set", "police.units=2",
                                           "--set", "city.synthetic.blocks_x=8", "--set", "city.synthetic.blocks_y=8",
                                           "-q"};

std::vector<std::string> cat(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

const fs::path shared_osm_dir = fs::path(STREETWISE_SHARED_DATA_DIR) / "osm";
const fs::path leeds_map = shared_osm_dir / "its-example-leeds.osm.pbf";
const fs::path monaco_map = shared_osm_dir / "monaco.osm.pbf";

// The line number the message gives for `file`, if any.
std::optional<int> reported_line(const std::string& message, const std::string& file) {
    const std::string head = "error: " + file + ":";
    const auto at = message.find(head);
    if (at == std::string::npos) return std::nullopt;
    std::size_t i = at + head.size();
    int line = 0;
    bool any = false;
    while (i < message.size() && message[i] >= '0' && message[i] <= '9') {
        line = line * 10 + (message[i++] - '0');
        any = true;
    }
    if (!any || i >= message.size() || message[i] != ':') return std::nullopt;
    return line;
}

// The process ended on its own, with none of the codes that mean "bug" (3) or a signal (> 128).
void check_no_crash(const CommandResult& r) {
    INFO(r.describe());
    REQUIRE_FALSE(r.timed_out);
    REQUIRE(r.exited);  // not killed by a signal (segfault, abort, ...)
    CHECK(r.exit_code != 3);
    CHECK(r.exit_code < 128);
    CHECK_THAT(r.output(), !Contains("internal error") && !Contains("terminate called") && !Contains("Assertion") &&
                               !Contains("HDF5-DIAG"));
}

constexpr int any_line = -1;

struct ExpectedError {
    std::string file;                     // as the message must name it
    int line = 0;                         // 0: the message has no line number; any_line: with or without one
    std::string key;                      // "": the message names no key
    std::vector<std::string> mentions{};  // further texts the message must contain
};

// Exit code 2 and "error: FILE[:LINE]: [key 'KEY': ]problem\n  hint: ..." on stderr.
void check_input_error(const CommandResult& r, const ExpectedError& expected) {
    check_no_crash(r);
    INFO(r.describe());
    CHECK(r.exit_code == exit_bad_input);
    std::string key_part = expected.key.empty() ? std::string() : "key '" + expected.key + "': ";
    if (expected.line == any_line) {
        const bool named = r.err.find("error: " + expected.file + ": " + key_part) != std::string::npos ||
                           reported_line(r.err, expected.file).has_value();
        CHECK(named);
    } else {
        std::string head = "error: " + expected.file;
        if (expected.line > 0) head += ":" + std::to_string(expected.line);
        CHECK_THAT(r.err, Contains(head + ": " + key_part));
    }
    CHECK_THAT(r.err, Contains("\n  hint: "));
    for (const auto& text : expected.mentions) CHECK_THAT(r.err, Contains(text));
}

// CLI11 rejected the command line: exit code 1, a message and the pointer to --help on stderr.
void check_usage_error(const CommandResult& r, const std::string& mention = "") {
    check_no_crash(r);
    INFO(r.describe());
    CHECK(r.exit_code == exit_bad_command_line);
    CHECK_THAT(r.err, Contains("--help"));
    if (!mention.empty()) CHECK_THAT(r.err, Contains(mention));
}

// A real run file made once per test process: the "earlier run" that failing runs must not touch.
const std::string& earlier_run_file_bytes() {
    static const std::string bytes = [] {
        Scratch scratch("earlier-run");
        const fs::path file = scratch / "earlier.h5";
        const CommandResult r = scratch.run(cat({"run", "--seed", "99", "-o", file.string()}, tiny_run));
        INFO(r.describe());
        REQUIRE(r.exited);
        REQUIRE(r.exit_code == exit_ok);
        return read_bytes(file);
    }();
    return bytes;
}

// Runs `streetwise run ARGS -o OUT` twice, from `scratch`, and checks both fail as expected:
//  (a) OUT does not exist: afterwards there is neither OUT nor OUT.tmp, the output folder is empty;
//  (b) OUT is an earlier run file: afterwards it is byte-for-byte the same and nothing else is there.
// The message is checked by `check` (given the result). Returns the result of (a).
template <class Check>
requires std::invocable<Check&, const CommandResult&> CommandResult
check_run_fails_cleanly(const Scratch& scratch, const std::vector<std::string>& args, Check&& check) {
    static int call = 0;
    const fs::path out_dir = scratch / ("out-" + std::to_string(call++));
    fs::create_directories(out_dir);
    const fs::path out = out_dir / "run.h5";

    std::vector<std::string> fresh_args = cat({"run"}, args);
    fresh_args.insert(fresh_args.end(), {"-o", out.string()});
    const CommandResult fresh = scratch.run(fresh_args);
    {
        INFO("with no file at -o: " << fresh.describe());
        check(fresh);
        CHECK_FALSE(fs::exists(out));
        CHECK_FALSE(fs::exists(fs::path(out.string() + ".tmp")));
        CHECK(list_dir(out_dir).empty());  // no temporary, probe or partial file either
    }

    write_bytes(out, earlier_run_file_bytes());
    const CommandResult again = scratch.run(fresh_args);
    {
        INFO("with an earlier run file at -o: " << again.describe());
        check(again);
        CHECK(again.exit_code == fresh.exit_code);
        CHECK(again.err == fresh.err);
        REQUIRE(fs::exists(out));
        CHECK(read_bytes(out) == earlier_run_file_bytes());
        CHECK(list_dir(out_dir) == std::set<std::string>{"run.h5"});
    }
    fs::remove_all(out_dir);
    return fresh;
}

CommandResult check_run_fails_cleanly(const Scratch& scratch, const std::vector<std::string>& args,
                                      const ExpectedError& expected) {
    return check_run_fails_cleanly(scratch, args, [&](const CommandResult& r) { check_input_error(r, expected); });
}

// Deterministic bytes that are not an OSM file.
std::string noise(std::size_t n, unsigned seed) {
    std::mt19937 engine(seed);
    std::uniform_int_distribution<int> byte(0, 255);
    std::string bytes(n, '\0');
    for (char& c : bytes) c = static_cast<char>(byte(engine));
    return bytes;
}

std::string osm_xml(const std::string& body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<osm version=\"0.6\" generator=\"streetwise tests\">\n" +
           body + "</osm>\n";
}

// Four nodes of a small square in Monaco.
const std::string square_nodes =
    "  <node id=\"1\" lat=\"43.7300\" lon=\"7.4200\"/>\n"
    "  <node id=\"2\" lat=\"43.7300\" lon=\"7.4210\"/>\n"
    "  <node id=\"3\" lat=\"43.7310\" lon=\"7.4210\"/>\n"
    "  <node id=\"4\" lat=\"43.7310\" lon=\"7.4200\"/>\n";

std::string closed_way(const std::string& tag_key, const std::string& tag_value) {
    return "  <way id=\"10\">\n"
           "    <nd ref=\"1\"/><nd ref=\"2\"/><nd ref=\"3\"/><nd ref=\"4\"/><nd ref=\"1\"/>\n"
           "    <tag k=\"" +
           tag_key + "\" v=\"" + tag_value +
           "\"/>\n"
           "  </way>\n";
}

std::string osm_scenario(const std::string& map) {
    return "name: osm-test\ncity:\n  source: osm\n  osm: " + map + "\n";
}

// `streetwise city info/import` and a run all fail cleanly on `map`, none leaves a cache file.
void check_bad_map(const Scratch& scratch, const fs::path& map, const std::vector<std::string>& mentions) {
    const std::string map_text = map.string();
    const ExpectedError expected{map_text, any_line, "", mentions};

    SECTION("city info") {
        check_input_error(scratch.run({"city", "info", map_text}), expected);
    }
    SECTION("city import") {
        const fs::path cache = scratch / "import-cache";
        check_input_error(scratch.run({"city", "import", map_text, "--cache-dir", cache.string()}), expected);
        CHECK(list_tree(cache).empty());
    }
    SECTION("run of a scenario that names it") {
        const fs::path scenario = scratch.write("bad-map.yaml", osm_scenario(map_text));
        check_run_fails_cleanly(scratch, cat({scenario.string()}, tiny_run), expected);
        SECTION("and with the cache off") {
            check_run_fails_cleanly(scratch, cat({scenario.string(), "--set", "city.cache=false"}, tiny_run), expected);
        }
    }
    CHECK(list_tree(scratch.cache_dir()).empty());  // no cache entry for a map that did not load
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// 1. Malformed YAML
// ---------------------------------------------------------------------------------------------

TEST_CASE("malformed YAML is reported with its line, for run and validate", "[cli]") {
    Scratch scratch("malformed-yaml");
    // The bracket opened on line 3 is never closed; the parser notices on line 3 or 4.
    const fs::path bad =
        scratch.write("unclosed.yaml", "name: unclosed\nresidents:\n  count: [1, 2\ntime:\n  days: 1\n");

    auto check = [&](const CommandResult& r) {
        check_no_crash(r);
        INFO(r.describe());
        CHECK(r.exit_code == exit_bad_input);
        CHECK_THAT(r.err, Contains("malformed YAML"));
        CHECK_THAT(r.err, Contains("\n  hint: "));
        const auto line = reported_line(r.err, bad.string());
        REQUIRE(line.has_value());
        CHECK((*line == 3 || *line == 4));
    };
    SECTION("run") {
        check_run_fails_cleanly(scratch, cat({bad.string()}, tiny_run), check);
    }
    SECTION("validate") {
        check(scratch.run({"validate", bad.string()}));
    }
    SECTION("city info") {
        check(scratch.run({"city", "info", bad.string()}));
    }

    SECTION("a tab in the indentation") {
        const fs::path tab = scratch.write("tab.yaml", "name: tab\nresidents:\n\tcount: 5\n");
        const CommandResult r = scratch.run({"validate", tab.string()});
        check_no_crash(r);
        CHECK(r.exit_code == exit_bad_input);
        CHECK(reported_line(r.err, tab.string()).has_value());
    }

    SECTION("in a base scenario: the message names the base and its line") {
        scratch.write("base.yaml", "name: base\noffenders:\n  count: {5\n");
        const fs::path child = scratch.write("child.yaml", "extends: base.yaml\nname: child\n");
        const CommandResult r = scratch.run({"validate", child.string()});
        check_no_crash(r);
        CHECK(r.exit_code == exit_bad_input);
        const std::string base_name = (scratch / "base.yaml").lexically_normal().string();
        INFO(r.describe());
        CHECK(reported_line(r.err, base_name).has_value());
    }

    SECTION("binary garbage, an empty file, a file that is not a map") {
        for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
                 {"garbage.yaml", noise(3000, 7)},
                 {"empty.yaml", ""},
                 {"list.yaml", "- a\n- b\n"},
                 {"scalar.yaml", "just text\n"},
                 {"deep.yaml", "a: " + std::string(20000, '[') + std::string(20000, ']') + "\n"}}) {
            const fs::path file = scratch.write(name, text);
            const CommandResult r = scratch.run({"validate", file.string()});
            check_no_crash(r);
            INFO(r.describe());
            CHECK(r.exit_code == exit_bad_input);
            CHECK_THAT(r.err, StartsWith("error: " + file.string()));
            CHECK_THAT(r.err, Contains("\n  hint: "));
        }
    }
}

// yaml-cpp 0.7 accepts a quoted scalar left open at the end of a file when the file ends in a
// newline (without the newline it throws "illegal EOF in scalar"): the rest of the file would
// silently become the value, here `name: "open time: days: 0 "`, and `time.days: 0` would never
// be checked. The loader parses a second time without the trailing newlines to catch it.
TEST_CASE("a quoted string left open at the end of the file is an error", "[cli]") {
    Scratch scratch("open-quote");
    for (const char* quote : {"\"", "'"}) {
        const fs::path file = scratch.write("quote.yaml", std::string("name: ") + quote + "open\ntime:\n  days: 0\n");
        const CommandResult r = scratch.run({"validate", file.string()});
        check_no_crash(r);
        INFO(r.describe());
        CHECK(r.exit_code == exit_bad_input);
        CHECK(reported_line(r.err, file.string()).has_value());
    }
}

// ---------------------------------------------------------------------------------------------
// 2-4. Unknown keys, wrong types, values out of range
// ---------------------------------------------------------------------------------------------

TEST_CASE("an unknown key names file, line and key and suggests the near miss", "[cli]") {
    Scratch scratch("unknown-key");
    const fs::path bad = scratch.write("typo.yaml", "name: typo\nresidents:\n  cuont: 200\n");
    const ExpectedError expected{bad.string(), 3, "residents.cuont", {"did you mean", "residents.count"}};
    check_run_fails_cleanly(scratch, cat({bad.string()}, tiny_run), expected);
    check_input_error(scratch.run({"validate", bad.string()}), expected);

    SECTION("relative path: the message names the file as given") {
        check_input_error(scratch.run({"validate", "typo.yaml"}),
                          {"typo.yaml", 3, "residents.cuont", {"did you mean"}});
    }
    SECTION("an unknown section") {
        const fs::path section = scratch.write("section.yaml", "name: s\nresident:\n  count: 200\n");
        check_input_error(scratch.run({"validate", section.string()}),
                          {section.string(), 2, "resident", {"did you mean", "residents"}});
    }
}

TEST_CASE("a value of the wrong type names file, line and key", "[cli]") {
    Scratch scratch("wrong-type");
    const fs::path bad = scratch.write("many.yaml", "name: many\nresidents:\n  count: many\n");
    const ExpectedError expected{bad.string(), 3, "residents.count", {"'many'", "integer"}};
    check_run_fails_cleanly(scratch, cat({bad.string()}, tiny_run), expected);
    check_input_error(scratch.run({"validate", bad.string()}), expected);

    SECTION("a map where a number belongs, a number where a section belongs") {
        const fs::path map = scratch.write("map.yaml", "time:\n  days: {a: 1}\n");
        check_input_error(scratch.run({"validate", map.string()}), {map.string(), 2, "time.days"});
        const fs::path section = scratch.write("section.yaml", "name: x\npolice: 5\n");
        check_input_error(scratch.run({"validate", section.string()}), {section.string(), 2, "police"});
        const fs::path choice = scratch.write("choice.yaml", "city:\n  source: google-maps\n");
        check_input_error(scratch.run({"validate", choice.string()}), {choice.string(), 2, "city.source", {"osm"}});
    }
}

TEST_CASE("a value out of range names file, line, key and the range", "[cli]") {
    Scratch scratch("out-of-range");
    SECTION("offenders.base_probability: 1.5") {
        const fs::path bad = scratch.write("p.yaml", "name: p\noffenders:\n  count: 5\n  base_probability: 1.5\n");
        const ExpectedError expected{bad.string(), 4, "offenders.base_probability", {"1.5", "[0, 1]"}};
        check_run_fails_cleanly(scratch, cat({bad.string()}, tiny_run), expected);
        check_input_error(scratch.run({"validate", bad.string()}), expected);
    }
    SECTION("time.days: 0") {
        const fs::path bad = scratch.write("days.yaml", "time:\n  days: 0\n");
        const ExpectedError expected{bad.string(), 2, "time.days", {"[1, 3650]"}};
        check_run_fails_cleanly(scratch, {bad.string(), "-q"}, expected);
        check_input_error(scratch.run({"validate", bad.string()}), expected);
    }
    SECTION("a negative seed, a huge count, NaN") {
        const fs::path seed = scratch.write("seed.yaml", "seed: -1\n");
        check_input_error(scratch.run({"validate", seed.string()}), {seed.string(), 1, "seed"});
        const fs::path huge = scratch.write("huge.yaml", "residents:\n  count: 99999999999999999999999\n");
        check_input_error(scratch.run({"validate", huge.string()}), {huge.string(), 2, "residents.count"});
        const fs::path nan = scratch.write("nan.yaml", "offenders:\n  base_probability: .nan\n");
        check_input_error(scratch.run({"validate", nan.string()}), {nan.string(), 2, "offenders.base_probability"});
    }
    SECTION("a rule across keys blames the key written last, with its line") {
        const fs::path bad = scratch.write("sun.yaml", "time:\n  sunrise_h: 7\n  sunset_h: 6\n");
        check_input_error(scratch.run({"validate", bad.string()}), {bad.string(), 3, "time.sunset_h"});
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Bad --set
// ---------------------------------------------------------------------------------------------

TEST_CASE("a bad --set names the override and the key", "[cli]") {
    Scratch scratch("bad-set");
    SECTION("unknown key") {
        const ExpectedError expected{"--set", 0, "residents.cuont", {"did you mean", "residents.count"}};
        check_run_fails_cleanly(scratch, cat(tiny_run, {"--set", "residents.cuont=5"}), expected);
        check_input_error(scratch.run({"validate", "--set", "residents.cuont=5"}), expected);
        check_input_error(scratch.run({"city", "info", "--set", "residents.cuont=5"}), expected);
    }
    SECTION("missing '='") {
        const ExpectedError expected{"command line", 0, "", {"residents.count", "key=value"}};
        check_run_fails_cleanly(scratch, cat(tiny_run, {"--set", "residents.count"}), expected);
        check_input_error(scratch.run({"validate", "--set", "residents.count"}), expected);
    }
    SECTION("bad value") {
        const ExpectedError expected{"--set", 0, "residents.count", {"'many'", "--set 'residents.count=many'"}};
        check_run_fails_cleanly(scratch, cat(tiny_run, {"--set", "residents.count=many"}), expected);
        check_input_error(scratch.run({"validate", "--set", "residents.count=many"}), expected);
    }
    SECTION("value out of range, value that is not YAML, empty key, extends") {
        check_run_fails_cleanly(scratch, cat(tiny_run, {"--set", "time.days=0"}),
                                ExpectedError{"--set", 0, "time.days", {"[1, 3650]"}});
        check_run_fails_cleanly(scratch, cat(tiny_run, {"--set", "residents.count=[1"}),
                                ExpectedError{"--set", 0, "residents.count", {"YAML"}});
        check_input_error(scratch.run({"validate", "--set", "=5"}), {"command line", 0, ""});
        check_input_error(scratch.run({"validate", "--set", "residents..count=5"}), {"--set", 0, "residents..count"});
        check_input_error(scratch.run({"validate", "--set", "residents.count.x=5"}), {"--set", 0, "residents.count.x"});
        check_input_error(scratch.run({"validate", "--set", "extends=base.yaml"}), {"--set", 0, "extends"});
    }
    SECTION("--set over a scenario file: the error still blames --set") {
        const fs::path good = scratch.write("good.yaml", "name: good\n");
        check_run_fails_cleanly(scratch, cat({good.string(), "--set", "offenders.base_probability=2"}, tiny_run),
                                ExpectedError{"--set", 0, "offenders.base_probability"});
    }
}

// ---------------------------------------------------------------------------------------------
// 6. Missing scenario file
// ---------------------------------------------------------------------------------------------

TEST_CASE("a missing scenario file is named, with the shipped scenarios as a hint", "[cli]") {
    Scratch scratch("missing-scenario");
    const fs::path missing = scratch / "nowhere.yaml";
    const ExpectedError expected{missing.string(), 0, "", {"not found", "default.yaml"}};
    check_run_fails_cleanly(scratch, cat({missing.string()}, tiny_run), expected);
    check_input_error(scratch.run({"validate", missing.string()}), expected);
    check_input_error(scratch.run({"city", "info", missing.string()}), expected);

    SECTION("a folder given as the scenario") {
        fs::create_directories(scratch / "folder.yaml");
        check_input_error(scratch.run({"validate", "folder.yaml"}), {"folder.yaml", 0, "", {"not a file"}});
    }
    SECTION("a missing base scenario: the extending file's line and key 'extends'") {
        const fs::path child = scratch.write("child.yaml", "name: child\nextends: gone.yaml\n");
        check_input_error(scratch.run({"validate", child.string()}), {child.string(), 2, "extends", {"gone.yaml"}});
    }
    SECTION("an extends cycle") {
        const fs::path self = scratch.write("self.yaml", "extends: self.yaml\n");
        check_input_error(scratch.run({"validate", self.string()}), {self.string(), 1, "extends", {"cycle"}});
    }
}

// ---------------------------------------------------------------------------------------------
// 7. Missing OSM map
// ---------------------------------------------------------------------------------------------

TEST_CASE("a missing OSM map lists where it was looked for and how to get one", "[cli]") {
    Scratch scratch("missing-map");
    fs::create_directories(scratch / "maps");
    RunOptions with_map_path;
    with_map_path.env["STREETWISE_MAP_PATH"] = (scratch / "maps").string();

    const fs::path scenario = scratch.write("sub/osm.yaml", osm_scenario("nowhere.osm.pbf"));
    const std::vector<std::string> mentions = {"nowhere.osm.pbf", "looked for",
                                               (scratch / "sub" / "nowhere.osm.pbf").string(), "geofabrik",
                                               "openstreetmap.org/export"};
    const ExpectedError expected{scenario.string(), 4, "city.osm", mentions};

    SECTION("run") {
        check_run_fails_cleanly(scratch, cat({scenario.string()}, tiny_run), expected);
    }
    SECTION("validate, with STREETWISE_MAP_PATH listed among the places looked in") {
        const CommandResult r = scratch.run({"validate", scenario.string()}, with_map_path);
        check_input_error(r, expected);
        CHECK_THAT(r.err, Contains((scratch / "maps" / "nowhere.osm.pbf").string()));
    }
    SECTION("city info") {
        check_input_error(scratch.run({"city", "info", scenario.string()}), expected);
    }
    SECTION("from --set") {
        const ExpectedError from_set{"--set", 0, "city.osm", {"looked for", "geofabrik", "openstreetmap.org/export"}};
        check_run_fails_cleanly(
            scratch, cat(tiny_run, {"--set", "city.source=osm", "--set", "city.osm=nowhere.osm.pbf"}), from_set);
    }
    SECTION("city.source osm without city.osm") {
        check_input_error(scratch.run({"validate", "--set", "city.source=osm"}), {"--set", 0, "city.source"});
    }
    SECTION("an OSM path given directly to city info / city import") {
        const ExpectedError direct{"nowhere.osm.pbf", 0, "", {"not found", "geofabrik", "openstreetmap.org/export"}};
        check_input_error(scratch.run({"city", "info", "nowhere.osm.pbf"}), direct);
        check_input_error(scratch.run({"city", "import", "nowhere.osm.pbf", "--cache-dir", "c"}), direct);
        CHECK_FALSE(fs::exists(scratch / "c"));
    }
    CHECK(list_tree(scratch.cache_dir()).empty());
}

// ---------------------------------------------------------------------------------------------
// 8. Corrupt OSM files
// ---------------------------------------------------------------------------------------------

TEST_CASE("a corrupt OSM file is a clear input error", "[cli]") {
    Scratch scratch("corrupt-map");
    SECTION("random bytes named .osm.pbf") {
        const fs::path map = scratch.write("x.osm.pbf", noise(5000, 42));
        check_bad_map(scratch, map, {"x.osm.pbf", "truncated"});
    }
    SECTION("an empty .osm.pbf") {
        const fs::path map = scratch.write("empty.osm.pbf", "");
        check_bad_map(scratch, map, {"empty.osm.pbf"});
    }
    SECTION("random bytes named .osm (XML)") {
        const fs::path map = scratch.write("x.osm", noise(5000, 43));
        check_bad_map(scratch, map, {"x.osm"});
    }
    SECTION("broken XML: the message gives the line") {
        const fs::path map = scratch.write(
            "broken.osm", osm_xml(square_nodes + "  <way id=\"10\">\n    <nd ref=\"1\"/>\n"));  // </way> missing
        const CommandResult r = scratch.run({"city", "info", map.string()});
        check_no_crash(r);
        INFO(r.describe());
        CHECK(r.exit_code == exit_bad_input);
        CHECK(reported_line(r.err, map.string()) == 9);  // the </osm> that does not match <way>
        CHECK_THAT(r.err, Contains("\n  hint: "));
    }
    SECTION("a truncated copy of the Monaco extract") {
        if (!fs::exists(monaco_map)) {
            WARN("skipped: " << monaco_map << " not found");
            return;
        }
        const std::string whole = read_bytes(monaco_map);
        const fs::path half = scratch.write("monaco-half.osm.pbf", whole.substr(0, whole.size() / 2));
        check_bad_map(scratch, half, {"monaco-half.osm.pbf", "truncated"});
    }
    SECTION("a truncated copy of the Leeds sample") {
        if (!fs::exists(leeds_map)) {
            WARN("skipped: " << leeds_map << " not found");
            return;
        }
        const std::string whole = read_bytes(leeds_map);
        const fs::path cut = scratch.write("leeds-cut.osm.pbf", whole.substr(0, whole.size() * 3 / 4));
        check_bad_map(scratch, cut, {"leeds-cut.osm.pbf", "truncated"});
    }
}

// ---------------------------------------------------------------------------------------------
// 9. Maps without usable streets
// ---------------------------------------------------------------------------------------------

TEST_CASE("a map without walkable streets is a clear input error", "[cli]") {
    Scratch scratch("no-streets");
    SECTION("only a building") {
        const fs::path map = scratch.write("buildings.osm", osm_xml(square_nodes + closed_way("building", "yes")));
        check_bad_map(scratch, map, {"no walkable streets"});
    }
    SECTION("only a motorway") {
        const fs::path map = scratch.write("motorway.osm", osm_xml(square_nodes + closed_way("highway", "motorway")));
        check_bad_map(scratch, map, {"no walkable streets"});
    }
    SECTION("nothing at all") {
        const fs::path map = scratch.write("nothing.osm", osm_xml(""));
        check_bad_map(scratch, map, {"no walkable streets"});
    }
    SECTION("a footway whose nodes are not in the file") {
        const fs::path map =
            scratch.write("dangling.osm", osm_xml("  <way id=\"10\">\n    <nd ref=\"7\"/><nd ref=\"8\"/>\n"
                                                  "    <tag k=\"highway\" v=\"footway\"/>\n  </way>\n"));
        check_bad_map(scratch, map, {"no walkable streets"});
    }
    SECTION("a footway of a single node") {
        const fs::path map =
            scratch.write("one-node.osm", osm_xml(square_nodes + "  <way id=\"10\">\n    <nd ref=\"1\"/>\n"
                                                                 "    <tag k=\"highway\" v=\"footway\"/>\n  </way>\n"));
        check_bad_map(scratch, map, {"no walkable streets"});
    }
}

TEST_CASE("a tiny but valid map (one footway) runs", "[cli]") {
    Scratch scratch("one-footway");
    const fs::path map =
        scratch.write("footway.osm", osm_xml(square_nodes + "  <way id=\"10\">\n    <nd ref=\"1\"/><nd ref=\"2\"/>\n"
                                                            "    <tag k=\"highway\" v=\"footway\"/>\n  </way>\n"));
    const fs::path scenario = scratch.write("footway.yaml", osm_scenario("footway.osm"));
    const CommandResult r = scratch.run(cat({"run", scenario.string(), "-o", "footway.h5"}, tiny_run));
    check_no_crash(r);
    INFO(r.describe());
    CHECK(r.exit_code == exit_ok);
    CHECK(fs::exists(scratch / "footway.h5"));
    CHECK_FALSE(fs::exists(scratch / "footway.h5.tmp"));
}

// ---------------------------------------------------------------------------------------------
// 10. Output paths that cannot be written
// ---------------------------------------------------------------------------------------------

TEST_CASE("an output file that cannot be written fails before the run, touching nothing", "[cli]") {
    Scratch scratch("bad-output");
    const std::string output_key = "-o/--output";

    SECTION("the folder does not exist") {
        REQUIRE_FALSE(fs::exists("/nonexistent-dir"));
        const CommandResult r = scratch.run(cat({"run", "-o", "/nonexistent-dir/x.h5"}, tiny_run));
        check_input_error(r, {"/nonexistent-dir/x.h5", 0, output_key, {"/nonexistent-dir", "does not exist"}});
        CHECK_FALSE(fs::exists("/nonexistent-dir"));
        const CommandResult nested = scratch.run(cat({"run", "-o", "a/b/x.h5"}, tiny_run));
        check_input_error(nested, {"a/b/x.h5", 0, output_key, {"does not exist"}});
        CHECK_FALSE(fs::exists(scratch / "a"));
    }
    SECTION("-o names an existing folder") {
        fs::create_directories(scratch / "results");
        check_input_error(scratch.run(cat({"run", "-o", "results"}, tiny_run)), {"results", 0, output_key, {"folder"}});
        check_input_error(scratch.run(cat({"run", "-o", (scratch / "results").string() + "/"}, tiny_run)),
                          {(scratch / "results").string() + "/", 0, output_key, {"folder"}});
        check_input_error(scratch.run(cat({"run", "-o", "."}, tiny_run)), {".", 0, output_key});
        CHECK(fs::is_directory(scratch / "results"));
        CHECK(list_dir(scratch / "results").empty());
    }
    SECTION("the parent of -o is a regular file") {
        const fs::path file = scratch.write("notes.txt", "keep me\n");
        const std::string target = (file / "x.h5").string();
        check_input_error(scratch.run(cat({"run", "-o", target}, tiny_run)), {target, 0, output_key, {"not a folder"}});
        CHECK(read_bytes(file) == "keep me\n");
    }
    SECTION("the temporary file's name is taken by a folder") {
        fs::create_directories(scratch / "out" / "run.h5.tmp");
        write_bytes(scratch / "out" / "run.h5", earlier_run_file_bytes());
        check_input_error(scratch.run(cat({"run", "-o", "out/run.h5"}, tiny_run)),
                          {"out/run.h5", 0, output_key, {".tmp"}});
        CHECK(read_bytes(scratch / "out" / "run.h5") == earlier_run_file_bytes());
        CHECK(list_dir(scratch / "out") == std::set<std::string>{"run.h5", "run.h5.tmp"});
    }
    SECTION("-o \"\" (e.g. an unset shell variable) is an error, not the default name") {
        check_input_error(scratch.run(cat({"run", "-o", ""}, tiny_run)), {"command line", 0, output_key, {"empty"}});
        CHECK_FALSE(fs::exists(scratch / "default-seed1.h5"));
    }
    SECTION("the check comes before the work: a huge scenario with a bad -o fails at once") {
        RunOptions quick;
        quick.timeout_s = 30;
        const CommandResult r = scratch.run({"run", "-q", "-o", "/nonexistent-dir/x.h5", "--set",
                                             "residents.count=50000000", "--set", "time.days=3650"},
                                            quick);
        check_input_error(r, {"/nonexistent-dir/x.h5", 0, output_key});
    }
    // Nothing was written anywhere in the scratch folder besides what the test made.
    for (const auto& name : list_tree(scratch.path())) {
        INFO(name);
        CHECK_THAT(name, !EndsWith(".h5.tmp") || StartsWith("out"));
        CHECK_THAT(name, !Contains(".probe-"));
    }
    CHECK_FALSE(fs::exists(scratch / "default-seed1.h5"));
}

// ---------------------------------------------------------------------------------------------
// 11. A successful run
// ---------------------------------------------------------------------------------------------

TEST_CASE("run: a tiny scenario writes its run file, the same for any thread count", "[cli]") {
    Scratch scratch("run-ok");
    // Enough offenders and opportunity for some crimes, so the files have events to compare.
    const std::vector<std::string> args = cat(tiny_run, {"--set", "residents.count=1000", "--set", "offenders.count=20",
                                                         "--set", "offenders.base_probability=0.01"});
    const fs::path one = scratch / "t1.h5";
    const fs::path two = scratch / "t2.h5";
    const CommandResult r1 = scratch.run(cat({"run", "--threads", "1", "-o", one.string()}, args));
    const CommandResult r2 = scratch.run(cat({"run", "--threads", "2", "-o", two.string()}, args));
    for (const auto* r : {&r1, &r2}) {
        check_no_crash(*r);
        INFO(r->describe());
        REQUIRE(r->exit_code == exit_ok);
        CHECK_THAT(r->out, Contains("crimes"));
        CHECK_THAT(r->out, Contains("agent-steps/s"));
        CHECK_THAT(r->out, Contains("Gini"));
        CHECK_THAT(r->out, Contains("victims were victimised more than once"));
        CHECK_THAT(r->out, Contains("times chance (Knox, p "));
        CHECK(r->err.empty());  // -q: no progress bar, and no warnings
    }
    // The repeat and Knox figures are the same whatever the thread count (the same crimes, one seed).
    const auto repeats_line = [](const std::string& out) {
        const auto start = out.find("repeats:");
        return out.substr(start, out.find('\n', start) - start);
    };
    CHECK(repeats_line(r1.out) == repeats_line(r2.out));
    CHECK_THAT(r1.out, Contains(one.string()));
    CHECK_THAT(r2.out, Contains(two.string()));
    CHECK_THAT(r1.out, Contains("1 thread"));
    CHECK_THAT(r2.out, Contains("2 threads"));
    REQUIRE(fs::is_regular_file(one));
    REQUIRE(fs::is_regular_file(two));
    CHECK(list_dir(scratch.path()) == std::set<std::string>{"t1.h5", "t2.h5"});  // no .tmp, no probe files
    const std::string bytes = read_bytes(one);
    CHECK(bytes.substr(0, 8) == std::string("\x89HDF\r\n\x1a\n", 8));
    CHECK(bytes == read_bytes(two));

    const streetwise::RunFileInfo info = streetwise::read_run_file_info(one);
    CHECK(info.scenario_name == "default");
    CHECK(info.residents == 1000);
    CHECK(info.offenders == 20);
    CHECK(info.crime_count > 0);

    SECTION("an existing file and a stale .tmp at -o are replaced") {
        const fs::path out = scratch / "again.h5";
        write_bytes(out, "an older, unrelated file");
        write_bytes(fs::path(out.string() + ".tmp"), "left over by a killed run");
        const CommandResult r = scratch.run(cat({"run", "--threads", "2", "-o", out.string()}, args));
        check_no_crash(r);
        CHECK(r.exit_code == exit_ok);
        CHECK(read_bytes(out) == bytes);
        CHECK_FALSE(fs::exists(fs::path(out.string() + ".tmp")));
    }
    SECTION("without -o: <scenario>-seed<S>.h5 in the current folder") {
        const CommandResult r = scratch.run(cat({"run", "--seed", "7"}, tiny_run));
        check_no_crash(r);
        INFO(r.describe());
        CHECK(r.exit_code == exit_ok);
        CHECK(fs::is_regular_file(scratch / "default-seed7.h5"));
        CHECK_THAT(r.out, Contains("default-seed7.h5"));
        CHECK_FALSE(fs::exists(scratch / "default-seed7.h5.tmp"));
    }
    SECTION("--seed is decimal: 010 is seed 10 (not octal 8), and 2^64-1 is accepted") {
        const fs::path padded = scratch / "seed010.h5";
        const fs::path plain = scratch / "seed10.h5";
        const CommandResult a = scratch.run(cat({"run", "--seed", "010", "-o", padded.string()}, tiny_run));
        const CommandResult b = scratch.run(cat({"run", "--seed", "10", "-o", plain.string()}, tiny_run));
        check_no_crash(a);
        check_no_crash(b);
        INFO(a.describe());
        REQUIRE(a.exit_code == exit_ok);
        REQUIRE(b.exit_code == exit_ok);
        CHECK_THAT(a.out, Contains("seed 10,"));
        CHECK(read_bytes(padded) == read_bytes(plain));
        const CommandResult max = scratch.run(cat({"run", "--seed", "18446744073709551615", "-o", "max.h5"}, tiny_run));
        check_no_crash(max);
        CHECK(max.exit_code == exit_ok);
        CHECK_THAT(max.out, Contains("seed 18446744073709551615,"));
    }
    SECTION("another seed gives another file") {
        const fs::path other = scratch / "seed2.h5";
        const CommandResult r = scratch.run(cat({"run", "--seed", "2", "-o", other.string()}, args));
        check_no_crash(r);
        REQUIRE(r.exit_code == exit_ok);
        CHECK(read_bytes(other) != bytes);
    }
}

TEST_CASE("run: a variant with interventions lists them and records their hourly series", "[cli][interventions]") {
    Scratch scratch("run-interventions");
    const fs::path out = scratch / "lit.h5";
    const fs::path variant = fs::path(STREETWISE_SOURCE_DIR) / "scenarios" / "default-lit-night.yaml";
    // Six days: the patrol starts on day 4 (a start after the end of the run is an error).
    const CommandResult r =
        scratch.run(cat(cat({"run", variant.string(), "-o", out.string()}, tiny_run), {"--set", "time.days=6"}));
    check_no_crash(r);
    INFO(r.describe());
    REQUIRE(r.exit_code == exit_ok);
    CHECK_THAT(r.out, Contains("policy    street_lighting \"Lit footpaths, Central Park\": district \"Central Park\"; "
                               "19:00-07:00 from day 0; 20 lux\n"));
    CHECK_THAT(r.out, Contains("          foot_patrol \"Weekend night patrol, Old Quarter\": district \"Old Quarter\"; "
                               "20:00-02:00 on days 4-5; 6 units\n"));
    const streetwise::RunFileInfo info = streetwise::read_run_file_info(out);
    CHECK(std::find(info.timeseries_columns.begin(), info.timeseries_columns.end(), "patrol_units_on_duty") !=
          info.timeseries_columns.end());
    CHECK(std::find(info.timeseries_columns.begin(), info.timeseries_columns.end(), "lit_nodes_added") !=
          info.timeseries_columns.end());
}

TEST_CASE("an intervention target the city lacks names file, line and key, and writes nothing", "[cli][interventions]") {
    Scratch scratch("intervention-target");
    const fs::path base = fs::path(STREETWISE_SOURCE_DIR) / "scenarios" / "default.yaml";
    const fs::path bad = scratch.write("variant.yaml", "extends: " + base.string() +
                                                           "\ninterventions:\n  - kind: foot_patrol\n    units: 2\n"
                                                           "  - kind: street_lighting\n    district: Old Town\n    lux: 30\n");
    // The first item has no target: the loader finds that before the city is built.
    check_input_error(scratch.run({"validate", bad.string()}), {bad.string(), 3, "interventions[0]", {"no target"}});
    scratch.write("variant.yaml", "extends: " + base.string() +
                                      "\ninterventions:\n  - kind: foot_patrol\n    district: Docklands\n    units: 2\n"
                                      "  - kind: street_lighting\n    district: Old Town\n    lux: 30\n");
    const ExpectedError when_run{bad.string(), 6, "interventions[1].district", {"'Old Town'", "'Old Quarter'"}};
    check_run_fails_cleanly(scratch, cat({bad.string()}, tiny_run), when_run);
}

TEST_CASE("run: a tiny scenario on the Leeds sample map", "[cli]") {
    if (!fs::exists(leeds_map)) {
        WARN("skipped: " << leeds_map << " not found");
        return;
    }
    Scratch scratch("run-leeds");
    const fs::path out = scratch / "leeds.h5";
    const CommandResult r = scratch.run(cat(
        {"run", "-o", out.string(), "--set", "city.source=osm", "--set", "city.osm=" + leeds_map.string()}, tiny_run));
    check_no_crash(r);
    INFO(r.describe());
    CHECK(r.exit_code == exit_ok);
    CHECK_THAT(r.out, Contains("its-example-leeds"));
    CHECK(fs::is_regular_file(out));
    CHECK_FALSE(fs::exists(fs::path(out.string() + ".tmp")));
    CHECK(list_dir(scratch.cache_dir()).size() == 1);  // the import was cached in STREETWISE_CACHE_DIR
}

// ---------------------------------------------------------------------------------------------
// 12. Help, version and command-line errors
// ---------------------------------------------------------------------------------------------

TEST_CASE("help works for every subcommand (--help), --version prints the version", "[cli]") {
    Scratch scratch("help");
    const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> commands = {
        {{}, {"run", "validate", "city", "scenario", "--version"}},
        {{"run"}, {"SCENARIO", "--set", "--seed", "--output", "--threads", "--quiet"}},
        {{"validate"}, {"SCENARIO", "--set", "--print"}},
        {{"city"}, {"info", "import"}},
        {{"city", "info"}, {"SOURCE", "--set"}},
        {{"city", "import"}, {"MAP", "--cache-dir"}},
        {{"scenario"}, {"defaults", "reference"}},
        {{"scenario", "defaults"}, {"--help"}},
        {{"scenario", "reference"}, {"--help"}},
    };
    for (const auto& [command, options] : commands) {
        for (const char* flag : {"--help", "-h"}) {
            const CommandResult r = scratch.run(cat(command, {flag}));
            check_no_crash(r);
            INFO(r.describe());
            CHECK(r.exit_code == exit_ok);
            CHECK_THAT(r.out, Contains("Usage:"));
            for (const auto& option : options) CHECK_THAT(r.out, Contains(option));
        }
    }
    const CommandResult version = scratch.run({"--version"});
    check_no_crash(version);
    INFO(version.describe());
    CHECK(version.exit_code == exit_ok);
    CHECK_THAT(version.out, StartsWith(std::string("streetwise ") + STREETWISE_VERSION));
    CHECK(list_dir(scratch.path()).empty());
}

TEST_CASE("a bad command line exits with 1, says what is wrong and writes nothing", "[cli]") {
    Scratch scratch("usage");
    check_usage_error(scratch.run({}), "subcommand");
    check_usage_error(scratch.run({"frobnicate"}));
    check_usage_error(scratch.run({"city"}), "subcommand");
    check_usage_error(scratch.run({"scenario"}), "subcommand");
    check_usage_error(scratch.run({"city", "import"}), "MAP");
    check_usage_error(scratch.run({"run", "--bogus"}), "--bogus");
    check_usage_error(scratch.run({"run", "a.yaml", "b.yaml"}), "b.yaml");
    check_usage_error(scratch.run({"run", "--threads", "0"}), "--threads");
    check_usage_error(scratch.run({"run", "--threads", "many"}), "--threads");
    check_usage_error(scratch.run({"run", "--seed", "-1"}), "--seed");                    // not 2^64-1
    check_usage_error(scratch.run({"run", "--seed", "18446744073709551616"}), "--seed");  // not saturated to 2^64-1
    check_usage_error(scratch.run({"run", "--seed", "x"}), "--seed");
    check_usage_error(scratch.run({"run", "--seed", "1e3"}), "--seed");
    check_usage_error(scratch.run({"run", "--seed", ""}), "--seed");
    check_usage_error(scratch.run({"run", "-o"}), "-o");
    check_usage_error(scratch.run({"run", "--set"}), "--set");
    CHECK(list_tree(scratch.path()).empty());  // no run file, no cache, nothing
}

// ---------------------------------------------------------------------------------------------
// 13. validate on the shipped scenarios; defaults and --print round trips
// ---------------------------------------------------------------------------------------------

namespace {

// The shipped scenario files, and whether each one's map (if it names one) is present.
std::vector<std::pair<fs::path, bool>> shipped_scenarios() {
    std::vector<std::pair<fs::path, bool>> files;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(STREETWISE_SOURCE_DIR) / "scenarios")) {
        if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
        bool map_present = true;
        const YAML::Node root = YAML::LoadFile(entry.path().string());
        if (root["city"] && root["city"]["source"] && root["city"]["source"].as<std::string>() == "osm") {
            const fs::path map = root["city"]["osm"].as<std::string>();
            map_present = fs::exists(entry.path().parent_path() / map) || fs::exists(shared_osm_dir / map) ||
                          (map.is_absolute() && fs::exists(map));
        }
        files.emplace_back(entry.path(), map_present);
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("validate accepts every shipped scenario", "[cli]") {
    Scratch scratch("validate-shipped");
    const auto files = shipped_scenarios();
    REQUIRE(files.size() >= 3);
    std::vector<std::string> all = {"validate"};
    for (const auto& [file, map_present] : files) {
        if (!map_present) {
            WARN("not validated (its map is not here): " << file);
            continue;
        }
        const CommandResult r = scratch.run({"validate", file.string()});
        check_no_crash(r);
        INFO(r.describe());
        CHECK(r.exit_code == exit_ok);
        CHECK_THAT(r.out, Contains(file.string() + ": valid"));
        CHECK(r.err.empty());
        all.push_back(file.string());
    }
    const CommandResult together = scratch.run(all);
    check_no_crash(together);
    CHECK(together.exit_code == exit_ok);

    SECTION("one bad file among good ones: exit 2, the good ones still reported valid") {
        const fs::path bad = scratch.write("bad.yaml", "residents:\n  cuont: 1\n");
        const fs::path good = files.front().first;
        const CommandResult r = scratch.run({"validate", good.string(), bad.string()});
        check_input_error(r, {bad.string(), 2, "residents.cuont"});
        CHECK_THAT(r.out, Contains(good.string() + ": valid"));
    }
    SECTION("the built-in default scenario") {
        const CommandResult r = scratch.run({"validate"});
        check_no_crash(r);
        CHECK(r.exit_code == exit_ok);
        CHECK_THAT(r.out, Contains("valid"));
    }
}

TEST_CASE("scenario defaults and validate --print give scenarios that validate again", "[cli]") {
    Scratch scratch("round-trip");
    const CommandResult defaults = scratch.run({"scenario", "defaults"});
    check_no_crash(defaults);
    REQUIRE(defaults.exit_code == exit_ok);
    const fs::path defaults_file = scratch.write("defaults.yaml", defaults.out);
    const CommandResult again = scratch.run({"validate", defaults_file.string()});
    check_no_crash(again);
    INFO(again.describe());
    CHECK(again.exit_code == exit_ok);

    const fs::path b1 = fs::path(STREETWISE_SOURCE_DIR) / "scenarios" / "bench" / "b1-s.yaml";
    const CommandResult printed = scratch.run({"validate", "--print", b1.string(), "--set", "police.units=3"});
    check_no_crash(printed);
    REQUIRE(printed.exit_code == exit_ok);
    const std::string header = b1.string() + ": valid (scenario 'b1-s')\n";
    REQUIRE_THAT(printed.out, StartsWith(header));
    const std::string resolved = printed.out.substr(header.size());
    CHECK_THAT(resolved, Contains("units: 3"));
    const fs::path resolved_file = scratch.write("resolved.yaml", resolved);
    const CommandResult reprinted = scratch.run({"validate", "--print", resolved_file.string()});
    check_no_crash(reprinted);
    INFO(reprinted.describe());
    REQUIRE(reprinted.exit_code == exit_ok);
    const std::string reheader = resolved_file.string() + ": valid (scenario 'b1-s')\n";
    REQUIRE_THAT(reprinted.out, StartsWith(reheader));
    CHECK(reprinted.out.substr(reheader.size()) == resolved);

    const CommandResult reference = scratch.run({"scenario", "reference"});
    check_no_crash(reference);
    CHECK(reference.exit_code == exit_ok);
    CHECK_THAT(reference.out, StartsWith("# Scenario reference"));
}

// ---------------------------------------------------------------------------------------------
// 14. city info and city import
// ---------------------------------------------------------------------------------------------

namespace {

void check_city_info_output(const std::string& out) {
    static const std::regex intersections("intersections +[1-9][0-9,]*\n");
    static const std::regex segments("segments +[1-9][0-9,]*, ");
    CHECK(std::regex_search(out, intersections));
    CHECK(std::regex_search(out, segments));
    CHECK_THAT(out, Contains("fingerprint"));
}

std::string line_starting(const std::string& text, const std::string& start) {
    const auto at = text.find("\n" + start);
    if (at == std::string::npos) return text.rfind(start, 0) == 0 ? text.substr(0, text.find('\n')) : "";
    return text.substr(at + 1, text.find('\n', at + 1) - at - 1);
}

}  // namespace

TEST_CASE("city info describes the default city, a scenario's city and the Leeds sample", "[cli]") {
    Scratch scratch("city-info");
    SECTION("the built-in city") {
        const CommandResult r = scratch.run({"city", "info"});
        check_no_crash(r);
        INFO(r.describe());
        CHECK(r.exit_code == exit_ok);
        check_city_info_output(r.out);
        CHECK_THAT(r.out, Contains("synthetic"));
    }
    SECTION("a scenario's city, with --set") {
        const fs::path b1 = fs::path(STREETWISE_SOURCE_DIR) / "scenarios" / "bench" / "b1-s.yaml";
        const CommandResult r = scratch.run({"city", "info", b1.string(), "--set", "city.lattice.width=10"});
        check_no_crash(r);
        INFO(r.describe());
        CHECK(r.exit_code == exit_ok);
        check_city_info_output(r.out);
        CHECK_THAT(r.out, Contains("lattice 10 x 50"));
        CHECK_THAT(r.out, Contains("intersections 500\n"));
    }
    SECTION("the Leeds sample, imported once and then read from STREETWISE_CACHE_DIR") {
        if (!fs::exists(leeds_map)) {
            WARN("skipped: " << leeds_map << " not found");
            return;
        }
        const CommandResult first = scratch.run({"city", "info", leeds_map.string()});
        check_no_crash(first);
        INFO(first.describe());
        REQUIRE(first.exit_code == exit_ok);
        check_city_info_output(first.out);
        CHECK_THAT(first.out, Contains("its-example-leeds"));
        CHECK(list_dir(scratch.cache_dir()).size() == 1);
        const CommandResult second = scratch.run({"city", "info", leeds_map.string()});
        check_no_crash(second);
        REQUIRE(second.exit_code == exit_ok);
        CHECK_THAT(second.out, Contains("from cache"));
        CHECK(line_starting(second.out, "fingerprint") == line_starting(first.out, "fingerprint"));
        CHECK(line_starting(second.out, "intersections") == line_starting(first.out, "intersections"));
        CHECK(line_starting(second.out, "segments") == line_starting(first.out, "segments"));
    }
}

TEST_CASE("city import writes the cache file into --cache-dir", "[cli]") {
    if (!fs::exists(leeds_map)) {
        WARN("skipped: " << leeds_map << " not found");
        return;
    }
    Scratch scratch("city-import");
    const fs::path cache = scratch / "my" / "cache";  // created on demand
    const CommandResult r = scratch.run({"city", "import", leeds_map.string(), "--cache-dir", cache.string()});
    check_no_crash(r);
    INFO(r.describe());
    REQUIRE(r.exit_code == exit_ok);
    check_city_info_output(r.out);
    CHECK_THAT(r.out, Contains("cached in " + cache.string()));
    const auto files = list_dir(cache);
    REQUIRE(files.size() == 1);
    CHECK_THAT(*files.begin(), StartsWith("its-example-leeds-") && EndsWith(".city"));
    CHECK(fs::file_size(cache / *files.begin()) > 0);
    CHECK(list_tree(scratch.cache_dir()).empty());  // only where it was told

    SECTION("the imported city is the one city info then finds in that cache") {
        RunOptions options;
        options.env["STREETWISE_CACHE_DIR"] = cache.string();
        const CommandResult info = scratch.run({"city", "info", leeds_map.string()}, options);
        check_no_crash(info);
        REQUIRE(info.exit_code == exit_ok);
        CHECK_THAT(info.out, Contains("from cache"));
        CHECK(line_starting(info.out, "fingerprint") == line_starting(r.out, "fingerprint"));
    }
    SECTION("a --cache-dir that cannot be written is an error naming it") {
        const fs::path file = scratch.write("a-file", "not a folder\n");
        const std::string bad_cache = (file / "cache").string();
        const CommandResult bad = scratch.run({"city", "import", leeds_map.string(), "--cache-dir", bad_cache});
        check_input_error(bad, {bad_cache, 0, "--cache-dir"});
        CHECK(read_bytes(file) == "not a folder\n");
    }
}
