#include "viz/core/scenario_variant.hpp"

#include <sstream>
#include <vector>

#include "sim/core/atomic_file.hpp"
#include "sim/core/input_error.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace streetwise::viz {

namespace fs = std::filesystem;

namespace {

// Nested YAML for dotted keys: {"a.b": "1", "a.c": "2", "d": "3"} -> "a:\n  b: 1\n  c: 2\nd: 3\n".
// std::map orders keys so that keys sharing a prefix are adjacent.
std::string nested_yaml(const std::map<std::string, std::string>& entries) {
    std::string out;
    std::vector<std::string> open;  // path components of the mapping being written
    for (const auto& [key, value] : entries) {
        std::vector<std::string> parts;
        std::stringstream stream(key);
        for (std::string part; std::getline(stream, part, '.');) parts.push_back(part);
        std::size_t common = 0;
        while (common < open.size() && common + 1 < parts.size() && open[common] == parts[common]) ++common;
        open.resize(common);
        for (std::size_t i = common; i + 1 < parts.size(); ++i) {
            out += std::string(2 * i, ' ') + parts[i] + ":\n";
            open.push_back(parts[i]);
        }
        out += std::string(2 * (parts.size() - 1), ' ') + parts.back() + ": " + value + "\n";
    }
    return out;
}

std::string built_in_name() { return "built-in default scenario"; }

}  // namespace

std::string variant_yaml(const ScenarioVariant& variant, const fs::path& variant_file) {
    std::string out = "# Scenario variant written by streetwise-viz.\n";
    std::map<std::string, std::string> entries = variant.overrides;
    if (!variant.name.empty()) entries["name"] = double_quoted(variant.name);
    if (!variant.description.empty()) entries["description"] = double_quoted(variant.description);

    if (variant.base_file.empty()) {
        // No file to extend: the whole scenario, resolved, with the edits applied by the loader.
        std::vector<std::string> set_arguments;
        for (const auto& [key, value] : entries) set_arguments.push_back(key + "=" + value);
        const ScenarioSpec spec =
            load_scenario_text(default_scenario_yaml(), built_in_name(), set_arguments, default_search_paths());
        out += "# Based on the built-in default scenario; every key is written out.\n";
        out += resolved_scenario_yaml(spec);
    } else {
        const fs::path base = fs::absolute(variant.base_file).lexically_normal();
        const fs::path folder = fs::absolute(variant_file).parent_path();
        fs::path relative = base.lexically_relative(folder);
        if (relative.empty()) relative = base;
        out += "extends: " + double_quoted(relative.generic_string()) + "\n";
        out += nested_yaml(entries);
    }
    if (variant.interventions) out += interventions_yaml(*variant.interventions);
    return out;
}

ScenarioSpec load_variant(const ScenarioVariant& variant, const fs::path& variant_file) {
    const std::string text = variant_yaml(variant, variant_file);
    return load_scenario_text(text, fs::absolute(variant_file).string(), {}, default_search_paths());
}

void save_variant(const ScenarioVariant& variant, const fs::path& variant_file) {
    const std::string text = variant_yaml(variant, variant_file);
    load_scenario_text(text, fs::absolute(variant_file).string(), {}, default_search_paths());  // throws if invalid
    write_file_atomically(variant_file, text);
}

}  // namespace streetwise::viz
