#pragma once
// VizWindow: the desktop host of a VizApp: a GLFW window with an OpenGL 3.3 context, the ImGui
// GLFW and OpenGL 3 backends, the frame loop, PNG export of the window, and frame timing.
// Under Xvfb + Mesa it renders real frames headless, which is how the tests and the screenshots
// in docs/ are made.
#include <filesystem>
#include <string>
#include <vector>

#include "viz/ui/viz_app.hpp"

struct GLFWwindow;

namespace streetwise::viz {

class VizWindow {
public:
    // Throws std::runtime_error when no window or OpenGL 3.3 context can be made (no display).
    VizWindow(int width, int height, const std::string& title, const Theme& theme);
    ~VizWindow();
    VizWindow(const VizWindow&) = delete;
    VizWindow& operator=(const VizWindow&) = delete;

    // One frame: poll input, build the UI with app.frame(), render, swap. Handles the app's font
    // and screenshot requests. Returns false once the window should close (or the app quits).
    bool run_frame(VizApp& app);

    // Reads the last rendered frame (the back buffer before the swap; the front buffer after).
    std::vector<std::uint8_t> read_pixels_rgba(int* width, int* height) const;
    void save_png(const std::filesystem::path& file) const;

    // CPU time each frame took to build the UI (app.frame + ImGui::Render), and the whole frame
    // wall time including rendering and the swap, in milliseconds.
    const std::vector<double>& build_ms() const { return build_ms_; }
    const std::vector<double>& frame_ms() const { return frame_ms_; }

private:
    void reload_fonts(const Theme& theme);

    GLFWwindow* window_ = nullptr;
    double last_time_s_ = 0;
    std::vector<double> build_ms_;
    std::vector<double> frame_ms_;
};

}  // namespace streetwise::viz
