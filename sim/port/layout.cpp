#include "sim/port/layout.hpp"

#include <boost/graph/dijkstra_shortest_paths.hpp>

namespace portsim::port {

Duration Layout::Road::travel_time() const {
  return kernel::to_duration(length_m / (speed_kmh / 3.6));
}

Layout::Layout(const std::vector<NodeConfig>& nodes, const std::vector<RoadConfig>& roads)
    : nodes_(nodes), graph_(nodes.size()) {
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (!index_.emplace(nodes_[i].id, i).second) {
      throw LayoutError("layout.nodes[" + std::to_string(i) + "].id",
                        "duplicate node id \"" + nodes_[i].id + "\"");
    }
  }
  for (std::size_t r = 0; r < roads.size(); ++r) {
    const RoadConfig& rc = roads[r];
    const std::string path = "layout.roads[" + std::to_string(r) + "]";
    const auto from = index_.find(rc.from);
    if (from == index_.end()) throw LayoutError(path + ".from", "unknown node \"" + rc.from + "\"");
    const auto to = index_.find(rc.to);
    if (to == index_.end()) throw LayoutError(path + ".to", "unknown node \"" + rc.to + "\"");
    Road road{r, from->second, to->second, rc.length_m, rc.speed_kmh, rc.capacity_trucks};
    const double seconds = rc.length_m / (rc.speed_kmh / 3.6);
    boost::add_edge(road.from, road.to, Graph::edge_property_type(seconds, roads_.size()), graph_);
    roads_.push_back(road);
  }
}

std::size_t Layout::node_index(const std::string& id) const {
  const auto it = index_.find(id);
  if (it == index_.end()) throw std::out_of_range("unknown node \"" + id + "\"");
  return it->second;
}

const Layout::Route* Layout::route(std::size_t from, std::size_t to) const {
  const auto key = std::make_pair(from, to);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    std::optional<Route> result;
    if (from == to) {
      result = Route{};
    } else {
      const std::size_t n = boost::num_vertices(graph_);
      std::vector<std::size_t> pred(n);
      std::vector<double> dist(n);
      boost::dijkstra_shortest_paths(
          graph_, from,
          boost::predecessor_map(boost::make_iterator_property_map(pred.begin(), boost::get(boost::vertex_index, graph_)))
              .distance_map(boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, graph_))));
      if (pred[to] != to) {
        // Walk back along predecessors, picking the fastest parallel road at each hop.
        Route r;
        for (std::size_t v = to; v != from; v = pred[v]) {
          const std::size_t u = pred[v];
          std::size_t best = SIZE_MAX;
          for (const Road& road : roads_) {
            if (road.from == u && road.to == v &&
                (best == SIZE_MAX || road.travel_time() < roads_[best].travel_time())) {
              best = static_cast<std::size_t>(&road - roads_.data());
            }
          }
          r.push_back(best);
        }
        result = Route(r.rbegin(), r.rend());
      }
    }
    it = cache_.emplace(key, std::move(result)).first;
  }
  return it->second ? &*it->second : nullptr;
}

Duration Layout::route_time(const Route& r) const {
  Duration total{};
  for (std::size_t i : r) total += roads_[i].travel_time();
  return total;
}

}  // namespace portsim::port
