#include "analysis/svg_chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

namespace streetwise::analysis {

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string fixed_decimals(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    std::string s = text;
    // "-0.0" reads as a sign error on an axis and would make equal charts differ by a sign bit.
    if (s.find_first_not_of("-0.") == std::string::npos && s[0] == '-') s.erase(0, 1);
    return s;
}

std::vector<double> nice_ticks(double low, double high, int max_ticks) {
    if (!(high > low)) high = low + 1;
    const double raw_step = (high - low) / std::max(1, max_ticks);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw_step)));
    double step = magnitude;
    for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
        step = factor * magnitude;
        if (step >= raw_step) break;
    }
    std::vector<double> ticks;
    // Integer multiples of the step, so ticks land exactly on round numbers.
    const auto first = static_cast<long long>(std::ceil(low / step - 1e-9));
    const auto last = static_cast<long long>(std::floor(high / step + 1e-9));
    for (long long i = first; i <= last; ++i) ticks.push_back(static_cast<double>(i) * step);
    return ticks;
}

std::string series_colour(std::size_t index) {
    // Okabe and Ito (2008): black (as dark grey), blue, vermillion, bluish green, reddish purple,
    // orange, sky blue.
    static constexpr std::array<const char*, 7> palette{"#444444", "#0072b2", "#d55e00", "#009e73",
                                                        "#cc79a7", "#e69f00", "#56b4e9"};
    return palette[index % palette.size()];
}

