#include "calibration/model_file.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <optional>
#include <sstream>

#include "calibration/base_wait.hpp"
#include "calibration/number_text.hpp"
#include "sim/io/yaml_document.hpp"

namespace portsim::calibration {

namespace {

/// A parameter's start, low or high: a number in the parameter's range (parameter_table), or 0
/// for a feature that 0 turns off.
std::optional<double> parameter_value(io::YamlReader& r, const YAML::Node& n, const std::string& path,
                                      const ParameterInfo& info) {
  if (!info.zero_is_off) return r.number(n, path, info.min, info.max);
  const auto v = r.number(n, path, 0, info.max);
  if (v && *v != 0 && *v < info.min) {
    r.problem(n, path, "expected 0 (off) or a number in [" + num(info.min) + ", " + num(info.max) + "], got " + n.Scalar());
    return std::nullopt;
  }
  return v;
}

void read_parameters(io::YamlReader& r, const YAML::Node& root, ModelSpec& m) {
  const YAML::Node params = root["parameters"];
  if (!params) {
    r.problem(root, "parameters", "missing: the model's parameters with start, low and high");
    return;
  }
  if (!r.expect_map(params, "parameters")) return;
  std::vector<std::string> names;
  for (const auto& info : parameter_table) names.emplace_back(info.name);
  r.check_keys(params, "parameters", names);
  for (const auto& info : parameter_table) {
    const std::string name(info.name);
    const YAML::Node p = params[name];
    if (!p) {
      if (info.optional) continue;
      r.problem(params, "parameters." + name, "missing: give {start, low, high} (equal low and high fix it)");
      continue;
    }
    const std::string path_p = "parameters." + name;
    if (!r.expect_map(p, path_p)) continue;
    r.check_keys(p, path_p, {"start", "value", "low", "high", "sd"});
    Parameter par;
    par.name = name;
    const YAML::Node start = p["value"] ? p["value"] : p["start"];
    std::optional<double> value, low, high;
    if (!start) r.problem(p, path_p + ".start", "missing: the starting value");
    else par.start = (value = parameter_value(r, start, path_p + ".start", info)).value_or(0);
    if (auto x = p["low"]) par.low = (low = parameter_value(r, x, path_p + ".low", info)).value_or(0);
    else r.problem(p, path_p + ".low", "missing: the lower bound");
    if (auto x = p["high"]) par.high = (high = parameter_value(r, x, path_p + ".high", info)).value_or(0);
    else r.problem(p, path_p + ".high", "missing: the upper bound");
    if (auto x = p["sd"]) par.sd = r.number(x, path_p + ".sd", 0, HUGE_VAL).value_or(0);
    // How the bounds relate, once each is a valid value.
    if (low && high && *low > *high) r.problem(p, path_p, "low must be <= high");
    else if (value && low && high && (*value < *low || *value > *high)) r.problem(start, path_p + ".start", "must lie in [low, high]");
    else if (info.zero_is_off && low && high && *low == 0 && *high > 0) {
      r.problem(p, path_p, "bounds [0, " + num(*high) + "] mix 0 (off) with values on: give low = high = 0 to leave it off, "
                           "or low >= " + num(info.min) + " to fit it");
    }
    m.params.push_back(par);
  }
}

void read_tree_settings(io::YamlReader& r, const YAML::Node& t, BoostSettings& s) {
  if (!r.expect_map(t, "fit.trees")) return;
  r.check_keys(t, "fit.trees", {"rounds", "rounds_from", "depth", "learning_rate", "min_leaf", "bins"});
  if (auto x = t["rounds_from"]) {
    if (!x.IsSequence() || x.size() == 0) {
      r.problem(x, "fit.trees.rounds_from", "must be a list of tree counts, for example [50, 100, 200, 400]");
    } else {
      for (std::size_t k = 0; k < x.size(); ++k) {
        s.rounds_from.push_back(static_cast<int>(r.integer(x[k], "fit.trees.rounds_from[" + std::to_string(k) + "]", 1, 10000).value_or(100)));
      }
    }
  }
  if (auto x = t["rounds"]) s.rounds = static_cast<int>(r.integer(x, "fit.trees.rounds", 1, 10000).value_or(100));
  if (auto x = t["depth"]) s.depth = static_cast<int>(r.integer(x, "fit.trees.depth", 1, 10).value_or(3));
  if (auto x = t["learning_rate"]) s.learning_rate = r.number(x, "fit.trees.learning_rate", 1e-6, 1).value_or(0.1);
  if (auto x = t["min_leaf"]) s.min_leaf = static_cast<int>(r.integer(x, "fit.trees.min_leaf", 1, 100000).value_or(20));
  if (auto x = t["bins"]) s.bins = static_cast<int>(r.integer(x, "fit.trees.bins", 2, 1024).value_or(32));
}

void read_weights(io::YamlReader& r, const YAML::Node& w, ModelSpec& m) {
  if (!r.expect_map(w, "fit.weights")) return;
  r.check_keys(w, "fit.weights", {"avg_wait", "histogram", "max_wait", "hourly_abs"});
  if (auto x = w["hourly_abs"]) m.weight_hourly = r.number(x, "fit.weights.hourly_abs", 0, HUGE_VAL).value_or(0);
  if (auto x = w["avg_wait"]) m.weight_avg = r.number(x, "fit.weights.avg_wait", 0, HUGE_VAL).value_or(1);
  if (auto x = w["histogram"]) m.weight_hist = r.number(x, "fit.weights.histogram", 0, HUGE_VAL).value_or(1);
  if (auto x = w["max_wait"]) m.weight_max = r.number(x, "fit.weights.max_wait", 0, HUGE_VAL).value_or(0.2);
}

void read_fit(io::YamlReader& r, const YAML::Node& f, ModelSpec& m) {
  if (!r.expect_map(f, "fit")) return;
  r.check_keys(f, "fit", {"starts", "max_evals", "sample_days", "bootstrap", "band_replications", "weights", "base_wait",
                          "profile_replications", "trees", "level_nowcast_days"});
  if (auto x = f["level_nowcast_days"]) m.level_nowcast_days = static_cast<int>(r.integer(x, "fit.level_nowcast_days", 0, 3650).value_or(0));
  if (auto x = f["base_wait"]) {
    if (auto v = r.choice(x, "fit.base_wait", base_wait_mode_names())) m.base_wait_mode = parse_base_wait_mode(*v).value_or(BaseWaitMode::None);
  }
  for (const char* key : {"trees", "level_nowcast_days"}) {
    if (f[key] && m.base_wait_mode != BaseWaitMode::Boosted) {
      r.problem(f[key], std::string("fit.") + key, "applies to boosted trees only: set fit.base_wait: boosted, or remove it");
    }
  }
  if (auto t = f["trees"]) read_tree_settings(r, t, m.trees);
  if (auto x = f["profile_replications"]) {
    m.profile_replications = static_cast<int>(r.integer(x, "fit.profile_replications", 1, 100).value_or(3));
  }
  if (auto x = f["starts"]) m.starts = static_cast<int>(r.integer(x, "fit.starts", 1, 100).value_or(4));
  if (auto x = f["max_evals"]) m.max_evals = static_cast<int>(r.integer(x, "fit.max_evals", 5, 100000).value_or(60));
  if (auto x = f["sample_days"]) m.sample_days = static_cast<int>(r.integer(x, "fit.sample_days", 1, 100000).value_or(60));
  if (auto x = f["bootstrap"]) m.bootstrap = static_cast<int>(r.integer(x, "fit.bootstrap", 0, 1000).value_or(8));
  if (auto x = f["band_replications"]) m.band_replications = static_cast<int>(r.integer(x, "fit.band_replications", 2, 1000).value_or(10));
  if (auto w = f["weights"]) read_weights(r, w, m);
}

void read_profile(io::YamlReader& r, const YAML::Node& b, ModelSpec& m) {
  if (!b.IsSequence() || b.size() != 168) {
    r.problem(b, "base_wait_by_hour_of_week", "must be a list of 168 waits in minutes (7 days x 24 hours, Sunday 0h first)");
    return;
  }
  for (std::size_t k = 0; k < 168; ++k) {
    m.base_wait.push_back(r.number(b[k], "base_wait_by_hour_of_week[" + std::to_string(k) + "]", 0, 1440).value_or(0));
  }
}

void read_trees(io::YamlReader& r, const YAML::Node& b, ModelSpec& m) {
  if (!r.expect_map(b, "base_wait_model")) return;
  r.check_keys(b, "base_wait_model", {"kind", "features", "trees"});
  if (auto k = b["kind"]) r.choice(k, "base_wait_model.kind", {"boosted-trees"});
  else r.problem(b, "base_wait_model.kind", "missing: boosted-trees");
  const auto& names = base_wait_feature_names();
  std::string expected;
  for (const auto& n : names) expected += (expected.empty() ? "" : ", ") + n;
  const YAML::Node f = b["features"];
  bool features_ok = f && f.IsSequence() && f.size() == names.size();
  for (std::size_t k = 0; features_ok && k < names.size(); ++k) features_ok = f[k].IsScalar() && f[k].Scalar() == names[k];
  if (!features_ok) r.problem(f ? f : b, "base_wait_model.features", "must be [" + expected + "]");
  const YAML::Node t = b["trees"];
  if (!t || !t.IsSequence()) {
    r.problem(t ? t : b, "base_wait_model.trees", "must be a list of trees, each a list of nodes [feature, threshold, left, right] or [value]");
    return;
  }
  std::vector<std::vector<TreeNode>> trees;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const std::string path = "base_wait_model.trees[" + std::to_string(i) + "]";
    std::vector<TreeNode> tree;
    if (!t[i].IsSequence()) {
      r.problem(t[i], path, "must be a list of nodes [feature, threshold, left, right] or [value]");
      continue;
    }
    for (std::size_t k = 0; k < t[i].size(); ++k) {
      const YAML::Node n = t[i][k];
      const std::string at = path + "[" + std::to_string(k) + "]";
      TreeNode node;
      if (n.IsSequence() && n.size() == 1) {
        node.value = r.number(n[0], at, -1440, 1440).value_or(0);
      } else if (n.IsSequence() && n.size() == 4) {
        node.feature = static_cast<int>(r.integer(n[0], at + "[0]", 0, static_cast<long long>(names.size()) - 1).value_or(0));
        node.threshold = r.number(n[1], at + "[1]", -HUGE_VAL, HUGE_VAL).value_or(0);
        node.left = static_cast<int>(r.integer(n[2], at + "[2]", 1, 1 << 20).value_or(1));
        node.right = static_cast<int>(r.integer(n[3], at + "[3]", 1, 1 << 20).value_or(1));
      } else {
        r.problem(n, at, "must be [feature, threshold, left, right] or [value]");
      }
      tree.push_back(node);
    }
    trees.push_back(std::move(tree));
  }
  BoostedTrees model(names, std::move(trees));
  if (const std::string problem = model.check(); !problem.empty()) r.problem(t, "base_wait_model.trees", problem);
  else m.base_wait_trees = std::move(model);
}

void read_forecast_interval(io::YamlReader& r, const YAML::Node& q, ModelSpec& m) {
  if (!q.IsSequence() || q.size() != 2) {
    r.problem(q, "forecast_residual_quantiles_min", "must be [5% quantile, 95% quantile] of the training residuals in minutes");
    return;
  }
  const auto lo = r.number(q[0], "forecast_residual_quantiles_min[0]", -1440, 1440);
  const auto hi = r.number(q[1], "forecast_residual_quantiles_min[1]", -1440, 1440);
  if (lo && hi && *lo > *hi) r.problem(q, "forecast_residual_quantiles_min", "the 5% quantile must not exceed the 95% quantile");
  else if (lo && hi) m.forecast_residual_quantiles = {*lo, *hi};
}

void write_trees(std::ostringstream& os, const BoostedTrees& trees) {
  os << "# Base wait (min) = sum over the trees of the leaf each hour reaches, at least 0. A split node is\n"
        "# [feature index, threshold, left, right]: the hour goes left when its feature is below the\n"
        "# threshold; a leaf is [value]. Features (0-based) as listed.\nbase_wait_model:\n  kind: boosted-trees\n  features: [";
  const auto& names = trees.features();
  for (std::size_t k = 0; k < names.size(); ++k) os << (k ? ", " : "") << names[k];
  os << "]\n  trees:\n";
  for (const auto& tree : trees.trees()) {
    os << "    - [";
    for (std::size_t k = 0; k < tree.size(); ++k) {
      const TreeNode& n = tree[k];
      os << (k ? ", " : "");
      if (n.feature < 0) os << "[" << exact(n.value) << "]";
      else os << "[" << n.feature << ", " << exact(n.threshold) << ", " << n.left << ", " << n.right << "]";
    }
    os << "]\n";
  }
}

}  // namespace

