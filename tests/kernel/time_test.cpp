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
