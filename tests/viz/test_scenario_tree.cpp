// The scenario panel's tree: every leaf of the resolved default scenario is a real scenario key.
#include <catch2/catch.hpp>

#include <algorithm>

#include "sim/scenario/scenario_loader.hpp"
#include "viz/core/scenario_tree.hpp"

using namespace streetwise;
using namespace streetwise::viz;

namespace {
void collect_leaves(const std::vector<ScenarioTreeNode>& nodes, std::vector<const ScenarioTreeNode*>& out) {
    for (const auto& node : nodes) {
        if (node.is_section()) collect_leaves(node.children, out);
        else out.push_back(&node);
    }
}
}  // namespace

TEST_CASE("scenario tree: sections and leaves of the resolved scenario, with dotted paths", "[viz][scenario]") {
    const ScenarioSpec spec = load_scenario_text(default_scenario_yaml(), "test", {"offenders.base_probability=0.0005"});
    const auto tree = parse_scenario_tree(spec.resolved_yaml);
    std::vector<const ScenarioTreeNode*> leaves;
    collect_leaves(tree, leaves);
    REQUIRE(leaves.size() > 30);
    const auto keys = scenario_keys();
    for (const ScenarioTreeNode* leaf : leaves) {
        INFO(leaf->path);
        // A leaf is a scenario key, or an entry of a name -> number map under one.
        const bool is_key = std::find(keys.begin(), keys.end(), leaf->path) != keys.end();
        const auto dot = leaf->path.rfind('.');
        const bool in_map = dot != std::string::npos &&
                            std::find(keys.begin(), keys.end(), leaf->path.substr(0, dot)) != keys.end();
        CHECK((is_key || in_map));
    }
    const auto found = std::find_if(leaves.begin(), leaves.end(), [](const auto* l) { return l->path == "offenders.base_probability"; });
    REQUIRE(found != leaves.end());
    CHECK(std::stod((*found)->value) == Approx(0.0005));
}

TEST_CASE("scenario tree: list items become numbered sections", "[viz][scenario]") {
    const auto tree = parse_scenario_tree("a: 1\nitems:\n  - kind: x\n    lux: 30\n  - kind: y\nb:\n  c: \"q: r\"\n");
    REQUIRE(tree.size() == 3);
    CHECK(tree[0].path == "a");
    CHECK(tree[0].value == "1");
    REQUIRE(tree[1].children.size() == 2);
    CHECK(tree[1].children[0].key == "[0]");
    REQUIRE(tree[1].children[0].children.size() == 2);
    CHECK(tree[1].children[0].children[1].path == "items[0].lux");
    CHECK(tree[1].children[0].children[1].value == "30");
    CHECK(tree[1].children[1].children[0].value == "y");
    CHECK(tree[2].children[0].value == "\"q: r\"");  // a colon inside quotes is not a key
}
