#include "viz/viz_model.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace portsim::viz {

Rgba truck_colour(port::TruckState s) {
  switch (s) {
    case port::TruckState::Travelling: return {86, 180, 233, 255};               // sky blue
    case port::TruckState::SpilledBack: return {213, 94, 0, 255};                // vermillion
    case port::TruckState::Queued: return {230, 159, 0, 255};                    // orange
    case port::TruckState::InService: return {0, 158, 115, 255};                 // bluish green
    case port::TruckState::SelectedForInspection: return {204, 121, 167, 255};   // reddish purple
    case port::TruckState::UnderInspection: return {0, 114, 178, 255};           // blue
    case port::TruckState::Released: return {240, 228, 66, 255};                // yellow
  }
  return {255, 255, 255, 255};
}

LaneLook lane_look(const port::Snapshot::LaneView& lane) {
  if (!lane.open) return LaneLook::Closed;
  if (lane.device_failed) return LaneLook::DeviceFailed;
  return lane.busy ? LaneLook::Busy : LaneLook::Idle;
}

Rgba lane_colour(LaneLook look) {
  switch (look) {
    case LaneLook::Idle: return {190, 190, 190, 255};
    case LaneLook::Busy: return {0, 158, 115, 255};
    case LaneLook::Closed: return {70, 70, 70, 255};
    case LaneLook::DeviceFailed: return {213, 94, 0, 255};
  }
  return {255, 255, 255, 255};
}

std::string to_string(LaneLook look) {
  switch (look) {
    case LaneLook::Idle: return "idle";
    case LaneLook::Busy: return "busy";
    case LaneLook::Closed: return "closed";
    case LaneLook::DeviceFailed: return "device failed";
  }
  return "?";
}

std::vector<LegendEntry> legend() {
  std::vector<LegendEntry> l;
  for (int s = 0; s <= static_cast<int>(port::TruckState::Released); ++s) {
    const auto st = static_cast<port::TruckState>(s);
    std::string name = port::to_string(st);
    std::replace(name.begin(), name.end(), '_', ' ');
    l.push_back({"truck " + name, truck_colour(st)});
  }
  for (LaneLook look : {LaneLook::Idle, LaneLook::Busy, LaneLook::Closed, LaneLook::DeviceFailed}) {
    l.push_back({"lane " + to_string(look), lane_colour(look)});
  }
  return l;
}

Rect map_canvas(int window_w, int window_h, bool compare, int side) {
  const auto w = static_cast<float>(window_w), h = static_cast<float>(window_h);
  const float panel = 420;  // right-hand panels
  if (!compare) return {0, 0, w - panel, h};
  const float half = (w - panel) / 2;
  return {half * static_cast<float>(side), 0, half, h * 0.62f};
}

Bounds layout_bounds(const port::Layout& layout) {
  Bounds b{1e30f, 1e30f, -1e30f, -1e30f};
  for (std::size_t i = 0; i < layout.node_count(); ++i) {
    const auto& n = layout.node(i);
    b.min_x = std::min(b.min_x, static_cast<float>(n.x_m));
    b.max_x = std::max(b.max_x, static_cast<float>(n.x_m));
    b.min_y = std::min(b.min_y, static_cast<float>(n.y_m));
    b.max_y = std::max(b.max_y, static_cast<float>(n.y_m));
  }
  if (layout.node_count() == 0) return {};
  // A layout flat in one direction keeps its centre line in the middle of the canvas.
  if (b.max_x - b.min_x < 1) {
    b.min_x -= 0.5f;
    b.max_x += 0.5f;
  }
  if (b.max_y - b.min_y < 1) {
    b.min_y -= 0.5f;
    b.max_y += 0.5f;
  }
  return b;
}

Vec2 to_screen(const View& view, const Bounds& b, Vec2 world) {
  const float margin = 0.12f;
  const float w = view.canvas.w * (1 - 2 * margin), h = view.canvas.h * (1 - 2 * margin);
  const float scale = std::min(w / (b.max_x - b.min_x), h / (b.max_y - b.min_y)) * view.zoom;
  const float cx = (b.min_x + b.max_x) / 2, cy = (b.min_y + b.max_y) / 2;
  const Vec2 centre = view.canvas.centre();
  return {centre.x + (world.x - cx) * scale + view.pan.x, centre.y - (world.y - cy) * scale + view.pan.y};
}

