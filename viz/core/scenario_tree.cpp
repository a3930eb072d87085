#include "viz/core/scenario_tree.hpp"

#include <sstream>

namespace streetwise::viz {

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// Where the key ends: the first ':' followed by a space or the end, outside quotes.
std::size_t key_colon(std::string_view line) {
    bool in_quotes = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '"') in_quotes = !in_quotes;
        if (!in_quotes && line[i] == ':' && (i + 1 == line.size() || line[i + 1] == ' ')) return i;
    }
    return std::string_view::npos;
}

}  // namespace

std::vector<ScenarioTreeNode> parse_scenario_tree(std::string_view resolved_yaml) {
    std::vector<ScenarioTreeNode> roots;
    // Stack of (indentation, node list to append to, path prefix).
    struct Level {
        int indent;
        std::vector<ScenarioTreeNode>* children;
        std::string path;
    };
    std::vector<Level> stack{{-1, &roots, ""}};
    std::istringstream lines{std::string(resolved_yaml)};
    for (std::string raw; std::getline(lines, raw);) {
        std::string_view line = raw;
        const std::string_view content = trim(line);
        if (content.empty() || content.front() == '#') continue;
        int indent = static_cast<int>(line.find_first_not_of(' '));
        std::string_view rest = content;
        bool list_item = false;
        if (rest.starts_with("- ")) {
            list_item = true;
            rest.remove_prefix(2);
        }
        while (stack.size() > 1 && stack.back().indent >= indent) stack.pop_back();
        Level& parent = stack.back();
        if (list_item) {
            // A list item opens a section "[i]" whose first field sits on the same line.
            ScenarioTreeNode item;
            item.key = "[" + std::to_string(parent.children->size()) + "]";
            item.path = parent.path.empty() ? item.key : parent.path + item.key;
            parent.children->push_back(std::move(item));
            ScenarioTreeNode& added = parent.children->back();
            stack.push_back({indent, &added.children, added.path});
            indent += 2;  // the item's fields are indented past the dash
        }
        Level& owner = stack.back();
        const std::size_t colon = key_colon(rest);
        ScenarioTreeNode node;
        if (colon == std::string_view::npos) {
            node.key = std::string(rest);  // a bare scalar list item
        } else {
            node.key = std::string(trim(rest.substr(0, colon)));
            node.value = std::string(trim(rest.substr(colon + 1)));
        }
        node.path = owner.path.empty() ? node.key : owner.path + "." + node.key;
        owner.children->push_back(std::move(node));
        if (owner.children->back().value.empty())
            stack.push_back({indent, &owner.children->back().children, owner.children->back().path});
    }
    return roots;
}

}  // namespace streetwise::viz
