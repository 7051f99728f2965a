// The parts of the calibration that stand on their own: the base-wait mode's name table, the
// model file (exact text, round trips, exact messages), the common-random-number key (equal to
// the key built by hand before crn.hpp), the parameter table, the sample summaries, the
// hour-of-week grouping and the objective on given simulations.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "calibration/base_wait.hpp"
#include "calibration/base_wait_mode.hpp"
#include "calibration/crn.hpp"
#include "calibration/hour_of_week.hpp"
#include "calibration/model_file.hpp"
#include "calibration/model_spec.hpp"
#include "calibration/objective.hpp"
#include "calibration/sample_stats.hpp"
#include "sim/io/input_error.hpp"

namespace cal = portsim::calibration;

namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

// The whole message of reading `text` as a model file ("no error" when it reads).
std::string read_error(const std::string& name, const std::string& text) {
  const std::string path = write_temp(name, text);
  try {
    cal::read_model(path);
  } catch (const portsim::io::InputError& e) {
    return e.what();
  }
  return "no error";
}

const std::string five_parameters =
    "parameters:\n"
    "  service_mean_s: {start: 80, low: 20, high: 900}\n"
    "  service_cv: {start: 0.8, low: 0.2, high: 2}\n"
    "  batch_spread_min: {start: 20, low: 0, high: 90}\n"
    "  walk_min: {start: 5, low: 0, high: 30}\n"
    "  opening_delay_min: {start: 5, low: 0, high: 60}\n";

// The day key as calibrate.cpp built it by hand before crn.hpp.
std::uint64_t old_day_key(const std::string& date) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : date) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

}  // namespace

TEST(CalibrationBaseWaitMode, NamesParseAndPrintFromOneTable) {
  EXPECT_EQ(cal::base_wait_mode_names(), (std::vector<std::string>{"none", "profile", "boosted"}));
  for (const auto& [mode, name] : cal::base_wait_mode_table) {
    EXPECT_EQ(cal::name_of(mode), name);
    EXPECT_EQ(cal::parse_base_wait_mode(name), mode);
  }
  EXPECT_EQ(cal::parse_base_wait_mode("boost"), std::nullopt);
  EXPECT_EQ(cal::parse_base_wait_mode("Profile"), std::nullopt);
  EXPECT_FALSE(cal::fits_profile(cal::BaseWaitMode::None));
  EXPECT_TRUE(cal::fits_profile(cal::BaseWaitMode::Profile));
  EXPECT_TRUE(cal::fits_profile(cal::BaseWaitMode::Boosted));
}

TEST(CalibrationBaseWaitMode, ABadNameInAModelFileIsAnInputErrorWithTheAllowedNames) {
  const std::string text = "model: booth-checkpoint\n" + five_parameters + "fit:\n  base_wait: boost\n";
  const std::string path = (std::filesystem::temp_directory_path() / "portsim_bad_mode.yaml").string();
  EXPECT_EQ(read_error("portsim_bad_mode.yaml", text),
            path + ":9:14: error: fit.base_wait: expected one of none, profile, boosted, got \"boost\" (did you mean "
                   "\"boosted\"?)");
  for (const auto& [mode, name] : cal::base_wait_mode_table) {
    const std::string ok = write_temp("portsim_mode.yaml", "model: booth-checkpoint\n" + five_parameters + "fit:\n  base_wait: " +
                                                                std::string(name) + "\n");
    EXPECT_EQ(cal::read_model(ok).base_wait_mode, mode) << name;
  }
}

