#include "viz/app/viz_window.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <chrono>
#include <stdexcept>

#include "sim/core/input_error.hpp"
#include "viz/core/png_writer.hpp"

namespace streetwise::viz {

namespace {

void glfw_error(int code, const char* description) {
    // Reported through the exception below when it matters; kept quiet otherwise.
    (void)code;
    (void)description;
}

}  // namespace

VizWindow::VizWindow(int width, int height, const std::string& title, const Theme& theme) {
    glfwSetErrorCallback(glfw_error);
    if (!glfwInit())
        throw std::runtime_error("cannot open a window: no display (set DISPLAY, or run under xvfb-run)");
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    window_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
    if (!window_) {
        glfwTerminate();
        throw std::runtime_error("cannot create an OpenGL 3.3 window (is a GL driver installed? libgl1-mesa-dri)");
    }
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(1);  // vsync: a visualiser needs no more frames than the screen shows
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini in the user's folder
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    load_fonts(theme);
    apply_style(theme);
    last_time_s_ = glfwGetTime();
}

VizWindow::~VizWindow() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window_);
    glfwTerminate();
}

void VizWindow::reload_fonts(const Theme& theme) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    load_fonts(theme);
    apply_style(theme);
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

bool VizWindow::run_frame(VizApp& app) {
    using clock = std::chrono::steady_clock;
    const auto frame_start = clock::now();
    glfwPollEvents();
    if (glfwWindowShouldClose(window_) || app.quit_requested()) return false;
    const double now_s = glfwGetTime();
    const double dt_s = now_s - last_time_s_;
    last_time_s_ = now_s;

    const auto build_start = clock::now();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    app.frame(dt_s);
    ImGui::Render();
    build_ms_.push_back(std::chrono::duration<double, std::milli>(clock::now() - build_start).count());

    int width = 0, height = 0;
    glfwGetFramebufferSize(window_, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(0.5f, 0.5f, 0.5f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (auto file = app.take_screenshot_request()) {
        try {
            save_png(*file);
            app.report_status("view saved to " + file->string());
        } catch (const InputError& error) {
            app.report_error(error.what());
        }
    }
    glfwSwapBuffers(window_);
    if (app.take_font_reload_request()) reload_fonts(app.theme());
    frame_ms_.push_back(std::chrono::duration<double, std::milli>(clock::now() - frame_start).count());
    return true;
}

std::vector<std::uint8_t> VizWindow::read_pixels_rgba(int* width, int* height) const {
    glfwGetFramebufferSize(window_, width, height);
    std::vector<std::uint8_t> pixels(static_cast<std::size_t>(*width) * static_cast<std::size_t>(*height) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, *width, *height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows run bottom to top; return them top to bottom.
    const std::size_t row = static_cast<std::size_t>(*width) * 4;
    for (int y = 0; y < *height / 2; ++y)
        std::swap_ranges(pixels.begin() + static_cast<std::ptrdiff_t>(y * row), pixels.begin() + static_cast<std::ptrdiff_t>((y + 1) * row),
                         pixels.begin() + static_cast<std::ptrdiff_t>((*height - 1 - y) * row));
    for (std::size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;  // the window is opaque
    return pixels;
}

void VizWindow::save_png(const std::filesystem::path& file) const {
    int width = 0, height = 0;
    const auto pixels = read_pixels_rgba(&width, &height);
    write_png(file, width, height, pixels, false);
}

}  // namespace streetwise::viz
