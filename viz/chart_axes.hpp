// Axes for the viewer's charts and map, as plain functions (no ImGui): "nice" value ticks (1, 2 or
// 5 times a power of ten), clock ticks on a time axis, and the map's metre scale bar. Unit tested
// without a window; chart.cpp draws what they return.
#pragma once

#include <string>
#include <vector>

#include "sim/kernel/time.hpp"

namespace portsim::viz {

struct Tick {
  double value = 0;   // in the axis's unit (hours since time zero on a clock axis)
  std::string label;  // "40", "2.5", "14:00"
};

/// Ticks from 0 (or the nice step at or below lo) up to the first nice value at or above hi, at
/// most max_ticks + 1 of them; the last tick is where the axis should end. hi <= lo gives a 0..1
/// axis. Labels drop trailing zeros ("0.5", "2", "1000").
std::vector<Tick> value_ticks(double lo, double hi, int max_ticks);

/// Ticks on a clock axis from t0 to t1, inside it, at a step of 5, 10, 15 or 30 min or 1, 2, 3, 6
/// or 12 h or days, chosen so that at most max_ticks fit; labels "14:00" (a midnight after day 1
/// reads "d2 00:00"). Values are hours since time zero.
std::vector<Tick> time_ticks(kernel::SimTime t0, kernel::SimTime t1, int max_ticks);

/// The time of day of t as "14:05" (for labels; the day is not named).
std::string hour_minute(kernel::SimTime t);

struct ScaleBar {
  double metres = 0;  // a 1-2-5 length
  float pixels = 0;   // its length on screen
  std::string label;  // "200 m", "1 km", "2.5 km" never: only 1-2-5 lengths
};

/// The longest 1-2-5 length (10 m, 20 m, 50 m, 100 m, ... 1 km, 2 km, ...) whose bar is at most
/// max_pixels at pixels_per_metre; a bar of at least 1 m when even that is longer.
ScaleBar scale_bar(double pixels_per_metre, float max_pixels);

}  // namespace portsim::viz
