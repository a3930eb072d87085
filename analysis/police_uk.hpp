#pragma once
// Street-level crime from police.uk (England, Wales and Northern Ireland), in the two CSV layouts
// found in the wild:
// - police_uk: the monthly files of data.police.uk/data ("Crime ID, Month, Reported by, Falls within,
//   Longitude, Latitude, Location, LSOA code, LSOA name, Crime type, Last outcome category, Context");
// - camden: the police.uk street-level API as republished by Camden's open data portal ("Category,
//   Street ID, Street Name, ..., Epoch, ..., Longitude, Latitude, ..., Location"), with the month in
//   Epoch as "MM/DD/YYYY hh:mm:ss AM" and the anonymised map point's id in Street ID.
// Columns are found by name (case and surrounding spaces ignored), not by position. police.uk moves
// every crime to the nearest of a fixed set of anonymised map points, each with a name such as "On or
// near Judd Street"; a crime with no such point has empty coordinates and the location "No Location".
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/year_month.hpp"

namespace streetwise::analysis {

enum class StreetCrimeLayout { police_uk, camden };

std::string_view to_string(StreetCrimeLayout layout);  // "police-uk", "camden"
std::optional<StreetCrimeLayout> street_crime_layout_from_string(std::string_view name);

struct StreetCrimeRecord {
    YearMonth month;
    std::string category;   // police.uk crime category as written in the file ("Theft from the person")
    std::string location;   // the map point's name, "On or near Judd Street"; may be "No Location"
    std::string street_id;  // camden layout: the map point's id; empty in the police_uk layout
    std::optional<double> longitude_deg;  // both absent when the crime has no map point
    std::optional<double> latitude_deg;
    int line = 0;  // line of the file the record starts on

    bool has_map_point() const { return longitude_deg.has_value(); }
};

struct StreetCrimeFile {
    std::string file;  // as given, for messages
    StreetCrimeLayout layout = StreetCrimeLayout::police_uk;
    std::vector<StreetCrimeRecord> records;  // in file order
    YearMonth first_month;                   // earliest and latest month of the records
    YearMonth last_month;
};

// Reads a street-level crime CSV. `layout` nullopt: detected from the header (Month and Crime type
// columns: police_uk; Category and Epoch: camden). Throws InputError naming the file, the line, the
// column and what was expected for: an unreadable or empty file, a header with neither layout's
// columns (or without the given layout's), a row with a different number of fields than the header,
// a month or date that is not one, an empty category, a coordinate that is not a number in range or
// given without its partner, broken quoting.
StreetCrimeFile read_street_crime_csv(const std::filesystem::path& file,
                                      std::optional<StreetCrimeLayout> layout = std::nullopt);

// The same from text already in memory; `file` names it in messages.
StreetCrimeFile parse_street_crime_csv(std::string_view text, const std::string& file,
                                       std::optional<StreetCrimeLayout> layout = std::nullopt);

}  // namespace streetwise::analysis