namespace {

Vec2 node_screen(const port::Layout& layout, std::size_t n, const View& view, const Bounds& b) {
  const auto& node = layout.node(n);
  return to_screen(view, b, {static_cast<float>(node.x_m), static_cast<float>(node.y_m)});
}

Vec2 unit(Vec2 a, Vec2 b) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float len = std::sqrt(dx * dx + dy * dy);
  return len > 1e-6f ? Vec2{dx / len, dy / len} : Vec2{1, 0};
}

/// Direction (screen) along which trucks approach node n: from the first road into it.
Vec2 approach_dir(const port::Layout& layout, std::size_t n, const View& view, const Bounds& b) {
  for (const auto& r : layout.roads()) {
    if (r.to == n) return unit(node_screen(layout, r.from, view, b), node_screen(layout, n, view, b));
  }
  return {1, 0};
}

/// Direction (screen) in which trucks leave node n by its first road.
Vec2 leave_dir(const port::Layout& layout, std::size_t n, const View& view, const Bounds& b) {
  for (const auto& r : layout.roads()) {
    if (r.from == n) return unit(node_screen(layout, n, view, b), node_screen(layout, r.to, view, b));
  }
  return {1, 0};
}

constexpr float lane_pitch = 11;  // px between lane boxes
constexpr float truck_gap = 5;    // px between queued trucks

/// A gate on screen: its position, the direction trucks approach it from, and its lane count.
struct GateFrame {
  Vec2 centre;
  Vec2 dir;
  float lanes;
  /// The point `across` lane pitches sideways from the centre line and `back` pixels before the gate.
  Vec2 at(float across, float back) const {
    return {centre.x - dir.x * back - dir.y * across * lane_pitch, centre.y - dir.y * back + dir.x * across * lane_pitch};
  }
  /// Lane l's sideways offset, in lane pitches (lanes centred on the road).
  float lane(int l) const { return static_cast<float>(l) - (lanes - 1) / 2; }
};

GateFrame gate_frame(const port::Layout& layout, const port::ScenarioConfig& cfg, int gate, const View& view,
                     const Bounds& b) {
  const auto& g = cfg.gates.at(static_cast<std::size_t>(gate));
  const std::size_t node = layout.node_index(g.node);
  return {node_screen(layout, node, view, b), approach_dir(layout, node, view, b), static_cast<float>(g.lanes.size())};
}

}  // namespace

Vec2 gate_position(const port::Layout& layout, const port::ScenarioConfig& cfg, int gate, const View& view,
                   const Bounds& bounds) {
  return node_screen(layout, layout.node_index(cfg.gates.at(static_cast<std::size_t>(gate)).node), view, bounds);
}

std::vector<LaneBox> lane_boxes(const port::Layout& layout, const port::ScenarioConfig& cfg,
                                const port::Snapshot& snap, const View& view, const Bounds& bounds) {
  std::vector<LaneBox> out;
  for (const auto& l : snap.lanes) {
    const GateFrame f = gate_frame(layout, cfg, l.gate, view, bounds);
    const Vec2 c = f.at(f.lane(l.lane), 0);
    LaneBox box;
    box.gate = l.gate;
    box.lane = l.lane;
    box.box = {c.x - 4, c.y - 4, 8, 8};
    box.look = lane_look(l);
    box.colour = lane_colour(box.look);
    box.queue = l.queue;
    out.push_back(box);
  }
  return out;
}

