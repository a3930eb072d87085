#include "sim/io/run_file.hpp"

#include <hdf5.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

#include "sim/city/city.hpp"
#include "sim/core/input_error.hpp"

namespace streetwise {

namespace {

constexpr std::string_view output_key = "-o/--output";
constexpr std::string_view format_name = "streetwise-run";

// Columns at least this long are chunked and compressed; shorter ones are stored contiguous,
// where a chunk index would cost more than compression saves.
constexpr std::size_t compress_min_elements = 1024;
// About 256 KiB per chunk: large enough that a whole-column read is a handful of inflate calls,
// small enough that h5py slicing a few rows does not inflate megabytes.
constexpr std::size_t chunk_target_bytes = 256 * 1024;
// Level 1 with shuffle gets most of the gain on id and count columns (measured on a 40k-node city
// with 6k crimes: 3.2 MB -> 1.1 MB in ~20 ms more; level 4 took ~1.5x longer for 2% less).
constexpr unsigned deflate_level = 1;
// The in-memory file grows in steps of this size while it is built.
constexpr std::size_t core_increment_bytes = 4 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// HDF5 plumbing

// Raised inside this file when an HDF5 call fails; the public functions turn it into InputError
// naming the user's file.
class Hdf5Failure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// HDF5 prints its error stack to stderr by default; we report errors ourselves. The setting is
// per thread in the thread-safe build, so the guard restores whatever the caller had.
class QuietHdf5Errors {
public:
    QuietHdf5Errors() {
        H5Eget_auto2(H5E_DEFAULT, &previous_func_, &previous_data_);
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    }
    ~QuietHdf5Errors() { H5Eset_auto2(H5E_DEFAULT, previous_func_, previous_data_); }
    QuietHdf5Errors(const QuietHdf5Errors&) = delete;
    QuietHdf5Errors& operator=(const QuietHdf5Errors&) = delete;

private:
    H5E_auto2_t previous_func_ = nullptr;
    void* previous_data_ = nullptr;
};

// The innermost message on HDF5's error stack: the one that says what really went wrong
// ("truncated file", "Permission denied"), not the API function that noticed it.
std::string innermost_hdf5_error() {
    std::string message;
    auto collect = [](unsigned depth, const H5E_error2_t* error, void* data) -> herr_t {
        if (depth == 0 && error->desc) *static_cast<std::string*>(data) = error->desc;
        return 0;
    };
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, collect, &message);
    // System call failures carry "..., errno = 28, error message = 'No space left on device', ...".
    const std::string marker = "error message = '";
    if (auto at = message.find(marker); at != std::string::npos) {
        auto begin = at + marker.size();
        auto end = message.find('\'', begin);
        return message.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
    }
    return message;
}

[[noreturn]] void fail(std::string_view what) {
    std::string message(what);
    if (auto detail = innermost_hdf5_error(); !detail.empty()) message += " (" + detail + ")";
    throw Hdf5Failure(message);
}

hid_t check_id(hid_t id, std::string_view what) {
    if (id < 0) fail(what);
    return id;
}

void check_status(herr_t status, std::string_view what) {
    if (status < 0) fail(what);
}

// Owns one HDF5 identifier (file, group, dataset, dataspace, datatype, property list, attribute).
class Handle {
public:
    using Closer = herr_t (*)(hid_t);
    Handle() = default;
    Handle(hid_t id, Closer closer, std::string_view what) : id_(check_id(id, what)), closer_(closer) {}
    Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
    Handle& operator=(Handle&& other) noexcept {
        if (this != &other) {
            reset();
            id_ = std::exchange(other.id_, H5I_INVALID_HID);
            closer_ = other.closer_;
        }
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { reset(); }

    hid_t get() const { return id_; }
    operator hid_t() const { return id_; }  // NOLINT: lets handles go straight into H5 calls

private:
    void reset() {
        if (id_ >= 0) closer_(std::exchange(id_, H5I_INVALID_HID));
    }
    hid_t id_ = H5I_INVALID_HID;
    Closer closer_ = nullptr;
};

Handle make_plist(hid_t plist_class, std::string_view what) { return {H5Pcreate(plist_class), H5Pclose, what}; }
Handle make_space(std::size_t n) {
    hsize_t dims[1] = {static_cast<hsize_t>(n)};
    return {H5Screate_simple(1, dims, nullptr), H5Sclose, "creating a dataspace"};
}
Handle make_scalar_space() { return {H5Screate(H5S_SCALAR), H5Sclose, "creating a dataspace"}; }

// Variable-length UTF-8 strings: what h5py reads back as str and writes by default.
Handle make_string_type() {
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "creating the string type");
    check_status(H5Tset_size(type, H5T_VARIABLE), "creating the string type");
    check_status(H5Tset_cset(type, H5T_CSET_UTF8), "creating the string type");
    return type;
}

// File types are explicitly little-endian so files are identical whatever machine wrote them.
template <class T>
struct H5TypeOf;
template <>
struct H5TypeOf<std::uint8_t> {
    static hid_t file() { return H5T_STD_U8LE; }
    static hid_t memory() { return H5T_NATIVE_UINT8; }
};
template <>
struct H5TypeOf<std::uint16_t> {
    static hid_t file() { return H5T_STD_U16LE; }
    static hid_t memory() { return H5T_NATIVE_UINT16; }
};
template <>
struct H5TypeOf<std::uint32_t> {
    static hid_t file() { return H5T_STD_U32LE; }
    static hid_t memory() { return H5T_NATIVE_UINT32; }
};
template <>
struct H5TypeOf<std::int32_t> {
    static hid_t file() { return H5T_STD_I32LE; }
    static hid_t memory() { return H5T_NATIVE_INT32; }
};
template <>
struct H5TypeOf<std::uint64_t> {
    static hid_t file() { return H5T_STD_U64LE; }
    static hid_t memory() { return H5T_NATIVE_UINT64; }
};
template <>
struct H5TypeOf<std::int64_t> {
    static hid_t file() { return H5T_STD_I64LE; }
    static hid_t memory() { return H5T_NATIVE_INT64; }
};
template <>
struct H5TypeOf<float> {
    static hid_t file() { return H5T_IEEE_F32LE; }
    static hid_t memory() { return H5T_NATIVE_FLOAT; }
};
template <>
struct H5TypeOf<double> {
    static hid_t file() { return H5T_IEEE_F64LE; }
    static hid_t memory() { return H5T_NATIVE_DOUBLE; }
};

// ---------------------------------------------------------------------------------------------
// Writing

// Builds the whole file in memory with HDF5's core driver; save_file() then writes the image
// with plain POSIX calls. Keeping HDF5 away from the disk matters for failures: when HDF5's own
// write fails (disk full), H5Fclose fails too and the file stays open inside the library for the
// rest of the process. Run files are megabytes, so the in-memory copy is cheap.
//
// Modification-time tracking is off everywhere (HDF5 stores a timestamp per object by default),
// so identical results give identical bytes.
class RunFileWriter {
public:
    explicit RunFileWriter(const std::filesystem::path& label) {
        Handle fcpl = make_plist(H5P_FILE_CREATE, "creating file properties");
        check_status(H5Pset_obj_track_times(fcpl, false), "setting file properties");  // the root group
        Handle fapl = make_plist(H5P_FILE_ACCESS, "creating file access properties");
        check_status(H5Pset_fapl_core(fapl, core_increment_bytes, false), "setting file access properties");
        gcpl_ = make_plist(H5P_GROUP_CREATE, "creating group properties");
        check_status(H5Pset_obj_track_times(gcpl_, false), "setting group properties");
        // With the core driver and no backing store the name is only a label: nothing is created.
        file_ = Handle(H5Fcreate(label.c_str(), H5F_ACC_TRUNC, fcpl, fapl), H5Fclose, "creating the file");
        string_type_ = make_string_type();
    }

