// LAD boosted trees (the learned base wait of a calibrated checkpoint model): what they recover,
// that they ignore outliers, determinism, the model file round trip and its error messages.
#include "calibration/boosted_trees.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "calibration/calibrate.hpp"
#include "sim/io/input_error.hpp"

namespace cal = portsim::calibration;

namespace {

// x0 on a grid over [0, 10), x1 cycling over [0, 10); y from `f`, every 7th row + `outlier`.
template <class F>
void grid(std::vector<std::vector<double>>& x, std::vector<double>& y, F f, double outlier) {
  for (int i = 0; i < 2000; ++i) {
    const double a = i * 0.005, b = (i * 37 % 100) * 0.1;
    x.push_back({a, b});
    y.push_back(f(a, b) + (i % 7 == 0 ? outlier : 0.0));
  }
}

}  // namespace

TEST(BoostedTrees, RecoverAStepDespiteOutliers) {
  std::vector<std::vector<double>> x;
  std::vector<double> y;
  grid(x, y, [](double a, double) { return a < 4 ? 5.0 : 15.0; }, 200.0);
  cal::BoostSettings s;
  s.rounds = 200;
  s.depth = 1;
  const auto t = cal::BoostedTrees::fit({"a", "b"}, x, y, s);
  ASSERT_EQ(t.trees().size(), 200u);
  // The median ignores the one-in-seven +200 outliers; a least-squares fit would sit ~28 higher.
  EXPECT_NEAR(t.predict({1.0, 5.0}), 5.0, 0.3);
  EXPECT_NEAR(t.predict({8.0, 5.0}), 15.0, 0.3);
  // Every split is on the feature that matters.
  for (const auto& tree : t.trees()) {
    if (tree[0].feature >= 0) {
      EXPECT_EQ(tree[0].feature, 0);
    }
  }
  EXPECT_EQ(t.check(), "");
}

TEST(BoostedTrees, DepthTwoCapturesAnInteraction) {
  std::vector<std::vector<double>> x;
  std::vector<double> y;
  grid(x, y, [](double a, double b) { return a < 5 && b < 5 ? 10.0 : 0.0; }, 0.0);
  cal::BoostSettings s;
  s.rounds = 150;
  s.depth = 2;
  const auto t = cal::BoostedTrees::fit({"a", "b"}, x, y, s);
  EXPECT_NEAR(t.predict({2, 2}), 10, 0.5);
  EXPECT_NEAR(t.predict({2, 8}), 0, 0.5);
  EXPECT_NEAR(t.predict({8, 2}), 0, 0.5);
  EXPECT_NEAR(t.predict({8, 8}), 0, 0.5);
  // The same data give the same trees, bit for bit.
  const auto again = cal::BoostedTrees::fit({"a", "b"}, x, y, s);
  ASSERT_EQ(again.trees().size(), t.trees().size());
  for (std::size_t k = 0; k < t.trees().size(); ++k) {
    ASSERT_EQ(again.trees()[k].size(), t.trees()[k].size());
    for (std::size_t n = 0; n < t.trees()[k].size(); ++n) {
      EXPECT_EQ(again.trees()[k][n].feature, t.trees()[k][n].feature);
      EXPECT_EQ(again.trees()[k][n].threshold, t.trees()[k][n].threshold);
      EXPECT_EQ(again.trees()[k][n].value, t.trees()[k][n].value);
    }
  }
}

TEST(BoostedTrees, TheFirstTreesAreTheFitAfterThatManyRounds) {
  std::vector<std::vector<double>> x;
  std::vector<double> y;
  grid(x, y, [](double a, double b) { return a * b; }, 0.0);
  cal::BoostSettings s;
  s.rounds = 40;
  const auto long_fit = cal::BoostedTrees::fit({"a", "b"}, x, y, s);
  s.rounds = 15;
  auto short_fit = cal::BoostedTrees::fit({"a", "b"}, x, y, s);
  auto cut = long_fit;
  cut.truncate(15);
  for (std::size_t i = 0; i < x.size(); i += 97) {
    EXPECT_EQ(long_fit.predict(x[i], 15), short_fit.predict(x[i]));
    EXPECT_EQ(cut.predict(x[i]), short_fit.predict(x[i]));
  }
  EXPECT_EQ(cal::day_number("1970-01-01"), 0);
  EXPECT_EQ(cal::day_number("2000-02-29"), 11016);
  EXPECT_EQ(cal::day_number("2016-03-01"), 16861);
  EXPECT_EQ(cal::day_number("1969-12-31"), -1);
}

