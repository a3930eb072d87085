// Fuzz target for the run-file readers (read_run_file_info, read_run_file), in two modes chosen by
// the first byte:
//
//  * 0x89, the first byte of HDF5's signature: raw mode. The input is written out as the run file
//    as is. Most of what this exercises is libhdf5 itself (Debian's, not instrumented); what we
//    check is that a truncated or damaged file always ends in an InputError. libhdf5 1.10.8 reads
//    out of bounds on some damaged files (tests/fuzz/README.md), which no cheap check of ours
//    prevents, so the raw mode is on only with STREETWISE_FUZZ_HDF5_RAW=1 in the environment
//    (the replay test sets it: the committed raw inputs must keep reading); otherwise such inputs
//    are rejected and fuzzing stays on our reader's checks.
//  * anything else: structure-aware mode. The input is a list of edits to a valid run file (made
//    once per process by write_run_file): drop a dataset or attribute, replace a dataset by one of
//    another type, length, shape or kind, overwrite single values (out-of-range ids, NaN, huge
//    counts), replace an attribute by one of another type or element count, write odd strings.
//    The edits go through the HDF5 C API, so every file the reader sees is well-formed HDF5 and
//    the fuzzing reaches our checks rather than libhdf5's decoder.
//
// Expected outcomes: the contents, or an InputError with file, problem and hint. Anything else
// escaping (bad_alloc from a size the file claims, std::invalid_argument from City::build) or a
// sanitizer report is a finding. Contents read back must also be consistent (ids in range, columns
// of the lengths the info promises).
#include <hdf5.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "sim/city/city.hpp"
#include "sim/core/input_error.hpp"
#include "sim/io/run_file.hpp"
#include "sim/io/run_result.hpp"
#include "sim/model/crime_type.hpp"
#include "tests/fixtures/grid_city.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace fs = std::filesystem;
using namespace streetwise;