ModelSpec read_model(const std::string& path) {
  const io::YamlDocument doc = io::YamlDocument::load(path);
  io::YamlReader r(doc);
  ModelSpec m;
  m.file = path;
  const YAML::Node& root = doc.root();
  r.check_keys(root, "", {"model", "seed", "parameters", "fit", "base_wait_by_hour_of_week", "base_wait_model",
                          "forecast_residual_quantiles_min", "base_wait_shift_min"});
  if (auto n = root["model"]) {
    if (auto v = r.choice(n, "model", {"booth-checkpoint"})) m.name = *v;
  }
  if (auto n = root["seed"]) m.seed = static_cast<std::uint64_t>(r.integer(n, "seed", 0, LLONG_MAX).value_or(1));
  read_parameters(r, root, m);
  if (auto f = root["fit"]) read_fit(r, f, m);
  if (auto b = root["base_wait_by_hour_of_week"]) read_profile(r, b, m);
  if (auto b = root["base_wait_model"]) read_trees(r, b, m);
  if (auto x = root["base_wait_shift_min"]) m.base_wait_shift = r.number(x, "base_wait_shift_min", -1440, 1440).value_or(0);
  if (auto q = root["forecast_residual_quantiles_min"]) read_forecast_interval(r, q, m);
  r.throw_if_problems();
  return m;
}

