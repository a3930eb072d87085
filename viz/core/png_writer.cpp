#include "viz/core/png_writer.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

#include "sim/core/input_error.hpp"
#include "sim/core/atomic_file.hpp"

namespace streetwise::viz {

namespace {

constexpr std::array<std::uint8_t, 8> png_signature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
// Compressed data is split into IDAT chunks of at most this size (any size is valid PNG; this
// keeps each chunk's CRC call within zlib's 32-bit length).
constexpr std::size_t idat_chunk_bytes = 256 * 1024;
constexpr std::uint8_t bit_depth = 8;
constexpr std::uint8_t color_type_rgba = 6;

void put_u32(std::vector<std::uint8_t>& out, std::uint32_t value) {
    out.push_back(static_cast<std::uint8_t>(value >> 24));
    out.push_back(static_cast<std::uint8_t>(value >> 16));
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value));
}

std::uint32_t get_u32(const std::uint8_t* bytes) {
    return (std::uint32_t{bytes[0]} << 24) | (std::uint32_t{bytes[1]} << 16) | (std::uint32_t{bytes[2]} << 8) |
           std::uint32_t{bytes[3]};
}

// Length, type, data, then the CRC of type and data.
void put_chunk(std::vector<std::uint8_t>& out, const char (&type)[5], std::span<const std::uint8_t> data) {
    put_u32(out, static_cast<std::uint32_t>(data.size()));
    const std::size_t type_at = out.size();
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), data.begin(), data.end());
    const uLong crc = crc32(0L, out.data() + type_at, static_cast<uInt>(4 + data.size()));
    put_u32(out, static_cast<std::uint32_t>(crc));
}

[[noreturn]] void throw_bad_png(const std::filesystem::path& file, const std::string& problem) {
    throw InputError(file.string(), 0, "", problem,
                     "give a PNG written by streetwise (8-bit RGBA); the file may be truncated or damaged");
}

}  // namespace

std::vector<std::uint8_t> encode_png(int width, int height, std::span<const std::uint8_t> rgba, bool flip_rows) {
    if (width <= 0 || height <= 0)
        throw std::invalid_argument("encode_png: image size " + std::to_string(width) + " x " +
                                    std::to_string(height) + " is not positive");
    const std::size_t row_bytes = static_cast<std::size_t>(width) * 4;
    const std::size_t rows = static_cast<std::size_t>(height);
    if (rgba.size() / row_bytes != rows || rgba.size() % row_bytes != 0)
        throw std::invalid_argument("encode_png: " + std::to_string(rgba.size()) + " bytes of pixels for a " +
                                    std::to_string(width) + " x " + std::to_string(height) +
                                    " RGBA image, which needs " + std::to_string(row_bytes * rows));

    // Each row is preceded by its filter type, 0 (None): the bytes are stored as they are.
    std::vector<std::uint8_t> raw;
    raw.reserve(rows * (row_bytes + 1));
    for (std::size_t r = 0; r < rows; ++r) {
        const std::size_t source_row = flip_rows ? rows - 1 - r : r;
        raw.push_back(0);
        const auto row = rgba.subspan(source_row * row_bytes, row_bytes);
        raw.insert(raw.end(), row.begin(), row.end());
    }
    uLongf compressed_size = compressBound(static_cast<uLong>(raw.size()));
    std::vector<std::uint8_t> compressed(compressed_size);
    const int status = compress2(compressed.data(), &compressed_size, raw.data(), static_cast<uLong>(raw.size()),
                                 Z_DEFAULT_COMPRESSION);
    if (status != Z_OK) throw std::runtime_error("encode_png: zlib compress2 failed (" + std::to_string(status) + ")");
    compressed.resize(compressed_size);

    std::vector<std::uint8_t> png(png_signature.begin(), png_signature.end());
    std::vector<std::uint8_t> header;
    put_u32(header, static_cast<std::uint32_t>(width));
    put_u32(header, static_cast<std::uint32_t>(height));
    header.insert(header.end(), {bit_depth, color_type_rgba, 0 /* deflate */, 0 /* filter method */,
                                 0 /* no interlace */});
    put_chunk(png, "IHDR", header);
    const std::span<const std::uint8_t> data(compressed);
    for (std::size_t at = 0; at < data.size(); at += idat_chunk_bytes)
        put_chunk(png, "IDAT", data.subspan(at, std::min(idat_chunk_bytes, data.size() - at)));
    put_chunk(png, "IEND", {});
    return png;
}