TEST(CalibrationModelFile, WritesTheDocumentedTextAndReadsItBack) {
  cal::ModelSpec m;
  m.made_by = "# made by a test\n";
  m.seed = 42;
  m.params = {{"service_mean_s", 80, 20, 900, 1.5}, {"service_cv", 0.8, 0.2, 2, 0}, {"batch_spread_min", 20, 0, 90, 0},
              {"walk_min", 5, 0, 30, 0}, {"opening_delay_min", 5, 0, 60, 0}, {"bypass_share", 0.25, 0, 0.95, 0.01}};
  m.starts = 2;
  m.max_evals = 30;
  m.sample_days = 12;
  m.bootstrap = 3;
  m.band_replications = 7;
  m.weight_hist = 0.5;
  m.weight_max = 0;
  m.weight_hourly = 20;
  m.base_wait_mode = cal::BaseWaitMode::Boosted;
  m.profile_replications = 2;
  m.trees.rounds = 2;
  m.trees.rounds_from = {1, 2};
  m.trees.depth = 2;
  m.trees.learning_rate = 0.25;
  m.trees.min_leaf = 5;
  m.trees.bins = 16;
  m.level_nowcast_days = 14;
  m.base_wait_shift = 0.375;
  m.forecast_residual_quantiles = {-2.5, 4.125};
  const cal::TreeNode split{1, 200.5, 1, 2, 0}, low{-1, 0, -1, -1, -0.75}, high{-1, 0, -1, -1, 2.5}, only{-1, 0, -1, -1, 0.125};
  m.base_wait_trees = cal::BoostedTrees(cal::base_wait_feature_names(), {{split, low, high}, {only}});
  const std::string text = cal::write_model(m);
  EXPECT_EQ(text,
            "# made by a test\n"
            "model: booth-checkpoint\n"
            "seed: 42\n"
            "parameters:\n"
            "  service_mean_s: {value: 80, sd: 1.5, low: 20, high: 900}\n"
            "  service_cv: {value: 0.8, sd: 0, low: 0.2, high: 2}\n"
            "  batch_spread_min: {value: 20, sd: 0, low: 0, high: 90}\n"
            "  walk_min: {value: 5, sd: 0, low: 0, high: 30}\n"
            "  opening_delay_min: {value: 5, sd: 0, low: 0, high: 60}\n"
            "  bypass_share: {value: 0.25, sd: 0.01, low: 0, high: 0.95}\n"
            "fit:\n"
            "  starts: 2\n"
            "  max_evals: 30\n"
            "  sample_days: 12\n"
            "  bootstrap: 3\n"
            "  band_replications: 7\n"
            "  weights: {avg_wait: 1, histogram: 0.5, max_wait: 0, hourly_abs: 20}\n"
            "  base_wait: boosted\n"
            "  profile_replications: 2\n"
            "  trees: {rounds: 2, rounds_from: [1, 2], depth: 2, learning_rate: 0.25, min_leaf: 5, bins: 16}\n"
            "  level_nowcast_days: 14\n"
            "# Added to the trees' base wait: the median cross-fitted error of the last training days.\n"
            "base_wait_shift_min: 0.375\n"
            "# 5% and 95% quantiles of the training hours' (observed - point forecast): the 90% forecast interval.\n"
            "forecast_residual_quantiles_min: [-2.5, 4.125]\n"
            "# Base wait (min) = sum over the trees of the leaf each hour reaches, at least 0. A split node is\n"
            "# [feature index, threshold, left, right]: the hour goes left when its feature is below the\n"
            "# threshold; a leaf is [value]. Features (0-based) as listed.\n"
            "base_wait_model:\n"
            "  kind: boosted-trees\n"
            "  features: [hour, arrivals, servers, arrivals_per_server, prev_arrivals, prev_servers, "
            "prev_arrivals_per_server, next_arrivals, next_servers]\n"
            "  trees:\n"
            "    - [[1, 200.5, 1, 2], [-0.75], [2.5]]\n"
            "    - [[0.125]]\n");
  const cal::ModelSpec back = cal::read_model(write_temp("portsim_parts_model.yaml", text));
  EXPECT_EQ(back.seed, 42u);
  ASSERT_EQ(back.params.size(), 6u);
  EXPECT_EQ(back.params[5].name, "bypass_share");
  EXPECT_DOUBLE_EQ(back.params[5].sd, 0.01);
  EXPECT_EQ(back.trees.rounds_from, (std::vector<int>{1, 2}));
  EXPECT_EQ(back.level_nowcast_days, 14);
  EXPECT_EQ(back.base_wait_shift, 0.375);
  EXPECT_EQ(back.base_wait_trees.trees().size(), 2u);
  EXPECT_EQ(cal::write_model(back), text.substr(text.find('\n') + 1));  // made_by is the caller's
}

TEST(CalibrationModelFile, AProfileRoundTripsAtTwoDecimals) {
  cal::ModelSpec m;
  m.params = {{"service_mean_s", 80, 20, 900, 0}, {"service_cv", 0.8, 0.2, 2, 0}, {"batch_spread_min", 20, 0, 90, 0},
              {"walk_min", 5, 0, 30, 0}, {"opening_delay_min", 5, 0, 60, 0}};
  m.base_wait_mode = cal::BaseWaitMode::Profile;
  for (int k = 0; k < 168; ++k) m.base_wait.push_back(k * 0.1234);
  const std::string text = cal::write_model(m);
  EXPECT_NE(text.find("  base_wait: profile\n"), std::string::npos);
  EXPECT_EQ(text.find("trees:"), std::string::npos);  // tree settings only with boosted
  EXPECT_NE(text.find("base_wait_by_hour_of_week: [\n  0, 0.12, 0.25, 0.37,"), std::string::npos);
  const cal::ModelSpec back = cal::read_model(write_temp("portsim_parts_profile.yaml", text));
  EXPECT_EQ(back.base_wait_mode, cal::BaseWaitMode::Profile);
  ASSERT_EQ(back.base_wait.size(), 168u);
  EXPECT_DOUBLE_EQ(back.base_wait[167], 20.61);  // 167 x 0.1234 = 20.6078
  EXPECT_EQ(cal::write_model(back), text);
}

