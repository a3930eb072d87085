#pragma once
// Small helpers shared by the test programs.
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

namespace streetwise::test {

// A fresh folder under $STREETWISE_TEST_TMP (set by CTest) or the system temp folder, removed
// when the object goes out of scope.
class ScratchDir {
public:
    explicit ScratchDir(const std::string& label) {
        static std::atomic<int> counter{0};
        const char* base = std::getenv("STREETWISE_TEST_TMP");
        path_ = std::filesystem::path(base ? base : std::filesystem::temp_directory_path().string()) /
                (label + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

inline std::filesystem::path source_dir() { return STREETWISE_SOURCE_DIR; }
inline std::filesystem::path scenario_path(const std::string& relative) { return source_dir() / "scenarios" / relative; }

}  // namespace streetwise::test
