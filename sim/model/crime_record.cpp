#include "sim/model/crime_record.hpp"

#include "sim/io/checkpoint_file.hpp"
#include "sim/model/crime_type.hpp"

namespace streetwise {

void CrimeRecord::save_state(CheckpointWriter& out) const {
    std::vector<std::uint32_t> event, node, segment;
    std::vector<std::int64_t> step;
    std::vector<std::uint8_t> type;
    for (const RecordedCrime& crime : crimes_) {
        event.push_back(crime.event);
        step.push_back(crime.step);
        node.push_back(crime.node);
        segment.push_back(crime.segment);
        type.push_back(crime.type);
    }
    out.put_vector(event);
    out.put_vector(step);
    out.put_vector(node);
    out.put_vector(segment);
    out.put_vector(type);
}

void CrimeRecord::load_state(CheckpointReader& in, std::int64_t steps_done, std::uint64_t events, std::uint32_t nodes) {
    const auto event = in.get_vector<std::uint32_t>(events, "recorded crime event");
    const auto step = in.get_vector<std::int64_t>(events, "recorded crime step");
    const auto node = in.get_vector<std::uint32_t>(events, "recorded crime node");
    const auto segment = in.get_vector<std::uint32_t>(events, "recorded crime segment");
    const auto type = in.get_vector<std::uint8_t>(events, "recorded crime type");
    const std::size_t n = event.size();
    in.check(step.size() == n && node.size() == n && segment.size() == n && type.size() == n,
             "recorded crime columns of different lengths");
    in.check_below(event, std::max<std::uint64_t>(1, events), "recorded crime event");
    in.check_below(node, nodes, "recorded crime node");
    in.check_below(segment, per_segment_.size(), "recorded crime segment");
    in.check_below(type, crime_type_count, "recorded crime type");
    crimes_.clear();
    std::fill(per_segment_.begin(), per_segment_.end(), 0u);
    for (std::size_t i = 0; i < n; ++i) {
        in.check(step[i] >= 0 && step[i] < steps_done && (i == 0 || step[i] >= step[i - 1]),
                 "recorded crime steps out of order");
        add(RecordedCrime{event[i], step[i], node[i], segment[i], type[i]});
    }
}

}  // namespace streetwise