std::string write_model(const ModelSpec& m) {
  std::ostringstream os;
  if (!m.made_by.empty()) os << m.made_by;
  os << "model: " << m.name << "\nseed: " << m.seed << "\nparameters:\n";
  for (const auto& p : m.params) {
    os << "  " << p.name << ": {value: " << num(p.start) << ", sd: " << num(p.sd) << ", low: " << num(p.low)
       << ", high: " << num(p.high) << "}\n";
  }
  os << "fit:\n  starts: " << m.starts << "\n  max_evals: " << m.max_evals << "\n  sample_days: " << m.sample_days
     << "\n  bootstrap: " << m.bootstrap << "\n  band_replications: " << m.band_replications
     << "\n  weights: {avg_wait: " << num(m.weight_avg) << ", histogram: " << num(m.weight_hist)
     << ", max_wait: " << num(m.weight_max) << ", hourly_abs: " << num(m.weight_hourly) << "}\n  base_wait: "
     << name_of(m.base_wait_mode) << "\n  profile_replications: " << m.profile_replications << "\n";
  if (m.base_wait_mode == BaseWaitMode::Boosted) {
    os << "  trees: {rounds: " << m.trees.rounds;
    if (!m.trees.rounds_from.empty()) {
      os << ", rounds_from: [";
      for (std::size_t k = 0; k < m.trees.rounds_from.size(); ++k) os << (k ? ", " : "") << m.trees.rounds_from[k];
      os << "]";
    }
    os << ", depth: " << m.trees.depth << ", learning_rate: " << num(m.trees.learning_rate) << ", min_leaf: " << m.trees.min_leaf
       << ", bins: " << m.trees.bins << "}\n";
    if (m.level_nowcast_days > 0) os << "  level_nowcast_days: " << m.level_nowcast_days << "\n";
  }
  if (m.base_wait_shift != 0) {
    os << "# Added to the trees' base wait: the median cross-fitted error of the last training days.\nbase_wait_shift_min: "
       << exact(m.base_wait_shift) << "\n";
  }
  if (m.forecast_residual_quantiles.size() == 2) {
    os << "# 5% and 95% quantiles of the training hours' (observed - point forecast): the 90% forecast interval.\n"
          "forecast_residual_quantiles_min: ["
       << exact(m.forecast_residual_quantiles[0]) << ", " << exact(m.forecast_residual_quantiles[1]) << "]\n";
  }
  if (!m.base_wait_trees.empty()) write_trees(os, m.base_wait_trees);
  if (m.base_wait.size() == 168) {
    os << "# Base wait (min) by hour of week: one row per day, Sunday first, hours 0-23.\nbase_wait_by_hour_of_week: [";
    for (std::size_t k = 0; k < 168; ++k) os << (k % 24 == 0 ? "\n  " : " ") << num(std::round(m.base_wait[k] * 100) / 100) << (k < 167 ? "," : "");
    os << "]\n";
  }
  return os.str();
}

}  // namespace portsim::calibration
