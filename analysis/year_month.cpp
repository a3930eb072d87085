#include "analysis/year_month.hpp"

#include <cstdio>

namespace streetwise::analysis {

std::optional<YearMonth> parse_year_month(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') return std::nullopt;
    int digits[6];
    const int positions[6] = {0, 1, 2, 3, 5, 6};
    for (int i = 0; i < 6; ++i) {
        const char c = text[static_cast<std::size_t>(positions[i])];
        if (c < '0' || c > '9') return std::nullopt;
        digits[i] = c - '0';
    }
    const YearMonth month{digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3], digits[4] * 10 + digits[5]};
    if (month.year < 1000 || month.month < 1 || month.month > 12) return std::nullopt;
    return month;
}

std::string to_string(YearMonth month) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", month.year, month.month);
    return text;
}

int months_inclusive(YearMonth first, YearMonth last) {
    return last < first ? 0 : last.index() - first.index() + 1;
}

}  // namespace streetwise::analysis
