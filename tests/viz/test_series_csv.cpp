// CSV export of the hourly series: exact text for a small series, quoting, number precision, and
// the atomic text-file write.
#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "sim/core/input_error.hpp"
#include "test_support.hpp"
#include "viz/core/series_csv.hpp"

namespace fs = std::filesystem;
using namespace streetwise;
using namespace streetwise::viz;

TEST_CASE("a small hourly series gives exactly the expected CSV", "[viz][csv]") {
    const std::vector<TimeSeriesColumn> columns{
        {"crimes", "crimes", "crimes in the hour", {0.0, 2.0, 1.0}},
        {"mean_insecurity", "1", "mean perceived insecurity", {0.25, 0.5, 0.125}},
    };
    CHECK(hourly_series_csv(columns) ==
          "hour,day,hour_of_day,crimes (crimes),mean_insecurity (1)\n"
          "0,0,0,0,0.25\n"
          "1,0,1,2,0.5\n"
          "2,0,2,1,0.125\n");
    // Days of two hours, to see day and hour_of_day roll over.
    CHECK(hourly_series_csv(columns, 2) ==
          "hour,day,hour_of_day,crimes (crimes),mean_insecurity (1)\n"
          "0,0,0,0,0.25\n"
          "1,0,1,2,0.5\n"
          "2,1,0,1,0.125\n");
}

TEST_CASE("the CSV rows follow days of 24 hours by default", "[viz][csv]") {
    TimeSeriesColumn walkers{"walkers", "", "", std::vector<double>(50, 3.0)};
    const std::string csv = hourly_series_csv({walkers});
    CHECK(csv.starts_with("hour,day,hour_of_day,walkers\n"));  // no unit: no parentheses
    CHECK_THAT(csv, Catch::Contains("\n23,0,23,3\n24,1,0,3\n"));
    CHECK(csv.ends_with("\n49,2,1,3\n"));
}

TEST_CASE("CSV header fields with commas, quotes or line breaks are quoted", "[viz][csv]") {
    const std::vector<TimeSeriesColumn> columns{
        {"thefts, robberies", "crimes", "", {1.0}},
        {"the \"dark\" share", "1", "", {0.5}},
        {"two\nlines", "", "", {2.0}},
        {"plain", "m, s", "", {3.0}},
    };
    CHECK(hourly_series_csv(columns) ==
          "hour,day,hour_of_day,\"thefts, robberies (crimes)\",\"the \"\"dark\"\" share (1)\",\"two\nlines\","
          "\"plain (m, s)\"\n"
          "0,0,0,1,0.5,2,3\n");
}

TEST_CASE("CSV numbers read back to the same doubles", "[viz][csv]") {
    const std::vector<double> values{0.1,
                                     1.0 / 3.0,
                                     -2.5e-300,
                                     123456789012345678.0,
                                     std::numeric_limits<double>::denorm_min(),
                                     std::numeric_limits<double>::max(),
                                     -0.0};
    const std::string csv = hourly_series_csv({{"x", "", "", values}});
    std::size_t line_start = csv.find('\n') + 1;
    for (double expected : values) {
        const std::size_t line_end = csv.find('\n', line_start);
        const std::size_t field = csv.rfind(',', line_end) + 1;
        double parsed = 1.0;
        const auto [end, error] = std::from_chars(csv.data() + field, csv.data() + line_end, parsed);
        INFO(csv.substr(field, line_end - field));
        CHECK(error == std::errc());
        CHECK(end == csv.data() + line_end);
        CHECK(parsed == expected);
        CHECK(std::signbit(parsed) == std::signbit(expected));
        line_start = line_end + 1;
    }
}

TEST_CASE("hourly_series_csv refuses series of unequal length and days without hours", "[viz][csv]") {
    CHECK(hourly_series_csv({}) == "hour,day,hour_of_day\n");
    const TimeSeriesColumn a{"a", "", "", {1.0, 2.0}};
    const TimeSeriesColumn b{"b", "", "", {1.0}};
    CHECK_THROWS_AS(hourly_series_csv({a, b}), std::invalid_argument);
    CHECK_THROWS_AS(hourly_series_csv({a}, 0), std::invalid_argument);
}
