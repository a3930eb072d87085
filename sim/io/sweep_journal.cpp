#include "sim/io/sweep_journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "sim/core/input_error.hpp"

namespace streetwise {

namespace {

constexpr std::string_view magic_line = "# streetwise sweep journal 1";

double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::uint32_t line_checksum(std::string_view text) {
    std::uint32_t hash = 2166136261u;  // FNV-1a 32
    for (const unsigned char c : text) {
        hash ^= c;
        hash *= 16777619u;
    }
    return hash;
}

std::string header(std::uint64_t fingerprint, std::uint64_t run_count, std::size_t outcome_count) {
    char buffer[160];
    std::snprintf(buffer, sizeof buffer, "%s\n# fingerprint %016" PRIx64 " runs %" PRIu64 " outcomes %zu\n",
                  magic_line.data(), fingerprint, run_count, outcome_count);
    return buffer;
}

std::string format_record(const SweepRunRecord& record) {
    std::string line = std::to_string(record.run) + (record.ok ? "\tok\t" : "\tfailed\t");
    char number[40];
    std::snprintf(number, sizeof number, "%.6f", record.wall_s);
    line += number;
    if (record.ok) {
        for (const double value : record.outcomes) {
            std::snprintf(number, sizeof number, "%.17g", value);  // reads back to the same double
            line += '\t';
            line += number;
        }
    } else {
        std::string message = record.error;
        for (char& c : message)
            if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        line += '\t' + message;
    }
    char check[16];
    std::snprintf(check, sizeof check, "\t%08x\n", line_checksum(line));
    return line + check;
}

std::vector<std::string> split_tabs(std::string_view text) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t tab = text.find('\t', start);
        fields.emplace_back(text.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
    }
    return fields;
}

struct Parsed {
    std::uint64_t fingerprint = 0;
    std::uint64_t run_count = 0;
    std::size_t outcome_count = 0;
    std::vector<SweepRunRecord> records;
    std::size_t valid_bytes = 0;  // length of the header and every whole, valid line
};

[[noreturn]] void damaged(const std::filesystem::path& file, int line, const std::string& problem) {
    throw InputError(file.string(), line, "journal", problem,
                     "the sweep's journal is damaged: move the folder aside and start the sweep again, or restore "
                     "the journal from a backup");
}

Parsed parse(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file.string(), 0, "journal", "cannot open the sweep journal", "check the folder");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();

    Parsed parsed;
    std::size_t pos = 0;
    int line_number = 0;
    auto next_line = [&](std::string_view& line) {
        const std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) return false;  // no newline: torn (or empty) tail
        line = std::string_view(text).substr(pos, end - pos);
        pos = end + 1;
        ++line_number;
        return true;
    };
    std::string_view line;
    if (!next_line(line) || line != magic_line)
        throw InputError(file.string(), 1, "journal", "not a streetwise sweep journal (first line differs)",
                         "point --resume at a folder written by streetwise sweep");
    if (!next_line(line) ||
        std::sscanf(std::string(line).c_str(), "# fingerprint %" SCNx64 " runs %" SCNu64 " outcomes %zu",
                    &parsed.fingerprint, &parsed.run_count, &parsed.outcome_count) != 3)
        damaged(file, 2, "the second line does not give fingerprint, runs and outcomes");
    parsed.valid_bytes = pos;

    while (pos < text.size()) {
        const std::size_t line_start = pos;
        if (!next_line(line)) break;  // torn last line: ignored, cut off by open()
        const auto fields = split_tabs(line);
        bool valid = fields.size() >= 4;
        if (valid) {
            const std::string_view content = line.substr(0, line.size() - fields.back().size() - 1);
            char expected[16];
            std::snprintf(expected, sizeof expected, "%08x", line_checksum(content));
            valid = fields.back() == expected;
        }
        if (!valid) {
            // Only the last line can be torn by a kill; a bad line followed by more lines is damage.
            if (pos >= text.size()) {
                pos = line_start;
                break;
            }
            damaged(file, line_number, "line " + std::to_string(line_number) + " fails its checksum");
        }
        SweepRunRecord record;
        char* end = nullptr;
        record.run = std::strtoull(fields[0].c_str(), &end, 10);
        record.ok = fields[1] == "ok";
        record.wall_s = std::strtod(fields[2].c_str(), &end);
        if (record.run >= parsed.run_count || (!record.ok && fields[1] != "failed"))
            damaged(file, line_number, "line " + std::to_string(line_number) + " names no run of this sweep");
        if (record.ok) {
            if (fields.size() != 4 + parsed.outcome_count)
                damaged(file, line_number, "line " + std::to_string(line_number) + " has the wrong number of outcomes");
            for (std::size_t k = 0; k < parsed.outcome_count; ++k)
                record.outcomes.push_back(std::strtod(fields[3 + k].c_str(), &end));
        } else {
            record.error = fields[3];
        }
        parsed.records.push_back(std::move(record));
        parsed.valid_bytes = pos;
    }
    return parsed;
}

