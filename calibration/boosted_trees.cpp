#include "calibration/boosted_trees.hpp"

#include <algorithm>
#include <stdexcept>

namespace portsim::calibration {

namespace {

struct Builder {
  const std::vector<std::vector<int>>& bin;        // bin[i][j]: rows x features
  const std::vector<std::vector<double>>& edges;   // edges[j]: thresholds of feature j
  const std::vector<double>& sign;                 // the rows' gradient signs
  const std::vector<double>& residual;             // y - current fit
  const BoostSettings& s;
  std::vector<TreeNode> nodes;

  int build(const std::vector<std::size_t>& idx, int depth) {
    const int me = static_cast<int>(nodes.size());
    nodes.emplace_back();
    const auto n = static_cast<double>(idx.size());
    bool split = false;
    double best_gain = 0;
    int best_j = -1;
    int best_k = -1;
    if (depth > 0 && idx.size() >= static_cast<std::size_t>(2 * s.min_leaf)) {
      double total = 0;
      for (std::size_t i : idx) total += sign[i];
      for (std::size_t j = 0; j < edges.size(); ++j) {
        std::vector<double> sum(edges[j].size() + 1, 0.0);
        std::vector<int> count(edges[j].size() + 1, 0);
        for (std::size_t i : idx) {
          sum[static_cast<std::size_t>(bin[i][j])] += sign[i];
          ++count[static_cast<std::size_t>(bin[i][j])];
        }
        int last = static_cast<int>(count.size()) - 1;
        while (last >= 0 && count[static_cast<std::size_t>(last)] == 0) --last;
        double left_sum = 0;
        int left_count = 0;
        for (int k = 0; k < last; ++k) {
          if (count[static_cast<std::size_t>(k)] == 0) continue;
          left_sum += sum[static_cast<std::size_t>(k)];
          left_count += count[static_cast<std::size_t>(k)];
          const double right_count = n - left_count;
          if (left_count < s.min_leaf || right_count < s.min_leaf) continue;
          const double gain = left_sum * left_sum / left_count + (total - left_sum) * (total - left_sum) / right_count;
          if (!split || gain > best_gain) {
            split = true;
            best_gain = gain;
            best_j = static_cast<int>(j);
            best_k = k;
          }
        }
      }
    }
    if (!split) {
      std::vector<double> r;
      r.reserve(idx.size());
      for (std::size_t i : idx) r.push_back(residual[i]);
      nodes[static_cast<std::size_t>(me)].value = s.learning_rate * median_of(std::move(r));
      return me;
    }
    std::vector<std::size_t> left, right;
    for (std::size_t i : idx) (bin[i][static_cast<std::size_t>(best_j)] <= best_k ? left : right).push_back(i);
    const int l = build(left, depth - 1);
    const int r = build(right, depth - 1);
    TreeNode& node = nodes[static_cast<std::size_t>(me)];
    node.feature = best_j;
    node.threshold = edges[static_cast<std::size_t>(best_j)][static_cast<std::size_t>(best_k)];
    node.left = l;
    node.right = r;
    return me;
  }
};

double tree_value(const std::vector<TreeNode>& t, const std::vector<double>& x) {
  std::size_t k = 0;
  while (t[k].feature >= 0) k = static_cast<std::size_t>(x[static_cast<std::size_t>(t[k].feature)] < t[k].threshold ? t[k].left : t[k].right);
  return t[k].value;
}

}  // namespace

BoostedTrees BoostedTrees::fit(std::vector<std::string> features, const std::vector<std::vector<double>>& x,
                               const std::vector<double>& y, const BoostSettings& s) {
  if (x.size() != y.size()) throw std::invalid_argument("boosted trees: rows and targets differ in number");
  if (s.rounds < 0 || s.depth < 0 || s.min_leaf < 1 || s.bins < 2) throw std::invalid_argument("boosted trees: bad settings");
  const std::size_t n = x.size(), nf = features.size();
  for (const auto& row : x) {
    if (row.size() != nf) throw std::invalid_argument("boosted trees: a row has the wrong number of features");
  }
  // Candidate thresholds: training quantiles of each feature.
  std::vector<std::vector<double>> edges(nf);
  for (std::size_t j = 0; j < nf && n > 0; ++j) {
    std::vector<double> v;
    v.reserve(n);
    for (const auto& row : x) v.push_back(row[j]);
    std::sort(v.begin(), v.end());
    for (int q = 1; q < s.bins; ++q) edges[j].push_back(v[n * static_cast<std::size_t>(q) / static_cast<std::size_t>(s.bins)]);
    std::sort(edges[j].begin(), edges[j].end());
    edges[j].erase(std::unique(edges[j].begin(), edges[j].end()), edges[j].end());
  }
  std::vector<std::vector<int>> bin(n, std::vector<int>(nf));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < nf; ++j) {
      bin[i][j] = static_cast<int>(std::upper_bound(edges[j].begin(), edges[j].end(), x[i][j]) - edges[j].begin());
    }
  }
  std::vector<std::size_t> all(n);
  for (std::size_t i = 0; i < n; ++i) all[i] = i;
  std::vector<double> fitted(n, 0.0), sign(n), residual(n);
  std::vector<std::vector<TreeNode>> trees;
  for (int round = 0; round < s.rounds && n > 0; ++round) {
    for (std::size_t i = 0; i < n; ++i) {
      residual[i] = y[i] - fitted[i];
      sign[i] = y[i] > fitted[i] ? 1.0 : -1.0;
    }
    Builder b{bin, edges, sign, residual, s, {}};
    b.build(all, s.depth);
    for (std::size_t i = 0; i < n; ++i) fitted[i] += tree_value(b.nodes, x[i]);
    trees.push_back(std::move(b.nodes));
  }
  return BoostedTrees(std::move(features), std::move(trees));
}

double BoostedTrees::predict(const std::vector<double>& x, std::size_t first) const {
  double sum = 0;
  for (std::size_t k = 0; k < std::min(first, trees_.size()); ++k) sum += tree_value(trees_[k], x);
  return sum;
}

std::string BoostedTrees::check() const {
  for (std::size_t t = 0; t < trees_.size(); ++t) {
    const auto& tree = trees_[t];
    const std::string where = "tree " + std::to_string(t);
    if (tree.empty()) return where + " has no nodes";
    for (std::size_t k = 0; k < tree.size(); ++k) {
      const TreeNode& node = tree[k];
      if (node.feature < 0) continue;
      const std::string at = where + ", node " + std::to_string(k);
      if (static_cast<std::size_t>(node.feature) >= features_.size()) {
        return at + ": feature " + std::to_string(node.feature) + " out of range (the model has " +
               std::to_string(features_.size()) + " features)";
      }
      for (int child : {node.left, node.right}) {
        if (child <= static_cast<int>(k) || child >= static_cast<int>(tree.size())) {
          return at + ": child " + std::to_string(child) + " must come after its parent and exist (nodes " +
                 std::to_string(k + 1) + ".." + std::to_string(tree.size() - 1) + ")";
        }
      }
    }
  }
  return "";
}

}  // namespace portsim::calibration
