#include "viz/ui/chart_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace streetwise::viz {

std::vector<TimeSeriesColumn> chart_columns(const FrameSnapshot& snapshot, const std::vector<std::string>& type_names) {
    std::vector<TimeSeriesColumn> columns;
    for (std::size_t t = 0; t < snapshot.hourly_by_type.size(); ++t) {
        TimeSeriesColumn column;
        column.name = "crimes_" + (t < type_names.size() ? type_names[t] : std::to_string(t));
        column.unit = "crimes/h";
        column.description = "crimes of this type that happened in the hour (true crime, reported or not)";
        column.values = snapshot.hourly_by_type[t];
        columns.push_back(std::move(column));
    }
    std::size_t hours = 0;
    for (const auto& c : columns) hours = std::max(hours, c.values.size());
    for (auto& c : columns) c.values.resize(hours, 0.0);
    return columns;
}

namespace {

// A "nice" axis step (1, 2 or 5 times a power of ten) giving about `ticks` intervals over `span`.
double nice_step(double span, int ticks) {
    const double raw = span / std::max(1, ticks);
    const double power = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-9))));
    for (const double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * power) return m * power;
    return 10.0 * power;
}

}  // namespace

void ChartPanel::show(const FrameSnapshot& snapshot, const std::vector<std::string>& type_names, const Theme& theme,
                      const FrameSnapshot* compare) {
    ImGui::Checkbox("stacked", &stacked);
    ImGui::SameLine();
    ImGui::Checkbox("last 48 h", &last_two_days);
    ImGui::SameLine();
    ImGui::TextDisabled("crimes per %s by type (true crime)%s", snapshot.model_time_per_step > 0 ? "60 steps" : "hour",
                        compare ? "; dashed: B" : "");

    const std::size_t types = snapshot.hourly_by_type.size();
    std::size_t hours = 0;
    for (const auto& series : snapshot.hourly_by_type) hours = std::max(hours, series.size());
    const std::size_t total_hours = static_cast<std::size_t>(
        std::ceil(static_cast<double>(snapshot.total_steps) * snapshot.step_s / 3600.0));
    const std::size_t last_hour = std::max<std::size_t>(total_hours, 1);
    const std::size_t first_hour = last_two_days && hours > 48 ? hours - 48 : 0;
    const std::size_t end_hour = last_two_days ? std::max<std::size_t>(first_hour + 48, hours) : last_hour;

    // Legend on the right.
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    float legend_width = 0;
    char label[128];
    for (std::size_t t = 0; t < types; ++t) {
        const std::string name = t < type_names.size() ? type_names[t] : std::to_string(t);
        std::snprintf(label, sizeof label, "%s: %llu", name.c_str(),
                      static_cast<unsigned long long>(t < snapshot.crimes_by_type.size() ? snapshot.crimes_by_type[t] : 0));
        legend_width = std::max(legend_width, ImGui::CalcTextSize(label).x + line * 1.5f);
    }
    const float axis_left = ImGui::CalcTextSize("0000").x + 8;
    const float axis_bottom = line * 1.2f;
    const ImVec2 plot_min(origin.x + axis_left, origin.y + 4);
    // One legend row per type plus the total; in as many columns as the height needs (large text).
    const int legend_rows = static_cast<int>(types) + 1;
    const int rows_per_column = std::max(1, static_cast<int>(std::max(avail.y, line) / line));
    const int legend_columns = (legend_rows + rows_per_column - 1) / rows_per_column;
    const ImVec2 plot_max(origin.x + std::max(avail.x - legend_width * static_cast<float>(legend_columns) - 10, axis_left + 50),
                          origin.y + std::max(avail.y - axis_bottom, 40.0f));

    // Y range over visible hours.
    double y_max = 1;
    for (std::size_t h = first_hour; h < hours; ++h) {
        double stack = 0;
        for (std::size_t t = 0; t < types; ++t) {
            const double v = h < snapshot.hourly_by_type[t].size() ? snapshot.hourly_by_type[t][h] : 0.0;
            stack += v;
            y_max = std::max(y_max, stacked ? stack : v);
        }
        if (compare)
            for (std::size_t t = 0; t < compare->hourly_by_type.size(); ++t)
                if (h < compare->hourly_by_type[t].size()) y_max = std::max(y_max, compare->hourly_by_type[t][h]);
    }
    const double y_step = nice_step(y_max, 4);
    y_max = std::ceil(y_max / y_step) * y_step;

    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    const ImU32 axis_colour = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const ImU32 text_colour = ImGui::GetColorU32(ImGuiCol_Text);
    const float width = plot_max.x - plot_min.x;
    const float height = plot_max.y - plot_min.y;
    const double span = static_cast<double>(std::max<std::size_t>(end_hour - first_hour, 1));
    const auto x_of = [&](double hour) { return plot_min.x + static_cast<float>((hour - static_cast<double>(first_hour)) / span) * width; };
    const auto y_of = [&](double v) { return plot_max.y - static_cast<float>(v / y_max) * height; };

    // Axes: y ticks with values, x ticks at day boundaries labelled with the day.
    for (double v = 0; v <= y_max + 1e-9; v += y_step) {
        draw_list->AddLine({plot_min.x, y_of(v)}, {plot_max.x, y_of(v)}, IM_COL32(128, 128, 128, 50));
        std::snprintf(label, sizeof label, "%g", v);
        draw_list->AddText({origin.x, y_of(v) - line * 0.5f}, axis_colour, label);
    }
    // Time ticks as close as their labels allow: 6 h, 12 h, a day, 2 days, a week.
    const float pixels_per_hour = width / static_cast<float>(span);
    const float label_width = ImGui::CalcTextSize("day 00").x + 8;
    std::size_t day_step_h = 24 * 7;
    for (const std::size_t step : {std::size_t{6}, std::size_t{12}, std::size_t{24}, std::size_t{48}}) {
        if (static_cast<float>(step) * pixels_per_hour >= label_width) {
            day_step_h = step;
            break;
        }
    }
    for (std::size_t h = (first_hour + day_step_h - 1) / day_step_h * day_step_h; h <= end_hour; h += day_step_h) {
        draw_list->AddLine({x_of(static_cast<double>(h)), plot_min.y}, {x_of(static_cast<double>(h)), plot_max.y}, IM_COL32(128, 128, 128, 60));
        if (snapshot.model_time_per_step > 0)  // a lattice model: its own time unit
            std::snprintf(label, sizeof label, "t=%g", static_cast<double>(h) * 60.0 * snapshot.model_time_per_step);
        else if (h % 24 == 0)
            std::snprintf(label, sizeof label, "day %zu", h / 24);
        else
            std::snprintf(label, sizeof label, "%02zu:00", h % 24);
        draw_list->AddText({x_of(static_cast<double>(h)) + 2, plot_max.y + 2}, axis_colour, label);
    }
    draw_list->AddRect(plot_min, plot_max, axis_colour);

    // Series.
    draw_list->PushClipRect(plot_min, plot_max, true);
    std::vector<double> base(hours, 0.0);
    for (std::size_t t = 0; t < types; ++t) {
        const auto& series = snapshot.hourly_by_type[t];
        const ImU32 colour = series_colour(static_cast<int>(t));
        ImVec2 previous;
        for (std::size_t h = first_hour; h < series.size(); ++h) {
            const double v = series[h] + (stacked ? base[h] : 0.0);
            const ImVec2 p(x_of(static_cast<double>(h) + 0.5), y_of(v));
            if (h > first_hour) draw_list->AddLine(previous, p, colour, 2.0f * theme.font_scale);
            previous = p;
            if (stacked) base[h] = v;
        }
        if (compare && !stacked && t < compare->hourly_by_type.size()) {
            const auto& other = compare->hourly_by_type[t];
            for (std::size_t h = first_hour + 1; h < other.size(); h += 1)
                if (h % 2 == 0)
                    draw_list->AddLine({x_of(static_cast<double>(h) - 0.5), y_of(other[h - 1])},
                                       {x_of(static_cast<double>(h) + 0.5), y_of(other[h])}, colour, 1.0f * theme.font_scale);
        }
    }
    // Now.
    const double now_h = snapshot.hours_elapsed();
    draw_list->AddLine({x_of(now_h), plot_min.y}, {x_of(now_h), plot_max.y}, text_colour, 1.0f);
    draw_list->PopClipRect();

    // Legend.
    for (int row = 0; row < legend_rows; ++row) {
        const ImVec2 p(plot_max.x + 10 + legend_width * static_cast<float>(row / rows_per_column),
                       plot_min.y + line * static_cast<float>(row % rows_per_column));
        const auto t = static_cast<std::size_t>(row);
        if (t == types) {
            std::snprintf(label, sizeof label, "total: %llu", static_cast<unsigned long long>(snapshot.crime_total));
        } else {
            const std::string name = t < type_names.size() ? type_names[t] : std::to_string(t);
            std::snprintf(label, sizeof label, "%s: %llu", name.c_str(),
                          static_cast<unsigned long long>(t < snapshot.crimes_by_type.size() ? snapshot.crimes_by_type[t] : 0));
            draw_list->AddRectFilled({p.x, p.y + line * 0.3f}, {p.x + line * 0.9f, p.y + line * 0.7f}, series_colour(row));
        }
        draw_list->AddText({p.x + line * 1.2f, p.y}, text_colour, label);
    }

    // Hover: the values at the hour under the mouse.
    ImGui::InvisibleButton("chart", {std::max(1.0f, avail.x), std::max(1.0f, avail.y)});
    if (ImGui::IsItemHovered()) {
        const float mx = ImGui::GetIO().MousePos.x;
        if (mx >= plot_min.x && mx <= plot_max.x) {
            const auto hour = static_cast<std::size_t>(static_cast<double>(first_hour) + (mx - plot_min.x) / width * span);
            ImGui::BeginTooltip();
            if (snapshot.model_time_per_step > 0)
                ImGui::Text("t = %g to %g", static_cast<double>(hour) * 60.0 * snapshot.model_time_per_step,
                            static_cast<double>(hour + 1) * 60.0 * snapshot.model_time_per_step);
            else
                ImGui::Text("day %zu, %02zu:00-%02zu:59", hour / 24, hour % 24, hour % 24);
            for (std::size_t t = 0; t < types; ++t) {
                const double v = hour < snapshot.hourly_by_type[t].size() ? snapshot.hourly_by_type[t][hour] : 0.0;
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(series_colour(static_cast<int>(t))), "%s: %g crimes/h",
                                   (t < type_names.size() ? type_names[t] : std::to_string(t)).c_str(), v);
            }
            ImGui::EndTooltip();
        }
    }
}

}  // namespace streetwise::viz
