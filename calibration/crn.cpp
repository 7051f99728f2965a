#include "calibration/crn.hpp"

#include "sim/kernel/random.hpp"

namespace portsim::calibration {

std::uint64_t day_key(std::string_view date) { return kernel::fnv1a(date, day_key_basis); }

CrnKey crn_key(std::uint64_t seed, std::string_view date, std::uint64_t replication) {
  return {seed, day_key(date), replication};
}

std::vector<port::HourOutput> simulate_day(const std::vector<port::HourInput>& hours, const port::CheckpointParams& p,
                                           const CrnKey& key) {
  return port::simulate_checkpoint_day(hours, p, key.seed, key.day, key.replication);
}

}  // namespace portsim::calibration
