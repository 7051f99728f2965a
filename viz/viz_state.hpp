// The visualizer's window state: one VizState owned by main (no function-local statics). What the
// simulation does is the controller's; the rest is what only a window has (map views, selection,
// text fields, its size).
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "sim/port/observer.hpp"
#include "viz/viz_controller.hpp"
#include "viz/viz_model.hpp"

namespace portsim::viz {

struct VizState {
  VizController ctl;
  View view_a;  // zoom and pan of each map
  View view_b;
  std::optional<port::TruckId> selected_truck;
  std::optional<std::pair<int, int>> selected_lane;
  std::optional<int> selected_gate;
  char jump_text[32] = "6h";
  bool jump_edited = false;  // the user typed in the jump field: it stops following the clock
  std::string status;
  int window_w = 1280;
  int window_h = 800;
};

}  // namespace portsim::viz
