#pragma once
// Charts as inline SVG text, drawn from plain numbers, for the HTML report (analysis/html_report):
// a time series with bands, horizontal bars with error bars, and a street map coloured by change.
// Everything is computed here in C++ so the report needs no script library, no font and no network,
// and the same numbers always give the same bytes (coordinates are printed with fixed decimals).
// Colours are colour-blind safe: the series palette is Okabe and Ito's; the map's diverging scale is
// ColorBrewer's red-blue, whose ends stay distinct under the common colour-vision deficiencies.
#include <string>
#include <string_view>
#include <vector>

namespace streetwise::analysis {

// Text safe inside HTML or SVG elements and attribute values: & < > " ' become entities.
std::string xml_escape(std::string_view text);

// A coordinate or value with `decimals` decimals; never "-0.0".
std::string fixed_decimals(double value, int decimals);

// Round axis ticks (1, 2 or 5 times a power of ten) covering [low, high], at most about max_ticks.
std::vector<double> nice_ticks(double low, double high, int max_ticks);

// The palette of series colours: the baseline's first, then the variants' (Okabe-Ito, without the
// yellow that disappears on white paper); index wraps around.
std::string series_colour(std::size_t index);

struct SvgSeries {
    std::string label;           // legend text
    std::string colour;          // "#rrggbb"
    std::vector<double> mean;    // the line
    std::vector<double> low;     // the band; empty: no band
    std::vector<double> high;
};

struct LineChart {
    std::string id;              // unique in the document: ids of <title> and <desc>
    std::string title;           // what the chart shows (the SVG's <title>)
    std::string description;     // how to read it (the SVG's <desc>)
    std::string x_label;         // e.g. "hour since the start"
    std::string y_label;         // e.g. "crimes per hour"
    double x_tick_step = 0;      // > 0: ticks every so many points; 0: chosen automatically
    std::vector<SvgSeries> series;  // all of the same length; point i is drawn at x = i + 0.5
};
std::string svg_line_chart(const LineChart& chart);

struct BarRow {
    std::string label;           // outcome name, left of the bar
    bool valid = true;           // false: no value (e.g. relative change of a zero baseline)
    double value = 0;            // bar from 0 to value
    double low = 0;              // error bar
    double high = 0;
    bool emphasised = true;      // false: drawn pale (the interval covers 0)
    std::string value_text;      // right of the chart, e.g. "+12% (+3% to +25%)"
};

struct BarChart {
    std::string id;
    std::string title;
    std::string description;
    std::string x_label;         // e.g. "change to the baseline (%)"
    std::string colour;
    std::vector<BarRow> rows;
};
std::string svg_bar_chart(const BarChart& chart);

struct MapSegment {
    double x0_m = 0, y0_m = 0, x1_m = 0, y1_m = 0;  // ends in local metres, x east, y north
};

// The map's colour for a change per segment: blue for fewer crimes, red for more, darker the larger
// |change| is relative to max_abs_change (three steps each side); light grey for exactly no change.
std::string change_colour(double change, double max_abs_change);

struct ChangeMap {
    std::string id;
    std::string title;
    std::string description;
    std::string change_label;          // legend caption, e.g. "change in crimes per segment per run"
    std::vector<MapSegment> segments;
    std::vector<double> change;        // per segment, same length
};
std::string svg_change_map(const ChangeMap& map);

}  // namespace streetwise::analysis
