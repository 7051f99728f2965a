// Common random numbers: every simulation of a day (each objective evaluation, each replication
// of the base-wait fit, each prediction) draws from the streams of one key, (model seed, the
// day's date, replication), so that two parameter vectors are compared on the same randomness.
// crn_key is the one place that key is built.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/port/checkpoint.hpp"

namespace portsim::calibration {

struct CrnKey {
  std::uint64_t seed = 0;         // the model's seed
  std::uint64_t day = 0;          // day_key of the date
  std::uint64_t replication = 0;  // 0 for the objective
};

/// FNV-1a of the date's characters from this start value. (The standard offset basis with its
/// last digit missing: kept, because every calibrated result in results/ was drawn with it.)
inline constexpr std::uint64_t day_key_basis = 1469598103934665603ull;
std::uint64_t day_key(std::string_view date);

/// The key of replication `replication` of the day `date` (ISO yyyy-mm-dd, or a label).
CrnKey crn_key(std::uint64_t seed, std::string_view date, std::uint64_t replication = 0);

/// port::simulate_checkpoint_day of `hours` with the streams of `key`.
std::vector<port::HourOutput> simulate_day(const std::vector<port::HourInput>& hours, const port::CheckpointParams& p,
                                           const CrnKey& key);

}  // namespace portsim::calibration
