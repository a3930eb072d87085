// City cache files. Layout (all little-endian, native on every platform we build for):
//   header  : magic "SWCITY\0\n", u32 format version, u32 reserved, u64 source key,
//             u64 city fingerprint, u64 payload size, u64 payload hash
//   payload : the CityDraft of the built city, arrays stored as columns (see write_payload).
// Loading rebuilds the City with City::build(draft, false) and checks that the fingerprint
// matches the recorded one, so a cache written by a different City::build is a miss, not a
// subtly different city.
#include "sim/city/city_cache.hpp"

#include "sim/city/osm_import.hpp"
#include "sim/core/counter_rng.hpp"

#include <unistd.h>

#include <array>
#include <bit>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <type_traits>
#include <vector>

namespace streetwise {

namespace {

static_assert(std::endian::native == std::endian::little, "city cache files are written little-endian");

constexpr std::array<char, 8> cache_magic{'S', 'W', 'C', 'I', 'T', 'Y', '\0', '\n'};

// A fast 64-bit hash over 8-byte words (each step a full-avalanche bijection of state ^ word):
// hashing a 2 MB extract takes about a millisecond. Not cryptographic; it only has to tell
// different files and damaged caches apart.
class ContentHash {
public:
    explicit ContentHash(std::uint64_t seed = 0) : state_(mix64(seed + 0x9e3779b97f4a7c15ULL)) {}

    void add(const void* data, std::size_t size) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        total_size_ += size;
        // Top up a partial word left over from the previous call first.
        while (size > 0 && pending_size_ > 0) {
            pending_[pending_size_++] = *bytes++;
            --size;
            if (pending_size_ == 8) flush_pending();
        }
        for (; size >= 8; size -= 8, bytes += 8) {
            std::uint64_t word;
            std::memcpy(&word, bytes, 8);
            absorb(word);
        }
        while (size > 0) {
            pending_[pending_size_++] = *bytes++;
            --size;
        }
    }

    std::uint64_t value() const {
        ContentHash copy = *this;
        std::uint64_t tail = 0;
        std::memcpy(&tail, copy.pending_.data(), copy.pending_size_);
        copy.absorb(tail ^ (static_cast<std::uint64_t>(copy.pending_size_) << 56));
        return mix64(copy.state_ ^ mix64(total_size_));
    }

private:
    std::uint64_t state_;
    std::uint64_t total_size_ = 0;
    std::array<unsigned char, 8> pending_{};
    std::size_t pending_size_ = 0;

    void absorb(std::uint64_t word) { state_ = mix64((state_ ^ word) + 0x632be59bd9b4e019ULL); }
    void flush_pending() {
        std::uint64_t word;
        std::memcpy(&word, pending_.data(), 8);
        absorb(word);
        pending_size_ = 0;
    }
};

struct CacheHeader {
    std::array<char, 8> magic;
    std::uint32_t format_version;
    std::uint32_t reserved;
    std::uint64_t source_key;
    std::uint64_t fingerprint;
    std::uint64_t payload_size;
    std::uint64_t payload_hash;
};
static_assert(sizeof(CacheHeader) == 48 && std::is_trivially_copyable_v<CacheHeader>);

// ---- writing ----

class PayloadWriter {
public:
    std::string bytes;

    template <typename T>
    void value(T v) {
        static_assert(std::is_trivially_copyable_v<T>);
        bytes.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    void text(const std::string& s) {
        value<std::uint64_t>(s.size());
        bytes.append(s);
    }
    template <typename T>
    void column(const std::vector<T>& values) {
        static_assert(std::is_trivially_copyable_v<T>);
        value<std::uint64_t>(values.size());
        bytes.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
    }
};

std::string payload_of(const City& city) {
    PayloadWriter out;
    out.bytes.reserve(64 + city.node_count() * 16 + city.segment_count() * 24);
    out.text(city.name());
    out.value(city.origin_lon());
    out.value(city.origin_lat());
    out.column(city.node_x_m());
    out.column(city.node_y_m());
    out.column(city.segment_from());
    out.column(city.segment_to());
    out.column(city.segment_length_m());
    out.column(city.segment_road_class());
    out.column(city.segment_lux());
    out.column(city.segment_land_use());
    out.column(city.segment_district());
    out.column(city.segment_name());
    out.value<std::uint64_t>(city.street_names().size());
    for (const std::string& name : city.street_names()) out.text(name);
    out.value<std::uint64_t>(city.districts().size());
    for (const District& district : city.districts()) {
        out.text(district.name);
        out.value(district.land_use);
    }
    out.value<std::uint64_t>(city.places().size());
    for (const Place& place : city.places()) {
        out.value(place.kind);
        out.value(place.segment);
        out.value(place.node);
        out.text(place.name);
    }
    return std::move(out.bytes);
}

// ---- reading ----

struct CacheCorrupt {};  // thrown inside the reader only; load_cached_city turns it into a miss

class PayloadReader {
public:
    explicit PayloadReader(std::string_view bytes) : bytes_(bytes) {}

