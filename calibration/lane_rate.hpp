// A booth or lane service rate read from saturated hours (hours that kept a queue all hour, so the
// lanes open worked the whole hour and the volume processed is their capacity), with its bootstrap
// spread: the truck lanes of fit-lane-rates and the passenger lanes of transfer-lanes share it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace portsim::calibration {

struct PooledRate {
  double rate = 0;  // sum of volumes / sum of lanes open over the hours (0 when no lane)
  double sd = 0;    // standard deviation over bootstrap resamples of the hours (0 for one hour)
};

/// `volume[h]` and `lanes[h]` are indexed by the values of `hours`; the bootstrap draws `resamples`
/// resamples of `hours` from stream `stream` of `seed` (replication 0).
PooledRate pooled_lane_rate(const std::vector<double>& volume, const std::vector<double>& lanes, const std::vector<int>& hours,
                            std::uint64_t seed, const std::string& stream, int resamples = 1000);

}  // namespace portsim::calibration
