// The values of a scenario within their limits (issue 14): every reproducer of the fuzz campaign
// (tests/data/, one file per fault) refused with its full message, times never negative, a mean of
// at least 1s for every time that repeats, durations and distributions within the clock, times of
// day from 00:00 to 24:00 (also accepted as an outage's start), size limits on demand and layout.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/io/scenario_loader.hpp"

namespace io = portsim::io;
using namespace std::chrono_literals;

namespace {

std::string error_of(const std::string& file, const std::vector<std::string>& sets = {}) {
  try {
    io::load_scenario(file, sets);
  } catch (const io::InputError& e) {
    return e.what();
  }
  return "no error";
}

std::string data_error(const std::string& name) { return error_of("tests/data/" + name); }

/// The error of tests/data/base_ok.yaml with one override, without its "--set ..." prefix.
std::string set_error(const std::string& assignment) {
  const std::string e = error_of("tests/data/base_ok.yaml", {assignment});
  const std::string prefix = "--set " + assignment + ": error: ";
  return e.rfind(prefix, 0) == 0 ? e.substr(prefix.size()) : e;
}

const std::string repeats = " (the model repeats this time), got ";

}  // namespace

TEST(ScenarioLimits, ZeroTimesThatRepeatAreRefusedNotLoopedForever) {
  EXPECT_EQ(data_error("device_zero_loop.yaml"),
            "tests/data/device_zero_loop.yaml:3:71: error: devices[0].time_to_failure: expected a mean of at least "
            "1s" + repeats + "\"0s\"\n"
            "tests/data/device_zero_loop.yaml:3:88: error: devices[0].repair_time: expected a mean of at least 1s" +
                repeats + "\"0s\"");
  EXPECT_EQ(data_error("outage_zero_loop.yaml"),
            "tests/data/outage_zero_loop.yaml:3:38: error: customs.random_outages.interval: expected a mean of at "
            "least 1s" + repeats + "\"0s\"\n"
            "tests/data/outage_zero_loop.yaml:3:50: error: customs.random_outages.repair: expected a mean of at least "
            "1s" + repeats + "\"0s\"");
  EXPECT_EQ(set_error("demand.interarrival=exponential(0.5s)"),
            "demand.interarrival: expected a mean of at least 1s" + repeats + "\"exponential(0.5s)\"");
  EXPECT_EQ(set_error("demand.appointments.slot_length=0.5s"),
            "demand.appointments.slot_length: expected a duration >= 1s" + repeats + "\"0.5s\"");
  EXPECT_EQ(set_error("demand.appointments.slot_length=0s"),
            "demand.appointments.slot_length: expected a duration > 0, got \"0s\"");
  // A mean of 1s is enough, even when some samples are 0.
  const auto s = io::load_scenario("tests/data/base_ok.yaml",
                                   {"devices=[{id: x, kind: ocr_camera, time_to_failure: \"empirical(0s, 2s)\", "
                                    "repair_time: 1s}]"});
  EXPECT_DOUBLE_EQ(s.config.devices.at(0).time_to_failure->mean(), 1.0);
}

TEST(ScenarioLimits, NegativeTimesAreErrorsNotClampedToZero) {
  EXPECT_EQ(data_error("negative_time_to_failure.yaml"),
            "tests/data/negative_time_to_failure.yaml:3:71: error: devices[0].time_to_failure: expected a time >= 0, "
            "got \"-5s\"");
  EXPECT_EQ(data_error("negative_yard_time.yaml"),
            "tests/data/negative_yard_time.yaml:3:12: error: yard_time: expected a time >= 0, got \"-5min\"");
  EXPECT_EQ(data_error("negative_uniform.yaml"),
            "tests/data/negative_uniform.yaml:4:74: error: devices[0].repair_time: expected times >= 0, got "
            "\"uniform(-10s,20s)\", which can give -10s\n"
            "tests/data/negative_uniform.yaml:5:50: error: customs.random_outages.repair: expected a time >= 0, got "
            "\"-1h\"");
  EXPECT_EQ(set_error("customs.agency_checks=[\"triangular(-1min, 1min, 2min)\"]"),
            "customs.agency_checks[0]: expected times >= 0, got \"triangular(-1min, 1min, 2min)\", which can give "
            "-1min");
  EXPECT_EQ(set_error("steps.weigh_static=empirical(10s, -2s)"),
            "steps.weigh_static: expected times >= 0, got \"empirical(10s, -2s)\", which can give -2s");
  // An offset may be negative: arriving early for an appointment.
  const auto s =
      io::load_scenario("tests/data/base_ok.yaml", {"demand.appointments.punctuality=uniform(-10min, 5min)"});
  EXPECT_DOUBLE_EQ(s.config.demand.appointments.punctuality.mean(), -150);
}

