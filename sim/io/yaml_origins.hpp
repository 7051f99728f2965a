// Which source (a file of the extends chain, a --set flag) each node of a merged YAML document
// came from: every node of each source is recorded, the most recently added source wins, and a
// node is found through the index of its position (so that finding the file of a problem costs
// the same in a document of 100 values as in one of 100,000).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace portsim::io {

class NodeOrigins {
 public:
  /// Records every node of `root` (keys included) as coming from `source`, ahead of all before.
  void add(const YAML::Node& root, const std::string& source);
  /// Records `other`'s sources, in their order, ahead of all before.
  void add(const NodeOrigins& other);
  /// The source of the most recently added tree holding `node`; nothing when none does.
  std::optional<std::string> find(const YAML::Node& node) const;

 private:
  struct Entry {
    std::size_t source = 0;
    YAML::Node node;
  };
  void add_nodes(std::vector<YAML::Node> nodes, const std::string& source);

  std::vector<std::string> sources_;            // in the order added
  std::vector<std::vector<YAML::Node>> nodes_;  // of each source
  std::map<std::tuple<int, int, int>, std::vector<Entry>> by_position_;  // (pos, line, column) of its mark
};

}  // namespace portsim::io
