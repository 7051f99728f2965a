// What portsim-viz draws, as plain functions of a snapshot (no ImGui, no OpenGL): the world-to-
// screen transform, truck positions and colours, lane boxes, the legend, chart series. Unit tested
// without a window; the window test uses the same functions to know where the gate is.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/kernel/time.hpp"
#include "sim/port/config.hpp"
#include "sim/port/layout.hpp"
#include "sim/port/observer.hpp"

namespace portsim::viz {

struct Vec2 {
  float x = 0;
  float y = 0;
};
struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  bool contains(Vec2 p) const { return p.x >= x && p.x <= x + w && p.y >= y && p.y <= y + h; }
  Vec2 centre() const { return {x + w / 2, y + h / 2}; }
};
struct Rgba {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
  /// ImGui's packed colour (IM_COL32 byte order: A B G R).
  std::uint32_t packed() const {
    return (static_cast<std::uint32_t>(a) << 24) | (static_cast<std::uint32_t>(b) << 16) |
           (static_cast<std::uint32_t>(g) << 8) | r;
  }
  bool operator==(const Rgba&) const = default;
};

/// Okabe-Ito colour-blind-safe palette.
Rgba truck_colour(port::TruckState s);
enum class LaneLook { Idle, Busy, Closed, DeviceFailed };
LaneLook lane_look(const port::Snapshot::LaneView& lane);
Rgba lane_colour(LaneLook look);
std::string to_string(LaneLook look);

struct LegendEntry {
  std::string label;
  Rgba colour;
};
/// Truck states then lane looks, in display order.
std::vector<LegendEntry> legend();

/// Where the map is drawn in a window of the given size (side 0 or 1 in compare mode).
Rect map_canvas(int window_w, int window_h, bool compare, int side);

struct Bounds {
  float min_x = 0, min_y = 0, max_x = 1, max_y = 1;
};
Bounds layout_bounds(const port::Layout& layout);

/// Zoom and pan on top of the fit-to-canvas transform.
struct View {
  Rect canvas;
  float zoom = 1;
  Vec2 pan{};  // screen pixels
};
/// World metres to screen pixels: the layout fits the canvas with a margin, y grows downward.
Vec2 to_screen(const View& view, const Bounds& bounds, Vec2 world);

struct TruckMark {
  port::TruckId id{};
  port::TruckState state{};
  Vec2 pos;
  Rgba colour;
};
/// Positions of every truck: on roads by progress, stacked behind their lane when queued, behind the
/// entry when spilled back, in a grid at inspection and yard nodes.
std::vector<TruckMark> truck_marks(const port::Layout& layout, const port::ScenarioConfig& cfg,
                                   const port::Snapshot& snap, const View& view, const Bounds& bounds);

struct LaneBox {
  int gate = 0;
  int lane = 0;
  Rect box;
  LaneLook look = LaneLook::Idle;
  Rgba colour;
  int queue = 0;
};
/// Each gate's lanes as small boxes across the road at the gate node.
std::vector<LaneBox> lane_boxes(const port::Layout& layout, const port::ScenarioConfig& cfg,
                                const port::Snapshot& snap, const View& view, const Bounds& bounds);

/// Screen position of a gate node (for tests and click detection).
Vec2 gate_position(const port::Layout& layout, const port::ScenarioConfig& cfg, int gate, const View& view,
                   const Bounds& bounds);

/// The nearest truck within `radius` pixels of p, or nullptr.
const TruckMark* pick_truck(const std::vector<TruckMark>& marks, Vec2 p, float radius = 6);

/// A bounded series for charts: the last `capacity` values with the simulated time of each.
class Series {
 public:
  explicit Series(std::size_t capacity = 600) : capacity_(capacity) {}
  void push(kernel::SimTime t, float v);
  const std::vector<float>& values() const noexcept { return values_; }
  const std::vector<kernel::SimTime>& times() const noexcept { return times_; }
  float max() const;
  /// Mean of the values at times in (t - window, t]; 0 when there are none.
  float mean_over(kernel::SimTime t, kernel::Duration window) const;
  void clear() {
    values_.clear();
    times_.clear();
  }

 private:
  std::size_t capacity_;
  std::vector<float> values_;
  std::vector<kernel::SimTime> times_;
};

/// "day 1 06:30:00" clock text.
std::string clock_text(kernel::SimTime t);

/// Counts trucks by state in a snapshot (for the KPI panel and the legend counts).
std::vector<int> count_by_state(const port::Snapshot& snap);

}  // namespace portsim::viz
