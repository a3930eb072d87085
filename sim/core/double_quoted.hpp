#pragma once
// A double-quoted string for YAML and JSON files the project writes (resolved scenarios, scenario
// variants, calibration targets): quotes, backslashes and control characters are escaped the way
// both formats read back, so any text survives the round trip.
#include <string>
#include <string_view>

namespace streetwise {

std::string double_quoted(std::string_view text);

}  // namespace streetwise