void write_all(int fd, const std::string& bytes, const std::filesystem::path& file) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw InputError(file.string(), 0, "journal", std::string("cannot write the sweep journal: ") + std::strerror(errno),
                             "free disk space or fix permissions, then resume with --resume");
        }
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace

SweepJournal::SweepJournal(std::filesystem::path file, int fd, std::size_t outcome_count)
    : file_(std::move(file)), fd_(fd), outcome_count_(outcome_count), last_sync_s_(now_s()) {}

SweepJournal::SweepJournal(SweepJournal&& other) noexcept
    : file_(std::move(other.file_)), fd_(other.fd_), outcome_count_(other.outcome_count_), last_sync_s_(other.last_sync_s_) {
    other.fd_ = -1;
}

SweepJournal::~SweepJournal() {
    if (fd_ >= 0) {
        ::fdatasync(fd_);
        ::close(fd_);
    }
}

SweepJournal SweepJournal::create(const std::filesystem::path& file, std::uint64_t fingerprint, std::uint64_t run_count,
                                  std::size_t outcome_count) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        throw InputError(file.string(), 0, "journal",
                         errno == EEXIST ? "a sweep journal is already there"
                                         : std::string("cannot create the sweep journal: ") + std::strerror(errno),
                         errno == EEXIST ? "add --resume to continue that sweep, or choose another -o folder"
                                         : "check the -o folder and its permissions");
    SweepJournal journal(file, fd, outcome_count);
    write_all(fd, header(fingerprint, run_count, outcome_count), file);
    journal.sync();
    return journal;
}

SweepJournal SweepJournal::open(const std::filesystem::path& file, std::uint64_t fingerprint, std::uint64_t run_count,
                                std::size_t outcome_count, std::vector<SweepRunRecord>& records) {
    Parsed parsed = parse(file);
    if (parsed.fingerprint != fingerprint || parsed.run_count != run_count || parsed.outcome_count != outcome_count)
        throw InputError(file.string(), 2, "journal",
                         "this journal belongs to another sweep (the spec, its scenario or its outcomes changed)",
                         "resume with the spec the sweep started from, or start the new spec in another -o folder");
    const int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0)
        throw InputError(file.string(), 0, "journal", std::string("cannot open the sweep journal: ") + std::strerror(errno),
                         "check the folder's permissions");
    // Cut a torn last line so the next record starts on a line of its own.
    if (::ftruncate(fd, static_cast<off_t>(parsed.valid_bytes)) != 0) {
        ::close(fd);
        throw InputError(file.string(), 0, "journal", std::string("cannot repair the sweep journal: ") + std::strerror(errno),
                         "check the folder's permissions");
    }
    records = std::move(parsed.records);
    return SweepJournal(file, fd, outcome_count);
}

std::vector<SweepRunRecord> SweepJournal::read(const std::filesystem::path& file, std::uint64_t* fingerprint) {
    Parsed parsed = parse(file);
    if (fingerprint) *fingerprint = parsed.fingerprint;
    return parsed.records;
}

void SweepJournal::append(const SweepRunRecord& record) {
    if (record.ok && record.outcomes.size() != outcome_count_)
        throw std::invalid_argument("SweepJournal::append: wrong number of outcomes");
    write_all(fd_, format_record(record), file_);
    if (now_s() - last_sync_s_ >= 2.0) sync();
}

void SweepJournal::sync() {
    ::fdatasync(fd_);
    last_sync_s_ = now_s();
}

}  // namespace streetwise
