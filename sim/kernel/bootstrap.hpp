// The percentile bootstrap interval of a mean: resamples of the observations with replacement,
// drawn by a fixed generator so that the interval is reproducible. It stays within the range of
// the observations, so a KPI bounded below (a count, a time) or on both sides (a share) gets an
// interval inside its bounds, where a Student-t interval around a mean near a bound may cross it.
#pragma once

#include <cstdint>
#include <vector>

namespace portsim::kernel {

struct Interval {
  double low = 0;
  double high = 0;
};

/// Resamples the percentile bootstrap uses by default.
inline constexpr int bootstrap_resamples = 2000;

/// The central `level` interval of the means of `resamples` resamples of xs (each of xs.size()
/// draws with replacement), the generator seeded by `seed`. Precondition: xs not empty.
Interval bootstrap_mean_interval(const std::vector<double>& xs, double level, std::uint64_t seed,
                                 int resamples = bootstrap_resamples);

}  // namespace portsim::kernel
