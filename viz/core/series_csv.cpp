#include "viz/core/series_csv.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <system_error>


namespace streetwise::viz {

namespace {

void append_field(std::string& out, std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += field;
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

template <class Number>
void append_number(std::string& out, Number value) {
    std::array<char, 32> buffer{};  // the longest double, "-2.2250738585072014e-308", is 24 characters
    const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    if (error != std::errc()) throw std::runtime_error("hourly_series_csv: cannot format a number");
    out.append(buffer.data(), end);
}

}  // namespace

std::string hourly_series_csv(const std::vector<TimeSeriesColumn>& columns, int hours_per_day) {
    if (hours_per_day <= 0)
        throw std::invalid_argument("hourly_series_csv: hours_per_day must be positive, got " +
                                    std::to_string(hours_per_day));
    const std::size_t hours = columns.empty() ? 0 : columns.front().values.size();
    for (const auto& column : columns)
        if (column.values.size() != hours)
            throw std::invalid_argument("hourly_series_csv: series '" + column.name + "' has " +
                                        std::to_string(column.values.size()) + " values, '" + columns.front().name +
                                        "' has " + std::to_string(hours));

    std::string out = "hour,day,hour_of_day";
    for (const auto& column : columns) {
        out += ',';
        append_field(out, column.unit.empty() ? column.name : column.name + " (" + column.unit + ")");
    }
    out += '\n';
    const auto per_day = static_cast<std::size_t>(hours_per_day);
    for (std::size_t h = 0; h < hours; ++h) {
        append_number(out, h);
        out += ',';
        append_number(out, h / per_day);
        out += ',';
        append_number(out, h % per_day);
        for (const auto& column : columns) {
            out += ',';
            append_number(out, column.values[h]);
        }
        out += '\n';
    }
    return out;
}

}  // namespace streetwise::viz
