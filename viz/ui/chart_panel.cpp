#include "viz/ui/chart_panel.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <utility>

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

// A series name for a CSV header: lower case, spaces and punctuation as underscores.
std::string column_name_part(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        out += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '_';
    }
    return out;
}

// The columns of one chart share its hours: the shorter ones are padded with zeros.
void pad_to_longest(std::vector<TimeSeriesColumn>& columns) {
    std::size_t hours = 0;
    for (const auto& c : columns) hours = std::max(hours, c.values.size());
    for (auto& c : columns) c.values.resize(hours, 0.0);
}

}  // namespace

std::vector<TimeSeriesColumn> channel_chart_columns(const FrameSnapshot& snapshot) {
    std::vector<TimeSeriesColumn> columns;
    for (std::size_t c = 0; c < snapshot.hourly_by_channel.size(); ++c) {
        const std::string channel = c < reporting_channel_count ? to_string(static_cast<ReportingChannel>(c)) : std::to_string(c);
        TimeSeriesColumn column;
        column.name = "channel_" + column_name_part(channel);
        column.unit = "crimes/h";
        column.description = "crimes that happened in the hour whose victim reported them to: " + channel;
        column.values = snapshot.hourly_by_channel[c];
        columns.push_back(std::move(column));
    }
    pad_to_longest(columns);
    return columns;
}

std::vector<TimeSeriesColumn> insecurity_chart_columns(const FrameSnapshot& snapshot) {
    std::vector<TimeSeriesColumn> columns;
    if (!snapshot.insecurity_hourly.empty()) {
        TimeSeriesColumn column;
        column.name = "insecurity_everyone";
        column.unit = "index 0-100";
        column.description = "insecurity (fear of crime) index in the hour, mean over all residents";
        column.values = snapshot.insecurity_hourly;
        columns.push_back(std::move(column));
    }
    for (std::size_t g = 0; g < snapshot.insecurity_hourly_by_group.size(); ++g) {
        const std::string group = g < snapshot.insecurity_groups.size() ? snapshot.insecurity_groups[g] : "group " + std::to_string(g);
        TimeSeriesColumn column;
        column.name = "insecurity_" + column_name_part(group);
        column.unit = "index 0-100";
        column.description = "insecurity (fear of crime) index in the hour, mean over the residents in the group " + group;
        column.values = snapshot.insecurity_hourly_by_group[g];
        columns.push_back(std::move(column));
    }
    pad_to_longest(columns);
    return columns;
}

ChannelSummary channel_summary(const FrameSnapshot& snapshot) {
    ChannelSummary summary;
    summary.crimes = snapshot.channel_totals();
    for (const std::uint64_t n : summary.crimes) summary.total += n;
    const auto nobody = static_cast<std::size_t>(ReportingChannel::nobody);
    if (summary.total > 0 && nobody < summary.crimes.size())
        summary.dark_figure_percent = 100.0 * static_cast<double>(summary.crimes[nobody]) / static_cast<double>(summary.total);
    return summary;
}

