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

// The hours a chart spans: the whole run, or the last 48 hours of the `hours` started so far.
struct HourRange {
    std::size_t first = 0;
    std::size_t end = 1;
};
HourRange hour_range(const FrameSnapshot& snapshot, std::size_t hours, bool last_two_days) {
    const std::size_t total_hours = static_cast<std::size_t>(
        std::ceil(static_cast<double>(snapshot.total_steps) * snapshot.step_s / 3600.0));
    HourRange range;
    range.first = last_two_days && hours > 48 ? hours - 48 : 0;
    range.end = last_two_days ? std::max<std::size_t>(range.first + 48, hours) : std::max<std::size_t>(total_hours, 1);
    return range;
}

// Vertical lines and labels along the time axis, as close as their labels allow: 6 h, 12 h, a
// day, 2 days, a week.
void draw_hour_ticks(ImDrawList* draw_list, const FrameSnapshot& snapshot, HourRange range, ImVec2 plot_min, ImVec2 plot_max,
                     ImU32 axis_colour) {
    const double span = static_cast<double>(std::max<std::size_t>(range.end - range.first, 1));
    const float width = plot_max.x - plot_min.x;
    const auto x_of = [&](double hour) { return plot_min.x + static_cast<float>((hour - static_cast<double>(range.first)) / span) * width; };
    const float pixels_per_hour = width / static_cast<float>(span);
    const float label_width = ImGui::CalcTextSize("day 00").x + 8;
    std::size_t day_step_h = 24 * 7;
    for (const std::size_t step : {std::size_t{6}, std::size_t{12}, std::size_t{24}, std::size_t{48}}) {
        if (static_cast<float>(step) * pixels_per_hour >= label_width) {
            day_step_h = step;
            break;
        }
    }
    char label[64];
    for (std::size_t h = (range.first + day_step_h - 1) / day_step_h * day_step_h; h <= range.end; h += day_step_h) {
        draw_list->AddLine({x_of(static_cast<double>(h)), plot_min.y}, {x_of(static_cast<double>(h)), plot_max.y}, IM_COL32(128, 128, 128, 60));
        if (snapshot.model_time_per_step > 0)  // a lattice model: its own time unit
            std::snprintf(label, sizeof label, "t=%g", static_cast<double>(h) * 60.0 * snapshot.model_time_per_step);
        else if (h % 24 == 0)
            std::snprintf(label, sizeof label, "day %zu", h / 24);
        else
            std::snprintf(label, sizeof label, "%02zu:00", h % 24);
        draw_list->AddText({x_of(static_cast<double>(h)) + 2, plot_max.y + 2}, axis_colour, label);
    }
}

double median_of(std::vector<double>& values) {
    if (values.empty()) return -1;
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    if (values.size() % 2 == 1) return *middle;
    const double upper = *middle;
    return 0.5 * (*std::max_element(values.begin(), middle) + upper);
}

// Police in the response chart: Okabe-Ito blue (sky blue on black); drones keep their map colour.
ImU32 police_series_colour(const Theme& theme) {
    return theme.high_contrast ? IM_COL32(86, 180, 233, 255) : IM_COL32(0, 114, 178, 255);
}

}  // namespace

std::string format_duration(double seconds) {
    char text[32];
    if (seconds < 120) std::snprintf(text, sizeof text, "%.0f s", seconds);
    else std::snprintf(text, sizeof text, "%.1f min", seconds / 60.0);
    return text;
}

ResponseSummary response_summary(const FrameSnapshot& snapshot) {
    ResponseSummary summary;
    std::vector<double> values;
    if (!snapshot.police_responses.empty() || snapshot.police_response_hourly_mean_s.empty()) {
        for (const ResponseTime& r : snapshot.police_responses) values.push_back(r.response_s);
        summary.police_arrivals = values.size();
    } else {
        summary.from_hourly_means = true;
        for (const double v : snapshot.police_response_hourly_mean_s)
            if (v > 0) values.push_back(v);
    }
    summary.police_median_s = median_of(values);
    values.clear();
    for (const ResponseTime& r : snapshot.drone_responses) values.push_back(r.response_s);
    summary.drone_arrivals = values.size();
    summary.drone_median_s = median_of(values);
    return summary;
}