TEST(CalibrationModelFile, TheCommittedCalibratedModelsReadBackToTheirOwnText) {
  // Written by the tool before the calibration was split into parts: reading and writing again
  // gives the same text after the made-by header (which the command writes, not the model).
  for (const char* file : {"results/calibration/ord/calibrated.yaml", "results/calibration/ysleta/calibrated.yaml"}) {
    const std::string text = read_text(file);
    const std::string body = text.substr(text.find("\nmodel: ") + 1);
    EXPECT_EQ(cal::write_model(cal::read_model(file)), body) << file;
  }
}

TEST(CalibrationModelFile, ParametersComeFromOneTable) {
  // Optional parameters may be left out; required ones are named with the fix.
  EXPECT_EQ(read_error("portsim_parts_ok.yaml", "model: booth-checkpoint\n" + five_parameters), "no error");
  std::string no_walk = five_parameters;
  no_walk.erase(no_walk.find("  walk_min"), no_walk.find("  opening_delay_min") - no_walk.find("  walk_min"));
  const std::string path = (std::filesystem::temp_directory_path() / "portsim_parts_no_walk.yaml").string();
  EXPECT_EQ(read_error("portsim_parts_no_walk.yaml", "model: booth-checkpoint\n" + no_walk),
            path + ":3:3: error: parameters.walk_min: missing: give {start, low, high} (equal low and high fix it)");
  std::string zero_cv = five_parameters;
  zero_cv.replace(zero_cv.find("low: 0.2"), 8, "low: 0");
  EXPECT_EQ(read_error("portsim_parts_cv.yaml", "model: booth-checkpoint\n" + zero_cv),
            (std::filesystem::temp_directory_path() / "portsim_parts_cv.yaml").string() +
                ":4:33: error: parameters.service_cv.low: expected a number in [0.05, 3], got 0");
  // to_params sets each table entry's field, ignores other names.
  std::vector<cal::Parameter> ps;
  double v = 1;
  for (const auto& info : cal::parameter_table) ps.push_back({std::string(info.name), v++, 0, 100, 0});
  ps.push_back({"no_such_parameter", 99, 0, 100, 0});
  const portsim::port::CheckpointParams p = cal::to_params(ps);
  v = 1;
  for (const auto& info : cal::parameter_table) EXPECT_EQ(p.*info.field, v++) << info.name;
  EXPECT_EQ(p.service_mean_s, 1);
  EXPECT_EQ(p.close_below_min, 11);
  EXPECT_EQ(p.policy_interval_min, portsim::port::CheckpointParams{}.policy_interval_min);
}

TEST(CalibrationCrn, TheKeyIsTheOneBuiltByHandBefore) {
  for (const std::string date : {"2016-03-01", "2018-12-31", "typical-weekday", "", "January-Sunday"}) {
    EXPECT_EQ(cal::day_key(date), old_day_key(date)) << date;
    const cal::CrnKey k = cal::crn_key(7, date, 3);
    EXPECT_EQ(k.seed, 7u);
    EXPECT_EQ(k.day, old_day_key(date));
    EXPECT_EQ(k.replication, 3u);
  }
  EXPECT_EQ(cal::day_key("2016-03-01"), 674108340091633040ull);
  EXPECT_EQ(cal::crn_key(1, "2016-03-01").replication, 0u);
  // simulate_day draws exactly what the simulator draws for the hand-built key.
  std::vector<portsim::port::HourInput> in;
  for (int h = 6; h < 12; ++h) in.push_back({h, 120 + 10 * h, 2, 5, 0, 1.5});
  portsim::port::CheckpointParams p;
  const auto a = cal::simulate_day(in, p, cal::crn_key(11, "2017-05-02", 4));
  const auto b = portsim::port::simulate_checkpoint_day(in, p, 11, old_day_key("2017-05-02"), 4);
  const auto c = cal::simulate_day(in, p, cal::crn_key(11, "2017-05-02", 5));
  ASSERT_EQ(a.size(), b.size());
  bool differs = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].avg_wait_min, b[i].avg_wait_min);
    EXPECT_EQ(a[i].max_wait_min, b[i].max_wait_min);
    EXPECT_EQ(a[i].served, b[i].served);
    differs = differs || a[i].avg_wait_min != c[i].avg_wait_min;
  }
  EXPECT_TRUE(differs);  // another replication, other numbers
}

