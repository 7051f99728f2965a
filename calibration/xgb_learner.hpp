// A data-only learner through XGBoost's C API (Debian libxgboost-dev 1.7): gradient-boosted trees
// with the absolute-error objective (reg:absoluteerror, so its forecast is a conditional median),
// one thread and a fixed seed, so that a fit is deterministic. The strongest baseline a calibrated
// simulation has to beat: the same inputs `predict` gets, no queueing physics.
#pragma once

#include <string>
#include <vector>

namespace portsim::calibration {

struct XgbSettings {
  int rounds = 200;
  int max_depth = 4;
  double eta = 0.05;
  double min_child_weight = 20;
  double subsample = 1.0;  // 1: no sampling (deterministic)
};

class XgbLearner {
 public:
  /// Fits y ~ x (rows of equal length, at least one row). Throws std::runtime_error with
  /// XGBoost's message when the library refuses.
  static XgbLearner fit(const std::vector<std::vector<double>>& x, const std::vector<double>& y,
                        const XgbSettings& settings = {});
  XgbLearner(XgbLearner&& other) noexcept;
  XgbLearner& operator=(XgbLearner&& other) noexcept;
  XgbLearner(const XgbLearner&) = delete;
  XgbLearner& operator=(const XgbLearner&) = delete;
  ~XgbLearner();

  /// One forecast per row of x.
  std::vector<double> predict(const std::vector<std::vector<double>>& x) const;

 private:
  XgbLearner() = default;
  void* booster_ = nullptr;  // BoosterHandle
  std::size_t features_ = 0;
};

}  // namespace portsim::calibration
