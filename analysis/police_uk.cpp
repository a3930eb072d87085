#include "analysis/police_uk.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <span>

#include "analysis/csv_reader.hpp"
#include "sim/core/input_error.hpp"

namespace streetwise::analysis {

namespace {

constexpr std::string_view police_uk_columns[] = {"Month", "Crime type", "Location", "Longitude", "Latitude"};
constexpr std::string_view camden_columns[] = {"Category", "Street ID", "Street Name", "Epoch", "Longitude",
                                               "Latitude"};

std::string quoted_list(std::span<const std::string_view> names) {
    std::string text;
    for (const auto& name : names) text.append(text.empty() ? "" : ", ").append(name);
    return text;
}

// Where each needed column is, by its name in the header.
class ColumnMap {
public:
    explicit ColumnMap(const CsvRecord& header) : width_(header.fields.size()) {
        for (std::size_t i = 0; i < header.fields.size(); ++i)
            index_.try_emplace(normalised_column_name(header.fields[i]), i);
    }
    bool has(std::string_view name) const { return index_.count(normalised_column_name(name)) > 0; }
    std::size_t at(std::string_view name) const { return index_.at(normalised_column_name(name)); }
    std::size_t width() const { return width_; }
    std::vector<std::string_view> missing(std::span<const std::string_view> names) const {
        std::vector<std::string_view> absent;
        for (const auto& name : names)
            if (!has(name)) absent.push_back(name);
        return absent;
    }

private:
    std::map<std::string, std::size_t> index_;
    std::size_t width_;
};

std::span<const std::string_view> columns_of(StreetCrimeLayout layout) {
    if (layout == StreetCrimeLayout::camden) return camden_columns;
    return police_uk_columns;
}

StreetCrimeLayout layout_of(const ColumnMap& columns, std::optional<StreetCrimeLayout> asked, const std::string& file) {
    if (asked) {
        const auto absent = columns.missing(columns_of(*asked));
        if (!absent.empty())
            throw InputError(file, 1, "",
                             "the header lacks the column(s) " + quoted_list(absent) + " of the " +
                                 std::string(to_string(*asked)) + " layout",
                             "check that this is a police.uk street-level crime CSV, or use --crime-format auto");
        return *asked;
    }
    if (columns.missing(police_uk_columns).empty()) return StreetCrimeLayout::police_uk;
    if (columns.missing(camden_columns).empty()) return StreetCrimeLayout::camden;
    throw InputError(file, 1, "",
                     "the header is not one of a police.uk street-level crime CSV: expected the columns " +
                         quoted_list(police_uk_columns) + " (police.uk downloads) or " + quoted_list(camden_columns) +
                         " (the police.uk API as Camden open data publishes it)",
                     "give a street-level crime file from data.police.uk (e.g. 2019-01-city-of-london-street.csv)");
}

struct RowReader {
    const std::string& file;
    const CsvRecord& row;

    [[noreturn]] void bad(std::string_view column, std::size_t index, const std::string& problem,
                          const std::string& hint) const {
        throw InputError(file, row.line, "",
                         "column '" + std::string(column) + "' (field " + std::to_string(index + 1) + "): " + problem,
                         hint);
    }

    std::optional<double> coordinate(const ColumnMap& columns, std::string_view column, double limit) const {
        const std::size_t index = columns.at(column);
        const std::string& text = row.fields[index];
        if (text.empty()) return std::nullopt;
        double value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) ||
            std::abs(value) > limit)
            bad(column, index,
                "expected a number of degrees from " + std::to_string(static_cast<int>(-limit)) + " to " +
                    std::to_string(static_cast<int>(limit)) + " or nothing, got '" + text + "'",
                "fix the value, or leave both Longitude and Latitude empty for a crime without a location");
        return value;
    }

    // Longitude and latitude come as a pair: both or neither.
    void map_point(const ColumnMap& columns, StreetCrimeRecord& record) const {
        record.longitude_deg = coordinate(columns, "Longitude", 180.0);
        record.latitude_deg = coordinate(columns, "Latitude", 90.0);
        if (record.longitude_deg.has_value() != record.latitude_deg.has_value()) {
            const std::string_view missing = record.longitude_deg ? "Latitude" : "Longitude";
            bad(missing, columns.at(missing), "is empty while its partner coordinate is given",
                "give both Longitude and Latitude, or neither for a crime without a location");
        }
    }

    const std::string& text(const ColumnMap& columns, std::string_view column) const {
        return row.fields[columns.at(column)];
    }
};

