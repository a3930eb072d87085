#include "viz/ui/compare_panel.hpp"

#include <imgui.h>

#include <cmath>

#include "viz/core/clock_text.hpp"
#include "viz/core/run_comparison.hpp"
#include "viz/ui/viz_app.hpp"

namespace streetwise::viz {

void ComparePanel::show_controls(VizApp& app) {
    RunSource* a = app.source();
    RunSource* b = app.compare_source();
    if (!a) {
        ImGui::TextWrapped("Open a scenario or run file first (A), then File > Compare with... (B).");
        return;
    }
    if (!b) {
        ImGui::TextWrapped("A: %s", a->title().c_str());
        ImGui::TextWrapped("Choose B with File > Compare with scenario... or Compare with run file... "
                           "Both run on one clock; the map shows where B has more or less crime than A.");
        return;
    }
    ImGui::TextWrapped("A: %s", a->title().c_str());
    ImGui::TextWrapped("B: %s", b->title().c_str());
    ImGui::Checkbox("difference map (else side by side)", &difference_map);
    const HeadlineDifferences h = headline_differences(a->snapshot(), b->snapshot(), app.crime_type_names());
    if (h.step_a == h.step_b)
        ImGui::Text("at %s", clock_text(h.step_a, a->step_s(), a->start_weekday()).c_str());
    else
        ImGui::TextColored({0.9f, 0.5f, 0.0f, 1.0f}, "catching up: A at %s, B at %s",
                           clock_text(h.step_a, a->step_s(), a->start_weekday()).c_str(),
                           clock_text(h.step_b, b->step_s(), b->start_weekday()).c_str());
    if (ImGui::BeginTable("headline", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("crimes so far");
        ImGui::TableSetupColumn("A");
        ImGui::TableSetupColumn("B");
        ImGui::TableSetupColumn("B vs A");
        ImGui::TableHeadersRow();
        for (const CountDifference& row : h.rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(row.label.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%llu", static_cast<unsigned long long>(row.a));
            ImGui::TableNextColumn();
            ImGui::Text("%llu", static_cast<unsigned long long>(row.b));
            ImGui::TableNextColumn();
            const double pct = row.percent_change();
            if (std::isnan(pct))
                ImGui::Text("%+.0f", row.difference());
            else
                ImGui::Text("%+.0f (%+.0f%%)", row.difference(), pct);
        }
        ImGui::EndTable();
    }
    ImGui::Text("streets with more crime in B: %u, with less: %u", h.streets_more, h.streets_fewer);
    ImGui::TextDisabled("One run of each: differences of a few crimes can be chance.\n"
                        "Compare replicates (several seeds) before concluding.");
    if (ImGui::Button("Close comparison")) app.close_compare();
}

void ComparePanel::show_maps(VizApp& app) {
    RunSource& a = *app.source();
    RunSource& b = *app.compare_source();
    if (difference_map) {
        const SegmentDifference difference = segment_difference(a.snapshot(), b.snapshot());
        app.map_view()->show(a.snapshot(), app.theme(), &difference);
        return;
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float half = avail.x * 0.5f - 2;
    if (ImGui::BeginChild("A", {half, avail.y}, false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
        app.map_view()->show(a.snapshot(), app.theme());
        ImGui::GetWindowDrawList()->AddText({ImGui::GetWindowPos().x + 8, ImGui::GetWindowPos().y + avail.y - 30},
                                            IM_COL32(0, 0, 0, 255), "A");
    }
    ImGui::EndChild();
    ImGui::SameLine();
    if (ImGui::BeginChild("B", {half, avail.y}, false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
        MapView& map_b = *app.compare_map_;
        map_b.layers() = app.map_view()->layers();
        // One camera: B shows exactly the part of the city A shows.
        map_b.camera().set_view(app.map_view()->camera().centre(), app.map_view()->camera().pixels_per_m());
        map_b.show(b.snapshot(), app.theme());
        ImGui::GetWindowDrawList()->AddText({ImGui::GetWindowPos().x + 8, ImGui::GetWindowPos().y + avail.y - 30},
                                            IM_COL32(0, 0, 0, 255), "B");
    }
    ImGui::EndChild();
}

}  // namespace streetwise::viz