TEST(ScenarioLimits, DistributionsStayWithinTheClock) {
  EXPECT_EQ(data_error("erlang_k_overflow.yaml"),
            "tests/data/erlang_k_overflow.yaml:3:12: error: yard_time: invalid distribution \"erlang(3000000000, "
            "90s)\": erlang(k, mean): k must be an integer in [1, 1000000], got 3000000000");
  EXPECT_EQ(data_error("weibull_infinite_mean.yaml"),
            "tests/data/weibull_infinite_mean.yaml:3:32: error: customs.physical_inspection: invalid distribution "
            "\"weibull(0.001, 100s)\": its mean is infinite");
  EXPECT_EQ(set_error("yard_time=weibull(0.12, 1h)"),
            "yard_time: invalid distribution \"weibull(0.12, 1h)\": it can give samples of 5.18067e+17 s, beyond the "
            "longest time sample accepted (1e+15 s)");
  EXPECT_EQ(set_error("yard_time=lognormal(1s, 3650d)"),
            "yard_time: invalid distribution \"lognormal(1s, 3650d)\": it can give samples of 3.83869e+17 s, beyond "
            "the longest time sample accepted (1e+15 s)");
  EXPECT_EQ(set_error("yard_time=gamma(1000, 3650d)"),
            "yard_time: invalid distribution \"gamma(1000, 3650d)\": its mean, 3.1536e+11 s, is longer than 3650d "
            "(10 years), the longest time accepted");
  EXPECT_EQ(set_error("yard_time=gamma(1e15, 1s)"),
            "yard_time: invalid distribution \"gamma(1e15, 1s)\": gamma(shape, scale): shape must be at most 1000000, "
            "got 1e15");
  EXPECT_EQ(set_error("yard_time=erlang(0, 1min)"),
            "yard_time: invalid distribution \"erlang(0, 1min)\": erlang(k, mean): k must be an integer in [1, "
            "1000000], got 0");
  EXPECT_EQ(set_error("yard_time=uniform(1s, 60000000000d)"),
            "yard_time: invalid distribution \"uniform(1s, 60000000000d)\": argument 2 is longer than 3650d (10 "
            "years), the longest time accepted");
  EXPECT_EQ(set_error("yard_time=60000000000d"),
            "yard_time: invalid distribution \"60000000000d\": it is longer than 3650d (10 years), the longest time "
            "accepted");
  const std::string forms =
      "; expected a duration (\"90s\") or one of constant(d), uniform(lo, hi), triangular(lo, mode, hi), "
      "exponential(mean), erlang(k, mean), gamma(shape, scale), lognormal(mean, sd), weibull(shape, scale), "
      "empirical(d1, d2, ...) with durations such as \"90s\"";
  EXPECT_EQ(set_error("yard_time=exponential(30s) and more"),
            "yard_time: invalid distribution \"exponential(30s) and more\": text after )" + forms);
  // Heavy tails that stay within the clock are fine.
  EXPECT_NO_THROW(io::load_scenario("tests/data/base_ok.yaml", {"yard_time=weibull(0.5, 30d)"}));
  EXPECT_NO_THROW(io::load_scenario("tests/data/base_ok.yaml", {"yard_time=lognormal(1h, 10h)"}));
}

TEST(ScenarioLimits, DurationsStayWithinTheLongestTime) {
  EXPECT_EQ(set_error("duration=60000000000d"),
            "duration: invalid duration \"60000000000d\": it is longer than 3650d (10 years), the longest time "
            "accepted");
  EXPECT_EQ(set_error("warmup=3651d"),
            "warmup: invalid duration \"3651d\": it is longer than 3650d (10 years), the longest time accepted");
  EXPECT_EQ(io::load_scenario("tests/data/base_ok.yaml", {"duration=3650d"}).config.duration, 87600h);
}

