#pragma once
// Replacing a file without ever leaving a damaged one under its name: the bytes go to a temporary
// file next to it, which is synced and then renamed over it.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>

namespace streetwise {

// Writes `bytes` to `file` + ".tmp", syncs it to disk and renames it onto `file`, so `file` is
// either its old self or complete. Throws InputError naming `file` (and `key`, the option or setting
// that named it, if any) when any step fails (missing folder, no permission, full disk, a folder in
// the way); the temporary file is then removed.
void write_file_atomically(const std::filesystem::path& file, std::span<const std::uint8_t> bytes,
                           std::string_view key = {});
// The same for text.
void write_file_atomically(const std::filesystem::path& file, std::string_view text, std::string_view key = {});

}  // namespace streetwise
