#include "calibration/lane_rate.hpp"

#include <algorithm>

#include "sim/kernel/random.hpp"
#include "sim/kernel/statistics.hpp"

namespace portsim::calibration {

namespace {
double pooled(const std::vector<double>& volume, const std::vector<double>& lanes, const std::vector<int>& hours) {
  double v = 0, l = 0;
  for (int h : hours) {
    v += volume[static_cast<std::size_t>(h)];
    l += lanes[static_cast<std::size_t>(h)];
  }
  return l > 0 ? v / l : 0.0;
}
}  // namespace

PooledRate pooled_lane_rate(const std::vector<double>& volume, const std::vector<double>& lanes, const std::vector<int>& hours,
                            std::uint64_t seed, const std::string& stream, int resamples) {
  PooledRate out;
  out.rate = pooled(volume, lanes, hours);
  if (hours.size() < 2) return out;
  kernel::Rng rng = kernel::RandomStreams(seed).stream(stream);
  kernel::Tally rates(false);
  std::vector<int> sample(hours.size());
  for (int b = 0; b < resamples; ++b) {
    for (int& h : sample) {
      h = hours[std::min(hours.size() - 1, static_cast<std::size_t>(kernel::uniform01(rng) * static_cast<double>(hours.size())))];
    }
    rates.add(pooled(volume, lanes, sample));
  }
  out.sd = rates.stddev();
  return out;
}

}  // namespace portsim::calibration
