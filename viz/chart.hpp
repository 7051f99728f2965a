// The viewer's charts, drawn with ImGui's draw list: a title with its unit, a y axis with nice
// ticks, a clock (or value) x axis with labels, and the data as a line or as bars. The chart takes
// the panel's full width so that no label is cut off. Ticks come from chart_axes.hpp.
#pragma once

#include <string>

#include "sim/kernel/statistics.hpp"
#include "viz/viz_model.hpp"

namespace portsim::viz {

/// A series over simulated time: a line through the samples, or (bars) one bar per sample
/// covering the `bar_span` before its time. Nothing but the axes when the series is empty.
void draw_time_chart(const std::string& title, const std::string& y_unit, const Series& series, bool bars,
                     kernel::Duration bar_span);

/// A histogram with its bin edges on the x axis in `x_unit` and counts on the y axis.
void draw_histogram_chart(const std::string& title, const std::string& x_unit, const kernel::Histogram& h);

}  // namespace portsim::viz
