// Bad calibration inputs at the library level (issue 14): the one date parser, the CSV field
// parses, the log readers' range checks (skipped rows, duplicated hours, files without a usable
// row, SANDAG's whole day; exact messages), the model parameters' ranges from the one table, the
// per-vehicle column reader, fit_families on degenerate values and the checkpoint model's limits.
// The reproducers through the binary: bad_inputs_cli_test.sh.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "calibration/civil_date.hpp"
#include "calibration/csv_fields.hpp"
#include "calibration/hourly_log.hpp"
#include "calibration/input_model.hpp"
#include "calibration/model_file.hpp"
#include "calibration/model_spec.hpp"
#include "sim/io/input_error.hpp"
#include "sim/port/checkpoint.hpp"

namespace cal = portsim::calibration;
namespace port = portsim::port;

namespace {

std::filesystem::path temp_dir() {
  return std::filesystem::temp_directory_path() / ("portsim_input_limits_" + std::to_string(getpid()));
}

/// Removes the temporary files at the end.
class TempFiles : public ::testing::Environment {
 public:
  void TearDown() override { std::filesystem::remove_all(temp_dir()); }
};
const auto* const temp_files = ::testing::AddGlobalTestEnvironment(new TempFiles);

std::string write_temp(const std::string& name, const std::string& text) {
  std::filesystem::create_directories(temp_dir());
  const auto path = temp_dir() / name;
  std::ofstream(path) << text;
  return path.string();
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const portsim::io::InputError& e) {
    return e.what();
  }
  return "no error";
}

const std::string hourly_header =
    "site,date,hour_start,arrivals,servers,batches,avg_wait_min,max_wait_min,bin_0_15,bin_16_30,bin_31_45,bin_46_60,"
    "bin_61_90,bin_91_120,bin_120_plus,excluded\n";

// What --format hourly accepts as a date.
const std::string date_rule = "a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N";

}  // namespace

TEST(CalibrationCivilDate, RangesAndForms) {
  const auto iso = [](std::string_view s, cal::DateForms f = cal::DateForms::Iso) {
    const auto d = cal::parse_date(s, f);
    return d ? cal::iso_text(*d) : std::string("none");
  };
  EXPECT_EQ(iso("2016-02-29"), "2016-02-29");
  EXPECT_EQ(iso("2017-02-29"), "none");
  EXPECT_EQ(iso("2000-02-29"), "2000-02-29");
  EXPECT_EQ(iso("2100-02-29"), "none");  // not a leap year
  EXPECT_EQ(iso("2018-4-31"), "none");
  EXPECT_EQ(iso("2018-1-5"), "2018-01-05");
  EXPECT_EQ(iso("1900-01-01"), "1900-01-01");
  EXPECT_EQ(iso("1899-12-31"), "none");
  EXPECT_EQ(iso("2100-12-31"), "2100-12-31");
  EXPECT_EQ(iso("2101-01-01"), "none");
  EXPECT_EQ(iso("-5-01-01"), "none");
  EXPECT_EQ(iso("2018-13-01"), "none");
  EXPECT_EQ(iso("2018-00-10"), "none");
  EXPECT_EQ(iso("2018-01-00"), "none");
  EXPECT_EQ(iso("20180-01-01"), "none");
  EXPECT_EQ(iso("99999999999999999999-01-01"), "none");
  EXPECT_EQ(iso("2018-01-01x"), "none");
  EXPECT_EQ(iso(" 2018-01-01"), "none");
  EXPECT_EQ(iso("2018-01-001"), "none");
  EXPECT_EQ(iso("yesterday"), "none");
  EXPECT_EQ(iso(""), "none");
  EXPECT_EQ(iso("1/5/2018"), "none");  // the US form only where a log uses it
  EXPECT_EQ(iso("1/5/2018", cal::DateForms::IsoOrUs), "2018-01-05");
  EXPECT_EQ(iso("12/31/2018", cal::DateForms::IsoOrUs), "2018-12-31");
  EXPECT_EQ(iso("13/1/2018", cal::DateForms::IsoOrUs), "none");
  EXPECT_EQ(iso("1/5/18", cal::DateForms::IsoOrUs), "none");
  EXPECT_EQ(cal::date_expectation(), "a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month)");
  EXPECT_EQ(cal::date_expectation(cal::DateForms::IsoOrUs),
            "a date yyyy-mm-dd or m/d/yyyy (year 1900..2100, month 1..12, a day of that month)");
}

