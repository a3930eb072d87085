#pragma once
// Running a sweep: the plan (design points x replicates, numbered runs), one run at a time, and the
// ledger that records finished runs in the sweep folder's journal so a killed sweep resumes with
// exactly the runs it lacks. The local runner spreads runs over threads; the MPI runner
// (sim/cli/sweep_mpi.cpp) spreads them over ranks with the same ledger on rank 0. Either way a
// run's outcomes depend only on its number, so the results table is the same for any thread or
// rank count.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "analysis/sweep_design.hpp"
#include "sim/io/sweep_journal.hpp"
#include "sim/scenario/sweep_spec.hpp"

namespace streetwise {

class City;

struct SweepPlan {
    SweepSpec spec;
    Design design;               // make_design(spec.parameters, spec.design): the points, in order
    std::vector<std::size_t> outcome_columns;  // index in outcome_names() of each kept outcome

    std::uint64_t run_count() const { return design.values.size() * static_cast<std::uint64_t>(spec.replicates); }
    // Run r is replicate r % replicates of point r / replicates: all replicates of a point are neighbours.
    std::size_t point_of(std::uint64_t run) const { return static_cast<std::size_t>(run / static_cast<std::uint64_t>(spec.replicates)); }
    int replicate_of(std::uint64_t run) const { return static_cast<int>(run % static_cast<std::uint64_t>(spec.replicates)); }
    // Common random numbers: replicate k of every point runs with the same seed.
    std::uint64_t seed_of(std::uint64_t run) const { return spec.first_seed + static_cast<std::uint64_t>(replicate_of(run)); }
};

SweepPlan make_sweep_plan(SweepSpec spec);

// One run of the plan on `city` (a sweep's parallelism is across runs; a run uses idle threads only
// when fewer runs than threads are left). Any
// exception becomes a failed record with its message; the wall time covers loading the point's
// scenario, setting up and stepping.
SweepRunRecord run_sweep_run(const SweepPlan& plan, const City& city, std::uint64_t run);

// The sweep folder's bookkeeping: which runs are done, the journal, progress counts. Thread-safe.
class SweepLedger {
public:
    // A new sweep (resume false: the journal must not exist yet) or a resumed one (resume true: the
    // journal must exist and belong to this plan). Creates `folder` if needed.
    SweepLedger(const SweepPlan& plan, const std::filesystem::path& folder, bool resume);

    // Runs still to do, ascending (failed runs of an earlier attempt are done again).
    const std::vector<std::uint64_t>& pending() const { return pending_; }
    std::uint64_t run_count() const { return static_cast<std::uint64_t>(results_.size()); }

    void started();                               // a run was handed out
    void record(const SweepRunRecord& record);    // a run finished: journal first, then the table
    void sync() { std::lock_guard lock(mutex_); journal_.sync(); }

    struct Progress {
        std::uint64_t total = 0, done = 0, failed = 0, running = 0;
        std::uint64_t done_this_session = 0;  // for the time-left estimate
        double run_seconds_this_session = 0;  // sum of this session's run wall times
        double elapsed_s = 0;                 // since this session started
    };
    Progress progress() const;

    // Per run: its record if finished (ok or failed), in run order.
    std::vector<std::optional<SweepRunRecord>> results() const;

private:
    mutable std::mutex mutex_;
    std::vector<std::optional<SweepRunRecord>> results_;  // before journal_: opening the journal fills it
    SweepJournal journal_;
    std::vector<std::uint64_t> pending_;
    std::uint64_t done_ = 0, failed_ = 0, running_ = 0, done_this_session_ = 0;
    double run_seconds_ = 0;
    std::chrono::steady_clock::time_point start_;
};

// Runs every pending run on `threads` threads (0: all), runs handed out one by one as threads free up.
// `on_tick`, if set, is called about every `tick_s` seconds from a helper thread (progress lines).
void run_sweep_local(const SweepPlan& plan, const City& city, SweepLedger& ledger, int threads,
                     const std::function<void()>& on_tick = {}, double tick_s = 5.0);

// "412 of 1000 runs done (3 failed), 2 running, 2m05s elapsed, about 3m left"
std::string progress_line(const SweepLedger::Progress& progress);

}  // namespace streetwise
