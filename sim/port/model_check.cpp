#include "sim/port/model_check.hpp"

#include <algorithm>
#include <memory>
#include <optional>

#include "sim/port/layout.hpp"

namespace portsim::port {

std::vector<std::pair<std::string, std::string>> check_model(const ScenarioConfig& cfg) {
  std::vector<std::pair<std::string, std::string>> problems;
  std::unique_ptr<Layout> layout;
  try {
    layout = std::make_unique<Layout>(cfg.nodes, cfg.roads);
  } catch (const LayoutError& e) {
    problems.emplace_back(e.path(), e.what());
    return problems;
  }
  std::vector<std::string> device_ids;
  for (const DeviceConfig& d : cfg.devices) device_ids.push_back(d.id);
  const auto has_device = [&](const std::string& id) {
    return std::find(device_ids.begin(), device_ids.end(), id) != device_ids.end();
  };
  const auto node_of_kind = [&](const std::string& path, const std::string& id, NodeKind kind,
                                bool required) -> std::optional<std::size_t> {
    if (id.empty()) {
      if (required) problems.emplace_back(path, "a " + to_string(kind) + " node is required");
      return std::nullopt;
    }
    if (!layout->has_node(id)) {
      problems.emplace_back(path, "unknown node \"" + id + "\"");
      return std::nullopt;
    }
    const std::size_t n = layout->node_index(id);
    if (layout->node(n).kind != kind) {
      problems.emplace_back(path, "node \"" + id + "\" is a " + to_string(layout->node(n).kind) +
                                      " node, expected a " + to_string(kind) + " node");
      return std::nullopt;
    }
    return n;
  };
  const auto reachable = [&](const std::string& path, std::optional<std::size_t> a,
                             std::optional<std::size_t> b) {
    if (a && b && layout->route(*a, *b) == nullptr) {
      problems.emplace_back(path, "no road leads from \"" + layout->node(*a).id + "\" to \"" +
                                      layout->node(*b).id + "\"");
    }
  };
  if (cfg.gates.empty()) problems.emplace_back("gates", "at least one gate is required");
  for (std::size_t g = 0; g < cfg.gates.size(); ++g) {
    const GateConfig& gate = cfg.gates[g];
    const std::string p = "gates[" + std::to_string(g) + "]";
    const auto entry = node_of_kind(p + ".entry", gate.entry, NodeKind::Entry, true);
    const auto node = node_of_kind(p + ".node", gate.node, NodeKind::Gate, true);
    const auto yard = node_of_kind(p + ".yard", gate.yard, NodeKind::Yard, true);
    const auto exit = node_of_kind(p + ".exit", gate.exit, NodeKind::Exit, true);
    const auto insp = node_of_kind(p + ".inspection", gate.inspection, NodeKind::Inspection, false);
    reachable(p + ".node", entry, node);
    if (insp) {
      reachable(p + ".inspection", node, insp);
      reachable(p + ".inspection", insp, yard);
    }
    reachable(p + ".yard", node, yard);
    reachable(p + ".exit", yard, exit);
    if (gate.lanes.empty()) problems.emplace_back(p + ".lanes", "a gate needs at least one lane");
    bool general = false;
    std::vector<std::string> reported;  // lanes made by `count` share their devices: report once
    for (std::size_t l = 0; l < gate.lanes.size(); ++l) {
      const LaneConfig& lane = gate.lanes[l];
      if (lane.kind == LaneKind::General) general = true;
      for (std::size_t d = 0; d < lane.devices.size(); ++d) {
        if (!has_device(lane.devices[d]) &&
            std::find(reported.begin(), reported.end(), lane.devices[d]) == reported.end()) {
          reported.push_back(lane.devices[d]);
          problems.emplace_back(p + ".lanes[" + std::to_string(l) + "].devices[" + std::to_string(d) + "]",
                                "unknown device \"" + lane.devices[d] + "\"");
        }
      }
    }
    for (std::size_t k = 0; k < gate.lane_policies.size(); ++k) {
      const LanePolicyConfig& lp = gate.lane_policies[k];
      const std::string pp = p + ".lane_policies[" + std::to_string(k) + "]";
      int of_kind = 0;
      for (std::size_t l = 0; l < gate.lanes.size(); ++l) {
        if (gate.lanes[l].kind != lp.kind) continue;
        ++of_kind;
        if (!gate.lanes[l].open.empty()) {
          problems.emplace_back(p + ".lanes[" + std::to_string(l) + "].open",
                                "lane \"" + gate.lanes[l].id + "\" is a " + to_string(lp.kind) +
                                    " lane under a lane policy: it opens by the policy, not by opening hours");
        }
      }
      if (of_kind < lp.min_lanes) {
        problems.emplace_back(pp + ".min_lanes", "the gate has " + std::to_string(of_kind) + " " + to_string(lp.kind) +
                                                     " lane(s), fewer than min_lanes " + std::to_string(lp.min_lanes));
      }
      if (lp.close_below > lp.open_above) {
        problems.emplace_back(pp + ".close_below", "close_below (" + kernel::format_duration(lp.close_below) +
                                                       ") must not be above open_above (" +
                                                       kernel::format_duration(lp.open_above) + ")");
      }
      for (std::size_t j = 0; j < k; ++j) {
        if (gate.lane_policies[j].kind == lp.kind) {
          problems.emplace_back(pp + ".kind", "a second policy for the " + to_string(lp.kind) + " lanes (the first is lane_policies[" +
                                                  std::to_string(j) + "])");
        }
      }
    }
    if (!gate.lanes.empty() && !general) {
      problems.emplace_back(p + ".lanes", "a gate needs at least one general lane (paper, non-trusted, "
                                          "walk-in trucks can use no other)");
    }
  }
  for (std::size_t i = 0; i < cfg.customs.xray_scanners.size(); ++i) {
    const std::string& id = cfg.customs.xray_scanners[i];
    const std::string path = "customs.xray_scanners[" + std::to_string(i) + "]";
    const auto it = std::find_if(cfg.devices.begin(), cfg.devices.end(), [&](const DeviceConfig& d) { return d.id == id; });
    if (it == cfg.devices.end()) {
      problems.emplace_back(path, "unknown device \"" + id + "\"");
    } else if (it->kind != DeviceKind::XrayScanner) {
      problems.emplace_back(path, "device \"" + id + "\" is a " + to_string(it->kind) + ", expected an xray_scanner");
    }
  }
  bool any_officer = false;
  for (const DailyWindow& w : cfg.customs.officer_shifts) any_officer = any_officer || w.count > 0;
  if (!any_officer) {
    problems.emplace_back("customs.officer_shifts", "no officer is ever on duty: inspections could never end");
  }
  return problems;
}

}  // namespace portsim::port
