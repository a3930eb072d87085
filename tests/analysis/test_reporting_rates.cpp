// The CSEW Table D10 reader: proportions for the year ending March 2019 from the real table, subgroup
// rows told apart by the group above them, NA, and errors with file and line.
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>

#include "analysis/reporting_rates.hpp"
#include "test_support.hpp"

using namespace streetwise;
using namespace streetwise::analysis;
using Catch::Matchers::Contains;

namespace {

const std::filesystem::path d10 = std::filesystem::path(STREETWISE_SHARED_DATA_DIR) / "reporting-rates" /
                                  "csew_table_D10_proportion_reported_ye_mar2019.csv";

// The proportion on the first line "category,year_ending," of the file, read by plain text search:
// an independent check of the reader.
double first_row_value(const std::string& text, const std::string& prefix) {
    const auto at = text.find("\n" + prefix);
    REQUIRE(at != std::string::npos);
    const auto start = at + 1 + prefix.size();
    return std::stod(text.substr(start, text.find('\n', start) - start));
}

}  // namespace

TEST_CASE("reporting rates: the real table, year ending March 2019", "[analysis][reporting][real-data]") {
    const ReportingRateTable table = ReportingRateTable::read(d10);
    CHECK(table.latest_year_ending() == YearMonth{2019, 3});
    const auto proportions = reporting_proportions(table, YearMonth{2019, 3});
    auto of = [&](CrimeType t) { return proportions[static_cast<std::size_t>(t)]; };

    const std::string text = test::read_bytes(d10);
    CHECK(of(CrimeType::theft_from_person).proportion == first_row_value(text, "theft from the person,2019-03-01,"));
    CHECK(of(CrimeType::robbery).proportion == first_row_value(text, "robbery,2019-03-01,"));
    // The top-level "domestic burglary" row, not a subgroup of it.
    CHECK(of(CrimeType::burglary).proportion == first_row_value(text, "domestic burglary,2019-03-01,"));
    CHECK(of(CrimeType::vandalism).proportion == first_row_value(text, "criminal damage,2019-03-01,"));
    // The design notes' rounded figures (model.md): about 27%, 52% and 61%.
    CHECK(of(CrimeType::theft_from_person).proportion == Approx(0.27).margin(0.005));
    CHECK(of(CrimeType::robbery).proportion == Approx(0.52).margin(0.005));
    CHECK(of(CrimeType::burglary).proportion == Approx(0.61).margin(0.005));
    for (CrimeType t : {CrimeType::theft_from_person, CrimeType::robbery, CrimeType::burglary, CrimeType::vandalism}) {
        CHECK(of(t).kind == ReportingSource::survey_table);
        CHECK_THAT(of(t).source, Contains("CSEW Table D10") && Contains("2019-03") && Contains(" line "));
    }
    // Not in the table: the literature's figures, marked as such.
    CHECK(of(CrimeType::harassment).proportion == Approx(0.13));
    CHECK(of(CrimeType::hate_incident).proportion == Approx(0.10));
    for (CrimeType t : {CrimeType::harassment, CrimeType::hate_incident}) {
        CHECK(of(t).kind == ReportingSource::literature_default);
        CHECK_THAT(of(t).source, Contains("not from the survey table") && Contains("FRA"));
    }
    CHECK(survey_category_for(CrimeType::burglary) == "domestic burglary");
    CHECK_FALSE(survey_category_for(CrimeType::harassment));
}

TEST_CASE("reporting rates: subgroups repeat under several groups and are named by their group",
          "[analysis][reporting][real-data]") {
    const ReportingRateTable table = ReportingRateTable::read(d10);
    const YearMonth y2019{2019, 3};
    // "with entry" appears under "domestic burglary" and under each of its two kinds, in that order.
    const std::string text = test::read_bytes(d10);
    std::vector<double> with_entry_2019;
    for (std::size_t at = text.find("\nwith entry,2019-03-01,"); at != std::string::npos;
         at = text.find("\nwith entry,2019-03-01,", at + 1))
        with_entry_2019.push_back(std::stod(text.substr(at + 23, text.find('\n', at + 1) - at - 23)));
    REQUIRE(with_entry_2019.size() == 3);
    CHECK(table.find("with entry", y2019) == nullptr);  // ambiguous alone
    CHECK(table.find("domestic burglary / with entry", y2019)->proportion == with_entry_2019[0]);
    CHECK(table.find("domestic burglary in a dwelling / with entry", y2019)->proportion == with_entry_2019[1]);
    CHECK(table.find("domestic burglary in a non-connected building to a dwelling / with entry", y2019)->proportion ==
          with_entry_2019[2]);
    // NA is kept as "no figure".
    const auto* snatch = table.find("snatch theft from person", y2019);
    REQUIRE(snatch != nullptr);
    CHECK_FALSE(snatch->proportion.has_value());
    CHECK(table.year_endings().size() == 22);
}

