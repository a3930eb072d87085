// Fuzz target for the scenario reader (load_scenario_text): YAML parsing, every key's type and
// range checks, the cross-key rules, `extends:` chains and `--set` overrides.
//
// Input: the scenario YAML. Leading lines "#--set KEY=VALUE" (YAML comments, so seeds stay valid
// scenarios) are also passed as --set overrides. The scenario is named scratch/fuzz.yaml, so
// relative `extends:` and `city.osm` paths resolve in the target's scratch folder, which holds
// base.yaml (a valid scenario) and map.osm (a tiny valid extract) for them to find.
//
// Expected outcomes: a ScenarioSpec, or an InputError with file, problem and hint. Anything else
// escaping (yaml-cpp exceptions, std::out_of_range, ...) or a sanitizer report is a finding. A
// loaded spec must also survive its own round trip: its resolved YAML loads again and resolves to
// the same bytes (scenario_loader.hpp promises exactly that).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/input_error.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using namespace streetwise;

const std::string& scenario_name() {
    static const std::string name = [] {
        const auto& dir = fuzz::scratch_dir();
        fuzz::write_file(dir / "base.yaml", "name: base\nseed: 7\ntime:\n  days: 1\nresidents:\n  count: 500\n");
        fuzz::write_file(dir / "map.osm",
                         "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\">\n"
                         " <node id=\"1\" lat=\"43.7300\" lon=\"7.4200\"/>\n"
                         " <node id=\"2\" lat=\"43.7310\" lon=\"7.4210\"/>\n"
                         " <way id=\"10\"><nd ref=\"1\"/><nd ref=\"2\"/><tag k=\"highway\" v=\"residential\"/></way>\n"
                         "</osm>\n");
        return (dir / "fuzz.yaml").string();
    }();
    return name;
}

// Paths into the kernel's pseudo-files could block (/dev/stdin) or never end; the reader's
// handling of them is the operating system's business, not something to fuzz.
bool names_pseudo_files(std::string_view text) {
    for (const std::string_view prefix : {"/dev", "/proc", "/sys"})
        if (text.find(prefix) != std::string_view::npos) return true;
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (names_pseudo_files(text)) return -1;
    std::vector<std::string> overrides;
    constexpr std::string_view set_prefix = "#--set ";
    while (text.starts_with(set_prefix)) {
        const std::size_t end = text.find('\n');
        overrides.emplace_back(text.substr(set_prefix.size(), end == std::string_view::npos ? text.npos
                                                                                            : end - set_prefix.size()));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    }
    const std::string& name = scenario_name();
    ScenarioSpec spec;
    try {
        spec = load_scenario_text(text, name, overrides);
    } catch (const InputError& error) {
        fuzz::check_input_error(error);
        return 0;
    }
    std::string again;
    try {
        again = load_scenario_text(spec.resolved_yaml, name).resolved_yaml;
    } catch (const InputError& error) {
        std::fprintf(stderr, "streetwise fuzz: the resolved scenario does not load again: %s\n--- resolved:\n%s\n",
                     error.what(), spec.resolved_yaml.c_str());
        std::abort();
    }
    if (again != spec.resolved_yaml) {
        std::fprintf(stderr, "streetwise fuzz: the resolved scenario resolves differently when loaded again\n"
                             "--- first:\n%s\n--- second:\n%s\n", spec.resolved_yaml.c_str(), again.c_str());
        std::abort();
    }
    return 0;
}
