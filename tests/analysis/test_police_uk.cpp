// Reading police.uk street-level crime in both layouts: hand-written files whose every record is
// known, the real City of London and Camden files checked against a count made here by simpler means,
// and bad rows reported with file, line and column.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "analysis/police_uk.hpp"
#include "test_support.hpp"

using namespace streetwise;
using namespace streetwise::analysis;
using Catch::Matchers::Contains;

namespace {

const std::filesystem::path crime_dir = std::filesystem::path(STREETWISE_SHARED_DATA_DIR) / "crime";

const std::string police_uk_header =
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
    "Last outcome category,Context\n";

const std::string camden_header =
    "Category,Street ID,Street Name,Context,Outcome Category,Outcome Date,Service,Location Subtype,ID,Persistent "
    "ID,Epoch,Ward Code,Ward Name,Easting,Northing,Longitude,Latitude,Spatial Accuracy,Last Uploaded,Location\n";

std::string camden_row(const std::string& category, const std::string& street_id, const std::string& street,
                       const std::string& epoch, const std::string& lon, const std::string& lat) {
    return category + "," + street_id + "," + street + ",,,,Police Force,,1,," + epoch +
           ",E05000143,Ward,530076.2,182797.6," + lon + "," + lat + ",approximation,18/02/2021,\"(" + lat + ", " +
           lon + ")\"\n";
}

std::map<std::string, int> count_by_category(const StreetCrimeFile& file) {
    std::map<std::string, int> counts;
    for (const auto& r : file.records) ++counts[r.category];
    return counts;
}

}  // namespace

TEST_CASE("police.uk: the data.police.uk layout, record by record", "[analysis][police_uk]") {
    const std::string text = police_uk_header +
                             "a1,2019-01,City of London Police,City of London Police,-0.111497,51.518226,On or near "
                             "Old Square,E01000914,Camden 028B,Burglary,Under investigation,\n"
                             "a2,2019-02,City of London Police,City of London Police,,,No Location,,,Drugs,"
                             "Local resolution,\n"
                             "a3,2018-12,City of London Police,City of London Police,-0.1,51.5,\"On or near "
                             "Queen Street, EC4\",E01,City 001,Theft from the person,,\n";
    const StreetCrimeFile file = parse_street_crime_csv(text, "col.csv");
    CHECK(file.layout == StreetCrimeLayout::police_uk);
    REQUIRE(file.records.size() == 3);
    const auto& first = file.records[0];
    CHECK(first.month == YearMonth{2019, 1});
    CHECK(first.category == "Burglary");
    CHECK(first.location == "On or near Old Square");
    CHECK(first.street_id.empty());
    REQUIRE(first.has_map_point());
    CHECK(*first.longitude_deg == Approx(-0.111497));
    CHECK(*first.latitude_deg == Approx(51.518226));
    CHECK(first.line == 2);
    // police.uk's crimes without a map point: empty coordinates, location "No Location".
    CHECK_FALSE(file.records[1].has_map_point());
    CHECK(file.records[1].location == "No Location");
    CHECK(file.records[2].location == "On or near Queen Street, EC4");
    CHECK(file.first_month == YearMonth{2018, 12});
    CHECK(file.last_month == YearMonth{2019, 2});
}

TEST_CASE("police.uk: Camden's layout, with its quoted Location column and month-first dates",
          "[analysis][police_uk]") {
    const std::string text = camden_header +
                             camden_row("Anti-social behaviour", "960542", "On or near Judd Street",
                                        "06/01/2019 12:00:00 AM", "-0.126199", "51.529117") +
                             camden_row("robbery", "964967", "On or near Barker Drive", "07/01/2019 12:00:00 AM",
                                        "-0.134005", "51.540608") +
                             camden_row("Robbery", "964967", "On or near Barker Drive", "2019-06-01T00:00:00",
                                        "-0.134005", "51.540608");
    const StreetCrimeFile file = parse_street_crime_csv(text, "camden.csv");
    CHECK(file.layout == StreetCrimeLayout::camden);
    REQUIRE(file.records.size() == 3);
    CHECK(file.records[0].month == YearMonth{2019, 6});  // 06/01/2019 is 1 June
    CHECK(file.records[1].month == YearMonth{2019, 7});
    CHECK(file.records[2].month == YearMonth{2019, 6});
    CHECK(file.records[0].street_id == "960542");
    CHECK(file.records[0].location == "On or near Judd Street");
    CHECK(file.records[1].category == "robbery");  // kept as written; matched leniently later
    CHECK(*file.records[1].latitude_deg == Approx(51.540608));
}

TEST_CASE("police.uk: the layout is detected from the header, or checked when given", "[analysis][police_uk]") {
    const std::string police_uk = police_uk_header + "a,2019-01,x,x,,,No Location,,,Drugs,,\n";
    CHECK(parse_street_crime_csv(police_uk, "p.csv", StreetCrimeLayout::police_uk).records.size() == 1);
    const auto wrong = test::input_error_of([&] { parse_street_crime_csv(police_uk, "p.csv", StreetCrimeLayout::camden); });
    CHECK(wrong.line() == 1);
    CHECK_THAT(wrong.problem(), Contains("Category") && Contains("camden"));

    const auto neither = test::input_error_of([] { parse_street_crime_csv("a,b,c\n1,2,3\n", "other.csv"); });
    CHECK(neither.file() == "other.csv");
    CHECK(neither.line() == 1);
    CHECK_THAT(neither.problem(), Contains("Crime type") && Contains("Epoch"));

    CHECK(street_crime_layout_from_string("police-uk") == StreetCrimeLayout::police_uk);
    CHECK(street_crime_layout_from_string("camden") == StreetCrimeLayout::camden);
    CHECK_FALSE(street_crime_layout_from_string("auto"));
}