TEST(BoostedTrees, MalformedTreesAreNamed) {
  cal::TreeNode split{1, 2.5, 1, 2, 0}, leaf{};
  EXPECT_EQ(cal::BoostedTrees({"a", "b"}, {{split, leaf, leaf}}).check(), "");
  EXPECT_EQ(cal::BoostedTrees({"a"}, {{split, leaf, leaf}}).check(),
            "tree 0, node 0: feature 1 out of range (the model has 1 features)");
  cal::TreeNode loop{0, 1, 0, 1, 0};  // a child pointing back would never end
  EXPECT_EQ(cal::BoostedTrees({"a"}, {{leaf}, {loop, leaf}}).check(),
            "tree 1, node 0: child 0 must come after its parent and exist (nodes 1..1)");
  EXPECT_EQ(cal::BoostedTrees({"a"}, {{}}).check(), "tree 0 has no nodes");
}

TEST(BoostedBaseWait, FeaturesOfAnHourAndItsNeighbours) {
  std::vector<cal::HourRow> day(3);
  day[0].hour_start = 6, day[0].arrivals = 100, day[0].servers = 4;
  day[1].hour_start = 7, day[1].arrivals = 300, day[1].servers = 0;  // no booth logged
  day[2].hour_start = 9, day[2].arrivals = 50, day[2].servers = 5;   // 8h missing
  const auto f = cal::base_wait_features(day);
  ASSERT_EQ(cal::base_wait_feature_names().size(), 9u);
  EXPECT_EQ(f[0], (std::vector<double>{6, 100, 4, 25, 0, 0, 0, 300, 0}));
  EXPECT_EQ(f[1], (std::vector<double>{7, 300, 1, 300, 100, 4, 25, 0, 0}));
  EXPECT_EQ(f[2], (std::vector<double>{9, 50, 5, 10, 0, 0, 0, 0, 0}));
  // The hour's base wait is the trees' value, never below 0.
  cal::ModelSpec m;
  cal::TreeNode split{1, 200, 1, 2, 0}, low{-1, 0, -1, -1, -3}, high{-1, 0, -1, -1, 12.5};
  m.base_wait_trees = cal::BoostedTrees(cal::base_wait_feature_names(), {{split, low, high}});
  const auto in = cal::day_inputs(m, day);
  EXPECT_DOUBLE_EQ(in[0].base_wait_min, 0);     // 100 arrivals < 200: -3, clamped
  EXPECT_DOUBLE_EQ(in[1].base_wait_min, 12.5);  // 300 arrivals
  EXPECT_DOUBLE_EQ(in[2].base_wait_min, 0);
}

namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

cal::ModelSpec minimal_model() {
  cal::ModelSpec m;
  m.params = {{"service_mean_s", 80, 20, 900, 1.5}, {"service_cv", 0.8, 0.2, 2, 0}, {"batch_spread_min", 20, 0, 90, 0},
              {"walk_min", 5, 0, 30, 0}, {"opening_delay_min", 5, 0, 60, 0}};
  return m;
}

}  // namespace

