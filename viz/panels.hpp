// The visualizer's panels: one function per window, each drawing what it is given and calling the
// controller for anything that changes the simulation.
#pragma once

#include "viz/viz_state.hpp"

namespace portsim::viz {

/// One side's map in `canvas`; pans and zooms `view`, selects what is clicked.
void draw_map(VizState& state, const Side& side, View& view, const char* name, Rect canvas);
void draw_side_panel(VizState& state);
void draw_compare_table(const VizController& ctl, Rect area);
void draw_error(const VizState& state);

}  // namespace portsim::viz