double ons_unsafe_after_dark_percent(const std::string& group) {
    // ONS 2021 (Perceptions of personal safety and experiences of harassment, Great Britain, 2 to 27
    // June 2021): would feel very or fairly unsafe walking alone after dark on a quiet street near home.
    const std::string name = column_name_part(group);
    if (name == "women" || name == "female" || name == "females") return 49.0;
    if (name == "men" || name == "male" || name == "males") return 15.0;
    return -1.0;
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

// Night (between the scenario's sunset and sunrise) shaded behind the series, so what changes after
// dark is seen at once. Nothing for the lattice models: their hours are not hours of a day.
void draw_night_shading(ImDrawList* draw_list, const FrameSnapshot& snapshot, HourRange range, ImVec2 plot_min, ImVec2 plot_max,
                        bool dark_background) {
    if (snapshot.model_time_per_step > 0) return;
    const double span = static_cast<double>(std::max<std::size_t>(range.end - range.first, 1));
    const float width = plot_max.x - plot_min.x;
    const auto x_of = [&](double hour) {
        return std::clamp(plot_min.x + static_cast<float>((hour - static_cast<double>(range.first)) / span) * width, plot_min.x,
                          plot_max.x);
    };
    const ImU32 shade = dark_background ? IM_COL32(255, 255, 255, 34) : IM_COL32(30, 34, 48, 28);
    // Walk the hours in quarter hours, merging the night ones into bands.
    const double first = static_cast<double>(range.first), end = static_cast<double>(range.end);
    double band_start = -1;
    for (double h = first; h <= end; h += 0.25) {
        const bool night = h < end && snapshot.is_night_at(h + 0.125);
        if (night && band_start < 0) band_start = h;
        if (!night && band_start >= 0) {
            draw_list->AddRectFilled({x_of(band_start), plot_min.y}, {x_of(h), plot_max.y}, shade);
            band_start = -1;
        }
    }
}

// The legend beside a chart: a swatch (none when 0) and a text per row, in as many columns as the
// height needs (large text on a projector).
struct LegendLine {
    ImU32 colour = 0;
    std::string text;
};
struct LegendLayout {
    float column_width = 0;
    int rows_per_column = 1;
    int columns = 0;
    float width() const { return column_width * static_cast<float>(columns); }
};
// The legend never takes more than `max_width`: in a low chart (large text, a small window) the
// plot keeps most of the width, and the rows that do not fit are cut (they are also in the tooltip
// or the header).
LegendLayout legend_layout(const std::vector<LegendLine>& rows, float height, float line, float max_width) {
    LegendLayout layout;
    for (const LegendLine& row : rows) layout.column_width = std::max(layout.column_width, ImGui::CalcTextSize(row.text.c_str()).x + line * 1.5f);
    layout.rows_per_column = std::max(1, static_cast<int>(std::max(height, line) / line));
    layout.columns = (static_cast<int>(rows.size()) + layout.rows_per_column - 1) / layout.rows_per_column;
    if (layout.width() > max_width && layout.columns > 0)
        layout.column_width = std::max(line * 4.0f, max_width / static_cast<float>(layout.columns));
    return layout;
}

// How many intervals an axis of `height` pixels has room for, labels a line high: up to 4.
int axis_ticks(float height, float line) { return std::clamp(static_cast<int>(height / (line * 1.2f)), 1, 4); }
void draw_legend(ImDrawList* draw_list, const std::vector<LegendLine>& rows, const LegendLayout& layout, ImVec2 at, float line,
                 ImU32 text_colour) {
    for (std::size_t row = 0; row < rows.size(); ++row) {
        const int column = static_cast<int>(row) / layout.rows_per_column;
        const float left = at.x + layout.column_width * static_cast<float>(column);
        draw_list->PushClipRect({left, at.y}, {left + layout.column_width - 4, at.y + line * static_cast<float>(layout.rows_per_column)}, true);
        const int r = static_cast<int>(row);
        const ImVec2 p(at.x + layout.column_width * static_cast<float>(r / layout.rows_per_column),
                       at.y + line * static_cast<float>(r % layout.rows_per_column));
        if (rows[row].colour != 0)
            draw_list->AddRectFilled({p.x, p.y + line * 0.3f}, {p.x + line * 0.9f, p.y + line * 0.7f}, rows[row].colour);
        draw_list->AddText({p.x + line * 1.2f, p.y}, text_colour, rows[row].text.c_str());
        draw_list->PopClipRect();
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

bool ChartPanel::offered(View chosen, const FrameSnapshot& snapshot) {
    switch (chosen) {
        case View::crimes: return true;
        case View::responses: return snapshot.has_responses_chart();
        case View::reporting: return snapshot.has_reporting_chart();
        case View::insecurity: return snapshot.has_insecurity_chart();
    }
    return false;
}

const char* ChartPanel::title(View shown) {
    switch (shown) {
        case View::crimes: break;
        case View::responses: return "Response times";
        case View::reporting: return "Reporting channels";
        case View::insecurity: return "Insecurity";
    }
    return "Crimes per hour";
}

std::vector<TimeSeriesColumn> ChartPanel::columns(const FrameSnapshot& snapshot, const std::vector<std::string>& type_names) const {
    switch (showing(snapshot)) {
        case View::reporting: return channel_chart_columns(snapshot);
        case View::insecurity: return insecurity_chart_columns(snapshot);
        case View::crimes:
        case View::responses: break;
    }
    return chart_columns(snapshot, type_names);
}

void ChartPanel::show(const FrameSnapshot& snapshot, const std::vector<std::string>& type_names, const Theme& theme,
                      const FrameSnapshot* compare) {
    // A choice only when there is one: most runs have the crimes alone.
    constexpr std::pair<View, const char*> choices[] = {{View::crimes, "crimes per hour"},
                                                        {View::responses, "response times"},
                                                        {View::reporting, "reporting channels"},
                                                        {View::insecurity, "insecurity"}};
    int offered_count = 0;
    for (const auto& [choice, label] : choices) offered_count += offered(choice, snapshot);
    if (offered_count > 1) {
        int chosen = static_cast<int>(showing(snapshot));
        for (const auto& [choice, label] : choices) {
            if (!offered(choice, snapshot)) continue;
            ImGui::RadioButton(label, &chosen, static_cast<int>(choice));
            ImGui::SameLine();
        }
        view = static_cast<View>(chosen);
    }
    switch (showing(snapshot)) {
        case View::responses: show_responses(snapshot, theme); break;
        case View::reporting: show_reporting(snapshot, theme); break;
        case View::insecurity: show_insecurity(snapshot, theme); break;
        case View::crimes: show_crimes(snapshot, type_names, theme, compare); break;
    }
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

void ChartPanel::show_reporting(const FrameSnapshot& snapshot, const Theme& theme) {
    ImGui::Checkbox("stacked", &channels_stacked);
    ImGui::SameLine();
    ImGui::Checkbox("last 48 h", &last_two_days);
    ImGui::SameLine();
    ImGui::TextDisabled("crimes per hour by whom the victim told%s", snapshot.model_time_per_step > 0 ? "" : "; shaded: night");

    const bool dark = theme.high_contrast;
    const auto channels = std::min<std::size_t>(snapshot.hourly_by_channel.size(), reporting_channel_count);
    std::size_t hours = 0;
    for (std::size_t c = 0; c < channels; ++c) hours = std::max(hours, snapshot.hourly_by_channel[c].size());
    const HourRange range = hour_range(snapshot, hours, last_two_days);
    const auto value = [&](std::size_t c, std::size_t h) {
        return h < snapshot.hourly_by_channel[c].size() ? snapshot.hourly_by_channel[c][h] : 0.0;
    };

    // The legend: each channel's crimes so far and share, the total, and the dark figure in words.
    const ChannelSummary summary = channel_summary(snapshot);
    const auto percent = [&](std::uint64_t n) {
        return summary.total > 0 ? 100.0 * static_cast<double>(n) / static_cast<double>(summary.total) : 0.0;
    };
    char label[192];
    std::vector<LegendLine> legend;
    for (std::size_t c = 0; c < reporting_channel_count; ++c) {
        const auto channel = static_cast<ReportingChannel>(c);
        const std::uint64_t n = c < summary.crimes.size() ? summary.crimes[c] : 0;
        std::snprintf(label, sizeof label, "%s: %llu (%.0f%%)", to_string(channel), static_cast<unsigned long long>(n), percent(n));
        legend.push_back({channel_colour(channel, dark), label});
    }
    // Few, short rows, so the legend leaves the plot room even in large text on a projector.
    if (summary.dark_figure_percent >= 0)
        std::snprintf(label, sizeof label, "%llu so far; dark figure %.0f%% (told nobody)",
                      static_cast<unsigned long long>(summary.total), summary.dark_figure_percent);
    else
        std::snprintf(label, sizeof label, "no crime yet: no dark figure");
    legend.push_back({0, label});
    if (snapshot.reporting_apps) {
        std::snprintf(label, sizeof label, "app alerts in the last hour: %zu", snapshot.alerts_in_last_hour());
        legend.push_back({0, label});
    }

    const float line = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const LegendLayout layout = legend_layout(legend, avail.y - line, line, 0.5f * avail.x);
    const float axis_left = ImGui::CalcTextSize("0000").x + 8;
    const float axis_bottom = line * 1.2f;
    // The unit on a line of its own above the axis, clear of the bars.
    const ImVec2 plot_min(origin.x + axis_left, origin.y + line);
    const ImVec2 plot_max(origin.x + std::max(avail.x - layout.width() - 10, axis_left + 50), origin.y + std::max(avail.y - axis_bottom, line + 40.0f));

    double y_max = 1;
    for (std::size_t h = range.first; h < hours; ++h) {
        double stack = 0;
        for (std::size_t c = 0; c < channels; ++c) {
            stack += value(c, h);
            y_max = std::max(y_max, channels_stacked ? stack : value(c, h));
        }
    }
    const float height = plot_max.y - plot_min.y;
    const double y_step = nice_step(y_max, axis_ticks(height, line));
    y_max = std::ceil(y_max / y_step) * y_step;

    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    const ImU32 axis_colour = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const ImU32 text_colour = ImGui::GetColorU32(ImGuiCol_Text);
    const float width = plot_max.x - plot_min.x;
    const double span = static_cast<double>(std::max<std::size_t>(range.end - range.first, 1));
    const auto x_of = [&](double hour) { return plot_min.x + static_cast<float>((hour - static_cast<double>(range.first)) / span) * width; };
    const auto y_of = [&](double v) { return plot_max.y - static_cast<float>(v / y_max) * height; };

    draw_night_shading(draw_list, snapshot, range, plot_min, plot_max, dark);
    for (double v = 0; v <= y_max + 1e-9; v += y_step) {
        draw_list->AddLine({plot_min.x, y_of(v)}, {plot_max.x, y_of(v)}, IM_COL32(128, 128, 128, 50));
        std::snprintf(label, sizeof label, "%g", v);
        draw_list->AddText({origin.x, y_of(v) - line * 0.5f}, axis_colour, label);
    }
    draw_hour_ticks(draw_list, snapshot, range, plot_min, plot_max, axis_colour);
    draw_list->AddRect(plot_min, plot_max, axis_colour);
    draw_list->AddText({plot_min.x + 4, origin.y}, axis_colour, "crimes/h");

    draw_list->PushClipRect(plot_min, plot_max, true);
    if (channels_stacked) {
        // A bar per hour, the channels stacked in their order: the dark figure on top.
        const float gap = std::min(2.0f, 0.15f * width / static_cast<float>(span));
        for (std::size_t h = range.first; h < hours; ++h) {
            double base = 0;
            for (std::size_t c = 0; c < channels; ++c) {
                const double v = value(c, h);
                if (v <= 0) continue;
                draw_list->AddRectFilled({x_of(static_cast<double>(h)) + gap, y_of(base + v)},
                                         {x_of(static_cast<double>(h + 1)) - gap, y_of(base)},
                                         channel_colour(static_cast<ReportingChannel>(c), dark));
                base += v;
            }
        }
    } else {
        for (std::size_t c = 0; c < channels; ++c) {
            const ImU32 colour = channel_colour(static_cast<ReportingChannel>(c), dark);
            ImVec2 previous;
            for (std::size_t h = range.first; h < snapshot.hourly_by_channel[c].size(); ++h) {
                const ImVec2 p(x_of(static_cast<double>(h) + 0.5), y_of(value(c, h)));
                if (h > range.first) draw_list->AddLine(previous, p, colour, 2.0f * theme.font_scale);
                previous = p;
            }
        }
    }
    const double now_h = snapshot.hours_elapsed();
    draw_list->AddLine({x_of(now_h), plot_min.y}, {x_of(now_h), plot_max.y}, text_colour, 1.0f);
    draw_list->PopClipRect();
    draw_legend(draw_list, legend, layout, {plot_max.x + 10, plot_min.y}, line, text_colour);

    ImGui::InvisibleButton("channels", {std::max(1.0f, avail.x), std::max(1.0f, avail.y)});
    if (ImGui::IsItemHovered()) {
        const float mx = ImGui::GetIO().MousePos.x;
        if (mx >= plot_min.x && mx <= plot_max.x) {
            const auto hour = static_cast<std::size_t>(static_cast<double>(range.first) + (mx - plot_min.x) / width * span);
            ImGui::BeginTooltip();
            ImGui::Text("day %zu, %02zu:00-%02zu:59", hour / 24, hour % 24, hour % 24);
            for (std::size_t c = 0; c < channels; ++c) {
                const auto channel = static_cast<ReportingChannel>(c);
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(channel_colour(channel, dark)), "%s: %g crimes/h", to_string(channel),
                                   value(c, hour));
            }
            std::string apps;
            for (const std::string& name : snapshot.app_names) apps += (apps.empty() ? "apps: " : ", ") + name;
            if (!apps.empty()) ImGui::TextDisabled("%s", apps.c_str());
            ImGui::EndTooltip();
        }
    }
}

void ChartPanel::show_insecurity(const FrameSnapshot& snapshot, const Theme& theme) {
    ImGui::Checkbox("last 48 h", &last_two_days);
    ImGui::SameLine();
    ImGui::TextDisabled("insecurity (fear of crime): index 0-100, mean per hour over the residents%s",
                        snapshot.model_time_per_step > 0 ? "" : "; shaded: night");

    const bool dark = theme.high_contrast;
    // Everyone in the text's colour, thicker; the groups in the chart series' colours.
    std::vector<std::pair<const std::vector<double>*, std::string>> series;
    if (!snapshot.insecurity_hourly.empty()) series.emplace_back(&snapshot.insecurity_hourly, "everyone");
    for (std::size_t g = 0; g < snapshot.insecurity_hourly_by_group.size(); ++g)
        series.emplace_back(&snapshot.insecurity_hourly_by_group[g],
                            g < snapshot.insecurity_groups.size() ? snapshot.insecurity_groups[g] : "group " + std::to_string(g));
    const ImU32 text_colour = ImGui::GetColorU32(ImGuiCol_Text);
    const bool has_everyone = !snapshot.insecurity_hourly.empty();
    const auto colour_of = [&](std::size_t i) {
        return has_everyone && i == 0 ? text_colour : series_colour(static_cast<int>(has_everyone ? i - 1 : i));
    };
    std::size_t hours = 0;
    for (const auto& [values, name] : series) hours = std::max(hours, values->size());
    const HourRange range = hour_range(snapshot, hours, last_two_days);

    // The legend: each series' latest hour, then the after-dark shares beside the survey's.
    char label[192];
    std::vector<LegendLine> legend;
    for (std::size_t i = 0; i < series.size(); ++i) {
        const auto& values = *series[i].first;
        if (values.empty())
            std::snprintf(label, sizeof label, "%s: -", series[i].second.c_str());
        else
            std::snprintf(label, sizeof label, "%s: %.0f", series[i].second.c_str(), values.back());  // the latest hour
        legend.push_back({colour_of(i), label});
    }
    bool women_or_men = false;
    if (!snapshot.unsafe_after_dark_percent.empty()) {
        legend.push_back({0, "unsafe after dark (ONS 2021):"});
        for (std::size_t g = 0; g < snapshot.unsafe_after_dark_percent.size(); ++g) {
            const std::string group = g < snapshot.insecurity_groups.size() ? snapshot.insecurity_groups[g] : "group " + std::to_string(g);
            const double reference = ons_unsafe_after_dark_percent(group);
            women_or_men |= reference >= 0;
            if (reference >= 0)
                std::snprintf(label, sizeof label, "  %s: %.0f%% (%.0f%%)", group.c_str(), snapshot.unsafe_after_dark_percent[g],
                              reference);
            else
                std::snprintf(label, sizeof label, "  %s: %.0f%%", group.c_str(), snapshot.unsafe_after_dark_percent[g]);
            legend.push_back({0, label});
        }
    }
    if (!women_or_men) legend.push_back({0, "ONS 2021, unsafe after dark: women 49%, men 15%"});

    const float line = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const LegendLayout layout = legend_layout(legend, avail.y - line, line, 0.5f * avail.x);
    const float axis_left = ImGui::CalcTextSize("000").x + 8;
    const float axis_bottom = line * 1.2f;
    const ImVec2 plot_min(origin.x + axis_left, origin.y + line);  // the unit above the axis
    const ImVec2 plot_max(origin.x + std::max(avail.x - layout.width() - 10, axis_left + 50), origin.y + std::max(avail.y - axis_bottom, line + 40.0f));
    const float width = plot_max.x - plot_min.x;
    const float height = plot_max.y - plot_min.y;
    const double span = static_cast<double>(std::max<std::size_t>(range.end - range.first, 1));
    const auto x_of = [&](double hour) { return plot_min.x + static_cast<float>((hour - static_cast<double>(range.first)) / span) * width; };
    // The index's whole range, always: a rise from 20 to 25 should look like the small step it is.
    const auto y_of = [&](double v) { return plot_max.y - static_cast<float>(std::clamp(v, 0.0, 100.0) / 100.0) * height; };

    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    const ImU32 axis_colour = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    draw_night_shading(draw_list, snapshot, range, plot_min, plot_max, dark);
    const int index_step = axis_ticks(height, line) >= 4 ? 25 : 50;
    for (int v = 0; v <= 100; v += index_step) {
        draw_list->AddLine({plot_min.x, y_of(v)}, {plot_max.x, y_of(v)}, IM_COL32(128, 128, 128, 50));
        std::snprintf(label, sizeof label, "%d", v);
        draw_list->AddText({origin.x, y_of(v) - line * 0.5f}, axis_colour, label);
    }
    draw_hour_ticks(draw_list, snapshot, range, plot_min, plot_max, axis_colour);
    draw_list->AddRect(plot_min, plot_max, axis_colour);
    draw_list->AddText({plot_min.x + 4, origin.y}, axis_colour, "insecurity index, 0-100");

    draw_list->PushClipRect(plot_min, plot_max, true);
    for (std::size_t i = 0; i < series.size(); ++i) {
        const auto& values = *series[i].first;
        const float thickness = (has_everyone && i == 0 ? 3.0f : 2.0f) * theme.font_scale;
        ImVec2 previous;
        for (std::size_t h = range.first; h < values.size(); ++h) {
            const ImVec2 p(x_of(static_cast<double>(h) + 0.5), y_of(values[h]));
            if (h > range.first) draw_list->AddLine(previous, p, colour_of(i), thickness);
            else if (values.size() == 1) draw_list->AddCircleFilled(p, thickness * 1.5f, colour_of(i), 8);  // one hour: a point
            previous = p;
        }
    }
    const double now_h = snapshot.hours_elapsed();
    draw_list->AddLine({x_of(now_h), plot_min.y}, {x_of(now_h), plot_max.y}, text_colour, 1.0f);
    draw_list->PopClipRect();
    draw_legend(draw_list, legend, layout, {plot_max.x + 10, plot_min.y}, line, text_colour);

    ImGui::InvisibleButton("insecurity", {std::max(1.0f, avail.x), std::max(1.0f, avail.y)});
    if (ImGui::IsItemHovered()) {
        const float mx = ImGui::GetIO().MousePos.x;
        if (mx >= plot_min.x && mx <= plot_max.x) {
            const auto hour = static_cast<std::size_t>(static_cast<double>(range.first) + (mx - plot_min.x) / width * span);
            ImGui::BeginTooltip();
            ImGui::Text("day %zu, %02zu:00-%02zu:59%s", hour / 24, hour % 24, hour % 24,
                        snapshot.is_night_at(static_cast<double>(hour) + 0.5) ? " (night)" : "");
            for (std::size_t i = 0; i < series.size(); ++i)
                if (hour < series[i].first->size())
                    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colour_of(i)), "%s: %.1f", series[i].second.c_str(),
                                       (*series[i].first)[hour]);
            ImGui::EndTooltip();
        }
    }
}

}  // namespace streetwise::viz
