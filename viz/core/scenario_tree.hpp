#pragma once
// The resolved scenario as a tree for the scenario panel, read from the resolved YAML that the
// loader writes (two-space indentation, one key per line, lists as "- " items).
#include <string>
#include <string_view>
#include <vector>

namespace streetwise::viz {

struct ScenarioTreeNode {
    std::string key;    // "base_probability", or "[0]" for a list item
    std::string path;   // dotted key from the root: "offenders.base_probability"
    std::string value;  // the scalar as written; empty for a section
    std::vector<ScenarioTreeNode> children;
    bool is_section() const { return !children.empty() || value.empty(); }
};

// Parses the loader's resolved YAML. Comments and blank lines are skipped. Not a general YAML
// parser: it reads exactly what resolved_scenario_yaml() writes.
std::vector<ScenarioTreeNode> parse_scenario_tree(std::string_view resolved_yaml);

}  // namespace streetwise::viz
