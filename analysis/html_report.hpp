#pragma once
// Workshop minutes as one self-contained HTML file: headlines, a bar chart of each variant's change to
// the baseline with 95% intervals, time series with bands across replicates, a map of change per
// street segment, the comparison table, the scenario texts and provenance. Pure rendering from plain
// data (no HDF5, no simulation): `streetwise report` fills ReportData from run files and a comparison
// JSON, `streetwise compare --report` from the runs in memory, and both give the same bytes.
// The output has inline CSS and inline SVG only (no script library, font or URL: it works offline
// and prints), no date (the same data give the same file), and a short script at the end that sets
// document.body.dataset.rendered = "ok" once every chart has a non-empty bounding box, which the
// headless-browser test reads.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/replicate_comparison.hpp"
#include "analysis/svg_chart.hpp"

namespace streetwise::analysis {

// One hourly column of every replicate of a scenario.
struct ReportSeries {
    std::string name;    // column name in the run file, e.g. "crimes"
    std::string title;   // what it counts, e.g. "All crime"
    std::string unit;    // e.g. "crimes"
    std::vector<std::vector<double>> replicates;  // [replicate][hour]; replicates in seed order
};

struct ReportScenario {
    std::string name;
    std::string scenario_yaml;           // resolved scenario text of its first replicate
    std::vector<std::uint64_t> seeds;    // of the runs below, ascending
    std::vector<ReportSeries> series;    // the same columns, in the same order, in every scenario
    std::vector<std::vector<double>> segment_crimes;  // [replicate][segment]; empty: no map
};

// Each variant's paired comparison to the baseline, outcome by outcome.
struct ReportComparison {
    std::vector<std::string> outcomes;
    std::vector<std::vector<PairedComparison>> variants;  // [variant - 1][outcome]
    std::vector<std::uint64_t> seeds;                     // the replicates' seeds, ascending
};

// values[scenario][outcome][replicate], baseline first, at least 2 scenarios and 2 replicates.
ReportComparison compare_replicates(const std::vector<std::string>& outcomes,
                                    const std::vector<std::vector<std::vector<double>>>& values,
                                    const std::vector<std::uint64_t>& seeds);

struct ReportData {
    std::string title;
    std::string streetwise_version;      // of the runs, e.g. "0.1.0"
    std::string city_name;
    std::string city_fingerprint;
    std::vector<ReportScenario> scenarios;  // baseline first
    std::vector<MapSegment> segments;       // the street map; empty: no maps
    std::optional<ReportComparison> comparison;
    std::vector<std::string> notes;         // what the report could not show, and why
};

// How a band across replicates is drawn: a 95% confidence interval of the mean (Student's t) from 3
// replicates on, the range (min to max) with 2 (a t interval from 2 values is 12.7 standard errors
// wide and says little), nothing with 1.
enum class BandKind { none, min_max, ci95 };
struct Band {
    BandKind kind = BandKind::none;
    std::vector<double> mean, low, high;  // per time point
};
// replicates[k][t]; every replicate as long as the first.
Band series_band(const std::vector<std::vector<double>>& replicates);

// Hourly values summed per day (24 hours; a last partial day is summed as it is).
std::vector<double> per_day(const std::vector<double>& hourly);

// Mean over the variant's replicates minus mean over the baseline's, per segment.
std::vector<double> segment_change(const std::vector<std::vector<double>>& baseline,
                                   const std::vector<std::vector<double>>& variant);

// The whole document, UTF-8.
std::string render_html_report(const ReportData& data);

}  // namespace streetwise::analysis