    template <typename T>
    T value() {
        static_assert(std::is_trivially_copyable_v<T>);
        T v;
        std::memcpy(&v, take(sizeof v), sizeof v);
        return v;
    }
    std::string text() {
        const auto size = count(1);
        return std::string(take(size), size);
    }
    template <typename T>
    std::vector<T> column() {
        const std::size_t n = count(sizeof(T));
        std::vector<T> values(n);
        if (n > 0) std::memcpy(values.data(), take(n * sizeof(T)), n * sizeof(T));
        return values;
    }
    // An element count, checked against the bytes left so a damaged count cannot ask for gigabytes.
    std::size_t count(std::size_t min_bytes_each) {
        const auto n = value<std::uint64_t>();
        if (n > (bytes_.size() - position_) / std::max<std::size_t>(min_bytes_each, 1)) throw CacheCorrupt{};
        return static_cast<std::size_t>(n);
    }
    bool at_end() const { return position_ == bytes_.size(); }

private:
    std::string_view bytes_;
    std::size_t position_ = 0;

    const char* take(std::size_t size) {
        if (size > bytes_.size() - position_) throw CacheCorrupt{};
        const char* at = bytes_.data() + position_;
        position_ += size;
        return at;
    }
};

template <typename Enum>
Enum checked_enum(std::uint8_t raw, int count) {
    if (raw >= count) throw CacheCorrupt{};
    return static_cast<Enum>(raw);
}

CityDraft draft_of(std::string_view payload) {
    PayloadReader in(payload);
    CityDraft draft;
    draft.name = in.text();
    draft.origin_lon = in.value<double>();
    draft.origin_lat = in.value<double>();
    draft.node_x_m = in.column<double>();
    draft.node_y_m = in.column<double>();
    const auto from = in.column<std::uint32_t>();
    const auto to = in.column<std::uint32_t>();
    const auto length_m = in.column<float>();
    const auto road_class = in.column<std::uint8_t>();
    const auto lux = in.column<float>();
    const auto land_use = in.column<std::uint8_t>();
    const auto district = in.column<std::uint16_t>();
    const auto name = in.column<std::uint32_t>();
    const std::size_t segment_count = from.size();
    for (const std::size_t size :
         {to.size(), length_m.size(), road_class.size(), lux.size(), land_use.size(), district.size(), name.size()})
        if (size != segment_count) throw CacheCorrupt{};
    if (draft.node_y_m.size() != draft.node_x_m.size()) throw CacheCorrupt{};

    draft.street_names.resize(in.count(8));
    for (std::string& street_name : draft.street_names) street_name = in.text();
    draft.districts.resize(in.count(9));
    for (District& d : draft.districts) {
        d.name = in.text();
        d.land_use = checked_enum<LandUse>(in.value<std::uint8_t>(), land_use_count);
    }

    const std::size_t node_count = draft.node_x_m.size();
    draft.segments.resize(segment_count);
    for (std::size_t s = 0; s < segment_count; ++s) {
        if (from[s] >= node_count || to[s] >= node_count || district[s] >= draft.districts.size() ||
            name[s] >= draft.street_names.size())
            throw CacheCorrupt{};
        draft.segments[s] = CityDraft::Segment{from[s],
                                               to[s],
                                               length_m[s],
                                               checked_enum<RoadClass>(road_class[s], road_class_count),
                                               lux[s],
                                               checked_enum<LandUse>(land_use[s], land_use_count),
                                               district[s],
                                               name[s]};
    }

    draft.places.resize(in.count(17));
    for (Place& place : draft.places) {
        place.kind = checked_enum<PlaceKind>(in.value<std::uint8_t>(), place_kind_count);
        place.segment = in.value<std::uint32_t>();
        place.node = in.value<std::uint32_t>();
        place.name = in.text();
        if (place.segment >= segment_count || place.node >= node_count) throw CacheCorrupt{};
    }
    if (!in.at_end()) throw CacheCorrupt{};
    return draft;
}

std::optional<std::string> read_whole_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0) return std::nullopt;
    in.seekg(0, std::ios::beg);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (!in.read(bytes.data(), size)) return std::nullopt;
    return bytes;
}

// Empty string on success, else why the cache could not be written.
std::string write_cache(const City& city, const std::filesystem::path& cache_file, std::uint64_t source_key) {
    std::error_code error;
    if (cache_file.has_parent_path()) {
        std::filesystem::create_directories(cache_file.parent_path(), error);
        if (error) return "cannot create " + cache_file.parent_path().string() + ": " + error.message();
    }
    const std::string payload = payload_of(city);
    ContentHash payload_hash;
    payload_hash.add(payload.data(), payload.size());
    CacheHeader header{cache_magic,        city_cache_format_version, 0, source_key, city.fingerprint(),
                       payload.size(),     payload_hash.value()};

    // Unique per process and thread, so concurrent runs never write into each other's file; the
    // rename then makes the finished file appear in one step.
    const std::size_t writer = std::hash<std::thread::id>{}(std::this_thread::get_id());
    std::filesystem::path temporary = cache_file;
    temporary += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(writer % 1000000);
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(&header), sizeof header);
        out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
        out.close();
        if (!out) {
            std::filesystem::remove(temporary, error);
            return "cannot write " + temporary.string();
        }
    }
    std::filesystem::rename(temporary, cache_file, error);
    if (error) {
        const std::string why = "cannot rename " + temporary.string() + " to " + cache_file.string() + ": " +
                                error.message();
        std::filesystem::remove(temporary, error);
        return why;
    }
    return {};
}

}  // namespace