void write_png(const std::filesystem::path& file, int width, int height, std::span<const std::uint8_t> rgba,
               bool flip_rows) {
    write_file_atomically(file, encode_png(width, height, rgba, flip_rows));
}

PngImage read_png_rgba(const std::filesystem::path& file) {
    const auto bad = [&](const std::string& problem) { throw_bad_png(file, problem); };
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error))
        throw InputError(file.string(), 0, "", "no such file", "check the path of the PNG file");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file.string(), 0, "", "cannot be opened", "check that the file is readable (ls -l)");
    const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) bad("cannot be read");
    if (bytes.size() < png_signature.size() || !std::equal(png_signature.begin(), png_signature.end(), bytes.begin()))
        bad("is not a PNG file (no PNG signature)");

    PngImage image;
    std::vector<std::uint8_t> compressed;
    bool seen_header = false;
    bool seen_end = false;
    std::size_t at = png_signature.size();
    while (!seen_end) {
        if (bytes.size() - at < 12) bad("ends in the middle of a chunk (truncated?)");
        const std::uint32_t length = get_u32(&bytes[at]);
        if (length > 0x7fffffffu) bad("has a chunk longer than PNG allows (damaged)");
        if (length > bytes.size() - at - 12) bad("ends in the middle of a chunk (truncated?)");
        const std::string_view type(reinterpret_cast<const char*>(&bytes[at + 4]), 4);
        const std::uint8_t* data = &bytes[at + 8];
        const std::uint32_t crc = get_u32(data + length);
        if (crc32(0L, &bytes[at + 4], static_cast<uInt>(4 + length)) != crc)
            bad("chunk " + std::string(type) + " fails its CRC check (damaged)");
        at += 12 + std::size_t{length};

        if (!seen_header && type != "IHDR") bad("does not start with an IHDR chunk");
        if (type == "IHDR") {
            if (seen_header || length != 13) bad("has a malformed IHDR chunk");
            seen_header = true;
            const std::uint32_t width = get_u32(data);
            const std::uint32_t height = get_u32(data + 4);
            if (width == 0 || height == 0 || width > std::numeric_limits<int>::max() ||
                height > std::numeric_limits<int>::max())
                bad("has an invalid image size");
            if (data[8] != bit_depth || data[9] != color_type_rgba || data[10] != 0 || data[11] != 0 || data[12] != 0)
                bad("is not an 8-bit RGBA, non-interlaced PNG (bit depth " + std::to_string(data[8]) +
                    ", colour type " + std::to_string(data[9]) + ", interlace " + std::to_string(data[12]) + ")");
            image.width = static_cast<int>(width);
            image.height = static_cast<int>(height);
        } else if (type == "IDAT") {
            compressed.insert(compressed.end(), data, data + length);
        } else if (type == "IEND") {
            seen_end = true;
        } else if ((type[0] & 0x20) == 0 && type != "PLTE") {
            bad("has a critical chunk " + std::string(type) + " this reader does not know");
        }  // ancillary chunks (lower-case first letter) and a suggested palette are skipped
    }

    const std::size_t row_bytes = static_cast<std::size_t>(image.width) * 4;
    // Deflate expands at most about 1032:1: a larger claim is damage, not a reason to allocate.
    const std::size_t most_raw_bytes = (compressed.size() + 1) * 1032;
    if (static_cast<std::size_t>(image.height) > most_raw_bytes / (row_bytes + 1))
        bad("claims more pixels than its image data can hold");
    const std::size_t raw_size = static_cast<std::size_t>(image.height) * (row_bytes + 1);
    std::vector<std::uint8_t> raw(raw_size);
    uLongf raw_length = static_cast<uLongf>(raw_size);
    const int status =
        uncompress(raw.data(), &raw_length, compressed.data(), static_cast<uLong>(compressed.size()));
    if (status != Z_OK || raw_length != raw_size) bad("has image data that does not inflate to its image size");
    image.rgba.resize(static_cast<std::size_t>(image.height) * row_bytes);
    for (std::size_t r = 0; r < static_cast<std::size_t>(image.height); ++r) {
        const std::uint8_t* row = &raw[r * (row_bytes + 1)];
        if (row[0] != 0)
            bad("row " + std::to_string(r) + " uses PNG filter " + std::to_string(row[0]) +
                "; only filter 0, as write_png writes, is read");
        std::copy(row + 1, row + 1 + row_bytes, image.rgba.begin() + static_cast<std::ptrdiff_t>(r * row_bytes));
    }
    return image;
}

}  // namespace streetwise::viz
