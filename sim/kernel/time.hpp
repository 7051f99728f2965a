// Simulated time (domain-free): integer ticks of 1 ms in std::chrono types, conversion of random
// samples in seconds, and parsing of the compact forms used in files ("90s", "2.5min", "1h", "3d").
#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace portsim::kernel {

/// Tag clock: only Simulation knows "now". One tick = 1 ms of simulated time.
struct SimClock {
  using rep = std::int64_t;
  using period = std::milli;
  using duration = std::chrono::duration<rep, period>;
  using time_point = std::chrono::time_point<SimClock, duration>;
  static constexpr bool is_steady = true;
};
using Duration = SimClock::duration;
using SimTime = SimClock::time_point;

inline constexpr SimTime time_zero{};
inline constexpr SimTime time_infinity{Duration{INT64_MAX}};

/// A duration text that does not parse; what() is a full sentence naming the text and the
/// accepted forms.
class DurationError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Converts a sample in seconds to ticks, rounding to the nearest millisecond. The only place in
/// PortSim where a floating-point time becomes a tick count. Throws DurationError for NaN,
/// infinity or values beyond about 292 million years.
Duration to_duration(double seconds);

/// Ticks as floating-point seconds / minutes / hours (for statistics and output).
constexpr double to_seconds(Duration d) { return static_cast<double>(d.count()) / 1000.0; }
constexpr double to_minutes(Duration d) { return static_cast<double>(d.count()) / 60000.0; }
constexpr double to_hours(Duration d) { return static_cast<double>(d.count()) / 3600000.0; }
constexpr double to_seconds(SimTime t) { return to_seconds(t.time_since_epoch()); }
constexpr double to_hours(SimTime t) { return to_hours(t.time_since_epoch()); }

/// Parses "<number><unit>" with unit one of ms, s, min, h, d (for example "90s", "2.5min",
/// "1h", "3d", "250ms"); a sign is allowed, spaces around the text and between number and unit
/// are ignored. The result is rounded to the nearest millisecond. Throws DurationError.
Duration parse_duration(std::string_view text);

/// Shortest exact text that parse_duration reads back to the same value ("90s", "2.5min", "1h").
std::string format_duration(Duration d);

/// Clock text for reports: "day 2 06:30:00" (days counted from 1).
std::string format_clock(SimTime t);

}  // namespace portsim::kernel
