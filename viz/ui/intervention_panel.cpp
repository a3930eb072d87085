#include "viz/ui/intervention_panel.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <iterator>

#include "sim/city/city.hpp"
#include "sim/core/input_error.hpp"
#include "sim/model/intervention.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "viz/core/live_source.hpp"
#include "viz/ui/viz_app.hpp"

namespace streetwise::viz {

namespace {

InterventionSpec make_defaults(InterventionKind kind, double from_h, double to_h, double lux, int units) {
    InterventionSpec spec;
    spec.kind = kind;
    spec.daily_from_h = from_h;
    spec.daily_to_h = to_h;
    spec.lux = lux;
    spec.units = units;
    return spec;
}

// The palette. More entries arrive as the model grows (drones, reporting apps).
const InterventionTemplate templates[] = {
    {"Street lighting upgrade (night)",
     "Target streets are lit to at least the given illuminance from dusk to dawn. Offences on dark "
     "streets are more likely (offenders.dark_multiplier); lit streets lose that advantage.",
     make_defaults(InterventionKind::street_lighting, 19, 7, 20, 0)},
    {"Foot patrol (evenings)",
     "Extra police units walk only the target streets, 18:00 to midnight. Offences do not happen "
     "where police stand.",
     make_defaults(InterventionKind::foot_patrol, 18, 24, 0, 4)},
    {"Foot patrol (night-time economy)",
     "Extra police units walk the target streets 22:00 to 04:00, when bars and clubs empty.",
     make_defaults(InterventionKind::foot_patrol, 22, 4, 0, 6)},
};

// The interventions the variant will run with: its own list if edited, else the open scenario's.
std::vector<InterventionSpec> current_list(VizApp& app) {
    if (app.variant().interventions) return *app.variant().interventions;
    if (auto* live = dynamic_cast<LiveSource*>(app.source())) return live->run().spec().interventions;
    return {};
}

}  // namespace

void InterventionPanel::show(VizApp& app) {
    if (!app.source()) {
        ImGui::TextWrapped("Open a scenario first.");
        return;
    }
    if (!app.source()->is_live()) {
        ImGui::TextWrapped("This is a replay of a run file. To try interventions, open its scenario "
                           "(File > Open scenario) and run it live.");
        return;
    }
    show_palette(app);
    ImGui::Separator();
    show_list(app);
}

void InterventionPanel::show_palette(VizApp& app) {
    ImGui::TextUnformatted("Add an intervention");
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##template", templates[template_index_].title)) {
        for (int i = 0; i < static_cast<int>(std::size(templates)); ++i)
            if (ImGui::Selectable(templates[i].title, i == template_index_)) {
                template_index_ = i;
                draft_ready_ = false;
            }
        ImGui::EndCombo();
    }
    const InterventionTemplate& chosen = templates[template_index_];
    if (!draft_ready_) {
        draft_ = chosen.defaults;
        draft_.name = chosen.title;
        draft_ready_ = true;
    }
    ImGui::TextWrapped("%s", chosen.explanation);

    // Target.
    const City& city = app.source()->city();
    MapView& map = *app.map_view();
    ImGui::TextUnformatted("Where");
    // The map's street-picking mode is the target choice: one state, so they cannot disagree.
    if (ImGui::RadioButton("a district", !map.picking_streets)) map.picking_streets = false;
    ImGui::SameLine();
    if (ImGui::RadioButton("streets picked on the map", map.picking_streets)) map.picking_streets = true;
    const bool target_streets = map.picking_streets;
    if (!target_streets) {
        if (city.districts().empty()) {
            ImGui::TextDisabled("This city has no districts: pick streets instead.");
        } else {
            district_index_ = std::clamp(district_index_, 0, static_cast<int>(city.districts().size()) - 1);
            ImGui::SetNextItemWidth(-1);
            if (ImGui::BeginCombo("##district", city.districts()[district_index_].name.c_str())) {
                for (int d = 0; d < static_cast<int>(city.districts().size()); ++d)
                    if (ImGui::Selectable(city.districts()[d].name.c_str(), d == district_index_)) district_index_ = d;
                ImGui::EndCombo();
            }
        }
    } else {
        ImGui::TextWrapped("Click streets on the map to add or remove them: %zu picked.", map.picked_segments().size());
        if (ImGui::SmallButton("clear picked streets")) map.picked_segments().clear();
    }

    // When.
    ImGui::TextUnformatted("When");
    const int days = app.source()->total_steps() * app.source()->step_s() / 86400 > 0
                         ? static_cast<int>(app.source()->total_steps() * app.source()->step_s() / 86400)
                         : 1;
    int to_day = draft_.to_day < 0 ? days : draft_.to_day;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::SliderInt("from day", &draft_.from_day, 0, days - 1);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::SliderInt("until day", &to_day, draft_.from_day + 1, days);
    draft_.to_day = to_day >= days ? -1 : to_day;
    float from_h = static_cast<float>(draft_.daily_from_h), to_h = static_cast<float>(draft_.daily_to_h);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::SliderFloat("daily from (h)", &from_h, 0, 24, "%.1f");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::SliderFloat("to (h)", &to_h, 0, 24, "%.1f");
    draft_.daily_from_h = from_h;
    draft_.daily_to_h = to_h;
    if (from_h > to_h) ImGui::TextDisabled("wraps over midnight");

    // How much.
    if (draft_.kind == InterventionKind::street_lighting) {
        float lux = static_cast<float>(draft_.lux);
        ImGui::SliderFloat("illuminance (lx)", &lux, 1, 50, "%.0f");
        draft_.lux = lux;
    } else {
        ImGui::SliderInt("extra units", &draft_.units, 1, 40);
    }
    ImGui::InputText("label", &draft_.name);

    const bool has_target = target_streets ? !map.picked_segments().empty() : !city.districts().empty();
    ImGui::BeginDisabled(!has_target);
    if (ImGui::Button("Add to the variant")) {
        InterventionSpec added = draft_;
        if (target_streets) {
            added.district.clear();
            added.segments.assign(map.picked_segments().begin(), map.picked_segments().end());
        } else {
            added.district = city.districts()[district_index_].name;
            added.segments.clear();
        }
        auto list = current_list(app);
        list.push_back(std::move(added));
        app.variant().interventions = std::move(list);
        map.picked_segments().clear();
    }
    ImGui::EndDisabled();
}

void InterventionPanel::show_list(VizApp& app) {
    const auto list = current_list(app);
    ImGui::Text("Interventions in the variant: %zu%s", list.size(), app.variant().interventions ? "" : " (as in the scenario)");
    int remove = -1;
    for (int i = 0; i < static_cast<int>(list.size()); ++i) {
        const InterventionSpec& it = list[i];
        ImGui::PushID(i);
        ImGui::Bullet();
        ImGui::TextWrapped("%s", describe_intervention(it).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("remove")) remove = i;
        ImGui::PopID();
    }
    if (remove >= 0) {
        auto edited = list;
        edited.erase(edited.begin() + remove);
        app.variant().interventions = std::move(edited);
    }
    ImGui::TextWrapped("Then: Scenario tab > Restart with edits to see the effect, or Save as variant to share it.");
}

}  // namespace streetwise::viz
