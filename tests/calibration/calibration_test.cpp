// Calibration: adapters on real excerpts and broken files (exact messages), recovery of known
// parameters from logs the simulator made, and predictions aligned with their input hours.
#include "calibration/calibrate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "calibration/fit_verdict.hpp"
#include "calibration/input_model.hpp"
#include "calibration/validation_report.hpp"
#include "sim/io/distribution_text.hpp"
#include "sim/io/input_error.hpp"
#include "sim/kernel/random.hpp"

namespace cal = portsim::calibration;

namespace {
std::string logs(const std::string& f) { return "tests/data/logs/" + f; }
}  // namespace

TEST(Adapters, CbpAwtReadsAllThreeHeaderStyles) {
  const auto merged = cal::read_log(logs("ord_merged_excerpt.csv"), "cbp-awt");
  const auto export2018 = cal::read_log(logs("ord_2018_cbp_export_excerpt.csv"), "cbp-awt");
  const auto course = cal::read_log(logs("ord_2016_course_excerpt.csv"), "cbp-awt");
  ASSERT_EQ(merged.rows.size(), 5u);
  ASSERT_EQ(export2018.rows.size(), 5u);
  ASSERT_EQ(course.rows.size(), 3u);
  // The same hour through two formats (2016-01-01 04:00, merged vs the course export).
  EXPECT_EQ(merged.rows[1].date, "2016-01-01");
  EXPECT_EQ(course.rows[1].date, merged.rows[1].date);
  EXPECT_EQ(course.rows[1].hour_start, 4);
  EXPECT_EQ(merged.rows[1].arrivals, 142);
  EXPECT_EQ(merged.rows[1].servers, 10);
  EXPECT_EQ(merged.rows[1].batches, 1);
  EXPECT_DOUBLE_EQ(merged.rows[1].avg_wait_min, 28);
  EXPECT_EQ(merged.rows[1].bins, (std::array<int, 7>{1, 84, 54, 0, 0, 0, 0}));
  EXPECT_EQ(export2018.rows[0].date, "2018-01-01");
  EXPECT_EQ(export2018.rows[1].hour_start, 5);
  EXPECT_EQ(export2018.rows[1].arrivals, 156);
  EXPECT_EQ(merged.skipped + export2018.skipped + course.skipped, 0u);
}

TEST(Adapters, OtherPublicFormats) {
  const auto om = cal::read_log(logs("otay_mesa_commercial_nb.csv"), "sandag-poe");
  ASSERT_EQ(om.rows.size(), 24u);
  EXPECT_EQ(om.rows[15].hour_start, 15);
  EXPECT_EQ(om.rows[15].arrivals, 379);  // the busiest hour of the SANDAG data
  const auto ep = cal::read_log(logs("elpaso_excerpt.csv"), "cbp-bwt");
  ASSERT_EQ(ep.rows.size(), 4u);
  EXPECT_DOUBLE_EQ(ep.rows[0].avg_wait_min, 55);
  EXPECT_EQ(ep.rows[0].date, "January-Sunday");
  const auto cg = cal::read_log(logs("cascade_excerpt.csv"), "cascade");
  ASSERT_EQ(cg.rows.size(), 8u);  // empty counts are absent, not zero
  EXPECT_EQ(cg.rows[0].site, "Sum - Volume (Lynden/Aldergrove South Trucks)");
  EXPECT_EQ(cg.rows[0].arrivals, 83);
}

TEST(Adapters, BrokenRowsAreReportedCountedAndSkipped) {
  const auto log = cal::read_log(logs("ord_broken.csv"), "cbp-awt");
  EXPECT_EQ(log.rows.size(), 2u);  // line 2, and line 6 kept with a flag
  EXPECT_EQ(log.skipped, 4u);
  EXPECT_EQ(log.inconsistent, 1u);
  ASSERT_EQ(log.problems.size(), 5u);
  const std::string f = "tests/data/logs/ord_broken.csv:";
  EXPECT_EQ(log.problems[0].format(), f + "3:16: date: expected a date yyyy-mm-dd or m/d/yyyy (year 1900..2100, month "
                                           "1..12, a day of that month), got \"2016-13-01\"");
  EXPECT_EQ(log.problems[1].format(), f + "4:27: hour_start: expected an hour 0..23 or \"HHMM - HHMM\", got \"25\"");
  EXPECT_EQ(log.problems[2].format(), f + "5:41: all_avg_wait_min: expected a wait in minutes in [0, 1440], got \"abc\"");
  EXPECT_EQ(log.problems[3].format(), f + "6: inconsistent: wait bins (139) + excluded (3) != total (150); kept, flagged");
  EXPECT_EQ(log.problems[4].format(), f + "7: expected 21 fields, got 6");
  EXPECT_TRUE(log.rows[1].inconsistent);
  try {
    cal::read_log(logs("ord_broken.csv"), "cbp-awt", true);
    FAIL() << "strict mode accepted a malformed row";
  } catch (const portsim::io::InputError& e) {
    EXPECT_STREQ(e.what(), "tests/data/logs/ord_broken.csv:3:16: error: date: expected a date yyyy-mm-dd or m/d/yyyy "
                           "(year 1900..2100, month 1..12, a day of that month), got \"2016-13-01\" (--strict: "
                           "malformed rows are fatal)");
  }
}