void ChartPanel::show(const FrameSnapshot& snapshot, const std::vector<std::string>& type_names, const Theme& theme,
                      const FrameSnapshot* compare) {
    if (snapshot.has_responses_chart()) {
        int chosen = static_cast<int>(view);
        ImGui::RadioButton("crimes per hour", &chosen, static_cast<int>(View::crimes));
        ImGui::SameLine();
        ImGui::RadioButton("response times", &chosen, static_cast<int>(View::responses));
        ImGui::SameLine();
        view = static_cast<View>(chosen);
    }
    if (showing(snapshot) == View::responses) show_responses(snapshot, theme);
    else show_crimes(snapshot, type_names, theme, compare);
}

void ChartPanel::show_crimes(const FrameSnapshot& snapshot, const std::vector<std::string>& type_names, const Theme& theme,
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
    const HourRange range = hour_range(snapshot, hours, last_two_days);
    const std::size_t first_hour = range.first, end_hour = range.end;

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
    draw_hour_ticks(draw_list, snapshot, range, plot_min, plot_max, axis_colour);
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

void ChartPanel::show_responses(const FrameSnapshot& snapshot, const Theme& theme) {
    ImGui::Checkbox("last 48 h", &last_two_days);
    ImGui::SameLine();
    const bool hourly_only = snapshot.police_responses.empty() && !snapshot.police_response_hourly_mean_s.empty();
    if (hourly_only)
        ImGui::TextDisabled("police response time, mean per hour (the run file has no per-report times); dashed: median");
    else
        ImGui::TextDisabled("time from report to arrival: police (dots, line: mean per hour), drones (diamonds); dashed: medians");

    const Palette& palette = theme.palette();
    const ImU32 police_colour = police_series_colour(theme);
    const ImU32 drone_colour = palette.agent[static_cast<int>(AgentKind::drone)];
    const auto hours = static_cast<std::size_t>(std::ceil(snapshot.hours_elapsed()));
    const HourRange range = hour_range(snapshot, hours, last_two_days);
    const auto first = static_cast<double>(range.first);
    const auto in_view = [&](double hour) { return hour >= first && hour <= static_cast<double>(range.end); };

    // The police's hourly means: from the arrivals, or the run file's column in a replay.
    hour_sum_s_.assign(std::max<std::size_t>(hours, snapshot.police_response_hourly_mean_s.size()), 0.0);
    hour_count_.assign(hour_sum_s_.size(), 0.0);
    for (const ResponseTime& r : snapshot.police_responses) {
        const auto h = static_cast<std::size_t>(std::max(0.0, r.arrival_h));
        if (h >= hour_sum_s_.size()) continue;
        hour_sum_s_[h] += r.response_s;
        hour_count_[h] += 1;
    }
    if (hourly_only)
        for (std::size_t h = 0; h < snapshot.police_response_hourly_mean_s.size(); ++h)
            if (snapshot.police_response_hourly_mean_s[h] > 0) hour_sum_s_[h] = snapshot.police_response_hourly_mean_s[h], hour_count_[h] = 1;

    // Y range over what is in view, in minutes once anything takes two minutes or more.
    double y_max_s = 60;
    for (const ResponseTime& r : snapshot.police_responses)
        if (in_view(r.arrival_h)) y_max_s = std::max(y_max_s, r.response_s);
    for (const ResponseTime& r : snapshot.drone_responses)
        if (in_view(r.arrival_h)) y_max_s = std::max(y_max_s, r.response_s);
    for (std::size_t h = range.first; h < hour_sum_s_.size(); ++h)
        if (hour_count_[h] > 0) y_max_s = std::max(y_max_s, hour_sum_s_[h] / hour_count_[h]);
    const bool minutes = y_max_s >= 120;
    const double unit_s = minutes ? 60.0 : 1.0;
    const double y_step = nice_step(y_max_s / unit_s, 4);
    const double y_max = std::ceil(y_max_s / unit_s / y_step) * y_step;

    const ResponseSummary summary = response_summary(snapshot);
    char label[160];
    std::vector<std::pair<ImU32, std::string>> legend;  // few rows, once a frame
    if (snapshot.police_force || hourly_only) {
        if (summary.from_hourly_means)
            std::snprintf(label, sizeof label, "police, median of hourly means: %s",
                          summary.police_median_s < 0 ? "-" : format_duration(summary.police_median_s).c_str());
        else
            std::snprintf(label, sizeof label, "police arrivals: %zu, median %s", summary.police_arrivals,
                          summary.police_median_s < 0 ? "-" : format_duration(summary.police_median_s).c_str());
        legend.emplace_back(police_colour, label);
        if (!snapshot.replay) {
            std::snprintf(label, sizeof label, "reports waiting now: %u", snapshot.reports_waiting);
            legend.emplace_back(0, label);
        }
    }
    if (snapshot.drone_fleets > 0) {
        std::snprintf(label, sizeof label, "drone first arrivals: %zu, median %s", summary.drone_arrivals,
                      summary.drone_median_s < 0 ? "-" : format_duration(summary.drone_median_s).c_str());
        legend.emplace_back(drone_colour, label);
    }

    const float line = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    float legend_width = 0;
    for (const auto& row : legend) legend_width = std::max(legend_width, ImGui::CalcTextSize(row.second.c_str()).x + line * 1.5f);
    const float axis_left = ImGui::CalcTextSize("00 min").x + 8;
    const float axis_bottom = line * 1.2f;
    const ImVec2 plot_min(origin.x + axis_left, origin.y + 4);
    const ImVec2 plot_max(origin.x + std::max(avail.x - legend_width - 10, axis_left + 50), origin.y + std::max(avail.y - axis_bottom, 40.0f));
    const float width = plot_max.x - plot_min.x;
    const float height = plot_max.y - plot_min.y;
    const double span = static_cast<double>(std::max<std::size_t>(range.end - range.first, 1));
    const auto x_of = [&](double hour) { return plot_min.x + static_cast<float>((hour - first) / span) * width; };
    const auto y_of = [&](double seconds) { return plot_max.y - static_cast<float>(seconds / unit_s / y_max) * height; };

    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    const ImU32 axis_colour = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const ImU32 text_colour = ImGui::GetColorU32(ImGuiCol_Text);
    for (double v = 0; v <= y_max + 1e-9; v += y_step) {
        const float y = y_of(v * unit_s);
        draw_list->AddLine({plot_min.x, y}, {plot_max.x, y}, IM_COL32(128, 128, 128, 50));
        std::snprintf(label, sizeof label, minutes ? "%g min" : "%g s", v);
        draw_list->AddText({origin.x, y - line * 0.5f}, axis_colour, label);
    }
    draw_hour_ticks(draw_list, snapshot, range, plot_min, plot_max, axis_colour);
    draw_list->AddRect(plot_min, plot_max, axis_colour);

    draw_list->PushClipRect(plot_min, plot_max, true);
    const float dot = 2.5f * theme.font_scale;
    for (const ResponseTime& r : snapshot.police_responses)
        if (in_view(r.arrival_h)) draw_list->AddCircleFilled({x_of(r.arrival_h), y_of(r.response_s)}, dot, police_colour, 8);
    // The hourly mean, joining hours that had arrivals up to three hours apart (a quiet night breaks it).
    std::size_t previous_hour = 0;
    bool have_previous = false;
    ImVec2 previous;
    for (std::size_t h = range.first; h < hour_sum_s_.size(); ++h) {
        if (hour_count_[h] == 0) continue;
        const ImVec2 p(x_of(static_cast<double>(h) + 0.5), y_of(hour_sum_s_[h] / hour_count_[h]));
        if (have_previous && h - previous_hour <= 3) draw_list->AddLine(previous, p, police_colour, 1.5f * theme.font_scale);
        if (hourly_only) draw_list->AddCircleFilled(p, dot, police_colour, 8);
        previous = p;
        previous_hour = h;
        have_previous = true;
    }
    for (const ResponseTime& r : snapshot.drone_responses) {
        if (!in_view(r.arrival_h)) continue;
        const ImVec2 p(x_of(r.arrival_h), y_of(r.response_s));
        const float d = dot * 1.5f;
        draw_list->AddQuadFilled({p.x, p.y - d}, {p.x + d, p.y}, {p.x, p.y + d}, {p.x - d, p.y}, drone_colour);
    }
    // Medians, dashed across the plot.
    for (const auto& [median_s, colour] : {std::pair{summary.police_median_s, police_colour}, std::pair{summary.drone_median_s, drone_colour}}) {
        if (median_s < 0) continue;
        const float y = y_of(median_s);
        const float dash = 8.0f * theme.font_scale;
        for (float x = plot_min.x; x < plot_max.x; x += dash * 1.6f)
            draw_list->AddLine({x, y}, {std::min(plot_max.x, x + dash), y}, colour, 1.5f * theme.font_scale);
        const std::string text = "median " + format_duration(median_s);
        const ImVec2 size = ImGui::CalcTextSize(text.c_str());
        draw_list->AddText({plot_max.x - size.x - 4, y - size.y - 1}, colour, text.c_str());
    }
    const double now_h = snapshot.hours_elapsed();
    draw_list->AddLine({x_of(now_h), plot_min.y}, {x_of(now_h), plot_max.y}, text_colour, 1.0f);
    draw_list->PopClipRect();

    for (std::size_t row = 0; row < legend.size(); ++row) {
        const ImVec2 p(plot_max.x + 10, plot_min.y + line * static_cast<float>(row));
        if (legend[row].first != 0)
            draw_list->AddRectFilled({p.x, p.y + line * 0.3f}, {p.x + line * 0.9f, p.y + line * 0.7f}, legend[row].first);
        draw_list->AddText({p.x + line * 1.2f, p.y}, text_colour, legend[row].second.c_str());
    }

    // Hover: the hour's arrivals.
    ImGui::InvisibleButton("responses", {std::max(1.0f, avail.x), std::max(1.0f, avail.y)});
    if (ImGui::IsItemHovered()) {
        const float mx = ImGui::GetIO().MousePos.x;
        if (mx >= plot_min.x && mx <= plot_max.x) {
            const auto hour = static_cast<std::size_t>(first + (mx - plot_min.x) / width * span);
            ImGui::BeginTooltip();
            ImGui::Text("day %zu, %02zu:00-%02zu:59", hour / 24, hour % 24, hour % 24);
            if (hour < hour_count_.size() && hour_count_[hour] > 0) {
                if (hourly_only)
                    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(police_colour), "police: mean %s",
                                       format_duration(hour_sum_s_[hour]).c_str());
                else
                    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(police_colour), "police: %.0f arrivals, mean %s",
                                       hour_count_[hour], format_duration(hour_sum_s_[hour] / hour_count_[hour]).c_str());
            }
            std::size_t drones = 0;
            double drone_sum = 0;
            for (const ResponseTime& r : snapshot.drone_responses)
                if (static_cast<std::size_t>(std::max(0.0, r.arrival_h)) == hour) ++drones, drone_sum += r.response_s;
            if (drones > 0)
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(drone_colour), "drones: %zu first arrivals, mean %s", drones,
                                   format_duration(drone_sum / static_cast<double>(drones)).c_str());
            ImGui::EndTooltip();
        }
    }
}

}  // namespace streetwise::viz
