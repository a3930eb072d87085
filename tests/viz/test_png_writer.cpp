// The PNG encoder: byte-level structure (signature, IHDR, CRCs, filter bytes), round trips through
// the decoder, row flipping, and writes that fail without leaving a damaged file.
#include <catch2/catch.hpp>

#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "sim/core/input_error.hpp"
#include "test_support.hpp"
#include "viz/core/png_writer.hpp"

namespace fs = std::filesystem;
using namespace streetwise;
using namespace streetwise::viz;

namespace {

std::uint32_t u32_at(const std::vector<std::uint8_t>& bytes, std::size_t at) {
    return (std::uint32_t{bytes.at(at)} << 24) | (std::uint32_t{bytes.at(at + 1)} << 16) |
           (std::uint32_t{bytes.at(at + 2)} << 8) | std::uint32_t{bytes.at(at + 3)};
}

struct Chunk {
    std::string type;
    std::vector<std::uint8_t> data;
    std::uint32_t crc = 0;
};

// Splits a PNG into its chunks after checking the signature; does not check CRCs.
std::vector<Chunk> chunks_of(const std::vector<std::uint8_t>& png) {
    const std::vector<std::uint8_t> signature{0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a};
    REQUIRE(png.size() >= 8);
    REQUIRE(std::vector<std::uint8_t>(png.begin(), png.begin() + 8) == signature);
    std::vector<Chunk> chunks;
    std::size_t at = 8;
    while (at < png.size()) {
        REQUIRE(png.size() - at >= 12);
        const std::uint32_t length = u32_at(png, at);
        REQUIRE(png.size() - at - 12 >= length);
        Chunk chunk;
        chunk.type.assign(png.begin() + static_cast<std::ptrdiff_t>(at + 4), png.begin() + static_cast<std::ptrdiff_t>(at + 8));
        chunk.data.assign(png.begin() + static_cast<std::ptrdiff_t>(at + 8),
                          png.begin() + static_cast<std::ptrdiff_t>(at + 8 + length));
        chunk.crc = u32_at(png, at + 8 + length);
        chunks.push_back(std::move(chunk));
        at += 12 + std::size_t{length};
    }
    return chunks;
}

std::uint32_t crc_of(const Chunk& chunk) {
    uLong crc = crc32(0L, reinterpret_cast<const Bytef*>(chunk.type.data()), 4);
    if (!chunk.data.empty()) crc = crc32(crc, chunk.data.data(), static_cast<uInt>(chunk.data.size()));
    return static_cast<std::uint32_t>(crc);
}

// Pixels whose every byte says where it is: row r, column c, channel k.
std::vector<std::uint8_t> pattern(int width, int height) {
    std::vector<std::uint8_t> rgba;
    for (int r = 0; r < height; ++r)
        for (int c = 0; c < width; ++c)
            for (int k = 0; k < 4; ++k) rgba.push_back(static_cast<std::uint8_t>(r * 40 + c * 4 + k));
    return rgba;
}

std::vector<std::uint8_t> bytes_of(const std::string& text) { return {text.begin(), text.end()}; }

}  // namespace

TEST_CASE("a PNG has the signature, an IHDR for 8-bit RGBA, valid CRCs and filter-0 rows", "[viz][png]") {
    const int width = 3, height = 2;
    const auto pixels = pattern(width, height);
    const auto png = encode_png(width, height, pixels, false);
    const auto chunks = chunks_of(png);
    REQUIRE(chunks.size() >= 3);

    const Chunk& header = chunks.front();
    CHECK(header.type == "IHDR");
    REQUIRE(header.data.size() == 13);
    CHECK(u32_at(header.data, 0) == 3);   // width, big-endian
    CHECK(u32_at(header.data, 4) == 2);   // height
    CHECK(header.data[8] == 8);           // bit depth
    CHECK(header.data[9] == 6);           // colour type: RGBA
    CHECK(header.data[10] == 0);          // compression: deflate
    CHECK(header.data[11] == 0);          // filter method 0
    CHECK(header.data[12] == 0);          // not interlaced
    CHECK(chunks.back().type == "IEND");
    CHECK(chunks.back().data.empty());
    CHECK(chunks.back().crc == 0xAE426082u);  // the fixed CRC of every IEND chunk
    std::vector<std::uint8_t> compressed;
    for (std::size_t i = 0; i < chunks.size(); ++i) {
        INFO("chunk " << i << " " << chunks[i].type);
        CHECK(chunks[i].crc == crc_of(chunks[i]));
        if (i > 0 && i + 1 < chunks.size()) {
            CHECK(chunks[i].type == "IDAT");
            compressed.insert(compressed.end(), chunks[i].data.begin(), chunks[i].data.end());
        }
    }

    // The image data inflates to each row preceded by filter type 0, then the pixels as given.
    std::vector<std::uint8_t> raw(static_cast<std::size_t>(height) * (1 + 4 * width));
    uLongf raw_length = static_cast<uLongf>(raw.size());
    REQUIRE(uncompress(raw.data(), &raw_length, compressed.data(), static_cast<uLong>(compressed.size())) == Z_OK);
    REQUIRE(raw_length == raw.size());
    std::vector<std::uint8_t> expected;
    for (int r = 0; r < height; ++r) {
        expected.push_back(0);
        expected.insert(expected.end(), pixels.begin() + r * 4 * width, pixels.begin() + (r + 1) * 4 * width);
    }
    CHECK(raw == expected);

    // The same pixels always give the same bytes.
    CHECK(encode_png(width, height, pixels, false) == png);
}

