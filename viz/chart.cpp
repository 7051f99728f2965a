#include "viz/chart.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "viz/chart_axes.hpp"

namespace portsim::viz {

namespace {

constexpr float chart_height = 96;   // plot area
constexpr float y_label_width = 34;  // room for "1000" left of the y axis
constexpr float x_label_height = 16;
constexpr ImU32 axis_colour = IM_COL32(170, 170, 180, 255);
constexpr ImU32 grid_colour = IM_COL32(70, 70, 80, 255);
constexpr ImU32 label_colour = IM_COL32(200, 200, 210, 255);
constexpr ImU32 data_colour = IM_COL32(86, 180, 233, 255);  // Okabe-Ito sky blue

/// The plot area of a chart (after its title line), reserved in the panel's layout.
struct Frame {
  ImDrawList* dl = nullptr;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // plot area in screen pixels
  double lo = 0, hi = 1;                  // x range
  double ymax = 1;
  float x(double v) const { return x0 + static_cast<float>((v - lo) / (hi - lo)) * (x1 - x0); }
  float y(double v) const { return y1 - static_cast<float>(v / ymax) * (y1 - y0); }
};

Frame begin_chart(const std::string& title, const std::string& unit, double lo, double hi, double data_max) {
  ImGui::Text("%s (%s)", title.c_str(), unit.c_str());
  Frame f;
  f.dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(120.f, ImGui::GetContentRegionAvail().x);
  ImGui::Dummy(ImVec2(width, chart_height + x_label_height + 4));
  f.x0 = origin.x + y_label_width;
  f.x1 = origin.x + width - 18;  // half a clock label fits right of the last tick
  f.y0 = origin.y + 4;
  f.y1 = origin.y + chart_height;
  f.lo = lo;
  f.hi = hi > lo ? hi : lo + 1;
  const auto yt = value_ticks(0, data_max, 4);
  f.ymax = yt.back().value > 0 ? yt.back().value : 1;
  for (const auto& t : yt) {
    const float y = f.y(t.value);
    f.dl->AddLine(ImVec2(f.x0, y), ImVec2(f.x1, y), grid_colour);
    const ImVec2 size = ImGui::CalcTextSize(t.label.c_str());
    f.dl->AddText(ImVec2(f.x0 - 4 - size.x, y - size.y / 2), label_colour, t.label.c_str());
  }
  f.dl->AddLine(ImVec2(f.x0, f.y0), ImVec2(f.x0, f.y1), axis_colour);
  f.dl->AddLine(ImVec2(f.x0, f.y1), ImVec2(f.x1, f.y1), axis_colour);
  return f;
}

void x_tick(const Frame& f, double v, const std::string& label) {
  const float x = f.x(v);
  f.dl->AddLine(ImVec2(x, f.y1), ImVec2(x, f.y1 + 3), axis_colour);
  const ImVec2 size = ImGui::CalcTextSize(label.c_str());
  f.dl->AddText(ImVec2(x - size.x / 2, f.y1 + 3), label_colour, label.c_str());
}

}  // namespace

void draw_time_chart(const std::string& title, const std::string& y_unit, const Series& series, bool bars,
                     kernel::Duration bar_span) {
  const auto& v = series.values();
  const auto& t = series.times();
  kernel::SimTime first = t.empty() ? kernel::time_zero : t.front();
  if (bars) first = std::max(kernel::time_zero, first - bar_span);
  // At least an hour wide: extended to the right (never before time zero).
  const kernel::SimTime last = std::max(t.empty() ? first : t.back(), first + std::chrono::hours(1));
  const Frame f = begin_chart(title, y_unit, kernel::to_hours(first), kernel::to_hours(last), series.max());
  const float label_room = ImGui::CalcTextSize("d2 00:00").x + 8;
  const int max_ticks = std::max(2, static_cast<int>((f.x1 - f.x0) / label_room));
  for (const auto& tick : time_ticks(first, last, max_ticks)) x_tick(f, tick.value, tick.label);
  for (std::size_t i = 0; i < v.size(); ++i) {
    const float x = f.x(kernel::to_hours(t[i]));
    if (bars) {
      const float x_left = f.x(kernel::to_hours(t[i] - bar_span));
      f.dl->AddRectFilled(ImVec2(x_left + 1, f.y(v[i])), ImVec2(x - 1, f.y1), data_colour);
    } else if (i > 0) {
      f.dl->AddLine(ImVec2(f.x(kernel::to_hours(t[i - 1])), f.y(v[i - 1])), ImVec2(x, f.y(v[i])), data_colour, 1.5f);
    }
  }
}

void draw_histogram_chart(const std::string& title, const std::string& x_unit, const kernel::Histogram& h) {
  double top = 0;
  for (std::size_t i = 0; i < h.bins(); ++i) top = std::max(top, static_cast<double>(h.count(i)));
  const double lo = h.bin_low(0);
  const double hi = h.bin_low(h.bins() - 1) + h.width();
  const Frame f = begin_chart(title, "trucks per bin; x in " + x_unit, lo, hi, top);
  const int max_ticks = std::max(2, static_cast<int>((f.x1 - f.x0) / 40));
  for (const auto& tick : value_ticks(lo, hi, max_ticks)) {
    if (tick.value >= lo && tick.value <= hi) x_tick(f, tick.value, tick.label);
  }
  for (std::size_t i = 0; i < h.bins(); ++i) {
    if (h.count(i) == 0) continue;
    f.dl->AddRectFilled(ImVec2(f.x(h.bin_low(i)), f.y(static_cast<double>(h.count(i)))),
                        ImVec2(std::max(f.x(h.bin_low(i)) + 1, f.x(h.bin_low(i) + h.width())), f.y1), data_colour);
  }
}

}  // namespace portsim::viz