TEST_CASE("reporting rates: a small table, its years and its gaps", "[analysis][reporting]") {
    const std::string text =
        "category,year_ending,proportion\n"
        "robbery,2018-03-01,0.4\n"
        "robbery,2019-03-01,NA\n"
        "theft from the person,2018-03-01,0.3\n"
        "theft from the person,2019-03-01,0.25\n"
        "domestic burglary,2018-03-01,0.6\n"
        "domestic burglary,2019-03-01,0.62\n"
        "criminal damage,2018-03,0.35\n"
        "criminal damage,2019-03,0.33\n";
    const ReportingRateTable table = ReportingRateTable::parse(text, "d10.csv");
    CHECK(table.latest_year_ending() == YearMonth{2019, 3});
    const auto y2018 = reporting_proportions(table, YearMonth{2018, 3});
    CHECK(y2018[static_cast<std::size_t>(CrimeType::robbery)].proportion == 0.4);
    CHECK(y2018[static_cast<std::size_t>(CrimeType::vandalism)].proportion == 0.35);

    // Robbery is NA in 2019: an error naming its line, unless the user gives the figure.
    const auto na = test::input_error_of([&] { reporting_proportions(table, YearMonth{2019, 3}); });
    CHECK(na.file() == "d10.csv");
    CHECK(na.line() == 3);
    CHECK_THAT(na.problem(), Contains("'robbery'") && Contains("NA"));
    const auto given = reporting_proportions(table, YearMonth{2019, 3}, {{CrimeType::robbery, 0.5}});
    CHECK(given[static_cast<std::size_t>(CrimeType::robbery)].proportion == 0.5);
    CHECK(given[static_cast<std::size_t>(CrimeType::robbery)].kind == ReportingSource::user_given);
    CHECK(given[static_cast<std::size_t>(CrimeType::burglary)].proportion == 0.62);

    const auto no_year = test::input_error_of([&] { reporting_proportions(table, YearMonth{2020, 3}); });
    CHECK_THAT(no_year.problem(), Contains("2020-03") && Contains("2018-03, 2019-03"));
    CHECK_THAT(test::input_error_of([&] { reporting_proportions(table, YearMonth{2018, 3}, {{CrimeType::robbery, 1.5}}); })
                   .problem(),
               Contains("(0, 1]"));
}

TEST_CASE("reporting rates: bad rows name the file, line and column", "[analysis][reporting]") {
    const std::string header = "category,year_ending,proportion\n";
    const std::string good = "robbery,2019-03-01,0.5\n";
    struct Case {
        std::string row;
        std::string mentions;
    };
    const std::vector<Case> cases{
        {"theft,2019-03-01,1.2\n", "column 'proportion' (field 3): expected a fraction from 0 to 1 or NA, got '1.2'"},
        {"theft,2019-03-01,n/a\n", "column 'proportion'"},
        {"theft,2019-03-01,\n", "column 'proportion'"},
        {"theft,March 2019,0.3\n", "column 'year_ending' (field 2)"},
        {",2019-03-01,0.3\n", "column 'category' (field 1): is empty"},
        {"theft,2019-03-01\n", "expected 3 fields"},
        {"robbery,2019-03-01,0.4\n", "appears again"},
    };
    for (const auto& c : cases) {
        INFO(c.row);
        const auto error = test::input_error_of([&] { ReportingRateTable::parse(header + good + c.row, "d.csv"); });
        CHECK(error.file() == "d.csv");
        CHECK(error.line() == 3);
        CHECK_THAT(error.problem(), Contains(c.mentions));
    }
    CHECK_THAT(test::input_error_of([] { ReportingRateTable::parse("category,year,proportion\n", "d.csv"); }).problem(),
               Contains("year_ending"));
}
