#pragma once
// The byte layer of checkpoint files (what goes in them is sim/engine/checkpoint.hpp's business):
// little-endian numbers, length-prefixed texts and arrays, named sections that carry their byte
// length, and a CRC-32 over the whole file at its end. The reader never trusts a count or a length:
// every one is checked against what is left of the file (and, by the callers, against the sizes
// the city and the scenario give), and every problem is an InputError naming the file.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace streetwise {

static_assert(std::endian::native == std::endian::little,
              "checkpoint files are little-endian; this build would need byte swapping");

// Numbers a checkpoint stores: fixed-width integers and IEEE floats, never bool or size_t (whose
// width or representation is not fixed).
template <class T>
concept CheckpointNumber = (std::is_integral_v<T> || std::is_floating_point_v<T>) && !std::is_same_v<T, bool> &&
                           (sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8);

class CheckpointWriter {
public:
    template <CheckpointNumber T>
    void put(T value) {
        append(&value, sizeof value);
    }
    void put_flag(bool value) { put<std::uint8_t>(value ? 1 : 0); }
    void put_text(std::string_view text);
    // The element count (u64), then the elements back to back.
    template <CheckpointNumber T>
    void put_vector(const std::vector<T>& values) {
        put<std::uint64_t>(values.size());
        append(values.data(), values.size() * sizeof(T));
    }

    // A section: its name, its byte length (filled in by end_section), its contents. Not nested.
    void begin_section(std::string_view name);
    void end_section();

    // Appends the CRC-32 of everything written and hands the file's bytes over.
    std::vector<std::uint8_t> finish();

private:
    void append(const void* data, std::size_t size) {
        const auto* p = static_cast<const std::uint8_t*>(data);
        bytes_.insert(bytes_.end(), p, p + size);
    }
    std::vector<std::uint8_t> bytes_;
    std::size_t length_at_ = 0;  // offset of the open section's length field; 0: none open
};

class CheckpointReader {
public:
    // `bytes` must outlive the reader. Nothing is checked yet: see check_crc().
    CheckpointReader(std::filesystem::path file, std::span<const std::uint8_t> bytes);

    const std::filesystem::path& file() const { return file_; }
    // Whether the last four bytes are the CRC-32 of the rest; afterwards they are out of reach.
    bool check_crc();
    // Where the next read starts, and moving there again (a second pass over a checked file).
    std::size_t position() const { return pos_; }
    void seek(std::size_t position) { pos_ = std::min(position, end_); }
    // Whether the next bytes are `expected` (consumed if so).
    bool take_prefix(std::string_view expected);

    template <CheckpointNumber T>
    T get(std::string_view what) {
        T value;
        std::memcpy(&value, take(sizeof value, what), sizeof value);
        return value;
    }
    bool get_flag(std::string_view what);
    std::string get_text(std::string_view what);
    // Into `out`, which must already have the size the file should hold (taken from the city or
    // the scenario): a different stored count is an error. `out` keeps its storage, so pointers
    // into it (offenders read the attractiveness field through one) stay valid.
    template <CheckpointNumber T>
    void get_vector_into(std::vector<T>& out, std::string_view what) {
        const std::uint64_t count = get<std::uint64_t>(what);
        if (count != out.size())
            fail(std::string(what) + ": " + std::to_string(count) + " values stored where this scenario and city have " +
                 std::to_string(out.size()));
        if (!out.empty()) std::memcpy(out.data(), take(out.size() * sizeof(T), what), out.size() * sizeof(T));
    }
    // A list whose length is part of the state (crimes so far, walkers out now): at most `max_count`.
    template <CheckpointNumber T>
    std::vector<T> get_vector(std::uint64_t max_count, std::string_view what) {
        const std::uint64_t count = get_count(max_count, what);
        std::vector<T> values(static_cast<std::size_t>(count));
        if (count > 0) std::memcpy(values.data(), take(values.size() * sizeof(T), what), values.size() * sizeof(T));
        return values;
    }
    // An element count at most `max_count` (so a damaged count cannot make us allocate the moon).
    std::uint64_t get_count(std::uint64_t max_count, std::string_view what);

    // The next section must be called `name`; its length must fit in the file. end_section checks
    // that its contents were read exactly.
    void begin_section(std::string_view name);
    void end_section();
    // Every byte up to the CRC read.
    void expect_end();

    // Fails unless every value is below `limit` (ids of nodes, segments, residents...).
    template <class T>
    void check_below(const std::vector<T>& values, std::uint64_t limit, std::string_view what) const {
        for (const T value : values)
            if (static_cast<std::uint64_t>(value) >= limit)
                fail(std::string(what) + " holds " + std::to_string(value) + ", not below " + std::to_string(limit));
    }
    void check(bool condition, std::string_view problem) const {
        if (!condition) fail(std::string(problem));
    }
    // InputError naming the file, the section being read and the problem, with `hint` (by default:
    // the file is damaged, resume from an earlier checkpoint or rerun).
    [[noreturn]] void fail(const std::string& problem, const std::string& hint = {}) const;

private:
    const std::uint8_t* take(std::size_t size, std::string_view what);

    std::filesystem::path file_;
    std::span<const std::uint8_t> bytes_;
    std::size_t pos_ = 0;
    std::size_t end_;                 // the CRC's offset once checked, else the file's size
    std::size_t section_end_ = 0;     // 0: no section open
    std::string section_;
};

}  // namespace streetwise