std::filesystem::path default_cache_dir() {
    const auto from_env = [](const char* name) -> std::filesystem::path {
        const char* value = std::getenv(name);
        return (value && *value) ? std::filesystem::path(value) : std::filesystem::path();
    };
    if (auto dir = from_env("STREETWISE_CACHE_DIR"); !dir.empty()) return dir;
    if (auto dir = from_env("XDG_CACHE_HOME"); !dir.empty()) return dir / "streetwise";
    if (auto dir = from_env("HOME"); !dir.empty()) return dir / ".cache" / "streetwise";
    std::error_code error;
    const auto temp = std::filesystem::temp_directory_path(error);
    return (error ? std::filesystem::path("/tmp") : temp) / "streetwise-cache";
}

std::optional<std::uint64_t> osm_source_key(const std::filesystem::path& osm_file) {
    std::ifstream in(osm_file, std::ios::binary);
    if (!in) return std::nullopt;
    const std::string_view code_version = STREETWISE_VERSION;
    ContentHash hash(mix64((static_cast<std::uint64_t>(city_cache_format_version) << 32) | osm_importer_version));
    hash.add(code_version.data(), code_version.size());
    std::vector<char> buffer(1 << 20);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        hash.add(buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) return std::nullopt;
    return hash.value();
}

std::filesystem::path city_cache_file(const std::filesystem::path& cache_dir, const std::filesystem::path& osm_file,
                                      std::uint64_t source_key) {
    // The name part keeps the folder readable; the key alone decides whether the file is valid.
    std::string stem = osm_file.filename().string();
    if (const auto dot = stem.find('.'); dot != std::string::npos && dot > 0) stem.resize(dot);
    char key_hex[17];
    std::snprintf(key_hex, sizeof key_hex, "%016llx", static_cast<unsigned long long>(source_key));
    return cache_dir / (stem + "-" + key_hex + ".city");
}

std::optional<City> load_cached_city(const std::filesystem::path& cache_file, std::uint64_t source_key) {
    const auto bytes = read_whole_file(cache_file);
    if (!bytes || bytes->size() < sizeof(CacheHeader)) return std::nullopt;
    CacheHeader header;
    std::memcpy(&header, bytes->data(), sizeof header);
    if (header.magic != cache_magic || header.format_version != city_cache_format_version ||
        header.source_key != source_key || header.payload_size != bytes->size() - sizeof header)
        return std::nullopt;
    const std::string_view payload(bytes->data() + sizeof header, static_cast<std::size_t>(header.payload_size));
    ContentHash payload_hash;
    payload_hash.add(payload.data(), payload.size());
    if (payload_hash.value() != header.payload_hash) return std::nullopt;
    try {
        City city = City::build(draft_of(payload), false);
        if (city.fingerprint() != header.fingerprint) return std::nullopt;
        return city;
    } catch (const CacheCorrupt&) {
        return std::nullopt;
    } catch (const std::exception&) {  // City::build refusing the draft, or out of memory
        return std::nullopt;
    }
}

bool save_city_cache(const City& city, const std::filesystem::path& cache_file, std::uint64_t source_key) {
    try {
        return write_cache(city, cache_file, source_key).empty();
    } catch (const std::exception&) {
        return false;
    }
}

City load_osm_city(const std::filesystem::path& osm_file, bool use_cache, const std::filesystem::path& cache_dir,
                   CityCacheOutcome* outcome) {
    auto report = [&](CityCacheOutcome value) {
        if (outcome) *outcome = value;
    };
    if (!use_cache) {
        report(CityCacheOutcome::disabled);
        return import_osm_city(osm_file);
    }
    const auto key = osm_source_key(osm_file);
    // An unreadable source goes straight to the importer, which says precisely what is wrong.
    if (!key) {
        City city = import_osm_city(osm_file);
        report(CityCacheOutcome::miss_not_saved);
        return city;
    }
    const std::filesystem::path cache_file = city_cache_file(cache_dir, osm_file, *key);
    if (auto cached = load_cached_city(cache_file, *key)) {
        report(CityCacheOutcome::hit);
        return std::move(*cached);
    }
    City city = import_osm_city(osm_file);
    std::string why;
    try {
        why = write_cache(city, cache_file, *key);
    } catch (const std::exception& error) {
        why = error.what();
    }
    if (why.empty()) {
        report(CityCacheOutcome::miss_saved);
    } else {
        std::clog << "streetwise: warning: could not write the city cache (" << why
                  << "); the city will be imported again next time. Set STREETWISE_CACHE_DIR to a writable folder.\n";
        report(CityCacheOutcome::miss_not_saved);
    }
    return city;
}

}  // namespace streetwise
