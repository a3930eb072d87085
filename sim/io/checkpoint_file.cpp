#include "sim/io/checkpoint_file.hpp"

#include <zlib.h>

#include <stdexcept>

#include "sim/core/input_error.hpp"

namespace streetwise {

namespace {

// zlib's crc32 takes lengths as uInt: feed it in pieces a uInt always holds.
std::uint32_t crc32_of(std::span<const std::uint8_t> bytes) {
    uLong crc = crc32(0L, Z_NULL, 0);
    constexpr std::size_t piece = 1u << 30;
    for (std::size_t at = 0; at < bytes.size(); at += piece) {
        const std::size_t size = std::min(piece, bytes.size() - at);
        crc = crc32(crc, bytes.data() + at, static_cast<uInt>(size));
    }
    return static_cast<std::uint32_t>(crc);
}

constexpr std::size_t crc_size = sizeof(std::uint32_t);
// Longest section name or text field we accept: a scenario's resolved text is a few kilobytes.
constexpr std::uint64_t max_text_bytes = 64u << 20;

}  // namespace

void CheckpointWriter::put_text(std::string_view text) {
    put<std::uint64_t>(text.size());
    append(text.data(), text.size());
}

void CheckpointWriter::begin_section(std::string_view name) {
    if (length_at_ != 0) throw std::logic_error("CheckpointWriter: sections do not nest");
    put_text(name);
    length_at_ = bytes_.size();
    put<std::uint64_t>(0);
}

void CheckpointWriter::end_section() {
    if (length_at_ == 0) throw std::logic_error("CheckpointWriter: no section open");
    const std::uint64_t length = bytes_.size() - length_at_ - sizeof(std::uint64_t);
    std::memcpy(bytes_.data() + length_at_, &length, sizeof length);
    length_at_ = 0;
}

std::vector<std::uint8_t> CheckpointWriter::finish() {
    if (length_at_ != 0) throw std::logic_error("CheckpointWriter: a section is still open");
    put<std::uint32_t>(crc32_of(bytes_));
    return std::move(bytes_);
}

CheckpointReader::CheckpointReader(std::filesystem::path file, std::span<const std::uint8_t> bytes)
    : file_(std::move(file)), bytes_(bytes), end_(bytes.size()) {}

bool CheckpointReader::check_crc() {
    if (bytes_.size() < pos_ + crc_size) return false;
    const std::size_t at = bytes_.size() - crc_size;
    std::uint32_t stored;
    std::memcpy(&stored, bytes_.data() + at, crc_size);
    if (stored != crc32_of(bytes_.first(at))) return false;
    end_ = at;
    return true;
}

bool CheckpointReader::take_prefix(std::string_view expected) {
    if (end_ - pos_ < expected.size() || std::memcmp(bytes_.data() + pos_, expected.data(), expected.size()) != 0)
        return false;
    pos_ += expected.size();
    return true;
}

const std::uint8_t* CheckpointReader::take(std::size_t size, std::string_view what) {
    const std::size_t limit = section_end_ != 0 ? section_end_ : end_;
    if (size > limit - pos_)
        fail(std::string(what) + ": " + std::to_string(size) + " bytes needed where " + std::to_string(limit - pos_) +
             " are left" + (section_end_ != 0 ? " in the section" : " in the file"));
    const std::uint8_t* at = bytes_.data() + pos_;
    pos_ += size;
    return at;
}

bool CheckpointReader::get_flag(std::string_view what) {
    const auto value = get<std::uint8_t>(what);
    if (value > 1) fail(std::string(what) + ": " + std::to_string(value) + " where 0 or 1 belongs");
    return value == 1;
}

std::string CheckpointReader::get_text(std::string_view what) {
    const std::uint64_t size = get_count(max_text_bytes, what);
    const auto* at = take(static_cast<std::size_t>(size), what);
    return std::string(reinterpret_cast<const char*>(at), static_cast<std::size_t>(size));
}

std::uint64_t CheckpointReader::get_count(std::uint64_t max_count, std::string_view what) {
    const auto count = get<std::uint64_t>(what);
    if (count > max_count)
        fail(std::string(what) + ": " + std::to_string(count) + " entries stored, at most " + std::to_string(max_count) +
             " possible");
    return count;
}

void CheckpointReader::begin_section(std::string_view name) {
    if (section_end_ != 0) throw std::logic_error("CheckpointReader: sections do not nest");
    section_.clear();
    const std::string found = get_text("section name");
    if (found != name) fail("section '" + found + "' where section '" + std::string(name) + "' belongs");
    section_ = name;
    const auto length = get<std::uint64_t>("section length");
    if (length > end_ - pos_)
        fail("the section claims " + std::to_string(length) + " bytes, but only " + std::to_string(end_ - pos_) +
             " are left in the file");
    section_end_ = pos_ + static_cast<std::size_t>(length);
}

void CheckpointReader::end_section() {
    if (pos_ != section_end_)
        fail(std::to_string(section_end_ - pos_) + " bytes of the section were not read: it does not hold what "
             "this streetwise expects");
    section_end_ = 0;
    section_.clear();
}

void CheckpointReader::expect_end() {
    if (pos_ != end_) fail(std::to_string(end_ - pos_) + " unexpected bytes after the last section");
}

void CheckpointReader::fail(const std::string& problem, const std::string& hint) const {
    throw InputError(file_.string(), 0, section_.empty() ? std::string() : "section " + section_,
                     "bad checkpoint: " + problem,
                     hint.empty() ? "the checkpoint is damaged: resume from an earlier one or rerun the scenario" : hint);
}

}  // namespace streetwise
