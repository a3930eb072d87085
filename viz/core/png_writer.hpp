#pragma once
// PNG export for screenshots and map images: a small encoder for 8-bit RGBA images (zlib for the
// compression, no image library), and a decoder for what it writes, for tests and tools.
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

namespace streetwise::viz {

// The PNG file for a width x height image whose pixels are `rgba`: 4 bytes per pixel (red, green,
// blue, alpha), rows top to bottom unless `flip_rows`, which takes them bottom to top (as
// glReadPixels returns them). 8-bit RGBA, not interlaced, row filter 0, zlib's default compression,
// and no ancillary chunks, so the same pixels always give the same bytes.
// Throws std::invalid_argument when width or height is not positive or rgba does not hold exactly
// width * height * 4 bytes (a bug in the caller).
std::vector<std::uint8_t> encode_png(int width, int height, std::span<const std::uint8_t> rgba, bool flip_rows);

// Writes encode_png(...) to `file` atomically (temporary file, then rename): a failed write never
// leaves a damaged PNG under `file` and leaves an existing one untouched. Throws InputError naming
// `file` when it cannot be written, std::invalid_argument as encode_png.
void write_png(const std::filesystem::path& file, int width, int height, std::span<const std::uint8_t> rgba,
               bool flip_rows);

struct PngImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgba;  // width * height * 4 bytes, rows top to bottom
};

// Reads an 8-bit RGBA, non-interlaced PNG whose rows all use filter 0, as write_png writes them;
// other PNGs (palettes, 16-bit, other filters) are refused, not converted. Checks the signature,
// every chunk's CRC and the image size. Throws InputError naming `file` when it cannot be read or
// is not such a PNG.
PngImage read_png_rgba(const std::filesystem::path& file);

}  // namespace streetwise::viz
