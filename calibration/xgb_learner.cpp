#include "calibration/xgb_learner.hpp"

#include <xgboost/c_api.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <utility>

namespace portsim::calibration {

namespace {

void check(int rc, const char* what) {
  if (rc != 0) throw std::runtime_error(std::string("xgboost: ") + what + ": " + XGBGetLastError());
}

/// A DMatrix of x (row-major floats), freed at scope exit.
class Matrix {
 public:
  explicit Matrix(const std::vector<std::vector<double>>& x, std::size_t features) {
    std::vector<float> data;
    data.reserve(x.size() * features);
    for (const auto& row : x) {
      if (row.size() != features) throw std::invalid_argument("xgboost: rows of different lengths");
      for (double v : row) data.push_back(static_cast<float>(v));
    }
    check(XGDMatrixCreateFromMat(data.data(), x.size(), features, std::numeric_limits<float>::quiet_NaN(), &handle_),
          "creating the data matrix");
  }
  ~Matrix() { XGDMatrixFree(handle_); }
  Matrix(const Matrix&) = delete;
  Matrix& operator=(const Matrix&) = delete;
  DMatrixHandle get() const { return handle_; }

 private:
  DMatrixHandle handle_ = nullptr;
};

}  // namespace

XgbLearner XgbLearner::fit(const std::vector<std::vector<double>>& x, const std::vector<double>& y,
                           const XgbSettings& s) {
  if (x.empty() || x.size() != y.size()) throw std::invalid_argument("xgboost: need as many targets as rows, at least one");
  XgbLearner l;
  l.features_ = x.front().size();
  const Matrix m(x, l.features_);
  std::vector<float> labels(y.begin(), y.end());
  check(XGDMatrixSetFloatInfo(m.get(), "label", labels.data(), labels.size()), "setting the labels");
  DMatrixHandle mats[1] = {m.get()};
  BoosterHandle b = nullptr;
  check(XGBoosterCreate(mats, 1, &b), "creating the booster");
  l.booster_ = b;
  const std::pair<const char*, std::string> params[] = {
      {"objective", "reg:absoluteerror"},
      {"nthread", "1"},
      {"seed", "0"},
      {"tree_method", "hist"},
      {"max_depth", std::to_string(s.max_depth)},
      {"eta", std::to_string(s.eta)},
      {"min_child_weight", std::to_string(s.min_child_weight)},
      {"subsample", std::to_string(s.subsample)},
      {"verbosity", "0"},
  };
  for (const auto& [key, value] : params) check(XGBoosterSetParam(b, key, value.c_str()), key);
  // Start from the targets' median (the absolute-error optimum of a constant), not XGBoost's 0.5.
  std::vector<double> sorted(y);
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2), sorted.end());
  check(XGBoosterSetParam(b, "base_score", std::to_string(sorted[sorted.size() / 2]).c_str()), "base_score");
  for (int i = 0; i < s.rounds; ++i) check(XGBoosterUpdateOneIter(b, i, m.get()), "a boosting round");
  return l;
}

XgbLearner::XgbLearner(XgbLearner&& other) noexcept
    : booster_(std::exchange(other.booster_, nullptr)), features_(other.features_) {}

XgbLearner& XgbLearner::operator=(XgbLearner&& other) noexcept {
  if (this != &other) {
    if (booster_ != nullptr) XGBoosterFree(booster_);
    booster_ = std::exchange(other.booster_, nullptr);
    features_ = other.features_;
  }
  return *this;
}

XgbLearner::~XgbLearner() {
  if (booster_ != nullptr) XGBoosterFree(booster_);
}

std::vector<double> XgbLearner::predict(const std::vector<std::vector<double>>& x) const {
  if (x.empty()) return {};
  const Matrix m(x, features_);
  bst_ulong n = 0;
  const float* out = nullptr;
  check(XGBoosterPredict(booster_, m.get(), 0, 0, 0, &n, &out), "predicting");
  return {out, out + n};
}

}  // namespace portsim::calibration
