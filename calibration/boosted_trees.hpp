// Least-absolute-deviation gradient-boosted regression trees: a small, deterministic learner for
// the part of a checkpoint's wait the queueing model does not explain (the model discrepancy of
// Kennedy and O'Hagan, 2001), as a function of an hour's inputs. Histogram splits on training
// quantiles, squared-error splits on the residual signs, leaf values the median residual
// (Friedman 2001, "Greedy function approximation", algorithm LAD_TreeBoost).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "calibration/sample_stats.hpp"  // median_of: the leaf value

namespace portsim::calibration {

/// One node: a split (`feature` >= 0: x[feature] < threshold goes to `left`, else `right`) or a
/// leaf (`feature` == -1) with its `value`. Children always come after their parent.
struct TreeNode {
  int feature = -1;
  double threshold = 0;
  int left = -1;
  int right = -1;
  double value = 0;
};

struct BoostSettings {
  int rounds = 100;
  int depth = 3;
  double learning_rate = 0.1;
  int min_leaf = 20;  // rows on each side of a split; a node needs twice this to split
  int bins = 32;      // candidate thresholds per feature: training quantiles
  /// When not empty: fit the largest and keep the count with the lowest cross-fitted error.
  std::vector<int> rounds_from;
};

class BoostedTrees {
 public:
  BoostedTrees() = default;
  BoostedTrees(std::vector<std::string> features, std::vector<std::vector<TreeNode>> trees)
      : features_(std::move(features)), trees_(std::move(trees)) {}

  /// Fits y ~ sum of trees on rows x (each of features.size() values), starting from 0.
  static BoostedTrees fit(std::vector<std::string> features, const std::vector<std::vector<double>>& x,
                          const std::vector<double>& y, const BoostSettings& settings);

  /// The sum of the trees' leaf values for x (x.size() == features().size()); with `first`, of
  /// the first `first` trees only (the fit after that many rounds).
  double predict(const std::vector<double>& x) const { return predict(x, trees_.size()); }
  double predict(const std::vector<double>& x, std::size_t first) const;
  /// Keeps the first `n` trees.
  void truncate(std::size_t n) {
    if (n < trees_.size()) trees_.resize(n);
  }

  /// Empty string when the trees are well formed for `features`, else the first problem
  /// (a feature index out of range, a child before its parent or out of range).
  std::string check() const;

  bool empty() const { return trees_.empty(); }
  const std::vector<std::string>& features() const { return features_; }
  const std::vector<std::vector<TreeNode>>& trees() const { return trees_; }

 private:
  std::vector<std::string> features_;
  std::vector<std::vector<TreeNode>> trees_;
};

}  // namespace portsim::calibration