TEST(CalibrationCivilDate, SimulatedDaysAsPortsimWritesThem) {
  EXPECT_TRUE(cal::is_simulated_day("day-001"));
  EXPECT_TRUE(cal::is_simulated_day("day-1"));
  EXPECT_TRUE(cal::is_simulated_day("day-999999"));
  EXPECT_FALSE(cal::is_simulated_day("day-0"));
  EXPECT_FALSE(cal::is_simulated_day("day-000"));
  EXPECT_FALSE(cal::is_simulated_day("day-1000000"));
  EXPECT_FALSE(cal::is_simulated_day("day--1"));
  EXPECT_FALSE(cal::is_simulated_day("day-"));
  EXPECT_FALSE(cal::is_simulated_day("day-01x"));
  EXPECT_FALSE(cal::is_simulated_day("Day-001"));
  EXPECT_FALSE(cal::parse_date("day-001", cal::DateForms::IsoOrSimulatedDay));  // not a calendar date
  EXPECT_EQ(cal::date_expectation(cal::DateForms::IsoOrSimulatedDay), date_rule);
  // An hourly log as portsim run --hourly-log writes it reads back, its dates as written.
  const std::string path = write_temp("simulated.csv", hourly_header + "baseline,day-001,0,372,16,0,0,0,372,0,0,0,0,0,0,0\n"
                                                                       "baseline,day-002,0,329,16,0,0,0,329,0,0,0,0,0,0,0\n");
  const auto log = cal::read_log(path, "hourly");
  ASSERT_EQ(log.rows.size(), 2u);
  EXPECT_EQ(log.rows[1].date, "day-002");
  EXPECT_EQ(log.problems.size(), 0u);
}

TEST(CalibrationCivilDate, WeekdayAndDayNumber) {
  EXPECT_EQ(cal::weekday(cal::CivilDate{2024, 1, 7}), 0);  // a Sunday
  EXPECT_EQ(cal::weekday(cal::CivilDate{1900, 1, 1}), 1);  // a Monday
  EXPECT_EQ(cal::weekday(cal::CivilDate{2100, 12, 31}), 5);
  EXPECT_EQ(cal::day_number(cal::CivilDate{1970, 1, 1}), 0);
  EXPECT_EQ(cal::day_number(cal::CivilDate{1900, 1, 1}), -25567);
  EXPECT_EQ(cal::days_in_month(2024, 2), 29);
  EXPECT_EQ(cal::days_in_month(1900, 2), 28);
  // Of a log's date text: typical-day labels (and anything else) count as day 0, Sunday.
  EXPECT_EQ(cal::weekday("2018-12-31"), 1);
  EXPECT_EQ(cal::weekday("-5-01-01"), 0);
  EXPECT_EQ(cal::weekday("2018-13-01"), 0);
  EXPECT_EQ(cal::weekday("January-Monday"), 0);
  EXPECT_EQ(cal::day_number("2017-typical-weekday"), 0);
}

TEST(CalibrationCsvFields, IntegersNeverOverflowAndNumbersAreFinite) {
  std::int64_t v = 7;
  EXPECT_FALSE(cal::to_integer("99999999999999999999", 0, std::numeric_limits<std::int64_t>::max(), v));
  EXPECT_TRUE(cal::to_integer("-9223372036854775808", std::numeric_limits<std::int64_t>::min(), 0, v));
  EXPECT_EQ(v, std::numeric_limits<std::int64_t>::min());
  EXPECT_FALSE(cal::to_integer("10001", 0, 10000, v));
  EXPECT_FALSE(cal::to_integer("", 0, 10, v));
  EXPECT_FALSE(cal::to_integer("5 ", 0, 10, v));
  EXPECT_FALSE(cal::to_integer("0x5", 0, 10, v));
  EXPECT_FALSE(cal::to_integer("1e3", 0, 10000, v));
  EXPECT_EQ(v, std::numeric_limits<std::int64_t>::min());  // untouched by the failures
  int i = 3;
  EXPECT_FALSE(cal::to_int("2147483648", i));
  EXPECT_TRUE(cal::to_int("-2147483648", i));
  EXPECT_EQ(i, std::numeric_limits<int>::min());
  double d = 1;
  for (const char* bad : {"nan", "NaN", "inf", "-inf", "infinity", "1e400", "", "5x"}) EXPECT_FALSE(cal::to_double(bad, d)) << bad;
  EXPECT_EQ(d, 1);
  EXPECT_TRUE(cal::to_double("1e308", d));
  EXPECT_EQ(d, 1e308);
}

