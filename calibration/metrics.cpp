#include "calibration/metrics.hpp"

#include <cmath>

namespace portsim::calibration {

Metrics metrics(const std::vector<double>& obs, const std::vector<double>& pred) {
  Metrics m;
  m.hours = obs.size();
  if (obs.empty()) return m;
  double so = 0, sp = 0;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    const double e = pred[i] - obs[i];
    m.mae += std::fabs(e);
    m.rmse += e * e;
    m.bias += e;
    so += obs[i];
    sp += pred[i];
  }
  const double n = static_cast<double>(obs.size());
  m.mae /= n;
  m.rmse = std::sqrt(m.rmse / n);
  m.bias /= n;
  const double mo = so / n, mp = sp / n;
  double cov = 0, vo = 0, vp = 0;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    cov += (obs[i] - mo) * (pred[i] - mp);
    vo += (obs[i] - mo) * (obs[i] - mo);
    vp += (pred[i] - mp) * (pred[i] - mp);
  }
  m.correlation = vo > 0 && vp > 0 ? cov / std::sqrt(vo * vp) : 0;
  return m;
}

}  // namespace portsim::calibration
