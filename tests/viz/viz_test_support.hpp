#pragma once
// Small scenarios for the visualiser's tests: the built-in city with fewer people and a higher
// offence rate, so a day has plenty of crimes and runs in well under a second.
#include <string>
#include <vector>

#include "sim/scenario/scenario_loader.hpp"

namespace streetwise::test {

inline ScenarioSpec small_viz_spec(std::vector<std::string> extra = {}) {
    std::vector<std::string> overrides{"residents.count=3000", "time.days=1", "offenders.count=60",
                                       "offenders.base_probability=0.01",
                                       "offenders.rest_after_offence_h=0", "name=viz-test"};
    overrides.insert(overrides.end(), extra.begin(), extra.end());
    return load_scenario_text(default_scenario_yaml(), "viz test scenario", overrides);
}

}  // namespace streetwise::test
