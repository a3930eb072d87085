#include "sim/core/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "sim/core/input_error.hpp"

namespace streetwise {

namespace {

[[noreturn]] void cannot_write(const std::filesystem::path& file, std::string_view key, const std::string& what,
                               int error) {
    throw InputError(file.string(), 0, std::string(key), "cannot write the file: " + what + " (" + std::strerror(error) + ")",
                     "check that the folder exists, that you can write to it and that the disk is not full, or "
                     "choose another file");
}

// Removes what we created at `temp` (a file, or a link we wrote through), never a folder.
void remove_temp(const std::filesystem::path& temp) {
    std::error_code ignored;
    if (!std::filesystem::is_directory(std::filesystem::symlink_status(temp, ignored)))
        std::filesystem::remove(temp, ignored);
}

}  // namespace

void write_file_atomically(const std::filesystem::path& file, std::string_view text, std::string_view key) {
    write_file_atomically(file, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), key);
}

void write_file_atomically(const std::filesystem::path& file, std::span<const std::uint8_t> bytes,
                           std::string_view key) {
    std::filesystem::path temp = file;
    temp += ".tmp";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) cannot_write(file, key, "creating the temporary file " + temp.string(), errno);
    auto fail = [&](const std::string& what, int error) {
        ::close(fd);
        remove_temp(temp);
        cannot_write(file, key, what, error);
    };
    std::size_t written = 0;
    while (written < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("writing the temporary file " + temp.string(), errno);
        written += static_cast<std::size_t>(n);
    }
    // Without the sync a crash right after the rename can leave an empty file on some file systems.
    if (::fsync(fd) != 0 && errno != EINVAL) fail("syncing the temporary file " + temp.string(), errno);
    if (::close(fd) != 0) {  // network file systems report some write errors only here
        const int error = errno;
        remove_temp(temp);
        cannot_write(file, key, "closing the temporary file " + temp.string(), error);
    }
    if (::rename(temp.c_str(), file.c_str()) != 0) {
        const int error = errno;
        remove_temp(temp);
        cannot_write(file, key, "moving " + temp.string() + " onto it", error);
    }
}

}  // namespace streetwise
