#pragma once
// A calendar month ("2019-06"): the time resolution of police.uk street-level crime, and the unit
// of a calibration window. Ordered, so windows are ranges of months.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace streetwise::analysis {

struct YearMonth {
    int year = 0;
    int month = 1;  // 1..12

    auto operator<=>(const YearMonth&) const = default;

    // Months since year 0, so differences and steps are plain integer arithmetic.
    int index() const { return year * 12 + (month - 1); }
    static YearMonth from_index(int index) { return {index / 12, index % 12 + 1}; }
    YearMonth plus_months(int months) const { return from_index(index() + months); }
};

// "YYYY-MM" (a four-digit year from 1000 and a two-digit month 01..12); nullopt otherwise.
std::optional<YearMonth> parse_year_month(std::string_view text);

// "YYYY-MM".
std::string to_string(YearMonth month);

// Months from `first` to `last`, both included (1 when they are equal; 0 when last < first).
int months_inclusive(YearMonth first, YearMonth last);

}  // namespace streetwise::analysis
