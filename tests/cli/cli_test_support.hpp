#pragma once

#include "test_support.hpp"
// Helpers for the end-to-end tests of the command line: run the built `streetwise` in a child
// process (its own environment, working folder and time limit), capture what it prints and how it
// ended, and give each test case a scratch folder of its own.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

extern char** environ;

namespace streetwise::cli_test {

using test::read_bytes;
using test::write_bytes;

namespace fs = std::filesystem;

// How one run of the binary ended and what it printed.
struct CommandResult {
    std::vector<std::string> args;  // without the program name
    bool exited = false;            // ended through exit() (not a signal, not the time limit)
    int exit_code = -1;             // meaningful when exited
    int signal = 0;                 // the signal that ended it, 0 if none
    bool timed_out = false;         // killed by run_streetwise after RunOptions::timeout_s
    double seconds = 0.0;
    std::string out;  // stdout
    std::string err;  // stderr

    std::string output() const { return out + err; }

    // Command line, how it ended and what it printed: for INFO() so a failure explains itself.
    std::string describe() const {
        std::string text = "streetwise";
        for (const auto& a : args) text += " '" + a + "'";
        if (timed_out)
            text += "\n  -> TIMED OUT";
        else if (exited)
            text += "\n  -> exit code " + std::to_string(exit_code);
        else
            text += "\n  -> killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
        auto clip = [](const std::string& s) { return s.size() > 6000 ? s.substr(0, 6000) + "\n[...]" : s; };
        text += "\n--- stdout ---\n" + clip(out) + "\n--- stderr ---\n" + clip(err);
        return text;
    }
};

struct RunOptions {
    fs::path cwd;  // working folder of the child; empty: this process's
    // Variables set (value) or removed (nullopt) in the child's environment, over this process's.
    // STREETWISE_MAP_PATH is always removed first, and STREETWISE_CACHE_DIR must be given so that
    // no test ever touches ~/.cache.
    std::map<std::string, std::optional<std::string>> env;
    double timeout_s = 120.0;
    std::string program = STREETWISE_TEST_BINARY;  // the streetwise command, or another of ours
};

// Runs STREETWISE_TEST_BINARY with `args`, stdin from /dev/null, stdout and stderr captured.
inline CommandResult run_streetwise(const std::vector<std::string>& args, const RunOptions& options) {
    CommandResult result;
    result.args = args;

    // Everything the child needs is prepared before fork(): after it, only exec-safe calls.
    const std::string program = options.program;
    std::vector<std::string> argv_text{program};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);

    std::map<std::string, std::string> env;
    for (char** e = environ; e && *e; ++e) {
        const std::string entry = *e;
        const auto eq = entry.find('=');
        if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
    }
    env.erase("STREETWISE_MAP_PATH");
    REQUIRE(options.env.count("STREETWISE_CACHE_DIR") == 1);  // never the user's real cache
    for (const auto& [name, value] : options.env) {
        if (value)
            env[name] = *value;
        else
            env.erase(name);
    }
    std::vector<std::string> env_text;
    for (const auto& [name, value] : env) env_text.push_back(name + "=" + value);
    std::vector<char*> envp;
    for (auto& e : env_text) envp.push_back(e.data());
    envp.push_back(nullptr);
    const std::string cwd = options.cwd.string();

    int out_pipe[2];
    int err_pipe[2];
    REQUIRE(::pipe2(out_pipe, O_CLOEXEC) == 0);
    REQUIRE(::pipe2(err_pipe, O_CLOEXEC) == 0);
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        const int null_fd = ::open("/dev/null", O_RDONLY);
        if (null_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(out_pipe[1], 1) < 0 || ::dup2(err_pipe[1], 2) < 0)
            ::_exit(125);
        if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
        ::execve(program.c_str(), argv.data(), envp.data());
        ::_exit(127);
    }
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);

    const auto deadline = start + std::chrono::duration<double>(options.timeout_s);
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&result.out, &result.err};
    int open_pipes = 2;
    char buffer[65536];
    while (open_pipes > 0) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            result.timed_out = true;
            ::kill(pid, SIGKILL);
            break;
        }
        const int ready = ::poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 1000)));
        if (ready < 0 && errno != EINTR) break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                sinks[i]->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open_pipes;
            }
        }
    }
    for (const pollfd& p : fds)
        if (p.fd >= 0) ::close(p.fd);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!result.timed_out && WIFEXITED(status)) {
        result.exited = true;
        result.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result.signal = WTERMSIG(status);
    }
    return result;
}

// Names of the entries of a folder (empty when it does not exist).
inline std::set<std::string> list_dir(const fs::path& folder) {
    std::set<std::string> names;
    std::error_code error;
    if (!fs::is_directory(folder, error)) return names;
    for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
    return names;
}

// Every file below a folder (relative paths), for "nothing was left behind" checks.
inline std::set<std::string> list_tree(const fs::path& folder) {
    std::set<std::string> names;
    std::error_code error;
    if (!fs::is_directory(folder, error)) return names;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
        names.insert(fs::relative(entry.path(), folder).string());
    return names;
}

// A fresh folder per test case under $STREETWISE_TEST_TMP (or the system temp folder), removed at
// the end. Commands run from it with its own city cache folder.
class Scratch {
public:
    explicit Scratch(const std::string& label) : folder_("cli-" + label) {}

    const fs::path& path() const { return folder_.path(); }
    fs::path operator/(const fs::path& relative) const { return path() / relative; }
    fs::path cache_dir() const { return path() / "cache"; }

    fs::path write(const fs::path& relative, const std::string& text) const {
        const fs::path file = path() / relative;
        write_bytes(file, text);
        return file;
    }

    // Runs streetwise from this folder with STREETWISE_CACHE_DIR = cache_dir() (unless options say otherwise).
    CommandResult run(const std::vector<std::string>& args, RunOptions options = {}) const {
        if (options.cwd.empty()) options.cwd = path();
        options.env.try_emplace("STREETWISE_CACHE_DIR", cache_dir().string());
        return run_streetwise(args, options);
    }

private:
    test::ScratchDir folder_;
};

}  // namespace streetwise::cli_test
