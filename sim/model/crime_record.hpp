#pragma once
// The institutions' view of crime: only what reached the police (recorded crime), in the order it
// arrived. Everything that decides where police units and drones go reads this, never the true crime
// kept by CrimeRecorder: patrol strategies must be able to chase only their own records, as real
// ones do (Lum and Isaac 2016), and a test checks that no unreported crime leaks in.
#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace streetwise {

struct RecordedCrime {
    std::uint32_t event = 0;    // index in the run's crime events (RunResult::crimes)
    std::int64_t step = 0;      // the step it entered the record
    std::uint32_t node = 0;     // where it happened, as reported
    std::uint32_t segment = 0;
    std::uint8_t type = 0;      // CrimeType
};

class CrimeRecord {
public:
    CrimeRecord() = default;
    explicit CrimeRecord(std::uint32_t segment_count) : per_segment_(segment_count, 0) {}

    // Sequential phases only; steps must not decrease.
    void add(const RecordedCrime& crime) {
        crimes_.push_back(crime);
        ++per_segment_[crime.segment];
    }
    const std::vector<RecordedCrime>& crimes() const { return crimes_; }
    std::uint32_t count_on(std::uint32_t segment) const { return per_segment_[segment]; }
    const std::vector<std::uint32_t>& per_segment() const { return per_segment_; }
    // The crimes recorded in steps [from_step, to_step): a contiguous run, found by binary search.
    std::span<const RecordedCrime> between(std::int64_t from_step, std::int64_t to_step) const {
        auto by_step = [](const RecordedCrime& c, std::int64_t step) { return c.step < step; };
        const auto begin = std::lower_bound(crimes_.begin(), crimes_.end(), from_step, by_step);
        const auto end = std::lower_bound(begin, crimes_.end(), to_step, by_step);
        return {begin, end};
    }

private:
    std::vector<RecordedCrime> crimes_;
    std::vector<std::uint32_t> per_segment_;  // all recorded crimes so far, per street segment
};

// A crime reported to the police, waiting for (or given) a response: what dispatch and drones acting
// as first responders see. Built from the record, so it carries no more than a victim's call would.
struct PoliceReport {
    std::uint32_t id = 0;           // reports in the order they were made
    std::uint32_t event = 0;        // the crime event (RunResult::crimes) it reports
    std::int64_t step_reported = 0;
    std::uint32_t node = 0;         // where to go
    std::uint32_t segment = 0;
    std::uint8_t type = 0;          // CrimeType
    std::uint8_t priority = 0;      // 0 = most urgent
};

}  // namespace streetwise
