// The booth-checkpoint model's calibration features (base wait, throughput-consistent capacity,
// queue at opening, completions by hour, lane-opening policy) and the truck-crossing inputs:
// lane rates from saturated hours, monthly counts, SANDAG lane tables, arrivals scaled from
// monthly counts.
#include "calibration/truck_inputs.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>

#include "sim/io/input_error.hpp"
#include "sim/port/checkpoint.hpp"

namespace cal = portsim::calibration;
namespace port = portsim::port;

namespace {
std::string logs(const std::string& f) { return "tests/data/logs/" + f; }

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const portsim::io::InputError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string temp_file(const std::string& name, const std::string& text) {
  const auto p = std::filesystem::temp_directory_path() / ("portsim_test_" + name);
  std::ofstream(p) << text;
  return p.string();
}

port::HourInput hour(int h, int arrivals, int servers) {
  port::HourInput x;
  x.hour = h;
  x.arrivals = arrivals;
  x.servers = servers;
  return x;
}
}  // namespace

TEST(CheckpointModel, BaseWaitShiftsEveryWaitByExactlyItsValue) {
  port::CheckpointParams p;
  p.service_mean_s = 100;
  p.batch_spread_min = 10;
  std::vector<port::HourInput> in{hour(8, 60, 2), hour(9, 80, 2)};
  const auto plain = port::simulate_checkpoint_day(in, p, 5, 11);
  for (auto& h : in) h.base_wait_min = 7.5;
  const auto shifted = port::simulate_checkpoint_day(in, p, 5, 11);
  for (std::size_t i = 0; i < in.size(); ++i) {
    ASSERT_GT(plain[i].served, 0);
    EXPECT_EQ(plain[i].served, shifted[i].served);
    EXPECT_NEAR(shifted[i].avg_wait_min, plain[i].avg_wait_min + 7.5, 1e-9);
    EXPECT_NEAR(shifted[i].max_wait_min, plain[i].max_wait_min + 7.5, 1e-9);
  }
  // Waits of 0-7.5 min move out of nothing: every wait is now at least 7.5, so no bin below it
  // gains; the share above 15 min can only grow.
  EXPECT_GE(shifted[0].bins[1] + shifted[0].bins[2], plain[0].bins[1] + plain[0].bins[2]);
}

TEST(CheckpointModel, MaxUtilisationEqualsStaffingTheServersTheThroughputNeeds) {
  // 1,000 arrivals/h at 60 s need 1000 * 60 / 3600 / 0.8 = 20.8 -> 21 servers at 80% utilisation.
  port::CheckpointParams floor;
  floor.service_mean_s = 60;
  floor.max_utilisation = 0.8;
  const auto with_floor = port::simulate_checkpoint_day({hour(10, 1000, 1)}, floor, 3, 4);
  port::CheckpointParams plain;
  plain.service_mean_s = 60;
  const auto staffed = port::simulate_checkpoint_day({hour(10, 1000, 21)}, plain, 3, 4);
  EXPECT_EQ(with_floor[0].served, 1000);
  EXPECT_DOUBLE_EQ(with_floor[0].avg_wait_min, staffed[0].avg_wait_min);  // the same random numbers, the same day
  EXPECT_DOUBLE_EQ(with_floor[0].max_wait_min, staffed[0].max_wait_min);
  // Staffing elasticity 0.5: a load of 2400 * 60 / 3600 = 40 servers gets 10 * (40 / 10)^0.5 = 20.
  port::CheckpointParams elastic = floor;
  elastic.max_utilisation = 1.0;
  elastic.staffing_elasticity = 0.5;
  const auto with_elastic = port::simulate_checkpoint_day({hour(10, 2400, 1)}, elastic, 3, 4);
  const auto twenty = port::simulate_checkpoint_day({hour(10, 2400, 20)}, plain, 3, 4);
  EXPECT_DOUBLE_EQ(with_elastic[0].avg_wait_min, twenty[0].avg_wait_min);
  EXPECT_EQ(with_elastic[0].completed, twenty[0].completed);
  EXPECT_LE(twenty[0].completed, 20 * 60 * 1.1);  // 20 servers at 60 s: about 1,200 per hour
  const auto one_booth = port::simulate_checkpoint_day({hour(10, 1000, 1)}, plain, 3, 4);
  EXPECT_GT(one_booth[0].avg_wait_min, 100 * with_floor[0].avg_wait_min);
}

