// The sweep journal: records read back exactly (doubles to the last bit), a line torn by a kill is
// dropped and cut off so the next record starts cleanly, damage anywhere else and journals of another
// sweep are refused with the file named, and an existing journal is never started over.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

#include "sim/core/input_error.hpp"
#include "sim/io/sweep_journal.hpp"
#include "test_support.hpp"

using streetwise::InputError;
using streetwise::SweepJournal;
using streetwise::SweepRunRecord;
using streetwise::test::read_bytes;
using streetwise::test::ScratchDir;
using streetwise::test::write_bytes;
using Catch::Matchers::Contains;

namespace {

SweepRunRecord ok(std::uint64_t run, std::vector<double> outcomes) {
    SweepRunRecord r;
    r.run = run;
    r.wall_s = 0.25;
    r.outcomes = std::move(outcomes);
    return r;
}

}  // namespace

TEST_CASE("sweep journal: records come back exactly, failures with their message", "[io][sweep-journal]") {
    ScratchDir dir("journal-roundtrip");
    const auto file = dir.path() / "journal.tsv";
    {
        auto journal = SweepJournal::create(file, 0xfeedULL, 10, 2);
        journal.append(ok(3, {0.1, 1e-300}));
        SweepRunRecord failed;
        failed.run = 7;
        failed.ok = false;
        failed.error = "bad\tvalue\nhere";
        journal.append(failed);
        journal.append(ok(7, {2.0 / 3.0, 123456789.0}));
    }
    std::uint64_t fingerprint = 0;
    const auto records = SweepJournal::read(file, &fingerprint);
    CHECK(fingerprint == 0xfeedULL);
    REQUIRE(records.size() == 3);
    CHECK(records[0].run == 3);
    CHECK(records[0].outcomes == std::vector<double>{0.1, 1e-300});  // bit for bit: %.17g reads back exactly
    CHECK_FALSE(records[1].ok);
    CHECK(records[1].error == "bad value here");
    CHECK(records[2].outcomes[0] == 2.0 / 3.0);

    // Never started over: creating it again is refused.
    CHECK_THROWS_WITH(SweepJournal::create(file, 0xfeedULL, 10, 2), Contains("already there") && Contains("--resume"));
}

TEST_CASE("sweep journal: a torn last line is dropped and cut off, damage elsewhere is refused", "[io][sweep-journal]") {
    ScratchDir dir("journal-torn");
    const auto file = dir.path() / "journal.tsv";
    {
        auto journal = SweepJournal::create(file, 1, 10, 1);
        journal.append(ok(0, {5}));
        journal.append(ok(1, {6}));
    }
    const std::string whole = read_bytes(file);
    write_bytes(file, whole + "2\tok\t0.1\t7");  // a kill in the middle of a write

    std::vector<SweepRunRecord> records;
    {
        auto journal = SweepJournal::open(file, 1, 10, 1, records);
        REQUIRE(records.size() == 2);
        CHECK(read_bytes(file) == whole);  // the torn tail is gone
        journal.append(ok(2, {7}));
    }
    CHECK(SweepJournal::read(file).size() == 3);

    // A line with a wrong checksum followed by more lines is not a torn tail but damage.
    std::string damaged = read_bytes(file);
    const auto at = damaged.find("\t6\t");
    REQUIRE(at != std::string::npos);
    damaged[at + 1] = '9';
    write_bytes(file, damaged);
    CHECK_THROWS_WITH(SweepJournal::read(file), Contains("journal.tsv") && Contains("checksum"));

    // A wrong last line with a newline is also just dropped (a torn write can end anywhere).
    write_bytes(file, whole + "2\tok\t0.1\t7\tdeadbeef\n");
    CHECK(SweepJournal::read(file).size() == 2);
}

TEST_CASE("sweep journal: another sweep's journal, or not a journal at all, is refused", "[io][sweep-journal]") {
    ScratchDir dir("journal-other");
    const auto file = dir.path() / "journal.tsv";
    { auto journal = SweepJournal::create(file, 42, 10, 3); }
    std::vector<SweepRunRecord> records;
    CHECK_THROWS_WITH(SweepJournal::open(file, 43, 10, 3, records), Contains("another sweep"));
    CHECK_THROWS_WITH(SweepJournal::open(file, 42, 11, 3, records), Contains("another sweep"));
    CHECK_THROWS_WITH(SweepJournal::open(file, 42, 10, 2, records), Contains("another sweep"));
    CHECK_NOTHROW(SweepJournal::open(file, 42, 10, 3, records));

    write_bytes(file, "run,point\n1,2\n");
    CHECK_THROWS_AS(SweepJournal::read(file), InputError);
    CHECK_THROWS_WITH(SweepJournal::read(file), Contains("not a streetwise sweep journal"));
    // A record naming a run the sweep does not have.
    { 
        std::filesystem::remove(file);
        auto journal = SweepJournal::create(file, 42, 10, 1);
    }
    const std::string header = read_bytes(file);
    write_bytes(file, header);
    {
        std::vector<SweepRunRecord> none;
        auto journal = SweepJournal::open(file, 42, 10, 1, none);
        CHECK(none.empty());
        CHECK_THROWS_AS(journal.append(ok(3, {1, 2})), std::invalid_argument);  // wrong outcome count: a bug
    }
}
