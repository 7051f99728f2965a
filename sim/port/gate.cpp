#include "sim/port/gate.hpp"

#include <algorithm>
#include <cstdint>

#include "sim/port/model_check.hpp"

namespace portsim::port {

using namespace std::chrono_literals;

bool in_window(kernel::Duration tod, const DailyWindow& w) {
  if (w.from <= w.to) return tod >= w.from && tod < w.to;
  return tod >= w.from || tod < w.to;  // wraps past midnight
}

kernel::Duration time_of_day(kernel::SimTime t) {
  return kernel::Duration{t.time_since_epoch().count() % kernel::Duration(24h).count()};
}

kernel::Duration until_next_boundary(kernel::SimTime t, const std::vector<DailyWindow>& windows) {
  const kernel::Duration tod = time_of_day(t);
  kernel::Duration best = 24h;
  for (const DailyWindow& w : windows) {
    for (const kernel::Duration b : {w.from, w.to}) {
      kernel::Duration d = b - tod;
      if (d <= kernel::Duration{0}) d += 24h;
      best = std::min(best, d);
    }
  }
  return best;
}

Gates::Gates(kernel::Simulation& sim, const ScenarioConfig& cfg, const Layout& layout, Devices& devices,
             const EventBus& bus)
    : bus_(bus) {
  const auto device_config = [&](const std::string& id) -> const DeviceConfig& {
    for (const DeviceConfig& d : cfg.devices) {
      if (d.id == id) return d;
    }
    throw ModelError("devices", "unknown device \"" + id + "\"");  // check_model reports it first
  };
  for (std::size_t gi = 0; gi < cfg.gates.size(); ++gi) {
    const GateConfig& gc = cfg.gates[gi];
    Gate g;
    g.cfg = &gc;
    g.index = static_cast<int>(gi);
    g.entry = layout.node_index(gc.entry);
    g.node = layout.node_index(gc.node);
    g.yard = layout.node_index(gc.yard);
    g.exit = layout.node_index(gc.exit);
    if (!gc.inspection.empty()) g.inspection = layout.node_index(gc.inspection);
    g.to_gate = layout.route(g.entry, g.node);
    g.to_yard = layout.route(g.node, g.yard);
    g.to_exit = layout.route(g.yard, g.exit);
    if (g.inspection) {
      g.to_inspection = layout.route(g.node, *g.inspection);
      g.inspection_to_yard = layout.route(*g.inspection, g.yard);
    }
    g.free_flow_to_gate = layout.route_time(*g.to_gate);
    for (std::size_t li = 0; li < gc.lanes.size(); ++li) {
      const LaneConfig& lc = gc.lanes[li];
      Lane lane{&lc, g.index, static_cast<int>(li), std::make_unique<kernel::Resource>(sim, 1), {}, true};
      for (std::size_t d = 0; d < lc.devices.size(); ++d) {
        Device dev;
        dev.cfg = &device_config(lc.devices[d]);
        dev.name = gc.id + "/" + lc.id + "/" + lc.devices[d];
        dev.gate = g.index;
        dev.lane = static_cast<int>(li);
        dev.index_in_lane = static_cast<int>(d);
        lane.devices.push_back(devices.add(std::move(dev)));
      }
      g.lanes.push_back(lanes_.size());
      lanes_.push_back(std::move(lane));
    }
    gates_.push_back(std::move(g));
  }
}

bool Gates::eligible(const Lane& lane, const Truck& t) {
  switch (lane.cfg->kind) {
    case LaneKind::General: return true;
    case LaneKind::TrustedTrader: return t.trusted;
    case LaneKind::AppointmentOnly: return t.appointment;
    case LaneKind::PaperlessOnly: return t.declaration != DeclarationMode::Paper;
  }
  return false;
}

bool Gates::is_free(const Lane& lane) const {
  return lane.open && !lane.reserved && lane.res->in_use() == 0 && lane.res->queue_length() == 0;
}

std::size_t Gates::choose(const Gate& g, const Truck& t) const {
  return g.cfg->lane_choice == LaneChoice::CommonQueue ? free_lane(g, t) : shortest_queue(g, t);
}

std::size_t Gates::free_lane(const Gate& g, const Truck& t) const {
  if (!g.common_queue.empty()) return no_lane;  // first come, first served
  for (std::size_t li : g.lanes) {
    if (is_free(lanes_[li]) && eligible(lanes_[li], t)) return li;
  }
  return no_lane;
}

/// The shortest eligible queue among open lanes (closed ones only if none is open).
std::size_t Gates::shortest_queue(const Gate& g, const Truck& t) const {
  std::size_t best = no_lane;
  std::int64_t best_load = 0;
  bool best_open = false;
  for (std::size_t li : g.lanes) {
    const Lane& lane = lanes_[li];
    if (!eligible(lane, t)) continue;
    const std::int64_t load = lane.res->in_use() + lane.res->queue_length();
    if (best == no_lane || (lane.open && !best_open) || (lane.open == best_open && load < best_load)) {
      best = li;
      best_load = load;
      best_open = lane.open;
    }
  }
  return best;
}

void Gates::dispatch(Gate& g) {
  for (std::size_t li : g.lanes) {
    Lane& lane = lanes_[li];
    if (!is_free(lane)) continue;
    for (auto it = g.common_queue.begin(); it != g.common_queue.end(); ++it) {
      if (!eligible(lane, *it->truck)) continue;
      lane.reserved = true;
      kernel::Event<std::size_t>* ev = it->assigned;
      g.common_queue.erase(it);
      ev->trigger(li);
      break;
    }
  }
}

kernel::Process Gates::lane_hours(kernel::Simulation& s, std::size_t li) {
  Lane& lane = lanes_[li];
  const auto& windows = lane.cfg->open;
  while (true) {
    const kernel::Duration tod = time_of_day(s.now());
    bool open = false;
    for (const DailyWindow& w : windows) open = open || in_window(tod, w);
    set_open(li, open, s.now());
    co_await s.timeout(until_next_boundary(s.now(), windows));
  }
}

void Gates::set_open(std::size_t li, bool open, kernel::SimTime now) {
  Lane& lane = lanes_[li];
  if (open == lane.open) return;
  lane.open = open;
  lane.res->set_capacity(open ? 1 : 0);
  bus_.publish(DomainEvent{open ? EventKind::LaneOpened : EventKind::LaneClosed, now, TruckId{}, lane.gate, lane.index});
  Gate& g = gates_[static_cast<std::size_t>(lane.gate)];
  if (open && g.cfg->lane_choice == LaneChoice::CommonQueue) dispatch(g);
}

void Gates::restart_statistics() {
  for (Lane& l : lanes_) l.res->restart_statistics();
}

}  // namespace portsim::port
