// Simulated time (domain-free): integer ticks of 1 ms in std::chrono types, conversion of random
// samples in seconds, and the one parser of the compact forms used in files and flags ("90s",
// "2.5min", "1h", "3d"; times of day "10:00"), with its range checks.
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
/// The smallest step of simulated time.
inline constexpr Duration one_tick{1};

/// The longest time a file or a flag may give (3650d, 10 years): beyond any study, short enough
/// that a run of it ends (a 32-bit count of seconds, 68 years, does not), and sums and doublings of
/// such times (warm-up plus run, a pilot run) are far from overflowing the tick count.
inline constexpr Duration max_span = std::chrono::hours(24) * 3650;
/// "3650d (10 years)": max_span as messages name it.
std::string max_span_text();

/// A duration text that does not parse; what() is a full sentence naming the text and the
/// accepted forms.
class DurationError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};
/// A duration that parses but lies outside the range allowed (beyond max_span, or outside a
/// DurationRange); what() names the text and the range.
class DurationRangeError : public DurationError {
 public:
  using DurationError::DurationError;
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
/// are ignored. The result is rounded to the nearest millisecond. Throws DurationError, and
/// DurationRangeError for a magnitude beyond max_span (checked before any arithmetic that could
/// overflow).
Duration parse_duration(std::string_view text);

/// The durations allowed somewhere: [min, max], or (min, max] when min_open.
struct DurationRange {
  Duration min{0};
  Duration max = max_span;
  bool min_open = false;

  bool contains(Duration d) const noexcept { return (min_open ? d > min : d >= min) && d <= max; }
  /// "a duration in (0s, 3650d]"
  std::string text() const;
};

/// parse_duration, then `range`: throws DurationRangeError "expected a duration in (0s, 3650d],
/// got \"-5min\"" for a duration outside it (also for one beyond max_span).
Duration parse_duration(std::string_view text, const DurationRange& range);

/// Parses a time of day "HH:MM" (or "H:MM") from 00:00 to 24:00 as the time since midnight;
/// spaces around it are ignored. Throws DurationError naming the text and the accepted form.
Duration parse_time_of_day(std::string_view text);

/// Whether `text` is written as a time of day (digits around a colon, such as "10:00" or "24:30"),
/// valid or not: where a duration or a time of day is accepted, this tells which parser applies.
bool looks_like_time_of_day(std::string_view text);

/// Shortest exact text that parse_duration reads back to the same value ("90s", "2.5min", "1h").
std::string format_duration(Duration d);

/// Clock text for reports: "day 2 06:30:00" (days counted from 1).
std::string format_clock(SimTime t);

}  // namespace portsim::kernel
