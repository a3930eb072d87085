#include "sim/io/sweep_table.hpp"

#include <algorithm>
#include <cstdio>
#include <span>

#include "sim/core/atomic_file.hpp"
#include "sim/core/input_error.hpp"
#include "sim/io/hdf5_support.hpp"

namespace streetwise {

namespace {

using namespace hdf5_support;

constexpr std::size_t core_increment_bytes = 1024 * 1024;

// Builds the file in memory (core driver, no backing store) so the bytes can be written atomically,
// as run files are; object timestamps are off so identical sweeps give identical files.
class TableWriter {
public:
    TableWriter() {
        Handle fcpl = make_plist(H5P_FILE_CREATE, "creating file properties");
        check_status(H5Pset_obj_track_times(fcpl, false), "setting file properties");
        Handle fapl = make_plist(H5P_FILE_ACCESS, "creating file access properties");
        check_status(H5Pset_fapl_core(fapl, core_increment_bytes, false), "setting file access properties");
        gcpl_ = make_plist(H5P_GROUP_CREATE, "creating group properties");
        check_status(H5Pset_obj_track_times(gcpl_, false), "setting group properties");
        dcpl_ = make_plist(H5P_DATASET_CREATE, "creating dataset properties");
        check_status(H5Pset_obj_track_times(dcpl_, false), "setting dataset properties");
        file_ = Handle(H5Fcreate("results.h5", H5F_ACC_TRUNC, fcpl, fapl), H5Fclose, "creating the file");
    }

    hid_t root() const { return file_; }

    Handle group(hid_t parent, const char* name) {
        return {H5Gcreate2(parent, name, H5P_DEFAULT, gcpl_, H5P_DEFAULT), H5Gclose, std::string("creating group ") + name};
    }

    // Scalar fixed-length UTF-8 string, NUL-terminated: the form PyTables (and so pandas) reads back
    // as a Python str; pandas needs its metadata attributes that way.
    void text_attribute(hid_t object, const char* name, const std::string& value) {
        Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "creating a string type");
        check_status(H5Tset_size(type, std::max<std::size_t>(1, value.size())), "creating a string type");
        check_status(H5Tset_strpad(type, H5T_STR_NULLTERM), "creating a string type");
        check_status(H5Tset_cset(type, H5T_CSET_UTF8), "creating a string type");
        Handle space = make_scalar_space();
        Handle attribute(H5Acreate2(object, name, type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                         std::string("creating attribute ") + name);
        std::string padded = value.empty() ? std::string(1, '\0') : value;
        check_status(H5Awrite(attribute, type, padded.data()), std::string("writing attribute ") + name);
    }

    template <class T>
    void number_attribute(hid_t object, const char* name, T value, hid_t file_type, hid_t memory_type) {
        Handle space = make_scalar_space();
        Handle attribute(H5Acreate2(object, name, file_type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                         std::string("creating attribute ") + name);
        check_status(H5Awrite(attribute, memory_type, &value), std::string("writing attribute ") + name);
    }

    // A 1-D array of fixed-length ASCII names (pandas' axis and item labels).
    Handle names(hid_t parent, const char* name, const std::vector<std::string>& values) {
        std::size_t width = 1;
        for (const auto& v : values) width = std::max(width, v.size());
        Handle type(H5Tcopy(H5T_C_S1), H5Tclose, "creating a string type");
        check_status(H5Tset_size(type, width), "creating a string type");
        check_status(H5Tset_strpad(type, H5T_STR_NULLTERM), "creating a string type");
        std::vector<char> buffer(values.size() * width, '\0');
        for (std::size_t i = 0; i < values.size(); ++i) std::copy(values[i].begin(), values[i].end(), buffer.begin() + static_cast<std::ptrdiff_t>(i * width));
        Handle space = make_space(values.size());
        Handle dataset(H5Dcreate2(parent, name, type, space, H5P_DEFAULT, dcpl_, H5P_DEFAULT), H5Dclose,
                       std::string("creating dataset ") + name);
        if (!values.empty())
            check_status(H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()),
                         std::string("writing dataset ") + name);
        return dataset;
    }

