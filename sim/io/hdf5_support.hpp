#pragma once
// HDF5 plumbing shared by the files streetwise writes and reads (run files, sweep results): owning
// handles, error checks that turn HDF5's error stack into one message, and the little-endian file
// types that make files identical whatever machine wrote them. Only sim/io includes it.
#include <hdf5.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace streetwise::hdf5_support {

// Raised by these helpers when an HDF5 call fails; each file format's public functions turn it into InputError
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
inline std::string innermost_hdf5_error() {
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

[[noreturn]] inline void fail(std::string_view what) {
    std::string message(what);
    if (auto detail = innermost_hdf5_error(); !detail.empty()) message += " (" + detail + ")";
    throw Hdf5Failure(message);
}

inline hid_t check_id(hid_t id, std::string_view what) {
    if (id < 0) fail(what);
    return id;
}

inline void check_status(herr_t status, std::string_view what) {
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

inline Handle make_plist(hid_t plist_class, std::string_view what) { return {H5Pcreate(plist_class), H5Pclose, what}; }
inline Handle make_space(std::size_t n) {
    hsize_t dims[1] = {static_cast<hsize_t>(n)};
    return {H5Screate_simple(1, dims, nullptr), H5Sclose, "creating a dataspace"};
}
inline Handle make_scalar_space() { return {H5Screate(H5S_SCALAR), H5Sclose, "creating a dataspace"}; }

// Variable-length UTF-8 strings: what h5py reads back as str and writes by default.
inline Handle make_string_type() {
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

}  // namespace streetwise::hdf5_support