TEST(CalibrationCsvFields, FieldsKeepTheColumnTheyStartAt) {
  const auto line = cal::split_csv_line("ab,\"c,d\",,\"e\"\"f\"\r");
  EXPECT_EQ(line.fields, (std::vector<std::string>{"ab", "c,d", "", "e\"f"}));
  EXPECT_EQ(line.columns, (std::vector<int>{1, 4, 10, 11}));
}

TEST(CalibrationLogLimits, MalformedRowsAmongGoodOnesAreSkippedNamingTheirField) {
  const std::string path = write_temp("mixed.csv", hourly_header +
                                                       "s,2018-03-01,9,10,1,0,5,-1,,,,,,,,0\n"
                                                       "s,2018-03-01,10,-5,1,0,5,-1,,,,,,,,0\n"
                                                       "s,2018-3-1,11,10,-1,0,-1,-1,1,2,3,4,5,6,7,0\n"
                                                       "s,2018-03-01,12,10,1,0,nan,-1,,,,,,,,0\n"
                                                       "s,2018-03-01,24,10,1,0,5,-1,,,,,,,,0\n");
  const auto log = cal::read_log(path, "hourly");
  ASSERT_EQ(log.rows.size(), 2u);
  EXPECT_EQ(log.rows[1].date, "2018-03-01");  // written ISO, unpadded is the same date
  EXPECT_EQ(log.rows[1].servers, -1);          // -1: unknown
  EXPECT_TRUE(log.rows[1].has_bins);
  EXPECT_EQ(log.rows[1].bins[6], 7);
  EXPECT_EQ(log.skipped, 3u);
  ASSERT_EQ(log.problems.size(), 3u);
  EXPECT_EQ(log.problems[0].format(), path + ":3:17: arrivals: expected -1 (unknown) or an integer in [0, 50000], got \"-5\"");
  EXPECT_EQ(log.problems[1].format(), path + ":5:24: avg_wait_min: expected -1 (unknown) or a wait in minutes in [0, 1440], got \"nan\"");
  EXPECT_EQ(log.problems[2].format(), path + ":6:14: hour_start: expected an integer in [0, 23], got \"24\"");
}

TEST(CalibrationLogLimits, AFileWithoutAUsableRowIsAnError) {
  EXPECT_EQ(error_of([] { cal::read_log("tests/data/logs/hourly_negative_year.csv", "hourly"); }),
            "tests/data/logs/hourly_negative_year.csv:2:3: error: date: expected " + date_rule +
                ", got \"-5-01-01\"\ntests/data/logs/hourly_negative_year.csv:1:1: error: no usable row: its one data row "
                "is malformed (above)");
  const std::string header_only = write_temp("header_only.csv", hourly_header);
  EXPECT_EQ(error_of([&] { cal::read_log(header_only, "hourly"); }),
            header_only + ":1:1: error: no usable row: no data rows after the header");
  // Rows the format does not read (another SANDAG port) are not malformed.
  const std::string other_port = write_temp("other_port.csv",
                                            "hour,port_name,direction,vehicle_type,traveler_type,volume,open_lanes,wait_time\n"
                                            "1,San Ysidro,Northbound,Passenger,General,215,4,72\n");
  EXPECT_EQ(error_of([&] { cal::read_log(other_port, "sandag-poe"); }),
            other_port + ":1:1: error: no usable row among its 1 data row");
  // With --strict the first malformed row is fatal.
  EXPECT_EQ(error_of([] { cal::read_log("tests/data/logs/hourly_only_malformed.csv", "hourly", true); }),
            "tests/data/logs/hourly_only_malformed.csv:2:16: error: arrivals: expected -1 (unknown) or an integer in "
            "[0, 50000], got \"-5\" (--strict: malformed rows are fatal)");
}