    // A 1-D array (columns 0) or a rows x columns matrix (row-major).
    template <class T>
    Handle dataset(hid_t parent, const char* name, const std::vector<T>& values, std::size_t rows, std::size_t columns,
                   hid_t file_type, hid_t memory_type) {
        const hsize_t dims[2] = {rows, columns};
        Handle space(H5Screate_simple(columns == 0 ? 1 : 2, dims, nullptr), H5Sclose, "creating a dataspace");
        Handle dataset(H5Dcreate2(parent, name, file_type, space, H5P_DEFAULT, dcpl_, H5P_DEFAULT), H5Dclose,
                       std::string("creating dataset ") + name);
        if (!values.empty())
            check_status(H5Dwrite(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                         std::string("writing dataset ") + name);
        return dataset;
    }

    std::vector<std::uint8_t> image() {
        check_status(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flushing the file image");
        const ssize_t size = H5Fget_file_image(file_, nullptr, 0);
        if (size < 0) fail("building the file image");
        std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
        if (H5Fget_file_image(file_, bytes.data(), bytes.size()) != size) fail("building the file image");
        return bytes;
    }

private:
    Handle gcpl_, dcpl_, file_;
};

// pandas' "fixed" frame layout (pandas.io.pytables, FrameFixed): axis0 = column labels, axis1 = row
// index, then one block per dtype with its labels (blockN_items) and values stored transposed
// (rows x columns, marked transposed = 1).
void write_pandas_frame(TableWriter& writer, const SweepTable& table) {
    const std::size_t rows = table.run.size();
    Handle frame = writer.group(writer.root(), "results");
    const std::vector<std::pair<const char*, const char*>> metadata{
        {"pandas_type", "frame"},         {"pandas_version", "0.15.2"}, {"encoding", "UTF-8"},
        {"errors", "strict"},             {"axis0_variety", "regular"}, {"axis1_variety", "regular"},
        {"block0_items_variety", "regular"}, {"block1_items_variety", "regular"}};
    for (const auto& [name, value] : metadata) writer.text_attribute(frame, name, value);
    writer.number_attribute(frame, "ndim", std::int64_t{2}, H5T_STD_I64LE, H5T_NATIVE_INT64);
    writer.number_attribute(frame, "nblocks", std::int64_t{2}, H5T_STD_I64LE, H5T_NATIVE_INT64);

    const std::vector<std::string> integer_columns{"run", "point", "replicate", "seed", "failed"};
    std::vector<std::string> real_columns = table.parameter_keys;
    real_columns.insert(real_columns.end(), table.outcome_names.begin(), table.outcome_names.end());
    std::vector<std::string> all_columns = integer_columns;
    all_columns.insert(all_columns.end(), real_columns.begin(), real_columns.end());

    Handle axis0 = writer.names(frame, "axis0", all_columns);
    writer.text_attribute(axis0, "kind", "string");
    std::vector<std::int64_t> index(rows);
    for (std::size_t i = 0; i < rows; ++i) index[i] = static_cast<std::int64_t>(i);
    Handle axis1 = writer.dataset(frame, "axis1", index, rows, 0, H5T_STD_I64LE, H5T_NATIVE_INT64);
    writer.text_attribute(axis1, "kind", "integer");

    std::vector<std::int64_t> integers(rows * integer_columns.size());
    const std::vector<const std::vector<std::int64_t>*> integer_sources{&table.run, &table.point, &table.replicate,
                                                                         &table.seed, &table.failed};
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < integer_sources.size(); ++c)
            integers[r * integer_sources.size() + c] = (*integer_sources[c])[r];
    Handle items0 = writer.names(frame, "block0_items", integer_columns);
    writer.text_attribute(items0, "kind", "string");
    Handle values0 = writer.dataset(frame, "block0_values", integers, rows, integer_columns.size(), H5T_STD_I64LE,
                                   H5T_NATIVE_INT64);
    writer.number_attribute(values0, "transposed", std::uint8_t{1}, H5T_STD_U8LE, H5T_NATIVE_UINT8);

    std::vector<double> reals(rows * real_columns.size());
    for (std::size_t r = 0; r < rows; ++r) {
        std::size_t c = 0;
        for (const auto& column : table.parameter_values) reals[r * real_columns.size() + c++] = column[r];
        for (const auto& column : table.outcome_values) reals[r * real_columns.size() + c++] = column[r];
    }
    Handle items1 = writer.names(frame, "block1_items", real_columns);
    writer.text_attribute(items1, "kind", "string");
    Handle values1 = writer.dataset(frame, "block1_values", reals, rows, real_columns.size(), H5T_IEEE_F64LE,
                                   H5T_NATIVE_DOUBLE);
    writer.number_attribute(values1, "transposed", std::uint8_t{1}, H5T_STD_U8LE, H5T_NATIVE_UINT8);
}

void write_sensitivity(TableWriter& writer, const SweepTable& table, const std::vector<SweepSensitivity>& sensitivity) {
    if (sensitivity.empty()) return;
    Handle group = writer.group(writer.root(), "sensitivity");
    writer.names(group, "outcomes", table.outcome_names);
    writer.names(group, "parameters", table.parameter_keys);
    for (const SweepSensitivity& method : sensitivity) {
        Handle method_group = writer.group(group, method.method.c_str());
        for (std::size_t i = 0; i < method.index_names.size(); ++i) {
            std::vector<double> values;
            for (const auto& row : method.values[i]) values.insert(values.end(), row.begin(), row.end());
            writer.dataset(method_group, method.index_names[i].c_str(), values, table.outcome_names.size(),
                          table.parameter_keys.size(), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE);
        }
    }
}

// ------------------------------------------------------------------------------------------------
// Reading

std::vector<std::string> read_names(hid_t parent, const char* name) {
    Handle dataset(H5Dopen2(parent, name, H5P_DEFAULT), H5Dclose, std::string("opening ") + name);
    Handle type(H5Dget_type(dataset), H5Tclose, "reading a type");
    if (H5Tget_class(type) != H5T_STRING || H5Tis_variable_str(type) > 0) fail(std::string(name) + " is not a list of names");
    const std::size_t width = H5Tget_size(type);
    Handle space(H5Dget_space(dataset), H5Sclose, "reading a dataspace");
    const auto count = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
    std::vector<char> buffer(count * width);
    if (count > 0) check_status(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), std::string("reading ") + name);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < count; ++i) {
        const char* begin = buffer.data() + i * width;
        names.emplace_back(begin, std::find(begin, begin + width, '\0'));
    }
    return names;
}

template <class T>
std::vector<T> read_matrix(hid_t parent, const char* name, std::size_t columns, hid_t memory_type, std::size_t& rows) {
    Handle dataset(H5Dopen2(parent, name, H5P_DEFAULT), H5Dclose, std::string("opening ") + name);
    Handle space(H5Dget_space(dataset), H5Sclose, "reading a dataspace");
    hsize_t dims[2] = {0, 0};
    if (H5Sget_simple_extent_ndims(space) != 2 || H5Sget_simple_extent_dims(space, dims, nullptr) != 2 || dims[1] != columns)
        fail(std::string(name) + " does not have one column per item");
    rows = static_cast<std::size_t>(dims[0]);
    std::vector<T> values(rows * columns);
    if (!values.empty())
        check_status(H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), std::string("reading ") + name);
    return values;
}

}  // namespace

