#pragma once
// Scenario loader: YAML file (+ `extends:` bases + `--set key=value` overrides) -> validated ScenarioSpec.
// Every key, its type, default, unit, range and meaning live in one table in scenario_loader.cpp;
// that table drives parsing, validation, the resolved YAML and docs/scenario-reference.md.
// Every problem with the user's input is reported as an InputError naming file, line and key.
#include "sim/scenario/scenario_spec.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace streetwise {

// Folders searched for `city.osm` after the scenario file's own folder.
struct ScenarioSearchPaths {
    std::vector<std::filesystem::path> map_dirs;
};

// $STREETWISE_MAP_PATH entries (colon-separated, in order), then the shared OSM data folder
// (<source>/../shared/data/osm) and <source>/scenarios/maps.
ScenarioSearchPaths default_search_paths();

// Loads, merges (extends), overrides (--set, each "dotted.key=value", value read as YAML) and
// validates a scenario. Throws InputError for anything wrong in the user's input.
ScenarioSpec load_scenario(const std::filesystem::path& file, const std::vector<std::string>& overrides = {},
                           const ScenarioSearchPaths& search_paths = {});

// The same from text in memory (tests, built-in scenarios). display_name is used in messages and,
// through its parent folder, to resolve relative `extends:` and `city.osm` paths.
ScenarioSpec load_scenario_text(std::string_view yaml, std::string_view display_name,
                                const std::vector<std::string>& overrides = {},
                                const ScenarioSearchPaths& search_paths = {});

// Checks a spec built in code against the same ranges and cross-key rules the loader applies
// (without map search). Throws InputError naming spec.source_path (or "scenario") and the key.
void validate_scenario(const ScenarioSpec& spec);

// Every key with its value, in table order, as YAML: deterministic bytes, and loading it again
// gives the same spec. This is what the loader stores in spec.resolved_yaml.
std::string resolved_scenario_yaml(const ScenarioSpec& spec);

// The `interventions:` key with its list as YAML block text ("interventions: []" when empty), exactly
// as resolved_scenario_yaml writes it: every field of each item's kind. Appended to a scenario file
// (e.g. after `extends: base.yaml`), load_scenario reads the same list back. The visualiser writes
// variant scenarios with it.
std::string interventions_yaml(const std::vector<InterventionSpec>& interventions);

// A commented scenario with every key at its default: a starting point for a new scenario.
std::string default_scenario_yaml();

// The text of docs/scenario-reference.md (a test keeps the committed file equal to it).
std::string scenario_reference_markdown();

// Every valid dotted key, in table order (for shell completion and --help).
std::vector<std::string> scenario_keys();

// Where a `city.osm` value points: an absolute path as is; otherwise scenario_dir/osm_path, then
// each search folder in order. `tried` lists every candidate looked at (absolute), for messages.
struct MapSearch {
    std::optional<std::filesystem::path> found;  // absolute, normalised
    std::vector<std::filesystem::path> tried;
};
MapSearch find_map_file(std::string_view osm_path, const std::filesystem::path& scenario_dir,
                        const ScenarioSearchPaths& search_paths);

}  // namespace streetwise
