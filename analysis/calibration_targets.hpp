#pragma once
// Calibration targets for the model's crime rates, from a city's real recorded crime (police.uk) and
// the share of each crime that victims report (CSEW): per streetwise crime type, recorded crimes per
// year, the reporting proportion, and the implied true crimes per year = recorded / proportion, also
// per 1,000 residents of a population the user states. The model's true crime is then calibrated to
// the implied true totals (rate_update.hpp), so that its recorded crime (true times the reporting
// proportion) matches the police's.
//
// Which police.uk records count for which type is in police_uk_categories.hpp. Harassment and hate
// incidents have no police.uk category of their own: they are not calibrated (the scenario's rate
// stays) unless the user states which share of the records of "Violence and sexual offences" and
// "Public order" they attribute to the type, a stated assumption rather than a measured figure.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/police_uk.hpp"
#include "analysis/reporting_rates.hpp"
#include "analysis/year_month.hpp"
#include "sim/model/crime_type.hpp"

namespace streetwise::analysis {

struct CalibrationOptions {
    // The months counted, both included; both or neither. Neither: the file's first to last month.
    std::optional<YearMonth> from;
    std::optional<YearMonth> to;
    // A window that is not 12 months long is scaled to a year (times 12 / months) only when asked, so
    // that a month's data is never silently taken for a year's.
    bool scale_to_year = false;
    // Residents the per-1,000 figures are per. The user states it because the right population is a
    // choice: the City of London has about 8,600 residents but several hundred thousand people by day.
    double population = 0;
    // User-given share (0..1) of the records of the categories that hold harassment and hate crime
    // ("Violence and sexual offences", "Public order") attributed to harassment or hate_incident.
    std::map<CrimeType, double> share_of_violence_and_public_order;
};

enum class TargetBasis {
    police_uk_category,  // the records of the police.uk category that is this type
    user_share,          // the user's share of "Violence and sexual offences" + "Public order"
    not_calibrated,      // no police.uk figure: the scenario's rate is kept
};

struct CrimeTypeTarget {
    CrimeType type = CrimeType::theft_from_person;
    TargetBasis basis = TargetBasis::not_calibrated;
    std::string basis_text;              // which records, or why none, in words
    double recorded_in_window = 0;       // records in the window (times the user's share, for a user_share)
    double recorded_per_year = 0;        // recorded_in_window * year_scale
    double recorded_per_1000_residents_per_year = 0;
    ReportingProportion reporting;       // share of incidents reported to the police
    double true_per_year = 0;            // recorded_per_year / reporting.proportion
    double true_per_1000_residents_per_year = 0;

    bool calibrated() const { return basis != TargetBasis::not_calibrated; }
};

struct CategoryCount {
    std::string category;  // police.uk's name, or the name as written when unrecognised
    std::uint64_t records = 0;
};

struct CalibrationTargets {
    YearMonth from;
    YearMonth to;
    int months = 0;           // months in the window
    double year_scale = 1.0;  // 12 / months: turns counts in the window into counts per year
    double population = 0;
    std::uint64_t records_in_file = 0;
    std::uint64_t records_in_window = 0;
    std::vector<YearMonth> months_without_records;  // inside the window: gaps in the data
    std::array<CrimeTypeTarget, crime_type_count> by_type{};
    std::vector<CategoryCount> holding_harassment_and_hate;  // in the window, police.uk order
    std::vector<CategoryCount> not_modelled;                  // in the window, police.uk order
    std::vector<CategoryCount> unrecognised;                  // in the window, by name: not police.uk categories
};

// Throws InputError (file "command line", key the option) for: only one of from and to, from after to,
// a window reaching beyond the file's months, a window of other than 12 months without scale_to_year,
// a population that is not a positive number, a share outside [0, 1], for another type than harassment
// and hate_incident, or shares adding up to more than 1.
CalibrationTargets calibration_targets(const StreetCrimeFile& crimes,
                                       const std::array<ReportingProportion, crime_type_count>& reporting,
                                       const CalibrationOptions& options);

}  // namespace streetwise::analysis
