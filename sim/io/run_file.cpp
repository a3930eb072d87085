#include "sim/io/run_file.hpp"

#include <hdf5.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <optional>
#include <span>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

#include "sim/city/city.hpp"
#include "sim/core/input_error.hpp"
#include "sim/io/hdf5_support.hpp"
#include "sim/model/crime_type.hpp"

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

using namespace hdf5_support;

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
    if (result.model != "streets" && result.model != "short2008") bad("unknown model '" + result.model + "'");
    const bool short2008 = result.model == "short2008";
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
        if (crime.step >= result.steps) bad("crime " + std::to_string(i) + " happened after the last step");
        if (short2008 ? crime.offender != 0 : crime.offender >= result.offenders)
            bad("crime " + std::to_string(i) + " has offender out of range");
        if (crime.victim >= (short2008 ? city.node_count() : result.residents) && (short2008 || crime.victim != no_victim))
            bad("crime " + std::to_string(i) + " has victim out of range");
        if (crime.reported > 1) bad("crime " + std::to_string(i) + " has reported other than 0 or 1");
        if (!(crime.journey_m >= 0.0f && std::isfinite(crime.journey_m)))
            bad("crime " + std::to_string(i) + " has a journey_m that is not a distance");
    }
    for (std::size_t i = 0; i < result.live_changes.size(); ++i) {
        const LiveChange& change = result.live_changes[i];
        if (change.key.empty()) bad("live change " + std::to_string(i) + " has no key");
        if (change.step < 0 || change.step > result.steps)
            bad("live change " + std::to_string(i) + " has step " + std::to_string(change.step) + ", outside 0-" +
                std::to_string(result.steps));
        if (i > 0 && change.step < result.live_changes[i - 1].step)
            bad("live change " + std::to_string(i) + " is out of step order");
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

// Runs with the police force only: every report and what came of it, and community contact by district.
void write_reports(RunFileWriter& writer, hid_t events, const RunResult& result) {
    Handle group = writer.group(events, "reports");
    const std::size_t n = result.police.reports.size();
    std::vector<std::uint32_t> id(n), event(n), unit(n);
    std::vector<std::int64_t> step_reported(n), step_arrived(n);
    std::vector<double> response_s(n);
    std::vector<std::uint8_t> type(n), priority(n), arrested(n);
    for (std::size_t i = 0; i < n; ++i) {
        const ReportOutcome& r = result.police.reports[i];
        id[i] = r.id;
        event[i] = r.event;
        unit[i] = r.unit;
        step_reported[i] = r.step_reported;
        step_arrived[i] = r.step_arrived;
        response_s[i] = r.response_s;
        type[i] = r.type;
        priority[i] = r.priority;
        arrested[i] = r.arrested;
    }
    writer.column(group, "id", id, "", "report id, in the order reports were made");
    writer.column(group, "event", event, "", "the crime event reported (row of /events/crimes)");
    writer.column(group, "step_reported", step_reported, "", "step at which the crime was reported (and happened)");
    Handle type_column = writer.column(group, "type", type, "", "crime type code, as /events/crimes/type");
    writer.attribute(type_column, "names", result.crime_type_names);
    writer.column(group, "priority", priority, "", "dispatch priority (police.priority), 0 = most urgent");
    writer.column(group, "unit", unit, "", "police force unit that arrived; 4294967295: none");
    writer.column(group, "step_arrived", step_arrived, "", "step in which the unit arrived; -1: none arrived");
    writer.column(group, "response_s", response_s, "s",
                  "arrival time - report time (the end of step_reported); -1: no unit arrived");
    writer.column(group, "arrested", arrested, "", "1: the offender was arrested at the scene");
}

void write_police_districts(RunFileWriter& writer, const RunResult& result) {
    Handle districts = writer.group(writer.root(), "districts");
    writer.column(districts, "community_minutes", result.police.district_community_minutes, "min",
                  "minutes community patrol units spent on foot in their own district with residents at their "
                  "intersection (index = /city/districts row)");
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
    std::vector<std::uint8_t> hour_of_day(n), type(n), reported(n);
    std::vector<float> journey_m(n);
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
        reported[i] = crime.reported;
        journey_m[i] = crime.journey_m;
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
    writer.column(group, "victim", victim, "",
                  "victim (resident) id; 4294967295 for offences against a place (vandalism), which have none");
    writer.column(group, "reported", reported, "",
                  "1: reported to the police (recorded crime); 0: never reported (the dark figure)");
    writer.column(group, "journey_m", journey_m, "m",
                  "straight-line distance from the offender's home to where it happened (journey to crime)");
    if (result.reporting.present) {
        // Only in runs with the reporting features (issue 7), so other run files are as before.
        std::vector<std::uint16_t> channel(n);
        for (std::size_t i = 0; i < n; ++i) channel[i] = result.crimes[i].channel;
        writer.column(group, "channel", channel, "",
                      "reporting channels, bits: 1 the victim called the police, 2 an app, 4 << k app k "
                      "(/reporting/apps row k); 0: nobody reported it (a drone camera may still have recorded it)");
    }
    if (result.police.present) write_reports(writer, events, result);
}

// Only for runs with the reporting features (issue 7): docs/run-file.md, section /reporting.
void write_reporting(RunFileWriter& writer, const RunResult& result) {
    const ReportingOutput& r = result.reporting;
    Handle group = writer.group(writer.root(), "reporting");
    {
        Handle mix = writer.group(group, "channel_mix");
        const char* names[4]{"police_only", "app_only", "both", "none"};
        const char* docs[4]{"crimes the victim reported to the police and through no app",
                            "crimes reported through an app only (recorded or not, as the app's channels say)",
                            "crimes reported both to the police and through an app",
                            "crimes nobody reported (the dark figure, less what drone cameras recorded)"};
        for (int m = 0; m < 4; ++m) {
            std::vector<std::uint64_t> column;
            for (const auto& row : r.channel_mix) column.push_back(row[static_cast<std::size_t>(m)]);
            writer.column(mix, names[m], column, "crimes", std::string(docs[m]) + " (rows: crime types, as /events/crimes/type)");
        }
        writer.column(mix, "recorded", r.recorded_by_type, "crimes", "crimes that entered the police record, by type");
        writer.attribute(mix, "types", result.crime_type_names);
    }
    {
        Handle districts = writer.group(group, "districts");
        writer.string_column(districts, "name", r.district_names, "district (rows: the city's districts)");
        writer.column(districts, "true_crime", r.district_true, "crimes", "all crimes on the district's streets");
        writer.column(districts, "recorded", r.district_recorded, "crimes", "of them, those that entered the police record");
        const char* names[4]{"police_only", "app_only", "both", "none"};
        for (std::size_t m = 0; m < 4; ++m) {
            std::vector<std::uint64_t> column;
            for (const auto& row : r.district_channel_mix) column.push_back(row[m]);
            writer.column(districts, names[m], column, "crimes", "crimes on the district's streets by channel, as /reporting/channel_mix");
        }
    }
    {
        Handle holders = writer.group(group, "holders");
        writer.string_column(holders, "holder", r.holders, "who may learn of a crime");
        writer.column(holders, "crimes_known", r.known_by_holder, "crimes",
                      "crimes this holder learnt of (police: recorded, or an app's report to the police)");
    }
    {
        Handle apps = writer.group(group, "apps");
        std::vector<std::string> name, kind, holders, items;
        std::vector<std::uint64_t> adopters, reports, recorded, calls, alerts, recipients, responders, data, identity;
        for (const AppResult& a : r.apps) {
            name.push_back(a.name);
            kind.push_back(a.kind);
            std::string h, d;
            for (const std::string& x : a.holders) h += (h.empty() ? "" : " ") + x;
            for (const std::string& x : a.data_items) d += (d.empty() ? "" : " ") + x;
            holders.push_back(h);
            items.push_back(d);
            adopters.push_back(a.adopters_end);
            reports.push_back(a.reports);
            recorded.push_back(a.recorded_via_app);
            calls.push_back(a.emergency_calls);
            alerts.push_back(a.alerts);
            recipients.push_back(a.recipients);
            responders.push_back(a.responders);
            data.push_back(a.data_records);
            identity.push_back(a.identity_records);
        }
        writer.string_column(apps, "name", name, "the app's name (apps[k].name, or 'app k+1')");
        writer.string_column(apps, "kind", kind, "reporting or alerting");
        writer.string_column(apps, "holders", holders, "who receives its reports, space-separated");
        writer.string_column(apps, "data_items", items, "personal data items collected per report, space-separated");
        writer.column(apps, "adopters_end", adopters, "residents", "residents who have it at the end of the last day");
        writer.column(apps, "reports", reports, "crimes", "crimes reported through it");
        writer.column(apps, "recorded_via_app", recorded, "crimes",
                      "crimes its report or emergency call brought into the police record, no later than the victim's own");
        writer.column(apps, "emergency_calls", calls, "calls", "SOS that also called the police");
        writer.column(apps, "alerts", alerts, "alerts", "SOS sent");
        writer.column(apps, "recipients", recipients, "people", "contacts and peers alerted, over all alerts");
        writer.column(apps, "responders", responders, "people", "alerted people who came to the scene");
        writer.column(apps, "data_records", data, "items", "reports x personal data items collected");
        writer.column(apps, "identity_records", identity, "items", "identities collected (0 for anonymous apps)");
        std::vector<double> flat;
        for (const auto& row : r.app_adoption_daily) flat.insert(flat.end(), row.begin(), row.end());
        writer.column(apps, "adoption_daily", flat, "share",
                      "share of residents who have each app at the end of each day, day-major: [day * apps + app]");
    }
    {
        Handle services = writer.group(group, "victim_support");
        std::vector<std::string> name;
        std::vector<std::uint64_t> referrals, police, turned, reached;
        std::vector<std::uint64_t> by_type, by_group;
        for (const VictimSupportResult& v : r.services) {
            name.push_back(v.name);
            referrals.push_back(v.referrals);
            police.push_back(v.from_police);
            turned.push_back(v.turned_away);
            reached.push_back(v.reached);
            by_type.insert(by_type.end(), v.reached_by_type.begin(), v.reached_by_type.end());
            by_group.insert(by_group.end(), v.reached_by_group.begin(), v.reached_by_group.end());
        }
        writer.string_column(services, "name", name, "the service's name");
        writer.column(services, "referrals", referrals, "victims", "referrals it received (police and apps)");
        writer.column(services, "from_police", police, "victims", "of them, from the police");
        writer.column(services, "turned_away", turned, "victims", "referrals beyond its capacity that day");
        writer.column(services, "reached", reached, "victims", "victims it contacted");
        writer.column(services, "reached_by_type", by_type, "victims", "reached, [service * types + type]");
        writer.column(services, "reached_by_group", by_group, "victims",
                      "reached, [service * 7 + group], groups female, male, young, adult, older, majority, minority");
        writer.attribute(services, "unserved_referrals", r.referrals_unserved);
    }
    if (r.trust_enabled) {
        Handle trust = writer.group(group, "trust");
        writer.attribute(trust, "groups", r.groups);
        for (std::size_t g = 0; g < r.groups.size(); ++g) {
            std::vector<double> column;
            for (const auto& row : r.trust_by_group_daily) column.push_back(row[g]);
            writer.column(trust, ("group_" + r.groups[g]).c_str(), column, "",
                          "mean trust in the police of this group at the end of each day (rows: days)");
        }
        std::vector<double> flat;
        for (const auto& row : r.trust_by_district_daily) flat.insert(flat.end(), row.begin(), row.end());
        writer.column(trust, "by_district_daily", flat, "",
                      "mean trust by home district at the end of each day, [day * districts + district]");
        writer.attribute(trust, "answered_reports", r.trust_answered);
        writer.attribute(trust, "unanswered_reports", r.trust_unanswered);
        writer.attribute(trust, "follow_ups", r.trust_follow_ups);
        writer.attribute(trust, "community_contacts", r.trust_contacts);
        writer.attribute(trust, "victims", r.victims);
        writer.attribute(trust, "victims_mean_end", r.trust_victims_end);
    }
}

// Always written, empty for batch runs, so readers need no special case.
void write_live_changes(RunFileWriter& writer, hid_t scenario, const std::vector<LiveChange>& changes) {
    Handle group = writer.group(scenario, "live_changes");
    std::vector<std::int64_t> step;
    std::vector<std::string> key;
    std::vector<double> value;
    for (const LiveChange& change : changes) {
        step.push_back(change.step);
        key.push_back(change.key);
        value.push_back(change.value);
    }
    writer.column(group, "step", step, "", "first simulation step that used the new value");
    writer.string_column(group, "key", key, "dotted scenario key that was changed during the run");
    writer.column(group, "value", value, "", "the value the key took from that step on");
}

// Only for runs with drones: files of runs without them are unchanged.
void write_drones(RunFileWriter& writer, const DroneResults& drones) {
    Handle group = writer.group(writer.root(), "drones");
    {
        Handle fleets = writer.group(group, "fleets");
        std::vector<std::string> name, mode;
        std::vector<std::uint32_t> count;
        std::vector<double> flight_hours;
        std::vector<std::uint64_t> flights, refused, unanswered, detections;
        for (const DroneFleetResult& f : drones.fleets) {
            name.push_back(f.name);
            mode.push_back(f.mode);
            count.push_back(f.drones);
            flight_hours.push_back(f.flight_s / 3600.0);
            flights.push_back(f.flights);
            refused.push_back(f.refused_targets);
            unanswered.push_back(f.unanswered_reports);
            detections.push_back(f.detections);
        }
        writer.string_column(fleets, "name", name, "the fleet's name (drones[i].name, or 'fleet i+1')");
        writer.string_column(fleets, "mode", mode, "patrol, hot_spots or first_responder");
        writer.column(fleets, "drones", count, "drones", "drones in the fleet");
        writer.column(fleets, "flight_hours", flight_hours, "h", "time its drones spent in the air, hovering included");
        writer.column(fleets, "flights", flights, "", "take-offs");
        writer.column(fleets, "refused_targets", refused, "",
                      "targets it could not fly to: inside a no-fly zone, cut off by zones, or beyond its battery");
        writer.column(fleets, "unanswered_reports", unanswered, "",
                      "first_responder: reports no drone could take within response_window_min");
        writer.column(fleets, "detections", detections, "",
                      "crimes nobody reported that its cameras brought into the record (detection_probability)");
    }
    {
        Handle responses = writer.group(group, "responses");
        std::vector<std::uint32_t> report, event, fleet, drone;
        std::vector<std::int64_t> step;
        std::vector<double> response_s;
        for (const DroneResponse& r : drones.responses) {
            report.push_back(r.report);
            event.push_back(r.event);
            step.push_back(r.step_reported);
            fleet.push_back(r.fleet);
            drone.push_back(r.drone);
            response_s.push_back(r.response_s);
        }
        writer.column(responses, "report", report, "", "police report id (reports numbered in the order made)");
        writer.column(responses, "event", event, "", "the crime reported (row of /events/crimes)");
        writer.column(responses, "step_reported", step, "", "step the report was made");
        writer.column(responses, "fleet", fleet, "", "row of /drones/fleets");
        writer.column(responses, "drone", drone, "", "drone within the fleet");
        writer.column(responses, "response_s", response_s, "s",
                      "time from the report (start of its step) to the drone hovering over the scene: first arrival");
    }
    {
        Handle privacy = writer.group(group, "privacy");
        writer.attribute(privacy, "groups", drones.privacy_groups);
        writer.string_column(privacy, "district", drones.district_names, "district (rows: the city's districts)");
        for (std::size_t g = 0; g < drones.privacy_groups.size(); ++g)
            writer.column(privacy, drones.privacy_groups[g].c_str(), drones.privacy_minutes[g], "resident-minutes",
                          "minutes residents of this group walking at an intersection of the district spent under a "
                          "drone camera (privacy footprint)");
    }
    {
        Handle nodes = writer.group(group, "nodes");
        writer.column(nodes, "camera_min", drones.node_camera_min, "min",
                      "minutes each intersection was under at least one drone camera (index = /city/nodes row)");
        Handle segments = writer.group(group, "segments");
        writer.column(segments, "camera_min", drones.segment_camera_min, "min",
                      "minutes at least one end of each street was under a drone camera (index = /city/segments row); "
                      "compare with /segments/crime_count for the equity view");
    }
}

// Only for runs with insecurity on (the default); see docs/run-file.md.
void write_insecurity(RunFileWriter& writer, const InsecurityResult& in) {
    Handle group = writer.group(writer.root(), "insecurity");
    writer.attribute(group, "groups", in.groups);
    {
        Handle hourly = writer.group(group, "hourly");
        for (std::size_t g = 0; g < in.groups.size(); ++g) {
            writer.column(hourly, ("index_" + in.groups[g]).c_str(), in.hourly_index[g], "index 0-100",
                          "mean insecurity index (100 x logistic(score)) of the group's residents at the hour's end");
            writer.column(hourly, ("unsafe_after_dark_" + in.groups[g]).c_str(), in.hourly_unsafe[g], "%",
                          "share of the group who would feel unsafe walking alone after dark on a quiet street near "
                          "home, at the hour's end");
        }
    }
    {
        // A long table: one row per (hour, home district).
        Handle districts = writer.group(group, "district_hourly");
        writer.attribute(districts, "districts", in.district_names);
        std::vector<std::uint32_t> hour, district;
        std::vector<double> index;
        const std::size_t hours = in.district_hourly_index.empty() ? 0 : in.district_hourly_index[0].size();
        for (std::size_t h = 0; h < hours; ++h)
            for (std::size_t d = 0; d < in.district_hourly_index.size(); ++d) {
                hour.push_back(static_cast<std::uint32_t>(h));
                district.push_back(static_cast<std::uint32_t>(d));
                index.push_back(in.district_hourly_index[d][h]);
            }
        writer.column(districts, "hour", hour, "h", "simulated hour (0: the first)");
        writer.column(districts, "district", district, "", "home district (index into the districts attribute)");
        writer.column(districts, "index", index, "index 0-100", "mean insecurity index of its residents at the hour's end");
    }
    {
        Handle final_values = writer.group(group, "final");
        writer.string_column(final_values, "group", in.groups, "group of residents");
        writer.column(final_values, "index", in.final_index, "index 0-100", "mean insecurity index at the run's end");
        writer.column(final_values, "unsafe_after_dark", in.final_unsafe, "%",
                      "share who would feel unsafe walking alone after dark on a quiet street near home, at the run's end "
                      "(ONS 2021: women 49%, men 15%)");
    }
    if (in.behaviour) {
        writer.attribute(group, "night_outings", static_cast<std::uint64_t>(in.night_outings));
        writer.attribute(group, "night_outings_skipped", static_cast<std::uint64_t>(in.night_outings_skipped));
    }
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
    // Only runs of another model than the agent model say which: files of streets runs stay as they were.
    if (result.model != "streets") writer.attribute(root, "model", result.model);

    {
        Handle scenario = writer.group(root, "scenario");
        writer.string_scalar(scenario, "resolved_yaml", result.scenario_yaml,
                             "the scenario with every default and override applied; runs again as is");
        write_live_changes(writer, scenario, result.live_changes);
    }
    write_city(writer, city);
    write_timeseries(writer, result);
    write_crimes(writer, result);
    {
        Handle segments = writer.group(root, "segments");
        writer.column(segments, "crime_count", result.segment_crime_count, "",
                      "crimes attributed to each segment over the run (index = /city/segments row)");
        if (result.police.present) {
            writer.column(segments, "police_minutes", result.police.segment_police_minutes, "min",
                          "unit-minutes police force units on duty spent on each segment (the equity view)");
            writer.column(segments, "hot_spot_minutes", result.police.segment_hot_spot_minutes, "min",
                          "unit-minutes units spent patrolling each segment as a hot-spot or predictive target "
                          "(the treated segments)");
        }
    }
    if (result.police.present) write_police_districts(writer, result);
    {
        Handle nodes = writer.group(root, "nodes");
        writer.column(nodes, "crime_count", result.node_crime_count, "",
                      "crimes at each intersection over the run (index = /city/nodes row)");
    }
    if (!result.drones.fleets.empty()) write_drones(writer, result.drones);
    if (result.reporting.present) write_reporting(writer, result);
    if (result.insecurity.present) write_insecurity(writer, result.insecurity);
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

// A single-valued attribute must hold exactly one value: H5Aread writes every element it holds
// into the caller's buffer, so an array where one value belongs would overrun it.
void check_single_value(hid_t attr, const char* name) {
    Handle space(H5Aget_space(attr), H5Sclose, std::string("reading attribute ") + name);
    const hssize_t n = H5Sget_simple_extent_npoints(space);
    if (n < 0) fail(std::string("reading attribute ") + name);
    if (n != 1)
        throw Hdf5Failure(std::string("attribute ") + name + " holds " + std::to_string(n) +
                          " values where one is expected");
}

std::string read_string_attribute(hid_t object, const char* name) {
    Handle attr(H5Aopen(object, name, H5P_DEFAULT), H5Aclose, std::string("opening attribute ") + name);
    check_single_value(attr, name);
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
    check_single_value(attr, name);
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

// Whether a dataset's stored bytes can hold the rows its dataspace claims. Damaged metadata can
// claim any count; checking first makes such a count an error rather than a huge allocation.
bool stored_data_can_hold(hid_t dataset, hssize_t rows) {
    Handle type(H5Dget_type(dataset), H5Tclose, "reading a dataset's type");
    const double claimed_bytes = static_cast<double>(rows) * static_cast<double>(H5Tget_size(type));
    // Deflate expands at most about 1032:1.
    const double most_bytes = 1100.0 * static_cast<double>(H5Dget_storage_size(dataset)) + 4096.0;
    return claimed_bytes <= most_bytes;
}

template <class T>
std::vector<T> read_column(hid_t file, const char* path) {
    Handle dataset(H5Dopen2(file, path, H5P_DEFAULT), H5Dclose, std::string("opening ") + path);
    Handle space(H5Dget_space(dataset), H5Sclose, std::string("reading ") + path);
    hssize_t n = H5Sget_simple_extent_npoints(space);
    if (n < 0) fail(std::string("reading ") + path);
    if (!stored_data_can_hold(dataset, n))
        throw Hdf5Failure("dataset " + std::string(path) + " claims " + std::to_string(n) +
                          " rows, more than its stored data holds");
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

// What read_run_file_info returns, from an open run file.
RunFileInfo read_info(hid_t root) {
    RunFileInfo info;
    info.format_version = read_attribute<std::uint32_t>(root, "format_version");
    info.streetwise_version = read_string_attribute(root, "streetwise_version");
    info.scenario_name = read_string_attribute(root, "scenario_name");
    info.scenario_path = read_string_attribute(root, "scenario_path");
    info.seed = read_attribute<std::uint64_t>(root, "seed");
    info.city_fingerprint = read_string_attribute(root, "city_fingerprint");
    info.steps = read_attribute<std::int64_t>(root, "steps");
    info.step_s = read_attribute<std::int32_t>(root, "step_s");
    // write_run_file refuses both; checked here so that no reader computes with them.
    if (info.steps < 0)
        throw Hdf5Failure("the root attribute steps is " + std::to_string(info.steps) +
                          "; a run has 0 or more steps");
    if (info.step_s <= 0)
        throw Hdf5Failure("the root attribute step_s is " + std::to_string(info.step_s) +
                          "; a step lasts a positive number of seconds");
    info.residents = read_attribute<std::uint32_t>(root, "residents");
    info.offenders = read_attribute<std::uint32_t>(root, "offenders");
    info.police_units = read_attribute<std::uint32_t>(root, "police_units");
    info.model = H5Aexists(root, "model") > 0 ? read_string_attribute(root, "model") : std::string("streets");
    if (info.model != "streets" && info.model != "short2008")
        throw Hdf5Failure("the root attribute model names an unknown model '" + info.model + "'");
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
    // Files written before live changes were recorded have no table: no changes.
    if (H5Lexists(root, "/scenario", H5P_DEFAULT) > 0 &&
        H5Lexists(root, "/scenario/live_changes", H5P_DEFAULT) > 0)
        info.live_change_count = dataset_length(root, "/scenario/live_changes/step");
    return info;
}

// ---------------------------------------------------------------------------------------------
// Reading a whole file back (read_run_file). Unlike the summary above, every dataset is checked
// for presence, type, shape, length and index ranges, with an error naming the dataset.

const char* const rerun_hint =
    "the file is damaged or was not written by streetwise; re-run the scenario to make a new run file";

// Type names as docs/run-file.md spells them.
template <class T>
std::string expected_type_name() {
    if constexpr (std::is_floating_point_v<T>) return "float" + std::to_string(8 * sizeof(T));
    else return (std::is_unsigned_v<T> ? "uint" : "int") + std::to_string(8 * sizeof(T));
}

std::string stored_type_name(hid_t type) {
    const std::size_t bits = 8 * H5Tget_size(type);
    switch (H5Tget_class(type)) {
        case H5T_INTEGER: return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(bits);
        case H5T_FLOAT: return "float" + std::to_string(bits);
        case H5T_STRING: return H5Tis_variable_str(type) > 0 ? "string" : "fixed-length string";
        default: return "another HDF5 type";
    }
}

// Whether HDF5 can hand `type` to us as T without changing any value: same kind, size and sign
// (byte order may differ; HDF5 swaps it).
template <class T>
bool stored_as(hid_t type) {
    if (H5Tget_size(type) != sizeof(T)) return false;
    if constexpr (std::is_floating_point_v<T>) return H5Tget_class(type) == H5T_FLOAT;
    else
        return H5Tget_class(type) == H5T_INTEGER && (H5Tget_sign(type) == H5T_SGN_NONE) == std::is_unsigned_v<T>;
}

class RunFileReader {
public:
    RunFileReader(const std::filesystem::path& file, hid_t root) : file_(file), root_(root) {}

    [[noreturn]] void bad(const std::string& dataset, const std::string& problem,
                          const std::string& hint = rerun_hint) const {
        throw InputError(file_.string(), 0, dataset, problem, hint);
    }

    // Whether `path` ("/a/b/c") exists. HDF5 1.10's H5Lexists fails instead of answering false
    // when a group on the way is missing, so each level is asked in turn.
    bool exists(const std::string& path) const {
        for (std::size_t at = path.find('/', 1);; at = path.find('/', at + 1)) {
            const std::string prefix = path.substr(0, at);
            htri_t found = H5Lexists(root_, prefix.c_str(), H5P_DEFAULT);
            if (found < 0) fail("looking for " + prefix);
            if (found == 0) return false;
            if (at == std::string::npos) return true;
        }
    }

    // A 1-D dataset (or a scalar with `scalar`), present and of the right kind.
    Handle open(const std::string& path, bool scalar = false) const {
        if (!exists(path)) bad(path, "dataset " + path + " is missing");
        Handle object(H5Oopen(root_, path.c_str(), H5P_DEFAULT), H5Oclose, "opening " + path);
        if (H5Iget_type(object) != H5I_DATASET) bad(path, path + " is not a dataset");
        Handle space(H5Dget_space(object), H5Sclose, "reading " + path);
        const int rank = H5Sget_simple_extent_ndims(space);
        if (rank < 0) fail("reading " + path);
        if (scalar && H5Sget_simple_extent_type(space) != H5S_SCALAR)
            bad(path, "dataset " + path + " should hold a single value");
        if (!scalar && rank != 1)
            bad(path, "dataset " + path + " has " + std::to_string(rank) + " dimensions; it should be a 1-D column");
        return object;
    }

    // Rows in a dataset, refusing a count its stored bytes cannot hold (damaged metadata), so a
    // bad count is an error rather than a huge allocation.
    std::size_t length(hid_t dataset, const std::string& path) const {
        Handle space(H5Dget_space(dataset), H5Sclose, "reading " + path);
        hssize_t n = H5Sget_simple_extent_npoints(space);
        if (n < 0) fail("reading " + path);
        if (!stored_data_can_hold(dataset, n))
            bad(path, "dataset " + path + " claims " + std::to_string(n) + " rows, more than its stored data holds");
        return static_cast<std::size_t>(n);
    }

    void check_length(std::size_t actual, const std::string& path, std::size_t expected,
                      const std::string& expected_from) const {
        if (actual != expected)
            bad(path, "dataset " + path + " has " + std::to_string(actual) + " rows but " + expected_from + " has " +
                          std::to_string(expected));
    }

    struct Expect {
        std::size_t rows;
        std::string from;  // what fixes the length, for the message ("/city/nodes/x_m")
    };

    template <class T>
    std::vector<T> column(const std::string& path, const std::optional<Expect>& expect = std::nullopt) const {
        Handle dataset = open(path);
        Handle type(H5Dget_type(dataset), H5Tclose, "reading " + path);
        if (!stored_as<T>(type))
            bad(path, "dataset " + path + " holds " + stored_type_name(type) + " values; expected " +
                          expected_type_name<T>());
        const std::size_t n = length(dataset, path);
        if (expect) check_length(n, path, expect->rows, expect->from);
        std::vector<T> values(n);
        if (n > 0)
            check_status(H5Dread(dataset, H5TypeOf<T>::memory(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                         "reading " + path);
        return values;
    }

    std::vector<std::string> strings(const std::string& path, const std::optional<Expect>& expect = std::nullopt,
                                     bool scalar = false) const {
        Handle dataset = open(path, scalar);
        Handle type(H5Dget_type(dataset), H5Tclose, "reading " + path);
        if (H5Tget_class(type) != H5T_STRING || H5Tis_variable_str(type) <= 0)
            bad(path, "dataset " + path + " holds " + stored_type_name(type) + " values; expected string");
        const std::size_t n = length(dataset, path);
        if (expect) check_length(n, path, expect->rows, expect->from);
        Handle memory_type = make_string_type();
        std::vector<char*> pointers(n, nullptr);
        if (n > 0) {
            Handle space(H5Dget_space(dataset), H5Sclose, "reading " + path);
            check_status(H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
                         "reading " + path);
            std::vector<std::string> values;
            values.reserve(n);
            for (char* pointer : pointers) values.emplace_back(pointer ? pointer : "");
            H5Dvlen_reclaim(memory_type, space, H5P_DEFAULT, pointers.data());
            return values;
        }
        return {};
    }

    std::string string_scalar(const std::string& path) const { return strings(path, std::nullopt, true).front(); }

    // Every value of an index column must be a row of the table it points into.
    // `limit_text` says where the limit comes from ("/city/nodes has only 16 rows").
    template <class T>
    void check_indices(const std::vector<T>& values, const std::string& path, std::uint64_t limit,
                       const std::string& limit_text) const {
        for (std::size_t i = 0; i < values.size(); ++i)
            if (static_cast<std::uint64_t>(values[i]) >= limit)
                bad(path, "row " + std::to_string(i) + " of " + path + " is " + std::to_string(values[i]) + " but " +
                              limit_text);
    }

    // An enumeration column's `names` attribute must list our names: the codes would mean
    // something else otherwise.
    void check_enum_names(const std::string& path, const std::vector<std::string>& ours) const {
        Handle dataset = open(path);
        if (H5Aexists(dataset, "names") <= 0) bad(path, "dataset " + path + " has no 'names' attribute");
        if (read_strings_attribute(dataset, "names") != ours)
            bad(path, "the codes of " + path + " are named differently from this streetwise's",
                "the file was written by an incompatible streetwise; re-run the scenario to make a new run file");
    }

    std::string optional_string_attribute(const std::string& path, const char* name) const {
        Handle dataset = open(path);
        return H5Aexists(dataset, name) > 0 ? read_string_attribute(dataset, name) : std::string();
    }

    hid_t root() const { return root_; }

private:
    const std::filesystem::path& file_;
    hid_t root_;
};

City read_city(const RunFileReader& in, const RunFileInfo& info) {
    CityDraft draft;
    {
        Handle group(H5Gopen2(in.root(), "city", H5P_DEFAULT), H5Gclose, "opening /city");
        draft.name = read_string_attribute(group, "name");
        draft.origin_lon = read_attribute<double>(group, "origin_lon");
        draft.origin_lat = read_attribute<double>(group, "origin_lat");
        if (read_string_attribute(group, "fingerprint") != info.city_fingerprint)
            in.bad("/city", "the fingerprint of /city differs from the file's city_fingerprint");
    }
    draft.node_x_m = in.column<double>("/city/nodes/x_m");
    const RunFileReader::Expect per_node{draft.node_x_m.size(), "/city/nodes/x_m"};
    draft.node_y_m = in.column<double>("/city/nodes/y_m", per_node);

    const auto from = in.column<std::uint32_t>("/city/segments/from");
    const RunFileReader::Expect per_segment{from.size(), "/city/segments/from"};
    const auto to = in.column<std::uint32_t>("/city/segments/to", per_segment);
    const auto length_m = in.column<float>("/city/segments/length_m", per_segment);
    const auto road_class = in.column<std::uint8_t>("/city/segments/road_class", per_segment);
    const auto lux = in.column<float>("/city/segments/lux", per_segment);
    const auto land_use = in.column<std::uint8_t>("/city/segments/land_use", per_segment);
    const auto district = in.column<std::uint16_t>("/city/segments/district", per_segment);
    const auto name = in.column<std::uint32_t>("/city/segments/name", per_segment);
    draft.street_names = in.strings("/city/street_names");
    const auto district_names = in.strings("/city/districts/name");
    const auto district_land_use = in.column<std::uint8_t>("/city/districts/land_use",
                                                           RunFileReader::Expect{district_names.size(), "/city/districts/name"});
    const auto place_kind = in.column<std::uint8_t>("/city/places/kind");
    const RunFileReader::Expect per_place{place_kind.size(), "/city/places/kind"};
    const auto place_node = in.column<std::uint32_t>("/city/places/node", per_place);
    const auto place_segment = in.column<std::uint32_t>("/city/places/segment", per_place);
    const auto place_name = in.strings("/city/places/name", per_place);

    const auto road_class_names = names_of<RoadClass>(road_class_count);
    const auto land_use_names = names_of<LandUse>(land_use_count);
    in.check_enum_names("/city/segments/road_class", road_class_names);
    in.check_enum_names("/city/segments/land_use", land_use_names);
    in.check_enum_names("/city/districts/land_use", land_use_names);
    in.check_enum_names("/city/places/kind", names_of<PlaceKind>(place_kind_count));
    const auto rows = [](const char* table, std::size_t n) {
        return std::string(table) + " has only " + std::to_string(n) + " rows";
    };
    const auto codes = [](std::size_t n) { return "its 'names' attribute names only " + std::to_string(n) + " codes"; };
    const std::size_t nodes = draft.node_x_m.size();
    in.check_indices(from, "/city/segments/from", nodes, rows("/city/nodes", nodes));
    in.check_indices(to, "/city/segments/to", nodes, rows("/city/nodes", nodes));
    in.check_indices(road_class, "/city/segments/road_class", road_class_names.size(), codes(road_class_names.size()));
    in.check_indices(land_use, "/city/segments/land_use", land_use_names.size(), codes(land_use_names.size()));
    in.check_indices(district, "/city/segments/district", district_names.size(),
                     rows("/city/districts", district_names.size()));
    in.check_indices(name, "/city/segments/name", draft.street_names.size(),
                     rows("/city/street_names", draft.street_names.size()));
    in.check_indices(district_land_use, "/city/districts/land_use", land_use_names.size(),
                     codes(land_use_names.size()));
    in.check_indices(place_kind, "/city/places/kind", place_kind_count, codes(place_kind_count));
    in.check_indices(place_node, "/city/places/node", nodes, rows("/city/nodes", nodes));
    in.check_indices(place_segment, "/city/places/segment", from.size(), rows("/city/segments", from.size()));

    draft.segments.resize(from.size());
    for (std::size_t i = 0; i < from.size(); ++i)
        draft.segments[i] = {from[i],  to[i],  length_m[i], static_cast<RoadClass>(road_class[i]),
                             lux[i], static_cast<LandUse>(land_use[i]), district[i], name[i]};
    for (std::size_t i = 0; i < district_names.size(); ++i)
        draft.districts.push_back({district_names[i], static_cast<LandUse>(district_land_use[i])});
    for (std::size_t i = 0; i < place_kind.size(); ++i)
        draft.places.push_back({static_cast<PlaceKind>(place_kind[i]), place_segment[i], place_node[i], place_name[i]});

    // The file holds a built city, so building it again (no component filtering) must give the
    // same city, fingerprint and all; anything else means the map was damaged or edited.
    std::optional<City> city;
    try {
        city.emplace(City::build(std::move(draft), false));
    } catch (const std::invalid_argument& error) {
        in.bad("/city", std::string("the map in /city cannot be built: ") + error.what());
    }
    if (city->fingerprint_hex() != info.city_fingerprint)
        in.bad("/city",
               "the map in /city does not reproduce the file's city_fingerprint (the file says " +
                   info.city_fingerprint + ", the map gives " + city->fingerprint_hex() + ")",
               "the file was damaged or edited after it was written; re-run the scenario to make a new run file");
    return std::move(*city);
}

std::vector<TimeSeriesColumn> read_timeseries(const RunFileReader& in, const RunFileInfo& info) {
    const std::string hour_path = "/timeseries/hour";
    const RunFileReader::Expect per_hour{static_cast<std::size_t>(info.hours), hour_path};
    {
        Handle group(H5Gopen2(in.root(), "timeseries", H5P_DEFAULT), H5Gclose, "opening /timeseries");
        const auto hours_attribute = read_attribute<std::uint64_t>(group, "hours");
        if (hours_attribute != info.hours)
            in.bad("/timeseries", "attribute 'hours' of /timeseries is " + std::to_string(hours_attribute) + " but " +
                                      hour_path + " has " + std::to_string(info.hours) + " rows");
    }
    in.column<std::uint32_t>(hour_path, per_hour);
    in.column<std::uint32_t>("/timeseries/day", per_hour);
    in.column<std::uint8_t>("/timeseries/hour_of_day", per_hour);
    std::vector<TimeSeriesColumn> columns;
    for (const auto& name : info.timeseries_columns) {
        const std::string path = "/timeseries/" + name;
        if (name.empty() || name.find('/') != std::string::npos || name == "." ||
            std::find(reserved_timeseries_names.begin(), reserved_timeseries_names.end(), name) !=
                reserved_timeseries_names.end())
            in.bad("/timeseries", "attribute 'columns' of /timeseries lists an invalid series name '" + name + "'");
        if (std::any_of(columns.begin(), columns.end(), [&](const TimeSeriesColumn& c) { return c.name == name; }))
            in.bad("/timeseries", "attribute 'columns' of /timeseries lists '" + name + "' twice");
        TimeSeriesColumn column;
        column.name = name;
        column.values = in.column<double>(path, per_hour);
        column.unit = in.optional_string_attribute(path, "unit");
        column.description = in.optional_string_attribute(path, "description");
        columns.push_back(std::move(column));
    }
    return columns;
}

std::vector<CrimeEvent> read_crimes(const RunFileReader& in, const RunFileInfo& info, const City& city) {
    const std::string prefix = "/events/crimes/";
    const auto step = in.column<std::uint32_t>(prefix + "step");
    const RunFileReader::Expect per_crime{step.size(), prefix + "step"};
    const auto node = in.column<std::uint32_t>(prefix + "node", per_crime);
    const auto segment = in.column<std::uint32_t>(prefix + "segment", per_crime);
    const auto type = in.column<std::uint8_t>(prefix + "type", per_crime);
    const auto offender = in.column<std::uint32_t>(prefix + "offender", per_crime);
    const auto victim = in.column<std::uint32_t>(prefix + "victim", per_crime);
    const auto reported = in.column<std::uint8_t>(prefix + "reported", per_crime);
    const auto journey_m = in.column<float>(prefix + "journey_m", per_crime);
    // Derived from step; checked so a damaged copy is not half believed.
    const auto time_s = in.column<std::int64_t>(prefix + "time_s", per_crime);
    const auto day = in.column<std::uint32_t>(prefix + "day", per_crime);
    const auto hour_of_day = in.column<std::uint8_t>(prefix + "hour_of_day", per_crime);

    for (std::size_t i = 0; i < step.size(); ++i)
        if (step[i] >= info.steps)
            in.bad(prefix + "step", "row " + std::to_string(i) + " of " + prefix + "step is " +
                                        std::to_string(step[i]) + " but the run's steps are 0 to " +
                                        std::to_string(info.steps - 1));
    const auto rows = [](const char* table, std::uint32_t n) {
        return std::string(table) + " has only " + std::to_string(n) + " rows";
    };
    in.check_indices(node, prefix + "node", city.node_count(), rows("/city/nodes", city.node_count()));
    in.check_indices(segment, prefix + "segment", city.segment_count(), rows("/city/segments", city.segment_count()));
    in.check_indices(type, prefix + "type", info.crime_type_names.size(),
                     "its 'names' attribute names only " + std::to_string(info.crime_type_names.size()) + " types");
    if (info.model == "short2008") {
        // The burglary lattice: anonymous burglars (offender 0), the victim is the burgled site's node.
        in.check_indices(offender, prefix + "offender", 1, "burglars in a short2008 run are anonymous (offender 0)");
        in.check_indices(victim, prefix + "victim", city.node_count(),
                         "a short2008 run's victim is a site, and /city/nodes has only " +
                             std::to_string(city.node_count()) + " rows");
    } else {
        in.check_indices(offender, prefix + "offender", info.offenders,
                         "the run had only " + std::to_string(info.offenders) + " offenders (root attribute offenders)");
        std::vector<std::uint32_t> victims;  // offences against a place have none
        victims.reserve(victim.size());
        for (const std::uint32_t v : victim)
            if (v != no_victim) victims.push_back(v);
        in.check_indices(victims, prefix + "victim", info.residents,
                         "the run had only " + std::to_string(info.residents) +
                             " residents (root attribute residents); 4294967295 means no victim");
    }
    in.check_indices(reported, prefix + "reported", 2, "it is 0 (not reported) or 1 (reported)");
    for (std::size_t i = 0; i < journey_m.size(); ++i)
        if (!(journey_m[i] >= 0.0f && std::isfinite(journey_m[i])))
            in.bad(prefix + "journey_m", "row " + std::to_string(i) + " of " + prefix +
                                             "journey_m is not a distance (negative, infinite or not a number)");
    for (std::size_t i = 0; i < step.size(); ++i) {
        const std::int64_t seconds = static_cast<std::int64_t>(step[i]) * info.step_s;
        if (time_s[i] != seconds || day[i] != seconds / 86400 || hour_of_day[i] != seconds % 86400 / 3600)
            in.bad(prefix + "time_s", "row " + std::to_string(i) + " of the crime table has a time_s, day or "
                                          "hour_of_day that does not match its step");
    }

    std::vector<CrimeEvent> crimes(step.size());
    for (std::size_t i = 0; i < step.size(); ++i)
        crimes[i] = {step[i], node[i], segment[i], type[i], offender[i], victim[i], reported[i], journey_m[i]};
    return crimes;
}

std::vector<LiveChange> read_live_changes(const RunFileReader& in, const RunFileInfo& info) {
    const std::string prefix = "/scenario/live_changes/";
    // Written by every streetwise since the table was added; older files ran without live changes.
    if (!in.exists("/scenario/live_changes")) return {};
    const auto step = in.column<std::int64_t>(prefix + "step");
    const RunFileReader::Expect per_change{step.size(), prefix + "step"};
    const auto key = in.strings(prefix + "key", per_change);
    const auto value = in.column<double>(prefix + "value", per_change);
    std::vector<LiveChange> changes(step.size());
    for (std::size_t i = 0; i < step.size(); ++i) {
        if (step[i] < 0 || step[i] > info.steps || (i > 0 && step[i] < step[i - 1]))
            in.bad(prefix + "step", "row " + std::to_string(i) + " of " + prefix + "step is " +
                                        std::to_string(step[i]) + ": steps must be in order, from 0 to " +
                                        std::to_string(info.steps));
        if (key[i].empty()) in.bad(prefix + "key", "row " + std::to_string(i) + " of " + prefix + "key is empty");
        changes[i] = {step[i], key[i], value[i]};
    }
    return changes;
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
        return read_info(handle);
    });
}

RunFileContents read_run_file(const std::filesystem::path& file) {
    return reading(file, [&] {
        Handle handle = open_run_file(file);
        const RunFileReader in(file, handle);
        RunFileContents contents;
        contents.info = read_info(handle);
        const RunFileInfo& info = contents.info;
        contents.scenario_yaml = in.string_scalar("/scenario/resolved_yaml");
        contents.city = read_city(in, info);
        contents.crime_type_names = info.crime_type_names;
        contents.hourly = read_timeseries(in, info);
        contents.crimes = read_crimes(in, info, contents.city);
        {
            Handle group(H5Gopen2(handle, "/events/crimes", H5P_DEFAULT), H5Gclose, "opening /events/crimes");
            contents.crime_events_omitted = read_attribute<std::uint32_t>(group, "omitted") != 0;
        }
        contents.segment_crime_count = in.column<std::uint32_t>(
            "/segments/crime_count", RunFileReader::Expect{contents.city.segment_count(), "/city/segments/from"});
        contents.node_crime_count = in.column<std::uint32_t>(
            "/nodes/crime_count", RunFileReader::Expect{contents.city.node_count(), "/city/nodes/x_m"});
        contents.live_changes = read_live_changes(in, info);
        if (in.exists("/insecurity/hourly/index_all")) {
            InsecurityResult& fear = contents.insecurity;
            fear.present = true;
            fear.hourly_index.push_back(in.column<double>(
                "/insecurity/hourly/index_all",
                RunFileReader::Expect{contents.hourly.empty() ? 0 : contents.hourly.front().values.size(),
                                      "/timeseries"}));
            fear.final_index = in.column<double>("/insecurity/final/index");
            fear.final_unsafe = in.column<double>("/insecurity/final/unsafe_after_dark",
                                                  RunFileReader::Expect{fear.final_index.size(), "/insecurity/final/index"});
            if (fear.final_unsafe.size() < 3)
                in.bad("/insecurity/final/unsafe_after_dark", "it should hold one row per group: all, women, men, ...");
        }
        return contents;
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
