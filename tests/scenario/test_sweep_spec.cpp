// Sweep specs: what a valid spec reads as (paths relative to the spec, fixed overrides, outcomes in
// the standard order, a fingerprint that changes with the spec and with its scenario), parameter
// values written so the scenario reads back the same double, and errors that name the line.
#include <catch2/catch.hpp>

#include "sim/core/input_error.hpp"
#include "sim/engine/replicates.hpp"
#include "sim/scenario/sweep_spec.hpp"
#include "test_support.hpp"

using namespace streetwise;
using streetwise::test::ScratchDir;
using streetwise::test::write_bytes;
using Catch::Matchers::Contains;

TEST_CASE("sweep spec: a valid spec, read as written", "[scenario][sweep-spec]") {
    ScratchDir dir("sweep-spec");
    write_bytes(dir.path() / "scenarios" / "small.yaml", "name: small\nresidents: {count: 2000}\n");
    write_bytes(dir.path() / "specs" / "s.yaml",
                "scenario: ../scenarios/small.yaml\n"
                "set: {time.days: 2}\n"
                "design: latin_hypercube\nsamples: 8\nseed: 3\nreplicates: 4\nfirst_seed: 100\n"
                "outcomes: [robbery, all crime]\n"
                "parameters:\n"
                "  - {key: offenders.count, min: 10, max: 90, integer: true}\n"
                "  - {key: crime.robbery.rate, min: 0.01, max: 1, scale: log}\n");
    const SweepSpec spec = load_sweep_spec(dir.path() / "specs" / "s.yaml");
    CHECK(spec.scenario_path == (dir.path() / "scenarios" / "small.yaml").lexically_normal().string());
    CHECK(spec.base.name == "small");
    CHECK(spec.base.residents.count == 2000);
    CHECK(spec.base.time.days == 2);
    CHECK(spec.design.kind == DesignKind::latin_hypercube);
    CHECK(spec.design.samples == 8);
    CHECK(spec.design.seed == 3);
    CHECK(spec.replicates == 4);
    CHECK(spec.first_seed == 100);
    CHECK(spec.outcomes == std::vector<std::string>{"all crime", "robbery"});  // standard order, not the spec's
    REQUIRE(spec.parameters.size() == 2);
    CHECK(spec.parameters[0].integer);
    CHECK(spec.parameters[1].log_scale);

    // A point's scenario: fixed overrides, then the parameters, read back to the same values.
    const ScenarioSpec point = sweep_point_scenario(spec, {41.6, 0.1 + 0.2});
    CHECK(point.offenders.count == 42);
    CHECK(point.time.days == 2);
    CHECK(sweep_override(spec.parameters[1], 0.1 + 0.2) == "crime.robbery.rate=0.30000000000000004");

    // The fingerprint follows the spec's text and its scenario's content.
    const auto first = spec.fingerprint;
    write_bytes(dir.path() / "scenarios" / "small.yaml", "name: small\nresidents: {count: 2001}\n");
    CHECK(load_sweep_spec(dir.path() / "specs" / "s.yaml").fingerprint != first);
}

TEST_CASE("sweep spec: errors name the file, the line and the key", "[scenario][sweep-spec]") {
    ScratchDir dir("sweep-spec-errors");
    const auto file = dir.path() / "bad.yaml";
    auto error_of = [&](const std::string& text) -> std::string {
        write_bytes(file, text);
        try {
            load_sweep_spec(file);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return "no error";
    };
    CHECK_THAT(error_of("design: grid\nparameters:\n  - {key: offenders.count, values: [1]}\n  - {key: offenders.count, values: [2]}\n"),
               Contains("bad.yaml:4") && Contains("varied twice"));
    CHECK_THAT(error_of("design: grid\nreplicates: 0\nparameters:\n  - {key: offenders.count, values: [1]}\n"),
               Contains("bad.yaml:2") && Contains("replicates"));
    CHECK_THAT(error_of("design: fractional\nparameters:\n  - {key: offenders.count, values: [1]}\n"),
               Contains("bad.yaml:1") && Contains("unknown design"));
    CHECK_THAT(error_of("design: grid\nparameters:\n  - {key: seed, values: [1, 2]}\n"), Contains("common random numbers"));
    CHECK_THAT(error_of("design: grid\nparameters:\n  - {key: offenders.count, values: [1], min: 0, max: 3}\n"),
               Contains("both values and min/max"));
    CHECK_THAT(error_of("design: grid\nparameters:\n  - {key: crime.robbery.rate, min: 0, max: 1, scale: log}\n"),
               Contains("log scale needs min > 0"));
    CHECK_THAT(error_of("design: grid\noutcomes: [murder]\nparameters:\n  - {key: offenders.count, values: [1]}\n"),
               Contains("bad.yaml:2") && Contains("unknown outcome 'murder'"));
    CHECK_THAT(error_of("design: morris\nsamples: 2\nmorris_levels: 5\nparameters:\n  - {key: offenders.count, min: 1, max: 9}\n"),
               Contains("bad.yaml:3") && Contains("even"));
    CHECK_THAT(error_of("scenario: nowhere.yaml\ndesign: grid\nparameters:\n  - {key: offenders.count, values: [1]}\n"),
               Contains("bad.yaml:1") && Contains("no scenario file"));
    CHECK_THAT(error_of("design: grid\nset: {residents.count: -4}\nparameters:\n  - {key: offenders.count, values: [1]}\n"),
               Contains("bad.yaml:2") && Contains("residents.count"));
    CHECK_THAT(error_of("design: grid\ngrid_levels: 1000\nparameters:\n"
                        "  - {key: offenders.count, min: 1, max: 900}\n  - {key: police.units, min: 1, max: 900}\n"
                        "  - {key: offenders.stay_min, min: 1, max: 900}\n"),
               Contains("bad.yaml:1") && Contains("10000000"));
    CHECK_THAT(error_of("- just\n- a list\n"), Contains("expected a map"));
}
