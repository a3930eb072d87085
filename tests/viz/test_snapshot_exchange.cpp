// SnapshotExchange: the UI only ever sees whole snapshots, newest first, and never waits.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "viz/core/snapshot_exchange.hpp"

using namespace streetwise::viz;

TEST_CASE("snapshot exchange: nothing before the first publish, then the newest", "[viz][snapshot]") {
    SnapshotExchange exchange;
    CHECK_FALSE(exchange.acquire());
    exchange.back().serial = 1;
    exchange.publish();
    REQUIRE(exchange.acquire());
    CHECK(exchange.front().serial == 1);
    CHECK_FALSE(exchange.acquire());  // nothing new: front stays
    CHECK(exchange.front().serial == 1);
    exchange.back().serial = 2;
    exchange.publish();
    exchange.back().serial = 3;  // published twice before the UI looked: it gets the newest
    exchange.publish();
    REQUIRE(exchange.acquire());
    CHECK(exchange.front().serial == 3);
}

TEST_CASE("snapshot exchange: a reader racing a writer never sees a torn snapshot", "[viz][snapshot][threads]") {
    // The writer fills each snapshot so that its fields agree with each other; a torn read (half
    // of one snapshot, half of another) would break that agreement.
    SnapshotExchange exchange;
    std::atomic<bool> done{false};
    std::atomic<std::uint64_t> reader_seen{0};
    std::atomic<std::uint64_t> published{0};
    // The writer keeps going until the reader has taken many snapshots mid-stream, however slowly
    // a loaded machine schedules the reader (a minute at most).
    const auto start = std::chrono::steady_clock::now();
    std::thread writer([&] {
        for (std::uint64_t serial = 1; reader_seen < 2000 && std::chrono::steady_clock::now() - start < std::chrono::minutes(1);
             ++serial) {
            FrameSnapshot& s = exchange.back();
            s.serial = serial;
            s.step = static_cast<std::int64_t>(serial);
            s.agents.assign(serial % 97, AgentPoint{static_cast<float>(serial), 0, static_cast<std::uint32_t>(serial), AgentKind::resident});
            s.crime_total = serial * 3;
            exchange.publish();
            published = serial;
        }
        done = true;
    });
    std::uint64_t last = 0, seen = 0;
    for (;;) {
        const bool writer_done = done;  // read before acquire: then a failed acquire means the end
        if (!exchange.acquire()) {
            if (writer_done) break;
            continue;
        }
        const FrameSnapshot& s = exchange.front();
        reader_seen = ++seen;
        REQUIRE(s.serial > last);  // never older than what the UI already showed
        last = s.serial;
        REQUIRE(static_cast<std::uint64_t>(s.step) == s.serial);
        REQUIRE(s.crime_total == s.serial * 3);
        REQUIRE(s.agents.size() == s.serial % 97);
        for (const AgentPoint& a : s.agents) REQUIRE(a.id == s.serial);
    }
    writer.join();
    CHECK(last == published);  // the final snapshot always arrives
    CHECK(seen > 100);         // the reader really raced the writer
}