TEST(CalibrationLogLimits, AnHourGivenTwiceIsAnErrorNamingBothLines) {
  EXPECT_EQ(error_of([] { cal::read_log("tests/data/logs/hourly_duplicate_hour.csv", "hourly"); }),
            "tests/data/logs/hourly_duplicate_hour.csv:4: error: site \"s\", date 2018-03-01, hour 9 is given twice: on "
            "line 2 and on line 4 (one row per site and hour)");
  // The same date written two ways is the same hour; other sites are other hours.
  const std::string path = write_temp("dup_forms.csv",
                                      "airport,terminal,date,hour_start,a,b,c,d,avg,max,b1,b2,b3,b4,b5,b6,b7,excl,total,flights,booths\n"
                                      "ORD,T5,2016-01-01,4,0,0,0,0,8,15,10,0,0,0,0,0,0,0,10,1,2\n"
                                      "ORD,T3,2016-01-01,4,0,0,0,0,8,15,10,0,0,0,0,0,0,0,10,1,2\n"
                                      "ORD,T5,1/1/2016,0400 - 0500,0,0,0,0,8,15,10,0,0,0,0,0,0,0,10,1,2\n");
  EXPECT_EQ(error_of([&] { cal::read_log(path, "cbp-awt"); }),
            path + ":4: error: site \"ORD T5\", date 2016-01-01, hour 4 is given twice: on line 2 and on line 4 (one row "
                   "per site and hour)");
}

TEST(CalibrationLogLimits, CbpAwtCountsAreBoundedAndSummedWithoutOverflow) {
  const std::string header = "airport,terminal,date,hour_start,a,b,c,d,avg,max,b1,b2,b3,b4,b5,b6,b7,excl,total,flights,booths\n";
  const std::string path = write_temp("awt_limits.csv", header +
                                                            "ORD,T5,2016-01-01,1,0,0,0,0,8,15,50000,50000,50000,50000,50000,50000,50000,0,50000,1,2\n"
                                                            "ORD,T5,2016-01-01,2,0,0,0,0,8,15,1,0,0,0,0,0,0,0,1,0,10001\n"
                                                            "ORD,T5,2016-01-01,3,0,0,0,0,8,15,1,0,0,0,0,0,0,-1,1,1,1\n");
  const auto log = cal::read_log(path, "cbp-awt");
  ASSERT_EQ(log.rows.size(), 1u);
  ASSERT_EQ(log.problems.size(), 3u);
  EXPECT_EQ(log.problems[0].format(),
            path + ":2: inconsistent: wait bins (350000) + excluded (0) != total (50000); kept, flagged");
  EXPECT_EQ(log.problems[1].format(), path + ":3:54: booths: expected an integer in [0, 10000], got \"10001\"");
  EXPECT_EQ(log.problems[2].format(), path + ":4:48: excl: expected an integer in [0, 50000], got \"-1\"");
}

TEST(CalibrationLogLimits, CascadeSkipsTheBadCountOnly) {
  const std::string path = write_temp("cascade.csv", "Group Starts,A,B\n2018-01-01 00:00:00,inf,12.0\n2018-02-30 00:00:00,1,2\n");
  const auto log = cal::read_log(path, "cascade");
  ASSERT_EQ(log.rows.size(), 1u);
  EXPECT_EQ(log.rows[0].site, "B");
  EXPECT_EQ(log.rows[0].arrivals, 12);
  ASSERT_EQ(log.problems.size(), 2u);
  EXPECT_EQ(log.problems[0].format(), path + ":2:21: A: expected a count in [0, 50000], got \"inf\"");
  EXPECT_EQ(log.problems[1].format(), path + ":3:1: Group Starts: expected a date yyyy-mm-dd or m/d/yyyy (year 1900..2100, "
                                             "month 1..12, a day of that month), got \"2018-02-30 00:00:00\"");
}

TEST(CalibrationLogLimits, SandagIsAWholeDayAndItsOptionalFieldsAreChecked) {
  std::string text = "hour,port_name,direction,vehicle_type,traveler_type,volume,open_lanes,wait_time\n";
  for (int h = 1; h <= 24; ++h) {
    if (h == 3 || h == 5 || h == 6) continue;
    text += std::to_string(h) + ",Otay Mesa,Northbound,Commercial,_All_,10," + (h == 1 ? "-2" : "") + "," + (h == 2 ? "-5" : "") + "\n";
  }
  const std::string path = write_temp("sandag_gaps.csv", text);
  EXPECT_EQ(error_of([&] { cal::read_log(path, "sandag-poe"); }),
            path + ":2:44: error: open_lanes: expected an integer in [0, 10000] or empty (unknown), got \"-2\"; the row is "
                   "kept with it unknown\n" +
                path + ":3:45: error: wait_time: expected a wait in minutes in [0, 1440] or empty (unknown), got \"-5\"; the "
                       "row is kept with it unknown\n" +
                path + ":1:1: error: SANDAG hours 3, 5-6 of Otay Mesa commercial NB are missing: --format sandag-poe "
                       "reads one typical weekday, hours 1..24");
}

