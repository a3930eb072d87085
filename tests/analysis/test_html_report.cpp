// The HTML report and its SVG charts: scenario text is escaped, bands and intervals are computed as
// documented, the map colours more crime red and less blue, nothing is fetched from the network, and
// the same data give the same bytes.
#include <catch2/catch.hpp>

#include <string>

#include "analysis/html_report.hpp"
#include "analysis/svg_chart.hpp"

using namespace streetwise::analysis;
using Catch::Matchers::Contains;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

// A baseline and a variant, 3 replicates each, 48 hours, on a map of 3 segments.
ReportData sample() {
    ReportData data;
    data.title = "Lighting & patrols <draft>";
    data.streetwise_version = "0.1.0";
    data.city_name = "test town";
    data.city_fingerprint = "0123456789abcdef";
    data.segments = {{0, 0, 100, 0}, {100, 0, 100, 100}, {100, 100, 0, 100}};
    for (int s = 0; s < 2; ++s) {
        ReportScenario scenario;
        scenario.name = s == 0 ? "baseline" : "lit";
        scenario.scenario_yaml = "name: \"x\"\ndescription: \"<script>alert('x')</script> & more\"\n";
        scenario.seeds = {1, 2, 3};
        ReportSeries series{"crimes", "All crime", "crimes", {}};
        for (int k = 0; k < 3; ++k) {
            std::vector<double> hours(48);
            for (std::size_t h = 0; h < hours.size(); ++h) hours[h] = static_cast<double>((h + static_cast<std::size_t>(k + s)) % 5);
            series.replicates.push_back(hours);
        }
        scenario.series.push_back(series);
        // Segment 0: two more crimes in the variant; segment 1: one fewer; segment 2: the same.
        for (int k = 0; k < 3; ++k) scenario.segment_crimes.push_back({s == 0 ? 1.0 : 3.0, s == 0 ? 2.0 : 1.0, 4.0});
        data.scenarios.push_back(scenario);
    }
    data.comparison = compare_replicates({"all crime", "robbery"},
                                         {{{10, 12, 11}, {0, 0, 0}}, {{8, 9, 9}, {0, 0, 0}}}, {1, 2, 3});
    return data;
}

}  // namespace