TEST(ScenarioLimits, TimesOfDayRunFromMidnightTo24AndAreAcceptedAsAnOutageStart) {
  const std::string window =
      "expected a time-of-day window \"HH:MM-HH:MM\" (for example \"06:00-22:00\"), each time from 00:00 to 24:00";
  EXPECT_EQ(data_error("window_24_30.yaml"),
            "tests/data/window_24_30.yaml:3:43: error: gates[0].lanes[0].open[0]: " + window + ", got \"24:30-01:00\"");
  for (const char* bad : {"06:00", "06:00-22:00-23:00", "6:0-22:00", "+6:00-22:00", "06:00-22:60"}) {
    EXPECT_EQ(set_error(std::string("customs.officer_shifts=[{hours: \"") + bad + "\", officers: 3}]"),
              "customs.officer_shifts[0].hours: " + window + ", got \"" + bad + "\"")
        << bad;
  }
  const auto s = io::load_scenario("tests/data/base_ok.yaml",
                                   {"customs.officer_shifts=[{hours: \"6:00-24:00\", officers: 3}]",
                                    "customs.outages=[{start: \"10:00\", duration: 2h}, {start: 34h, duration: 1h}]"});
  EXPECT_EQ(s.config.customs.officer_shifts.at(0).from, 6h);
  EXPECT_EQ(s.config.customs.officer_shifts.at(0).to, 0h);  // 24:00 is midnight
  ASSERT_EQ(s.config.customs.outages.size(), 2u);
  EXPECT_EQ(s.config.customs.outages[0].start, 10h);
  EXPECT_EQ(s.config.customs.outages[1].start, 34h);
  EXPECT_EQ(set_error("customs.outages=[{start: \"24:30\", duration: 2h}]"),
            "customs.outages[0].start: invalid time of day \"24:30\": expected HH:MM from 00:00 to 24:00, for "
            "example \"06:00\" or \"22:30\"");
}

TEST(ScenarioLimits, DemandHasSizeLimitsAndSomewhereToArrive) {
  EXPECT_EQ(data_error("trucks_per_day_huge.yaml"),
            "tests/data/trucks_per_day_huge.yaml:3:26: error: demand.trucks_per_day: expected a number in [0, "
            "100000], got 1e12");
  EXPECT_EQ(data_error("zero_demand_share.yaml"),
            "tests/data/zero_demand_share.yaml:3:34: error: gates[0].demand_share: the gates' demand shares must not "
            "all be 0: no truck would arrive");
  std::string profile_error;
  for (int h = 0; h < 24; ++h) {
    profile_error += std::string(h ? "\n" : "") + "tests/data/profile_infinite_weights.yaml:3:" +
                     std::to_string(20 + 7 * h) + ": error: demand.profile[" + std::to_string(h) +
                     "]: expected a number in [0, 1e+06], got 1e308";
  }
  EXPECT_EQ(data_error("profile_infinite_weights.yaml"), profile_error);
  EXPECT_EQ(set_error("demand.profile=[1e-9,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]"),
            "demand.profile: the weights sum to 1e-09, less than 1e-06");
  EXPECT_EQ(set_error("gates[0].demand_share=1e308"),
            "gates[0].demand_share: expected a number in [0, 1e+06], got 1e308");
  // Renewal arrivals do not use the shares.
  EXPECT_NO_THROW(io::load_scenario("tests/data/base_ok.yaml", {"demand.mode=renewal", "gates[0].demand_share=0"}));
}

TEST(ScenarioLimits, ADuplicateDeviceIdIsReportedOnceNotOncePerEarlierDevice) {
  // A fuzz mutant repeated a device 2000 times: the problems grew with the square of the count.
  const std::string set = "devices=[{id: a, kind: ocr_camera}, {id: a, kind: ocr_camera}, {id: a, kind: ocr_camera}]";
  EXPECT_EQ(error_of("tests/data/base_ok.yaml", {set}),
            "--set " + set + ": error: devices[1].id: duplicate device id \"a\"\n" + "--set " + set +
                ": error: devices[2].id: duplicate device id \"a\"");
}

TEST(ScenarioLimits, LayoutDevicesAndEmissionsStayFinite) {
  EXPECT_EQ(data_error("road_length_huge.yaml"),
            "tests/data/road_length_huge.yaml:5:38: error: layout.roads[0].length_m: expected a number in [0, "
            "1e+07], got 1e308");
  EXPECT_EQ(set_error("layout.roads[0].speed_kmh=1e-300"),
            "layout.roads[0].speed_kmh: the travel time of 200 m at 1e-300 km/h is longer than 3650d (10 years)");
  EXPECT_EQ(set_error("layout.nodes[0].x_m=1e308"),
            "layout.nodes[0].x_m: expected a number in [-1e+07, 1e+07], got 1e308");
  EXPECT_EQ(set_error("devices=[{id: x, kind: ocr_camera, capex: 1e308}]"),
            "devices[0].capex: expected a number in [0, 1e+12], got 1e308");
  EXPECT_EQ(set_error("devices=[{id: x, kind: ocr_camera, lifetime_years: 1e308}]"),
            "devices[0].lifetime_years: expected a number in [0, 1000], got 1e308");
  EXPECT_EQ(set_error("emissions.idle_fuel_gal_per_h=1e308"),
            "emissions.idle_fuel_gal_per_h: expected a number in [0, 1000], got 1e308");
}
