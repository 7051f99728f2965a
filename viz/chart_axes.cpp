#include "viz/chart_axes.hpp"

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace portsim::viz {

namespace {

std::string number_label(double v) {
  char text[48];
  if (std::abs(v) < 1e-12) v = 0;
  // Whole numbers in full ("1000", "2500000"), others with up to six significant digits.
  if (std::abs(v) < 1e12 && v == std::round(v)) std::snprintf(text, sizeof text, "%.0f", v);
  else std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

/// The smallest 1-2-5 step whose count over `span` is at most max_ticks.
double nice_step(double span, int max_ticks) {
  const double raw = span / std::max(1, max_ticks);
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * power >= raw * (1 - 1e-9)) return m * power;
  }
  return 10 * power;
}

}  // namespace

std::vector<Tick> value_ticks(double lo, double hi, int max_ticks) {
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi) || !std::isfinite(hi - lo) ||
      hi - lo < 1e-9 * std::max(std::abs(lo), std::abs(hi))) {
    lo = 0;
    hi = 1;
  }
  const double step = nice_step(hi - lo, max_ticks);
  const double first = std::floor(lo / step + 1e-9) * step;
  std::vector<Tick> ticks;
  for (int i = 0;; ++i) {
    const double v = first + i * step;
    ticks.push_back({v, number_label(v)});
    if (v >= hi * (1 - 1e-12) - 1e-12 || i > 2 * max_ticks + 2) break;
  }
  return ticks;
}

std::vector<Tick> time_ticks(kernel::SimTime t0, kernel::SimTime t1, int max_ticks) {
  using std::chrono::minutes;
  static constexpr std::array<int, 12> steps_min = {5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080};
  const auto span = t1 - t0;
  std::vector<Tick> ticks;
  if (span <= kernel::Duration{0}) return ticks;
  kernel::Duration step{0};
  for (int m : steps_min) {
    if (span / kernel::Duration(minutes(m)) + 1 <= max_ticks) {
      step = minutes(m);
      break;
    }
  }
  if (step == kernel::Duration{0}) {  // longer than the longest step allows: whole weeks
    const kernel::Duration week = minutes(steps_min.back());
    step = week * (span / week / std::max(1, max_ticks - 1) + 1);
  }
  const auto since = t0.time_since_epoch();
  auto t = kernel::SimTime{((since + step - kernel::Duration{1}) / step) * step};
  for (; t <= t1; t += step) {
    const auto ms = t.time_since_epoch().count();
    const long long day = ms / 86'400'000;
    const long long in_day = ms % 86'400'000;
    ticks.push_back({kernel::to_hours(t), in_day == 0 && day > 0 ? "d" + std::to_string(day + 1) + " 00:00" : hour_minute(t)});
  }
  return ticks;
}

std::string hour_minute(kernel::SimTime t) {
  const long long ms = t.time_since_epoch().count();
  const long long in_day = ((ms % 86'400'000) + 86'400'000) % 86'400'000;
  char text[16];
  std::snprintf(text, sizeof text, "%02lld:%02lld", in_day / 3'600'000, in_day / 60'000 % 60);
  return text;
}

ScaleBar scale_bar(double pixels_per_metre, float max_pixels) {
  ScaleBar bar{1, static_cast<float>(pixels_per_metre), "1 m"};
  if (!(pixels_per_metre > 0) || !std::isfinite(pixels_per_metre)) return bar;
  for (double power = 1; power <= 1e7; power *= 10) {
    for (double m : {1.0, 2.0, 5.0}) {
      const double metres = m * power;
      if (metres * pixels_per_metre > max_pixels) return bar;
      char text[32];
      if (metres >= 1000) {
        std::snprintf(text, sizeof text, "%g km", metres / 1000);
      } else {
        std::snprintf(text, sizeof text, "%g m", metres);
      }
      bar = {metres, static_cast<float>(metres * pixels_per_metre), text};
    }
  }
  return bar;
}

}  // namespace portsim::viz
