#pragma once
// CSV export of the hourly time series, for spreadsheets and plotting tools.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/run_result.hpp"

namespace streetwise::viz {

// The series as CSV text (RFC 4180, "\n" line ends): a header line
//     hour,day,hour_of_day,<name> (<unit>),...
// ("<name>" alone when the unit is empty), then one line per hour h: h, h / hours_per_day,
// h % hours_per_day and each column's value. Numbers are written in the shortest form that reads
// back to the same double (std::to_chars). Header fields holding a comma, a double quote or a line
// break are quoted, with quotes doubled. With no columns the text is the header line alone.
// Throws std::invalid_argument when hours_per_day is not positive or the columns differ in length.
std::string hourly_series_csv(const std::vector<TimeSeriesColumn>& columns, int hours_per_day = 24);

}  // namespace streetwise::viz
