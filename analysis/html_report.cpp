#include "analysis/html_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace streetwise::analysis {

ReportComparison compare_replicates(const std::vector<std::string>& outcomes,
                                    const std::vector<std::vector<std::vector<double>>>& values,
                                    const std::vector<std::uint64_t>& seeds) {
    if (values.size() < 2) throw std::invalid_argument("compare_replicates: a baseline and a variant are needed");
    ReportComparison result;
    result.outcomes = outcomes;
    result.seeds = seeds;
    for (std::size_t s = 1; s < values.size(); ++s) {
        result.variants.emplace_back();
        for (std::size_t o = 0; o < outcomes.size(); ++o)
            result.variants.back().push_back(compare_paired(values.at(0).at(o), values.at(s).at(o)));
    }
    return result;
}

Band series_band(const std::vector<std::vector<double>>& replicates) {
    Band band;
    if (replicates.empty()) return band;
    const std::size_t points = replicates[0].size();
    for (const auto& r : replicates)
        if (r.size() != points) throw std::invalid_argument("series_band: replicates of different lengths");
    band.kind = replicates.size() >= 3 ? BandKind::ci95 : replicates.size() == 2 ? BandKind::min_max : BandKind::none;
    std::vector<double> at(replicates.size());
    for (std::size_t t = 0; t < points; ++t) {
        for (std::size_t k = 0; k < replicates.size(); ++k) at[k] = replicates[k][t];
        if (band.kind == BandKind::ci95) {
            const Interval i = mean_interval(at);
            band.mean.push_back(i.mean);
            band.low.push_back(i.low);
            band.high.push_back(i.high);
            continue;
        }
        double sum = 0;
        for (const double v : at) sum += v;
        band.mean.push_back(sum / static_cast<double>(at.size()));
        if (band.kind == BandKind::min_max) {
            band.low.push_back(*std::min_element(at.begin(), at.end()));
            band.high.push_back(*std::max_element(at.begin(), at.end()));
        }
    }
    return band;
}

std::vector<double> per_day(const std::vector<double>& hourly) {
    std::vector<double> days((hourly.size() + 23) / 24, 0.0);
    for (std::size_t h = 0; h < hourly.size(); ++h) days[h / 24] += hourly[h];
    return days;
}

std::vector<double> segment_change(const std::vector<std::vector<double>>& baseline,
                                   const std::vector<std::vector<double>>& variant) {
    auto mean = [](const std::vector<std::vector<double>>& replicates) {
        std::vector<double> m(replicates.empty() ? 0 : replicates[0].size(), 0.0);
        for (const auto& r : replicates) {
            if (r.size() != m.size()) throw std::invalid_argument("segment_change: replicates of different lengths");
            for (std::size_t i = 0; i < r.size(); ++i) m[i] += r[i];
        }
        for (double& v : m) v /= static_cast<double>(replicates.size());
        return m;
    };
    const std::vector<double> b = mean(baseline), v = mean(variant);
    if (b.size() != v.size()) throw std::invalid_argument("segment_change: different segment counts");
    std::vector<double> change(b.size());
    for (std::size_t i = 0; i < b.size(); ++i) change[i] = v[i] - b[i];
    return change;
}

