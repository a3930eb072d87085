#pragma once
// Checkpoints: a running street-model Simulation's whole state in one file, so a run cut short (a
// cluster's wall-time limit, a failed node) continues where it was and ends with the run file an
// uninterrupted run writes, byte for byte. Layout in docs/checkpoint-file.md; the bytes are
// sim/io/checkpoint_file.hpp's, the state each class's save_state / load_state.
//
// Resuming rebuilds the simulation the way the run built it: the scenario from the resolved text
// the checkpoint carries, the city from that scenario (its fingerprint must match), a fresh
// Simulation (setup is deterministic), and then the saved dynamic state over it.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

class City;
class Simulation;

inline constexpr std::uint32_t checkpoint_format_version = 1;

// What a checkpoint says about its run, ahead of the state itself.
struct CheckpointInfo {
    std::string streetwise_version;  // resuming needs the same version: the state layout is its own
    std::string scenario_path;       // as the run was given it (the run file's provenance)
    std::string scenario_dir;        // absolute folder the scenario's relative paths (city.osm) resolve from
    std::string scenario_yaml;       // the resolved scenario, live changes not applied
    std::uint64_t seed = 0;
    std::string city_fingerprint;    // City::fingerprint_hex()
    std::int64_t step = 0;           // steps done
    std::int64_t total_steps = 0;
    std::int64_t checkpoint_every_steps = 0;  // the run's interval, the default when it is resumed
    std::string run_file;            // absolute path of the run file the run was to write ("" if none)
};

// The run-level settings a checkpoint records besides the simulation itself.
struct CheckpointContext {
    std::int64_t every_steps = 0;
    std::filesystem::path run_file;  // made absolute when written
};

// The checkpoint file's bytes for `simulation` between steps.
std::vector<std::uint8_t> checkpoint_bytes(const Simulation& simulation, const CheckpointContext& context);
// Writes them to `file` atomically (a temporary file renamed over it): a failed or killed write
// leaves the previous checkpoint whole. Throws InputError (key "--checkpoint") when it cannot.
void write_checkpoint(const std::filesystem::path& file, const Simulation& simulation,
                      const CheckpointContext& context);

// A checkpoint file read into memory, its magic, CRC, format and streetwise version checked.
struct Checkpoint {
    std::filesystem::path file;
    CheckpointInfo info;
    std::vector<std::uint8_t> bytes;  // the whole file
    std::size_t state_offset = 0;     // where the simulation's sections begin
};
// Throws InputError naming the file when it is missing, not a checkpoint, damaged (truncated,
// any byte changed) or written by another format or streetwise version.
Checkpoint read_checkpoint(const std::filesystem::path& file);

// The run's scenario, loaded again from the checkpoint's resolved text (relative paths resolved
// from scenario_dir, source_path set back to scenario_path), so that make_run_city(spec) rebuilds
// the city. Throws InputError when the text does not load back to itself (another streetwise's keys).
ScenarioSpec checkpoint_scenario(const Checkpoint& checkpoint);

// Throws InputError naming the checkpoint when `city` is not the city it was written on (a map
// file changed since).
void check_checkpoint_city(const Checkpoint& checkpoint, const City& city);

// Puts the checkpoint's state into `simulation`, freshly built from checkpoint_scenario() and a
// city that passed check_checkpoint_city(). Throws InputError naming the file for a state that
// does not fit them; the simulation must then be discarded.
void restore_checkpoint(const Checkpoint& checkpoint, Simulation& simulation);

}  // namespace streetwise
