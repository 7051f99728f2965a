// `portsim transfer-lanes`'s parts: the sandag-passenger reader (parsed values of the real file),
// the booth rate from saturated hours, the booth queue against queueing theory (Pollaczek-Khinchine
// for M/G/1, a standing queue that arrivals equal to capacity keep in place), and the refusals.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>

#include "calibration/hourly_log.hpp"
#include "calibration/site_transfer.hpp"
#include "sim/io/input_error.hpp"

namespace cal = portsim::calibration;

namespace {

const std::string passenger_log = "tests/data/logs/sandag_passenger_nb.csv";

/// A day of one lane type: `booths` open every hour, `volume` processed, `wait` observed.
std::vector<cal::HourRow> day(int booths, int volume, double wait) {
  std::vector<cal::HourRow> rows;
  for (int h = 0; h < 24; ++h) {
    cal::HourRow r;
    r.site = "Test passenger General NB";
    r.date = "2017-typical-weekday";
    r.hour_start = h;
    r.servers = booths;
    r.arrivals = volume;
    r.avg_wait_min = wait;
    rows.push_back(r);
  }
  return rows;
}

double mean_over(const std::vector<cal::Prediction>& p, std::size_t from, std::size_t to) {
  double s = 0;
  for (std::size_t i = from; i < to; ++i) s += p[i].sim_mean;
  return s / static_cast<double>(to - from);
}

std::string message(const std::function<void()>& f) {
  try {
    f();
  } catch (const portsim::io::InputError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(SiteTransfer, ReadsEveryNorthboundPassengerSeriesWithItsBoothsAndWaits) {
  const auto log = cal::read_log(passenger_log, "sandag-passenger");
  ASSERT_EQ(log.rows.size(), 144U);  // 2 ports x 3 lane types x 24 hours
  const auto sy = cal::port_lane_types(log, "San Ysidro", "--fit");
  ASSERT_EQ(sy.size(), 3U);
  const auto& general = sy.at("General");
  ASSERT_EQ(general.size(), 24U);
  EXPECT_EQ(general[0].site, "San Ysidro passenger General NB");
  EXPECT_EQ(general[0].hour_start, 0);  // SANDAG hour 1
  EXPECT_EQ(general[0].arrivals, 215);  // 215.32
  EXPECT_EQ(general[0].servers, 4);
  EXPECT_DOUBLE_EQ(general[0].avg_wait_min, 72);
  EXPECT_EQ(general[4].arrivals, 611);
  EXPECT_EQ(general[4].servers, 9);
  const auto om = cal::port_lane_types(log, "Otay Mesa", "--predict");
  const auto& sentri = om.at("SENTRI");
  EXPECT_EQ(sentri[2].arrivals, 0);  // 0.000001 vehicles
  EXPECT_EQ(sentri[2].servers, 0);
  EXPECT_EQ(sentri[0].arrivals, 0);  // 1.13 vehicles with no booth open: a closed lane, kept at 0
  EXPECT_DOUBLE_EQ(sentri[0].avg_wait_min, -1);  // its wait (0 in the file) is not observed
  EXPECT_EQ(sentri[23].servers, 1);
  EXPECT_DOUBLE_EQ(sentri[23].avg_wait_min, 57);
  // The passenger rows are not the commercial format's: this file has no Otay Mesa truck row.
  EXPECT_THROW(cal::read_log(passenger_log, "sandag-poe"), portsim::io::InputError);
}

TEST(SiteTransfer, BoothRateIsVolumeOverBoothsOfTheSaturatedHours) {
  auto rows = day(5, 300, 20);
  rows[0].avg_wait_min = 5;  // below --min-wait: the booths may have idled
  rows[0].arrivals = 100;
  rows[1].avg_wait_min = 9.9;
  rows[1].arrivals = 50;
  rows[7].arrivals = 400;  // 80 per booth in one saturated hour
  cal::TransferSettings s;
  s.reps = 2;
  const auto fit = cal::fit_lane_type("General", rows, "test.csv", s);
  ASSERT_EQ(fit.saturated.size(), 22U);
  EXPECT_EQ(fit.saturated.front(), 2);
  EXPECT_NEAR(fit.rate, (300.0 * 21 + 400) / (5.0 * 22), 1e-12);
  EXPECT_GT(fit.rate_sd, 0);
}

TEST(SiteTransfer, QueueBelowCapacityMatchesPollaczekKhinchine) {
  // One booth, 60 an hour (1 min each, cv 0.5), 30 arrivals an hour: rho 0.5, so M/G/1 gives
  // Wq = rho / (1 - rho) x (1 + cv^2) / 2 x E[S] = 0.625 min.
  cal::LaneTypeFit fit;
  fit.lane_type = "General";
  fit.rate = 60;
  cal::TransferSettings s;
  s.reps = 60;
  const auto p = cal::simulate_lane_type(fit, day(1, 30, 1), 0, s);
  ASSERT_EQ(p.size(), 24U);
  EXPECT_NEAR(mean_over(p, 1, 24), 0.625, 0.625 * 0.12);
}

TEST(SiteTransfer, ArrivalsAtCapacityKeepTheStandingQueueInPlace) {
  // 5 booths at 60 an hour and 300 arrivals an hour: the queue of 30 min at midnight (150 vehicles)
  // neither drains nor grows on average, so the first hours' waits stay near 30 min.
  cal::LaneTypeFit fit;
  fit.lane_type = "General";
  fit.rate = 60;
  cal::TransferSettings s;
  s.reps = 40;
  const auto p = cal::simulate_lane_type(fit, day(5, 300, 30), 30, s);
  EXPECT_NEAR(mean_over(p, 0, 4), 30, 3);
  // Without it the same hours wait only the randomness of arrivals and services.
  const auto empty = cal::simulate_lane_type(fit, day(5, 300, 30), 0, s);
  EXPECT_LT(mean_over(empty, 0, 4), 15);
}

TEST(SiteTransfer, ALaneClosedAtMidnightHasNoStandingQueueToFit) {
  auto rows = day(2, 100, 20);
  rows[0].servers = 0;
  rows[0].arrivals = 0;
  rows[0].avg_wait_min = -1;
  cal::TransferSettings s;
  s.reps = 2;
  const auto fit = cal::fit_lane_type("SENTRI", rows, "test.csv", s);
  EXPECT_FALSE(fit.start_wait_fitted);
  EXPECT_EQ(fit.start_wait_min, 0);
  EXPECT_NEAR(fit.rate, 50, 1e-12);
}

TEST(SiteTransfer, RefusesUnknownPortsTheSamePortAndHoursWithoutAQueue) {
  const auto log = cal::read_log(passenger_log, "sandag-passenger");
  EXPECT_EQ(message([&] { cal::port_lane_types(log, "Otay", "--fit"); }),
            "command line: error: --fit: expected a port of the log (\"San Ysidro\", \"Otay Mesa\"), got \"Otay\"");
  cal::TransferSettings s;
  s.reps = 2;
  EXPECT_EQ(message([&] { cal::transfer_lanes(log, passenger_log, "Otay Mesa", "Otay Mesa", s); }),
            "command line: error: --predict: expected another port than --fit (\"Otay Mesa\"): a transfer is judged on a "
            "port the physics was not fitted to");
  EXPECT_EQ(message([&] { cal::fit_lane_type("Ready", day(3, 100, 2), "x.csv", s); }),
            "x.csv: error: wait_time: Test passenger General NB (lines 0-0): no hour of lane type Ready has booths open, "
            "volume and an average wait of 10 min or more (--min-wait), so no booth rate can be read from it");
  EXPECT_EQ(message([&] { cal::fit_lane_type("Ready", day(3, 4200, 20), "x.csv", s); }),
            "x.csv: error: volume: Test passenger General NB (lines 0-0): 100800 vehicles in the day, above the limit of "
            "100000 (each fit simulates the day about 60 x --reps times)");
}
