// The CSV reader against RFC 4180 cases: quoted commas, doubled quotes, line breaks inside quotes
// (with the line each record starts on), CRLF, a byte order mark, blank lines, and broken quoting.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analysis/csv_reader.hpp"
#include "test_support.hpp"

using namespace streetwise;
using namespace streetwise::analysis;
using Catch::Matchers::Contains;

namespace {

std::vector<CsvRecord> read_all(std::string_view text) {
    CsvReader reader(text, "t.csv");
    std::vector<CsvRecord> records;
    CsvRecord record;
    while (reader.next(record)) records.push_back(record);
    return records;
}

}  // namespace

TEST_CASE("csv: quoted fields hold commas, doubled quotes and line breaks", "[analysis][csv]") {
    const auto records = read_all(
        "a,b,c\n"
        "1,\"(51.5, -0.12)\",x\n"
        "2,\"say \"\"hi\"\"\",\"\"\n"
        "3,\"two\nlines\",y\n"
        "4,,z");
    REQUIRE(records.size() == 5);
    CHECK(records[1].fields == std::vector<std::string>{"1", "(51.5, -0.12)", "x"});
    CHECK(records[2].fields == std::vector<std::string>{"2", "say \"hi\"", ""});
    CHECK(records[3].fields == std::vector<std::string>{"3", "two\nlines", "y"});
    CHECK(records[4].fields == std::vector<std::string>{"4", "", "z"});
    // Each record knows the line it starts on, counting the line break inside the quotes.
    CHECK(records[0].line == 1);
    CHECK(records[3].line == 4);
    CHECK(records[4].line == 6);
}

TEST_CASE("csv: CRLF, a byte order mark and blank lines", "[analysis][csv]") {
    const auto records = read_all("\xEF\xBB\xBFx,y\r\n1,2\r\n\r\n\n3,\"4\"\r\n");
    REQUIRE(records.size() == 3);
    CHECK(records[0].fields == std::vector<std::string>{"x", "y"});
    CHECK(records[1].fields == std::vector<std::string>{"1", "2"});
    CHECK(records[2].fields == std::vector<std::string>{"3", "4"});
    CHECK(records[2].line == 5);
}

TEST_CASE("csv: broken quoting is an error naming the file and line", "[analysis][csv]") {
    const auto open = test::input_error_of([] { read_all("a,b\n1,2\n3,\"never closed\n4,5\n"); });
    CHECK(open.file() == "t.csv");
    CHECK(open.line() == 3);
    CHECK_THAT(open.problem(), Contains("field 2") && Contains("never closed"));

    const auto after = test::input_error_of([] { read_all("a,b\n\"x\"y,2\n"); });
    CHECK(after.line() == 2);
    CHECK_THAT(after.problem(), Contains("after the closing double quote"));
}

TEST_CASE("csv: a file that cannot be read is an InputError", "[analysis][csv]") {
    const auto missing = test::input_error_of([] { read_text_file("/nonexistent/crime.csv"); });
    CHECK(missing.file() == "/nonexistent/crime.csv");
    CHECK_THAT(missing.problem(), Contains("does not exist"));
    test::ScratchDir dir("csv");
    const auto folder = test::input_error_of([&] { read_text_file(dir.path()); });
    CHECK_THAT(folder.problem(), Contains("folder"));
}
