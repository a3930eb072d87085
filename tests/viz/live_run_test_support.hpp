#pragma once
// Helpers for tests that drive a LiveRun on its engine thread: options that play flat out or wait
// for commands, and a wait for a snapshot that satisfies a condition (polling as the UI does).
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

#include "viz/core/live_run.hpp"

namespace streetwise::test {

// Waits (polling the exchange as the UI does) until `done` holds for the newest snapshot.
template <class Predicate>
const viz::FrameSnapshot& wait_for(viz::LiveRun& run, Predicate done,
                                   std::chrono::seconds limit = std::chrono::seconds(60)) {
    const auto start = std::chrono::steady_clock::now();
    for (;;) {
        run.acquire_snapshot();
        if (run.snapshot().serial > 0 && done(run.snapshot())) return run.snapshot();
        if (run.phase() == viz::LiveRun::Phase::failed) FAIL("live run failed: " << run.message());
        if (std::chrono::steady_clock::now() - start > limit) FAIL("timed out waiting for the live run");
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

inline viz::LiveRunOptions flat_out(std::filesystem::path output = {}) {
    viz::LiveRunOptions options;
    options.threads = 2;
    options.speed_steps_per_s = 0;
    options.start_playing = true;
    options.output = std::move(output);
    return options;
}

// The same, but waiting for play, step or seek.
inline viz::LiveRunOptions paused() {
    viz::LiveRunOptions options = flat_out();
    options.start_playing = false;
    return options;
}

}  // namespace streetwise::test
