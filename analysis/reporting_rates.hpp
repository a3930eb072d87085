#pragma once
// The share of incidents that victims (or someone else) report to the police, from the Crime Survey
// for England and Wales, Table D10 ("proportion of incidents reported to the police, by offence
// group"), as tidied into rows "category, year_ending, proportion": a fraction, or NA where the
// survey has no reliable figure. The table nests groups by order only: "with entry", "with loss",
// "no loss", "attempts" appear under "domestic burglary" and again under each of its two kinds, so
// such a repeated name means something only under the group above it. Here a category whose name
// appears in more than one run of rows is a subgroup, named "parent / name" after the nearest run
// above it whose name is unique ("domestic burglary / with entry").
#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/year_month.hpp"
#include "sim/model/crime_type.hpp"

namespace streetwise::analysis {

class ReportingRateTable {
public:
    struct Row {
        std::string category;  // "robbery", or "domestic burglary / with entry" for a subgroup
        YearMonth year_ending;
        std::optional<double> proportion;  // nullopt for NA
        int line = 0;
    };

    // Throws InputError naming the file, line and column for an unreadable file, a header without
    // category, year_ending and proportion, a year_ending that is not YYYY-MM or YYYY-MM-DD, a
    // proportion that is neither NA nor a number in [0, 1], or the same category twice in a year.
    static ReportingRateTable read(const std::filesystem::path& file);
    static ReportingRateTable parse(std::string_view text, const std::string& file);

    const std::string& file() const { return file_; }
    const std::vector<Row>& rows() const { return rows_; }
    YearMonth latest_year_ending() const;
    bool has_year_ending(YearMonth year_ending) const;
    std::vector<YearMonth> year_endings() const;  // ascending, each once

    // The row of `category` ("robbery", "domestic burglary / with entry") for the survey year ending
    // in `year_ending`; nullptr when the table has none.
    const Row* find(std::string_view category, YearMonth year_ending) const;

private:
    std::string file_;
    std::vector<Row> rows_;
};

// Where a reporting proportion comes from.
enum class ReportingSource {
    survey_table,        // the CSEW table row named in `source`
    literature_default,  // a published figure for a type the table lacks (see reporting_rates.cpp)
    user_given,          // given by the user on the command line
};

struct ReportingProportion {
    double proportion = 0;  // fraction of incidents reported to the police, in (0, 1]
    ReportingSource kind = ReportingSource::survey_table;
    std::string source;  // e.g. "CSEW Table D10, 'domestic burglary', year ending 2019-03 (file:line)"
};

// The CSEW D10 category giving each streetwise type's reporting proportion: theft_from_person ->
// "theft from the person", robbery -> "robbery", burglary -> "domestic burglary" (the top-level row,
// not a subgroup), vandalism -> "criminal damage"; nullopt for harassment and hate_incident, which the
// survey's table does not have.
std::optional<std::string_view> survey_category_for(CrimeType type);

// The proportion for every type: as the user gave it in `user_given` (by type, in (0, 1]); else from
// the table for the year ending `year_ending` where the table has the type; else from the literature (harassment: 0.13, the share of the most serious incident of
// non-partner violence against women reported to the police, FRA 2014; hate_incident: 0.10, as up to
// 9 in 10 hate-motivated incidents go unreported, FRA). Throws InputError when the table has no such
// year (listing the years it has) or gives NA or 0 for a type that needs it (naming the line).
std::array<ReportingProportion, crime_type_count> reporting_proportions(
    const ReportingRateTable& table, YearMonth year_ending, const std::map<CrimeType, double>& user_given = {});

}  // namespace streetwise::analysis
