// Mutations of a batch's run files (runs/p<point>-r<replication>.json): numbers anywhere
// (also the KPI values written as strings), a key deleted or renamed, the replication, point,
// seed or scenario hash changed to another valid-looking value, one KPI edited, the outcome text
// changed. With the generic text operations (truncation, odd bytes, an empty file) these are the
// ways a stored run can be damaged or swapped.
#pragma once

#include <string>
#include <vector>

#include "tests/fuzz/fuzz_rng.hpp"

namespace portsim::fuzz {

using JsonOp = std::string (*)(std::string& text, FuzzRng& rng);

const std::vector<JsonOp>& json_ops();

}  // namespace portsim::fuzz
