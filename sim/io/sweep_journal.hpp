#pragma once
// The sweep journal: an append-only text file in the sweep's folder with one line per finished run.
// It is what makes a sweep survive being killed at any moment: a run counts as done once its line is
// in the journal, and a resumed sweep runs exactly the runs without one. Each line ends with a
// checksum, so a line cut short by a kill (or a machine crash) is recognised, dropped and its run done
// again. Lines are written whole with one write() (a killed process loses none that returned) and
// synced to disk at most every few seconds (a crashed machine loses only the last few runs).
//
//   # streetwise sweep journal 1
//   # fingerprint 8c1f0a2e5b7d3344 runs 1000 outcomes 9
//   17<TAB>ok<TAB>0.0521<TAB>412<TAB>130<TAB>...<TAB>9f03c2aa
//   18<TAB>failed<TAB>0.0002<TAB>what went wrong<TAB>51d0e871
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace streetwise {

struct SweepRunRecord {
    std::uint64_t run = 0;          // index in the sweep: point * replicates + replicate
    bool ok = true;                 // false: the run threw; `error` says why
    double wall_s = 0;              // the run's own wall time (for the overhead figures, not the results)
    std::vector<double> outcomes;   // when ok: one per kept outcome
    std::string error;              // when failed
};

class SweepJournal {
public:
    // Starts a new journal; throws InputError if `file` exists (the caller decides about resuming).
    static SweepJournal create(const std::filesystem::path& file, std::uint64_t fingerprint, std::uint64_t run_count,
                               std::size_t outcome_count);
    // Opens an existing journal to append to it and returns its records in `records` (in file order; a
    // run that failed and later succeeded appears twice). A torn last line is cut off. Throws
    // InputError naming the file when it is not a journal, or one for another sweep (fingerprint,
    // run count or outcome count differ), or damaged anywhere but at its end.
    static SweepJournal open(const std::filesystem::path& file, std::uint64_t fingerprint, std::uint64_t run_count,
                             std::size_t outcome_count, std::vector<SweepRunRecord>& records);
    // Reads without opening for writing (tests, tools): the same checks, torn tail ignored.
    static std::vector<SweepRunRecord> read(const std::filesystem::path& file, std::uint64_t* fingerprint = nullptr);

    SweepJournal(SweepJournal&& other) noexcept;
    SweepJournal& operator=(SweepJournal&&) = delete;
    SweepJournal(const SweepJournal&) = delete;
    ~SweepJournal();

    void append(const SweepRunRecord& record);  // one write(); syncs if the last sync is 2 s old
    void sync();                                // fdatasync now

private:
    SweepJournal(std::filesystem::path file, int fd, std::size_t outcome_count);
    std::filesystem::path file_;
    int fd_ = -1;
    std::size_t outcome_count_ = 0;
    double last_sync_s_ = 0;
};

}  // namespace streetwise