TEST(CalibrationModelRanges, EveryParameterHasOneAndTheShippedModelsLieInIt) {
  for (const char* file : {"calibration/models/checkpoint.yaml", "calibration/models/truck-lanes.yaml",
                           "results/calibration/ord/calibrated.yaml", "results/calibration/ysleta/calibrated.yaml"}) {
    EXPECT_EQ(error_of([&] { cal::read_model(file); }), "no error") << file;
  }
  // Each parameter at its range's ends reads; twice its maximum is refused with the range.
  const auto g = [](double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", x);
    return std::string(buf);
  };
  for (const auto& info : cal::parameter_table) {
    const std::string name(info.name);
    EXPECT_LT(info.min, info.max) << name;
    std::string text = "model: booth-checkpoint\nparameters:\n";
    for (const auto& other : cal::parameter_table) {
      if (!other.optional && other.name != info.name) text += "  " + std::string(other.name) + ": {start: 1, low: 1, high: 1}\n";
    }
    const auto model = [&](double high) {
      return text + "  " + name + ":\n    start: " + g(info.min) + "\n    low: " + g(info.min) + "\n    high: " + g(high) + "\n";
    };
    const std::string ok = write_temp("range_ok.yaml", model(info.max));
    EXPECT_EQ(error_of([&] { cal::read_model(ok); }), "no error") << name;
    const std::string bad = write_temp("range_bad.yaml", model(2 * info.max));
    EXPECT_EQ(error_of([&] { cal::read_model(bad); }),
              bad + ":" + (info.optional ? "11" : "10") + ":11: error: parameters." + name + ".high: expected a number in [" +
                  g(info.zero_is_off ? 0 : info.min) + ", " + g(info.max) + "], got " + g(2 * info.max));
  }
}

TEST(CalibrationModelRanges, ZeroTurnsTheUtilisationFloorOffButIsNoBoundToFitFrom) {
  const std::string base = "model: booth-checkpoint\nparameters:\n"
                           "  service_mean_s: {start: 80, low: 20, high: 900}\n"
                           "  service_cv: {start: 0.8, low: 0.2, high: 2}\n"
                           "  batch_spread_min: {start: 20, low: 0, high: 90}\n"
                           "  walk_min: {start: 5, low: 0, high: 30}\n"
                           "  opening_delay_min: {start: 5, low: 0, high: 60}\n";
  const std::string off = write_temp("util_off.yaml", base + "  max_utilisation: {start: 0, low: 0, high: 0}\n");
  EXPECT_EQ(error_of([&] { cal::read_model(off); }), "no error");
  const std::string mixed = write_temp("util_mixed.yaml", base + "  max_utilisation: {start: 0.9, low: 0, high: 1.5}\n");
  EXPECT_EQ(error_of([&] { cal::read_model(mixed); }),
            mixed + ":8:20: error: parameters.max_utilisation: bounds [0, 1.5] mix 0 (off) with values on: give low = high "
                    "= 0 to leave it off, or low >= 0.1 to fit it");
  const std::string tiny = write_temp("util_tiny.yaml", base + "  max_utilisation: {start: 0.05, low: 0.05, high: 1}\n");
  EXPECT_EQ(error_of([&] { cal::read_model(tiny); }),
            tiny + ":8:28: error: parameters.max_utilisation.start: expected 0 (off) or a number in [0.1, 5], got 0.05\n" +
                tiny + ":8:39: error: parameters.max_utilisation.low: expected 0 (off) or a number in [0.1, 5], got 0.05");
  // A bound out of range is reported once, without a "low must be <= high" that follows from it.
  const std::string huge = write_temp("walk_huge.yaml", base + "  bypass_share: {start: 0.5, low: 0, high: 1e300}\n");
  EXPECT_EQ(error_of([&] { cal::read_model(huge); }),
            huge + ":8:44: error: parameters.bypass_share.high: expected a number in [0, 1], got 1e300");
}

