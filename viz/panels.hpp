// The visualizer's panels: one function per window, each taking what it shows.
#pragma once

#include "viz/viz_state.hpp"

namespace portsim::viz {

/// Loads (or reloads) a side from its file and overrides; on failure sets state.error.
bool load_side(VizState& state, Side& side, bool reset_levers);
/// Advances the clock by real_seconds x speed and the runs with it; samples the charts.
void advance(VizState& state, double real_seconds);
/// Jumps the clock (forward only for live runs) to t.
void jump_to(VizState& state, kernel::SimTime t);
/// The snapshot a side shows now (live run or replay frame).
port::Snapshot current_snapshot(const VizState& state, const Side& side);

void draw_map(VizState& state, Side& side, const char* name, Rect canvas);
void draw_side_panel(VizState& state);
void draw_compare_table(VizState& state, Rect area);
void draw_error(const VizState& state);

}  // namespace portsim::viz
