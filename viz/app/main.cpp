// streetwise-viz: the desktop visualiser. Opens a scenario (run live) or a run file (replayed),
// optionally a second one to compare, and shows the city, its agents, crime and charts.
// Scripted options (--steps, --screenshot, --frames, --frame-stats) make it usable headless under
// xvfb-run, for tests, documentation screenshots and frame-time measurements.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <iostream>
#include <numeric>
#include <thread>

#include "sim/core/input_error.hpp"
#include "viz/app/viz_window.hpp"

namespace fs = std::filesystem;
using namespace streetwise;
using namespace streetwise::viz;

namespace {

bool is_run_file(const fs::path& file) { return file.extension() == ".h5"; }

void open_file(VizApp& app, const fs::path& file, const std::vector<std::string>& overrides, bool compare) {
    if (is_run_file(file)) {
        if (compare) app.open_compare_run_file(file);
        else app.open_run_file(file);
    } else {
        if (compare) app.open_compare_scenario(file, overrides);
        else app.open_scenario(file, overrides);
    }
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"streetwise-viz: watch, steer and replay a city"};
    std::string file;
    std::string compare_file;
    std::vector<std::string> overrides;
    VizOptions options;
    int width = 1600, height = 1000;
    std::string output;
    std::string screenshot;
    long long steps = 0;
    int frames = 0;
    std::string frame_stats;
    bool flat_out = false;
    cli.add_option("FILE", file, "Scenario (.yaml, run live) or run file (.h5, replayed); default: the built-in scenario");
    cli.add_option("--compare", compare_file, "A second scenario or run file to compare with, on the same clock");
    cli.add_option("--set", overrides, "Override a scenario key, as with streetwise run (repeatable)");
    cli.add_option("--threads", options.threads, "Engine threads (default: all cores but one, kept for the UI)");
    cli.add_option("--speed", options.speed_steps_per_s, "Steps per second when playing (default 60: an hour a second)");
    cli.add_flag("--flat-out", flat_out, "Play as fast as the engine goes");
    cli.add_flag("--play", options.start_playing, "Start playing at once");
    cli.add_option("-o,--output", output, "Run file to write when a live run reaches its end");
    cli.add_flag("--high-contrast", options.theme.high_contrast, "High-contrast theme for projectors");
    cli.add_option("--font-scale", options.theme.font_scale, "Text size (1 = 16 px; 1.5 or 2 for a room)")->check(CLI::Range(0.5, 4.0));
    cli.add_option("--width", width, "Window width in pixels")->check(CLI::Range(320, 10000));
    cli.add_option("--height", height, "Window height in pixels")->check(CLI::Range(240, 10000));
    auto* shot = cli.add_option("--screenshot", screenshot, "Save the window as PNG after --steps and --frames, then quit");
    cli.add_option("--steps", steps, "Before the screenshot: advance this many steps")->check(CLI::NonNegativeNumber);
    cli.add_option("--frames", frames, "Quit after this many frames (with --screenshot: frames drawn before it)")
        ->check(CLI::NonNegativeNumber);
    cli.add_option("--frame-stats", frame_stats, "Write each frame's build and total time (ms) to this CSV at exit");
    (void)shot;
    CLI11_PARSE(cli, argc, argv);
    if (flat_out) options.speed_steps_per_s = 0;
    options.output = output;

    try {
        VizApp app(options);
        open_file(app, file, overrides, false);
        if (!compare_file.empty()) open_file(app, compare_file, overrides, true);
        std::unique_ptr<VizWindow> window_holder;
        try {
            window_holder = std::make_unique<VizWindow>(width, height, "streetwise-viz", options.theme);
        } catch (const std::runtime_error& error) {
            // No display or no OpenGL: the machine's setup, not the user's files nor a bug.
            std::cerr << "streetwise-viz: " << error.what() << "\n";
            return 1;
        }
        VizWindow& window = *window_holder;

        const bool scripted = !screenshot.empty() || frames > 0;
        if (steps > 0) app.seek(steps);
        if (options.start_playing) app.play();
        const auto target_step = static_cast<std::int64_t>(steps);
        int frame = 0;
        bool shot_requested = false;
        const auto started = std::chrono::steady_clock::now();
        while (window.run_frame(app)) {
            ++frame;
            if (!scripted) continue;
            if (shot_requested) break;  // the frame after the request has saved it
            if (screenshot.empty()) {
                if (frame >= frames) break;
                continue;
            }
            // The engine runs on its own thread: wait until it has reached --steps (at most five
            // minutes), and until at least --frames frames have been drawn so windows have settled.
            const bool at_step = app.source()->snapshot().step >= target_step || app.source()->failed() ||
                                 std::chrono::steady_clock::now() - started > std::chrono::minutes(5);
            if (at_step && frame >= std::max(frames, 3)) {
                app.request_screenshot(screenshot);
                shot_requested = true;
            }
        }
        if (!frame_stats.empty()) {
            std::ofstream stats(frame_stats);
            stats << "frame,build_ms,frame_ms\n";
            for (std::size_t i = 0; i < window.build_ms().size(); ++i)
                stats << i << ',' << window.build_ms()[i] << ',' << window.frame_ms()[i] << '\n';
            std::printf("frames: %zu, build ms median %.2f p99 %.2f max %.2f; frame ms median %.2f max %.2f\n",
                        window.build_ms().size(), percentile(window.build_ms(), 0.5), percentile(window.build_ms(), 0.99),
                        percentile(window.build_ms(), 1.0), percentile(window.frame_ms(), 0.5),
                        percentile(window.frame_ms(), 1.0));
        }
        if (app.source() && app.source()->failed()) {
            std::cerr << "streetwise-viz: " << app.source()->status_text() << "\n";
            return 2;
        }
    } catch (const InputError& error) {
        std::cerr << error.what() << "\n";
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "streetwise-viz: " << error.what() << "\n";
        return 3;
    }
    return 0;
}