std::vector<TruckMark> truck_marks(const port::Layout& layout, const port::ScenarioConfig& cfg,
                                   const port::Snapshot& snap, const View& view, const Bounds& bounds) {
  std::vector<TruckMark> out;
  out.reserve(snap.trucks.size());
  std::map<std::pair<int, int>, int> queue_pos;  // (gate, lane) -> trucks placed
  std::map<int, int> spill_pos, node_pos;
  for (const auto& t : snap.trucks) {
    TruckMark m{t.id, t.state, {}, truck_colour(t.state)};
    const auto id = static_cast<std::uint32_t>(t.id);
    if (t.state == port::TruckState::Queued && t.gate >= 0) {
      const GateFrame f = gate_frame(layout, cfg, t.gate, view, bounds);
      const int k = queue_pos[{t.gate, t.lane}]++;
      if (t.lane >= 0) {
        m.pos = f.at(f.lane(t.lane), 10 + truck_gap * static_cast<float>(k));
      } else {  // common queue: rows as wide as the gate
        const int per_row = std::max(1, static_cast<int>(f.lanes));
        m.pos = f.at(f.lane(k % per_row), 10 + truck_gap * static_cast<float>(k / per_row));
      }
    } else if (t.state == port::TruckState::SpilledBack && t.gate >= 0) {
      const auto& gate = cfg.gates.at(static_cast<std::size_t>(t.gate));
      const std::size_t node = layout.node_index(gate.entry);
      const Vec2 e = node_screen(layout, node, view, bounds);
      const Vec2 d = leave_dir(layout, node, view, bounds);
      const Vec2 perp{-d.y, d.x};
      const int k = spill_pos[t.gate]++;
      const float back = truck_gap * static_cast<float>(k / 3);
      const float side = (static_cast<float>(k % 3) - 1) * 4;
      m.pos = {e.x - d.x * back + perp.x * side, e.y - d.y * back + perp.y * side};
    } else if (t.road >= 0 && static_cast<std::size_t>(t.road) < layout.roads().size()) {
      const auto& r = layout.roads()[static_cast<std::size_t>(t.road)];
      const Vec2 a = node_screen(layout, r.from, view, bounds), b = node_screen(layout, r.to, view, bounds);
      const Vec2 d = unit(a, b);
      const float side = static_cast<float>(static_cast<int>(id % 3) - 1) * 3;
      const auto p = static_cast<float>(t.road_progress);
      m.pos = {a.x + (b.x - a.x) * p - d.y * side, a.y + (b.y - a.y) * p + d.x * side};
    } else if (t.state == port::TruckState::InService && t.gate >= 0 && t.lane >= 0) {
      const GateFrame f = gate_frame(layout, cfg, t.gate, view, bounds);
      m.pos = f.at(f.lane(t.lane), -7);
    } else if (t.node >= 0 && static_cast<std::size_t>(t.node) < layout.node_count()) {
      const Vec2 c = node_screen(layout, static_cast<std::size_t>(t.node), view, bounds);
      const int k = node_pos[t.node]++;
      const int per_row = 12;
      m.pos = {c.x + 8 + static_cast<float>(k % per_row) * 4, c.y + 8 + static_cast<float>(k / per_row) * 4};
    } else {
      continue;
    }
    out.push_back(m);
  }
  return out;
}

const TruckMark* pick_truck(const std::vector<TruckMark>& marks, Vec2 p, float radius) {
  const TruckMark* best = nullptr;
  float best_d = radius * radius;
  for (const auto& m : marks) {
    const float dx = m.pos.x - p.x, dy = m.pos.y - p.y;
    const float d = dx * dx + dy * dy;
    if (d <= best_d) {
      best_d = d;
      best = &m;
    }
  }
  return best;
}

void Series::push(kernel::SimTime t, float v) {
  values_.push_back(v);
  times_.push_back(t);
  if (values_.size() > capacity_) {
    values_.erase(values_.begin());
    times_.erase(times_.begin());
  }
}

float Series::mean_over(kernel::SimTime t, kernel::Duration window) const {
  double sum = 0;
  int n = 0;
  for (std::size_t i = 0; i < values_.size(); ++i) {
    if (times_[i] > t - window && times_[i] <= t) {
      sum += values_[i];
      ++n;
    }
  }
  return n == 0 ? 0.f : static_cast<float>(sum / n);
}

float Series::max() const {
  float m = 0;
  for (float v : values_) m = std::max(m, v);
  return m;
}

std::string clock_text(kernel::SimTime t) { return kernel::format_clock(t); }

std::vector<int> count_by_state(const port::Snapshot& snap) {
  std::vector<int> counts(static_cast<std::size_t>(port::TruckState::Released) + 1, 0);
  for (const auto& t : snap.trucks) ++counts[static_cast<std::size_t>(t.state)];
  return counts;
}

}  // namespace portsim::viz