TEST_CASE("police.uk: bad rows name the file, the line, the column and what was expected",
          "[analysis][police_uk]") {
    const std::string good = "a,2019-01,x,x,-0.1,51.5,On or near X,E1,L,Robbery,,\n";
    struct Case {
        std::string row;
        std::string mentions;
    };
    const std::vector<Case> cases{
        {"a,2019-13,x,x,-0.1,51.5,On or near X,E1,L,Robbery,,\n", "column 'Month' (field 2): expected a month as YYYY-MM, got '2019-13'"},
        {"a,2019/01,x,x,-0.1,51.5,On or near X,E1,L,Robbery,,\n", "column 'Month'"},
        {"a,2019-01,x,x,west,51.5,On or near X,E1,L,Robbery,,\n", "column 'Longitude' (field 5): expected a number of degrees"},
        {"a,2019-01,x,x,-0.1,95,On or near X,E1,L,Robbery,,\n", "column 'Latitude'"},
        {"a,2019-01,x,x,-0.1,,On or near X,E1,L,Robbery,,\n", "column 'Latitude' (field 6): is empty while its partner"},
        {"a,2019-01,x,x,-0.1,51.5,On or near X,E1,L,,,\n", "column 'Crime type' (field 10): is empty"},
        {"a,2019-01,x,x,-0.1,51.5,On or near X, EC4,E1,L,Robbery,,\n", "expected 12 fields as in the header, found 13"},
        {"a,2019-01,x,x,-0.1,51.5,\"On or near X,E1,L,Robbery,,\n", "never closed"},
    };
    for (const auto& c : cases) {
        INFO(c.row);
        const std::string text = police_uk_header + good + good + c.row + good;
        const auto error = test::input_error_of([&] { parse_street_crime_csv(text, "bad.csv"); });
        CHECK(error.file() == "bad.csv");
        CHECK(error.line() == 4);
        CHECK_THAT(error.problem(), Contains(c.mentions));
        CHECK_THAT(std::string(error.what()), Contains("bad.csv:4: "));
        CHECK_FALSE(error.hint().empty());
    }

    const std::string bad_epoch = camden_header + camden_row("Robbery", "1", "On or near X", "June 2019", "-0.1", "51.5");
    const auto epoch = test::input_error_of([&] { parse_street_crime_csv(bad_epoch, "c.csv"); });
    CHECK(epoch.line() == 2);
    CHECK_THAT(epoch.problem(), Contains("column 'Epoch' (field 11)") && Contains("June 2019"));

    CHECK_THAT(test::input_error_of([] { parse_street_crime_csv("", "empty.csv"); }).problem(), Contains("empty"));
    CHECK_THAT(test::input_error_of([&] { parse_street_crime_csv(police_uk_header, "h.csv"); }).problem(),
               Contains("no crimes"));
}

TEST_CASE("police.uk: the real City of London file, counted again here by plain splitting",
          "[analysis][police_uk][real-data]") {
    const std::filesystem::path path = crime_dir / "city-of-london-street-2017-2021.csv";
    const StreetCrimeFile file = read_street_crime_csv(path);
    CHECK(file.layout == StreetCrimeLayout::police_uk);
    CHECK(file.first_month == YearMonth{2017, 1});
    CHECK(file.last_month == YearMonth{2021, 12});

    // The file has no quotes at all, so splitting lines at commas is a second, independent reading.
    const std::string text = test::read_bytes(path);
    REQUIRE(text.find('"') == std::string::npos);
    std::istringstream lines(text);
    std::string line;
    std::getline(lines, line);  // header
    std::map<std::string, int> expected;
    std::map<std::string, int> expected_2019;
    int without_location = 0;
    int short_lines = 0;
    while (std::getline(lines, line)) {
        std::vector<std::string> fields;
        std::stringstream split(line);
        std::string field;
        while (std::getline(split, field, ',')) fields.push_back(field);
        if (fields.size() < 10) {
            ++short_lines;
            continue;
        }
        ++expected[fields[9]];
        if (fields[1].starts_with("2019-")) ++expected_2019[fields[9]];
        without_location += fields[4].empty();
    }
    REQUIRE(short_lines == 0);
    CHECK(count_by_category(file) == expected);
    std::map<std::string, int> counted_2019;
    int counted_without_location = 0;
    for (const auto& r : file.records) {
        if (r.month.year == 2019) ++counted_2019[r.category];
        counted_without_location += !r.has_map_point();
    }
    CHECK(counted_2019 == expected_2019);
    CHECK(counted_without_location == without_location);
    CHECK(counted_without_location > 0);  // the file does have "No Location" rows
}

TEST_CASE("police.uk: the real Camden file, counted again here by plain splitting", "[analysis][police_uk][real-data]") {
    const std::filesystem::path path = crime_dir / "camden_street_crime_2019-06.csv";
    const StreetCrimeFile file = read_street_crime_csv(path);
    CHECK(file.layout == StreetCrimeLayout::camden);
    CHECK(file.first_month == YearMonth{2019, 6});
    CHECK(file.last_month == YearMonth{2019, 6});

    // Category is the first column and never quoted: the text before the first comma. The quoted
    // Location column ("(51.5, -0.12)") holds a comma, which the reader must not split at.
    std::istringstream lines(test::read_bytes(path));
    std::string line;
    std::getline(lines, line);
    std::map<std::string, int> expected;
    while (std::getline(lines, line)) ++expected[line.substr(0, line.find(','))];
    CHECK(count_by_category(file) == expected);
    std::size_t with_point_and_id = 0;
    for (const auto& r : file.records) with_point_and_id += r.has_map_point() && !r.street_id.empty();
    CHECK(with_point_and_id == file.records.size());
}
