#include "viz/ui/file_dialog.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace streetwise::viz {

namespace fs = std::filesystem;

void FileDialog::open(std::string title, std::vector<std::string> extensions, bool save,
                      std::function<void(const fs::path&)> on_chosen, fs::path suggested) {
    title_ = std::move(title);
    extensions_ = std::move(extensions);
    save_ = save;
    on_chosen_ = std::move(on_chosen);
    std::error_code ignored;
    folder_ = suggested.has_parent_path() ? fs::absolute(suggested.parent_path(), ignored) : fs::current_path(ignored);
    path_text_ = suggested.empty() ? "" : fs::absolute(suggested, ignored).string();
    open_ = true;
    popup_opened_ = false;
    list_folder();
}

void FileDialog::list_folder() {
    folders_.clear();
    files_.clear();
    listing_error_.clear();
    std::error_code error;
    for (fs::directory_iterator it(folder_, error), end; !error && it != end; it.increment(error)) {
        const fs::path& path = it->path();
        if (path.filename().string().starts_with(".")) continue;
        std::error_code type_error;
        if (it->is_directory(type_error)) {
            folders_.push_back(path);
        } else {
            const std::string name = path.filename().string();
            const bool wanted = extensions_.empty() || std::any_of(extensions_.begin(), extensions_.end(), [&](const std::string& e) {
                                    return name.size() >= e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0;
                                });
            if (wanted) files_.push_back(path);
        }
    }
    if (error) listing_error_ = "cannot list " + folder_.string() + ": " + error.message();
    std::sort(folders_.begin(), folders_.end());
    std::sort(files_.begin(), files_.end());
}

void FileDialog::show() {
    if (!open_) return;
    if (!popup_opened_) {
        ImGui::OpenPopup(title_.c_str());
        popup_opened_ = true;
    }
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowSize({display.x * 0.6f, display.y * 0.6f}, ImGuiCond_Appearing);
    if (!ImGui::BeginPopupModal(title_.c_str(), &open_)) return;
    ImGui::TextUnformatted(folder_.string().c_str());
    if (ImGui::Button("up")) {
        folder_ = folder_.parent_path();
        list_folder();
    }
    if (!listing_error_.empty()) ImGui::TextColored({1, 0.3f, 0.3f, 1}, "%s", listing_error_.c_str());
    const float footer = ImGui::GetFrameHeightWithSpacing() * 2.2f;
    if (ImGui::BeginChild("listing", {0, -footer}, true)) {
        fs::path enter;
        for (const fs::path& folder : folders_)
            if (ImGui::Selectable((folder.filename().string() + "/").c_str())) enter = folder;
        for (const fs::path& file : files_) {
            const bool selected = path_text_ == file.string();
            if (ImGui::Selectable(file.filename().string().c_str(), selected, ImGuiSelectableFlags_AllowDoubleClick)) {
                path_text_ = file.string();
                if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && !save_) {
                    on_chosen_(file);
                    open_ = false;
                }
            }
        }
        if (!enter.empty()) {
            folder_ = enter;
            list_folder();
        }
    }
    ImGui::EndChild();
    ImGui::SetNextItemWidth(-ImGui::CalcTextSize("  OK    Cancel  ").x - 20);
    ImGui::InputText("##path", &path_text_);
    ImGui::SameLine();
    if (ImGui::Button("OK") && !path_text_.empty()) {
        fs::path chosen(path_text_);
        if (chosen.is_relative()) chosen = folder_ / chosen;
        open_ = false;
        on_chosen_(chosen);
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) open_ = false;
    if (!open_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace streetwise::viz
