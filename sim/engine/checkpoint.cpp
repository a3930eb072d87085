#include "sim/engine/checkpoint.hpp"

#include <fstream>
#include <iterator>
#include <system_error>

#include "sim/city/city.hpp"
#include "sim/core/atomic_file.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/io/checkpoint_file.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace streetwise {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view magic = "SWCKPT";
const std::string rerun_hint = "resume from an earlier checkpoint, or rerun the scenario from the start";

// The folder relative paths in the scenario were resolved from: the scenario file's, as an
// absolute path, so a resume started from another folder finds the same map.
std::string scenario_dir_of(const std::string& source_path) {
    std::error_code error;
    const fs::path folder = source_path.empty() ? fs::current_path(error) : fs::absolute(source_path, error).parent_path();
    return error ? std::string() : folder.lexically_normal().string();
}

std::string absolute_text(const fs::path& file) {
    if (file.empty()) return {};
    std::error_code error;
    const fs::path absolute = fs::absolute(file, error);
    return (error ? file : absolute.lexically_normal()).string();
}

CheckpointInfo read_info(CheckpointReader& in) {
    CheckpointInfo info;
    info.streetwise_version = in.get_text("streetwise version");
    if (info.streetwise_version != STREETWISE_VERSION)
        in.fail("written by streetwise " + info.streetwise_version + "; this is streetwise " + STREETWISE_VERSION +
                    ", whose simulation state may differ",
                "resume with streetwise " + info.streetwise_version + ", or rerun the scenario from the start");
    info.scenario_path = in.get_text("scenario path");
    info.scenario_dir = in.get_text("scenario folder");
    info.scenario_yaml = in.get_text("scenario");
    info.seed = in.get<std::uint64_t>("seed");
    info.city_fingerprint = in.get_text("city fingerprint");
    info.step = in.get<std::int64_t>("step");
    info.total_steps = in.get<std::int64_t>("total steps");
    info.checkpoint_every_steps = in.get<std::int64_t>("checkpoint interval");
    info.run_file = in.get_text("run file");
    in.check(info.step >= 0 && info.step <= info.total_steps && info.checkpoint_every_steps >= 0,
             "the step or the interval is out of range");
    return info;
}

}  // namespace

std::vector<std::uint8_t> checkpoint_bytes(const Simulation& simulation, const CheckpointContext& context) {
    const ScenarioSpec& spec = simulation.spec();
    CheckpointWriter out;
    for (const char c : magic) out.put(static_cast<std::uint8_t>(c));
    out.put(checkpoint_format_version);
    out.put_text(STREETWISE_VERSION);
    out.put_text(spec.source_path);
    out.put_text(scenario_dir_of(spec.source_path));
    out.put_text(spec.resolved_yaml);  // as loaded: live changes are part of the state
    out.put(spec.seed);
    out.put_text(simulation.city().fingerprint_hex());
    out.put(simulation.current_step());
    out.put(simulation.total_steps());
    out.put(context.every_steps);
    out.put_text(absolute_text(context.run_file));
    simulation.save_state(out);
    return out.finish();
}

void write_checkpoint(const fs::path& file, const Simulation& simulation, const CheckpointContext& context) {
    write_file_atomically(file, checkpoint_bytes(simulation, context), "--checkpoint");
}

Checkpoint read_checkpoint(const fs::path& file) {
    Checkpoint checkpoint;
    checkpoint.file = file;
    std::error_code error;
    if (fs::is_directory(file, error))
        throw InputError(file.string(), 0, "", "is a folder, not a checkpoint",
                         "give the checkpoint file that streetwise run --checkpoint-every wrote (FILE.ckpt)");
    std::ifstream stream(file, std::ios::binary);
    if (!stream)
        throw InputError(file.string(), 0, "", fs::exists(file, error) ? "cannot be read" : "no such file",
                         "check the path of the checkpoint (streetwise run --checkpoint-every writes it, by default "
                         "beside the run file with the extension .ckpt)");
    checkpoint.bytes.assign(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
    if (stream.bad()) throw InputError(file.string(), 0, "", "cannot be read", "check the file and its disk");

    CheckpointReader in(file, checkpoint.bytes);
    if (!in.take_prefix(magic))
        throw InputError(file.string(), 0, "", "is not a streetwise checkpoint (it does not start with SWCKPT)",
                         "give the checkpoint file that streetwise run --checkpoint-every wrote, not the run file "
                         "or a scenario");
    if (!in.check_crc())
        throw InputError(file.string(), 0, "",
                         "the checkpoint is damaged: its checksum does not match its contents (the file was cut "
                         "short or changed)",
                         rerun_hint);
    const auto format = in.get<std::uint32_t>("format version");
    if (format != checkpoint_format_version)
        in.fail("checkpoint format " + std::to_string(format) + "; this streetwise reads format " +
                    std::to_string(checkpoint_format_version),
                "resume with the streetwise that wrote it, or rerun the scenario from the start");
    checkpoint.info = read_info(in);
    checkpoint.state_offset = in.position();
    return checkpoint;
}

ScenarioSpec checkpoint_scenario(const Checkpoint& checkpoint) {
    const CheckpointInfo& info = checkpoint.info;
    const fs::path name = fs::path(info.scenario_path).filename();
    const fs::path display = fs::path(info.scenario_dir) / (name.empty() ? fs::path("scenario") : name);
    ScenarioSpec spec = load_scenario_text(info.scenario_yaml, display.string(), {}, default_search_paths());
    spec.source_path = info.scenario_path;
    if (spec.resolved_yaml != info.scenario_yaml || spec.seed != info.seed || spec.total_steps() != info.total_steps ||
        spec.model != ModelKind::streets)
        throw InputError(checkpoint.file.string(), 0, "",
                         "its scenario does not load back to itself in this streetwise (its keys or defaults differ "
                         "from the streetwise that wrote it)",
                         "resume with the streetwise that wrote it, or rerun the scenario from the start");
    return spec;
}

void check_checkpoint_city(const Checkpoint& checkpoint, const City& city) {
    if (city.fingerprint_hex() == checkpoint.info.city_fingerprint) return;
    throw InputError(checkpoint.file.string(), 0, "",
                     "written on city " + checkpoint.info.city_fingerprint + ", but the scenario's city is now " +
                         city.name() + " " + city.fingerprint_hex(),
                     "the map file (city.osm) or the city settings changed since the run started: put back the map it "
                     "ran on, or rerun the scenario from the start");
}

void restore_checkpoint(const Checkpoint& checkpoint, Simulation& simulation) {
    check_checkpoint_city(checkpoint, simulation.city());
    CheckpointReader in(checkpoint.file, checkpoint.bytes);
    if (!in.check_crc()) in.fail("the checksum does not match");  // read_checkpoint checked it: bytes changed since
    in.seek(checkpoint.state_offset);
    simulation.load_state(in);
    in.expect_end();
    in.check(simulation.current_step() == checkpoint.info.step, "the state's step differs from the header's");
}

}  // namespace streetwise
