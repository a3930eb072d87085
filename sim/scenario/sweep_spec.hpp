#pragma once
// A sweep spec: the YAML file a researcher writes to run one scenario over many parameter values.
// It names the scenario, the keys to vary (each with a list of values or a range), the design that
// picks the points (full grid, Latin hypercube, Morris screening, Sobol), how many replicates each
// point gets and the outcomes to keep. Layout and every key: docs/researcher-guide.md.
//
//   scenario: ../scenarios/monaco/baseline.yaml   # relative to this file; absent: built-in default
//   set: {time.days: 1}                           # fixed overrides for every run
//   design: morris                                # grid | latin_hypercube | morris | sobol
//   samples: 20                                   # LHS points, Morris trajectories, Sobol base size
//   replicates: 2                                 # runs per point, seeds first_seed, first_seed + 1, ...
//   parameters:
//     - {key: offenders.count, min: 50, max: 300, integer: true}
//     - {key: crime.robbery.rate, min: 0.02, max: 0.2, scale: log}
//     - {key: police.count, values: [0, 20, 40]}
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "analysis/sweep_design.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

struct SweepSpec {
    std::string source_path;          // the spec file as given
    std::string scenario_path;        // resolved against the spec's folder; "" = built-in default scenario
    std::vector<std::string> fixed_overrides;  // "key=value", from `set:`, applied before the parameters
    std::vector<SweepParameter> parameters;
    DesignOptions design;             // kind, samples, levels and the design's own seed
    int replicates = 1;
    std::uint64_t first_seed = 1;     // replicate k of every point runs with seed first_seed + k
    std::vector<std::string> outcomes;  // kept outcomes, in outcome_names() order; all by default
    // FNV-1a 64 over the spec text and the resolved base scenario: a resumed sweep must match it.
    std::uint64_t fingerprint = 0;
    ScenarioSpec base;                // the scenario with the fixed overrides, before any parameter
};

// Reads and validates a sweep spec: every key known, every parameter a scenario key whose lowest and
// highest values the scenario loader accepts (checked here, before any run), a design that fits the
// parameters (a grid needs values or grid_levels; Morris needs ranges...), at most max_sweep_runs
// runs. Throws InputError naming the file, line, key, what was expected and what to do.
SweepSpec load_sweep_spec(const std::filesystem::path& file);

inline constexpr std::size_t max_sweep_runs = 10'000'000;

// The --set style override that gives `parameter` its value (integers without a decimal point, other
// numbers with the 17 significant digits that read back to the same double).
std::string sweep_override(const SweepParameter& parameter, double value);

// The scenario of one design point (seed not yet set): the base scenario as resolved when the spec
// was loaded (fixed overrides applied) with the point's parameter values on top.
ScenarioSpec sweep_point_scenario(const SweepSpec& spec, const std::vector<double>& point_values);

}  // namespace streetwise