namespace {

// ---------------------------------------------------------------------------------------------
// The valid file the edits start from: a 3 x 3 grid with districts, places and named streets
// (tests/fixtures/grid_city.hpp, as in tests/io), crimes of every type, two hourly series and live
// changes.

RunResult make_result(const City& city) {
    RunResult result;
    result.scenario_name = "fuzz";
    result.scenario_yaml = "name: fuzz\nseed: 3\n";
    result.scenario_path = "scenarios/fuzz.yaml";
    result.seed = 3;
    result.version = "0.1.0-fuzz";
    result.city = &city;
    constexpr std::size_t hours = 5;
    result.steps = 60 * hours;
    result.step_s = 60;
    result.residents = 50;
    result.offenders = 4;
    result.police_units = 1;
    for (const auto name : crime_type_names) result.crime_type_names.emplace_back(name);
    TimeSeriesColumn outside{"residents_outside", "residents", "residents on the street", {}};
    TimeSeriesColumn fear{"mean_insecurity", "1", "mean perceived insecurity, 0-1", {}};
    for (std::size_t h = 0; h < hours; ++h) {
        outside.values.push_back(static_cast<double>(h) * 2.5);
        fear.values.push_back(0.2 + 0.01 * static_cast<double>(h));
    }
    result.hourly = {outside, fear};
    result.segment_crime_count.assign(city.segment_count(), 0);
    result.node_crime_count.assign(city.node_count(), 0);
    for (std::uint32_t i = 0; i < 8; ++i) {
        CrimeEvent crime;
        crime.step = (i * 37 + 5) % static_cast<std::uint32_t>(result.steps);
        crime.node = (i * 7) % city.node_count();
        crime.segment = (i * 5) % city.segment_count();
        crime.type = static_cast<std::uint8_t>(i % crime_type_count);
        crime.offender = i % result.offenders;
        crime.victim = i == 3 ? no_victim : (i * 13) % result.residents;
        crime.reported = static_cast<std::uint8_t>(i % 2);
        crime.journey_m = 150.0f * static_cast<float>(i);
        result.crimes.push_back(crime);
        ++result.segment_crime_count[crime.segment];
        ++result.node_crime_count[crime.node];
    }
    result.live_changes = {{0, "offenders.base_probability", 0.004}, {result.steps / 2, "offenders.guardian_gamma", 0.5}};
    return result;
}

// Every object (groups and datasets) and every attribute of the base file, found by walking it,
// so the edits reach whatever write_run_file writes, now and after layout changes.
struct Layout {
    std::vector<std::string> datasets;
    std::vector<std::string> groups;
    std::vector<std::pair<std::string, std::string>> attributes;  // object path, attribute name
};

herr_t note_attribute(hid_t, const char* name, const H5A_info_t*, void* data) {
    auto* found = static_cast<std::pair<Layout*, std::string>*>(data);
    found->first->attributes.emplace_back(found->second, name);
    return 0;
}

herr_t note_object(hid_t root, const char* name, const H5O_info_t* info, void* data) {
    auto* layout = static_cast<Layout*>(data);
    const std::string path = std::string(name) == "." ? "/" : "/" + std::string(name);
    if (info->type == H5O_TYPE_DATASET) layout->datasets.push_back(path);
    if (info->type == H5O_TYPE_GROUP) layout->groups.push_back(path);
    std::pair<Layout*, std::string> found{layout, path};
    H5Aiterate_by_name(root, path.c_str(), H5_INDEX_NAME, H5_ITER_INC, nullptr, note_attribute, &found, H5P_DEFAULT);
    return 0;
}

struct Base {
    fs::path file;
    fs::path edited;
    Layout layout;
};

const Base& base() {
    static const Base made = [] {
        // The edits below fail now and then by design (deleting what is gone); HDF5 would print
        // its error stack for each.
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        Base b;
        b.file = fuzz::scratch_dir() / "base.h5";
        b.edited = fuzz::scratch_dir() / "fuzz.h5";
        const City city = test::make_grid_city(3);
        write_run_file(b.file, make_result(city));
        const hid_t file = H5Fopen(b.file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
        if (file < 0) std::abort();
        H5Ovisit2(file, H5_INDEX_NAME, H5_ITER_INC, note_object, &b.layout, H5O_INFO_BASIC);
        H5Fclose(file);
        if (b.layout.datasets.empty() || b.layout.attributes.empty()) std::abort();
        return b;
    }();
    return made;
}

// ---------------------------------------------------------------------------------------------
// Reading edits from the fuzz bytes

class Bytes {
public:
    Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    bool empty() const { return at_ >= size_; }
    std::uint8_t byte() { return at_ < size_ ? data_[at_++] : 0; }
    std::uint32_t u16() { return static_cast<std::uint32_t>(byte()) | static_cast<std::uint32_t>(byte()) << 8; }
    std::uint64_t u64() {
        std::uint64_t value = 0;
        for (int i = 0; i < 8; ++i) value |= static_cast<std::uint64_t>(byte()) << (8 * i);
        return value;
    }
    // Up to `most` bytes, the count taken from the input first.
    std::string text(std::size_t most) {
        const std::size_t n = std::min<std::size_t>(byte() % (most + 1), size_ - std::min(at_, size_));
        std::string out(reinterpret_cast<const char*>(data_ + at_), n);
        at_ += n;
        return out;
    }
    template <class T>
    const T& pick(const std::vector<T>& from) { return from[u16() % from.size()]; }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t at_ = 0;
};

// A value of a numeric type that readers find hard: zero, extremes, one past small tables,
// negative, NaN and infinities; or just the next bytes.
template <class T>
T awkward_value(Bytes& in) {
    switch (in.byte() % 10) {
        case 0: return T(0);
        case 1: return std::numeric_limits<T>::max();
        case 2: return std::numeric_limits<T>::lowest();
        case 3: return static_cast<T>(in.byte());
        case 4: return static_cast<T>(-1);
        case 5:
            if constexpr (std::is_floating_point_v<T>) return std::numeric_limits<T>::quiet_NaN();
            else return static_cast<T>(in.u16());
        case 6:
            if constexpr (std::is_floating_point_v<T>) return std::numeric_limits<T>::infinity();
            else return static_cast<T>(std::numeric_limits<T>::max() / 2 + 1);
        default: {
            T value;
            const std::uint64_t bits = in.u64();
            std::memcpy(&value, &bits, sizeof(T));
            return value;
        }
    }
}

// The native types an edit may write, and how to fill a buffer of them.
struct TypeChoice {
    hid_t memory;
    std::size_t size;  // bytes per element in memory; 0: variable-length string
};

TypeChoice numeric_type(std::uint8_t choice) {
    switch (choice % 8) {
        case 0: return {H5T_NATIVE_UINT8, 1};
        case 1: return {H5T_NATIVE_UINT16, 2};
        case 2: return {H5T_NATIVE_UINT32, 4};
        case 3: return {H5T_NATIVE_INT32, 4};
        case 4: return {H5T_NATIVE_UINT64, 8};
        case 5: return {H5T_NATIVE_INT64, 8};
        case 6: return {H5T_NATIVE_FLOAT, 4};
        default: return {H5T_NATIVE_DOUBLE, 8};
    }
}

std::vector<std::uint8_t> numeric_values(Bytes& in, const TypeChoice& type, std::size_t count) {
    std::vector<std::uint8_t> buffer(count * type.size);
    auto fill = [&]<class T>(T) {
        for (std::size_t i = 0; i < count; ++i) {
            const T value = awkward_value<T>(in);
            std::memcpy(buffer.data() + i * sizeof(T), &value, sizeof(T));
        }
    };
    if (H5Tequal(type.memory, H5T_NATIVE_UINT8) > 0) fill(std::uint8_t{});
    else if (H5Tequal(type.memory, H5T_NATIVE_UINT16) > 0) fill(std::uint16_t{});
    else if (H5Tequal(type.memory, H5T_NATIVE_UINT32) > 0) fill(std::uint32_t{});
    else if (H5Tequal(type.memory, H5T_NATIVE_INT32) > 0) fill(std::int32_t{});
    else if (H5Tequal(type.memory, H5T_NATIVE_UINT64) > 0) fill(std::uint64_t{});
    else if (H5Tequal(type.memory, H5T_NATIVE_INT64) > 0) fill(std::int64_t{});
    else if (H5Tequal(type.memory, H5T_NATIVE_FLOAT) > 0) fill(float{});
    else fill(double{});
    return buffer;
}

hid_t vlen_string_type() {
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    return type;
}

hid_t fixed_string_type(std::size_t size) {
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, std::max<std::size_t>(size, 1));
    return type;
}

// Closes a dataset or an attribute (H5Oclose does not take attributes).
void close_object(hid_t id) {
    if (H5Iget_type(id) == H5I_ATTR) H5Aclose(id);
    else H5Oclose(id);
}

// Writes `count` values of a type picked by the input into a new dataset or attribute (through
// `write`), as numbers, variable-length strings or fixed-length strings.
template <class Create, class Write>
void write_picked_values(Bytes& in, hid_t space, std::size_t count, Create&& create, Write&& write) {
    const std::uint8_t kind = in.byte();
    if (kind % 10 < 8) {
        const TypeChoice type = numeric_type(kind);
        const auto values = numeric_values(in, type, count);
        const hid_t object = create(type.memory, space);
        if (object >= 0 && count > 0) write(object, type.memory, values.data());
        if (object >= 0) close_object(object);
        return;
    }
    std::vector<std::string> texts(count);
    for (auto& text : texts) text = in.text(24);
    if (kind % 10 == 8) {
        const hid_t type = vlen_string_type();
        std::vector<const char*> pointers;
        for (const auto& text : texts) pointers.push_back(text.c_str());
        const hid_t object = create(type, space);
        if (object >= 0 && count > 0) write(object, type, pointers.data());
        if (object >= 0) close_object(object);
        H5Tclose(type);
    } else {
        const std::size_t width = 1 + in.byte() % 16;
        std::string packed(count * width, '\0');
        for (std::size_t i = 0; i < count; ++i) std::memcpy(&packed[i * width], texts[i].data(), std::min(width, texts[i].size()));
        const hid_t type = fixed_string_type(width);
        const hid_t object = create(type, space);
        if (object >= 0 && count > 0) write(object, type, packed.data());
        if (object >= 0) close_object(object);
        H5Tclose(type);
    }
}

// Rows for a replacement column: mostly small, sometimes one off the original length, sometimes
// a huge count with no data behind it (damaged metadata).
std::vector<hsize_t> picked_shape(Bytes& in, hsize_t original_rows) {
    const std::uint8_t choice = in.byte();
    if (choice < 160) return {static_cast<hsize_t>(choice % 24)};
    if (choice < 200) return {original_rows + 1};
    if (choice < 230) return {original_rows > 0 ? original_rows - 1 : 0};
    if (choice < 245) return {static_cast<hsize_t>(1 + in.byte() % 8), static_cast<hsize_t>(1 + in.byte() % 8)};
    return {};  // scalar
}

void edit_file(hid_t file, Bytes& in, const Layout& layout) {
    for (int edits = 0; edits < 6 && !in.empty(); ++edits) {
        switch (in.byte() % 8) {
            case 0:  // drop a dataset or a whole group
                H5Ldelete(file, (in.byte() % 4 == 0 ? in.pick(layout.groups) : in.pick(layout.datasets)).c_str(),
                          H5P_DEFAULT);
                break;
            case 1: {  // drop an attribute
                const auto& [object, name] = in.pick(layout.attributes);
                H5Adelete_by_name(file, object.c_str(), name.c_str(), H5P_DEFAULT);
                break;
            }
            case 2: {  // replace a dataset by another of the input's type, length and shape
                const std::string& path = in.pick(layout.datasets);
                hsize_t rows = 0;
                if (const hid_t old = H5Dopen2(file, path.c_str(), H5P_DEFAULT); old >= 0) {
                    const hid_t space = H5Dget_space(old);
                    // Capped: an earlier edit may have left a column claiming 2^47 rows, and this
                    // one writes real values.
                    rows = std::min<hsize_t>(
                        static_cast<hsize_t>(std::max<hssize_t>(H5Sget_simple_extent_npoints(space), 0)), 4096);
                    H5Sclose(space);
                    H5Dclose(old);
                }
                if (H5Ldelete(file, path.c_str(), H5P_DEFAULT) < 0) break;
                const auto dims = picked_shape(in, rows);
                const hid_t space = dims.empty() ? H5Screate(H5S_SCALAR)
                                                 : H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
                std::size_t count = 1;
                for (const hsize_t d : dims) count *= static_cast<std::size_t>(d);
                write_picked_values(
                    in, space, count,
                    [&](hid_t type, hid_t s) { return H5Dcreate2(file, path.c_str(), type, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT); },
                    [](hid_t dataset, hid_t type, const void* values) { H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values); });
                H5Sclose(space);
                break;
            }
            case 3: {  // overwrite one value of a numeric column with an awkward one
                const std::string& path = in.pick(layout.datasets);
                const hid_t dataset = H5Dopen2(file, path.c_str(), H5P_DEFAULT);
                if (dataset < 0) break;
                const hid_t stored = H5Dget_type(dataset);
                const hid_t space = H5Dget_space(dataset);
                const hssize_t n = H5Sget_simple_extent_npoints(space);
                if (H5Tget_class(stored) == H5T_INTEGER || H5Tget_class(stored) == H5T_FLOAT) {
                    const hid_t memory = H5Tget_native_type(stored, H5T_DIR_ASCEND);
                    const std::size_t size = H5Tget_size(memory);
                    if (n > 0 && n < (1 << 20)) {
                        std::vector<std::uint8_t> values(static_cast<std::size_t>(n) * size);
                        if (H5Dread(dataset, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0) {
                            const std::size_t row = in.u16() % static_cast<std::size_t>(n);
                            const auto value = numeric_values(in, TypeChoice{memory, size}, 1);
                            std::memcpy(values.data() + row * size, value.data(), size);
                            H5Dwrite(dataset, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
                        }
                    }
                    H5Tclose(memory);
                } else if (H5Tget_class(stored) == H5T_STRING && H5Tis_variable_str(stored) > 0 && n > 0 &&
                           n < (1 << 16)) {  // overwrite one string with the input's bytes
                    const hid_t memory = vlen_string_type();
                    std::vector<char*> pointers(static_cast<std::size_t>(n), nullptr);
                    if (H5Dread(dataset, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()) >= 0) {
                        std::vector<std::string> texts;
                        for (char* p : pointers) texts.emplace_back(p ? p : "");
                        H5Dvlen_reclaim(memory, space, H5P_DEFAULT, pointers.data());
                        texts[in.u16() % texts.size()] = in.text(40);
                        std::vector<const char*> out;
                        for (const auto& t : texts) out.push_back(t.c_str());
                        H5Dwrite(dataset, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data());
                    }
                    H5Tclose(memory);
                }
                H5Sclose(space);
                H5Tclose(stored);
                H5Dclose(dataset);
                break;
            }
            case 4:
            case 5: {  // replace an attribute by one of the input's type and element count
                const auto& [object, name] = in.pick(layout.attributes);
                H5Adelete_by_name(file, object.c_str(), name.c_str(), H5P_DEFAULT);
                const std::uint8_t shape = in.byte();
                const hsize_t count = shape % 4;  // 0: scalar, else a 1-D array of 1 to 3
                const hid_t space = count == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &count, nullptr);
                write_picked_values(
                    in, space, count == 0 ? 1 : static_cast<std::size_t>(count),
                    [&](hid_t type, hid_t s) {
                        return H5Acreate_by_name(file, object.c_str(), name.c_str(), type, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
                    },
                    [](hid_t attribute, hid_t type, const void* values) { H5Awrite(attribute, type, values); });
                H5Sclose(space);
                break;
            }
            case 6: {  // a dataset claiming far more rows than it stores (damaged metadata)
                const std::string& path = in.pick(layout.datasets);
                if (H5Ldelete(file, path.c_str(), H5P_DEFAULT) < 0) break;
                const hsize_t rows = hsize_t{1} << (8 + in.byte() % 40);
                const hid_t space = H5Screate_simple(1, &rows, nullptr);
                const TypeChoice type = numeric_type(in.byte());
                const hid_t dataset = H5Dcreate2(file, path.c_str(), type.memory, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
                if (dataset >= 0) H5Dclose(dataset);
                H5Sclose(space);
                break;
            }
            default: {  // a group where a dataset should be, or a dataset moved away
                const std::string& path = in.pick(layout.datasets);
                if (in.byte() % 2 == 0) {
                    if (H5Ldelete(file, path.c_str(), H5P_DEFAULT) >= 0) {
                        const hid_t group = H5Gcreate2(file, path.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
                        if (group >= 0) H5Gclose(group);
                    }
                } else {
                    H5Lmove(file, path.c_str(), file, (path + "_moved").c_str(), H5P_DEFAULT, H5P_DEFAULT);
                }
                break;
            }
        }
    }
}

[[noreturn]] void inconsistent(const char* what) {
    std::fprintf(stderr, "streetwise fuzz: run file read back inconsistently: %s\n", what);
    std::abort();
}

void check_contents(const RunFileContents& contents) {
    const City& city = contents.city;
    if (contents.segment_crime_count.size() != city.segment_count()) inconsistent("segment counts");
    if (contents.node_crime_count.size() != city.node_count()) inconsistent("node counts");
    for (const CrimeEvent& crime : contents.crimes)
        if (crime.node >= city.node_count() || crime.segment >= city.segment_count() ||
            crime.type >= contents.crime_type_names.size())
            inconsistent("crime id out of range");
    for (const auto& column : contents.hourly)
        if (column.values.size() != contents.info.hours) inconsistent("hourly column length");
    if (contents.city.fingerprint_hex() != contents.info.city_fingerprint) inconsistent("fingerprint");
}

// Both readers on `file`: the summary and the whole file.
void read_both(const fs::path& file) {
    try {
        read_run_file_info(file);
    } catch (const InputError& error) {
        fuzz::check_input_error(error);
    }
    try {
        check_contents(read_run_file(file));
    } catch (const InputError& error) {
        fuzz::check_input_error(error);
    }
}

}  // namespace

// libhdf5 1.10.8 leaks the strings it has already converted when a variable-length string read
// fails partway (a damaged global heap): H5T__conv_vlen allocates them in its own conversion
// buffer and drops them when a later element fails, before anything reaches our buffer, so the
// reader cannot free them. A few bytes per damaged file, in a library we cannot change. Debian's
// libhdf5 has no frame pointers, so at fuzzing speed (fast unwinding) such a leak's stack ends in
// libhdf5 itself and only the library can be named; our own handles are checked instead (every
// HDF5 object closed after each read, below), and successful reads are leak-checked by the test
// suite under the asan preset.
extern "C" const char* __lsan_default_suppressions() { return "leak:H5T__conv_vlen\nleak:libhdf5_serial.so\n"; }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Base& b = base();
    if (size > 0 && data[0] == 0x89) {
        static const bool raw_mode = [] {
            const char* raw = std::getenv("STREETWISE_FUZZ_HDF5_RAW");
            return raw != nullptr && std::string_view(raw) == "1";
        }();
        if (!raw_mode) return -1;
        fuzz::write_file(b.edited, std::string_view(reinterpret_cast<const char*>(data), size));
    } else {
        std::error_code error;
        fs::copy_file(b.file, b.edited, fs::copy_options::overwrite_existing, error);
        if (error) std::abort();
        const hid_t file = H5Fopen(b.edited.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        if (file < 0) std::abort();
        Bytes in(data, size);
        edit_file(file, in, b.layout);
        // Every object must be closed before the file is, or HDF5 keeps it open behind our back.
        if (H5Fget_obj_count(file, H5F_OBJ_ALL) != 1) std::abort();
        H5Fclose(file);
    }
    read_both(b.edited);
    // The readers own every HDF5 handle they open (hdf5_support.hpp's Handle): no file, group,
    // dataset or attribute may outlive them. (Datatypes are left out: with H5F_OBJ_ALL, HDF5 also
    // counts its own predefined ones.)
    constexpr unsigned objects = H5F_OBJ_FILE | H5F_OBJ_GROUP | H5F_OBJ_DATASET | H5F_OBJ_ATTR;
    if (H5Fget_obj_count(H5F_OBJ_ALL, objects) != 0) {
        std::fprintf(stderr, "streetwise fuzz: the run-file readers left %zd HDF5 objects open\n",
                     static_cast<std::ptrdiff_t>(H5Fget_obj_count(H5F_OBJ_ALL, objects)));
        std::abort();
    }
    return 0;
}
