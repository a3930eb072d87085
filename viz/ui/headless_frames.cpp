#include "viz/ui/headless_frames.hpp"

namespace streetwise::viz {

HeadlessFrames::HeadlessFrames(float width, float height, const Theme& theme) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;  // as the OpenGL 3 backend
    load_fonts(theme);
    apply_style(theme);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas, as a renderer would
}

HeadlessFrames::~HeadlessFrames() { ImGui::DestroyContext(context_); }

void HeadlessFrames::begin(double dt_s) {
    ImGui::GetIO().DeltaTime = static_cast<float>(dt_s > 0 ? dt_s : 1.0 / 60.0);
    ImGui::NewFrame();
}

ImDrawData* HeadlessFrames::end() {
    ImGui::Render();
    return ImGui::GetDrawData();
}

void HeadlessFrames::mouse(float x, float y, bool left_down) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(x, y);
    io.MouseDown[0] = left_down;
}

}  // namespace streetwise::viz
