#include "sim/core/input_error.hpp"

namespace streetwise {

namespace {
std::string format_message(const std::string& file, int line, const std::string& key,
                           const std::string& problem, const std::string& hint) {
    // "file:line: key 'a.b': problem. hint" -- the shape compilers use, so editors can jump to it.
    // Built with append() only: GCC 12 raises a false -Wrestrict on chained operator+ here.
    std::string message = file.empty() ? std::string("input") : file;
    if (line > 0) message.append(":").append(std::to_string(line));
    message.append(": ");
    if (!key.empty()) message.append("key '").append(key).append("': ");
    message.append(problem);
    if (!hint.empty()) message.append("\n  hint: ").append(hint);
    return message;
}
}  // namespace

InputError::InputError(std::string file, int line, std::string key, std::string problem, std::string hint)
    : std::runtime_error(format_message(file, line, key, problem, hint)),
      file_(std::move(file)),
      line_(line),
      key_(std::move(key)),
      problem_(std::move(problem)),
      hint_(std::move(hint)) {}

}  // namespace streetwise