void write_sweep_table(const std::filesystem::path& file, const SweepTable& table, const SweepProvenance& provenance,
                       const std::vector<SweepSensitivity>& sensitivity) {
    std::vector<std::uint8_t> bytes;
    {
        QuietHdf5Errors quiet;
        try {
            TableWriter writer;
            writer.text_attribute(writer.root(), "format", "streetwise-sweep");
            writer.number_attribute(writer.root(), "format_version", std::uint32_t{1}, H5T_STD_U32LE, H5T_NATIVE_UINT32);
            writer.text_attribute(writer.root(), "streetwise_version", provenance.streetwise_version);
            writer.text_attribute(writer.root(), "design", provenance.design);
            writer.number_attribute(writer.root(), "parameter_count", static_cast<std::int64_t>(table.parameter_keys.size()),
                                    H5T_STD_I64LE, H5T_NATIVE_INT64);
            writer.number_attribute(writer.root(), "replicates", provenance.replicates, H5T_STD_I64LE, H5T_NATIVE_INT64);
            char fingerprint[24];
            std::snprintf(fingerprint, sizeof fingerprint, "%016llx", static_cast<unsigned long long>(provenance.fingerprint));
            writer.text_attribute(writer.root(), "fingerprint", fingerprint);
            writer.text_attribute(writer.root(), "sweep_spec", provenance.spec_text);
            writer.text_attribute(writer.root(), "scenario_yaml", provenance.scenario_yaml);
            write_pandas_frame(writer, table);
            write_sensitivity(writer, table, sensitivity);
            bytes = writer.image();
        } catch (const Hdf5Failure& e) {
            throw InputError(file.string(), 0, "-o/--output", std::string("cannot build the results file: ") + e.what(),
                             "this is a bug if the disk is fine: please report it");
        }
    }
    write_file_atomically(file, std::span<const std::uint8_t>(bytes), "-o/--output");
}

