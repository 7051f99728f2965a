#include "sim/kernel/bootstrap.hpp"

#include <algorithm>
#include <cmath>

#include "sim/kernel/random.hpp"

namespace portsim::kernel {

Interval bootstrap_mean_interval(const std::vector<double>& xs, double level, std::uint64_t seed, int resamples) {
  Rng rng(splitmix64(seed));
  const std::size_t n = xs.size();
  std::vector<double> means(static_cast<std::size_t>(std::max(1, resamples)));
  for (double& m : means) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += xs[static_cast<std::size_t>(uniform01(rng) * static_cast<double>(n)) % n];
    m = sum / static_cast<double>(n);
  }
  std::sort(means.begin(), means.end());
  const double tail = (1 - level) / 2;
  const auto at = [&](double p) {
    const double pos = p * static_cast<double>(means.size() - 1);
    return means[static_cast<std::size_t>(std::lround(pos))];
  };
  return {at(tail), at(1 - tail)};
}

}  // namespace portsim::kernel
