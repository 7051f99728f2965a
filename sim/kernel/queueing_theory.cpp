#include "sim/kernel/queueing_theory.hpp"

#include <cmath>
#include <stdexcept>

namespace portsim::kernel::queueing {

double erlang_b(int servers, double a) {
  if (servers < 0 || a < 0) throw std::invalid_argument("erlang_b: servers and load must be >= 0");
  double b = 1.0;  // recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1))
  for (int k = 1; k <= servers; ++k) b = a * b / (k + a * b);
  return b;
}

double erlang_c(int servers, double a) {
  if (servers < 1 || !(a < servers)) throw std::invalid_argument("erlang_c: needs load < servers");
  const double b = erlang_b(servers, a);
  return servers * b / (servers - a * (1 - b));
}

double mmc_mean_wait(int servers, double lambda, double mu) {
  const double a = lambda / mu;
  return erlang_c(servers, a) / (servers * mu - lambda);
}

double mg1_mean_wait(double lambda, double s_mean, double s_var) {
  const double rho = lambda * s_mean;
  if (!(rho < 1)) throw std::invalid_argument("mg1_mean_wait: needs rho < 1");
  return lambda * (s_var + s_mean * s_mean) / (2 * (1 - rho));
}

std::vector<double> cobham_mean_waits(const std::vector<double>& lambdas,
                                      const std::vector<double>& means,
                                      const std::vector<double>& second_moments) {
  double w0 = 0;
  for (std::size_t i = 0; i < lambdas.size(); ++i) w0 += lambdas[i] * second_moments[i] / 2;
  std::vector<double> waits;
  double sigma_prev = 0;
  for (std::size_t i = 0; i < lambdas.size(); ++i) {
    const double sigma = sigma_prev + lambdas[i] * means[i];
    if (!(sigma < 1)) throw std::invalid_argument("cobham_mean_waits: needs total load < 1");
    waits.push_back(w0 / ((1 - sigma_prev) * (1 - sigma)));
    sigma_prev = sigma;
  }
  return waits;
}

double mmck_blocking(int c, int k, double a) {
  if (c < 1 || k < c) throw std::invalid_argument("mmck_blocking: needs 1 <= servers <= capacity");
  // Unnormalised state probabilities p_n.
  std::vector<double> p(static_cast<std::size_t>(k) + 1);
  p[0] = 1;
  for (int n = 1; n <= k; ++n) {
    p[static_cast<std::size_t>(n)] = p[static_cast<std::size_t>(n - 1)] * a / std::min(n, c);
  }
  double total = 0;
  for (double x : p) total += x;
  return p.back() / total;
}

}  // namespace portsim::kernel::queueing
