#pragma once
// FileDialog: a small modal file chooser (ImGui has none): a folder listing filtered by
// extension, a path field that accepts typed or pasted paths, and OK / Cancel.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace streetwise::viz {

class FileDialog {
public:
    // Opens the dialog. `extensions` like {".yaml", ".yml"}; `save` asks for a new file name.
    void open(std::string title, std::vector<std::string> extensions, bool save,
              std::function<void(const std::filesystem::path&)> on_chosen, std::filesystem::path suggested = {});
    // Call every frame; draws the modal while open.
    void show();
    bool is_open() const { return open_; }

private:
    void list_folder();

    bool open_ = false;
    bool popup_opened_ = false;
    bool save_ = false;
    std::string title_;
    std::vector<std::string> extensions_;
    std::function<void(const std::filesystem::path&)> on_chosen_;
    std::filesystem::path folder_;
    std::string path_text_;
    std::vector<std::filesystem::path> folders_, files_;
    std::string listing_error_;
};

}  // namespace streetwise::viz