TEST(BoostedBaseWait, CalibratedModelRoundTripsExactly) {
  std::vector<std::vector<double>> x;
  std::vector<double> y;
  for (int i = 0; i < 600; ++i) {
    x.push_back({static_cast<double>(i % 24), 100.0 + i, 1.0 + i % 9, (100.0 + i) / (1 + i % 9), 0, 0, 0, 0, 0});
    y.push_back(0.1 * (i % 24) + 3.0 / 7 * (i % 9) + 1.0 / 3);
  }
  cal::ModelSpec m = minimal_model();
  m.base_wait_mode = cal::BaseWaitMode::Boosted;
  m.base_wait_trees = cal::BoostedTrees::fit(cal::base_wait_feature_names(), x, y, {});
  m.forecast_residual_quantiles = {-3.0 / 7, 1.0 / 3};
  const std::string path = write_temp("portsim_boosted_model.yaml", cal::write_model(m));
  const cal::ModelSpec back = cal::read_model(path);
  EXPECT_EQ(back.base_wait_mode, cal::BaseWaitMode::Boosted);
  ASSERT_EQ(back.base_wait_trees.trees().size(), 100u);
  for (const auto& row : x) EXPECT_EQ(back.base_wait_trees.predict(row), m.base_wait_trees.predict(row));
  EXPECT_EQ(back.forecast_residual_quantiles, m.forecast_residual_quantiles);
  EXPECT_EQ(cal::write_model(back), cal::write_model(m));
  // An interval upside down is refused.
  const std::string bad = write_temp("portsim_bad_interval.yaml", cal::write_model(minimal_model()) + "forecast_residual_quantiles_min: [5, 1]\n");
  try {
    cal::read_model(bad);
    ADD_FAILURE() << "no error";
  } catch (const portsim::io::InputError& e) {
    const std::string s = e.what();
    EXPECT_EQ(s.substr(s.find(".yaml") + 5), ":18:34: error: forecast_residual_quantiles_min: the 5% quantile must not exceed the 95% quantile");
  }
}

TEST(BoostedBaseWait, BadTreesInAModelFileAreInputErrors) {
  const auto message = [](const std::string& trees, const std::string& features) {
    cal::ModelSpec m = minimal_model();
    std::string text = cal::write_model(m) + "base_wait_model:\n  kind: boosted-trees\n  features: " + features +
                       "\n  trees:\n    - " + trees + "\n";
    const std::string path = write_temp("portsim_bad_trees.yaml", text);
    try {
      cal::read_model(path);
    } catch (const portsim::io::InputError& e) {
      std::string s = e.what();
      return s.substr(s.find(".yaml") + 5);
    }
    return std::string("no error");
  };
  const std::string f = "[hour, arrivals, servers, arrivals_per_server, prev_arrivals, prev_servers, prev_arrivals_per_server, "
                        "next_arrivals, next_servers]";
  EXPECT_EQ(message("[[1, 200, 1, 2], [0.5], [2.5]]", f), "no error");
  EXPECT_EQ(message("[[1, 200, 1, 2], [0.5], [2.5]]", "[hour, arrivals]"),
            ":20:13: error: base_wait_model.features: must be [hour, arrivals, servers, arrivals_per_server, prev_arrivals, "
            "prev_servers, prev_arrivals_per_server, next_arrivals, next_servers]");
  EXPECT_EQ(message("[[12, 200, 1, 2], [0.5], [2.5]]", f),
            ":22:9: error: base_wait_model.trees[0][0][0]: expected an integer in [0, 8], got 12");
  EXPECT_EQ(message("[[1, 200, 1, 5], [0.5], [2.5]]", f),
            ":22:5: error: base_wait_model.trees: tree 0, node 0: child 5 must come after its parent and exist (nodes 1..2)");
  // Tree settings without trees are a mistake, not something to ignore.
  const std::string no_trees = write_temp("portsim_no_trees.yaml", "model: booth-checkpoint\nparameters:\n"
      "  service_mean_s: {start: 80, low: 20, high: 900}\n  service_cv: {start: 0.8, low: 0.2, high: 2}\n"
      "  batch_spread_min: {start: 20, low: 0, high: 90}\n  walk_min: {start: 5, low: 0, high: 30}\n"
      "  opening_delay_min: {start: 5, low: 0, high: 60}\nfit:\n  base_wait: profile\n  level_nowcast_days: 91\n");
  try {
    cal::read_model(no_trees);
    ADD_FAILURE() << "no error";
  } catch (const portsim::io::InputError& e) {
    const std::string s = e.what();
    EXPECT_EQ(s.substr(s.find(".yaml") + 5), ":10:23: error: fit.level_nowcast_days: applies to boosted trees only: set "
                                            "fit.base_wait: boosted, or remove it");
  }
  EXPECT_EQ(message("[[1, 200], [0.5]]", f),
            ":22:8: error: base_wait_model.trees[0][0]: must be [feature, threshold, left, right] or [value]");
}
