#include "sim/kernel/time.hpp"

#include <gtest/gtest.h>

namespace k = portsim::kernel;
using namespace std::chrono_literals;

TEST(Time, ParsesEveryUnit) {
  EXPECT_EQ(k::parse_duration("90s"), 90s);
  EXPECT_EQ(k::parse_duration("2.5min"), 150s);
  EXPECT_EQ(k::parse_duration("1h"), 1h);
  EXPECT_EQ(k::parse_duration("3d"), 72h);
  EXPECT_EQ(k::parse_duration("250ms"), 250ms);
  EXPECT_EQ(k::parse_duration(" 12 min "), 12min);
  EXPECT_EQ(k::parse_duration("-5s"), -5s);
  EXPECT_EQ(k::parse_duration("0.0004s"), 0ms);  // rounds to the tick
  EXPECT_EQ(k::parse_duration("0.0006s"), 1ms);
}

TEST(Time, RejectsWithFullMessage) {
  const auto message = [](const char* text) {
    try {
      k::parse_duration(text);
    } catch (const k::DurationError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string tail =
      "; expected a number followed by a unit (ms, s, min, h, d), for example \"90s\", \"2.5min\", "
      "\"1h\" or \"3d\"";
  EXPECT_EQ(message("90"), "invalid duration \"90\": the unit is missing" + tail);
  EXPECT_EQ(message("2 weeks"), "invalid duration \"2 weeks\": unknown unit \"weeks\"" + tail);
  EXPECT_EQ(message("fast"), "invalid duration \"fast\": no number" + tail);
  EXPECT_EQ(message(""), "invalid duration \"\": it is empty" + tail);
  EXPECT_EQ(message("1.2.3s"), "invalid duration \"1.2.3s\": \"1.2.3\" is not a number" + tail);
}

TEST(Time, FormatsShortestExactText) {
  EXPECT_EQ(k::format_duration(90s), "1.5min");
  EXPECT_EQ(k::format_duration(150s), "2.5min");
  EXPECT_EQ(k::format_duration(1h), "1h");
  EXPECT_EQ(k::format_duration(72h), "3d");
  EXPECT_EQ(k::format_duration(7ms), "7ms");
  EXPECT_EQ(k::format_duration(1001ms), "1.001s");
  for (const char* s : {"90s", "2.5min", "1h", "3d", "250ms", "36h"}) {
    EXPECT_EQ(k::parse_duration(k::format_duration(k::parse_duration(s))), k::parse_duration(s)) << s;
  }
}

TEST(Time, ConvertsSamplesOnceWithRounding) {
  EXPECT_EQ(k::to_duration(1.0004), 1000ms);
  EXPECT_EQ(k::to_duration(1.0006), 1001ms);
  EXPECT_EQ(k::to_duration(-0.0016), -2ms);
  EXPECT_THROW(k::to_duration(std::numeric_limits<double>::quiet_NaN()), k::DurationError);
  EXPECT_THROW(k::to_duration(1e300), k::DurationError);
  EXPECT_EQ(k::format_clock(k::time_zero + 30h + 5min + 7s), "day 2 06:05:07");
}

namespace {

/// The message of the DurationError `parse` throws, or "no error".
template <class Parse>
std::string error_of(Parse parse) {
  try {
    parse();
  } catch (const k::DurationError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(Time, RefusesDurationsBeyondTheLongestTimeBeforeAnyOverflow) {
  EXPECT_EQ(k::max_span, 87600h);
  EXPECT_EQ(k::max_span_text(), "3650d (10 years)");
  EXPECT_EQ(k::parse_duration("3650d"), k::max_span);
  EXPECT_EQ(k::parse_duration("-3650d"), -k::max_span);
  EXPECT_EQ(k::parse_duration("87600h"), k::max_span);
  const std::string longest = ": it is longer than 3650d (10 years), the longest time accepted";
  for (const char* text : {"3650.001d", "2147483648s", "60000000000d", "9223372036854775807ms",
                           "99999999999999999999999999s",
                           "1" "000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                           "000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                           "000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                           "000000000000000000000000000000000000000000000000000000000000000000000000000d"}) {
    EXPECT_EQ(error_of([&] { k::parse_duration(text); }), "invalid duration \"" + std::string(text) + "\"" + longest);
    EXPECT_THROW(k::parse_duration(text), k::DurationRangeError) << text;
  }
  EXPECT_EQ(error_of([] { k::parse_duration("-60000000000d"); }),
            "invalid duration \"-60000000000d\"" + longest);
}

TEST(Time, ParsesWithinARangeAndNamesItWhenOutside) {
  const k::DurationRange positive{k::Duration{0}, k::max_span, true};
  const k::DurationRange non_negative{};
  EXPECT_EQ(positive.text(), "a duration in (0s, 3650d]");
  EXPECT_EQ(non_negative.text(), "a duration in [0s, 3650d]");
  EXPECT_EQ(k::parse_duration("7d", positive), 168h);
  EXPECT_EQ(k::parse_duration("0s", non_negative), 0ms);
  EXPECT_EQ(k::parse_duration("1ms", positive), 1ms);
  EXPECT_EQ(error_of([&] { k::parse_duration("0s", positive); }), "expected a duration in (0s, 3650d], got \"0s\"");
  EXPECT_EQ(error_of([&] { k::parse_duration("-5min", positive); }),
            "expected a duration in (0s, 3650d], got \"-5min\"");
  EXPECT_EQ(error_of([&] { k::parse_duration("-1h", non_negative); }),
            "expected a duration in [0s, 3650d], got \"-1h\"");
  EXPECT_EQ(error_of([&] { k::parse_duration("60000000000d", positive); }),
            "expected a duration in (0s, 3650d], got \"60000000000d\"");
  EXPECT_EQ(error_of([&] { k::parse_duration("3651d", non_negative); }),
            "expected a duration in [0s, 3650d], got \"3651d\"");
  // A text that is no duration keeps its own message.
  EXPECT_EQ(error_of([&] { k::parse_duration("soon", positive); }),
            "invalid duration \"soon\": no number; expected a number followed by a unit (ms, s, min, h, d), for "
            "example \"90s\", \"2.5min\", \"1h\" or \"3d\"");
}

TEST(Time, ParsesTimesOfDayFromMidnightTo24) {
  EXPECT_EQ(k::parse_time_of_day("10:00"), 10h);
  EXPECT_EQ(k::parse_time_of_day("6:30"), 6h + 30min);
  EXPECT_EQ(k::parse_time_of_day(" 00:00 "), 0h);
  EXPECT_EQ(k::parse_time_of_day("23:59"), 23h + 59min);
  EXPECT_EQ(k::parse_time_of_day("24:00"), 24h);
  for (const char* text : {"24:30", "25:00", "10:60", "10:5", "100:00", "+1:00", "-1:00", "10:00:00", "10h", ":30",
                           "10:", "", "1 0:00", "0x1:00"}) {
    EXPECT_EQ(error_of([&] { k::parse_time_of_day(text); }),
              "invalid time of day \"" + std::string(text) +
                  "\": expected HH:MM from 00:00 to 24:00, for example \"06:00\" or \"22:30\"");
  }
  EXPECT_TRUE(k::looks_like_time_of_day("10:00"));
  EXPECT_TRUE(k::looks_like_time_of_day("24:30"));
  EXPECT_TRUE(k::looks_like_time_of_day(" 1:5 "));
  EXPECT_FALSE(k::looks_like_time_of_day("10h"));
  EXPECT_FALSE(k::looks_like_time_of_day("10:"));
  EXPECT_FALSE(k::looks_like_time_of_day(":30"));
}

TEST(Time, FormatsEveryTickCountWithoutOverflow) {
  EXPECT_EQ(k::format_duration(k::max_span), "3650d");
  EXPECT_EQ(k::format_duration(-k::max_span), "-3650d");
  EXPECT_EQ(k::format_duration(k::Duration::max()), "9223372036854775.807s");
  EXPECT_EQ(k::format_duration(k::Duration::min()), "-9223372036854775.808s");
  EXPECT_EQ(k::format_duration(k::Duration{-1}), "-1ms");
  EXPECT_EQ(k::format_duration(k::Duration{86'400'001}), "86400.001s");
  EXPECT_EQ(k::format_duration(-90s), "-1.5min");
}