    hid_t root() const { return file_; }

    // The finished file, byte for byte as it will be on disk.
    std::vector<char> image() {
        // H5Fget_file_image copies the driver's buffer; cached metadata must reach it first.
        check_status(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flushing the file image");
        ssize_t size = H5Fget_file_image(file_, nullptr, 0);
        if (size < 0) fail("building the file image");
        std::vector<char> bytes(static_cast<std::size_t>(size));
        if (H5Fget_file_image(file_, bytes.data(), bytes.size()) != size) fail("building the file image");
        return bytes;
    }

    Handle group(hid_t parent, const char* name) {
        return {H5Gcreate2(parent, name, H5P_DEFAULT, gcpl_, H5P_DEFAULT), H5Gclose,
                std::string("creating group ") + name};
    }

    template <class T>
    Handle column(hid_t group, const char* name, std::span<const T> values, std::string_view unit,
                  std::string_view description) {
        Handle space = make_space(values.size());
        Handle dcpl = dataset_properties(values.size(), sizeof(T));
        Handle dataset(H5Dcreate2(group, name, H5TypeOf<T>::file(), space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                       H5Dclose, std::string("creating dataset ") + name);
        if (!values.empty())
            check_status(H5Dwrite(dataset, H5TypeOf<T>::memory(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                         std::string("writing dataset ") + name);
        describe(dataset, unit, description);
        return dataset;
    }
    template <class T>
    Handle column(hid_t group, const char* name, const std::vector<T>& values, std::string_view unit,
                  std::string_view description) {
        return column<T>(group, name, std::span<const T>(values), unit, description);
    }

    Handle string_column(hid_t group, const char* name, const std::vector<std::string>& values,
                         std::string_view description) {
        std::vector<const char*> pointers;
        pointers.reserve(values.size());
        for (const auto& value : values) pointers.push_back(value.c_str());
        Handle space = make_space(values.size());
        Handle dcpl = dataset_properties(values.size(), 1, true);
        Handle dataset(H5Dcreate2(group, name, string_type_, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), H5Dclose,
                       std::string("creating dataset ") + name);
        if (!values.empty())
            check_status(H5Dwrite(dataset, string_type_, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
                         std::string("writing dataset ") + name);
        describe(dataset, "", description);
        return dataset;
    }

    Handle string_scalar(hid_t group, const char* name, const std::string& value, std::string_view description) {
        Handle space = make_scalar_space();
        Handle dcpl = dataset_properties(1, 1, true);
        Handle dataset(H5Dcreate2(group, name, string_type_, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), H5Dclose,
                       std::string("creating dataset ") + name);
        const char* pointer = value.c_str();
        check_status(H5Dwrite(dataset, string_type_, H5S_ALL, H5S_ALL, H5P_DEFAULT, &pointer),
                     std::string("writing dataset ") + name);
        describe(dataset, "", description);
        return dataset;
    }

    void attribute(hid_t object, const char* name, const std::string& value) {
        Handle space = make_scalar_space();
        Handle attr(H5Acreate2(object, name, string_type_, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                    std::string("creating attribute ") + name);
        const char* pointer = value.c_str();
        check_status(H5Awrite(attr, string_type_, &pointer), std::string("writing attribute ") + name);
    }
    void attribute(hid_t object, const char* name, const char* value) { attribute(object, name, std::string(value)); }

    template <class T>
        requires std::is_arithmetic_v<T>
    void attribute(hid_t object, const char* name, T value) {
        Handle space = make_scalar_space();
        Handle attr(H5Acreate2(object, name, H5TypeOf<T>::file(), space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                    std::string("creating attribute ") + name);
        check_status(H5Awrite(attr, H5TypeOf<T>::memory(), &value), std::string("writing attribute ") + name);
    }

    void attribute(hid_t object, const char* name, const std::vector<std::string>& values) {
        std::vector<const char*> pointers;
        pointers.reserve(values.size());
        for (const auto& value : values) pointers.push_back(value.c_str());
        Handle space = make_space(values.size());
        Handle attr(H5Acreate2(object, name, string_type_, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                    std::string("creating attribute ") + name);
        if (!values.empty())
            check_status(H5Awrite(attr, string_type_, pointers.data()), std::string("writing attribute ") + name);
    }

private:
    // Strings (variable length) are never compressed: they live in HDF5's global heap, out of
    // reach of filters, and HDF5 insists on a fill value for them.
    Handle dataset_properties(std::size_t elements, std::size_t element_bytes, bool strings = false) {
        Handle dcpl = make_plist(H5P_DATASET_CREATE, "creating dataset properties");
        check_status(H5Pset_obj_track_times(dcpl, false), "setting dataset properties");
        if (strings) return dcpl;
        // Every element is written right after creation: pre-filling with zeros is wasted work.
        check_status(H5Pset_fill_time(dcpl, H5D_FILL_TIME_NEVER), "setting dataset properties");
        if (elements >= compress_min_elements) {
            hsize_t chunk[1] = {static_cast<hsize_t>(std::min(elements, chunk_target_bytes / element_bytes))};
            check_status(H5Pset_chunk(dcpl, 1, chunk), "setting dataset chunking");
            check_status(H5Pset_shuffle(dcpl), "setting dataset compression");
            check_status(H5Pset_deflate(dcpl, deflate_level), "setting dataset compression");
        }
        return dcpl;
    }

    void describe(hid_t dataset, std::string_view unit, std::string_view description) {
        if (!unit.empty()) attribute(dataset, "unit", std::string(unit));
        if (!description.empty()) attribute(dataset, "description", std::string(description));
    }

    Handle file_;
    Handle gcpl_;
    Handle string_type_;
};

template <class Enum>
std::vector<std::uint8_t> enum_codes(const std::vector<Enum>& values) {
    std::vector<std::uint8_t> codes(values.size());
    std::transform(values.begin(), values.end(), codes.begin(),
                   [](Enum value) { return static_cast<std::uint8_t>(value); });
    return codes;
}

template <class Enum>
std::vector<std::string> names_of(int count) {
    std::vector<std::string> names;
    names.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) names.emplace_back(to_string(static_cast<Enum>(i)));
    return names;
}

const std::vector<std::string> reserved_timeseries_names{"hour", "day", "hour_of_day"};

// A malformed RunResult is a bug in the engine, not a user error: reject it before touching disk.
void validate(const RunResult& result) {
    auto bad = [](const std::string& problem) { throw std::invalid_argument("write_run_file: " + problem); };
    if (result.city == nullptr) bad("result.city is null");
    if (result.step_s <= 0) bad("step_s must be positive, got " + std::to_string(result.step_s));
    if (result.steps < 0) bad("steps must not be negative");
    const City& city = *result.city;
    if (result.segment_crime_count.size() != city.segment_count())
        bad("segment_crime_count has " + std::to_string(result.segment_crime_count.size()) + " entries, the city " +
            std::to_string(city.segment_count()) + " segments");
    if (result.node_crime_count.size() != city.node_count())
        bad("node_crime_count has " + std::to_string(result.node_crime_count.size()) + " entries, the city " +
            std::to_string(city.node_count()) + " nodes");
    std::vector<std::string_view> seen;
    for (const auto& column : result.hourly) {
        if (column.name.empty() || column.name.find('/') != std::string::npos || column.name == "." ||
            std::find(reserved_timeseries_names.begin(), reserved_timeseries_names.end(), column.name) !=
                reserved_timeseries_names.end())
            bad("invalid time series name '" + column.name + "'");
        if (std::find(seen.begin(), seen.end(), column.name) != seen.end())
            bad("time series '" + column.name + "' appears twice");
        seen.push_back(column.name);
        if (column.values.size() != result.hourly.front().values.size())
            bad("time series '" + column.name + "' has " + std::to_string(column.values.size()) + " values, '" +
                result.hourly.front().name + "' has " + std::to_string(result.hourly.front().values.size()));
    }
    for (std::size_t i = 0; i < result.crimes.size(); ++i) {
        const CrimeEvent& crime = result.crimes[i];
        if (crime.type >= result.crime_type_names.size())
            bad("crime " + std::to_string(i) + " has type " + std::to_string(crime.type) + " but only " +
                std::to_string(result.crime_type_names.size()) + " crime type names are given");
        if (crime.node >= city.node_count()) bad("crime " + std::to_string(i) + " has node out of range");
        if (crime.segment >= city.segment_count()) bad("crime " + std::to_string(i) + " has segment out of range");
    }
}

void write_city(RunFileWriter& writer, const City& city) {
    Handle group = writer.group(writer.root(), "city");
    writer.attribute(group, "name", city.name());
    writer.attribute(group, "fingerprint", city.fingerprint_hex());
    writer.attribute(group, "origin_lon", city.origin_lon());
    writer.attribute(group, "origin_lat", city.origin_lat());

    {
        Handle nodes = writer.group(group, "nodes");
        writer.column(nodes, "x_m", city.node_x_m(), "m", "intersection position, metres east of the origin");
        writer.column(nodes, "y_m", city.node_y_m(), "m", "intersection position, metres north of the origin");
    }
    {
        Handle segments = writer.group(group, "segments");
        writer.column(segments, "from", city.segment_from(), "", "first end node (index into /city/nodes)");
        writer.column(segments, "to", city.segment_to(), "", "second end node (index into /city/nodes)");
        writer.column(segments, "length_m", city.segment_length_m(), "m", "length along the street");
        Handle road_class = writer.column(segments, "road_class", enum_codes(city.segment_road_class()), "",
                                          "road class code; attribute names gives the name of each code");
        writer.attribute(road_class, "names", names_of<RoadClass>(road_class_count));
        writer.column(segments, "lux", city.segment_lux(), "lx", "average illuminance at night; 0 = unlit");
        Handle land_use = writer.column(segments, "land_use", enum_codes(city.segment_land_use()), "",
                                        "land use code; attribute names gives the name of each code");
        writer.attribute(land_use, "names", names_of<LandUse>(land_use_count));
        writer.column(segments, "district", city.segment_district(), "", "index into /city/districts");
        writer.column(segments, "name", city.segment_name(), "", "street name: index into /city/street_names");
    }
    writer.string_column(group, "street_names", city.street_names(),
                         "street names; index 0 is the empty name of unnamed segments");
    {
        Handle districts = writer.group(group, "districts");
        std::vector<std::string> names;
        std::vector<std::uint8_t> land_uses;
        for (const auto& district : city.districts()) {
            names.push_back(district.name);
            land_uses.push_back(static_cast<std::uint8_t>(district.land_use));
        }
        writer.string_column(districts, "name", names, "district name");
        Handle land_use = writer.column(districts, "land_use", land_uses, "",
                                        "dominant land use code; attribute names gives the name of each code");
        writer.attribute(land_use, "names", names_of<LandUse>(land_use_count));
    }
    {
        Handle places = writer.group(group, "places");
        std::vector<std::uint8_t> kinds;
        std::vector<std::uint32_t> nodes, segments;
        std::vector<std::string> names;
        for (const auto& place : city.places()) {
            kinds.push_back(static_cast<std::uint8_t>(place.kind));
            nodes.push_back(place.node);
            segments.push_back(place.segment);
            names.push_back(place.name);
        }
        Handle kind =
            writer.column(places, "kind", kinds, "", "place kind code; attribute names gives the name of each code");
        writer.attribute(kind, "names", names_of<PlaceKind>(place_kind_count));
        writer.column(places, "node", nodes, "", "node where agents arrive (index into /city/nodes)");
        writer.column(places, "segment", segments, "", "nearest segment (index into /city/segments)");
        writer.string_column(places, "name", names, "place name; may be empty");
    }
}

void write_timeseries(RunFileWriter& writer, const RunResult& result) {
    Handle group = writer.group(writer.root(), "timeseries");
    const std::size_t hours = result.hourly.empty() ? 0 : result.hourly.front().values.size();
    std::vector<std::string> columns;
    for (const auto& column : result.hourly) columns.push_back(column.name);
    writer.attribute(group, "interval_s", std::int32_t{3600});
    writer.attribute(group, "hours", static_cast<std::uint64_t>(hours));
    writer.attribute(group, "columns", columns);

    std::vector<std::uint32_t> hour(hours), day(hours);
    std::vector<std::uint8_t> hour_of_day(hours);
    for (std::size_t h = 0; h < hours; ++h) {
        hour[h] = static_cast<std::uint32_t>(h);
        day[h] = static_cast<std::uint32_t>(h / 24);
        hour_of_day[h] = static_cast<std::uint8_t>(h % 24);
    }
    writer.column(group, "hour", hour, "h", "hours since the start of the run (00:00 of day 0)");
    writer.column(group, "day", day, "d", "day of the run, from 0");
    writer.column(group, "hour_of_day", hour_of_day, "h", "hour of the day, 0-23");
    for (const auto& column : result.hourly)
        writer.column(group, column.name.c_str(), column.values, column.unit, column.description);
}

void write_crimes(RunFileWriter& writer, const RunResult& result) {
    Handle events = writer.group(writer.root(), "events");
    Handle group = writer.group(events, "crimes");
    // output.events: false keeps the columns (so readers need no special case) but leaves them
    // empty; totals stay in /timeseries and the per-street and per-node counts.
    writer.attribute(group, "omitted", static_cast<std::uint32_t>(result.write_crime_events ? 0 : 1));
    const std::size_t n = result.write_crime_events ? result.crimes.size() : 0;
    std::vector<std::uint32_t> step(n), day(n), node(n), segment(n), offender(n), victim(n);
    std::vector<std::int64_t> time_s(n);
    std::vector<std::uint8_t> hour_of_day(n), type(n);
    for (std::size_t i = 0; i < n; ++i) {
        const CrimeEvent& crime = result.crimes[i];
        step[i] = crime.step;
        time_s[i] = static_cast<std::int64_t>(crime.step) * result.step_s;
        day[i] = static_cast<std::uint32_t>(time_s[i] / 86400);
        hour_of_day[i] = static_cast<std::uint8_t>((time_s[i] % 86400) / 3600);
        node[i] = crime.node;
        segment[i] = crime.segment;
        type[i] = crime.type;
        offender[i] = crime.offender;
        victim[i] = crime.victim;
    }
    writer.column(group, "step", step, "", "simulation step at which the crime happened");
    writer.column(group, "time_s", time_s, "s", "seconds since the start of the run (00:00 of day 0): step * step_s");
    writer.column(group, "day", day, "d", "day of the run, from 0");
    writer.column(group, "hour_of_day", hour_of_day, "h", "hour of the day, 0-23");
    writer.column(group, "node", node, "", "intersection where it happened (index into /city/nodes)");
    writer.column(group, "segment", segment, "", "street segment it is attributed to (index into /city/segments)");
    Handle type_column =
        writer.column(group, "type", type, "", "crime type code; attribute names gives the name of each code");
    writer.attribute(type_column, "names", result.crime_type_names);
    writer.column(group, "offender", offender, "", "offender id");
    writer.column(group, "victim", victim, "", "victim (resident) id");
}

void write_everything(RunFileWriter& writer, const RunResult& result) {
    const City& city = *result.city;
    hid_t root = writer.root();
    writer.attribute(root, "format", std::string(format_name));
    writer.attribute(root, "format_version", run_file_format_version);
    writer.attribute(root, "streetwise_version", result.version);
    writer.attribute(root, "scenario_name", result.scenario_name);
    writer.attribute(root, "scenario_path", result.scenario_path);
    writer.attribute(root, "seed", result.seed);
    writer.attribute(root, "city_fingerprint", city.fingerprint_hex());
    writer.attribute(root, "steps", result.steps);
    writer.attribute(root, "step_s", static_cast<std::int32_t>(result.step_s));
    writer.attribute(root, "residents", result.residents);
    writer.attribute(root, "offenders", result.offenders);
    writer.attribute(root, "police_units", result.police_units);

    {
        Handle scenario = writer.group(root, "scenario");
        writer.string_scalar(scenario, "resolved_yaml", result.scenario_yaml,
                             "the scenario with every default and override applied; runs again as is");
    }
    write_city(writer, city);
    write_timeseries(writer, result);
    write_crimes(writer, result);
    {
        Handle segments = writer.group(root, "segments");
        writer.column(segments, "crime_count", result.segment_crime_count, "",
                      "crimes attributed to each segment over the run (index = /city/segments row)");
    }
    {
        Handle nodes = writer.group(root, "nodes");
        writer.column(nodes, "crime_count", result.node_crime_count, "",
                      "crimes at each intersection over the run (index = /city/nodes row)");
    }
}

// Writes `bytes` to `file` (created or truncated) and syncs it: without the fsync a crash right
// after the rename can leave an empty file under the final name on some file systems.
void save_file(const std::filesystem::path& file, const std::vector<char>& bytes) {
    auto system_failure = [](const char* what, int error) {
        throw Hdf5Failure(std::string(what) + " (" + std::strerror(error) + ")");
    };
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) system_failure("creating the temporary file", errno);
    std::size_t written = 0;
    while (written < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int error = errno;
            ::close(fd);
            system_failure("writing the temporary file", error);
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 && errno != EINVAL) {  // EINVAL: a special file that cannot sync
        int error = errno;
        ::close(fd);
        system_failure("syncing the temporary file to disk", error);
    }
    // Network file systems report some write errors only at close.
    if (::close(fd) != 0) system_failure("closing the temporary file", errno);
}

// ---------------------------------------------------------------------------------------------
// Reading

[[noreturn]] void throw_unreadable(const std::filesystem::path& file, const std::string& problem) {
    throw InputError(file.string(), 0, "", problem,
                     "the file may be truncated or damaged (an interrupted copy?); run the scenario again to "
                     "regenerate it");
}

std::string read_string_attribute(hid_t object, const char* name) {
    Handle attr(H5Aopen(object, name, H5P_DEFAULT), H5Aclose, std::string("opening attribute ") + name);
    Handle type(H5Aget_type(attr), H5Tclose, std::string("reading attribute ") + name);
    if (H5Tget_class(type) != H5T_STRING) throw Hdf5Failure(std::string("attribute ") + name + " is not a string");
    if (H5Tis_variable_str(type) > 0) {
        Handle memory_type = make_string_type();
        char* value = nullptr;
        check_status(H5Aread(attr, memory_type, &value), std::string("reading attribute ") + name);
        std::string result = value ? value : "";
        H5free_memory(value);
        return result;
    }
    std::string buffer(H5Tget_size(type), '\0');
    check_status(H5Aread(attr, type, buffer.data()), std::string("reading attribute ") + name);
    buffer.resize(std::strlen(buffer.c_str()));
    return buffer;
}

std::vector<std::string> read_strings_attribute(hid_t object, const char* name) {
    Handle attr(H5Aopen(object, name, H5P_DEFAULT), H5Aclose, std::string("opening attribute ") + name);
    Handle space(H5Aget_space(attr), H5Sclose, std::string("reading attribute ") + name);
    hssize_t n = H5Sget_simple_extent_npoints(space);
    if (n < 0) fail(std::string("reading attribute ") + name);
    std::vector<char*> pointers(static_cast<std::size_t>(n), nullptr);
    Handle memory_type = make_string_type();
    if (n > 0) check_status(H5Aread(attr, memory_type, pointers.data()), std::string("reading attribute ") + name);
    std::vector<std::string> values;
    for (char* pointer : pointers) values.emplace_back(pointer ? pointer : "");
    if (n > 0) H5Dvlen_reclaim(memory_type, space, H5P_DEFAULT, pointers.data());
    return values;
}

template <class T>
T read_attribute(hid_t object, const char* name) {
    Handle attr(H5Aopen(object, name, H5P_DEFAULT), H5Aclose, std::string("opening attribute ") + name);
    T value{};
    check_status(H5Aread(attr, H5TypeOf<T>::memory(), &value), std::string("reading attribute ") + name);
    return value;
}

std::uint64_t dataset_length(hid_t file, const char* path) {
    Handle dataset(H5Dopen2(file, path, H5P_DEFAULT), H5Dclose, std::string("opening ") + path);
    Handle space(H5Dget_space(dataset), H5Sclose, std::string("reading ") + path);
    hssize_t n = H5Sget_simple_extent_npoints(space);
    if (n < 0) fail(std::string("reading ") + path);
    return static_cast<std::uint64_t>(n);
}

template <class T>
std::vector<T> read_column(hid_t file, const char* path) {
    Handle dataset(H5Dopen2(file, path, H5P_DEFAULT), H5Dclose, std::string("opening ") + path);
    Handle space(H5Dget_space(dataset), H5Sclose, std::string("reading ") + path);
    hssize_t n = H5Sget_simple_extent_npoints(space);
    if (n < 0) fail(std::string("reading ") + path);
    std::vector<T> values(static_cast<std::size_t>(n));
    if (n > 0)
        check_status(H5Dread(dataset, H5TypeOf<T>::memory(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                     std::string("reading ") + path);
    return values;
}

void check_format(const std::filesystem::path& file, hid_t root) {
    if (H5Aexists(root, "format") <= 0 || read_string_attribute(root, "format") != format_name)
        throw InputError(file.string(), 0, "", "is an HDF5 file but not a streetwise run file",
                         "give a file written by 'streetwise run -o FILE'");
    auto version = read_attribute<std::uint32_t>(root, "format_version");
    if (version > run_file_format_version)
        throw InputError(file.string(), 0, "",
                         "was written by a newer streetwise (run file format " + std::to_string(version) +
                             "; this build reads up to " + std::to_string(run_file_format_version) + ")",
                         "upgrade streetwise to read it");
}

// Opens a run file for reading: exists, is HDF5, opens, is ours and not from the future.
Handle open_run_file(const std::filesystem::path& file) {
    std::error_code error;
    if (!std::filesystem::exists(file, error))
        throw InputError(file.string(), 0, "", "no such file", "check the path of the run file");
    if (std::filesystem::is_directory(file, error))
        throw InputError(file.string(), 0, "", "is a folder, not a run file", "give the path of a .h5 run file");
    htri_t is_hdf5 = H5Fis_hdf5(file.c_str());
    if (is_hdf5 < 0)  // could not even look: permissions, I/O error
        throw InputError(file.string(), 0, "", "cannot be read: " + innermost_hdf5_error(),
                         "check that the file is readable (ls -l)");
    if (is_hdf5 == 0)
        throw InputError(file.string(), 0, "", "is not an HDF5 file, so not a streetwise run file",
                         "give a file written by 'streetwise run -o FILE'");
    Handle fapl = make_plist(H5P_FILE_ACCESS, "creating file access properties");
    check_status(H5Pset_file_locking(fapl, false, true), "setting file access properties");
    hid_t id = H5Fopen(file.c_str(), H5F_ACC_RDONLY, fapl);
    if (id < 0) throw_unreadable(file, "cannot be opened as HDF5: " + innermost_hdf5_error());
    Handle handle(id, H5Fclose, "opening the file");
    check_format(file, handle);
    return handle;
}

// Runs `body` with HDF5's error printing silenced, turning any HDF5 failure into InputError.
template <class Body>
auto reading(const std::filesystem::path& file, Body&& body) {
    QuietHdf5Errors quiet;
    try {
        return body();
    } catch (const Hdf5Failure& failure) {
        throw_unreadable(file, std::string("cannot be read: ") + failure.what());
    }
}

}  // namespace

// -------------------------------------------------------------------------------------------------

void check_output_path(const std::filesystem::path& file) {
    namespace fs = std::filesystem;
    auto bad = [&](const std::string& problem, const std::string& hint) {
        throw InputError(file.string(), 0, std::string(output_key), problem, hint);
    };
    const std::string writable_hint = "choose a folder you can write to with -o FILE";
    if (file.empty()) bad("no output file given", "name the run file with -o FILE, e.g. -o run.h5");
    if (!file.has_filename() || file.filename() == "." || file.filename() == "..")
        bad("names a folder, not a file", "add a file name, e.g. -o " + (file / "run.h5").string());
    std::error_code error;
    if (fs::is_directory(file, error))
        bad("is an existing folder", "add a file name, e.g. -o " + (file / "run.h5").string());
    fs::path temp = file;
    temp += ".tmp";
    if (fs::is_directory(temp, error))
        bad("the temporary file " + temp.string() + " is an existing folder", "remove it or choose another -o FILE");

    const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
    if (!fs::exists(folder, error))
        bad("folder " + folder.string() + " does not exist", "create it first (mkdir -p " + folder.string() +
                                                                  ") or " + writable_hint);
    if (!fs::is_directory(folder, error)) bad(folder.string() + " is not a folder", writable_hint);

    // Creating a real file is the only reliable test (permissions, read-only mounts, quotas, ACLs).
    const fs::path probe = folder / ("." + file.filename().string() + ".probe-" + std::to_string(::getpid()));
    int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int open_errno = errno;
        bad("cannot create files in folder " + folder.string() + " (" + std::strerror(open_errno) + ")",
            writable_hint);
    }
    ::close(fd);
    fs::remove(probe, error);
}

void write_run_file(const std::filesystem::path& file, const RunResult& result) {
    validate(result);
    namespace fs = std::filesystem;
    fs::path temp = file;
    temp += ".tmp";
    QuietHdf5Errors quiet;
    bool temp_may_exist = false;
    try {
        std::vector<char> image;
        {
            RunFileWriter writer(temp);
            write_everything(writer, result);
            image = writer.image();
        }
        temp_may_exist = true;
        save_file(temp, image);
        std::error_code error;
        fs::rename(temp, file, error);
        if (error) throw Hdf5Failure("moving " + temp.string() + " onto it (" + error.message() + ")");
    } catch (const Hdf5Failure& failure) {
        std::error_code ignored;
        // Remove what we wrote (a file, or a link we wrote through), never a folder in the way.
        if (temp_may_exist && !fs::is_directory(fs::symlink_status(temp, ignored))) fs::remove(temp, ignored);
        throw InputError(file.string(), 0, std::string(output_key),
                         std::string("cannot write the run file: ") + failure.what(),
                         "check free disk space and that you can write to the folder, or choose another file "
                         "with -o FILE");
    }
}

RunFileInfo read_run_file_info(const std::filesystem::path& file) {
    return reading(file, [&] {
        Handle handle = open_run_file(file);
        hid_t root = handle;
        RunFileInfo info;
        info.format_version = read_attribute<std::uint32_t>(root, "format_version");
        info.streetwise_version = read_string_attribute(root, "streetwise_version");
        info.scenario_name = read_string_attribute(root, "scenario_name");
        info.scenario_path = read_string_attribute(root, "scenario_path");
        info.seed = read_attribute<std::uint64_t>(root, "seed");
        info.city_fingerprint = read_string_attribute(root, "city_fingerprint");
        info.steps = read_attribute<std::int64_t>(root, "steps");
        info.step_s = read_attribute<std::int32_t>(root, "step_s");
        info.residents = read_attribute<std::uint32_t>(root, "residents");
        info.offenders = read_attribute<std::uint32_t>(root, "offenders");
        info.police_units = read_attribute<std::uint32_t>(root, "police_units");
        {
            Handle city(H5Gopen2(root, "city", H5P_DEFAULT), H5Gclose, "opening /city");
            info.city_name = read_string_attribute(city, "name");
        }
        info.node_count = static_cast<std::uint32_t>(dataset_length(root, "/city/nodes/x_m"));
        info.segment_count = static_cast<std::uint32_t>(dataset_length(root, "/city/segments/from"));
        {
            Handle timeseries(H5Gopen2(root, "timeseries", H5P_DEFAULT), H5Gclose, "opening /timeseries");
            info.timeseries_columns = read_strings_attribute(timeseries, "columns");
        }
        info.hours = dataset_length(root, "/timeseries/hour");
        {
            Handle type(H5Dopen2(root, "/events/crimes/type", H5P_DEFAULT), H5Dclose, "opening /events/crimes/type");
            info.crime_type_names = read_strings_attribute(type, "names");
        }
        info.crimes_by_type.assign(info.crime_type_names.size(), 0);
        for (std::uint8_t type : read_column<std::uint8_t>(root, "/events/crimes/type")) {
            if (type >= info.crimes_by_type.size()) throw Hdf5Failure("a crime type code has no name");
            ++info.crimes_by_type[type];
        }
        info.crime_count = dataset_length(root, "/events/crimes/step");
        return info;
    });
}

std::vector<std::string> list_run_file_datasets(const std::filesystem::path& file) {
    return reading(file, [&] {
        Handle handle = open_run_file(file);
        std::vector<std::string> paths;
        auto visit = [](hid_t, const char* name, const H5O_info_t* info, void* data) -> herr_t {
            if (info->type == H5O_TYPE_DATASET)
                static_cast<std::vector<std::string>*>(data)->push_back(std::string("/") + name);
            return 0;
        };
        check_status(H5Ovisit2(handle, H5_INDEX_NAME, H5_ITER_INC, visit, &paths, H5O_INFO_BASIC),
                     "listing datasets");
        std::sort(paths.begin(), paths.end());
        return paths;
    });
}

std::vector<std::uint8_t> read_dataset_raw(const std::filesystem::path& file, const std::string& dataset_path) {
    return reading(file, [&] {
        Handle handle = open_run_file(file);
        if (H5Lexists(handle, dataset_path.c_str(), H5P_DEFAULT) <= 0)
            throw InputError(file.string(), 0, dataset_path, "has no dataset " + dataset_path,
                             "list the datasets with h5ls -r or see docs/run-file.md");
        Handle dataset(H5Dopen2(handle, dataset_path.c_str(), H5P_DEFAULT), H5Dclose, "opening " + dataset_path);
        Handle space(H5Dget_space(dataset), H5Sclose, "reading " + dataset_path);
        Handle type(H5Dget_type(dataset), H5Tclose, "reading " + dataset_path);
        hssize_t n = H5Sget_simple_extent_npoints(space);
        if (n < 0) fail("reading " + dataset_path);
        const auto count = static_cast<std::size_t>(n);
        std::vector<std::uint8_t> bytes;
        if (H5Tget_class(type) == H5T_STRING && H5Tis_variable_str(type) > 0) {
            Handle memory_type = make_string_type();
            std::vector<char*> pointers(count, nullptr);
            if (count > 0)
                check_status(H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
                             "reading " + dataset_path);
            for (char* pointer : pointers) {
                if (pointer) bytes.insert(bytes.end(), pointer, pointer + std::strlen(pointer));
                bytes.push_back(0);
            }
            if (count > 0) H5Dvlen_reclaim(memory_type, space, H5P_DEFAULT, pointers.data());
            return bytes;
        }
        Handle memory_type(H5Tget_native_type(type, H5T_DIR_ASCEND), H5Tclose, "reading " + dataset_path);
        bytes.resize(count * H5Tget_size(memory_type));
        if (count > 0)
            check_status(H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()),
                         "reading " + dataset_path);
        return bytes;
    });
}

}  // namespace streetwise
