#include "sim/io/yaml_origins.hpp"

namespace portsim::io {

namespace {

// Depth is bounded by YamlLimits::depth (every document is checked when parsed).
void collect(const YAML::Node& n, std::vector<YAML::Node>& out) {
  out.push_back(n);
  if (n.IsMap()) {
    for (const auto& kv : n) {
      out.push_back(kv.first);
      collect(kv.second, out);
    }
  } else if (n.IsSequence()) {
    for (const auto& item : n) collect(item, out);
  }
}

std::tuple<int, int, int> position(const YAML::Node& n) {
  const YAML::Mark m = n.Mark();
  return {m.pos, m.line, m.column};
}

}  // namespace

void NodeOrigins::add(const YAML::Node& root, const std::string& source) {
  std::vector<YAML::Node> nodes;
  collect(root, nodes);
  add_nodes(std::move(nodes), source);
}

void NodeOrigins::add(const NodeOrigins& other) {
  for (std::size_t s = 0; s < other.sources_.size(); ++s) add_nodes(other.nodes_[s], other.sources_[s]);
}

void NodeOrigins::add_nodes(std::vector<YAML::Node> nodes, const std::string& source) {
  const std::size_t s = sources_.size();
  for (const auto& n : nodes) by_position_[position(n)].push_back(Entry{s, n});
  sources_.push_back(source);
  nodes_.push_back(std::move(nodes));
}

std::optional<std::string> NodeOrigins::find(const YAML::Node& node) const {
  // A node shares its position with the nodes it is (the same data); the most recent source first.
  // A node whose data was replaced after it was recorded is found through the source that replaced
  // it, which was recorded later, at the new position.
  const auto it = by_position_.find(position(node));
  if (it == by_position_.end()) return std::nullopt;
  for (auto e = it->second.rbegin(); e != it->second.rend(); ++e) {
    if (e->node.is(node)) return sources_[e->source];
  }
  return std::nullopt;
}

}  // namespace portsim::io
