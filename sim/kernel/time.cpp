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

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

/// The text's value in ticks as a double (exact for every magnitude up to max_span), its sign
/// apart; throws DurationError for text that is not a duration. No integer arithmetic yet.
struct Parsed {
  bool negative = false;
  double ticks = 0;  // >= 0
};

Parsed parse_parts(std::string_view text) {
  const std::string_view s = trimmed(text);
  if (s.empty()) throw DurationError(bad(text, "it is empty"));
  std::size_t pos = 0;
  Parsed p;
  if (s[pos] == '+' || s[pos] == '-') {
    p.negative = s[pos] == '-';
    ++pos;
  }
  const std::size_t number_start = pos;
  while (pos < s.size() && (is_digit(s[pos]) || s[pos] == '.')) ++pos;
  const std::string_view number = s.substr(number_start, pos - number_start);
  if (number.empty() || number == ".") throw DurationError(bad(text, "no number"));
  double value = 0.0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec == std::errc::result_out_of_range && end == number.data() + number.size()) {
    // Digits beyond a double: huge when the integer part has a digit other than 0, else tiny.
    const std::string_view whole = number.substr(0, number.find('.'));
    value = whole.find_first_not_of('0') == std::string_view::npos ? 0.0 : HUGE_VAL;
    ec = std::errc{};
  }
  if (ec != std::errc{} || end != number.data() + number.size()) {
    throw DurationError(bad(text, "\"" + std::string(number) + "\" is not a number"));
  }
  while (pos < s.size() && s[pos] == ' ') ++pos;
  const std::string_view unit = s.substr(pos);
  if (unit.empty()) throw DurationError(bad(text, "the unit is missing"));
  for (const auto& [name, ticks] : units) {
    if (unit == name) {
      // value <= max / ticks first: the product then cannot overflow, and the cast below is exact.
      const double max_value = static_cast<double>(max_span.count()) / static_cast<double>(ticks);
      p.ticks = !(value <= max_value) ? HUGE_VAL : std::round(value * static_cast<double>(ticks));
      return p;
    }
  }
  throw DurationError(bad(text, "unknown unit \"" + std::string(unit) + "\""));
}

/// The parsed value in ticks, known to be within max_span.
Duration to_ticks(const Parsed& p) {
  const auto count = static_cast<std::int64_t>(p.ticks);
  return Duration{p.negative ? -count : count};
}

bool beyond_max_span(const Parsed& p) { return p.ticks > static_cast<double>(max_span.count()); }

}  // namespace

std::string max_span_text() {
  return format_duration(max_span) + " (" + std::to_string(max_span / (std::chrono::hours(24) * 365)) + " years)";
}

Duration parse_duration(std::string_view text) {
  const Parsed p = parse_parts(text);
  if (beyond_max_span(p)) {
    throw DurationRangeError("invalid duration \"" + std::string(text) + "\": it is longer than " +
                             max_span_text() + ", the longest time accepted");
  }
  return to_ticks(p);
}

std::string DurationRange::text() const {
  return "a duration in " + std::string(min_open ? "(" : "[") + format_duration(min) + ", " +
         format_duration(max) + "]";
}

Duration parse_duration(std::string_view text, const DurationRange& range) {
  const Parsed p = parse_parts(text);
  if (beyond_max_span(p) || !range.contains(to_ticks(p))) {
    throw DurationRangeError("expected " + range.text() + ", got \"" + std::string(text) + "\"");
  }
  return to_ticks(p);
}

bool looks_like_time_of_day(std::string_view text) {
  const std::string_view s = trimmed(text);
  const auto colon = s.find(':');
  return colon != std::string_view::npos && colon > 0 && colon + 1 < s.size() && is_digit(s[colon - 1]) &&
         is_digit(s[colon + 1]);
}

Duration parse_time_of_day(std::string_view text) {
  const std::string_view s = trimmed(text);
  const auto invalid = [&] {
    return DurationError("invalid time of day \"" + std::string(text) +
                         "\": expected HH:MM from 00:00 to 24:00, for example \"06:00\" or \"22:30\"");
  };
  const auto colon = s.find(':');
  if (colon == std::string_view::npos || colon < 1 || colon > 2 || s.size() != colon + 3) throw invalid();
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i != colon && !is_digit(s[i])) throw invalid();
  }
  const auto digits = [](std::string_view d) {
    int v = 0;
    for (const char c : d) v = v * 10 + (c - '0');
    return v;
  };
  const int hours = digits(s.substr(0, colon));
  const int minutes = digits(s.substr(colon + 1));
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) throw invalid();
  return std::chrono::hours(hours) + std::chrono::minutes(minutes);
}

std::string format_duration(Duration d) {
  const std::int64_t ms = d.count();
  if (ms == 0) return "0s";
  // The magnitude without negating (no overflow at INT64_MIN).
  const std::uint64_t mag = ms < 0 ? 0 - static_cast<std::uint64_t>(ms) : static_cast<std::uint64_t>(ms);
  // Largest unit that represents the value exactly with at most 3 decimals (every unit but ms is
  // a multiple of 1000 ticks: exact when the ticks are a multiple of a thousandth of the unit).
  for (auto it = std::rbegin(units); it != std::rend(units); ++it) {
    const auto& [name, ticks] = *it;
    if (ticks == 1) break;
    const auto unit_ticks = static_cast<std::uint64_t>(ticks);
    if (mag >= unit_ticks && mag % (unit_ticks / 1000) == 0) {
      // Whole units and thousandths in integers: exact for every tick count.
      const std::uint64_t thousandths = mag % unit_ticks / (unit_ticks / 1000);
      char decimals[8];
      std::snprintf(decimals, sizeof decimals, ".%03u", static_cast<unsigned>(thousandths));
      std::string fraction = decimals;
      while (fraction.back() == '0') fraction.pop_back();
      if (fraction.back() == '.') fraction.pop_back();
      return (ms < 0 ? "-" : "") + std::to_string(mag / unit_ticks) + fraction + std::string(name);
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
