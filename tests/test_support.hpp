#pragma once
// Small helpers shared by the test programs.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "sim/core/input_error.hpp"
#include "fixtures/scratch_dir.hpp"

namespace streetwise::test {

// Whole-file reads and writes for test fixtures; a failure throws, which fails the test case.
inline std::string read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("test: cannot read " + file.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_bytes(const std::filesystem::path& file, std::string_view bytes) {
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("test: cannot write " + file.string());
}

// The InputError that `f` throws; fails the test case if it throws none.
template <class F>
InputError input_error_of(F&& f) {
    try {
        f();
    } catch (const InputError& error) {
        return error;
    }
    FAIL("expected an InputError");
    throw std::logic_error("unreachable");
}

inline std::filesystem::path source_dir() { return STREETWISE_SOURCE_DIR; }
inline std::filesystem::path scenario_path(const std::string& relative) { return source_dir() / "scenarios" / relative; }

}  // namespace streetwise::test