// Camden's Epoch: "06/01/2019 12:00:00 AM" (month first, as its portal writes dates), or an ISO date
// "2019-06-01T00:00:00" as the portal's API gives it.
std::optional<YearMonth> month_of_epoch(std::string_view text) {
    auto digits = [&](std::size_t at, std::size_t count) -> std::optional<int> {
        if (at + count > text.size()) return std::nullopt;
        int value = 0;
        for (std::size_t i = at; i < at + count; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    if (text.size() >= 10 && text[2] == '/' && text[5] == '/') {
        const auto month = digits(0, 2), day = digits(3, 2), year = digits(6, 4);
        if (!month || !day || !year || *month < 1 || *month > 12 || *day < 1 || *day > 31 || *year < 1000)
            return std::nullopt;
        return YearMonth{*year, *month};
    }
    if (text.size() >= 10 && text[4] == '-' && text[7] == '-') {
        const auto day = digits(8, 2);
        if (!day || *day < 1 || *day > 31) return std::nullopt;
        return parse_year_month(text.substr(0, 7));
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(StreetCrimeLayout layout) {
    return layout == StreetCrimeLayout::camden ? "camden" : "police-uk";
}

std::optional<StreetCrimeLayout> street_crime_layout_from_string(std::string_view name) {
    if (name == "police-uk") return StreetCrimeLayout::police_uk;
    if (name == "camden") return StreetCrimeLayout::camden;
    return std::nullopt;
}

StreetCrimeFile read_street_crime_csv(const std::filesystem::path& file, std::optional<StreetCrimeLayout> layout) {
    const std::string text = read_text_file(file);
    return parse_street_crime_csv(text, file.string(), layout);
}

StreetCrimeFile parse_street_crime_csv(std::string_view text, const std::string& file,
                                       std::optional<StreetCrimeLayout> layout) {
    CsvReader reader(text, file);
    CsvRecord header;
    if (!reader.next(header))
        throw InputError(file, 0, "", "the file is empty: expected a header line and rows of crimes",
                         "give a street-level crime file from data.police.uk");
    const ColumnMap columns(header);
    StreetCrimeFile result;
    result.file = file;
    result.layout = layout_of(columns, layout, file);

    CsvRecord row;
    while (reader.next(row)) {
        const RowReader read{file, row};
        if (row.fields.size() != columns.width())
            throw InputError(file, row.line, "",
                             "expected " + std::to_string(columns.width()) + " fields as in the header, found " +
                                 std::to_string(row.fields.size()),
                             "check the commas and quotes on this line (a field holding a comma must be in double "
                             "quotes)");
        StreetCrimeRecord record;
        record.line = row.line;
        if (result.layout == StreetCrimeLayout::police_uk) {
            const std::string& month = read.text(columns, "Month");
            const auto parsed = parse_year_month(month);
            if (!parsed)
                read.bad("Month", columns.at("Month"), "expected a month as YYYY-MM, got '" + month + "'",
                         "police.uk files give the month as e.g. 2019-06");
            record.month = *parsed;
            record.category = read.text(columns, "Crime type");
            record.location = read.text(columns, "Location");
        } else {
            const std::string& epoch = read.text(columns, "Epoch");
            const auto parsed = month_of_epoch(epoch);
            if (!parsed)
                read.bad("Epoch", columns.at("Epoch"),
                         "expected a date as MM/DD/YYYY hh:mm:ss AM or YYYY-MM-DD, got '" + epoch + "'",
                         "Camden's open data writes the crime's month as e.g. 06/01/2019 12:00:00 AM");
            record.month = *parsed;
            record.category = read.text(columns, "Category");
            record.location = read.text(columns, "Street Name");
            record.street_id = read.text(columns, "Street ID");
        }
        const std::string_view category_column = result.layout == StreetCrimeLayout::police_uk ? "Crime type" : "Category";
        if (record.category.find_first_not_of(" \t") == std::string::npos)
            read.bad(category_column, columns.at(category_column), "is empty: expected a crime category such as "
                     "'Burglary'", "fill in the category or remove the row");
        read.map_point(columns, record);
        if (result.records.empty()) {
            result.first_month = result.last_month = record.month;
        } else {
            result.first_month = std::min(result.first_month, record.month);
            result.last_month = std::max(result.last_month, record.month);
        }
        result.records.push_back(std::move(record));
    }
    if (result.records.empty())
        throw InputError(file, header.line, "", "the file has a header but no crimes",
                         "give a file with at least one crime row");
    return result;
}

}  // namespace streetwise::analysis