namespace {

std::string px(double value) { return fixed_decimals(value, 1); }

// Decimals that tell ticks `step` apart.
int tick_decimals(double step) {
    if (step >= 1) return 0;
    return std::min(6, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
}

// The opening of a chart's <svg>: scalable, labelled for screen readers by its title and description.
std::string svg_open(const std::string& id, double width, double height, const std::string& title,
                     const std::string& description) {
    return "<svg class=\"chart\" id=\"" + xml_escape(id) + "\" viewBox=\"0 0 " + px(width) + " " + px(height) +
           "\" width=\"" + px(width) + "\" height=\"" + px(height) + "\" role=\"img\" aria-labelledby=\"" +
           xml_escape(id) + "-title " + xml_escape(id) + "-desc\">\n<title id=\"" + xml_escape(id) + "-title\">" +
           xml_escape(title) + "</title>\n<desc id=\"" + xml_escape(id) + "-desc\">" + xml_escape(description) +
           "</desc>\n";
}

std::string text(double x, double y, const std::string& content, const std::string& attributes = "") {
    return "<text x=\"" + px(x) + "\" y=\"" + px(y) + "\"" + (attributes.empty() ? "" : " " + attributes) + ">" +
           xml_escape(content) + "</text>\n";
}

std::string line(double x0, double y0, double x1, double y1, const std::string& attributes) {
    return "<line x1=\"" + px(x0) + "\" y1=\"" + px(y0) + "\" x2=\"" + px(x1) + "\" y2=\"" + px(y1) + "\" " +
           attributes + "/>\n";
}

// A rough text width for laying out legends (no font metrics without a browser): 0.6 em per character.
double text_width(const std::string& content, double font_px) {
    return 0.6 * font_px * static_cast<double>(content.size());
}

}  // namespace

std::string svg_line_chart(const LineChart& chart) {
    constexpr double width = 1000, left = 90, right = 24, bottom = 76, plot_h = 300, legend_row_h = 32;
    constexpr double plot_w = width - left - right;
    // The legend above the plot, one swatch per series, wrapped into as many rows as it needs.
    struct LegendItem {
        double x, y;
    };
    std::vector<LegendItem> legend;
    double legend_x = left, legend_y = 18;
    for (const SvgSeries& s : chart.series) {
        const double item_w = 40 + text_width(s.label, 20) + 36;
        if (legend_x > left && legend_x + item_w > width - right) {
            legend_x = left;
            legend_y += legend_row_h;
        }
        legend.push_back({legend_x, legend_y});
        legend_x += item_w;
    }
    const double top = legend_y + legend_row_h + 14, height = top + plot_h + bottom;
    std::size_t points = 0;
    double y_max = 0;
    for (const SvgSeries& s : chart.series) {
        points = std::max(points, s.mean.size());
        for (const double v : s.mean) y_max = std::max(y_max, v);
        for (const double v : s.high) y_max = std::max(y_max, v);
    }
    if (!(y_max > 0)) y_max = 1;
    std::vector<double> y_ticks = nice_ticks(0, y_max, 6);
    // The axis ends on the first round tick at or above the highest band, so no band is cut off.
    if (y_ticks.size() >= 2 && y_ticks.back() < y_max) y_ticks.push_back(y_ticks.back() + (y_ticks[1] - y_ticks[0]));
    const double y_top = std::max(y_ticks.back(), y_max);
    const double x_span = static_cast<double>(std::max<std::size_t>(points, 1));
    auto sx = [&](double x) { return left + plot_w * x / x_span; };
    auto sy = [&](double y) { return top + plot_h * (1.0 - y / y_top); };

    std::string svg = svg_open(chart.id, width, height, chart.title, chart.description);
    svg += "<rect x=\"" + px(left) + "\" y=\"" + px(top) + "\" width=\"" + px(plot_w) + "\" height=\"" + px(plot_h) +
           "\" fill=\"#ffffff\" stroke=\"#bbbbbb\"/>\n";
    const int y_decimals = y_ticks.size() > 1 ? tick_decimals(y_ticks[1] - y_ticks[0]) : 0;
    for (const double t : y_ticks) {
        svg += line(left, sy(t), left + plot_w, sy(t), "stroke=\"#e3e3e3\" stroke-width=\"1\"");
        svg += text(left - 10, sy(t) + 6, fixed_decimals(t, y_decimals), "class=\"tick\" text-anchor=\"end\"");
    }
    const std::vector<double> x_ticks = [&] {
        if (chart.x_tick_step <= 0) return nice_ticks(0, x_span, 10);
        std::vector<double> ticks;
        for (double t = 0; t <= x_span + 1e-9; t += chart.x_tick_step) ticks.push_back(t);
        return ticks;
    }();
    const int x_decimals = x_ticks.size() > 1 ? tick_decimals(x_ticks[1] - x_ticks[0]) : 0;
    for (const double t : x_ticks) {
        svg += line(sx(t), top + plot_h, sx(t), top + plot_h + 8, "stroke=\"#555555\" stroke-width=\"1.5\"");
        svg += text(sx(t), top + plot_h + 30, fixed_decimals(t, x_decimals), "class=\"tick\" text-anchor=\"middle\"");
    }
    svg += text(left + plot_w / 2, height - 12, chart.x_label, "class=\"axis\" text-anchor=\"middle\"");
    svg += text(22, top + plot_h / 2, chart.y_label,
                "class=\"axis\" text-anchor=\"middle\" transform=\"rotate(-90 22 " + px(top + plot_h / 2) + ")\"");

    // Bands first, so every mean line is drawn over every band.
    for (const SvgSeries& s : chart.series) {
        if (s.low.empty() || s.low.size() != s.mean.size() || s.high.size() != s.mean.size()) continue;
        std::string d;
        for (std::size_t i = 0; i < s.high.size(); ++i)
            d += (i ? " L" : "M") + px(sx(static_cast<double>(i) + 0.5)) + " " + px(sy(s.high[i]));
        for (std::size_t i = s.low.size(); i-- > 0;)
            d += " L" + px(sx(static_cast<double>(i) + 0.5)) + " " + px(sy(std::max(0.0, s.low[i])));
        svg += "<path class=\"band\" d=\"" + d + " Z\" fill=\"" + s.colour + "\" fill-opacity=\"0.18\" stroke=\"none\"/>\n";
    }
    for (const SvgSeries& s : chart.series) {
        std::string points_text;
        for (std::size_t i = 0; i < s.mean.size(); ++i)
            points_text += (i ? " " : "") + px(sx(static_cast<double>(i) + 0.5)) + "," + px(sy(s.mean[i]));
        svg += "<polyline class=\"mean\" points=\"" + points_text + "\" fill=\"none\" stroke=\"" + s.colour +
               "\" stroke-width=\"3\" stroke-linejoin=\"round\"><title>" + xml_escape(s.label) + "</title></polyline>\n";
    }
    for (std::size_t i = 0; i < chart.series.size(); ++i) {
        const SvgSeries& s = chart.series[i];
        const double x = legend[i].x, y = legend[i].y;
        svg += "<rect x=\"" + px(x) + "\" y=\"" + px(y) + "\" width=\"30\" height=\"18\" fill=\"" + s.colour +
               "\" fill-opacity=\"0.18\"/>\n";
        svg += line(x, y + 9, x + 30, y + 9, "stroke=\"" + s.colour + "\" stroke-width=\"4\"");
        svg += text(x + 40, y + 16, s.label, "class=\"legend\"");
    }
    return svg + "</svg>\n";
}

std::string svg_bar_chart(const BarChart& chart) {
    constexpr double width = 1000, left = 250, right = 270, top = 20, row_h = 44, bottom = 76;
    constexpr double plot_w = width - left - right;
    const double plot_h = row_h * static_cast<double>(std::max<std::size_t>(chart.rows.size(), 1));
    const double height = top + plot_h + bottom;
    double x_min = 0, x_max = 0;
    for (const BarRow& r : chart.rows) {
        if (!r.valid) continue;
        x_min = std::min({x_min, r.value, r.low});
        x_max = std::max({x_max, r.value, r.high});
    }
    if (x_max - x_min <= 0) x_max = x_min + 1;
    const double pad = 0.05 * (x_max - x_min);
    std::vector<double> ticks = nice_ticks(x_min - (x_min < 0 ? pad : 0), x_max + (x_max > 0 ? pad : 0), 6);
    const double lo = std::min(ticks.front(), x_min), hi = std::max(ticks.back(), x_max);
    auto sx = [&](double v) { return left + plot_w * (v - lo) / (hi - lo); };

    std::string svg = svg_open(chart.id, width, height, chart.title, chart.description);
    // Alternate rows shaded first, so the grid lines stay visible over them.
    for (std::size_t i = 1; i < chart.rows.size(); i += 2)
        svg += "<rect x=\"0\" y=\"" + px(top + row_h * static_cast<double>(i)) + "\" width=\"" + px(width) +
               "\" height=\"" + px(row_h) + "\" fill=\"#f4f4f4\"/>\n";
    const int decimals = ticks.size() > 1 ? tick_decimals(ticks[1] - ticks[0]) : 0;
    for (const double t : ticks) {
        svg += line(sx(t), top, sx(t), top + plot_h, "stroke=\"#e3e3e3\" stroke-width=\"1\"");
        svg += text(sx(t), top + plot_h + 30, (t > 0 ? "+" : "") + fixed_decimals(t, decimals),
                    "class=\"tick\" text-anchor=\"middle\"");
    }
    svg += text(left + plot_w / 2, height - 12, chart.x_label, "class=\"axis\" text-anchor=\"middle\"");
    for (std::size_t i = 0; i < chart.rows.size(); ++i) {
        const BarRow& r = chart.rows[i];
        const double y = top + row_h * static_cast<double>(i), mid = y + row_h / 2;
        svg += text(left - 14, mid + 7, r.label, "class=\"label\" text-anchor=\"end\"");
        svg += text(left + plot_w + 14, mid + 7, r.value_text, "class=\"value\"");
        if (!r.valid) continue;
        const double x0 = sx(std::min(0.0, r.value)), x1 = sx(std::max(0.0, r.value));
        svg += "<rect class=\"bar\" x=\"" + px(x0) + "\" y=\"" + px(mid - 12) + "\" width=\"" +
               px(std::max(x1 - x0, 1.0)) + "\" height=\"24\" fill=\"" + chart.colour + "\" fill-opacity=\"" +
               (r.emphasised ? "0.9" : "0.3") + "\" stroke=\"" + chart.colour + "\" stroke-width=\"1.5\"><title>" +
               xml_escape(r.label + ": " + r.value_text) + "</title></rect>\n";
        const std::string whisker = "stroke=\"#111111\" stroke-width=\"2.5\"";
        svg += line(sx(r.low), mid, sx(r.high), mid, whisker);
        svg += line(sx(r.low), mid - 9, sx(r.low), mid + 9, whisker);
        svg += line(sx(r.high), mid - 9, sx(r.high), mid + 9, whisker);
    }
    // No difference: the line every interval is read against, over the bars so it is always visible.
    svg += line(sx(0), top - 6, sx(0), top + plot_h + 6, "class=\"zero\" stroke=\"#000000\" stroke-width=\"2.5\"");
    return svg + "</svg>\n";
}

namespace {
// ColorBrewer RdBu, the six darkest classes: pale ends vanish on white paper and projectors.
constexpr std::array<const char*, 3> fewer_colours{"#92c5de", "#4393c3", "#2166ac"};
constexpr std::array<const char*, 3> more_colours{"#f4a582", "#d6604d", "#b2182b"};
constexpr const char* no_change_colour = "#d4d4d4";

// 0 for no change, else 1 to 3: which third of max_abs_change |change| falls in.
int change_level(double change, double max_abs_change) {
    if (change == 0.0 || !(max_abs_change > 0)) return 0;
    const double share = std::fabs(change) / max_abs_change;
    return std::clamp(static_cast<int>(std::ceil(3.0 * share - 1e-12)), 1, 3);
}
}  // namespace

std::string change_colour(double change, double max_abs_change) {
    const int level = change_level(change, max_abs_change);
    if (level == 0) return no_change_colour;
    const auto index = static_cast<std::size_t>(level - 1);
    return change < 0 ? fewer_colours[index] : more_colours[index];
}

std::string svg_change_map(const ChangeMap& map) {
    constexpr double width = 1000, max_map_h = 760, pad = 16, legend_h = 110;
    double min_x = std::numeric_limits<double>::max(), min_y = min_x;
    double max_x = std::numeric_limits<double>::lowest(), max_y = max_x;
    for (const MapSegment& s : map.segments) {
        min_x = std::min({min_x, s.x0_m, s.x1_m});
        max_x = std::max({max_x, s.x0_m, s.x1_m});
        min_y = std::min({min_y, s.y0_m, s.y1_m});
        max_y = std::max({max_y, s.y0_m, s.y1_m});
    }
    if (map.segments.empty()) min_x = min_y = 0, max_x = max_y = 1;
    const double span_x = std::max(max_x - min_x, 1.0), span_y = std::max(max_y - min_y, 1.0);
    const double scale = std::min((width - 2 * pad) / span_x, (max_map_h - 2 * pad) / span_y);
    const double map_w = span_x * scale, map_h = span_y * scale;
    const double offset_x = (width - map_w) / 2;
    const double height = map_h + 2 * pad + legend_h;
    // North up: SVG's y grows downwards.
    auto sx = [&](double x) { return offset_x + (x - min_x) * scale; };
    auto sy = [&](double y) { return pad + (max_y - y) * scale; };

    double max_abs = 0;
    for (const double c : map.change) max_abs = std::max(max_abs, std::fabs(c));
    // One path per colour class: a few elements instead of one per segment keeps large cities small,
    // and drawing classes from no change up to the largest puts the strongest changes on top.
    std::array<std::string, 7> paths;  // 0: no change; 1-3: fewer; 4-6: more
    for (std::size_t i = 0; i < map.segments.size() && i < map.change.size(); ++i) {
        const int level = change_level(map.change[i], max_abs);
        const std::size_t slot = level == 0 ? 0 : static_cast<std::size_t>(level) + (map.change[i] < 0 ? 0u : 3u);
        const MapSegment& s = map.segments[i];
        paths[slot] += "M" + px(sx(s.x0_m)) + " " + px(sy(s.y0_m)) + "L" + px(sx(s.x1_m)) + " " + px(sy(s.y1_m));
    }
    std::string svg = svg_open(map.id, width, height, map.title, map.description);
    svg += "<rect x=\"0\" y=\"0\" width=\"" + px(width) + "\" height=\"" + px(map_h + 2 * pad) +
           "\" fill=\"#ffffff\"/>\n";
    auto draw = [&](std::size_t slot, const std::string& colour, double stroke_px, const std::string& label) {
        if (paths[slot].empty()) return;
        svg += "<path class=\"segments\" d=\"" + paths[slot] + "\" fill=\"none\" stroke=\"" + colour +
               "\" stroke-width=\"" + px(stroke_px) + "\" stroke-linecap=\"round\"><title>" + xml_escape(label) +
               "</title></path>\n";
    };
    draw(0, no_change_colour, 1.2, "no change");
    // Wider lines for larger changes: still readable in black-and-white print.
    for (int level = 1; level <= 3; ++level) {
        const auto i = static_cast<std::size_t>(level - 1);
        draw(static_cast<std::size_t>(level), fewer_colours[i], 1.5 + 1.5 * level, "fewer crimes");
        draw(static_cast<std::size_t>(level) + 3, more_colours[i], 1.5 + 1.5 * level, "more crimes");
    }

    // Legend: six classes from the largest decrease to the largest increase, with their limits.
    const double legend_top = map_h + 2 * pad + 14, box_w = 90, box_h = 22;
    const double legend_left = (width - 6 * box_w) / 2;
    if (max_abs > 0) {
        const std::array<const char*, 6> colours{fewer_colours[2], fewer_colours[1], fewer_colours[0],
                                                 more_colours[0],  more_colours[1],  more_colours[2]};
        for (std::size_t i = 0; i < colours.size(); ++i)
            svg += "<rect x=\"" + px(legend_left + box_w * static_cast<double>(i)) + "\" y=\"" + px(legend_top) +
                   "\" width=\"" + px(box_w) + "\" height=\"" + px(box_h) + "\" fill=\"" + colours[i] + "\"/>\n";
        const int decimals = max_abs >= 30 ? 0 : (max_abs >= 3 ? 1 : 2);
        for (int edge = 0; edge <= 6; ++edge) {
            const double value = max_abs * (edge - 3) / 3.0;
            svg += text(legend_left + box_w * edge, legend_top + box_h + 24,
                        (value > 0 ? "+" : "") + fixed_decimals(value, decimals), "class=\"tick\" text-anchor=\"middle\"");
        }
        svg += text(legend_left - 12, legend_top + 17, "fewer", "class=\"legend\" text-anchor=\"end\"");
        svg += text(legend_left + 6 * box_w + 12, legend_top + 17, "more", "class=\"legend\"");
    } else {
        svg += text(width / 2, legend_top + 17, "no segment changed", "class=\"legend\" text-anchor=\"middle\"");
    }
    svg += line(pad, legend_top + box_h + 60, pad + 40, legend_top + box_h + 60,
                std::string("stroke=\"") + no_change_colour + "\" stroke-width=\"3\"");
    svg += text(pad + 50, legend_top + box_h + 66, "no change", "class=\"legend\"");
    svg += text(width / 2, legend_top + box_h + 66, map.change_label, "class=\"legend\" text-anchor=\"middle\"");
    return svg + "</svg>\n";
}

}  // namespace streetwise::analysis
