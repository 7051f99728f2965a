#include "sim/kernel/time.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <utility>

namespace portsim::kernel {

Duration to_duration(double seconds) {
  if (!std::isfinite(seconds)) {
    throw DurationError("time value is not a finite number of seconds");
  }
  const double ms = std::round(seconds * 1000.0);
  if (std::fabs(ms) > 9.0e18) {
    throw DurationError("time value " + std::to_string(seconds) + " s is out of range");
  }
  return Duration{static_cast<std::int64_t>(ms)};
}

namespace {

constexpr std::pair<std::string_view, std::int64_t> units[] = {
    {"ms", 1}, {"s", 1000}, {"min", 60'000}, {"h", 3'600'000}, {"d", 86'400'000}};

std::string bad(std::string_view text, std::string_view why) {
  return "invalid duration \"" + std::string(text) + "\": " + std::string(why) +
         "; expected a number followed by a unit (ms, s, min, h, d), for example \"90s\", "
         "\"2.5min\", \"1h\" or \"3d\"";
}

}  // namespace

Duration parse_duration(std::string_view text) {
  std::string_view s = text;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  if (s.empty()) throw DurationError(bad(text, "it is empty"));
  std::size_t pos = 0;
  bool negative = false;
  if (s[pos] == '+' || s[pos] == '-') {
    negative = s[pos] == '-';
    ++pos;
  }
  const std::size_t number_start = pos;
  while (pos < s.size() && (std::isdigit(static_cast<unsigned char>(s[pos])) != 0 || s[pos] == '.'))
    ++pos;
  const std::string_view number = s.substr(number_start, pos - number_start);
  if (number.empty() || number == ".") throw DurationError(bad(text, "no number"));
  double value = 0.0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc{} || end != number.data() + number.size()) {
    throw DurationError(bad(text, "\"" + std::string(number) + "\" is not a number"));
  }
  while (pos < s.size() && s[pos] == ' ') ++pos;
  const std::string_view unit = s.substr(pos);
  if (unit.empty()) throw DurationError(bad(text, "the unit is missing"));
  for (const auto& [name, ticks] : units) {
    if (unit == name) {
      const double ms = std::round(value * static_cast<double>(ticks));
      if (!std::isfinite(ms) || ms > 9.0e18) throw DurationError(bad(text, "the value is too large"));
      const auto count = static_cast<std::int64_t>(ms);
      return Duration{negative ? -count : count};
    }
  }
  throw DurationError(bad(text, "unknown unit \"" + std::string(unit) + "\""));
}

std::string format_duration(Duration d) {
  const std::int64_t ms = d.count();
  if (ms == 0) return "0s";
  const std::int64_t mag = ms < 0 ? -ms : ms;
  // Largest unit that represents the value exactly with at most 3 decimals.
  for (auto it = std::rbegin(units); it != std::rend(units); ++it) {
    const auto& [name, ticks] = *it;
    if (ticks == 1) break;
    if (mag >= ticks && (mag * 1000) % ticks == 0) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(ms) / static_cast<double>(ticks));
      std::string num = buf;
      while (num.back() == '0') num.pop_back();
      if (num.back() == '.') num.pop_back();
      return num + std::string(name);
    }
  }
  return std::to_string(ms) + "ms";
}

std::string format_clock(SimTime t) {
  const std::int64_t ms = t.time_since_epoch().count();
  const std::int64_t total_s = ms / 1000;
  const std::int64_t day = total_s / 86400 + 1;
  const std::int64_t rem = total_s % 86400;
  char buf[64];
  std::snprintf(buf, sizeof buf, "day %lld %02lld:%02lld:%02lld", static_cast<long long>(day),
                static_cast<long long>(rem / 3600), static_cast<long long>((rem / 60) % 60),
                static_cast<long long>(rem % 60));
  return buf;
}

}  // namespace portsim::kernel
