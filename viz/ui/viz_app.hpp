#pragma once
// VizApp: the visualiser's state and its whole UI for one frame, independent of the window
// system. The host (viz/app: GLFW + OpenGL) creates the ImGui context, calls frame() between
// ImGui::NewFrame() and ImGui::Render(), and saves screenshots when asked. Tests drive a VizApp
// directly, with or without a real window.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "viz/core/live_run.hpp"
#include "viz/core/run_source.hpp"
#include "viz/core/scenario_variant.hpp"
#include "viz/ui/chart_panel.hpp"
#include "viz/ui/map_view.hpp"
#include "viz/ui/theme.hpp"

namespace streetwise::viz {

class FileDialog;
class ScenarioPanel;
class InterventionPanel;
class ComparePanel;

struct VizOptions {
    Theme theme;
    int threads = 0;                     // engine threads; 0: all cores but one
    double speed_steps_per_s = 60;       // initial pace (one simulated hour a second); 0: flat out
    bool start_playing = false;
    std::filesystem::path output;        // run file written when a live run completes; empty: none
};

class VizApp {
public:
    explicit VizApp(VizOptions options);
    ~VizApp();

    // Opening things. Each throws InputError for bad input and leaves what was open untouched.
    void open_scenario(const std::filesystem::path& file, const std::vector<std::string>& overrides = {});  // empty: built-in
    void open_spec(ScenarioSpec spec);   // a scenario already loaded (restart with edits)
    void open_run_file(const std::filesystem::path& file);
    // Compare: a second scenario or run file, on the same clock as the first.
    void open_compare_scenario(const std::filesystem::path& file, const std::vector<std::string>& overrides = {});
    void open_compare_run_file(const std::filesystem::path& file);
    void close_compare();
    // Shows any RunSource (tests and benchmarks use their own); `scenario_file` starts a new variant.
    void show_source(std::unique_ptr<RunSource> source, std::optional<std::filesystem::path> scenario_file = std::nullopt);

    enum class SideTab { scenario = 0, interventions = 1, compare = 2 };
    void show_tab(SideTab tab) { select_side_tab_ = static_cast<int>(tab); }

    // The clock, for whatever is open: with a comparison, both runs move together.
    void seek(std::int64_t step);
    void play();

    // One frame of UI. `frame_dt_s`: wall time since the previous frame.
    void frame(double frame_dt_s);

    RunSource* source() { return source_.get(); }
    RunSource* compare_source() { return compare_.get(); }
    MapView* map_view() { return map_.get(); }
    ChartPanel& chart() { return chart_; }
    Theme& theme() { return options_.theme; }
    const VizOptions& options() const { return options_; }
    ScenarioVariant& variant() { return variant_; }
    const std::vector<std::string>& crime_type_names() const { return crime_type_names_; }

    // The host polls these after each frame.
    bool take_font_reload_request();                                 // theme or font size changed
    std::optional<std::filesystem::path> take_screenshot_request();  // "export view as PNG"
    void request_screenshot(std::filesystem::path file) { screenshot_request_ = std::move(file); }
    bool quit_requested() const { return quit_; }
    void report_status(std::string message) { status_message_ = std::move(message); }
    // An error shown to the user in a popup (file, line, key and hint of an InputError).
    void report_error(std::string message);
    const std::string& last_error() const { return last_error_; }

private:
    friend class ScenarioPanel;
    friend class InterventionPanel;
    friend class ComparePanel;

    std::unique_ptr<RunSource> make_live_source(ScenarioSpec spec, std::shared_ptr<const City> reuse_city,
                                                const std::filesystem::path& output);
    void show_menu_bar();
    void show_time_bar(const FrameSnapshot& snapshot);
    void show_error_popup();
    void export_csv(const std::filesystem::path& file);
    void sync_compare_clock(double frame_dt_s);
    // Shows `other` as B beside A; refuses (InputError naming `file`) a different city.
    void attach_compare(std::unique_ptr<RunSource> other, const std::filesystem::path& file);

    VizOptions options_;
    std::unique_ptr<RunSource> source_;
    std::unique_ptr<RunSource> compare_;
    std::unique_ptr<MapView> map_;
    std::unique_ptr<MapView> compare_map_;
    ChartPanel chart_;
    std::unique_ptr<FileDialog> file_dialog_;
    std::unique_ptr<ScenarioPanel> scenario_panel_;
    std::unique_ptr<InterventionPanel> intervention_panel_;
    std::unique_ptr<ComparePanel> compare_panel_;
    ScenarioVariant variant_;
    std::vector<std::string> crime_type_names_;

    // Compare mode's shared clock: both sources are sought to this step.
    double compare_clock_step_ = 0;
    bool compare_playing_ = false;

    int select_side_tab_ = -1;  // a tab to bring forward in the next frame (0 scenario, 1 interventions, 2 compare)
    bool font_reload_ = false;
    bool quit_ = false;
    std::optional<std::filesystem::path> screenshot_request_;
    std::string status_message_;
    std::string last_error_;
    bool error_popup_pending_ = false;
    const RunSource* failure_reported_for_ = nullptr;  // a source whose failure was shown already
    int jump_day_ = 0, jump_hour_ = 0;
};

}  // namespace streetwise::viz
