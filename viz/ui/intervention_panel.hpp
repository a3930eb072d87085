#pragma once
// InterventionPanel: the workshop palette. Pick a ready-made intervention, aim it at a district
// or at streets picked on the map, give it a time window, and add it to the scenario variant;
// then restart to see its effect, or save the variant for others to rerun.
#include <string>

#include "sim/scenario/intervention_spec.hpp"

namespace streetwise::viz {

class VizApp;

// A ready-made intervention: what it is called in the palette, what it does, and its defaults.
struct InterventionTemplate {
    const char* title;
    const char* explanation;
    InterventionSpec defaults;
};

class InterventionPanel {
public:
    void show(VizApp& app);

private:
    void show_palette(VizApp& app);
    void show_list(VizApp& app);

    int template_index_ = 0;
    InterventionSpec draft_;
    bool draft_ready_ = false;
    int district_index_ = 0;
};

}  // namespace streetwise::viz