TEST(CheckpointModel, QueueAtOpeningIsServedInOrderAndCompletionsCountByClockHour) {
  // 10 trucks queued at 06:00, one lane, 550 s each (cv 0.05): six finish by 07:00 (the sixth at
  // about 3,300 s, the seventh at about 3,850 s), the other four by 08:00.
  port::CheckpointParams p;
  p.service_mean_s = 550;
  p.service_cv = 0.05;
  auto h6 = hour(6, 0, 1);
  h6.at_start = 10;
  const auto out = port::simulate_checkpoint_day({h6, hour(7, 0, 1), hour(8, 0, 1)}, p, 1, 2);
  EXPECT_EQ(out[0].served, 10);
  EXPECT_EQ(out[0].completed, 6);
  EXPECT_EQ(out[1].completed, 4);
  EXPECT_EQ(out[2].completed, 0);
  // Waits: 0, 550, ..., 4950 s: mean 2475 s = 41.25 min (within the service noise).
  EXPECT_NEAR(out[0].avg_wait_min, 41.25, 1.5);
  // A closed hour (0 servers) holds arrivals until the next open hour.
  const auto closed = port::simulate_checkpoint_day({hour(5, 5, 0), hour(6, 0, 1)}, p, 1, 2);
  EXPECT_EQ(closed[0].completed, 0);
  EXPECT_GT(closed[1].completed, 0);
}

TEST(CheckpointModel, LaneOpeningPolicyOpensLanesUnderLoadAndKeepsWaitsNearItsThresholds) {
  // 300 trucks/h at 120 s per truck need 10 lanes; the hour starts with 1 of 21 possible.
  port::CheckpointParams p;
  p.service_mean_s = 120;
  p.service_cv = 0.5;
  p.extra_servers = 20;
  std::vector<port::HourInput> in;
  for (int h = 6; h < 14; ++h) in.push_back(hour(h, 300, 1));
  const auto fixed = port::simulate_checkpoint_day(in, p, 9, 1);
  p.extra_servers = 0;
  const auto one_lane = port::simulate_checkpoint_day(in, p, 9, 1);
  p.extra_servers = 20;
  p.open_above_min = 20;
  p.close_below_min = 5;
  const auto policy = port::simulate_checkpoint_day(in, p, 9, 1);
  double done_one = 0, done_policy = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    done_one += one_lane[i].completed;
    done_policy += policy[i].completed;
  }
  EXPECT_LE(done_one, 8 * 3600 / 120 * 1.1);  // one lane: at most its capacity
  EXPECT_GT(done_policy, 0.95 * 8 * 300 - 300);  // the policy keeps up with demand
  // The backlog of the first hours is worked off (lanes open one per 15 min), then lanes close
  // again until the wait is back between the thresholds (5-20 min) by the last hour; 21 lanes
  // from the start never queue and one lane queues without end.
  EXPECT_GT(policy.back().avg_wait_min, 5);
  EXPECT_LT(policy.back().avg_wait_min, 20);
  for (std::size_t i = 3; i < in.size(); ++i) {
    EXPECT_LT(policy[i].avg_wait_min, 35) << "hour " << in[i].hour;
    EXPECT_LT(fixed[i].avg_wait_min, 1) << "hour " << in[i].hour;
    EXPECT_GT(one_lane[i].avg_wait_min, 300) << "hour " << in[i].hour;
  }
}

TEST(LaneRates, FluidBalanceFindsTheInitialQueueAndTheSaturatedHours) {
  // Demand 50, 50, 200 in hours 1-3 (the survey's 5, 5, 20 scaled to the 300 processed);
  // processed 100 per hour with 4, 4 and 5 lanes. By the end of hour 2, 200 were processed but
  // only 100 had arrived: the smallest queue at opening is 100. Backlog at the end of each hour:
  // 100 (closed), 50, 0, 100, and the 100 left wait overnight (a periodic day).
  const std::vector<double> processed{0, 100, 100, 100, 0, 0};
  const std::vector<int> open{0, 4, 4, 5, 0, 0};
  const std::vector<double> survey{0, 5, 5, 20, 0, 0};
  const auto fit = cal::fit_lane_rate(processed, open, survey, 10, 1);
  EXPECT_DOUBLE_EQ(fit.arrivals[3], 200);
  EXPECT_DOUBLE_EQ(fit.initial_queue, 100);
  EXPECT_EQ(fit.backlog, (std::vector<double>{100, 50, 0, 100, 100, 100}));
  EXPECT_EQ(fit.saturated, (std::vector<int>{1, 3}));  // hour 2 ended with an empty queue
  EXPECT_DOUBLE_EQ(fit.rate, 200.0 / 9);
  EXPECT_DOUBLE_EQ(fit.hourly_rate[3], 20);
  EXPECT_DOUBLE_EQ(fit.hourly_rate[2], -1);
  EXPECT_GT(fit.rate_sd, 0);
  // A higher threshold leaves hour 1 (50 queued at its end) out.
  const auto strict = cal::fit_lane_rate(processed, open, survey, 60, 1);
  EXPECT_EQ(strict.saturated, (std::vector<int>{3}));
  EXPECT_DOUBLE_EQ(strict.rate, 20);
}

