#pragma once
// ScenarioPanel: the resolved scenario as a tree; edits to any key (applied by restarting),
// live edits of the keys the engine can change mid-run, saving the edits as a variant file,
// and creating a new scenario from an OpenStreetMap extract.
#include <string>
#include <vector>

#include "viz/core/scenario_tree.hpp"

namespace streetwise::viz {

class VizApp;

class ScenarioPanel {
public:
    void show(VizApp& app);
    void show_popups(VizApp& app);
    void begin_new_from_osm(VizApp& app);

private:
    void show_live_edits(VizApp& app);
    void show_tree(VizApp& app);
    void show_variant_actions(VizApp& app);
    // The open scenario's tree, parsed again only when its text changes.
    const std::vector<ScenarioTreeNode>& tree_of(const std::string& resolved_yaml);

    std::string tree_yaml_;
    std::vector<ScenarioTreeNode> tree_;

    std::string editing_key_;
    std::string editing_value_;
    bool open_edit_popup_ = false;
    bool open_osm_popup_ = false;
    std::string osm_path_;
    std::string osm_name_ = "my-city";
    int osm_residents_ = 20000;
    int osm_offenders_ = 150;
    int osm_police_ = 20;
    std::string osm_save_path_ = "scenarios/my-city.yaml";
    std::string live_message_;
};

}  // namespace streetwise::viz
