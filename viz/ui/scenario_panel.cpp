#include "viz/ui/scenario_panel.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <charconv>
#include <filesystem>

#include "sim/core/atomic_file.hpp"
#include "sim/core/input_error.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "viz/core/live_source.hpp"
#include "viz/core/scenario_tree.hpp"
#include "viz/ui/file_dialog.hpp"
#include "viz/ui/viz_app.hpp"

namespace streetwise::viz {

namespace fs = std::filesystem;

namespace {

// Where an unsaved variant is taken to live: beside its base, so relative paths resolve the same.
fs::path unsaved_variant_path(const ScenarioVariant& variant) {
    const fs::path folder = variant.base_file.empty() ? fs::current_path() : fs::absolute(variant.base_file).parent_path();
    return folder / "unsaved-variant.yaml";
}

void show_tree_nodes(const std::vector<ScenarioTreeNode>& nodes, ScenarioVariant& variant, std::string& editing_key,
                     std::string& editing_value, bool& open_popup) {
    for (const ScenarioTreeNode& node : nodes) {
        if (node.is_section()) {
            if (ImGui::TreeNode(node.path.c_str(), "%s", node.key.c_str())) {
                show_tree_nodes(node.children, variant, editing_key, editing_value, open_popup);
                ImGui::TreePop();
            }
            continue;
        }
        const auto edited = variant.overrides.find(node.path);
        std::string label = node.key + ": " + (edited != variant.overrides.end() ? edited->second + "  (was " + node.value + ")" : node.value);
        if (edited != variant.overrides.end()) ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(220, 120, 0, 255));
        if (ImGui::Selectable((label + "##" + node.path).c_str())) {
            editing_key = node.path;
            editing_value = edited != variant.overrides.end() ? edited->second : node.value;
            open_popup = true;
        }
        if (edited != variant.overrides.end()) ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (click to edit; applied when you restart)", node.path.c_str());
    }
}

}  // namespace

void ScenarioPanel::show(VizApp& app) {
    RunSource* source = app.source();
    if (!source) {
        ImGui::TextWrapped("Nothing open. File > Open scenario, or File > New scenario from an OpenStreetMap extract.");
        return;
    }
    ImGui::TextWrapped("%s", source->title().c_str());
    ImGui::Separator();
    if (source->is_live()) {
        show_live_edits(app);
        show_variant_actions(app);
    } else {
        ImGui::TextWrapped("A replay shows what the run file holds. To change the scenario, save its resolved "
                           "scenario below as a file (or open the original) and run it live.");
    }
    ImGui::Separator();
    show_tree(app);
}

void ScenarioPanel::show_live_edits(VizApp& app) {
    auto* live = dynamic_cast<LiveSource*>(app.source());
    if (!live || live->live_editable_keys().empty() ||
        !ImGui::CollapsingHeader("Change while running", ImGuiTreeNodeFlags_DefaultOpen))
        return;
    ImGui::TextDisabled("Takes effect from the next step; recorded in the run file.");
    const auto changes = live->run().live_changes();
    for (const std::string& key : live->live_editable_keys()) {
        // Current value: the last live change of this key, else the scenario's.
        double value = 0;
        for (const ScenarioTreeNode& section : tree_of(live->scenario_yaml()))
            for (const ScenarioTreeNode& leaf : section.children)
                if (leaf.path == key) std::from_chars(leaf.value.data(), leaf.value.data() + leaf.value.size(), value);
        for (const LiveChange& change : changes)
            if (change.key == key) value = change.value;
        double edited = value;
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        if (ImGui::InputDouble(key.c_str(), &edited, 0, 0, "%.6g", ImGuiInputTextFlags_EnterReturnsTrue) && edited != value) {
            live->run().apply_live_change(key, edited);
            char text[64];
            std::snprintf(text, sizeof text, "%.9g", edited);
            app.variant().overrides[key] = text;
            live_message_ = "applied " + key + " = " + text;
        }
    }
    if (!live_message_.empty()) ImGui::TextDisabled("%s", live_message_.c_str());
    if (!changes.empty()) ImGui::Text("%zu live change(s) so far in this run", changes.size());
}