TEST(LaneRates, SimulationCheckReproducesASaturatedDay) {
  // Lanes that process exactly lanes x rate: the simulated volumes match the observed ones in
  // the saturated hours within the service noise.
  std::vector<double> processed(24, 0.0), survey(24, 0.0);
  cal::LaneHours lanes{std::vector<int>(24, 0), std::vector<double>(24, 30.0)};
  for (int h = 8; h < 16; ++h) {
    processed[static_cast<std::size_t>(h)] = 120;
    lanes.open[static_cast<std::size_t>(h)] = 4;
    survey[static_cast<std::size_t>(h)] = h < 12 ? 200 : 40;
  }
  const auto fit = cal::fit_lane_rate(processed, lanes.open, survey, 10, 1);
  EXPECT_NEAR(fit.rate, 30, 1e-9);
  const auto check = cal::check_lane_rate(fit, processed, lanes, 0.3, 20, 1);
  for (int h = 9; h < 15; ++h) EXPECT_NEAR(check.simulated_fitted[static_cast<std::size_t>(h)], 120, 10) << h;
  EXPECT_LT(check.mae_fitted, 10);
  EXPECT_DOUBLE_EQ(check.loo_mae, 0);  // every saturated hour has the same rate
}

TEST(TruckInputs, SandagLaneTableAndSurvey) {
  const auto lanes = cal::read_sandag_lanes(logs("poe_rates_excerpt.csv"), {"OMC_GP", "OMC_SP"});
  EXPECT_EQ(lanes.open[0], 2);    // TIME 1: 1 GP + 1 FAST
  EXPECT_EQ(lanes.open[5], 7);    // TIME 6: 5 + 2
  EXPECT_EQ(lanes.open[13], 10);  // TIME 14: 7 + 3
  EXPECT_DOUBLE_EQ(lanes.sandag_rate[18], 35);
  const auto trips = cal::read_sandag_trips(logs("truck_trips_excerpt.csv"), "NB");
  EXPECT_NEAR(trips[8], 14.930022928510521 * 2, 1e-9);  // ArHour 9 = 08:00-09:00
  EXPECT_NEAR(trips[12], 11.479607544709314 * 2, 1e-9);
  EXPECT_NEAR(std::accumulate(trips.begin(), trips.end(), 0.0),
              14.930022928510521 * 2 + 11.479607544709314 * 2 + 18.359374967213167 + 20.088010377516746, 1e-9);
  EXPECT_EQ(error_of([] { cal::read_sandag_lanes(logs("poe_rates_excerpt.csv"), {"OMX_GP"}); }),
            "tests/data/logs/poe_rates_excerpt.csv:1: error: OMX_GP_OPEN: no column \"OMX_GP_OPEN\" (the header has: TIME, "
            "SY_GP_MAX, SY_GP_OPEN, SY_GP_VEH, SY_GP_STL, SY_GP_STV, SY_RE_MAX, SY_RE_OPEN, SY_RE_VEH, SY_RE_STL, SY_RE_STV, "
            "SY_SE_MAX, SY_SE_OPEN, SY_SE_VEH, SY_SE_STL, SY_SE_STV, SY_SB_MAX, SY_SB_OPEN, SY_SB_VEH, SY_SB_STL, SY_SB_STV, "
            "OM_GP_MAX, OM_GP_OPEN, OM_GP_VEH, OM_GP_STL, OM_GP_STV, OM_RE_MAX, OM_RE_OPEN, OM_RE_VEH, OM_RE_STL, OM_RE_STV, "
            "OM_SE_MAX, OM_SE_OPEN, OM_SE_VEH, OM_SE_STL, OM_SE_STV, OM_SB_MAX, OM_SB_OPEN, OM_SB_VEH, OM_SB_STL, OM_SB_STV, "
            "OMC_GP_MAX, OMC_GP_OPEN, OMC_GP_VEH, OMC_GP_STL, OMC_GP_STV, OMC_SP_MAX, OMC_SP_OPEN, OMC_SP_VEH, OMC_SP_STL, "
            "OMC_SP_STV, OMC_SB_MAX, OMC_SB_OPEN, OMC_SB_VEH, OMC_SB_STL, OMC_SB_STV, OME_GP_MAX, OME_GP_OPEN, OME_GP_VEH, "
            "OME_GP_STL, OME_GP_STV, OME_RE_MAX, OME_RE_OPEN, OME_RE_VEH, OME_RE_STL, OME_RE_STV, OME_SE_MAX, OME_SE_OPEN, "
            "OME_SE_VEH, OME_SE_STL, OME_SE_STV, OME_SB_MAX, OME_SB_OPEN, OME_SB_VEH, OME_SB_STL, OME_SB_STV, OMEC_GP_MAX, "
            "OMEC_GP_OPEN, OMEC_GP_VEH, OMEC_GP_STL, OMEC_GP_STV, OMEC_SP_MAX, OMEC_SP_OPEN, OMEC_SP_VEH, OMEC_SP_STL, "
            "OMEC_SP_STV, OMEC_SB_MAX, OMEC_SB_OPEN, OMEC_SB_VEH, OMEC_SB_STL, OMEC_SB_STV)");
}