TEST_CASE("write_png and read_png_rgba round-trip, with and without flipping rows", "[viz][png]") {
    const test::ScratchDir dir("png-round-trip");
    const int width = 5, height = 4;
    const auto pixels = pattern(width, height);

    write_png(dir / "top-down.png", width, height, pixels, false);
    const PngImage same = read_png_rgba(dir / "top-down.png");
    CHECK(same.width == width);
    CHECK(same.height == height);
    CHECK(same.rgba == pixels);

    write_png(dir / "flipped.png", width, height, pixels, true);
    const PngImage flipped = read_png_rgba(dir / "flipped.png");
    REQUIRE(flipped.rgba.size() == pixels.size());
    const std::size_t row = 4 * width;
    for (int r = 0; r < height; ++r) {
        INFO("row " << r);
        const auto first = flipped.rgba.begin() + static_cast<std::ptrdiff_t>(r * row);
        const auto source = pixels.begin() + static_cast<std::ptrdiff_t>((height - 1 - r) * row);
        CHECK(std::vector<std::uint8_t>(first, first + static_cast<std::ptrdiff_t>(row)) ==
              std::vector<std::uint8_t>(source, source + static_cast<std::ptrdiff_t>(row)));
    }
    CHECK_FALSE(fs::exists(dir / "top-down.png.tmp"));

    SECTION("a one-pixel image") {
        const std::vector<std::uint8_t> pixel{255, 0, 128, 7};
        write_png(dir / "one.png", 1, 1, pixel, true);
        CHECK(read_png_rgba(dir / "one.png").rgba == pixel);
    }
    SECTION("an incompressible image spread over several IDAT chunks") {
        std::mt19937 random(3);
        std::vector<std::uint8_t> noise(static_cast<std::size_t>(400) * 300 * 4);
        for (auto& byte : noise) byte = static_cast<std::uint8_t>(random());
        write_png(dir / "noise.png", 400, 300, noise, false);
        const auto bytes = bytes_of(test::read_bytes(dir / "noise.png"));
        int idat_chunks = 0;
        for (const auto& chunk : chunks_of(bytes)) {
            CHECK(chunk.crc == crc_of(chunk));
            idat_chunks += chunk.type == "IDAT";
        }
        CHECK(idat_chunks > 1);
        const PngImage back = read_png_rgba(dir / "noise.png");
        CHECK(back.width == 400);
        CHECK(back.height == 300);
        CHECK(back.rgba == noise);
    }
}

TEST_CASE("write_png refuses pixels that do not match the size it is given", "[viz][png]") {
    const auto pixels = pattern(3, 2);
    CHECK_THROWS_AS(encode_png(0, 2, pixels, false), std::invalid_argument);
    CHECK_THROWS_AS(encode_png(3, -1, pixels, false), std::invalid_argument);
    CHECK_THROWS_AS(encode_png(3, 3, pixels, false), std::invalid_argument);
    CHECK_THROWS_AS(encode_png(2, 2, pixels, false), std::invalid_argument);
    const std::vector<std::uint8_t> odd(pixels.begin(), pixels.end() - 1);
    CHECK_THROWS_AS(encode_png(3, 2, odd, false), std::invalid_argument);
}

