#include "sim/scenario/sweep_spec.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/core/input_error.hpp"
#include "sim/engine/replicates.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace streetwise {

namespace {

const std::vector<std::string>& known_keys() {
    static const std::vector<std::string> keys{"scenario", "set",        "design",   "samples",   "grid_levels",
                                               "morris_levels", "seed", "replicates", "first_seed", "parameters",
                                               "outcomes"};
    return keys;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

std::uint64_t fnv1a(std::uint64_t hash, std::string_view bytes) {
    for (const unsigned char c : bytes) {
        hash ^= c;
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

// Reads the spec's nodes with the file name and line in every message.
class SpecReader {
public:
    explicit SpecReader(std::string file) : file_(std::move(file)) {}

    [[noreturn]] void fail(const YAML::Node& node, const std::string& key, const std::string& problem,
                           const std::string& hint) const {
        const int line = node.IsDefined() && node.Mark().line >= 0 ? node.Mark().line + 1 : 0;
        throw InputError(file_, line, key, problem, hint);
    }

    template <class T>
    T scalar(const YAML::Node& node, const std::string& key, const std::string& expected) const {
        if (!node.IsScalar()) fail(node, key, "expected " + expected, "write a single value");
        try {
            return node.as<T>();
        } catch (const YAML::Exception&) {
            fail(node, key, "expected " + expected + ", found '" + node.Scalar() + "'", "fix the value");
        }
    }

    double number(const YAML::Node& node, const std::string& key) const {
        const auto value = scalar<double>(node, key, "a number");
        if (!std::isfinite(value)) fail(node, key, "expected a finite number", "fix the value");
        return value;
    }

    long long whole(const YAML::Node& node, const std::string& key, long long lowest, long long highest) const {
        const auto text = scalar<std::string>(node, key, "a whole number");
        long long value = 0;
        std::size_t used = 0;
        try {
            value = std::stoll(text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != text.size())
            fail(node, key, "expected a whole number, found '" + text + "'", "write digits only");
        if (value < lowest || value > highest)
            fail(node, key,
                 "expected a whole number from " + std::to_string(lowest) + " to " + std::to_string(highest) +
                     ", found " + text,
                 "choose a value in that range");
        return value;
    }

    const std::string& file() const { return file_; }

private:
    std::string file_;
};

SweepParameter read_parameter(const SpecReader& reader, const YAML::Node& node, std::size_t index) {
    const std::string where = "parameters[" + std::to_string(index) + "]";
    if (!node.IsMap())
        reader.fail(node, where, "expected a map with key and values, or key with min and max",
                    "write e.g. {key: offenders.count, min: 50, max: 300}");
    SweepParameter parameter;
    bool has_min = false, has_max = false;
    for (const auto& entry : node) {
        const auto name = entry.first.as<std::string>();
        const std::string key = where + "." + name;
        const YAML::Node& value = entry.second;
        if (name == "key") {
            parameter.key = reader.scalar<std::string>(value, key, "a scenario key");
        } else if (name == "values") {
            if (!value.IsSequence() || value.size() == 0)
                reader.fail(value, key, "expected a non-empty list of numbers", "write e.g. values: [0, 20, 40]");
            for (std::size_t i = 0; i < value.size(); ++i)
                parameter.values.push_back(reader.number(value[i], key + "[" + std::to_string(i) + "]"));
        } else if (name == "min") {
            parameter.min = reader.number(value, key);
            has_min = true;
        } else if (name == "max") {
            parameter.max = reader.number(value, key);
            has_max = true;
        } else if (name == "scale") {
            const auto scale = reader.scalar<std::string>(value, key, "linear or log");
            if (scale != "linear" && scale != "log")
                reader.fail(value, key, "expected linear or log, found '" + scale + "'",
                            "use log for rates spanning orders of magnitude, else linear");
            parameter.log_scale = scale == "log";
        } else if (name == "integer") {
            parameter.integer = reader.scalar<bool>(value, key, "true or false");
        } else {
            reader.fail(entry.first, key, "unknown parameter key '" + name + "'",
                        "use key, values, min, max, scale or integer");
        }
    }
    if (parameter.key.empty()) reader.fail(node, where + ".key", "missing key", "name the scenario key to vary");
    if (!parameter.values.empty() && (has_min || has_max))
        reader.fail(node, where, "both values and min/max given", "give either a list of values or a range");
    if (parameter.values.empty()) {
        if (!has_min || !has_max)
            reader.fail(node, where, "no values and no complete range (min and max)",
                        "add values: [...] or both min: and max:");
        if (!(parameter.min < parameter.max))
            reader.fail(node, where + ".max", "max must be larger than min", "swap or fix them");
        if (parameter.log_scale && parameter.min <= 0)
            reader.fail(node, where + ".min", "a log scale needs min > 0", "raise min or use scale: linear");
    } else if (parameter.log_scale) {
        reader.fail(node, where + ".scale", "scale applies to ranges, not to a list of values",
                    "remove scale or give min and max");
    }
    return parameter;
}

std::string format_number(double value) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

std::string read_file_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw InputError(file.string(), 0, "", "cannot open the sweep spec", "check the path and permissions");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

ScenarioSpec load_base(const SweepSpec& spec, const std::vector<std::string>& overrides) {
    if (spec.scenario_path.empty())
        return load_scenario_text(default_scenario_yaml(), "built-in default scenario", overrides,
                                  default_search_paths());
    return load_scenario(spec.scenario_path, overrides, default_search_paths());
}

}  // namespace

std::string sweep_override(const SweepParameter& parameter, double value) {
    if (parameter.integer) return parameter.key + "=" + std::to_string(std::llround(value));
    return parameter.key + "=" + format_number(value);
}

ScenarioSpec sweep_point_scenario(const SweepSpec& spec, const std::vector<double>& point_values) {
    // From the base scenario's resolved text, read once when the spec was loaded: every run of the
    // sweep (and every MPI rank) starts from the same scenario even if its file is edited meanwhile,
    // and no run re-reads the extends: chain. The display name keeps relative paths (city.osm)
    // resolving from the scenario's own folder.
    std::vector<std::string> overrides;
    for (std::size_t j = 0; j < spec.parameters.size(); ++j)
        overrides.push_back(sweep_override(spec.parameters[j], point_values[j]));
    const std::string display = spec.scenario_path.empty() ? "built-in default scenario" : spec.scenario_path;
    return load_scenario_text(spec.base.resolved_yaml, display, overrides, default_search_paths());
}

SweepSpec load_sweep_spec(const std::filesystem::path& file) {
    const std::string text = read_file_text(file);
    SpecReader reader(file.string());
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        throw InputError(file.string(), e.mark.line + 1, "", "not valid YAML: " + e.msg,
                         "fix the syntax at that line");
    }
    if (!root.IsMap())
        throw InputError(file.string(), 1, "", "expected a map of sweep settings",
                         "start from the example in docs/researcher-guide.md");

    SweepSpec spec;
    spec.source_path = file.string();
    for (const auto& entry : root) {
        const auto name = entry.first.as<std::string>();
        if (std::find(known_keys().begin(), known_keys().end(), name) == known_keys().end())
            reader.fail(entry.first, name, "unknown sweep key '" + name + "'", "use one of: " + join(known_keys()));
    }

    if (const auto node = root["scenario"]) {
        const auto path = reader.scalar<std::string>(node, "scenario", "a scenario file path");
        std::filesystem::path scenario = path;
        if (scenario.is_relative()) scenario = file.parent_path() / scenario;
        if (!std::filesystem::is_regular_file(scenario))
            reader.fail(node, "scenario", "no scenario file at " + scenario.string(),
                        "give a path relative to the sweep spec, or leave scenario out for the built-in default");
        spec.scenario_path = scenario.lexically_normal().string();
    }
    if (const auto node = root["set"]) {
        if (!node.IsMap()) reader.fail(node, "set", "expected a map of scenario keys to values", "write e.g. set: {time.days: 1}");
        for (const auto& entry : node) {
            const auto key = entry.first.as<std::string>();
            if (!entry.second.IsScalar())
                reader.fail(entry.second, "set." + key, "expected a single value", "write key: value");
            spec.fixed_overrides.push_back(key + "=" + entry.second.Scalar());
        }
    }
    const auto design_node = root["design"];
    if (!design_node) reader.fail(root, "design", "missing design", "add design: grid, latin_hypercube, morris or sobol");
    const auto design_text = reader.scalar<std::string>(design_node, "design", "a design name");
    const auto kind = design_from_name(design_text);
    if (!kind)
        reader.fail(design_node, "design", "unknown design '" + design_text + "'",
                    "use grid, latin_hypercube, morris or sobol");
    spec.design.kind = *kind;
    if (const auto node = root["samples"])
        spec.design.samples = static_cast<std::size_t>(reader.whole(node, "samples", 1, 1'000'000));
    else if (*kind != DesignKind::grid)
        reader.fail(root, "samples", "the " + design_text + " design needs samples",
                    "add samples: (Latin hypercube points, Morris trajectories or Sobol base sample size)");
    if (const auto node = root["grid_levels"])
        spec.design.grid_levels = static_cast<int>(reader.whole(node, "grid_levels", 2, 1000));
    if (const auto node = root["morris_levels"]) {
        spec.design.morris_levels = static_cast<int>(reader.whole(node, "morris_levels", 2, 1000));
        if (spec.design.morris_levels % 2 != 0)
            reader.fail(node, "morris_levels", "expected an even number of levels",
                        "use 4, 6 or 8 (an even p makes every jump of p/(2(p-1)) land on the grid)");
    }
    if (const auto node = root["seed"])
        spec.design.seed = static_cast<std::uint64_t>(reader.whole(node, "seed", 0, INT64_MAX));
    if (const auto node = root["replicates"]) spec.replicates = static_cast<int>(reader.whole(node, "replicates", 1, 100'000));
    if (const auto node = root["first_seed"])
        spec.first_seed = static_cast<std::uint64_t>(reader.whole(node, "first_seed", 0, INT64_MAX));

    const auto parameters = root["parameters"];
    if (!parameters || !parameters.IsSequence() || parameters.size() == 0)
        reader.fail(parameters ? parameters : root, "parameters", "expected a non-empty list of parameters",
                    "add parameters: with one entry per scenario key to vary");
    std::set<std::string> seen;
    std::vector<int> parameter_lines;
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        spec.parameters.push_back(read_parameter(reader, parameters[i], i));
        parameter_lines.push_back(parameters[i].Mark().line + 1);
        const std::string& key = spec.parameters.back().key;
        const std::string where = "parameters[" + std::to_string(i) + "].key";
        if (!seen.insert(key).second) reader.fail(parameters[i], where, "'" + key + "' is varied twice", "list each key once");
        if (key == "seed")
            reader.fail(parameters[i], where, "the seed cannot be a parameter",
                        "seeds come from first_seed and replicates (common random numbers across points)");
        // The city is built once per sweep; these keys would change it (for model: short2008 the
        // lattice's size is its city).
        if (key.rfind("city.", 0) == 0 || key == "short2008.width" || key == "short2008.height")
            reader.fail(parameters[i], where, "'" + key + "' cannot be swept: it changes the city, which is built once per sweep",
                        "run one sweep per city, each with its own set: for the city");
        const auto keys = scenario_keys();
        if (std::find(keys.begin(), keys.end(), key) == keys.end())
            reader.fail(parameters[i], where, "'" + key + "' is not a scenario key",
                        "see docs/scenario-reference.md for the keys (dotted, e.g. offenders.count)");
    }
    if (spec.design.kind == DesignKind::morris || spec.design.kind == DesignKind::sobol)
        for (std::size_t i = 0; i < spec.parameters.size(); ++i)
            if (!spec.parameters[i].values.empty())
                throw InputError(file.string(), parameter_lines[i], "parameters[" + std::to_string(i) + "]",
                                 "the " + design_text + " design needs a range (min and max) for every parameter",
                                 "give min and max instead of values");

    const auto all_outcomes = outcome_names();
    if (const auto node = root["outcomes"]) {
        if (!node.IsSequence() || node.size() == 0)
            reader.fail(node, "outcomes", "expected a non-empty list of outcome names", "or leave outcomes out for all");
        std::set<std::string> wanted;
        for (std::size_t i = 0; i < node.size(); ++i) {
            const auto name = reader.scalar<std::string>(node[i], "outcomes", "an outcome name");
            if (std::find(all_outcomes.begin(), all_outcomes.end(), name) == all_outcomes.end())
                reader.fail(node[i], "outcomes", "unknown outcome '" + name + "'", "use some of: " + join(all_outcomes));
            wanted.insert(name);
        }
        for (const auto& name : all_outcomes)
            if (wanted.count(name)) spec.outcomes.push_back(name);
    } else {
        spec.outcomes = all_outcomes;
    }

    std::size_t points = 0;
    try {
        points = design_size(spec.parameters, spec.design);
    } catch (const std::invalid_argument& e) {
        reader.fail(design_node, "design", e.what(), "adjust the design or the parameters");
    }
    if (points == 0 || points > max_sweep_runs / static_cast<std::size_t>(spec.replicates))
        reader.fail(design_node, "design",
                    "the design gives " + std::to_string(points) + " points x " + std::to_string(spec.replicates) +
                        " replicates; at most " + std::to_string(max_sweep_runs) + " runs are allowed",
                    "lower samples, grid_levels or replicates");

    // The base scenario with the fixed overrides, then each parameter at its extremes: a key the
    // loader refuses, or a value out of its range, is reported now rather than after hours of runs.
    try {
        spec.base = load_base(spec, spec.fixed_overrides);
    } catch (const InputError& e) {
        reader.fail(root["set"] ? root["set"] : root, "set",
                    "the scenario with these fixed overrides is refused: " + std::string(e.what()),
                    "fix the scenario or the set: entries");
    }
    for (std::size_t i = 0; i < spec.parameters.size(); ++i) {
        const SweepParameter& parameter = spec.parameters[i];
        std::vector<double> probes = parameter.values;
        if (probes.empty()) probes = {parameter.min, parameter.max};
        for (const double value : probes) {
            std::vector<std::string> overrides = spec.fixed_overrides;
            overrides.push_back(sweep_override(parameter, value));
            try {
                load_base(spec, overrides);
            } catch (const InputError& e) {
                throw InputError(file.string(), parameter_lines[i], "parameters[" + std::to_string(i) + "]",
                                 "the scenario refuses " + parameter.key + " = " + format_number(value) + ": " +
                                     e.problem(),
                                 "keep the parameter's values within the range in docs/scenario-reference.md");
            }
        }
    }

    std::uint64_t hash = fnv1a(0xcbf29ce484222325ULL, text);
    hash = fnv1a(hash, spec.base.resolved_yaml);
    spec.fingerprint = hash;
    return spec;
}

}  // namespace streetwise
