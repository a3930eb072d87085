#pragma once
// The one error type for anything a user gave us (scenario YAML, OSM files, run files,
// --set overrides, output paths). The CLI catches it, prints what(), and exits non-zero.
#include <stdexcept>
#include <string>

namespace streetwise {

class InputError : public std::runtime_error {
public:
    // file: the path the user gave (or "--set" / "command line"); line: 1-based, 0 if unknown;
    // key: dotted scenario key or other item ("" if none); problem: what is wrong, including what
    // was expected; hint: what the user should do about it.
    InputError(std::string file, int line, std::string key, std::string problem, std::string hint);

    const std::string& file() const { return file_; }
    int line() const { return line_; }
    const std::string& key() const { return key_; }
    const std::string& problem() const { return problem_; }
    const std::string& hint() const { return hint_; }

private:
    std::string file_;
    int line_;
    std::string key_;
    std::string problem_;
    std::string hint_;
};

}  // namespace streetwise