void ScenarioPanel::show_variant_actions(VizApp& app) {
    ScenarioVariant& variant = app.variant();
    ImGui::Text("Edits: %zu key(s)%s", variant.overrides.size(), variant.interventions ? ", interventions changed" : "");
    ImGui::BeginDisabled(variant.empty());
    if (ImGui::Button("Restart with edits")) {
        try {
            app.open_spec(load_variant(variant, unsaved_variant_path(variant)));
        } catch (const InputError& e) {
            app.report_error(e.what());
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Save as variant...")) {
        fs::path suggested = unsaved_variant_path(variant).parent_path() / "variant.yaml";
        app.file_dialog_->open("Save variant", {".yaml"}, true, [&app](const fs::path& p) {
            try {
                save_variant(app.variant(), p);
                app.report_status("variant saved: " + p.string());
            } catch (const InputError& e) {
                app.report_error(e.what());
            }
        }, suggested);
    }
    ImGui::SameLine();
    if (ImGui::Button("Discard edits")) {
        variant.overrides.clear();
        variant.interventions.reset();
    }
    ImGui::EndDisabled();
    ImGui::InputText("variant name", &variant.name);
}

void ScenarioPanel::show_tree(VizApp& app) {
    if (!ImGui::CollapsingHeader("Resolved scenario", ImGuiTreeNodeFlags_DefaultOpen)) return;
    show_tree_nodes(tree_of(app.source()->scenario_yaml()), app.variant(), editing_key_, editing_value_, open_edit_popup_);
}

void ScenarioPanel::begin_new_from_osm(VizApp&) { open_osm_popup_ = true; }

const std::vector<ScenarioTreeNode>& ScenarioPanel::tree_of(const std::string& resolved_yaml) {
    if (resolved_yaml != tree_yaml_) {
        tree_ = parse_scenario_tree(resolved_yaml);
        tree_yaml_ = resolved_yaml;
    }
    return tree_;
}

void ScenarioPanel::show_popups(VizApp& app) {
    if (open_edit_popup_) {
        ImGui::OpenPopup("Edit scenario key");
        open_edit_popup_ = false;
    }
    if (ImGui::BeginPopupModal("Edit scenario key", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::Text("%s", editing_key_.c_str());
        ImGui::TextDisabled("A YAML value, as with --set. Applied when you restart with edits.");
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20);
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        const bool enter = ImGui::InputText("##value", &editing_value_, ImGuiInputTextFlags_EnterReturnsTrue);
        if (ImGui::Button("OK") || enter) {
            // Check the edit at once, against the base with every other edit applied.
            ScenarioVariant trial = app.variant();
            trial.overrides[editing_key_] = editing_value_;
            try {
                load_variant(trial, unsaved_variant_path(trial));
                app.variant() = std::move(trial);
                ImGui::CloseCurrentPopup();
            } catch (const InputError& e) {
                app.report_error(e.what());
                ImGui::CloseCurrentPopup();
            }
        }
        ImGui::SameLine();
        if (ImGui::Button("Revert")) {
            app.variant().overrides.erase(editing_key_);
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }

    if (open_osm_popup_) {
        ImGui::OpenPopup("New scenario from OpenStreetMap");
        open_osm_popup_ = false;
    }
    if (ImGui::BeginPopupModal("New scenario from OpenStreetMap", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextWrapped("An extract of your city (.osm or .osm.pbf, e.g. from a regional download site). Streets, "
                           "lighting, land use and places are read from it; the scenario is saved and opened.");
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
        ImGui::InputText("map file", &osm_path_);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
        ImGui::InputText("scenario name", &osm_name_);
        ImGui::InputInt("residents", &osm_residents_, 1000, 10000);
        ImGui::InputInt("offenders", &osm_offenders_, 10, 100);
        ImGui::InputInt("police units", &osm_police_, 1, 10);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
        ImGui::InputText("save as", &osm_save_path_);
        if (ImGui::Button("Create and open")) {
            std::error_code ignored;
            const fs::path save_path = fs::absolute(osm_save_path_, ignored);
            const std::string text = "# Scenario created by streetwise-viz from an OpenStreetMap extract.\n"
                                     "name: " + double_quoted(osm_name_) + "\n"
                                     "city:\n  source: osm\n  osm: " + double_quoted(fs::absolute(osm_path_, ignored).generic_string()) + "\n"
                                     "residents:\n  count: " + std::to_string(osm_residents_) + "\n"
                                     "offenders:\n  count: " + std::to_string(osm_offenders_) + "\n"
                                     "police:\n  units: " + std::to_string(osm_police_) + "\n";
            try {
                load_scenario_text(text, save_path.string(), {}, default_search_paths());  // validate first
                write_file_atomically(save_path, text);
                app.open_scenario(save_path);
                ImGui::CloseCurrentPopup();
            } catch (const InputError& e) {
                app.report_error(e.what());
                ImGui::CloseCurrentPopup();
            }
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

}  // namespace streetwise::viz
