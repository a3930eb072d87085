#pragma once
// Everything `streetwise calibrate` measured, and the two files it can be written as: YAML (the
// targets file the engine side reads, layout in docs/user-guide.md "Calibrating crime rates to a
// city") and JSON (the same tree, for scripts). Both are plain functions of the report, so the same
// inputs always give the same bytes.
#include <string>
#include <vector>

#include "analysis/calibration_targets.hpp"
#include "analysis/police_uk.hpp"
#include "analysis/street_crime_concentration.hpp"
#include "analysis/year_month.hpp"

namespace streetwise::analysis {

struct CalibrationReport {
    std::string crime_file;
    StreetCrimeLayout crime_layout = StreetCrimeLayout::police_uk;
    std::string reporting_file;
    YearMonth survey_year_ending;
    CalibrationTargets targets;
    std::vector<StreetCrimeConcentration> concentration;  // of the same window
};

// The layout's version: raised when a key changes meaning or goes away (new keys do not raise it).
inline constexpr int calibration_targets_format_version = 1;

std::string calibration_targets_yaml(const CalibrationReport& report);
std::string calibration_targets_json(const CalibrationReport& report);

}  // namespace streetwise::analysis
