#include "analysis/calibration_report.hpp"

#include "sim/core/double_quoted.hpp"

#include <cstdint>
#include <cstdio>
#include <utility>

namespace streetwise::analysis {

namespace {

// A small ordered tree, written out as YAML or JSON: one description of the layout, two spellings.
struct Node {
    // A map entry. Not std::pair<std::string, Node>: pair's conditionally explicit default
    // constructor asks whether Node is default-constructible while Node is still incomplete,
    // which Clang with libstdc++ rejects.
    struct Entry;

    enum class Kind { text, number, count, flag, map, list } kind = Kind::map;
    std::string text;
    double number = 0;
    std::uint64_t count = 0;
    bool flag = false;
    std::vector<Entry> entries;  // map, in insertion order
    std::vector<Node> items;     // list

    // Defined after Entry: each makes a Node, which needs the complete Entry.
    static Node of_text(std::string value);
    static Node of_number(double value);
    static Node of_count(std::uint64_t value);
    static Node of_flag(bool value);
    static Node list();

    Node& add(std::string key, Node value);
    bool is_scalar() const { return kind != Kind::map && kind != Kind::list; }
    bool is_empty_container() const;
};

struct Node::Entry {
    std::string key;
    Node value;
};

Node Node::of_text(std::string value) { Node n; n.kind = Kind::text; n.text = std::move(value); return n; }
Node Node::of_number(double value) { Node n; n.kind = Kind::number; n.number = value; return n; }
Node Node::of_count(std::uint64_t value) { Node n; n.kind = Kind::count; n.count = value; return n; }
Node Node::of_flag(bool value) { Node n; n.kind = Kind::flag; n.flag = value; return n; }
Node Node::list() { Node n; n.kind = Kind::list; return n; }
Node& Node::add(std::string key, Node value) {
    entries.push_back(Entry{std::move(key), std::move(value)});
    return entries.back().value;
}
bool Node::is_empty_container() const {
    return (kind == Kind::map && entries.empty()) || (kind == Kind::list && items.empty());
}

std::string scalar(const Node& node) {
    char text[40];
    switch (node.kind) {
        case Node::Kind::text: return double_quoted(node.text);
        case Node::Kind::number: std::snprintf(text, sizeof text, "%.10g", node.number); return text;
        case Node::Kind::count: return std::to_string(node.count);
        case Node::Kind::flag: return node.flag ? "true" : "false";
        case Node::Kind::map: return "{}";
        case Node::Kind::list: return "[]";
    }
    return "";
}

// A plain YAML key where it is a plain identifier, quoted otherwise (police.uk category names).
std::string yaml_key(const std::string& key) {
    bool plain = !key.empty() && !(key[0] >= '0' && key[0] <= '9');
    for (const char c : key)
        plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
    return plain ? key : double_quoted(key);
}

void write_yaml_entries(std::string& out, const Node& map, int indent, bool first_inline);

void write_yaml_value(std::string& out, const Node& value, int indent) {
    if (value.is_scalar() || value.is_empty_container()) {
        out += " " + scalar(value) + "\n";
    } else if (value.kind == Node::Kind::map) {
        out += "\n";
        write_yaml_entries(out, value, indent + 2, false);
    } else {
        out += "\n";
        for (const Node& item : value.items) {
            out += std::string(static_cast<std::size_t>(indent + 2), ' ') + "-";
            if (item.kind == Node::Kind::map && !item.entries.empty())
                write_yaml_entries(out, item, indent + 4, true);
            else
                out += " " + scalar(item) + "\n";
        }
    }
}

void write_yaml_entries(std::string& out, const Node& map, int indent, bool first_inline) {
    bool first = true;
    for (const auto& [key, value] : map.entries) {
        if (first && first_inline)
            out += " ";
        else
            out += std::string(static_cast<std::size_t>(indent), ' ');
        first = false;
        out += yaml_key(key) + ":";
        write_yaml_value(out, value, indent);
    }
}

void write_json(std::string& out, const Node& node, int indent) {
    const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
    if (node.is_scalar() || node.is_empty_container()) {
        out += scalar(node);
    } else if (node.kind == Node::Kind::map) {
        out += "{\n";
        for (std::size_t i = 0; i < node.entries.size(); ++i) {
            out += pad + double_quoted(node.entries[i].key) + ": ";
            write_json(out, node.entries[i].value, indent + 2);
            out += i + 1 < node.entries.size() ? ",\n" : "\n";
        }
        out += std::string(static_cast<std::size_t>(indent), ' ') + "}";
    } else {
        out += "[\n";
        for (std::size_t i = 0; i < node.items.size(); ++i) {
            out += pad;
            write_json(out, node.items[i], indent + 2);
            out += i + 1 < node.items.size() ? ",\n" : "\n";
        }
        out += std::string(static_cast<std::size_t>(indent), ' ') + "]";
    }
}

std::string_view basis_name(TargetBasis basis) {
    switch (basis) {
        case TargetBasis::police_uk_category: return "police_uk_category";
        case TargetBasis::user_share: return "user_share";
        case TargetBasis::not_calibrated: return "not_calibrated";
    }
    return "";
}

std::string_view source_name(ReportingSource source) {
    switch (source) {
        case ReportingSource::survey_table: return "survey_table";
        case ReportingSource::literature_default: return "literature_default";
        case ReportingSource::user_given: return "user_given";
    }
    return "";
}

Node category_counts(const std::vector<CategoryCount>& counts) {
    Node map;
    for (const auto& c : counts) map.add(c.category, Node::of_count(c.records));
    return map;
}

Node report_tree(const CalibrationReport& report) {
    const CalibrationTargets& t = report.targets;
    Node root;
    root.add("format", Node::of_text("streetwise-calibration-targets"));
    root.add("format_version", Node::of_count(calibration_targets_format_version));
    root.add("attribution",
             Node::of_text("Contains public sector information licensed under the Open Government Licence v3.0"));
    Node& sources = root.add("sources", Node());
    sources.add("crime_file", Node::of_text(report.crime_file));
    sources.add("crime_layout", Node::of_text(std::string(to_string(report.crime_layout))));
    sources.add("reporting_file", Node::of_text(report.reporting_file));
    sources.add("survey_year_ending", Node::of_text(to_string(report.survey_year_ending)));
    Node& window = root.add("window", Node());
    window.add("from", Node::of_text(to_string(t.from)));
    window.add("to", Node::of_text(to_string(t.to)));
    window.add("months", Node::of_count(static_cast<std::uint64_t>(t.months)));
    window.add("year_scale", Node::of_number(t.year_scale));
    Node gaps = Node::list();
    for (const auto& m : t.months_without_records) gaps.items.push_back(Node::of_text(to_string(m)));
    window.add("months_without_records", std::move(gaps));
    root.add("population", Node::of_number(t.population));
    root.add("records_in_file", Node::of_count(t.records_in_file));
    root.add("records_in_window", Node::of_count(t.records_in_window));

    Node& targets = root.add("targets", Node());
    for (const CrimeTypeTarget& target : t.by_type) {
        Node& entry = targets.add(std::string(to_string(target.type)), Node());
        entry.add("calibrated", Node::of_flag(target.calibrated()));
        entry.add("basis", Node::of_text(std::string(basis_name(target.basis))));
        entry.add("basis_text", Node::of_text(target.basis_text));
        entry.add("reporting_proportion", Node::of_number(target.reporting.proportion));
        entry.add("reporting_source", Node::of_text(std::string(source_name(target.reporting.kind))));
        entry.add("reporting_source_text", Node::of_text(target.reporting.source));
        if (!target.calibrated()) continue;
        entry.add("recorded_in_window", Node::of_number(target.recorded_in_window));
        entry.add("recorded_per_year", Node::of_number(target.recorded_per_year));
        entry.add("recorded_per_1000_residents_per_year", Node::of_number(target.recorded_per_1000_residents_per_year));
        entry.add("true_per_year", Node::of_number(target.true_per_year));
        entry.add("true_per_1000_residents_per_year", Node::of_number(target.true_per_1000_residents_per_year));
    }
    root.add("holding_harassment_and_hate", category_counts(t.holding_harassment_and_hate));
    root.add("not_modelled", category_counts(t.not_modelled));
    root.add("unrecognised", category_counts(t.unrecognised));

    Node concentration = Node::list();
    for (const auto& c : report.concentration) {
        Node item;
        item.add("place", Node::of_text(std::string(to_string(c.key))));
        item.add("crimes", Node::of_count(c.crimes));
        item.add("crimes_without_place", Node::of_count(c.crimes_without_place));
        item.add("places", Node::of_count(c.places));
        item.add("share_of_places_holding_half", Node::of_number(c.share_of_places_holding_half));
        item.add("share_of_places_holding_quarter", Node::of_number(c.share_of_places_holding_quarter));
        concentration.items.push_back(std::move(item));
    }
    root.add("concentration", std::move(concentration));
    return root;
}

}  // namespace

std::string calibration_targets_yaml(const CalibrationReport& report) {
    std::string out =
        "# Crime-rate calibration targets, written by `streetwise calibrate` (layout: docs/user-guide.md,\n"
        "# \"Calibrating crime rates to a city\"). Per crime type: recorded crime per year from police.uk,\n"
        "# the share reported to the police, and the implied true crime per year = recorded / share.\n";
    write_yaml_entries(out, report_tree(report), 0, false);
    return out;
}

std::string calibration_targets_json(const CalibrationReport& report) {
    std::string out;
    write_json(out, report_tree(report), 0);
    return out + "\n";
}

}  // namespace streetwise::analysis