TEST(Adapters, WrongFormatAndHeaderAreInputErrors) {
  const auto message = [](const std::string& file, const std::string& format) {
    try {
      cal::read_log(file, format);
    } catch (const portsim::io::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message(logs("elpaso_excerpt.csv"), "cbp-awt"),
            "tests/data/logs/elpaso_excerpt.csv:1:1: error: the header does not match --format cbp-awt (expected CBP "
            "Airport Wait Times columns: Airport, Terminal, Date, Hour, ... Total, Flights, Booths)");
  EXPECT_EQ(message(logs("elpaso_excerpt.csv"), "cbp-awd"),
            "command line: error: --format: expected one of cbp-awt, sandag-poe, sandag-passenger, cbp-bwt, cascade, hourly, got "
            "\"cbp-awd\" (did you mean \"cbp-awt\"?)");
}

namespace {

// Synthetic log: the simulator's own output for known parameters (different replication seed).
// `base_wait(servers)`: a known wait outside the queue, if any.
std::vector<cal::HourRow> synthetic_log(const portsim::port::CheckpointParams& truth, int days,
                                        double (*base_wait)(int servers) = nullptr) {
  std::vector<cal::HourRow> rows;
  for (int d = 0; d < days; ++d) {
    char date[32];
    std::snprintf(date, sizeof date, "2020-%02d-%02d", 1 + d / 28, 1 + d % 28);
    std::vector<portsim::port::HourInput> in;
    for (int h = 6; h < 16; ++h) in.push_back({h, 150 + 30 * (h % 4) + 5 * (d % 24), 2, 6 + (h % 3)});
    if (base_wait) {  // booths vary by day too, so that no clock-hour profile can stand in for them
      for (auto& h : in) {
        h.servers = 6 + (h.hour + d) % 3;
        h.base_wait_min = base_wait(h.servers);
      }
    }
    const auto out = portsim::port::simulate_checkpoint_day(in, truth, 77, static_cast<std::uint64_t>(d) * 7919, 99);
    for (std::size_t i = 0; i < in.size(); ++i) {
      cal::HourRow r;
      r.site = "synthetic";
      r.date = date;
      r.hour_start = in[i].hour;
      r.arrivals = in[i].arrivals;
      r.batches = in[i].batches;
      r.servers = in[i].servers;
      r.avg_wait_min = out[i].avg_wait_min;
      r.max_wait_min = out[i].max_wait_min;
      r.has_bins = true;
      for (std::size_t b = 0; b < 7; ++b) r.bins[b] = static_cast<int>(out[i].bins[b]);
      rows.push_back(r);
    }
  }
  return rows;
}

}  // namespace

TEST(Calibration, RecoversKnownParametersFromSimulatedLogs) {
  portsim::port::CheckpointParams truth;
  truth.service_mean_s = 75;
  truth.service_cv = 0.8;
  truth.batch_spread_min = 15;
  truth.walk_min = 5;
  truth.opening_delay_min = 0;
  const auto rows = synthetic_log(truth, 24);
  cal::ModelSpec spec;
  spec.seed = 1;
  spec.params = {{"service_mean_s", 50, 30, 150, 0}, {"service_cv", 0.8, 0.8, 0.8, 0},
                 {"batch_spread_min", 45, 5, 80, 0}, {"walk_min", 5, 5, 5, 0}, {"opening_delay_min", 0, 0, 0, 0}};
  spec.starts = 2;
  spec.max_evals = 80;
  spec.sample_days = 24;
  spec.bootstrap = 6;
  const auto result = cal::fit(spec, rows, 2, [](const std::string&) {});
  auto at_truth = spec.params;
  at_truth[0].start = truth.service_mean_s;
  at_truth[2].start = truth.batch_spread_min;
  const double d_truth = cal::discrepancy(spec, cal::to_params(at_truth), cal::by_day(rows), 2);
  // The optimiser finds a point at least as good as the truth on the same data.
  EXPECT_LE(result.objective, d_truth * 1.02) << "objective " << result.objective << " at truth " << d_truth;
  const auto& p = result.calibrated.params;
  // Within three bootstrap standard deviations (at least 5%: one synthetic log is one sample), and
  // within 10% in any case.
  EXPECT_NEAR(p[0].start, truth.service_mean_s, std::max(3 * p[0].sd, 0.05 * truth.service_mean_s)) << "sd " << p[0].sd;
  EXPECT_NEAR(p[0].start, truth.service_mean_s, 0.1 * truth.service_mean_s);
  EXPECT_NEAR(p[2].start, truth.batch_spread_min, std::max(3 * p[2].sd, 0.2 * truth.batch_spread_min)) << "sd " << p[2].sd;
  EXPECT_GT(p[0].sd, 0);
  EXPECT_DOUBLE_EQ(p[1].start, 0.8);  // fixed parameters stay put
}

namespace {

// A boosted-base-wait model whose queue parameters are fixed at synthetic_log's truth (service
// 75 s, spread 15 min): what the trees find is the base wait alone.
cal::ModelSpec boosted_spec_with_known_queue() {
  cal::ModelSpec spec;
  spec.params = {{"service_mean_s", 75, 75, 75, 0}, {"service_cv", 0.8, 0.8, 0.8, 0}, {"batch_spread_min", 15, 15, 15, 0},
                 {"walk_min", 5, 5, 5, 0}, {"opening_delay_min", 0, 0, 0, 0}};
  spec.starts = 1;
  spec.max_evals = 5;
  spec.sample_days = 10;
  spec.bootstrap = 0;
  spec.band_replications = 10;
  spec.base_wait_mode = cal::BaseWaitMode::Boosted;
  return spec;
}

}  // namespace

TEST(Calibration, BoostedBaseWaitRecoversAKnownLoadDependentWait) {
  // The log's waits include 4 min outside the queue in hours with 8 booths and 10 min otherwise
  // (6 or 7 booths); the queue parameters are known. The trees must find both levels.
  portsim::port::CheckpointParams truth;
  truth.service_mean_s = 75;
  truth.batch_spread_min = 15;
  const auto all = synthetic_log(truth, 80, [](int servers) { return servers >= 8 ? 4.0 : 10.0; });
  const std::vector<cal::HourRow> rows(all.begin(), all.begin() + 400), later(all.begin() + 400, all.end());
  cal::ModelSpec spec = boosted_spec_with_known_queue();
  const auto result = cal::fit(spec, rows, 2, [](const std::string&) {});
  ASSERT_FALSE(result.calibrated.base_wait_trees.empty());
  EXPECT_TRUE(result.calibrated.base_wait.empty());  // the trees replace the profile
  // Hour by hour the trees carry the log's noise; averaged over the hours of each level they must
  // find it. Returns {mean base wait with 6-7 booths, with 8 booths}.
  const auto levels = [&](const cal::ModelSpec& m) {
    double sum[2] = {0, 0}, n[2] = {0, 0};
    for (const auto& day : cal::by_day(rows)) {
      for (const auto& h : cal::day_inputs(m, day)) {
        sum[h.servers >= 8] += h.base_wait_min;
        ++n[h.servers >= 8];
      }
    }
    return std::pair{sum[0] / n[0], sum[1] / n[1]};
  };
  const auto [busy, quiet] = levels(result.calibrated);
  EXPECT_NEAR(quiet, 4.0, 0.75);
  EXPECT_NEAR(busy, 10.0, 0.75);
  // The 90% forecast interval from the cross-fitted training errors holds about 90% of 40 later
  // days' hours (85% here; quantiles of the trees' in-sample errors held 77%).
  const auto& q = result.calibrated.forecast_residual_quantiles;
  ASSERT_EQ(q.size(), 2u);
  EXPECT_LT(q[0], 0);
  EXPECT_GT(q[1], 0);
  int inside = 0;
  const auto preds = cal::predict(result.calibrated, later, 2);
  for (const auto& p : preds) inside += p.observed.avg_wait_min >= p.forecast_low && p.observed.avg_wait_min <= p.forecast_high;
  EXPECT_NEAR(inside / static_cast<double>(preds.size()), 0.9, 0.08) << inside << " of " << preds.size();
  // The hour-of-week profile cannot: the booths change from day to day at the same clock hour.
  spec.base_wait_mode = cal::BaseWaitMode::Profile;
  const auto profile = cal::fit(spec, rows, 2, [](const std::string&) {});
  const auto [busy_p, quiet_p] = levels(profile.calibrated);
  EXPECT_LT(busy_p - quiet_p, 2.0) << busy_p << " vs " << quiet_p;
}

TEST(Calibration, TreeCountFromCrossFittingAndLevelNowcast) {
  // 40 days whose last 10 carry 3 min more outside the queue (a level change no input shows).
  portsim::port::CheckpointParams truth;
  truth.service_mean_s = 75;
  truth.batch_spread_min = 15;
  auto rows = synthetic_log(truth, 40, [](int) { return 6.0; });
  for (auto& r : rows) {
    if (r.date > "2020-02-02") r.avg_wait_min += 3;  // days 30-39 (2020-02-03 on)
  }
  cal::ModelSpec spec = boosted_spec_with_known_queue();
  spec.trees.rounds_from = {1, 60};  // one tree of learning rate 0.1 moves a tenth of the way
  spec.level_nowcast_days = 10;
  std::vector<std::string> lines;
  const auto result = cal::fit(spec, rows, 2, [&](const std::string& l) { lines.push_back(l); });
  EXPECT_EQ(result.calibrated.trees.rounds, 60);
  EXPECT_EQ(result.calibrated.base_wait_trees.trees().size(), 60u);
  // The trees spread the change over all 40 days (+0.75); the last 10 days' errors keep the rest.
  EXPECT_NEAR(result.calibrated.base_wait_shift, 2.25, 0.75);
  EXPECT_NE(std::find_if(lines.begin(), lines.end(), [](const std::string& l) { return l.find("kept 60 trees") != std::string::npos; }),
            lines.end());
}

TEST(Calibration, PredictionsAlignOneToOneWithInputHours) {
  portsim::port::CheckpointParams truth;
  auto rows = synthetic_log(truth, 3);
  std::swap(rows[0], rows[17]);  // any input order
  rows.push_back(rows[5]);       // and an hour the training never saw (a new site and date)
  rows.back().date = "2031-06-01";
  rows.back().site = "elsewhere";
  cal::ModelSpec model;
  model.params = {{"service_mean_s", 70, 30, 150, 0}, {"service_cv", 0.8, 0.1, 2, 0}, {"batch_spread_min", 20, 1, 60, 0},
                  {"walk_min", 5, 0, 10, 0}, {"opening_delay_min", 0, 0, 10, 0}};
  model.band_replications = 5;
  const auto preds = cal::predict(model, rows, 2);
  ASSERT_EQ(preds.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(preds[i].observed.date, rows[i].date);
    EXPECT_EQ(preds[i].observed.hour_start, rows[i].hour_start);
    EXPECT_LE(preds[i].sim_low, preds[i].sim_avg);
    EXPECT_GE(preds[i].sim_high, preds[i].sim_avg);
  }
  const std::string csv = cal::predictions_csv(preds);
  EXPECT_EQ(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')), rows.size() + 1);
  EXPECT_EQ(csv.substr(0, csv.find(',', 70)), "site,date,hour_start,arrivals,servers,batches,observed_avg_wait_min,simulated_avg_wait_min");
}

TEST(Calibration, BaselinesAndMetrics) {
  const auto m = cal::metrics({1, 2, 3, 4}, {2, 2, 4, 4});
  EXPECT_DOUBLE_EQ(m.mae, 0.5);
  EXPECT_DOUBLE_EQ(m.bias, 0.5);
  EXPECT_DOUBLE_EQ(m.rmse, std::sqrt(0.5));
  std::vector<cal::HourRow> train(2), test(1);
  train[0].date = "2024-01-07";  // a Sunday
  train[0].hour_start = 9;
  train[0].avg_wait_min = 10;
  train[1] = train[0];
  train[1].date = "2024-01-14";
  train[1].avg_wait_min = 20;
  test[0] = train[0];
  test[0].date = "2024-03-03";  // another Sunday
  EXPECT_DOUBLE_EQ(cal::baseline_hour_of_week(train, test)[0], 15);
  EXPECT_EQ(cal::weekday("2024-01-07"), 0);
  EXPECT_EQ(cal::weekday("2018-12-31"), 1);
}

TEST(InputModel, MaximumLikelihoodPicksTheGeneratingFamily) {
  portsim::kernel::Rng rng = portsim::kernel::RandomStreams(3).stream("service");
  const auto gamma = portsim::kernel::Distribution::gamma(3, 20);
  const auto weibull = portsim::kernel::Distribution::weibull(2.5, 60);
  std::vector<double> g, w;
  for (int i = 0; i < 5000; ++i) {
    g.push_back(gamma.sample(rng));
    w.push_back(weibull.sample(rng));
  }
  const auto fg = cal::fit_families(g);
  EXPECT_EQ(fg.front().family, "gamma");
  EXPECT_NEAR(fg.front().parameters[0], 3, 0.15);
  EXPECT_NEAR(fg.front().parameters[0] * fg.front().parameters[1], 60, 1.5);
  EXPECT_LT(fg.front().ks, 0.02);
  const auto fw = cal::fit_families(w);
  EXPECT_EQ(fw.front().family, "weibull");
  EXPECT_NEAR(fw.front().parameters[0], 2.5, 0.1);
  EXPECT_NEAR(fw.front().parameters[1], 60, 1.5);
  EXPECT_GT(fw.back().aic, fw.front().aic);
  EXPECT_THROW(cal::fit_families({1, 2, 3}), std::invalid_argument);
}

TEST(InputModel, FitServiceSaysWhenNoFamilyFitsAndOffersTheEmpirical) {
  namespace kernel = portsim::kernel;
  // A gamma sample fits; a two-humped mixture (a quick lane and a slow one) fits no family at
  // n = 5000: its best KS D is far above 1.358 / sqrt(5000) = 0.0192.
  kernel::Rng rng = kernel::RandomStreams(11).stream("service");
  const auto gamma = kernel::Distribution::gamma(3, 20);
  const auto quick = kernel::Distribution::constant(30), slow = kernel::Distribution::uniform(200, 240);
  std::vector<double> g, mix;
  for (int i = 0; i < 5000; ++i) {
    g.push_back(gamma.sample(rng));
    mix.push_back(i % 2 == 0 ? quick.sample(rng) + kernel::uniform01(rng) : slow.sample(rng));
  }
  EXPECT_DOUBLE_EQ(cal::ks_critical_5pct(5000), 1.358 / std::sqrt(5000.0));
  const auto fg = cal::fit_families(g);
  const auto vg = cal::fit_verdict(fg, g.size());
  EXPECT_TRUE(vg.fits);
  EXPECT_EQ(vg.best->family, "gamma");
  EXPECT_EQ(cal::verdict_text(vg, cal::empirical_fit(g)).rfind("best fit: gamma(", 0), 0u);

  const auto fm = cal::fit_families(mix);
  const auto vm = cal::fit_verdict(fm, mix.size());
  EXPECT_FALSE(vm.fits);
  EXPECT_GT(vm.best->ks, 0.1);
  const auto e = cal::empirical_fit(mix);
  // 40 quantiles: half of them on the quick hump (30-31 s), half on the slow one (200-240 s).
  EXPECT_EQ(e.text.rfind("empirical(30.", 0), 0u);
  EXPECT_NE(e.text.find(", 2"), std::string::npos);
  EXPECT_EQ(std::count(e.text.begin(), e.text.end(), ','), 39);
  EXPECT_LE(e.ks, 2.0 / 40);  // within two quantile steps of the data (the quantiles are rounded to 0.1 s)
  const std::string text = cal::verdict_text(vm, e);
  EXPECT_EQ(text.rfind("no family fits: the best by AIC, " + vm.best->family + ", has KS D ", 0), 0u);
  EXPECT_NE(text.find("above the 5% critical value 0.0192 for n = 5000. Use the empirical distribution"), std::string::npos);
  EXPECT_NE(text.find("\n  " + e.text + "\n"), std::string::npos);
  // The text is a distribution the scenario files read.
  EXPECT_NO_THROW(portsim::io::parse_distribution(e.text));
}

TEST(Calibration, ReportsFlagParametersAtOrNearTheirBounds) {
  const auto note = [](double start, double low, double high) {
    return cal::bound_note(cal::Parameter{"p", start, low, high, 0});
  };
  EXPECT_EQ(note(0, 0, 60), "at the lower bound");  // the opening delay the review found at its bound
  EXPECT_EQ(note(60, 0, 60), "at the upper bound");
  EXPECT_EQ(note(1.0, 0, 60), "near the lower bound");  // within 2% of the range
  EXPECT_EQ(note(59.0, 0, 60), "near the upper bound");
  EXPECT_EQ(note(1.5, 0, 60), "");
  EXPECT_EQ(note(30, 30, 30), "fixed");
}
