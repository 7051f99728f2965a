// The road layout of a port on Boost.Graph: nodes (entry, pre-gate buffer, gate, inspection area,
// yard, exit) with coordinates, directed roads with length, speed and capacity, and cached
// fastest routes (Dijkstra on free-flow travel time).
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "sim/port/config.hpp"

namespace portsim::port {

/// A layout problem found while building (unknown node, unreachable exit...). `path` is the
/// config key path ("roads[3].to") so sim/io can point at the line.
class LayoutError : public std::runtime_error {
 public:
  LayoutError(std::string path, const std::string& message)
      : std::runtime_error(message), path_(std::move(path)) {}
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

class Layout {
 public:
  struct Road {
    std::size_t index;  // position in the config's roads list
    std::size_t from;
    std::size_t to;
    double length_m;
    double speed_kmh;
    int capacity_trucks;  // 0 = unlimited
    Duration travel_time() const;
  };
  using Route = std::vector<std::size_t>;  // road indices, in order

  /// Builds the graph; throws LayoutError for unknown or duplicate nodes and bad roads.
  Layout(const std::vector<NodeConfig>& nodes, const std::vector<RoadConfig>& roads);

  std::size_t node_count() const noexcept { return nodes_.size(); }
  const NodeConfig& node(std::size_t i) const { return nodes_.at(i); }
  /// Index of a node id; throws std::out_of_range with the id when unknown.
  std::size_t node_index(const std::string& id) const;
  bool has_node(const std::string& id) const { return index_.count(id) != 0; }
  const std::vector<Road>& roads() const noexcept { return roads_; }

  /// The fastest route from one node to another (cached); std::nullopt when unreachable.
  const Route* route(std::size_t from, std::size_t to) const;
  Duration route_time(const Route& r) const;

 private:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                                      boost::property<boost::edge_weight_t, double,
                                                      boost::property<boost::edge_index_t, std::size_t>>>;
  std::vector<NodeConfig> nodes_;
  std::map<std::string, std::size_t> index_;
  std::vector<Road> roads_;
  Graph graph_;
  mutable std::map<std::pair<std::size_t, std::size_t>, std::optional<Route>> cache_;
};

}  // namespace portsim::port
