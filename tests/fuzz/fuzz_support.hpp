#pragma once
// What the fuzz targets share: a private scratch folder per process for the files a reader must be
// given by path, and the check every InputError must pass. Header-only: each target is one .cpp,
// linked either with libFuzzer or with replay_main.cpp.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include "sim/core/input_error.hpp"
#include "tests/fixtures/scratch_dir.hpp"

namespace streetwise::fuzz {

// A folder of our own (tests/fixtures/scratch_dir.hpp), made on first use and removed at normal
// exit, so that inputs naming relative paths (extends:, city.osm) only ever see what the target put
// there.
inline const std::filesystem::path& scratch_dir() {
    static const test::ScratchDir dir("streetwise-fuzz");
    return dir.path();
}

inline void write_file(const std::filesystem::path& file, std::string_view bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        std::fprintf(stderr, "streetwise fuzz: cannot write %s\n", file.c_str());
        std::abort();
    }
}

// The project's rule for every problem with user input: an InputError naming the file, saying
// what is wrong and what to do. An empty one would leave the user guessing: that is a finding too.
inline void check_input_error(const InputError& error) {
    if (error.file().empty() || error.problem().empty() || error.hint().empty() ||
        std::string_view(error.what()).empty()) {
        std::fprintf(stderr, "streetwise fuzz: InputError without file, problem or hint: '%s'\n", error.what());
        std::abort();
    }
}

}  // namespace streetwise::fuzz