TEST(CalibrationVehicleColumn, ValuesAreSecondsInRangeAndRowsComplete) {
  EXPECT_EQ(error_of([] { cal::read_vehicle_column("tests/data/logs/vehicle_log_service_inf.csv", "service_s"); }),
            "tests/data/logs/vehicle_log_service_inf.csv:3:54: error: service_s: expected a number of seconds in [0, 1e9], "
            "got \"inf\"");
  const std::string path = write_temp("short.csv", "site,service_s,wait_s\na,10,1\nb,-3,2\n");
  EXPECT_EQ(error_of([&] { cal::read_vehicle_column(path, "service_s"); }),
            path + ":3:3: error: service_s: expected a number of seconds in [0, 1e9], got \"-3\"");
  const std::string cut = write_temp("cut.csv", "site,service_s,wait_s\na,10,1\n\nb,12\n");
  EXPECT_EQ(error_of([&] { cal::read_vehicle_column(cut, "wait_s"); }),
            cut + ":4:1: error: expected 3 fields as in the header, got 2");
  const std::string ok = write_temp("ok.csv", "site,service_s,wait_s\r\na,10,1\r\nb,0,2\r\n");
  EXPECT_EQ(cal::read_vehicle_column(ok, "wait_s"), (std::vector<double>{1, 2}));  // CRLF: the last column too
}

TEST(CalibrationFitFamilies, ConstantAndNearlyConstantValues) {
  try {
    cal::fit_families(std::vector<double>(20, 90.0));
    FAIL() << "a constant was fitted";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "all 20 positive values are 90: a constant (90s in a scenario), no distribution to fit");
  }
  std::vector<double> near;
  for (int k = 0; k < 20; ++k) near.push_back(90 + k % 2);
  const auto fits = cal::fit_families(near);
  ASSERT_EQ(fits.size(), 4u);
  for (const auto& f : fits) {
    EXPECT_TRUE(f.failure.empty()) << f.family << ": " << f.failure;
    for (double p : f.parameters) EXPECT_TRUE(std::isfinite(p)) << f.family;
  }
  const auto weibull = std::find_if(fits.begin(), fits.end(), [](const cal::FamilyFit& f) { return f.family == "weibull"; });
  ASSERT_NE(weibull, fits.end());
  EXPECT_GT(weibull->parameters[0], 150);  // 90^k overflows a double from k = 158: the sums were rescaled
  EXPECT_NEAR(weibull->parameters[1], 90.75, 0.01);
}

TEST(CalibrationCheckpointLimits, AnHourAboveTheLimitsIsRefusedAndServersAreCapped) {
  port::CheckpointParams p;
  std::vector<port::HourInput> day{{10, 10, port::max_hour_batches + 1, 1}};
  try {
    port::simulate_checkpoint_day(day, p, 1, 1);
    FAIL() << "2e9-style batches were simulated";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "simulate_checkpoint_day: hour 10 has 10001 batches, above the limit of 10000");
  }
  day = {{10, port::max_hour_arrivals + 1, 0, 1}};
  EXPECT_THROW(port::simulate_checkpoint_day(day, p, 1, 1), std::invalid_argument);
  // Servers past the int range (set programmatically, bypassing the model file's ranges) stop at
  // the limit: every arrival finds a free booth.
  p.extra_servers = 1e12;
  p.max_utilisation = 1e-300;
  p.walk_min = 0;
  day = {{10, 500, 0, 1}};
  const auto out = port::simulate_checkpoint_day(day, p, 1, 1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].served, 500);
  EXPECT_EQ(out[0].avg_wait_min, 0);
}

TEST(CalibrationModelRanges, TheReadmeListsTheTable) {
  std::ifstream in("calibration/README.md");
  std::ostringstream readme;
  readme << in.rdbuf();
  const auto g = [](double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", x);
    return std::string(buf);
  };
  for (const auto& info : cal::parameter_table) {
    const std::string row = "| `" + std::string(info.name) + "` | " + (info.zero_is_off ? "0 (off) or " : "") + g(info.min) +
                            " to " + g(info.max) + " | " + (info.optional ? "optional" : "required") + " |\n";
    EXPECT_NE(readme.str().find(row), std::string::npos) << "calibration/README.md lacks the row\n" << row;
  }
}
