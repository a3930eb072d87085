// Corpus replay: runs a fuzz target's LLVMFuzzerTestOneInput once on every file in the folders
// given, so the corpus and every committed reproducer are a regression test in any build (GCC
// included, no libFuzzer needed). A finding aborts or lets an exception escape, failing the test.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FOLDER_OR_FILE...\n", argv[0]);
        return 2;
    }
    std::vector<fs::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const fs::path given(argv[i]);
        if (fs::is_regular_file(given)) {
            inputs.push_back(given);
            continue;
        }
        if (!fs::is_directory(given)) {
            std::fprintf(stderr, "replay: %s is neither a file nor a folder\n", argv[i]);
            return 2;
        }
        for (const auto& entry : fs::recursive_directory_iterator(given))
            if (entry.is_regular_file() && !entry.path().filename().string().starts_with("."))
                inputs.push_back(entry.path());
    }
    std::sort(inputs.begin(), inputs.end());  // same order every run
    for (const fs::path& input : inputs) {
        std::ifstream in(input, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::printf("replay: %s (%zu bytes)\n", input.c_str(), bytes.size());
        std::fflush(stdout);  // so a crash report follows the name of the input that caused it
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    }
    std::printf("replay: %zu inputs, no findings\n", inputs.size());
    return 0;
}