SweepTable read_sweep_table(const std::filesystem::path& file) {
    QuietHdf5Errors quiet;
    try {
        Handle h5(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "opening the file");
        Handle frame(H5Gopen2(h5, "results", H5P_DEFAULT), H5Gclose, "opening /results");
        const auto integer_columns = read_names(frame, "block0_items");
        const auto real_columns = read_names(frame, "block1_items");
        const std::vector<std::string> expected{"run", "point", "replicate", "seed", "failed"};
        if (integer_columns != expected) fail("/results/block0_items is not run, point, replicate, seed, failed");
        std::size_t rows = 0, real_rows = 0;
        const auto integers = read_matrix<std::int64_t>(frame, "block0_values", expected.size(), H5T_NATIVE_INT64, rows);
        const auto reals = read_matrix<double>(frame, "block1_values", real_columns.size(), H5T_NATIVE_DOUBLE, real_rows);
        if (real_rows != rows) fail("/results blocks have different numbers of rows");

        SweepTable table;
        std::vector<std::int64_t>* targets[] = {&table.run, &table.point, &table.replicate, &table.seed, &table.failed};
        for (std::size_t r = 0; r < rows; ++r)
            for (std::size_t c = 0; c < expected.size(); ++c) targets[c]->push_back(integers[r * expected.size() + c]);
        // Parameters come first among the real columns; the root attribute parameter_count says how many.
        Handle root(H5Gopen2(h5, "/", H5P_DEFAULT), H5Gclose, "opening /");
        std::size_t parameters = 0;
        {
            Handle attribute(H5Aopen(root, "parameter_count", H5P_DEFAULT), H5Aclose, "reading parameter_count");
            std::int64_t count = 0;
            check_status(H5Aread(attribute, H5T_NATIVE_INT64, &count), "reading parameter_count");
            if (count < 0 || static_cast<std::size_t>(count) > real_columns.size()) fail("parameter_count out of range");
            parameters = static_cast<std::size_t>(count);
        }
        table.parameter_keys.assign(real_columns.begin(), real_columns.begin() + static_cast<std::ptrdiff_t>(parameters));
        table.outcome_names.assign(real_columns.begin() + static_cast<std::ptrdiff_t>(parameters), real_columns.end());
        table.parameter_values.assign(parameters, {});
        table.outcome_values.assign(real_columns.size() - parameters, {});
        for (std::size_t r = 0; r < rows; ++r)
            for (std::size_t c = 0; c < real_columns.size(); ++c) {
                const double value = reals[r * real_columns.size() + c];
                if (c < parameters)
                    table.parameter_values[c].push_back(value);
                else
                    table.outcome_values[c - parameters].push_back(value);
            }
        return table;
    } catch (const Hdf5Failure& e) {
        throw InputError(file.string(), 0, "", std::string("not a readable sweep results file: ") + e.what(),
                         "point at the results.h5 that streetwise sweep wrote");
    }
}

}  // namespace streetwise
