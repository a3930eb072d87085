#pragma once
// HeadlessFrames: an ImGui context with no window and no renderer, for building frames in tests
// and the frame-cost benchmark. It sets what the OpenGL 3 backend would (display size, font
// atlas, support for more than 65,536 vertices per draw list), so the UI code runs exactly as in
// the program; nothing is rasterised.
#include <imgui.h>

#include "viz/ui/theme.hpp"

namespace streetwise::viz {

class HeadlessFrames {
public:
    HeadlessFrames(float width, float height, const Theme& theme);
    ~HeadlessFrames();
    HeadlessFrames(const HeadlessFrames&) = delete;
    HeadlessFrames& operator=(const HeadlessFrames&) = delete;

    void begin(double dt_s = 1.0 / 60.0);  // ImGui::NewFrame with the given time step
    ImDrawData* end();                     // ImGui::Render; the frame's draw lists

    // Moves the mouse to (x, y) and presses or releases the left button, for the next begin().
    void mouse(float x, float y, bool left_down);

private:
    ImGuiContext* context_ = nullptr;
};

}  // namespace streetwise::viz
