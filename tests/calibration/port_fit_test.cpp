// `portsim fit-port`'s parts: the truck log reader (every bad input named with file, line, column
// and field), the lane starts recovered from lanes, and logs the fit refuses. The recovery of known
// parameters is in port_fit_recovery_test.cpp.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "calibration/civil_date.hpp"
#include "calibration/port_fit.hpp"
#include "calibration/truck_log.hpp"
#include "sim/io/input_error.hpp"
#include "sim/io/scenario_loader.hpp"

namespace cal = portsim::calibration;
namespace fs = std::filesystem;

namespace {

std::string write(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / ("portsim_port_fit_" + name);
  std::ofstream(p) << text;
  return p.string();
}

/// The first problem read_truck_log reports, formatted.
std::string problem(const std::string& text) {
  const std::string path = write("bad.csv", text);
  try {
    cal::read_truck_log(path);
  } catch (const portsim::io::InputError& e) {
    const std::string s = e.problems().front().format();
    return s.substr(path.size() + 1);  // without the temporary path
  }
  return "no error";
}

}  // namespace

TEST(TruckLog, ReadsSecondsAndDateTimes) {
  const auto a = cal::read_truck_log(write("sec.csv",
                                           "truck_id,arrival,gate_in,release,extra\n"
                                           "T1,10,70.5,900,x\n"
                                           "T2,20,130,1000,y\n"));
  ASSERT_EQ(a.rows.size(), 2U);
  EXPECT_EQ(a.rows[1].id, "T2");
  EXPECT_DOUBLE_EQ(a.rows[0].gate_in, 70.5);
  EXPECT_FALSE(a.has_lane || a.has_lane_start || a.has_channel || a.has_exam || a.date_times);
  const auto b = cal::read_truck_log(write("dt.csv",
                                           "truck_id,arrival,gate_in,release,channel\n"
                                           "A,2025-03-04 07:15,2025-03-04T07:16:30.5,2025-03-04 08:00:00,red\n"));
  EXPECT_TRUE(b.date_times);
  // 2025-03-04 is day 20151 since 1970-01-01.
  EXPECT_DOUBLE_EQ(b.rows[0].arrival, 20151 * 86400.0 + 7 * 3600 + 15 * 60);
  const cal::CivilDate back = cal::date_of_day_number(20151);  // the inverse, for the fitted file's header
  EXPECT_EQ(back.year * 10000 + back.month * 100 + back.day, 20250304);
  const cal::CivilDate leap = cal::date_of_day_number(cal::day_number({2024, 2, 29}));
  EXPECT_EQ(leap.year * 10000 + leap.month * 100 + leap.day, 20240229);
  EXPECT_DOUBLE_EQ(b.rows[0].gate_in - b.rows[0].arrival, 90.5);
  EXPECT_EQ(*b.rows[0].channel, portsim::port::Channel::Red);
}

TEST(TruckLog, NamesEveryBadInput) {
  EXPECT_EQ(problem("truck_id,arrival,release\nA,1,2\n"),
            "1:1: error: a truck log needs the columns truck_id, arrival, gate_in and release (optional: gate, lane, lane_start, "
            "channel, exam_start, exam_end); missing: gate_in");
  EXPECT_EQ(problem("truck_id,arrival,gate_in,release\nA,1,x,3\n"),
            "2:5: error: gate_in: expected seconds (a number in [0, 1e9]) or a date-time yyyy-mm-dd hh:mm[:ss[.fff]] (1970 or later), got \"x\"");
  EXPECT_EQ(problem("truck_id,arrival,gate_in,release\nA,5,3,9\n"),
            "2:5: error: gate_in: is before arrival (3 < the row's arrival)");
  EXPECT_EQ(problem("truck_id,arrival,gate_in,release\nA,1,2,3\nA,1,2,3\n"),
            "3:1: error: truck_id: truck \"A\" appears twice");
  EXPECT_EQ(problem("truck_id,arrival,gate_in,release,channel\nA,1,2,3,orange\n"),
            "2:9: error: channel: expected green, yellow or red, got \"orange\"");
  EXPECT_EQ(problem("truck_id,arrival,gate_in,release\nA,1,2,2025-01-01 10:00\n"),
            "2:7: error: release: every time in a log has the same form; earlier rows use seconds, this one \"2025-01-01 10:00\"");
  EXPECT_EQ(problem("truck_id,arrival,gate_in,release,channel,exam_start,exam_end\nA,1,2,30,green,5,9\n"),
            "2:16: error: exam_start: a physical examination of a truck in the green channel: only red trucks are examined");
  EXPECT_EQ(problem("truck_id,arrival,gate_in,release,exam_start\nA,1,2,3,4\n"),
            "1:1: error: exam_end: exam_start and exam_end come together: the header has exam_start but not this one");
  EXPECT_EQ(problem("truck_id,arrival,gate_in,release\n"), "2:1: error: the log has a header but no trucks");
  EXPECT_EQ(problem("truck_id,arrival,gate_in,release\nA,1,2\n"), "2:1: error: expected 4 fields as in the header, got 3");
}

TEST(PortFit, RecoversLaneStartsFromTheLanesPreviousGateIn) {
  // Lane L1: A arrives at 0, served 0-60; B arrives at 10, waits, served 60-150 (90 s); C arrives at
  // 400 into an idle lane, served 400-445. Lane L2: D 5-65. Rows out of order on purpose.
  const auto log = cal::read_truck_log(write("lanes.csv",
                                             "truck_id,arrival,lane,gate_in,release\n"
                                             "C,400,L1,445,2500\nB,10,L1,150,2100\nD,5,L2,65,2050\nA,0,L1,60,2000\n"));
  std::string source;
  EXPECT_EQ(cal::lane_transaction_times(log, source), (std::vector<double>{45, 90, 60, 60}));
  EXPECT_NE(source.find("recovered per lane"), std::string::npos);
  const auto no_lanes = cal::read_truck_log(write("no_lanes.csv", "truck_id,arrival,gate_in,release\nA,0,60,90\n"));
  EXPECT_THROW(cal::lane_transaction_times(no_lanes, source), portsim::io::InputError);
}

TEST(PortFit, RefusesALogTooShortToHoldOut) {
  const auto log = cal::read_truck_log(write("short.csv", "truck_id,arrival,lane_start,gate_in,release\nA,0,0,60,900\nB,10,60,120,1000\n"));
  const auto sc = portsim::io::load_scenario("tests/data/truck_log_known.yaml").config;
  try {
    cal::fit_port(log, sc, {});
    FAIL() << "a one-hour log was fitted";
  } catch (const portsim::io::InputError& e) {
    EXPECT_NE(e.problems().front().format().find(
                  "1:1: error: arrival: the log spans 1 hour(s) of arrivals; a fit with a held-out part needs at least 3 hours"),
              std::string::npos)
        << e.problems().front().format();
  }
  cal::PortFitOptions o;
  o.gate = "south";
  try {
    cal::fit_port(log, sc, o);
    FAIL() << "an unknown gate was accepted";
  } catch (const portsim::io::InputError& e) {
    EXPECT_NE(e.problems().front().format().find("--gate: no gate \"south\""), std::string::npos);
    EXPECT_NE(e.problems().front().format().find("expected one of main"), std::string::npos);
  }
}