TEST(CalibrationStats, MedianQuantilesMeanAndTheCentralInterval) {
  EXPECT_EQ(cal::median_of({}), 0);
  EXPECT_EQ(cal::median_of({5, 1, 3}), 3);
  EXPECT_EQ(cal::median_of({4, 1, 3, 2}), 2.5);
  const std::vector<double> s{0, 10, 20, 30, 40};
  EXPECT_EQ(cal::quantile_of(s, 0.5), 20);
  EXPECT_DOUBLE_EQ(cal::quantile_of(s, 0.1), 4);   // 0.4 of the way from 0 to 10
  EXPECT_DOUBLE_EQ(cal::quantile_of(s, 1.0), 40);
  EXPECT_EQ(cal::quantile_of({}, 0.5), 0);
  EXPECT_EQ(cal::lower_quantile_of(s, 0.1), 0);    // floor(0.4): no interpolation
  EXPECT_EQ(cal::lower_quantile_of(s, 0.99), 30);  // floor(3.96)
  EXPECT_EQ(cal::mean_of({1, 2, 6}), 3);
  EXPECT_EQ(cal::central_90_of({}), std::vector<double>{});
  std::vector<double> hundred;
  for (int i = 100; i >= 0; --i) hundred.push_back(i);  // any order
  EXPECT_EQ(cal::central_90_of(hundred), (std::vector<double>{5, 95}));
}

TEST(CalibrationHourOfWeek, HoursAndTheHourOfDayFallback) {
  cal::HourRow sunday, monday, late;
  sunday.date = "2024-01-07", sunday.hour_start = 9;
  monday.date = "2024-01-08", monday.hour_start = 0;
  late.date = "2024-01-08", late.hour_start = 30;  // clamped to 23
  EXPECT_EQ(cal::hour_of_week(sunday), 9u);
  EXPECT_EQ(cal::hour_of_week(monday), 24u);
  EXPECT_EQ(cal::hour_of_week(late), 47u);
  cal::HourOfWeekSamples s;
  s.add(sunday, 1);
  s.add(sunday, 2);
  s.add(monday, 7);
  EXPECT_EQ(s.at(9), (std::vector<double>{1, 2}));
  EXPECT_EQ(s.at(24 + 9), (std::vector<double>{1, 2}));  // Monday 9h: none, Sunday's 9h stands in
  EXPECT_EQ(s.at(48), (std::vector<double>{7}));         // Tuesday 0h: Monday's 0h
  EXPECT_TRUE(s.at(5).empty());
}

TEST(CalibrationObjective, ZeroForTheObservedWaitsAndTheStatedFormulaForAShift) {
  std::vector<std::vector<cal::HourRow>> days(2);
  std::vector<std::vector<portsim::port::HourOutput>> same(2);
  for (std::size_t d = 0; d < 2; ++d) {
    for (int h = 0; h < 10; ++h) {
      cal::HourRow r;
      r.date = d == 0 ? "2020-01-01" : "2020-01-02";
      r.hour_start = h;
      r.arrivals = 50 + 10 * h;
      r.servers = 2 + h % 3;
      r.avg_wait_min = 3.0 + h + 2.0 * static_cast<double>(d);
      r.max_wait_min = 2 * r.avg_wait_min;
      days[d].push_back(r);
      portsim::port::HourOutput o;
      o.avg_wait_min = r.avg_wait_min;
      o.max_wait_min = r.max_wait_min;
      o.served = r.arrivals;
      same[d].push_back(o);
    }
  }
  cal::ModelSpec spec;
  spec.weight_hourly = 1;
  EXPECT_EQ(cal::discrepancy_of(spec, days, same), 0);
  // Every simulated hour 2 min longer (maxima unchanged): E_hour = E_load = E_quantiles = 4,
  // mean |error| = 2; the mean observed wait is 8.5.
  auto longer = same;
  for (auto& day : longer) {
    for (auto& o : day) o.avg_wait_min += 2;
  }
  EXPECT_NEAR(cal::discrepancy_of(spec, days, longer), 12.0 / (8.5 + 5) + 2.0, 1e-12);
  spec.weight_avg = 0;
  spec.weight_hourly = 0;
  EXPECT_EQ(cal::discrepancy_of(spec, days, longer), 0);
  // Hours without an observed wait, flagged, or with nothing served do not count (each would
  // add 100 min of error).
  days[0][0].avg_wait_min = -1;
  days[0][1].inconsistent = true;
  longer[1][0].served = 0;
  for (auto* o : {&longer[0][0], &longer[0][1], &longer[1][0]}) o->avg_wait_min += 100;
  spec.weight_hourly = 1;
  EXPECT_NEAR(cal::discrepancy_of(spec, days, longer), 2.0, 1e-12);
}
