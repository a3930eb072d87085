#include "viz/ui/viz_app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "sim/core/atomic_file.hpp"
#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "sim/core/input_error.hpp"
#include "sim/model/crime_type.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "viz/core/clock_text.hpp"
#include "viz/core/live_source.hpp"
#include "viz/core/replay_source.hpp"
#include "viz/core/short_live_model.hpp"
#include "sim/engine/run_short2008.hpp"
#include "viz/core/series_csv.hpp"
#include "viz/ui/compare_panel.hpp"
#include "viz/ui/file_dialog.hpp"
#include "viz/ui/intervention_panel.hpp"
#include "viz/ui/scenario_panel.hpp"

namespace streetwise::viz {

namespace fs = std::filesystem;

namespace {

ScenarioSpec load_scenario_or_builtin(const fs::path& file, const std::vector<std::string>& overrides) {
    if (file.empty())
        return load_scenario_text(default_scenario_yaml(), "built-in default scenario", overrides, default_search_paths());
    return load_scenario(file, overrides, default_search_paths());
}

bool same_city_source(const CitySpec& a, const CitySpec& b) {
    const auto& sa = a.synthetic;
    const auto& sb = b.synthetic;
    const auto& la = a.lattice;
    const auto& lb = b.lattice;
    return a.source == b.source && a.osm_resolved_path == b.osm_resolved_path && sa.blocks_x == sb.blocks_x &&
           sa.blocks_y == sb.blocks_y && sa.block_length_m == sb.block_length_m && sa.jitter_m == sb.jitter_m &&
           sa.missing_street_fraction == sb.missing_street_fraction && sa.seed == sb.seed && la.width == lb.width &&
           la.height == lb.height && la.edge_length_m == lb.edge_length_m && la.periodic == lb.periodic;
}

// Speeds offered in the time bar, in steps (simulated minutes by default) per wall second.
struct SpeedChoice {
    const char* label;
    double steps_per_s;
};
constexpr SpeedChoice speed_choices[] = {{"1 min/s", 1},      {"10 min/s", 10},   {"1 h/s", 60},
                                         {"6 h/s", 360},      {"1 day/s", 1440},  {"flat out", 0}};

}  // namespace

VizApp::VizApp(VizOptions options)
    : options_(std::move(options)),
      file_dialog_(std::make_unique<FileDialog>()),
      scenario_panel_(std::make_unique<ScenarioPanel>()),
      intervention_panel_(std::make_unique<InterventionPanel>()),
      compare_panel_(std::make_unique<ComparePanel>()) {
    crime_type_names_.assign(streetwise::crime_type_names.begin(), streetwise::crime_type_names.end());
}

VizApp::~VizApp() = default;

std::unique_ptr<RunSource> VizApp::make_live_source(ScenarioSpec spec, std::shared_ptr<const City> reuse_city,
                                                    const fs::path& output) {
    LiveRunOptions run_options;
    run_options.threads = options_.threads;
    run_options.output = output;
    run_options.speed_steps_per_s = options_.speed_steps_per_s;
    run_options.start_playing = options_.start_playing;
    if (spec.model == ModelKind::short2008) {
        // The burglary lattice runs live too; its run files come from `streetwise run`.
        auto city = std::make_shared<const City>(short2008_city(spec.short2008));
        const ShortBurglaryParams params = short2008_params(spec);
        const std::int64_t steps = spec.short2008.steps();
        return std::make_unique<LiveSource>(std::move(spec), city, steps,
                                            [params, city, steps] { return std::make_unique<ShortLiveModel>(params, city, steps); },
                                            std::move(run_options));
    }
    std::shared_ptr<const City> city = reuse_city;
    if (!city) city = std::make_shared<const City>(make_city(spec.city));
    return std::make_unique<LiveSource>(std::move(spec), std::move(city), std::move(run_options));
}

void VizApp::show_source(std::unique_ptr<RunSource> source, std::optional<fs::path> scenario_file) {
    const bool same_city = source_ && source_->city_ptr() == source->city_ptr();
    source_ = std::move(source);
    if (!same_city || !map_) {
        auto map = std::make_unique<MapView>(source_->city_ptr());
        if (map_) map->layers() = map_->layers();
        map_ = std::move(map);
    }
    map_->osm_attribution = source_->city().origin_lon() != 0.0 || source_->city().origin_lat() != 0.0;
    if (scenario_file) {
        variant_ = {};
        variant_.base_file = *scenario_file;
    }
    compare_clock_step_ = 0;
    if (compare_) close_compare();
}

void VizApp::open_scenario(const fs::path& file, const std::vector<std::string>& overrides) {
    ScenarioSpec spec = load_scenario_or_builtin(file, overrides);
    const bool lattice_model = spec.model != ModelKind::streets;
    show_source(make_live_source(std::move(spec), nullptr, options_.output), file);
    if (lattice_model) {
        // Its streets are the lattice's links: the field and the burglars say more without them.
        map_->layers().streets = false;
        map_->layers().crime_markers = false;
    }
    status_message_ = "opened " + (file.empty() ? std::string("the built-in default scenario") : file.string());
}

void VizApp::open_spec(ScenarioSpec spec) {
    std::shared_ptr<const City> reuse;
    if (auto* live = dynamic_cast<LiveSource*>(source_.get()); live && same_city_source(live->run().spec().city, spec.city))
        reuse = live->city_ptr();
    show_source(make_live_source(std::move(spec), reuse, options_.output), std::nullopt);
    status_message_ = "restarted with edits";
}

void VizApp::open_run_file(const fs::path& file) {
    show_source(std::make_unique<ReplaySource>(file), std::nullopt);
    variant_ = {};
    status_message_ = "replaying " + file.string();
}

void VizApp::open_compare_scenario(const fs::path& file, const std::vector<std::string>& overrides) {
    if (!source_) throw InputError(file.string(), 0, "", "nothing to compare with", "open a scenario or run file first");
    ScenarioSpec spec = load_scenario_or_builtin(file, overrides);
    std::shared_ptr<const City> reuse;
    if (auto* live = dynamic_cast<LiveSource*>(source_.get()); live && same_city_source(live->run().spec().city, spec.city))
        reuse = live->city_ptr();
    attach_compare(make_live_source(std::move(spec), reuse, {}), file);
}

void VizApp::open_compare_run_file(const fs::path& file) {
    if (!source_) throw InputError(file.string(), 0, "", "nothing to compare with", "open a scenario or run file first");
    attach_compare(std::make_unique<ReplaySource>(file), file);
}

void VizApp::attach_compare(std::unique_ptr<RunSource> other, const fs::path& file) {
    if (other->city().fingerprint() != source_->city().fingerprint())
        throw InputError(file.string(), 0, "city", "the two use different cities (their fingerprints differ)",
                         "compare scenarios or runs on the same map: a difference map needs the same streets");
    compare_ = std::move(other);
    compare_map_ = std::make_unique<MapView>(compare_->city_ptr());
    compare_map_->osm_attribution = map_->osm_attribution;
    source_->pause();
    compare_playing_ = false;
    compare_clock_step_ = static_cast<double>(source_->snapshot().step);
    compare_->seek(source_->snapshot().step);
    select_side_tab_ = 2;  // the headline differences are what one opens a comparison for
}

void VizApp::close_compare() {
    compare_.reset();
    compare_map_.reset();
}

void VizApp::seek(std::int64_t step) {
    if (!source_) return;
    if (compare_) compare_clock_step_ = static_cast<double>(std::clamp<std::int64_t>(step, 0, source_->total_steps()));
    else source_->seek(step);
}

void VizApp::play() {
    if (!source_) return;
    if (compare_) compare_playing_ = true;
    else source_->play();
}

void VizApp::report_error(std::string message) {
    last_error_ = std::move(message);
    error_popup_pending_ = true;
}

bool VizApp::take_font_reload_request() {
    const bool requested = font_reload_;
    font_reload_ = false;
    return requested;
}

std::optional<fs::path> VizApp::take_screenshot_request() {
    auto request = std::move(screenshot_request_);
    screenshot_request_.reset();
    return request;
}

void VizApp::export_csv(const fs::path& file) {
    // What the chart shows now: the crimes per hour, the reporting channels or the insecurity.
    write_file_atomically(file, hourly_series_csv(chart_.columns(source_->snapshot(), crime_type_names_)));
    status_message_ = "series written to " + file.string();
}

// Compare mode: one clock for both runs. It advances by the speed, but never more than a little
// ahead of the slower run, so the two always show (nearly) the same moment and, once both have
// caught up, exactly the same step.
void VizApp::sync_compare_clock(double frame_dt_s) {
    const std::int64_t total = std::min(source_->total_steps(), compare_->total_steps());
    if (compare_playing_) {
        const double speed = source_->speed() > 0 ? source_->speed() : 1440.0;
        const double slowest = static_cast<double>(std::min(source_->snapshot().step, compare_->snapshot().step));
        compare_clock_step_ = std::min({compare_clock_step_ + speed * frame_dt_s, slowest + std::max(speed * 0.25, 2.0),
                                        static_cast<double>(total)});
        if (compare_clock_step_ >= static_cast<double>(total)) compare_playing_ = false;
    }
    const auto target = static_cast<std::int64_t>(compare_clock_step_);
    if (source_->snapshot().step != target) source_->seek(target);
    if (compare_->snapshot().step != target) compare_->seek(target);
}

void VizApp::show_menu_bar() {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Open scenario...")) {
            file_dialog_->open("Open scenario", {".yaml", ".yml"}, false, [this](const fs::path& p) {
                try {
                    open_scenario(p);
                } catch (const InputError& e) {
                    report_error(e.what());
                }
            });
        }
        if (ImGui::MenuItem("Open the built-in default scenario")) {
            try {
                open_scenario({});
            } catch (const InputError& e) {
                report_error(e.what());
            }
        }
        if (ImGui::MenuItem("Open run file (replay)...")) {
            file_dialog_->open("Open run file", {".h5"}, false, [this](const fs::path& p) {
                try {
                    open_run_file(p);
                } catch (const InputError& e) {
                    report_error(e.what());
                }
            });
        }
        if (ImGui::MenuItem("New scenario from an OpenStreetMap extract...")) scenario_panel_->begin_new_from_osm(*this);
        ImGui::Separator();
        if (ImGui::MenuItem("Compare with scenario...", nullptr, false, source_ != nullptr)) {
            file_dialog_->open("Compare with scenario", {".yaml", ".yml"}, false, [this](const fs::path& p) {
                try {
                    open_compare_scenario(p);
                } catch (const InputError& e) {
                    report_error(e.what());
                }
            });
        }
        if (ImGui::MenuItem("Compare with run file...", nullptr, false, source_ != nullptr)) {
            file_dialog_->open("Compare with run file", {".h5"}, false, [this](const fs::path& p) {
                try {
                    open_compare_run_file(p);
                } catch (const InputError& e) {
                    report_error(e.what());
                }
            });
        }
        if (ImGui::MenuItem("Close comparison", nullptr, false, compare_ != nullptr)) close_compare();
        ImGui::Separator();
        if (ImGui::MenuItem("Export view as PNG...", nullptr, false, source_ != nullptr))
            file_dialog_->open("Export view as PNG", {".png"}, true, [this](const fs::path& p) { screenshot_request_ = p; },
                               "streetwise-view.png");
        if (ImGui::MenuItem("Export series as CSV...", nullptr, false, source_ != nullptr))
            file_dialog_->open("Export series as CSV", {".csv"}, true,
                               [this](const fs::path& p) {
                                   try {
                                       export_csv(p);
                                   } catch (const InputError& e) {
                                       report_error(e.what());
                                   }
                               },
                               "streetwise-series.csv");
        ImGui::Separator();
        if (ImGui::MenuItem("Quit")) quit_ = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        if (ImGui::MenuItem("High contrast (projector)", nullptr, &options_.theme.high_contrast)) font_reload_ = true;
        for (const float scale : {1.0f, 1.25f, 1.5f, 2.0f}) {
            char label[32];
            std::snprintf(label, sizeof label, "Text size x%.2g", scale);
            if (ImGui::MenuItem(label, nullptr, options_.theme.font_scale == scale)) {
                options_.theme.font_scale = scale;
                font_reload_ = true;
            }
        }
        if (map_) {
            ImGui::Separator();
            MapLayers& layers = map_->layers();
            const FrameSnapshot* now = source_ ? &source_->snapshot() : nullptr;
            // Crime heat, attractiveness and insecurity all colour the streets: ticking one unticks the others.
            if (ImGui::MenuItem("Crime heat", nullptr, &layers.crime_heat) && layers.crime_heat)
                layers.attractiveness = layers.insecurity = false;
            const bool has_street_field = now && !now->segment_field.empty();
            if (ImGui::MenuItem("Attractiveness (repeat victimisation)", nullptr, &layers.attractiveness, has_street_field) &&
                layers.attractiveness)
                layers.crime_heat = layers.insecurity = false;
            // Offered only for runs that measure insecurity.
            const bool has_insecurity = now && !now->district_insecurity.empty();
            if (ImGui::MenuItem("Insecurity (fear of crime, by district)", nullptr, &layers.insecurity, has_insecurity) &&
                layers.insecurity)
                layers.crime_heat = layers.attractiveness = false;
            ImGui::MenuItem("Street lighting", nullptr, &layers.lighting);
            ImGui::MenuItem("Districts", nullptr, &layers.districts);
            ImGui::MenuItem("Field (attractiveness, lattice models)", nullptr, &layers.field);
            ImGui::MenuItem("Places of interest", nullptr, &layers.places);
            ImGui::MenuItem("Crime markers (last hour)", nullptr, &layers.crime_markers);
            // Greyed out for runs without apps.
            ImGui::MenuItem("App alerts (last hour)", nullptr, &layers.app_alerts,
                            now && (now->reporting_apps || !now->recent_alerts.empty()));
            // Greyed out for runs without drones or without a police force (and in replays: no positions).
            ImGui::MenuItem("Drone cameras", nullptr, &layers.drone_cameras, now && now->drone_fleets > 0 && !now->replay);
            ImGui::MenuItem("Dispatch", nullptr, &layers.dispatch, now && now->police_force && !now->replay);
            if (ImGui::BeginMenu("Crime types shown")) {
                layers.crime_types_shown.resize(crime_type_names_.size(), true);
                for (std::size_t t = 0; t < crime_type_names_.size(); ++t) {
                    ImGui::PushStyleColor(ImGuiCol_Text, series_colour(static_cast<int>(t)));
                    bool shown = layers.crime_types_shown[t];
                    if (ImGui::MenuItem(crime_type_names_[t].c_str(), nullptr, &shown)) layers.crime_types_shown[t] = shown;
                    ImGui::PopStyleColor();
                }
                ImGui::EndMenu();
            }
            ImGui::MenuItem("Day and night shading", nullptr, &layers.day_night);
            for (int k = 0; k < agent_kind_count; ++k) {
                char label[48];
                std::snprintf(label, sizeof label, "Agents: %s", to_string(static_cast<AgentKind>(k)));
                ImGui::MenuItem(label, nullptr, &layers.agents[k]);
            }
            if (ImGui::MenuItem("Fit the city in view")) map_->camera().fit(city_bounds(map_->city()));
        }
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

void VizApp::show_time_bar(const FrameSnapshot& snapshot) {
    RunSource& s = *source_;
    const bool comparing = compare_ != nullptr;
    const bool playing = comparing ? compare_playing_ : s.is_playing();
    const bool space = !ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false);
    if (ImGui::Button(playing ? "Pause" : "Play") || space) {
        if (comparing) compare_playing_ = !playing;
        else if (playing) s.pause();
        else s.play();
    }
    ImGui::SameLine();
    if (ImGui::Button("Step")) {
        if (comparing) compare_clock_step_ += 1;
        else s.step_once(1);
    }
    ImGui::SameLine();
    if (ImGui::Button("+1 h")) {
        if (comparing) compare_clock_step_ += 3600.0 / s.step_s();
        else s.seek(snapshot.step + 3600 / s.step_s());
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("flat out    ").x + 30);
    const double speed = s.speed();
    const char* current = "custom";
    for (const auto& choice : speed_choices)
        if (choice.steps_per_s == speed) current = choice.label;
    if (ImGui::BeginCombo("speed", current)) {
        for (const auto& choice : speed_choices)
            if (ImGui::Selectable(choice.label, choice.steps_per_s == speed)) {
                s.set_speed(choice.steps_per_s);
                if (compare_) compare_->set_speed(choice.steps_per_s);
            }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(snapshot_clock_text(snapshot, s.start_weekday()).c_str());
    if (snapshot.model_time_per_step <= 0) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", snapshot.night ? "night" : "day");
    }
    ImGui::SameLine();
    ImGui::Text("| crimes so far: %llu", static_cast<unsigned long long>(snapshot.crime_total));