TEST_CASE("html report: scenario text and names are escaped", "[analysis][report]") {
    const std::string html = render_html_report(sample());
    CHECK_THAT(html, Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
    CHECK_THAT(html, Contains("<title>Lighting &amp; patrols &lt;draft&gt;</title>"));
    // The only script is the report's own render check.
    CHECK(count(html, "<script") == 1);
    CHECK(count(html, "</script>") == 1);
    CHECK(xml_escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;");
}

TEST_CASE("html report: bands are 95% intervals from 3 replicates, the range from 2", "[analysis][report]") {
    const Band ci = series_band({{1, 10}, {2, 10}, {3, 10}});
    REQUIRE(ci.kind == BandKind::ci95);
    // mean 2, sd 1, n 3: half width t(2) * 1 / sqrt(3) = 4.3027 / 1.7321 = 2.4842
    CHECK(ci.mean[0] == Approx(2.0));
    CHECK(ci.low[0] == Approx(2.0 - 4.3027 / std::sqrt(3.0)).epsilon(1e-6));
    CHECK(ci.high[0] == Approx(2.0 + 4.3027 / std::sqrt(3.0)).epsilon(1e-6));
    CHECK(ci.low[1] == Approx(10.0));  // no spread, no band
    CHECK(ci.high[1] == Approx(10.0));

    const Band range = series_band({{1, 4}, {5, 2}});
    REQUIRE(range.kind == BandKind::min_max);
    CHECK(range.mean == std::vector<double>{3, 3});
    CHECK(range.low == std::vector<double>{1, 2});
    CHECK(range.high == std::vector<double>{5, 4});

    const Band single = series_band({{7, 8}});
    CHECK(single.kind == BandKind::none);
    CHECK(single.mean == std::vector<double>{7, 8});
    CHECK(single.low.empty());

    CHECK(per_day(std::vector<double>(50, 1.0)) == std::vector<double>{24, 24, 2});
    CHECK(segment_change({{1, 2}, {3, 2}}, {{4, 2}}) == std::vector<double>{2, 0});

    // The legend says which band it is.
    ReportData data = sample();
    CHECK_THAT(render_html_report(data), Contains("95% confidence interval of that mean"));
    for (auto& s : data.scenarios) s.series[0].replicates.resize(2);
    CHECK_THAT(render_html_report(data), Contains("their range (lowest to highest)"));
}

TEST_CASE("html report: the table's intervals are the paired comparison's", "[analysis][report]") {
    const ReportData data = sample();
    const PairedComparison& p = data.comparison->variants[0][0];
    CHECK(p.baseline.mean == Approx(11.0));
    CHECK(p.difference.mean == Approx(-7.0 / 3.0));
    CHECK(p.clear());
    const std::string html = render_html_report(data);
    CHECK_THAT(html, Contains("<li class=\"clear\">all crime: 11.0 \xe2\x86\x92 8.7, -21%"));
    CHECK_THAT(html, Contains("n/a: none in baseline"));  // robbery: zero in the baseline, no relative change
}

TEST_CASE("html report: the map colours more crime red, less blue, no change grey", "[analysis][report]") {
    CHECK(change_colour(3.0, 3.0) == "#b2182b");
    CHECK(change_colour(0.5, 3.0) == "#f4a582");
    CHECK(change_colour(-3.0, 3.0) == "#2166ac");
    CHECK(change_colour(-0.5, 3.0) == "#92c5de");
    CHECK(change_colour(0.0, 3.0) == "#d4d4d4");
    CHECK(change_colour(0.0, 0.0) == "#d4d4d4");
    const std::string html = render_html_report(sample());
    // Segment 0 (+2, the largest) dark red, segment 1 (-1) light blue, segment 2 (no change) grey.
    CHECK_THAT(html, Contains("stroke=\"#b2182b\""));
    CHECK_THAT(html, Contains("stroke=\"#4393c3\""));
    CHECK_THAT(html, Contains("stroke=\"#d4d4d4\""));
    CHECK_THAT(html, Contains("2 of 3 segments changed, 1 of them with more crime"));
}

TEST_CASE("html report: self-contained, accessible and deterministic", "[analysis][report]") {
    const ReportData data = sample();
    const std::string html = render_html_report(data);
    CHECK(html.find("http://") == std::string::npos);
    CHECK(html.find("https://") == std::string::npos);
    CHECK(html.find(" src=") == std::string::npos);
    CHECK(html.find(" href=") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
    // Every chart is an <svg class="chart"> with a title and a description; the body says how many.
    const std::size_t charts = count(html, "<svg class=\"chart\"");
    CHECK(charts == 3);  // bars, one time series, one map
    CHECK(count(html, "<title id=") == charts);
    CHECK(count(html, "<desc id=") == charts);
    CHECK_THAT(html, Contains("<body data-charts=\"3\">"));
    CHECK_THAT(html, Contains("document.body.dataset.rendered = drawn === charts.length ? \"ok\""));
    CHECK_THAT(html, Contains("@media print"));
    CHECK(render_html_report(data) == html);
    CHECK(render_html_report(sample()) == html);
}

TEST_CASE("svg charts: round ticks, no negative zero", "[analysis][report]") {
    CHECK(nice_ticks(0, 10, 5) == std::vector<double>{0, 2, 4, 6, 8, 10});
    CHECK(nice_ticks(-30, 95, 12) == std::vector<double>{-20, 0, 20, 40, 60, 80});
    CHECK(fixed_decimals(-0.01, 1) == "0.0");
    CHECK(fixed_decimals(-0.06, 1) == "-0.1");
}
