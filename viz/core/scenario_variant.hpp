#pragma once
// ScenarioVariant: edits a workshop makes to a scenario (changed parameters, interventions),
// kept as a difference from the scenario it started from, so it can be saved as a small variant
// file that `extends:` the original, shared, and rerun with the command-line tool.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/double_quoted.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise::viz {

struct ScenarioVariant {
    std::filesystem::path base_file;  // the scenario edited; empty: the built-in default scenario
    std::string name;                 // the variant's name; empty: "<base name>-variant"
    std::string description;
    // Dotted scenario key -> value as YAML text ("2e-4", "true", "[1, 2]"), as `--set` takes them.
    std::map<std::string, std::string> overrides;
    // The interventions the variant runs with; nullopt: the base's, unchanged. A list replaces
    // the base's list (that is how `extends:` treats lists).
    std::optional<std::vector<InterventionSpec>> interventions;

    bool empty() const { return overrides.empty() && !interventions && name.empty() && description.empty(); }
};

// `text` as a YAML double-quoted scalar: any name or path is safe in it.


// The variant as a scenario file to be saved at `variant_file`: `extends:` the base by a path
// relative to the variant's folder, then the changed keys as nested YAML. A variant of the
// built-in scenario, which has no file to extend, is written out whole (every key resolved).
// Throws InputError when an override is not valid for the base.
std::string variant_yaml(const ScenarioVariant& variant, const std::filesystem::path& variant_file);

// Loads the variant as if it were saved at `variant_file` (which need not exist): what "restart
// with edits" runs. Throws InputError (file, line, key) for any invalid edit.
ScenarioSpec load_variant(const ScenarioVariant& variant, const std::filesystem::path& variant_file);

// Validates the variant (by loading it) and writes it atomically; on any error nothing is
// written and an existing file is left as it was. Throws InputError.
void save_variant(const ScenarioVariant& variant, const std::filesystem::path& variant_file);

}  // namespace streetwise::viz