TEST_CASE("a failed PNG write names the file and leaves no damaged or temporary file", "[viz][png]") {
    const test::ScratchDir dir("png-fail");
    const auto pixels = pattern(4, 4);
    auto expect_write_error = [&](const fs::path& file, const std::string& problem_part) {
        try {
            write_png(file, 4, 4, pixels, false);
            FAIL("the write succeeded");
        } catch (const InputError& error) {
            CHECK(error.file() == file.string());
            CHECK_THAT(error.problem(), Catch::Contains(problem_part));
            CHECK_FALSE(error.hint().empty());
        }
    };

    expect_write_error(dir / "missing-folder" / "map.png", "No such file or directory");

    fs::create_directories(dir / "a-folder.png" / "inside");
    expect_write_error(dir / "a-folder.png", "moving");
    CHECK(fs::is_directory(dir / "a-folder.png" / "inside"));
    CHECK_FALSE(fs::exists(dir / "a-folder.png.tmp"));

    // An existing picture survives a write that fails half way (the disk fills up).
    write_png(dir / "map.png", 4, 4, pixels, false);
    const std::string before = test::read_bytes(dir / "map.png");
    fs::create_symlink("/dev/full", dir / "map.png.tmp");
    expect_write_error(dir / "map.png", "No space left on device");
    CHECK(test::read_bytes(dir / "map.png") == before);
    CHECK_FALSE(fs::exists(fs::symlink_status(dir / "map.png.tmp")));
    // ... and a write that succeeds replaces it whole.
    const auto other = pattern(2, 3);
    write_png(dir / "map.png", 2, 3, other, false);
    CHECK(read_png_rgba(dir / "map.png").rgba == other);
}

TEST_CASE("read_png_rgba refuses files that are not its kind of PNG, naming the file", "[viz][png]") {
    const test::ScratchDir dir("png-read-bad");
    const auto good = encode_png(3, 2, pattern(3, 2), false);
    auto expect_read_error = [&](const fs::path& file, const std::string& problem_part) {
        try {
            read_png_rgba(file);
            FAIL("the read succeeded");
        } catch (const InputError& error) {
            CHECK(error.file() == file.string());
            CHECK_THAT(error.problem(), Catch::Contains(problem_part));
        }
    };
    auto write = [&](const std::string& name, const std::vector<std::uint8_t>& bytes) {
        test::write_bytes(dir / name, std::string(bytes.begin(), bytes.end()));
        return dir / name;
    };

    expect_read_error(dir / "nothing.png", "no such file");
    expect_read_error(write("text.png", bytes_of("not a picture")), "not a PNG file");
    for (std::size_t keep : {std::size_t{8}, std::size_t{20}, good.size() / 2, good.size() - 1}) {
        INFO("kept " << keep << " bytes");
        expect_read_error(write("cut.png", std::vector<std::uint8_t>(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(keep))),
                          "truncated");
    }
    auto damaged = good;
    damaged[8 + 25 + 8 + 4] ^= 0x01;  // inside the IDAT data (after the signature, IHDR and IDAT's header)
    REQUIRE(std::string(damaged.begin() + 37, damaged.begin() + 41) == "IDAT");
    expect_read_error(write("damaged.png", damaged), "CRC");

    // A valid PNG whose rows use filter 1 (Sub), which write_png never writes.
    {
        std::vector<std::uint8_t> raw;
        for (int r = 0; r < 2; ++r) {
            raw.push_back(1);
            for (int i = 0; i < 12; ++i) raw.push_back(1);
        }
        uLongf size = compressBound(static_cast<uLong>(raw.size()));
        std::vector<std::uint8_t> compressed(size);
        REQUIRE(compress2(compressed.data(), &size, raw.data(), static_cast<uLong>(raw.size()), 6) == Z_OK);
        compressed.resize(size);
        std::vector<std::uint8_t> png(good.begin(), good.begin() + 8 + 25);  // signature and IHDR of a 3 x 2 image
        auto add_chunk = [&](const std::string& type, const std::vector<std::uint8_t>& data) {
            for (int shift = 24; shift >= 0; shift -= 8) png.push_back(static_cast<std::uint8_t>(data.size() >> shift));
            const std::size_t type_at = png.size();
            png.insert(png.end(), type.begin(), type.end());
            png.insert(png.end(), data.begin(), data.end());
            const uLong crc = crc32(0L, &png[type_at], static_cast<uInt>(4 + data.size()));
            for (int shift = 24; shift >= 0; shift -= 8) png.push_back(static_cast<std::uint8_t>(crc >> shift));
        };
        add_chunk("IDAT", compressed);
        add_chunk("IEND", {});
        expect_read_error(write("filtered.png", png), "uses PNG filter 1");
    }

    // A valid PNG of another kind: 16-bit depth instead of 8 (IHDR rewritten with a correct CRC).
    auto sixteen = good;
    sixteen[8 + 8 + 8] = 16;
    const uLong crc = crc32(0L, &sixteen[8 + 4], 17);
    for (int i = 0; i < 4; ++i) sixteen[8 + 8 + 13 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(crc >> (24 - 8 * i));
    expect_read_error(write("sixteen.png", sixteen), "not an 8-bit RGBA");
}