TEST(TruckInputs, MonthlyCountsAndTheirErrors) {
  const auto c = cal::read_monthly_counts(logs("monthly_counts_excerpt.csv"), "Ysleta Bridge", "Commercial Trucks");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].year, 2025);
  EXPECT_EQ(c[1].month, 2);
  EXPECT_DOUBLE_EQ(c[1].count, 49937);
  EXPECT_EQ(error_of([] { cal::read_monthly_counts(logs("monthly_counts_excerpt.csv"), "Ysleta", "Commercial Trucks"); }),
            "command line: error: --crossing: no crossing \"Ysleta\" in tests/data/logs/monthly_counts_excerpt.csv (it has: Ysleta Bridge)");
  EXPECT_EQ(error_of([] { cal::read_monthly_counts(logs("monthly_counts_excerpt.csv"), "Ysleta Bridge", "Trucks"); }),
            "command line: error: --mode: crossing \"Ysleta Bridge\" in tests/data/logs/monthly_counts_excerpt.csv has no mode \"Trucks\" "
            "(it has: Buses, Commercial Trucks)");
  const auto bad = temp_file("counts_bad.csv",
                             "ID,Year,Month,Region,POE,Crossing,Modes,Northbound Crossing\n"
                             "a,2025,1,El Paso,Ysleta,Ysleta Bridge,Commercial Trucks,55299\n"
                             "b,2025,13,El Paso,Ysleta,Ysleta Bridge,Commercial Trucks,1\n");
  EXPECT_EQ(error_of([&] { cal::read_monthly_counts(bad, "Ysleta Bridge", "Commercial Trucks"); }),
            bad + ":3:8: error: Month: expected a month in [1, 12], got \"13\"");
}

TEST(TruckInputs, ArrivalsScaledFromMonthlyCountsKeepTheMonthTotal) {
  // Typical Mondays (2 open hours) and Tuesdays (3) of January; January 2025 has 4 Mondays and
  // 4 Tuesdays: 20 open hours, so 1,000 trucks/h; every other weekday is closed.
  std::vector<cal::HourRow> waits;
  for (int h : {8, 9}) waits.push_back({.site = "s", .date = "January-Monday", .hour_start = h, .avg_wait_min = 10});
  for (int h : {8, 9, 10}) waits.push_back({.site = "s", .date = "January-Tuesday", .hour_start = h, .avg_wait_min = 20});
  const std::vector<cal::MonthlyCount> counts{{2025, 1, 20000, 0}, {2024, 1, 1, 0}};
  const auto rows = cal::scale_arrivals(waits, counts, 2025, {}, "w.csv", "c.csv");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].date, "2025-01-06");  // the first Monday
  EXPECT_EQ(rows[2].date, "2025-01-07");
  for (const auto& r : rows) {
    EXPECT_EQ(r.arrivals, 1000);
    EXPECT_EQ(r.servers, 1);
  }
  EXPECT_DOUBLE_EQ(rows[4].avg_wait_min, 20);
  // A shape puts more of the day where it is heavier; the day's total stays.
  const auto shaped = cal::scale_arrivals(waits, counts, 2025, {1, 3}, "w.csv", "c.csv");
  EXPECT_EQ(shaped[0].arrivals, 500);
  EXPECT_EQ(shaped[1].arrivals, 1500);
  EXPECT_EQ(shaped[2].arrivals + shaped[3].arrivals + shaped[4].arrivals, 3000);
  EXPECT_LT(shaped[2].arrivals, shaped[4].arrivals);
  EXPECT_EQ(error_of([&] { cal::scale_arrivals(waits, counts, 2023, {}, "w.csv", "c.csv"); }),
            "c.csv:1: error: Month: no count for January 2023");
  // A count too large for the model's hourly limit is blamed on its row of the counts file.
  const std::vector<cal::MonthlyCount> huge{{2025, 1, 2e9, 7}};
  EXPECT_EQ(error_of([&] { cal::scale_arrivals(waits, huge, 2025, {}, "w.csv", "c.csv"); }).rfind(
                "c.csv:7: error: Northbound Crossing: the count of January 2025 (", 0),
            0u);
}