    // Jump to a day and hour, and the time slider.
    const int days = static_cast<int>(std::max<std::int64_t>(1, s.total_steps() * s.step_s() / 86400));
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("day 00").x + 40);
    ImGui::SliderInt("##day", &jump_day_, 0, std::max(0, days - 1), "day %d");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("00:00").x + 40);
    ImGui::SliderInt("##hour", &jump_hour_, 0, 23, "%02d:00");
    ImGui::SameLine();
    if (ImGui::Button("Jump")) {
        const std::int64_t target = step_at(jump_day_, jump_hour_, s.step_s());
        seek(target);
    }
    ImGui::SameLine();
    int position = static_cast<int>(snapshot.step);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::SliderInt("##time", &position, 0, static_cast<int>(s.total_steps()), "")) {
        seek(position);
    }
    if (s.is_live() && ImGui::IsItemHovered())
        ImGui::SetTooltip("Going back re-runs the scenario from the start to that moment (same seed, same result).");
}

void VizApp::show_error_popup() {
    if (error_popup_pending_) {
        ImGui::OpenPopup("Problem");
        error_popup_pending_ = false;
    }
    if (ImGui::BeginPopupModal("Problem", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(last_error_.c_str());
        if (ImGui::Button("OK")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

void VizApp::frame(double frame_dt_s) {
    show_menu_bar();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 origin = viewport->WorkPos;
    const ImVec2 size = viewport->WorkSize;
    const float line = ImGui::GetFrameHeightWithSpacing();
    const float side_width = std::min(size.x * 0.34f, 430.0f * options_.theme.font_scale);
    const float status_height = line;
    const float time_height = line * 2.2f;
    const float chart_height = std::max(size.y * 0.24f, line * 6.0f);
    const float map_height = size.y - status_height - time_height - chart_height;
    constexpr ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;

    if (source_) {
        source_->update(frame_dt_s);
        if (compare_) {
            compare_->update(frame_dt_s);
            sync_compare_clock(frame_dt_s);
        }
    }
    const FrameSnapshot* snapshot = source_ ? &source_->snapshot() : nullptr;
    // A live run can fail after it was opened (an intervention naming a district the city lacks is
    // found when the simulation is built, on the engine thread): say so in a box, once.
    for (const RunSource* s : {source_.get(), compare_.get()})
        if (s && s->failed() && failure_reported_for_ != s) {
            failure_reported_for_ = s;
            report_error(s->status_text());
        }

    // Side panel: scenario, interventions, compare.
    ImGui::SetNextWindowPos(origin);
    ImGui::SetNextWindowSize({side_width, size.y - status_height});
    if (ImGui::Begin("Workshop", nullptr, fixed)) {
        if (ImGui::BeginTabBar("side")) {
            // A requested tab keeps being requested until it shows: a tab bar switches a frame later.
            const auto tab_flags = [&](int tab) {
                return select_side_tab_ == tab ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
            };
            const auto shown = [&](int tab) {
                if (select_side_tab_ == tab) select_side_tab_ = -1;
            };
            if (ImGui::BeginTabItem("Scenario", nullptr, tab_flags(0))) {
                shown(0);
                scenario_panel_->show(*this);
                ImGui::EndTabItem();
            }
            if (ImGui::BeginTabItem("Interventions", nullptr, tab_flags(1))) {
                shown(1);
                intervention_panel_->show(*this);
                ImGui::EndTabItem();
            } else if (map_ && select_side_tab_ != 1) {
                map_->picking_streets = false;  // clicks pick streets only while the palette is open
            }
            if (ImGui::BeginTabItem("Compare", nullptr, tab_flags(2))) {
                shown(2);
                compare_panel_->show_controls(*this);
                ImGui::EndTabItem();
            }
            ImGui::EndTabBar();
        }
    }
    ImGui::End();

    const ImVec2 main_origin(origin.x + side_width, origin.y);
    const float main_width = size.x - side_width;

    // Map (or the two maps and the difference, when comparing).
    ImGui::SetNextWindowPos(main_origin);
    ImGui::SetNextWindowSize({main_width, map_height});
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
    if (ImGui::Begin("Map", nullptr, fixed | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoTitleBar)) {
        if (!source_) {
            ImGui::TextUnformatted("Open a scenario or a run file (File menu).");
        } else if (compare_) {
            compare_panel_->show_maps(*this);
        } else {
            map_->show(*snapshot, options_.theme);
        }
    }
    ImGui::End();
    ImGui::PopStyleVar();

    // Time controls.
    ImGui::SetNextWindowPos({main_origin.x, main_origin.y + map_height});
    ImGui::SetNextWindowSize({main_width, time_height});
    if (ImGui::Begin("Time", nullptr, fixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) {
        if (source_) show_time_bar(*snapshot);
    }
    ImGui::End();

    // Charts.
    ImGui::SetNextWindowPos({main_origin.x, main_origin.y + map_height + time_height});
    ImGui::SetNextWindowSize({main_width, chart_height});
    const std::string chart_title =
        std::string(ChartPanel::title(snapshot ? chart_.showing(*snapshot) : ChartPanel::View::crimes)) + "###Charts";
    if (ImGui::Begin(chart_title.c_str(), nullptr, fixed | ImGuiWindowFlags_NoScrollbar)) {
        if (source_) chart_.show(*snapshot, crime_type_names_, options_.theme, compare_ ? &compare_->snapshot() : nullptr);
    }
    ImGui::End();

    // Status bar.
    ImGui::SetNextWindowPos({origin.x, origin.y + size.y - status_height});
    ImGui::SetNextWindowSize({size.x, status_height});
    if (ImGui::Begin("Status", nullptr, fixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) {
        if (source_) {
            ImGui::Text("%s | %s", source_->title().c_str(), source_->status_text().c_str());
            if (!status_message_.empty()) {
                ImGui::SameLine();
                ImGui::TextDisabled("| %s", status_message_.c_str());
            }
        } else {
            ImGui::TextUnformatted(status_message_.c_str());
        }
    }
    ImGui::End();

    file_dialog_->show();
    scenario_panel_->show_popups(*this);
    show_error_popup();
}

}  // namespace streetwise::viz
