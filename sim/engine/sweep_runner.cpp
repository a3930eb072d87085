#include "sim/engine/sweep_runner.hpp"

#include <tbb/task_arena.h>

#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <thread>

#include "sim/core/parallel_for.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/replicates.hpp"
#include "sim/engine/run.hpp"

namespace streetwise {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string duration_text(double seconds) {
    const auto total = static_cast<long long>(std::llround(seconds));
    char buffer[48];
    if (total >= 3600)
        std::snprintf(buffer, sizeof buffer, "%lldh%02lldm", total / 3600, total / 60 % 60);
    else if (total >= 60)
        std::snprintf(buffer, sizeof buffer, "%lldm%02llds", total / 60, total % 60);
    else
        std::snprintf(buffer, sizeof buffer, "%llds", total);
    return buffer;
}

}  // namespace

SweepPlan make_sweep_plan(SweepSpec spec) {
    SweepPlan plan;
    plan.design = make_design(spec.parameters, spec.design);
    const auto names = outcome_names();
    for (const auto& kept : spec.outcomes)
        for (std::size_t k = 0; k < names.size(); ++k)
            if (names[k] == kept) plan.outcome_columns.push_back(k);
    plan.spec = std::move(spec);
    return plan;
}

SweepRunRecord run_sweep_run(const SweepPlan& plan, const City& city, std::uint64_t run) {
    const auto start = std::chrono::steady_clock::now();
    SweepRunRecord record;
    record.run = run;
    try {
        ScenarioSpec scenario = sweep_point_scenario(plan.spec, plan.design.values[plan.point_of(run)]);
        scenario.seed = plan.seed_of(run);
        // Isolated: while this run waits inside its own parallel loops, its thread must not pick up
        // another whole run (TBB would otherwise nest runs and hold both in memory).
        const RunResult result = tbb::this_task_arena::isolate([&] { return run_simulation(scenario, city, RunOptions{}); });
        const std::vector<double> all = run_outcomes(result, scenario);
        for (const std::size_t column : plan.outcome_columns) record.outcomes.push_back(all[column]);
    } catch (const InputError& e) {
        record.ok = false;
        record.error = e.what();
    } catch (const std::exception& e) {
        record.ok = false;
        record.error = std::string("internal error: ") + e.what();
    }
    record.wall_s = seconds_since(start);
    return record;
}

SweepLedger::SweepLedger(const SweepPlan& plan, const std::filesystem::path& folder, bool resume)
    : journal_([&] {
          std::error_code error;
          std::filesystem::create_directories(folder, error);
          if (error || !std::filesystem::is_directory(folder))
              throw InputError(folder.string(), 0, "-o/--output", "cannot create the sweep folder: " + error.message(),
                               "choose a folder you can write to");
          const auto file = folder / "journal.tsv";
          if (!resume) return SweepJournal::create(file, plan.spec.fingerprint, plan.run_count(), plan.outcome_columns.size());
          if (!std::filesystem::exists(file))
              throw InputError(file.string(), 0, "--resume", "no sweep journal to resume from",
                               "run the sweep without --resume to start it");
          std::vector<SweepRunRecord> records;
          SweepJournal journal =
              SweepJournal::open(file, plan.spec.fingerprint, plan.run_count(), plan.outcome_columns.size(), records);
          results_.resize(plan.run_count());
          for (auto& r : records) {
              // A run that failed before and succeeded on a later attempt keeps its success.
              auto& slot = results_[r.run];
              if (!slot || !slot->ok) slot = std::move(r);
          }
          return journal;
      }()),
      start_(std::chrono::steady_clock::now()) {
    results_.resize(plan.run_count());
    for (std::uint64_t run = 0; run < results_.size(); ++run) {
        const auto& slot = results_[run];
        if (slot && slot->ok)
            ++done_;
        else
            pending_.push_back(run);
    }
}

void SweepLedger::started() {
    std::lock_guard lock(mutex_);
    ++running_;
}

void SweepLedger::record(const SweepRunRecord& record) {
    std::lock_guard lock(mutex_);
    if (running_ > 0) --running_;
    auto& slot = results_.at(record.run);
    if (slot && slot->ok) return;  // a run already recorded is never recorded twice, journal included
    journal_.append(record);       // durable first: a kill after this line keeps the run
    const bool counted_failed = slot && !slot->ok;
    slot = record;
    if (record.ok) {
        ++done_;
        if (counted_failed && failed_ > 0) --failed_;
    } else if (!counted_failed) {
        ++failed_;
    }
    ++done_this_session_;
    run_seconds_ += record.wall_s;
}

SweepLedger::Progress SweepLedger::progress() const {
    std::lock_guard lock(mutex_);
    Progress p;
    p.total = results_.size();
    p.done = done_;
    p.failed = failed_;
    p.running = running_;
    p.done_this_session = done_this_session_;
    p.run_seconds_this_session = run_seconds_;
    p.elapsed_s = seconds_since(start_);
    return p;
}

std::vector<std::optional<SweepRunRecord>> SweepLedger::results() const {
    std::lock_guard lock(mutex_);
    return results_;
}

std::string progress_line(const SweepLedger::Progress& p) {
    std::string line = std::to_string(p.done) + " of " + std::to_string(p.total) + " runs done";
    if (p.failed > 0) line += " (" + std::to_string(p.failed) + " failed)";
    line += ", " + std::to_string(p.running) + " running, " + duration_text(p.elapsed_s) + " elapsed";
    const std::uint64_t left = p.total - p.done - p.failed;
    if (left > 0 && p.done_this_session > 0 && p.elapsed_s > 0) {
        // The rate this session has achieved so far, runs still to do at that rate.
        const double runs_per_s = static_cast<double>(p.done_this_session) / p.elapsed_s;
        line += ", about " + duration_text(static_cast<double>(left) / runs_per_s) + " left";
    }
    return line;
}

void run_sweep_local(const SweepPlan& plan, const City& city, SweepLedger& ledger, int threads,
                     const std::function<void()>& on_tick, double tick_s) {
    const std::vector<std::uint64_t> pending = ledger.pending();
    std::mutex tick_mutex;
    std::condition_variable tick_wake;
    bool finished = false;
    std::thread ticker;
    if (on_tick)
        ticker = std::thread([&] {
            std::unique_lock lock(tick_mutex);
            while (!tick_wake.wait_for(lock, std::chrono::duration<double>(tick_s), [&] { return finished; })) on_tick();
        });
    tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
    try {
        arena.execute([&] {
            // One run per task, handed out as threads free up: runs differ in length (parameters change
            // the number of agents and crimes), so a static split would leave threads idle.
            parallel_for_each(std::size_t{0}, pending.size(), [&](std::size_t i) {
                ledger.started();
                ledger.record(run_sweep_run(plan, city, pending[i]));
            });
        });
    } catch (...) {
        {
            std::lock_guard lock(tick_mutex);
            finished = true;
        }
        tick_wake.notify_all();
        if (ticker.joinable()) ticker.join();
        throw;
    }
    {
        std::lock_guard lock(tick_mutex);
        finished = true;
    }
    tick_wake.notify_all();
    if (ticker.joinable()) ticker.join();
    ledger.sync();
}

}  // namespace streetwise