namespace {

std::string esc(std::string_view text) { return xml_escape(text); }

std::string fixed(double value, int decimals) {
    if (std::isnan(value)) return "n/a";
    return fixed_decimals(value, decimals);
}

std::string signed_fixed(double value, int decimals) {
    if (std::isnan(value)) return "n/a";
    const std::string s = fixed_decimals(value, decimals);
    return (value > 0 && s.find_first_not_of("0.") != std::string::npos ? "+" : "") + s;
}

// "1 to 5" for consecutive seeds, else "1, 4, 9".
std::string seed_list(const std::vector<std::uint64_t>& seeds) {
    if (seeds.empty()) return "none";
    bool consecutive = true;
    for (std::size_t i = 1; i < seeds.size(); ++i) consecutive = consecutive && seeds[i] == seeds[i - 1] + 1;
    if (seeds.size() == 1) return std::to_string(seeds[0]);
    if (consecutive) return std::to_string(seeds.front()) + " to " + std::to_string(seeds.back());
    std::string text;
    for (std::size_t i = 0; i < seeds.size(); ++i) text += (i ? ", " : "") + std::to_string(seeds[i]);
    return text;
}

std::string runs_of(std::size_t n) { return std::to_string(n) + (n == 1 ? " run" : " runs"); }

// Headlines are written for terminals ("12.4 -> 10.9"); in the report the arrow is a real one.
std::string arrowed(std::string line) {
    for (std::size_t at = line.find(" -> "); at != std::string::npos; at = line.find(" -> ", at))
        line.replace(at + 1, 2, "\xe2\x86\x92");
    return line;
}

const char* css = R"(body{font-family:"DejaVu Sans","Helvetica Neue",Arial,sans-serif;font-size:20px;line-height:1.45;
color:#1a1a1a;background:#fff;max-width:1100px;margin:0 auto;padding:24px 32px 64px}
h1{font-size:2em;line-height:1.2;margin:.3em 0 .4em}
h2{font-size:1.5em;border-bottom:3px solid #0072b2;padding-bottom:.15em;margin:1.8em 0 .6em}
h3{font-size:1.2em;margin:1.2em 0 .4em}
p.lead{font-size:1.1em}
.note{background:#fff4d6;border-left:6px solid #e69f00;padding:.5em .8em}
ul.headlines{padding-left:1.2em}ul.headlines li{margin:.3em 0}ul.headlines li.clear{font-weight:bold}
figure{margin:1em 0 2em}figcaption{font-size:.85em;color:#333;margin-top:.4em}
svg.chart{display:block;width:100%;height:auto}
svg text{font-family:inherit;fill:#1a1a1a}.tick{font-size:17px}.axis,.legend,.label{font-size:19px}.value{font-size:18px}
table{border-collapse:collapse;width:100%;font-size:.8em}
th,td{border-bottom:1px solid #cccccc;padding:.35em .5em;text-align:right;vertical-align:top}
td:nth-child(n+3){white-space:nowrap}th{border-bottom:2px solid #1a1a1a}th:nth-child(-n+2),td:nth-child(-n+2){text-align:left}
tr.baseline td{border-top:2px solid #888888}
pre{background:#f5f5f5;border:1px solid #dddddd;padding:.8em 1em;font-size:.68em;line-height:1.35;white-space:pre-wrap}
dl.provenance dt{font-weight:bold}dl.provenance dd{margin:0 0 .5em 1.5em}
@media print{body{font-size:11pt;max-width:none;padding:0}h2{break-after:avoid}
figure,table,ul.headlines{break-inside:avoid}pre{font-size:7.5pt}})";

// Runs the report had for a chart's legend: "default (mean of 3 runs)".
std::string legend_label(const ReportScenario& s, std::size_t runs) {
    return s.name + (runs > 1 ? " (mean of " + std::to_string(runs) + " runs)" : " (1 run)");
}

std::string band_sentence(BandKind kind, std::size_t runs) {
    switch (kind) {
        case BandKind::ci95:
            return "Lines are the mean over " + std::to_string(runs) +
                   " replicates; the shaded band is the 95% confidence interval of that mean (Student's t).";
        case BandKind::min_max:
            return "Lines are the mean of 2 replicates; the shaded band is their range (lowest to highest), "
                   "as 2 replicates are too few for a useful confidence interval.";
        case BandKind::none: break;
    }
    return "Each line is a single run: there is no band, so chance and effect cannot be told apart.";
}

class Document {
public:
    explicit Document(const ReportData& data) : data_(data) {}

    std::string render() {
        body_ += "<header>\n<h1>" + esc(data_.title) + "</h1>\n" + lead() + "</header>\n";
        for (const std::string& note : data_.notes) body_ += "<p class=\"note\">" + esc(note) + "</p>\n";
        headlines();
        bars();
        time_series();
        maps();
        table();
        scenario_texts();
        provenance();
        std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                           "<meta name=\"generator\" content=\"streetwise " +
                           esc(data_.streetwise_version) + "\">\n<title>" + esc(data_.title) + "</title>\n<style>\n" +
                           css + "\n</style>\n</head>\n<body data-charts=\"" + std::to_string(charts_) + "\">\n";
        html += body_;
        // The render check: a chart that did not lay out (a broken SVG) has an empty bounding box.
        html += "<script>\n(function () {\n"
                "  var charts = document.querySelectorAll(\"svg.chart\"), drawn = 0;\n"
                "  for (var i = 0; i < charts.length; i++) {\n"
                "    var box = charts[i].getBBox();\n"
                "    if (box.width > 0 && box.height > 0) drawn++;\n"
                "  }\n"
                "  document.body.dataset.drawnCharts = String(drawn);\n"
                "  document.body.dataset.rendered = drawn === charts.length ? \"ok\" : \"incomplete\";\n"
                "})();\n</script>\n</body>\n</html>\n";
        return html;
    }

private:
    const ReportData& data_;
    std::string body_;
    int charts_ = 0;

    std::string chart_id(const std::string& kind) { return kind + "-" + std::to_string(++charts_); }

    const std::string& baseline_name() const { return data_.scenarios.front().name; }

    std::string lead() const {
        if (data_.scenarios.empty()) return "";
        std::string text = "<p class=\"lead\">Baseline <strong>" + esc(baseline_name()) + "</strong>";
        if (data_.scenarios.size() > 1) {
            text += data_.scenarios.size() > 2 ? "; variants " : "; variant ";
            for (std::size_t s = 1; s < data_.scenarios.size(); ++s)
                text += std::string(s > 1 ? ", " : "") + "<strong>" + esc(data_.scenarios[s].name) + "</strong>";
        }
        text += ". ";
        if (data_.comparison)
            text += std::to_string(data_.comparison->seeds.size()) +
                    " replicates per scenario with common random numbers (seeds " + seed_list(data_.comparison->seeds) +
                    ", the same for every scenario). ";
        const std::size_t hours = first_series_hours();
        if (hours > 0) text += "Each run covers " + fixed(static_cast<double>(hours) / 24.0, hours % 24 ? 1 : 0) + " days. ";
        if (!data_.city_name.empty()) text += "City: " + esc(data_.city_name) + ".";
        return text + "</p>\n";
    }

    std::size_t first_series_hours() const {
        for (const auto& s : data_.scenarios)
            for (const auto& series : s.series)
                if (!series.replicates.empty()) return series.replicates.front().size();
        return 0;
    }

    void headlines() {
        if (!data_.comparison) return;
        const ReportComparison& c = *data_.comparison;
        body_ += "<section id=\"headlines\">\n<h2>Headlines</h2>\n";
        for (std::size_t v = 0; v < c.variants.size(); ++v) {
            body_ += "<h3>" + esc(data_.scenarios[v + 1].name) + " against " + esc(baseline_name()) +
                     ", per run</h3>\n<ul class=\"headlines\">\n";
            for (std::size_t o = 0; o < c.outcomes.size(); ++o) {
                const PairedComparison& p = c.variants[v][o];
                body_ += std::string("<li") + (p.clear() ? " class=\"clear\"" : "") + ">" +
                         esc(arrowed(headline(c.outcomes[o], p))) + "</li>\n";
            }
            body_ += "</ul>\n";
        }
        body_ += "<p>In bold: differences whose 95% confidence interval excludes zero. \"No clear difference\" "
                 "means the interval covers zero: more replicates or longer runs may tell. Intervals are over " +
                 std::to_string(c.seeds.size()) +
                 " replicates (Student's t); replicate k of every scenario uses the same seed, so each difference "
                 "is paired.</p>\n</section>\n";
    }

    void bars() {
        if (!data_.comparison) return;
        const ReportComparison& c = *data_.comparison;
        body_ += "<section id=\"differences\">\n<h2>Change to the baseline</h2>\n";
        for (std::size_t v = 0; v < c.variants.size(); ++v) {
            BarChart chart;
            chart.id = chart_id("bars");
            chart.colour = series_colour(v + 1);
            chart.x_label = "change to " + baseline_name() + " (%)";
            chart.title = "Change of each outcome in " + data_.scenarios[v + 1].name + " against " + baseline_name();
            chart.description = "Horizontal bars, one per outcome: the mean paired difference per run as a percentage "
                                "of the baseline's mean, with its 95% confidence interval as an error bar. The "
                                "vertical line is no change; pale bars have intervals that cross it.";
            for (std::size_t o = 0; o < c.outcomes.size(); ++o) {
                const PairedComparison& p = c.variants[v][o];
                BarRow row;
                row.label = c.outcomes[o];
                row.valid = !std::isnan(p.relative.mean);
                row.emphasised = p.clear();
                if (row.valid) {
                    row.value = 100 * p.relative.mean;
                    row.low = 100 * p.relative.low;
                    row.high = 100 * p.relative.high;
                    row.value_text = signed_fixed(row.value, 0) + "% (" + signed_fixed(row.low, 0) + " to " +
                                     signed_fixed(row.high, 0) + ")";
                } else {
                    row.value_text = "n/a: none in " + baseline_name();
                }
                chart.rows.push_back(row);
            }
            body_ += "<figure>\n" + svg_bar_chart(chart) + "<figcaption>" + esc(chart.title) +
                     ". Bars: mean paired difference per run, relative to the baseline's mean; whiskers: its 95% "
                     "confidence interval. Pale bars cross zero (no clear difference). Absolute numbers are in the "
                     "table below.</figcaption>\n</figure>\n";
        }
        body_ += "</section>\n";
    }

    void time_series() {
        if (data_.scenarios.empty() || data_.scenarios.front().series.empty()) return;
        body_ += "<section id=\"time-series\">\n<h2>Over time</h2>\n";
        const std::size_t columns = data_.scenarios.front().series.size();
        for (std::size_t c = 0; c < columns; ++c) {
            const ReportSeries& first = data_.scenarios.front().series[c];
            const std::size_t hours = first.replicates.empty() ? 0 : first.replicates.front().size();
            const bool daily = hours > 72;  // hourly detail is unreadable over more than three days
            LineChart chart;
            chart.id = chart_id("series");
            chart.title = first.title + " per " + (daily ? "day" : "hour");
            chart.x_label = daily ? "day since the start" : "hour since the start";
            chart.y_label = first.unit + " per " + (daily ? "day" : "hour");
            if (!daily) chart.x_tick_step = hours <= 48 ? 6 : 12;
            std::string captions;
            for (std::size_t s = 0; s < data_.scenarios.size(); ++s) {
                const ReportScenario& scenario = data_.scenarios[s];
                if (c >= scenario.series.size()) continue;
                std::vector<std::vector<double>> replicates = scenario.series[c].replicates;
                if (daily)
                    for (auto& r : replicates) r = per_day(r);
                const Band band = series_band(replicates);
                chart.series.push_back({legend_label(scenario, replicates.size()), series_colour(s), band.mean,
                                        band.low, band.high});
                const std::string sentence = band_sentence(band.kind, replicates.size());
                if (captions.find(sentence) == std::string::npos) captions += " " + sentence;
            }
            chart.description = chart.title + ", one line per scenario." + captions;
            body_ += "<figure>\n" + svg_line_chart(chart) + "<figcaption>" + esc(chart.title) + "." + esc(captions) +
                     "</figcaption>\n</figure>\n";
        }
        body_ += "</section>\n";
    }

    void maps() {
        if (data_.segments.empty() || data_.scenarios.size() < 2) return;
        const ReportScenario& base = data_.scenarios.front();
        if (base.segment_crimes.empty()) return;
        std::string section;
        for (std::size_t v = 1; v < data_.scenarios.size(); ++v) {
            const ReportScenario& variant = data_.scenarios[v];
            if (variant.segment_crimes.empty()) continue;
            ChangeMap map;
            map.id = chart_id("map");
            map.segments = data_.segments;
            map.change = segment_change(base.segment_crimes, variant.segment_crimes);
            std::size_t changed = 0, more = 0;
            for (const double d : map.change) {
                changed += d != 0.0;
                more += d > 0.0;
            }
            map.title = "Change in crimes per street segment: " + variant.name + " minus " + base.name;
            map.change_label = "crimes per segment per run, " + variant.name + " minus " + base.name;
            map.description = "Street map, north up. Each segment is coloured by the mean number of crimes on it "
                              "per run in " + variant.name + " minus that in " + base.name +
                              ": red for more, blue for fewer, darker and wider for larger changes; light grey for "
                              "no change. " + std::to_string(changed) + " of " + std::to_string(map.change.size()) +
                              " segments changed, " + std::to_string(more) + " of them with more crime.";
            section += "<figure>\n" + svg_change_map(map) + "<figcaption>" + esc(map.description) + " Means over " +
                       runs_of(base.segment_crimes.size()) + " of " + esc(base.name) + " and " +
                       runs_of(variant.segment_crimes.size()) + " of " + esc(variant.name) +
                       "; single segments vary a lot by chance, so read patterns across areas rather than single "
                       "streets.</figcaption>\n</figure>\n";
        }
        if (!section.empty()) body_ += "<section id=\"maps\">\n<h2>Where crime changed</h2>\n" + section + "</section>\n";
    }

    void table() {
        if (!data_.comparison) return;
        const ReportComparison& c = *data_.comparison;
        body_ += "<section id=\"table\">\n<h2>Table</h2>\n<table>\n<thead><tr><th>outcome</th><th>scenario</th>"
                 "<th>mean per run</th><th>95% CI</th><th>difference to " + esc(baseline_name()) +
                 "</th><th>95% CI</th><th>change</th><th>95% CI</th></tr></thead>\n<tbody>\n";
        for (std::size_t o = 0; o < c.outcomes.size(); ++o) {
            const Interval& b = c.variants.front()[o].baseline;
            body_ += "<tr class=\"baseline\"><td>" + esc(c.outcomes[o]) + "</td><td>" + esc(baseline_name()) +
                     "</td><td>" + fixed(b.mean, 2) + "</td><td>" + fixed(b.low, 2) + " to " + fixed(b.high, 2) +
                     "</td><td></td><td></td><td></td><td></td></tr>\n";
            for (std::size_t v = 0; v < c.variants.size(); ++v) {
                const PairedComparison& p = c.variants[v][o];
                body_ += "<tr><td>" + esc(c.outcomes[o]) + "</td><td>" + esc(data_.scenarios[v + 1].name) +
                         "</td><td>" + fixed(p.variant.mean, 2) + "</td><td>" + fixed(p.variant.low, 2) + " to " +
                         fixed(p.variant.high, 2) + "</td><td>" + signed_fixed(p.difference.mean, 2) + "</td><td>" +
                         signed_fixed(p.difference.low, 2) + " to " + signed_fixed(p.difference.high, 2) + "</td><td>";
                if (std::isnan(p.relative.mean))
                    body_ += "n/a</td><td>n/a</td></tr>\n";
                else
                    body_ += signed_fixed(100 * p.relative.mean, 1) + "%</td><td>" +
                             signed_fixed(100 * p.relative.low, 1) + "% to " + signed_fixed(100 * p.relative.high, 1) +
                             "%</td></tr>\n";
            }
        }
        body_ += "</tbody>\n</table>\n<p>Counts per run over the whole run. Differences are paired replicate by "
                 "replicate; change is the difference relative to the baseline's mean.</p>\n</section>\n";
    }

    void scenario_texts() {
        body_ += "<section id=\"scenarios\">\n<h2>Scenarios</h2>\n<p>The resolved scenarios: every key with the "
                 "value the runs used (extends and --set applied), as stored in the run files. Replicates differ only "
                 "in their seed.</p>\n";
        for (const ReportScenario& s : data_.scenarios) {
            body_ += "<h3>" + esc(s.name) + "</h3>\n";
            if (s.scenario_yaml.empty())
                body_ += "<p>(text not available)</p>\n";
            else
                body_ += "<pre>" + esc(s.scenario_yaml) + "</pre>\n";
        }
        body_ += "</section>\n";
    }

    void provenance() {
        body_ += "<section id=\"provenance\">\n<h2>Provenance</h2>\n<dl class=\"provenance\">\n";
        body_ += "<dt>Made with</dt><dd>streetwise " + esc(data_.streetwise_version) + "</dd>\n";
        if (!data_.city_name.empty() || !data_.city_fingerprint.empty())
            body_ += "<dt>City</dt><dd>" + esc(data_.city_name) +
                     (data_.city_fingerprint.empty() ? "" : " (fingerprint " + esc(data_.city_fingerprint) + ")") +
                     "</dd>\n";
        for (const ReportScenario& s : data_.scenarios)
            body_ += "<dt>" + esc(s.name) + "</dt><dd>" +
                     (s.seeds.empty() ? std::string("no run files") : runs_of(s.seeds.size()) + ", seeds " + seed_list(s.seeds)) +
                     "</dd>\n";
        if (data_.comparison)
            body_ += "<dt>Comparison</dt><dd>" + std::to_string(data_.comparison->seeds.size()) +
                     " replicates per scenario, seeds " + seed_list(data_.comparison->seeds) + "</dd>\n";
        body_ += "</dl>\n<p>Reproduce any run with <code>streetwise run</code> on its scenario text above with "
                 "<code>--seed S</code>.</p>\n</section>\n";
    }
};

}  // namespace

std::string render_html_report(const ReportData& data) { return Document(data).render(); }

}  // namespace streetwise::analysis
